-- scenarios/whatif/weekend-staffing.lua
-- IT teams staffed on the weekend of 20-21 July as on a weekday.
return {
  name = "weekend-staffing",
  description = "IT teams staffed on the weekend as on weekdays (the event began on a Friday)",
  set = { weekend_staffing = 1 },
  source = "assumption: a weekend policy of full staffing during a declared incident",
}
