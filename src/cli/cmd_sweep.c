/* cmd_sweep.c: `fleetsim sweep` (a design of parameter points times
   replications, on threads, MPI ranks or job-array shards) and `fleetsim
   merge` (shards into one sweep folder): options and messages; the sweep
   itself is src/sweep/. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/help.h"
#include "cli/common.h"
#include "cli/options.h"
#include "report/report.h"
#include "sweep/mpi.h"
#include "sweep/sweep.h"
#include "util/alloc.h"

typedef struct sweep_args {
  fs_cli_scenario so;
  fs_cli_params params;
  const char *out, *design, *resume, *shard_text;
  int64_t reps, threads, points, nboot;
  int quiet, no_report, fail_fast, no_oat, by_industry;
} sweep_args;

/* One process of a sweep: its MPI rank and what it is running. */
typedef struct sweep_run {
  int rank, size, mpi;
  fs_sweep_spec *s;
  fs_design dz;
  fs_sweep_rows rows;
  char dir[FS_PATH_MAX];
} sweep_run;

static void on_progress(void *ud, size_t done, size_t total) {
  fs_cli_progress_report(ud, (double) done, (double) total, "tasks");
}

/* The exit status of an error: usage errors (FS_EUSAGE) with the usage
   line, others with the message; only rank 0 speaks. */
static int fail(const fs_cmd_spec *spec, const sweep_run *r, const fs_err *err) {
  if (err->code == FS_EUSAGE) return r->rank == 0 ? fs_args_fail(spec, err) : 2;
  if (r->rank == 0) fs_cli_eprintf("fleetsim sweep: %s\n", err->msg);
  return 1;
}

/* --resume DIR alone takes the sweep from DIR/sweep.json: only how to run
   it may be given (whatever the spelling, -j4 included). */
static int spec_from_folder(sweep_run *r, const fs_cmd_spec *spec, const char *dir, fs_err *err) {
  static const char *const how[] = {"--threads",   "--shard", "--fail-fast",
                                    "--no-report", "--quiet", "--resume"};
  for (int i = 0; i < spec->nopts; i++) {
    if (!spec->given[i]) continue;
    int ok = 0;
    for (size_t k = 0; k < sizeof how / sizeof how[0]; k++)
      ok |= strcmp(spec->opts[i].name, how[k]) == 0;
    if (!ok)
      return fs_err_set(err, FS_EUSAGE,
                        "%s: --resume DIR alone takes the sweep from DIR/sweep.json; give the "
                        "whole command again with --resume, or only -j, --shard, --fail-fast, "
                        "--no-report, -q",
                        spec->opts[i].name);
  }
  int rc = fs_sweep_spec_read_dir(r->s, dir, err);
  if (rc == 0) rc = fs_sweep_check_inputs(r->s, err);
  if (rc == 0) rc = fs_path_fmt(r->dir, sizeof r->dir, err, "%s", dir);
  return rc;
}

/* The spec from the options, completed against the scenario. */
static int spec_from_options(sweep_run *r, const sweep_args *a, const char *scenario, fs_err *err) {
  fs_sweep_spec *s = r->s;
  if (a->resume && a->out && strcmp(a->resume, a->out) != 0)
    return fs_err_set(err, FS_EUSAGE, "--resume %s and -o %s name different folders", a->resume,
                      a->out);
  fs_session_opts so;
  fs_cli_scenario_session(&a->so, scenario, &so);
  int rc = fs_sweep_spec_set_scenario(s, &so, err);
  if (rc != 0) return rc;
  /* The parser admitted only the names of fs_design_kind_parse. */
  if (fs_design_kind_parse(a->design, &s->design) != 0)
    return fs_err_set(err, FS_EUSAGE, "--design: unknown design '%s'", a->design);
  s->n = a->points > 0 ? (size_t) a->points : fs_design_default_n(s->design);
  s->reps = (int) a->reps;
  s->oat = !a->no_oat;
  s->by_industry = a->by_industry;
  s->nboot = (int) a->nboot;
  if ((rc = fs_sweep_spec_complete(s, a->params.arg, a->params.n, err)) != 0) return rc;
  const char *dir = a->resume ? a->resume : a->out;
  if (dir) return fs_path_fmt(r->dir, sizeof r->dir, err, "%s", dir);
  return fs_path_fmt(r->dir, sizeof r->dir, err, "results/%s-sweep", s->name);
}

/* The runner's summary for the manifest. */
static void runner_json(char *buf, size_t cap, const fs_sweep_runner *run, int size,
                        const fs_sweep_stats *st) {
  snprintf(buf, cap,
           "{\"threads\": %d, \"mpi_ranks\": %d, \"tasks_run\": %zu, \"tasks_resumed\": %zu, "
           "\"task_seconds_mean\": %.6f, \"points_prepared\": %zu, \"fleets_reused\": %zu, "
           "\"mpi_tasks\": %zu, \"mpi_overhead_ms_per_task\": %.4f}",
           run->threads, size, st->done, st->resumed,
           st->done ? st->task_seconds / (double) st->done : 0, st->points_prepared,
           st->fleets_reused, st->mpi_tasks,
           st->mpi_tasks ? 1e3 * st->mpi_overhead_seconds / (double) st->mpi_tasks : 0);
}

/* Tables, manifest, report and the closing lines of a finished sweep or
   merge; the exit status (0, 1 when a table or the report could not be
   written, or 3 with failed tasks). */
static int finish(const char *prog, const char *dir, const fs_sweep_spec *s, const fs_design *dz,
                  const fs_sweep_rows *rows, const fs_sweep_manifest *m, int no_report, int quiet) {
  fs_err err = {0};
  size_t failed;
  if (fs_sweep_folder_finish(dir, s, dz, rows, m, &failed, &err) != 0) {
    fs_cli_eprintf("%s: %s\n", prog, err.msg);
    return 1;
  }
  int report = fs_report_for_run(dir, no_report, quiet, prog);
  if (!quiet)
    printf("%s: %zu tasks (%zu points x %d replications), %zu failed: %s/sweep.csv, points.csv, "
           "sensitivity.csv%s\n",
           prog, rows->ntasks, dz->npoints, s->reps, failed, dir,
           no_report || report ? "" : ", report.html");
  if (failed)
    fs_cli_eprintf("%s: %zu of %zu tasks failed; sweep.csv gives each one's error\n", prog, failed,
                   rows->ntasks);
  if (report)
    fs_cli_eprintf("%s: the tables in %s are complete but its report is not; `fleetsim report %s` "
                   "draws it again\n",
                   prog, dir, dir);
  return report ? 1 : failed ? 3 : 0;
}

/* What became of a run of this process's tasks; the exit status. */
static int conclude(sweep_run *r, const sweep_args *a, const fs_sweep_runner *run,
                    const fs_sweep_stats *st, int argc, char **argv) {
  char journal[128], runner[1024];
  fs_sweep_journal_name(run, journal, sizeof journal);
  if (st->interrupted) {
    fs_cli_eprintf(
        "fleetsim sweep: interrupted: %zu of %zu tasks are in %s/%s; continue with fleetsim "
        "sweep --resume %s\n",
        st->resumed + st->done, st->mine, r->dir, journal, r->dir);
    return 130;
  }
  if (st->stopped_on_failure) {
    fs_cli_eprintf(
        "fleetsim sweep: --fail-fast: %s\nfleetsim sweep: the finished tasks are in %s/%s; "
        "no tables written\n",
        st->first_failure, r->dir, journal);
    return 1;
  }
  if (run->shards > 1) {
    if (!a->quiet)
      printf("fleetsim sweep: shard %d/%d: %zu tasks (%zu run now, %zu failed) in %s/%s; when "
             "every shard has finished: fleetsim merge %s -o OUT\n",
             run->shard, run->shards, st->mine, st->done, st->failed, r->dir, journal, r->dir);
    return st->failed ? 3 : 0;
  }
  char *command = fs_cli_command_line("fleetsim sweep", argc, argv);
  if (!command) {
    fs_cli_eprintf("fleetsim sweep: out of memory\n");
    return 1;
  }
  runner_json(runner, sizeof runner, run, r->size, st);
  fs_sweep_manifest m = {command, runner, st->wall_seconds};
  int status = finish("fleetsim sweep", r->dir, r->s, &r->dz, &r->rows, &m, a->no_report, a->quiet);
  free(command);
  if (status != 1 && !a->quiet && r->mpi)
    printf("fleetsim sweep: %d ranks; %zu tasks on ranks 1..%d, MPI overhead %.3f ms per task\n",
           r->size, st->mpi_tasks, r->size - 1,
           st->mpi_tasks ? 1e3 * st->mpi_overhead_seconds / (double) st->mpi_tasks : 0.0);
  return status;
}

/* Runs the sweep of r (spec and folder ready); the exit status. */
static int execute(sweep_run *r, const sweep_args *a, int shard, int shards, int argc, char **argv,
                   fs_err *err) {
  fs_cli_progress pr = fs_cli_progress_start("fleetsim sweep");
  fs_sweep_runner run = {.dir = r->dir,
                         .threads = (int) a->threads,
                         .shard = shard,
                         .shards = shards,
                         .fail_fast = a->fail_fast,
                         .resume = a->resume != NULL,
                         .quiet = a->quiet,
                         .mpi_rank = r->rank,
                         .mpi_size = r->size,
                         .interrupt = &fs_cli_interrupted,
                         .progress = !a->quiet && r->rank == 0 ? on_progress : NULL,
                         .progress_ud = &pr};
  fs_sweep_stats st;
  int rc = fs_sweep_execute(r->s, &r->dz, &run, r->rank == 0 ? &r->rows : NULL, &st, err);
  if (r->rank != 0) {
    if (rc != 0) fs_cli_eprintf("fleetsim sweep: rank %d: %s\n", r->rank, err->msg);
    return rc != 0;
  }
  if (rc != 0) return -1;
  return conclude(r, a, &run, &st, argc, argv);
}

/* Everything after the options are parsed, on every rank. */
static int sweep(const fs_cmd_spec *spec, sweep_run *r, sweep_args *a, const char *scenario,
                 int argc, char **argv) {
  fs_err err = {0};
  int shard = 0, shards = 0, rc;
  if (a->threads < 0) a->threads = r->mpi ? 1 : fs_cli_cores();
  if (a->threads == 0 && !r->mpi)
    rc = fs_err_set(&err, FS_EUSAGE, "-j 0 (rank 0 only hands tasks out) needs an MPI run");
  else if ((rc = fs_sweep_shard_parse(a->shard_text, &shard, &shards, &err)) == 0 && r->mpi &&
           shards > 1)
    rc = fs_err_set(&err, FS_EUSAGE, "--shard (or a Slurm job array) and MPI ranks do not mix");
  else if (rc == 0 && a->resume && !scenario)
    rc = spec_from_folder(r, spec, a->resume, &err);
  else if (rc == 0 && !scenario)
    rc = fs_err_set(&err, FS_EUSAGE, "missing SCENARIO (or --resume DIR)");
  else if (rc == 0)
    rc = spec_from_options(r, a, scenario, &err);
  const fs_sweep_spec *s = r->s;
  if (rc == 0)
    rc = fs_design_build(&r->dz, s->design, s->params, s->d, s->n, s->oat, s->run_seed, &err);
  if (rc != 0) return fail(spec, r, &err);
  /* Rank 0 makes the folder ready; every rank learns whether it did. */
  int ready = 0;
  if (r->rank == 0) {
    rc = fs_sweep_folder_prepare(r->dir, s, 0, &err);
    if (rc == 0) rc = fs_sweep_rows_init(&r->rows, fs_sweep_ntasks(s, &r->dz), &err);
    ready = rc == 0 ? 1 : rc == FS_EUSAGE ? 2 : 3;
  }
  if (r->mpi) ready = fs_sweep_mpi_agree(ready);
  if (ready != 1) {
    err.code = ready == 2 ? FS_EUSAGE : FS_EINVAL;
    return fail(spec, r, &err);
  }
  int status = execute(r, a, shard, shards, argc, argv, &err);
  return status < 0 ? fail(spec, r, &err) : status;
}

int fs_cmd_sweep(int argc, char **argv) {
  sweep_args a = {.design = "grid", .reps = 1, .threads = -1, .nboot = FS_SWEEP_DEFAULT_BOOTSTRAP};
  fs_opt opts[FS_ARGS_MAX_OPTS];
  int nopts = 0;
  fs_cli_scenario_opts(&a.so, opts, &nopts);
  const fs_opt own[] = {
      {"--param", "-p", FS_OPT_LIST, "NAME[=LO:HI[:STEP]]",
       "sweep a scenario parameter (repeatable); the range defaults to the declared one", 0, 0,
       NULL, NULL, fs_cli_add_param, &a.params},
      {"--design", "-d", FS_OPT_CHOICE, "KIND", "grid|random|lhs|sobol|saltelli (grid)", 0, 0,
       fs_design_kind_names(), &a.design},
      {"--points", "-N", FS_OPT_INT, "N",
       "grid: levels per parameter without a STEP (5); random, lhs, sobol: points (64); "
       "saltelli: base samples, N x (d + 2) points (64)",
       1, FS_DESIGN_MAX_POINTS, NULL, &a.points},
      {"--replications", "-n", FS_OPT_INT, "R", "replications per point (1)", 1, FS_SWEEP_MAX_REPS,
       NULL, &a.reps},
      {"--threads", "-j", FS_OPT_INT, "J",
       "worker threads (default: all cores); under MPI, rank 0's own workers besides handing "
       "tasks out (default 1; 0: hand out only)",
       0, 1024, NULL, &a.threads},
      {"--by-industry", NULL, FS_OPT_FLAG, NULL, "add a loss column per industry", 0, 0, NULL,
       &a.by_industry},
      {"--no-oat", NULL, FS_OPT_FLAG, NULL, "leave out the one-at-a-time points (no tornado)", 0, 0,
       NULL, &a.no_oat},
      {"--bootstrap", NULL, FS_OPT_INT, "B", "bootstrap resamples of Sobol indices (1000)", 0,
       FS_SWEEP_MAX_BOOTSTRAP, NULL, &a.nboot},
      {"--output", "-o", FS_OPT_STRING, "DIR", "sweep folder (default results/<name>-sweep)", 0, 0,
       NULL, &a.out},
      {"--resume", NULL, FS_OPT_STRING, "DIR", "continue the sweep in DIR (after a kill)", 0, 0,
       NULL, &a.resume},
      {"--shard", NULL, FS_OPT_STRING, "I/N",
       "run shard I of N into DIR/tasks-shard-I-of-N.csv (default: Slurm's array variables)", 0, 0,
       NULL, &a.shard_text},
      {"--fail-fast", NULL, FS_OPT_FLAG, NULL, "stop at the first failed task", 0, 0, NULL,
       &a.fail_fast},
      {"--no-report", NULL, FS_OPT_FLAG, NULL, "no plots and no report.html", 0, 0, NULL,
       &a.no_report},
      {"--quiet", "-q", FS_OPT_FLAG, NULL, "print nothing but errors", 0, 0, NULL, &a.quiet},
  };
  for (size_t i = 0; i < sizeof own / sizeof own[0]; i++) opts[nopts++] = own[i];
  int given[FS_ARGS_MAX_OPTS] = {0};
  fs_cmd_spec spec = fs_cli_spec("fleetsim sweep", opts, nopts, 0, 1);
  spec.given = given;
  char *pos[1] = {NULL};
  fs_err err = {0};
  int npos;
  int rc = fs_args_parse(&spec, argc, argv, pos, &npos, &err);
  if (rc == 1) return 0;
  if (rc != 0) return fs_sweep_mpi_env_rank(NULL) > 0 ? 2 : fs_args_fail(&spec, &err);
  if (a.so.list_params) {
    if (npos == 0) {
      fs_err_set(&err, FS_EUSAGE, "--list-params needs the SCENARIO");
      return fs_args_fail(&spec, &err);
    }
    fs_session_opts so;
    fs_cli_scenario_session(&a.so, pos[0], &so);
    return fs_cli_list_params(&spec, &so);
  }
  /* MPI first: every rank parses the same arguments, rank 0 speaks. */
  sweep_run r = {.size = 1};
  int started = fs_cli_mpi_start("fleetsim sweep", &spec, &r.rank, &r.size, &r.mpi);
  if (started >= 0) return started;
  int status;
  if (!(r.s = fs_calloc(1, sizeof *r.s))) {
    fs_err_set(&err, FS_ENOMEM, "out of memory");
    status = fail(&spec, &r, &err);
  } else {
    status = sweep(&spec, &r, &a, npos ? pos[0] : NULL, argc, argv);
  }
  fs_sweep_rows_free(&r.rows);
  fs_design_free(&r.dz);
  free(r.s);
  if (r.mpi) fs_sweep_mpi_finalize();
  return status;
}

int fs_cmd_merge(int argc, char **argv) {
  const char *out = NULL;
  int quiet = 0, no_report = 0;
  const fs_opt opts[] = {
      {"--output", "-o", FS_OPT_STRING, "OUT", "the merged sweep folder (required)", 0, 0, NULL,
       &out},
      {"--no-report", NULL, FS_OPT_FLAG, NULL, "no plots and no report.html", 0, 0, NULL,
       &no_report},
      {"--quiet", "-q", FS_OPT_FLAG, NULL, "print nothing but errors", 0, 0, NULL, &quiet},
  };
  const fs_cmd_spec spec =
      fs_cli_spec("fleetsim merge", opts, (int) (sizeof opts / sizeof opts[0]), 1, 64);
  char *pos[64];
  int npos, rc = fs_cli_parse(&spec, argc, argv, pos, &npos);
  if (rc >= 0) return rc;
  fs_err err = {0};
  if (!out) {
    fs_err_set(&err, FS_EUSAGE, "-o OUT is required");
    return fs_args_fail(&spec, &err);
  }
  fs_sweep_merged *m = fs_calloc(1, sizeof *m);
  char *command = fs_cli_command_line("fleetsim merge", argc, argv);
  int status = 1;
  if (!m || !command)
    fs_cli_eprintf("fleetsim merge: out of memory\n");
  else if (fs_sweep_merge((const char *const *) pos, npos, out, m, &err) != 0)
    fs_cli_eprintf("fleetsim merge: %s\n", err.msg);
  else
    status =
        finish("fleetsim merge", out, &m->spec, &m->dz, &m->rows,
               &(fs_sweep_manifest){command, m->runner_json, m->wall_seconds}, no_report, quiet);
  if (m) fs_sweep_merged_free(m);
  free(m);
  free(command);
  return status;
}
