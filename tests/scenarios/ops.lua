-- tests/scenarios/ops.lua
-- The operations layer's test scenario: tests/scenarios/sweep.lua with an
-- operations block for airlines (a backlog that outlives the IT outage,
-- flights as the unit) and for manufacturing (work made up later). The
-- figures are test values, not calibrated ones.

local profiles   = require "online_profiles"
local classes    = require "endpoint_classes"
local industries = require "industries"
local platforms  = require "platforms"
local remedy     = require "remediation"
local base_costs = require "costs"

-- A copy of the model's costs with the test's operations blocks.
local function copy(t)
  local out = {}
  for k, v in pairs(t) do out[k] = type(v) == "table" and copy(v) or v end
  return out
end
local costs = copy(base_costs)
costs.industries.airlines.operational_tail = nil
costs.industries.airlines.operations = {
  fallback = 0.2,
  paused_below = 0.7,
  backlog = { build_per_hour = 0.03, drain_per_hour = 0.008 },
  unit = { name = "flights", revenue_usd = 40000 },
}
costs.industries.manufacturing.operational_tail = nil
costs.industries.manufacturing.operations = {
  fallback = 0.3,
  paused_below = 0.5,
  makeup = { share = 0.8, cost = 0.25 },
}

local P = params {
  staffing_factor = {
    default = 1.0, range = { 0.1, 10 }, unit = "multiplier",
    description = "multiplier on every organisation's remediation capacity",
  },
  poll_minutes = {
    default = 5, range = { 0, 600 }, unit = "minutes",
    description = "mean time for an online sensor to fetch a new channel file",
  },
  affected_share = {
    default = 0.76, range = { 0, 1 }, unit = "share",
    description = "affected sensors, before the test's factor of 1.25 (fails above 0.8)",
  },
}

-- Only the regions that models/industries.lua weighs, so that its
-- region_weights stay valid.
local regions = {
  { id = "us_pacific", utc_offset_hours = -7, share = 0.15 },
  { id = "us_mountain_central", utc_offset_hours = -5, share = 0.2 },
  { id = "us_east", utc_offset_hours = -4, share = 0.3 },
  { id = "uk_ireland", utc_offset_hours = 1, share = 0.2 },
  { id = "middle_east", utc_offset_hours = 3.5, weekend = { "fri", "sat" }, share = 0.05 },
  { id = "india", utc_offset_hours = 5.5, share = 0.1 },
}

return {
  name = "ops-test",
  description = "Operations test scenario: a small fleet, a faulty update, costs, operations.",
  start = "2024-07-19T00:00:00Z",
  duration_hours = 72,
  seed = 7,
  params = P,

  fleet = {
    endpoints = 20000,
    regions = regions,
    online_profiles = profiles,
    classes = classes.list,
    industries = industries.list,
    platforms = platforms,
  },

  incident = {
    kind = "faulty_update",
    vendor = "crowdstrike",
    platform = "windows",
    affected_version_share = P.affected_share * 1.25,
    publish = "2024-07-19T04:09:00Z",
    pull = "2024-07-19T05:27:00Z",
    poll_minutes = P.poll_minutes,
    crash_probability = 1.0,
    guidance = "2024-07-19T06:30:00Z",
  },

  remediation = {
    staffing_factor = P.staffing_factor,
    surge_ramp_hours = remedy.response.surge_ramp_hours,
    crisis_night_share = remedy.response.crisis_night_share,
    key_minutes = remedy.response.key_minutes,
    key_minutes_escrow_down = remedy.response.key_minutes_escrow_down,
    oncall_response_minutes = remedy.response.oncall_response_minutes,
    min_team = remedy.response.min_team,
    travel_minutes = remedy.travel_minutes,
    tail = remedy.tail,
    tools = remedy.tools_2024,
  },

  costs = costs,
  outputs = { tick_minutes = 10 },
}
