/* smc.c: weighted quantiles, ESS, the ABC-SMC kernel, proposals, weights, maximin, resampling. */
#include "calibrate/smc.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>

#include "util/alloc.h"

/* The floor on the kernel's variances: (1e-3)^2, a thousandth of the unit
   cube as the smallest perturbation SD (smc.h). */
#define KERNEL_FLOOR  1e-6
#define PROPOSE_TRIES 1000

/* ---- Weighted quantile, ESS ---- */

typedef struct vw {
  double v, w;
} vw;

/* Total order on (value, weight), so that equal pairs are interchangeable
   and qsort's instability cannot change a sum. */
static int vw_cmp(const void *a, const void *b) {
  const vw *x = a, *y = b;
  if (x->v != y->v) return x->v < y->v ? -1 : 1;
  return x->w < y->w ? -1 : x->w > y->w;
}

static double weight_of(const double *w, size_t i) {
  double wi = w ? w[i] : 1.0;
  return wi > 0 && isfinite(wi) ? wi : 0;
}

/* Without memory for the sorted copy: for each candidate, the weight at or
   below it, O(n^2); the same answer up to the order of the sums. */
static double quantile_slow(const double *v, const double *w, size_t n, double q) {
  double total = 0, best = NAN;
  for (size_t i = 0; i < n; i++)
    if (!isnan(v[i])) total += weight_of(w, i);
  if (!(total > 0)) return NAN;
  for (size_t i = 0; i < n; i++) {
    if (isnan(v[i]) || weight_of(w, i) == 0 || v[i] >= best) continue;
    double cum = 0;
    for (size_t j = 0; j < n; j++)
      if (!isnan(v[j]) && v[j] <= v[i]) cum += weight_of(w, j);
    if (cum >= q * total) best = v[i];
  }
  return best;
}

double fs_smc_quantile(const double *v, const double *w, size_t n, double q) {
  assert(q >= 0 && q <= 1);
  vw *a = fs_malloc((n ? n : 1) * sizeof *a);
  if (!a) return quantile_slow(v, w, n, q);
  /* Values without weight are not in the distribution: dropped, so q = 0
     gives the smallest value that carries weight. */
  size_t m = 0;
  for (size_t i = 0; i < n; i++)
    if (!isnan(v[i]) && weight_of(w, i) > 0) a[m++] = (vw){v[i], weight_of(w, i)};
  qsort(a, m, sizeof *a, vw_cmp);
  /* The total summed in the same order as the walk, so the last cumulative
     sum equals it exactly and q = 1 reaches the largest value. */
  double total = 0, cum = 0, out = NAN;
  for (size_t i = 0; i < m; i++) total += a[i].w;
  for (size_t i = 0; i < m; i++) {
    cum += a[i].w;
    if (cum >= q * total) {
      out = a[i].v;
      break;
    }
  }
  free(a);
  return out;
}

double fs_smc_ess(const double *w, size_t n) {
  double s = 0, s2 = 0;
  for (size_t i = 0; i < n; i++) s += w[i], s2 += w[i] * w[i];
  return s2 > 0 ? s * s / s2 : 0;
}

/* ---- Kernel ---- */

/* In-place lower Cholesky factor of the d x d row-major matrix a (the
   upper triangle is zeroed). 0, or -1 when a is not positive definite. */
static int cholesky(double *a, int d) {
  for (int j = 0; j < d; j++) {
    double s = a[j * d + j];
    for (int k = 0; k < j; k++) s -= a[j * d + k] * a[j * d + k];
    if (!(s > 0)) return -1;
    double ljj = sqrt(s);
    a[j * d + j] = ljj;
    for (int i = j + 1; i < d; i++) {
      double t = a[i * d + j];
      for (int k = 0; k < j; k++) t -= a[i * d + k] * a[j * d + k];
      a[i * d + j] = t / ljj;
    }
    for (int k = j + 1; k < d; k++) a[j * d + k] = 0;
  }
  return 0;
}

int fs_smc_kernel(const double *theta, const double *w, size_t n, int d, double *chol,
                  fs_err *err) {
  assert(n > 0 && d > 0);
  size_t dd = (size_t) d * (size_t) d;
  double *mean = fs_calloc((size_t) d + dd, sizeof *mean);
  if (!mean) return fs_err_set(err, FS_ENOMEM, "out of memory for a %d-parameter kernel", d);
  double *cov = mean + d, total = 0;
  for (size_t i = 0; i < n; i++) total += w[i];
  assert(total > 0);
  for (size_t i = 0; i < n; i++)
    for (int j = 0; j < d; j++) mean[j] += w[i] / total * theta[i * (size_t) d + j];
  /* Two passes (mean, then deviations): a running sum of squares cancels
     badly once the population has contracted. */
  for (size_t i = 0; i < n; i++) {
    const double *t = theta + i * (size_t) d;
    for (int j = 0; j < d; j++)
      for (int k = 0; k <= j; k++)
        cov[j * d + k] += w[i] / total * (t[j] - mean[j]) * (t[k] - mean[k]);
  }
  for (int j = 0; j < d; j++) {
    for (int k = 0; k <= j; k++) cov[j * d + k] *= 2, cov[k * d + j] = cov[j * d + k];
    if (cov[j * d + j] < KERNEL_FLOOR) cov[j * d + j] = KERNEL_FLOOR;
  }
  /* Variances above the floor can still be singular together (two
     parameters moving in lockstep): then the floor goes on the whole
     diagonal, growing until the factor exists. */
  memcpy(chol, cov, dd * sizeof *chol);
  double add = KERNEL_FLOOR;
  for (int tries = 0; cholesky(chol, d) < 0; tries++, add *= 2) {
    /* Only a value that is not finite defeats 64 doublings of the floor. */
    if (tries == 64) {
      free(mean);
      return fs_err_set(err, FS_EINVAL, "the population has a parameter value that is not finite");
    }
    memcpy(chol, cov, dd * sizeof *chol);
    for (int j = 0; j < d; j++) chol[j * d + j] += add;
  }
  free(mean);
  return 0;
}

/* ---- Proposals and weights ---- */

/* A parent by weight: the first index whose cumulative weight exceeds
   u * total; the last index with weight when rounding runs past the end. */
static size_t pick(const double *w, size_t n, double total, double u) {
  double target = u * total, cum = 0;
  size_t last = 0;
  for (size_t i = 0; i < n; i++) {
    if (!(w[i] > 0)) continue;
    cum += w[i];
    last = i;
    if (cum > target) return i;
  }
  return last;
}

void fs_smc_propose(gsl_rng *r, const double *theta, const double *w, size_t n, int d,
                    const double *chol, double *out) {
  assert(n > 0 && d > 0);
  double total = 0;
  for (size_t i = 0; i < n; i++)
    if (w[i] > 0) total += w[i];
  assert(total > 0);
  size_t parent = 0;
  for (int tries = 0; tries < PROPOSE_TRIES; tries++) {
    /* Fixed order of draws: one uniform for the parent, then d normals. */
    parent = pick(w, n, total, gsl_rng_uniform(r));
    const double *p = theta + parent * (size_t) d;
    for (int j = 0; j < d; j++) out[j] = gsl_ran_gaussian(r, 1.0);
    /* out = p + L z in place: row j needs z_0..z_j, so from the last row up
       every z it reads is still there. */
    int inside = 1;
    for (int j = d - 1; j >= 0; j--) {
      double s = p[j];
      for (int k = 0; k <= j; k++) s += chol[j * d + k] * out[k];
      out[j] = s;
      if (!(s >= 0 && s <= 1)) inside = 0;
    }
    if (inside) return;
  }
  memcpy(out, theta + parent * (size_t) d, (size_t) d * sizeof *out);
}

/* log sum_j w_j N(x; theta_j, L L^T) - log sum_j w_j, by a running
   log-sum-exp so that a point far from every particle does not underflow. z
   is d scratch values. */
static double log_mixture(const double *x, const double *theta, const double *w, size_t n, int d,
                          const double *chol, double *z) {
  double lognorm = 0.5 * d * log(2 * M_PI), total = 0;
  for (int j = 0; j < d; j++) lognorm += log(chol[j * d + j]);
  double m = -INFINITY, s = 0;
  for (size_t i = 0; i < n; i++) {
    if (!(w[i] > 0)) continue;
    total += w[i];
    const double *t = theta + i * (size_t) d;
    double q = 0;
    for (int j = 0; j < d; j++) {
      double u = x[j] - t[j];
      for (int k = 0; k < j; k++) u -= chol[j * d + k] * z[k];
      z[j] = u / chol[j * d + j];
      q += z[j] * z[j];
    }
    double a = log(w[i]) - 0.5 * q - lognorm;
    if (a == -INFINITY) continue; /* a term of 0; m - a would be NAN */
    if (s == 0)
      s = 1, m = a;
    else if (a > m)
      s = s * exp(m - a) + 1, m = a;
    else
      s += exp(a - m);
  }
  assert(total > 0); /* the population carries weight (a precondition) */
  return s > 0 ? m + log(s) - log(total) : -INFINITY;
}

double fs_smc_weight(const double *x, const double *theta, const double *w, size_t n, int d,
                     const double *chol) {
  assert(n > 0 && d > 0);
  /* The triangular solve needs d values: on the stack for the usual few
     parameters, else from the heap (NAN if there is none). */
  double small[64], *z = small;
  if (d > 64 && !(z = fs_malloc((size_t) d * sizeof *z))) return NAN;
  double lm = log_mixture(x, theta, w, n, d, chol, z);
  if (z != small) free(z);
  return exp(-lm);
}

/* ---- Maximin selection, resampling ---- */

static double dist2(const double *a, const double *b, int d) {
  double s = 0;
  for (int j = 0; j < d; j++) s += (a[j] - b[j]) * (a[j] - b[j]);
  return s;
}

int fs_smc_maximin(const double *cand, size_t n, int d, size_t k, size_t *idx, fs_err *err) {
  if (k > n) return fs_err_set(err, FS_EINVAL, "cannot pick %zu of %zu candidate points", k, n);
  if (k == 0) return 0;
  assert(d > 0);
  /* near[i]: squared distance from candidate i to the nearest chosen one;
     -1 once i is chosen, so a duplicate of a chosen point (distance 0) still
     wins over it. */
  double *near = fs_malloc((n + (size_t) d) * sizeof *near);
  if (!near) return fs_err_set(err, FS_ENOMEM, "out of memory choosing %zu points", k);
  double *centre = near + n;
  for (int j = 0; j < d; j++) {
    double s = 0;
    for (size_t i = 0; i < n; i++) s += cand[i * (size_t) d + j];
    centre[j] = s / (double) n;
  }
  size_t first = 0;
  for (size_t i = 0; i < n; i++) {
    near[i] = dist2(cand + i * (size_t) d, centre, d);
    if (near[i] < near[first]) first = i;
  }
  for (size_t i = 0; i < n; i++) near[i] = INFINITY;
  for (size_t c = 0, next = first; c < k; c++) {
    idx[c] = next;
    near[next] = -1;
    const double *p = cand + next * (size_t) d;
    next = 0;
    double far = -1;
    for (size_t i = 0; i < n; i++) {
      if (near[i] < 0) continue;
      double e = dist2(cand + i * (size_t) d, p, d);
      if (e < near[i]) near[i] = e;
      if (near[i] > far) far = near[i], next = i;
    }
  }
  free(near);
  return 0;
}

void fs_smc_resample(gsl_rng *r, const double *w, size_t n, size_t m, size_t *idx) {
  if (m == 0) return;
  assert(n > 0);
  double total = 0;
  for (size_t i = 0; i < n; i++)
    if (w[i] > 0) total += w[i];
  assert(total > 0);
  double u = gsl_rng_uniform(r);
  size_t i = 0, last = 0;
  double cum = 0;
  /* Position (u + c) / m of the total, c = 0..m-1, falls in particle i
     when cum_{i-1} <= it < cum_i: increasing positions, so sorted indices. */
  for (size_t c = 0; c < m; c++) {
    double target = (u + (double) c) / (double) m * total;
    while (i < n && (!(w[i] > 0) || cum + w[i] <= target)) {
      if (w[i] > 0) cum += w[i], last = i;
      i++;
    }
    /* Rounding can carry the last positions past the final sum. */
    idx[c] = i < n ? i : last;
  }
}
