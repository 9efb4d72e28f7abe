-- models/endpoint_classes.lua
-- Endpoint classes and how each is fixed by hand after a boot-loop crash.
--
-- Key public anchors:
--  * ~3-5 min per PC with the BitLocker key at hand, ~20 min per server (one
--    firm's account; press report, see shared/CALIBRATION.md).
--  * Providence (US health system): 5-20 minutes per computer across ~70,000
--    computers; ~15,000 application servers initially offline (Modern
--    Healthcare, 22 Jul 2024).
--  * Delta Air Lines: ~40,000 servers reset by hand, "they didn't all come back
--    the way they left" (CEO Ed Bastian, CNBC / AJC, 31 Jul 2024).
--  * Microsoft Azure status, 19 Jul 2024: "several reboots (as many as 15 have
--    been reported) may be required" for affected VMs; otherwise repair the OS
--    disk offline (attach to a rescue VM, delete C-00000291*.sys).
--  * Microsoft recovery tool (USB/WinPE or Safe Mode), released 20-21 Jul 2024:
--    WinPE option needs the BitLocker recovery key but no local admin rights.
--  * CrowdStrike automated (cloud-side) remediation for hosts that reach the
--    network early in boot, available by ~22-23 Jul 2024 (CIS advisory log).
--
-- Semantics (for the engine):
--  fix_minutes             triangular hands-on time per device with the key at
--                          hand (key retrieval is modelled separately).
--  remote_console_share    share of devices in the class fixable through an
--                          out-of-band/hypervisor/cloud console.
--  reboot_fix_probability  chance per reboot cycle that the host fetches the
--                          reverted channel file before it crashes.
--  reboot_interval_minutes mean time between reboot cycles while the host is
--                          not yet hands-on fixed (automatic loop, user or
--                          admin power-cycles). Windows stops looping and
--                          parks at the Automatic Repair screen after ~2
--                          consecutive failed boots, so for PCs the interval
--                          is dominated by people power-cycling (assumption).
--  reboot_cycles_max       reboot cycles anyone will try before waiting for a
--                          hands-on fix. assumption: people try a few
--                          restarts of a PC, kiosk or server (3, 3, 5) before
--                          calling IT; admins script VM resets up to the 15
--                          that Microsoft's Azure status (19 Jul 2024)
--                          reported as sometimes needed.
--  tool_fix_factor         multiplier on fix_minutes once that tool exists
--                          (1 = no help).

return {
  list = {
    {
      id = "workstation", name = "Desktop or laptop PC",
      critical = false,
      critical_source = "assumption: IT teams restore servers and customer-facing terminals before staff PCs",
      fix_minutes = { mode = 5, min = 3, max = 20 },
      fix_minutes_source = "press report via CALIBRATION.md (3-5 min per PC with key at hand); Providence CIO, Modern Healthcare 22 Jul 2024 (5-20 min per computer)",
      needs_physical_access = true,
      remote_console_share = 0.05,
      remote_console_source = "assumption: few fleets have Intel vPro/AMT remote KVM provisioned and usable pre-boot; 5%",
      bitlocker_applicable = true,
      cloud_path = false,
      reboot_fix_probability = 0.02,
      reboot_interval_minutes = 120,
      reboot_cycles_max = 3,
      reboot_source = "Microsoft Azure status 19 Jul 2024 and CrowdStrike guidance (repeated reboots fixed some hosts, up to 15 reported); assumption: laptops on Wi-Fi rarely get network before the crash, wired desktops sometimes do, so 2% per cycle; after ~2 failed boots Windows parks at Automatic Repair, so cycles come from people power-cycling (~every 2 h)",
      tool_fix_factor = { usb_recovery = 0.7, cloud_auto_fix = 0.8 },
      tool_fix_source = "assumption: Microsoft USB/WinPE recovery tool (20-21 Jul) removes the Safe Mode/admin steps but still needs hands and the key (x0.7); CrowdStrike cloud remediation (by ~23 Jul) helps only wired hosts that reach the network early in boot (x0.8 on average)",
    },
    {
      id = "server", name = "Physical server",
      critical = true,
      critical_source = "assumption: servers carry shared applications (and often key escrow / AD), so they are restored first",
      fix_minutes = { mode = 20, min = 10, max = 60 },
      fix_minutes_source = "press report via CALIBRATION.md (~20 min per server); Delta CEO, AJC 31 Jul 2024 (40,000 servers reset by hand, some did not come back cleanly: long right tail); min/max assumption",
      needs_physical_access = true,
      remote_console_share = 0.6,
      remote_console_source = "assumption: most rack servers have a BMC (iLO, iDRAC, IPMI) with virtual console and virtual media; ~40% lack a configured/reachable one (branch servers, older kit)",
      bitlocker_applicable = true,
      cloud_path = false,
      reboot_fix_probability = 0.03,
      reboot_interval_minutes = 30,
      reboot_cycles_max = 5,
      reboot_source = "Microsoft/CrowdStrike guidance 19 Jul 2024 (multiple reboots, up to 15, helped some hosts); assumption: wired, network up early, 3% per cycle; POST plus boot of a rack server ~10 min, admins cycle every ~30 min",
      tool_fix_factor = { usb_recovery = 0.8, cloud_auto_fix = 0.8 },
      tool_fix_source = "assumption: recovery ISO via BMC virtual media saves little over a manual WinRE session (x0.8); CrowdStrike cloud remediation works for wired servers (x0.8)",
    },
    {
      id = "onprem_vm", name = "On-premises virtual machine",
      critical = true,
      critical_source = "assumption: VMs host line-of-business applications and are restored with servers",
      fix_minutes = { mode = 10, min = 5, max = 30 },
      fix_minutes_source = "assumption: hypervisor console (vSphere/Hyper-V) removes walking time; mount recovery ISO or attach the disk to a helper VM; ~half a physical server's time",
      needs_physical_access = false,
      remote_console_share = 0.95,
      remote_console_source = "assumption: hypervisor consoles reach nearly all VMs; 5% blocked because the management plane (vCenter on Windows, jump hosts, AD for login) is itself down",
      bitlocker_applicable = true,
      cloud_path = false,
      reboot_fix_probability = 0.05,
      reboot_interval_minutes = 10,
      reboot_cycles_max = 15,
      reboot_source = "Microsoft Azure status 19 Jul 2024 (as many as 15 VM restarts reported to work); assumption: virtual NICs come up fast, 5% per cycle; admins script resets every ~10 min",
      tool_fix_factor = { usb_recovery = 0.8, cloud_auto_fix = 0.7 },
      tool_fix_source = "assumption: recovery ISO attach is quick on hypervisors (x0.8); CrowdStrike cloud remediation plus scripted reboots (x0.7)",
    },
    {
      id = "cloud_vm", name = "Public cloud virtual machine",
      critical = true,
      critical_source = "assumption: production cloud workloads are customer-facing",
      fix_minutes = { mode = 15, min = 5, max = 60 },
      fix_minutes_source = "Microsoft Azure and AWS guidance 19-20 Jul 2024 (detach OS disk, attach to rescue VM, delete file, reattach; or restore a pre-04:09 UTC snapshot); times are an assumption",
      needs_physical_access = false,
      remote_console_share = 1.0,
      remote_console_source = "assumption: all cloud VMs reachable via provider API/serial console",
      bitlocker_applicable = true,
      cloud_path = true,
      reboot_fix_probability = 0.07,
      reboot_interval_minutes = 10,
      reboot_cycles_max = 15,
      reboot_source = "Microsoft Azure status 19 Jul 2024: 'several reboots (as many as 15 have been reported) may be required'; assumption: 7% per cycle (=> ~2/3 recover within 15 restarts); ~10 min per restart",
      tool_fix_factor = { usb_recovery = 1.0, cloud_auto_fix = 0.3 },
      tool_fix_source = "USB tool not applicable to cloud VMs (x1.0); assumption: provider/agent-vendor automated remediation scripts (Azure, AWS SSM runbooks, CrowdStrike cloud remediation) cut hands-on time to ~30%",
      notes = "Azure Disk Encryption on Windows uses BitLocker, so encrypted cloud VMs need the key from Key Vault.",
    },
    {
      id = "kiosk", name = "Kiosk, POS or shared always-on terminal",
      critical = true,
      critical_source = "assumption: customer-facing (check-in, POS, ATM, dispatch, nurse station) and revenue-bearing, restored right after servers",
      fix_minutes = { mode = 10, min = 5, max = 30 },
      fix_minutes_source = "assumption: locked-down enclosures need a keyboard and often a technician visit on site; ~2x a PC",
      needs_physical_access = true,
      remote_console_share = 0.0,
      remote_console_source = "assumption: embedded/IoT Windows terminals lack out-of-band consoles",
      bitlocker_applicable = true,
      cloud_path = false,
      reboot_fix_probability = 0.02,
      reboot_interval_minutes = 120,
      reboot_cycles_max = 3,
      reboot_source = "assumption: as workstations (wired more often, but staff rarely power-cycle repeatedly)",
      tool_fix_factor = { usb_recovery = 0.7, cloud_auto_fix = 0.9 },
      tool_fix_source = "assumption: USB tool helps where ports are accessible (x0.7); cloud remediation helps wired terminals a little (x0.9)",
      notes = "Includes Windows POS (IHL Group 2009: ~76% of North American POS shipments ran Windows), airport kiosks (SITA/ACI 2014: ~14,000 self-service check-in kiosks at airports worldwide), ATMs, and shared 24x7 PCs.",
    },
  },
}
