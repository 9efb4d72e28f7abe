-- Run-time error on line 4, called from line 6 (not a tail call, so the traceback shows it).
local function explode(t)
  local n = 1
  return t.missing.field + n
end
local r = explode({})
return r
