-- models/catalog_base.lua
-- What the family scenarios of the event catalogue share
-- (scenarios/catalog/, models/catalog/default.lua, docs/CATALOG.md): the
-- providers of a graph category, the endpoint vendors, times counted from
-- a Monday, and a provider outage as a scenario table. Every event starts
-- in the week of Monday 15 July 2024 (start_hour 0..168 from its 00:00
-- UTC) and is followed for 14 days.

local base = require "scenario_base"
local graph = require "vendors"
local endpoint = require "vendors_endpoint"

local M = {}

M.start = "2024-07-15T00:00:00Z"
M.duration_hours = 14 * 24

-- The ids of the graph's providers of category cat, sorted: a family's
-- pick parameter k names the k-th.
function M.providers(cat)
  local out = {}
  for _, v in ipairs(graph.vendors) do
    if v.category == cat then out[#out + 1] = v.id end
  end
  table.sort(out)
  return out
end

-- The endpoint security vendors (models/vendors_endpoint.lua) but "other",
-- sorted by id, and each one's default market share.
function M.agents()
  local ids, share = {}, {}
  for _, v in ipairs(endpoint.list) do
    if v.id ~= "other" then
      ids[#ids + 1] = v.id
      share[v.id] = v.market_share.default
    end
  end
  table.sort(ids)
  return ids, share
end

-- The default market share of each provider of category cat, by id
-- (equal shares where the graph gives none: RMM tools, which
-- organisations do not pick themselves).
function M.shares(cat)
  local out = {}
  for _, v in ipairs(graph.vendors) do
    if v.category == cat then
      out[v.id] = v.market_share and (v.market_share.default or 0) or 1
      if out[v.id] <= 0 then out[v.id] = nil end
    end
  end
  return out
end

-- ISO time h hours (to the minute) after the catalogue's Monday, across
-- month ends (July and August have 31 days, September 30).
function M.at(h)
  local mins = math.floor(h * 60 + 0.5)
  local month, day, len = 7, 15 + mins // 1440, { [7] = 31, [8] = 31, [9] = 30 }
  while len[month] and day > len[month] do
    day = day - len[month]
    month = month + 1
  end
  return string.format("2024-%02d-%02dT%02d:%02d:00Z", month, day, (mins % 1440) // 60, mins % 60)
end

-- The parameters every family scenario declares.
function M.common(n_default)
  return {
    start_hour = {
      default = 14, range = { 0, 168 }, unit = "hours after Monday 00:00 UTC",
      description = "when the event starts in its week",
      source = "catalogue input: drawn over the week (models/catalog/default.lua)",
    },
    fleet_endpoints = {
      default = n_default or base.reference.fleet_endpoints, range = { 1e3, 1e9 }, unit = "endpoints",
      description = "endpoints of the reference vendor's customers (the reference scenario's fleet)",
      source = "scenarios/crowdstrike-2024.lua (calibration input)",
    },
  }
end

-- A provider outage of the k-th provider of category cat (P.provider),
-- from P.start_hour for P.outage_hours, over the economy of
-- scenario_base (the reference vendor's customers and the segments'
-- other organisations).
function M.outage(cat, P, name, description)
  local list = M.providers(cat)
  return {
    name = name,
    description = description,
    start = M.start,
    duration_hours = M.duration_hours,
    seed = 20240715,
    params = P,
    fleet = base.economy(P.fleet_endpoints),
    incident = {
      kind = "provider_outage",
      provider = list[P.provider],
      start = M.at(P.start_hour),
      ["end"] = M.at(P.start_hour + P.outage_hours),
    },
    remediation = base.remediation(),
    graph = graph,
    costs = base.costs,
    outputs = { tick_minutes = 30 },
  }
end

-- The pick parameter over a list of n.
function M.pick(n, what)
  return {
    default = 1, range = { 1, n }, integer = true, unit = "index",
    description = "which " .. what .. " (the k-th by id)",
    source = "catalogue input: picked by market share (models/catalog/default.lua)",
  }
end

return M
