-- A set table whose metatable raises on every lookup, a key that is not a
-- name and one longer than a parameter name may be: each is refused with
-- a message, read raw (no metamethod runs outside a protected call).
local t = setmetatable({ staffing_factor = 1.1 }, { __index = function() error("boom") end })
t[string.rep("x", 200)] = 1
return setmetatable({
  name = "hostile",
  description = "x",
  set = t,
  source = "fuzz regression",
}, { __index = function() error("boom") end })
