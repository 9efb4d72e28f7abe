/* test_sensitivity.c: t intervals, paired swings, quantiles and SD by hand; Sobol indices on the
 * Ishigami function and a linear model through a Saltelli design, NAN samples, constant output. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/rng.h"
#include "sweep/design.h"
#include "sweep/sensitivity.h"
#include "tap.h"

static int near(double a, double b, double tol) {
  return fabs(a - b) <= tol;
}

static void test_means(void) {
  fs_ci c;
  /* 1..5: mean 3, s = sqrt(2.5), se = s / sqrt 5, t(0.975, 4) = 2.7764451051977987. */
  double x[6] = {1, NAN, 2, 3, 4, 5};
  fs_sens_mean_ci(x, 6, 0.95, &c);
  double half = 2.7764451051977987 * sqrt(2.5 / 5);
  tap_ok(c.n == 5 && c.est == 3 && near(c.lo, 3 - half, 1e-9) && near(c.hi, 3 + half, 1e-9),
         "mean of 1..5 with a NAN: 3 +- %.6f (got %.6f..%.6f, n %d)", half, c.lo, c.hi, c.n);
  fs_sens_mean_ci(x, 6, 0.5, &c);
  tap_ok(near(c.hi - 3, 0.7406970841126821 * sqrt(0.5), 1e-9),
         "50 %% level uses t(0.75, 4) = 0.7407");
  double one[2] = {NAN, 7};
  fs_sens_mean_ci(one, 2, 0.95, &c);
  tap_ok(c.n == 1 && c.est == 7 && isnan(c.lo) && isnan(c.hi), "one value: estimate, no interval");
  double none[2] = {NAN, NAN};
  fs_sens_mean_ci(none, 2, 0.95, &c);
  tap_ok(c.n == 0 && isnan(c.est) && isnan(c.lo) && isnan(c.hi), "no values: all NAN");
  fs_sens_mean_ci(x, 0, 0.95, &c);
  tap_ok(c.n == 0 && isnan(c.est), "empty array");
  double same[3] = {4, 4, 4};
  fs_sens_mean_ci(same, 3, 0.95, &c);
  tap_ok(c.est == 4 && c.lo == 4 && c.hi == 4, "constant values: a zero-width interval");

  /* Pairs (5,3), (7,4); (NAN,1) and (10,NAN) dropped: differences 2, 3,
     mean 2.5, s = sqrt(0.5), se = 0.5, t(0.975, 1) = 12.706204736174698. */
  double hi[4] = {5, 7, NAN, 10}, lo[4] = {3, 4, 1, NAN};
  fs_sens_paired_diff(hi, lo, 4, 0.95, &c);
  tap_ok(c.n == 2 && c.est == 2.5 && near(c.lo, 2.5 - 12.706204736174698 * 0.5, 1e-9) &&
             near(c.hi, 2.5 + 12.706204736174698 * 0.5, 1e-9),
         "paired difference: 2.5 +- 6.353 over the 2 complete pairs");
  /* Pairing removes the shared noise: big common offsets, constant swing. */
  double h2[5] = {101, 202, 303, 404, 505}, l2[5] = {100, 201, 302, 403, 504};
  fs_sens_paired_diff(h2, l2, 5, 0.95, &c);
  tap_ok(c.est == 1 && c.lo == 1 && c.hi == 1, "a constant swing under common noise: exactly 1");
  double inf[2] = {INFINITY, 1}, inf2[2] = {INFINITY, 0};
  fs_sens_paired_diff(inf, inf2, 2, 0.95, &c);
  tap_ok(c.n == 1 && c.est == 1, "inf - inf dropped");
}

static void test_quantile_sd(void) {
  double x[5] = {3, NAN, 1, 2, 4}, qs[5];
  tap_ok(fs_sens_quantile(x, 5, 0.5, qs) == 2.5 && fs_sens_quantile(x, 5, 0.25, qs) == 1.75 &&
             fs_sens_quantile(x, 5, 0, qs) == 1 && fs_sens_quantile(x, 5, 1, qs) == 4 &&
             near(fs_sens_quantile(x, 5, 0.9, qs), 3.7, 1e-12),
         "quantiles of {1,2,3,4} (type 7): 0.5 -> 2.5, 0.25 -> 1.75, 0.9 -> 3.7");
  tap_ok(x[0] == 3 && isnan(x[1]) && x[4] == 4, "input left as it was");
  tap_ok(fs_sens_quantile(x, 5, 2, qs) == 4 && fs_sens_quantile(x, 5, -1, qs) == 1 &&
             isnan(fs_sens_quantile(x, 5, NAN, qs)),
         "q clamped to 0..1; NAN q gives NAN");
  double n2[2] = {NAN, NAN};
  tap_ok(isnan(fs_sens_quantile(n2, 2, 0.5, qs)) && isnan(fs_sens_quantile(n2, 0, 0.5, qs)),
         "no values: NAN");
  tap_ok(fs_sens_quantile(x + 2, 1, 0.3, qs) == 1, "one value: itself");

  /* 2 4 4 4 5 5 7 9: mean 5, squared deviations sum to 32, s = sqrt(32 / 7). */
  double s[9] = {2, 4, 4, NAN, 4, 5, 5, 7, 9};
  tap_ok(near(fs_sens_sd(s, 9), sqrt(32.0 / 7), 1e-12), "SD (n-1) of 2 4 4 4 5 5 7 9: 2.138");
  tap_ok(isnan(fs_sens_sd(s, 1)) && isnan(fs_sens_sd(n2, 2)) && fs_sens_sd(s + 1, 2) == 0,
         "SD of one value NAN; of two equal values 0");
}

/* ---- Sobol indices ---- */

typedef double (*model_fn)(const double *x);

static double ishigami(const double *x) {
  return sin(x[0]) + 7 * sin(x[1]) * sin(x[1]) + 0.1 * pow(x[2], 4) * sin(x[0]);
}

static double linear(const double *x) {
  return 2 * x[0] + x[1];
}

static double linear_shifted(const double *x) {
  return 1e6 + 2 * x[0] + x[1];
}

/* Outputs of a Saltelli design of N base samples: fA, fB (N each) and fAB
   (d*N), caller frees the block at *fA. */
static int run_design(const fs_sweep_param *ps, int d, size_t N, model_fn f, double **fA,
                      double **fB, double **fAB) {
  fs_design dz;
  fs_err err = {0};
  if (fs_design_build(&dz, FS_DESIGN_SALTELLI, ps, d, N, 0, 1, &err)) return -1;
  double *y = malloc(dz.ndesign * sizeof *y);
  for (size_t p = 0; p < dz.ndesign; p++) y[p] = f(dz.x + p * (size_t) d);
  fs_design_free(&dz);
  *fA = y;
  *fB = y + N;
  *fAB = y + 2 * N;
  return 0;
}

static fs_sweep_param uparam(double lo, double hi) {
  fs_sweep_param p = {.lo = lo, .hi = hi};
  strcpy(p.name, "x");
  return p;
}

static int ishigami_at(size_t N, int nboot, fs_ci *S1, fs_ci *ST) {
  fs_sweep_param ps[3] = {uparam(-M_PI, M_PI), uparam(-M_PI, M_PI), uparam(-M_PI, M_PI)};
  double *fA, *fB, *fAB;
  fs_err err = {0};
  if (run_design(ps, 3, N, ishigami, &fA, &fB, &fAB)) return -1;
  gsl_rng *rng = fs_rng_new(1, FS_STREAM_BOOT);
  int rc = fs_sens_sobol(fA, fB, fAB, N, 3, nboot, 0.95, rng, S1, ST, &err);
  gsl_rng_free(rng);
  free(fA);
  return rc;
}

static void test_ishigami(void) {
  /* Analytic indices of Ishigami and Homma (1990), a = 7, b = 0.1, inputs
     U(-pi, pi): V1 = (1 + b pi^4 / 5)^2 / 2, V2 = a^2 / 8, V13 = b^2 pi^8 8/225. */
  double b = 0.1, p4 = pow(M_PI, 4), p8 = p4 * p4;
  double V1 = 0.5 * (1 + b * p4 / 5) * (1 + b * p4 / 5), V2 = 49.0 / 8, V13 = b * b * p8 * 8 / 225;
  double V = V1 + V2 + V13;
  double s1[3] = {V1 / V, V2 / V, 0}, st[3] = {(V1 + V13) / V, V2 / V, V13 / V};
  tap_ok(near(s1[0], 0.3139, 1e-4) && near(s1[1], 0.4424, 1e-4) && near(st[0], 0.5576, 1e-4) &&
             near(st[2], 0.2437, 1e-4),
         "Ishigami analytic: S1 0.3139 0.4424 0, ST 0.5576 0.4424 0.2437");

  fs_ci S1[3], ST[3], S1s[3], STs[3];
  tap_ok(ishigami_at(4096, 500, S1, ST) == 0, "Ishigami, N = 4096, 500 bootstrap resamples");
  int ok = 1, inside = 1;
  for (int i = 0; i < 3; i++) {
    tap_diag("x%d: S1 %.4f [%.4f, %.4f] (analytic %.4f)   ST %.4f [%.4f, %.4f] (analytic %.4f)",
             i + 1, S1[i].est, S1[i].lo, S1[i].hi, s1[i], ST[i].est, ST[i].lo, ST[i].hi, st[i]);
    ok &= near(S1[i].est, s1[i], 0.03) && near(ST[i].est, st[i], 0.03);
    inside &= S1[i].lo <= S1[i].est && S1[i].est <= S1[i].hi && ST[i].lo <= ST[i].est &&
              ST[i].est <= ST[i].hi && S1[i].n == 4096 && ST[i].n == 4096;
  }
  tap_ok(ok, "Ishigami: every S1 and ST within 0.03 of the analytic value");
  tap_ok(inside, "Ishigami: each bootstrap interval contains its estimate; n = 4096");
  int cover = 1;
  for (int i = 0; i < 3; i++)
    cover &= S1[i].lo - 0.01 <= s1[i] && s1[i] <= S1[i].hi + 0.01 && ST[i].lo - 0.01 <= st[i] &&
             st[i] <= ST[i].hi + 0.01;
  tap_ok(cover, "Ishigami: the analytic values lie in (or within 0.01 of) the intervals");

  tap_ok(ishigami_at(512, 500, S1s, STs) == 0, "Ishigami, N = 512");
  int narrower = 1;
  for (int i = 0; i < 3; i++) {
    tap_diag("x%d: interval width S1 %.4f at N = 512, %.4f at 4096; ST %.4f, %.4f", i + 1,
             S1s[i].hi - S1s[i].lo, S1[i].hi - S1[i].lo, STs[i].hi - STs[i].lo,
             ST[i].hi - ST[i].lo);
    narrower &=
        S1[i].hi - S1[i].lo < S1s[i].hi - S1s[i].lo && ST[i].hi - ST[i].lo < STs[i].hi - STs[i].lo;
  }
  tap_ok(narrower, "Ishigami: intervals narrower at N = 4096 than at 512");

  fs_ci again1[3], againT[3];
  ishigami_at(512, 500, again1, againT);
  int same = 1;
  for (int i = 0; i < 3; i++)
    same &= again1[i].est == S1s[i].est && again1[i].lo == S1s[i].lo && again1[i].hi == S1s[i].hi &&
            againT[i].lo == STs[i].lo && againT[i].hi == STs[i].hi;
  tap_ok(same, "the bootstrap is a pure function of the rng seed");
  ishigami_at(512, 0, again1, againT);
  tap_ok(again1[0].est == S1s[0].est && isnan(again1[0].lo) && isnan(againT[2].hi),
         "nboot 0: the same estimates, no interval");
}

static void test_linear(void) {
  fs_sweep_param ps[2] = {uparam(0, 1), uparam(0, 1)};
  double *fA, *fB, *fAB;
  fs_err err = {0};
  size_t N = 1024;
  fs_ci S1[2], ST[2];
  run_design(ps, 2, N, linear, &fA, &fB, &fAB);
  tap_ok(fs_sens_sobol(fA, fB, fAB, N, 2, 0, 0.95, NULL, S1, ST, &err) == 0,
         "y = 2 x1 + x2, N = 1024, no bootstrap (rng NULL)");
  tap_diag("S1 %.4f %.4f, ST %.4f %.4f", S1[0].est, S1[1].est, ST[0].est, ST[1].est);
  tap_ok(near(S1[0].est, 0.8, 0.02) && near(S1[1].est, 0.2, 0.02) && near(ST[0].est, 0.8, 0.02) &&
             near(ST[1].est, 0.2, 0.02),
         "additive model: S1 = ST = 0.8, 0.2");

  double *gA, *gB, *gAB;
  fs_ci T1[2], TT[2];
  run_design(ps, 2, N, linear_shifted, &gA, &gB, &gAB);
  fs_sens_sobol(gA, gB, gAB, N, 2, 0, 0.95, NULL, T1, TT, &err);
  tap_ok(near(T1[0].est, S1[0].est, 1e-6) && near(T1[1].est, S1[1].est, 1e-6) &&
             near(TT[0].est, ST[0].est, 1e-6),
         "adding 1e6 to the output leaves the indices (f(B) is centred)");
  free(gA);

  /* NAN in sample 5 of A and sample 7 of AB_1: both samples are dropped,
     and the result equals the indices of the 1022 complete samples. */
  fA[5] = NAN;
  fAB[N + 7] = NAN;
  tap_ok(fs_sens_sobol(fA, fB, fAB, N, 2, 0, 0.95, NULL, S1, ST, &err) == 0 && S1[0].n == 1022 &&
             S1[1].n == 1022 && ST[0].n == 1022 && !isnan(S1[0].est),
         "samples with a NAN in any of their d+2 runs dropped: n = 1022");
  size_t M = N - 2;
  double *cA = malloc(M * sizeof *cA), *cB = malloc(M * sizeof *cB),
         *cAB = malloc(2 * M * sizeof *cAB);
  for (size_t j = 0, k = 0; j < N; j++) {
    if (j == 5 || j == 7) continue;
    cA[k] = fA[j];
    cB[k] = fB[j];
    cAB[k] = fAB[j];
    cAB[M + k] = fAB[N + j];
    k++;
  }
  fs_sens_sobol(cA, cB, cAB, M, 2, 0, 0.95, NULL, T1, TT, &err);
  tap_ok(T1[0].est == S1[0].est && T1[1].est == S1[1].est && TT[0].est == ST[0].est &&
             TT[1].est == ST[1].est,
         "the same indices as the 1022 complete samples alone");
  free(cA);
  free(cB);
  free(cAB);

  gsl_rng *rng = fs_rng_new(3, FS_STREAM_BOOT);
  int rc = fs_sens_sobol(fA, fB, fAB, N, 2, 200, 0.9, rng, S1, ST, &err);
  tap_ok(rc == 0 && S1[0].lo <= S1[0].est && S1[0].est <= S1[0].hi && S1[0].hi - S1[0].lo < 0.2,
         "bootstrap with NAN samples: interval %.4f..%.4f around %.4f", S1[0].lo, S1[0].hi,
         S1[0].est);
  tap_ok(fs_sens_sobol(fA, fB, fAB, N, 2, 10, 0.9, NULL, S1, ST, &err) == FS_EINVAL,
         "a bootstrap without a stream is refused: %s", err.msg);
  tap_ok(fs_sens_sobol(fA, fB, fAB, N, 0, 0, 0.9, NULL, S1, ST, &err) == FS_EINVAL,
         "no parameters refused");

  /* Constant output: V = 0, every index 0/0. */
  for (size_t j = 0; j < N; j++) fA[j] = fB[j] = fAB[j] = fAB[N + j] = 0.1;
  tap_ok(fs_sens_sobol(fA, fB, fAB, N, 2, 50, 0.95, rng, S1, ST, &err) == 0 && isnan(S1[0].est) &&
             isnan(S1[1].lo) && isnan(ST[0].hi) && isnan(ST[1].est) && S1[0].n == (int) N,
         "constant output (V = 0): NAN indices and intervals");
  /* One usable sample of two: too few. */
  fA[0] = 1;
  fB[1] = NAN;
  tap_ok(fs_sens_sobol(fA, fB, fAB, 2, 2, 50, 0.95, rng, S1, ST, &err) == 0 && isnan(S1[0].est) &&
             S1[0].n == 1,
         "one usable base sample: NAN");
  tap_ok(fs_sens_sobol(fA, fB, fAB, 0, 2, 50, 0.95, rng, S1, ST, &err) == 0 && isnan(ST[1].est) &&
             ST[1].n == 0,
         "N = 0: NAN");
  gsl_rng_free(rng);
  free(fA);
}

int main(void) {
  test_means();
  test_quantile_sd();
  test_ishigami();
  test_linear();
  return tap_done();
}
