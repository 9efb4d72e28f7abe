-- An observation table whose __index raises: the loader must read it raw
-- (a raised error outside a protected call was a Lua panic, an abort).
local o = setmetatable({ id = "x", figure = "f", value = 1, tolerance = 2, unit = "u",
  output = "orgs_hit", calibration = false, source = { title = "t", publisher = "p", date = "d" } },
  { __index = function() error("boom") end })
return { event = "kaseya-vsa-2021", observations = { o } }
