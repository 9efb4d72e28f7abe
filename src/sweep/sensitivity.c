/* sensitivity.c: statistics of a parameter sweep: t intervals, paired swings, Sobol indices.

   Sobol indices (variance-based sensitivity analysis). For an output
   Y = f(X_1..X_d) with independent inputs, the first-order index
   S1_i = V[E(Y|X_i)] / V(Y) is the share of the output variance that X_i
   explains alone, and the total index ST_i = E[V(Y|X_~i)] / V(Y) the share
   that disappears once X_i is fixed, interactions included; ST_i - S1_i
   measures X_i's interactions, and ST_i near 0 means X_i can be fixed
   anywhere in its range.

   Estimators, from the radial sample of Saltelli et al., "Variance based
   sensitivity analysis of model output. Design and estimator for the total
   sensitivity index", Comput. Phys. Commun. 181:259-270, 2010 (Table 2):
     first order (their estimator b): V_i = mean_j f(B)_j (f(AB_i)_j - f(A)_j)
     total (Jansen, "Analysis of variance designs for model output", Comput.
       Phys. Commun. 117:35-43, 1999; Saltelli's estimator f):
       VT_i = mean_j (f(A)_j - f(AB_i)_j)^2 / 2
   divided by V, the variance of the 2N outputs of A and B together. f(B)_j
   is centred on their mean f0 (see sensitivity.h for why).

   Intervals: percentile bootstrap over base samples j (Efron and
   Tibshirani, "An Introduction to the Bootstrap", 1993, ch. 13; Archer,
   Saltelli and Sobol, J. Stat. Comput. Simul. 58:99-120, 1997 for its use
   on Sobol indices). A resample draws N base samples with replacement and
   keeps each row of A, B and every AB_i together, as the estimators pair
   them. */
#include "sweep/sensitivity.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include "util/alloc.h"

static int clamp_int(size_t n) {
  return n > INT_MAX ? INT_MAX : (int) n;
}

static int level_ok(double level) {
  return level > 0 && level < 1;
}

/* ---- Means, paired differences, SD ---- */

/* Mean and t interval of the values a[r] (b NULL) or a[r] - b[r], skipping
   the NAN ones. Two passes (mean, then squared deviations) rather than a
   running sum of squares, which cancels badly when the mean is large. */
static void t_interval(const double *a, const double *b, size_t n, double level, fs_ci *out) {
  size_t m = 0;
  double sum = 0;
  for (size_t r = 0; r < n; r++) {
    double v = b ? a[r] - b[r] : a[r];
    if (isnan(v)) continue;
    sum += v;
    m++;
  }
  out->n = clamp_int(m);
  out->est = m ? sum / (double) m : NAN;
  out->lo = out->hi = NAN;
  if (m < 2 || !level_ok(level)) return;
  double ss = 0;
  for (size_t r = 0; r < n; r++) {
    double v = b ? a[r] - b[r] : a[r];
    if (!isnan(v)) ss += (v - out->est) * (v - out->est);
  }
  double se = sqrt(ss / (double) (m - 1) / (double) m);
  double half = gsl_cdf_tdist_Pinv((1 + level) / 2, (double) (m - 1)) * se;
  out->lo = out->est - half;
  out->hi = out->est + half;
}

void fs_sens_mean_ci(const double *x, size_t n, double level, fs_ci *out) {
  t_interval(x, NULL, n, level, out);
}

void fs_sens_paired_diff(const double *hi, const double *lo, size_t n, double level, fs_ci *out) {
  t_interval(hi, lo, n, level, out);
}

double fs_sens_sd(const double *x, size_t n) {
  size_t m = 0;
  double sum = 0;
  for (size_t r = 0; r < n; r++)
    if (!isnan(x[r])) {
      sum += x[r];
      m++;
    }
  if (m < 2) return NAN;
  double mean = sum / (double) m, ss = 0;
  for (size_t r = 0; r < n; r++)
    if (!isnan(x[r])) ss += (x[r] - mean) * (x[r] - mean);
  return sqrt(ss / (double) (m - 1));
}

/* ---- Quantiles ---- */

/* Moves the non-NAN values of x[0..n) to the front, sorts them ascending and
   returns their count. */
static size_t compact_sort(double *x, size_t n) {
  size_t m = 0;
  for (size_t r = 0; r < n; r++)
    if (!isnan(x[r])) x[m++] = x[r];
  gsl_sort(x, 1, m);
  return m;
}

static double sorted_quantile(const double *s, size_t m, double q) {
  if (m == 0 || isnan(q)) return NAN;
  if (q < 0) q = 0;
  if (q > 1) q = 1;
  return gsl_stats_quantile_from_sorted_data(s, 1, m, q);
}

double fs_sens_quantile(const double *x, size_t n, double q, double *scratch) {
  if (n == 0 || isnan(q)) return NAN;
  memcpy(scratch, x, n * sizeof *scratch);
  return sorted_quantile(scratch, compact_sort(scratch, n), q);
}

/* ---- Sobol indices ---- */

/* S1 and ST of every parameter over the base samples idx[0..m) (repeated in
   a bootstrap resample) into s1[0..d), st[0..d). Returns 0, or -1 when the
   outputs of A and B do not vary (V = 0: every index is 0/0). Exactly equal
   outputs are tested directly, because their computed f0 can differ from
   them by a rounding error and leave V a tiny positive number. */
static int sobol_once(const double *fA, const double *fB, const double *fAB, size_t N, int d,
                      const size_t *idx, size_t m, double *s1, double *st) {
  double sum = 0, min = fA[idx[0]], max = min;
  for (size_t k = 0; k < m; k++) {
    double a = fA[idx[k]], b = fB[idx[k]];
    sum += a + b;
    if (a < min) min = a;
    if (b < min) min = b;
    if (a > max) max = a;
    if (b > max) max = b;
  }
  double M = (double) m, f0 = sum / (2 * M), V = 0;
  for (size_t k = 0; k < m; k++) {
    double a = fA[idx[k]] - f0, b = fB[idx[k]] - f0;
    V += a * a + b * b;
  }
  V /= 2 * M;
  if (min == max || !(V > 0)) return -1;
  for (int i = 0; i < d; i++) {
    const double *ab = fAB + (size_t) i * N;
    double first = 0, total = 0;
    for (size_t k = 0; k < m; k++) {
      size_t j = idx[k];
      double diff = ab[j] - fA[j];
      first += (fB[j] - f0) * diff;
      total += diff * diff;
    }
    s1[i] = first / M / V;
    st[i] = total / (2 * M) / V;
  }
  return 0;
}

static void set_ci(fs_ci *c, double est, size_t m) {
  c->est = est;
  c->lo = c->hi = NAN;
  c->n = clamp_int(m);
}

/* Percentile interval of the nboot resampled values row[0..nboot) (sorted
   in place; NAN resamples, where V was 0, left out). */
static void percentile(double *row, size_t nboot, double level, fs_ci *c) {
  size_t m = compact_sort(row, nboot);
  c->lo = sorted_quantile(row, m, (1 - level) / 2);
  c->hi = sorted_quantile(row, m, (1 + level) / 2);
}

/* nboot resamples of the m usable samples use[0..m); fills the intervals of
   S1 and ST. */
static int bootstrap(const double *fA, const double *fB, const double *fAB, size_t N, int d,
                     const size_t *use, size_t m, int nboot, double level, gsl_rng *rng, fs_ci *S1,
                     fs_ci *ST, fs_err *err) {
  size_t nb = (size_t) nboot, dd = (size_t) d;
  size_t *idx = fs_malloc(m * sizeof *idx);
  double *b1 = fs_malloc(dd * nb * sizeof *b1), *bt = fs_malloc(dd * nb * sizeof *bt);
  double *s1 = fs_malloc(2 * dd * sizeof *s1);
  if (!idx || !b1 || !bt || !s1) {
    free(idx);
    free(b1);
    free(bt);
    free(s1);
    return fs_err_set(err, FS_ENOMEM, "out of memory for %d bootstrap resamples", nboot);
  }
  double *st = s1 + dd;
  /* Draw order: resample by resample, m indices each, in order. */
  for (size_t b = 0; b < nb; b++) {
    for (size_t k = 0; k < m; k++) idx[k] = use[gsl_rng_uniform_int(rng, m)];
    int ok = sobol_once(fA, fB, fAB, N, d, idx, m, s1, st) == 0;
    for (size_t i = 0; i < dd; i++) {
      b1[i * nb + b] = ok ? s1[i] : NAN;
      bt[i * nb + b] = ok ? st[i] : NAN;
    }
  }
  for (size_t i = 0; i < dd; i++) {
    percentile(b1 + i * nb, nb, level, &S1[i]);
    percentile(bt + i * nb, nb, level, &ST[i]);
  }
  free(idx);
  free(b1);
  free(bt);
  free(s1);
  return 0;
}

int fs_sens_sobol(const double *fA, const double *fB, const double *fAB, size_t N, int d, int nboot,
                  double level, gsl_rng *rng, fs_ci *S1, fs_ci *ST, fs_err *err) {
  if (d < 1) return fs_err_set(err, FS_EINVAL, "Sobol indices need at least one parameter");
  if (nboot > 0 && !rng)
    return fs_err_set(err, FS_EINVAL, "a bootstrap of %d resamples needs a random stream", nboot);
  for (int i = 0; i < d; i++) {
    set_ci(&S1[i], NAN, 0);
    set_ci(&ST[i], NAN, 0);
  }
  size_t *use = fs_malloc((N ? N : 1) * sizeof *use);
  double *est = fs_malloc(2 * (size_t) d * sizeof *est);
  if (!use || !est) {
    free(use);
    free(est);
    return fs_err_set(err, FS_ENOMEM, "out of memory for Sobol indices of %zu samples", N);
  }
  /* A base sample counts only when all d + 2 of its runs gave a number, so
     that every index rests on the same samples. */
  size_t m = 0;
  for (size_t j = 0; j < N; j++) {
    int ok = !isnan(fA[j]) && !isnan(fB[j]);
    for (int i = 0; i < d && ok; i++) ok = !isnan(fAB[(size_t) i * N + j]);
    if (ok) use[m++] = j;
  }
  int rc = 0;
  if (m >= 2 && sobol_once(fA, fB, fAB, N, d, use, m, est, est + d) == 0) {
    for (int i = 0; i < d; i++) {
      set_ci(&S1[i], est[i], m);
      set_ci(&ST[i], est[d + i], m);
    }
    if (nboot > 0 && level_ok(level))
      rc = bootstrap(fA, fB, fAB, N, d, use, m, nboot, level, rng, S1, ST, err);
  } else {
    for (int i = 0; i < d; i++) S1[i].n = ST[i].n = clamp_int(m);
  }
  free(use);
  free(est);
  return rc;
}
