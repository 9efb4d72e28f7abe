/* args.h: declarative command-line options with range checks and help. */
#ifndef FS_ARGS_H
#define FS_ARGS_H

#include <stdint.h>
#include <stdio.h>

#include "util/err.h"

typedef enum fs_opt_kind {
  FS_OPT_FLAG,   /* int* set to 1 */
  FS_OPT_INT,    /* int64_t*, within [min, max] */
  FS_OPT_UINT64, /* uint64_t*, any 64-bit value (seeds) */
  FS_OPT_DOUBLE, /* double*, within [min, max] */
  FS_OPT_STRING, /* const char** (points into argv) */
  FS_OPT_CHOICE, /* const char** restricted to choices */
  FS_OPT_LIST    /* repeated; each value goes to add(ctx, value, err) */
} fs_opt_kind;

typedef struct fs_opt {
  const char *name;  /* long form, "--lps" */
  const char *alias; /* short form, "-j", or NULL */
  fs_opt_kind kind;
  const char *metavar; /* "N", "FILE", ... */
  const char *help;
  double min, max;            /* numeric range, inclusive */
  const char *const *choices; /* NULL-terminated, for FS_OPT_CHOICE */
  void *dest;
  int (*add)(void *ctx, const char *value, fs_err *err); /* FS_OPT_LIST */
  void *ctx;
  int *seen; /* may be NULL: set to 1 when the option is given (a default that is not a value) */
} fs_opt;

/* Options of one command, at most. */
#define FS_ARGS_MAX_OPTS 48

typedef struct fs_cmd_spec {
  const char *prog;    /* "fleetsim bench phold" */
  const char *usage;   /* "[options]" or "SCENARIO [options]" */
  const char *summary; /* one line */
  const char *details; /* optional paragraph after the options */
  const fs_opt *opts;
  int nopts;
  int min_pos, max_pos; /* positional argument counts */
  int *given;           /* may be NULL: given[i] set to 1 when opts[i] is given */
} fs_cmd_spec;

/* Parses argv[0..argc) (not including the command words). Positional
   arguments go to pos[0..*npos) (pos must hold max_pos entries). Returns 0,
   1 when --help was given (help printed to stdout), or FS_EUSAGE with a
   message that names the option. */
int fs_args_parse(const fs_cmd_spec *spec, int argc, char **argv, char **pos, int *npos,
                  fs_err *err);

void fs_args_help(const fs_cmd_spec *spec, FILE *out);

/* Prints "PROG: MESSAGE", the usage line and a hint to stderr; returns 2. */
int fs_args_fail(const fs_cmd_spec *spec, const fs_err *err);

#endif
