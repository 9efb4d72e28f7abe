-- scenarios/history/kaseya-vsa-2021.obs.lua
-- The public record of the Kaseya VSA attack of 2 July 2021.

return {
  event = "kaseya-vsa-2021",
  observations = {
    {
      id = "businesses_hit",
      figure = "businesses whose machines were encrypted: fewer than 60 direct Kaseya customers (mostly MSPs) and 800-1,500 of their clients",
      band = { 800, 1560 }, value = 1100, unit = "organisations",
      output = "orgs_hit_own",
      source = { title = "Kaseya ransomware attack going to be another SolarWinds? (Kaseya CEO F. Voccola)", publisher = "Channel Futures", date = "2021-07-06", url = "https://www.channelfutures.com/security/kaseya-ransomware-attack-going-to-be-another-solarwinds" },
      calibration = false,
    },
    {
      id = "back_by_6jul",
      figure = "Coop Sweden, whose tills were hit through its MSP: about 550 of its ~800 stores open again on Tuesday 6 July (tills reinstalled store by store)",
      band = { 0.5, 0.85 }, value = 0.69, unit = "share of hit endpoints back",
      output = "recovered_share", at = "2021-07-06T12:00:00Z",
      source = { title = "Coop supermarkets in Sweden reopen after cyberattack", publisher = "dpa via The Nomad Today", date = "2021-07-06", url = "https://thenomadtoday.com/articulo/world/coop-supermarkets-in-sweden-reopen-after-cyberattack/20210706175441012715.amp.html" },
      calibration = false,
    },
    {
      id = "back_by_10jul",
      figure = "Coop Sweden: all stores open again a few days after 6 July",
      band = { 0.95, 1.0 }, value = 0.99, unit = "share of hit endpoints back",
      output = "recovered_share", at = "2021-07-10T12:00:00Z",
      source = { title = "Nu är alla Coops butiker öppna", publisher = "Coop Sverige (press release)", date = "2021-07", url = "https://pressrum.coop.se/nu-ar-alla-coops-butiker-oppna/" },
      calibration = false,
    },
  },
}
