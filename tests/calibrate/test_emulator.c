/* test_emulator.c: the GP emulator on known functions: accuracy, variance, hyperparameters. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "calibrate/emulator.h"
#include "tap.h"

/* A Latin hypercube of n points in [0,1]^d: each column a shuffled set of
   strata, one uniform point in each. */
static void lhs(gsl_rng *r, size_t n, int d, double *x) {
  size_t *perm = malloc(n * sizeof *perm);
  for (int j = 0; j < d; j++) {
    for (size_t i = 0; i < n; i++) perm[i] = i;
    gsl_ran_shuffle(r, perm, n, sizeof *perm);
    for (size_t i = 0; i < n; i++)
      x[i * (size_t) d + j] = ((double) perm[i] + gsl_rng_uniform(r)) / (double) n;
  }
  free(perm);
}

static void uniform(gsl_rng *r, size_t n, int d, double *x) {
  for (size_t i = 0; i < n * (size_t) d; i++) x[i] = gsl_rng_uniform(r);
}

static double f2(const double *x) {
  return sin(2 * M_PI * x[0]) * cos(M_PI * x[1]) + x[1] * x[1];
}

static double f5(const double *x) {
  return sin(2 * x[0] + x[1]) + 2 * (x[2] - 0.5) * (x[2] - 0.5) + 0.5 * x[3] * x[4] + 0.2 * x[4];
}

static double sd_of(const double *y, size_t n) {
  double m = 0, s = 0;
  for (size_t i = 0; i < n; i++) m += y[i];
  m /= (double) n;
  for (size_t i = 0; i < n; i++) s += (y[i] - m) * (y[i] - m);
  return sqrt(s / (double) (n - 1));
}

/* Root mean square error of g on m held-out points of f, relative to the SD
   of f there. */
static double heldout_rel_rmse(const fs_gp *g, gsl_rng *r, int d, double (*f)(const double *)) {
  enum { M = 500 };
  double *x = malloc(M * (size_t) d * sizeof *x), mean[M], var[M], truth[M], se = 0;
  uniform(r, M, d, x);
  fs_gp_predict(g, x, M, mean, var);
  for (size_t i = 0; i < M; i++) {
    truth[i] = f(x + i * (size_t) d);
    se += (mean[i] - truth[i]) * (mean[i] - truth[i]);
  }
  free(x);
  return sqrt(se / M) / sd_of(truth, M);
}

static fs_gp *fit_fn(gsl_rng *r, size_t n, int d, double (*f)(const double *), double noise,
                     double **xout) {
  double *x = malloc(n * (size_t) d * sizeof *x), *y = malloc(n * sizeof *y);
  lhs(r, n, d, x);
  for (size_t i = 0; i < n; i++) y[i] = f(x + i * (size_t) d) + gsl_ran_gaussian(r, noise);
  fs_gp *g = NULL;
  fs_err err = {0};
  int rc = fs_gp_fit(&g, x, y, n, d, &err);
  if (rc < 0) tap_diag("fit failed: %s", err.msg);
  free(y);
  if (xout)
    *xout = x;
  else
    free(x);
  return g;
}

static void interpolation_2d(gsl_rng *r) {
  size_t n = 40;
  double *x;
  fs_gp *g = fit_fn(r, n, 2, f2, 0, &x);
  tap_ok(g != NULL, "2-D fit of 40 points");
  if (!g) {
    free(x);
    return;
  }
  double e = heldout_rel_rmse(g, r, 2, f2);
  tap_ok(e < 0.05, "2-D: held-out RMSE %.4f of the SD (< 0.05)", e);
  double mean[40], var[40], vmax = 0;
  fs_gp_predict(g, x, n, mean, var);
  for (size_t i = 0; i < n; i++) vmax = fmax(vmax, var[i] / fs_gp_signal_var(g));
  tap_ok(vmax < 1e-4, "2-D: variance at the training points %.2g of the signal variance", vmax);
  /* Just outside the cube, then far out (where k is about 0 and the
     variance is the signal's plus the linear mean's). */
  double near[2] = {1.25, 1.25}, far[2] = {3, -2}, m1, v1, m2, v2, sf2 = fs_gp_signal_var(g);
  fs_gp_predict(g, near, 1, &m1, &v1);
  fs_gp_predict(g, far, 1, &m2, &v2);
  tap_ok(v1 / sf2 > 100 * vmax && v2 >= sf2 && v2 > v1,
         "2-D: variance grows away from the data (%.3g just outside, %.3g far out, signal %.3g)",
         v1, v2, sf2);
  tap_diag("2-D: lengths %.3f %.3f, signal var %.3g, nugget %.3g", fs_gp_length(g, 0),
           fs_gp_length(g, 1), fs_gp_signal_var(g), fs_gp_nugget_var(g));
  free(x);
  fs_gp_free(g);
}

static void interpolation_5d(gsl_rng *r) {
  fs_gp *g = fit_fn(r, 100, 5, f5, 0, NULL);
  tap_ok(g != NULL, "5-D fit of 100 points");
  if (!g) return;
  double e = heldout_rel_rmse(g, r, 5, f5);
  tap_ok(e < 0.05, "5-D: held-out RMSE %.4f of the SD (< 0.05)", e);
  fs_gp_free(g);
}

static double f_active0(const double *x) {
  return sin(8 * x[0]) + 0 * x[1];
}

static void length_scales(gsl_rng *r) {
  fs_gp *g = fit_fn(r, 50, 2, f_active0, 0, NULL);
  if (!g) {
    tap_ok(0, "length-scale fit");
    return;
  }
  double l0 = fs_gp_length(g, 0), l1 = fs_gp_length(g, 1);
  tap_ok(l0 < 0.5 && l1 > 3 * l0 && l1 > 1,
         "sin(8 x1): short length for x1 (%.3f), long for the inert x2 (%.3f)", l0, l1);
  fs_gp_free(g);
}

static double f_noisy(const double *x) {
  return sin(3 * x[0]) + cos(2 * x[1]);
}

static void noise_and_loo(gsl_rng *r) {
  double sd = 0.1;
  fs_gp *g = fit_fn(r, 100, 2, f_noisy, sd, NULL);
  if (!g) {
    tap_ok(0, "noisy fit");
    return;
  }
  double nug = fs_gp_nugget_var(g);
  tap_ok(nug > sd * sd / 2 && nug < sd * sd * 2,
         "noise SD 0.1: nugget %.4g within a factor 2 of 0.01", nug);
  double rms, r2;
  fs_gp_loo(g, &rms, &r2);
  tap_ok(rms >= 0.5 && rms <= 2,
         "noisy, well specified: LOO RMS standardised error %.3f in [0.5, 2]", rms);
  tap_ok(r2 > 0.8 && r2 <= 1, "noisy: LOO R^2 %.3f", r2);
  /* The variance is the latent mean's: standardised errors against the
     noise-free function average about 1 (with the nugget added they would
     be about 0.15). */
  enum { M = 500 };
  double xs[M * 2], mean[M], var[M], z2 = 0;
  uniform(r, M, 2, xs);
  fs_gp_predict(g, xs, M, mean, var);
  for (int i = 0; i < M; i++) z2 += pow(mean[i] - f_noisy(xs + 2 * i), 2) / var[i] / M;
  tap_ok(z2 > 0.3 && z2 < 3, "noisy: held-out mean squared standardised error %.3f in [0.3, 3]",
         z2);
  fs_gp_free(g);
  /* noise free: LOO nearly exact */
  g = fit_fn(r, 60, 2, f2, 0, NULL);
  if (!g) return;
  fs_gp_loo(g, &rms, &r2);
  tap_ok(r2 > 0.99, "noise free 2-D: LOO R^2 %.5f > 0.99 (standardised RMS %.3f)", r2, rms);
  fs_gp_free(g);
}

static void determinism(void) {
  double mean[2][200], var[2][200], hyp[2][6];
  for (int t = 0; t < 2; t++) {
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 7);
    fs_gp *g = fit_fn(r, 64, 5, f5, 0.05, NULL);
    double *x = malloc(200 * 5 * sizeof *x);
    uniform(r, 200, 5, x);
    fs_gp_predict(g, x, 200, mean[t], var[t]);
    for (int j = 0; j < 5; j++) hyp[t][j] = fs_gp_length(g, j);
    hyp[t][5] = fs_gp_nugget_var(g);
    free(x);
    fs_gp_free(g);
    gsl_rng_free(r);
  }
  tap_ok(!memcmp(mean[0], mean[1], sizeof mean[0]) && !memcmp(var[0], var[1], sizeof var[0]) &&
             !memcmp(hyp[0], hyp[1], sizeof hyp[0]),
         "two fits of the same points: the same bits");
}

/* Outputs without a GP part: the linear mean alone fits them. */
static void degenerate_outputs(void) {
  enum { N = 20 };
  double x[N * 2], y[N], mean[N], var[N], xs[4] = {0.25, 0.75, 0.9, 0.1}, ms[2], vs[2];
  for (int i = 0; i < N; i++) x[2 * i] = (i + 0.5) / N, x[2 * i + 1] = fmod(i * 0.618034, 1.0);
  fs_gp *g = NULL;
  fs_err err = {0};
  for (int i = 0; i < N; i++) y[i] = 3;
  int rc = fs_gp_fit(&g, x, y, N, 2, &err);
  int ok = rc == 0;
  if (ok) {
    fs_gp_predict(g, x, N, mean, var);
    for (int i = 0; i < N; i++) ok &= fabs(mean[i] - 3) < 1e-9 && isfinite(var[i]);
  }
  tap_ok(ok, "a constant output: fitted and predicted (rc %d %s)", rc, err.msg);
  fs_gp_free(g);
  for (int i = 0; i < N; i++) y[i] = 1 + 2 * x[2 * i] - x[2 * i + 1];
  g = NULL;
  rc = fs_gp_fit(&g, x, y, N, 2, &err);
  ok = rc == 0;
  if (ok) {
    fs_gp_predict(g, xs, 2, ms, vs);
    ok = fabs(ms[0] - (1 + 0.5 - 0.75)) < 1e-6 && fabs(ms[1] - (1 + 1.8 - 0.1)) < 1e-6;
  }
  tap_ok(ok, "an exactly linear output: predicted exactly away from the points");
  fs_gp_free(g);
}

static void errors(void) {
  double x[3 * 4] = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.15, 0.25, 0.35};
  double y[4] = {1, 2, 3, 4};
  fs_gp *g = (fs_gp *) &g;
  fs_err err = {0};
  int rc = fs_gp_fit(&g, x, y, 4, 3, &err);
  tap_ok(rc == FS_EUSAGE && g == NULL && strstr(err.msg, "at least 5 points"),
         "4 points in 3 dimensions: %s", err.msg);
  double x2[2 * 5] = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.05};
  double y2[5] = {1, 2, NAN, 4, 5};
  rc = fs_gp_fit(&g, x2, y2, 5, 2, &err);
  tap_ok(rc == FS_EUSAGE && strstr(err.msg, "not finite"), "a NAN output: %s", err.msg);
  y2[2] = INFINITY;
  rc = fs_gp_fit(&g, x2, y2, 5, 2, &err);
  tap_ok(rc == FS_EUSAGE && strstr(err.msg, "not finite"), "an infinite output: %s", err.msg);
  y2[2] = 3, x2[7] = NAN;
  rc = fs_gp_fit(&g, x2, y2, 5, 2, &err);
  tap_ok(rc == FS_EUSAGE && strstr(err.msg, "point 3"), "a NAN parameter: %s", err.msg);
  size_t big = FS_GP_MAX_POINTS + 1;
  double *bx = calloc(big, sizeof *bx), *by = calloc(big, sizeof *by);
  rc = fs_gp_fit(&g, bx, by, big, 1, &err);
  tap_ok(rc == FS_EUSAGE && strstr(err.msg, "at most"), "too many points: %s", err.msg);
  free(bx);
  free(by);
}

static void timing(gsl_rng *r, size_t n) {
  clock_t t0 = clock();
  fs_gp *g = fit_fn(r, n, 5, f5, 0.01, NULL);
  double s = (double) (clock() - t0) / CLOCKS_PER_SEC;
  tap_ok(g != NULL, "n = %zu, d = 5 fitted", n);
  tap_diag("fit n = %zu, d = 5: %.3f s CPU", n, s);
  fs_gp_free(g);
}

int main(void) {
  /* As the command line does: GSL reports, never aborts. */
  gsl_set_error_handler_off();
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 20240719);
  interpolation_2d(r);
  interpolation_5d(r);
  length_scales(r);
  noise_and_loo(r);
  determinism();
  degenerate_outputs();
  errors();
  timing(r, 64);
  timing(r, 200);
  gsl_rng_free(r);
  return tap_done();
}
