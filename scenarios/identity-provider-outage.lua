-- scenarios/identity-provider-outage.lua
-- A widely used identity provider (Microsoft Entra ID by default) cannot
-- sign anyone in for a few hours. Organisations that depend on it for
-- single sign-on lose the share of their capacity that needs a fresh login
-- (the dependency's impact weight in models/vendors.lua), unless they have a
-- redundant identity path; SaaS that authenticates through it degrades too.
-- Public anchors: Azure AD authentication outages of 15 Mar 2021 (about 14 h
-- of sign-in errors, Microsoft post-incident review) and Okta's of 2023-2024
-- (hours). See docs/scenarios/provider-outages.md.

local base = require "scenario_base"
local vendors = require "vendors"

local CAT = base.category(vendors, "saas_identity")

local P = params(base.merge(base.failover_params(CAT, "a second identity provider"), {
  outage_hours = {
    default = 4, range = { 0.25, 72 }, unit = "hours",
    description = "how long sign-ins fail",
    source = "Microsoft PIR of the 15 Mar 2021 Azure AD outage (~14 h of elevated errors, most users affected for several hours); 4 h as a typical severe incident (assumption)",
  },
  fleet_endpoints = {
    default = 22.0e6, range = { 1e3, 1e9 }, unit = "endpoints",
    description = "endpoints of the organisations modelled (the reference scenario's fleet)",
    source = "scenarios/crowdstrike-2024.lua (calibration input)",
  },
  annual_rate = {
    default = 1.0, range = { 0, 10 }, unit = "events per year",
    description = "how often a multi-hour outage of a top identity provider happens",
    source = "assumption: Azure AD/Entra ID and Okta each had several multi-hour incidents between 2019 and 2024",
  },
}))

local start_h = 19 -- 19:00 UTC: afternoon in the Americas, evening in Europe
local function at(h)
  local day = 11 + math.floor(h / 24)
  local hh = h % 24
  local mm = math.floor((hh % 1) * 60 + 0.5)
  return string.format("2024-03-%02dT%02d:%02d:00Z", day, math.floor(hh) + mm // 60, mm % 60)
end

return {
  name = "identity-provider-outage",
  description = "A widely used identity provider is unavailable for hours: organisations and SaaS that sign users in through it lose part of their capacity.",
  start = "2024-03-11T00:00:00Z",
  duration_hours = 5 * 24,
  seed = 20210315,
  params = P,
  fleet = base.fleet(P.fleet_endpoints),
  incident = {
    kind = "provider_outage",
    provider = "microsoft-entra-id",
    start = at(start_h),
    ["end"] = at(start_h + P.outage_hours),
  },
  remediation = base.remediation(),
  graph = base.graph_with(vendors, { saas_identity = { redundancy = P.failover_share, failover_hours = P.failover_hours } }),
  costs = base.costs,
  outputs = { tick_minutes = 10 },
}
