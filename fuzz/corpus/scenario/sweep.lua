-- tests/scenarios/sweep.lua
-- The sweep tests' scenario: tests/scenarios/tiny.lua (20,000 endpoints,
-- three days, a fraction of a second per run) with costs, and a third
-- parameter, affected_share, that the incident scales by 1.25: above 0.8 the
-- incident's affected_version_share leaves [0, 1] and the scenario fails to
-- load, which is how the tests get a failing task at one parameter value.

local profiles   = require "online_profiles"
local classes    = require "endpoint_classes"
local industries = require "industries"
local platforms  = require "platforms"
local remedy     = require "remediation"
local costs      = require "costs"

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
  name = "sweep-test",
  description = "Sweep test scenario: a small fleet, a faulty update, costs.",
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
