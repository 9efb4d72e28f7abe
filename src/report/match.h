/* match.h: how a portfolio met the fleet (fleet.h fs_fleet_pmatch): the
   "portfolio_match" block of summary.json and the run's warnings about
   policies larger than their segment (issue 13, item 3). */
#ifndef FS_MATCH_H
#define FS_MATCH_H

#include <stdio.h>

#include "report/losses.h"

/* ,"portfolio_match": {...} into summary.json after its last field, when
   the run has a portfolio: the calibrated fleet's endpoints, those the
   policies replaced and brought, the fleet's growth, counts by kind of
   match and the policies larger than their segment (the first 100). */
void fs_match_summary_json(FILE *f, const fs_loss_ctx *c);

/* The run's warnings about the match on out, each line starting with
   prog: a policy larger than every synthetic organisation of its industry
   and region (the first max of them), one whose industry and region had
   none left, and the fleet's growth. Nothing when all fit. */
void fs_match_warn(FILE *out, const fs_loss_ctx *c, const char *prog, int max);

#endif
