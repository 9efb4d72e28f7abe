/* help.h: the commands' help texts (src/cli/help.txt, built into the
   program by help.awk) and the spec of a command from them. */
#ifndef FS_CLI_HELP_H
#define FS_CLI_HELP_H

#include "cli/args.h"

typedef struct fs_cli_help {
  const char *prog;    /* "fleetsim run" */
  const char *usage;   /* "SCENARIO [options]" */
  const char *summary; /* first paragraph */
  const char *details; /* the rest ("" when none) */
} fs_cli_help;

/* Every command's, ended by an entry with prog NULL (generated help.c). */
extern const fs_cli_help fs_cli_helps[];

/* The spec of command prog (which must be in help.txt) with its options
   and positional argument counts. */
fs_cmd_spec fs_cli_spec(const char *prog, const fs_opt *opts, int nopts, int min_pos, int max_pos);

#endif
