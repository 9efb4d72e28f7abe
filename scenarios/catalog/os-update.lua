-- scenarios/catalog/os-update.lua
-- Catalogue family "os_update" (models/catalog/default.lua): a faulty
-- Windows update (a cumulative update that leaves machines unable to boot,
-- or in a boot loop, on some configurations) rolls out through Windows
-- Update over days until it is pulled. Every Windows endpoint of the
-- organisations modelled can take it: the fleet is the reference fleet
-- scaled by Windows' enterprise share over the reference vendor's
-- (models/vendors.lua "microsoft-windows", 0.92, over 0.20), with the
-- platform shares of Microsoft Defender's customers (models/
-- vendors_endpoint.lua). Recovery is by hand as in the reference event,
-- without its vendor's recovery tools.

local cb = require "catalog_base"
local base = require "scenario_base"
local endpoint = require "vendors_endpoint"

local OS_SHARE = 0.92 -- models/vendors.lua microsoft-windows default share (StatCounter 2024, enterprise-heavy)
local P = params(base.merge(cb.common(), {
  crash_probability = {
    default = 0.05, range = { 0, 1 }, unit = "probability",
    description = "chance that a Windows host that installs the update cannot boot",
    source = "assumption: bad cumulative updates hit specific hardware or configurations (e.g. KB5034441's recovery-partition failures, Jan 2024); a few per cent of hosts",
  },
  poll_minutes = {
    default = 2880, range = { 60, 20160 }, unit = "minutes",
    description = "mean time for an online host to install the update",
    source = "assumption: Windows Update rings and maintenance windows spread installation over days",
  },
  pull_hours = {
    default = 48, range = { 2, 336 }, unit = "hours",
    description = "how long the update is offered before it is pulled",
    source = "assumption: Microsoft pauses a bad update within one to several days (release health notes)",
  },
}))

local function os_vendors()
  local out = {}
  for _, v in ipairs(endpoint.list) do out[#out + 1] = v end
  local ms = endpoint.list[1]
  for _, v in ipairs(endpoint.list) do if v.id == "microsoft_defender" then ms = v end end
  out[#out + 1] = { id = "windows_update", name = "Microsoft Windows Update", category = "endpoint_security",
    market_share = { default = OS_SHARE }, market_share_source = "models/vendors.lua microsoft-windows",
    platform_share = { windows = 1.0, macos = 0.0, linux = 0.0 }, platform_source = "Windows only",
    sensor_versions = { affected_share = 1.0, source = "every supported Windows version gets the update (assumption)" },
    source = "catalogue family os_update" }
  return out
end

local t0 = P.start_hour
local fleet = base.fleet(P.fleet_endpoints * OS_SHARE / 0.20)
fleet.vendors = os_vendors()
fleet.customers_of = "windows_update"

return {
  name = "catalog-os-update",
  description = "A faulty Windows update leaves a share of the hosts that install it unable to boot until fixed by hand.",
  start = cb.start,
  duration_hours = cb.duration_hours,
  seed = 20240109,
  params = P,
  fleet = fleet,
  incident = {
    kind = "faulty_update",
    vendor = "windows_update",
    platform = "windows",
    affected_version_share = 1.0,
    publish = cb.at(t0),
    pull = cb.at(t0 + P.pull_hours),
    poll_minutes = P.poll_minutes,
    crash_probability = P.crash_probability,
    guidance = cb.at(t0 + 12),
  },
  remediation = base.remediation({}),
  graph = require "vendors",
  costs = base.costs,
  outputs = { tick_minutes = 30 },
}
