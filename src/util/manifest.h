/* manifest.h: manifest.json, how a results folder was made: one format for
   every command that writes a folder (run, sweep, merge, and those to
   come). The common keys come first, in this order:

   {
     "program": "fleetsim",
     "version": "0.1.0",
     "git": "0123456789ab" or null (the revision built, when the build knew it),
     "kind": "run" | "sweep" | ...,
     "command": "fleetsim run scenarios/x.lua --seed 7",
     "seed": "7" (a string: seeds are 64-bit, more than a JSON number keeps),
     "inputs": [{"role": "scenario" | "portfolio" | "models", "path": "...",
                 "hash": "fnv1a64:0123456789abcdef" or null}, ...],
     "wall_seconds": 12.345,
     ...then the kind's own keys (report/output.c, sweep/folder.c)
   } */
#ifndef FS_MANIFEST_H
#define FS_MANIFEST_H

#include <stdint.h>
#include <stdio.h>

#include "util/err.h"
#include "util/jsonread.h"

#define FS_MANIFEST_MAX_INPUTS 24

typedef struct fs_manifest_input {
  const char *role, *path;
  int hashed; /* hash holds the FNV-1a 64 of the file's bytes (a folder has none) */
  uint64_t hash;
} fs_manifest_input;

typedef struct fs_manifest {
  const char *kind;
  const char *command;
  uint64_t seed;
  fs_manifest_input inputs[FS_MANIFEST_MAX_INPUTS];
  int ninputs;
  double wall_seconds;
} fs_manifest;

/* Adds an input (ignored past FS_MANIFEST_MAX_INPUTS, which no command
   reaches). */
void fs_manifest_input_add(fs_manifest *m, const char *role, const char *path, int hashed,
                           uint64_t hash);

/* Writes "{" and the common keys of m to f, each line ending in ",\n": the
   caller writes its own keys and the closing "}". */
void fs_manifest_head(FILE *f, const fs_manifest *m);

/* The git revision fleetsim was built from, or NULL. */
const char *fs_manifest_git(void);

/* Of a manifest read back: the path and the hash ("fnv1a64:...") of its
   input with that role, or dflt; the seed's digits, or dflt. */
const char *fs_manifest_input_path(const fs_jval *root, const char *role, const char *dflt);
const char *fs_manifest_input_hash(const fs_jval *root, const char *role, const char *dflt);
const char *fs_manifest_seed(const fs_jval *root, const char *dflt);
/* "fleetsim VERSION" with " (git REVISION)" when the manifest has one. */
void fs_manifest_program(const fs_jval *root, char *buf, size_t cap);

/* A manifest read back: FS_EINVAL naming path unless it was written by
   fleetsim ("program": "fleetsim") with a "kind"; *kind then points into
   root. */
int fs_manifest_check(const fs_jval *root, const char *path, const char **kind, fs_err *err);

#endif
