-- tests/scenarios/provider-fleet.lua
-- A provider with a fleet of its own: "app-a" runs on 2,000 endpoints in
-- India (online in the 04:09 UTC window) with the faulty agent, so it goes
-- down with its endpoints and every organisation (all depend on it) loses
-- capacity through it: dependent BI. With --set agent_runs=0 it runs
-- another agent and nobody loses anything through it.

local base = require "scenario_base"

local P = params {
  endpoints = { default = 20000, range = { 100, 1e6 }, unit = "endpoints", description = "fleet size" },
  agent_runs = { default = 1, range = { 0, 1 }, integer = true, unit = "switch",
                 description = "1: app-a runs the faulty agent" },
}

return {
  name = "provider-fleet",
  description = "A provider whose own fleet runs the faulty agent.",
  start = "2024-07-19T00:00:00Z",
  duration_hours = 96,
  seed = 11,
  params = P,
  fleet = base.fleet(P.endpoints),
  incident = {
    kind = "faulty_update", vendor = "crowdstrike", platform = "windows",
    affected_version_share = 1.0, publish = "2024-07-19T04:09:00Z", pull = "2024-07-19T05:27:00Z",
    poll_minutes = 5, crash_probability = 1.0, guidance = "2024-07-19T06:30:00Z",
  },
  remediation = base.remediation(),
  graph = {
    categories = { { id = "app", weight = 0.5, delay_hours = 0.25 } },
    vendors = {
      { id = "app-a", category = "app", market_share = { default = 1.0 },
        fleet = { industry = "software_it", region = "india", endpoints = 2000,
                  agent = P.agent_runs == 1 and "crowdstrike" or "other" } },
    },
    edges = {},
    synthesis = { organisations = true },
  },
  costs = base.costs,
  outputs = { tick_minutes = 10 },
}
