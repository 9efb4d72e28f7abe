/* prep.h: a scenario made ready to run: loaded, its fleet synthesised, its
   portfolio and dependency graph attached. Shared by `fleetsim run` and the
   tasks of `fleetsim sweep`. */
#ifndef FS_PREP_H
#define FS_PREP_H

#include <stddef.h>
#include <stdint.h>

#include "batch/batch.h"
#include "fleet/fleet.h"
#include "graph/graph.h"
#include "loss/portfolio.h"
#include "loss/terms.h"
#include "scenario/scenario.h"

typedef struct fs_prepared {
  fs_scenario sc;
  int loaded; /* sc holds a scenario */
  fs_fleet fleet;
  fs_portfolio pf;
  int have_pf;
  fs_fleet_policy *fpol; /* portfolio policies, then providers with fleets of their own */
  uint32_t *policy_org;  /* fleet organisation of policy i (pf.n) */
  fs_terms *terms;       /* terms of policy i (pf.n) */
  fs_graph graph;
  fs_graph_csr csr;
  int have_graph;
  long provider_node; /* the incident's provider node, or -1 */
  uint64_t fleet_key; /* fs_fleet_key of the fleet */
  int fleet_reused;   /* the fleet came from the previous preparation */
} fs_prepared;

/* Loads the scenario of lo and builds what its replications read: the
   fleet at sample fraction scale (stream FS_STREAM_FLEET of the scenario's
   seed), the portfolio at path portfolio (NULL: none) and the dependency
   graph. Errors keep the loader's codes (FS_EUSAGE for a bad --set) and
   their message names the file; *p is then freed. */
int fs_prepare(fs_prepared *p, const fs_load_opts *lo, double scale, const char *portfolio,
               fs_err *err);
/* Same, taking prev's fleet instead of building one when its key is the
   same (prev keeps the rest and is freed by the caller as usual). prev may
   be NULL. */
int fs_prepare_reusing(fs_prepared *p, const fs_load_opts *lo, double scale, const char *portfolio,
                       fs_prepared *prev, fs_err *err);
void fs_prepared_free(fs_prepared *p);

/* A batch over p (inputs only; the caller sets reps, threads, queue and the
   callbacks). */
fs_batch fs_prepared_batch(fs_prepared *p, const fs_load_opts *lo);

#endif
