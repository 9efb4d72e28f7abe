/* common.h: pieces the run and graph commands share. */
#ifndef FS_CLI_COMMON_H
#define FS_CLI_COMMON_H

#include "fleet/fleet.h"
#include "loss/portfolio.h"
#include "scenario/scenario.h"

/* Repeated --set NAME=VALUE options. */
typedef struct fs_set_list {
  fs_set sets[FS_MAX_SETS];
  int n;
} fs_set_list;

/* FS_OPT_LIST callback: ctx is an fs_set_list. */
int fs_cli_add_set(void *ctx, const char *value, fs_err *err);

/* Monotonic seconds. */
double fs_cli_now(void);

/* Portfolio rows to fleet policies: industry, region and vendor ids to
   indices of cfg (an AgentVendor must be in fleet.vendors; an empty one
   needs fleet.vendors to draw from). */
int fs_cli_policies_for_fleet(const fs_config *cfg, const fs_portfolio *pf, fs_fleet_policy *out,
                              fs_err *err);

#endif
