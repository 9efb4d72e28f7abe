/* task.c: one task of a sweep: replication r of parameter point p. A
   worker keeps the prepared scenario (script, fleet, portfolio, graph) of
   the point it ran last, so the replications of a point share one set-up. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/rng.h"
#include "sweep/sweep.h"
#include "util/alloc.h"
#include "util/clock.h"

struct fs_sweep_worker {
  const fs_sweep_spec *s;
  const fs_design *dz;
  volatile sig_atomic_t *interrupt;
  long point;  /* prepared point, or -1 */
  int prep_ok; /* prep holds it; otherwise prep_err says why it failed */
  fs_session prep;
  fs_err prep_err;
  fs_set sets[FS_MAX_SETS];
  gsl_rng *rng;
  fs_rep rep;
  int have_rep;
  size_t prepared, reused; /* points prepared, and fleets reused among them */
};

fs_sweep_worker *fs_sweep_worker_new(const fs_sweep_spec *s, const fs_design *dz,
                                     volatile sig_atomic_t *interrupt) {
  fs_sweep_worker *w = fs_calloc(1, sizeof *w);
  if (!w) return NULL;
  w->s = s;
  w->dz = dz;
  w->interrupt = interrupt;
  w->point = -1;
  w->rng = fs_rng_new(s->run_seed, 0);
  if (!w->rng) {
    free(w);
    return NULL;
  }
  return w;
}

static void drop_point(fs_sweep_worker *w) {
  if (w->prep_ok) fs_session_close(&w->prep);
  if (w->have_rep) fs_rep_free(&w->rep);
  w->prep_ok = w->have_rep = 0;
  w->point = -1;
}

void fs_sweep_worker_free(fs_sweep_worker *w) {
  if (!w) return;
  drop_point(w);
  gsl_rng_free(w->rng);
  free(w);
}

long fs_sweep_worker_point(const fs_sweep_worker *w) {
  return w->point;
}

/* Loads point p: the scenario with the fixed --set values and the point's
   parameter values, and what its replications read. */
static void load_point(fs_sweep_worker *w, size_t p) {
  const fs_sweep_spec *s = w->s;
  /* The previous point's fleet serves again when this point's parameters
     leave the fleet alone (the same fs_fleet_key). */
  fs_session prev;
  int have_prev = w->prep_ok;
  if (have_prev) {
    prev = w->prep;
    w->prep_ok = 0;
  }
  drop_point(w);
  w->point = (long) p;
  memset(&w->prep_err, 0, sizeof w->prep_err);
  int n = 0;
  for (int i = 0; i < s->nsets; i++) w->sets[n++] = s->sets[i];
  for (int j = 0; j < s->d; j++) {
    fs_set *x = &w->sets[n++];
    memset(x, 0, sizeof *x);
    snprintf(x->name, sizeof x->name, "%.*s", (int) sizeof x->name - 1, s->params[j].name);
    x->value = w->dz->x[p * (size_t) w->dz->d + (size_t) j];
    fs_sweep_fmt(x->text, sizeof x->text, x->value);
  }
  fs_session_opts so;
  fs_sweep_session_opts(s, w->sets, n, &so);
  int rc = fs_session_open(&w->prep, &so, have_prev ? &prev : NULL, &w->prep_err);
  if (have_prev) fs_session_close(&prev);
  if (rc != 0) return;
  w->prep_ok = 1;
  w->prepared++;
  w->reused += (size_t) w->prep.fleet_reused;
  if (fs_rep_alloc(&w->rep, w->prep.pf.n) != 0) {
    fs_err_set(&w->prep_err, FS_ENOMEM, "out of memory for a replication");
    return;
  }
  w->have_rep = 1;
}

char *fs_sweep_task(fs_sweep_worker *w, size_t t, int *failed, double *seconds) {
  const fs_sweep_spec *s = w->s;
  double t0 = fs_now();
  size_t p = t / (size_t) s->reps;
  int r = (int) (t % (size_t) s->reps);
  *failed = 0;
  if (w->point != (long) p) load_point(w, p);
  char *row = NULL;
  fs_err e = {0};
  if (!w->prep_ok || !w->have_rep) {
    e = w->prep_err;
  } else {
    int stopped = 0;
    fs_rep_drop_ticks(&w->rep);
    double *gu = w->rep.policy_gu, *il = w->rep.policy_il, *dt = w->rep.policy_downtime;
    double *hit = w->rep.policy_hit;
    /* A caller's own outputs may read the per-tick series (nowcast). */
    w->rep = (fs_rep){.policy_gu = gu,
                      .policy_il = il,
                      .policy_downtime = dt,
                      .policy_hit = hit,
                      .series = s->read != NULL};
    /* An independent sweep's tasks are numbered below FS_DESIGN_MAX_POINTS
       * FS_SWEEP_MAX_REPS, far beyond int: its replication keys wrap
       modulo 2^31, which keeps them distinct for any sweep that fits in
       memory. */
    int key = s->independent ? (int) (t % 2147483647u) : r;
    if (fs_session_rep(&w->prep, w->rng, key, w->interrupt, &w->rep, &stopped, &e) == 0) {
      if (stopped) {
        *seconds = fs_now() - t0;
        return NULL;
      }
      double v[FS_SWEEP_OUTPUTS_CAP];
      fs_sweep_outputs_read(s, &w->prep, &w->rep, v);
      row = fs_sweep_row(s, w->dz, t, v, NULL);
      *seconds = fs_now() - t0;
      if (!row) *failed = 1;
      return row;
    }
    /* The model's error can leave the prepared point unusable (a hook
       raised): prepare it afresh for the next task. */
    drop_point(w);
  }
  if (w->interrupt && *w->interrupt) {
    *seconds = fs_now() - t0;
    return NULL;
  }
  *failed = 1;
  row = fs_sweep_row(s, w->dz, t, NULL, e.msg[0] ? e.msg : "failed (no message)");
  *seconds = fs_now() - t0;
  return row;
}

void fs_sweep_worker_counts(const fs_sweep_worker *w, size_t *prepared, size_t *reused) {
  *prepared = w->prepared;
  *reused = w->reused;
}
