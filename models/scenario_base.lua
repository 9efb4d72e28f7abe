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

-- The customer fleet of crowdstrike-2024.lua with n endpoints.
function M.fleet(n)
  return {
    endpoints = n,
    regions = regions.list,
    online_profiles = profiles,
    classes = classes.list,
    industries = industries.list,
    platforms = platforms,
    vendors = vendors.list,
  }
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

return M
