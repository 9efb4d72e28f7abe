-- scenarios/whatif/boot-media.lua
-- Recovery boot media ready at half of the organisations.
return {
  name = "boot-media",
  description = "Half of the organisations have recovery boot media pre-staged, halving the hands-on minutes",
  set = { boot_media_share = 0.5, boot_media_factor = 0.5 },
  source = "Microsoft's USB recovery tool (20 July 2024) replaced the manual Safe Mode steps; the share of organisations with media ready and the time saved are assumptions",
}
