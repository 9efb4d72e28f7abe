-- scenarios/history/crowdstrike-2024.obs.lua
-- The public record of 19 July 2024 that the shared model was calibrated
-- on (../shared/CALIBRATION.md): calibration figures, never evidence.

local vendor_rca = {
  title = "Channel File 291 Incident: Root Cause Analysis; CEO statements of 25 and 29 July 2024",
  publisher = "CrowdStrike",
  date = "2024-08-06",
  url = "https://www.crowdstrike.com/wp-content/uploads/2024/08/Channel-File-291-Incident-Root-Cause-Analysis-08.06.2024.pdf",
}

return {
  event = "crowdstrike-2024",
  observations = {
    {
      id = "devices_crashed",
      figure = "Windows devices that crashed (counted from crash reports, possibly an undercount)",
      value = 8.5e6, band = { 8.0e6, 9.5e6 }, unit = "devices",
      output = "affected_endpoints",
      source = { title = "Helping our customers through the CrowdStrike outage", publisher = "Microsoft (D. Weston)", date = "2024-07-20", url = "https://blogs.microsoft.com/blog/2024/07/20/helping-our-customers-through-the-crowdstrike-outage/" },
      calibration = true,
    },
    {
      id = "recovered_25jul",
      figure = "more than 97% of Windows sensors back online by 25 July",
      band = { 0.97, 1.0 }, value = 0.975, unit = "share of crashed hosts",
      output = "recovered_share", at = "2024-07-25T12:00:00Z",
      source = vendor_rca,
      calibration = true,
    },
    {
      id = "recovered_29jul",
      figure = "about 99% of Windows sensors online on 29 July, 20:00 EDT (week-to-week variance about 1%)",
      band = { 0.98, 1.0 }, value = 0.99, unit = "share of crashed hosts",
      output = "recovered_share", at = "2024-07-30T00:00:00Z",
      source = vendor_rca,
      calibration = true,
    },
  },
}
