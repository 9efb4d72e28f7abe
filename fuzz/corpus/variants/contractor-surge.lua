-- scenarios/whatif/contractor-surge.lua
-- Half of the organisations call on contractors or their MSP, who share
-- a pool of half their clients' own IT staff: it runs out when every
-- client calls at once.
return {
  name = "contractor-surge",
  description = "Half of the organisations hold a surge contract; the region's contractors (half their clients' own IT staff) are shared first come first served, on site 4 hours after diagnosis",
  set = { contractor_share = 0.5, contractor_pool = 0.5, contractor_after_hours = 4 },
  source = "assumptions (models/scenario_base.lua lever_params): the share holding a contract, the pool's size and the dispatch time; on 19 July MSPs and contractors were overwhelmed by every client at once (press reports)",
}
