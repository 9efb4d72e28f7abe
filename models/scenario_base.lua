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

-- Interventions (docs/WHATIF.md): what the vendor or its customers could
-- have done differently, as parameters of a scenario, all off by default
-- (the event as it happened). base.with_levers(specs) adds them to a
-- params{} table; base.interventions(P) builds the scenario's
-- interventions table from them. The values of scenarios/whatif/ turn them
-- on, each with its source or stated assumption.
local OFF = "off by default: the event as it happened; scenarios/whatif/ and docs/WHATIF.md give the values that turn it on"
M.lever_params = {
  rollout = { default = 0, range = { 0, 1 }, integer = true, unit = "switch",
    description = "1: the update goes out in rings (the vendor's own hosts, a canary share, early-adopter customers, the rest) with a halt rule on silent sensors",
    source = OFF },
  rollout_internal_hosts = { default = 0, range = { 0, 1e6 }, integer = true, unit = "hosts",
    description = "the vendor's own hosts running the update first, a ring before the canary (0: none)",
    source = "0: the first ring is the customers' canary; scenarios/whatif/staged-dogfood.lua sets about one Windows host per employee (the vendor had 7,925 employees, 10-K fiscal 2024)" },
  rollout_canary_share = { default = 0.01, range = { 0, 1 }, unit = "share of customers' endpoints",
    description = "the canary ring, customers' endpoints at random",
    source = "issue 15's what-if: a 1% canary ring (the cloud providers' safe-deployment rings start at about 1%: assumption)" },
  rollout_early_share = { default = 0.1, range = { 0, 1 }, unit = "share of customers' endpoints",
    description = "the early-adopter ring: whole customer organisations that opted in",
    source = "assumption: the vendor's post-incident content controls let customers choose early access; a tenth opting in" },
  rollout_bake_hours = { default = 0.5, range = { 0, 168 }, unit = "hours",
    description = "time each ring runs before the next is released",
    source = "issue 15's what-if: a 30-minute bake" },
  rollout_heartbeat_minutes = { default = 5, range = { 0, 120 }, unit = "minutes",
    description = "how long after a sensor stops reporting the vendor sees it silent",
    source = "assumption: sensors keep a cloud connection and report within minutes" },
  rollout_halt_share = { default = 0.05, range = { 0, 1 }, unit = "share",
    description = "halt when this share of the hosts that took the update has gone silent",
    source = "assumption: well above normal churn in minutes after an update" },
  rollout_halt_min_hosts = { default = 20, range = { 0, 1e6 }, unit = "hosts",
    description = "and at least this many have",
    source = "assumption: a signal, not noise" },
  rollout_decision_minutes = { default = 15, range = { 0, 1440 }, unit = "minutes",
    description = "from the signal to the decision to halt",
    source = "assumption: an automated or on-call decision" },
  rollout_rollback_minutes = { default = 10, range = { 0, 1440 }, unit = "minutes",
    description = "from the decision to the update withdrawn everywhere",
    source = "assumption: publishing a reverted content file (the 2024 revert went out through the same channel)" },
  pin_share = { default = 0, range = { 0, 1 }, unit = "share of customers",
    description = "customers that take content updates late (N-1)",
    source = OFF },
  pin_hours = { default = 24, range = { 0, 720 }, unit = "hours",
    description = "how late they take them",
    source = "assumption: one day behind (the N-1 content channel)" },
  second_vendor_share = { default = 0, range = { 0, 1 }, unit = "share of customers",
    description = "customers that run a second endpoint vendor on part of their estate",
    source = OFF },
  second_vendor_split = { default = 0.5, range = { 0, 1 }, unit = "share of their endpoints",
    description = "the part of such a customer's endpoints on the second vendor",
    source = "assumption: an even split" },
  cloud_escrow_share = { default = 0, range = { 0, 1 }, unit = "share of organisations",
    description = "organisations whose disk recovery keys are escrowed in a cloud directory (not on their own servers)",
    source = OFF },
  boot_media_share = { default = 0, range = { 0, 1 }, unit = "share of organisations",
    description = "organisations with recovery boot media pre-staged at their sites",
    source = OFF },
  boot_media_factor = { default = 0.5, range = { 0.01, 1 }, unit = "multiplier",
    description = "hands-on fix minutes with boot media ready",
    source = "assumption: booting a prepared USB key that deletes the file replaces the manual Safe Mode steps (Microsoft's recovery tool of 20 July 2024)" },
  remote_share = { default = 0, range = { 0, 1 }, unit = "share of endpoints",
    description = "endpoints still down that a remote recovery service can fix (network in the recovery environment)",
    source = OFF },
  remote_after_hours = { default = 6, range = { 0, 720 }, unit = "hours",
    description = "when remote recovery is available, after the fix is known",
    source = "issue 15's what-if: six hours after the fix is known" },
  remote_mean_hours = { default = 1, range = { 0, 720 }, unit = "hours",
    description = "mean delay of a remote fix once available",
    source = "assumption" },
  contractor_share = { default = 0, range = { 0, 1 }, unit = "share of organisations",
    description = "organisations with a surge contract with a managed service provider or contractor",
    source = OFF },
  contractor_pool = { default = 0.5, range = { 0, 100 }, unit = "multiple of the clients' IT teams",
    description = "the contractors of a region: this times the IT teams of the organisations holding a contract there, shared first come first served",
    source = "assumption: a provider sells surge to many clients, staffed for a few calling at once, not all" },
  contractor_after_hours = { default = 4, range = { 0, 720 }, unit = "hours",
    description = "from an organisation's diagnosis to its contractors on site",
    source = "assumption: same-day dispatch" },
  weekend_staffing = { default = 0, range = { 0, 1 }, integer = true, unit = "switch",
    description = "1: IT teams staffed on weekends as on weekdays",
    source = OFF },
}

-- The category id of a graph table (models/vendors.lua).
function M.category(graph, id)
  for _, c in ipairs(graph.categories) do
    if c.id == id then return c end
  end
  error("no category " .. id)
end

-- Provider redundancy (docs/WHATIF.md): a copy of graph whose categories
-- named in over take those fields, e.g. { cloud = { redundancy = 0.5,
-- failover_hours = 0.5 } }: the share of organisations with a second
-- provider of the category, and the hours they take to switch to it.
function M.graph_with(graph, over)
  local out = {}
  for k, v in pairs(graph) do out[k] = v end
  out.categories = {}
  for i, c in ipairs(graph.categories) do
    local o = over[c.id]
    if o then
      local n = {}
      for k, v in pairs(c) do n[k] = v end
      for k, v in pairs(o) do n[k] = v end
      out.categories[i] = n
    else
      out.categories[i] = c
    end
  end
  return out
end

-- The parameters of provider redundancy for category cat of a graph
-- (`what`: "a second cloud region"), defaults from the category: to merge
-- into a params{} table (base.merge) and pass to graph_with.
function M.failover_params(cat, what)
  return {
    failover_share = {
      default = cat.redundancy or 0, range = { 0, 1 }, unit = "share of organisations",
      description = "organisations with " .. what .. " to fail over to (the category's redundancy)",
      source = "models/vendors.lua (the category's redundancy and its source); a what-if sets more (docs/WHATIF.md)",
    },
    failover_hours = {
      default = cat.failover_hours or 0, range = { 0, 72 }, unit = "hours",
      description = "how long an organisation takes to switch over when the provider it uses fails",
      source = "models/vendors.lua: 0, at once (active-active); a what-if sets a switch-over time (docs/WHATIF.md)",
    },
  }
end

-- a's entries, then b's (a name of b wins).
function M.merge(a, b)
  local out = {}
  for k, v in pairs(a) do out[k] = v end
  for k, v in pairs(b) do out[k] = v end
  return out
end

-- specs plus the lever parameters (a name of specs wins).
function M.with_levers(specs)
  return M.merge(M.lever_params, specs)
end

-- The interventions table of a scenario whose params P include the levers.
function M.interventions(P)
  local iv = {
    pinning = { share = P.pin_share, delay_hours = P.pin_hours },
    second_vendor = { share = P.second_vendor_share, split = P.second_vendor_split },
    recovery = {
      cloud_escrow_share = P.cloud_escrow_share,
      boot_media_share = P.boot_media_share,
      boot_media_factor = P.boot_media_factor,
      weekend_staffing = P.weekend_staffing == 1,
    },
  }
  if P.contractor_share > 0 then
    iv.recovery.contractors = { share = P.contractor_share, pool = P.contractor_pool, after_hours = P.contractor_after_hours }
  end
  if P.remote_share > 0 then
    iv.recovery.remote = { share = P.remote_share, after_hours = P.remote_after_hours, mean_hours = P.remote_mean_hours }
  end
  if P.rollout == 1 then
    if P.rollout_canary_share + P.rollout_early_share > 1 then
      error(string.format("rollout_canary_share + rollout_early_share must be at most 1 (got %g + %g)",
                          P.rollout_canary_share, P.rollout_early_share), 2)
    end
    local rings = {}
    if P.rollout_internal_hosts > 0 then
      rings[#rings + 1] = { assign = "internal", hosts = P.rollout_internal_hosts, bake_hours = P.rollout_bake_hours }
    end
    rings[#rings + 1] = { assign = "random", share = P.rollout_canary_share, bake_hours = P.rollout_bake_hours }
    rings[#rings + 1] = { assign = "customers", share = P.rollout_early_share, bake_hours = P.rollout_bake_hours }
    rings[#rings + 1] = { assign = "random", share = 1 - P.rollout_canary_share - P.rollout_early_share }
    iv.rollout = {
      rings = rings,
      heartbeat_minutes = P.rollout_heartbeat_minutes,
      detect_share = P.rollout_halt_share,
      detect_min_hosts = P.rollout_halt_min_hosts,
      decision_minutes = P.rollout_decision_minutes,
      rollback_minutes = P.rollout_rollback_minutes,
    }
  end
  return iv
end

return M
