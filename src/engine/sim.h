/* sim.h: the discrete-event simulator: clock, pending events, dispatch, stops. */
#ifndef FS_SIM_H
#define FS_SIM_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/event.h"
#include "engine/queue.h"
#include "util/err.h"

#define FS_SIM_MAX_TYPES 64

typedef struct fs_sim fs_sim;

/* A handler receives the simulator, the event (valid only during the call)
   and the context pointer given to fs_sim_on. It may schedule events and
   call fs_sim_stop; it must not free the simulator. */
typedef void (*fs_handler_fn)(fs_sim *sim, const fs_event *ev, void *ctx);

typedef struct fs_sim_opts {
  fs_queue_kind queue; /* pending-event set structure */
  size_t capacity;     /* events to preallocate room for */
  int trace;           /* nonzero: keep an event-trace checksum */
} fs_sim_opts;

/* Why fs_sim_run returned (or a negative FS_E* code on error). */
typedef enum fs_stop_reason {
  FS_STOP_END_TIME = 1,  /* the next event is at or after end_time */
  FS_STOP_BUDGET = 2,    /* max_events were processed */
  FS_STOP_EMPTY = 3,     /* no pending events */
  FS_STOP_INTERRUPT = 4, /* *interrupt became nonzero (SIGINT) */
  FS_STOP_REQUESTED = 5  /* a handler called fs_sim_stop */
} fs_stop_reason;

typedef struct fs_stop {
  double end_time;                  /* events at or after this stay pending */
  uint64_t max_events;              /* 0: no budget */
  volatile sig_atomic_t *interrupt; /* may be NULL */
} fs_stop;

fs_sim *fs_sim_new(const fs_sim_opts *opts, fs_err *err);
void fs_sim_free(fs_sim *sim);

/* Registers fn for events of `type` (< FS_SIM_MAX_TYPES). */
int fs_sim_on(fs_sim *sim, uint16_t type, fs_handler_fn fn, void *ctx, fs_err *err);

/* A prefetch function: issues prefetches for what the handler of an event
   for target will touch (no other effect). */
typedef void (*fs_prefetch_fn)(void *ctx, uint32_t target);

/* Registers a prefetch function for `type` (after fs_sim_on, with its
   context): while an event is handled, the simulator calls it for the
   next pending event when that is of this type. The next event is popped
   from the set ahead of time for it, which changes no order. */
void fs_sim_on_prefetch(fs_sim *sim, uint16_t type, fs_prefetch_fn fn);

/* Schedules an event at absolute time `time` (>= now). Returns 0, FS_EINVAL
   for an event in the past or an unregistered type, FS_ENOMEM if the set
   cannot grow. A failure inside a handler also stops the run with that code. */
int fs_sim_schedule(fs_sim *sim, double time, uint32_t target, uint16_t type, uint16_t aux,
                    uint64_t data);

/* Arrivals: events of one type known before the run starts, in bulk (a
   model's crashes), kept in an array sorted once by (time, seq) and merged
   with the pending-event set as the run goes, instead of living in it: the
   set stays small (its pushes and pops are what a large model pays most
   for) and an arrival costs 16 bytes instead of a pooled event. The order
   of dispatch is the same as if each had been scheduled with
   fs_sim_schedule at the moment it was added: fs_sim_arrive takes the next
   sequence number. Each type is a stream of its own, up to
   FS_SIM_MAX_STREAMS types. Only before the first fs_sim_run; returns 0,
   FS_EINVAL (in the past, an unregistered type, one type too many, after
   the run started) or FS_ENOMEM, sticky like fs_sim_schedule's. */
#define FS_SIM_MAX_STREAMS 4
int fs_sim_arrive(fs_sim *sim, double time, uint32_t target, uint16_t type);

/* Sorts the arrivals, which ends adding them: what fs_sim_run does first
   if nobody did (its temporary copy of the largest stream is freed before
   a caller allocates more). 0 or FS_ENOMEM (sticky). */
int fs_sim_prepare(fs_sim *sim);

/* The target of the arrival of type `ahead` places after the next one of
   that type not yet dispatched (0: that next one), or UINT32_MAX past the
   last: a handler can prefetch what the coming arrivals will touch. */
uint32_t fs_sim_arrival_ahead(const fs_sim *sim, uint16_t type, size_t ahead);

/* Runs until a stop condition holds; returns an fs_stop_reason or a
   negative FS_E* code, with a message in err. Can be called again to go on. */
int fs_sim_run(fs_sim *sim, const fs_stop *stop, fs_err *err);

/* Asks the current fs_sim_run to return after the event being handled. */
void fs_sim_stop(fs_sim *sim);

double fs_sim_now(const fs_sim *sim);
uint64_t fs_sim_events(const fs_sim *sim); /* events dispatched so far */
uint64_t fs_sim_trace(const fs_sim *sim);  /* event-trace checksum */
size_t fs_sim_pending(const fs_sim *sim);  /* events in the set and arrivals not yet dispatched */
size_t fs_sim_peak_pending(const fs_sim *sim);
size_t fs_sim_queue_bytes(const fs_sim *sim);
fs_queue_kind fs_sim_queue_kind(const fs_sim *sim);

#endif
