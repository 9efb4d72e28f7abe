/* ord.h: writes one event's losses as Oasis ORD tables (SELT, MELT, SPLT, EPT, ALT). */
#ifndef FS_ORD_H
#define FS_ORD_H

#include <stddef.h>
#include <stdio.h>

#include "loss/plt.h"
#include "util/err.h"

/* Caps on inputs, so every sum, square and mean the writers form stays
   finite and no table can print nan or inf. A loss of 1e18 is beyond any
   cyber event; a rate of a million per year is beyond any outage scenario. */
#define FS_ORD_MAX_AMOUNT 1e18
#define FS_ORD_MAX_RATE   1e6

/* The losses of one summary (a portfolio, a line of business, ...) in each of
   the event's R samples. Both arrays are owned by the caller and only read. */
typedef struct fs_ord_summary {
  const double *loss;        /* R losses, each finite, in [0, FS_ORD_MAX_AMOUNT] */
  const double *exposure;    /* R impacted exposure values (same bounds), or NULL for zeros */
  double footprint_exposure; /* the summary's total exposure (MELT FootprintExposure) */
  /* NULL, or each occurrence's loss in the period loss table (plt->n values,
     same bounds): a loss that depends on the year it falls in (net of a
     reinsurance programme). The SPLT, EPCalc 2 and the sample ALT then use
     it instead of loss[SampleId - 1]; the SELT, MELT, EPCalc 1 and the
     analytical ALT stay on loss[] (the event alone in its year). */
  const double *occ_loss;
} fs_ord_summary;

/* One event (a scenario) simulated in R samples, with S summaries whose
   SummaryId is their index + 1. */
typedef struct fs_ord_event {
  int event_id;      /* ORD EventId, >= 1 */
  double rate;       /* annual rate, in [0, FS_ORD_MAX_RATE] */
  size_t nsamples;   /* R >= 1; SampleId = sample index + 1 */
  size_t nsummaries; /* S >= 1 */
  const fs_ord_summary *summary;
} fs_ord_event;

/* Checks the event and its arrays; the writers call it first. Returns 0 or
   FS_EINVAL with a sentence naming the summary and sample at fault. */
int fs_ord_check(const fs_ord_event *ev, fs_err *err);

/* Every writer prints a header line and its rows to f, with "\n" line ends
   and fixed formats, so the same inputs give the same bytes:
   money (Loss, *Exposure, MeanLoss, SDLoss, MaxLoss) "%.2f"; EventRate,
   PeriodWeight "%.10g"; ChanceOfLoss "%.6f"; ReturnPeriod "%.10g"; ids "%d" or
   "%zu". Rows come in the order of their leading id columns. Like ktools,
   rows whose loss is 0 are left out of the SELT and the SPLT; the MELT, EPT
   and ALT have every summary. Each returns 0, FS_EINVAL (bad input),
   FS_ENOMEM, or FS_EIO (write failed). */

/* selt.csv: EventId,SummaryId,SampleId,Loss,ImpactedExposure */
int fs_ord_write_selt(FILE *f, const fs_ord_event *ev, fs_err *err);

/* melt.csv: EventId,SummaryId,SampleType,EventRate,ChanceOfLoss,MeanLoss,SDLoss,
   MaxLoss,FootprintExposure,MeanImpactedExposure,MaxImpactedExposure.
   One row per summary, SampleType 2 (statistics of the R samples; SD with
   n - 1). There is no SampleType 1 row: a simulated event has no analytical
   mean damage apart from its samples. */
int fs_ord_write_melt(FILE *f, const fs_ord_event *ev, fs_err *err);

/* splt.csv: Period,PeriodWeight,EventId,Year,Month,Day,Hour,Minute,SummaryId,
   SampleId,Loss,ImpactedExposure. One row per occurrence and summary with a
   loss > 0, in occurrence order then SummaryId; PeriodWeight = 1 / Y;
   Year = Period (periods are model years). plt must be drawn with the
   event's rate and R. */
int fs_ord_write_splt(FILE *f, const fs_ord_event *ev, const fs_plt *plt, fs_err *err);

/* ept.csv: SummaryId,EPCalc,EPType,ReturnPeriod,Loss. For each summary,
   EPCalc 1 (mean damage: each occurrence loses the mean of the R samples)
   then EPCalc 2 (full uncertainty: each occurrence loses the sample the
   table drew, matching the SPLT); within each, EPType 1 OEP, 2 OEP TVaR,
   3 AEP, 4 AEP TVaR; within each, rps in the given order (NULL: the
   defaults of fs_ep_default_rps). Conventions in loss/ep.h. */
int fs_ord_write_ept(FILE *f, const fs_ord_event *ev, const fs_plt *plt, const double *rps,
                     size_t nrp, fs_err *err);

/* alt.csv: SummaryId,SampleType,MeanLoss,SDLoss. SampleType 1 analytical
   (rate x mean sample loss; SD sqrt(rate E[X^2]) of a compound Poisson
   process), 2 sample (mean and SD of the period aggregates of the SPLT). */
int fs_ord_write_alt(FILE *f, const fs_ord_event *ev, const fs_plt *plt, fs_err *err);

/* Not an ORD table: SummaryId,Quantile,Loss,LowerCI,UpperCI,Coverage: the 5,
   50, 95 and 99 % sample quantiles of each summary's R losses with their 95 %
   order-statistic intervals (loss/ep.h). Quantile and Coverage "%.6f". */
int fs_ord_write_quantiles(FILE *f, const fs_ord_event *ev, fs_err *err);

#endif
