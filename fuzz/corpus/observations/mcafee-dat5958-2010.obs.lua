-- scenarios/history/mcafee-dat5958-2010.obs.lua
-- The public record of McAfee DAT 5958 (21 April 2010).

return {
  event = "kaseya-vsa-2021",
  observations = {
    {
      id = "accounts_hit",
      figure = "enterprise accounts affected: first 'under 0.5%', then 'about 1%' (McAfee)",
      value = 0.01, band = { 0.004, 0.02 }, unit = "share of the vendor's enterprise customers",
      output = "customers_hit_share",
      source = { title = "McAfee Offers Compensation To Enterprise Customers Hit By Faulty AV Update", publisher = "Dark Reading", date = "2010-04-27", url = "https://www.darkreading.com/vulnerabilities-threats/mcafee-offers-compensation-to-enterprise-customers-hit-by-faulty-av-update" },
      calibration = false,
    },
    {
      id = "umich_share_down",
      figure = "University of Michigan Health System and Medical School: about 8,000 of 25,000 computers down (one organisation)",
      value = 0.32, band = { 0.2, 0.45 }, unit = "share of a hit organisation's computers",
      output = "hit_share_in_hit_orgs", size = "10000+",
      source = { title = "Software update shuts down thousands of University of Michigan Health System, Medical School computers", publisher = "AnnArbor.com (T. Reed)", date = "2010-04-21", url = "http://www.annarbor.com/health/software-update-shuts-down-thousands-of-university-of-michigan-health-system-medical-school-computer/" },
      calibration = false,
    },
  },
}
