-- scenarios/history/notpetya-2017.obs.lua
-- The public record of NotPetya (27 June 2017): what it cost the companies
-- named in notpetya-2017.portfolio.csv, and how long the largest took to
-- rebuild. The companies reported different things (lost profit, lost
-- sales plus costs); each band spans what was reported.

local wired = {
  title = "The Untold Story of NotPetya, the Most Devastating Cyberattack in History",
  publisher = "Wired (A. Greenberg)",
  date = "2018-08-22",
  url = "https://www.wired.com/story/notpetya-cyberattack-ukraine-russia-code-crashed-the-world/",
}

local function loss(id, figure, policy, band, src)
  return {
    id = id, figure = figure, band = band, unit = "USD",
    output = "company_loss_usd", policy = policy, source = src, calibration = false,
  }
end

return {
  event = "notpetya-2017",
  observations = {
    loss("maersk_loss", "A.P. Moller-Maersk: $250-300M (Q2 2017 interim report)", "MAERSK", { 250e6, 300e6 },
      { title = "Maersk reinstalled 50,000 computers after NotPetya attack (Maersk chair J. H. Snabe, WEF; Q2 2017 interim report)", publisher = "SecurityWeek", date = "2018-01-26", url = "https://www.securityweek.com/maersk-reinstalled-50000-computers-after-notpetya-attack/" }),
    {
      id = "maersk_rebuild",
      figure = "A.P. Moller-Maersk: 4,000 servers, 45,000 PCs and 2,500 applications reinstalled in about ten days",
      value = 240, band = { 168, 336 }, unit = "hours",
      output = "company_downtime_hours", policy = "MAERSK",
      source = { title = "Maersk rebuilt hefty IT infrastructure a mere 10 days after NotPetya attack", publisher = "ITPro", date = "2018-01-26", url = "https://www.itpro.com/cyber-attacks/30393/maersk-rebuilt-hefty-it-infrastructure-a-mere-10-days-after-notpetya-attack" },
      calibration = false,
    },
    {
      id = "maersk_machines",
      figure = "A.P. Moller-Maersk: about 49,000 machines destroyed and reinstalled (45,000 PCs, 4,000 servers)",
      value = 49000, band = { 40000, 60000 }, unit = "endpoints",
      output = "company_hit_endpoints", policy = "MAERSK",
      source = { title = "Maersk reinstalled 50,000 computers after NotPetya attack", publisher = "SecurityWeek", date = "2018-01-26", url = "https://www.securityweek.com/maersk-reinstalled-50000-computers-after-notpetya-attack/" },
      calibration = false,
    },
    {
      id = "mondelez_machines",
      figure = "Mondelez: 1,700 servers and 24,000 laptops 'permanently dysfunctional' (its claim against Zurich)",
      value = 25700, band = { 21000, 31000 }, unit = "endpoints",
      output = "company_hit_endpoints", policy = "MONDELEZ",
      source = { title = "NotPetya Victim Mondelez Sues Zurich Insurance for $100 Million", publisher = "Dark Reading", date = "2019-01-12", url = "https://www.darkreading.com/attacks-breaches/notpetya-victim-mondelez-sues-zurich-insurance-for-$100-million/d/d-id/1333640" },
      calibration = false,
    },
    {
      id = "merck_machines",
      figure = "Merck: more than 30,000 laptop and desktop computers and 7,500 servers crippled",
      value = 37500, band = { 30000, 45000 }, unit = "endpoints",
      output = "company_hit_endpoints", policy = "MERCK",
      source = { title = "Merck Sues Insurers for Failing to Cover Losses in Cyberattack (Bloomberg)", publisher = "Treasury & Risk", date = "2019-12-09", url = "https://treasuryandrisk.com/2019/12/09/merck-sues-insurers-for-failing-to-cover-losses-in-cyberattack" },
      calibration = false,
    },
    {
      id = "saintgobain_restored",
      figure = "Saint-Gobain: all systems restored by about 10 July, some 13 days after the attack",
      value = 312, band = { 240, 400 }, unit = "hours",
      output = "company_downtime_hours", policy = "SAINTGOBAIN",
      source = { title = "Saint-Gobain says cyber attack to hit first-half sales", publisher = "Reuters", date = "2017-07-13", url = "http://in.reuters.com/article/cyber-attack-stgobain-idINFWN1K400V" },
      calibration = false,
    },
    loss("merck_loss", "Merck: $135M lost sales and $175M costs in Q3 2017, about $260M of sales in 2017 (filings); $870M (Wired); $1.4B claimed from its insurers, lost revenue included", "MERCK", { 435e6, 1.4e9 }, wired),
    loss("tnt_loss", "FedEx's TNT Express: about $300M (FedEx, Sep 2017); $400M (Wired)", "TNT", { 300e6, 400e6 }, wired),
    loss("mondelez_loss", "Mondelez: $188M (Wired); 1,700 servers and 24,000 laptops destroyed", "MONDELEZ", { 125e6, 282e6 }, wired),
    loss("saintgobain_loss", "Saint-Gobain: about 1% of first-half 2017 sales (~€220M); $384M (Wired)", "SAINTGOBAIN", { 220e6, 384e6 }, wired),
    loss("rb_loss", "Reckitt Benckiser: about £100M of net revenue lost (trading update, 6 Jul 2017), $129M at $1.29; the band runs from half of it (the gross profit lost, an assumption) to all of it", "RB", { 65e6, 129e6 },
      { title = "Massive cyber-attack could cost Nurofen and Durex maker £100m", publisher = "The Guardian", date = "2017-07-06", url = "https://www.theguardian.com/business/2017/jul/06/cyber-attack-nurofen-durex-reckitt-benckiser-petya-ransomware" }),
    {
      id = "rb_factories",
      figure = "Reckitt Benckiser: the majority of its factories back to full health by 11 July, two weeks after the attack (CEO, half-year results); full recovery expected by the end of August",
      value = 336, band = { 250, 420 }, unit = "hours",
      output = "company_downtime_hours", policy = "RB",
      source = { title = "Reckitt Benckiser reels on US probe and cyber-hack hit", publisher = "Evening Standard (via Yahoo News UK)", date = "2017-07-24", url = "https://uk.news.yahoo.com/reckitt-benckiser-reels-us-probe-102200275.html" },
      calibration = false,
    },
    loss("nuance_loss", "Nuance Communications: about $68M of revenue lost and $24M of remediation costs in fiscal 2017 (10-Q); the band runs from half the revenue (gross profit, an assumption) plus the costs to the $92M", "NUANCE", { 58e6, 92e6 },
      { title = "Nuance says NotPetya attack led to $92 million in lost revenue", publisher = "CSO Online", date = "2018-02-28", url = "https://www.csoonline.com/article/564713/nuance-says-notpetya-attack-led-to-92-million-in-lost-revenue.html" }),
    {
      id = "nuance_outage",
      figure = "Nuance Communications: its transcription and imaging order systems were out from 27 June until early August (10-Q), five to six weeks",
      value = 850, band = { 700, 1000 }, unit = "hours",
      output = "company_downtime_hours", policy = "NUANCE",
      source = { title = "The cost of a malware attack: Nuance attributes $98M in lost revenue to NotPetya", publisher = "Becker's Hospital Review", date = "2018-02-28", url = "https://beckershospitalreview.com/healthcare-information-technology/the-cost-of-a-malware-attack-nuance-attributes-98m-in-lost-revenue-to-notpetya-6-things-to-know.html" },
      calibration = false,
    },
  },
}
