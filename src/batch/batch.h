/* batch.h: many replications of one scenario on threads, deterministically. */
#ifndef FS_BATCH_H
#define FS_BATCH_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "fleet/fleet.h"
#include "loss/terms.h"
#include "model/model.h"
#include "scenario/scenario.h"

/* What a replication leaves behind besides replication 0's full result:
   the figures that loss statistics and summaries need. */
typedef struct fs_rep {
  double affected, peak_down, endpoint_hours_down;
  double recovery_hours[FS_NQUANT];
  double loss_total; /* ground-up economic loss of the fleet, USD */
  double loss_by_industry[FS_MAX_INDUSTRIES];
  /* Annual revenue of the organisations with a loss (weighted): the
     impacted exposure of the loss tables. */
  double exposure_total, exposure_by_industry[FS_MAX_INDUSTRIES];
  /* Organisations (fs_org_count_weight, the full fleet's): hit
     (fs_model_org_hit), hit through their own endpoints, hit only through
     what they depend on, with business downtime (operations paused, or
     capacity below the threshold), and their downtime hours summed. */
  double orgs_hit, orgs_hit_own, orgs_hit_dependent, orgs_down, org_downtime_hours;
  double orgs_hit_by_industry[FS_MAX_INDUSTRIES];
  /* By industry: endpoints hit, organisations with business downtime and
     their downtime hours summed (fleetsim compare). */
  double affected_by_industry[FS_MAX_INDUSTRIES];
  double orgs_down_by_industry[FS_MAX_INDUSTRIES], downtime_by_industry[FS_MAX_INDUSTRIES];
  /* By industry and size class (fs_size_class of an organisation's own
     endpoints): organisations, hit; the vendor's customers, hit through
     their own endpoints; and over the organisations hit through their
     own endpoints, those endpoints and the ones hit. */
  double orgs_is[FS_MAX_INDUSTRIES][FS_SIZE_CLASSES], hit_is[FS_MAX_INDUSTRIES][FS_SIZE_CLASSES];
  double cust_is[FS_MAX_INDUSTRIES][FS_SIZE_CLASSES],
      cust_hit_is[FS_MAX_INDUSTRIES][FS_SIZE_CLASSES];
  double own_eps_is[FS_MAX_INDUSTRIES][FS_SIZE_CLASSES],
      own_hit_is[FS_MAX_INDUSTRIES][FS_SIZE_CLASSES];
  /* The same cells' ground-up loss and annual revenue (USD, weighted by
     fs_org_loss_weight, over every organisation of the cell). */
  double loss_is[FS_MAX_INDUSTRIES][FS_SIZE_CLASSES],
      revenue_is[FS_MAX_INDUSTRIES][FS_SIZE_CLASSES];
  /* The organisations that depend directly on the incident's provider
     (fs_org_count_weight), and of those the ones hit; 0 without one. */
  double provider_dependents, provider_dependents_hit;
  /* The cyber insurance market's insured loss (costs.cyber_market): its
     take-up and terms on every organisation but the portfolio's, whose
     policies count as written (policy_il); NAN without a market. */
  double market_insured;
  /* Share of the fleet's organisations hit (fs_org_count_weight): the
     widespread-event clause's test. */
  double hit_share;
  /* The portfolio's ground-up and insured loss by line of cover
     (FS_LINE_*), and its insured loss under each wording switch applied to
     every policy (FS_WORDING_*; [0] is policy_il's sum). */
  double line_gu[FS_NLINES], line_il[FS_NLINES];
  double wording_il[FS_NWORDINGS];
  double *policy_gu;       /* per policy: ground-up loss (npol), owned */
  double *policy_il;       /* per policy: insured loss (npol), owned */
  double *policy_downtime; /* per policy: hours of reduced capacity (npol), owned */
  double *policy_hit;      /* per policy: its endpoints hit, as simulated (npol), owned */
  double *recovered;       /* per tick: share of its affected endpoints back up, owned */
  size_t nticks;
  /* Per-tick counts for a caller's own outputs (nowcast's observed
     counts), filled only when `series` is set before the replication,
     else NULL; owned (fs_rep_drop_ticks): endpoints hit so far, endpoints
     down, organisations impaired so far (capacity first below 1;
     fs_org_count_weight) in all and by industry (nticks x nindustries,
     row-major), and units of operations lost so far by the industries
     whose unit is "flights" (NULL without such an operations layer). */
  int series;
  int nindustries;
  double tick_hours;
  double *ts_crashed, *ts_down, *ts_orgs_impaired, *ts_orgs_impaired_ind, *ts_flights;
  uint64_t events;
  int ok; /* this replication finished */
} fs_rep;

typedef struct fs_batch {
  /* inputs */
  const fs_load_opts *load; /* to give each extra thread its own scenario (hooks) */
  fs_scenario *scenario;    /* used by the first thread */
  const fs_config *cfg;     /* what the replications run: scenario->cfg, or a variant of it */
  const fs_fleet *fleet;
  int reps, threads;
  fs_queue_kind queue;
  volatile sig_atomic_t *interrupt;
  size_t npol;
  const uint32_t *policy_org;       /* fleet organisation of policy i */
  const fs_terms *terms;            /* terms of policy i */
  const uint8_t *policy_named;      /* 1: policy i names the incident's origin among its
                                       providers (contingent BI for named providers); may be NULL */
  fs_event_ctx event;               /* malicious, infrastructure (hit_share is per replication) */
  const struct fs_graph_csr *graph; /* frozen dependency graph, or NULL */
  long provider_node;               /* the incident's provider node, or -1 */
  /* progress callback, called from worker threads under a lock (may be NULL) */
  void (*progress)(void *ud, int done, int total);
  void *progress_ud;
  /* simulated-time progress of replication 0 (a single run); may be NULL */
  void (*tick)(void *ud, double hours, double total);
  /* outputs */
  fs_result first; /* replication 0, complete (caller frees with fs_result_free) */
  fs_rep *rep;     /* reps entries, in replication order */
  int done;        /* replications completed; after an interruption, the length of
                      the finished prefix 0..done-1, which is what outputs use */
  int interrupted;
} fs_batch;

/* Runs replications 0..reps-1; replication r draws from stream (seed, r),
   so results do not depend on the number of threads. On error, the
   message is that of the lowest failing replication. */
int fs_batch_run(fs_batch *b, fs_err *err);
void fs_batch_free(fs_batch *b);

/* Runs replication r of b on scenario sc (b->scenario, or a thread's own
   copy loaded with the same options) into rep, whose policy arrays hold
   b->npol entries (fs_rep_alloc). rng is the caller's and is reset to
   stream (seed, r). keep, when not NULL, receives the full result (the
   caller frees it). *interrupted is set, and rep untouched, when
   b->interrupt stopped the run. Returns 0 or the model's error. */
int fs_batch_rep(const fs_batch *b, fs_scenario *sc, gsl_rng *rng, int r, fs_rep *rep,
                 fs_result *keep, int *interrupted, fs_err *err);
/* Zeroes rep and allocates its per-policy arrays (npol entries, at least
   one). 0 or FS_ENOMEM. */
int fs_rep_alloc(fs_rep *rep, size_t npol);
void fs_rep_free(fs_rep *rep);
/* Frees the per-tick arrays (recovered and the series) and sets them to
   NULL: a worker that reuses rep between replications. */
void fs_rep_drop_ticks(fs_rep *rep);

/* One organisation's outcome by line of cover (BI after its waiting
   periods; extra expense without the restoration labour). */
fs_cover_loss fs_batch_cover_loss(const fs_org_result *x);

#endif
