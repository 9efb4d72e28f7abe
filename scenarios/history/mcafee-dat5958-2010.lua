-- scenarios/history/mcafee-dat5958-2010.lua
-- McAfee DAT 5958, Wednesday 21 April 2010: a virus-definition file
-- flagged Windows XP SP3's svchost.exe as malware; machines that
-- quarantined it rebooted in a loop or lost their network and were fixed
-- by hand. Facts: the vendor (its enterprise business is today's Trellix,
-- whose market shares stand for it: models/vendors_endpoint.lua), the
-- platform, the release at 13:00 UTC, the removal "within hours", the
-- share of enterprise Windows on XP SP3, and the update task's default
-- schedule (daily). Not modelled: the non-default "Scan Processes on
-- Enable" setting, an organisation-wide choice without which (McAfee) a
-- corporation was not affected; docs/VALIDATION.md says what that costs.

local base = require "scenario_base"
local graph = require "vendors"

local fleet = base.fleet(base.reference.fleet_endpoints) -- a stand-in size: the shares compared do not depend on it
fleet.customers_of = "trellix"

return {
  name = "mcafee-dat5958-2010",
  description = "Faulty antivirus definition (McAfee DAT 5958), Wednesday 21 April 2010: Windows XP SP3 hosts that took it lost svchost.exe and rebooted in a loop or lost their network.",
  start = "2010-04-21T00:00:00Z",
  duration_hours = 7 * 24,
  seed = 20100421,
  fleet = fleet,
  incident = {
    kind = "faulty_update",
    vendor = "trellix",
    platform = "windows",
    -- Gartner: Windows XP SP3 about half of the enterprise installed base
    -- in 2010 (Computerworld, 23 Apr 2010)
    affected_version_share = 0.5,
    publish = "2010-04-21T13:00:00Z", -- McAfee Labs blog: 2.00 PM GMT+1 (6am Pacific)
    -- McAfee: removed from all download servers "within hours"; the issue
    -- brief's 4.7 h, no primary source gives the minute
    pull = "2010-04-21T17:42:00Z",
    -- VirusScan Enterprise 8.7i product guide: the default update task
    -- runs every day (5:00 p.m. with one-hour randomisation)
    poll_minutes = 1440,
    crash_probability = 1.0, -- XP SP3 hosts that quarantined svchost.exe (McAfee, US-CERT)
  },
  remediation = base.remediation({}),
  costs = base.costs,
  graph = graph,
  outputs = { tick_minutes = 10 },
}
