-- scenarios/crowdstrike-2024.lua
-- The reference event: on Friday 19 July 2024 a faulty content update
-- (channel file 291) of one endpoint security agent crashed about 8.5
-- million Windows machines into a boot loop; most had to be fixed by hand.
-- The scenario reproduces it from causes (fleet, timing, remediation
-- capacity); see docs/scenarios/crowdstrike-2024.md for every parameter's
-- provenance and a comparison with the public figures.

local regions    = require "regions"
local profiles   = require "online_profiles"
local classes    = require "endpoint_classes"
local industries = require "industries"
local platforms  = require "platforms"
local remedy     = require "remediation"
local costs      = require "costs"
local vendors    = require "vendors_endpoint"
local graph      = require "vendors"
local operations = require "operations"
local base       = require "scenario_base"
local ref        = base.reference

local P = params(base.with_levers {
  fleet_endpoints = {
    default = ref.fleet_endpoints, range = { 1e3, 1e9 }, unit = "endpoints",
    description = "endpoints running the agent, all platforms",
    source = "calibration input: no public count; sized so that the crashed count matches Microsoft's ~8.5M given the online profiles (see docs/scenarios/crowdstrike-2024.md)",
  },
  affected_version_share = {
    default = ref.affected_version_share, range = { 0, 1 }, unit = "share",
    description = "Windows sensors on version 7.11 or later (the ones that load channel file 291)",
    source = "assumption: 7.11 shipped Feb 2024 and sensors auto-update within N-1/N-2 policies; see models/vendors_endpoint.lua",
  },
  poll_minutes = {
    default = ref.poll_minutes, range = { 0, 600 }, unit = "minutes",
    description = "mean time for an online sensor to fetch a new channel file",
    source = "assumption: channel files are pushed through the sensor's cloud connection within minutes (vendor PIR: content delivered to online hosts during 04:09-05:27 UTC)",
  },
  crash_probability = {
    default = 1.0, range = { 0, 1 }, unit = "probability",
    description = "chance that an exposed Windows host crashes on receipt",
    source = "vendor preliminary post-incident review: hosts that received the file in the window and were online were susceptible to a crash (out-of-bounds read in the content interpreter)",
  },
  staffing_factor = {
    default = ref.staffing_factor, range = { 0.1, 10 }, unit = "multiplier",
    description = "multiplier on every organisation's remediation capacity",
    source = "knob for what-if analysis; 1 = the industry staffing of models/industries.lua",
  },
  annual_rate = {
    default = 0.05, range = { 0, 10 }, unit = "events per year",
    description = "how often an event like this one happens (for period loss tables, EP curves, AAL)",
    source = "assumption: one faulty update of a top-3 endpoint agent crashing millions of hosts (2024) in about twenty years of mass-deployed endpoint agents, with near misses (McAfee DAT 5958 crashed Windows XP hosts in 2010): a 1-in-20-year event",
  },
  operations_layer = {
    default = 0, range = { 0, 1 }, integer = true, unit = "switch",
    description = "1: lose revenue on operations (models/operations.lua: broken airline schedules, hospitals on paper, work made up later) instead of on IT capacity with a fixed tail",
    source = "issue 13 preview: off by default, so the documented calibration holds; docs/LOSSES.md section 1.3b",
  },
  non_customers = {
    default = 1, range = { 0, 1 }, integer = true, unit = "switch",
    description = "1: the fleet also holds each segment's organisations that are not the vendor's customers (never hit by the agent, still dependent on providers), from its market share by industry and size (models/vendors_endpoint.lua size_factor)",
    source = "issue 13 item 2; docs/LOSSES.md section 2.3",
  },
  key_minutes_escrow_down = {
    default = remedy.response.key_minutes_escrow_down, range = { 0, 600 }, unit = "minutes",
    description = "recovery-key lookup per encrypted device while the organisation's own servers are down",
    source = "assumption, see models/remediation.lua",
  },
  -- The uncertain parameters that `fleetsim calibrate` fits to the record
  -- (docs/CALIBRATION.md): at their defaults they leave the models/ values
  -- exactly as they are.
  tail_share_factor = {
    default = 1, range = { 0, 5 }, unit = "multiplier",
    description = "multiplier on each class's share of hard-to-reach devices (models/remediation.lua tail; capped at 1)",
    source = "assumption, calibrated to the vendor's recovery curve (models/remediation.lua); 1 = the models/ shares",
  },
  tail_delay_hours = {
    default = remedy.tail.workstation.delay_hours, range = { 0, 720 }, unit = "hours",
    description = "mean delay before a hard-to-reach device can be fixed (every class with a tail)",
    source = "assumption, calibrated to the vendor's recovery curve (models/remediation.lua)",
  },
  reboot_fix_factor = {
    default = 1, range = { 0, 20 }, unit = "multiplier",
    description = "multiplier on each class's chance that a reboot cycle fetches the fix before the crash (models/endpoint_classes.lua; capped at 1)",
    source = "assumption: Microsoft's Azure status (19 Jul 2024) reports repeated reboots fixing some hosts, with no rate; 1 = the models/ chances",
  },
  makeup_factor = {
    default = 1, range = { 0, 2 }, unit = "multiplier",
    description = "multiplier on each industry's share of lost work made up later (models/operations.lua; capped at 1; only with operations_layer = 1)",
    source = "assumption: IRMI (Speer 2013) gives the rule, not the shares; 1 = the models/ shares",
  },
})

-- A copy of list whose entries' field is multiplied by f and capped at 1
-- (the same table, untouched, at f = 1: byte-identical runs).
local function scaled(list, field, f)
  if f == 1 then return list end
  local out = {}
  for k, e in pairs(list) do
    local c = {}
    for kk, v in pairs(e) do c[kk] = v end
    if c[field] then c[field] = math.min(1, c[field] * f) end
    out[k] = c
  end
  return out
end

local tail = {}
for class, t in pairs(remedy.tail) do
  tail[class] = t.share > 0
      and { share = math.min(1, t.share * P.tail_share_factor), delay_hours = P.tail_delay_hours }
      or t
end

local function with_makeup(c, f)
  if f == 1 then return c end
  for _, ind in pairs(c.industries) do
    local m = ind.operations and ind.operations.makeup
    if m then m.share = math.min(1, m.share * f) end
  end
  return c
end

return {
  name = "crowdstrike-2024",
  description = "Faulty endpoint-agent content update, 19 July 2024: Windows hosts online between 04:09 and 05:27 UTC crash into a boot loop and are fixed by hand.",
  start = "2024-07-19T00:00:00Z",
  duration_hours = 14 * 24,
  seed = 20240719,
  params = P,

  fleet = {
    endpoints = P.fleet_endpoints,
    regions = regions.list,
    online_profiles = profiles,
    classes = scaled(classes.list, "reboot_fix_probability", P.reboot_fix_factor),
    industries = industries.list,
    platforms = platforms,
    vendors = vendors.list, -- policies without an AgentVendor; the vendor's share of each segment
    non_customers = P.non_customers == 1,
  },

  incident = {
    kind = "faulty_update",
    vendor = "crowdstrike",
    platform = "windows",
    affected_version_share = P.affected_version_share,
    publish = "2024-07-19T04:09:00Z", -- vendor PIR: channel file 291 released
    pull = "2024-07-19T05:27:00Z",    -- vendor PIR: reverted 78 minutes later
    poll_minutes = P.poll_minutes,
    crash_probability = P.crash_probability,
    -- vendor tech alert with the manual workaround (boot to Safe Mode/WinRE,
    -- delete C-00000291*.sys), ~1 h after the revert (press timelines)
    guidance = "2024-07-19T06:30:00Z",
  },

  remediation = {
    staffing_factor = P.staffing_factor,
    surge_ramp_hours = remedy.response.surge_ramp_hours,
    crisis_night_share = remedy.response.crisis_night_share,
    key_minutes = remedy.response.key_minutes,
    key_minutes_escrow_down = P.key_minutes_escrow_down,
    oncall_response_minutes = remedy.response.oncall_response_minutes,
    min_team = remedy.response.min_team,
    cloud_team_share = remedy.response.cloud_team_share,
    travel_minutes = remedy.travel_minutes,
    tail = tail,
    tools = remedy.tools_2024,
  },

  -- business impact and cost rates, models/costs.lua (with the operations
  -- layer of models/operations.lua when operations_layer is 1)
  costs = P.operations_layer == 1 and with_makeup(operations.with(costs), P.makeup_factor) or costs,

  -- The dependency layer (models/vendors.lua): organisations depend on
  -- providers; providers that run the agent on their own fleet go down with
  -- it and take their customers' capacity with them (dependent BI).
  graph = graph,

  -- What the vendor or its customers could have done differently, all off
  -- here (models/scenario_base.lua; scenarios/whatif/, docs/WHATIF.md).
  interventions = base.interventions(P),

  outputs = { tick_minutes = 10 },
}
