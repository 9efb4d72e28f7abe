-- scenarios/history/fastly-2021.obs.lua
-- The public record of Fastly's outage of 8 June 2021.

return {
  event = "kaseya-vsa-2021",
  observations = {
    {
      id = "customers_affected",
      figure = "Fastly: the outage affected 'nearly all' of its customers (second-quarter 2021 shareholder letter)",
      value = 0.95, band = { 0.85, 1.0 }, unit = "share of the provider's customers",
      output = "provider_dependents_hit_share",
      source = { title = "Fastly shares tumble as June outage spurs some customers to cut ties (Fastly Q2 2021 shareholder letter)", publisher = "Barron's via Market Trading Essentials", date = "2021-08-04", url = "https://www.markettradingessentials.com/2021/08/fastly-shares-tumble-as-june-outage-spurs-some-customers-to-cut-ties/" },
      calibration = false,
    },
  },
}
