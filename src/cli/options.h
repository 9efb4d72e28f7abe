/* options.h: the scenario options, declared once with their defaults,
   ranges and help, for every command that loads a scenario (run, graph,
   sweep, and the commands to come): --set, --seed, --scale, --lua-mem,
   --lua-steps, --queue, --models, --portfolio, --list-params. The defaults
   come from the modules that own them (fs_session_opts_init). */
#ifndef FS_CLI_OPTIONS_H
#define FS_CLI_OPTIONS_H

#include "cli/args.h"
#include "pipeline/session.h"
#include "sweep/sweep.h"

#define FS_CLI_SCENARIO_NOPTS 9

/* The --param values of a command that varies parameters (sweep,
   calibrate, nowcast), in the order given. */
typedef struct fs_cli_params {
  fs_sweep_param_arg arg[FS_DESIGN_MAX_PARAMS];
  int n;
} fs_cli_params;

/* The FS_OPT_LIST callback of --param: appends value to the fs_cli_params
   ctx; FS_EUSAGE past FS_DESIGN_MAX_PARAMS or for a text too long. */
int fs_cli_add_param(void *ctx, const char *value, fs_err *err);

/* MPI for a command that runs on the sweep machinery: started when the
   process was launched (mpirun, mpiexec, srun) with more than one rank,
   setting *rank, *size and *mpi (else 0, 1, 0). -1 to go on, or the exit
   status of a failure: 2 for a bad launcher variable (the usage of spec)
   or a build without MPI, 1 otherwise, with prog's message on the first
   rank only. */
int fs_cli_mpi_start(const char *prog, const fs_cmd_spec *spec, int *rank, int *size, int *mpi);

/* What the scenario options parse into. */
typedef struct fs_cli_scenario {
  fs_set sets[FS_MAX_SETS];
  int nsets;
  uint64_t seed;
  int seed_given;
  double scale;
  int64_t lua_mem_mib, lua_steps;
  const char *queue, *models, *portfolio;
  int list_params;
  /* help texts that show defaults */
  char help_mem[80], help_steps[80], help_queue[96], help_scale[80];
} fs_cli_scenario;

/* Sets so to the defaults and appends the scenario options, bound to so,
   at opts[*n] (room for FS_CLI_SCENARIO_NOPTS more), advancing *n. */
void fs_cli_scenario_opts(fs_cli_scenario *so, fs_opt *opts, int *n);

/* The session options of the parsed values for the scenario at path. */
void fs_cli_scenario_session(const fs_cli_scenario *so, const char *path, fs_session_opts *o);

/* --list-params: loads the scenario of o and prints its parameters (name,
   value in force, range, unit, description) to stdout. Returns the exit
   status: 0, 1 (the scenario failed to load; message prefixed by
   spec->prog) or 2 (a bad --set, with the usage line). */
int fs_cli_list_params(const fs_cmd_spec *spec, const fs_session_opts *o);

#endif
