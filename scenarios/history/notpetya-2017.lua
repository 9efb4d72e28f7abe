-- scenarios/history/notpetya-2017.lua
-- NotPetya, Tuesday 27 June 2017: a wiper hidden in an update of M.E.Doc,
-- Ukrainian tax-accounting software, entered the companies that ran it
-- for their Ukrainian operations, spread inside their networks within
-- minutes (stolen credentials, EternalBlue) and destroyed the Windows
-- machines it reached; they were rebuilt or re-imaged. Facts: the day and
-- hour it was registered, that it was halted on 28 June, the platform,
-- and the companies it entered (notpetya-2017.portfolio.csv, with their
-- revenue of 2016: Reckitt Benckiser's £9.89B at 2016's average $1.355,
-- Nuance's fiscal 2016). The run spans six weeks, because Nuance's
-- outage lasted into early August. How far it reaches inside and between organisations
-- and how long a rebuild takes are the shared model's (base.worm,
-- base.supply_chain), never fitted to this event.

local base = require "scenario_base"
local graph = require "vendors"

return {
  name = "notpetya-2017",
  description = "A destructive worm (NotPetya), Tuesday 27 June 2017: it entered companies through a Ukrainian accounting package and wiped the Windows machines it reached in their networks, which were rebuilt by hand.",
  start = "2017-06-27T00:00:00Z",
  duration_hours = 42 * 24,
  seed = 20170627,
  fleet = base.fleet(base.reference.fleet_endpoints),
  incident = {
    kind = "worm",
    entry = "portfolio", -- the companies named in the record
    platform = "windows",
    affected_version_share = base.worm.reach,
    publish = "2017-06-27T11:00:00Z", -- TASS: registered at about 14:00 Moscow time
    pull = "2017-06-28T09:00:00Z",    -- the Ukrainian government: the attack halted on 28 June
    poll_minutes = base.worm.spread_minutes,
    crash_probability = 1.0,          -- a wiper: no working decryption (Kaspersky, 28 Jun 2017)
    reimage_factor = base.supply_chain.reimage_factor,
    cross_probability = base.worm.cross_probability,
  },
  remediation = base.remediation({}),
  costs = base.costs,
  graph = graph,
  outputs = { tick_minutes = 30 },
}
