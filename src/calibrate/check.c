/* check.c: the posterior predictive check: `check` samples drawn from the
   posterior (systematic resampling), each simulated once on random numbers
   of its own, and each observation's simulated spread set against its
   band. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "calibrate/calibrate_impl.h"
#include "calibrate/smc.h"
#include "engine/rng.h"
#include "util/alloc.h"

#define STREAM_CHECK 0x43484b00u

int fs_cal__check(fs_cal *c, fs_err *err) {
  size_t n = (size_t) c->spec->check, d = (size_t) c->d, k = (size_t) c->k;
  if (n == 0 || c->npost == 0) return 0;
  size_t *idx = fs_malloc(n * sizeof *idx);
  double *u = fs_malloc(n * d * sizeof *u), *y = fs_malloc(n * k * sizeof *y),
         *v = fs_malloc(n * sizeof *v);
  gsl_rng *r = fs_rng_new(c->spec->sweep.run_seed, STREAM_CHECK);
  int rc = idx && u && y && v && r ? 0 : fs_err_set(err, FS_ENOMEM, "out of memory");
  if (rc == 0) {
    fs_smc_resample(r, c->postw, c->npost, n, idx);
    for (size_t i = 0; i < n; i++) memcpy(u + i * d, c->post + idx[i] * d, d * sizeof *u);
    int complete = 0;
    rc = fs_cal__stage(c, "check", u, n, 1, y, &complete, err);
    if (rc == 0 && complete)
      for (size_t j = 0; j < k; j++) {
        size_t m = 0;
        double sum = 0;
        for (size_t i = 0; i < n; i++)
          if (isfinite(y[i * k + j])) {
            v[m++] = y[i * k + j];
            sum += y[i * k + j];
          }
        c->ppc_n[j] = (int) m;
        c->ppc_mean[j] = m ? sum / (double) m : NAN;
        c->ppc_p05[j] = fs_smc_quantile(v, NULL, m, 0.05);
        c->ppc_p50[j] = fs_smc_quantile(v, NULL, m, 0.50);
        c->ppc_p95[j] = fs_smc_quantile(v, NULL, m, 0.95);
      }
    /* The check's runs are not the calibration's: they score nothing. */
    for (size_t i = c->nruns - (complete ? n : 0); i < c->nruns; i++) {
      c->run[i].score = NAN;
      c->run[i].kept = 0;
    }
  }
  if (r) gsl_rng_free(r);
  free(idx);
  free(u);
  free(y);
  free(v);
  return rc;
}
