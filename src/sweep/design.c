/* design.c: experimental designs of a parameter sweep and the one-at-a-time block.

   grid      full factorial over each parameter's levels, parameter 0 outermost.
   random    independent uniform draws (simple Monte Carlo).
   lhs       Latin hypercube sampling (McKay, Beckman and Conover, "A comparison
             of three methods for selecting values of input variables in the
             analysis of output from a computer code", Technometrics 21:239-245,
             1979): each parameter's range is cut into n equal strata and every
             stratum holds exactly one point, the strata of different
             parameters paired by independent random permutations.
   sobol     the Sobol low-discrepancy sequence as GSL implements it
             (gsl_qrng_sobol: Antonov and Saleev's Gray-code construction,
             Bratley and Fox, ACM TOMS Algorithm 659, 1988).
   saltelli  the sample of Saltelli et al., "Variance based sensitivity analysis
             of model output. Design and estimator for the total sensitivity
             index", Comput. Phys. Commun. 181:259-270, 2010: two independent
             matrices A and B (the halves of one 2d-dimensional Sobol
             sequence) and the d matrices AB_i, A with column i from B. The
             N(d+2) model runs give the first-order and total indices of
             every parameter (src/sweep/sensitivity.c).

   All designs work on the unit cube; a coordinate u maps to lo + u*(hi-lo)
   and then through fs_design_quantise, so stepped and integer parameters
   only ever take values the scenario can hold. */
#include "sweep/design.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>

#include "engine/rng.h"
#include "util/alloc.h"

static const char *const design_names[] = {"grid", "random", "lhs", "sobol", "saltelli", NULL};
static const char *const point_names[] = {"grid",       "random",     "lhs",         "sobol",
                                          "saltelli_A", "saltelli_B", "saltelli_AB", "base",
                                          "oat_low",    "oat_high",   "list"};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

int fs_design_kind_parse(const char *s, fs_design_kind *out) {
  if (strcmp(s, "list") == 0) {
    *out = FS_DESIGN_LIST;
    return 0;
  }
  for (size_t k = 0; design_names[k]; k++)
    if (strcmp(s, design_names[k]) == 0) {
      *out = (fs_design_kind) k;
      return 0;
    }
  return -1;
}

const char *fs_design_kind_name(fs_design_kind k) {
  if (k == FS_DESIGN_LIST) return "list";
  return (unsigned) k < NELEM(design_names) - 1 ? design_names[k] : "?";
}

const char *const *fs_design_kind_names(void) {
  return design_names;
}

size_t fs_design_default_n(fs_design_kind k) {
  return k == FS_DESIGN_GRID ? 5 : 64;
}

const char *fs_point_kind_name(fs_point_kind k) {
  return (unsigned) k < NELEM(point_names) ? point_names[k] : "?";
}

/* ---- Quantisation ---- */

/* A step lattice lo + k*step reaches hi when it comes within this fraction
   of a step of it: 0 + 3 * 0.1 is 0.30000000000000004, and hi = 0.3 must
   still be a level. */
#define STEP_TOL 1e-9

/* Largest k with lo + k*step <= hi (up to STEP_TOL), as a double: the caller
   checks it against the point limit before converting. */
static double step_kmax(const fs_sweep_param *p) {
  return floor((p->hi - p->lo) / p->step + STEP_TOL);
}

/* Level k of a stepped parameter: computed as lo + k*step, never by
   accumulation, and snapped to hi when within STEP_TOL steps of it, so that
   no level exceeds hi. */
static double step_level(const fs_sweep_param *p, double k) {
  double v = p->lo + k * p->step;
  if (v > p->hi || p->hi - v <= STEP_TOL * p->step) v = p->hi;
  return v;
}

double fs_design_quantise(const fs_sweep_param *p, double v) {
  if (isnan(v)) return v;
  if (v < p->lo) v = p->lo;
  if (v > p->hi) v = p->hi;
  if (p->step > 0) {
    double k = round((v - p->lo) / p->step), kmax = step_kmax(p);
    if (k < 0) k = 0;
    if (k > kmax) k = kmax;
    v = step_level(p, k);
  }
  if (p->integer) {
    double r = round(v), ilo = ceil(p->lo), ihi = floor(p->hi);
    if (ilo <= ihi) {
      if (r < ilo) r = ilo;
      if (r > ihi) r = ihi;
    }
    v = r;
  }
  return v;
}

static double from_unit(const fs_sweep_param *p, double u) {
  return fs_design_quantise(p, p->lo + u * (p->hi - p->lo));
}

/* ---- Checks ---- */

static int check_params(const fs_sweep_param *params, int d, int oat, fs_err *err) {
  if (d < 1) return fs_err_set(err, FS_EUSAGE, "a sweep needs at least one parameter to vary");
  if (d > FS_DESIGN_MAX_PARAMS)
    return fs_err_set(err, FS_EUSAGE, "a sweep takes at most %d parameters (got %d)",
                      FS_DESIGN_MAX_PARAMS, d);
  for (int j = 0; j < d; j++) {
    const fs_sweep_param *p = &params[j];
    if (!isfinite(p->lo) || !isfinite(p->hi) || p->lo > p->hi)
      return fs_err_set(err, FS_EUSAGE,
                        "parameter '%s': the range %g..%g must be finite with low <= high", p->name,
                        p->lo, p->hi);
    if (!isfinite(p->step) || p->step < 0)
      return fs_err_set(err, FS_EUSAGE, "parameter '%s': the step must be > 0 (got %g)", p->name,
                        p->step);
    if (p->integer && ceil(p->lo) > floor(p->hi))
      return fs_err_set(err, FS_EUSAGE,
                        "parameter '%s' is an integer but the range %g..%g holds no integer",
                        p->name, p->lo, p->hi);
    /* Rounding a level of lo + k*step to an integer must give a level
       again (quantisation is idempotent): whole steps from a whole lo. */
    if (p->integer && p->step > 0 && (p->step != floor(p->step) || p->lo != floor(p->lo)))
      return fs_err_set(err, FS_EUSAGE,
                        "parameter '%s' is an integer: its step and low end must be whole numbers "
                        "(got step %g from %g)",
                        p->name, p->step, p->lo);
    if (oat && !isfinite(p->base))
      return fs_err_set(err, FS_EUSAGE, "parameter '%s': the base value %g is not a number",
                        p->name, p->base);
  }
  return 0;
}

static int check_total(fs_design_kind kind, size_t n, size_t ndesign, size_t noat, fs_err *err) {
  if (ndesign <= FS_DESIGN_MAX_POINTS - noat) return 0;
  return fs_err_set(err, FS_EUSAGE,
                    "--design %s with --points %zu has %zu points%s; at most %d are allowed: "
                    "lower --points",
                    fs_design_kind_name(kind), n, ndesign + noat,
                    noat ? " with the one-at-a-time block" : "", FS_DESIGN_MAX_POINTS);
}

/* ---- Grid ----

   A parameter's raw levels are lo + k*step (k = 0..kmax) with a step, or m
   evenly spaced values lo..hi without one (m = --points; one level when
   lo == hi). Quantised, they ascend; only integer rounding can make two
   equal, and then they sit side by side. The grid's size is checked on the
   distinct levels before any array is built, so that neither a huge --points
   on a small integer range (refused if raw levels were counted) nor a tiny
   step (1e12 levels) costs memory. */

/* Number of raw levels, as a double: a step of 1e-12 on 0..1 must not
   overflow a size_t. */
static double raw_count(const fs_sweep_param *p, size_t n) {
  if (p->lo == p->hi) return 1;
  if (p->step > 0) return step_kmax(p) + 1;
  return (double) n;
}

/* Raw level k of m, before quantisation; the ends are lo and hi exactly. */
static double raw_level(const fs_sweep_param *p, size_t m, size_t k) {
  if (m == 1) return p->lo;
  if (p->step > 0) return step_level(p, (double) k);
  if (k == m - 1) return p->hi;
  return p->lo + (p->hi - p->lo) * (double) k / (double) (m - 1);
}

/* An integer parameter whose raw levels are closer than 1 apart (more of
   them than the range is long): consecutive levels then round to the same
   or the next integer, so the distinct levels are exactly the integers
   ceil(lo)..floor(hi), and they are written as such without walking what
   may be billions of raw levels. */
static int dense_integer(const fs_sweep_param *p, double raw) {
  return p->integer && raw - 1 > p->hi - p->lo;
}

/* Distinct levels of a parameter, as a double. A sparse integer parameter
   (spacing >= 1) with more raw levels than the limit reports its raw count
   (its levels are distinct but for at most one merge at each clamped end):
   the grid is refused either way. */
static double level_count(const fs_sweep_param *p, size_t n) {
  double raw = raw_count(p, n);
  if (dense_integer(p, raw)) return floor(p->hi) - ceil(p->lo) + 1;
  if (!p->integer || raw > FS_DESIGN_MAX_POINTS) return raw;
  size_t m = (size_t) raw, c = 0;
  double last = NAN;
  for (size_t k = 0; k < m; k++) {
    double v = fs_design_quantise(p, raw_level(p, m, k));
    if (v != last) c++;
    last = v;
  }
  return (double) c;
}

/* Writes the distinct levels of a parameter (level_count of them, known to
   be <= FS_DESIGN_MAX_POINTS) into a new array *out. */
static int grid_levels(const fs_sweep_param *p, size_t n, double **out, size_t *cnt) {
  double raw = raw_count(p, n);
  size_t c = (size_t) level_count(p, n);
  double *v = fs_malloc(c * sizeof *v);
  if (!v) return FS_ENOMEM;
  if (dense_integer(p, raw)) {
    for (size_t k = 0; k < c; k++) v[k] = ceil(p->lo) + (double) k;
  } else {
    size_t m = (size_t) raw, u = 0;
    for (size_t k = 0; k < m; k++) {
      double x = fs_design_quantise(p, raw_level(p, m, k));
      if (u == 0 || x != v[u - 1]) v[u++] = x;
    }
  }
  *out = v;
  *cnt = c;
  return 0;
}

static int grid_too_big(const fs_sweep_param *params, int d, size_t n, double total, size_t noat,
                        fs_err *err) {
  char list[512];
  size_t len = 0;
  for (int j = 0; j < d && len < sizeof list; j++) {
    int w = snprintf(list + len, sizeof list - len, "%s%s: %.0f", j ? ", " : "", params[j].name,
                     level_count(&params[j], n));
    if (w < 0) break;
    len += (size_t) w;
  }
  if (len >= sizeof list) strcpy(list + sizeof list - 4, "...");
  return fs_err_set(err, FS_EUSAGE,
                    "the grid has %.0f points%s (levels per parameter: %s); at most %d are "
                    "allowed: lower --points or widen the steps",
                    total + (double) noat, noat ? " with the one-at-a-time block" : "", list,
                    FS_DESIGN_MAX_POINTS);
}

/* Counts the grid's points into *ndesign and checks them against the limit. */
static int grid_count(const fs_sweep_param *params, int d, size_t n, size_t noat, size_t *ndesign,
                      fs_err *err) {
  for (int j = 0; j < d; j++)
    if (params[j].lo != params[j].hi && !(params[j].step > 0) && n < 1)
      return fs_err_set(err, FS_EUSAGE,
                        "--points must be at least 1: the grid takes --points levels of "
                        "parameter '%s', which has no step",
                        params[j].name);
  double total = 1;
  for (int j = 0; j < d; j++) total *= level_count(&params[j], n);
  if (total + (double) noat > FS_DESIGN_MAX_POINTS)
    return grid_too_big(params, d, n, total, noat, err);
  *ndesign = (size_t) total;
  return 0;
}

/* The full factorial, parameter 0 outermost (slowest), parameter d-1 fastest. */
static int fill_grid(fs_design *dz, const fs_sweep_param *params, size_t n, fs_err *err) {
  int d = dz->d, rc = 0;
  double *lev[FS_DESIGN_MAX_PARAMS] = {0};
  size_t cnt[FS_DESIGN_MAX_PARAMS];
  for (int j = 0; j < d && rc == 0; j++) rc = grid_levels(&params[j], n, &lev[j], &cnt[j]);
  if (rc) {
    rc = fs_err_set(err, FS_ENOMEM, "out of memory for the levels of the grid");
  } else {
    for (size_t p = 0; p < dz->ndesign; p++) {
      size_t idx = p;
      for (int j = d - 1; j >= 0; j--) {
        dz->x[p * (size_t) d + (size_t) j] = lev[j][idx % cnt[j]];
        idx /= cnt[j];
      }
      dz->kind[p] = FS_PT_GRID;
    }
  }
  for (int j = 0; j < d; j++) free(lev[j]);
  return rc;
}

/* ---- Random and Latin hypercube ---- */

/* Draw order (part of the output: a seed must keep giving the same points):
   one gsl_rng_uniform per value, point by point, parameter by parameter
   within a point (row-major). */
static void fill_random(fs_design *dz, const fs_sweep_param *params, gsl_rng *rng) {
  size_t d = (size_t) dz->d;
  for (size_t p = 0; p < dz->ndesign; p++) {
    for (size_t j = 0; j < d; j++) dz->x[p * d + j] = from_unit(&params[j], gsl_rng_uniform(rng));
    dz->kind[p] = FS_PT_RANDOM;
  }
}

/* Draw order: for each parameter j in turn, first a permutation perm of
   0..n-1 (gsl_ran_shuffle), then one gsl_rng_uniform per point i in order;
   point i takes u = (perm[i] + uniform) / n, a uniform position inside
   stratum perm[i]. */
static int fill_lhs(fs_design *dz, const fs_sweep_param *params, gsl_rng *rng, fs_err *err) {
  size_t d = (size_t) dz->d, n = dz->ndesign;
  size_t *perm = fs_malloc(n * sizeof *perm);
  if (!perm) return fs_err_set(err, FS_ENOMEM, "out of memory for a Latin hypercube of %zu", n);
  for (size_t j = 0; j < d; j++) {
    for (size_t i = 0; i < n; i++) perm[i] = i;
    gsl_ran_shuffle(rng, perm, n, sizeof *perm);
    for (size_t i = 0; i < n; i++) {
      double u = ((double) perm[i] + gsl_rng_uniform(rng)) / (double) n;
      dz->x[i * d + j] = from_unit(&params[j], u);
    }
  }
  for (size_t i = 0; i < n; i++) dz->kind[i] = FS_PT_LHS;
  free(perm);
  return 0;
}

/* ---- Sobol and Saltelli ---- */

/* The Sobol sequence proper starts at the all-zero point. GSL's generator
   never returns it: its first point is (0.5, ..., 0.5), then (0.75, 0.25,
   ...), (0.25, 0.75, ...) and so on (GSL 2.7; tests/sweep/test_design.c pins
   this). So every point gsl_qrng_get returns is used and nothing is skipped;
   the first 2^k points are the balanced set x_1..x_{2^k}, shifted by one from
   the textbook x_0..x_{2^k - 1}. */
static gsl_qrng *sobol_new(unsigned dim, fs_err *err) {
  gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, dim);
  if (!q) fs_err_set(err, FS_ENOMEM, "out of memory for a %u-dimensional Sobol sequence", dim);
  return q;
}

static int fill_sobol(fs_design *dz, const fs_sweep_param *params, fs_err *err) {
  size_t d = (size_t) dz->d;
  gsl_qrng *q = sobol_new((unsigned) d, err);
  if (!q) return FS_ENOMEM;
  double u[FS_DESIGN_SOBOL_MAX_DIM];
  for (size_t p = 0; p < dz->ndesign; p++) {
    gsl_qrng_get(q, u);
    for (size_t j = 0; j < d; j++) dz->x[p * d + j] = from_unit(&params[j], u[j]);
    dz->kind[p] = FS_PT_SOBOL;
  }
  gsl_qrng_free(q);
  return 0;
}

/* Point k of the 2d-dimensional sequence gives row k of A (its first d
   coordinates) and of B (its last d). A and B are written first; each AB_i
   is then A's rows with column i copied from B, so every quantised value of
   AB_i equals the matching value of A or B exactly. */
static int fill_saltelli(fs_design *dz, const fs_sweep_param *params, fs_err *err) {
  size_t d = (size_t) dz->d, n = dz->n;
  gsl_qrng *q = sobol_new((unsigned) (2 * d), err);
  if (!q) return FS_ENOMEM;
  double u[FS_DESIGN_SOBOL_MAX_DIM];
  double *A = dz->x, *B = dz->x + n * d;
  for (size_t k = 0; k < n; k++) {
    gsl_qrng_get(q, u);
    for (size_t j = 0; j < d; j++) {
      A[k * d + j] = from_unit(&params[j], u[j]);
      B[k * d + j] = from_unit(&params[j], u[d + j]);
    }
    dz->kind[k] = FS_PT_SALTELLI_A;
    dz->kind[n + k] = FS_PT_SALTELLI_B;
  }
  gsl_qrng_free(q);
  for (size_t i = 0; i < d; i++) {
    double *AB = dz->x + (2 + i) * n * d;
    memcpy(AB, A, n * d * sizeof *AB);
    for (size_t k = 0; k < n; k++) {
      AB[k * d + i] = B[k * d + i];
      dz->kind[(2 + i) * n + k] = FS_PT_SALTELLI_AB;
      dz->varied[(2 + i) * n + k] = (int16_t) i;
    }
  }
  return 0;
}

/* ---- One at a time ---- */

/* The base point, then (oat_low, oat_high) for each parameter in order: the
   swing of an output between the two brackets the parameter's effect with
   the others held at the scenario's values. */
static void fill_oat(fs_design *dz, const fs_sweep_param *params) {
  size_t d = (size_t) dz->d, p0 = dz->ndesign;
  double *base = dz->x + p0 * d;
  for (size_t j = 0; j < d; j++) base[j] = fs_design_quantise(&params[j], params[j].base);
  dz->kind[p0] = FS_PT_BASE;
  for (size_t j = 0; j < d; j++) {
    size_t lo = p0 + 1 + 2 * j, hi = lo + 1;
    memcpy(dz->x + lo * d, base, d * sizeof *base);
    memcpy(dz->x + hi * d, base, d * sizeof *base);
    dz->x[lo * d + j] = fs_design_quantise(&params[j], params[j].lo);
    dz->x[hi * d + j] = fs_design_quantise(&params[j], params[j].hi);
    dz->kind[lo] = FS_PT_OAT_LOW;
    dz->kind[hi] = FS_PT_OAT_HIGH;
    dz->varied[lo] = dz->varied[hi] = (int16_t) j;
  }
}

/* ---- Build ---- */

/* Points of the design proper, after the checks that depend on the kind. */
static int design_size(fs_design_kind kind, const fs_sweep_param *params, int d, size_t n,
                       size_t noat, size_t *ndesign, fs_err *err) {
  switch (kind) {
  case FS_DESIGN_GRID:
    return grid_count(params, d, n, noat, ndesign, err);
  case FS_DESIGN_RANDOM:
  case FS_DESIGN_LHS:
  case FS_DESIGN_SOBOL:
    if (n < 1)
      return fs_err_set(err, FS_EUSAGE, "--design %s needs --points of at least 1",
                        fs_design_kind_name(kind));
    if (kind == FS_DESIGN_SOBOL && d > FS_DESIGN_SOBOL_MAX_DIM)
      return fs_err_set(err, FS_EUSAGE,
                        "--design sobol takes at most %d parameters (GSL's Sobol sequence has %d "
                        "dimensions); got %d",
                        FS_DESIGN_SOBOL_MAX_DIM, FS_DESIGN_SOBOL_MAX_DIM, d);
    *ndesign = n;
    return check_total(kind, n, n, noat, err);
  case FS_DESIGN_LIST:
    return fs_err_set(err, FS_EUSAGE,
                      "a list design's points are given, not built: its catalogue lists them "
                      "(fleetsim catalog run)");
  case FS_DESIGN_SALTELLI:
    if (n < 1) return fs_err_set(err, FS_EUSAGE, "--design saltelli needs --points of at least 1");
    if (2 * d > FS_DESIGN_SOBOL_MAX_DIM)
      return fs_err_set(err, FS_EUSAGE,
                        "--design saltelli takes at most %d parameters (GSL's Sobol sequence has "
                        "%d dimensions); got %d",
                        FS_DESIGN_SOBOL_MAX_DIM / 2, FS_DESIGN_SOBOL_MAX_DIM, d);
    if (n > FS_DESIGN_MAX_POINTS)
      return fs_err_set(err, FS_EUSAGE,
                        "--design saltelli with --points %zu has more than %d points; lower "
                        "--points",
                        n, FS_DESIGN_MAX_POINTS);
    *ndesign = n * (size_t) (d + 2);
    return check_total(kind, n, *ndesign, noat, err);
  }
  return fs_err_set(err, FS_EUSAGE, "unknown design kind %d", (int) kind);
}

void fs_design_free(fs_design *dz) {
  if (!dz) return;
  free(dz->x);
  free(dz->kind);
  free(dz->varied);
  memset(dz, 0, sizeof *dz);
}

int fs_design_build(fs_design *out, fs_design_kind kind, const fs_sweep_param *params, int d,
                    size_t n, int oat, uint64_t seed, fs_err *err) {
  memset(out, 0, sizeof *out);
  int rc = check_params(params, d, oat, err);
  if (rc) return rc;
  size_t noat = oat ? 1 + 2 * (size_t) d : 0, ndesign = 0;
  rc = design_size(kind, params, d, n, noat, &ndesign, err);
  if (rc) return rc;

  out->design = kind;
  out->d = d;
  out->n = n;
  out->ndesign = ndesign;
  out->npoints = ndesign + noat;
  size_t np = out->npoints;
  out->x = fs_malloc(np * (size_t) d * sizeof *out->x);
  out->kind = fs_malloc(np * sizeof *out->kind);
  out->varied = fs_malloc(np * sizeof *out->varied);
  if (!out->x || !out->kind || !out->varied) {
    fs_design_free(out);
    return fs_err_set(err, FS_ENOMEM, "out of memory for a design of %zu points", np);
  }
  for (size_t p = 0; p < np; p++) out->varied[p] = -1;

  gsl_rng *rng = NULL;
  switch (kind) {
  case FS_DESIGN_GRID:
    rc = fill_grid(out, params, n, err);
    break;
  case FS_DESIGN_RANDOM:
  case FS_DESIGN_LHS:
    rng = fs_rng_new(seed, FS_STREAM_SWEEP);
    if (!rng) {
      rc = fs_err_set(err, FS_ENOMEM, "out of memory for the sweep's random stream");
      break;
    }
    if (kind == FS_DESIGN_RANDOM)
      fill_random(out, params, rng);
    else
      rc = fill_lhs(out, params, rng, err);
    gsl_rng_free(rng);
    break;
  case FS_DESIGN_SOBOL:
    rc = fill_sobol(out, params, err);
    break;
  case FS_DESIGN_SALTELLI:
    rc = fill_saltelli(out, params, err);
    break;
  case FS_DESIGN_LIST: /* refused by design_size */
    break;
  }
  if (rc) {
    fs_design_free(out);
    return rc;
  }
  if (oat) fill_oat(out, params);
  return 0;
}

int fs_design_list(fs_design *out, const fs_sweep_param *params, int d, const double *x, size_t n,
                   fs_err *err) {
  memset(out, 0, sizeof *out);
  int rc = check_params(params, d, 0, err);
  if (rc) return rc;
  if (n < 1 || n > FS_DESIGN_MAX_POINTS)
    return fs_err_set(err, FS_EUSAGE, "a list design needs 1 to %d points (got %zu)",
                      FS_DESIGN_MAX_POINTS, n);
  out->design = FS_DESIGN_LIST;
  out->d = d;
  out->n = out->ndesign = out->npoints = n;
  out->x = fs_malloc(n * (size_t) d * sizeof *out->x);
  out->kind = fs_malloc(n * sizeof *out->kind);
  out->varied = fs_malloc(n * sizeof *out->varied);
  if (!out->x || !out->kind || !out->varied) {
    fs_design_free(out);
    return fs_err_set(err, FS_ENOMEM, "out of memory for a design of %zu points", n);
  }
  for (size_t p = 0; p < n; p++) {
    out->kind[p] = FS_PT_LIST;
    out->varied[p] = -1;
    for (int j = 0; j < d; j++) {
      double v = x[p * (size_t) d + (size_t) j];
      if (!isfinite(v)) {
        fs_design_free(out);
        return fs_err_set(err, FS_EUSAGE, "point %zu: %s is not a number", p + 1, params[j].name);
      }
      out->x[p * (size_t) d + (size_t) j] = fs_design_quantise(&params[j], v);
    }
  }
  return 0;
}
