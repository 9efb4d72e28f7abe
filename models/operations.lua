-- models/operations.lua
-- The operations layer per industry (docs/LOSSES.md, section 1.3b): what
-- an organisation keeps doing with its IT down, how long a broken
-- schedule takes to recover, and how much of the lost work is made up
-- later. Each field has a source from events OTHER than the 19 July 2024
-- outage (so that the reference event's own record stays evidence, not
-- input) or is marked "assumption".
--
-- with(costs) returns a copy of a costs table (models/costs.lua) whose
-- industries listed here have their operations block instead of their
-- operational_tail. scenarios/crowdstrike-2024.lua applies it with
-- --set operations_layer=1 (0 by default: the reference run's calibration
-- and documented figures predate it; docs/scenarios/crowdstrike-2024.md
-- measures both).

local SRC = {
  ba2017 = "British Airways IT failure, Sat 27 May 2017: all check-in and operational systems down, all flights from Heathrow and Gatwick cancelled that day; a near-normal schedule at Gatwick and the majority at Heathrow on the 28th, with knock-on disruption as aircraft and crews were out of position (BA CEO statement via CAPA; RNZ/Reuters 28 May 2017)",
  luv2022 = "Southwest Airlines, 21-31 Dec 2022: its crew scheduling system collapsed after a winter storm; of ~4,000 daily flights it cancelled over 60% on two days and cut the schedule to ~1,300 a day for three days to reposition crews, back to normal on 30 Dec; ~16,700 cancellations in 10 days (Dallas Morning News 27-28 Dec 2022; AP 29 Dec 2022; CAPA 6 Jan 2023)",
  dl2016 = "Delta Air Lines, 8 Aug 2016: a power-equipment failure at its Atlanta data centre at 02:30 local took its systems down; limited departures resumed at 08:40 (about 6 h); about 2,100-2,300 flights cancelled over three days, about $150M off pre-tax income (AP 11 Aug 2016; Delta SEC filing, via outagecost.org/case-studies/delta-2016)",
  wn2016 = "Southwest Airlines, 20 Jul 2016: a failed router and backups that did not take over; systems back after about 12 h (400 servers rebooted); 700 of 3,900 flights cancelled that day, about 450 the next, about 2,300 of 19,500 from Wednesday to Sunday, normal again on Monday, five days after (AP 21 Jul 2016; Dallas Morning News via LoyaltyLobby 27 Jul 2016); cost about $54M (AP 11 Aug 2016)",
  luv_flight = "Southwest 2022: ~$23.8B operating revenue (10-K 2022) over ~4,000 daily flights (1.46M a year) => ~$16k per flight; a network carrier's longer flights earn more (assumption: industry average ~$20k)",
  luv_cost = "Southwest Airlines 8-K, 6 Jan 2023: the December 2022 disruption (~16,700 cancellations, 21-31 Dec) cost an estimated $725-825M before tax, of which $400-425M lost revenue and $325-400M higher costs (reimbursing customers' travel expenses, frequent-flyer points as goodwill, premium pay for employees): $19.5-24k of cost per cancelled flight => $21,000. The incident cost per crashed endpoint of models/costs.lua counts airline crew hotels and customer reimbursement too (airlines: $1,200); with this unit cost the layer lowers it to $100 (assumption: IT and crew overtime only), so they are not counted twice",
  ehr = "a Level 1 trauma centre's 25-day total EHR downtime after a cyberattack: weekday operating-room time fell by 53% (Tarka, Blankstein, Schottel, Injury 54(4), 2023); DCH Health System diverted ambulances for 9 days (1-9 Oct 2019) on paper (Becker's Hospital Review)",
  surgery = "US community hospitals performed about 26.8 million surgeries in 2012 (AHA, via HCUP Statistical Brief #188, 2015); inpatient stays cost $377.5B that year (HCUP Statistical Brief #181, 2014); with inpatient care about half of hospital revenue (assumption) hospitals took in about $755B, i.e. about $28,000 of revenue per surgery performed. Counting a hospital's lost revenue in surgeries assumes its operating rooms lose work in proportion to its revenue (assumption; the 2023 trauma-centre study found OR time down 53% at a revenue fall of that order)",
  makeup = "IRMI, Speer (2013), 'Calculating Makeup in Business Interruption Claims': lost production is made up after restoration when there is spare capacity and the demand waits (custom orders), not when it is perishable; shares here are assumptions by that rule",
}

local ops = {
  airlines = {
    fallback = 0.1,
    paused_below = 0.75,
    backlog = { build_per_hour = 0.02, drain_per_hour = 0.002 },
    unit = { name = "flights", revenue_usd = 20000, cost_usd = 21000 },
    incident_per_affected_endpoint_usd = 100,
    systems = { critical = true, kiosk = true },
    sources = {
      systems = "crew tracking, dispatch and reservations run on servers (the critical group), check-in on airport kiosks and agents' terminals (kiosk group): flights need the scarcest of them. " .. SRC.ba2017 .. "; " .. SRC.dl2016 .. "; " .. SRC.wn2016 .. " (all three: data-centre or network outages of the server side, which stopped flights while the rest of the IT estate was up)",
      fallback = SRC.ba2017 .. "; some flights are airborne or at outstations when systems fail (assumption: 10%)",
      paused_below = "assumption: a carrier that cancels a quarter of its schedule has stopped normal operations",
      backlog = SRC.ba2017 .. "; " .. SRC.dl2016 .. "; " .. SRC.wn2016 .. "; " .. SRC.luv2022 .. " => a day of full outage leaves ~20-30% of the schedule disrupted (build ~0.02/h, BA 2017); after 6-12 h of outage (backlog ~0.12-0.24 at that rate) the two 2016 carriers took 3-5 days to return to normal, so the backlog drains ~0.12/72 h to ~0.24/120 h = ~0.002/h. Check against the 2016 totals: the same path gives ~1.0 schedule-day lost for Southwest (2,300/3,900 = 0.6 reported: 1.8x high) and ~0.3 for Delta (2,100-2,300 of ~5,400 a day = 0.4: 1.4x low)",
      unit = SRC.luv_flight .. "; cost_usd: " .. SRC.luv_cost,
      incident_per_affected_endpoint_usd = SRC.luv_cost,
    },
  },
  healthcare = {
    fallback = 0.47,
    paused_below = 0.6,
    paused_as = "diversion",
    makeup = { share = 0.5, cost = 0.3 },
    systems = { critical = true, workstation = true },
    unit = { name = "surgeries", revenue_usd = 28000 },
    sources = {
      unit = SRC.surgery,
      paused_as = "a hospital below the paused level diverts ambulances (see paused_below): its business downtime is its hours on diversion",
      systems = "the electronic health record runs on servers and is used at clinicians' workstations: care at the EHR's pace needs both (assumption); " .. SRC.ehr,
      fallback = SRC.ehr,
      paused_below = "assumption: below 60% a hospital diverts ambulances and cancels elective cases",
      makeup = "assumption: elective procedures (about half of surgical revenue) are rescheduled, emergencies diverted elsewhere are lost; making up costs overtime (x1.5 on labour ~60% of cost) => 0.3. " .. SRC.makeup,
    },
  },
  retail = {
    fallback = 0.2,
    paused_below = 0.5,
    systems = { kiosk = true },
    sources = {
      systems = "point of sale: tills are the kiosk group (models/endpoint_classes.lua: Windows POS, IHL Group 2009); a store sells at the pace of its tills (assumption)",
      fallback = "assumption: cash-only sales where the tills still open",
      paused_below = "assumption",
      makeup = "none: a sale not made at the till is lost (perishable demand). " .. SRC.makeup,
    },
  },
  hospitality = {
    fallback = 0.3,
    paused_below = 0.5,
    sources = { fallback = "assumption: guests already checked in, manual check-in", makeup = "none: perishable (a night unsold). " .. SRC.makeup },
  },
  manufacturing = {
    fallback = 0.3,
    paused_below = 0.5,
    makeup = { share = 0.8, cost = 0.25 },
    sources = {
      fallback = "assumption: lines on their own controllers keep running for a while; planning, MES and shipping stop",
      makeup = "assumption: most orders wait and plants run overtime or extra shifts (x1.5 on labour ~50% of cost => 0.25). " .. SRC.makeup,
    },
  },
  banking = {
    fallback = 0.2,
    paused_below = 0.5,
    makeup = { share = 0.5, cost = 0.2 },
    sources = { makeup = "assumption: payments and trades are processed late rather than lost; fee income of a closed branch or a failed card payment is lost. " .. SRC.makeup },
  },
  professional_services = {
    fallback = 0.1,
    paused_below = 0.5,
    makeup = { share = 0.7, cost = 0.3 },
    sources = { makeup = "assumption: billable work is done later, at overtime. " .. SRC.makeup },
  },
  software_it = {
    fallback = 0.1,
    paused_below = 0.5,
    makeup = { share = 0.7, cost = 0.3 },
    sources = { makeup = "assumption: as professional services. " .. SRC.makeup },
  },
}

local function copy(t)
  local out = {}
  for k, v in pairs(t) do out[k] = type(v) == "table" and copy(v) or v end
  return out
end

local function with(costs)
  local c = copy(costs)
  for id, block in pairs(ops) do
    local ind = c.industries[id]
    if not ind then
      error(string.format("operations.%s (models/operations.lua): unknown industry, not one of the costs' industries", id), 2)
    end
    ind.operational_tail = nil
    ind.operations = copy(block)
    -- an incident cost per endpoint that the unit cost replaces in part
    local per = block.incident_per_affected_endpoint_usd
    ind.operations.incident_per_affected_endpoint_usd = nil
    if per then
      ind.incident_cost_usd = copy(ind.incident_cost_usd)
      ind.incident_cost_usd.per_affected_endpoint = per
    end
  end
  return c
end

return { industries = ops, with = with }
