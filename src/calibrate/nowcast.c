/* nowcast.c: the nowcast's ensemble, its weighting by the observed counts
   and the forecast, and the coverage of its intervals over simulated
   truths (nowcast.h). */
#include <assert.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calibrate/nowcast.h"
#include "calibrate/smc.h"
#include "engine/rng.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/fsutil.h"

enum { T_LOSS, T_RECOVERY, T_LOSS_IND, T_PF_GU, T_PF_IL };

/* ---- The layout and the reader */

static void grid_init(fs_nowcast_layout *l) {
  for (int g = 0; g < FS_NOWCAST_NGRID; g++)
    l->grid[g] = g <= 24 ? (double) g : 24.0 + 6.0 * (g - 24);
  assert(l->grid[FS_NOWCAST_NGRID - 1] == FS_NOWCAST_WINDOW_HOURS);
}

static void add_target(fs_nowcast_layout *l, const char *name, const char *unit, int kind,
                       int arg) {
  int k = l->ntargets++;
  snprintf(l->target[k], sizeof l->target[k], "%s", name);
  snprintf(l->unit[k], sizeof l->unit[k], "%s", unit);
  l->target_kind[k] = kind;
  l->target_arg[k] = arg;
}

int fs_nowcast_series_of(const fs_nowcast_layout *l, int output, int industry) {
  for (int s = 0; s < l->nseries; s++)
    if (l->series_output[s] == output && l->series_industry[s] == industry) return s;
  return -1;
}

int fs_nowcast_layout_build(fs_nowcast_layout *l, const fs_config *cfg, int portfolio,
                            const fs_observed *obs, fs_err *err) {
  memset(l, 0, sizeof *l);
  grid_init(l);
  l->onset = fs_observed_onset(cfg);
  for (int k = 0; k < FS_OBS_NOUTPUTS; k++) {
    if (k == FS_OBS_FLIGHTS && !fs_observed_has_flights(cfg)) continue;
    l->series_output[l->nseries] = k;
    snprintf(l->series_name[l->nseries], sizeof l->series_name[0], "%s",
             fs_observed_output_name(k));
    l->series_industry[l->nseries++] = -1;
  }
  if (cfg->has_costs) {
    static const char *const rec[] = {"recovery_h50", "recovery_h90", "recovery_h99"};
    static const int q[] = {0, 1, 3}; /* fs_recovery_quantiles: 0.50, 0.90, 0.97, 0.99 */
    add_target(l, "loss_total", "USD", T_LOSS, 0);
    for (int i = 0; i < 3; i++) add_target(l, rec[i], "hours", T_RECOVERY, q[i]);
    char name[80];
    for (int k = 0; k < cfg->nindustries; k++) {
      snprintf(name, sizeof name, "loss_%.60s", cfg->industries[k].id);
      add_target(l, name, "USD", T_LOSS_IND, k);
    }
    if (portfolio) {
      add_target(l, "portfolio_gu", "USD", T_PF_GU, 0);
      add_target(l, "portfolio_il", "USD", T_PF_IL, 0);
    }
  } else {
    static const char *const rec[] = {"recovery_h50", "recovery_h90", "recovery_h99"};
    static const int q[] = {0, 1, 3};
    for (int i = 0; i < 3; i++) add_target(l, rec[i], "hours", T_RECOVERY, q[i]);
  }
  for (size_t i = 0; obs && i < obs->n; i++) {
    const fs_observed_row *r = &obs->row[i];
    if (fs_nowcast_series_of(l, r->output, r->industry) >= 0) continue;
    if ((l->nseries + 1) * FS_NOWCAST_NGRID + l->ntargets > FS_SWEEP_MAX_CUSTOM_OUTPUTS ||
        l->nseries == FS_NOWCAST_MAX_SERIES)
      return fs_err_set(err, FS_ELIMIT,
                        "%s:%ld: orgs_impaired for %s: the ensemble has room for the series of "
                        "%d industries at most with this scenario",
                        obs->path, r->line, cfg->industries[r->industry].id,
                        (FS_SWEEP_MAX_CUSTOM_OUTPUTS - l->ntargets) / FS_NOWCAST_NGRID -
                            (fs_observed_has_flights(cfg) ? 4 : 3));
    const char *id = cfg->industries[r->industry].id;
    l->series_output[l->nseries] = r->output;
    snprintf(l->series_name[l->nseries], sizeof l->series_name[0], "orgs_impaired_%.40s", id);
    snprintf(l->industry_id[l->nseries], sizeof l->industry_id[0], "%s", id);
    l->series_industry[l->nseries++] = r->industry;
  }
  l->noutputs = l->nseries * FS_NOWCAST_NGRID + l->ntargets;
  return 0;
}

/* A tick series (stride values apart) at t hours since the start, linear
   between ticks. */
static double tick_at(const double *ts, size_t stride, size_t nticks, double tick_hours, double t) {
  if (!ts || nticks == 0 || !(tick_hours > 0)) return NAN;
  double u = t / tick_hours;
  if (u <= 0) return ts[0];
  if (u >= (double) (nticks - 1)) return ts[(nticks - 1) * stride];
  size_t i = (size_t) u;
  double f = u - (double) i;
  return ts[i * stride] + f * (ts[(i + 1) * stride] - ts[i * stride]);
}

static double target_of(const fs_nowcast_layout *l, int k, const fs_session *ses,
                        const fs_rep *rep) {
  double sum = 0;
  switch (l->target_kind[k]) {
  case T_LOSS:
    return rep->loss_total;
  case T_RECOVERY:
    return rep->recovery_hours[l->target_arg[k]];
  case T_LOSS_IND:
    return rep->loss_by_industry[l->target_arg[k]];
  case T_PF_GU:
    for (size_t i = 0; i < ses->pf.n; i++) sum += rep->policy_gu[i];
    return sum;
  default:
    for (size_t i = 0; i < ses->pf.n; i++) sum += rep->policy_il[i];
    return sum;
  }
}

/* fs_sweep_read_fn: the layout's outputs of a finished replication. */
static void read_member(const void *ud, const fs_session *ses, const fs_rep *rep, double *v) {
  const fs_nowcast_layout *l = ud;
  for (int s = 0; s < l->nseries; s++) {
    const double *ts = NULL;
    size_t stride = 1;
    switch (l->series_output[s]) {
    case FS_OBS_CRASHED:
      ts = rep->ts_crashed;
      break;
    case FS_OBS_DOWN:
      ts = rep->ts_down;
      break;
    case FS_OBS_FLIGHTS:
      ts = rep->ts_flights;
      break;
    default:
      ts = rep->ts_orgs_impaired;
      if (l->series_industry[s] >= 0 && rep->ts_orgs_impaired_ind) {
        ts = rep->ts_orgs_impaired_ind + l->series_industry[s];
        stride = (size_t) rep->nindustries;
      }
    }
    for (int g = 0; g < FS_NOWCAST_NGRID; g++)
      v[s * FS_NOWCAST_NGRID + g] =
          tick_at(ts, stride, rep->nticks, rep->tick_hours, l->onset + l->grid[g]);
  }
  for (int k = 0; k < l->ntargets; k++)
    v[l->nseries * FS_NOWCAST_NGRID + k] = target_of(l, k, ses, rep);
}

int fs_nowcast_spec_outputs(fs_sweep_spec *s, const fs_nowcast_layout *l, fs_err *err) {
  for (int q = 0; q < l->nseries; q++)
    for (int g = 0; g < FS_NOWCAST_NGRID; g++)
      snprintf(s->outputs[q * FS_NOWCAST_NGRID + g], sizeof s->outputs[0], "%s_h%02d",
               l->series_name[q], (int) l->grid[g]);
  for (int k = 0; k < l->ntargets; k++)
    snprintf(s->outputs[l->nseries * FS_NOWCAST_NGRID + k], sizeof s->outputs[0], "%s",
             l->target[k]);
  s->noutputs = l->noutputs;
  s->primary = 0;
  s->read = read_member;
  s->read_ud = l;
  s->reps = 1;
  s->independent = 1;
  return fs_sweep_spec_seal(s, err);
}

double fs_nowcast_series_at(const fs_nowcast_layout *l, const double *y, int s, double t) {
  const double *v = y + (size_t) s * FS_NOWCAST_NGRID;
  if (t <= l->grid[0]) return v[0];
  for (int g = 1; g < FS_NOWCAST_NGRID; g++)
    if (t <= l->grid[g]) {
      double f = (t - l->grid[g - 1]) / (l->grid[g] - l->grid[g - 1]);
      return v[g - 1] + f * (v[g] - v[g - 1]);
    }
  return v[FS_NOWCAST_NGRID - 1];
}

/* ---- Weighting */

/* The covariance diag(var) + U U^T (U = dev^T) by Woodbury's identity:
   its inverse is D^-1 - D^-1 U K^-1 U^T D^-1 with K = I + U^T D^-1 U
   (ndev x ndev, factored into kf), and its log-determinant
   log|D| + log|K| (into *logdet). */
static int woodbury(const double *var, const double *dev, size_t ndev, size_t nobs, double *kf,
                    double *logdet) {
  double ld = 0;
  for (size_t i = 0; i < nobs; i++) ld += log(var[i]);
  for (size_t a = 0; a < ndev; a++)
    for (size_t b = 0; b <= a; b++) {
      double v = a == b;
      for (size_t i = 0; i < nobs; i++) v += dev[a * nobs + i] * dev[b * nobs + i] / var[i];
      kf[a * ndev + b] = kf[b * ndev + a] = v;
    }
  gsl_matrix_view k = gsl_matrix_view_array(kf, ndev, ndev);
  if (gsl_linalg_cholesky_decomp1(&k.matrix) != 0) return -1; /* lower triangle: L */
  for (size_t a = 0; a < ndev; a++) ld += 2 * log(kf[a * ndev + a]);
  *logdet = ld;
  return 0;
}

void fs_nowcast_loglik(const double *z, const double *var, const double *dev, size_t ndev,
                       size_t nobs, const double *x, size_t m, double *loglik) {
  assert(ndev <= FS_NOWCAST_MAX_DEV);
  double kf[FS_NOWCAST_MAX_DEV * FS_NOWCAST_MAX_DEV], b[FS_NOWCAST_MAX_DEV], logdet = 0;
  /* K = I + (positive semi-definite) is positive definite; a failure
     means a variance of 0 (refused by the callers) or NAN. */
  if (woodbury(var, dev, ndev, nobs, kf, &logdet) != 0) ndev = 0;
  if (ndev == 0) {
    logdet = 0;
    for (size_t i = 0; i < nobs; i++) logdet += log(var[i]);
  }
  for (size_t j = 0; j < m; j++) {
    double quad = 0;
    int bad = 0;
    memset(b, 0, sizeof b);
    for (size_t i = 0; i < nobs; i++) {
      double v = x[j * nobs + i];
      bad |= isnan(v);
      double r = log1p(z[i]) - log1p(fmax(0, v));
      quad += r * r / var[i];
      for (size_t a = 0; a < ndev; a++) b[a] += dev[a * nobs + i] * r / var[i];
    }
    /* quad - b^T K^-1 b, with K = L L^T: y = L^-1 b */
    if (ndev > 0) {
      gsl_matrix_const_view l = gsl_matrix_const_view_array(kf, ndev, ndev);
      gsl_vector_view y = gsl_vector_view_array(b, ndev);
      gsl_blas_dtrsv(CblasLower, CblasNoTrans, CblasNonUnit, &l.matrix, &y.vector);
      for (size_t a = 0; a < ndev; a++) quad -= b[a] * b[a];
    }
    loglik[j] = bad ? -INFINITY : -0.5 * (quad + logdet + (double) nobs * log(2 * M_PI));
  }
}

double fs_nowcast_weights(const double *loglik, size_t m, double *w) {
  double top = -INFINITY, sum = 0;
  for (size_t j = 0; j < m; j++)
    if (loglik[j] > top) top = loglik[j];
  for (size_t j = 0; j < m; j++) {
    w[j] = isfinite(top) && loglik[j] > -INFINITY ? exp(loglik[j] - top) : 0;
    sum += w[j];
  }
  for (size_t j = 0; j < m && sum > 0; j++) w[j] /= sum;
  return sum > 0 ? fs_smc_ess(w, m) : 0;
}

fs_nowcast_fc fs_nowcast_forecast(const double *v, const double *w, size_t m) {
  fs_nowcast_fc f;
  f.prior_p05 = fs_smc_quantile(v, NULL, m, 0.05);
  f.prior_p50 = fs_smc_quantile(v, NULL, m, 0.50);
  f.prior_p95 = fs_smc_quantile(v, NULL, m, 0.95);
  f.p05 = fs_smc_quantile(v, w, m, 0.05);
  f.p50 = fs_smc_quantile(v, w, m, 0.50);
  f.p95 = fs_smc_quantile(v, w, m, 0.95);
  double sw = 0, s = 0;
  for (size_t j = 0; j < m; j++)
    if (!isnan(v[j])) {
      sw += w[j];
      s += w[j] * v[j];
    }
  f.mean = sw > 0 ? s / sw : NAN;
  return f;
}

void fs_nowcast_result_free(fs_nowcast_result *r) {
  free(r->x);
  free(r->y);
  free(r->yrep);
  free(r->w);
  free(r->loglik);
  free(r->zobs);
  free(r->xobs_sd);
  memset(r, 0, sizeof *r);
}

/* ---- Running */

/* A stage of the nowcast folder: DIR/NAME, its outputs' means into y. */
static int stage(const fs_sweep_spec *s, const double *x, size_t n, const fs_nowcast_opts *o,
                 const char *name, double *y, fs_nowcast_result *res, fs_err *err) {
  char dir[FS_PATH_MAX];
  int rc = fs_path_join(dir, sizeof dir, o->out, name, err);
  if (rc != 0) return rc;
  fs_sweep_stage_opts so = {.threads = o->threads,
                            .resume = 1, /* an interrupted nowcast goes on where it stopped */
                            .quiet = o->quiet,
                            .mpi_size = 1,
                            .interrupt = o->interrupt};
  fs_sweep_stage_stats st;
  int complete = 0;
  rc = fs_sweep_stage_run(s, x, n, dir, &so, y, NULL, &complete, &st, err);
  if (rc == FS_EUSAGE) {
    char why[sizeof err->msg];
    memcpy(why, err->msg, sizeof why);
    return fs_err_set(err, FS_EUSAGE,
                      "%s holds simulations of other settings (scenario, parameters, samples, "
                      "scale, seed, portfolio or observed industries): remove it or choose "
                      "another -o (%s)",
                      dir, why);
  }
  if (rc != 0) return rc;
  res->sims_run += st.done;
  res->sims_reused += st.resumed;
  if (!complete) return fs_err_set(err, FS_EINVAL, "%s: the stage did not complete", dir);
  if (st.failed && !o->quiet)
    fprintf(stderr, "fleetsim nowcast: %s: %zu of %zu simulations failed (left out): %s\n", name,
            st.failed, st.tasks, st.first_failure);
  return 0;
}

/* n points of the ensemble's distribution into x (n * d): the prior's
   Latin hypercube, or the posterior resampled (systematic, from stream
   FS_STREAM_SWEEP of seed). */
static int draw_points(const fs_nowcast_spec *spec, size_t n, uint64_t seed, int random, double *x,
                       fs_err *err) {
  const fs_sweep_spec *s = &spec->sweep;
  size_t d = (size_t) s->d;
  if (spec->post) {
    size_t *idx = fs_malloc(n * sizeof *idx);
    gsl_rng *r = fs_rng_new(seed, FS_STREAM_SWEEP);
    if (!idx || !r) {
      free(idx);
      if (r) gsl_rng_free(r);
      return fs_err_set(err, FS_ENOMEM, "out of memory");
    }
    fs_smc_resample(r, spec->post->w, spec->post->n, n, idx);
    for (size_t i = 0; i < n; i++) memcpy(x + i * d, spec->post->x + idx[i] * d, d * sizeof *x);
    free(idx);
    gsl_rng_free(r);
    return 0;
  }
  fs_design dz = {0};
  int rc = fs_design_build(&dz, random ? FS_DESIGN_RANDOM : FS_DESIGN_LHS, s->params, s->d, n, 0,
                           seed, err);
  if (rc == 0) memcpy(x, dz.x, n * d * sizeof *x);
  fs_design_free(&dz);
  return rc;
}

/* The seeds held back from the ensemble's (the run seed): its k-th
   splitmix64 successor; k = 0 draws the truths' parameters and
   observation noise, 1..FS_NOWCAST_REPLICATES are the replicates', the
   next ones the truths'. */
static uint64_t held_seed(uint64_t run_seed, size_t k) {
  uint64_t state = run_seed, out = 0;
  for (size_t i = 0; i <= k; i++) out = fs_splitmix64(&state);
  return out;
}

/* The replicates: FS_NOWCAST_REPLICATES simulations at the ensemble's
   centre (its parameters' mean), each a stage of one point with a seed of
   its own (DIR/replicates/seed-NN, held_seed), so that they differ as a truth differs from a
   member with the same parameters: in fleet sample and random numbers.
   None with --model-sd. */
static int replicates(const fs_nowcast_spec *spec, const fs_nowcast_opts *o, const double *xens,
                      size_t m, fs_nowcast_result *res, fs_err *err) {
  size_t no = (size_t) spec->layout.noutputs, d = (size_t) spec->sweep.d, R = FS_NOWCAST_REPLICATES;
  if (spec->model_sd >= 0) return 0;
  double x[FS_DESIGN_MAX_PARAMS];
  for (size_t j = 0; j < d; j++) {
    x[j] = 0;
    for (size_t i = 0; i < m; i++) x[j] += xens[i * d + j] / (double) m;
  }
  fs_sweep_spec *s = fs_malloc(sizeof *s);
  res->yrep = fs_calloc(R * no, sizeof *res->yrep);
  if (!s || !res->yrep) {
    free(s);
    return fs_err_set(err, FS_ENOMEM, "out of memory");
  }
  char name[64];
  int rc = 0;
  for (size_t r = 0; r < R && rc == 0; r++) {
    *s = spec->sweep;
    s->has_seed = 1;
    s->seed = s->run_seed = held_seed(spec->sweep.run_seed, 1 + r);
    snprintf(name, sizeof name, "replicates/seed-%02zu", r + 1);
    rc = fs_sweep_spec_seal(s, err);
    if (rc == 0) rc = stage(s, x, 1, o, name, res->yrep + r * no, res, err);
  }
  res->nrep = rc == 0 ? R : 0;
  free(s);
  return rc;
}

/* The variances and model-error deviations of nobs observations of
   series ser[i] at t[i] hours after the onset with relative sds sd[i]:
   var[i] = sd[i]^2 (+ --model-sd^2), dev (nrep * nobs) the replicates'
   log(1 + value) about their mean times sqrt(2 / (nrep - 1)): the
   covariance of a member's error and the truth's, each with the spread
   of the replicates. */
static void obs_error(const fs_nowcast_spec *spec, const fs_nowcast_result *res, size_t nobs,
                      const int *ser, const double *t, const double *sd, double *var, double *dev) {
  const fs_nowcast_layout *l = &spec->layout;
  size_t R = res->nrep, no = (size_t) l->noutputs;
  double ms = spec->model_sd >= 0 ? spec->model_sd : 0;
  for (size_t i = 0; i < nobs; i++) {
    var[i] = sd[i] * sd[i] + ms * ms;
    double mean = 0;
    for (size_t r = 0; r < R; r++) {
      double v = fs_nowcast_series_at(l, res->yrep + r * no, ser[i], t[i]);
      dev[r * nobs + i] = isnan(v) ? 0 : log1p(fmax(0, v));
      mean += dev[r * nobs + i] / (double) R;
    }
    for (size_t r = 0; r < R; r++)
      dev[r * nobs + i] = (dev[r * nobs + i] - mean) * sqrt(2.0 / (double) (R - 1));
  }
}

/* The observations' counts, their errors and the members' values at
   them; the weights. */
static int weigh(const fs_nowcast_spec *spec, fs_nowcast_result *res, fs_err *err) {
  const fs_nowcast_layout *l = &spec->layout;
  size_t n = spec->obs->n, m = res->m, no = (size_t) l->noutputs, R = res->nrep;
  double *sd = fs_calloc(n, sizeof *sd), *t = fs_calloc(n, sizeof *t);
  double *var = fs_calloc(n, sizeof *var), *dev = fs_calloc((R ? R : 1) * n, sizeof *dev);
  double *xv = fs_calloc(n * m, sizeof *xv);
  int *ser = fs_calloc(n, sizeof *ser);
  res->zobs = fs_calloc(n, sizeof *res->zobs);
  res->xobs_sd = fs_calloc(n, sizeof *res->xobs_sd);
  res->w = fs_calloc(m, sizeof *res->w);
  res->loglik = fs_calloc(m, sizeof *res->loglik);
  int rc = 0;
  if (!sd || !t || !var || !dev || !xv || !ser || !res->zobs || !res->xobs_sd || !res->w ||
      !res->loglik)
    rc = fs_err_set(err, FS_ENOMEM, "out of memory");
  for (size_t i = 0; rc == 0 && i < n; i++) {
    const fs_observed_row *r = &spec->obs->row[i];
    ser[i] = fs_nowcast_series_of(l, r->output, r->industry);
    t[i] = r->hours - l->onset;
    sd[i] = r->sd;
    res->zobs[i] = r->value;
    for (size_t j = 0; j < m; j++)
      xv[j * n + i] = fs_nowcast_series_at(l, res->y + j * no, ser[i], t[i]);
  }
  if (rc == 0) {
    obs_error(spec, res, n, ser, t, sd, var, dev);
    for (size_t i = 0; i < n; i++) {
      double c = 0;
      for (size_t r = 0; r < R; r++) c += dev[r * n + i] * dev[r * n + i];
      res->xobs_sd[i] = sqrt(var[i] + c);
    }
    res->nobs = n;
    fs_nowcast_loglik(res->zobs, var, dev, R, n, xv, m, res->loglik);
    res->ess = fs_nowcast_weights(res->loglik, m, res->w);
  }
  free(sd);
  free(t);
  free(var);
  free(dev);
  free(xv);
  free(ser);
  return rc;
}

static void forecast_all(const fs_nowcast_spec *spec, fs_nowcast_result *res, double *v) {
  const fs_nowcast_layout *l = &spec->layout;
  size_t no = (size_t) l->noutputs;
  for (int k = 0; k < l->ntargets; k++) {
    for (size_t j = 0; j < res->m; j++)
      v[j] = res->y[j * no + (size_t) (l->nseries * FS_NOWCAST_NGRID + k)];
    res->fc[k] = fs_nowcast_forecast(v, res->w, res->m);
  }
}

/* The ensemble: its points, simulations and model-error sds. */
static int ensemble(const fs_nowcast_spec *spec, const fs_nowcast_opts *o, fs_nowcast_result *res,
                    fs_err *err) {
  size_t m = (size_t) spec->samples, d = (size_t) spec->sweep.d;
  size_t no = (size_t) spec->layout.noutputs;
  res->m = m;
  res->x = fs_calloc(m * d, sizeof *res->x);
  res->y = fs_calloc(m * no, sizeof *res->y);
  if (!res->x || !res->y) return fs_err_set(err, FS_ENOMEM, "out of memory for the ensemble");
  int rc = fs_mkdirs(o->out, err);
  if (rc == 0) rc = draw_points(spec, m, spec->sweep.run_seed, 0, res->x, err);
  if (rc == 0) rc = replicates(spec, o, res->x, m, res, err);
  if (rc == 0) rc = stage(&spec->sweep, res->x, m, o, "ensemble", res->y, res, err);
  return rc;
}

static int coverage(const fs_nowcast_spec *spec, const fs_nowcast_opts *o, fs_nowcast_result *res,
                    fs_err *err);

int fs_nowcast_run(const fs_nowcast_spec *spec, const fs_nowcast_opts *o, fs_err *err) {
  double t0 = fs_now();
  fs_nowcast_result res = {0};
  int rc = ensemble(spec, o, &res, err);
  if (rc == 0 && spec->coverage) {
    rc = coverage(spec, o, &res, err);
  } else if (rc == 0) {
    rc = weigh(spec, &res, err);
    double *v = rc == 0 ? fs_calloc(res.m, sizeof *v) : NULL;
    if (rc == 0 && !v) rc = fs_err_set(err, FS_ENOMEM, "out of memory");
    if (rc == 0) forecast_all(spec, &res, v);
    free(v);
    res.wall_seconds = fs_now() - t0;
    if (rc == 0) rc = fs_nowcast_write(spec, o, &res, err);
    if (rc == 0 && !o->quiet)
      printf("fleetsim nowcast: effective sample size %.1f of %zu members; %zu simulations run, "
             "%zu reused\n",
             res.ess, res.m, res.sims_run, res.sims_reused);
    if (rc == 0 && res.ess < FS_NOWCAST_MIN_ESS)
      fprintf(stderr,
              "fleetsim nowcast: warning: effective sample size %.1f < %g: the forecast rests on "
              "a few members (degenerate); more --samples, a wider prior or larger sd\n",
              res.ess, FS_NOWCAST_MIN_ESS);
  }
  fs_nowcast_result_free(&res);
  return rc;
}

/* ---- Coverage over simulated truths */

static const double horizons[] = {2, 6, 12, 24};
#define NHORIZONS 4

/* One truth's forecast of loss_total after h hours of its counts
   (crashed, down and impaired organisations every hour, with noise eps
   (per output column) of sd FS_OBSERVED_DEFAULT_SD): whether the 90 %
   interval covers its loss, the interval's width relative to it, the
   ESS. h = 0: the prior's. */
static void one_truth(const fs_nowcast_spec *spec, const fs_nowcast_result *res, const double *yt,
                      const double *eps, double h, double *lossv, double *w, double *ll,
                      double *out) {
  enum { CAP = 3 * FS_NOWCAST_NGRID };
  const fs_nowcast_layout *l = &spec->layout;
  size_t m = res->m, no = (size_t) l->noutputs, nobs = 0, R = res->nrep;
  double z[CAP], sd[CAP], t[CAP], var[CAP];
  int ser[CAP];
  double *xv = fs_malloc(m * CAP * sizeof *xv), *dev = fs_malloc((R ? R : 1) * CAP * sizeof *dev);
  out[0] = out[1] = out[2] = NAN;
  if (!xv || !dev) {
    free(xv);
    free(dev);
    return;
  }
  for (int s = 0; s < 3; s++)
    for (int g = 1; g < FS_NOWCAST_NGRID && l->grid[g] <= h; g++) {
      size_t k = (size_t) (s * FS_NOWCAST_NGRID + g);
      z[nobs] = fmax(0, (1 + yt[k]) * exp(FS_OBSERVED_DEFAULT_SD * eps[k]) - 1);
      sd[nobs] = FS_OBSERVED_DEFAULT_SD;
      ser[nobs] = s;
      t[nobs++] = l->grid[g];
    }
  for (size_t j = 0; j < m; j++)
    for (size_t i = 0; i < nobs; i++)
      xv[j * nobs + i] = fs_nowcast_series_at(l, res->y + j * no, ser[i], t[i]);
  obs_error(spec, res, nobs, ser, t, sd, var, dev);
  fs_nowcast_loglik(z, var, dev, R, nobs, xv, m, ll);
  out[2] = fs_nowcast_weights(ll, m, w);
  free(xv);
  free(dev);
  size_t kl = (size_t) (l->nseries * FS_NOWCAST_NGRID); /* loss_total */
  for (size_t j = 0; j < m; j++) lossv[j] = res->y[j * no + kl];
  fs_nowcast_fc f = fs_nowcast_forecast(lossv, w, m);
  double truth = yt[kl];
  out[0] = truth >= f.p05 && truth <= f.p95;
  out[1] = (f.p95 - f.p05) / truth;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* The table's rows: horizon 0 is the prior. */
static void cov_table(const fs_nowcast_spec *spec, const fs_nowcast_result *res, const double *yt,
                      const double *eps, fs_nowcast_cov_row *rows, double *scratch) {
  size_t m = res->m, N = (size_t) spec->coverage, no = (size_t) spec->layout.noutputs;
  double *lossv = scratch, *w = scratch + m, *ll = scratch + 2 * m, *widths = scratch + 3 * m;
  for (int hh = 0; hh <= NHORIZONS; hh++) {
    double h = hh ? horizons[hh - 1] : 0, cov = 0, ess = 0;
    size_t nw = 0;
    fs_nowcast_cov_row *r = &rows[hh];
    memset(r, 0, sizeof *r);
    for (size_t t = 0; t < N; t++) {
      double out[3];
      one_truth(spec, res, yt + t * no, eps + t * no, h, lossv, w, ll, out);
      if (isnan(out[0])) continue;
      r->truths++;
      cov += out[0];
      ess += out[2];
      r->degenerate += out[2] < FS_NOWCAST_MIN_ESS;
      if (isfinite(out[1])) widths[nw++] = out[1];
    }
    qsort(widths, nw, sizeof *widths, cmp_double);
    r->horizon = h;
    r->coverage = r->truths ? cov / r->truths : NAN;
    r->mean_ess = r->truths ? ess / r->truths : NAN;
    r->median_width =
        nw ? (nw % 2 ? widths[nw / 2] : 0.5 * (widths[nw / 2 - 1] + widths[nw / 2])) : NAN;
  }
}

static int coverage(const fs_nowcast_spec *spec, const fs_nowcast_opts *o, fs_nowcast_result *res,
                    fs_err *err) {
  if (!spec->layout.ntargets || strcmp(spec->layout.target[0], "loss_total") != 0)
    return fs_err_set(err, FS_EUSAGE, "--coverage needs a scenario with costs (loss_total)");
  size_t N = (size_t) spec->coverage, d = (size_t) spec->sweep.d,
         no = (size_t) spec->layout.noutputs;
  size_t m = res->m;
  uint64_t seed0 = held_seed(spec->sweep.run_seed, 0);
  fs_sweep_spec *ts = fs_malloc(sizeof *ts);
  double *x = fs_calloc(N * d, sizeof *x), *yt = fs_calloc(N * no, sizeof *yt);
  double *eps = fs_calloc(N * no, sizeof *eps), *scratch = fs_calloc(3 * m + N, sizeof *scratch);
  gsl_rng *r = fs_rng_new(seed0, FS_STREAM_BOOT);
  int rc = ts && x && yt && eps && scratch && r ? 0 : fs_err_set(err, FS_ENOMEM, "out of memory");
  if (rc == 0) rc = draw_points(spec, N, seed0, 1, x, err);
  /* Each truth a stage of its own seed: its own fleet sample too. */
  char name[64];
  for (size_t j = 0; j < N && rc == 0; j++) {
    *ts = spec->sweep;
    ts->has_seed = 1;
    ts->seed = ts->run_seed = held_seed(spec->sweep.run_seed, 1 + FS_NOWCAST_REPLICATES + j);
    snprintf(name, sizeof name, "truths/seed-%03zu", j + 1);
    rc = fs_sweep_spec_seal(ts, err);
    if (rc == 0) rc = stage(ts, x + j * d, 1, o, name, yt + j * no, res, err);
  }
  /* The observation noise: one standard normal per truth and output
     column, drawn in that order, so the 2 h data are the start of the
     24 h data. */
  for (size_t i = 0; rc == 0 && i < N * no; i++) eps[i] = gsl_ran_gaussian(r, 1.0);
  fs_nowcast_cov_row rows[NHORIZONS + 1];
  if (rc == 0) {
    cov_table(spec, res, yt, eps, rows, scratch);
    rc = fs_nowcast_write_coverage(spec, o, rows, NHORIZONS + 1, err);
  }
  if (r) gsl_rng_free(r);
  free(ts);
  free(x);
  free(yt);
  free(eps);
  free(scratch);
  return rc;
}
