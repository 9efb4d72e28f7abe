/* test_smc.c: the ABC-SMC arithmetic on hand-checkable cases, and a toy ABC-SMC run. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "calibrate/smc.h"
#include "tap.h"

static int near(double a, double b, double tol) {
  return fabs(a - b) <= tol;
}

static gsl_rng *rng(unsigned long seed) {
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  return r;
}

static void quantiles(void) {
  double v[5] = {3, 1, 2, 5, 4}, keep[5];
  memcpy(keep, v, sizeof v);
  tap_ok(fs_smc_quantile(v, NULL, 5, 0.5) == 3 && fs_smc_quantile(v, NULL, 5, 0) == 1 &&
             fs_smc_quantile(v, NULL, 5, 1) == 5,
         "equal weights: median 3, q = 0 the minimum, q = 1 the maximum");
  tap_ok(
      fs_smc_quantile(v, NULL, 5, 0.2) == 1 && fs_smc_quantile(v, NULL, 5, 0.21) == 2 &&
          fs_smc_quantile(v, NULL, 5, 0.8) == 4,
      "equal weights: the smallest value whose cumulative weight reaches q (0.2 -> 1, 0.21 -> 2)");
  double a[3] = {1, 2, 3}, w[3] = {0.1, 0.1, 0.8}, wkeep[3];
  memcpy(wkeep, w, sizeof w);
  tap_ok(fs_smc_quantile(a, w, 3, 0.5) == 3 && fs_smc_quantile(a, w, 3, 0.2) == 2 &&
             fs_smc_quantile(a, w, 3, 0.1) == 1,
         "weights 0.1, 0.1, 0.8: median 3, 0.2 -> 2, 0.1 -> 1");
  double w0[3] = {0, 1, 1};
  tap_ok(fs_smc_quantile(a, w0, 3, 0) == 2, "q = 0 skips a value without weight");
  double b[4] = {NAN, 1, NAN, 2};
  tap_ok(fs_smc_quantile(b, NULL, 4, 0) == 1 && fs_smc_quantile(b, NULL, 4, 1) == 2 &&
             fs_smc_quantile(b, NULL, 4, 0.5) == 1,
         "NAN values skipped: 0 -> 1, 0.5 -> 1, 1 -> 2");
  double c[2] = {NAN, NAN};
  tap_ok(isnan(fs_smc_quantile(c, NULL, 2, 0.5)) && isnan(fs_smc_quantile(c, NULL, 0, 0.5)),
         "nothing left: NAN");
  tap_ok(!memcmp(v, keep, sizeof v) && !memcmp(w, wkeep, sizeof w), "inputs left alone");
  /* q = 1 with weights whose sum rounds: still the largest value */
  double d[10], dw[10];
  for (int i = 0; i < 10; i++) d[i] = 9 - i, dw[i] = 0.1;
  tap_ok(fs_smc_quantile(d, dw, 10, 1) == 9, "q = 1 with ten weights of 0.1 reaches the maximum");
}

static void ess(void) {
  double eq[10], deg[4] = {0, 0, 1, 0}, mix[3] = {1, 1, 2};
  for (int i = 0; i < 10; i++) eq[i] = 0.37;
  tap_ok(near(fs_smc_ess(eq, 10), 10, 1e-12) && near(fs_smc_ess(deg, 4), 1, 0) &&
             near(fs_smc_ess(mix, 3), 16.0 / 6, 1e-12),
         "ESS: 10 equal weights 10, one non-zero 1, (1, 1, 2) 16/6");
}

/* The test's own weighted covariance, times 2. */
static void cov2(const double *t, const double *w, size_t n, int d, double *c) {
  double tot = 0, m[4] = {0};
  for (size_t i = 0; i < n; i++) tot += w[i];
  for (size_t i = 0; i < n; i++)
    for (int j = 0; j < d; j++) m[j] += w[i] * t[i * d + j] / tot;
  for (int j = 0; j < d; j++)
    for (int k = 0; k < d; k++) {
      double s = 0;
      for (size_t i = 0; i < n; i++) s += w[i] * (t[i * d + j] - m[j]) * (t[i * d + k] - m[k]);
      c[j * d + k] = 2 * s / tot;
    }
}

/* max |L L^T - want| and whether L's upper triangle is zero. */
static double llt_err(const double *L, const double *want, int d, int *lower) {
  double e = 0;
  *lower = 1;
  for (int j = 0; j < d; j++)
    for (int k = 0; k < d; k++) {
      double s = 0;
      for (int l = 0; l < d; l++) s += L[j * d + l] * L[k * d + l];
      e = fmax(e, fabs(s - want[j * d + k]));
      if (k > j && L[j * d + k] != 0) *lower = 0;
    }
  return e;
}

static const double pop[5 * 2] = {0.1, 0.2, 0.3, 0.5, 0.6, 0.4, 0.9, 0.9, 0.5, 0.7};
static const double popw[5] = {1, 2, 3, 4, 2};

static void kernel(void) {
  double L[4], c[4];
  fs_err err = {0};
  int lower;
  tap_ok(fs_smc_kernel(pop, popw, 5, 2, L, &err) == 0, "kernel of a 2-D population");
  cov2(pop, popw, 5, 2, c);
  tap_ok(llt_err(L, c, 2, &lower) < 1e-14 && lower && L[0] > 0 && L[3] > 0,
         "chol chol^T = 2 x the weighted covariance, lower triangular");
  /* the same with weights scaled: the same kernel */
  double w2[5];
  for (int i = 0; i < 5; i++) w2[i] = popw[i] * 1e-3;
  double L2[4];
  fs_smc_kernel(pop, w2, 5, 2, L2, &err);
  tap_ok(llt_err(L2, c, 2, &lower) < 1e-14, "weights summing to anything: the same kernel");
  /* a collapsed parameter: its variance floored at (1e-3)^2 */
  double col[4 * 2] = {0.1, 0.5, 0.4, 0.5, 0.7, 0.5, 0.2, 0.5}, one[4] = {1, 1, 1, 1};
  fs_smc_kernel(col, one, 4, 2, L, &err);
  cov2(col, one, 4, 2, c);
  tap_ok(near(L[3], 1e-3, 1e-15) && L[2] == 0 && near(L[0] * L[0], c[0], 1e-15),
         "a collapsed parameter: SD 1e-3 (got %g), the other unchanged", L[3]);
  /* two parameters in lockstep: singular though neither collapsed */
  double lock[4 * 2] = {0.1, 0.1, 0.4, 0.4, 0.7, 0.7, 0.2, 0.2};
  tap_ok(fs_smc_kernel(lock, one, 4, 2, L, &err) == 0 && L[3] > 0 && isfinite(L[2]),
         "parameters in lockstep: a factor still (diagonal %g %g)", L[0], L[3]);
  cov2(lock, one, 4, 2, c);
  tap_ok(llt_err(L, c, 2, &lower) < 1e-5, "and close to 2 x the covariance");
  lock[3] = NAN;
  tap_ok(fs_smc_kernel(lock, one, 4, 2, L, &err) == FS_EINVAL && strstr(err.msg, "not finite"),
         "a NAN in the population: %s", err.msg);
}

static void proposals(void) {
  double L[4], out[2], seq[2][200 * 2];
  fs_err err = {0};
  fs_smc_kernel(pop, popw, 5, 2, L, &err);
  int inside = 1;
  gsl_rng *r = rng(11);
  for (int i = 0; i < 10000; i++) {
    fs_smc_propose(r, pop, popw, 5, 2, L, out);
    inside &= out[0] >= 0 && out[0] <= 1 && out[1] >= 0 && out[1] <= 1;
  }
  gsl_rng_free(r);
  tap_ok(inside, "10000 proposals, all inside the unit square");
  for (int t = 0; t < 2; t++) {
    r = rng(5);
    for (int i = 0; i < 200; i++) fs_smc_propose(r, pop, popw, 5, 2, L, seq[t] + 2 * i);
    gsl_rng_free(r);
  }
  tap_ok(!memcmp(seq[0], seq[1], sizeof seq[0]), "the same seed, the same proposals");
  /* A kernel far wider than the cube: after 1000 tries, the parent itself. */
  double wide[4] = {1e3, 0, 0, 1e3};
  r = rng(3);
  fs_smc_propose(r, pop, popw, 5, 2, wide, out);
  gsl_rng_free(r);
  int parent = 0;
  for (int i = 0; i < 5; i++) parent |= out[0] == pop[2 * i] && out[1] == pop[2 * i + 1];
  tap_ok(parent, "a kernel that never lands inside: a parent (%g, %g)", out[0], out[1]);
  /* zero weight is never a parent */
  double wz[5] = {0, 0, 1, 0, 0}, tiny[4] = {1e-9, 0, 0, 1e-9};
  r = rng(4);
  int only = 1;
  for (int i = 0; i < 100; i++) {
    fs_smc_propose(r, pop, wz, 5, 2, tiny, out);
    only &= near(out[0], 0.6, 1e-6) && near(out[1], 0.4, 1e-6);
  }
  gsl_rng_free(r);
  tap_ok(only, "only the particle with weight is a parent");
}

static void weights(void) {
  /* 1-D: particles 0.2 and 0.6 with weights 1 and 3, kernel SD 0.1, x = 0.3:
     1 / (0.25 phi(1) / 0.1 + 0.75 phi(3) / 0.1) = 1.56699 */
  double th[2] = {0.2, 0.6}, w[2] = {1, 3}, L = 0.1, x = 0.3;
  double want =
      1 / (0.25 * exp(-0.5) / (0.1 * sqrt(2 * M_PI)) + 0.75 * exp(-4.5) / (0.1 * sqrt(2 * M_PI)));
  double got = fs_smc_weight(&x, th, w, 2, 1, &L);
  tap_ok(near(got, want, 1e-12 * want) && near(got, 1.56699, 1e-5),
         "1-D weight: %.6f (by hand 1.56699)", got);
  double w10[2] = {10, 30};
  tap_ok(near(fs_smc_weight(&x, th, w10, 2, 1, &L), want, 1e-12 * want),
         "the population's weights are normalised first");
  /* 2-D with correlation: against GSL's bivariate density */
  double Lc[4] = {0.2, 0, 0.05, 0.1}, xs[2] = {0.45, 0.5};
  double sx = 0.2, sy = sqrt(0.05 * 0.05 + 0.01), rho = 0.2 * 0.05 / (sx * sy), mix = 0, tot = 0;
  for (int i = 0; i < 5; i++) {
    mix += popw[i] *
           gsl_ran_bivariate_gaussian_pdf(xs[0] - pop[2 * i], xs[1] - pop[2 * i + 1], sx, sy, rho);
    tot += popw[i];
  }
  got = fs_smc_weight(xs, pop, popw, 5, 2, Lc);
  tap_ok(near(got, tot / mix, 1e-10 * got), "2-D weight %.6f = 1 / mixture density %.6f", got,
         tot / mix);
  /* far from every particle (700 kernel SDs): the density underflows, the
     weight is infinite rather than NAN */
  double far = 0.2, ths[2] = {0.9, 0.95}, w1[2] = {1, 1}, Ls = 1e-3;
  got = fs_smc_weight(&far, ths, w1, 2, 1, &Ls);
  tap_ok(isinf(got) && got > 0, "far out in a narrow kernel: %g", got);
  /* 30 SDs: exp(-450) times the normalising constant, still finite */
  far = 0.87;
  got = fs_smc_weight(&far, ths, w1, 2, 1, &Ls);
  want = 2 / (exp(-450) / (1e-3 * sqrt(2 * M_PI)));
  tap_ok(near(got, want, 1e-9 * want), "30 kernel SDs out: %.6g (want %.6g)", got, want);
}

static void maximin(void) {
  double grid[11];
  for (int i = 0; i < 11; i++) grid[i] = i / 10.0;
  size_t idx[5] = {0};
  fs_err err = {0};
  int rc = fs_smc_maximin(grid, 11, 1, 3, idx, &err);
  tap_ok(rc == 0 && idx[0] == 5 && idx[1] == 0 && idx[2] == 10,
         "1-D grid of 11: the middle, then the ends (%zu %zu %zu)", idx[0], idx[1], idx[2]);
  fs_smc_maximin(grid, 11, 1, 5, idx, &err);
  tap_ok(idx[3] == 2 && idx[4] == 7, "then the quarter points, ties to the lower index (%zu %zu)",
         idx[3], idx[4]);
  double g2[25 * 2];
  for (int i = 0; i < 25; i++) g2[2 * i] = (i % 5) / 4.0, g2[2 * i + 1] = (i / 5) / 4.0;
  fs_smc_maximin(g2, 25, 2, 5, idx, &err);
  tap_ok(idx[0] == 12 && idx[1] == 0 && idx[2] == 4 && idx[3] == 20 && idx[4] == 24,
         "5 x 5 grid: the centre, then the corners (%zu %zu %zu %zu %zu)", idx[0], idx[1], idx[2],
         idx[3], idx[4]);
  double dup[4] = {0.5, 0.5, 0.5, 0.5};
  rc = fs_smc_maximin(dup, 4, 1, 4, idx, &err);
  tap_ok(rc == 0 && idx[0] == 0 && idx[1] == 1 && idx[2] == 2 && idx[3] == 3,
         "identical candidates: each picked once");
  tap_ok(fs_smc_maximin(grid, 11, 1, 12, idx, &err) == FS_EINVAL && strstr(err.msg, "12 of 11"),
         "more than there are: %s", err.msg);
}

static void resampling(void) {
  double w[4] = {1, 2, 3, 4};
  size_t idx[1000], cnt[50];
  gsl_rng *r = rng(9);
  fs_smc_resample(r, w, 4, 100, idx);
  memset(cnt, 0, sizeof cnt);
  int sorted = 1;
  for (int i = 0; i < 100; i++) cnt[idx[i]]++, sorted &= i == 0 || idx[i - 1] <= idx[i];
  tap_ok(sorted && cnt[0] == 10 && cnt[1] == 20 && cnt[2] == 30 && cnt[3] == 40,
         "weights 1:2:3:4, 100 draws: 10 20 30 40, sorted (%zu %zu %zu %zu)", cnt[0], cnt[1],
         cnt[2], cnt[3]);
  /* random weights: each count is floor or ceil of m w_i / sum w, and none
     for a zero weight */
  double rw[50], tot = 0;
  for (int i = 0; i < 50; i++) rw[i] = i % 7 == 3 ? 0 : gsl_rng_uniform(r), tot += rw[i];
  int ok = 1;
  for (int rep = 0; rep < 20; rep++) {
    fs_smc_resample(r, rw, 50, 1000, idx);
    memset(cnt, 0, sizeof cnt);
    for (int i = 0; i < 1000; i++) cnt[idx[i]]++, ok &= i == 0 || idx[i - 1] <= idx[i];
    for (int i = 0; i < 50; i++) {
      double e = 1000 * rw[i] / tot;
      ok &= cnt[i] >= floor(e) - 1e-9 && cnt[i] <= ceil(e) + 1e-9;
    }
  }
  gsl_rng_free(r);
  tap_ok(ok, "random weights: counts within floor and ceil of m w, zero weights never drawn");
}

/* ---- A toy ABC-SMC run ---- */

enum { POP = 200, GENS = 4 };

static void moments(const double *t, const double *w, size_t n, double *mean, double *sd) {
  double s = 0, m = 0, v = 0;
  for (size_t i = 0; i < n; i++) s += w[i], m += w[i] * t[i];
  m /= s;
  for (size_t i = 0; i < n; i++) v += w[i] * (t[i] - m) * (t[i] - m);
  *mean = m, *sd = sqrt(v / s);
}

/* theta uniform on [0,1], y ~ N(theta, 0.05), observed 0.3: the posterior
   is close to N(0.3, 0.05^2). Generation 0 samples the prior (tolerance
   infinite); each later one proposes from the last until POP are within
   the median distance of the last generation (Beaumont et al. 2009,
   with an adaptive tolerance). */
static void abc_smc(void) {
  double th[2][POP], w[2][POP], dist[POP], L, mean[GENS], sd[GENS], eps = INFINITY;
  gsl_rng *r = rng(2024);
  fs_err err = {0};
  long tries = 0;
  for (int g = 0; g < GENS; g++) {
    double *t = th[g % 2], *wt = w[g % 2], *tp = th[(g + 1) % 2], *wp = w[(g + 1) % 2];
    if (g > 0 && fs_smc_kernel(tp, wp, POP, 1, &L, &err) < 0) break;
    for (int i = 0; i < POP;) {
      double x;
      if (g == 0)
        x = gsl_rng_uniform(r);
      else
        fs_smc_propose(r, tp, wp, POP, 1, &L, &x);
      double d = fabs(x + gsl_ran_gaussian(r, 0.05) - 0.3);
      tries++;
      if (d > eps) continue;
      t[i] = x, dist[i] = d;
      wt[i] = g == 0 ? 1 : fs_smc_weight(&x, tp, wp, POP, 1, &L);
      i++;
    }
    eps = fs_smc_quantile(dist, NULL, POP, 0.5);
    moments(t, wt, POP, &mean[g], &sd[g]);
    tap_diag("generation %d: mean %.4f, sd %.4f, ESS %.0f, next tolerance %.4f", g, mean[g], sd[g],
             fs_smc_ess(wt, POP), eps);
  }
  gsl_rng_free(r);
  int shrinks = 1;
  for (int g = 1; g < GENS; g++) shrinks &= sd[g] < sd[g - 1];
  tap_ok(near(mean[GENS - 1], 0.3, 0.05), "toy ABC-SMC: posterior mean %.4f within 0.05 of 0.3",
         mean[GENS - 1]);
  tap_ok(shrinks && sd[GENS - 1] < 0.1,
         "toy ABC-SMC: the SD shrinks every generation (%.3f %.3f %.3f %.3f), %ld simulations",
         sd[0], sd[1], sd[2], sd[3], tries);
}

int main(void) {
  gsl_set_error_handler_off();
  quantiles();
  ess();
  kernel();
  proposals();
  weights();
  maximin();
  resampling();
  abc_smc();
  return tap_done();
}
