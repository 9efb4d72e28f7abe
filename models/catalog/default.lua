-- models/catalog/default.lua
-- fleetsim's stochastic event catalogue (docs/CATALOG.md): seven families
-- of events, each a scenario of scenarios/catalog/ with an annual
-- frequency, the distributions of the parameters its events vary, and the
-- vendor or provider it picks by market share. The frequencies count
-- events of at least the severity the distributions span (an outage of a
-- top provider of hours, an update that crashes or bricks hosts at scale);
-- each is a sourced count or an assumption with its reasoning.

local cb = require "catalog_base"

local WEEK = { dist = "uniform", lo = 0, hi = 168,
  source = "assumption: an event is as likely to start at any hour of the week" }

local agent_ids, agent_share = cb.agents()

return {
  name = "default",
  description = "fleetsim's catalogue of IT outage events: faulty agent and OS updates, cloud, identity and CDN/DNS outages, MSP compromises and worms",
  families = {
    agent_update = {
      description = "a faulty content update of an endpoint security agent crashes Windows hosts (the 2024 reference event's family)",
      scenario = "../../scenarios/catalog/agent-update.lua",
      annual_rate = 0.2,
      rate_source = "assumption: agent updates that crashed or disabled hosts at scale: McAfee DAT 5958 (2010), Sophos false positive on its own updater (2012), Webroot (2017), CrowdStrike channel file 291 (2024): about four in twenty years",
      pick = { param = "vendor", shares = agent_share,
        source = "models/vendors_endpoint.lua default market shares (IDC 2022 via ChannelNews; assumptions stated there)" },
      params = {
        start_hour = WEEK,
        affected_version_share = { dist = "uniform", lo = 0.3, hi = 1,
          source = "assumption: a content update reaches every sensor version (2024: 0.95) or only recent ones" },
        poll_minutes = { dist = "triangular", lo = 1, mode = 5, hi = 60,
          source = "assumption around the reference's 5 minutes (scenarios/crowdstrike-2024.lua)" },
        crash_probability = { dist = "loguniform", lo = 0.02, hi = 1,
          source = "assumption: from a fault on a few configurations to every host (2024: 1)" },
        pull_minutes = { dist = "lognormal", median = 78, sigma = 1.0, lo = 10, hi = 1440,
          source = "median the reference's 78 minutes (CrowdStrike PIR); spread an assumption" },
        guidance_minutes = { dist = "lognormal", median = 63, sigma = 0.8, lo = 10, hi = 1440,
          source = "median the reference's 63 minutes (press timelines); spread an assumption" },
      },
    },
    os_update = {
      description = "a faulty Windows update leaves some hosts unable to boot",
      scenario = "../../scenarios/catalog/os-update.lua",
      annual_rate = 0.3,
      rate_source = "assumption: Windows updates pulled or blocked for boot failures: KB4056892 on some AMD systems (2018), KB5012170 BitLocker recovery prompts (2022), KB5034441 (2024), about one every three years at scale",
      params = {
        start_hour = WEEK,
        crash_probability = { dist = "loguniform", lo = 0.005, hi = 0.2,
          source = "assumption: bad updates hit specific hardware or configurations" },
        poll_minutes = { dist = "triangular", lo = 720, mode = 2880, hi = 10080,
          source = "assumption: update rings spread installation over half a day to a week" },
        pull_hours = { dist = "lognormal", median = 48, sigma = 0.7, lo = 6, hi = 240,
          source = "assumption: Microsoft pauses a bad update within days (release health notes)" },
      },
    },
    cloud_region = {
      description = "a cloud region is down for hours to days",
      scenario = "../../scenarios/catalog/cloud-region.lua",
      annual_rate = 0.5,
      rate_source = "scenarios/cloud-region-outage.lua: AWS us-east-1 had major multi-hour outages in 2011, 2017, 2020, 2021 and 2025; 0.5 a year for any top region (assumption)",
      pick = { param = "provider", shares = cb.shares("cloud"),
        source = "models/vendors.lua cloud regions' default shares (assumption stated there)" },
      params = {
        start_hour = WEEK,
        outage_hours = { dist = "lognormal", median = 8, sigma = 0.9, lo = 1, hi = 144,
          source = "median between AWS us-east-1's ~7 h (2021) and ~15 h (2025); the tail reaches the 3-6 day region loss of a realistic disaster scenario (assumption)" },
      },
    },
    identity_provider = {
      description = "an identity provider cannot sign anyone in",
      scenario = "../../scenarios/catalog/identity.lua",
      annual_rate = 1.0,
      rate_source = "scenarios/identity-provider-outage.lua: Azure AD/Entra ID and Okta each had several multi-hour incidents between 2019 and 2024 (assumption)",
      pick = { param = "provider", shares = cb.shares("saas_identity"),
        source = "models/vendors.lua identity providers' default shares" },
      params = {
        start_hour = WEEK,
        outage_hours = { dist = "lognormal", median = 3, sigma = 0.9, lo = 0.5, hi = 48,
          source = "assumption: hours, up to the ~14 h of the Azure AD outage of 15 Mar 2021" },
      },
    },
    cdn_dns = {
      description = "a DNS, CDN or edge network fails",
      scenario = "../../scenarios/catalog/cdn-dns.lua",
      annual_rate = 0.5,
      rate_source = "assumption: Cloudflare (2019, 2020, 2022), Akamai (two in 2021), Fastly (2021): about one every two years",
      pick = { param = "provider", shares = cb.shares("dns_cdn"),
        source = "models/vendors.lua DNS/CDN default shares (W3Techs 2024; assumption)" },
      params = {
        start_hour = WEEK,
        outage_hours = { dist = "lognormal", median = 1, sigma = 0.8, lo = 0.2, hi = 24,
          source = "Fastly 2021: 49 min, Cloudflare 2019: 27 min (scenarios/history/); tail an assumption" },
      },
    },
    msp_compromise = {
      description = "an RMM tool of managed service providers pushes ransomware to their customers",
      scenario = "../../scenarios/catalog/msp-compromise.lua",
      annual_rate = 0.2,
      rate_source = "scenarios/msp-supply-chain.lua: Kaseya VSA 2021 and SolarWinds Orion 2020 in about a decade of mass RMM use (assumption)",
      pick = { param = "provider", shares = cb.shares("rmm"),
        source = "assumption: equal shares (models/vendors.lua gives RMM tools none)" },
      params = {
        start_hour = WEEK,
        reach = { dist = "uniform", lo = 0.3, hi = 0.9,
          source = "assumption around scenario_base.supply_chain.reach (0.6)" },
        reimage_factor = { dist = "triangular", lo = 2, mode = 4, hi = 10,
          source = "assumption around scenario_base.supply_chain.reimage_factor (4)" },
        active_hours = { dist = "lognormal", median = 3, sigma = 0.8, lo = 0.5, hi = 24,
          source = "median near Kaseya's ~2.5 h (2021); spread an assumption" },
      },
    },
    worm = {
      description = "a destructive worm (wiper) spreads from an MSP's customers along provider links",
      scenario = "../../scenarios/catalog/worm.lua",
      annual_rate = 0.05,
      rate_source = "assumption: WannaCry and NotPetya (2017) in about twenty years of mass-exploitable Windows networking: a 1-in-20-year event",
      pick = { param = "provider", shares = cb.shares("msp"),
        source = "models/vendors.lua MSP default shares (stylised, assumption)" },
      params = {
        start_hour = WEEK,
        reach = { dist = "uniform", lo = 0.5, hi = 0.95,
          source = "assumption around scenario_base.worm.reach (0.9)" },
        cross_probability = { dist = "uniform", lo = 0.05, hi = 0.4,
          source = "assumption around scenario_base.worm.cross_probability (0.2)" },
        active_hours = { dist = "lognormal", median = 22, sigma = 0.6, lo = 4, hi = 120,
          source = "median NotPetya's ~22 h (scenarios/history/notpetya-2017.lua); spread an assumption" },
      },
    },
  },
  -- Realistic disaster scenarios: named deterministic events, simulated
  -- beside the catalogue (rate 0: they never occur in its years) and
  -- reported with the return period at which they sit on its OEP curve.
  rds = {
    ["crowdstrike-2024"] = {
      family = "agent_update", pick = "crowdstrike",
      description = "the 19 July 2024 faulty channel file through the catalogue's agent-update family (Friday 04:09 UTC, pulled after 78 minutes)",
      set = { start_hour = 100.15, pull_minutes = 78, guidance_minutes = 63, poll_minutes = 5,
              crash_probability = 1, affected_version_share = 0.95 },
      source = "CrowdStrike PIR (publish 04:09 UTC, revert 05:27 UTC); scenarios/crowdstrike-2024.lua for poll and version share",
    },
    ["us-east-1-four-days"] = {
      family = "cloud_region", pick = "aws-us-east-1",
      description = "the largest cloud region down for four days from Monday 14:00 UTC",
      set = { start_hour = 14, outage_hours = 96 },
      source = "Lloyd's and AIR, Cloud Down (2018): a top cloud provider's region down for 3 to 6 days; four days in the middle",
    },
    ["entra-id-one-day"] = {
      family = "identity_provider", pick = "microsoft-entra-id",
      description = "the largest identity provider unable to sign anyone in for a day from Monday 14:00 UTC",
      set = { start_hour = 14, outage_hours = 24 },
      source = "assumption: a day, against the ~14 h of Azure AD's 15 Mar 2021 outage",
    },
    ["kaseya-style-rmm"] = {
      family = "msp_compromise", pick = "kaseya-vsa",
      description = "an RMM tool pushes ransomware on a Friday evening (18:00 UTC) for 2.5 hours",
      set = { start_hour = 114, active_hours = 2.5 },
      source = "Kaseya VSA, Friday 2 July 2021: ~2.5 h before the servers were shut down (scenarios/msp-supply-chain.lua)",
    },
  },
}
