-- tests/scenarios/tiny.lua
at(-1, function(s) end); on("publsh", function(s) end)
-- A small valid scenario for the CLI tests: the real models, a fleet of
-- 20,000 endpoints and three days, so that a run takes a fraction of a
-- second. tests/test_scenario_errors.sh derives broken variants from it by
-- editing single lines, so keep one field per line where a test edits it.

local profiles   = require "online_profiles"
local classes    = require "endpoint_classes"
local industries = require "industries"
local platforms  = require "platforms"
local remedy     = require "remediation"

local P = params {
  staffing_factor = {
    default = 1.0, range = { 0.1, 10 }, unit = "multiplier",
    description = "multiplier on every organisation's remediation capacity",
  },
  poll_minutes = {
    default = 5, range = { 0, 600 }, unit = "minutes",
    description = "mean time for an online sensor to fetch a new channel file",
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
  name = "tiny",
  description = "Test scenario: a small fleet and a faulty update.",
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
    affected_version_share = 0.95,
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

  outputs = { tick_minutes = 10 },
}
