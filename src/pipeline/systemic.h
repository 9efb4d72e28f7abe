/* systemic.h: the systemic-risk ranking of `fleetsim graph --simulate`:
   each of the most depended-on providers put down in turn for a while,
   run through the engine on the session's fleet and graph, ranked by mean
   ground-up loss. */
#ifndef FS_SYSTEMIC_H
#define FS_SYSTEMIC_H

#include "graph/json.h"
#include "pipeline/session.h"

typedef struct fs_systemic_opts {
  int top;             /* providers simulated: the first by analysis rank */
  int reps, threads;   /* replications per provider, worker threads */
  double outage_hours; /* each outage, from the scenario's incident start */
  volatile sig_atomic_t *interrupt;
} fs_systemic_opts;

/* Fills *out (fs_malloc'd, caller frees) with up to o->top rows ranked by
   mean ground-up loss (then node). Agents and operating systems (categories
   whose failure crashes fleets, via_fleet) are skipped. Each provider runs
   a variant of the scenario's configuration: the loaded scenario is not
   modified. FS_EINTR when interrupted. */
int fs_systemic_rank(fs_session *s, const fs_graph_analysis *an, const fs_systemic_opts *o,
                     fs_graph_risk **out, size_t *nout, fs_err *err);

#endif
