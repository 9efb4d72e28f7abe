/* losses.h: loss summaries across replications and the Oasis ORD loss tables. */
#ifndef FS_LOSSES_H
#define FS_LOSSES_H

#include <stdio.h>

#include "batch/batch.h"
#include "fleet/fleet.h"
#include "loss/portfolio.h"
#include "scenario/scenario.h"

/* Everything the loss outputs read; nothing is owned. */
typedef struct fs_loss_ctx {
  const fs_scenario *s;
  const fs_fleet *f;
  const fs_batch *b;
  const fs_portfolio *pf; /* NULL without --portfolio */
  size_t years;           /* periods of the period loss table */
  uint64_t seed;
  const struct fs_ri_programme *ri; /* the portfolio's reinsurance, or NULL */
  const char *ri_path;              /* its file, for the outputs */
} fs_loss_ctx;

/* Appends ",\n  \"replications_stats\": {...}" and, with costs,
   ",\n  \"loss\": {...}" to an open summary.json object. Returns 0, or
   FS_ENOMEM when memory ran out: what was written is then incomplete and
   the caller must not keep the file. */
int fs_losses_summary_json(FILE *f, const fs_loss_ctx *c);

/* Writes summary_info.csv, selt.csv, melt.csv, splt.csv, ept.csv, alt.csv
   and, with a portfolio, policies.csv into dir. Without costs in the
   scenario it writes nothing. splt/ept/alt need an annual rate (the
   scenario param annual_rate); without one only selt, melt and
   summary_info are written. */
int fs_losses_write(const char *dir, const fs_loss_ctx *c, fs_err *err);

/* Prints the headline loss figures (means across replications). Returns
   0, or FS_ENOMEM when memory ran out before anything was printed (the
   caller says so). */
int fs_losses_print(FILE *out, const fs_loss_ctx *c);

#endif
