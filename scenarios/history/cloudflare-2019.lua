-- scenarios/history/cloudflare-2019.lua
-- Cloudflare, Tuesday 2 July 2019: a WAF rule with a runaway regular
-- expression, deployed globally at 13:42 UTC, exhausted the proxies' CPU
-- and they returned 502 errors until the WAF was disabled worldwide;
-- traffic was normal at 14:09 UTC (Cloudflare's post-mortem). Facts: the
-- provider and those times. The economy (base.economy), the dependency
-- graph, the CDN category's impact weight and redundancy are the shared
-- model's.

local base = require "scenario_base"
local graph = require "vendors"

return {
  name = "cloudflare-2019",
  description = "Cloudflare's proxies return errors from 13:42 to 14:09 UTC on 2 July 2019: the sites and services behind them lose what depends on them.",
  start = "2019-07-02T00:00:00Z",
  duration_hours = 2 * 24,
  seed = 20190702,
  fleet = base.economy(base.reference.fleet_endpoints),
  incident = {
    kind = "provider_outage",
    provider = "cloudflare",
    start = "2019-07-02T13:42:00Z", -- Cloudflare: the rule deployed
    ["end"] = "2019-07-02T14:09:00Z", -- Cloudflare: traffic and CPU back to normal
  },
  remediation = base.remediation(),
  costs = base.costs,
  graph = graph,
  outputs = { tick_minutes = 5 },
}
