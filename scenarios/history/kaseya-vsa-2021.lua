-- scenarios/history/kaseya-vsa-2021.lua
-- REvil ransomware pushed through Kaseya VSA, Friday 2 July 2021: the
-- payload went out as a VSA update from compromised on-premises servers
-- to the endpoints of the managed service providers' clients. Facts: the
-- tool, the platform, the day and hour of the push, Kaseya's order to shut
-- the VSA servers down, the detection tool of 3 July. What the payload
-- reaches and how long a rebuild takes are the shared model's
-- (models/scenario_base.lua, base.supply_chain), not fitted to this event.

local base = require "scenario_base"
local graph = require "vendors"
local sc = base.supply_chain

return {
  name = "kaseya-vsa-2021",
  description = "Ransomware pushed through an IT management tool (Kaseya VSA) on Friday 2 July 2021 to the managed service providers' client endpoints; machines rebuilt or restored by hand.",
  start = "2021-07-02T00:00:00Z",
  duration_hours = 14 * 24,
  seed = 20210702,
  fleet = base.fleet(base.reference.fleet_endpoints),
  incident = {
    kind = "supply_chain",
    provider = "kaseya-vsa",
    platform = "windows",
    affected_version_share = sc.reach,
    -- Friday afternoon US East (press: about 14:00 EDT; not confirmed to the minute)
    publish = "2021-07-02T18:00:00Z",
    -- Kaseya shut its SaaS down within about an hour of detection and told
    -- on-premises customers to shut their VSA servers down at once
    pull = "2021-07-02T20:30:00Z",
    poll_minutes = 10,
    crash_probability = 1.0,
    reimage_factor = sc.reimage_factor,
    guidance = "2021-07-03T06:00:00Z", -- compromise-detection tool sent to ~900 customers on 3 July (AP)
  },
  remediation = base.remediation({}),
  costs = base.costs,
  graph = graph,
  outputs = { tick_minutes = 10 },
}
