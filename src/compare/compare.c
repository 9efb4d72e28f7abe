/* compare.c: `fleetsim compare`: the base and each variant on the same
   fleet and draws, and the paired statistics (compare.h). */
#include "compare/compare.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pipeline/results.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/fsutil.h"
#include "util/suggest.h"

typedef struct metric_name {
  const char *name, *unit;
} metric_name;

static const metric_name fleet_metrics[FS_CM_FLEET] = {
    {"crashed_endpoints", "endpoints"},
    {"peak_down", "endpoints"},
    {"endpoint_hours_down", "endpoint-hours"},
    {"recovery_h50", "hours"},
    {"recovery_h90", "hours"},
    {"recovery_h99", "hours"},
    {"orgs_operations_paused", "organisations"},
    {"business_downtime_hours", "organisation-hours"},
    {"economic_loss_usd", "USD"},
    {"portfolio_ground_up_usd", "USD"},
    {"portfolio_insured_usd", "USD"},
};
static const metric_name ind_metrics[FS_CM_PER_IND] = {
    {"crashed_endpoints", "endpoints"},
    {"orgs_operations_paused", "organisations"},
    {"business_downtime_hours", "organisation-hours"},
    {"economic_loss_usd", "USD"},
};

static const metric_name *metric(int m) {
  return m < FS_CM_FLEET ? &fleet_metrics[m] : &ind_metrics[(m - FS_CM_FLEET) % FS_CM_PER_IND];
}
const char *fs_compare_metric_name(int m) {
  return metric(m)->name;
}
const char *fs_compare_metric_unit(int m) {
  return metric(m)->unit;
}

/* The metrics of replication rep into x (nm values). */
static void metrics(const fs_compare *c, const fs_batch *b, const fs_rep *rep, double *x) {
  x[FS_CM_CRASHED] = rep->affected;
  x[FS_CM_PEAK_DOWN] = rep->peak_down;
  x[FS_CM_EP_HOURS] = rep->endpoint_hours_down;
  x[FS_CM_REC50] = rep->recovery_hours[0];
  x[FS_CM_REC90] = rep->recovery_hours[1];
  x[FS_CM_REC99] = rep->recovery_hours[3];
  x[FS_CM_ORGS_PAUSED] = rep->orgs_down;
  x[FS_CM_DOWNTIME] = rep->org_downtime_hours;
  x[FS_CM_LOSS] = b->cfg->has_costs ? rep->loss_total : NAN;
  double gu = 0, il = 0;
  for (size_t i = 0; i < b->npol; i++) gu += rep->policy_gu[i], il += rep->policy_il[i];
  x[FS_CM_PF_GU] = c->has_portfolio && b->cfg->has_costs ? gu : NAN;
  x[FS_CM_PF_IL] = c->has_portfolio && b->cfg->has_costs ? il : NAN;
  for (int k = 0; k < c->nindustries; k++) {
    double *y = x + FS_CM_FLEET + FS_CM_PER_IND * k;
    y[FS_CM_IND_CRASHED] = rep->affected_by_industry[k];
    y[FS_CM_IND_PAUSED] = rep->orgs_down_by_industry[k];
    y[FS_CM_IND_DOWNTIME] = rep->downtime_by_industry[k];
    y[FS_CM_IND_LOSS] = b->cfg->has_costs ? rep->loss_by_industry[k] : NAN;
  }
}

int fs_compare_known_param(void *ud, const char *name, char *why, size_t cap) {
  const fs_config *cfg = ud;
  for (int i = 0; i < cfg->nparams; i++)
    if (strcmp(cfg->params[i].name, name) == 0) return 0;
  const char *best =
      fs_suggest_field(name, cfg->params[0].name, sizeof cfg->params[0], (size_t) cfg->nparams);
  if (best)
    snprintf(why, cap, "not a parameter of %s (did you mean '%s'?)", cfg->name, best);
  else
    snprintf(why, cap, "not a parameter of %s (fleetsim run %s --list-params)", cfg->name,
             cfg->name);
  return 1;
}

/* The base's --set values, then the variant's (which win: they come last
   and the loader takes the last value of a name). */
static int merged_sets(const fs_session_opts *base, const fs_variant *v, fs_set *out, fs_err *err) {
  int n = 0;
  for (int i = 0; i < base->load.nsets; i++) {
    int overridden = 0;
    for (int j = 0; v && j < v->nsets; j++)
      overridden |= !strcmp(v->sets[j].name, base->load.sets[i].name);
    if (!overridden) out[n++] = base->load.sets[i];
  }
  for (int j = 0; v && j < v->nsets; j++) {
    if (n == FS_MAX_SETS)
      return fs_err_set(err, FS_EUSAGE, "variant %s: more than %d --set values with the base's",
                        v->name, FS_MAX_SETS);
    out[n++] = v->sets[j];
  }
  return n;
}

/* Whether a variant's configuration can be paired with the base's: the
   same industries (the per-industry metrics are read by index) and costs
   or not alike. */
static int same_shape(const fs_config *a, const fs_config *b) {
  if (a->nindustries != b->nindustries || a->has_costs != b->has_costs) return 0;
  for (int k = 0; k < a->nindustries; k++)
    if (strcmp(a->industries[k].id, b->industries[k].id) != 0) return 0;
  return 1;
}

/* One variant (the i-th) against the scenario (base: its configuration). */
static int check_variant(const fs_compare_opts *o, const fs_variant *v, int i,
                         const fs_config *base, fs_err *err) {
  for (int j = 0; j < i; j++)
    if (!strcmp(o->var[j].name, v->name))
      return fs_err_set(err, FS_EUSAGE, "two variants are named '%s'", v->name);
  if (!strcmp(v->name, "base"))
    return fs_err_set(err, FS_EUSAGE, "a variant may not be named 'base'");
  fs_set sets[FS_MAX_SETS];
  int n = merged_sets(&o->session, v, sets, err);
  if (n < 0) return n;
  fs_session_opts so = o->session;
  so.load.sets = sets;
  so.load.nsets = n;
  fs_session s;
  fs_err e = {0};
  int rc = fs_session_open_scenario(&s, &so, &e);
  if (rc == 0) {
    int same = same_shape(base, s.sc.cfg);
    fs_session_close(&s);
    if (same) return 0;
    return fs_err_set(err, FS_EUSAGE,
                      "variant %s changes the scenario's industries or costs: its metrics "
                      "could not be paired with the base's",
                      v->name);
  }
  /* the loader speaks of --set: here the values are the variant's */
  const char *msg = strncmp(e.msg, "--set: ", 7) == 0  ? e.msg + 7
                    : strncmp(e.msg, "--set ", 6) == 0 ? e.msg + 6
                                                       : e.msg;
  if (v->path[0]) return fs_err_set(err, rc == FS_EUSAGE ? FS_EUSAGE : rc, "%s: %s", v->path, msg);
  return fs_err_set(err, rc == FS_EUSAGE ? FS_EUSAGE : rc, "--variant %s: %s", v->name, msg);
}

/* Every variant against the scenario before anything runs: its
   parameters known and in range, its industries and costs the base's
   (FS_EUSAGE naming the variant). */
static int check_variants(const fs_compare_opts *o, fs_err *err) {
  fs_session base;
  int rc = fs_session_open_scenario(&base, &o->session, err);
  if (rc != 0) return rc;
  for (int i = 0; rc == 0 && i < o->nvar; i++)
    rc = check_variant(o, &o->var[i], i, base.sc.cfg, err);
  fs_session_close(&base);
  return rc;
}

/* Runs arm a on session s and writes its results folder at path. */
static int run_arm(const fs_compare_opts *o, fs_compare *c, int a, fs_session *s, const char *path,
                   fs_err *err) {
  fs_compare_arm *arm = &c->arm[a];
  double t0 = fs_now();
  fs_session_run_opts ro = {.reps = o->reps, .threads = o->threads, .interrupt = o->interrupt};
  fs_batch b;
  int rc = fs_session_run(s, &ro, &b, err);
  if (rc != 0) return rc;
  if (b.interrupted) rc = fs_err_set(err, FS_EINTR, "interrupted");
  arm->x = rc == 0 ? fs_malloc((size_t) o->reps * (size_t) c->nm * sizeof *arm->x) : NULL;
  arm->nticks = b.first.nticks;
  arm->tick_hours = b.first.tick_hours;
  arm->down = rc == 0 ? fs_malloc((arm->nticks ? arm->nticks : 1) * sizeof *arm->down) : NULL;
  if (rc == 0 && (!arm->x || !arm->down)) rc = fs_err_set(err, FS_ENOMEM, "out of memory");
  if (rc == 0) {
    for (int r = 0; r < o->reps; r++) metrics(c, &b, &b.rep[r], arm->x + (size_t) r * c->nm);
    memcpy(arm->down, b.first.ts_down, arm->nticks * sizeof *arm->down);
    arm->halt_hours = b.first.rollout_halt_hours;
    fs_results_opts wo = {.dir = path,
                          .command = o->command,
                          .t0 = t0,
                          .threads = o->threads,
                          .years = 10000,
                          /* compare.html is the comparison's report; an
                             arm's own: fleetsim report DIR/base */
                          .no_report = 1,
                          .quiet = 1,
                          .prog = "fleetsim compare"};
    char written[FS_PATH_MAX];
    rc = fs_results_write(s, &b, &wo, written, sizeof written, err);
  }
  fs_batch_free(&b);
  arm->seconds = fs_now() - t0;
  return rc;
}

/* Opens arm a's session (taking prev's fleet when it is the same), runs
   it into dir/base or dir/variants/NAME. */
static int open_and_run(const fs_compare_opts *o, fs_compare *c, int a, fs_session *s,
                        fs_session *prev, const char *dir, fs_err *err) {
  const fs_variant *v = a ? &o->var[a - 1] : NULL;
  fs_set sets[FS_MAX_SETS];
  int n = merged_sets(&o->session, v, sets, err);
  if (n < 0) return n;
  fs_session_opts so = o->session;
  so.load.sets = sets;
  so.load.nsets = n;
  int rc = fs_session_open(s, &so, prev, err);
  if (rc != 0) return rc;
  c->arm[a].fleet_reused = s->fleet_reused;
  if (a == 0) {
    const fs_config *cfg = s->sc.cfg;
    c->nindustries = cfg->nindustries;
    for (int k = 0; k < cfg->nindustries; k++)
      snprintf(c->industry[k], sizeof c->industry[k], "%s", cfg->industries[k].id);
    snprintf(c->scenario, sizeof c->scenario, "%s", cfg->name);
    c->start_unix = cfg->start_unix;
    c->has_portfolio = s->have_pf;
    c->nm = FS_CM_FLEET + FS_CM_PER_IND * c->nindustries;
  }
  char path[FS_PATH_MAX];
  rc = a ? fs_path_fmt(path, sizeof path, err, "%s/variants/%s", dir, v->name)
         : fs_path_fmt(path, sizeof path, err, "%s/base", dir);
  if (rc == 0 && a == 1) {
    char vd[FS_PATH_MAX];
    if ((rc = fs_path_fmt(vd, sizeof vd, err, "%s/variants", dir)) == 0 && mkdir(vd, 0777) != 0)
      rc = fs_err_set(err, FS_EIO, "%s: cannot create the variants folder", vd);
  }
  if (rc == 0) rc = run_arm(o, c, a, s, path, err);
  return rc;
}

/* Runs every arm in turn, each session taking the previous one's fleet. */
static int run_arms(const fs_compare_opts *o, fs_compare *c, const char *dir, fs_err *err) {
  fs_session s[2];
  memset(s, 0, sizeof s);
  int rc = 0, cur = 0;
  for (int a = 0; rc == 0 && a < c->narm; a++) {
    if (!o->quiet) fprintf(stderr, "fleetsim compare: %s ...\n", a ? o->var[a - 1].name : "base");
    rc = open_and_run(o, c, a, &s[cur], a ? &s[1 - cur] : NULL, dir, err);
    if (a) fs_session_close(&s[1 - cur]);
    cur = 1 - cur;
  }
  fs_session_close(&s[0]);
  fs_session_close(&s[1]);
  return rc;
}

int fs_compare_run(const fs_compare_opts *o, fs_compare *c, fs_err *err) {
  memset(c, 0, sizeof *c);
  c->t0 = fs_now();
  c->reps = o->reps;
  c->narm = 1 + o->nvar;
  int rc = check_variants(o, err);
  if (rc != 0) return rc;
  c->arm = fs_calloc((size_t) c->narm, sizeof *c->arm);
  if (!c->arm) return fs_err_set(err, FS_ENOMEM, "out of memory");
  for (int a = 0; a < c->narm; a++) {
    snprintf(c->arm[a].name, sizeof c->arm[a].name, "%s", a ? o->var[a - 1].name : "base");
    c->arm[a].var = a ? &o->var[a - 1] : NULL;
  }
  char tmp[FS_PATH_MAX];
  int cleaned = 0;
  if ((rc = fs_outdir_begin(o->out, "compare", tmp, sizeof tmp, &cleaned, err)) != 0) return rc;
  rc = run_arms(o, c, tmp, err);
  if (rc == 0) {
    c->row = fs_calloc((size_t) o->nvar * (size_t) c->nm + 1, sizeof *c->row);
    if (!c->row) rc = fs_err_set(err, FS_ENOMEM, "out of memory");
  }
  if (rc == 0) rc = fs_compare_stats(c, err);
  if (rc == 0) rc = fs_compare_write(c, o, tmp, err);
  if (rc == 0) rc = fs_outdir_commit(tmp, o->out, "compare", err);
  if (rc != 0) {
    fs_outdir_abort(tmp);
    return rc;
  }
  snprintf(c->written, sizeof c->written, "%s", o->out);
  return 0;
}

void fs_compare_free(fs_compare *c) {
  for (int a = 0; c->arm && a < c->narm; a++) {
    free(c->arm[a].x);
    free(c->arm[a].down);
  }
  free(c->arm);
  free(c->row);
  memset(c, 0, sizeof *c);
}

/* Sample variance of n values around their mean m (0 for n < 2). */
static double variance(const double *x, int n, double m) {
  double s = 0;
  for (int i = 0; i < n; i++) s += (x[i] - m) * (x[i] - m);
  return n > 1 ? s / (n - 1) : 0;
}

static void pair_stats(const fs_compare *c, int a, int m, fs_compare_row *row, double *buf) {
  const double *xb = c->arm[0].x, *xv = c->arm[a].x;
  double *b = buf, *v = buf + c->reps, *d = buf + 2 * c->reps;
  int n = 0;
  for (int r = 0; r < c->reps; r++) {
    double x0 = xb[(size_t) r * c->nm + m], x1 = xv[(size_t) r * c->nm + m];
    if (isnan(x0) || isnan(x1)) continue;
    b[n] = x0, v[n] = x1, d[n] = x1 - x0, n++;
  }
  *row = (fs_compare_row){.arm = a, .metric = m, .n = n};
  if (n == 0) {
    row->base_mean = row->var_mean = row->diff = row->lo = row->hi = row->rel = NAN;
    row->var_indep = row->var_paired = row->vr = NAN;
    return;
  }
  double sb = 0, sv = 0, sd = 0;
  for (int i = 0; i < n; i++) sb += b[i], sv += v[i], sd += d[i];
  row->base_mean = sb / n;
  row->var_mean = sv / n;
  row->diff = sd / n;
  row->var_paired = variance(d, n, row->diff);
  row->var_indep = variance(b, n, row->base_mean) + variance(v, n, row->var_mean);
  double half = n > 1 ? gsl_cdf_tdist_Pinv(0.975, n - 1) * sqrt(row->var_paired / n) : NAN;
  row->lo = row->diff - half;
  row->hi = row->diff + half;
  row->rel = row->base_mean != 0 ? row->diff / row->base_mean : NAN;
  /* Equal draws differ by nothing: pairing removed all the variance. */
  row->vr = row->var_paired > 0  ? row->var_indep / row->var_paired
            : row->var_indep > 0 ? INFINITY
                                 : NAN;
}

int fs_compare_stats(fs_compare *c, fs_err *err) {
  double *buf = fs_malloc(3 * (size_t) (c->reps ? c->reps : 1) * sizeof *buf);
  if (!buf) return fs_err_set(err, FS_ENOMEM, "out of memory for the paired statistics");
  for (int a = 1; a < c->narm; a++) {
    fs_compare_arm *arm = &c->arm[a];
    arm->unchanged = 1;
    for (size_t i = 0; i < (size_t) c->reps * c->nm; i++) {
      double x0 = c->arm[0].x[i], x1 = arm->x[i];
      if (!(x0 == x1 || (isnan(x0) && isnan(x1)))) arm->unchanged = 0;
    }
    for (int m = 0; m < c->nm; m++) pair_stats(c, a, m, &c->row[(size_t) (a - 1) * c->nm + m], buf);
  }
  free(buf);
  return 0;
}
