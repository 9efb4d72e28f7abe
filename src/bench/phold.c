/* phold.c: PHOLD model on the fleetsim engine. */
#include "bench/phold.h"

#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "engine/rng.h"
#include "engine/sim.h"
#include "util/alloc.h"

enum { PHOLD_EV = 0 };

typedef struct phold {
  gsl_rng *rng;
  uint64_t *count; /* events handled per LP */
  uint32_t lps;
  double remote, lookahead, span;
} phold;

static inline double delay(phold *m) {
  return m->lookahead - m->span * log(1.0 - fs_rng_u01(m->rng));
}

static void on_phold(fs_sim *sim, const fs_event *ev, void *ctx) {
  phold *m = ctx;
  m->count[ev->target]++;
  uint32_t dst = ev->target;
  if (fs_rng_u01(m->rng) <= m->remote) dst = (uint32_t) fs_rng_below(m->rng, m->lps);
  fs_sim_schedule(sim, ev->time + delay(m), dst, PHOLD_EV, 0, ev->data.u64 + 1);
}

void fs_phold_defaults(fs_phold_opts *o) {
  *o = (fs_phold_opts){.lps = 1024,
                       .end_time = 1000.0,
                       .start_events = 1,
                       .remote = 0.25,
                       .lookahead = 0.1,
                       .mean = 1.0,
                       .queue = FS_QUEUE_DEFAULT,
                       .seed = 1};
}

static double wall_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec * 1e-9;
}

int fs_phold_run(const fs_phold_opts *o, fs_phold_result *res, fs_err *err) {
  if (o->lps == 0 || o->mean < o->lookahead || o->lookahead < 0)
    return fs_err_set(err, FS_EINVAL, "PHOLD needs lps > 0 and 0 <= lookahead <= mean");
  int rc = 0;
  phold m = {.lps = o->lps,
             .remote = o->remote,
             .lookahead = o->lookahead,
             .span = o->mean - o->lookahead};
  m.rng = fs_rng_new(o->seed, 0);
  m.count = fs_calloc(o->lps, sizeof *m.count);
  size_t initial = (size_t) o->lps * o->start_events;
  fs_sim_opts so = {.queue = o->queue, .capacity = initial + 16, .trace = o->trace};
  fs_sim *sim = m.rng && m.count ? fs_sim_new(&so, err) : NULL;
  if (!sim) {
    if (!m.rng || !m.count)
      rc = fs_err_set(err, FS_ENOMEM, "out of memory setting up PHOLD");
    else
      rc = err ? err->code : FS_ENOMEM;
    goto done;
  }
  if ((rc = fs_sim_on(sim, PHOLD_EV, on_phold, &m, err)) != 0) goto done;
  for (uint32_t lp = 0; lp < o->lps; lp++) {
    for (uint32_t k = 0; k < o->start_events; k++) {
      if (fs_sim_schedule(sim, delay(&m), lp, PHOLD_EV, 0, 0) != 0) {
        rc = fs_err_set(err, FS_ENOMEM, "out of memory scheduling the initial PHOLD events");
        goto done;
      }
    }
  }
  fs_stop stop = {.end_time = o->end_time, .interrupt = o->interrupt};
  double t0 = wall_seconds();
  int why = fs_sim_run(sim, &stop, err);
  double t1 = wall_seconds();
  if (why < 0) {
    rc = why;
    goto done;
  }
  res->events = fs_sim_events(sim);
  res->seconds = t1 - t0;
  res->events_per_second = res->seconds > 0 ? (double) res->events / res->seconds : 0.0;
  res->peak_pending = fs_sim_peak_pending(sim);
  res->queue_bytes = fs_sim_queue_bytes(sim);
  res->trace = fs_sim_trace(sim);
  res->interrupted = why == FS_STOP_INTERRUPT;
done:
  fs_sim_free(sim);
  free(m.count);
  if (m.rng) gsl_rng_free(m.rng);
  return rc;
}
