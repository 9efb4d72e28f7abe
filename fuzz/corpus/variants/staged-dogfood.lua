-- scenarios/whatif/staged-dogfood.lua
-- The staged rollout with a ring of the vendor's own hosts before the
-- customers' canary.
return {
  name = "staged-dogfood",
  description = "The staged rollout with the vendor's own ~8,000 Windows hosts as the first ring",
  set = { rollout = 1, rollout_internal_hosts = 8000 },
  source = "Vendor 10-K, fiscal 2024: 7,925 employees, so about 8,000 Windows hosts at one per employee (assumption); the rest as staged-rollout.lua",
}
