-- scenarios/whatif/content-pinning.lua
-- A quarter of the customers take content updates a day late (N-1).
return {
  name = "content-pinning",
  description = "A quarter of the customers take content updates 24 hours late (N-1 content)",
  set = { pin_share = 0.25, pin_hours = 24 },
  source = "Vendor root-cause analysis (6 Aug 2024): customers get control over when rapid-response content is delivered; the take-up (25%) and the delay (24 h) are assumptions",
}
