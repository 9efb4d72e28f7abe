-- scenarios/whatif/cloud-key-escrow.lua
-- Every organisation keeps its disk recovery keys in a cloud directory.
return {
  name = "cloud-key-escrow",
  description = "Every organisation's BitLocker recovery keys escrowed in a cloud directory, reachable while its own servers are down",
  set = { cloud_escrow_share = 1 },
  source = "Microsoft's recovery guidance of July 2024: keys escrowed in Entra ID or Intune are looked up from any device; on 19 July keys held on on-premises servers that had crashed too slowed recovery (press reports, docs/scenarios/crowdstrike-2024.md); every organisation is the upper bound, an assumption",
}
