/* insured.h: a portfolio's insured loss as an insurer reads it: by line of
   cover, under each wording switch, and net of a reinsurance programme
   (the RI perspective of the loss tables and the layer table). */
#ifndef FS_INSURED_H
#define FS_INSURED_H

#include <stdio.h>

#include "loss/plt.h"
#include "loss/reins.h"
#include "report/losses.h"

/* What a programme did to a run's portfolio. */
typedef struct fs_ri_outcome {
  size_t R;        /* samples (replications) */
  double *gross;   /* R: the portfolio's insured loss */
  double *net;     /* R: net of the programme, the event alone in its year */
  size_t nocc;     /* occurrences of the period loss table, or 0 without one */
  double *occ_net; /* nocc: each occurrence's net in its year (NULL without a table) */
  size_t years;    /* periods of the table, 0 without one */
  /* Per layer: the event alone (mean recovery over the samples, share of
     samples attaching and exhausting it), and, over the table's years,
     the expected annual recovery and the annual chances of attaching and
     exhausting it (NAN without a table). */
  double ev_mean[FS_RI_MAX_LAYERS], ev_attach[FS_RI_MAX_LAYERS], ev_exhaust[FS_RI_MAX_LAYERS];
  double yr_mean[FS_RI_MAX_LAYERS], yr_attach[FS_RI_MAX_LAYERS], yr_exhaust[FS_RI_MAX_LAYERS];
} fs_ri_outcome;

/* Applies c->ri to c's portfolio: each sample's policies' insured losses
   as one occurrence (net[]), and, when plt is not NULL, every year of the
   period loss table with the sample each occurrence drew (occ_net[]).
   Net = gross - recoveries for every occurrence. 0 or FS_ENOMEM. */
int fs_ri_outcome_build(const fs_loss_ctx *c, const fs_plt *plt, fs_ri_outcome *o, fs_err *err);
void fs_ri_outcome_free(fs_ri_outcome *o);

/* cover.csv (the portfolio by line of cover), wordings.csv (its insured
   loss under each wording switch, common random numbers) and, with a
   programme, ri_layers.csv (o) into dir. Columns beside each writer. */
int fs_insured_write(const char *dir, const fs_loss_ctx *c, const fs_ri_outcome *o, fs_err *err);

/* ",\n      \"by_line\": {...}, \"wordings\": {...}" and, with o, ",
   \"reinsurance\": {...}" inside summary.json's portfolio object. */
void fs_insured_json(FILE *f, const fs_loss_ctx *c, const fs_ri_outcome *o);

#endif
