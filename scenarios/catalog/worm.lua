-- scenarios/catalog/worm.lua
-- Catalogue family "worm" (models/catalog/default.lua): a destructive worm
-- (wiper) enters the organisations behind a managed service provider (the
-- k-th by id of the graph's msp category, `provider`) and crosses provider
-- links to others, as NotPetya did in 2017 (scenarios/history/
-- notpetya-2017.lua enters through named companies instead).

local cb = require "catalog_base"
local base = require "scenario_base"

local list = cb.providers("msp")
local P = params(base.merge(cb.common(), {
  provider = cb.pick(#list, "managed service provider"),
  reach = {
    default = base.worm.reach, range = { 0, 1 }, unit = "share",
    description = "share of an entered organisation's Windows endpoints the worm reaches",
    source = "models/scenario_base.lua worm.reach (assumption)",
  },
  cross_probability = {
    default = base.worm.cross_probability, range = { 0, 1 }, unit = "probability",
    description = "chance the worm crosses a provider link",
    source = "models/scenario_base.lua worm.cross_probability (assumption)",
  },
  active_hours = {
    default = 22, range = { 1, 168 }, unit = "hours",
    description = "how long the worm spreads before it is contained",
    source = "NotPetya: 27 Jun 11:00 UTC to 28 Jun 09:00 UTC 2017 (scenarios/history/notpetya-2017.lua)",
  },
}))

local t0 = P.start_hour
return {
  name = "catalog-worm",
  description = "A destructive worm spreads from the customers of a managed service provider along provider links.",
  start = cb.start,
  duration_hours = cb.duration_hours,
  seed = 20170627,
  params = P,
  fleet = base.economy(P.fleet_endpoints),
  incident = {
    kind = "worm",
    entry = "provider",
    provider = list[P.provider],
    platform = "windows",
    affected_version_share = P.reach,
    publish = cb.at(t0),
    pull = cb.at(t0 + P.active_hours),
    poll_minutes = base.worm.spread_minutes,
    crash_probability = 1.0,
    reimage_factor = base.supply_chain.reimage_factor,
    cross_probability = P.cross_probability,
  },
  remediation = base.remediation({}),
  graph = require "vendors",
  costs = base.costs,
  outputs = { tick_minutes = 30 },
}
