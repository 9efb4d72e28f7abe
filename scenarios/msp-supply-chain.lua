-- scenarios/msp-supply-chain.lua
-- A remote monitoring and management (RMM) tool used by managed service
-- providers pushes a destructive payload (ransomware, a wiper) through the
-- MSPs that run it to their customers' Windows endpoints that are online.
-- Hit machines are rebuilt or restored by hand (reimage_factor x the usual
-- fix time) and rebooting does not help. Public anchor: the Kaseya VSA
-- attack of 2 Jul 2021 (REvil): ~60 MSPs and 800-1,500 downstream
-- businesses (Kaseya), a Friday before a US holiday weekend.

local base = require "scenario_base"
local vendors = require "vendors"

local P = params {
  reach = {
    default = base.supply_chain.reach, range = { 0, 1 }, unit = "share",
    description = "share of a hit customer's Windows endpoints that the payload reaches while online",
    source = "assumption: RMM agents run on most managed endpoints; Kaseya 2021 victims (e.g. Coop Sweden's 800 stores) lost most of their tills",
  },
  reimage_factor = {
    default = base.supply_chain.reimage_factor, range = { 1, 20 }, unit = "multiplier",
    description = "hands-on time to rebuild or restore a machine, relative to the reference fix",
    source = "assumption: reimaging or restoring from backup takes hours, not the 5-20 minutes of deleting one file",
  },
  fleet_endpoints = {
    default = 22.0e6, range = { 1e3, 1e9 }, unit = "endpoints",
    description = "endpoints of the organisations modelled (the reference scenario's fleet)",
    source = "scenarios/crowdstrike-2024.lua (calibration input)",
  },
  annual_rate = {
    default = 0.2, range = { 0, 10 }, unit = "events per year",
    description = "how often an RMM supply-chain attack of this reach happens",
    source = "assumption: Kaseya VSA 2021 and SolarWinds Orion 2020 in about a decade of mass RMM use",
  },
}

return {
  name = "msp-supply-chain",
  description = "An RMM tool used by managed service providers pushes a destructive payload to their customers' online Windows endpoints.",
  start = "2021-07-02T00:00:00Z",
  duration_hours = 14 * 24,
  seed = 20210702,
  params = P,
  fleet = base.fleet(P.fleet_endpoints),
  incident = {
    kind = "supply_chain",
    provider = "kaseya-vsa",
    platform = "windows",
    affected_version_share = P.reach,
    publish = "2021-07-02T18:00:00Z", -- Friday afternoon US East (Kaseya: ~14:00 EDT)
    pull = "2021-07-02T20:30:00Z",    -- VSA servers shut down on Kaseya's advice
    poll_minutes = 10,
    crash_probability = 1.0,
    reimage_factor = P.reimage_factor,
    guidance = "2021-07-03T06:00:00Z",
  },
  remediation = base.remediation({}),
  graph = vendors,
  costs = base.costs,
  outputs = { tick_minutes = 10 },
}
