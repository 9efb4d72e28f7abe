/* ylt.h: a catalogue's year loss table: simulated years in which every
   event of an event catalogue occurs at its annual rate, each occurrence
   taking one of its event's simulated samples; the year losses, EP
   curves, AAL and their contributions by group, with bootstrap intervals
   over events and years (docs/CATALOG.md). */
#ifndef FS_YLT_H
#define FS_YLT_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

/* More occurrences than this is an error (FS_ELIMIT): 16 bytes each. */
#define FS_YLT_MAX_OCC    100000000u
#define FS_YLT_MAX_YEARS  10000000u
#define FS_YLT_MAX_EVENTS 10000000u
/* The largest --cluster: the variance of the yearly frequency multiplier. */
#define FS_YLT_MAX_CLUSTER 100.0

/* One occurrence. Year and event are 0-based here; the ORD writers add 1. */
typedef struct fs_ylt_occ {
  uint32_t year, event, sample;
  uint16_t day;    /* 1..365 */
  uint16_t minute; /* 0..1439 */
} fs_ylt_occ;

/* The occurrences of nyears years, sorted by (year, day, minute, draw
   order); year y's are occ[first[y] .. first[y + 1]). */
typedef struct fs_ylt {
  size_t nyears, nevents, nsamples, n;
  double cluster; /* 0: Poisson years; > 0: the multiplier's variance */
  fs_ylt_occ *occ;
  size_t *first;
} fs_ylt;

/* Draws the years from stream fs_rng_new(seed, stream) (FS_STREAM_YLT for
   the table itself). rate[e] (finite, >= 0) is event e's annual rate,
   nsamples (>= 1) the simulated samples of every event.

   Each year, in this order: with cluster c > 0 a frequency multiplier
   M ~ Gamma(shape 1/c, scale c) (mean 1, variance c), shared by all the
   year's events, else M = 1; the count k ~ Poisson(M x the total rate);
   then for each occurrence the event (event e with probability rate[e] /
   total rate, by bisection on the cumulative rates), the sample (uniform),
   the day (1..365) and the minute (0..1439). Given M, each event occurs
   as an independent Poisson process at M rate[e]; across years the counts
   are negative binomial, so c > 0 clusters the events of a year (a busy
   year for one family is a busy year for all). The mean annual loss does
   not depend on c. Returns 0, FS_EINVAL (a bad rate, count or c),
   FS_ELIMIT or FS_ENOMEM. */
int fs_ylt_build(fs_ylt *y, const double *rate, size_t nevents, size_t nsamples, size_t nyears,
                 double cluster, uint64_t seed, uint64_t stream, fs_err *err);
void fs_ylt_free(fs_ylt *y);

/* Year losses of one summary whose losses are loss[e * nsamples + s]
   (event e, sample s): agg[y] the year's sum, occ[y] its largest
   occurrence. Either output may be NULL. */
void fs_ylt_year_losses(const fs_ylt *y, const double *loss, double *agg, double *occ);

/* The year losses attributed to groups: out[y * ngroups + g] is the sum
   of year y's occurrences whose event is in group group[e] (< ngroups).
   Sums over g to agg[y]. */
void fs_ylt_group_losses(const fs_ylt *y, const double *loss, const uint32_t *group, size_t ngroups,
                         double *out);

/* The figures of one summary's year losses at rps[0..nrp) (return
   periods, each > 0): OEP and AEP losses and TVaRs (loss/ep.h
   conventions), AAL (mean of the year aggregates) and its SD. */
typedef struct fs_ylt_fig {
  double aal, sd;
  double *oep, *aep, *oep_tvar, *aep_tvar; /* nrp each, caller's arrays */
} fs_ylt_fig;
int fs_ylt_figures(const double *agg, const double *occ, size_t nyears, const double *rps,
                   size_t nrp, fs_ylt_fig *out, fs_err *err);

/* Contributions of groups to the AEP tail value at risk at rp: mean over
   the years whose aggregate is among the ceil(nyears / rp) largest (ties
   broken by year) of each group's part of the year (gout of
   fs_ylt_group_losses), into tv[g]. They sum to that TVaR (the mean
   aggregate of those years), so shares need no rescaling. */
int fs_ylt_tail_contrib(const double *agg, const double *gout, size_t nyears, size_t ngroups,
                        double rp, double *tv, fs_err *err);

#endif
