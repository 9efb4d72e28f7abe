/* catalog_impl.h: what the catalogue run's files share (internal). */
#ifndef FS_CATALOG_IMPL_H
#define FS_CATALOG_IMPL_H

#include <stdio.h>

#include "catalog/run.h"
#include "config/config.h"
#include "loss/reins.h"
#include "loss/ylt.h"

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

/* reins.c: portfolio k's insured losses net of its reinsurance programme
   p in the years of the year loss table: each occurrence's net (y->n),
   each year's aggregate and largest occurrence, each event sample's net
   alone in its year (nevents x reps, the RI event loss table), and per
   layer the expected annual recovery and the annual chances of attaching
   and exhausting it. The portfolio's total is the one risk of an
   occurrence (catalogue runs keep no per-policy losses: per-risk layers
   are refused by the command). SummaryId sid is the caller's. */
typedef struct fs_catalog_ri {
  const fs_ri_programme *p;
  int k, sid;
  double *occ_net, *agg, *occ, *ev_net;
  double yr_mean[FS_RI_MAX_LAYERS], yr_attach[FS_RI_MAX_LAYERS], yr_exhaust[FS_RI_MAX_LAYERS];
} fs_catalog_ri;

int fs_catalog__ri_build(const fs_catalog_losses *l, int k, const fs_ri_programme *p,
                         const fs_ylt *y, fs_catalog_ri *r, fs_err *err);
void fs_catalog__ri_free(fs_catalog_ri *r);
/* ri_plt.csv (the SPLT's without
   ImpactedExposure), ri_ept.csv (EPCalc 2), ri_alt.csv (SampleType 2),
   ri_layers.csv: SummaryId,Layer,Kind,Share,Attachment,Limit,
   Reinstatements,Hours,ExpectedLoss,ProbAttach,ProbExhaust. */
int fs_catalog__ri_plt(FILE *f, const fs_catalog *c, const fs_ylt *y, const fs_catalog_ri *r,
                       int nri);
int fs_catalog__ri_ept(FILE *f, const fs_ylt *y, const fs_catalog_ri *r, int nri, fs_err *err);
int fs_catalog__ri_alt(FILE *f, const fs_ylt *y, const fs_catalog_ri *r, int nri);
int fs_catalog__ri_layers(FILE *f, const fs_catalog_ri *r, int nri);

/* tables.c: the run folder's tables from the losses (temporary files in
   dir renamed into place once all are written), and the headline figures
   into st. */
int fs_catalog__tables(const fs_catalog *c, const fs_catalog_losses *l,
                       const fs_catalog_run_opts *o, fs_catalog_run_stats *st, fs_err *err);

#endif
