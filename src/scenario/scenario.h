/* scenario.h: load a Lua scenario into a validated fs_config, plus its hooks. */
#ifndef FS_SCENARIO_H
#define FS_SCENARIO_H

#include <stdint.h>

#include "config/config.h"
#include "model/model.h"
#include "scenario/limits.h"
#include "util/err.h"
#include "util/path.h"

/* One --set name=value override. */
typedef struct fs_set {
  char name[FS_ID_MAX];
  double value;
  char text[64]; /* as written, for messages */
} fs_set;

#define FS_MAX_SETS 64

typedef struct fs_load_opts {
  const char *path;       /* the scenario file */
  const char *models_dir; /* NULL: $FLEETSIM_MODELS or the built-in models/ */
  fs_lua_limits limits;
  const fs_set *sets;
  int nsets;
  int has_seed; /* --seed given: overrides the scenario's seed */
  uint64_t seed;
} fs_load_opts;

/* A loaded scenario. Owns its Lua state (kept for hooks) and configuration;
   free with fs_scenario_free. Not thread-safe: one per thread. */
struct fs_loader;
struct fs_graph_decl; /* graph/graph.h */

typedef struct fs_scenario {
  fs_config *cfg;
  struct fs_loader *loader; /* owned; reachable from Lua through the registry */
  struct fs_lua *lua;
  fs_hooks hooks;
  int hook_ref[FS_MAX_HOOKS];
  fs_actions *current_actions; /* non-NULL only while a hook runs */
  char path[FS_PATH_MAX];
  char models_dir[FS_PATH_MAX];
  uint64_t hash;               /* FNV-1a 64 of the scenario file's bytes */
  struct fs_graph_decl *graph; /* the optional `graph` table (graph/graph.h), owned; NULL if none */
} fs_scenario;

/* Loads and validates. Errors: FS_ESCRIPT/FS_ELIMIT (script failed),
   FS_EINVAL (validation: "file:line: field.path: what (got X)"), FS_EUSAGE
   (a --set names an unknown parameter or an out-of-range value), FS_EIO. */
int fs_scenario_load(fs_scenario *s, const fs_load_opts *o, fs_err *err);
void fs_scenario_free(fs_scenario *s);

/* The line where the scenario writes a field ("incident.entry"), from a
   source map of the file built on this call; 1 when unknown. */
int fs_scenario_field_line(fs_scenario *s, const char *path);

/* The line where the scenario's params{} declares parameter name (a
   source map of the file, built on this call); 1 when unknown. */
int fs_scenario_param_line(fs_scenario *s, const char *name);

/* Re-seeds the script's math.random before a run (hooks then draw from the
   run's seed and replication). */
int fs_scenario_reseed(fs_scenario *s, uint64_t seed, fs_err *err);

/* The Lua release scenarios run on ("Lua 5.4.4"), for `fleetsim version`. */
const char *fs_scenario_lua_release(void);

/* The default models folder: $FLEETSIM_MODELS, else the source tree's. */
const char *fs_scenario_models_dir(void);

/* Parses "name=value" into *set; FS_EUSAGE with a message on bad input. */
int fs_set_parse(const char *text, fs_set *set, fs_err *err);

#endif
