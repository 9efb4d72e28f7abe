-- scenarios/history/crowdstrike-2024.obs.lua
-- The public record of 19 July 2024 that the shared model was calibrated
-- on (../shared/CALIBRATION.md): calibration figures, never evidence.

local vendor_rca = {
  title = "Channel File 291 Incident: Root Cause Analysis; CEO statements of 25 and 29 July 2024",
  publisher = "CrowdStrike",
  date = "2024-08-06",
  url = "https://www.crowdstrike.com/wp-content/uploads/2024/08/Channel-File-291-Incident-Root-Cause-Analysis-08.06.2024.pdf",
}

-- Parametrix monitored the service status of the Fortune 500 and counted
-- those disrupted: figures of what was observed, not of the losses it then
-- estimated (those, $5.4B in all, calibrated the cost model). The model's
-- largest organisations (10,000 endpoints or more, size class "10000+")
-- stand for the Fortune 500: the vendor's share among them was sized on
-- its 298 Fortune 500 customers (models/vendors_endpoint.lua size_factor),
-- a count of customers, not of those disrupted.
local parametrix = {
  title = "Fortune 500 Faces $5.4 Billion Financial Hit from CrowdStrike Outage (Parametrix analysis)",
  publisher = "Insurance News Magazine, reporting Parametrix",
  date = "2024-07-24",
  url = "https://insurancenewsmag.com/?p=402441",
}
local parametrix_cf = {
  title = "Fortune 500 Losing $5.4 Billion from CrowdStrike Outage (Parametrix)",
  publisher = "Channel Futures",
  date = "2024-07-24",
  url = "https://channelfutures.com/security/fortune-500-loses-5-4-billion-from-crowdstrike-outage",
}

local function share_hit(id, figure, industry, value, lo, hi, src)
  return {
    id = id, figure = figure, value = value, band = { lo, hi }, unit = "share of organisations",
    output = "orgs_hit_share", industry = industry, size = "10000+",
    source = src, calibration = false,
  }
end

return {
  event = "kaseya-vsa-2021",
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
    -- Delta Air Lines (crowdstrike-2024.portfolio.csv: its 2023 revenue,
    -- $58.0B, Delta 10-K 2023; endpoints drawn from revenue; no policy
    -- terms: ground-up only) takes the place of a synthetic airline. The
    -- airline figures of models/costs.lua (margin, operational tail,
    -- incident cost) were taken from Delta's own 2024 record, so these two
    -- are calibration, not evidence.
    {
      id = "delta_loss",
      figure = "Delta Air Lines' cost of the outage: about $550M ($380M revenue, $170M expense)",
      value = 550e6, band = { 450e6, 650e6 }, unit = "USD",
      output = "company_loss_usd", policy = "DL",
      source = { title = "Delta Air Lines Form 10-Q, quarter ended 30 September 2024 (and 8-K of 8 August 2024)", publisher = "Delta Air Lines via SEC EDGAR", date = "2024-10-10" },
      calibration = true,
    },
    {
      id = "delta_days",
      figure = "Delta Air Lines: normal operations only on 25 July, about six days after the outage",
      value = 144, band = { 96, 168 }, unit = "hours",
      output = "company_downtime_hours", policy = "DL",
      source = { title = "Delta Air Lines Form 8-K", publisher = "Delta Air Lines via SEC EDGAR", date = "2024-08-08" },
      calibration = true,
    },
    {
      id = "delta_machines",
      figure = "Delta Air Lines: about 37,000 of its computers crashed",
      value = 37000, band = { 30000, 45000 }, unit = "endpoints",
      output = "company_hit_endpoints", policy = "DL",
      source = { title = "Delta Air Lines' letter to CrowdStrike (D. Boies), and court filings", publisher = "CNBC, reporting Delta", date = "2024-08-08" },
      calibration = true,
    },
    share_hit("f500_disrupted", "Fortune 500 companies disrupted: 125 of 500", nil, 0.25, 0.2, 0.3, parametrix),
    share_hit("f500_airlines", "Fortune 500 airlines disrupted: all six", "airlines", 1.0, 0.83, 1.0, parametrix),
    share_hit("f500_healthcare", "Fortune 500 healthcare companies disrupted: about three quarters", "healthcare", 0.75, 0.6, 0.9, parametrix),
    share_hit("f500_banking", "Fortune 500 banks disrupted: about three quarters", "banking", 0.75, 0.6, 0.9, parametrix),
    share_hit("f500_retail", "Fortune 500 retailers and wholesalers disrupted: 43%", "retail", 0.43, 0.34, 0.52, parametrix),
    share_hit("f500_software_it", "Fortune 500 software and IT services companies disrupted: 21% (mostly on Linux)", "software_it", 0.21, 0.15, 0.28, parametrix_cf),
  },
}
