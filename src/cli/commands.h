/* commands.h: the fleetsim subcommands and what they share. */
#ifndef FS_COMMANDS_H
#define FS_COMMANDS_H

#include <signal.h>

/* Set by the SIGINT handler installed in main; the only process-wide
   mutable state, because a signal handler can reach nothing else. */
extern volatile sig_atomic_t fs_cli_interrupted;

/* Each command gets the arguments after its name and returns the exit
   status: 0 success, 1 run-time failure, 2 usage error, 3 finished with failed tasks (sweep,
   merge), 130 interrupted. */
int fs_cmd_bench(int argc, char **argv);
int fs_cmd_run(int argc, char **argv);
int fs_cmd_graph(int argc, char **argv);
int fs_cmd_report(int argc, char **argv);
int fs_cmd_sweep(int argc, char **argv);
int fs_cmd_merge(int argc, char **argv);
int fs_cmd_validate(int argc, char **argv);
int fs_cmd_compare(int argc, char **argv);
int fs_cmd_calibrate(int argc, char **argv);
int fs_cmd_nowcast(int argc, char **argv);
int fs_cmd_catalog(int argc, char **argv);

#endif
