/* model.h: one replication of the outage model: incident, response, observation. */
#ifndef FS_MODEL_H
#define FS_MODEL_H

#include <signal.h>
#include <stddef.h>
#include <math.h>
#include <stdint.h>

#include "engine/queue.h"
#include "fleet/fleet.h"
#include "config/config.h"
#include "util/err.h"

/* Aggregate state a scenario hook may read (counts at full scale). */
typedef struct fs_agg_state {
  double hours; /* elapsed since the scenario start */
  double affected, down;
  double down_by_industry[FS_MAX_INDUSTRIES];
  double down_by_region[FS_MAX_REGIONS];
  int incident_active; /* 1 between publish and pull */
} fs_agg_state;

/* What a hook asks for; the model applies it after the hook returns. */
typedef struct fs_actions {
  double staffing[FS_MAX_INDUSTRIES]; /* multiplier on IT capacity; NAN = unchanged */
  int release_tool[FS_MAX_TOOLS];     /* 1 = release now */
  int end_incident;                   /* 1 = pull the update now */
} fs_actions;

typedef enum fs_hook_kind { FS_HOOK_EVERY, FS_HOOK_AT, FS_HOOK_ON } fs_hook_kind;

typedef struct fs_hook_spec {
  fs_hook_kind kind;
  double hours;          /* EVERY: period; AT: scenario hour */
  char event[FS_ID_MAX]; /* ON: "publish", "pull", "tool:<name>" */
} fs_hook_spec;

/* Hooks are called through this interface so the model does not depend on
   Lua. call returns 0 or a negative FS_E* code with a message in err. */
typedef struct fs_hooks {
  int n;
  fs_hook_spec spec[FS_MAX_HOOKS];
  void *ud;
  int (*call)(void *ud, int hook, const fs_agg_state *st, fs_actions *act, fs_err *err);
} fs_hooks;

struct fs_graph_csr;

typedef struct fs_model_opts {
  fs_queue_kind queue;
  volatile sig_atomic_t *interrupt;
  const fs_hooks *hooks; /* may be NULL */
  /* The frozen dependency graph (may be NULL) and the graph node of the
     incident's provider (provider_outage, supply_chain; -1 otherwise). */
  const struct fs_graph_csr *graph;
  long provider_node;
  /* Called at every observation tick with the simulated hours done and the
     scenario's duration (progress of a single run); may be NULL. */
  void (*tick)(void *ud, double hours, double total);
  void *tick_ud;
} fs_model_opts;

/* Per-organisation outcome (the organisation's own counts, unweighted). */
typedef struct fs_org_result {
  uint32_t affected;
  double first_down_hours; /* NAN if none */
  double recovered_hours;  /* when its last affected endpoint came back; NAN if never */
  double endpoint_hours_down;
  double detected_hours, diagnosed_hours;
  /* Costs (USD, when the scenario has costs): business interruption from
     the organisation's own fleet (all of it, and the part after its
     waiting period), from what it depends on (dependency graph: zero until
     that layer runs; after its own waiting period), extra expense (remediation labour and incident
     response), and hours with reduced capacity. */
  double bi_own, bi_own_after_wait;
  double bi_dep, bi_dep_after_wait;
  double extra_expense;
  double restoration; /* of extra_expense: the labour that brought its endpoints back (data and
                         system restoration); the rest is incident response and units' costs */
  double downtime_hours;
  double min_capacity;
  double impaired_hours; /* when its capacity first fell below 1; NAN if never */
  /* The operations layer (its industry declares one; else NAN): the lowest
     operations level and the units of operations lost (flights; NAN
     without a unit). downtime_hours is then the business downtime, the
     hours with operations paused (below the industry's paused_below). */
  double ops_min, units_lost;
  /* Its interventions (fs_interventions), bits 1 pinning, 2 a second
     vendor, 4 cloud key escrow, 8 boot media, 16 a contractor contract;
     0 without any. */
  uint8_t levers;
} fs_org_result;

/* Whether an organisation was hit: an endpoint of its own down, or its
   capacity cut by what it depends on (a provider outage crashes nothing
   of its own); the latter is known only where costs are computed
   (impaired_hours). One rule for every count of organisations hit. */
static inline int fs_model_org_hit(int has_costs, const fs_org_result *x) {
  return x->affected > 0 || (has_costs && !isnan(x->impaired_hours));
}

#define FS_NQUANT 4
extern const double fs_recovery_quantiles[FS_NQUANT]; /* 0.50, 0.90, 0.97, 0.99 */

/* Results of one replication. Counts are estimates for the full fleet:
   each simulated endpoint counts with its organisation's sampling weight
   (1 when the whole fleet is simulated). The result owns its arrays. */
/* Organisations whose operations a run follows tick by tick (ops.csv). */
#define FS_OPS_TRACK 24

typedef struct fs_result {
  uint64_t events;
  int interrupted;
  double duration_hours;
  size_t n_endpoints, n_orgs;
  int nindustries, nregions;

  double affected, peak_down;
  double peak_down_hours;
  double endpoint_hours_down;
  double fixed_by_hand, fixed_by_reboot, fixed_by_tool, still_down;
  double affected_by_industry[FS_MAX_INDUSTRIES];
  double affected_by_region[FS_MAX_REGIONS];
  double affected_by_class[FS_NCLASS];
  double endpoints_by_platform[FS_NPLAT];
  double affected_by_platform[FS_NPLAT];
  double recovery_hours[FS_NQUANT]; /* NAN if the share was not reached */
  /* A staged rollout (fs_rollout; all NAN or 0 without one): when the
     vendor saw enough silent hosts, decided to halt and had rolled back
     (NAN: it never halted, and the incident's pull ended it), the silent
     and fetched hosts it saw then, the rings released, and the customers'
     endpoints that took the file (weighted) and the vendor's own hosts
     that crashed. */
  double rollout_detect_hours, rollout_halt_hours, rollout_pull_hours;
  double rollout_seen_silent, rollout_seen_fetched;
  int rollout_rings_released;
  int has_levers; /* the scenario has interventions drawn per organisation */
  double rollout_received, rollout_internal_crashed;

  /* Ground-up economic loss (USD, weighted to the full fleet). */
  double loss_total;
  double loss_by_industry[FS_MAX_INDUSTRIES];

  size_t nticks;
  double tick_hours;
  double *ts_affected; /* cumulative, nticks */
  double *ts_down;     /* nticks */
  double *ts_down_ind; /* nticks x nindustries, row-major */
  double *ts_down_reg; /* nticks x nregions */
  /* With an operations layer (else NULL), nticks x nindustries: each
     industry's operations level (revenue-weighted over all its
     organisations; its IT capacity where it declares no layer) and units
     lost so far. */
  double *ts_ops_ind, *ts_units_ind;
  /* With an operations layer: the organisations it follows (fleet
     indices): the largest by revenue of each industry that declares one
     and the largest policy of each, largest first, then the largest
     others, FS_OPS_TRACK in all; their
     operations level and units lost so far per tick (nticks x nops_org). */
  size_t nops_org;
  uint32_t ops_org[FS_OPS_TRACK];
  double *ts_ops_org, *ts_units_org;

  fs_org_result *orgs; /* n_orgs */
} fs_result;

/* Runs one replication of cfg on fleet. It takes one word from rng, the
   key of its substreams (one per endpoint or organisation and purpose:
   common random numbers, docs/ENGINE.md), and draws nothing else from it.
   Fills *res
   (caller frees with fs_result_free). Returns 0 or a negative FS_E* code
   with a message in err (out of memory, a failed hook, an invalid event);
   on error *res is left empty. */
int fs_model_run(const fs_config *cfg, const fs_fleet *fleet, gsl_rng *rng,
                 const fs_model_opts *opts, fs_result *res, fs_err *err);
void fs_result_free(fs_result *res);

#endif
