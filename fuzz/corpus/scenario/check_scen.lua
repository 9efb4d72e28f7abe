-- Fixture for test_check.c: the test finds lines by their text, so keep
-- each probed line unique.
local industries = require("industries")
local registry = require("registry")
local regions = {
  { name = "north", weight = 0.6 },
  { name = "south", weight = "heavy" },
}
return {
  name = "demo",
  start = "2024-03-01T06:00Z",
  times = {
    feb30 = "2024-02-30T00:00Z",
    feb29 = "2023-02-29T00:00Z",
    leap = "2024-02-29T12:30:15Z",
    hour24 = "2024-01-01T24:00Z",
    sloppy = "2024-1-01T00:00Z",
    nozone = "2024-01-01T00:00",
    number = 1700000000,
  },
  fleet = {
    size = 1000,
    sizes = 12.5,
    ratio = 1.4,
    label = 7,
    enabled = "yes",
    kind = "weibul",
    nested = 3,
    fleeet = 1,
    xyzzy = 2,
    industries = industries,
    registry = registry,
    regions = regions,
  },
  [1] = "stray",
}
