/* variant.h: a what-if variant file (scenarios/whatif/): a name, what it
   changes in words, the scenario parameters it sets and the sources of
   their values. `fleetsim compare` runs a scenario with and without it
   (docs/WHATIF.md has the format). */
#ifndef FS_VARIANT_H
#define FS_VARIANT_H

#include "config/config.h"
#include "scenario/limits.h"
#include "scenario/scenario.h"
#include "util/err.h"
#include "util/path.h"

typedef struct fs_variant {
  char path[FS_PATH_MAX]; /* the file, or "" for a --variant on the command line */
  char name[FS_ID_MAX];
  char description[FS_TEXT_MAX];
  char source[FS_TEXT_MAX]; /* where its values come from, or the assumptions */
  fs_set sets[FS_MAX_SETS]; /* by name */
  int nsets;
} fs_variant;

/* Whether a parameter name is one of the scenario's: 0, or non-zero with
   the reason (a nearest name) in why. */
typedef int (*fs_variant_param_fn)(void *ud, const char *name, char *why, size_t cap);

/* Loads and checks path, a sandboxed Lua file returning {name = ...,
   description = ..., set = {PARAM = number, ...}, source = ...}. Errors
   are "path:line: field: what is wrong" with FS_EINVAL (a set entry
   that known refuses: "path:line: set.PARAM: ..."). */
int fs_variant_load(const char *path, const char *models_dir, const fs_lua_limits *lim,
                    fs_variant_param_fn known, void *ud, fs_variant *out, fs_err *err);

/* A --variant NAME=PARAM=VALUE[,PARAM=VALUE...] into out (FS_EUSAGE with
   the reason). */
int fs_variant_parse(const char *text, fs_variant *out, fs_err *err);

#endif
