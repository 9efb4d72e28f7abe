/* event.h: the fixed-size event record the engine queues and dispatches. */
#ifndef FS_EVENT_H
#define FS_EVENT_H

#include <stdint.h>

/* One pending event: 32 bytes, held by value in the pending-event set's
   preallocated storage (never malloc'ed one by one).

   Invariant: events are totally ordered by (time, seq). seq is assigned by
   the simulator when the event is scheduled and increases by one per
   schedule call, so events with equal times leave in insertion order and a
   seed fixes the whole run. */
typedef struct fs_event {
  double time;     /* simulated time, hours since the scenario start */
  uint64_t seq;    /* insertion sequence number, the tie-breaker */
  uint32_t target; /* entity index (endpoint, organisation, LP, ...) */
  uint16_t type;   /* handler slot, see fs_sim_on */
  uint16_t aux;    /* small model-defined field */
  union {
    uint64_t u64;
    double f64;
    uint32_t u32[2];
  } data; /* model-defined payload */
} fs_event;

_Static_assert(sizeof(fs_event) == 32, "fs_event must stay 32 bytes");

/* Strict (time, seq) order. */
static inline int fs_event_before(const fs_event *a, const fs_event *b) {
  return a->time < b->time || (a->time == b->time && a->seq < b->seq);
}

#endif
