/* cmd_calibrate.c: `fleetsim calibrate`: options and messages; the
   calibration itself is src/calibrate/. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calibrate/calibrate.h"
#include "calibrate/report.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/help.h"
#include "cli/options.h"
#include "sweep/mpi.h"
#include "util/alloc.h"

static const char *const methods[] = {"history-matching", "abc-smc", NULL};

typedef struct cal_args {
  fs_cli_scenario so;
  fs_cli_params params;
  const char *observations, *method, *out, *shard_text;
  int64_t budget, waves, points, reps, threads, check;
  double cutoff, discrepancy, alpha;
  int resume, quiet, no_report;
  fs_cal_spec *spec; /* filled as the options are read (--exclude) */
} cal_args;

/* The method's sizes from the options: history matching runs waves x
   points (--budget divides into the waves); ABC-SMC runs populations of
   --points until --budget simulations (--waves: at most that many
   generations, 0 none). */
static int sizes(const cal_args *a, const int *given, int iw, int ip, int ib, fs_cal_spec *s,
                 fs_err *err) {
  s->method = strcmp(a->method, "abc-smc") == 0 ? FS_CAL_ABC : FS_CAL_HM;
  s->waves = (int) a->waves;
  s->points = (int) a->points;
  s->budget = (int) a->budget;
  if (s->method == FS_CAL_HM) {
    if (!given[iw]) s->waves = 3;
    if (given[ib] && given[ip] && a->budget != s->waves * a->points)
      return fs_err_set(err, FS_EUSAGE,
                        "--budget %d is not --waves %d x --points %d: give two of the three",
                        s->budget, s->waves, s->points);
    if (given[ib] && !given[ip]) s->points = s->budget / s->waves;
    if (!given[ib] && !given[ip]) s->points = 64;
    if (s->waves > FS_CAL_MAX_WAVES || s->waves < 1)
      return fs_err_set(err, FS_EUSAGE, "--waves: 1 to %d for history matching", FS_CAL_MAX_WAVES);
    s->budget = s->waves * s->points;
  } else {
    if (!given[iw]) s->waves = 0;
    if (!given[ip]) s->points = 64;
    if (!given[ib]) s->budget = 16 * s->points;
    if (s->budget < s->points)
      return fs_err_set(err, FS_EUSAGE, "--budget %d: less than one population (--points %d)",
                        s->budget, s->points);
  }
  if (s->points < 8)
    return fs_err_set(err, FS_EUSAGE,
                      "--points %d: at least 8 (history matching: per wave; ABC: "
                      "the population)",
                      s->points);
  return 0;
}

/* The index of option name in spec (it is there). */
static int opt_index(const fs_cmd_spec *spec, const char *name) {
  for (int i = 0; i < spec->nopts; i++)
    if (strcmp(spec->opts[i].name, name) == 0) return i;
  return 0;
}

static int add_exclude(void *ctx, const char *value, fs_err *err) {
  fs_cal_spec *s = ((cal_args *) ctx)->spec;
  if (s->nexclude == FS_OBS_MAX)
    return fs_err_set(err, FS_EUSAGE, "at most %d --exclude", FS_OBS_MAX);
  if (strlen(value) >= sizeof s->exclude[0])
    return fs_err_set(err, FS_EUSAGE, "--exclude %.40s...: too long", value);
  snprintf(s->exclude[s->nexclude++], sizeof s->exclude[0], "%s", value);
  return 0;
}

static int set_library(void *ctx, const char *value, fs_err *err) {
  fs_cal_spec *s = ((cal_args *) ctx)->spec;
  return fs_path_fmt(s->library, sizeof s->library, err, "%s", value) == 0 ? 0 : FS_EUSAGE;
}

static int run(const fs_cmd_spec *spec, cal_args *a, const int *given, const char *scenario,
               int rank, int size, int argc, char **argv) {
  fs_err err = {0};
  fs_cal_spec *s = a->spec;
  fs_obs_set *obs = fs_calloc(1, sizeof *obs);
  char *command = fs_cli_command_line("fleetsim calibrate", argc, argv);
  char out[FS_PATH_MAX];
  int shard = 0, shards = 0, pending = 0, rc = s && obs && command ? 0 : FS_ENOMEM;
  int iw = opt_index(spec, "--waves"), ip = opt_index(spec, "--points"),
      ib = opt_index(spec, "--budget");
  if (rc == FS_ENOMEM) fs_err_set(&err, FS_ENOMEM, "out of memory");
  if (rc == 0 && !scenario) rc = fs_err_set(&err, FS_EUSAGE, "missing SCENARIO");
  if (rc == 0 && !a->observations)
    rc = fs_err_set(&err, FS_EUSAGE, "--observations FILE is required");
  if (rc == 0 && a->params.n == 0)
    rc = fs_err_set(&err, FS_EUSAGE, "no --param: name the parameters to calibrate");
  if (rc == 0) rc = fs_sweep_shard_parse(a->shard_text, &shard, &shards, &err);
  if (rc == 0 && shards > 1 && size > 1)
    rc = fs_err_set(&err, FS_EUSAGE, "--shard (or a Slurm job array) and MPI ranks do not mix");
  if (rc == 0) rc = sizes(a, given, iw, ip, ib, s, &err);
  if (rc == 0) {
    s->cutoff = a->cutoff;
    s->discrepancy = a->discrepancy;
    s->alpha = a->alpha;
    s->check = (int) a->check;
    s->sweep.reps = (int) a->reps;
    fs_session_opts so;
    fs_cli_scenario_session(&a->so, scenario, &so);
    rc = fs_cal_spec_build(s, &so, a->params.arg, a->params.n, a->observations, obs, &err);
  }
  if (rc == 0)
    rc = a->out ? fs_path_fmt(out, sizeof out, &err, "%s", a->out)
                : fs_path_fmt(out, sizeof out, &err, "results/%s-calibrate", s->sweep.name);
  fs_cal_opts o = {.threads = (int) a->threads,
                   .shard = shard,
                   .shards = shards,
                   .resume = a->resume,
                   .quiet = a->quiet || rank > 0,
                   .no_report = a->no_report,
                   .mpi_rank = rank,
                   .mpi_size = size,
                   .out = out,
                   .command = command,
                   .interrupt = &fs_cli_interrupted};
  if (rc == 0) rc = fs_calibrate_run(s, obs, &o, &pending, &err);
  int report = 0;
  if (rc == 0 && !pending && rank == 0 && !a->no_report) {
    fs_err e2 = {0};
    if (fs_calibrate_report(out, &e2) != 0) {
      fs_cli_eprintf("fleetsim calibrate: the tables in %s are complete but not its report: %s\n",
                     out, e2.msg);
      report = 1;
    }
  }
  if (rc == 0 && !pending && rank == 0 && !a->quiet)
    printf("fleetsim calibrate: %s: posterior.csv, posterior_summary.csv, ppc.csv, %s%s\n", out,
           s->method == FS_CAL_HM ? "waves.csv, emulators.csv" : "generations.csv",
           a->no_report || report ? "" : ", calibration.html");
  free(command);
  free(obs);
  if (rc == FS_EUSAGE) return rank == 0 ? fs_args_fail(spec, &err) : 2;
  if (rc == FS_EINTR) {
    if (rank == 0) fs_cli_eprintf("fleetsim calibrate: %s\n", err.msg);
    return 130;
  }
  if (rc != 0) {
    if (rank == 0) fs_cli_eprintf("fleetsim calibrate: %s\n", err.msg);
    return 1;
  }
  return report;
}

/* After the options are defined: parse, then list the parameters or run
   (on every MPI rank); the exit status. */
static int cmd(fs_cmd_spec *spec, cal_args *a, int argc, char **argv, char **pos, int *npos,
               fs_err *err) {
  int rc = fs_args_parse(spec, argc, argv, pos, npos, err);
  if (rc == 1) return 0;
  if (rc != 0) return fs_sweep_mpi_env_rank(NULL) > 0 ? 2 : fs_args_fail(spec, err);
  if (a->so.list_params) {
    if (*npos == 0) {
      fs_err_set(err, FS_EUSAGE, "--list-params needs the SCENARIO");
      return fs_args_fail(spec, err);
    }
    fs_session_opts so;
    fs_cli_scenario_session(&a->so, pos[0], &so);
    return fs_cli_list_params(spec, &so);
  }
  int rank, size, mpi, started = fs_cli_mpi_start("fleetsim calibrate", spec, &rank, &size, &mpi);
  if (started >= 0) return started;
  if (a->threads < 0) a->threads = mpi ? 1 : fs_cli_cores();
  if (a->threads == 0 && !mpi) a->threads = 1;
  int status = run(spec, a, spec->given, *npos ? pos[0] : NULL, rank, size, argc, argv);
  if (mpi) fs_sweep_mpi_finalize();
  return status;
}

int fs_cmd_calibrate(int argc, char **argv) {
  cal_args a = {.method = "history-matching",
                .reps = 1,
                .threads = -1,
                .cutoff = 3,
                .discrepancy = 1,
                .alpha = 0.5,
                .check = 32};
  if (!(a.spec = fs_calloc(1, sizeof *a.spec))) {
    fs_cli_eprintf("fleetsim calibrate: out of memory\n");
    return 1;
  }
  fs_opt opts[FS_ARGS_MAX_OPTS];
  int nopts = 0;
  fs_cli_scenario_opts(&a.so, opts, &nopts);
  const fs_opt own[] = {
      {"--observations", NULL, FS_OPT_STRING, "FILE",
       "the record to fit: an observation file of the history library (EVENT.obs.lua)", 0, 0, NULL,
       &a.observations},
      {"--param", "-p", FS_OPT_LIST, "NAME=LO:HI",
       "a scenario parameter to calibrate over LO..HI (repeatable; within its declared range)", 0,
       0, NULL, NULL, fs_cli_add_param, &a.params},
      {"--method", NULL, FS_OPT_CHOICE, "M", "history-matching|abc-smc (history-matching)", 0, 0,
       methods, &a.method},
      {"--budget", NULL, FS_OPT_INT, "N",
       "simulated points (history matching: waves x points, 192; ABC: 16 populations)", 1,
       FS_CAL_MAX_BUDGET, NULL, &a.budget},
      {"--waves", NULL, FS_OPT_INT, "W",
       "history matching: waves (3); ABC: at most W generations (default: until the budget)", 0,
       FS_CAL_MAX_GENERATIONS, NULL, &a.waves},
      {"--points", NULL, FS_OPT_INT, "P", "points per wave, or the ABC population (64)", 1,
       FS_CAL_MAX_SAMPLES, NULL, &a.points},
      {"--replications", "-n", FS_OPT_INT, "R", "replications per point (1)", 1, 100, NULL,
       &a.reps},
      {"--exclude", NULL, FS_OPT_LIST, "ID",
       "leave observation ID out of the fit (repeatable); the predictive check still shows it", 0,
       0, NULL, NULL, add_exclude, &a},
      {"--library", NULL, FS_OPT_LIST, "DIR",
       "also run the other events of this history library for the predictive check", 0, 0, NULL,
       NULL, set_library, &a},
      {"--cutoff", NULL, FS_OPT_DOUBLE, "C", "implausibility cut-off (3)", 0.5, 10, NULL,
       &a.cutoff},
      {"--discrepancy", NULL, FS_OPT_DOUBLE, "D",
       "model discrepancy sd, as a multiple of each observation's own sd (1)", 0, 100, NULL,
       &a.discrepancy},
      {"--alpha", NULL, FS_OPT_DOUBLE, "A",
       "ABC: the next tolerance is this quantile of the last distances (0.5)", 0.05, 0.95, NULL,
       &a.alpha},
      {"--check", NULL, FS_OPT_INT, "K",
       "posterior samples simulated for the predictive check (32)", 0, 10000, NULL, &a.check},
      {"--threads", "-j", FS_OPT_INT, "J", "worker threads (default: all cores)", 0, 1024, NULL,
       &a.threads},
      {"--output", "-o", FS_OPT_STRING, "DIR", "calibration folder (results/<name>-calibrate)", 0,
       0, NULL, &a.out},
      {"--resume", NULL, FS_OPT_FLAG, NULL, "continue the calibration in -o DIR (after a kill)", 0,
       0, NULL, &a.resume},
      {"--shard", NULL, FS_OPT_STRING, "I/N",
       "run shard I of N of the current stage (default: Slurm's array variables)", 0, 0, NULL,
       &a.shard_text},
      {"--no-report", NULL, FS_OPT_FLAG, NULL, "no plots and no calibration.html", 0, 0, NULL,
       &a.no_report},
      {"--quiet", "-q", FS_OPT_FLAG, NULL, "print nothing but errors", 0, 0, NULL, &a.quiet},
  };
  for (size_t i = 0; i < sizeof own / sizeof own[0]; i++) opts[nopts++] = own[i];
  int given[FS_ARGS_MAX_OPTS] = {0};
  fs_cmd_spec spec = fs_cli_spec("fleetsim calibrate", opts, nopts, 0, 1);
  spec.given = given;
  char *pos[1] = {NULL};
  fs_err err = {0};
  int npos, status = cmd(&spec, &a, argc, argv, pos, &npos, &err);
  free(a.spec);
  return status;
}
