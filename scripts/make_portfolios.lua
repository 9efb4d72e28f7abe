-- scripts/make_portfolios.lua
-- Deterministic generator of the two example insurance portfolios in
-- models/portfolios/. Plain Lua 5.4; run from the repository root:
--
--   lua5.4 scripts/make_portfolios.lua
--
-- Output is byte-identical on every run: a fixed seed drives a private
-- splitmix64 generator (math.random is not used), tables are only ever
-- walked in array order (never pairs(), whose order depends on Lua's hash
-- seed), and numbers are written with fixed formats. Method, parameters and
-- sources: models/portfolios/README.md.

local OUT_DIR = "models/portfolios/"
local SEED_MIDMARKET = 20240719
local SEED_LARGE = 20240724

---------------------------------------------------------------- PRNG
-- splitmix64 (Steele, Lea, Flood 2014); Lua 5.4 integers wrap mod 2^64.
local function new_rng(seed)
  local state = seed
  local r = {}
  function r.next64()
    state = state + 0x9E3779B97F4A7C15
    local z = state
    z = (z ~ (z >> 30)) * 0xBF58476D1CE4E5B9
    z = (z ~ (z >> 27)) * 0x94D049BB133111EB
    return z ~ (z >> 31)
  end
  -- uniform in the open interval (0, 1), 53 bits
  function r.uniform()
    return ((r.next64() >> 11) + 0.5) / 9007199254740992.0
  end
  -- standard normal (Box-Muller, one value per call)
  function r.normal()
    local u1, u2 = r.uniform(), r.uniform()
    return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)
  end
  -- pick from an ordered list of { value, weight }
  function r.choice(list)
    local total = 0.0
    for i = 1, #list do total = total + list[i][2] end
    local x = r.uniform() * total
    for i = 1, #list do
      x = x - list[i][2]
      if x < 0 then return list[i][1] end
    end
    return list[#list][1]
  end
  -- Fisher-Yates shuffle in place
  function r.shuffle(t)
    for i = #t, 2, -1 do
      local j = 1 + math.floor(r.uniform() * i)
      t[i], t[j] = t[j], t[i]
    end
    return t
  end
  return r
end

-- Inverse standard normal CDF (Acklam 2003; relative error < 1.2e-9).
local function norm_inv(p)
  local a = { -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
              1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00 }
  local b = { -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
              6.680131188771972e+01, -1.328068155288572e+01 }
  local c = { -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
              -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00 }
  local d = { 7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
              3.754408661907416e+00 }
  local plow = 0.02425
  if p < plow then
    local q = math.sqrt(-2 * math.log(p))
    return (((((c[1]*q+c[2])*q+c[3])*q+c[4])*q+c[5])*q+c[6]) /
           ((((d[1]*q+d[2])*q+d[3])*q+d[4])*q+1)
  elseif p <= 1 - plow then
    local q = p - 0.5
    local r = q * q
    return (((((a[1]*r+a[2])*r+a[3])*r+a[4])*r+a[5])*r+a[6])*q /
           (((((b[1]*r+b[2])*r+b[3])*r+b[4])*r+b[5])*r+1)
  else
    local q = math.sqrt(-2 * math.log(1 - p))
    return -(((((c[1]*q+c[2])*q+c[3])*q+c[4])*q+c[5])*q+c[6]) /
            ((((d[1]*q+d[2])*q+d[3])*q+d[4])*q+1)
  end
end

local function norm_cdf(z)
  -- Abramowitz-Stegun 26.2.17 is enough here (used once, for the truncation point)
  local t = 1 / (1 + 0.2316419 * math.abs(z))
  local poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))))
  local v = 1 - math.exp(-z * z / 2) / math.sqrt(2 * math.pi) * poly
  return z >= 0 and v or 1 - v
end

---------------------------------------------------------------- models
local industries = dofile("models/industries.lua")
local regions = dofile("models/regions.lua")
local vendors = dofile("models/vendors_endpoint.lua")
local costs = dofile("models/costs.lua")

local INDUSTRY_OK, REGION_OK, VENDOR_OK = {}, {}, {}
for _, v in ipairs(industries.list) do INDUSTRY_OK[v.id] = true end
for _, v in ipairs(regions.list) do REGION_OK[v.id] = true end
for _, v in ipairs(vendors.list) do VENDOR_OK[v.id] = true end

local function check_ids(list, ok, what)
  for _, e in ipairs(list) do
    assert(ok[e[1]], "unknown " .. what .. " id: " .. tostring(e[1]))
  end
end

-- vendor market shares for an industry, as an ordered { id, share } list
local function vendor_mix(industry, exclude)
  local out = {}
  for _, v in ipairs(vendors.list) do
    if v.id ~= exclude then
      local s = v.market_share[industry]
      if s == nil then s = v.market_share.default end
      out[#out + 1] = { v.id, s }
    end
  end
  return out
end

---------------------------------------------------------------- CSV
local HEADER = "PolicyId,Name,Industry,Region,AnnualRevenueUSD,Endpoints,AgentVendor,WaitingPeriodHours,Deductible,Limit,SystemFailureSublimit,DependentBISublimit,Share"

local function csv_field(s)
  s = tostring(s)
  if s:find('[,"\r\n]') then
    return '"' .. s:gsub('"', '""') .. '"'
  end
  return s
end

local function int(x)
  if x == nil or x == "" then return "" end
  return string.format("%d", math.floor(x + 0.5))
end

local function write_csv(path, rows)
  local f = assert(io.open(path, "wb"))
  f:write(HEADER, "\n")
  for _, r in ipairs(rows) do
    local cells = {
      csv_field(r.id), csv_field(r.name), r.industry, r.region,
      int(r.revenue), int(r.endpoints), r.vendor or "",
      int(r.waiting), int(r.deductible), int(r.limit),
      int(r.sf_sublimit), int(r.dbi_sublimit), string.format("%.2f", r.share),
    }
    f:write(table.concat(cells, ","), "\n")
  end
  f:close()
end

local function rpe(industry) return costs.industries[industry].revenue_per_endpoint_usd end

---------------------------------------------------------------- mid-market book
-- Industry mix of a US/European cyber MGA mid-market book (assumption, see
-- README): services-, manufacturing- and healthcare-heavy, few airlines.
local MM_INDUSTRY = {
  { "professional_services", 0.17 }, { "manufacturing", 0.15 }, { "healthcare", 0.10 },
  { "retail", 0.10 }, { "software_it", 0.09 }, { "banking", 0.08 }, { "education", 0.05 },
  { "logistics", 0.05 }, { "hospitality", 0.05 }, { "government", 0.03 }, { "media", 0.03 },
  { "energy", 0.02 }, { "telecom", 0.01 }, { "airlines", 0.002 }, { "other", 0.068 },
}
local MM_REGION = {
  { "us_east", 0.38 }, { "us_mountain_central", 0.28 }, { "us_pacific", 0.14 },
  { "canada", 0.03 }, { "uk_ireland", 0.10 }, { "europe_west", 0.07 },
}
local MM_N = 3000
local MM_REV_MEDIAN, MM_REV_SIGMA, MM_REV_MIN, MM_REV_MAX = 50e6, 1.1, 10e6, 1e9

local LABEL = {
  airlines = "Regional Air", healthcare = "Health Services", banking = "Financial",
  retail = "Stores", manufacturing = "Manufacturing", government = "Public Entity",
  software_it = "Software", telecom = "Telecom", hospitality = "Hospitality",
  logistics = "Logistics", education = "Education", media = "Media",
  energy = "Energy", professional_services = "Advisory", other = "Enterprises",
}

local function mm_suffix(rng, region)
  if region == "uk_ireland" then return " Ltd" end
  if region == "europe_west" then return rng.choice({ { " GmbH", 0.4 }, { " SA", 0.3 }, { " BV", 0.3 } }) end
  return rng.choice({ { ", Inc.", 0.5 }, { " LLC", 0.35 }, { " Corp.", 0.15 } })
end

local function mm_deductible(rng, rev)
  if rev < 25e6 then return rng.choice({ { 10000, 0.6 }, { 25000, 0.4 } }) end
  if rev < 100e6 then return rng.choice({ { 25000, 0.5 }, { 50000, 0.5 } }) end
  if rev < 250e6 then return rng.choice({ { 50000, 0.4 }, { 100000, 0.6 } }) end
  if rev < 500e6 then return rng.choice({ { 100000, 0.6 }, { 250000, 0.4 } }) end
  return rng.choice({ { 100000, 0.3 }, { 250000, 0.7 } })
end

local function mm_limit(rng, rev)
  if rev < 25e6 then return rng.choice({ { 1e6, 0.6 }, { 2e6, 0.3 }, { 3e6, 0.1 } }) end
  if rev < 100e6 then return rng.choice({ { 1e6, 0.25 }, { 2e6, 0.3 }, { 3e6, 0.2 }, { 5e6, 0.25 } }) end
  if rev < 250e6 then return rng.choice({ { 2e6, 0.15 }, { 3e6, 0.2 }, { 5e6, 0.45 }, { 10e6, 0.2 } }) end
  return rng.choice({ { 5e6, 0.45 }, { 10e6, 0.55 } })
end

local function make_midmarket()
  check_ids(MM_INDUSTRY, INDUSTRY_OK, "industry")
  check_ids(MM_REGION, REGION_OK, "region")
  local rng = new_rng(SEED_MIDMARKET)
  local rows = {}
  for i = 1, MM_N do
    local industry = rng.choice(MM_INDUSTRY)
    local region = rng.choice(MM_REGION)
    local rev
    repeat
      rev = MM_REV_MEDIAN * math.exp(MM_REV_SIGMA * rng.normal())
    until rev >= MM_REV_MIN and rev <= MM_REV_MAX
    rev = math.floor(rev / 1000 + 0.5) * 1000

    -- endpoints ~ revenue / revenue_per_endpoint with lognormal noise (sigma 0.35)
    local ep = math.max(10, math.floor(rev / rpe(industry) * math.exp(0.35 * rng.normal()) + 0.5))
    local endpoints = (rng.uniform() < 1 / 3) and "" or ep
    local vendor = ""
    local pick_vendor = rng.choice(vendor_mix(industry))
    if rng.uniform() >= 0.5 then vendor = pick_vendor end

    local waiting = rng.choice({ { 8, 0.30 }, { 10, 0.12 }, { 12, 0.43 }, { 24, 0.15 } })
    local deductible = mm_deductible(rng, rev)
    local limit = mm_limit(rng, rev)

    local u = rng.uniform()
    local sf
    if u < 0.10 then sf = 0                       -- non-malicious failure excluded
    elseif u < 0.25 then sf = ""                  -- no sublimit: full limit
    else sf = limit * rng.choice({ { 0.25, 0.5 }, { 0.5, 0.5 } }) end

    u = rng.uniform()
    local dbi
    if u < 0.08 then dbi = 0
    elseif u < 0.18 then dbi = ""
    elseif u < 0.30 then dbi = limit * 0.5
    else dbi = limit * rng.choice({ { 0.10, 1 }, { 0.15, 1 }, { 0.20, 1 }, { 0.25, 1 } }) end

    local share = rng.choice({ { 1.0, 0.93 }, { 0.5, 0.05 }, { 0.25, 0.02 } })

    rows[#rows + 1] = {
      id = string.format("MM-%05d", i),
      name = string.format("%s %05d%s", LABEL[industry], i,
                           industry == "government" and "" or mm_suffix(rng, region)),
      industry = industry, region = region, revenue = rev, endpoints = endpoints,
      vendor = vendor, waiting = waiting, deductible = deductible, limit = limit,
      sf_sublimit = sf, dbi_sublimit = dbi, share = share,
    }
  end
  return rows
end

---------------------------------------------------------------- large US companies
-- Industry counts (sum 500), mapped from Fortune 2024 sectors (README).
local LG_INDUSTRY_COUNTS = {
  { "airlines", 6 }, { "healthcare", 40 }, { "banking", 90 }, { "retail", 65 },
  { "manufacturing", 125 }, { "software_it", 35 }, { "telecom", 8 }, { "hospitality", 15 },
  { "logistics", 17 }, { "media", 10 }, { "energy", 55 }, { "professional_services", 18 },
  { "other", 16 },
}
-- HQ time-zone counts (sum 500): CA 57, TX 52, NY 52, IL 32, OH 27 (Fortune
-- 2024 via KTVU/Xinhua/Quartz) plus other states by time zone (assumption).
local LG_REGION_COUNTS = { { "us_east", 250 }, { "us_mountain_central", 165 }, { "us_pacific", 85 } }
-- Revenue: lognormal truncated at the 2024 Fortune 500 cutoff, fitted to the
-- median and the mean (README); top capped at Walmart's size.
local LG_CUTOFF, LG_MU, LG_SIGMA, LG_CAP = 7.1e9, math.log(2.454e9), 1.77, 650e9
local LG_CAP_2, LG_CAP_3 = 575e9, 385e9
-- Revenue per endpoint for very large firms (USD; README): higher than the
-- mid-size rates in costs.lua where the sector's giants are distributors,
-- insurers, refiners or platform companies.
local LG_RPE = {
  airlines = 450000, healthcare = 450000, banking = 500000, retail = 450000,
  manufacturing = 500000, software_it = 400000, telecom = 700000, hospitality = 250000,
  logistics = 250000, media = 600000, energy = 1500000, professional_services = 200000,
  other = 500000,
}
-- Largest revenue an industry's member may have (USD): roughly the largest
-- company of that sector on the 2024 list (README), so that, e.g., no
-- professional-services firm gets a retailer's revenue.
local LG_CAP_BY_INDUSTRY = {
  airlines = 60e9, healthcare = 380e9, banking = 370e9, retail = 650e9,
  manufacturing = 390e9, software_it = 310e9, telecom = 140e9, hospitality = 40e9,
  logistics = 95e9, media = 95e9, energy = 350e9, professional_services = 70e9,
  other = 50e9,
}
local LG_CROWDSTRIKE = 298
local LG_LABEL = {
  airlines = "Airways", healthcare = "Health", banking = "Financial", retail = "Retail",
  manufacturing = "Industries", software_it = "Technologies", telecom = "Communications",
  hospitality = "Hospitality", logistics = "Logistics", media = "Media", energy = "Energy",
  professional_services = "Services", other = "Holdings",
}

local function expand(counts)
  local out = {}
  for _, c in ipairs(counts) do
    for _ = 1, c[2] do out[#out + 1] = c[1] end
  end
  return out
end

local function make_large()
  check_ids(LG_INDUSTRY_COUNTS, INDUSTRY_OK, "industry")
  check_ids(LG_REGION_COUNTS, REGION_OK, "region")
  local rng = new_rng(SEED_LARGE)
  local n = 500

  -- revenues by stratified inverse-CDF sampling: one draw per 1/500 stratum
  local pc = norm_cdf((math.log(LG_CUTOFF) - LG_MU) / LG_SIGMA)
  local revs = {}
  for i = 1, n do
    local u = (i - 1 + rng.uniform()) / n
    local rev = math.exp(LG_MU + LG_SIGMA * norm_inv(pc + u * (1 - pc)))
    rev = math.max(LG_CUTOFF, math.min(LG_CAP, rev))
    revs[i] = math.floor(rev / 1e6 + 0.5) * 1e6
  end
  table.sort(revs, function(a, b) return a > b end)
  -- the lognormal overshoots ranks 2-5 (the real top is flatter: two firms
  -- above $390B, then a cluster of $350-385B), so cap rank 2 and below
  revs[2] = math.min(revs[2], LG_CAP_2)
  for i = 3, n do revs[i] = math.min(revs[i], LG_CAP_3) end
  table.sort(revs, function(a, b) return a > b end)

  -- industries: walk revenues from the top; pick among industries with
  -- places left whose cap admits the revenue, weighted by places left
  local left = {}
  for _, c in ipairs(LG_INDUSTRY_COUNTS) do left[c[1]] = c[2] end
  local inds = {}
  for i = 1, n do
    local eligible = {}
    for _, c in ipairs(LG_INDUSTRY_COUNTS) do
      local id = c[1]
      if left[id] > 0 and LG_CAP_BY_INDUSTRY[id] >= revs[i] then eligible[#eligible + 1] = { id, left[id] } end
    end
    assert(#eligible > 0, "no industry admits revenue " .. revs[i])
    inds[i] = rng.choice(eligible)
    left[inds[i]] = left[inds[i]] - 1
  end
  local regs = rng.shuffle(expand(LG_REGION_COUNTS))
  assert(#inds == n and #regs == n)

  -- CrowdStrike customers: weighted sampling without replacement
  -- (Efraimidis-Spirakis keys u^(1/w)); weights = the vendor's enterprise
  -- share per industry, airlines certain (Parametrix: all disrupted).
  local cs_share = vendors.list[1].market_share
  assert(vendors.list[1].id == "crowdstrike")
  local keys = {}
  for i = 1, n do
    local w = inds[i] == "airlines" and 1000 or (cs_share[inds[i]] or cs_share.default)
    keys[i] = { i, rng.uniform() ^ (1 / w) }
  end
  table.sort(keys, function(a, b) if a[2] ~= b[2] then return a[2] > b[2] end return a[1] < b[1] end)
  local is_cs = {}
  for k = 1, LG_CROWDSTRIKE do is_cs[keys[k][1]] = true end

  local rows = {}
  for i = 1, n do
    local industry, region, rev = inds[i], regs[i], revs[i]
    local endpoints = math.floor(rev / LG_RPE[industry] * math.exp(0.3 * rng.normal()) + 0.5)
    local vendor = is_cs[i] and "crowdstrike" or rng.choice(vendor_mix(industry, "crowdstrike"))

    local deductible, limit
    if rev < 15e9 then
      deductible = rng.choice({ { 5e6, 0.35 }, { 10e6, 0.45 }, { 15e6, 0.20 } })
      limit = rng.choice({ { 50e6, 0.35 }, { 75e6, 0.25 }, { 100e6, 0.40 } })
    elseif rev < 50e9 then
      deductible = rng.choice({ { 10e6, 0.30 }, { 15e6, 0.20 }, { 25e6, 0.35 }, { 50e6, 0.15 } })
      limit = rng.choice({ { 100e6, 0.35 }, { 150e6, 0.25 }, { 200e6, 0.40 } })
    else
      deductible = rng.choice({ { 25e6, 0.40 }, { 50e6, 0.60 } })
      limit = rng.choice({ { 200e6, 0.40 }, { 250e6, 0.30 }, { 300e6, 0.30 } })
    end
    local waiting = rng.choice({ { 8, 0.45 }, { 10, 0.10 }, { 12, 0.35 }, { 24, 0.10 } })

    local u = rng.uniform()
    local sf
    if u < 0.12 then sf = 0
    elseif u < 0.45 then sf = ""
    else sf = limit * rng.choice({ { 0.5, 0.7 }, { 0.25, 0.3 } }) end

    u = rng.uniform()
    local dbi
    if u < 0.10 then dbi = 0
    elseif u < 0.25 then dbi = ""
    else dbi = limit * rng.choice({ { 0.25, 0.5 }, { 0.5, 0.5 } }) end

    local share = rng.choice({ { 1.0, 0.25 }, { 0.5, 0.10 }, { 0.25, 0.20 }, { 0.2, 0.15 },
                               { 0.15, 0.10 }, { 0.1, 0.15 }, { 0.05, 0.05 } })

    rows[i] = {
      id = string.format("LUS-%03d", i),
      name = string.format("Company %03d %s", i, LG_LABEL[industry]),
      industry = industry, region = region, revenue = rev, endpoints = endpoints,
      vendor = vendor, waiting = waiting, deductible = deductible, limit = limit,
      sf_sublimit = sf, dbi_sublimit = dbi, share = share,
    }
  end
  return rows
end

---------------------------------------------------------------- main
local mm = make_midmarket()
write_csv(OUT_DIR .. "midmarket-cyber-book.csv", mm)
local lg = make_large()
write_csv(OUT_DIR .. "large-us-companies.csv", lg)

-- summary on stdout
local function summary(name, rows)
  local rev, ep, n_ep, n_vendor, cs = 0, 0, 0, 0, 0
  for _, r in ipairs(rows) do
    rev = rev + r.revenue
    if r.endpoints ~= "" then ep = ep + r.endpoints; n_ep = n_ep + 1 end
    if r.vendor ~= "" then n_vendor = n_vendor + 1 end
    if r.vendor == "crowdstrike" then cs = cs + 1 end
  end
  io.write(string.format("%s: %d rows, revenue $%.3fT, endpoints given %d (sum %d), vendor given %d, crowdstrike %d\n",
    name, #rows, rev / 1e12, n_ep, ep, n_vendor, cs))
end
summary("midmarket-cyber-book.csv", mm)
summary("large-us-companies.csv", lg)
