-- scenarios/catalog/cdn-dns.lua
-- Catalogue family "cdn_dns" (models/catalog/default.lua): a DNS, CDN or
-- edge network of models/vendors.lua (the k-th by id, `provider`) fails
-- from `start_hour` for `outage_hours`. Anchors: the history library's
-- fastly-2021 (49 min) and cloudflare-2019 (27 min).

local cb = require "catalog_base"
local base = require "scenario_base"

local list = cb.providers("dns_cdn")
local P = params(base.merge(cb.common(), {
  provider = cb.pick(#list, "DNS or CDN provider"),
  outage_hours = {
    default = 1, range = { 0.1, 48 }, unit = "hours",
    description = "how long the network fails",
    source = "Fastly 8 Jun 2021: 49 min; Cloudflare 2 Jul 2019: 27 min (scenarios/history/)",
  },
}))

return cb.outage("dns_cdn", P, "catalog-cdn-dns",
  "A DNS or CDN provider fails: the websites and services behind it are unreachable.")
