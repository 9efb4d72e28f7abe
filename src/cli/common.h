/* common.h: what the commands share besides their options: parsing a
   command line, progress, the command line as text. */
#ifndef FS_CLI_COMMON_H
#define FS_CLI_COMMON_H

#include "cli/args.h"

/* Parses argv against spec: returns -1 to go on, or the exit status to
   return now (0 after --help, 2 after a usage error, printed). */
int fs_cli_parse(const fs_cmd_spec *spec, int argc, char **argv, char **pos, int *npos);

/* "PROG ARG ARG ..." in a new string (NULL when out of memory), each
   argument a POSIX shell word (single-quoted unless it is plain), so the
   line pasted into a shell runs the same command. */
char *fs_cli_command_line(const char *prog, int argc, char **argv);

/* Prints a message to stderr with control bytes other than line breaks
   and tabs shown as \xHH (util/ident.h fs_show_put), for messages that
   hold a path, an argument or a name. */
void fs_cli_eprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Worker threads for -j 0 or unset: the cores online. */
int fs_cli_cores(void);

/* Progress on stderr: a bar with rate and ETA on a terminal, a line every
   10% otherwise ("PROG: done/total unit (n%), ..."). */
typedef struct fs_cli_progress {
  int tty, last_decile;
  double t0;
  const char *prog;
} fs_cli_progress;

/* Starts a progress report for prog. */
fs_cli_progress fs_cli_progress_start(const char *prog);

/* One progress report: done of total units (replications, tasks, or
   simulated hours of a single run). */
void fs_cli_progress_report(fs_cli_progress *p, double done, double total, const char *unit);

#endif
