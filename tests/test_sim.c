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
  return tap_done();
}
