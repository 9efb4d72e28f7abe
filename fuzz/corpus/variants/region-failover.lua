-- scenarios/whatif/region-failover.lua
-- A variant of scenarios/cloud-region-outage.lua (not of the reference):
-- half of the organisations can fail over to a second cloud region, which
-- takes them half an hour.
--   fleetsim compare scenarios/cloud-region-outage.lua scenarios/whatif/region-failover.lua
return {
  name = "region-failover",
  description = "Half of the organisations with a second cloud region to fail over to, switching in 30 minutes",
  set = { failover_share = 0.5, failover_hours = 0.5 },
  source = "assumptions: a pilot-light or warm-standby second region (AWS Well-Architected reliability pillar: disaster recovery options from backup-and-restore to active-active) switched over in about 30 minutes; the default is 1 in 5 active-active (models/vendors.lua)",
}
