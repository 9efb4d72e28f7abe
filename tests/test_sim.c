/* test_sim.c: the simulator loop: determinism, stop conditions, dispatch. */
#include <stdlib.h>
#include <string.h>

#include "bench/phold.h"
#include "engine/sim.h"
#include "tap.h"

static uint64_t phold_trace(uint64_t seed, fs_queue_kind kind, uint64_t *events) {
  fs_phold_opts o;
  fs_phold_defaults(&o);
  o.lps = 512;
  o.end_time = 200;
  o.seed = seed;
  o.queue = kind;
  o.trace = 1;
  fs_phold_result res;
  fs_err err = {0};
  if (fs_phold_run(&o, &res, &err) != 0) return 0;
  if (events) *events = res.events;
  return res.trace;
}

typedef struct order_log {
  uint32_t seen[16];
  int n;
} order_log;

static void on_log(fs_sim *sim, const fs_event *ev, void *ctx) {
  order_log *l = ctx;
  if (l->n < 16) l->seen[l->n++] = ev->target;
}

static void on_chain(fs_sim *sim, const fs_event *ev, void *ctx) {
  int *count = ctx;
  (*count)++;
  if (ev->aux > 0) fs_sim_schedule(sim, fs_sim_now(sim) + 1.0, ev->target, 1, ev->aux - 1, 0);
}

static void on_stopper(fs_sim *sim, const fs_event *ev, void *ctx) {
  if (ev->target == 3) fs_sim_stop(sim);
}

static void on_past(fs_sim *sim, const fs_event *ev, void *ctx) {
  fs_sim_schedule(sim, fs_sim_now(sim) - 1.0, 0, 0, 0, 0);
}

static void on_interrupt(fs_sim *sim, const fs_event *ev, void *ctx) {
  volatile sig_atomic_t *flag = ctx;
  *flag = 1;
  fs_sim_schedule(sim, fs_sim_now(sim) + 1.0, 0, 0, 0, 0);
}

/* Arrivals against scheduling: each event's handler schedules a follow-up
   a pseudo-random delay later (some none at all, some 0), and the trace
   of (time, target, type) is hashed in dispatch order. */
typedef struct follow {
  uint64_t hash, n;
} follow;

static uint64_t mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  return x;
}

static void on_follow(fs_sim *sim, const fs_event *ev, void *ctx) {
  follow *f = ctx;
  uint64_t bits;
  memcpy(&bits, &ev->time, sizeof bits);
  f->hash = mix(f->hash ^ bits ^ ((uint64_t) ev->target << 8) ^ ev->type);
  f->n++;
  uint64_t r = mix(ev->target * 0x9e3779b97f4a7c15ull + ev->type + f->n);
  if (ev->type < 3 && r % 4 != 0) /* 0, a tiny delay, or up to 2 */
    fs_sim_schedule(sim, ev->time + (r % 5 == 0 ? 0.0 : (double) (r >> 40) * 0x1p-23),
                    (uint32_t) (r % 1000), (uint16_t) (ev->type + 1), 0, 0);
}

static unsigned long prefetches;
static void count_prefetch(void *ctx, uint32_t target) {
  (void) ctx;
  (void) target;
  prefetches++;
}

/* 5,000 events of types 0 and 1 at times on a grid of 1/64 (many ties)
   from 0 to 10, as arrivals (arrive) or scheduled; a stop at end 4 and a
   run to the end. */
static follow arrivals_run(fs_queue_kind kind, int arrive, int prefetch, int *ok) {
  fs_err err = {0};
  fs_sim_opts so = {.queue = kind, .capacity = 16};
  fs_sim *sim = fs_sim_new(&so, &err);
  follow f = {0};
  for (uint16_t t = 0; t < 4; t++) fs_sim_on(sim, t, on_follow, &f, &err);
  if (prefetch) fs_sim_on_prefetch(sim, 2, count_prefetch);
  fs_sim_schedule(sim, 2.0, 7, 1, 0, 0); /* scheduled before the arrivals */
  for (uint32_t i = 0; i < 5000; i++) {
    double t = (double) (mix(i + 1) % 640) / 64.0;
    uint16_t type = (uint16_t) (i % 2); /* two streams of arrivals */
    *ok &= (arrive ? fs_sim_arrive(sim, t, i, type) : fs_sim_schedule(sim, t, i, type, 0, 0)) == 0;
  }
  fs_sim_schedule(sim, 2.0, 8, 1, 0, 0); /* and after */
  fs_stop at4 = {.end_time = 4.0}, forever = {.end_time = 1e300};
  *ok &= fs_sim_run(sim, &at4, &err) == FS_STOP_END_TIME && fs_sim_pending(sim) > 0;
  *ok &= fs_sim_run(sim, &forever, &err) == FS_STOP_EMPTY && fs_sim_pending(sim) == 0;
  if (arrive) *ok &= fs_sim_arrive(sim, 20.0, 1, 0) == FS_EINVAL; /* after the run started */
  fs_sim_free(sim);
  return f;
}

static void test_arrivals(void) {
  int ok = 1;
  follow ref = arrivals_run(FS_QUEUE_HEAP, 0, 0, &ok);
  for (int k = 0; k < 3; k++) {
    follow a = arrivals_run((fs_queue_kind) k, 1, 0, &ok);
    tap_ok(ok && a.n == ref.n && a.hash == ref.hash && ref.n > 10000,
           "arrivals dispatch as if scheduled (%s, %llu events)",
           fs_queue_kind_name((fs_queue_kind) k), (unsigned long long) a.n);
  }
  follow p = arrivals_run(FS_QUEUE_LADDER, 1, 1, &ok), q = arrivals_run(FS_QUEUE_LADDER, 0, 1, &ok);
  tap_ok(ok && p.hash == ref.hash && q.hash == ref.hash && prefetches > 1000,
         "popping ahead for a prefetch function changes no order (%lu prefetches)", prefetches);
  fs_err err = {0};
  fs_sim_opts so = {.queue = FS_QUEUE_DEFAULT, .capacity = 4};
  fs_sim *sim = fs_sim_new(&so, &err);
  follow f = {0};
  for (uint16_t t = 0; t < FS_SIM_MAX_STREAMS + 1; t++) fs_sim_on(sim, t, on_follow, &f, &err);
  int a = 0;
  for (uint16_t t = 0; t < FS_SIM_MAX_STREAMS; t++) a |= fs_sim_arrive(sim, 1.0, 0, t);
  int b = fs_sim_arrive(sim, 1.0, 0, FS_SIM_MAX_STREAMS), c = fs_sim_arrive(sim, 1.0, 0, 40);
  tap_ok(a == 0 && b == FS_EINVAL && c == FS_EINVAL,
         "arrivals: a stream per registered type, at most %d", FS_SIM_MAX_STREAMS);
  fs_sim_free(sim);
}

int main(void) {
  uint64_t n1 = 0, n2 = 0;
  uint64_t a = phold_trace(1, FS_QUEUE_LADDER, &n1), b = phold_trace(1, FS_QUEUE_LADDER, &n2);
  tap_ok(a != 0 && a == b && n1 == n2 && n1 > 50000,
         "same seed, same event-trace checksum (%016llx, %llu events)", (unsigned long long) a,
         (unsigned long long) n1);
  uint64_t c = phold_trace(2, FS_QUEUE_LADDER, NULL);
  tap_ok(c != a, "different seed, different checksum");
  uint64_t h = phold_trace(1, FS_QUEUE_HEAP, NULL), k = phold_trace(1, FS_QUEUE_CALENDAR, NULL);
  tap_ok(h == a && k == a, "heap, ladder and calendar give the same trace");

  fs_err err = {0};
  fs_sim_opts so = {.queue = FS_QUEUE_DEFAULT, .capacity = 4};
  /* Equal times dispatch in insertion order. */
  fs_sim *sim = fs_sim_new(&so, &err);
  order_log log = {0};
  fs_sim_on(sim, 0, on_log, &log, &err);
  uint32_t order[] = {5, 1, 9, 2, 7};
  for (int i = 0; i < 5; i++) fs_sim_schedule(sim, 3.0, order[i], 0, 0, 0);
  fs_sim_schedule(sim, 1.0, 100, 0, 0, 0);
  fs_stop forever = {.end_time = 1e300};
  int why = fs_sim_run(sim, &forever, &err);
  tap_ok(why == FS_STOP_EMPTY && log.n == 6 && log.seen[0] == 100 && log.seen[1] == 5 &&
             log.seen[2] == 1 && log.seen[3] == 9 && log.seen[4] == 2 && log.seen[5] == 7,
         "equal times dispatch in insertion order; empty queue stops the run");
  fs_sim_free(sim);

  /* End time, event budget, and going on afterwards. */
  sim = fs_sim_new(&so, &err);
  int count = 0;
  fs_sim_on(sim, 1, on_chain, &count, &err);
  fs_sim_schedule(sim, 0.0, 0, 1, 100, 0);
  fs_stop until10 = {.end_time = 10.0};
  why = fs_sim_run(sim, &until10, &err);
  tap_ok(why == FS_STOP_END_TIME && count == 10 && fs_sim_now(sim) == 10.0 &&
             fs_sim_pending(sim) == 1,
         "end time stops before events at t >= end (handled %d)", count);
  fs_stop budget = {.end_time = 1e300, .max_events = 5};
  why = fs_sim_run(sim, &budget, &err);
  tap_ok(why == FS_STOP_BUDGET && count == 15 && fs_sim_events(sim) == 15,
         "event budget stops after exactly 5 more events");
  why = fs_sim_run(sim, &forever, &err);
  tap_ok(why == FS_STOP_EMPTY && count == 101, "run resumes to completion (%d events)", count);
  fs_sim_free(sim);

  /* An event put back at the end time, scheduled before the last event
     dispatched (smaller seq), runs first when the run goes on. */
  sim = fs_sim_new(&so, &err);
  order_log late = {0};
  fs_sim_on(sim, 0, on_log, &late, &err);
  fs_sim_schedule(sim, 10.0, 1, 0, 0, 0);
  fs_sim_schedule(sim, 5.0, 2, 0, 0, 0);
  fs_stop at10 = {.end_time = 10.0};
  int why1 = fs_sim_run(sim, &at10, &err);
  fs_sim_schedule(sim, 10.0, 3, 0, 0, 0);
  int why2 = fs_sim_run(sim, &forever, &err);
  tap_ok(why1 == FS_STOP_END_TIME && why2 == FS_STOP_EMPTY && late.n == 3 && late.seen[0] == 2 &&
             late.seen[1] == 1 && late.seen[2] == 3,
         "an event put back at the end time keeps its place when the run goes on");
  fs_sim_free(sim);

  /* Stop requested by a handler. */
  sim = fs_sim_new(&so, &err);
  fs_sim_on(sim, 0, on_stopper, NULL, &err);
  for (uint32_t i = 0; i < 10; i++) fs_sim_schedule(sim, (double) i, i, 0, 0, 0);
  why = fs_sim_run(sim, &forever, &err);
  tap_ok(why == FS_STOP_REQUESTED && fs_sim_events(sim) == 4, "handler can stop the run");
  fs_sim_free(sim);

  /* Interrupt flag. */
  sim = fs_sim_new(&so, &err);
  volatile sig_atomic_t flag = 0;
  fs_sim_on(sim, 0, on_interrupt, (void *) &flag, &err);
  fs_sim_schedule(sim, 0.0, 0, 0, 0, 0);
  fs_stop intr = {.end_time = 1e300, .interrupt = &flag};
  why = fs_sim_run(sim, &intr, &err);
  tap_ok(why == FS_STOP_INTERRUPT && fs_sim_events(sim) <= 1024,
         "interrupt flag stops the run (%llu events)", (unsigned long long) fs_sim_events(sim));
  fs_sim_free(sim);

  /* Scheduling into the past is an error that stops the run. */
  sim = fs_sim_new(&so, &err);
  fs_sim_on(sim, 0, on_past, NULL, &err);
  fs_sim_schedule(sim, 5.0, 0, 0, 0, 0);
  why = fs_sim_run(sim, &forever, &err);
  tap_ok(why == FS_EINVAL && strstr(err.msg, "past") != NULL, "event in the past is refused: %s",
         err.msg);
  tap_ok(fs_sim_schedule(sim, 1.0, 0, 7, 0, 0) == FS_EINVAL, "unregistered type is refused");
  tap_ok(fs_sim_on(sim, FS_SIM_MAX_TYPES, on_past, NULL, &err) == FS_EINVAL,
         "type out of range is refused");
  fs_sim_free(sim);
  test_arrivals();
  return tap_done();
}
