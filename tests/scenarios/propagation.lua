-- tests/scenarios/propagation.lua
-- A hand-built dependency chain for the propagation test: provider "root"
-- is down from 10:00 to 20:00; "app-a" depends on it (hard, 0.5 h delay);
-- every organisation depends on app-a (category app: weight 0.8, delay
-- 0.25 h). So each organisation is impaired from 10.75 h to 20.75 h at
-- capacity 0.2. Organisations also pick one of "red-1"/"red-2" (category
-- red, redundant pairs): red-1 is down too, through "root", but red-2 is
-- not, so the redundant group never fails, unless switching over takes
-- time (failover > 0: the group is down while organisations whose red-1
-- is the provider in use switch to red-2).

local base = require "scenario_base"

local P = params {
  endpoints = { default = 5000, range = { 100, 1e6 }, unit = "endpoints", description = "fleet size" },
  failover = { default = 0, range = { 0, 48 }, unit = "hours", description = "red's failover_hours" },
}

return {
  name = "propagation",
  description = "Hand-built chain and any-of group for the propagation test.",
  start = "2024-07-16T00:00:00Z",
  duration_hours = 48,
  seed = 3,
  params = P,
  fleet = base.fleet(P.endpoints),
  incident = {
    kind = "provider_outage", provider = "root",
    start = "2024-07-16T10:00:00Z", ["end"] = "2024-07-16T20:00:00Z",
  },
  remediation = base.remediation(),
  graph = {
    categories = {
      { id = "infra", weight = 0.5, delay_hours = 0 },
      { id = "app", weight = 0.8, delay_hours = 0.25 },
      { id = "red", weight = 0.9, delay_hours = 0.1, redundancy = 1.0, failover_hours = P.failover },
    },
    vendors = {
      { id = "root", category = "infra" },
      { id = "app-a", category = "app", market_share = { default = 1.0 } },
      { id = "red-1", category = "red", market_share = { default = 0.5 } },
      { id = "red-2", category = "red", market_share = { default = 0.5 } },
    },
    edges = {
      { dependent = "app-a", provider = "root", kind = "hard", weight = 1.0, delay_hours = 0.5 },
      { dependent = "red-1", provider = "root", kind = "hard", weight = 1.0, delay_hours = 0 },
    },
    synthesis = { organisations = true },
  },
  costs = base.costs,
  outputs = { tick_minutes = 10 },
}
