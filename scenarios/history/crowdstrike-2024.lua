-- scenarios/history/crowdstrike-2024.lua
-- The reference event in the history library: the facts of 19 July 2024
-- (vendor, platform, the faulty file's publish and revert times, the
-- published workaround) on the shared model, with the reference's
-- calibrated values from models/scenario_base.lua (base.reference). Its
-- observations (crowdstrike-2024.obs.lua) calibrated that model: the
-- scoreboard shows them and never counts them as evidence.
-- scenarios/crowdstrike-2024.lua is the same event with its knobs as
-- parameters, for what-if runs.

local base = require "scenario_base"
local remedy = require "remediation"
local graph = require "vendors"
local ref = base.reference

local fleet = base.fleet(ref.fleet_endpoints)
fleet.non_customers = true

return {
  name = "crowdstrike-2024",
  description = "Faulty endpoint-agent content update, Friday 19 July 2024: Windows hosts online between 04:09 and 05:27 UTC crash into a boot loop and are fixed by hand.",
  start = "2024-07-19T00:00:00Z",
  duration_hours = 14 * 24,
  seed = 20240719,
  fleet = fleet,
  incident = {
    kind = "faulty_update",
    vendor = "crowdstrike",
    platform = "windows",
    affected_version_share = ref.affected_version_share,
    publish = "2024-07-19T04:09:00Z", -- vendor PIR: channel file 291 released
    pull = "2024-07-19T05:27:00Z",    -- vendor PIR: reverted 78 minutes later
    poll_minutes = ref.poll_minutes,
    crash_probability = 1.0,          -- vendor PIR: every host that loaded it was susceptible
    guidance = "2024-07-19T06:30:00Z", -- vendor tech alert with the manual workaround
  },
  remediation = base.remediation(remedy.tools_2024, ref.staffing_factor),
  costs = base.costs,
  graph = graph,
  outputs = { tick_minutes = 10 },
}
