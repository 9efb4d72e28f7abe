-- models/regions.lua
-- Timezone clusters covering the world, with the share of the agent's
-- (reference: CrowdStrike Falcon) Windows endpoints in each.
--
-- utc_offset_hours is the offset IN FORCE ON 19 JULY 2024 (northern summer:
-- DST included where observed; southern winter: standard time).
-- Reference window: 04:09-05:27 UTC, Friday 19 July 2024.
--
-- Shares. Anchor (sourced): CrowdStrike derives roughly two thirds to 70% of
-- revenue from the United States (CrowdStrike Form 10-K FY2024, revenue by
-- geographic area; Reuters 19 Jul 2024: "nearly 70%" of the ~$900M quarter to
-- April 2024 came from the US). Revenue is used as a proxy for endpoints, cut
-- slightly (0.635) because US-billed multinationals deploy sensors abroad
-- (assumption). The split inside the US follows resident population by time
-- zone (approx. Eastern 47%, Central+Mountain 36%, Pacific 17%; assumption
-- from US Census 2020 state populations). The split of the remaining ~36.5%
-- is an ASSUMPTION: EMEA larger than APAC, APAC larger than LatAm, weighted by
-- where CrowdStrike had sales offices and where the outage was reported as
-- severe (UK, Australia, Japan, India, Germany, Netherlands).

local US = "source: CrowdStrike 10-K FY2024 and Reuters 19 Jul 2024 (US ~2/3-70% of revenue), US total set to 0.635 of endpoints (assumption: US-billed multinationals run sensors abroad); within-US split by population per time zone (assumption, US Census 2020)"
local INTL = "assumption: remaining ~36.5% of endpoints split EMEA > APAC > Americas-ex-US, in line with CrowdStrike's international revenue ordering (10-K FY2024 geographic table) and with outage press coverage"

return {
  source = "CrowdStrike Form 10-K FY2024 (geographic revenue, US ~68%); Reuters 2024-07-19 (nearly 70% of quarterly sales from US); US Census 2020 (population by time zone); time zones per IANA tz database for 2024-07-19",
  notes = "Shares are shares of the agent's Windows endpoints and sum to 1. Offsets are cluster representatives; see each region's notes for the members.",
  list = {
    { id = "us_pacific", name = "US Pacific", utc_offset_hours = -7,
      weekend = {"sat", "sun"}, share = 0.105, profile = "default",
      share_source = US,
      notes = "PDT (UTC-7) on 2024-07-19; also covers Arizona (MST = UTC-7 all year). Window = 21:09-22:27 Thursday local." },
    { id = "us_mountain_central", name = "US Central and Mountain", utc_offset_hours = -5,
      weekend = {"sat", "sun"}, share = 0.23, profile = "default",
      share_source = US,
      notes = "CDT (UTC-5) represents the cluster; Central holds ~80% of its population (Texas, Illinois). Mountain (MDT, UTC-6) folded in. Window = 23:09-00:27 local, Thursday night into Friday." },
    { id = "us_east", name = "US Eastern", utc_offset_hours = -4,
      weekend = {"sat", "sun"}, share = 0.30, profile = "default",
      share_source = US,
      notes = "EDT (UTC-4). Window = 00:09-01:27 Friday local." },
    { id = "canada", name = "Canada", utc_offset_hours = -4,
      weekend = {"sat", "sun"}, share = 0.03, profile = "default",
      share_source = INTL .. "; Canada ~ 1/10 of US GDP, scaled down for lower penetration",
      notes = "EDT (UTC-4) for Ontario/Quebec, which hold ~60% of population; Pacific/Mountain Canada folded in." },
    { id = "latam", name = "Latin America and Caribbean", utc_offset_hours = -4,
      weekend = {"sat", "sun"}, share = 0.03, profile = "default",
      share_source = INTL,
      notes = "GDP-weighted mean offset ~ -4.3 (Brazil -3, Mexico -6 (no DST since 2022), Colombia/Peru -5, Argentina -3, Chile -4 in July); -4 used." },
    { id = "uk_ireland", name = "UK and Ireland", utc_offset_hours = 1,
      weekend = {"sat", "sun"}, share = 0.06, profile = "default",
      share_source = INTL .. "; UK is CrowdStrike's largest EMEA market (assumption; heavy UK press coverage: NHS GP systems, Sky News, rail)",
      notes = "BST/IST (UTC+1). Window = 05:09-06:27 Friday local." },
    { id = "europe_west", name = "Western and Central Europe (CEST)", utc_offset_hours = 2,
      weekend = {"sat", "sun"}, share = 0.09, profile = "default",
      share_source = INTL,
      notes = "CEST (UTC+2): Germany, France, Benelux, Nordics ex-Finland, Iberia, Italy, Switzerland, Austria, Poland, Czechia, Hungary. Window = 06:09-07:27 local." },
    { id = "europe_east", name = "Eastern Europe and Turkey (EEST)", utc_offset_hours = 3,
      weekend = {"sat", "sun"}, share = 0.02, profile = "default",
      share_source = INTL,
      notes = "EEST (UTC+3): Finland, Baltics, Romania, Bulgaria, Greece, Ukraine, Cyprus; Turkey (UTC+3 all year)." },
    { id = "middle_east", name = "Middle East (Gulf, Levant)", utc_offset_hours = 3.5,
      weekend = {"fri", "sat"}, share = 0.02, profile = "default",
      share_source = INTL,
      notes = "Midpoint of UAE/Oman (+4) and Saudi Arabia/Qatar/Kuwait/Israel (+3). Weekend Fri-Sat as in Saudi Arabia, Qatar, Kuwait, Israel (UAE moved to Sat-Sun in 2022 with a Friday half day). 19 July 2024 was a Friday, so this region was on its weekend." },
    { id = "africa", name = "Africa", utc_offset_hours = 2,
      weekend = {"sat", "sun"}, share = 0.01, profile = "default",
      share_source = INTL .. "; South Africa dominates enterprise EDR spend in the region (assumption)",
      notes = "SAST (UTC+2) representative; Nigeria +1, Kenya +3, Egypt +3 (EEST reinstated 2023)." },
    { id = "india", name = "India and South Asia", utc_offset_hours = 5.5,
      weekend = {"sat", "sun"}, share = 0.025, profile = "default",
      share_source = INTL .. "; India: many global capability centres of US/EU firms run the agent (assumption)",
      notes = "IST (UTC+5:30). Window = 09:39-10:57 Friday local. Many Indian offices work Saturdays; Sat-Sun kept." },
    { id = "east_asia", name = "Japan, Korea, Greater China", utc_offset_hours = 9,
      weekend = {"sat", "sun"}, share = 0.035, profile = "default",
      share_source = INTL .. "; Japan is CrowdStrike's largest APAC market (assumption); little presence in mainland China",
      notes = "JST/KST (UTC+9) represents the cluster; Hong Kong/Taiwan/China are UTC+8. Window = 13:09-14:27 Friday local." },
    { id = "southeast_asia", name = "Southeast Asia", utc_offset_hours = 8,
      weekend = {"sat", "sun"}, share = 0.02, profile = "default",
      share_source = INTL,
      notes = "UTC+8 (Singapore, Malaysia, Philippines); Thailand/Vietnam/Jakarta are UTC+7." },
    { id = "oceania", name = "Australia and New Zealand", utc_offset_hours = 10,
      weekend = {"sat", "sun"}, share = 0.025, profile = "default",
      share_source = INTL .. "; Australia was among the most visibly affected countries (supermarket POS, banks, airports, broadcasters)",
      notes = "AEST (UTC+10, southern winter, no DST) for Sydney/Melbourne/Brisbane; Perth +8, NZ +12. Window = 14:09-15:27 Friday local." },
  },
}
