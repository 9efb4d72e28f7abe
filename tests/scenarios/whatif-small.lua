-- tests/scenarios/whatif-small.lua
-- golden-small.lua with interventions (docs/WHATIF.md) as parameters, all
-- off by default, and no hook (a hook changes every organisation's
-- staffing): for `fleetsim compare` and the staged rollout's tests.

local P = params {
  endpoints = { default = 30000, range = { 100, 1e6 }, unit = "endpoints",
                description = "fleet size" },
  tail = { default = 0.05, range = { 0, 1 }, unit = "share",
           description = "hard-to-reach workstations" },
  rollout = { default = 0, range = { 0, 1 }, integer = true, unit = "switch",
              description = "1: a staged rollout in three rings" },
  canary = { default = 0.1, range = { 0, 1 }, unit = "share", description = "ring 1's share" },
  bake = { default = 1, range = { 0, 24 }, unit = "hours", description = "bake time per ring" },
  halt_share = { default = 0.05, range = { 0, 1 }, unit = "share", description = "halt threshold" },
  halt_min = { default = 5, range = { 0, 1e6 }, unit = "hosts", description = "halt threshold, count" },
  crash = { default = 1, range = { 0, 1 }, unit = "probability", description = "crash probability" },
  pin = { default = 0, range = { 0, 1 }, unit = "share", description = "content pinning" },
  media = { default = 0, range = { 0, 1 }, unit = "share", description = "boot media" },
  escrow = { default = 0, range = { 0, 1 }, unit = "share", description = "cloud key escrow" },
  staffing = { default = 1, range = { 0.1, 10 }, unit = "multiplier", description = "staffing" },
  contract = { default = 0, range = { 0, 1 }, unit = "share", description = "contractor contracts" },
  pool = { default = 0.5, range = { 0, 10 }, unit = "multiple", description = "contractor pool" },
}

local flat = {}
for h = 1, 24 do flat[h] = 0.5 end
local office = {}
for h = 1, 24 do office[h] = (h >= 9 and h <= 18) and 0.95 or 0.3 end
local on = {}
for h = 1, 24 do on[h] = 0.98 end

local profile = {
  workstation = { weekday = office, weekend = flat },
  server = { weekday = on, weekend = on },
  onprem_vm = { weekday = on, weekend = on },
  cloud_vm = { weekday = on, weekend = on },
  kiosk = { weekday = flat, weekend = flat },
}

local function class(id, critical, mode, p, interval, cycles)
  return { id = id, critical = critical, fix_minutes = { min = mode / 2, mode = mode, max = mode * 3 },
           needs_physical_access = not id:find("vm"), remote_console_share = 0.3,
           bitlocker_applicable = true, reboot_fix_probability = p,
           reboot_interval_minutes = interval, reboot_cycles_max = cycles,
           tool_fix_factor = { usb = 0.7, auto = 0.5 } }
end

local function industry(id, share, staff, is24)
  return { id = id, endpoint_share = share, size = { median = 120, sigma = 1.5, max = 5000 },
           mix = { workstation = 0.6, server = 0.05, onprem_vm = 0.15, cloud_vm = 0.05, kiosk = 0.15 },
           it_staff_per_1000_endpoints = staff, surge_factor = 2, staffed_24x7 = is24,
           night_staff_share = 0.1, encryption_share = 0.6, server_encryption_share = 0.2,
           detection_delay_minutes = { mean = 20 }, diagnosis_delay_minutes = { mean = 60 },
           region_weights = { east = 2 } }
end

return {
  name = "whatif-small",
  description = "Small self-contained scenario with interventions, for fleetsim compare tests.",
  start = "2024-07-19T00:00:00Z",
  duration_hours = 96,
  seed = 7,
  params = P,
  fleet = {
    endpoints = P.endpoints,
    regions = {
      { id = "east", utc_offset_hours = -4, share = 0.6 },
      { id = "far", utc_offset_hours = 8, share = 0.4, weekend = { "sat", "sun" } },
    },
    online_profiles = { default = profile },
    classes = { class("workstation", false, 5, 0.02, 120, 3), class("server", true, 20, 0.03, 30, 5),
                class("onprem_vm", true, 10, 0.05, 10, 15), class("cloud_vm", true, 15, 0.07, 10, 15),
                class("kiosk", true, 10, 0.02, 120, 3) },
    industries = { industry("banks", 0.5, 10, true), industry("shops", 0.5, 6, false) },
    platforms = {
      workstation = { windows = 0.9, macos = 0.1, linux = 0 },
      server = { windows = 0.6, macos = 0, linux = 0.4 },
      onprem_vm = { windows = 0.5, macos = 0, linux = 0.5 },
      cloud_vm = { windows = 0.3, macos = 0, linux = 0.7 },
      kiosk = { windows = 1, macos = 0, linux = 0 },
    },
  },
  incident = {
    kind = "faulty_update", vendor = "acme", platform = "windows",
    affected_version_share = 0.9,
    publish = "2024-07-19T04:00:00Z", pull = "2024-07-19T05:30:00Z",
    poll_minutes = 5, crash_probability = P.crash, guidance = "2024-07-19T06:00:00Z",
  },
  remediation = {
    staffing_factor = P.staffing,
    surge_ramp_hours = 4, crisis_night_share = 0.4, key_minutes = 4,
    key_minutes_escrow_down = 30, oncall_response_minutes = 45, min_team = 1,
    travel_minutes = { workstation = 8, server = 10, kiosk = 20 },
    tail = { workstation = { share = P.tail, delay_hours = 48 } },
    tools = {
      { name = "usb", release = "2024-07-20T12:00:00Z" },
      { name = "auto", release = "2024-07-21T00:00:00Z",
        auto_fix = { mean_hours = 6, share = { workstation = 0.3, cloud_vm = 0.5 } } },
    },
  },
  interventions = {
    rollout = P.rollout == 1 and {
      rings = { { assign = "random", share = P.canary, bake_hours = P.bake },
                { assign = "customers", share = 0.3, bake_hours = P.bake },
                { assign = "random", share = 0.7 - P.canary } },
      heartbeat_minutes = 5, detect_share = P.halt_share, detect_min_hosts = P.halt_min,
      decision_minutes = 10, rollback_minutes = 5,
    } or nil,
    pinning = { share = P.pin, delay_hours = 24 },
    recovery = { boot_media_share = P.media, boot_media_factor = 0.5, cloud_escrow_share = P.escrow,
                 contractors = P.contract > 0 and { share = P.contract, pool = P.pool, after_hours = 2 } or nil },
  },
  outputs = { tick_minutes = 30 },
}
