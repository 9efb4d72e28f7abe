/* catalog_impl.h: what the catalogue run's files share (internal). */
#ifndef FS_CATALOG_IMPL_H
#define FS_CATALOG_IMPL_H

#include "catalog/run.h"
#include "config/config.h"

/* Every event's R simulated losses, event-major: x[e * reps + r]. */
typedef struct fs_catalog_losses {
  size_t nevents, reps;
  int nportfolios, has_market;
  double *gu;  /* the fleet's ground-up loss (summary 1) */
  double *mil; /* the cyber market's insured loss (summary 2), or NULL without a market */
  /* Portfolio k's ground-up and insured loss (summaries 3 + 2k, 4 + 2k). */
  double *pgu[FS_CATALOG_MAX_PORTFOLIOS], *pil[FS_CATALOG_MAX_PORTFOLIOS];
  int nind;
  char ind[FS_MAX_INDUSTRIES][FS_ID_MAX]; /* industries, sorted by id */
  double *ind_loss;                       /* per industry: ind_loss[(e * reps + r) * nind + i] */
} fs_catalog_losses;

void fs_catalog__losses_free(fs_catalog_losses *l);

/* tables.c: the run folder's tables from the losses (temporary files in
   dir renamed into place once all are written), and the headline figures
   into st. */
int fs_catalog__tables(const fs_catalog *c, const fs_catalog_losses *l,
                       const fs_catalog_run_opts *o, fs_catalog_run_stats *st, fs_err *err);

#endif
