/* ep.h: loss statistics of one event: sample moments, quantiles with confidence intervals, EP
 * curves, AAL. */
#ifndef FS_EP_H
#define FS_EP_H

#include <stddef.h>

#include "loss/plt.h"
#include "util/err.h"

/* ---- Sample moments and quantiles of the R simulated losses of an event ---- */

/* The quantiles every summary reports: 5, 50, 95 and 99 %. */
#define FS_EP_NQUANT 4

/* A sample quantile with a distribution-free confidence interval.

   Estimate: gsl_stats_quantile_from_sorted_data, i.e. linear interpolation
   between the order statistics around position (n - 1) p (Hyndman and
   Fan's type 7, the R and NumPy default).

   Interval: the order statistics x_(l) <= x_(u) (1-based ranks in the
   ascending sample) chosen from the binomial distribution of B, the number
   of samples below the true quantile, B ~ Binomial(n, p) with CDF F:
     l = 1 + the largest j with F(j) <= (1 - level) / 2,
     u = 1 + the smallest j with F(j) >= 1 - (1 - level) / 2,
   so that P(x_(l) <= q_p <= x_(u)) = F(u - 1) - F(l - 1) >= level for any
   continuous distribution (Conover, "Practical Nonparametric Statistics",
   3rd ed., section 3.2; Hahn and Meeker, "Statistical Intervals", 1991).
   F comes from gsl_cdf_binomial_P; GSL has no binomial inverse, so j is
   found by bisection on F. When n is too small for the requested level
   (l would be 0 or u would be n + 1) the rank is clamped to 1 or n and
   `coverage`, the exact F(u - 1) - F(l - 1) of the ranks reported, falls
   below the level: callers can show it. */
typedef struct fs_ep_quantile {
  double p;                /* probability, 0..1 */
  double loss;             /* the sample quantile */
  double lo, hi;           /* x_(lo_rank), x_(hi_rank) */
  size_t lo_rank, hi_rank; /* 1-based ranks in the ascending sample */
  double coverage;         /* exact coverage of [lo, hi] */
} fs_ep_quantile;

typedef struct fs_ep_moments {
  size_t n;
  double mean;
  double sd; /* sample SD (n - 1); 0 when n < 2 */
  double max;
  double chance;                  /* share of samples with a loss > 0 */
  fs_ep_quantile q[FS_EP_NQUANT]; /* p = 0.05, 0.50, 0.95, 0.99 */
} fs_ep_moments;

/* Moments and 95 % quantile intervals of x[0..n-1] (1 <= n <= UINT_MAX,
   the range of GSL's binomial CDF; x is not modified). Returns 0, FS_EINVAL (n = 0) or FS_ENOMEM.
 */
int fs_ep_describe(const double *x, size_t n, fs_ep_moments *m, fs_err *err);

/* One quantile of an ascending sample with its interval at `level` (0..1). */
void fs_ep_quantile_ci(const double *sorted, size_t n, double p, double level, fs_ep_quantile *q);

/* ---- Period losses and exceedance-probability curves ---- */

/* How each occurrence's loss is taken from the event's R samples (ORD EPCalc).
   MEAN (1, "mean damage loss"): every occurrence loses the mean of the R
   samples. FULL (2, "full uncertainty"): the occurrence loses the sample the
   period loss table drew for it, so the curve carries the spread between
   replications. */
/* FS_EPCALC_OCC is not an ORD value: the losses are given per occurrence of
   the period loss table (plt->n values, a loss that depends on the year,
   such as one net of a reinsurance programme); it is written as EPCalc 2. */
typedef enum fs_ep_calc { FS_EPCALC_MEAN = 1, FS_EPCALC_FULL = 2, FS_EPCALC_OCC = 3 } fs_ep_calc;

/* ORD EPType. */
typedef enum fs_ep_type {
  FS_EP_OEP = 1,
  FS_EP_OEP_TVAR = 2,
  FS_EP_AEP = 3,
  FS_EP_AEP_TVAR = 4
} fs_ep_type;

/* The default return periods, longest first (ktools writes EPTs in that
   order): 1000, 500, 250, 200, 100, 50, 25, 10, 5, 2. Returns their count
   and points *rps at a static constant array. */
size_t fs_ep_default_rps(const double **rps);

/* Each period's aggregate loss agg[p-1] (sum over its occurrences) and
   occurrence loss occ[p-1] (the largest), p = 1..plt->nperiods; periods
   without an occurrence lose 0. loss holds the plt->nsamples sample losses
   of the event. agg or occ may be NULL. */
void fs_ep_period_losses(const fs_plt *plt, const double *loss, fs_ep_calc calc, double *agg,
                         double *occ);

/* Sorts x[0..n-1] into descending order (rank 1 = largest). Zeros, which are
   most periods when the rate is low, are moved to the end without sorting. */
void fs_ep_sort_desc(double *x, size_t n);

/* Loss at return period rp (> 0) from the y period losses desc[0..y-1],
   sorted descending. Rank i (1-based) has return period y / i; between two
   ranks the loss is interpolated linearly in the return period, as ktools
   leccalc does:
     loss(rp) = L(i+1) + (rp - y/(i+1)) / (y/i - y/(i+1)) * (L(i) - L(i+1)),
     i = floor(y / rp).
   rp >= y (beyond the table) gives the largest loss L(1); rp <= 1 (shorter
   than one period, an exceedance probability of 1 or more) gives the
   smallest L(y): the curve is held flat, never extrapolated. */
double fs_ep_loss_at(const double *desc, size_t y, double rp);

/* Tail value at risk at rp: TVaR(i) = mean of L(1..i) at each rank, and
   between ranks the same interpolation in return period as fs_ep_loss_at
   (so TVaR(rp) >= loss(rp) everywhere); rp >= y gives L(1), rp <= 1 the
   mean of all y period losses. */
double fs_ep_tvar_at(const double *desc, size_t y, double rp);

/* One point of the four EP curves. */
typedef struct fs_ep_point {
  double rp;
  double oep, oep_tvar, aep, aep_tvar;
} fs_ep_point;

/* The four curves of one summary at rps[0..nrp-1] (each > 0 and finite).
   Returns 0, FS_EINVAL or FS_ENOMEM. */
int fs_ep_curve(const fs_plt *plt, const double *loss, fs_ep_calc calc, const double *rps,
                size_t nrp, fs_ep_point *out, fs_err *err);

/* ---- Average annual loss ---- */

/* Analytical: an event with rate lambda and loss X is a compound Poisson
   process, so the annual loss has mean lambda E[X] and variance
   lambda E[X^2], with E[X] and E[X^2] the sample moments of the R losses.
   Sample: mean and SD (n - 1; 0 when there is one period) of the period
   aggregates of the full-uncertainty period loss table. */
typedef struct fs_ep_aal {
  double mean_analytical, sd_analytical;
  double mean_sample, sd_sample;
} fs_ep_aal;

/* AAL of one summary. rate is the event's annual rate (the one the table was
   drawn with). occ, when not NULL, holds each occurrence's loss (plt->n,
   FS_EPCALC_OCC) for the sample AAL; the analytical one stays on the R
   sample losses. Returns 0 or FS_ENOMEM. */
int fs_ep_average_annual(const fs_plt *plt, double rate, const double *loss, const double *occ,
                         fs_ep_aal *a, fs_err *err);

#endif
