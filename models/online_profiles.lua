-- models/online_profiles.lua
-- Probability that an endpoint of a class is powered on AND connected (so it
-- would poll for a content update) at each LOCAL hour. Index 1 = 00:00-01:00
-- local, index 24 = 23:00-24:00. `weekday` applies Mon-Fri (or the region's
-- working days), `weekend` to the days listed in regions.lua `weekend`.
--
-- Evidence used for workstations (office PCs after hours):
--  * LBNL, Webber et al., "Field Surveys of Office Equipment Operating
--    Patterns", LBNL-46930, 2001: 11 after-hours walk-throughs (San Francisco,
--    Washington DC): only 44% of computers were turned off at night.
--  * LBNL, Roberson et al., "After-hours Power Status of Office Equipment...",
--    LBNL-53729, 2004 (Energy 31(14), 2006): after-hours audits of 16
--    businesses (offices, schools, medical buildings) recording the power
--    state of computers and other office equipment.
--  * 1E / Alliance to Save Energy, "PC Energy Report 2009" (Harris
--    Interactive survey): 49% (US), 48% (UK), 43% (Germany) of employees who
--    use a PC at work do not typically shut it down at night; some leave it
--    on deliberately for overnight software updates.
--  * SLAC Today, 2011: >70% of ~400 desktop computers observed were fully
--    powered on (not asleep) after working hours.
-- Adjustment (ASSUMPTION): those studies count desktops. In 2024 most business
-- PCs are laptops (assumption: ~60% of the Windows workstation fleet), which
-- sleep on lid close or sit in bags off-network; a sleeping machine does not
-- poll. Desktops left on ~45% (between 1E's ~half and LBNL's 56% incl. low
-- power) x 0.4 + laptops online ~12% x 0.6 => ~0.25-0.28 at night.
-- Daytime peak ~0.89 (ASSUMPTION): absence, leave (July is peak vacation in
-- the northern hemisphere) and spare/unassigned machines; remote workers'
-- laptops count as online because the agent reaches its cloud over any
-- internet connection, no VPN needed.
--
-- Servers/VMs: the agent vendor reports normal week-over-week variance in
-- connected Windows sensors of about 1% (CrowdStrike root cause analysis,
-- Aug 2024), which bounds the offline churn of always-on hosts.

local WS_SRC = "LBNL Webber et al. 2001 (LBNL-46930: 44% of office computers off at night); LBNL Roberson et al. 2004 (LBNL-53729); 1E/Alliance to Save Energy PC Energy Report 2009 (43-49% of employees leave PCs on overnight); assumption: 60% laptops mostly asleep at night, so ~0.26 on+connected at night, ~0.89 at peak"
local SRV_SRC = "CrowdStrike root cause analysis Aug 2024 (normal week-to-week variance of connected sensors ~1%); assumption: ~1.5% of registered physical servers are in maintenance, failed or decommissioned-but-registered at any time, slightly more in weekend night maintenance windows"
local VM_SRC = "assumption: powered-off VMs (templates, parked and zombie VMs) ~2.5% of registered on-prem Windows VMs; bounded by the ~1% week-to-week sensor variance (CrowdStrike RCA 2024) plus parked VMs"
local CLOUD_SRC = "assumption: non-production cloud VMs are scheduled off nights and weekends to save cost (start/stop scheduling is a standard cost practice; Flexera State of the Cloud reports optimising existing cloud use / cost savings as the top initiative every year since 2016); ~5% off by day, ~10% at night, ~12% at weekends"
local KIOSK_SRC = "assumption: POS, check-in kiosks and shared 24x7 terminals follow opening hours; many are never switched off (airports, hospitals, 24h stores, overnight POS polling and updates), so ~0.65 at night; IHL Group 2009 North American POS study (~76% of 2008 POS terminal shipments ran Windows) shows the class is mostly Windows"

local function rep(v, n) local t = {} for i = 1, n do t[i] = v end return t end

return {
  default = {
    notes = "Used by every region unless regions.lua names another set.",
    workstation = {
      --          00    01    02    03    04    05    06    07    08    09    10    11
      weekday = { 0.27, 0.26, 0.26, 0.26, 0.26, 0.28, 0.36, 0.55, 0.77, 0.87, 0.89, 0.89,
      --          12    13    14    15    16    17    18    19    20    21    22    23
                  0.85, 0.88, 0.89, 0.88, 0.84, 0.70, 0.53, 0.43, 0.37, 0.33, 0.30, 0.28 },
      weekend = { 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.27, 0.30, 0.32, 0.33,
                  0.33, 0.33, 0.33, 0.32, 0.30, 0.28, 0.27, 0.26, 0.25, 0.25, 0.25, 0.25 },
      source = WS_SRC,
      notes = "Weekend floor ~0.25: assumption that machines left on on Friday evening stay on over the weekend, plus some weekend work (~+8 points by day).",
    },
    server = {
      weekday = rep(0.985, 24),
      weekend = { 0.985, 0.978, 0.978, 0.978, 0.978, 0.978, 0.985, 0.985, 0.985, 0.985, 0.985, 0.985,
                  0.985, 0.985, 0.985, 0.985, 0.985, 0.985, 0.985, 0.985, 0.985, 0.985, 0.985, 0.985 },
      source = SRV_SRC,
    },
    onprem_vm = {
      weekday = rep(0.975, 24),
      weekend = { 0.975, 0.970, 0.970, 0.970, 0.970, 0.970, 0.975, 0.975, 0.975, 0.975, 0.975, 0.975,
                  0.975, 0.975, 0.975, 0.975, 0.975, 0.975, 0.975, 0.975, 0.975, 0.975, 0.975, 0.975 },
      source = VM_SRC,
    },
    cloud_vm = {
      weekday = { 0.90, 0.90, 0.90, 0.90, 0.90, 0.90, 0.90, 0.93, 0.95, 0.95, 0.95, 0.95,
                  0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.92, 0.90, 0.90, 0.90 },
      weekend = rep(0.88, 24),
      source = CLOUD_SRC,
    },
    kiosk = {
      weekday = { 0.65, 0.65, 0.65, 0.65, 0.65, 0.65, 0.75, 0.88, 0.95, 0.95, 0.95, 0.95,
                  0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.88, 0.78, 0.70 },
      weekend = { 0.63, 0.63, 0.63, 0.63, 0.63, 0.63, 0.72, 0.85, 0.93, 0.93, 0.93, 0.93,
                  0.93, 0.93, 0.93, 0.93, 0.93, 0.93, 0.93, 0.93, 0.93, 0.86, 0.76, 0.68 },
      source = KIOSK_SRC,
      notes = "Class 'kiosk' also covers shared always-on terminals (nurse stations, gate/counter PCs, control rooms, teller terminals); see endpoint_classes.lua.",
    },
  },

  -- Bounding set for sensitivity runs: every endpoint online at every hour.
  -- Not used by any region by default.
  all_on_upper_bound = {
    notes = "Upper bound for what-if runs (everything powered on and connected). Not an observed profile.",
    workstation = { weekday = rep(1.0, 24), weekend = rep(1.0, 24), source = "assumption: bounding case, not observed" },
    server      = { weekday = rep(1.0, 24), weekend = rep(1.0, 24), source = "assumption: bounding case, not observed" },
    onprem_vm   = { weekday = rep(1.0, 24), weekend = rep(1.0, 24), source = "assumption: bounding case, not observed" },
    cloud_vm    = { weekday = rep(1.0, 24), weekend = rep(1.0, 24), source = "assumption: bounding case, not observed" },
    kiosk       = { weekday = rep(1.0, 24), weekend = rep(1.0, 24), source = "assumption: bounding case, not observed" },
  },
}
