-- scenarios/whatif/two-vendors.lua
-- Every customer splits its estate between two endpoint vendors.
return {
  name = "two-vendors",
  description = "Every customer runs a second endpoint vendor on half of its endpoints",
  set = { second_vendor_share = 1, second_vendor_split = 0.5 },
  source = "assumption: an even split by every customer, the upper bound of vendor diversity",
}
