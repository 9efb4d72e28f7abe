-- models/platforms.lua
-- Operating-system shares per endpoint class among the agent's customers.
-- Only endpoints on the incident's platform can take a platform-specific
-- update (19 July 2024: Windows only; macOS and Linux hosts were not
-- affected, per the vendor's preliminary post-incident review).

local DESKTOP = "StatCounter desktop OS market share, July 2024 (Windows ~73%, macOS ~15%, Linux ~4%, rest unknown/ChromeOS); enterprise fleets of EDR customers lean further to Windows (assumption: 0.85 Windows, 0.13 macOS, 0.02 Linux)"
local SERVER = "IDC Worldwide Server Operating Environments (2010s): Windows ~2/3 of x86 server units shipped, Linux most of the rest; assumption for physical servers of EDR customers in 2024: 0.60 Windows, 0.40 Linux"
local ONPREM_VM = "assumption: virtualised estates run more Linux than physical servers (databases, appliances); 0.55 Windows, 0.45 Linux"
local CLOUD = "Microsoft (2019, Scott Guthrie): more than half of Azure VM cores run Linux; AWS EC2 is predominantly Linux (Flexera State of the Cloud 2024: Linux leads cloud OS use); assumption: 0.30 Windows, 0.70 Linux across clouds"
local KIOSK = "IHL Group 2009: ~76% of North American POS terminal shipments ran Windows; check-in kiosks, nurse stations and teller terminals mostly Windows (assumption); 0.85 Windows, 0.15 Linux"

return {
  workstation = { windows = 0.85, macos = 0.13, linux = 0.02, source = DESKTOP },
  server      = { windows = 0.60, macos = 0.00, linux = 0.40, source = SERVER },
  onprem_vm   = { windows = 0.55, macos = 0.00, linux = 0.45, source = ONPREM_VM },
  cloud_vm    = { windows = 0.30, macos = 0.00, linux = 0.70, source = CLOUD },
  kiosk       = { windows = 0.85, macos = 0.00, linux = 0.15, source = KIOSK },
}
