-- models/industries.lua
-- Industries of the agent's customer base (reference: CrowdStrike Falcon,
-- ~29,000 customer organisations, 298 of the Fortune 500).
--
-- HOW THE SHARES FIT TOGETHER
-- endpoint_share : share of the agent's WINDOWS endpoints in the industry.
-- orgs_share     : share of the ~29,000 customer organisations.
-- size           : Windows endpoints (with the agent) per organisation,
--                  lognormal(median, sigma) with mean = median*exp(sigma^2/2).
-- The three are consistent for a fleet of ~17 million Windows endpoints:
--   endpoint_share_i ~= orgs_share_i * 29,000 * mean_i / 17e6   (check.lua
--   verifies this within 5%). 17M is itself an ASSUMPTION: 8.5M crashed
--   (Microsoft, 20 Jul 2024; counted from crash reports, possibly an
--   undercount) divided by the share expected online in the window (~0.54
--   point-in-time with regions.lua and online_profiles.lua, printed by
--   check.lua) and by the share on sensor 7.11+ (~0.95, vendors_endpoint.lua).
--   Cross-check: the vendor's endpoint-security revenue (IDC 2022: ~15% of
--   $13.1B, i.e. ~$2B) over ~17M Windows plus ~4M macOS/Linux endpoints is
--   ~$95 per endpoint-year, a plausible list price for EDR bundles. Sigma ~2
--   puts a few hundred organisations above 10,000 endpoints, in line with
--   298 Fortune 500 customers.
--
-- INDUSTRY SPLIT: no public breakdown of the vendor's customers by industry
-- exists. The split is an ASSUMPTION guided by Parametrix (24 Jul 2024):
-- 125 of the Fortune 500 directly disrupted; 100% of Fortune 500 airlines,
-- ~75% of Fortune 500 healthcare and banking firms, 43% of retailers and
-- wholesalers, 21% of software/IT services (mostly Linux), and by the
-- vendor's known strength in financial services, technology and government.
--
-- IT STAFFING (hands-on desktop + server support per 1,000 Windows endpoints)
-- Anchors: IT staff were 5.5% of all employees across industries (Gartner IT
-- Metrics: IT Spending and Staffing Report 2010); median 1 IT worker per 27
-- employees, 1:11 in financial services, 1:36 in manufacturing, 1:33 in
-- government/education/non-profit (Mercer/ITAA/people3 "Organizing for
-- Results" survey, 2003); desktop support ~8% of IT staff (Computer
-- Economics "Desktop Support Staffing Ratios", 2015). Desktop support
-- (~8%) + server/infrastructure operations (~15%, assumption) => ~23% of IT
-- staff can do hands-on fixes; with ~1 Windows endpoint per employee:
-- default 37 IT per 1,000 x 0.23 ~= 8.5 per 1,000 endpoints.
--
-- ENCRYPTION: surveys put business laptop encryption at ~50% around
-- 2008-2011 (PwC/CIO/CSO Global State of Information Security 2008: 50% of
-- businesses encrypt laptops; UK survey 2011: 52% encrypt laptops). Since
-- then BitLocker is built into Windows 10/11 Pro/Enterprise, device
-- encryption is on by default on modern hardware, and regulated sectors
-- (HIPAA, PCI DSS, GLBA, government baselines) mandate it. Per-industry
-- values are ASSUMPTIONS scaled from that base. Servers in data centres
-- are rarely BitLocker-encrypted (assumption).

local S = {
  endpoint_share = "assumption guided by Parametrix Jul 2024 (share of Fortune 500 firms disrupted by sector) and the vendor's customer mix; see file header",
  orgs_share = "assumption: SMB-heavy sectors (software/IT, professional services, manufacturing) have more, smaller customer organisations; see file header",
  size = "lognormal chosen so that orgs_share x 29,000 customers (press reports 2024) x mean size matches endpoint_share of a ~17M Windows endpoint fleet (assumption, see header); sigma ~2 puts a few hundred orgs above 10k endpoints (cf. 298 Fortune 500 customers)",
  mix = "assumption from server:employee ratios of 0.1-0.4 (T. Chou, CA Expo 2013), >75% of servers virtualised (Gartner via DABCC 2017), ~half of workloads in public cloud but mostly Linux (Flexera State of the Cloud 2024: 51%), and the sector's POS/kiosk/shared-terminal estate",
  it_staff_per_1000_endpoints = "derived: Gartner IT Metrics 2010 (IT = 5.5% of employees), Mercer/ITAA 2003 (1 IT per 27 employees; 1:11 financial, 1:36 manufacturing, 1:33 government/education), Computer Economics 2015 (desktop support ~8% of IT staff) plus ~15% infrastructure staff (assumption); see file header",
  surge_factor = "assumption: 12-hour shifts (x1.5) plus all-hands IT (desktop+infra are ~1/4 of IT staff) plus contractors and key-holding non-IT staff; Delta ('everyone around the company working around the clock', 22 Jul 2024) and Providence (all hands, 70,000 PCs) show large surges",
  staffed_24x7 = "assumption: sector runs round-the-clock operations with a night IT shift (ops centre, NOC, SRE on-call counted only where staffed on site)",
  night_staff_share = "assumption: 3-shift operations staff nights at ~1/3 of day level (~0.12 of the team on shift); business-hours sectors keep only on-call staff (~0.03)",
  encryption_share = "assumption scaled from ~50% business laptop encryption 2008-2011 (PwC/CIO/CSO GSISS 2008; UK survey 2011) to 2024 with BitLocker built into Windows 10/11 and sector mandates; see file header",
  server_encryption_share = "assumption: BitLocker on servers is uncommon outside regulated sectors (data centre physical security is the usual control)",
  detection_delay_minutes = "assumption: minutes from first crash to the IT team knowing, once someone is on duty or on call (the engine adds shift/staffing effects); 24x7 monitored sectors ~15-25 min",
  diagnosis_delay_minutes = "assumption: the vendor's workaround (delete C-00000291*.sys in Safe Mode/WinRE) circulated ~1-2 h after 04:09 UTC (vendor tech alert and public statement, 19 Jul 2024); faster for security-mature sectors",
  region_weights = "assumption: relative multipliers on regions.lua shares, renormalised by the engine; regions not listed weigh 1",
}

-- helper: copy S so each industry carries its own `sources` table
local function src(extra)
  local t = {}
  for k, v in pairs(S) do t[k] = v end
  if extra then for k, v in pairs(extra) do t[k] = v end end
  return t
end

return {
  notes = "endpoint_share and orgs_share each sum to 1. region_weights are relative multipliers on regions.lua shares (renormalised). size is Windows endpoints with the agent per organisation.",
  list = {
    { id = "airlines", name = "Airlines",
      endpoint_share = 0.015, orgs_share = 0.003,
      size = { dist = "lognormal", median = 580, sigma = 1.8 },
      mix = { workstation = 0.45, server = 0.08, onprem_vm = 0.22, cloud_vm = 0.07, kiosk = 0.18 },
      it_staff_per_1000_endpoints = 7, surge_factor = 3.5,
      staffed_24x7 = true, night_staff_share = 0.15,
      encryption_share = 0.70, server_encryption_share = 0.15,
      detection_delay_minutes = { mean = 15 }, diagnosis_delay_minutes = { mean = 90 },
      sources = src({
        endpoint_share = "assumption: ~255k Windows endpoints (~87 carriers); Delta alone reported ~37,000 computers affected and ~40,000 servers reset by hand (court filings, CEO statements, Jul-Oct 2024); Parametrix: all Fortune 500 airlines disrupted",
        mix = "Delta: ~40,000 servers vs ~37,000 computers (CEO interview, AJC 31 Jul 2024) => servers+VMs ~1/3+ of Windows endpoints; kiosk = check-in kiosks, gate/counter and ops terminals (SITA/ACI 2014: ~14,000 self-service check-in kiosks at airports; plus airline-owned and counter PCs) - assumption",
        night_staff_share = "assumption: airline operations control and IT ops run 24x7; overnight is a low-traffic period with ~15% of staff on shift",
        surge_factor = S.surge_factor .. "; Delta: all-hands recovery across the company",
      }),
      notes = "Operational tail (crew and aircraft out of position) is not modelled here; Delta needed until ~25 Jul for normal operations." },

    { id = "healthcare", name = "Healthcare providers",
      endpoint_share = 0.11, orgs_share = 0.10,
      size = { dist = "lognormal", median = 88, sigma = 2.0 },
      mix = { workstation = 0.62, server = 0.05, onprem_vm = 0.15, cloud_vm = 0.03, kiosk = 0.15 },
      it_staff_per_1000_endpoints = 7, surge_factor = 3.0,
      staffed_24x7 = true, night_staff_share = 0.12,
      encryption_share = 0.85, server_encryption_share = 0.25,
      detection_delay_minutes = { mean = 20 }, diagnosis_delay_minutes = { mean = 90 },
      sources = src({
        endpoint_share = "assumption; Parametrix Jul 2024: ~75% of Fortune 500 healthcare firms disrupted and healthcare the largest Fortune 500 loss ($1.94B); Providence alone ~70,000 PCs and ~15,000 application servers hit (Modern Healthcare 22 Jul 2024)",
        mix = "Providence: ~15,000 application servers vs ~70,000 computers (Modern Healthcare 22 Jul 2024) => server share ~0.2; kiosk = shared clinical workstations, nurse stations, registration kiosks on 24x7 (assumption)",
        it_staff_per_1000_endpoints = S.it_staff_per_1000_endpoints .. "; hospitals run many shared devices per employee, so slightly below default (assumption)",
        encryption_share = S.encryption_share .. "; HIPAA makes encryption the safe harbour for lost devices",
      }) },

    { id = "banking", name = "Banking, financial services and insurance",
      endpoint_share = 0.14, orgs_share = 0.10,
      size = { dist = "lognormal", median = 73, sigma = 2.2 },
      mix = { workstation = 0.66, server = 0.04, onprem_vm = 0.15, cloud_vm = 0.06, kiosk = 0.09 },
      it_staff_per_1000_endpoints = 12, surge_factor = 3.5,
      staffed_24x7 = true, night_staff_share = 0.10,
      encryption_share = 0.90, server_encryption_share = 0.30,
      detection_delay_minutes = { mean = 20 }, diagnosis_delay_minutes = { mean = 75 },
      sources = src({
        endpoint_share = "assumption; Parametrix Jul 2024: ~75% of Fortune 500 banks disrupted, banking second-largest Fortune 500 loss ($1.15B); the vendor is strong in financial services",
        it_staff_per_1000_endpoints = "Mercer/ITAA 2003: 1 IT worker per 11 employees in financial services (=> ~90 IT per 1,000) x ~0.14 hands-on share (assumption) ~= 12",
        mix = S.mix .. "; kiosk = branch teller terminals, Windows ATMs, trading-floor 24x7 desks (assumption)",
        region_weights = S.region_weights .. "; London and New York financial centres",
      }),
      region_weights = { uk_ireland = 1.3, us_east = 1.2 } },

    { id = "retail", name = "Retail and wholesale",
      endpoint_share = 0.09, orgs_share = 0.06,
      size = { dist = "lognormal", median = 78, sigma = 2.2 },
      mix = { workstation = 0.35, server = 0.03, onprem_vm = 0.07, cloud_vm = 0.05, kiosk = 0.50 },
      it_staff_per_1000_endpoints = 4, surge_factor = 2.5,
      staffed_24x7 = false, night_staff_share = 0.03,
      encryption_share = 0.60, server_encryption_share = 0.10,
      detection_delay_minutes = { mean = 45 }, diagnosis_delay_minutes = { mean = 90 },
      sources = src({
        endpoint_share = "assumption; Parametrix Jul 2024: 43% of Fortune 500 retailers/wholesalers disrupted; Australian supermarket POS outages widely reported",
        mix = "assumption: POS terminals outnumber back-office PCs in stores; IHL Group 2009: ~76% of North American POS shipments ran Windows",
        it_staff_per_1000_endpoints = "assumption: store estates have many terminals per IT worker (POS supported by field technicians and MSPs); ~half of default",
      }) },

    { id = "manufacturing", name = "Manufacturing",
      endpoint_share = 0.12, orgs_share = 0.13,
      size = { dist = "lognormal", median = 73, sigma = 2.0 },
      mix = { workstation = 0.70, server = 0.05, onprem_vm = 0.12, cloud_vm = 0.04, kiosk = 0.09 },
      it_staff_per_1000_endpoints = 6, surge_factor = 2.5,
      staffed_24x7 = false, night_staff_share = 0.05,
      encryption_share = 0.65, server_encryption_share = 0.10,
      detection_delay_minutes = { mean = 45 }, diagnosis_delay_minutes = { mean = 100 },
      sources = src({
        endpoint_share = "assumption; Parametrix Jul 2024: manufacturing was the largest Fortune 500 sector by revenue (130 firms) but lost only ~$36M, i.e. low vendor penetration or impact",
        it_staff_per_1000_endpoints = "Mercer/ITAA 2003: 1 IT per 36 employees in manufacturing (=> ~28 per 1,000) x ~0.23 hands-on share ~= 6",
        mix = S.mix .. "; kiosk = shop-floor HMI/MES terminals often left on 24x7 (assumption)",
        night_staff_share = "assumption: plants run shifts but IT is mostly day staff with some plant technicians on nights (~0.05)",
      }) },

    { id = "government", name = "Government and public sector",
      endpoint_share = 0.09, orgs_share = 0.06,
      size = { dist = "lognormal", median = 78, sigma = 2.2 },
      mix = { workstation = 0.75, server = 0.04, onprem_vm = 0.13, cloud_vm = 0.04, kiosk = 0.04 },
      it_staff_per_1000_endpoints = 7, surge_factor = 2.0,
      staffed_24x7 = false, night_staff_share = 0.04,
      encryption_share = 0.85, server_encryption_share = 0.30,
      detection_delay_minutes = { mean = 60 }, diagnosis_delay_minutes = { mean = 120 },
      sources = src({
        endpoint_share = "assumption: the vendor holds FedRAMP authorisation and many US federal/state contracts; 911 dispatch centres were reported disrupted (press, 19 Jul 2024)",
        it_staff_per_1000_endpoints = "Mercer/ITAA 2003: 1 IT per 33 employees in government/education/non-profit (=> ~30 per 1,000) x ~0.23 ~= 7",
        surge_factor = "assumption: overtime rules, union agreements and contractor procurement limit surge (x2)",
        encryption_share = S.encryption_share .. "; US federal baselines require full-disk encryption on mobile devices",
        region_weights = S.region_weights .. "; US public sector is the vendor's core government market",
      }),
      region_weights = { us_east = 1.5, us_mountain_central = 1.3, us_pacific = 1.2 } },

    { id = "software_it", name = "Software and IT services",
      endpoint_share = 0.09, orgs_share = 0.14,
      size = { dist = "lognormal", median = 51, sigma = 2.0 },
      mix = { workstation = 0.66, server = 0.02, onprem_vm = 0.08, cloud_vm = 0.23, kiosk = 0.01 },
      it_staff_per_1000_endpoints = 14, surge_factor = 4.0,
      staffed_24x7 = true, night_staff_share = 0.08,
      encryption_share = 0.85, server_encryption_share = 0.15,
      detection_delay_minutes = { mean = 20 }, diagnosis_delay_minutes = { mean = 60 },
      sources = src({
        endpoint_share = "assumption; Parametrix Jul 2024: only 21% of Fortune 500 software/IT firms disrupted, mostly because their servers run Linux (so few Windows endpoints per customer here)",
        it_staff_per_1000_endpoints = "assumption: technical workforce; many engineers can fix their own machines once given the key (~2x financial services' hands-on ratio)",
        surge_factor = "assumption: self-service fixes by engineers (x4)",
        staffed_24x7 = "assumption: SRE/NOC follow-the-sun on-call",
        region_weights = S.region_weights .. "; US West Coast tech cluster, Indian IT services centres",
      }),
      region_weights = { us_pacific = 2.0, india = 1.5 } },

    { id = "telecom", name = "Telecommunications",
      endpoint_share = 0.03, orgs_share = 0.015,
      size = { dist = "lognormal", median = 105, sigma = 2.2 },
      mix = { workstation = 0.62, server = 0.06, onprem_vm = 0.18, cloud_vm = 0.06, kiosk = 0.08 },
      it_staff_per_1000_endpoints = 9, surge_factor = 3.0,
      staffed_24x7 = true, night_staff_share = 0.12,
      encryption_share = 0.80, server_encryption_share = 0.15,
      detection_delay_minutes = { mean = 20 }, diagnosis_delay_minutes = { mean = 90 },
      sources = src({
        endpoint_share = "assumption: few, large operators (~435 orgs)",
        mix = S.mix .. "; kiosk = retail store POS and NOC consoles (assumption)",
        staffed_24x7 = "assumption: network operations centres run 24x7",
      }) },

    { id = "hospitality", name = "Hospitality, food service and travel",
      endpoint_share = 0.025, orgs_share = 0.03,
      size = { dist = "lognormal", median = 66, sigma = 2.0 },
      mix = { workstation = 0.40, server = 0.03, onprem_vm = 0.05, cloud_vm = 0.04, kiosk = 0.48 },
      it_staff_per_1000_endpoints = 4, surge_factor = 2.0,
      staffed_24x7 = false, night_staff_share = 0.03,
      encryption_share = 0.50, server_encryption_share = 0.05,
      detection_delay_minutes = { mean = 60 }, diagnosis_delay_minutes = { mean = 120 },
      sources = src({
        mix = "assumption: POS and front-desk terminals dominate hotel and restaurant estates",
        it_staff_per_1000_endpoints = "assumption: thin central IT, properties rely on MSPs and vendor field technicians",
        staffed_24x7 = "assumption: hotels run 24x7 but IT support is business-hours/on-call",
        encryption_share = "assumption: lower than average; front-of-house terminals rarely encrypted",
      }) },

    { id = "logistics", name = "Logistics, transport (non-airline) and travel infrastructure",
      endpoint_share = 0.035, orgs_share = 0.035,
      size = { dist = "lognormal", median = 80, sigma = 2.0 },
      mix = { workstation = 0.60, server = 0.04, onprem_vm = 0.12, cloud_vm = 0.05, kiosk = 0.19 },
      it_staff_per_1000_endpoints = 5, surge_factor = 2.5,
      staffed_24x7 = true, night_staff_share = 0.10,
      encryption_share = 0.60, server_encryption_share = 0.10,
      detection_delay_minutes = { mean = 30 }, diagnosis_delay_minutes = { mean = 100 },
      sources = src({
        endpoint_share = "assumption; includes rail operators, airports, ports, parcel carriers (rail and airport disruptions widely reported 19 Jul 2024)",
        mix = "assumption: warehouse and depot terminals, airport/rail information and ticketing kiosks",
        staffed_24x7 = "assumption: hubs and control rooms run through the night",
      }) },

    { id = "education", name = "Education",
      endpoint_share = 0.04, orgs_share = 0.05,
      size = { dist = "lognormal", median = 93, sigma = 1.8 },
      mix = { workstation = 0.85, server = 0.03, onprem_vm = 0.07, cloud_vm = 0.02, kiosk = 0.03 },
      it_staff_per_1000_endpoints = 5, surge_factor = 2.0,
      staffed_24x7 = false, night_staff_share = 0.02,
      encryption_share = 0.50, server_encryption_share = 0.05,
      detection_delay_minutes = { mean = 90 }, diagnosis_delay_minutes = { mean = 150 },
      sources = src({
        it_staff_per_1000_endpoints = "Mercer/ITAA 2003: 1 IT per 33 employees in government/education, but endpoints per employee are high in schools/universities (labs), so below government (assumption)",
        encryption_share = "assumption: lab and classroom PCs rarely encrypted; staff laptops often are",
        surge_factor = "assumption: July is summer break in the northern hemisphere; small teams, student workers",
        region_weights = S.region_weights .. "; US universities and school districts",
      }),
      region_weights = { us_east = 1.2, us_mountain_central = 1.2, us_pacific = 1.2 } },

    { id = "media", name = "Media and broadcasting",
      endpoint_share = 0.025, orgs_share = 0.03,
      size = { dist = "lognormal", median = 81, sigma = 1.9 },
      mix = { workstation = 0.72, server = 0.05, onprem_vm = 0.10, cloud_vm = 0.08, kiosk = 0.05 },
      it_staff_per_1000_endpoints = 7, surge_factor = 3.0,
      staffed_24x7 = true, night_staff_share = 0.08,
      encryption_share = 0.70, server_encryption_share = 0.10,
      detection_delay_minutes = { mean = 25 }, diagnosis_delay_minutes = { mean = 90 },
      sources = src({
        endpoint_share = "assumption; broadcasters off air on 19 Jul 2024 (Sky News UK, ABC Australia) show exposure",
        mix = S.mix .. "; kiosk = playout and newsroom systems on 24x7 (assumption)",
        staffed_24x7 = "assumption: broadcast operations run 24x7",
      }) },

    { id = "energy", name = "Energy and utilities",
      endpoint_share = 0.04, orgs_share = 0.03,
      size = { dist = "lognormal", median = 106, sigma = 2.0 },
      mix = { workstation = 0.68, server = 0.06, onprem_vm = 0.14, cloud_vm = 0.04, kiosk = 0.08 },
      it_staff_per_1000_endpoints = 7, surge_factor = 2.5,
      staffed_24x7 = true, night_staff_share = 0.10,
      encryption_share = 0.75, server_encryption_share = 0.15,
      detection_delay_minutes = { mean = 25 }, diagnosis_delay_minutes = { mean = 100 },
      sources = src({
        mix = S.mix .. "; kiosk = control-room consoles and fuel-station POS (assumption)",
        staffed_24x7 = "assumption: control rooms and grid operations run 24x7",
        region_weights = S.region_weights .. "; Gulf oil and gas, US energy (Texas)",
      }),
      region_weights = { middle_east = 2.0, us_mountain_central = 1.3 } },

    { id = "professional_services", name = "Professional services (legal, consulting, accounting)",
      endpoint_share = 0.07, orgs_share = 0.13,
      size = { dist = "lognormal", median = 52, sigma = 1.9 },
      mix = { workstation = 0.82, server = 0.02, onprem_vm = 0.07, cloud_vm = 0.07, kiosk = 0.02 },
      it_staff_per_1000_endpoints = 8, surge_factor = 3.0,
      staffed_24x7 = false, night_staff_share = 0.03,
      encryption_share = 0.85, server_encryption_share = 0.10,
      detection_delay_minutes = { mean = 60 }, diagnosis_delay_minutes = { mean = 90 },
      sources = src({
        mix = "assumption: laptop-centric workforce, thin on-prem server estate",
        encryption_share = "assumption: client-confidentiality obligations make laptop encryption near-universal",
      }) },

    { id = "other", name = "Other sectors",
      endpoint_share = 0.08, orgs_share = 0.087,
      size = { dist = "lognormal", median = 73, sigma = 2.0 },
      mix = { workstation = 0.72, server = 0.04, onprem_vm = 0.11, cloud_vm = 0.06, kiosk = 0.07 },
      it_staff_per_1000_endpoints = 6, surge_factor = 2.5,
      staffed_24x7 = false, night_staff_share = 0.03,
      encryption_share = 0.60, server_encryption_share = 0.10,
      detection_delay_minutes = { mean = 60 }, diagnosis_delay_minutes = { mean = 100 },
      sources = src({
        endpoint_share = "assumption: remainder (real estate, construction, agriculture, non-profits, pharma/life sciences not in healthcare providers)",
        orgs_share = "assumption: remainder so that shares sum to 1",
      }) },
  },
}
