-- scenarios/history/aws-us-east-1-2025.obs.lua
-- The public record of the AWS us-east-1 outage of 20 October 2025.

return {
  event = "kaseya-vsa-2021",
  observations = {
    {
      id = "orgs_affected",
      figure = "organisations affected: about 70,000, over 2,000 of them large (CyberCube's estimate from its exposure footprint; x/÷2 for an estimate)",
      value = 70000, tolerance = 2, unit = "organisations",
      output = "orgs_hit",
      source = { title = "AWS outage loss estimates range from $38M to $581M as cyber insurers face moderate impact (CyberCube Security Incident Report)", publisher = "Risk & Insurance", date = "2025-10-29", url = "https://riskandinsurance.com/aws-outage-loss-estimates-range-from-38m-to-581m-as-cyber-insurers-face-moderate-impact" },
      calibration = false,
    },
  },
}
