-- models/vendors_endpoint.lua
-- Endpoint security vendors (EPP/EDR agents with kernel-level components).
--
-- market_share: share of ENTERPRISE ORGANISATIONS (>= ~1,000 employees) that
-- use the vendor as their PRIMARY endpoint agent on Windows, per industry
-- key ("default" for industries not listed). Values for each key sum to 1
-- over the 8 largest vendors plus "other".
--
-- Anchors (sourced):
--  * IDC, worldwide endpoint security 2022 (revenue; reported by ChannelNews
--    2023): Microsoft 18.9%, CrowdStrike 15.1%, Trend Micro 7.6%; top-6
--    combined 55%; Trellix and Sophos losing share; Palo Alto Networks 6th,
--    overtaking Broadcom (Symantec). Modern endpoint segment: Microsoft 22.4%,
--    CrowdStrike 17.8%, Trellix 6.7%. Server security: Trend Micro 15.1%,
--    Palo Alto 7.1%, Microsoft 6.3%.
--  * Parametrix (Jul 2024, via Reuters/Axios): CrowdStrike ~15% of the
--    security software segment in 2023 but works with 298 of the Fortune 500;
--    all Fortune 500 airlines and ~75% of Fortune 500 healthcare firms and
--    banks were disrupted; 43% of retailers/wholesalers; 21% of software/IT.
--  * Press (Jul 2024): ~29,000 CrowdStrike customers; >500 of the Fortune 1000.
-- size_factor (optional, per organisation size class in endpoints): the
-- vendor's share of a segment's organisations is min(1, market_share x
-- size_factor); fleet.non_customers uses it to synthesise the organisations
-- of each segment that are not the vendor's customers.
-- Conversion to organisation shares is an ASSUMPTION: Microsoft Defender is
-- bundled in Microsoft 365 E5/A5 (and P1 in E3/A3 since Nov 2021), so its
-- share of organisations exceeds its revenue share; CrowdStrike is premium
-- priced and concentrated in large enterprises (60% of the Fortune 500, ~20%
-- of all organisations >= 1,000 employees: assumption, ~8,000 such customers
-- out of ~40,000 such organisations worldwide).

local MS_IDC = "IDC worldwide endpoint security 2022 revenue shares (ChannelNews 2023)"
local PARAM = "Parametrix Jul 2024 (share of Fortune 500 firms disrupted by sector)"

return {
  notes = "market_share = share of enterprise organisations (>= ~1,000 employees) using the vendor as primary Windows endpoint agent; per industry key; each key sums to 1 across vendors. Industries without a key use 'default'.",
  list = {
    { id = "crowdstrike", name = "CrowdStrike Falcon", category = "endpoint_security",
      market_share = { default = 0.20, airlines = 0.45, healthcare = 0.30, banking = 0.30, retail = 0.18,
                       government = 0.22, software_it = 0.28, manufacturing = 0.15, education = 0.08 },
      market_share_source = MS_IDC .. " (15.1%, #2 by revenue); press: 298 of Fortune 500, ~29,000 customers; " .. PARAM .. " for the sector tilt (airlines 100%, healthcare/banking ~75%, retail 43%, IT 21% of Fortune 500 disrupted); conversion to org shares is an assumption",
      size_factor = { ["1-9"] = 0.01, ["10-99"] = 0.05, ["100-999"] = 0.25, ["1000-9999"] = 1.0, ["10000+"] = 3.0 },
      size_factor_source = "10000+: 298 of the Fortune 500 are customers (press, Jul 2024), 60% = 3 x the 20% default; 1000-9999: market_share as declared (enterprise organisations); below: ASSUMPTION (premium-priced EDR, little presence among small firms, which mostly run bundled Defender or MSP-managed AV): 5%, 1% and 0.2% of organisations at the default share. A segment's share is min(1, market_share x size_factor); fleet.non_customers synthesises the rest of its organisations",
      platform_share = { windows = 0.80, macos = 0.07, linux = 0.13 },
      platform_source = "assumption: Windows-dominant enterprise fleets; Linux servers/cloud workloads and Mac laptops covered by the same subscription",
      sensor_versions = { affected_share = 0.95,
        source = "CrowdStrike preliminary PIR 24 Jul 2024 (Windows sensors 7.11 and later exposed; the IPC Template Type shipped with 7.11 in Feb 2024); assumption: N-1/N-2 update policies were all >= 7.11 by July 2024, ~5% of hosts pinned to older builds" },
      source = "CrowdStrike 10-K FY2024; IDC 2022; Parametrix 2024; CrowdStrike PIR/RCA 2024" },

    { id = "microsoft_defender", name = "Microsoft Defender for Endpoint", category = "endpoint_security",
      market_share = { default = 0.26, airlines = 0.20, healthcare = 0.25, banking = 0.24, retail = 0.28,
                       government = 0.32, software_it = 0.25, manufacturing = 0.30, education = 0.40 },
      market_share_source = MS_IDC .. " (18.9%, #1; 22.4% of modern endpoint); assumption: bundling in Microsoft 365 E3/E5/A3/A5 lifts org share above revenue share, strongest in education and public sector",
      platform_share = { windows = 0.90, macos = 0.04, linux = 0.06 },
      platform_source = "assumption: deployed mainly where Windows/M365 licensing already exists",
      sensor_versions = { affected_share = 1.0, source = "assumption: hypothetical events expose all agent versions unless a scenario narrows it" },
      source = "IDC 2022 via ChannelNews 2023" },

    { id = "trend_micro", name = "Trend Micro Apex One / Vision One", category = "endpoint_security",
      market_share = { default = 0.08, airlines = 0.06, healthcare = 0.08, banking = 0.07, retail = 0.10,
                       government = 0.06, software_it = 0.05, manufacturing = 0.12, education = 0.06 },
      market_share_source = MS_IDC .. " (7.6%, #3; #1 in server security at 15.1%); assumption: stronger in Japan/Asia manufacturing",
      platform_share = { windows = 0.80, macos = 0.03, linux = 0.17 },
      platform_source = "assumption: large server-security business (IDC 2022) raises the Linux share",
      sensor_versions = { affected_share = 1.0, source = "assumption: hypothetical events expose all agent versions unless a scenario narrows it" },
      source = "IDC 2022 via ChannelNews 2023" },

    { id = "trellix", name = "Trellix (ex-McAfee Enterprise/FireEye)", category = "endpoint_security",
      market_share = { default = 0.07, airlines = 0.06, healthcare = 0.07, banking = 0.08, retail = 0.08,
                       government = 0.14, software_it = 0.03, manufacturing = 0.08, education = 0.04 },
      market_share_source = MS_IDC .. " (Trellix 6.7% of modern endpoint, losing share); assumption: large legacy McAfee base in government/defence",
      platform_share = { windows = 0.88, macos = 0.04, linux = 0.08 },
      platform_source = "assumption",
      sensor_versions = { affected_share = 1.0, source = "assumption: hypothetical events expose all agent versions unless a scenario narrows it" },
      source = "IDC 2022 via ChannelNews 2023" },

    { id = "broadcom_symantec", name = "Broadcom Symantec Endpoint Security", category = "endpoint_security",
      market_share = { default = 0.07, airlines = 0.05, healthcare = 0.07, banking = 0.08, retail = 0.08,
                       government = 0.06, software_it = 0.04, manufacturing = 0.08, education = 0.05 },
      market_share_source = MS_IDC .. " (7th, overtaken by Palo Alto Networks in 2022); assumption: large installed base in big enterprises",
      platform_share = { windows = 0.88, macos = 0.05, linux = 0.07 },
      platform_source = "assumption",
      sensor_versions = { affected_share = 1.0, source = "assumption: hypothetical events expose all agent versions unless a scenario narrows it" },
      source = "IDC 2022 via ChannelNews 2023" },

    { id = "sophos", name = "Sophos Intercept X", category = "endpoint_security",
      market_share = { default = 0.06, airlines = 0.03, healthcare = 0.06, banking = 0.03, retail = 0.06,
                       government = 0.04, software_it = 0.06, manufacturing = 0.07, education = 0.12 },
      market_share_source = MS_IDC .. " (top-6, losing share); assumption: mid-market and education strength, so org share above revenue share",
      platform_share = { windows = 0.90, macos = 0.06, linux = 0.04 },
      platform_source = "assumption",
      sensor_versions = { affected_share = 1.0, source = "assumption: hypothetical events expose all agent versions unless a scenario narrows it" },
      source = "IDC 2022 via ChannelNews 2023" },

    { id = "sentinelone", name = "SentinelOne Singularity", category = "endpoint_security",
      market_share = { default = 0.05, airlines = 0.04, healthcare = 0.05, banking = 0.04, retail = 0.05,
                       government = 0.03, software_it = 0.09, manufacturing = 0.04, education = 0.06 },
      market_share_source = "assumption: outside IDC's 2022 top 6 by revenue; fast-growing, strong with technology firms and MSP-served mid-market",
      platform_share = { windows = 0.75, macos = 0.10, linux = 0.15 },
      platform_source = "assumption",
      sensor_versions = { affected_share = 1.0, source = "assumption: hypothetical events expose all agent versions unless a scenario narrows it" },
      source = "assumption; IDC 2022 via ChannelNews 2023 for ranking context" },

    { id = "palo_alto", name = "Palo Alto Networks Cortex XDR", category = "endpoint_security",
      market_share = { default = 0.03, airlines = 0.03, healthcare = 0.03, banking = 0.05, retail = 0.04,
                       government = 0.03, software_it = 0.05, manufacturing = 0.03, education = 0.02 },
      market_share_source = MS_IDC .. " (6th in 2022 after 62% growth; #2 in server security at 7.1%); assumption for org shares",
      platform_share = { windows = 0.80, macos = 0.07, linux = 0.13 },
      platform_source = "assumption",
      sensor_versions = { affected_share = 1.0, source = "assumption: hypothetical events expose all agent versions unless a scenario narrows it" },
      source = "IDC 2022 via ChannelNews 2023" },

    { id = "other", name = "Other (ESET, Kaspersky, Bitdefender, Cisco, Carbon Black, Cybereason, Fortinet, WithSecure, ...)", category = "endpoint_security",
      market_share = { default = 0.18, airlines = 0.08, healthcare = 0.09, banking = 0.11, retail = 0.13,
                       government = 0.10, software_it = 0.15, manufacturing = 0.13, education = 0.17 },
      market_share_source = MS_IDC .. " (top 6 held 55% of revenue in 2022, so ~45% is spread over many vendors); assumption: the enterprise (>= 1,000 employees) tail is thinner than the revenue tail because much long-tail revenue is SMB and regional; remainder so each key sums to 1",
      platform_share = { windows = 0.88, macos = 0.05, linux = 0.07 },
      platform_source = "assumption",
      sensor_versions = { affected_share = 1.0, source = "assumption: hypothetical events expose all agent versions unless a scenario narrows it" },
      source = "remainder; assumption" },
  },
}
