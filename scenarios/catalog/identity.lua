-- scenarios/catalog/identity.lua
-- Catalogue family "identity_provider" (models/catalog/default.lua): an
-- identity provider of models/vendors.lua (the k-th by id, `provider`)
-- cannot sign anyone in from `start_hour` for `outage_hours`. Anchors:
-- scenarios/identity-provider-outage.lua.

local cb = require "catalog_base"
local base = require "scenario_base"

local list = cb.providers("saas_identity")
local P = params(base.merge(cb.common(), {
  provider = cb.pick(#list, "identity provider"),
  outage_hours = {
    default = 4, range = { 0.25, 72 }, unit = "hours",
    description = "how long sign-ins fail",
    source = "Microsoft PIR of the 15 Mar 2021 Azure AD outage (~14 h); scenarios/identity-provider-outage.lua",
  },
}))

return cb.outage("saas_identity", P, "catalog-identity",
  "An identity provider cannot sign users in: organisations and SaaS that rely on it lose part of their capacity.")
