/* test_ylt.c: a catalogue's year loss table: analytic AAL and OEP of a
   two-event catalogue, reproducibility, clustering, group attribution and
   its tail contributions, bad input. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/rng.h"
#include "loss/ylt.h"
#include "tap.h"

static int same(const fs_ylt *a, const fs_ylt *b) {
  return a->n == b->n && memcmp(a->occ, b->occ, a->n * sizeof *a->occ) == 0 &&
         memcmp(a->first, b->first, (a->nyears + 1) * sizeof *a->first) == 0;
}

/* Two events, one sample each: A (rate 0.1, loss 100), B (rate 0.02, loss
   1000). AAL = 0.1 x 100 + 0.02 x 1000 = 30; the yearly SD is
   sqrt(0.1 x 100^2 + 0.02 x 1000^2) = 145, so over 200,000 years the
   sample AAL's SD is 0.32. P(B in a year) = 1 - e^-0.02 = 0.0198: the OEP
   is 1000 at 1-in-100 and 1-in-200; P(a loss in a year) = 1 - e^-0.12 =
   0.113: 100 at 1-in-20, 0 at 1-in-5. */
static void two_events(void) {
  fs_err err = {0};
  const double rate[2] = {0.1, 0.02}, loss[2] = {100, 1000};
  const size_t Y = 200000;
  fs_ylt y, z;
  tap_ok(fs_ylt_build(&y, rate, 2, 1, Y, 0, 7, FS_STREAM_YLT, &err) == 0, "two-event catalogue");
  double *agg = malloc(Y * sizeof *agg), *occ = malloc(Y * sizeof *occ);
  fs_ylt_year_losses(&y, loss, agg, occ);
  const double rps[4] = {200, 100, 20, 5};
  double oep[4], aep[4], otv[4], atv[4];
  fs_ylt_fig f = {.oep = oep, .aep = aep, .oep_tvar = otv, .aep_tvar = atv};
  tap_ok(fs_ylt_figures(agg, occ, Y, rps, 4, &f, &err) == 0, "figures");
  tap_ok(fabs(f.aal - 30) < 4 * 0.32, "AAL %.3f within 4 SD of the analytic 30", f.aal);
  tap_ok(fabs(f.sd - 145) < 5, "yearly SD %.1f near the analytic 145", f.sd);
  tap_ok(oep[0] == 1000 && oep[1] == 1000, "OEP 1-in-200 and 1-in-100: %g, %g (B)", oep[0], oep[1]);
  tap_ok(oep[2] == 100 && oep[3] == 0, "OEP 1-in-20: %g (A), 1-in-5: %g", oep[2], oep[3]);
  tap_ok(aep[0] >= oep[0] && atv[0] >= aep[0] && otv[0] >= oep[0], "AEP >= OEP, TVaR >= loss");
  size_t na = 0;
  for (size_t i = 0; i < y.n; i++) na += y.occ[i].event == 0;
  tap_ok(fabs((double) na / (double) Y - 0.1) < 4 * sqrt(0.1 / (double) Y),
         "event A occurs %.4f times a year (rate 0.1)", (double) na / (double) Y);

  /* Groups: A and B apart; the parts sum to the year, and the tail
     contributions to the TVaR of the same years. */
  const uint32_t grp[2] = {0, 1};
  double *g = malloc(Y * 2 * sizeof *g), tv[2];
  fs_ylt_group_losses(&y, loss, grp, 2, g);
  int sums = 1;
  for (size_t i = 0; i < Y; i++) sums &= fabs(g[2 * i] + g[2 * i + 1] - agg[i]) < 1e-9;
  tap_ok(sums, "group parts sum to each year's loss");
  int trc = fs_ylt_tail_contrib(agg, g, Y, 2, 200, tv, &err);
  tap_ok(trc == 0 && fabs(tv[0] + tv[1] - atv[0]) < 1e-6 * atv[0],
         "tail contributions %.1f + %.1f = AEP TVaR 1-in-200 %.1f", tv[0], tv[1], atv[0]);
  tap_ok(tv[1] > 0.9 * atv[0], "B carries the 1-in-200 tail (%.0f%%)", 100 * tv[1] / atv[0]);

  tap_ok(fs_ylt_build(&z, rate, 2, 1, Y, 0, 7, FS_STREAM_YLT, &err) == 0 && same(&y, &z),
         "same seed, same years");
  fs_ylt_free(&z);
  tap_ok(fs_ylt_build(&z, rate, 2, 1, Y, 0, 8, FS_STREAM_YLT, &err) == 0 && !same(&y, &z),
         "another seed, other years");
  fs_ylt_free(&z);
  tap_ok(fs_ylt_build(&z, rate, 2, 1, 1000, 0, 7, FS_STREAM_YLT, &err) == 0 &&
             z.n == y.first[1000] && memcmp(z.occ, y.occ, z.n * sizeof *z.occ) == 0,
         "1,000 years are the first 1,000 of 200,000");
  fs_ylt_free(&z);
  free(g);
  free(agg);
  free(occ);
  fs_ylt_free(&y);
}

/* Counts per year: Poisson (variance = mean) without clustering,
   negative binomial (variance = m + c m^2) with it, the same mean. */
static void clustering(void) {
  fs_err err = {0};
  const double rate[3] = {1.0, 0.5, 0.5};
  const size_t Y = 100000;
  for (int k = 0; k < 2; k++) {
    double c = k ? 0.5 : 0;
    fs_ylt y;
    if (fs_ylt_build(&y, rate, 3, 4, Y, c, 11, FS_STREAM_YLT, &err) != 0) {
      tap_ok(0, "build: %s", err.msg);
      continue;
    }
    double s = 0, ss = 0;
    for (size_t i = 0; i < Y; i++) {
      double n = (double) (y.first[i + 1] - y.first[i]);
      s += n;
      ss += n * n;
    }
    double mean = s / (double) Y, var = ss / (double) Y - mean * mean, want = 2 + c * 4;
    tap_ok(fabs(mean - 2) < 0.03 && fabs(var / want - 1) < 0.05,
           "cluster %g: %.3f occurrences a year (2), variance %.3f (%g)", c, mean, var, want);
    fs_ylt_free(&y);
  }
}

static void bad_input(void) {
  fs_err err = {0};
  fs_ylt y;
  double bad[2] = {0.1, -1};
  tap_ok(fs_ylt_build(&y, bad, 2, 1, 10, 0, 1, FS_STREAM_YLT, &err) == FS_EINVAL &&
             strstr(err.msg, "event 2"),
         "a negative rate names its event: %s", err.msg);
  bad[1] = NAN;
  tap_ok(fs_ylt_build(&y, bad, 2, 1, 10, 0, 1, FS_STREAM_YLT, &err) == FS_EINVAL,
         "a rate that is not a number");
  bad[1] = 0.1;
  tap_ok(fs_ylt_build(&y, bad, 2, 1, 10, -1, 1, FS_STREAM_YLT, &err) == FS_EINVAL,
         "negative clustering");
  bad[0] = 1e6;
  tap_ok(fs_ylt_build(&y, bad, 2, 1, 1000, 0, 1, FS_STREAM_YLT, &err) == FS_ELIMIT,
         "too many occurrences is refused before drawing");
  double zero[1] = {0};
  tap_ok(fs_ylt_build(&y, zero, 1, 1, 10, 0, 1, FS_STREAM_YLT, &err) == 0 && y.n == 0,
         "a zero-rate catalogue has no occurrences");
  fs_ylt_free(&y);
}

int main(void) {
  two_events();
  clustering();
  bad_input();
  return tap_done();
}
