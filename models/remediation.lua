-- models/remediation.lua
-- How IT teams work an incident that needs hands on every device: response
-- defaults, travel to devices, the hard-to-reach tail, and recovery tools.
-- Per-class fix times, consoles and reboot behaviour are in
-- endpoint_classes.lua; per-industry staffing in industries.lua.

local M = {}

M.response = {
  -- Delta: "everyone around the company working around the clock" (CEO, 22
  -- Jul 2024); Providence: all hands (Modern Healthcare, 22 Jul 2024).
  -- assumption: calling people in, briefing them and handing out recovery
  -- keys and USB sticks takes half a working day.
  surge_ramp_hours = 6,
  -- assumption: in a crisis, ~40% of surge staff also cover 23:00-07:00.
  crisis_night_share = 0.4,
  -- assumption: looking up a BitLocker recovery key in a working escrow
  -- (Active Directory, Entra ID, Intune, MBAM) and typing 48 digits: ~4 min.
  key_minutes = 4,
  -- press reports 19-22 Jul 2024: key retrieval was a bottleneck where the
  -- escrow servers were themselves down; assumption: ~45 min per device while
  -- the organisation's own servers are down (keys read out over the phone,
  -- exported from backups).
  key_minutes_escrow_down = 45,
  -- assumption: paging an on-call engineer and getting them to a console at
  -- night or at a weekend: ~45 min.
  oncall_response_minutes = 45,
  -- assumption: the smallest customer still has one person (or an MSP) on it.
  min_team = 1,
  -- assumption: cloud VMs are repaired by cloud/platform engineers through
  -- the provider's API (detach the OS disk, restore a snapshot), in parallel
  -- with the hands-on team; about a quarter of its size.
  cloud_team_share = 0.25,
}

-- Minutes to reach a device that needs hands and has no working remote
-- console (exponential mean). assumption: desk-side visits in an office
-- building ~8 min; kiosks and POS spread over stores, gates and wards ~20
-- min; servers in a data centre or branch closet ~10 min; VMs need none.
M.travel_minutes = { workstation = 8, server = 10, onprem_vm = 0, cloud_vm = 0, kiosk = 20 }

-- The tail: devices nobody can reach for days (remote and home workers'
-- PCs that must be shipped or visited, unmanned branch sites, devices of
-- staff on leave in July). CALIBRATION.md: >97% back by 25 Jul, ~99% by
-- 29 Jul, against ~1% normal week-to-week variance. assumption, calibrated
-- to that recovery curve (docs/scenarios/crowdstrike-2024.md): 12% of
-- workstations and 10% of kiosks, reachable after ~130 h (5.4 days) on
-- average. Without a tail the model reaches 99% after ~87 h.
M.tail = {
  workstation = { share = 0.12, delay_hours = 130 },
  kiosk       = { share = 0.10, delay_hours = 130 },
  server      = { share = 0.0,  delay_hours = 0 },
  onprem_vm   = { share = 0.0,  delay_hours = 0 },
  cloud_vm    = { share = 0.0,  delay_hours = 0 },
}

-- Recovery tools of 19 July 2024 (CALIBRATION.md; CIS advisory log):
-- Microsoft's USB recovery tool was published on 20 Jul (blog post, updated
-- 21 Jul); the agent vendor's automated cloud-side remediation was available
-- by 22-23 Jul. assumption: the automated fix reaches the wired hosts that
-- get network early in boot (share per class) within ~12 hours of release.
M.tools_2024 = {
  { name = "usb_recovery", release = "2024-07-20T18:00:00Z" },
  { name = "cloud_auto_fix", release = "2024-07-22T12:00:00Z",
    auto_fix = { mean_hours = 12,
                 share = { workstation = 0.25, server = 0.30, onprem_vm = 0.30,
                           cloud_vm = 0.40, kiosk = 0.20 } } },
}

return M
