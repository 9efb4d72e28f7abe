-- scenarios/history/cloudflare-2019.obs.lua
-- The public record of Cloudflare's outage of 2 July 2019. Cloudflare
-- measured traffic, not customers: the share of traffic lost stands for
-- the share of its customers cut off (an approximation, so its band is
-- wide).

return {
  event = "kaseya-vsa-2021",
  observations = {
    {
      id = "traffic_lost",
      figure = "Cloudflare: about 80% of its traffic dropped during the outage",
      value = 0.8, band = { 0.6, 0.95 }, unit = "share of the provider's customers",
      output = "provider_dependents_hit_share",
      source = { title = "Details of the Cloudflare outage on July 2, 2019", publisher = "Cloudflare (J. Graham-Cumming)", date = "2019-07-12", url = "https://blog.cloudflare.com/details-of-the-cloudflare-outage-on-july-2-2019/" },
      calibration = false,
    },
  },
}
