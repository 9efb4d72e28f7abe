-- scenarios/history/fastly-2021.lua
-- Fastly, Tuesday 8 June 2021: a valid customer configuration change
-- triggered a latent bug and 85% of Fastly's network returned errors from
-- 09:47 UTC; 95% of the network was back to normal 49 minutes later
-- (Fastly's summary). Facts: the provider and those times. The economy
-- (base.economy), the dependency graph, the CDN category's impact weight
-- and redundancy are the shared model's.

local base = require "scenario_base"
local graph = require "vendors"

return {
  name = "fastly-2021",
  description = "Fastly's edge network returns errors from 09:47 to 10:36 UTC on 8 June 2021: the sites and services on it lose what depends on it.",
  start = "2021-06-08T00:00:00Z",
  duration_hours = 2 * 24,
  seed = 20210608,
  fleet = base.economy(base.reference.fleet_endpoints),
  incident = {
    kind = "provider_outage",
    provider = "fastly",
    start = "2021-06-08T09:47:00Z", -- Fastly: onset 09:47 UTC
    ["end"] = "2021-06-08T10:36:00Z", -- Fastly: 95% of the network normal within 49 minutes
  },
  remediation = base.remediation(),
  costs = base.costs,
  graph = graph,
  outputs = { tick_minutes = 5 },
}
