/* sim.c: the discrete-event simulator loop. */
#include "engine/sim.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

typedef struct handler {
  fs_handler_fn fn;
  void *ctx;
} handler;

struct fs_sim {
  fs_queue *q; /* owned */
  double now;
  uint64_t next_seq;
  uint64_t events;
  uint64_t trace;
  int tracing;
  int stop_requested;
  int error; /* sticky FS_E* from a schedule call inside a handler */
  size_t peak_pending;
  handler handlers[FS_SIM_MAX_TYPES];
#ifndef NDEBUG
  fs_event last; /* the last event dispatched (when events > 0) */
#endif
};

fs_sim *fs_sim_new(const fs_sim_opts *opts, fs_err *err) {
  fs_sim *sim = fs_calloc(1, sizeof *sim);
  if (!sim) {
    fs_err_set(err, FS_ENOMEM, "out of memory allocating the simulator");
    return NULL;
  }
  sim->q = fs_queue_new(opts->queue, opts->capacity, err);
  if (!sim->q) {
    free(sim);
    return NULL;
  }
  sim->tracing = opts->trace;
  sim->trace = 0xcbf29ce484222325ull; /* FNV-1a offset basis */
  return sim;
}

void fs_sim_free(fs_sim *sim) {
  if (!sim) return;
  fs_queue_free(sim->q);
  free(sim);
}

int fs_sim_on(fs_sim *sim, uint16_t type, fs_handler_fn fn, void *ctx, fs_err *err) {
  if (type >= FS_SIM_MAX_TYPES)
    return fs_err_set(err, FS_EINVAL, "event type %u is out of range (max %d)", type,
                      FS_SIM_MAX_TYPES - 1);
  sim->handlers[type] = (handler){fn, ctx};
  return 0;
}

int fs_sim_schedule(fs_sim *sim, double time, uint32_t target, uint16_t type, uint16_t aux,
                    uint64_t data) {
  if (!(time >= sim->now) || type >= FS_SIM_MAX_TYPES || !sim->handlers[type].fn) {
    sim->error = FS_EINVAL;
    return FS_EINVAL;
  }
  fs_event ev = {.time = time, .seq = sim->next_seq++, .target = target, .type = type, .aux = aux};
  ev.data.u64 = data;
  int rc = fs_queue_push(sim->q, &ev);
  if (rc != 0) {
    sim->error = rc;
    return rc;
  }
  size_t n = fs_queue_size(sim->q);
  if (n > sim->peak_pending) sim->peak_pending = n;
  return 0;
}

void fs_sim_stop(fs_sim *sim) {
  sim->stop_requested = 1;
}

static inline uint64_t trace_step(uint64_t h, const fs_event *ev) {
  uint64_t bits;
  memcpy(&bits, &ev->time, sizeof bits);
  uint64_t words[3] = {bits, ((uint64_t) ev->target << 32) | ((uint64_t) ev->type << 16) | ev->aux,
                       ev->data.u64};
  for (int i = 0; i < 3; i++) {
    h ^= words[i];
    h *= 0x100000001b3ull; /* FNV prime */
    h ^= h >> 29;
  }
  return h;
}

static int fail(fs_sim *sim, fs_err *err) {
  int code = sim->error;
  if (code == FS_ENOMEM)
    return fs_err_set(err, code,
                      "out of memory: the pending-event set could not grow past %zu "
                      "events",
                      fs_queue_size(sim->q));
  return fs_err_set(err, code,
                    "a handler scheduled an invalid event (in the past, or of an "
                    "unregistered type) at t=%g",
                    sim->now);
}

int fs_sim_run(fs_sim *sim, const fs_stop *stop, fs_err *err) {
  double end = stop->end_time;
  uint64_t budget = stop->max_events ? stop->max_events : UINT64_MAX;
  uint64_t done = 0;
  sim->stop_requested = 0;
  if (sim->error) return fail(sim, err);
  for (;;) {
    if (done >= budget) return FS_STOP_BUDGET;
    if (stop->interrupt && (done & 1023) == 0 && *stop->interrupt) return FS_STOP_INTERRUPT;
    fs_event ev;
    int got = fs_queue_pop(sim->q, &ev);
    if (got == 0) return FS_STOP_EMPTY;
    if (got < 0) {
      sim->error = got;
      return fail(sim, err);
    }
    if (ev.time >= end) {
      /* Put it back: same (time, seq), so the order is unchanged. */
      if (fs_queue_push(sim->q, &ev) != 0) {
        sim->error = FS_ENOMEM;
        return fail(sim, err);
      }
      sim->now = end > sim->now ? end : sim->now;
      return FS_STOP_END_TIME;
    }
    /* Time never goes backwards, and events leave in (time, seq) order. */
    assert(ev.time >= sim->now);
    assert(sim->events == 0 || fs_event_before(&sim->last, &ev));
    assert(ev.type < FS_SIM_MAX_TYPES && sim->handlers[ev.type].fn);
    sim->now = ev.time;
#ifndef NDEBUG
    sim->last = ev;
#endif
    const handler *h = &sim->handlers[ev.type];
    h->fn(sim, &ev, h->ctx);
    sim->events++;
    done++;
    if (sim->tracing) sim->trace = trace_step(sim->trace, &ev);
    if (sim->error) return fail(sim, err);
    if (sim->stop_requested) return FS_STOP_REQUESTED;
  }
}

double fs_sim_now(const fs_sim *sim) {
  return sim->now;
}
uint64_t fs_sim_events(const fs_sim *sim) {
  return sim->events;
}
uint64_t fs_sim_trace(const fs_sim *sim) {
  return sim->trace;
}
size_t fs_sim_pending(const fs_sim *sim) {
  return fs_queue_size(sim->q);
}
size_t fs_sim_peak_pending(const fs_sim *sim) {
  return sim->peak_pending;
}
size_t fs_sim_queue_bytes(const fs_sim *sim) {
  return fs_queue_bytes(sim->q);
}
fs_queue_kind fs_sim_queue_kind(const fs_sim *sim) {
  return fs_queue_get_kind(sim->q);
}
