-- models/costs.lua
-- Business impact and cost rates per industry (ids as in industries.lua).
-- Money in USD, 2024 prices.
--
-- HOW THE FIELDS ARE USED
--   lost revenue per hour = revenue_per_endpoint_usd * endpoints
--                           * hourly share (revenue_profile, local time)
--                           * (1 - capacity)
--   capacity = (1 - critical*s_c) * (1 - workstation*s_w) * (1 - kiosk*s_k),
--              s_x = share of that endpoint class down
--   lost gross profit      = lost revenue * gross_margin
--   plus operational_tail (reduced capacity after IT is back), extra expense
--   (technician-hours * extra_expense_per_tech_hour_usd) and incident costs.
--   hourly share = w(h) / (52.18 * (5 * sum(weekday) + 2 * sum(weekend)))
--
-- REVENUE PER ENDPOINT = revenue per employee / endpoints per employee.
--   Anchors: Fortune 500 2024: $18.8T revenue, 31M employees => ~$606k per
--   employee (Fortune press release, 4 Jun 2024); Delta Air Lines 2023: $58.0B
--   revenue, ~103k employees => ~$560k (Delta 10-K 2023; AJC 12 Jan 2024);
--   US retail trade: $208,663 sales per employee in 2002 (Census Economic
--   Census 2002 key statistics), ~$300k today (Walmart FY2024 $648B / 2.1M
--   employees); average US hospital net patient revenue $223.7M in 2022
--   (Definitive Healthcare from Medicare Cost Reports) with ~5.5 FTE per bed
--   (BMC Health Serv Res 2014, table 1) => ~$170-220k per FTE; Big Four
--   ~$150-175k per employee (firm revenues 2013). Endpoints per employee
--   ~1.0-1.3 in office sectors (PCs + servers/VMs + other platforms); fewer in
--   retail, hospitality and logistics (shared POS, drivers without PCs), more
--   in education (labs) and software (test machines): ASSUMPTIONS noted per
--   industry.
--
-- GROSS MARGIN is the short-run contribution margin: the share of a lost
--   revenue dollar that is lost profit because most costs (staff, leases)
--   continue during an outage of hours to days. Accounting gross margins
--   (Damodaran Online margins by industry, Jan 2019 data set: air transport
--   29%, hospitals/facilities 30%, banks ~99%, financial services 94%,
--   broadcasting 45%, entertainment 42%, hotel/gaming 36%, computer services
--   21%; retail, software, telecom and utility figures quoted below are
--   approximate values from the same tables, not re-fetched) put labour in cost of
--   sales, so they understate it for labour-heavy sectors; Delta lost $380M
--   revenue and saved ~$50M fuel (8-K/press, Aug-Oct 2024) => ~87% of the
--   lost revenue was lost profit.
--
-- CROSS-CHECK (computed from this file with lua5.4; "avg" = annual revenue /
--   8,766 h; "peak" = the weekday hour with the largest weight; cost = lost
--   gross profit per hour of a FULL outage of every endpoint class, i.e.
--   revenue * hourly share * gross_margin * (1 - capacity(all down));
--   "no impact" drops the capacity factor, as the brief's formula does):
--
--   industry       endpoints  revenue/yr   cost/h avg  cost/h peak  peak, no impact
--   airlines           1,000     $450M      $  34k      $  47k        $  50k
--   airlines          20,000     $9.0B      $ 677k      $ 942k        $1.00M
--   healthcare         1,000     $170M      $   7k      $  12k        $  16k
--   healthcare        20,000     $3.4B      $ 132k      $ 237k        $ 313k
--   banking            1,000     $380M      $  27k      $  69k        $  98k
--   banking           20,000     $7.6B      $ 548k      $1.38M        $1.96M
--   retail             1,000     $420M      $  12k      $  24k        $  28k
--   retail            20,000     $8.4B      $ 245k      $ 473k        $ 555k
--   manufacturing      1,000     $400M      $  14k      $  19k        $  25k
--   manufacturing     20,000     $8.0B      $ 277k      $ 384k        $ 505k
--   prof. services     1,000     $180M      $  10k      $  28k        $  34k
--   prof. services    20,000     $3.6B      $ 197k      $ 550k        $ 688k
--
--   Survey figures: ITIC 2024: >90% of mid-size and large firms say an hour
--   costs >$300k, 41% say $1M-$5M+; EMA 2024: $14,056/min (~$843k/h)
--   average, $23,750/min (~$1.43M/h) for large enterprises; Uptime 2024: 54%
--   say their last significant outage cost >$100k, 16% >$1M; Siemens 2024:
--   automotive plant up to $2.3M/h, FMCG plant ~$39k/h; Splunk/Oxford
--   Economics 2024: Global 2000 lose ~$400B/yr (~$200M per firm per year).
--   How they compare: for LARGE organisations (20,000 endpoints, $3-9B
--   revenue) the implied peak-hour cost ($0.24-1.4M) sits in ITIC's and EMA's
--   range (high for banks and airlines, lowest for hospitals). For MID-SIZE
--   organisations (1,000 endpoints, $170-450M revenue) it is $12-70k per
--   hour, an order of magnitude below ITIC's ">$300k for 90%". The surveys
--   are self-reported, include lost staff productivity and reputational
--   costs, and their respondents skew to IT-heavy large firms; lost gross
--   profit is what BI cover pays, so we keep the revenue-based rates and do
--   NOT scale them up to the surveys. The manufacturing figure for an
--   $8B firm (~$0.4M/h) lies between Siemens' FMCG plant ($39k/h) and an
--   automotive plant ($2.3M/h, where one plant's hour stops a whole
--   just-in-time chain).
--   Event-level check: Parametrix (24 Jul 2024) put Fortune 500 direct losses
--   at ~$5.4B (healthcare $1.94B, banking $1.15B, airlines $0.86B, ~$44M per
--   disrupted firm, $143M per airline). A $50B airline with the airline
--   rates below loses ~$5.2M gross profit per peak hour of full outage;
--   Delta's ~$550M (Delta 8-K Aug 2024: $380M revenue, $170M expense) is ~2.4
--   days of its revenue, which the operational tail below (96 h at 30%
--   capacity loss) plus ~1-2 days of IT outage reproduces in magnitude.

local SRC = {
    fortune = "Fortune 500 2024 (press release 4 Jun 2024): $18.8T revenue, 31M employees => ~$606k revenue per employee",
  profile = "assumption: relative weights of when the sector books revenue by local hour (opening hours, schedules); only the shape matters, the engine normalises over the week",
  impact = "assumption: share of revenue-earning capacity lost when ALL endpoints of the class are down; capacity multiplies across classes (see file header)",
  tail = "assumption: recovery of operations after IT is back (backlogs, rescheduling, repositioning)",
  tech = "BLS OOH: computer support specialists median pay $60,810/yr in May 2023 (~$29/h), x~1.4 benefits and x1.5 overtime => ~$60/h for internal overtime; MSP/break-fix rates $85-300/h, emergency/after-hours $125-250/h or time-and-a-half on ~$150-175/h (amicusit.net 2020, ipmcomputers.com, thinkunified.com, adelyte.com rate cards); assumption: blend of internal overtime and contractors, straight-time internal hours are not an extra expense",
  incident = "assumption: non-malicious outage, so no forensics or notification; fixed = crisis management, communications, legal/contract review, regulator and customer liaison; per endpoint = logistics of hands-on recovery (keys, travel, replacement of failed devices, overtime of non-IT staff); Delta's $170M outage expense (Delta 8-K Aug 2024) over ~77k affected computers and servers (~$2.2k each, mostly crew and customer costs) is the upper anchor",
}

local function S(t)
  local out = {
    revenue_profile = SRC.profile,
    impact = SRC.impact,
    operational_tail = SRC.tail,
    extra_expense_per_tech_hour_usd = SRC.tech,
    incident_cost_usd = SRC.incident,
  }
  for k, v in pairs(t) do out[k] = v end
  return out
end

-- Profiles: index 1 = 00:00-01:00 local ... index 24 = 23:00-24:00.
local OFFICE_WD = { 0.05, 0.05, 0.05, 0.05, 0.05, 0.08, 0.2, 0.6, 1.0, 1.0, 1.0, 1.0,
                    0.9, 1.0, 1.0, 1.0, 0.9, 0.6, 0.3, 0.2, 0.15, 0.1, 0.08, 0.05 }
local OFFICE_WE = { 0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.04, 0.06, 0.1, 0.12, 0.12, 0.12,
                    0.12, 0.12, 0.12, 0.1, 0.08, 0.06, 0.05, 0.05, 0.04, 0.04, 0.03, 0.03 }

return {
  currency = "USD",
  price_year = 2024,
  -- who buys cyber cover and on which terms (the market's insured loss)
  cyber_market = require "cyber_market",
  industries = {

    airlines = {
      revenue_per_endpoint_usd = 450000,
      gross_margin = 0.70,
      revenue_profile = {
        weekday = { 0.15, 0.1, 0.1, 0.1, 0.2, 0.6, 0.95, 1.0, 1.0, 1.0, 1.0, 1.0,
                    1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.95, 0.85, 0.7, 0.5, 0.3 },
        weekend = { 0.15, 0.1, 0.1, 0.1, 0.2, 0.55, 0.9, 0.95, 0.95, 0.95, 0.95, 0.95,
                    0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.9, 0.8, 0.65, 0.45, 0.3 },
      },
      impact = { critical = 0.85, workstation = 0.40, kiosk = 0.35 },
      operational_tail = { hours = 96, capacity_loss = 0.30 },
      extra_expense_per_tech_hour_usd = 130,
      incident_cost_usd = { fixed = 250000, per_affected_endpoint = 1200 },
      sources = S({
        revenue_per_endpoint_usd = "Delta 2023: $58.0B revenue, ~103k employees => ~$560k per employee (Delta 10-K 2023; AJC 12 Jan 2024); Delta had ~37k computers and ~40k servers hit (court filings/CEO, 2024) plus macOS/Linux and mobile-excluded estate => ~1.2 endpoints per employee; regional and smaller carriers lower (assumption) => $450k",
        gross_margin = "Delta 8-K/Q3 2024: $380M lost revenue vs ~$50M fuel saved (~87% of lost revenue was lost profit); fuel ~21% of Delta's 2023 operating expense (Delta 10-K 2023) plus landing fees, catering and distribution ~10% (assumption) => contribution margin ~0.70; Damodaran air transport accounting gross margin ~29% counts crew as cost of sales",
        revenue_profile = "assumption: departures from ~05:00 to ~23:00 local with a flat day bank; little flying 01-04 (curfews, red-eyes only); weekends ~5% lighter",
        impact = "Delta: ~60% of 'mission critical' applications depend on Windows/the agent (Boies letter, Aug 2024); crew tracking and scheduling down grounds flights (critical 0.85); gate/counter PCs and check-in kiosks have manual fallbacks (hand-written boarding passes, reported 19 Jul 2024) (assumption)",
        operational_tail = "Delta: outage 19 Jul, ~7,000 flights cancelled over ~5 days, normal operations only ~25 Jul (Delta 8-K; Sherwood/Reuters 2024); United cancelled ~1,500 over 4 days; crew and aircraft out of position => ~4 days at ~30% lost capacity after IT recovery (assumption fitted to Delta's ~2.4 days of revenue lost)",
        incident_cost_usd = SRC.incident .. "; airline per-endpoint cost includes crew overtime, hotels and customer reimbursement, set at ~half of Delta's ~$2.2k because Delta's tail was exceptional",
        extra_expense_per_tech_hour_usd = SRC.tech .. "; 24x7 operations, heavy overtime and contractors (Delta: all-hands recovery)",
      }),
    },

    healthcare = {
      revenue_per_endpoint_usd = 170000,
      gross_margin = 0.45,
      revenue_profile = {
        weekday = { 0.45, 0.45, 0.45, 0.45, 0.45, 0.5, 0.7, 1.0, 1.3, 1.4, 1.4, 1.4,
                    1.3, 1.4, 1.4, 1.3, 1.1, 0.9, 0.75, 0.65, 0.6, 0.55, 0.5, 0.45 },
        weekend = { 0.45, 0.45, 0.45, 0.45, 0.45, 0.45, 0.5, 0.6, 0.65, 0.7, 0.7, 0.7,
                    0.7, 0.7, 0.7, 0.65, 0.6, 0.6, 0.55, 0.55, 0.5, 0.5, 0.45, 0.45 },
      },
      impact = { critical = 0.50, workstation = 0.35, kiosk = 0.25 },
      operational_tail = { hours = 24, capacity_loss = 0.15 },
      extra_expense_per_tech_hour_usd = 120,
      incident_cost_usd = { fixed = 100000, per_affected_endpoint = 60 },
      sources = S({
        revenue_per_endpoint_usd = "average US hospital net patient revenue $223.7M in 2022 (Definitive Healthcare HospitalView, Medicare Cost Reports); ~5.5 FTE per bed (BMC Health Serv Res 14:230, table 1) => ~$170-220k per FTE; many shared clinical workstations (~1.2 endpoints per FTE, assumption) => $170k; Fortune 500 'health care' (insurers, PBMs) earn far more per employee and are not this industry",
        gross_margin = "Damodaran: hospitals/healthcare facilities accounting gross margin ~30% (staff in cost of sales); contribution margin higher because staff are paid through an outage but drugs/supplies are not used; part of deferred elective volume is recaptured later (assumption) => 0.45",
        revenue_profile = "assumption: inpatient and emergency care round the clock (~0.45 floor); outpatient clinics, imaging and elective surgery on weekday daytime",
        impact = "assumption: EHR, PACS and lab systems on Windows servers stop most scheduled activity, but downtime procedures on paper keep emergency and inpatient care going (critical 0.5); shared clinical workstations and registration kiosks (kiosk 0.25); Providence: ~70,000 PCs and ~15,000 servers affected, elective procedures cancelled (Modern Healthcare 22 Jul 2024)",
        operational_tail = "assumption: rescheduling cancelled appointments and back-entering paper records takes ~1 day at reduced throughput",
        incident_cost_usd = SRC.incident .. "; healthcare fixed cost higher for patient-safety reviews and regulator liaison",
      }),
    },

    banking = {
      revenue_per_endpoint_usd = 380000,
      gross_margin = 0.90,
      revenue_profile = { weekday = {
          0.1, 0.1, 0.1, 0.1, 0.1, 0.15, 0.3, 0.7, 1.0, 1.0, 1.0, 1.0,
          0.95, 1.0, 1.0, 1.0, 0.9, 0.6, 0.35, 0.25, 0.2, 0.15, 0.12, 0.1 },
        weekend = { 0.08, 0.08, 0.08, 0.08, 0.08, 0.08, 0.08, 0.1, 0.15, 0.2, 0.2, 0.2,
                    0.2, 0.18, 0.15, 0.12, 0.1, 0.1, 0.1, 0.1, 0.1, 0.08, 0.08, 0.08 } },
      impact = { critical = 0.50, workstation = 0.30, kiosk = 0.15 },
      operational_tail = { hours = 8, capacity_loss = 0.10 },
      extra_expense_per_tech_hour_usd = 130,
      incident_cost_usd = { fixed = 150000, per_affected_endpoint = 60 },
      sources = S({
        revenue_per_endpoint_usd = "net revenue per employee ~$400-500k at large US banks and insurers (10-K filings 2023, e.g. ~$158B net revenue / ~310k employees at the largest bank) and ~$300-400k at regional banks (assumption); ~1.2 endpoints per employee => $380k; cf. Fortune 500 average ~$606k (" .. SRC.fortune .. ")",
        gross_margin = "Damodaran: bank and financial-services accounting gross margins ~94-99% (little cost of sales); assumption: ~10% variable transaction/processing costs saved => 0.90",
        revenue_profile = "assumption: fee, trading and transaction income in office hours; card authorisations and online banking keep a ~0.1 floor at night and at weekends",
        impact = "assumption: net interest income (~half of bank revenue) accrues whatever the state of IT, so even a full core-system outage stops at most ~half of revenue (critical 0.5); branch teller terminals and Windows ATMs (kiosk 0.15); Parametrix Jul 2024: banking the second-largest Fortune 500 loss ($1.15B)",
        operational_tail = "assumption: reconciliation of queued payments and trade breaks within a business day",
        incident_cost_usd = SRC.incident .. "; banking fixed cost higher for regulator notification (US banking agencies' 36-hour computer-security incident notification rule, 2022) and client communications",
        extra_expense_per_tech_hour_usd = SRC.tech .. "; higher IT wages in financial centres, mostly internal staff",
      }),
    },

    retail = {
      revenue_per_endpoint_usd = 420000,
      gross_margin = 0.30,
      revenue_profile = {
        weekday = { 0.03, 0.02, 0.02, 0.02, 0.02, 0.03, 0.1, 0.3, 0.55, 0.8, 0.95, 1.0,
                    1.0, 1.0, 0.95, 0.95, 1.0, 1.05, 1.0, 0.85, 0.6, 0.35, 0.12, 0.05 },
        weekend = { 0.03, 0.02, 0.02, 0.02, 0.02, 0.03, 0.08, 0.25, 0.55, 0.9, 1.15, 1.25,
                    1.3, 1.3, 1.25, 1.2, 1.1, 1.0, 0.85, 0.65, 0.45, 0.25, 0.1, 0.05 },
      },
      impact = { critical = 0.35, workstation = 0.10, kiosk = 0.75 },
      operational_tail = { hours = 4, capacity_loss = 0.05 },
      extra_expense_per_tech_hour_usd = 140,
      incident_cost_usd = { fixed = 50000, per_affected_endpoint = 40 },
      sources = S({
        revenue_per_endpoint_usd = "US retail trade $208,663 sales per employee in 2002 (Census Economic Census 2002 key statistics), ~$300k today (Walmart FY2024: $648B / ~2.1M employees); stores share POS and back-office PCs, ~0.7 endpoints per employee (assumption) => $420k",
        gross_margin = "Damodaran: retail accounting gross margins ~25-35% (general retail ~30%); store labour is fixed in the short run but sales lost to competitors are not recaptured (assumption) => 0.30",
        revenue_profile = "assumption: store hours ~08:00-22:00 with a midday and early-evening peak; Saturday the strongest day; e-commerce keeps a small night floor",
        impact = "assumption: POS down closes tills or forces cash-only (kiosk 0.75; Australian supermarket tills down 19 Jul 2024, press); store back-end and ERP servers (critical 0.35); e-commerce mostly runs on cloud Linux",
        operational_tail = "assumption: tills back = trade back; a few hours of restocking and price-file reloads",
        extra_expense_per_tech_hour_usd = SRC.tech .. "; store estates rely on MSPs and field technicians (higher contractor share)",
      }),
    },

    manufacturing = {
      revenue_per_endpoint_usd = 400000,
      gross_margin = 0.40,
      revenue_profile = {
        weekday = { 0.6, 0.6, 0.6, 0.6, 0.6, 0.7, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0,
                    1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.8, 0.6 },
        weekend = { 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.35, 0.35, 0.35, 0.35, 0.35, 0.35,
                    0.35, 0.35, 0.35, 0.35, 0.35, 0.35, 0.35, 0.35, 0.35, 0.35, 0.3, 0.3 },
      },
      impact = { critical = 0.50, workstation = 0.20, kiosk = 0.40 },
      operational_tail = { hours = 16, capacity_loss = 0.25 },
      extra_expense_per_tech_hour_usd = 120,
      incident_cost_usd = { fixed = 60000, per_affected_endpoint = 50 },
      sources = S({
        revenue_per_endpoint_usd = "US manufacturing shipments ~$0.5M per employee (Census Annual Survey of Manufactures; 1997 Economic Census: $3.96T / 17.6M employees = $225k, roughly doubled since); shop-floor staff share HMI/MES terminals, ~1.1 endpoints per employee (assumption) => $400k; Parametrix: manufacturing 130 Fortune 500 firms, lowest loss per firm (~$6M)",
        gross_margin = "Damodaran: machinery/electrical/chemical accounting gross margins ~30-35%; direct labour is fixed in the short run, so contribution margin slightly higher; lost output partly made up with overtime later (assumption) => 0.40",
        revenue_profile = "assumption: two-shift weekday operation with a night shift at ~60%; weekend ~30-35% (continuous-process plants)",
        impact = "Siemens True Cost of Downtime 2024: idle line up to $2.3M/h (automotive), ~$39k/h (FMCG plant); assumption: PLCs keep lines running for a while without MES/ERP (critical 0.5), HMI/MES terminals (kiosk 0.4)",
        operational_tail = "Siemens/Senseye 2022-2024: recovery from a stoppage averages ~81 minutes per incident and has been lengthening; assumption: a plant-wide restart with re-sequenced supply takes ~2 shifts at ~25% lost capacity",
      }),
    },

    government = {
      revenue_per_endpoint_usd = 170000,
      gross_margin = 0.50,
      revenue_profile = { weekday = OFFICE_WD, weekend = OFFICE_WE },
      impact = { critical = 0.40, workstation = 0.50, kiosk = 0.20 },
      operational_tail = { hours = 8, capacity_loss = 0.10 },
      extra_expense_per_tech_hour_usd = 90,
      incident_cost_usd = { fixed = 40000, per_affected_endpoint = 30 },
      sources = S({
        revenue_per_endpoint_usd = "assumption: governments earn no sales revenue; the value at risk is the budget per employee: US state and local government spending ~$4T with ~20M employees (~$200k; Census/BLS orders of magnitude), ~1.2 endpoints per employee => $170k",
        gross_margin = "assumption: the economic loss is idle paid staff time; compensation is ~half of public budgets => 0.5 (not an insurable BI loss; kept for completeness)",
        revenue_profile = "assumption: office hours; 911 dispatch and public-safety centres are a small 24x7 share",
        impact = "assumption: caseworker and clerical work is PC-bound (workstation 0.5); benefit/licensing systems on servers (critical 0.4); 911 dispatch disruption reported 19 Jul 2024",
        extra_expense_per_tech_hour_usd = SRC.tech .. "; public-sector pay scales and overtime rules, limited contractor surge",
      }),
    },

    software_it = {
      revenue_per_endpoint_usd = 200000,
      gross_margin = 0.60,
      revenue_profile = {
        weekday = { 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.4, 0.7, 1.0, 1.0, 1.0, 1.0,
                    1.0, 1.0, 1.0, 1.0, 0.9, 0.7, 0.5, 0.45, 0.4, 0.35, 0.3, 0.3 },
        weekend = { 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.28, 0.3, 0.3, 0.3,
                    0.3, 0.3, 0.3, 0.3, 0.3, 0.28, 0.27, 0.26, 0.25, 0.25, 0.25, 0.25 },
      },
      impact = { critical = 0.30, workstation = 0.35, kiosk = 0.05 },
      operational_tail = { hours = 4, capacity_loss = 0.05 },
      extra_expense_per_tech_hour_usd = 110,
      incident_cost_usd = { fixed = 40000, per_affected_endpoint = 30 },
      sources = S({
        revenue_per_endpoint_usd = "assumption: IT services ~$150-200k per employee (Big Four/IT-services revenue per head, e.g. $150-175k in 2013 firm reports), software firms $300-500k; engineers run ~1.5 endpoints each (laptop + test/build machines) => $200k",
        gross_margin = "Damodaran: software (system & application) accounting gross margins ~70%, computer services ~21-30%; staff fixed in the short run => 0.60",
        revenue_profile = "assumption: subscription and services revenue accrues round the clock (0.25-0.3 floor) with office-hours billable work",
        impact = "Parametrix Jul 2024: only 21% of Fortune 500 software/IT firms disrupted, production mostly on Linux; Windows servers are internal tooling (critical 0.3); developers' laptops (workstation 0.35)",
        extra_expense_per_tech_hour_usd = SRC.tech .. "; mostly internal engineers (self-service fixes)",
      }),
    },

    telecom = {
      revenue_per_endpoint_usd = 500000,
      gross_margin = 0.60,
      revenue_profile = {
        weekday = { 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.8, 0.9, 1.0, 1.0, 1.0, 1.0,
                    1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7 },
        weekend = { 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.75, 0.85, 0.9, 0.9, 0.9,
                    0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.85, 0.8, 0.8, 0.75, 0.7, 0.7 },
      },
      impact = { critical = 0.30, workstation = 0.20, kiosk = 0.30 },
      operational_tail = { hours = 8, capacity_loss = 0.05 },
      extra_expense_per_tech_hour_usd = 120,
      incident_cost_usd = { fixed = 80000, per_affected_endpoint = 40 },
      sources = S({
        revenue_per_endpoint_usd = "large US carriers earn ~$0.8-1.3M per employee (10-K 2023: ~$134B/~105k and ~$122B/~150k); smaller operators and cable firms less (assumption ~$600k); ~1.2 endpoints per employee => $500k",
        gross_margin = "Damodaran: telecom services accounting gross margins ~55-60% => 0.60",
        revenue_profile = "assumption: subscription and usage revenue flows round the clock (0.7 floor); stores and business sales in the day",
        impact = "assumption: the network itself runs on appliances and Linux and keeps earning; billing, provisioning and care systems (critical 0.3); retail-store POS and NOC consoles (kiosk 0.3)",
      }),
    },

    hospitality = {
      revenue_per_endpoint_usd = 250000,
      gross_margin = 0.50,
      revenue_profile = {
        weekday = { 0.25, 0.2, 0.2, 0.2, 0.2, 0.25, 0.45, 0.75, 0.8, 0.6, 0.65, 0.95,
                    1.15, 0.95, 0.6, 0.55, 0.7, 1.1, 1.4, 1.4, 1.15, 0.8, 0.5, 0.35 },
        weekend = { 0.35, 0.25, 0.2, 0.2, 0.2, 0.25, 0.4, 0.7, 0.9, 0.95, 0.95, 1.1,
                    1.25, 1.1, 0.75, 0.65, 0.8, 1.25, 1.6, 1.6, 1.3, 0.95, 0.65, 0.45 },
      },
      impact = { critical = 0.40, workstation = 0.15, kiosk = 0.60 },
      operational_tail = { hours = 12, capacity_loss = 0.10 },
      extra_expense_per_tech_hour_usd = 140,
      incident_cost_usd = { fixed = 40000, per_affected_endpoint = 40 },
      sources = S({
        revenue_per_endpoint_usd = "accommodation and food services earn ~$70-90k per employee (Census Economic Census), but POS and front-desk terminals are shared (~0.3 endpoints per employee, assumption: a 150-room hotel with ~100 staff runs ~30-40 Windows devices) => $250k",
        gross_margin = "Damodaran: hotel/gaming accounting gross margin ~36%; restaurants' food cost ~30% of sales with labour fixed in the short run => contribution ~0.5-0.6; assumption 0.5",
        revenue_profile = "assumption: room revenue accrues through the night (0.2 floor); restaurant meal peaks at breakfast, lunch and dinner; weekends busier",
        impact = "assumption: POS and front-desk terminals (kiosk 0.6, cash and manual check-in partly possible); property-management and reservation systems (critical 0.4)",
        extra_expense_per_tech_hour_usd = SRC.tech .. "; properties rely on MSPs and vendor field technicians",
      }),
    },

    logistics = {
      revenue_per_endpoint_usd = 250000,
      gross_margin = 0.45,
      revenue_profile = {
        weekday = { 0.6, 0.6, 0.6, 0.6, 0.65, 0.75, 0.9, 1.0, 1.0, 1.0, 1.0, 1.0,
                    1.0, 1.0, 1.0, 1.0, 1.0, 0.95, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6 },
        weekend = { 0.45, 0.45, 0.45, 0.45, 0.45, 0.45, 0.5, 0.55, 0.6, 0.6, 0.6, 0.6,
                    0.6, 0.6, 0.6, 0.6, 0.55, 0.55, 0.5, 0.5, 0.5, 0.5, 0.45, 0.45 },
      },
      impact = { critical = 0.60, workstation = 0.30, kiosk = 0.40 },
      operational_tail = { hours = 48, capacity_loss = 0.20 },
      extra_expense_per_tech_hour_usd = 120,
      incident_cost_usd = { fixed = 60000, per_affected_endpoint = 80 },
      sources = S({
        revenue_per_endpoint_usd = "large parcel carriers earn ~$170-180k per employee (10-K 2023: ~$91B/~500k and ~$90B/~530k), freight forwarders and 3PLs more; drivers and warehouse staff share terminals (~0.8 endpoints per employee, assumption) => $250k",
        gross_margin = "assumption: fuel and purchased transportation are the main variable costs (~35-45% of revenue for carriers), staff fixed in the short run => 0.45",
        revenue_profile = "assumption: hubs, rail and ports run through the night (0.6 floor), day peak for pickups/deliveries; weekends lighter",
        impact = "assumption: WMS/TMS, dispatch and sortation control on servers (critical 0.6); depot and ticketing terminals (kiosk 0.4); rail and airport disruptions widely reported 19 Jul 2024",
        operational_tail = "assumption: parcel and freight backlogs, missed connections and repositioning of vehicles/crews clear in ~2 days",
        incident_cost_usd = SRC.incident .. "; dispersed depots raise per-endpoint travel costs",
      }),
    },

    education = {
      revenue_per_endpoint_usd = 60000,
      gross_margin = 0.50,
      revenue_profile = {
        weekday = { 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.15, 0.6, 1.0, 1.0, 1.0, 1.0,
                    0.9, 1.0, 1.0, 0.9, 0.7, 0.5, 0.4, 0.35, 0.25, 0.15, 0.08, 0.05 },
        weekend = OFFICE_WE,
      },
      impact = { critical = 0.15, workstation = 0.20, kiosk = 0.10 },
      operational_tail = { hours = 4, capacity_loss = 0.05 },
      extra_expense_per_tech_hour_usd = 100,
      incident_cost_usd = { fixed = 25000, per_affected_endpoint = 20 },
      sources = S({
        revenue_per_endpoint_usd = "assumption: K-12 and higher-education spending ~$110-175k per employee (NCES/IPEDS orders of magnitude), but labs, classrooms and libraries run ~2-3 endpoints per staff member => $60k",
        gross_margin = "assumption: tuition and grants are not refunded for an outage; the loss is idle paid staff time (~half of spending is compensation) => 0.5",
        revenue_profile = "assumption: teaching and office hours; evening classes and residence halls a small floor",
        impact = "assumption: classes continue without PCs, tuition is not lost; administration and research slowed (critical 0.15, workstation 0.2)",
      }),
    },

    media = {
      revenue_per_endpoint_usd = 400000,
      gross_margin = 0.50,
      revenue_profile = {
        weekday = { 0.35, 0.25, 0.2, 0.2, 0.2, 0.3, 0.6, 0.8, 0.8, 0.75, 0.75, 0.8,
                    0.85, 0.8, 0.8, 0.8, 0.85, 1.0, 1.25, 1.5, 1.6, 1.5, 1.1, 0.6 },
        weekend = { 0.4, 0.3, 0.2, 0.2, 0.2, 0.25, 0.45, 0.65, 0.75, 0.8, 0.8, 0.85,
                    0.9, 0.9, 0.9, 0.9, 0.95, 1.05, 1.3, 1.5, 1.6, 1.5, 1.15, 0.7 },
      },
      impact = { critical = 0.50, workstation = 0.30, kiosk = 0.40 },
      operational_tail = { hours = 6, capacity_loss = 0.10 },
      extra_expense_per_tech_hour_usd = 120,
      incident_cost_usd = { fixed = 60000, per_affected_endpoint = 40 },
      sources = S({
        revenue_per_endpoint_usd = "assumption: broadcasters and publishers earn ~$400-600k per employee (10-K orders of magnitude), ~1.2 endpoints per employee => $400k",
        gross_margin = "Damodaran: broadcasting accounting gross margin ~45%, entertainment ~42%; advertising make-goods partly recapture lost spots => 0.5",
        revenue_profile = "assumption: advertising revenue follows audience: prime time 19:00-22:00 peak, breakfast-show bump",
        impact = "broadcasters off air 19 Jul 2024 (Sky News UK, ABC Australia; press); assumption: playout and newsroom systems (kiosk 0.4), traffic/scheduling servers (critical 0.5)",
      }),
    },

    energy = {
      revenue_per_endpoint_usd = 900000,
      gross_margin = 0.35,
      revenue_profile = {
        weekday = { 0.8, 0.75, 0.75, 0.75, 0.75, 0.8, 0.9, 1.0, 1.05, 1.05, 1.05, 1.05,
                    1.05, 1.05, 1.1, 1.1, 1.1, 1.1, 1.05, 1.0, 0.95, 0.9, 0.85, 0.8 },
        weekend = { 0.75, 0.7, 0.7, 0.7, 0.7, 0.7, 0.75, 0.85, 0.9, 0.95, 0.95, 0.95,
                    0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.9, 0.9, 0.85, 0.8, 0.75 },
      },
      impact = { critical = 0.25, workstation = 0.15, kiosk = 0.20 },
      operational_tail = { hours = 8, capacity_loss = 0.05 },
      extra_expense_per_tech_hour_usd = 130,
      incident_cost_usd = { fixed = 80000, per_affected_endpoint = 50 },
      sources = S({
        revenue_per_endpoint_usd = "US utilities ~$586k per employee in 1997 (Census 1997 Economic Census: $412B / 703k), ~$0.8-1M today; oil and gas majors several $M per employee (10-K 2023); assumption: typical customer organisation ~$1M per employee, ~1.1 endpoints per employee => $900k",
        gross_margin = "Damodaran: utilities accounting gross margins ~40-50%, refining and integrated oil ~15-30% => 0.35",
        revenue_profile = "assumption: production and supply are continuous; load follows daytime demand (electricity) with a ~0.75 night floor",
        impact = "assumption: generation, pipelines and wells run on separate OT networks and keep earning; trading, dispatch, metering/billing and fuel-station POS affected (critical 0.25, kiosk 0.2)",
      }),
    },

    professional_services = {
      revenue_per_endpoint_usd = 180000,
      gross_margin = 0.60,
      revenue_profile = { weekday = OFFICE_WD, weekend = OFFICE_WE },
      impact = { critical = 0.30, workstation = 0.70, kiosk = 0.05 },
      operational_tail = { hours = 4, capacity_loss = 0.05 },
      extra_expense_per_tech_hour_usd = 130,
      incident_cost_usd = { fixed = 40000, per_affected_endpoint = 30 },
      sources = S({
        revenue_per_endpoint_usd = "Big Four revenue per employee ~$148-174k (Deloitte $32.4B/200k, PwC $32.1B/184k, EY $25.8B/175k, KPMG $23.4B/155k, FY2013, via xplaind.com); ~$200k+ today; law firms higher; ~1.1 endpoints per employee (laptop-centric) => $180k",
        gross_margin = "assumption: salaried staff are paid through an outage, so lost billable hours are almost all margin, but part is worked back later => 0.60 (Damodaran business & consumer services accounting gross margin ~30% counts staff as cost of sales)",
        revenue_profile = SRC.profile .. "; billable office hours",
        impact = "assumption: billable work is done on laptops (workstation 0.7); document management/practice systems on servers (critical 0.3)",
      }),
    },

    other = {
      revenue_per_endpoint_usd = 250000,
      gross_margin = 0.40,
      revenue_profile = {
        weekday = { 0.1, 0.1, 0.1, 0.1, 0.1, 0.15, 0.3, 0.6, 0.9, 1.0, 1.0, 1.0,
                    0.95, 1.0, 1.0, 1.0, 0.9, 0.7, 0.45, 0.35, 0.3, 0.2, 0.15, 0.1 },
        weekend = { 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.12, 0.15, 0.2, 0.25, 0.25, 0.25,
                    0.25, 0.25, 0.25, 0.22, 0.2, 0.18, 0.15, 0.12, 0.1, 0.1, 0.1, 0.1 },
      },
      impact = { critical = 0.40, workstation = 0.35, kiosk = 0.30 },
      operational_tail = { hours = 8, capacity_loss = 0.10 },
      extra_expense_per_tech_hour_usd = 120,
      incident_cost_usd = { fixed = 40000, per_affected_endpoint = 40 },
      sources = S({
        revenue_per_endpoint_usd = "assumption: mix of real estate, construction, agriculture, non-profits and life sciences; US private-sector receipts per employee ~$250-300k (Census Economic Census orders of magnitude), ~1.1 endpoints per employee => $250k",
        gross_margin = "assumption: between services (~0.6) and goods (~0.3) => 0.40",
        revenue_profile = SRC.profile .. "; mostly business hours with a small round-the-clock floor",
        impact = "assumption: mid-range of the other sectors",
      }),
    },
  },
}
