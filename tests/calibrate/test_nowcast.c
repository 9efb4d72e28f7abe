/* test_nowcast.c: the nowcast's weighting on hand-checkable cases: the
   log-normal likelihood of counts, the correlated model error (Woodbury
   against the 2 x 2 inverse), normalised weights and ESS, the weighted
   forecast, the time grid's interpolation. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "calibrate/nowcast.h"
#include "tap.h"

static int near(double a, double b, double tol) {
  return fabs(a - b) <= tol * fmax(1, fabs(b));
}

static void independent(void) {
  /* One count z = e - 1 (log(1 + z) = 1), variance 0.25; members at
     e - 1 (residual 0) and e^2 - 1 (residual -1). */
  double z = exp(1) - 1, var = 0.25, x[2] = {exp(1) - 1, exp(2) - 1}, ll[2], w[2];
  fs_nowcast_loglik(&z, &var, NULL, 0, 1, x, 2, ll);
  double c = -0.5 * (log(0.25) + log(2 * M_PI));
  tap_ok(near(ll[0], c, 1e-12) && near(ll[1], c - 0.5 * 1 / 0.25, 1e-12),
         "log-normal likelihood: -(r^2/var + log var + log 2 pi)/2 (%.6f, %.6f)", ll[0], ll[1]);
  double ess = fs_nowcast_weights(ll, 2, w);
  double w0 = 1 / (1 + exp(-2));
  tap_ok(near(w[0], w0, 1e-12) && near(w[1], 1 - w0, 1e-12), "weights exp(l - max) normalised");
  tap_ok(near(ess, 1 / (w0 * w0 + (1 - w0) * (1 - w0)), 1e-12), "Kish's ESS (%.4f)", ess);
  /* Two counts add their terms; a NAN member gets nothing. */
  double z2[2] = {z, z}, var2[2] = {0.25, 0.25}, x2[4] = {exp(2) - 1, exp(1) - 1, NAN, 0}, l2[2];
  fs_nowcast_loglik(z2, var2, NULL, 0, 2, x2, 2, l2);
  tap_ok(near(l2[0], 2 * c - 2, 1e-12) && l2[1] == -INFINITY,
         "counts independent given the member; a NAN value: -inf");
  double ninf[2] = {-INFINITY, -INFINITY};
  tap_ok(fs_nowcast_weights(ninf, 2, w) == 0 && w[0] == 0 && w[1] == 0,
         "no member possible: weights 0, ESS 0");
}

static void correlated(void) {
  /* Two counts with variances d1, d2 and a model error u u^T: the
     log-likelihood against the explicit 2 x 2 inverse and determinant. */
  double z[2] = {100, 250}, var[2] = {0.01, 0.04}, dev[2] = {0.3, 0.2};
  double x[2] = {80, 300}, ll;
  fs_nowcast_loglik(z, var, dev, 1, 2, x, 1, &ll);
  double r1 = log1p(z[0]) - log1p(x[0]), r2 = log1p(z[1]) - log1p(x[1]);
  double a = var[0] + dev[0] * dev[0], b = dev[0] * dev[1], d = var[1] + dev[1] * dev[1];
  double det = a * d - b * b, quad = (d * r1 * r1 - 2 * b * r1 * r2 + a * r2 * r2) / det;
  double want = -0.5 * (quad + log(det) + 2 * log(2 * M_PI));
  tap_ok(near(ll, want, 1e-10),
         "correlated model error: Woodbury = the direct inverse (%.8f, %.8f)", ll, want);
  /* A common offset that the model error explains costs little: residuals
     along u are cheap, across it dear. */
  double xa[2] = {exp(log1p(100) - 0.3) - 1, exp(log1p(250) - 0.2) - 1};
  double xb[2] = {exp(log1p(100) - 0.3) - 1, exp(log1p(250) + 0.2) - 1}, la, lb;
  fs_nowcast_loglik(z, var, dev, 1, 2, xa, 1, &la);
  fs_nowcast_loglik(z, var, dev, 1, 2, xb, 1, &lb);
  tap_ok(la > lb + 1, "a residual along the model error's direction is likelier (%.3f > %.3f)", la,
         lb);
}

static void forecast(void) {
  double v[5] = {1, 2, 3, 4, NAN}, w[5] = {0, 0, 0.5, 0.3, 0.2};
  fs_nowcast_fc f = fs_nowcast_forecast(v, w, 5);
  tap_ok(f.p05 == 3 && f.p50 == 3 && f.p95 == 4 && near(f.mean, (1.5 + 1.2) / 0.8, 1e-12),
         "weighted quantiles and mean (NAN left out): %g %g %g %g", f.p05, f.p50, f.p95, f.mean);
  tap_ok(f.prior_p05 == 1 && f.prior_p50 == 2 && f.prior_p95 == 4,
         "prior quantiles unweighted: %g %g %g", f.prior_p05, f.prior_p50, f.prior_p95);
}

static void grid(void) {
  fs_nowcast_layout l;
  fs_config *cfg = calloc(1, sizeof *cfg);
  fs_err err = {0};
  if (!cfg) return;
  cfg->duration_hours = 100;
  cfg->incident.kind = FS_INC_FAULTY_UPDATE;
  cfg->incident.publish_hours = 4;
  int rc = fs_nowcast_layout_build(&l, cfg, 0, NULL, &err);
  tap_ok(rc == 0 && l.onset == 4 && l.nseries == 3 && l.grid[0] == 0 && l.grid[24] == 24 &&
             l.grid[25] == 30 && l.grid[FS_NOWCAST_NGRID - 1] == 48 &&
             l.noutputs == 3 * FS_NOWCAST_NGRID + 3,
         "grid: hourly to 24 h, then 6-hourly to 48 h after the onset; no costs: recovery only");
  double y[3 * FS_NOWCAST_NGRID + 3] = {0};
  for (int g = 0; g < FS_NOWCAST_NGRID; g++) y[FS_NOWCAST_NGRID + g] = 10 * l.grid[g];
  tap_ok(fs_nowcast_series_at(&l, y, 1, 2.5) == 25 && fs_nowcast_series_at(&l, y, 1, 27) == 270 &&
             fs_nowcast_series_at(&l, y, 1, -1) == 0 && fs_nowcast_series_at(&l, y, 1, 60) == 480,
         "series interpolated linearly between grid points, held beyond them");
  free(cfg);
}

int main(void) {
  independent();
  correlated();
  forecast();
  grid();
  return tap_done();
}
