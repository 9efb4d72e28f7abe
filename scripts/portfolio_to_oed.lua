-- scripts/portfolio_to_oed.lua
-- Writes a fleetsim portfolio CSV (docs/LOSSES.md 2.1) as an OED portfolio
-- folder (docs/LOSSES.md 2.4): account.csv and location.csv. Plain Lua 5.4;
-- run from the repository root:
--
--   lua5.4 scripts/portfolio_to_oed.lua IN.csv OUTDIR [--rows N] [--account-only]
--                                       [--models DIR]
--
-- OUTDIR must exist. --rows N converts the first N policies. The default
-- writes the OED property way: the insured's occupancy, country, state and
-- endpoints on one location per account, the financial terms on the
-- account (an industry without an OED occupancy code, such as media, goes
-- on the account as a NAICS code). --account-only writes the OED v4 cyber
-- way: everything on the account, no location file.
--
-- Codes come from the mapping tables the loader reads (MODELS/oed/, default
-- models/): each industry's first occupancy row and first NAICS row, each
-- region's first geography row, so the folder reads back to the same
-- industries and regions. Money is written as read; waiting periods in days
-- (OED) with ten significant digits, which the loader rounds back to the
-- second. fleetsim's "0 = excluded" sublimits become a coverage missing
-- from PolCoverage (OED reads a 0 sublimit as none); a zero limit becomes
-- LayerParticipation 0. Columns the input does not have are not written.

local function die(msg)
  io.stderr:write("portfolio_to_oed.lua: ", msg, "\n")
  os.exit(2)
end

---------------------------------------------------------------- CSV
-- RFC 4180: quoted fields may hold commas, quotes ("") and line breaks.
local function parse_csv(path)
  local f = io.open(path, "rb") or die("cannot open " .. path)
  local s = f:read("a")
  f:close()
  if s:sub(1, 3) == "\239\187\191" then s = s:sub(4) end
  local rows, row, i, n = {}, {}, 1, #s
  while i <= n do
    local c = s:sub(i, i)
    if c == '"' then
      local buf = {}
      i = i + 1
      while true do
        local j = s:find('"', i, true) or die(path .. ": unterminated quote")
        buf[#buf + 1] = s:sub(i, j - 1)
        if s:sub(j + 1, j + 1) == '"' then
          buf[#buf + 1] = '"'
          i = j + 2
        else
          i = j + 1
          break
        end
      end
      row[#row + 1] = table.concat(buf)
    else
      local j = s:find('[,\r\n]', i) or n + 1
      row[#row + 1] = s:sub(i, j - 1)
      i = j
    end
    c = s:sub(i, i)
    if c == "," then
      i = i + 1
      if i > n then row[#row + 1] = "" end
    else
      if c == "\r" then i = i + 1 end
      if s:sub(i, i) == "\n" then i = i + 1 end
      if not (#row == 1 and row[1] == "") then rows[#rows + 1] = row end
      row = {}
    end
  end
  if #row > 0 then rows[#rows + 1] = row end
  local header, out = rows[1] or die(path .. ": empty file"), {}
  for r = 2, #rows do
    local t = {}
    for k = 1, #header do t[header[k]] = rows[r][k] or "" end
    out[#out + 1] = t
  end
  local has = {}
  for k = 1, #header do has[header[k]] = true end
  return out, has
end

local function field(s)
  s = tostring(s)
  if s:find('[,"\r\n]') then return '"' .. s:gsub('"', '""') .. '"' end
  return s
end

local function write_csv(path, cols, rows)
  local f = io.open(path, "wb") or die("cannot write " .. path .. " (does the folder exist?)")
  local line = {}
  for k = 1, #cols do line[k] = field(cols[k]) end
  f:write(table.concat(line, ","), "\n")
  for r = 1, #rows do
    for k = 1, #cols do line[k] = field(rows[r][cols[k]] or "") end
    f:write(table.concat(line, ","), "\n")
  end
  f:close()
end

---------------------------------------------------------------- arguments
local args = { rows = math.huge, models = "models" }
local pos = {}
local a = 1
while a <= #arg do
  if arg[a] == "--rows" then
    args.rows = tonumber(arg[a + 1]) or die("--rows needs a number")
    a = a + 1
  elseif arg[a] == "--models" then
    args.models = arg[a + 1] or die("--models needs a folder")
    a = a + 1
  elseif arg[a] == "--account-only" then
    args.account_only = true
  else
    pos[#pos + 1] = arg[a]
  end
  a = a + 1
end
if #pos ~= 2 then
  die("usage: portfolio_to_oed.lua IN.csv OUTDIR [--rows N] [--account-only] [--models DIR]")
end
local input, outdir = pos[1], pos[2]

---------------------------------------------------------------- codes
-- The first row of a mapping table for each fleetsim id.
local function first_rows(file, idcol, keys)
  local rows = parse_csv(args.models .. "/oed/" .. file)
  local by = {}
  for r = 1, #rows do
    local id = rows[r][idcol]
    if id ~= "" and not by[id] then
      local v = {}
      for k = 1, #keys do v[k] = rows[r][keys[k]] end
      by[id] = v
    end
  end
  return by
end
local occupancy = first_rows("occupancy.csv", "industry", { "code_from" })
local naics = first_rows("naics.csv", "industry", { "prefix" })
local geography = first_rows("geography.csv", "region", { "country", "area" })

-- Hours as days with ten significant digits ("" stays "").
local function days(h)
  if h == nil or h == "" then return "" end
  return string.format("%.10g", tonumber(h) / 24)
end

-- fleetsim sublimit (empty = none, 0 = excluded) as an OED sublimit and
-- whether the coverage stays in PolCoverage.
local function sublimit(v)
  if v == nil or v == "" then return "", true end
  if tonumber(v) == 0 then return "", false end
  return v, true
end

---------------------------------------------------------------- convert
local policies, has = parse_csv(input)
local port = (input:match("([^/]+)$") or input):gsub("%.[cC][sS][vV]$", ""):sub(1, 20)
local acc_rows, loc_rows = {}, {}
for i = 1, math.min(#policies, args.rows) do
  local p = policies[i]
  local geo = geography[p.Region] or die(p.PolicyId .. ": no geography row for " .. p.Region)
  local occ = occupancy[p.Industry]
  local code = naics[p.Industry]
  if not occ and not code then die(p.PolicyId .. ": no code for industry " .. p.Industry) end
  local acc = {
    PortNumber = port, AccNumber = p.PolicyId, PolNumber = "1", AccName = p.Name,
    InsuredName = p.Name, AccCurrency = "USD", PolPerilsCovered = "CC1",
    AnnualRevenue = p.AnnualRevenueUSD, AnnualRevenueCurrency = "USD",
    PolDed = p.Deductible, LayerLimit = p.Limit, LayerParticipation = p.Share,
    BIWaitingPeriod = days(p.WaitingPeriodHours),
    FlexiAccAgentVendor = p.AgentVendor,
    FlexiPolSystemFailureSublimit = p.SystemFailureSublimit,
    FlexiPolCBIWaitingPeriod = days(p.DependentBIWaitingHours),
    FlexiPolNamedProviders = p.NamedProviders,
    FlexiPolNamedCBISublimit = p.NamedDependentBISublimit,
    FlexiPolCoinsurance = p.Coinsurance,
    FlexiPolWidespreadEventThreshold = p.WidespreadEventThreshold,
    FlexiPolWidespreadEventSublimit = p.WidespreadEventSublimit,
    FlexiPolInfrastructureExclusion = p.InfrastructureExclusion,
    FlexiAccCloudRegions = p.CloudRegions, FlexiAccIdentityProvider = p.IdentityProvider,
    FlexiAccMSP = p.MSP,
  }
  if p.Limit ~= "" and tonumber(p.Limit) == 0 then
    acc.LayerLimit, acc.LayerParticipation = "", "0"
  end
  if (p.SystemFailureCover or ""):upper():sub(1, 1) == "N" then
    acc.FlexiPolSystemFailureSublimit = "0"
  end
  local cover, keep = { "NPBI" }, nil
  acc.PolLimitCBI, keep = sublimit(p.DependentBISublimit)
  if keep then cover[#cover + 1] = "CBI" end
  acc.PolLimitDIAS, keep = sublimit(p.DataRestorationSublimit)
  if keep then cover[#cover + 1] = "DIAS" end
  acc.PolLimitINRE, keep = sublimit(p.ExtraExpenseSublimit)
  if keep then cover[#cover + 1] = "INRE" end
  acc.PolCoverage = table.concat(cover, ";")
  if args.account_only or not occ then
    acc.IndustryScheme1, acc.IndustryCode1 = "NAICS", code[1]
  end
  if args.account_only then
    acc.CountryCode, acc.AreaCode, acc.FlexiAccEndpoints = geo[1], geo[2], p.Endpoints
  else
    loc_rows[#loc_rows + 1] = {
      PortNumber = port, AccNumber = p.PolicyId, LocNumber = "1", LocCurrency = "USD",
      CountryCode = geo[1], AreaCode = geo[2], OccupancyCode = occ and occ[1] or "",
      FlexiLocEndpoints = p.Endpoints,
    }
  end
  acc_rows[#acc_rows + 1] = acc
end

local cols = { "PortNumber", "AccNumber", "AccName", "AccCurrency", "PolNumber",
  "PolPerilsCovered", "InsuredName", "AnnualRevenue", "AnnualRevenueCurrency",
  "IndustryScheme1", "IndustryCode1" }
if args.account_only then
  for _, c in ipairs({ "CountryCode", "AreaCode", "FlexiAccEndpoints" }) do cols[#cols + 1] = c end
end
for _, c in ipairs({ "PolDed", "LayerLimit", "LayerParticipation", "BIWaitingPeriod",
  "PolCoverage", "PolLimitCBI", "PolLimitDIAS", "PolLimitINRE" }) do
  cols[#cols + 1] = c
end
-- The extensions of the columns the input has.
local ext = {
  { "AgentVendor", "FlexiAccAgentVendor" },
  { "SystemFailureSublimit", "FlexiPolSystemFailureSublimit" },
  { "DependentBIWaitingHours", "FlexiPolCBIWaitingPeriod" },
  { "NamedProviders", "FlexiPolNamedProviders" },
  { "NamedDependentBISublimit", "FlexiPolNamedCBISublimit" },
  { "Coinsurance", "FlexiPolCoinsurance" },
  { "WidespreadEventThreshold", "FlexiPolWidespreadEventThreshold" },
  { "WidespreadEventSublimit", "FlexiPolWidespreadEventSublimit" },
  { "InfrastructureExclusion", "FlexiPolInfrastructureExclusion" },
  { "CloudRegions", "FlexiAccCloudRegions" },
  { "IdentityProvider", "FlexiAccIdentityProvider" },
  { "MSP", "FlexiAccMSP" },
}
for _, e in ipairs(ext) do
  if has[e[1]] or (e[1] == "SystemFailureSublimit" and has.SystemFailureCover) then
    cols[#cols + 1] = e[2]
  end
end
write_csv(outdir .. "/account.csv", cols, acc_rows)
if not args.account_only then
  write_csv(outdir .. "/location.csv", { "PortNumber", "AccNumber", "LocNumber", "LocCurrency",
    "CountryCode", "AreaCode", "OccupancyCode", "FlexiLocEndpoints" }, loc_rows)
end
io.write(string.format("%s: %d accounts%s\n", outdir, #acc_rows,
  args.account_only and "" or string.format(", %d locations", #loc_rows)))
