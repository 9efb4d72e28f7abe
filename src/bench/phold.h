/* phold.h: the PHOLD synthetic workload, the engine's standing benchmark. */
#ifndef FS_PHOLD_H
#define FS_PHOLD_H

#include <signal.h>
#include <stdint.h>

#include "engine/queue.h"
#include "util/err.h"

/* PHOLD (Fujimoto 1990): lps logical processes each start with
   start_events events; handling an event schedules one new event, to a
   uniformly chosen LP with probability remote, else to itself, at
   now + lookahead + Exp(mean - lookahead). */
typedef struct fs_phold_opts {
  uint32_t lps;
  double end_time;
  uint32_t start_events;
  double remote;
  double lookahead;
  double mean;
  fs_queue_kind queue;
  uint64_t seed;
  int trace;
  volatile sig_atomic_t *interrupt;
} fs_phold_opts;

typedef struct fs_phold_result {
  uint64_t events;
  double seconds; /* wall time of the event loop only */
  double events_per_second;
  size_t peak_pending;
  size_t queue_bytes;
  uint64_t trace;
  int interrupted;
} fs_phold_result;

void fs_phold_defaults(fs_phold_opts *o);
int fs_phold_run(const fs_phold_opts *o, fs_phold_result *res, fs_err *err);

#endif
