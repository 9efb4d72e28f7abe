-- scenarios/catalog/agent-update.lua
-- Catalogue family "agent_update" (models/catalog/default.lua): a faulty
-- content update of an endpoint security agent (the k-th vendor by id of
-- models/vendors_endpoint.lua, `vendor`) crashes the Windows hosts of its
-- customers that fetch it while it is out, as in the reference event
-- (scenarios/crowdstrike-2024.lua, whose response, tail and tools it
-- keeps). The vendor's customer fleet is the reference fleet scaled by its
-- market share over CrowdStrike's (the default shares of
-- vendors_endpoint.lua). Recovery tools come out on the 2024 timeline,
-- counted from the publish time (assumption).

local cb = require "catalog_base"
local base = require "scenario_base"
local remedy = require "remediation"
local ref = base.reference

local ids, share = cb.agents()
local P = params(base.merge(cb.common(), {
  vendor = cb.pick(#ids, "endpoint security vendor"),
  affected_version_share = {
    default = ref.affected_version_share, range = { 0, 1 }, unit = "share",
    description = "share of the vendor's Windows sensors on an affected version",
    source = "scenarios/crowdstrike-2024.lua",
  },
  poll_minutes = {
    default = ref.poll_minutes, range = { 0, 600 }, unit = "minutes",
    description = "mean time for an online sensor to fetch the update",
    source = "scenarios/crowdstrike-2024.lua",
  },
  crash_probability = {
    default = 1, range = { 0, 1 }, unit = "probability",
    description = "chance that an exposed Windows host crashes on receipt",
    source = "scenarios/crowdstrike-2024.lua",
  },
  pull_minutes = {
    default = 78, range = { 5, 2880 }, unit = "minutes",
    description = "how long the faulty update is out before the vendor pulls it",
    source = "CrowdStrike PIR: 78 minutes (04:09-05:27 UTC)",
  },
  guidance_minutes = {
    default = 63, range = { 0, 2880 }, unit = "minutes",
    description = "from the pull to the public manual workaround",
    source = "CrowdStrike tech alert ~06:30 UTC, 63 minutes after the revert (press timelines)",
  },
}))

local t0 = P.start_hour
local v = ids[P.vendor]

return {
  name = "catalog-agent-update",
  description = "A faulty content update of an endpoint security agent crashes its customers' Windows hosts into a boot loop; most are fixed by hand.",
  start = cb.start,
  duration_hours = cb.duration_hours,
  seed = 20240719,
  params = P,
  fleet = (function()
    local f = base.fleet(P.fleet_endpoints * share[v] / share.crowdstrike)
    f.customers_of = v
    return f
  end)(),
  incident = {
    kind = "faulty_update",
    vendor = v,
    platform = "windows",
    affected_version_share = P.affected_version_share,
    publish = cb.at(t0),
    pull = cb.at(t0 + P.pull_minutes / 60),
    poll_minutes = P.poll_minutes,
    crash_probability = P.crash_probability,
    guidance = cb.at(t0 + (P.pull_minutes + P.guidance_minutes) / 60),
  },
  remediation = base.remediation({
    { name = "usb_recovery", release = cb.at(t0 + 37.85) },
    { name = "cloud_auto_fix", release = cb.at(t0 + 79.85), auto_fix = remedy.tools_2024[2].auto_fix },
  }),
  graph = require "vendors",
  costs = base.costs,
  outputs = { tick_minutes = 30 },
}
