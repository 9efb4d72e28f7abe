/* validate.c: the events of the history library checked, run and
   compared with their observations (validate.h). */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pipeline/results.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/fsutil.h"
#include "util/ident.h"
#include "validate/validate.h"

#define OBS_SUFFIX       ".obs.lua"
#define PORTFOLIO_SUFFIX ".portfolio.csv"

static int by_name(const void *a, const void *b) {
  return strcmp(((const fs_validate_event *) a)->name, ((const fs_validate_event *) b)->name);
}

/* The events named on the command line. */
static int named_events(const fs_validate_opts *o, fs_validate *v, fs_err *err) {
  if (o->nevents > FS_VALIDATE_MAX_EVENTS)
    return fs_err_set(err, FS_EUSAGE, "more than %d events", FS_VALIDATE_MAX_EVENTS);
  for (int i = 0; i < o->nevents; i++) {
    const char *e = o->events[i];
    if (!fs_ident_ok(e, strlen(e)) || strlen(e) >= FS_ID_MAX)
      return fs_err_set(err, FS_EUSAGE, "event '%s': an event is named by %s", e, FS_IDENT_RULE);
    for (int j = 0; j < i; j++)
      if (strcmp(v->ev[j].name, e) == 0)
        return fs_err_set(err, FS_EUSAGE, "event '%s' is named twice", e);
    snprintf(v->ev[v->nev++].name, FS_ID_MAX, "%s", e);
  }
  return 0;
}

/* Every EVENT.obs.lua of the library; a badly named one is refused. */
static int library_events(const fs_validate_opts *o, fs_validate *v, fs_err *err) {
  DIR *d = opendir(o->library);
  if (!d) return fs_err_set(err, FS_EUSAGE, "%s: cannot read the event library", o->library);
  struct dirent *de;
  int rc = 0;
  while (rc == 0 && (de = readdir(d))) {
    size_t n = strlen(de->d_name), k = strlen(OBS_SUFFIX);
    if (de->d_name[0] == '.' || n <= k || strcmp(de->d_name + n - k, OBS_SUFFIX) != 0) continue;
    if (n - k >= FS_ID_MAX || !fs_ident_ok(de->d_name, n - k))
      rc = fs_err_set(err, FS_EUSAGE, "%s/%s: an event is named by %s", o->library, de->d_name,
                      FS_IDENT_RULE);
    else if (v->nev == FS_VALIDATE_MAX_EVENTS)
      rc =
          fs_err_set(err, FS_EUSAGE, "%s: more than %d events", o->library, FS_VALIDATE_MAX_EVENTS);
    else
      snprintf(v->ev[v->nev++].name, FS_ID_MAX, "%.*s", (int) (n - k), de->d_name);
  }
  closedir(d);
  if (rc == 0 && v->nev == 0)
    rc =
        fs_err_set(err, FS_EUSAGE, "%s: no event (EVENT%s) in the library", o->library, OBS_SUFFIX);
  return rc;
}

/* The event names, those asked for or every one of the library, in name
   order however chosen. */
static int list_events(const fs_validate_opts *o, fs_validate *v, fs_err *err) {
  v->ev = fs_calloc(FS_VALIDATE_MAX_EVENTS, sizeof *v->ev);
  if (!v->ev) return fs_err_set(err, FS_ENOMEM, "out of memory for the events");
  int rc = o->nevents > 0 ? named_events(o, v, err) : library_events(o, v, err);
  for (int i = 0; o->skip && i < v->nev; i++)
    if (strcmp(v->ev[i].name, o->skip) == 0) v->ev[i--] = v->ev[--v->nev];
  if (rc == 0 && v->nev == 0)
    rc = fs_err_set(err, FS_EUSAGE, "%s: no event besides %s in the library", o->library,
                    o->skip ? o->skip : "");
  qsort(v->ev, (size_t) v->nev, sizeof *v->ev, by_name);
  return rc;
}

/* An event of the library declares only documented facts as parameters. */
static int facts_only(fs_scenario *sc, fs_err *err) {
  for (int i = 0; i < sc->cfg->nparams; i++) {
    const fs_param *p = &sc->cfg->params[i];
    if (p->fact) continue;
    return fs_err_set(err, FS_EUSAGE,
                      "%s:%d: params.%s: not marked as a documented fact (fact = true, with the "
                      "source that records it): an event of the library sets only what its "
                      "record documents; a model choice belongs in models/",
                      sc->path, fs_scenario_param_line(sc, p->name), p->name);
  }
  return 0;
}

/* The paths of event e's files; its portfolio's is "" when there is none. */
static int event_paths(const fs_validate_opts *o, fs_validate_event *e, fs_err *err) {
  struct stat st;
  int rc = fs_path_fmt(e->scenario, sizeof e->scenario, err, "%s/%s.lua", o->library, e->name);
  if (rc == 0)
    rc = fs_path_fmt(e->observations, sizeof e->observations, err, "%s/%s%s", o->library, e->name,
                     OBS_SUFFIX);
  if (rc == 0)
    rc = fs_path_fmt(e->portfolio, sizeof e->portfolio, err, "%s/%s%s", o->library, e->name,
                     PORTFOLIO_SUFFIX);
  if (rc != 0) return rc;
  if (lstat(e->portfolio, &st) != 0) e->portfolio[0] = '\0';
  if (stat(e->observations, &st) != 0 || !S_ISREG(st.st_mode))
    return fs_err_set(err, FS_EUSAGE, "event '%s': no observation file %s", e->name,
                      e->observations);
  return 0;
}

/* The event's portfolio, checked against its scenario (a company output
   names one of its policies). */
static int event_portfolio(const fs_session *s, const char *path, fs_portfolio *pf, fs_err *err) {
  const fs_config *cfg = s->sc.cfg;
  const char *ind[FS_MAX_INDUSTRIES], *reg[FS_MAX_REGIONS];
  for (int i = 0; i < cfg->nindustries; i++) ind[i] = cfg->industries[i].id;
  for (int r = 0; r < cfg->nregions; r++) reg[r] = cfg->regions[r].id;
  int rc = fs_session_check_portfolio(s, path, err);
  if (rc == 0) rc = fs_portfolio_load(pf, path, ind, cfg->nindustries, reg, cfg->nregions, err);
  return rc;
}

int fs_validate_obs_load(const fs_session *s, const char *path, const char *portfolio,
                         const fs_lua_limits *lim, fs_obs_set *out, fs_err *err) {
  fs_portfolio pf = {0};
  fs_validate_known kn = {.cfg = s->sc.cfg};
  int rc = 0;
  if (portfolio && (rc = event_portfolio(s, portfolio, &pf, err)) == 0) kn.pf = &pf;
  if (rc == 0)
    rc = fs_obs_load(path, s->sc.cfg->name, s->sc.models_dir, lim, fs_validate_output_known, &kn,
                     out, err);
  if (kn.pf) fs_portfolio_free(&pf);
  if (rc == FS_EINVAL || rc == FS_ESCRIPT || rc == FS_ELIMIT || rc == FS_EIO) rc = FS_EUSAGE;
  return rc;
}

/* Checks one event: its scenario loads, sets only facts and is named as
   the event; its portfolio, if any, fits it; its observation file is
   valid against both. */
static int check_event(const fs_validate_opts *o, fs_validate_event *e, fs_err *err) {
  int rc = event_paths(o, e, err);
  if (rc != 0) return rc;
  fs_session_opts so = o->session;
  so.load.path = e->scenario;
  fs_session s;
  if ((rc = fs_session_open_scenario(&s, &so, err)) != 0) return rc == FS_ENOMEM ? rc : FS_EUSAGE;
  snprintf(e->description, sizeof e->description, "%s", s.sc.cfg->description);
  rc = facts_only(&s.sc, err);
  if (rc == 0 && strcmp(s.sc.cfg->name, e->name) != 0)
    rc = fs_err_set(err, FS_EUSAGE, "%s: name: the event's scenario must be named '%s' (got '%s')",
                    e->scenario, e->name, s.sc.cfg->name);
  const fs_incident *inc = &s.sc.cfg->incident;
  if (rc == 0 && inc->kind == FS_INC_WORM && inc->entry == FS_WORM_ENTRY_PORTFOLIO &&
      !e->portfolio[0])
    rc = fs_err_set(err, FS_EUSAGE,
                    "%s:%d: incident.entry: a worm entering through the portfolio needs the "
                    "event's %s%s (the companies it entered)",
                    e->scenario, fs_scenario_field_line(&s.sc, "incident.entry"), e->name,
                    PORTFOLIO_SUFFIX);
  if (rc == 0)
    rc = fs_validate_obs_load(&s, e->observations, e->portfolio[0] ? e->portfolio : NULL,
                              &so.load.limits, &e->obs, err);
  fs_session_close(&s);
  if (rc == FS_EINVAL || rc == FS_ESCRIPT || rc == FS_ELIMIT || rc == FS_EIO) rc = FS_EUSAGE;
  return rc;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Quantile q of n sorted values, linear between order statistics. */
static double quantile(const double *x, int n, double q) {
  if (n == 0) return NAN;
  double h = q * (n - 1);
  int i = (int) floor(h);
  return i + 1 < n ? x[i] + (h - i) * (x[i + 1] - x[i]) : x[n - 1];
}

/* Compares every observation of e with its replications' values. */
static void compare(const fs_session *s, const fs_batch *b, fs_validate_event *e, double *scratch) {
  for (int i = 0; i < e->obs.n; i++) {
    fs_validate_row *row = &e->rows[i];
    const fs_obs *ob = &e->obs.obs[i];
    int n = 0;
    double sum = 0;
    for (int r = 0; r < b->done; r++) {
      double x = fs_validate_output_read(s, &b->rep[r], ob);
      if (isfinite(x)) {
        scratch[n++] = x;
        sum += x;
      }
    }
    qsort(scratch, (size_t) n, sizeof *scratch, cmp_double);
    *row = (fs_validate_row){.obs = ob,
                             .nvalues = n,
                             .mean = n ? sum / n : NAN,
                             .p05 = quantile(scratch, n, 0.05),
                             .p95 = quantile(scratch, n, 0.95)};
    row->ratio = row->mean / ob->value;
    /* a figure some replications never reached (a recovery share) is not
       in band on the others' mean */
    row->in_band = n == b->done && n > 0 && row->mean >= ob->lo && row->mean <= ob->hi;
  }
}

/* Runs event e and writes its results folder into dir/events/NAME. */
static int run_event(const fs_validate_opts *o, fs_validate_event *e, const char *dir,
                     fs_err *err) {
  double t0 = fs_now();
  fs_session_opts so = o->session;
  so.load.path = e->scenario;
  so.portfolio = e->portfolio[0] ? e->portfolio : NULL;
  fs_session s;
  int rc = fs_session_open(&s, &so, NULL, err);
  if (rc != 0) return rc;
  fs_session_run_opts ro = {.reps = o->reps, .threads = o->threads, .interrupt = o->interrupt};
  fs_batch b;
  rc = fs_session_run(&s, &ro, &b, err);
  if (rc == 0 && b.interrupted) rc = fs_err_set(err, FS_EINTR, "interrupted");
  double *scratch = rc == 0 ? fs_malloc((size_t) o->reps * sizeof *scratch) : NULL;
  if (rc == 0 && !scratch) rc = fs_err_set(err, FS_ENOMEM, "out of memory");
  if (rc == 0) compare(&s, &b, e, scratch);
  char path[FS_PATH_MAX], written[FS_PATH_MAX];
  if (rc == 0) rc = fs_path_fmt(path, sizeof path, err, "%s/events/%s", dir, e->name);
  if (rc == 0) {
    fs_results_opts wo = {.dir = path,
                          .command = o->command,
                          .t0 = t0,
                          .threads = o->threads,
                          .years = 10000,
                          .no_report = o->no_report,
                          .quiet = 1,
                          .prog = "fleetsim validate"};
    rc = fs_results_write(&s, &b, &wo, written, sizeof written, err);
  }
  free(scratch);
  fs_batch_free(&b);
  fs_session_close(&s);
  e->wall_seconds = fs_now() - t0;
  return rc;
}

int fs_validate_run(const fs_validate_opts *o, fs_validate *v, fs_err *err) {
  memset(v, 0, sizeof *v);
  v->t0 = fs_now();
  int rc = list_events(o, v, err);
  for (int i = 0; rc == 0 && i < v->nev; i++) rc = check_event(o, &v->ev[i], err);
  if (rc != 0) return rc;
  char tmp[FS_PATH_MAX], events[FS_PATH_MAX];
  int cleaned = 0;
  if ((rc = fs_outdir_begin(o->out, "validation", tmp, sizeof tmp, &cleaned, err)) != 0) return rc;
  if ((rc = fs_path_fmt(events, sizeof events, err, "%s/events", tmp)) == 0 &&
      mkdir(events, 0777) != 0)
    rc = fs_err_set(err, FS_EIO, "%s: cannot create the events folder", events);
  for (int i = 0; rc == 0 && i < v->nev; i++) {
    if (!o->quiet) fprintf(stderr, "fleetsim validate: %s ...\n", v->ev[i].name);
    if ((rc = run_event(o, &v->ev[i], tmp, err)) != 0) {
      char m[sizeof err->msg];
      snprintf(m, sizeof m, "%s", err->msg);
      fs_err_set(err, rc, "event %s: %s", v->ev[i].name, m);
    }
  }
  v->calibration = fs_validate_score_of(v, NULL, 1);
  v->validation = fs_validate_score_of(v, NULL, 0);
  if (rc == 0) rc = fs_validate_write(v, o, tmp, err);
  if (rc == 0) rc = fs_outdir_commit(tmp, o->out, "validation", err);
  if (rc != 0) {
    fs_outdir_abort(tmp);
    return rc;
  }
  snprintf(v->written, sizeof v->written, "%s", o->out);
  return 0;
}

void fs_validate_free(fs_validate *v) {
  free(v->ev);
  memset(v, 0, sizeof *v);
}

fs_validate_score fs_validate_score_of(const fs_validate *v, const fs_validate_event *ev,
                                       int calibration) {
  fs_validate_score sc = {0};
  double logs[FS_VALIDATE_MAX_EVENTS * FS_OBS_MAX];
  for (int i = 0; i < v->nev; i++) {
    const fs_validate_event *e = &v->ev[i];
    if (ev && e != ev) continue;
    for (int j = 0; j < e->obs.n; j++) {
      const fs_validate_row *r = &e->rows[j];
      if (!r->obs || r->obs->calibration != calibration) continue;
      /* a figure the run never reached (no value) counts as off by far */
      double l = r->nvalues && r->mean > 0 ? fabs(log(r->ratio)) : INFINITY;
      logs[sc.n++] = l;
      sc.in_band += r->in_band;
      sc.off5 += l > log(5.0);
    }
  }
  qsort(logs, (size_t) sc.n, sizeof logs[0], cmp_double);
  sc.median_abs_log =
      sc.n ? (sc.n % 2 ? logs[sc.n / 2] : 0.5 * (logs[sc.n / 2 - 1] + logs[sc.n / 2])) : NAN;
  return sc;
}

/* The three validation rows furthest from their public value (by |log
   ratio|, a figure never reached first), into w; their count. */
int fs_validate_worst(const fs_validate *v, const fs_validate_row **w, const char **ev) {
  int n = 0;
  double key[3];
  for (int i = 0; i < v->nev; i++)
    for (int j = 0; j < v->ev[i].obs.n; j++) {
      const fs_validate_row *r = &v->ev[i].rows[j];
      if (!r->obs || r->obs->calibration) continue;
      double k = r->nvalues && r->mean > 0 ? fabs(log(r->ratio)) : INFINITY;
      int at = n < 3 ? n++ : 3;
      while (at > 0 && key[at - 1] < k) {
        if (at < 3) key[at] = key[at - 1], w[at] = w[at - 1], ev[at] = ev[at - 1];
        at--;
      }
      if (at < 3) key[at] = k, w[at] = r, ev[at] = v->ev[i].name;
    }
  return n;
}
