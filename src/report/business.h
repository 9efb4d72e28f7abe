/* business.h: the operations layer's outputs (issue 13): ops.csv and the
   "business" block of summary.json, by industry. Written only when the
   scenario declares operations for an industry (fs_result.ts_ops_ind). */
#ifndef FS_BUSINESS_H
#define FS_BUSINESS_H

#include <stdio.h>

#include "fleet/fleet.h"
#include "model/model.h"
#include "util/err.h"

/* ,"business": {INDUSTRY: {...}} into summary.json after its last field:
   per industry, organisations hit (an endpoint down, or capacity cut by a
   provider), organisations whose
   operations paused, the mean and median business downtime (hours paused)
   of those, the operations' lowest level (revenue-weighted) and, for an
   industry with a unit, the units lost (flights) in all and by day;
   full-fleet estimates. Then ,"business_organisations": [...]: the
   followed organisations (fs_result ops_org) of replication 1, each with
   its lowest operations level, its hours below 99 %, when it was back
   above for good and its units lost (by day). 0, or FS_ENOMEM. */
int fs_business_summary_json(FILE *f, const fs_config *cfg, const fs_fleet *fl, const fs_result *r);

/* With fleet.non_customers: ,"market": {vendor, non_customer_endpoints,
   by_industry: {<id>: COUNTS}, all: COUNTS}, COUNTS = {organisations,
   customers, organisations_hit, customers_hit, share_hit}: every
   organisation of the model (the vendor's customers and the rest of their
   segments), full-fleet estimates; hit means its own endpoints crashed or
   a provider it depends on was down. Nothing without non-customers. 0, or
   FS_ENOMEM. */
int fs_market_summary_json(FILE *f, const fs_config *cfg, const fs_fleet *fl, const fs_result *r);

/* DIR/ops.csv: per observation tick, each industry's operations level
   (revenue-weighted over all its organisations) and units lost so far,
   then the same for the followed organisations (fs_result ops_org:
   ops_org_ID, UNIT_lost_org_ID, ID as in orgs.csv). */
int fs_business_write_ops(const char *dir, const fs_config *cfg, const fs_fleet *fl,
                          const fs_result *r, fs_err *err);

#endif
