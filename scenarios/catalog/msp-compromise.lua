-- scenarios/catalog/msp-compromise.lua
-- Catalogue family "msp_compromise" (models/catalog/default.lua): an IT
-- management (RMM) tool used by managed service providers (the k-th by id
-- of the graph's rmm category, `provider`) pushes a destructive payload
-- (ransomware) to their customers' online Windows endpoints, as in
-- scenarios/msp-supply-chain.lua (Kaseya VSA, July 2021).

local cb = require "catalog_base"
local base = require "scenario_base"

local list = cb.providers("rmm")
local P = params(base.merge(cb.common(), {
  provider = cb.pick(#list, "RMM tool"),
  reach = {
    default = base.supply_chain.reach, range = { 0, 1 }, unit = "share",
    description = "share of a hit customer's Windows endpoints that the payload reaches while online",
    source = "scenarios/msp-supply-chain.lua (assumption)",
  },
  reimage_factor = {
    default = base.supply_chain.reimage_factor, range = { 1, 20 }, unit = "multiplier",
    description = "hands-on time to rebuild or restore a machine, relative to the reference fix",
    source = "scenarios/msp-supply-chain.lua (assumption)",
  },
  active_hours = {
    default = 2.5, range = { 0.25, 48 }, unit = "hours",
    description = "how long the tool pushes the payload before it is shut down",
    source = "Kaseya 2 Jul 2021: VSA servers shut down about 2.5 h after the attack began (scenarios/msp-supply-chain.lua)",
  },
}))

local t0 = P.start_hour
return {
  name = "catalog-msp-compromise",
  description = "An RMM tool of managed service providers pushes ransomware to their customers' endpoints.",
  start = cb.start,
  duration_hours = cb.duration_hours,
  seed = 20210702,
  params = P,
  fleet = base.fleet(P.fleet_endpoints),
  incident = {
    kind = "supply_chain",
    provider = list[P.provider],
    platform = "windows",
    affected_version_share = P.reach,
    publish = cb.at(t0),
    pull = cb.at(t0 + P.active_hours),
    poll_minutes = 10,
    crash_probability = 1.0,
    reimage_factor = P.reimage_factor,
    guidance = cb.at(t0 + P.active_hours + 10),
  },
  remediation = base.remediation({}),
  graph = require "vendors",
  costs = base.costs,
  outputs = { tick_minutes = 30 },
}
