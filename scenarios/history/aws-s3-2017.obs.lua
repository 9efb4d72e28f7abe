-- scenarios/history/aws-s3-2017.obs.lua
-- The public record of the AWS S3 outage of 28 February 2017. Neither
-- figure is a count of organisations: one is a monitor's sample of large
-- retailers' websites, the other a cyber-risk modeller's estimate of what
-- the S&P 500 lost. The model's organisations of 10,000 endpoints or more
-- stand for both (as for the Fortune 500 of crowdstrike-2024).

local function src(title, publisher, date, url)
  return { title = title, publisher = publisher, date = date, url = url }
end
local wsj = src("Amazon And The $150 Million Typo: Cloud Risks For Early Stage Companies (quoting the Wall Street Journal on Cyence and Apica)",
  "Mondaq", "2017-03-31", "http://www.mondaq.com/x/581428/Security/Amazon+And+The+150+Million+Typo+Cloud+Risks+For+Early+Stage+Companies+And+How+To+Mitigate+Them")

return {
  event = "aws-s3-2017",
  observations = {
    {
      id = "top_retailers_slowed",
      figure = "54 of the internet's top 100 retailers saw their websites slow by 20% or more (Apica, a website monitor); band: two binomial standard errors of a sample of 100",
      value = 0.54, band = { 0.44, 0.64 }, unit = "share of large retailers",
      output = "orgs_hit_share", industry = "retail", size = "10000+",
      source = wsj,
      calibration = false,
    },
    {
      id = "sp500_loss_share",
      figure = "S&P 500 companies lost about $150M (Cyence's estimate), over their $10.64T of annual revenue (12 months to April 2016, Investopedia): 1.41e-5 of a year's revenue; x/÷2 for an estimate",
      value = 150e6 / 10.64e12, tolerance = 2, unit = "share of annual revenue",
      output = "loss_revenue_share", size = "10000+",
      source = src("Tallying the damage: This week's AWS outage hit retail hard (Cyence's estimate); S&P 500 revenue: Investopedia, 'S&P 500 Index Revenue: A Case Study', 2016",
        "FierceRetail", "2017-03-03", "https://www.fierceretail.com/operations/tallying-damage-week-s-aws-outage-hit-retail-hard"),
      calibration = false,
    },
  },
}
