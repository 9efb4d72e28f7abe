/* test_ep.c: sample moments, quantile intervals, EP curves, TVaR and AAL on hand-computed cases. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "loss/ep.h"
#include "tap.h"

static int near(double a, double b, double tol) {
  return fabs(a - b) <= tol;
}

/* The hand-built table used below: 4 years, 3 samples with losses 10, 20, 40.
   Year 1: samples 1 and 3; year 2: none; year 3: sample 2; year 4: 2, 2, 1.
   Aggregates 50, 0, 20, 50; occurrence maxima 40, 0, 20, 20. */
static fs_plt_row rows[6] = {
    {1, 1, 10, 65}, {1, 3, 40, 0}, {3, 2, 365, 1439}, {4, 2, 1, 0}, {4, 2, 59, 720}, {4, 1, 60, 30},
};
static size_t first[5] = {0, 2, 2, 3, 6};

static fs_plt hand_plt(void) {
  return (fs_plt){.rate = 1.5, .nperiods = 4, .nsamples = 3, .n = 6, .row = rows, .first = first};
}

int main(void) {
  fs_err err = {0};

  /* ---- moments ---- */
  double x[6] = {0, 40, 10, 0, 30, 20};
  fs_ep_moments m;
  tap_ok(fs_ep_describe(x, 6, &m, &err) == 0, "describe 6 samples");
  tap_ok(near(m.mean, 100.0 / 6, 1e-12) && near(m.sd, 16.329931618554522, 1e-9) && m.max == 40 &&
             near(m.chance, 4.0 / 6, 1e-15) && m.n == 6,
         "mean 16.67, SD (n-1) 16.33, max 40, chance of loss 4/6");
  tap_ok(x[1] == 40 && x[5] == 20, "input left unsorted");
  double one = 7;
  tap_ok(fs_ep_describe(&one, 1, &m, &err) == 0 && m.sd == 0 && m.mean == 7 && m.q[1].loss == 7,
         "one sample: SD 0, every quantile the sample");
  tap_ok(fs_ep_describe(x, 0, &m, &err) == FS_EINVAL, "no samples rejected: %s", err.msg);
  double z[5] = {0};
  tap_ok(fs_ep_describe(z, 5, &m, &err) == 0 && m.mean == 0 && m.sd == 0 && m.chance == 0 &&
             m.q[3].loss == 0 && m.q[3].hi == 0,
         "all-zero losses: every statistic 0");

  /* ---- quantile intervals on 1..100 (x_(i) = i, so ranks are values) ----
     Median: B ~ Bin(100, .5), F(39) = .0176 <= .025 < F(40), F(59) < .975 <=
     F(60): ranks 40 and 61, coverage F(60) - F(39) = .9648 (the classic
     table value). */
  double s100[100];
  for (int i = 0; i < 100; i++) s100[i] = i + 1;
  tap_ok(fs_ep_describe(s100, 100, &m, &err) == 0, "describe 1..100");
  tap_ok(m.q[0].p == 0.05 && m.q[1].p == 0.5 && m.q[2].p == 0.95 && m.q[3].p == 0.99,
         "quantiles at 5, 50, 95, 99 %%");
  tap_ok(near(m.q[0].loss, 5.95, 1e-9) && near(m.q[1].loss, 50.5, 1e-9) &&
             near(m.q[2].loss, 95.05, 1e-9) && near(m.q[3].loss, 99.01, 1e-9),
         "sample quantiles interpolate at (n-1)p: 5.95, 50.5, 95.05, 99.01");
  tap_ok(m.q[1].lo_rank == 40 && m.q[1].hi_rank == 61 && m.q[1].lo == 40 && m.q[1].hi == 61 &&
             near(m.q[1].coverage, 0.9647997997822952, 1e-9),
         "median CI: ranks 40..61, coverage 0.9648 (%zu..%zu, %.4f)", m.q[1].lo_rank,
         m.q[1].hi_rank, m.q[1].coverage);
  tap_ok(m.q[0].lo_rank == 1 && m.q[0].hi_rank == 11 && near(m.q[0].coverage, 0.98260706, 1e-6),
         "5 %% CI: ranks 1..11, coverage 0.9826");
  tap_ok(m.q[2].lo_rank == 90 && m.q[2].hi_rank == 100, "95 %% CI: ranks 90..100");
  tap_ok(m.q[3].lo_rank == 97 && m.q[3].hi_rank == 100 && near(m.q[3].coverage, 0.6155936, 1e-6),
         "99 %% with n = 100: upper rank clamped to n, coverage 0.6156 reported");
  fs_ep_quantile q;
  double *big = malloc(1000 * sizeof *big);
  for (int i = 0; i < 1000; i++) big[i] = i + 1;
  fs_ep_quantile_ci(big, 1000, 0.99, 0.95, &q);
  tap_ok(q.lo_rank == 983 && q.hi_rank == 997 && near(q.coverage, 0.97609476, 1e-6),
         "99 %% with n = 1000: ranks 983..997, coverage 0.9761");
  int cover = 1;
  for (int k = 1; k < 99; k++) {
    fs_ep_quantile_ci(big, 1000, k / 100.0, 0.95, &q);
    cover &= q.coverage >= 0.95 && q.lo <= q.loss && q.loss <= q.hi;
  }
  tap_ok(cover, "n = 1000, p = 1..98 %%: coverage >= 95 %% and the estimate inside");
  free(big);
  double s10[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  fs_ep_quantile_ci(s10, 10, 0.5, 0.95, &q);
  tap_ok(q.lo_rank == 2 && q.hi_rank == 9 && near(q.coverage, 0.978515625, 1e-12),
         "median of 10: ranks 2..9, coverage 0.9785");
  fs_ep_quantile_ci(s10, 10, 0.05, 0.95, &q);
  tap_ok(q.lo_rank == 1 && q.hi_rank == 3 && q.coverage < 0.95,
         "5 %% of 10: lower rank clamped, coverage %.3f below 95 %%", q.coverage);

  /* ---- ranks, return periods, interpolation ----
     Y = 10 losses 100, 90, ..., 10; rank i has RP 10 / i. */
  double L[10];
  for (int i = 0; i < 10; i++) L[i] = 100 - 10 * i;
  tap_ok(fs_ep_loss_at(L, 10, 10) == 100 && fs_ep_loss_at(L, 10, 5) == 90 &&
             fs_ep_loss_at(L, 10, 2.5) == 70 && fs_ep_loss_at(L, 10, 2) == 60,
         "RP 10, 5, 2.5, 2 are ranks 1, 2, 4, 5");
  tap_ok(near(fs_ep_loss_at(L, 10, 4), 84, 1e-9),
         "RP 4 between rank 2 (RP 5) and 3 (RP 3.33): 80 + 0.4 x 10 = 84");
  tap_ok(near(fs_ep_loss_at(L, 10, 3), 76, 1e-9), "RP 3 between ranks 3 and 4: 76");
  tap_ok(fs_ep_loss_at(L, 10, 1000) == 100 && fs_ep_loss_at(L, 10, 11) == 100,
         "RP above Y reports the largest loss");
  tap_ok(fs_ep_loss_at(L, 10, 1) == 10 && fs_ep_loss_at(L, 10, 0.5) == 10,
         "RP 1 is rank Y; RP below 1 held at the smallest loss");
  tap_ok(fs_ep_tvar_at(L, 10, 10) == 100 && near(fs_ep_tvar_at(L, 10, 5), 95, 1e-12) &&
             near(fs_ep_tvar_at(L, 10, 2), 80, 1e-12),
         "TVaR at ranks 1, 2, 5: 100, 95, 80");
  tap_ok(near(fs_ep_tvar_at(L, 10, 4), 92, 1e-9) && near(fs_ep_tvar_at(L, 10, 3), 88, 1e-9),
         "TVaR between ranks interpolates in RP: 92 at RP 4, 88 at RP 3");
  tap_ok(fs_ep_tvar_at(L, 10, 5000) == 100 && near(fs_ep_tvar_at(L, 10, 0.5), 55, 1e-12),
         "TVaR above Y = largest, below 1 = mean of all");
  double L1[1] = {42};
  tap_ok(fs_ep_loss_at(L1, 1, 2) == 42 && fs_ep_tvar_at(L1, 1, 0.5) == 42, "a one-period table");

  double u[7] = {0, 5, -0.0, 3, 0, 9, 1};
  fs_ep_sort_desc(u, 7);
  tap_ok(u[0] == 9 && u[1] == 5 && u[2] == 3 && u[3] == 1 && u[4] == 0 && u[6] == 0 &&
             !signbit(u[5]),
         "sort descending, zeros last, no -0");

  /* ---- period losses on the hand table ---- */
  fs_plt plt = hand_plt();
  double loss[3] = {10, 20, 40}, agg[4], occ[4];
  fs_ep_period_losses(&plt, loss, FS_EPCALC_FULL, agg, occ);
  tap_ok(agg[0] == 50 && agg[1] == 0 && agg[2] == 20 && agg[3] == 50,
         "aggregate per year: 50, 0, 20, 50");
  tap_ok(occ[0] == 40 && occ[1] == 0 && occ[2] == 20 && occ[3] == 20,
         "occurrence (largest) per year: 40, 0, 20, 20");
  fs_ep_period_losses(&plt, loss, FS_EPCALC_MEAN, agg, occ);
  tap_ok(near(agg[0], 140.0 / 3, 1e-12) && agg[1] == 0 && near(agg[3], 70, 1e-12) &&
             near(occ[3], 70.0 / 3, 1e-12),
         "mean damage: each occurrence loses the mean 23.33");

  /* ---- EP curves: OEP vs AEP with several events in one year ---- */
  double rps[4] = {4, 2, 1000, 3};
  fs_ep_point pt[4];
  tap_ok(fs_ep_curve(&plt, loss, FS_EPCALC_FULL, rps, 4, pt, &err) == 0, "curve, full uncertainty");
  tap_ok(pt[0].oep == 40 && pt[1].oep == 20 && pt[2].oep == 40 && near(pt[3].oep, 30, 1e-9),
         "OEP: 40 at RP 4, 20 at RP 2, largest at RP 1000 > Y, 30 at RP 3");
  tap_ok(pt[0].aep == 50 && pt[1].aep == 50 && pt[2].aep == 50 && pt[3].aep == 50,
         "AEP: two years of 50 (year 4 sums three occurrences)");
  tap_ok(pt[0].oep_tvar == 40 && near(pt[1].oep_tvar, 30, 1e-12) && near(pt[3].oep_tvar, 35, 1e-9),
         "OEP TVaR: 40, 30 at RP 2, 35 at RP 3");
  tap_ok(pt[1].aep_tvar == 50 && pt[0].aep_tvar >= pt[0].aep, "AEP TVaR 50 at RP 2");
  tap_ok(fs_ep_curve(&plt, loss, FS_EPCALC_MEAN, rps, 4, pt, &err) == 0 &&
             near(pt[0].aep, 70, 1e-9) && near(pt[1].aep, 140.0 / 3, 1e-9) &&
             near(pt[3].aep, 175.0 / 3, 1e-9) && near(pt[1].aep_tvar, 175.0 / 3, 1e-9),
         "mean damage AEP: 70, 46.67, 58.33 at RP 3; TVaR 58.33 at RP 2");
  double zero3[3] = {0, 0, 0};
  fs_ep_curve(&plt, zero3, FS_EPCALC_FULL, rps, 4, pt, &err);
  int allzero = 1;
  for (int k = 0; k < 4; k++)
    allzero &= pt[k].oep == 0 && pt[k].aep == 0 && pt[k].oep_tvar == 0 && pt[k].aep_tvar == 0;
  tap_ok(allzero, "all-zero losses: every curve 0");
  double badrp[2] = {10, 0};
  tap_ok(fs_ep_curve(&plt, loss, FS_EPCALC_FULL, badrp, 2, pt, &err) == FS_EINVAL,
         "return period 0 rejected: %s", err.msg);
  const double *drp;
  size_t nd = fs_ep_default_rps(&drp);
  tap_ok(nd == 10 && drp[0] == 1000 && drp[9] == 2 && drp[3] == 200,
         "default return periods 1000 ... 2");

  /* ---- AAL: rate 1.5; E[X] = 70/3, E[X^2] = 700; aggregates 50, 0, 20, 50 ---- */
  fs_ep_aal a;
  tap_ok(fs_ep_average_annual(&plt, 1.5, loss, NULL, &a, &err) == 0, "average annual loss");
  tap_ok(near(a.mean_analytical, 35, 1e-12) && near(a.sd_analytical, sqrt(1050), 1e-9),
         "analytical: 1.5 x 23.33 = 35, SD sqrt(1.5 x 700) = 32.40");
  tap_ok(near(a.mean_sample, 30, 1e-12) && near(a.sd_sample, sqrt(600), 1e-9),
         "sample: mean of 50, 0, 20, 50 = 30, SD 24.49");
  fs_plt one_year = hand_plt();
  one_year.nperiods = 1;
  tap_ok(fs_ep_average_annual(&one_year, 1.5, loss, NULL, &a, &err) == 0 && a.mean_sample == 50 &&
             a.sd_sample == 0,
         "one period: SD 0, not NaN");
  return tap_done();
}
