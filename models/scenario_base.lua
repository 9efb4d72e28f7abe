-- models/scenario_base.lua
-- The fleet, remediation and cost tables the shipped scenarios share: the
-- agent's customer fleet of the reference scenario (22 million endpoints,
-- the shares and profiles of regions.lua, industries.lua, ...), the IT
-- response of remediation.lua and the cost rates of costs.lua. A scenario
-- calls base.fleet(n), base.remediation(tools) and uses base.costs; see
-- scenarios/cloud-region-outage.lua.

local regions    = require "regions"
local profiles   = require "online_profiles"
local classes    = require "endpoint_classes"
local industries = require "industries"
local platforms  = require "platforms"
local remedy     = require "remediation"
local costs      = require "costs"
local vendors    = require "vendors_endpoint"

local M = {}

-- The customer fleet of crowdstrike-2024.lua with n endpoints: the
-- customers of its vendor (customers_of), whose organisations pick that
-- vendor in the dependency graph's endpoint_security category.
function M.fleet(n)
  return {
    endpoints = n,
    customers_of = "crowdstrike",
    regions = regions.list,
    online_profiles = profiles,
    classes = classes.list,
    industries = industries.list,
    platforms = platforms,
    vendors = vendors.list,
  }
end

-- All organisations of the fleet's segments: the reference vendor's
-- customers (the calibrated fleet of n endpoints) and, beside them, the
-- organisations that are not its customers (fleet.non_customers, from its
-- market share by segment, models/vendors_endpoint.lua). For events that
-- reach organisations whatever endpoint agent they run: provider outages.
function M.economy(n)
  local f = M.fleet(n)
  f.non_customers = true
  return f
end

-- The IT response of remediation.lua, with the given recovery tools.
function M.remediation(tools, staffing_factor)
  local r = remedy.response
  return {
    staffing_factor = staffing_factor or 1,
    surge_ramp_hours = r.surge_ramp_hours,
    crisis_night_share = r.crisis_night_share,
    key_minutes = r.key_minutes,
    key_minutes_escrow_down = r.key_minutes_escrow_down,
    oncall_response_minutes = r.oncall_response_minutes,
    min_team = r.min_team,
    cloud_team_share = r.cloud_team_share,
    travel_minutes = remedy.travel_minutes,
    tail = remedy.tail,
    tools = tools or {},
  }
end

M.costs = costs

-- The reference event's calibrated and assumed values (sources in
-- scenarios/crowdstrike-2024.lua, whose params{} defaults read them, and
-- docs/scenarios/crowdstrike-2024.md): the shared model that the history
-- library's events (scenarios/history/) run with, never fitted to them.
M.reference = {
  fleet_endpoints = 22.0e6,      -- calibration input: crashed count ~8.5M (Microsoft)
  affected_version_share = 0.95, -- assumption: sensors on 7.11 or later
  poll_minutes = 5,              -- assumption: content fetched within minutes
  staffing_factor = 1.0,         -- the industry staffing of industries.lua
}

-- A destructive worm (incident kind "worm"): the share of an organisation's
-- Windows machines it can reach once inside, the mean minutes from its
-- entry to a reachable machine that is on, and the chance that it crosses
-- a shared network link (a provider with a fleet of its own, such as an
-- MSP) to another organisation. Assumptions, not fitted to any event; the
-- rebuild of a destroyed machine is supply_chain.reimage_factor.
M.worm = {
  reach = 0.9,             -- credential-stealing worms open every machine an admin account does; segmentation spares a tenth (assumption)
  spread_minutes = 10,     -- SMB exploits and remote execution spread across a LAN in minutes (assumption)
  cross_probability = 0.2, -- a link is used in one case of five (assumption)
}

-- A destructive payload pushed through an IT management tool
-- (scenarios/msp-supply-chain.lua): what it reaches and how long a rebuild
-- takes. Assumptions, not fitted to any event.
M.supply_chain = {
  reach = 0.6,         -- share of a hit customer's Windows endpoints reached while online
  reimage_factor = 4,  -- rebuild or restore, relative to the reference fix time
}

return M
