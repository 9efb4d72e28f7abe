/* sandbox.h: a Lua state for untrusted scenario scripts, with memory and step limits. */
#ifndef FS_SANDBOX_H
#define FS_SANDBOX_H

#include <stddef.h>
#include <stdint.h>

#include <lua.h>

#include "scenario/limits.h"
#include "util/err.h"

/* A scenario script may only compute: it sees base (without dofile,
   loadfile, and with load/setmetatable/collectgarbage/print wrapped),
   table, string (without dump), math (deterministically seeded) and utf8,
   plus a restricted `require`. See docs/SANDBOX.md. */
typedef struct fs_lua fs_lua;

/* Creates a sandboxed state. lim may be NULL (defaults). models_dir is the
   second folder `require` searches (may be NULL); it is copied. The state is
   owned by the caller; free it with fs_lua_free. Returns NULL with err set
   (FS_ENOMEM) on failure. */
fs_lua *fs_lua_new(const fs_lua_limits *lim, const char *models_dir, uint64_t seed, fs_err *err);
void fs_lua_free(fs_lua *L);

/* The raw state, for pushing and reading values. Do not call functions that
   may raise outside fs_lua_pcall: a longjmp must not cross engine frames. */
lua_State *fs_lua_state(fs_lua *L);

/* Sets the folder `require` searches first (the scenario's own). dir is
   copied; NULL clears it. Returns 0 or FS_ENOMEM. */
int fs_lua_set_scenario_dir(fs_lua *L, const char *dir);

/* Loads `path` (text only) and runs it, leaving its first return value (or
   nil) on the stack. If no scenario folder is set, the file's folder becomes
   it. On failure nothing is pushed and err holds "path:line: message" and a
   traceback; code FS_ESCRIPT, FS_ELIMIT (memory or step limit), or FS_EIO. A
   returned table gets `path` as its origin (fs_lua_table_origin). */
int fs_lua_dofile(fs_lua *L, const char *path, fs_err *err);

/* Like fs_lua_dofile for a string chunk; chunkname as in lua_load (for
   example "=hook"). Leaves the first return value on the stack. */
int fs_lua_dostring(fs_lua *L, const char *chunk, const char *chunkname, fs_err *err);

/* Calls the function below nargs arguments on the stack, as lua_pcall with
   a traceback handler and the limit messages; for hooks during a run. On
   success nresults values are pushed; on failure nothing is. */
int fs_lua_pcall(fs_lua *L, int nargs, int nresults, fs_err *err);

/* Gives a new phase a fresh instruction budget (and clears a spent one). */
void fs_lua_reset_steps(fs_lua *L);

/* Changes the limits (0 fields keep defaults as in fs_lua_new). Lowering the
   memory cap below the current use makes the next allocation fail. */
void fs_lua_set_limits(fs_lua *L, const fs_lua_limits *lim);

size_t fs_lua_mem_used(const fs_lua *L);
uint64_t fs_lua_steps_used(const fs_lua *L); /* this phase, in whole hook periods (1000) */

/* The file a table came from, if it is the return value of a required
   module (its path as opened, e.g. "models/industries.lua") or of
   fs_lua_dofile; NULL otherwise. The string lives as long as the table. */
const char *fs_lua_table_origin(fs_lua *L, int idx);
/* For a table inside a required module's returned table: its path there
   ("list[3].mix"; "" for the returned table itself); NULL otherwise. */
const char *fs_lua_table_origin_path(fs_lua *L, int idx);

#endif
