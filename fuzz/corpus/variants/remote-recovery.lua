-- scenarios/whatif/remote-recovery.lua
-- Unbootable machines fixed remotely from six hours after the fix was known.
return {
  name = "remote-recovery",
  description = "Remote recovery of unbootable machines, available six hours after the fix is known, reaching half of the endpoints still down",
  set = { remote_share = 0.5, remote_after_hours = 6, remote_mean_hours = 1 },
  source = "Microsoft Windows Resiliency Initiative (Ignite, Nov 2024): Quick Machine Recovery applies fixes through the recovery environment over the network; the share reachable (0.5: wired network or a known Wi-Fi in the recovery environment) and the mean delay (1 h) are assumptions, the six hours is issue 15's what-if",
}
