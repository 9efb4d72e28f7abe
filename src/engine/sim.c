/* sim.c: the discrete-event simulator loop. */
#include "engine/sim.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "util/alloc.h"

typedef struct handler {
  fs_handler_fn fn;
  void *ctx;
  fs_prefetch_fn prefetch; /* may be NULL */
} handler;

/* An arrival (fs_sim_arrive): its sequence number is the stream's seq0 +
   dseq. */
typedef struct arrival {
  double time;
  uint32_t target, dseq;
} arrival;

/* The arrivals of one type, sorted by (time, seq) at the first run; next
   is the next to dispatch. */
typedef struct stream {
  arrival *a; /* owned */
  size_t n, cap, next;
  uint16_t type;
  uint64_t seq0;
} stream;

struct fs_sim {
  fs_queue *q;                        /* owned */
  stream streams[FS_SIM_MAX_STREAMS]; /* arrivals, a stream per type */
  int nstreams;
  size_t arr_left; /* arrivals not yet dispatched, all streams */
  int started;
  /* With arrivals, the least event of the set is popped ahead to compare
     with the next arrival: held while has_held, and put back if an event
     before it is scheduled. */
  fs_event held;
  int has_held;
  double now;
  uint64_t next_seq;
  uint64_t events;
  uint64_t trace;
  int tracing;
  int stop_requested;
  int error; /* sticky FS_E* from a schedule call inside a handler */
  size_t peak_pending;
  handler handlers[FS_SIM_MAX_TYPES];
  int prefetching; /* a type has a prefetch function: pop the next event ahead */
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
  for (int i = 0; i < sim->nstreams; i++) free(sim->streams[i].a);
  free(sim);
}

int fs_sim_on(fs_sim *sim, uint16_t type, fs_handler_fn fn, void *ctx, fs_err *err) {
  if (type >= FS_SIM_MAX_TYPES)
    return fs_err_set(err, FS_EINVAL, "event type %u is out of range (max %d)", type,
                      FS_SIM_MAX_TYPES - 1);
  sim->handlers[type].fn = fn;
  sim->handlers[type].ctx = ctx;
  return 0;
}

void fs_sim_on_prefetch(fs_sim *sim, uint16_t type, fs_prefetch_fn fn) {
  if (type >= FS_SIM_MAX_TYPES) return;
  sim->handlers[type].prefetch = fn;
  sim->prefetching |= fn != NULL;
}

int fs_sim_schedule(fs_sim *sim, double time, uint32_t target, uint16_t type, uint16_t aux,
                    uint64_t data) {
  if (!(time >= sim->now) || type >= FS_SIM_MAX_TYPES || !sim->handlers[type].fn) {
    sim->error = FS_EINVAL;
    return FS_EINVAL;
  }
  fs_event ev = {.time = time, .seq = sim->next_seq++, .target = target, .type = type, .aux = aux};
  ev.data.u64 = data;
  int rc = 0;
  if (sim->has_held && time < sim->held.time) { /* it goes first: the held one back */
    rc = fs_queue_push(sim->q, &sim->held);
    if (rc == 0) sim->has_held = 0;
  }
  if (rc == 0) rc = fs_queue_push(sim->q, &ev);
  if (rc != 0) {
    sim->error = rc;
    return rc;
  }
  size_t n = fs_queue_size(sim->q);
  if (n > sim->peak_pending) sim->peak_pending = n;
  return 0;
}

/* The stream of arrivals of type, a new one if none has it yet; NULL when
   FS_SIM_MAX_STREAMS are in use. */
static stream *stream_of(fs_sim *sim, uint16_t type) {
  for (int i = 0; i < sim->nstreams; i++)
    if (sim->streams[i].type == type) return &sim->streams[i];
  if (sim->nstreams == FS_SIM_MAX_STREAMS) return NULL;
  stream *st = &sim->streams[sim->nstreams++];
  *st = (stream){.type = type, .seq0 = sim->next_seq};
  return st;
}

int fs_sim_arrive(fs_sim *sim, double time, uint32_t target, uint16_t type) {
  stream *st = NULL;
  if (!(time >= sim->now) || sim->started || type >= FS_SIM_MAX_TYPES || !sim->handlers[type].fn ||
      !(st = stream_of(sim, type)) || sim->next_seq - st->seq0 >= UINT32_MAX) {
    sim->error = FS_EINVAL;
    return FS_EINVAL;
  }
  if (st->n == st->cap) {
    size_t cap = st->cap ? st->cap * 2 : 4096;
    arrival *a = fs_realloc(st->a, cap * sizeof *a);
    if (!a) {
      sim->error = FS_ENOMEM;
      return FS_ENOMEM;
    }
    st->a = a;
    st->cap = cap;
    fs_advise_huge(a, cap * sizeof *a);
  }
  /* +0.0 for -0.0: the sort compares the bits of non-negative times. */
  st->a[st->n++] = (arrival){.time = time == 0 ? 0.0 : time,
                             .target = target,
                             .dseq = (uint32_t) (sim->next_seq++ - st->seq0)};
  sim->arr_left++;
  return 0;
}

uint32_t fs_sim_arrival_ahead(const fs_sim *sim, uint16_t type, size_t ahead) {
  for (int i = 0; sim->started && i < sim->nstreams; i++) {
    const stream *st = &sim->streams[i];
    if (st->type == type)
      return st->next + ahead < st->n ? st->a[st->next + ahead].target : UINT32_MAX;
  }
  return UINT32_MAX;
}

static inline uint64_t time_bits(double t) {
  uint64_t b;
  memcpy(&b, &t, sizeof b);
  return b;
}

/* Sorts the arrivals by (time, seq): a stable LSD radix sort on the bits of
   the (non-negative) times, 16 bits a pass, skipping a pass whose digit is
   the same for all; they were added in seq order, so ties keep it. */
static int sort_arrivals(stream *st) {
  size_t n = st->n;
  if (n < 2) return 0;
  arrival *tmp = fs_malloc(n * sizeof *tmp);
  size_t(*cnt)[1 << 16] = fs_calloc(4, sizeof *cnt);
  if (!tmp || !cnt) {
    free(tmp);
    free(cnt);
    return FS_ENOMEM;
  }
  for (size_t i = 0; i < n; i++) {
    uint64_t k = time_bits(st->a[i].time);
    for (int d = 0; d < 4; d++) cnt[d][(k >> (16 * d)) & 0xffff]++;
  }
  arrival *src = st->a, *dst = tmp;
  for (int d = 0; d < 4; d++) {
    size_t *c = cnt[d];
    if (c[(time_bits(src[0].time) >> (16 * d)) & 0xffff] == n) continue;
    size_t off = 0;
    for (size_t x = 0; x < (1 << 16); x++) {
      size_t k = c[x];
      c[x] = off;
      off += k;
    }
    for (size_t i = 0; i < n; i++) dst[c[(time_bits(src[i].time) >> (16 * d)) & 0xffff]++] = src[i];
    arrival *t = src;
    src = dst;
    dst = t;
  }
  if (src != st->a) memcpy(st->a, src, n * sizeof *src);
  free(tmp);
  free(cnt);
#ifndef NDEBUG
  for (size_t i = 1; i < n; i++)
    assert(st->a[i - 1].time < st->a[i].time ||
           (st->a[i - 1].time == st->a[i].time && st->a[i - 1].dseq < st->a[i].dseq));
#endif
  return 0;
}

/* Gives the pages of the arrivals already dispatched back to the system
   (the array is read once, in order): the run's memory peaks late, when
   they are long done. Keeps the last one, which a stop at the end time
   puts back. Without madvise, nothing is given back. */
#define RELEASE_EVERY 65536
static void release_arrivals(stream *st) {
#ifdef MADV_DONTNEED
  uintptr_t page = (uintptr_t) sysconf(_SC_PAGESIZE);
  uintptr_t lo = ((uintptr_t) st->a + page - 1) / page * page;
  uintptr_t hi = (uintptr_t) (st->a + st->next - 1) / page * page;
  if (hi > lo) (void) madvise((void *) lo, hi - lo, MADV_DONTNEED);
#else
  (void) st;
#endif
}

/* Pops the set's least event ahead into held, unless one is held: 0, or a
   negative FS_E* code. */
static inline int hold_next(fs_sim *sim) {
  if (sim->has_held) return 0;
  int got = fs_queue_pop(sim->q, &sim->held);
  if (got < 0) return got;
  sim->has_held = got;
  return 0;
}

/* The next event: the earliest of the streams' next arrivals and the
   set's least. *from is the stream it came from, or -1 for the set. 1, 0
   when all are empty, or a negative FS_E* code. */
static inline int next_event(fs_sim *sim, fs_event *ev, int *from) {
  *from = -1;
  if (sim->arr_left == 0) {
    if (!sim->has_held) return fs_queue_pop(sim->q, ev);
    *ev = sim->held;
    sim->has_held = 0;
    return 1;
  }
  int rc = hold_next(sim);
  if (rc < 0) return rc;
  int best = -1;
  double bt = INFINITY;
  uint64_t bseq = UINT64_MAX;
  for (int i = 0; i < sim->nstreams; i++) {
    const stream *st = &sim->streams[i];
    if (st->next == st->n) continue;
    const arrival *a = &st->a[st->next];
    uint64_t seq = st->seq0 + a->dseq;
    if (best < 0 || a->time < bt || (a->time == bt && seq < bseq)) {
      best = i;
      bt = a->time;
      bseq = seq;
    }
  }
  assert(best >= 0);
  if (sim->has_held && (sim->held.time < bt || (sim->held.time == bt && sim->held.seq < bseq))) {
    *ev = sim->held;
    sim->has_held = 0;
    return 1;
  }
  stream *st = &sim->streams[best];
  *ev = (fs_event){.time = bt, .seq = bseq, .target = st->a[st->next].target, .type = st->type};
  st->next++;
  sim->arr_left--;
  *from = best;
  if ((st->next & (RELEASE_EVERY - 1)) == 0) release_arrivals(st);
  return 1;
}

int fs_sim_prepare(fs_sim *sim) {
  if (sim->error) return sim->error;
  for (int i = 0; !sim->started && i < sim->nstreams; i++) {
    if (sort_arrivals(&sim->streams[i]) != 0) {
      sim->error = FS_ENOMEM;
      return FS_ENOMEM;
    }
  }
  sim->started = 1;
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
  if (fs_sim_prepare(sim) != 0) return fail(sim, err);
  for (;;) {
    if (done >= budget) return FS_STOP_BUDGET;
    if (stop->interrupt && (done & 1023) == 0 && *stop->interrupt) return FS_STOP_INTERRUPT;
    fs_event ev;
    int from;
    int got = next_event(sim, &ev, &from);
    if (got == 0) return FS_STOP_EMPTY;
    if (got < 0) {
      sim->error = got;
      return fail(sim, err);
    }
    if (ev.time >= end) {
      /* Put it back: same (time, seq), so the order is unchanged. */
      if (from >= 0) {
        sim->streams[from].next--;
        sim->arr_left++;
      } else {
        sim->held = ev;
        sim->has_held = 1;
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
    /* The set's next event, popped ahead (it is held, and put back if the
       handler schedules one before it): its state loads while this one is
       handled. */
    if (sim->prefetching) {
      int rc = hold_next(sim);
      if (rc < 0) {
        sim->error = rc;
        return fail(sim, err);
      }
      const handler *n = &sim->handlers[sim->held.type];
      if (sim->has_held && n->prefetch) n->prefetch(n->ctx, sim->held.target);
    }
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
  return fs_queue_size(sim->q) + (size_t) sim->has_held + sim->arr_left;
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
