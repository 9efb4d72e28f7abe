-- tests/scenarios/ops.lua
-- The operations layer's test scenario: tests/scenarios/sweep.lua with an
-- operations block for airlines (a backlog that outlives the IT outage,
-- flights as the unit), manufacturing (work made up later) and retail (on
-- its tills' systems). The
-- figures are test values, not calibrated ones.

-- sweep.lua is the scenario; this file only adds the operations blocks.
local scenario = require "sweep"
local base_costs = require "costs"

-- A copy of the model's costs with the test's operations blocks.
local function copy(t)
  local out = {}
  for k, v in pairs(t) do out[k] = type(v) == "table" and copy(v) or v end
  return out
end
local costs = copy(base_costs)
costs.industries.airlines.operational_tail = nil
costs.industries.airlines.operations = {
  fallback = 0.2,
  paused_below = 0.7,
  backlog = { build_per_hour = 0.03, drain_per_hour = 0.008 },
  unit = { name = "flights", revenue_usd = 40000 },
}
costs.industries.manufacturing.operational_tail = nil
costs.industries.manufacturing.operations = {
  fallback = 0.3,
  paused_below = 0.5,
  makeup = { share = 0.8, cost = 0.25 },
}

-- Retail sells at the pace of its tills (the kiosk group), whatever the
-- rest of its IT does.
costs.industries.retail.operational_tail = nil
costs.industries.retail.operations = {
  fallback = 0.2,
  paused_below = 0.5,
  systems = { kiosk = true },
}

scenario.name = "ops-test"
scenario.description = "Operations test scenario: a small fleet, a faulty update, costs, operations."
scenario.costs = costs
return scenario
