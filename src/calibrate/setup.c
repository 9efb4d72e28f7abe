/* setup.c: a calibration's spec (scenario, parameters, observations and
   their targets), its stages on the sweep machinery and the scores of
   simulated outputs against the record. */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "calibrate/calibrate_impl.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/hash.h"
#include "validate/validate.h"

/* The band's floor on a log scale: a thousandth of its low end. */
#define LOG_FLOOR 1e-3

double fs_cal_transform(const fs_cal_target *t, const fs_obs *o, double v) {
  if (isnan(v)) return NAN;
  return t->log ? log(fmax(v, o->lo * LOG_FLOOR)) : v;
}

void fs_cal__targets(fs_cal_target *t, const fs_obs_set *obs, double discrepancy) {
  for (int j = 0; j < obs->n; j++) {
    const fs_obs *o = &obs->obs[j];
    t[j].log = o->lo > 0;
    t[j].z = fs_cal_transform(&t[j], o, o->value);
    double w = fs_cal_transform(&t[j], o, o->hi) - fs_cal_transform(&t[j], o, o->lo);
    t[j].sd_obs = fmax(w / 4, 0.01);
    t[j].sd_disc = discrepancy * t[j].sd_obs;
  }
}

static void read_obs(const void *ud, const fs_session *ses, const fs_rep *rep, double *v) {
  const fs_obs_set *obs = ud;
  for (int j = 0; j < obs->n; j++) v[j] = fs_validate_output_read(ses, rep, &obs->obs[j]);
}

/* EVENT.portfolio.csv beside EVENT.obs.lua, when there is one. */
static int library_portfolio(const char *obs_path, char *out, size_t cap, fs_err *err) {
  static const char suffix[] = ".obs.lua";
  size_t n = strlen(obs_path), m = sizeof suffix - 1;
  out[0] = '\0';
  if (n <= m || strcmp(obs_path + n - m, suffix) != 0) return 0;
  int rc = fs_path_fmt(out, cap, err, "%.*s.portfolio.csv", (int) (n - m), obs_path);
  struct stat st;
  if (rc == 0 && (stat(out, &st) != 0 || !S_ISREG(st.st_mode))) out[0] = '\0';
  return rc;
}

int fs_cal_spec_build(fs_cal_spec *spec, const fs_session_opts *so0, const fs_sweep_param_arg *args,
                      int nargs, const char *obs_path, fs_obs_set *obs, fs_err *err) {
  fs_session_opts so = *so0;
  char pf[FS_PATH_MAX];
  int rc = 0;
  if (!so.portfolio && (rc = library_portfolio(obs_path, pf, sizeof pf, err)) == 0 && pf[0])
    so.portfolio = pf;
  fs_sweep_spec *s = &spec->sweep;
  if (rc == 0) rc = fs_path_fmt(spec->observations, sizeof spec->observations, err, "%s", obs_path);
  if (rc == 0) rc = fs_sweep_spec_set_scenario(s, &so, err);
  s->design = FS_DESIGN_LIST;
  s->n = 1;
  if (rc == 0) rc = fs_sweep_spec_complete(s, args, nargs, err);
  for (int j = 0; j < s->d && rc == 0; j++)
    if (!(s->params[j].lo < s->params[j].hi) || s->params[j].step > 0)
      rc = fs_err_set(err, FS_EUSAGE,
                      "--param %s: calibration needs a range LO:HI with LO < HI and no step",
                      s->params[j].name);
  fs_session ses;
  if (rc == 0 && (rc = fs_session_open_scenario(&ses, &so, err)) == 0) {
    rc = fs_validate_obs_load(&ses, obs_path, so.portfolio, &so.load.limits, obs, err);
    fs_session_close(&ses);
  }
  if (rc == 0 && obs->n < 1)
    rc = fs_err_set(err, FS_EUSAGE, "%s: no observation to calibrate against", obs_path);
  if (rc == 0 && obs->n > FS_SWEEP_MAX_CUSTOM_OUTPUTS)
    rc = fs_err_set(err, FS_EUSAGE, "%s: more than %d observations", obs_path,
                    FS_SWEEP_MAX_CUSTOM_OUTPUTS);
  for (int e = 0; e < spec->nexclude && rc == 0; e++) {
    int found = 0;
    for (int j = 0; j < obs->n; j++) found |= strcmp(obs->obs[j].id, spec->exclude[e]) == 0;
    if (!found)
      rc = fs_err_set(err, FS_EUSAGE, "--exclude %s: %s has no observation of that id",
                      spec->exclude[e], obs_path);
  }
  if (rc == 0 && spec->nexclude >= obs->n)
    rc = fs_err_set(err, FS_EUSAGE, "--exclude: every observation of %s is left out", obs_path);
  if (rc == 0) rc = fs_fnv1a_file(obs_path, &spec->observations_hash, err);
  if (rc != 0) return rc == FS_ENOMEM ? rc : FS_EUSAGE;
  s->noutputs = obs->n;
  s->primary = 0;
  for (int j = 0; j < obs->n; j++)
    snprintf(s->outputs[j], sizeof s->outputs[0], "%s", obs->obs[j].id);
  s->read = read_obs;
  s->read_ud = obs;
  return fs_sweep_spec_seal(s, err);
}

int fs_cal__lhs(const fs_cal *c, double *u, size_t n, fs_err *err) {
  fs_sweep_param unit[FS_DESIGN_MAX_PARAMS];
  for (int j = 0; j < c->d; j++) unit[j] = (fs_sweep_param){.lo = 0, .hi = 1, .name = "u"};
  fs_design dz = {0};
  int rc = fs_design_build(&dz, FS_DESIGN_LHS, unit, c->d, n, 0, c->spec->sweep.run_seed, err);
  if (rc == 0) memcpy(u, dz.x, n * (size_t) c->d * sizeof *u);
  fs_design_free(&dz);
  return rc;
}

double fs_cal__param(const fs_cal *c, int j, double u) {
  const fs_sweep_param *p = &c->spec->sweep.params[j];
  return p->lo + u * (p->hi - p->lo);
}

double fs_cal__unit(const fs_cal *c, int j, double x) {
  const fs_sweep_param *p = &c->spec->sweep.params[j];
  return (x - p->lo) / (p->hi - p->lo);
}

static double standardised(const fs_cal *c, int j, double y) {
  const fs_cal_target *t = &c->t[j];
  double v = fs_cal_transform(t, &c->obs->obs[j], y);
  return (v - t->z) / sqrt(t->sd_obs * t->sd_obs + t->sd_disc * t->sd_disc);
}

void fs_cal__flat(fs_cal *c, const double *y, size_t n) {
  for (int j = 0; j < c->k; j++) {
    if (c->use[j] != USE_FIT) continue;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < n; i++) {
      double v = fs_cal_transform(&c->t[j], &c->obs->obs[j], y[i * (size_t) c->k + (size_t) j]);
      if (!isfinite(v)) continue;
      lo = fmin(lo, v);
      hi = fmax(hi, v);
    }
    if (!(hi - lo > 1e-9 * fmax(1, fabs(hi)))) c->use[j] = USE_FLAT;
  }
}

const char *fs_cal__use_name(int use) {
  return use == USE_FIT ? "fit" : use == USE_EXCLUDED ? "excluded" : "flat";
}

double fs_cal__implausibility(const fs_cal *c, const double *y) {
  double worst = -1;
  for (int j = 0; j < c->k; j++)
    if (c->use[j] == USE_FIT && isfinite(y[j])) worst = fmax(worst, fabs(standardised(c, j, y[j])));
  return worst < 0 ? INFINITY : worst;
}

double fs_cal__distance(const fs_cal *c, const double *y) {
  double sum = 0;
  int n = 0;
  for (int j = 0; j < c->k; j++)
    if (c->use[j] == USE_FIT && isfinite(y[j])) {
      double e = standardised(c, j, y[j]);
      sum += e * e;
      n++;
    }
  return n ? sqrt(sum / n) : INFINITY;
}

static int grow(fs_cal *c, size_t n, fs_err *err) {
  if (c->nruns + n <= c->cap) return 0;
  size_t cap = c->cap ? c->cap : 256;
  while (cap < c->nruns + n) cap *= 2;
  fs_cal_run *run = realloc(c->run, cap * sizeof *run);
  if (run) c->run = run;
  double *rx = realloc(c->rx, cap * (size_t) c->d * sizeof *rx);
  if (rx) c->rx = rx;
  double *ry = realloc(c->ry, cap * (size_t) c->k * sizeof *ry);
  if (ry) c->ry = ry;
  if (!run || !rx || !ry) return fs_err_set(err, FS_ENOMEM, "out of memory for %zu runs", cap);
  c->cap = cap;
  return 0;
}

int fs_cal__stage(fs_cal *c, const char *name, double *u, size_t n, int independent, double *y,
                  int *complete, fs_err *err) {
  const fs_cal_opts *o = c->o;
  size_t d = (size_t) c->d;
  double *x = fs_malloc(n * d * sizeof *x);
  fs_sweep_spec *s = fs_malloc(sizeof *s);
  char dir[FS_PATH_MAX];
  int rc = x && s ? 0 : fs_err_set(err, FS_ENOMEM, "out of memory");
  if (rc == 0) rc = fs_path_fmt(dir, sizeof dir, err, "%s/stages/%s", o->out, name);
  if (rc == 0) rc = grow(c, n, err);
  if (rc == 0) {
    for (size_t i = 0; i < n * d; i++) x[i] = fs_cal__param(c, (int) (i % d), u[i]);
    *s = c->spec->sweep;
    if (independent) {
      s->independent = 1;
      s->reps = 1;
    }
    fs_sweep_stage_opts so = {.threads = o->threads,
                              .shard = o->shard,
                              .shards = o->shards,
                              /* calibration.json matched: the stages are this calibration's */
                              .resume = 1,
                              .quiet = o->quiet,
                              .mpi_rank = o->mpi_rank,
                              .mpi_size = o->mpi_size,
                              .interrupt = o->interrupt};
    fs_sweep_stage_stats st;
    double t0 = fs_now();
    rc = fs_sweep_stage_run(s, x, n, dir, &so, y, NULL, complete, &st, err);
    if (rc == 0 && !o->quiet && o->mpi_rank == 0)
      printf("fleetsim calibrate: %-16s %4zu points x %d: %zu run, %zu from the journal, %zu "
             "failed (%.1f s)\n",
             name, n, s->reps, st.done, st.resumed, st.failed, fs_now() - t0);
  }
  if (rc == 0 && !*complete) {
    c->pending = n * (size_t) s->reps;
    snprintf(c->pending_stage, sizeof c->pending_stage, "%s", name);
  }
  if (rc == 0 && *complete) {
    /* The points as run: a declared integer parameter was rounded. */
    for (size_t p = 0; p < n; p++) {
      fs_cal_run *r = &c->run[c->nruns];
      memset(r, 0, sizeof *r);
      snprintf(r->stage, sizeof r->stage, "%s", name);
      r->point = p;
      for (size_t j = 0; j < d; j++) {
        const fs_sweep_param *sp = &s->params[j];
        u[p * d + j] = fs_cal__unit(c, (int) j, fs_design_quantise(sp, x[p * d + j]));
        c->rx[c->nruns * d + j] = u[p * d + j];
      }
      memcpy(c->ry + c->nruns * (size_t) c->k, y + p * (size_t) c->k, (size_t) c->k * sizeof *y);
      c->nruns++;
    }
  }
  free(x);
  free(s);
  return rc;
}
