-- scenarios/catalog/cloud-region.lua
-- Catalogue family "cloud_region" (models/catalog/default.lua): one cloud
-- region of models/vendors.lua (the k-th by id, `provider`) is down from
-- `start_hour` for `outage_hours`; the outage reaches organisations through
-- the graph (dependent BI). Anchors: scenarios/cloud-region-outage.lua and
-- docs/scenarios/provider-outages.md.

local cb = require "catalog_base"
local base = require "scenario_base"

local list = cb.providers("cloud")
local P = params(base.merge(cb.common(), {
  provider = cb.pick(#list, "cloud region"),
  outage_hours = {
    default = 10, range = { 0.25, 240 }, unit = "hours",
    description = "how long the region is down",
    source = "AWS post-event summaries: us-east-1 7 Dec 2021 ~7 h, 20 Oct 2025 ~15 h (scenarios/cloud-region-outage.lua)",
  },
}))

return cb.outage("cloud", P, "catalog-cloud-region",
  "A cloud region is down for hours to days; organisations lose what runs there and the SaaS hosted in it.")
