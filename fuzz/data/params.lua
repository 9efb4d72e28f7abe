-- fuzz/data/params.lua: the scenario of the set_param harness (fuzz/set_param.c):
-- tests/scenarios/sweep.lua with more kinds of parameters for --set and
-- --param to name: an integer one, a narrow range, a range around zero and
-- a wide one. Only the first three change the scenario.

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
  teams = {
    default = 3, range = { 1, 12 }, unit = "teams", integer = true,
    description = "an integer parameter",
  },
  narrow = {
    default = 0.5, range = { 0.4999, 0.5001 }, unit = "share",
    description = "a narrow range",
  },
  offset = {
    default = 0, range = { -50, 50 }, unit = "hours",
    description = "a range around zero",
  },
  wide = {
    default = 1, range = { -1e300, 1e300 }, unit = "usd",
    description = "a wide range",
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
  name = "fuzz-params",
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
