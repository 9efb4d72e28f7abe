/* hm.c: history matching (Craig, Goldstein, Seheult & Smith 1997;
   Vernon, Goldstein & Bower 2010, "Galaxy formation: a Bayesian
   uncertainty analysis", Bayesian Analysis 5(4)). Wave 1 runs a Latin
   hypercube over the whole box; each wave fits an emulator per
   observation to its runs; a point is implausible when, for some
   observation, |z - E[f(x)]| exceeds the cut-off times the square root of
   the emulator's variance plus the observation's and the discrepancy's;
   the next wave's points are spread (maximin) over candidates that no
   wave so far rules out. The non-implausible share of a Sobol sequence
   over the box measures what is left. */
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calibrate/calibrate_impl.h"
#include "calibrate/smc.h"
#include "engine/rng.h"
#include "sweep/design.h"
#include "util/alloc.h"

/* Candidates drawn per wave from the Sobol sequence, and at most this
   many more around the survivors when few survive. */
#define NCAND     16384
#define NAROUND   65536
#define STREAM_HM 0x484d0000u /* + wave: the perturbations around survivors */

/* Largest implausibility of the n points u under wave w's emulators into
   imp (taking the larger of what it holds). */
static void implausibility(const fs_cal *c, const fs_cal_wave *w, const double *u, size_t n,
                           double *imp, double *mean, double *var) {
  for (int j = 0; j < c->k; j++) {
    if (!w->gp[j] || c->use[j] != USE_FIT) continue;
    fs_gp_predict(w->gp[j], u, n, mean, var);
    const fs_cal_target *t = &c->t[j];
    double v0 = t->sd_obs * t->sd_obs + t->sd_disc * t->sd_disc;
    for (size_t i = 0; i < n; i++) {
      double I = fabs(t->z - mean[i]) / sqrt(fmax(var[i], 0) + v0);
      if (I > imp[i]) imp[i] = I;
    }
  }
}

/* Of the n points u, those non-implausible under waves 0..nw-1 moved to
   the front; their count. */
static size_t keep_plausible(const fs_cal *c, int nw, double *u, size_t n, double *scratch) {
  double *imp = scratch, *mean = scratch + n, *var = scratch + 2 * n;
  for (size_t i = 0; i < n; i++) imp[i] = 0;
  for (int w = 0; w < nw; w++) implausibility(c, &c->wave[w], u, n, imp, mean, var);
  size_t m = 0, d = (size_t) c->d;
  for (size_t i = 0; i < n; i++)
    if (imp[i] < c->spec->cutoff) {
      if (m != i) memmove(u + m * d, u + i * d, d * sizeof *u);
      m++;
    }
  return m;
}

/* The next Sobol points of q (n of them) into u. */
static void sobol_points(gsl_qrng *q, double *u, size_t n, int d) {
  for (size_t i = 0; i < n; i++) gsl_qrng_get(q, u + i * (size_t) d);
}

/* Candidates for wave nw (0-based) into *out: the non-implausible ones of
   NCAND Sobol points, then, when fewer than want survive, perturbations
   of the survivors (Gaussian, a tenth of the box) that survive too.
   *share: the non-implausible share of the Sobol points (of the box). */
static int candidates(const fs_cal *c, int nw, gsl_qrng *q, size_t want, double **out, size_t *nout,
                      double *share, fs_err *err) {
  size_t d = (size_t) c->d, cap = NCAND + NAROUND;
  double *u = fs_malloc(cap * d * sizeof *u), *scratch = fs_malloc(3 * cap * sizeof *scratch);
  if (!u || !scratch) {
    free(u);
    free(scratch);
    return fs_err_set(err, FS_ENOMEM, "out of memory for candidate points");
  }
  sobol_points(q, u, NCAND, c->d);
  size_t m = keep_plausible(c, nw, u, NCAND, scratch);
  *share = (double) m / NCAND;
  gsl_rng *r = fs_rng_new(c->spec->sweep.run_seed, STREAM_HM + (uint64_t) nw);
  for (int round = 0; m > 0 && m < want && round < 16 && r; round++) {
    size_t add = m < (cap - m) / 4 ? m * 4 : cap - m;
    if (add == 0) break;
    for (size_t i = 0; i < add; i++) {
      const double *p = u + (i % m) * d;
      for (size_t j = 0; j < d; j++) {
        double v = p[j] + gsl_ran_gaussian(r, 0.1);
        u[(m + i) * d + j] = v < 0 ? -v : v > 1 ? 2 - v : v;
      }
    }
    m += keep_plausible(c, nw, u + m * d, add, scratch);
  }
  gsl_rng_free(r);
  free(scratch);
  *out = u;
  *nout = m;
  return 0;
}

/* Emulators of wave w from its n runs (unit-cube points u, outputs y). */
static int fit_wave(fs_cal *c, fs_cal_wave *w, const double *u, const double *y, size_t n,
                    fs_err *err) {
  size_t d = (size_t) c->d;
  double *xu = fs_malloc(n * d * sizeof *xu), *yv = fs_malloc(n * sizeof *yv);
  int rc = xu && yv ? 0 : fs_err_set(err, FS_ENOMEM, "out of memory");
  for (int j = 0; j < c->k && rc == 0; j++) {
    if (c->use[j] != USE_FIT) continue;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
      double v = fs_cal_transform(&c->t[j], &c->obs->obs[j], y[i * (size_t) c->k + (size_t) j]);
      if (!isfinite(v)) continue;
      memcpy(xu + m * d, u + i * d, d * sizeof *u);
      yv[m++] = v;
    }
    if (m < d + 2) continue; /* too few values: no emulator, no cut on this output */
    fs_err e2 = {0};
    int frc = fs_gp_fit(&w->gp[j], xu, yv, m, c->d, &e2);
    if (frc == FS_ENOMEM) rc = fs_err_set(err, FS_ENOMEM, "%s", e2.msg);
    if (frc != 0) w->gp[j] = NULL;
  }
  free(xu);
  free(yv);
  return rc;
}

/* The posterior of history matching: up to FS_CAL_MAX_SAMPLES
   non-implausible points, equal weights; none left: the runs closest to
   the record (the tenth with the lowest scores), flagged empty. */
static int posterior(fs_cal *c, gsl_qrng *q, fs_err *err) {
  double *u = NULL;
  size_t m = 0, d = (size_t) c->d;
  double share = 0;
  int rc = candidates(c, c->nwaves, q, FS_CAL_MAX_SAMPLES, &u, &m, &share, err);
  if (rc != 0) return rc;
  if (c->nwaves > 0) c->wave[c->nwaves - 1].volume = share;
  if (m == 0) {
    c->empty = 1;
    size_t n = c->nruns / 10 > 1 ? c->nruns / 10 : 1, *idx = fs_malloc(c->nruns * sizeof *idx);
    if (!idx) {
      free(u);
      return fs_err_set(err, FS_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < c->nruns; i++) idx[i] = i;
    /* the lowest scores first (ties to the earlier run) */
    for (size_t i = 1; i < c->nruns; i++)
      for (size_t k = i; k > 0 && c->run[idx[k]].score < c->run[idx[k - 1]].score; k--) {
        size_t t = idx[k];
        idx[k] = idx[k - 1];
        idx[k - 1] = t;
      }
    for (size_t i = 0; i < n; i++) memcpy(u + i * d, c->rx + idx[i] * d, d * sizeof *u);
    free(idx);
    m = n;
  }
  if (m > FS_CAL_MAX_SAMPLES) m = FS_CAL_MAX_SAMPLES;
  c->post = u;
  c->npost = m;
  c->postw = fs_malloc(m * sizeof *c->postw);
  if (!c->postw) return fs_err_set(err, FS_ENOMEM, "out of memory");
  for (size_t i = 0; i < m; i++) c->postw[i] = 1.0 / (double) m;
  return 0;
}

int fs_cal__history_match(fs_cal *c, fs_err *err) {
  const fs_cal_spec *s = c->spec;
  size_t n = (size_t) s->points, d = (size_t) c->d, k = (size_t) c->k;
  double *u = fs_malloc(n * d * sizeof *u), *y = fs_malloc(n * k * sizeof *y);
  gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned) c->d);
  int rc = u && y && q ? 0 : fs_err_set(err, FS_ENOMEM, "out of memory");
  for (int w = 0; w < s->waves && rc == 0; w++) {
    fs_cal_wave *wv = &c->wave[w];
    if (w == 0) {
      rc = fs_cal__lhs(c, u, n, err); /* wave 1: the whole box */
      wv->share = 1;
    } else {
      double *cand = NULL;
      size_t m = 0;
      rc = candidates(c, w, q, 4 * n, &cand, &m, &wv->share, err);
      c->wave[w - 1].volume = wv->share;
      wv->candidates = NCAND;
      wv->nonimplausible = (size_t) llround(wv->share * NCAND);
      if (rc == 0 && m == 0) {
        free(cand);
        break; /* nothing left to run: the record is out of the model's reach */
      }
      size_t *idx = rc == 0 ? fs_malloc(n * sizeof *idx) : NULL;
      size_t pick = m < n ? m : n;
      if (rc == 0 && !idx) rc = fs_err_set(err, FS_ENOMEM, "out of memory");
      if (rc == 0) rc = fs_smc_maximin(cand, m, c->d, pick, idx, err);
      for (size_t i = 0; rc == 0 && i < n; i++)
        memcpy(u + i * d, cand + idx[i % pick] * d, d * sizeof *u);
      free(idx);
      free(cand);
    }
    char name[32];
    snprintf(name, sizeof name, "wave-%d", w + 1);
    int complete = 0;
    size_t first = c->nruns;
    if (rc == 0) rc = fs_cal__stage(c, name, u, n, 0, y, &complete, err);
    if (rc != 0 || !complete) break;
    if (w == 0) fs_cal__flat(c, y, n);
    wv->points = n;
    wv->best = INFINITY;
    for (size_t i = 0; i < n; i++) {
      fs_cal_run *r = &c->run[first + i];
      r->score = fs_cal__implausibility(c, y + i * k);
      r->kept = r->score < s->cutoff;
      wv->within += (size_t) r->kept;
      wv->failed += !isfinite(r->score);
      if (r->score < wv->best) wv->best = r->score;
    }
    rc = fit_wave(c, wv, u, y, n, err);
    c->nwaves = w + 1;
  }
  if (rc == 0 && !c->pending) rc = posterior(c, q, err);
  if (q) gsl_qrng_free(q);
  free(u);
  free(y);
  return rc;
}
