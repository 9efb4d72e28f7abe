/* ep.c: sample moments, order-statistic quantile intervals, EP curves and AAL of one event. */
#include "loss/ep.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include "util/alloc.h"

static const double quant_p[FS_EP_NQUANT] = {0.05, 0.50, 0.95, 0.99};

/* F(j) = P(B <= j) for B ~ Binomial(n, p), with F(-1) = 0 and F(j >= n) = 1. */
static double binom_cdf(long j, size_t n, double p) {
  if (j < 0) return 0;
  if ((size_t) j >= n || p <= 0) return 1;
  if (p >= 1) return 0; /* all n samples fall below a quantile of probability 1 */
  return gsl_cdf_binomial_P((unsigned) j, p, (unsigned) n);
}

/* Smallest j in [lo, hi] with F(j) >= t, or hi + 1 when none; F is
   nondecreasing in j, so bisection finds it in log2(n) CDF calls. */
static long binom_first_at_least(long lo, long hi, size_t n, double p, double t) {
  long a = lo, b = hi + 1;
  while (a < b) {
    long mid = a + (b - a) / 2;
    if (binom_cdf(mid, n, p) >= t)
      b = mid;
    else
      a = mid + 1;
  }
  return a;
}

void fs_ep_quantile_ci(const double *sorted, size_t n, double p, double level, fs_ep_quantile *q) {
  double a2 = (1 - level) / 2;
  q->p = p;
  q->loss = gsl_stats_quantile_from_sorted_data(sorted, 1, n, p);
  /* Largest j with F(j) <= a2 is one less than the smallest j with F(j) > a2;
     searching for F(j) >= a2 + tiny would misplace exact ties, so search the
     strict form through nextafter. */
  long jl = binom_first_at_least(-1, (long) n - 1, n, p, nextafter(a2, 1)) - 1;
  long ju = binom_first_at_least(0, (long) n, n, p, 1 - a2);
  long l = jl + 1, u = ju + 1;
  if (l < 1) l = 1;
  if (u > (long) n) u = (long) n;
  if (l > u) l = u;
  q->lo_rank = (size_t) l;
  q->hi_rank = (size_t) u;
  q->lo = sorted[l - 1];
  q->hi = sorted[u - 1];
  q->coverage = binom_cdf(u - 1, n, p) - binom_cdf(l - 1, n, p);
}

int fs_ep_describe(const double *x, size_t n, fs_ep_moments *m, fs_err *err) {
  memset(m, 0, sizeof *m);
  if (n == 0) return fs_err_set(err, FS_EINVAL, "no samples to summarise");
  double *s = fs_malloc(n * sizeof *s);
  if (!s) return fs_err_set(err, FS_ENOMEM, "out of memory sorting %zu samples", n);
  memcpy(s, x, n * sizeof *s);
  gsl_sort(s, 1, n);
  size_t pos = 0;
  for (size_t i = 0; i < n; i++) pos += x[i] > 0;
  m->n = n;
  m->mean = gsl_stats_mean(x, 1, n);
  /* gsl_stats_sd divides by n - 1, which is 0 for a single sample. */
  m->sd = n > 1 ? gsl_stats_sd_m(x, 1, n, m->mean) : 0;
  m->max = s[n - 1];
  m->chance = (double) pos / (double) n;
  for (int k = 0; k < FS_EP_NQUANT; k++) fs_ep_quantile_ci(s, n, quant_p[k], 0.95, &m->q[k]);
  free(s);
  return 0;
}

size_t fs_ep_default_rps(const double **rps) {
  static const double rp[] = {1000, 500, 250, 200, 100, 50, 25, 10, 5, 2};
  *rps = rp;
  return sizeof rp / sizeof rp[0];
}

void fs_ep_period_losses(const fs_plt *plt, const double *loss, fs_ep_calc calc, double *agg,
                         double *occ) {
  double mean = 0;
  if (calc == FS_EPCALC_MEAN) mean = gsl_stats_mean(loss, 1, plt->nsamples);
  for (size_t p = 0; p < plt->nperiods; p++) {
    double sum = 0, big = 0;
    for (size_t i = plt->first[p]; i < plt->first[p + 1]; i++) {
      double v = calc == FS_EPCALC_MEAN  ? mean
                 : calc == FS_EPCALC_OCC ? loss[i]
                                         : loss[plt->row[i].sample - 1];
      sum += v;
      if (v > big) big = v;
    }
    if (agg) agg[p] = sum;
    if (occ) occ[p] = big;
  }
}

void fs_ep_sort_desc(double *x, size_t n) {
  /* Losses are >= 0: partition the positive ones to the front, sort only
     them, then reverse gsl_sort's ascending order. */
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (x[i] > 0) {
      double t = x[k];
      x[k++] = x[i];
      x[i] = t;
    }
  for (size_t i = k; i < n; i++) x[i] = 0; /* also turns -0 and negatives into 0 */
  gsl_sort(x, 1, k);
  for (size_t i = 0; i < k / 2; i++) {
    double t = x[i];
    x[i] = x[k - 1 - i];
    x[k - 1 - i] = t;
  }
}

/* Value of the rank curve v(1..y) (v[i-1] at rank i, return period y / i)
   at return period rp, interpolated linearly in the return period. */
static double rank_interp(const double *v, size_t y, double rp) {
  double Y = (double) y;
  if (rp >= Y) return v[0];
  if (rp <= 1) return v[y - 1];
  size_t i = (size_t) floor(Y / rp); /* 1 <= i < y: rank i has RP >= rp > RP of i + 1 */
  if (i < 1) i = 1;
  if (i >= y) return v[y - 1];
  double rp_hi = Y / (double) i, rp_lo = Y / (double) (i + 1);
  double w = (rp - rp_lo) / (rp_hi - rp_lo);
  return v[i] + w * (v[i - 1] - v[i]);
}

double fs_ep_loss_at(const double *desc, size_t y, double rp) {
  return rank_interp(desc, y, rp);
}

/* TVaR needs only the two ranks around rp; the running mean over 1..i costs
   O(i), which is small next to the sort. */
static double tvar_rank(const double *desc, size_t i) {
  double s = 0;
  for (size_t j = 0; j < i; j++) s += desc[j];
  return s / (double) i;
}

double fs_ep_tvar_at(const double *desc, size_t y, double rp) {
  double Y = (double) y;
  if (rp >= Y) return desc[0];
  if (rp <= 1) return tvar_rank(desc, y);
  size_t i = (size_t) floor(Y / rp);
  if (i < 1) i = 1;
  if (i >= y) return tvar_rank(desc, y);
  double rp_hi = Y / (double) i, rp_lo = Y / (double) (i + 1);
  double w = (rp - rp_lo) / (rp_hi - rp_lo);
  double t_hi = tvar_rank(desc, i), t_lo = (t_hi * (double) i + desc[i]) / (double) (i + 1);
  return t_lo + w * (t_hi - t_lo);
}

int fs_ep_curve(const fs_plt *plt, const double *loss, fs_ep_calc calc, const double *rps,
                size_t nrp, fs_ep_point *out, fs_err *err) {
  for (size_t k = 0; k < nrp; k++)
    if (!(rps[k] > 0) || !isfinite(rps[k]))
      return fs_err_set(err, FS_EINVAL, "return period %zu must be a finite number > 0 (got %g)",
                        k + 1, rps[k]);
  size_t y = plt->nperiods;
  double *agg = fs_malloc(y * sizeof *agg), *occ = fs_malloc(y * sizeof *occ);
  if (!agg || !occ) {
    free(agg);
    free(occ);
    return fs_err_set(err, FS_ENOMEM, "out of memory for %zu period losses", y);
  }
  fs_ep_period_losses(plt, loss, calc, agg, occ);
  fs_ep_sort_desc(agg, y);
  fs_ep_sort_desc(occ, y);
  for (size_t k = 0; k < nrp; k++) {
    out[k].rp = rps[k];
    out[k].oep = fs_ep_loss_at(occ, y, rps[k]);
    out[k].oep_tvar = fs_ep_tvar_at(occ, y, rps[k]);
    out[k].aep = fs_ep_loss_at(agg, y, rps[k]);
    out[k].aep_tvar = fs_ep_tvar_at(agg, y, rps[k]);
  }
  free(agg);
  free(occ);
  return 0;
}

int fs_ep_average_annual(const fs_plt *plt, double rate, const double *loss, const double *occ,
                         fs_ep_aal *a, fs_err *err) {
  size_t r = plt->nsamples, y = plt->nperiods;
  double ex = gsl_stats_mean(loss, 1, r), ex2 = 0;
  for (size_t i = 0; i < r; i++) ex2 += loss[i] * loss[i];
  ex2 /= (double) r;
  a->mean_analytical = rate * ex;
  a->sd_analytical = sqrt(rate * ex2);
  double *agg = fs_malloc(y * sizeof *agg);
  if (!agg) return fs_err_set(err, FS_ENOMEM, "out of memory for %zu period losses", y);
  if (occ)
    fs_ep_period_losses(plt, occ, FS_EPCALC_OCC, agg, NULL);
  else
    fs_ep_period_losses(plt, loss, FS_EPCALC_FULL, agg, NULL);
  a->mean_sample = gsl_stats_mean(agg, 1, y);
  a->sd_sample = y > 1 ? gsl_stats_sd_m(agg, 1, y, a->mean_sample) : 0;
  free(agg);
  return 0;
}
