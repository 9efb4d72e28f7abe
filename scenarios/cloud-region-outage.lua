-- scenarios/cloud-region-outage.lua
-- A major cloud region (AWS us-east-1 by default) is down for a number of
-- hours. Nothing crashes on the organisations' own fleets: the outage
-- travels along the dependency graph (models/vendors.lua) to the SaaS
-- providers hosted there and to the organisations that depend on either,
-- whose operating capacity drops by each dependency's impact weight unless a
-- redundant alternative is up. Losses are dependent business interruption.
-- Public anchors: AWS us-east-1 outages of 7 Dec 2021 (about 7 hours of
-- impaired service, AWS post-event summary) and 20 Oct 2025 (DynamoDB DNS,
-- about 15 hours to full recovery); see docs/scenarios/provider-outages.md.

local base = require "scenario_base"
local vendors = require "vendors"

local CAT = base.category(vendors, "cloud")

local P = params(base.merge(base.failover_params(CAT, "a second cloud region"), {
  outage_hours = {
    default = 10, range = { 0.5, 240 }, unit = "hours",
    description = "how long the region is down",
    source = "AWS post-event summaries: 7 Dec 2021 us-east-1 ~7 h of impairment; 20 Oct 2025 ~15 h to full recovery; 10 h is between the two",
  },
  fleet_endpoints = {
    default = 22.0e6, range = { 1e3, 1e9 }, unit = "endpoints",
    description = "endpoints of the organisations modelled (the reference scenario's fleet)",
    source = "scenarios/crowdstrike-2024.lua (calibration input)",
  },
  annual_rate = {
    default = 0.5, range = { 0, 10 }, unit = "events per year",
    description = "how often a major region outage like this happens",
    source = "assumption: AWS us-east-1 had major multi-hour outages in 2011, 2017, 2020, 2021 and 2025, about one every two to three years for this region; 0.5 per year for any top region",
  },
}))

-- Region outages start on a weekday morning in the US East.
local start_h = 14 -- 14:00 UTC = 10:00 EDT
local function iso(h)
  return string.format("2024-07-16T%02d:%02d:00Z", math.floor(h) % 24, math.floor((h % 1) * 60))
end
local function plus(h)
  -- ISO time h hours after 2024-07-16T00:00:00Z (within the two weeks simulated)
  local day = 16 + math.floor(h / 24)
  local hh = h % 24
  return string.format("2024-07-%02dT%02d:%02d:00Z", day, math.floor(hh), math.floor((hh % 1) * 60 + 0.5) % 60)
end

return {
  name = "cloud-region-outage",
  description = "A major cloud region is down for several hours; the outage reaches organisations through the SaaS they use and the workloads they run there.",
  start = "2024-07-16T00:00:00Z",
  duration_hours = 7 * 24,
  seed = 20211207,
  params = P,
  fleet = base.fleet(P.fleet_endpoints),
  incident = {
    kind = "provider_outage",
    provider = "aws-us-east-1",
    start = iso(start_h),
    ["end"] = plus(start_h + P.outage_hours),
  },
  remediation = base.remediation(),
  graph = base.graph_with(vendors, { cloud = { redundancy = P.failover_share, failover_hours = P.failover_hours } }),
  costs = base.costs,
  outputs = { tick_minutes = 10 },
}
