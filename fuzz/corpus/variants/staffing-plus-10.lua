-- scenarios/whatif/staffing-plus-10.lua
-- Ten percent more remediation capacity everywhere (the variance
-- reduction target of issue 15 is measured on it).
return {
  name = "staffing-plus-10",
  description = "Every organisation's remediation capacity 10% higher",
  set = { staffing_factor = 1.1 },
  source = "assumption: a 10% change, the yardstick of docs/WHATIF.md's variance reduction",
}
