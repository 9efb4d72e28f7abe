/* scenario_impl.h: pieces of the scenario loader shared by its files (internal). */
#ifndef FS_SCENARIO_IMPL_H
#define FS_SCENARIO_IMPL_H

#include <lua.h>

#include "scenario/check.h"
#include "scenario/scenario.h"
#include "scenario/srcmap.h"

/* Returns from the calling function when x (an fs_check call) failed. */
#define TRY(x)                                                                                     \
  do {                                                                                             \
    int rc_ = (x);                                                                                 \
    if (rc_ < 0) return rc_;                                                                       \
  } while (0)

/* Loader state reachable from the Lua C functions through the registry. */
typedef struct fs_loader {
  fs_scenario *s;
  const fs_load_opts *opts;
  int params_called;
  int params_ref; /* registry ref of the table params() returned */
  int set_used[FS_MAX_SETS];
  fs_err usage;                   /* a --set problem found inside params() */
  fs_srcmap *map;                 /* the scenario file's source map, loaded on demand */
  char at_text[FS_MAX_HOOKS][40]; /* at(): ISO times resolved after loading */
} fs_loader;

fs_loader *fs_scenario__loader(lua_State *L);

/* costs_decl.c: reads the optional costs table at top into cfg's
   industries (cfg->has_costs). */
int fs_scenario__read_costs(fs_check *c, int top, fs_config *cfg);

/* interventions.c: reads the optional interventions table at top into
   cfg->iv (after the incident and the remediation: remote recovery takes
   a tool slot, released after the incident's guidance). */
int fs_scenario__read_interventions(fs_check *c, int top, fs_config *cfg);

/* params.c */
void fs_scenario__open_params(lua_State *L);
/* Checks that every --set was used; FS_EUSAGE otherwise. */
int fs_scenario__check_sets(fs_loader *ld, fs_err *err);

/* hooks.c */
void fs_scenario__open_hooks(lua_State *L);
/* Resolves at() times and on() names once the configuration is known. */
int fs_scenario__finish_hooks(fs_loader *ld, fs_err *err);
int fs_scenario__call_hook(void *ud, int hook, const fs_agg_state *st, fs_actions *act,
                           fs_err *err);

/* graph_decl.c: reads the table at idx (the scenario's `graph`, or
   models/vendors.lua returned by `require "vendors"`) with the check
   context c, so errors read "FILE:LINE: graph.edges[3].provider: unknown
   vendor 'awz-us-east-1' (did you mean 'aws-us-east-1'?)". Market shares
   are keyed by cfg's industry ids (plus "default"), so cfg's industries
   must be read already. Unknown names, duplicate ids, negative delays,
   weights outside [0,1] and cycles of hard edges are FS_EINVAL. *d is
   filled (fs_graph_decl_free). */
struct fs_graph_decl;
int fs_scenario__read_graph(fs_check *c, int idx, const fs_config *cfg, struct fs_graph_decl *d);

/* Line of a field path in the scenario file (suffix match), or 0. */
int fs_scenario__line(fs_loader *ld, const char *path);
/* Line of path inside the table argument of a call such as params { ... }
   (root "params()" in the source map), or 0 when unknown. */
int fs_scenario__call_line(fs_loader *ld, const char *call, const char *path);

#endif
