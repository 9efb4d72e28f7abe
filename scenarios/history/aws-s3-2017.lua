-- scenarios/history/aws-s3-2017.lua
-- AWS us-east-1, 28 February 2017: while debugging S3's billing system an
-- engineer's mistyped command removed a large share of the servers of two
-- S3 subsystems (index and placement); both had to be restarted in full,
-- which took hours. S3 in the region failed, and with it the region's
-- services that use it (EC2 launches, EBS snapshots, Lambda, the console
-- and AWS's own status page). Facts: the region and AWS's own start and
-- end of the impact (09:37 PST, and the placement subsystem back at 13:54
-- PST). The economy (every organisation of the model's segments:
-- base.economy), the dependency graph and the impact weights are the
-- shared model's. The model has no finer grain than the region: an
-- organisation that depends on us-east-1 loses what it would lose with the
-- whole region down, an S3 outage or not (docs/VALIDATION.md).

local base = require "scenario_base"
local graph = require "vendors"

return {
  name = "aws-s3-2017",
  description = "AWS S3 in us-east-1 down from 17:37 to 21:54 UTC on 28 February 2017 (a mistyped command): organisations lose what depends on the region, directly or through their SaaS.",
  start = "2017-02-28T00:00:00Z",
  duration_hours = 3 * 24,
  seed = 20170228,
  fleet = base.economy(base.reference.fleet_endpoints),
  incident = {
    kind = "provider_outage",
    provider = "aws-us-east-1",
    start = "2017-02-28T17:37:00Z", -- AWS summary: 9:37 AM PST
    ["end"] = "2017-02-28T21:54:00Z", -- AWS summary: placement subsystem recovered 1:54 PM PST
  },
  remediation = base.remediation(),
  costs = base.costs,
  graph = graph,
  outputs = { tick_minutes = 10 },
}
