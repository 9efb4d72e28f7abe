-- models/vendors.lua
-- Vendors and service providers that organisations depend on, by category,
-- with market shares by industry and the dependencies between providers.
-- A scenario uses it as `graph = require "vendors"` (docs/GRAPH.md).
--
-- market_share: share of the scenario's ORGANISATIONS (the enterprise
-- customers of models/industries.lua) that use the provider as their
-- primary one in its category, per industry key ("default" for industries
-- not listed). Within a category the shares of one industry sum to at most
-- 1; the rest is the chance that an organisation uses none of the listed
-- providers (in-house systems, smaller vendors). Organisations pick one
-- provider per category and, with the category's `redundancy`, a second one
-- as a redundant (any-of) alternative.
--
-- weight: share of an organisation's operating capacity lost while the
-- category's provider is down (assumptions, stated per category);
-- delay_hours: how long an outage takes to reach a dependent.
-- Endpoint agents and operating systems act through the organisation's own
-- endpoints (`via_fleet`): the engine's fleet model carries them.

local ep = require "vendors_endpoint"

local SYNERGY = "Synergy Research Group, cloud infrastructure services Q2 2024: AWS 32%, Microsoft 23%, Google 12% of worldwide spend"
local REGION = "assumption: a provider's share spread over its regions by their size (us-east-1 is AWS's oldest and largest region; AWS re:Invent and status-page history); an organisation's 'primary' region is where its most critical workloads run; ~40% of enterprises run critical workloads mainly on premises (Flexera State of the Cloud 2024: ~half of workloads in public cloud)"

local categories = {
  { id = "endpoint_security", name = "Endpoint security agents", weight = 0.9, delay_hours = 0,
    via_fleet = true,
    source = "models/vendors_endpoint.lua; weight: assumption, a crashed agent takes its host down (19 July 2024)" },
  { id = "os", name = "Operating system vendors", weight = 0.9, delay_hours = 0, via_fleet = true,
    source = "StatCounter desktop OS share 2024 (Windows ~73%, macOS ~15%, Linux ~4%); enterprise fleets are more Windows-heavy; weight: assumption" },
  { id = "cloud", name = "Cloud regions (IaaS/PaaS)", weight = 0.6, delay_hours = 0.1, redundancy = 0.2,
    source = SYNERGY .. "; redundancy: assumption, ~1 in 5 organisations runs critical workloads active-active in two regions" },
  { id = "saas_identity", name = "Identity providers (SSO)", weight = 0.5, delay_hours = 0.25, redundancy = 0.02,
    on_cloud = true,
    source = "assumption: no sign-in blocks most office work, not operations already running; Okta Businesses at Work 2024 and Microsoft Entra ID's bundling with Microsoft 365 for the split" },
  { id = "saas_email", name = "Email and office suites", weight = 0.25, delay_hours = 0.1, on_cloud = true,
    source = "assumption: email/collaboration outage costs a quarter of office capacity; Microsoft 365 ~ 85% and Google Workspace ~ 10% of enterprise email (Gartner peer estimates)" },
  { id = "saas_payments", name = "Payment processors and gateways", weight = 0.6, delay_hours = 0, redundancy = 0.15,
    on_cloud = true,
    source = "assumption: card-present and online sales stop without the processor; Nilson Report 2023 acquirer rankings (Fiserv, JPMorgan, Worldpay, Adyen, Stripe among the largest)" },
  { id = "saas_airline", name = "Airline reservation and departure control", weight = 0.9, delay_hours = 0,
    on_cloud = true,
    source = "assumption: no check-in or boarding without the passenger service system; Amadeus Altea, Sabre SabreSonic and Navitaire host most carriers (Amadeus/Sabre annual reports)" },
  { id = "saas_ehr", name = "Hospital electronic health records", weight = 0.6, delay_hours = 0,
    on_cloud = true,
    source = "KLAS Research US Hospital EMR Market Share 2024: Epic 42.3% of hospitals (54.9% of beds), Oracle Health 22.9%, MEDITECH 14.8%; weight: assumption, downtime procedures keep care going at reduced throughput" },
  { id = "msp", name = "Managed service providers", weight = 0.7, delay_hours = 0.5,
    source = "assumption: an MSP that cannot reach its customers' systems stalls their IT operations; MSPs serve mostly mid-market and SMB organisations" },
  { id = "rmm", name = "Remote monitoring and management tools (used by MSPs)", weight = 0.8, delay_hours = 0,
    on_cloud = true,
    source = "assumption; Kaseya VSA (2 July 2021) shows an RMM tool pushing a payload to ~1,500 downstream businesses through ~60 MSPs (Kaseya statement, 6 July 2021)" },
  { id = "dns_cdn", name = "DNS, CDN and edge networks", weight = 0.4, delay_hours = 0, redundancy = 0.1,
    infrastructure = true,
    source = "infrastructure: the market's infrastructure exclusions name DNS and internet infrastructure (LMA5403-style wordings; docs/LOSSES.md 3.4); W3Techs 2024: Cloudflare serves ~20% of all websites (~80% of reverse-proxy CDN use); Akamai and Fastly follow; weight: assumption, customer-facing web and APIs unreachable" },
}

local list = {}
for _, v in ipairs(ep.list) do
  list[#list + 1] = { id = v.id, name = v.name:sub(1, 90), category = "endpoint_security",
                      market_share = v.market_share, market_share_source = v.market_share_source,
                      source = v.source }
end

local function add(t) list[#list + 1] = t end

-- Operating systems: primary Windows-fleet owner for every enterprise.
add { id = "microsoft-windows", name = "Microsoft Windows", category = "os",
      market_share = { default = 0.92, software_it = 0.75, media = 0.80 },
      source = "assumption from StatCounter 2024 and enterprise fleet mixes (models/platforms.lua)" }
add { id = "apple-macos", name = "Apple macOS", category = "os",
      market_share = { default = 0.05, software_it = 0.18, media = 0.17 },
      source = "assumption: Mac-first organisations are a minority outside software and media" }
add { id = "linux", name = "Linux distributions (Red Hat, Canonical, SUSE)", category = "os",
      market_share = { default = 0.03, software_it = 0.07, media = 0.03 },
      source = "assumption: server-first organisations" }

-- Cloud regions: primary region of an organisation's critical workloads.
local function region(id, name, default, extra)
  local ms = { default = default }
  for k, x in pairs(extra or {}) do ms[k] = x end
  add { id = id, name = name, category = "cloud", market_share = ms, market_share_source = REGION,
        source = SYNERGY }
end
region("aws-us-east-1", "AWS US East (N. Virginia)", 0.12, { government = 0.10, software_it = 0.18 })
region("aws-us-west-2", "AWS US West (Oregon)", 0.05, { software_it = 0.07 })
region("aws-eu-west-1", "AWS Europe (Ireland)", 0.04)
region("aws-ap-northeast-1", "AWS Asia Pacific (Tokyo)", 0.02)
region("azure-eastus", "Microsoft Azure East US", 0.08, { government = 0.12, healthcare = 0.10 })
region("azure-centralus", "Microsoft Azure Central US", 0.03)
region("azure-westeurope", "Microsoft Azure West Europe (Netherlands)", 0.05)
region("gcp-us-central1", "Google Cloud us-central1 (Iowa)", 0.04, { software_it = 0.06, retail = 0.06 })
region("gcp-europe-west1", "Google Cloud europe-west1 (Belgium)", 0.02)
region("oci-us-ashburn-1", "Oracle Cloud US East (Ashburn)", 0.02, { healthcare = 0.04 })
region("alibaba-cn-hangzhou", "Alibaba Cloud China East 1 (Hangzhou)", 0.02)

-- Identity.
add { id = "microsoft-entra-id", name = "Microsoft Entra ID (Azure AD)", category = "saas_identity",
      market_share = { default = 0.55, education = 0.65, government = 0.60, software_it = 0.40 },
      source = "assumption: bundled with Microsoft 365, the most common enterprise directory" }
add { id = "okta", name = "Okta Workforce Identity", category = "saas_identity",
      market_share = { default = 0.22, software_it = 0.40, banking = 0.25, education = 0.10 },
      source = "Okta 10-K FY2024: ~19,000 customers; assumption for the share of enterprises" }
add { id = "ping-identity", name = "Ping Identity", category = "saas_identity",
      market_share = { default = 0.06, banking = 0.12 },
      source = "assumption: strong with large banks and regulated enterprises" }
add { id = "google-identity", name = "Google Cloud Identity", category = "saas_identity",
      market_share = { default = 0.05, education = 0.15, software_it = 0.08 },
      source = "assumption: organisations on Google Workspace" }

-- Email and office suites.
add { id = "microsoft-365", name = "Microsoft 365 (Exchange Online, Teams)", category = "saas_email",
      market_share = { default = 0.82, software_it = 0.65, education = 0.70 },
      source = "assumption from Gartner peer estimates of enterprise email share" }
add { id = "google-workspace", name = "Google Workspace", category = "saas_email",
      market_share = { default = 0.10, software_it = 0.30, education = 0.28, media = 0.15 },
      source = "assumption" }

-- Payments: sectors that take cards.
local pay = { retail = 1, hospitality = 1, airlines = 1, logistics = 0.5, media = 0.3, software_it = 0.4, healthcare = 0.3, default = 0.1 }
local function payshare(s)
  local t = {}
  for k, f in pairs(pay) do t[k] = s * f end
  return t
end
add { id = "fiserv", name = "Fiserv (Clover, First Data)", category = "saas_payments", market_share = payshare(0.30),
      source = "Nilson Report 2023: Fiserv among the largest US merchant acquirers; scaled by sector card use (assumption)" }
add { id = "worldpay", name = "Worldpay", category = "saas_payments", market_share = payshare(0.22), source = "Nilson Report 2023; assumption" }
add { id = "adyen", name = "Adyen", category = "saas_payments", market_share = payshare(0.18),
      source = "Adyen annual report 2023 (enterprise merchants, airlines and retail); assumption" }
add { id = "stripe", name = "Stripe", category = "saas_payments", market_share = payshare(0.15),
      source = "assumption: online-first merchants and software firms" }

-- Airline passenger service systems.
add { id = "amadeus-altea", name = "Amadeus Altea PSS", category = "saas_airline", market_share = { default = 0, airlines = 0.45 },
      source = "Amadeus annual report 2023: ~200 airlines on Altea; assumption for share of carriers" }
add { id = "sabre", name = "Sabre SabreSonic", category = "saas_airline", market_share = { default = 0, airlines = 0.30 },
      source = "Sabre 10-K 2023; assumption",
      fleet = { industry = "software_it", region = "us_mountain_central", endpoints = 8000,
                agent = "microsoft_defender",
                source = "assumption: a provider fleet on another agent, the contrast case (stylised)" } }
add { id = "navitaire", name = "Navitaire (low-cost carriers)", category = "saas_airline", market_share = { default = 0, airlines = 0.20 },
      source = "Navitaire (Amadeus) hosts ~60 low-cost carriers; assumption",
      -- A provider with a fleet of its own: its service is down while its
      -- own endpoints are (below half capacity). Stylised: no public
      -- statement names the suppliers that ran the agent on 19 July 2024;
      -- low-cost carriers' check-in and boarding systems were reported down.
      fleet = { industry = "software_it", region = "us_mountain_central", endpoints = 3000,
                agent = "crowdstrike",
                source = "assumption: a hosted passenger-service system on ~3,000 Windows servers and VMs running the agent (stylised)" } }

-- Hospital EHR.
add { id = "epic", name = "Epic Systems", category = "saas_ehr", market_share = { default = 0, healthcare = 0.42 },
      source = "KLAS 2024: 42.3% of US acute-care hospitals" }
add { id = "oracle-health", name = "Oracle Health (Cerner)", category = "saas_ehr", market_share = { default = 0, healthcare = 0.23 },
      source = "KLAS 2024: 22.9%" }
add { id = "meditech", name = "MEDITECH Expanse", category = "saas_ehr", market_share = { default = 0, healthcare = 0.15 },
      source = "KLAS 2024: 14.8%" }

-- Managed service providers (stylised: four tiers, no market data on names).
local msp = { default = 0.04, professional_services = 0.12, manufacturing = 0.08, education = 0.08, healthcare = 0.06, hospitality = 0.08 }
local function mspshare(s)
  local t = {}
  for k, f in pairs(msp) do t[k] = s * f end
  return t
end
add { id = "msp-global-a", name = "Global MSP A (stylised)", category = "msp", market_share = mspshare(0.35),
      source = "assumption: share of organisations outsourcing endpoint management, split over stylised MSPs" }
add { id = "msp-global-b", name = "Global MSP B (stylised)", category = "msp", market_share = mspshare(0.25), source = "assumption" }
add { id = "msp-regional-c", name = "Regional MSPs C (stylised)", category = "msp", market_share = mspshare(0.25), source = "assumption",
      fleet = { industry = "professional_services", region = "uk_ireland", endpoints = 2500,
                agent = "crowdstrike",
                source = "assumption: MSPs commonly resell and run the agent on their own management servers (stylised)" } }
add { id = "msp-regional-d", name = "Regional MSPs D (stylised)", category = "msp", market_share = mspshare(0.15), source = "assumption" }

-- RMM tools: only MSPs depend on them (no market_share: organisations do not pick them).
add { id = "kaseya-vsa", name = "Kaseya VSA", category = "rmm", source = "Kaseya 2021 incident reports" }
add { id = "connectwise-automate", name = "ConnectWise Automate", category = "rmm", source = "assumption" }
add { id = "n-able", name = "N-able N-central", category = "rmm", source = "assumption" }
add { id = "ninjaone", name = "NinjaOne", category = "rmm", source = "assumption" }

-- DNS and CDN.
add { id = "cloudflare", name = "Cloudflare", category = "dns_cdn", market_share = { default = 0.35, software_it = 0.45 },
      source = "W3Techs 2024; assumption for enterprise share" }
add { id = "akamai", name = "Akamai", category = "dns_cdn", market_share = { default = 0.25, banking = 0.40, airlines = 0.35, media = 0.38 },
      source = "Akamai 10-K 2023: large enterprise and media customers; assumption" }
add { id = "aws-route53-cloudfront", name = "AWS Route 53 / CloudFront", category = "dns_cdn", market_share = { default = 0.15, software_it = 0.20 },
      source = "assumption" }
add { id = "fastly", name = "Fastly", category = "dns_cdn", market_share = { default = 0.05, media = 0.12 },
      source = "Fastly 10-K 2023; assumption" }

-- Dependencies between providers. Redundant edges with the same group are
-- any-of: multi-region deployments survive one region. Providers of
-- categories with on_cloud and no edge here pick a region in synthesis.
local edges = {
  { dependent = "okta", provider = "aws-us-east-1", kind = "redundant", group = 1, weight = 0.9, delay_hours = 0.1,
    source = "Okta trust page: cells hosted on AWS in several US regions (assumption: us-east-1 and us-west-2)" },
  { dependent = "okta", provider = "aws-us-west-2", kind = "redundant", group = 1, weight = 0.9, delay_hours = 0.1 },
  { dependent = "microsoft-entra-id", provider = "azure-eastus", kind = "redundant", group = 1, weight = 0.9 },
  { dependent = "microsoft-entra-id", provider = "azure-westeurope", kind = "redundant", group = 1, weight = 0.9 },
  { dependent = "microsoft-365", provider = "microsoft-entra-id", kind = "hard", weight = 0.9,
    source = "Microsoft 365 sign-in goes through Entra ID (outage of 15 March 2021)" },
  { dependent = "microsoft-365", provider = "azure-eastus", kind = "redundant", group = 1, weight = 0.8 },
  { dependent = "microsoft-365", provider = "azure-westeurope", kind = "redundant", group = 1, weight = 0.8 },
  { dependent = "google-workspace", provider = "google-identity", kind = "hard", weight = 0.9 },
  { dependent = "google-workspace", provider = "gcp-us-central1", kind = "redundant", group = 1, weight = 0.8 },
  { dependent = "google-workspace", provider = "gcp-europe-west1", kind = "redundant", group = 1, weight = 0.8 },
  { dependent = "google-identity", provider = "gcp-us-central1", kind = "redundant", group = 1, weight = 0.9 },
  { dependent = "google-identity", provider = "gcp-europe-west1", kind = "redundant", group = 1, weight = 0.9 },
  { dependent = "stripe", provider = "aws-us-east-1", kind = "redundant", group = 1, weight = 0.9,
    source = "Stripe runs on AWS (AWS case study); assumption: two US regions" },
  { dependent = "stripe", provider = "aws-us-west-2", kind = "redundant", group = 1, weight = 0.9 },
  { dependent = "sabre", provider = "gcp-us-central1", kind = "hard", weight = 0.9,
    source = "Sabre and Google Cloud, 10-year partnership (2020) moving Sabre's systems to Google Cloud; assumption: one primary region" },
  { dependent = "oracle-health", provider = "oci-us-ashburn-1", kind = "hard", weight = 0.8,
    source = "Oracle moving Cerner's hosted EHRs to OCI (Oracle statements 2022-2023); assumption: one primary region" },
  { dependent = "amadeus-altea", provider = "azure-westeurope", kind = "hard", weight = 0.9, delay_hours = 0,
    source = "Amadeus-Microsoft partnership (2021) to move Altea to Azure; assumption: European region primary" },
  { dependent = "msp-global-a", provider = "connectwise-automate", kind = "hard", weight = 0.8 },
  { dependent = "msp-global-b", provider = "n-able", kind = "hard", weight = 0.8 },
  { dependent = "msp-regional-c", provider = "kaseya-vsa", kind = "hard", weight = 0.8,
    source = "stylised on the Kaseya VSA incident (2021)" },
  { dependent = "msp-regional-d", provider = "ninjaone", kind = "redundant", group = 1, weight = 0.8 },
  { dependent = "msp-regional-d", provider = "kaseya-vsa", kind = "redundant", group = 1, weight = 0.8 },
  { dependent = "msp-global-a", provider = "microsoft-entra-id", kind = "hard", weight = 0.5 },
  { dependent = "msp-global-b", provider = "okta", kind = "hard", weight = 0.5 },
}

return {
  notes = "Providers, categories and provider-to-provider edges for the dependency graph; see the header and docs/GRAPH.md",
  categories = categories,
  vendors = list,
  edges = edges,
  synthesis = {
    organisations = true,
    cloud_category = "cloud",
    provider_redundancy = 0.5,
    provider_weight = 0.9,
    provider_delay_hours = 0.1,
    source = "assumption: about half of SaaS providers run active-active across two regions",
  },
}
