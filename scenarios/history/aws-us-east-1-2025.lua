-- scenarios/history/aws-us-east-1-2025.lua
-- AWS us-east-1, 19-20 October 2025: a race condition in DynamoDB's DNS
-- automation left its regional endpoint with an empty record; EC2
-- launches and network load balancers failed after it. Facts: the region
-- and AWS's own start and end of the impact (23:48 PDT 19 Oct to 14:20
-- PDT 20 Oct). The economy (every organisation of the model's segments,
-- not only one vendor's customers: base.economy), the dependency graph
-- and the impact weights are the shared model's.

local base = require "scenario_base"
local graph = require "vendors"

return {
  name = "aws-us-east-1-2025",
  description = "AWS us-east-1 down from 06:48 to 21:20 UTC on 20 October 2025 (DynamoDB DNS): organisations lose what depends on the region, directly or through their SaaS.",
  start = "2025-10-20T00:00:00Z",
  duration_hours = 4 * 24,
  seed = 20251020,
  fleet = base.economy(base.reference.fleet_endpoints),
  incident = {
    kind = "provider_outage",
    provider = "aws-us-east-1",
    start = "2025-10-20T06:48:00Z", -- AWS summary: 23:48 PDT 19 Oct
    ["end"] = "2025-10-20T21:20:00Z", -- AWS summary: 14:20 PDT 20 Oct
  },
  remediation = base.remediation(),
  costs = base.costs,
  graph = graph,
  outputs = { tick_minutes = 10 },
}
