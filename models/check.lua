-- models/check.lua: validate the model data modules.
-- Run from the repository root:  lua5.4 models/check.lua
-- Exits non-zero (status 1) on any failure. Also prints a diagnostic of the
-- share of endpoints expected online during the 19 July 2024 window.

local dir = (arg and arg[0] and arg[0]:match("^(.*)[/\\]")) or "models"

local errors, warnings = {}, {}
local function fail(fmt, ...) errors[#errors + 1] = string.format(fmt, ...) end
local function warn(fmt, ...) warnings[#warnings + 1] = string.format(fmt, ...) end

-- Load a module the way the simulator's sandbox will: only base, table,
-- string, math and utf8 are visible.
local function sandbox_env()
  local env = {}
  for _, k in ipairs({ "assert", "error", "ipairs", "next", "pairs", "pcall", "select",
                       "tonumber", "tostring", "type", "rawequal", "rawget", "rawlen",
                       "rawset", "setmetatable", "getmetatable", "xpcall", "_VERSION" }) do
    env[k] = _G[k]
  end
  env.table, env.string, env.math, env.utf8 = table, string, math, utf8
  return env
end

local function load_module(name)
  local path = dir .. "/" .. name .. ".lua"
  local chunk, err = loadfile(path, "t", sandbox_env())
  if not chunk then fail("%s: cannot load: %s", name, err); return nil end
  local ok, res = pcall(chunk)
  if not ok then fail("%s: error when run in sandbox: %s", name, res); return nil end
  if type(res) ~= "table" then fail("%s: must return a table, got %s", name, type(res)); return nil end
  return res
end

local EPS = 1e-9
local CLASSES = { "workstation", "server", "onprem_vm", "cloud_vm", "kiosk" }
local CLASS_SET = {}; for _, c in ipairs(CLASSES) do CLASS_SET[c] = true end
local DAYS = { mon = true, tue = true, wed = true, thu = true, fri = true, sat = true, sun = true }

local function is_num(x) return type(x) == "number" and x == x and x ~= math.huge and x ~= -math.huge end
local function in_range(ctx, x, lo, hi)
  if not is_num(x) then fail("%s must be a number, got %s", ctx, tostring(x)); return false end
  if x < lo or x > hi then fail("%s must be in [%g,%g], got %g", ctx, lo, hi, x); return false end
  return true
end
local function nonempty_string(ctx, s)
  if type(s) ~= "string" or #s < 8 then fail("%s must be a source/assumption string", ctx) end
end
local function is_bool(ctx, b) if type(b) ~= "boolean" then fail("%s must be true/false", ctx) end end

---------------------------------------------------------------- regions
local regions = load_module("regions")
local profiles = load_module("online_profiles")
local classes = load_module("endpoint_classes")
local industries = load_module("industries")
local vendors = load_module("vendors_endpoint")

local REGION = {}
if regions then
  nonempty_string("regions.source", regions.source)
  local list = regions.list
  if type(list) ~= "table" then fail("regions.list missing") else
    if #list < 10 or #list > 14 then fail("regions.list must have 10-14 regions, has %d", #list) end
    local sum = 0
    for i, r in ipairs(list) do
      local ctx = "regions[" .. tostring(r.id or i) .. "]"
      if type(r.id) ~= "string" then fail("%s.id missing", ctx)
      elseif REGION[r.id] then fail("%s: duplicate id", ctx) else REGION[r.id] = r end
      if type(r.name) ~= "string" then fail("%s.name missing", ctx) end
      if in_range(ctx .. ".utc_offset_hours", r.utc_offset_hours, -12, 14)
         and (r.utc_offset_hours * 4) % 1 ~= 0 then
        fail("%s.utc_offset_hours must be a multiple of 0.25", ctx)
      end
      if type(r.weekend) ~= "table" or #r.weekend < 1 or #r.weekend > 3 then
        fail("%s.weekend must list 1-3 days", ctx)
      else
        local seen = {}
        for _, d in ipairs(r.weekend) do
          if not DAYS[d] then fail("%s.weekend: unknown day %s", ctx, tostring(d)) end
          if seen[d] then fail("%s.weekend: duplicate %s", ctx, d) end
          seen[d] = true
        end
      end
      if in_range(ctx .. ".share", r.share, 0, 1) then sum = sum + r.share end
      nonempty_string(ctx .. ".share_source", r.share_source)
      if type(r.profile) ~= "string" then fail("%s.profile missing", ctx)
      elseif profiles and not profiles[r.profile] then
        fail("%s.profile '%s' not defined in online_profiles.lua", ctx, r.profile)
      end
    end
    if math.abs(sum - 1) > EPS then fail("regions: shares sum to %.12f, not 1", sum) end
  end
end

---------------------------------------------------------------- online profiles
if profiles then
  if not profiles.default then fail("online_profiles.default missing") end
  for name, set in pairs(profiles) do
    if type(set) ~= "table" then fail("online_profiles.%s must be a table", name) else
      for _, c in ipairs(CLASSES) do
        local p = set[c]
        local ctx = "online_profiles." .. name .. "." .. c
        if type(p) ~= "table" then fail("%s missing", ctx) else
          for _, part in ipairs({ "weekday", "weekend" }) do
            local a = p[part]
            if type(a) ~= "table" or #a ~= 24 then
              fail("%s.%s must have 24 entries, has %s", ctx, part, type(a) == "table" and #a or "none")
            else
              for h = 1, 24 do in_range(string.format("%s.%s[%d]", ctx, part, h), a[h], 0, 1) end
            end
          end
          nonempty_string(ctx .. ".source", p.source)
        end
      end
      for k, v in pairs(set) do
        if type(v) == "table" and not CLASS_SET[k] then fail("online_profiles.%s: unknown class %s", name, k) end
      end
    end
  end
end

---------------------------------------------------------------- endpoint classes
if classes then
  local list = classes.list
  if type(list) ~= "table" then fail("endpoint_classes.list missing") else
    local seen = {}
    for i, c in ipairs(list) do
      local ctx = "endpoint_classes[" .. tostring(c.id or i) .. "]"
      if not CLASS_SET[c.id] then fail("%s: id must be one of workstation, server, onprem_vm, cloud_vm, kiosk", ctx) end
      if seen[c.id] then fail("%s: duplicate id", ctx) end
      seen[c.id] = true
      if type(c.name) ~= "string" then fail("%s.name missing", ctx) end
      is_bool(ctx .. ".critical", c.critical)
      local f = c.fix_minutes
      if type(f) ~= "table" then fail("%s.fix_minutes missing", ctx) else
        in_range(ctx .. ".fix_minutes.min", f.min, 0.1, 1440)
        in_range(ctx .. ".fix_minutes.mode", f.mode, 0.1, 1440)
        in_range(ctx .. ".fix_minutes.max", f.max, 0.1, 1440)
        if is_num(f.min) and is_num(f.mode) and is_num(f.max) and not (f.min <= f.mode and f.mode <= f.max and f.min < f.max) then
          fail("%s.fix_minutes needs min <= mode <= max and min < max", ctx)
        end
      end
      is_bool(ctx .. ".needs_physical_access", c.needs_physical_access)
      in_range(ctx .. ".remote_console_share", c.remote_console_share, 0, 1)
      is_bool(ctx .. ".bitlocker_applicable", c.bitlocker_applicable)
      is_bool(ctx .. ".cloud_path", c.cloud_path)
      in_range(ctx .. ".reboot_fix_probability", c.reboot_fix_probability, 0, 1)
      in_range(ctx .. ".reboot_interval_minutes", c.reboot_interval_minutes, 0.5, 1440)
      local t = c.tool_fix_factor
      if type(t) ~= "table" then fail("%s.tool_fix_factor missing", ctx) else
        in_range(ctx .. ".tool_fix_factor.usb_recovery", t.usb_recovery, 0.01, 1)
        in_range(ctx .. ".tool_fix_factor.cloud_auto_fix", t.cloud_auto_fix, 0.01, 1)
      end
      for _, s in ipairs({ "critical_source", "fix_minutes_source", "remote_console_source", "reboot_source", "tool_fix_source" }) do
        nonempty_string(ctx .. "." .. s, c[s])
      end
    end
    for _, id in ipairs(CLASSES) do if not seen[id] then fail("endpoint_classes: class %s missing", id) end end
    if #list ~= #CLASSES then fail("endpoint_classes: exactly %d classes expected, got %d", #CLASSES, #list) end
  end
end

---------------------------------------------------------------- industries
local REQUIRED_IND = { "airlines", "healthcare", "banking", "retail", "manufacturing", "government",
  "software_it", "telecom", "hospitality", "logistics", "education", "media", "energy" }
local IND = {}
local N_ORGS = 29000
local function size_mean(sz)
  if sz.dist == "lognormal" then return sz.median * math.exp(sz.sigma ^ 2 / 2)
  elseif sz.dist == "pareto" then return sz.alpha * sz.xmin / (sz.alpha - 1) end
end
if industries then
  local list = industries.list
  if type(list) ~= "table" then fail("industries.list missing") else
    local se, so = 0, 0
    for i, d in ipairs(list) do
      local ctx = "industries[" .. tostring(d.id or i) .. "]"
      if type(d.id) ~= "string" then fail("%s.id missing", ctx)
      elseif IND[d.id] then fail("%s: duplicate id", ctx) else IND[d.id] = d end
      if type(d.name) ~= "string" then fail("%s.name missing", ctx) end
      if in_range(ctx .. ".endpoint_share", d.endpoint_share, 0, 1) then se = se + d.endpoint_share end
      if in_range(ctx .. ".orgs_share", d.orgs_share, 0, 1) then so = so + d.orgs_share end
      local sz = d.size
      if type(sz) ~= "table" then fail("%s.size missing", ctx)
      elseif sz.dist == "lognormal" then
        in_range(ctx .. ".size.median", sz.median, 1, 1e6)
        in_range(ctx .. ".size.sigma", sz.sigma, 0.05, 4)
      elseif sz.dist == "pareto" then
        in_range(ctx .. ".size.xmin", sz.xmin, 1, 1e6)
        in_range(ctx .. ".size.alpha", sz.alpha, 1.01, 10)
      else fail("%s.size.dist must be 'lognormal' or 'pareto'", ctx) end
      if type(d.mix) ~= "table" then fail("%s.mix missing", ctx) else
        local m = 0
        for _, c in ipairs(CLASSES) do
          if in_range(ctx .. ".mix." .. c, d.mix[c], 0, 1) then m = m + d.mix[c] end
        end
        for k in pairs(d.mix) do if not CLASS_SET[k] then fail("%s.mix: unknown class %s", ctx, k) end end
        if math.abs(m - 1) > EPS then fail("%s.mix sums to %.12f, not 1", ctx, m) end
      end
      in_range(ctx .. ".it_staff_per_1000_endpoints", d.it_staff_per_1000_endpoints, 0.1, 200)
      in_range(ctx .. ".surge_factor", d.surge_factor, 1, 20)
      is_bool(ctx .. ".staffed_24x7", d.staffed_24x7)
      in_range(ctx .. ".night_staff_share", d.night_staff_share, 0, 1)
      in_range(ctx .. ".encryption_share", d.encryption_share, 0, 1)
      in_range(ctx .. ".server_encryption_share", d.server_encryption_share, 0, 1)
      for _, k in ipairs({ "detection_delay_minutes", "diagnosis_delay_minutes" }) do
        if type(d[k]) ~= "table" then fail("%s.%s missing", ctx, k)
        else in_range(ctx .. "." .. k .. ".mean", d[k].mean, 0, 10080) end
      end
      if d.region_weights ~= nil then
        if type(d.region_weights) ~= "table" then fail("%s.region_weights must be a table", ctx) else
          for rid, w in pairs(d.region_weights) do
            if regions and not REGION[rid] then fail("%s.region_weights: unknown region %s", ctx, tostring(rid)) end
            in_range(ctx .. ".region_weights." .. tostring(rid), w, 0, 100)
          end
        end
      end
      if type(d.sources) ~= "table" then fail("%s.sources missing", ctx) else
        local need = { "endpoint_share", "orgs_share", "size", "mix", "it_staff_per_1000_endpoints",
          "surge_factor", "staffed_24x7", "night_staff_share", "encryption_share", "server_encryption_share",
          "detection_delay_minutes", "diagnosis_delay_minutes" }
        if d.region_weights then need[#need + 1] = "region_weights" end
        for _, k in ipairs(need) do nonempty_string(ctx .. ".sources." .. k, d.sources[k]) end
      end
    end
    if math.abs(se - 1) > EPS then fail("industries: endpoint_share sums to %.12f, not 1", se) end
    if math.abs(so - 1) > EPS then fail("industries: orgs_share sums to %.12f, not 1", so) end
    for _, id in ipairs(REQUIRED_IND) do if not IND[id] then fail("industries: required id %s missing", id) end end

    -- consistency of endpoint_share with orgs_share x size
    local total = 0
    for _, d in ipairs(list) do
      local mu = type(d.size) == "table" and size_mean(d.size)
      if is_num(mu) and is_num(d.orgs_share) then total = total + N_ORGS * d.orgs_share * mu end
    end
    if total > 0 then
      print(string.format("info: implied fleet = %.2f million Windows endpoints over %d organisations", total / 1e6, N_ORGS))
      for _, d in ipairs(list) do
        local mu = size_mean(d.size)
        if is_num(mu) and is_num(d.endpoint_share) and d.endpoint_share > 0 then
          local implied = N_ORGS * d.orgs_share * mu / total
          if math.abs(implied / d.endpoint_share - 1) > 0.05 then
            fail("industries[%s]: orgs_share x mean size implies endpoint share %.4f, declared %.4f (>5%% apart)",
              d.id, implied, d.endpoint_share)
          end
        end
      end
    end
  end
end

---------------------------------------------------------------- vendors
if vendors then
  local list = vendors.list
  if type(list) ~= "table" then fail("vendors_endpoint.list missing") else
    if #list < 9 then fail("vendors_endpoint: need the 8 largest vendors plus 'other', have %d entries", #list) end
    local ids, keys, sums, has_other = {}, nil, {}, false
    for i, v in ipairs(list) do
      local ctx = "vendors_endpoint[" .. tostring(v.id or i) .. "]"
      if type(v.id) ~= "string" then fail("%s.id missing", ctx)
      elseif ids[v.id] then fail("%s: duplicate id", ctx) else ids[v.id] = true end
      if v.id == "other" then has_other = true end
      if type(v.name) ~= "string" then fail("%s.name missing", ctx) end
      if type(v.category) ~= "string" then fail("%s.category missing", ctx) end
      nonempty_string(ctx .. ".source", v.source)
      nonempty_string(ctx .. ".market_share_source", v.market_share_source)
      nonempty_string(ctx .. ".platform_source", v.platform_source)
      local ms = v.market_share
      if type(ms) ~= "table" or ms.default == nil then fail("%s.market_share.default missing", ctx) else
        local mykeys = {}
        for k, x in pairs(ms) do
          if k ~= "default" and industries and not IND[k] then fail("%s.market_share: unknown industry %s", ctx, tostring(k)) end
          if in_range(ctx .. ".market_share." .. tostring(k), x, 0, 1) then sums[k] = (sums[k] or 0) + x end
          mykeys[#mykeys + 1] = k
        end
        table.sort(mykeys)
        local sig = table.concat(mykeys, ",")
        if keys == nil then keys = sig elseif keys ~= sig then
          fail("%s.market_share keys (%s) differ from the first vendor's (%s)", ctx, sig, keys)
        end
      end
      local ps = v.platform_share
      if type(ps) ~= "table" then fail("%s.platform_share missing", ctx) else
        local s = 0
        for _, k in ipairs({ "windows", "macos", "linux" }) do
          if in_range(ctx .. ".platform_share." .. k, ps[k], 0, 1) then s = s + ps[k] end
        end
        if math.abs(s - 1) > EPS then fail("%s.platform_share sums to %.12f, not 1", ctx, s) end
      end
      if v.size_factor ~= nil then
        nonempty_string(ctx .. ".size_factor_source", v.size_factor_source)
        for _, k in ipairs({ "1-9", "10-99", "100-999", "1000-9999", "10000+" }) do
          in_range(ctx .. ".size_factor." .. k, v.size_factor[k], 0, 1000)
        end
      end
      local sv = v.sensor_versions
      if type(sv) ~= "table" then fail("%s.sensor_versions missing", ctx) else
        in_range(ctx .. ".sensor_versions.affected_share", sv.affected_share, 0, 1)
        nonempty_string(ctx .. ".sensor_versions.source", sv.source)
      end
    end
    if not has_other then fail("vendors_endpoint: an 'other' entry is required") end
    for k, s in pairs(sums) do
      if math.abs(s - 1) > EPS then fail("vendors_endpoint: market_share['%s'] sums to %.12f, not 1", k, s) end
    end
  end
end

---------------------------------------------------------------- diagnostic
-- Share of endpoints online during 04:09-05:27 UTC, Friday 19 July 2024
-- (point-in-time average over the window; the engine's polling model will
-- differ). Informational only.
if #errors == 0 and regions and profiles and industries then
  local mix = {}
  for _, c in ipairs(CLASSES) do mix[c] = 0 end
  for _, d in ipairs(industries.list) do
    for _, c in ipairs(CLASSES) do mix[c] = mix[c] + d.endpoint_share * d.mix[c] end
  end
  local DOW = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" }
  local total = 0
  print("info: expected online share in the 19 Jul 2024 window (04:09-05:27 UTC), global class mix:")
  for _, r in ipairs(regions.list) do
    local set = profiles[r.profile]
    local acc, n = 0, 0
    for m = 4 * 60 + 9, 5 * 60 + 27 do
      local lt = m + r.utc_offset_hours * 60
      local day = 5 -- Friday
      if lt < 0 then lt = lt + 1440; day = 4 elseif lt >= 1440 then lt = lt - 1440; day = 6 end
      local dname = DOW[day]
      local wk = false
      for _, w in ipairs(r.weekend) do if w == dname then wk = true end end
      local h = math.floor(lt / 60) + 1
      local p = 0
      for _, c in ipairs(CLASSES) do p = p + mix[c] * set[c][wk and "weekend" or "weekday"][h] end
      acc, n = acc + p, n + 1
    end
    local avg = acc / n
    total = total + r.share * avg
    print(string.format("  %-20s share %.3f  online %.3f", r.id, r.share, avg))
  end
  print(string.format("info: fleet-weighted online share %.3f (global mix: ws %.2f srv %.2f vm %.2f cloud %.2f kiosk %.2f)",
    total, mix.workstation, mix.server, mix.onprem_vm, mix.cloud_vm, mix.kiosk))
end

-- operations.lua: known industries, shares in [0, 1], a backlog that
-- drains, known capacity sources (systems), and a source (or
-- "assumption") for every block.
local ops = load_module("operations")
if ops and industries then
  local known = {}
  for _, ind in ipairs(industries.list) do known[ind.id] = true end
  local function share(id, what, x)
    if x ~= nil and not (is_num(x) and x >= 0 and x <= 1) then fail("operations.%s.%s: must be in [0, 1]", id, what) end
  end
  for id, o in pairs(ops.industries or {}) do
    if not known[id] then fail("operations.%s: not an industry of industries.lua", id) end
    share(id, "fallback", o.fallback)
    share(id, "paused_below", o.paused_below)
    if o.makeup then share(id, "makeup.share", o.makeup.share) end
    local b = o.backlog
    if b and (b.build_per_hour or 0) > 0 and not ((b.drain_per_hour or 0) > 0) then
      fail("operations.%s.backlog: builds but never drains", id)
    end
    if type(o.sources) ~= "table" or next(o.sources) == nil then fail("operations.%s: no sources", id) end
    if o.systems ~= nil then
      local groups = { critical = true, workstation = true, kiosk = true }
      for g in pairs(o.systems) do
        if not groups[g] then fail("operations.%s.systems: unknown capacity source %s", id, tostring(g)) end
      end
      if type(o.sources) == "table" and not o.sources.systems then fail("operations.%s.systems: no source", id) end
    end
    local src = type(o.sources) == "table" and o.sources or {}
    if o.unit ~= nil then
      if not src.unit then fail("operations.%s.unit: no source", id) end
      if not (is_num(o.unit.revenue_usd) and o.unit.revenue_usd > 0) then fail("operations.%s.unit.revenue_usd: must be > 0", id) end
      if o.unit.cost_usd ~= nil and not (is_num(o.unit.cost_usd) and o.unit.cost_usd >= 0) then fail("operations.%s.unit.cost_usd: must be >= 0", id) end
    end
    if o.paused_as ~= nil then
      if type(o.paused_as) ~= "string" or not o.paused_as:match("^[%a_][%w_]*$") then fail("operations.%s.paused_as: must be an identifier", id) end
      if not src.paused_as then fail("operations.%s.paused_as: no source", id) end
    end
    local per = o.incident_per_affected_endpoint_usd
    if per ~= nil then
      if not (is_num(per) and per >= 0) then fail("operations.%s.incident_per_affected_endpoint_usd: must be >= 0", id) end
      if not src.incident_per_affected_endpoint_usd then fail("operations.%s.incident_per_affected_endpoint_usd: no source", id) end
    end
  end
  if type(ops.with) ~= "function" then fail("operations: with(costs) missing") end
end

for _, w in ipairs(warnings) do io.stderr:write("warning: ", w, "\n") end
if #errors > 0 then
  for _, e in ipairs(errors) do io.stderr:write("FAIL: ", e, "\n") end
  io.stderr:write(string.format("models/check.lua: %d failure(s)\n", #errors))
  os.exit(1)
end
print("models/check.lua: all checks passed")
