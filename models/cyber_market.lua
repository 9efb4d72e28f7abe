-- models/cyber_market.lua
-- The cyber insurance market, per organisation size class (endpoints of
-- the organisation: 1-9, 10-99, 100-999, 1000-9999, 10000+): the share of
-- organisations that buy a cyber policy and its typical terms. fleetsim
-- applies it to every organisation of a run without a portfolio policy
-- (summary.json loss.market_insured; docs/LOSSES.md "The cyber market").
-- Money in USD. Most figures are ASSUMPTIONS anchored on these sources:
--
-- TAKE-UP. SMEs: 14 % penetration (GlobalData 2017, via JLT, 1 May 2017,
--   "Cyber insurance penetration grows among SMEs"); 31 % of US SMBs had
--   cyber cover in 2020 (CyberScout survey via Gen Re, Dec 2020,
--   "Ransomware, COVID-19 and Cyber Insurance: The Big Disconnect"); 47 %
--   of 100 small businesses surveyed (Aldridge, Sep 2022). Larger firms:
--   45 % of larger UK firms against 32 % of smaller ones (Hiscox Cyber
--   Readiness Report 2017, via JLT); companies of all sizes buying cover
--   grew from 34 % (2011) to nearly 80 % (2020) in the Zurich/Advisen
--   survey (via Gen Re, above), whose respondents are mostly large. SMEs
--   are more than 80 % of all cyber policies (AM Best, 2024 survey of the
--   largest cyber insurers). ASSUMPTION: 10 / 25 / 40 / 60 / 75 % by class.
-- WAITING PERIOD. "Typical 8 to 12 hours, rarely under 4, some 24, 48 or
--   72" (../shared/CALIBRATION.md; Beltex, "What does cyber insurance
--   business interruption really cover"); "the market standard is 12
--   hours" (CAC Specialty via Risk & Insurance, 1 Dec 2022). ASSUMPTION:
--   8 h for the two smallest classes, 10 h for mid-sized, 12 h above.
-- RETENTION AND LIMIT. The mid-market book of models/portfolios (revenue
--   $10M-$1B) carries deductibles of $10k-$250k and limits of $1-10M
--   (docs/LOSSES.md); most policies cover firms under $10M revenue (AM
--   Best, above). ASSUMPTION for the classes below and above it.
-- SYSTEM FAILURE AND DEPENDENT BI. Non-malicious system failure is covered
--   by many but not all policies, often sublimited; dependent BI likewise,
--   with sublimits common (../shared/CALIBRATION.md, "Cyber insurance
--   terms"). Guy Carpenter (Aug 2024) put the 2024 event's insured loss at
--   2-6 % of the market's premium with waiting periods "typically 4-12 h"
--   (docs/HISTORY-SOURCES.md). ASSUMPTION: 50-75 % of policies with each,
--   sublimited at half the limit.

local SRC = "models/cyber_market.lua header (take-up, waiting periods, retentions, limits, cover shares)"

local function class(take_up, wait, retention, limit, sf, dbi)
  return { take_up = take_up, waiting_hours = wait, retention_usd = retention, limit_usd = limit,
           system_failure_share = sf, system_failure_sublimit = 0.5,
           dependent_bi_share = dbi, dependent_bi_sublimit = 0.5, sources = SRC }
end

return {
  ["1-9"]       = class(0.10,  8,     2500,   1e6, 0.50, 0.50),
  ["10-99"]     = class(0.25,  8,    10000,   1e6, 0.55, 0.55),
  ["100-999"]   = class(0.40, 10,    50000,   5e6, 0.65, 0.65),
  ["1000-9999"] = class(0.60, 12,   500000,  20e6, 0.70, 0.70),
  ["10000+"]    = class(0.75, 12,  5000000, 100e6, 0.75, 0.75),
  sources = SRC,
}
