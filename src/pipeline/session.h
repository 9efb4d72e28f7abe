/* session.h: the pipeline every command stands on. A session is one
   scenario made ready to run: loaded (with its --set values and seed), its
   portfolio attached, its fleet synthesised with the portfolio's policy
   organisations and the providers that run fleets of their own, its
   dependency graph built and frozen. Replications run on it
   (fs_session_run, fs_session_rep) and results.h writes its results folder.
   `run`, `graph`, the tasks of `sweep` and the questions to come (compare,
   validate, catalog) open sessions; none of them assembles these steps
   itself, so `fleetsim graph` analyses exactly the fleet and graph that
   `fleetsim run` simulates. */
#ifndef FS_SESSION_H
#define FS_SESSION_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "batch/batch.h"
#include "engine/queue.h"
#include "fleet/fleet.h"
#include "graph/graph.h"
#include "loss/portfolio.h"
#include "loss/terms.h"
#include "scenario/scenario.h"
#include "util/manifest.h"

/* The scenario options every command that loads a scenario takes (the CLI
   declares them once, cli/options.c). Strings are not copied: they must
   outlive the session. */
typedef struct fs_session_opts {
  fs_load_opts load;     /* scenario path, models folder, --set, --seed, Lua limits */
  double scale;          /* sample fraction of the endpoints (FS_FLEET_FULL_SCALE) */
  const char *portfolio; /* policy portfolio CSV, or NULL */
  fs_queue_kind queue;   /* pending-event set of the replications */
  /* `fleetsim graph --import`: a .graphml graph instead of the scenario's
     (then no fleet is built), or a .csv edge list replacing its edges. */
  const char *graph_import;
  int require_graph; /* a scenario without a graph table is an error */
  /* The portfolio is priced (run, sweep: insured losses), so it needs the
     scenario's costs; `fleetsim graph` only counts policies per vendor. */
  int priced;
  /* When not NULL, set to 1 when opening failed on the portfolio (its file
     or its policies against the scenario): a command tells a bad input file
     given by option (exit 2) from a bad scenario. */
  int *portfolio_failed;
} fs_session_opts;

/* The defaults, each from the module that owns it (priced: 1). */
void fs_session_opts_init(fs_session_opts *o);

typedef struct fs_session {
  fs_session_opts opts;
  fs_scenario sc;
  int loaded; /* sc holds a scenario */
  fs_portfolio pf;
  int have_pf;
  fs_fleet fleet;
  int have_fleet;        /* no fleet with a GraphML import */
  fs_fleet_policy *fpol; /* portfolio policies, then providers with fleets of their own */
  size_t nprov;          /* of which providers */
  uint32_t *policy_org;  /* fleet organisation of policy i (pf.n) */
  fs_terms *terms;       /* terms of policy i (pf.n) */
  uint8_t *named;        /* policy i names the incident's origin (pf.n; for the config run) */
  fs_graph graph;
  fs_graph_csr csr;
  int have_graph;
  long provider_node;                    /* the incident's provider node, or -1 */
  uint64_t portfolio_hash;               /* FNV-1a 64 of the portfolio file as read */
  uint64_t fleet_key;                    /* fs_fleet_key of the fleet */
  int fleet_reused;                      /* the fleet came from the previous session */
  double sec_load, sec_fleet, sec_graph; /* timings: scenario, fleet, graph (built and frozen) */
} fs_session;

/* Opens a session: every step above, in order. With prev (may be NULL)
   whose fleet has the same fs_fleet_key, takes prev's fleet instead of
   building one (prev is closed by the caller as usual): a sweep's points
   share a fleet when their parameters leave it alone. Errors keep the
   loader's codes (FS_EUSAGE for a bad --set) and their message names the
   file, line and field; *s is then closed. */
int fs_session_open(fs_session *s, const fs_session_opts *o, fs_session *prev, fs_err *err);
void fs_session_close(fs_session *s);

/* Replications of a session. */
typedef struct fs_session_run_opts {
  int reps, threads;
  volatile sig_atomic_t *interrupt;
  /* progress: replications done (several), simulated hours (one); may be NULL */
  void (*progress)(void *ud, int done, int total);
  void (*tick)(void *ud, double hours, double total);
  void *ud;
  /* A variant of the scenario's configuration (the systemic-risk ranking
     puts each provider down in turn) and its incident's provider node;
     NULL: the scenario's own. The loaded scenario is never modified. */
  const fs_config *cfg;
  long provider_node;
} fs_session_run_opts;

/* Runs replications 0..reps-1 into *b (fs_batch_free); replication r
   draws from stream (seed, r) whatever the thread count. */
int fs_session_run(fs_session *s, const fs_session_run_opts *o, fs_batch *b, fs_err *err);

/* One replication r, on the calling thread, into rep (fs_rep_alloc'd with
   s->pf.n policies); rng is the caller's. *interrupted as fs_batch_rep. */
int fs_session_rep(fs_session *s, gsl_rng *rng, int r, volatile sig_atomic_t *interrupt,
                   fs_rep *rep, int *interrupted, fs_err *err);

/* The session's inputs for its results folder's manifest: the scenario
   and the portfolio with their hashes, the models folder. */
void fs_session_manifest_inputs(const fs_session *s, fs_manifest *m);

/* A portfolio's rows as fleet policies of cfg (industry, region and
   vendor ids to indices; an AgentVendor must be in fleet.vendors, an empty
   one needs fleet.vendors to draw from). Errors name PATH:LINE. */
int fs_session_policies(const fs_config *cfg, const fs_portfolio *pf, fs_fleet_policy *out,
                        fs_err *err);

/* Opens a session only up to its scenario (--list-params, a sweep's
   spec): no portfolio, fleet or graph. On error *s is closed. */
int fs_session_open_scenario(fs_session *s, const fs_session_opts *o, fs_err *err);

/* Loads the portfolio at path against the scenario of s and checks that it
   fits, as fs_session_open would, without building anything (a sweep
   refuses a bad portfolio before any task runs). */
int fs_session_check_portfolio(const fs_session *s, const char *path, fs_err *err);

#endif
