-- scenarios/whatif/staged-rollout.lua
-- The update in rings: 1% of the customers' endpoints first, then the
-- early adopters, then everyone, 30 minutes apart, halted when the
-- sensors that took it go silent. Compare with
--   fleetsim compare scenarios/crowdstrike-2024.lua scenarios/whatif/staged-rollout.lua
return {
  name = "staged-rollout",
  description = "The content update in rings (1% canary, 10% early-adopter customers, the rest), 30 minutes apart, halted on silent sensors",
  set = { rollout = 1 },
  source = "Vendor root-cause analysis of channel file 291 (6 Aug 2024): content is now deployed in stages, canary first, with monitoring between them; the ring shares, bake time, heartbeat, halt threshold and decision and rollback times are the stated assumptions of models/scenario_base.lua (lever_params)",
}
