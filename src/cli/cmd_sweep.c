/* cmd_sweep.c: `fleetsim sweep` (a design of parameter points times
   replications, on threads, MPI ranks or job-array shards) and `fleetsim
   merge` (shards into one sweep folder). */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "fs_config.h"
#include "report/report.h"
#include "sweep/mpi.h"
#include "sweep/sweep.h"
#include "util/fsutil.h"
#include "util/json.h"
#include "util/alloc.h"
#include "util/clock.h"

/* Repeated --param options. */
typedef struct param_list {
  fs_sweep_param_arg a[FS_DESIGN_MAX_PARAMS];
  int n;
} param_list;

static int add_param(void *ctx, const char *value, fs_err *err) {
  param_list *l = ctx;
  if (l->n == FS_DESIGN_MAX_PARAMS)
    return fs_err_set(err, FS_EUSAGE, "at most %d --param", FS_DESIGN_MAX_PARAMS);
  if (strlen(value) >= sizeof l->a[0].text)
    return fs_err_set(err, FS_EUSAGE, "--param %.40s...: too long", value);
  snprintf(l->a[l->n++].text, sizeof l->a[0].text, "%s", value);
  return 0;
}

static void on_term(int sig) {
  (void) sig;
  fs_cli_interrupted = 1;
}

static void on_progress(void *ud, size_t done, size_t total) {
  fs_cli_progress_report(ud, (double) done, (double) total, "tasks");
}

static void join_command(char *buf, size_t cap, const char *prog, int argc, char **argv) {
  snprintf(buf, cap, "%s", prog);
  for (int i = 0; i < argc; i++) {
    size_t n = strlen(buf);
    snprintf(buf + n, cap - n, " %s", argv[i]);
  }
}

/* --shard I/N, or a Slurm job array's SLURM_ARRAY_TASK_ID / _COUNT / _MIN. */
static int parse_shard(const char *text, int *shard, int *shards, fs_err *err) {
  *shard = *shards = 0;
  if (text) {
    int i, n, used = 0;
    if (sscanf(text, "%d/%d%n", &i, &n, &used) != 2 || text[used] || n < 1 || i < 1 || i > n)
      return fs_err_set(err, FS_EUSAGE, "--shard: expected I/N with 1 <= I <= N (got '%s')", text);
    *shard = i;
    *shards = n;
    return 0;
  }
  const char *id = getenv("SLURM_ARRAY_TASK_ID"), *count = getenv("SLURM_ARRAY_TASK_COUNT");
  if (!id || !count) return 0;
  const char *min = getenv("SLURM_ARRAY_TASK_MIN");
  long i = strtol(id, NULL, 10), n = strtol(count, NULL, 10), lo = min ? strtol(min, NULL, 10) : 0;
  long k = i - lo + 1;
  if (n < 1 || k < 1 || k > n)
    return fs_err_set(err, FS_EUSAGE,
                      "SLURM_ARRAY_TASK_ID=%s with SLURM_ARRAY_TASK_MIN=%s and "
                      "SLURM_ARRAY_TASK_COUNT=%s: not a shard of 1..%ld (sweeps need a "
                      "contiguous array such as --array=0-%ld)",
                      id, min ? min : "(unset)", count, n, n - 1);
  *shard = (int) k;
  *shards = (int) n;
  return 0;
}

/* Whether dir holds nothing but sweep.json files being written (another
   shard's .sweep.json.PID.tmp). */
static int empty_or_starting(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) return 0;
  int ok = 1;
  for (struct dirent *e; ok && (e = readdir(d)) != NULL;)
    if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 &&
        strncmp(e->d_name, ".sweep.json.", 12) != 0)
      ok = 0;
  closedir(d);
  return ok;
}

/* The sweep folder: created with sweep.json, or an existing one whose
   sweep.json is this sweep's. (--resume with the whole command may create
   it: a job array's first run and its requeued runs share one command.) */
/* dir/sweep.json (at path) is this sweep's. */
static int same_sweep(const char *dir, const char *path, const fs_sweep_spec *s, fs_err *err) {
  fs_sweep_spec old;
  int rc = fs_sweep_spec_read(&old, path, err);
  if (rc != 0) return rc;
  uint64_t a = fs_sweep_spec_fingerprint(&old), b = fs_sweep_spec_fingerprint(s);
  if (a != b)
    return fs_err_set(err, FS_EUSAGE,
                      "%s holds another sweep (sweep.json fingerprint %016" PRIx64
                      ", this command's %016" PRIx64 "); choose another -o",
                      dir, a, b);
  return 0;
}

static int prepare_dir(const char *dir, const fs_sweep_spec *s, int resume, fs_err *err) {
  char path[4200];
  snprintf(path, sizeof path, "%s/sweep.json", dir);
  struct stat sb;
  if (stat(path, &sb) == 0) return same_sweep(dir, path, s, err);
  if (resume) return fs_err_set(err, FS_EUSAGE, "--resume %s: no sweep.json there", dir);
  if (stat(dir, &sb) == 0) {
    if (!S_ISDIR(sb.st_mode)) return fs_err_set(err, FS_EUSAGE, "-o %s: not a folder", dir);
    /* Only an empty folder becomes a sweep folder. Shards of a job array
       that start together may be writing its sweep.json right now, or have
       written it (it comes before any other file) since we looked. */
    if (!empty_or_starting(dir)) {
      if (stat(path, &sb) == 0) return same_sweep(dir, path, s, err);
      return fs_err_set(err, FS_EUSAGE,
                        "-o %s: the folder exists and is not a sweep folder (no sweep.json); "
                        "choose another -o",
                        dir);
    }
  }
  int rc = fs_mkdirs(dir, err);
  if (rc != 0) return rc;
  FILE *f = fs_out_open_tmp(dir, "sweep.json", err);
  if (!f) return FS_EIO;
  fs_sweep_spec_write(s, f, err);
  return fs_out_commit_tmp(f, dir, "sweep.json", err);
}

static void json_kv_num(FILE *f, const char *key, double v, int last) {
  fprintf(f, "  \"%s\": ", key);
  fs_json_num(f, v);
  fputs(last ? "\n" : ",\n", f);
}

/* manifest.json of a finished sweep folder. */
static int write_manifest(const char *dir, const fs_sweep_spec *s, const fs_design *dz,
                          const char *command, const char *runner_json, size_t failed, double wall,
                          fs_err *err) {
  FILE *f = fs_out_open_tmp(dir, "manifest.json", err);
  if (!f) return FS_EIO;
  fprintf(f, "{\n  \"fleetsim\": \"%s\",\n  \"kind\": \"sweep\",\n  \"command\": ", FS_VERSION);
  fs_json_str(f, command);
  fputs(",\n  \"scenario\": {\"path\": ", f);
  fs_json_str(f, s->scenario);
  fputs(", \"name\": ", f);
  fs_json_str(f, s->name);
  fprintf(f, ", \"hash\": \"%016" PRIx64 "\"},\n", s->scenario_hash);
  fprintf(f,
          "  \"design\": \"%s\",\n  \"n\": %zu,\n  \"points\": %zu,\n  \"design_points\": %zu,\n",
          fs_design_kind_name(s->design), s->n, dz->npoints, dz->ndesign);
  fprintf(f, "  \"replications\": %d,\n  \"tasks\": %zu,\n  \"seed\": \"%" PRIu64 "\",\n", s->reps,
          fs_sweep_ntasks(s, dz), s->run_seed);
  json_kv_num(f, "scale", s->scale, 0);
  fprintf(f, "  \"oat\": %s,\n  \"bootstrap\": %d,\n  \"portfolio\": ", s->oat ? "true" : "false",
          s->nboot);
  if (s->portfolio[0])
    fs_json_str(f, s->portfolio);
  else
    fputs("null", f);
  fputs(",\n  \"params\": [\n", f);
  fs_sweep_params_json(s, f);
  fputs("  ],\n  \"outputs\": [", f);
  for (int k = 0; k < s->noutputs; k++) {
    if (k) fputs(", ", f);
    fs_json_str(f, s->outputs[k]);
  }
  fputs("],\n  \"primary_output\": ", f);
  fs_json_str(f, s->outputs[s->primary]);
  fprintf(f, ",\n  \"failed_tasks\": %zu,\n  \"fingerprint\": \"%016" PRIx64 "\",\n", failed,
          fs_sweep_spec_fingerprint(s));
  fprintf(f, "  \"runner\": %s,\n", runner_json);
  json_kv_num(f, "wall_seconds", wall, 1);
  fputs("}\n", f);
  return fs_out_commit_tmp(f, dir, "manifest.json", err);
}

/* The tables, the manifest and the report of a complete set of rows. */
static int finish(const char *dir, const fs_sweep_spec *s, const fs_design *dz,
                  const fs_sweep_rows *rows, const char *command, const char *runner_json,
                  double wall, int no_report, int quiet, const char *prog, fs_err *err) {
  size_t failed = 0;
  for (size_t t = 0; t < rows->ntasks; t++) failed += (size_t) fs_sweep_row_failed(s, rows->row[t]);
  int rc = fs_sweep_write_tables(dir, s, dz, rows, err);
  if (rc == 0) rc = write_manifest(dir, s, dz, command, runner_json, failed, wall, err);
  if (rc != 0) return rc;
  fs_report_for_run(dir, no_report, quiet, prog);
  if (!quiet)
    printf("%s: %zu tasks (%zu points x %d replications), %zu failed: %s/sweep.csv, points.csv, "
           "sensitivity.csv%s\n",
           prog, rows->ntasks, dz->npoints, s->reps, failed, dir, no_report ? "" : ", report.html");
  if (failed)
    fprintf(stderr, "%s: %zu of %zu tasks failed; sweep.csv gives each one's error\n", prog, failed,
            rows->ntasks);
  return 0;
}

static const char *const design_choices[] = {"grid", "random", "lhs", "sobol", "saltelli", NULL};
static const char *const queue_choices[] = {"heap", "ladder", "calendar", NULL};

int fs_cmd_sweep(int argc, char **argv) {
  fs_set_list sets = {0};
  param_list params = {0};
  uint64_t seed = 0;
  double scale = 1.0;
  const char *out = NULL, *queue = "ladder", *models = NULL, *portfolio = NULL, *design = "grid";
  const char *resume = NULL, *shard_text = NULL;
  int64_t lua_mem = 256, lua_steps = 200000000, reps = 1, threads = -1, points = 0, nboot = 1000;
  int quiet = 0, no_report = 0, fail_fast = 0, no_oat = 0, by_industry = 0, list_params = 0;
  const fs_opt opts[] = {
      {"--param", "-p", FS_OPT_LIST, "NAME[=LO:HI[:STEP]]",
       "sweep a scenario parameter (repeatable); the range defaults to the declared one", 0, 0,
       NULL, NULL, add_param, &params},
      {"--design", "-d", FS_OPT_CHOICE, "KIND", "grid|random|lhs|sobol|saltelli (grid)", 0, 0,
       design_choices, &design},
      {"--points", "-N", FS_OPT_INT, "N",
       "grid: levels per parameter without a STEP (5); random, lhs, sobol: points (64); "
       "saltelli: base samples, N x (d + 2) points (64)",
       1, 1e7, NULL, &points},
      {"--replications", "-n", FS_OPT_INT, "R", "replications per point (1)", 1, 1e6, NULL, &reps},
      {"--threads", "-j", FS_OPT_INT, "J",
       "worker threads (default: all cores); under MPI, rank 0's own workers besides handing "
       "tasks out (default 1; 0: hand out only)",
       0, 1024, NULL, &threads},
      {"--seed", NULL, FS_OPT_UINT64, "S", "random seed (default: the scenario's)", 0, 0, NULL,
       &seed},
      {"--set", NULL, FS_OPT_LIST, "NAME=VALUE", "fix a scenario parameter (repeatable)", 0, 0,
       NULL, NULL, fs_cli_add_set, &sets},
      {"--scale", NULL, FS_OPT_DOUBLE, "F", "simulate a sample fraction F of the endpoints", 1e-6,
       1, NULL, &scale},
      {"--portfolio", NULL, FS_OPT_STRING, "FILE", "policy portfolio CSV: insured losses", 0, 0,
       NULL, &portfolio},
      {"--by-industry", NULL, FS_OPT_FLAG, NULL, "add a loss column per industry", 0, 0, NULL,
       &by_industry},
      {"--no-oat", NULL, FS_OPT_FLAG, NULL, "leave out the one-at-a-time points (no tornado)", 0, 0,
       NULL, &no_oat},
      {"--bootstrap", NULL, FS_OPT_INT, "B", "bootstrap resamples of Sobol indices (1000)", 0, 1e6,
       NULL, &nboot},
      {"--output", "-o", FS_OPT_STRING, "DIR", "sweep folder (default results/<name>-sweep)", 0, 0,
       NULL, &out},
      {"--resume", NULL, FS_OPT_STRING, "DIR", "continue the sweep in DIR (after a kill)", 0, 0,
       NULL, &resume},
      {"--shard", NULL, FS_OPT_STRING, "I/N",
       "run shard I of N into DIR/tasks-shard-I-of-N.csv (default: Slurm's array variables)", 0, 0,
       NULL, &shard_text},
      {"--fail-fast", NULL, FS_OPT_FLAG, NULL, "stop at the first failed task", 0, 0, NULL,
       &fail_fast},
      {"--lua-mem", NULL, FS_OPT_INT, "MIB", "memory limit of the scenario script (256)", 1,
       1 << 20, NULL, &lua_mem},
      {"--lua-steps", NULL, FS_OPT_INT, "N", "instruction limit per script phase (2e8)", 1000, 1e15,
       NULL, &lua_steps},
      {"--queue", NULL, FS_OPT_CHOICE, "KIND", "pending-event set: heap|ladder|calendar", 0, 0,
       queue_choices, &queue},
      {"--models", NULL, FS_OPT_STRING, "DIR", "models folder (default: the built-in one)", 0, 0,
       NULL, &models},
      {"--list-params", NULL, FS_OPT_FLAG, NULL,
       "print the scenario's parameters (names, values, ranges, units) and exit", 0, 0, NULL,
       &list_params},
      {"--no-report", NULL, FS_OPT_FLAG, NULL, "no plots and no report.html", 0, 0, NULL,
       &no_report},
      {"--quiet", "-q", FS_OPT_FLAG, NULL, "print nothing but errors", 0, 0, NULL, &quiet},
  };
  const fs_cmd_spec spec = {
      "fleetsim sweep",
      "SCENARIO --param NAME[=LO:HI[:STEP]]... [options] | --resume DIR [options]",
      "Run a scenario over a design of parameter points, R replications each.",
      "Task t is replication t % R of point t / R; replication r draws stream r of the\n"
      "seed at every point (common random numbers). Each finished task is appended to\n"
      "DIR/tasks.csv and flushed; at the end DIR gets sweep.csv (one row per task),\n"
      "points.csv (mean, sd, p05, p50, p95 per point), sensitivity.csv (one-at-a-time\n"
      "swings; Sobol S1/ST with --design saltelli), manifest.json, plots/ and\n"
      "report.html. The bytes of sweep.csv and points.csv do not depend on -j, MPI\n"
      "ranks or shards. MPI: mpirun -np N fleetsim sweep ... (a build with\n"
      "-Dmpi=enabled). Job arrays: --shard I/N (or Slurm's SLURM_ARRAY_TASK_*) writes\n"
      "DIR/tasks-shard-I-of-N.csv; 'fleetsim merge DIR -o OUT' gathers the shards.\n"
      "--resume DIR runs only the tasks not finished (failed ones again).\n"
      "Exit status: 0 done, 1 run-time failure, 2 usage error, 3 done with failed\n"
      "tasks, 130 interrupted (resume with --resume DIR).",
      opts,
      (int) (sizeof opts / sizeof opts[0]),
      0,
      1};
  fs_err err = {0};
  char *pos[1];
  int npos;
  int rc = fs_args_parse(&spec, argc, argv, pos, &npos, &err);
  if (rc == 1) return 0;
  if (rc != 0) return fs_sweep_mpi_env_rank() > 0 ? 2 : fs_args_fail(&spec, &err);
  if (list_params) {
    if (npos == 0) {
      fs_err_set(&err, FS_EUSAGE, "--list-params needs the SCENARIO");
      return fs_args_fail(&spec, &err);
    }
    fs_load_opts lo = {.path = pos[0],
                       .models_dir = models,
                       .limits = {(size_t) lua_mem << 20, (uint64_t) lua_steps},
                       .sets = sets.sets,
                       .nsets = sets.n};
    return fs_cli_list_params(&spec, &lo);
  }

  /* MPI first: every rank parses the same arguments, rank 0 speaks. */
  int rank = 0, size = 1, mpi = 0;
  if (fs_sweep_mpi_launched() && fs_sweep_mpi_env_size() != 1) {
    if (fs_sweep_mpi_init(NULL, NULL, &rank, &size, &err) != 0) {
      if (fs_sweep_mpi_env_rank() == 0) fprintf(stderr, "fleetsim sweep: %s\n", err.msg);
      return err.code == FS_EUSAGE ? 2 : 1;
    }
    mpi = 1;
  }
  int status = 0;
#define FAIL_USAGE()                                                                               \
  do {                                                                                             \
    status = rank == 0 ? fs_args_fail(&spec, &err) : 2;                                            \
    goto end;                                                                                      \
  } while (0)
#define FAIL(code)                                                                                 \
  do {                                                                                             \
    if (rank == 0) fprintf(stderr, "fleetsim sweep: %s\n", err.msg);                               \
    status = (code);                                                                               \
    goto end;                                                                                      \
  } while (0)

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_term;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, NULL);

  fs_sweep_spec *s = fs_calloc(1, sizeof *s);
  fs_design dz = {0};
  fs_sweep_rows rows = {0};
  char dir[4096] = "";
  if (!s) {
    fs_err_set(&err, FS_ENOMEM, "out of memory");
    FAIL(1);
  }
  if (threads < 0) {
    long nc = sysconf(_SC_NPROCESSORS_ONLN);
    threads = mpi ? 1 : nc > 0 ? nc : 1;
  } else if (threads == 0 && !mpi) {
    fs_err_set(&err, FS_EUSAGE, "-j 0 (rank 0 only hands tasks out) needs an MPI run");
    FAIL_USAGE();
  }
  int shard = 0, shards = 0;
  if (parse_shard(shard_text, &shard, &shards, &err) != 0) FAIL_USAGE();
  if (mpi && shards > 1) {
    fs_err_set(&err, FS_EUSAGE, "--shard (or a Slurm job array) and MPI ranks do not mix");
    FAIL_USAGE();
  }
  if (resume && npos == 0) {
    /* The sweep comes from DIR/sweep.json; only how to run it is given. */
    static const char *const fixed[] = {
        "--param",        "-p",       "--design",    "-d",        "--points",    "-N",
        "--replications", "-n",       "--seed",      "--set",     "--scale",     "--portfolio",
        "--by-industry",  "--no-oat", "--bootstrap", "--lua-mem", "--lua-steps", "--queue",
        "--models",       "-o",       "--output"};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
      if (fs_cli_has_option(argc, argv, fixed[i])) {
        fs_err_set(&err, FS_EUSAGE,
                   "%s: --resume DIR alone takes the sweep from DIR/sweep.json; give the whole "
                   "command again with --resume, or only -j, --shard, --fail-fast, --no-report, -q",
                   fixed[i]);
        FAIL_USAGE();
      }
    char path[4200];
    snprintf(path, sizeof path, "%s/sweep.json", resume);
    if (fs_sweep_spec_read(s, path, &err) != 0) FAIL(1);
    if (fs_sweep_check_inputs(s, &err) != 0) FAIL(1);
    snprintf(dir, sizeof dir, "%s", resume);
  } else {
    if (npos == 0) {
      fs_err_set(&err, FS_EUSAGE, "missing SCENARIO (or --resume DIR)");
      FAIL_USAGE();
    }
    if (resume && out && strcmp(resume, out) != 0) {
      fs_err_set(&err, FS_EUSAGE, "--resume %s and -o %s name different folders", resume, out);
      FAIL_USAGE();
    }
    snprintf(s->scenario, sizeof s->scenario, "%s", pos[0]);
    if (models) snprintf(s->models_dir, sizeof s->models_dir, "%s", models);
    if (portfolio) snprintf(s->portfolio, sizeof s->portfolio, "%s", portfolio);
    s->scale = scale;
    s->has_seed = fs_cli_has_option(argc, argv, "--seed");
    s->seed = seed;
    memcpy(s->sets, sets.sets, sizeof sets.sets);
    s->nsets = sets.n;
    s->lua_mem_mib = lua_mem;
    s->lua_steps = lua_steps;
    snprintf(s->queue, sizeof s->queue, "%s", queue);
    fs_design_kind_parse(design, &s->design);
    s->n = points > 0 ? (size_t) points : s->design == FS_DESIGN_GRID ? 5 : 64;
    s->reps = (int) reps;
    s->oat = !no_oat;
    s->by_industry = by_industry;
    s->nboot = (int) nboot;
    rc = fs_sweep_spec_complete(s, params.a, params.n, &err);
    if (rc == FS_EUSAGE) FAIL_USAGE();
    if (rc != 0) FAIL(1);
    if (resume)
      snprintf(dir, sizeof dir, "%s", resume);
    else if (out)
      snprintf(dir, sizeof dir, "%s", out);
    else
      snprintf(dir, sizeof dir, "results/%s-sweep", s->name);
  }
  rc = fs_design_build(&dz, s->design, s->params, s->d, s->n, s->oat, s->run_seed, &err);
  if (rc == FS_EUSAGE) FAIL_USAGE();
  if (rc != 0) FAIL(1);
  size_t ntasks = fs_sweep_ntasks(s, &dz);

  /* Rank 0 makes the folder ready; every rank learns whether it did. */
  int ready = 0;
  if (rank == 0) {
    rc = prepare_dir(dir, s, 0, &err);
    if (rc == 0) rc = fs_sweep_rows_init(&rows, ntasks, &err);
    ready = rc == 0 ? 1 : rc == FS_EUSAGE ? 2 : 3;
  }
  if (mpi) ready = fs_sweep_mpi_agree(ready);
  if (ready == 2) FAIL_USAGE();
  if (ready == 3) FAIL(1);

  fs_cli_progress pr = {.tty = isatty(2), .t0 = fs_now(), .prog = "fleetsim sweep"};
  fs_sweep_runner run = {.dir = dir,
                         .threads = (int) threads,
                         .shard = shard,
                         .shards = shards,
                         .fail_fast = fail_fast,
                         .resume = resume != NULL,
                         .quiet = quiet,
                         .mpi_rank = rank,
                         .mpi_size = size,
                         .interrupt = &fs_cli_interrupted,
                         .progress = !quiet && rank == 0 ? on_progress : NULL,
                         .progress_ud = &pr};
  fs_sweep_stats st;
  rc = fs_sweep_execute(s, &dz, &run, rank == 0 ? &rows : NULL, &st, &err);
  if (rank != 0) {
    if (rc != 0) fprintf(stderr, "fleetsim sweep: rank %d: %s\n", rank, err.msg);
    status = rc != 0;
    goto end;
  }
  if (rc == FS_EUSAGE) FAIL_USAGE();
  if (rc != 0) FAIL(1);
  char journal[128];
  fs_sweep_journal_name(&run, journal, sizeof journal);
  if (st.interrupted) {
    fprintf(stderr,
            "fleetsim sweep: interrupted: %zu of %zu tasks are in %s/%s; continue with "
            "fleetsim sweep --resume %s\n",
            st.resumed + st.done, st.mine, dir, journal, dir);
    status = 130;
    goto end;
  }
  if (st.stopped_on_failure) {
    fprintf(stderr,
            "fleetsim sweep: --fail-fast: %s\nfleetsim sweep: the finished tasks are in %s/%s; "
            "no tables written\n",
            st.first_failure, dir, journal);
    status = 1;
    goto end;
  }
  if (shards > 1) {
    if (!quiet)
      printf("fleetsim sweep: shard %d/%d: %zu tasks (%zu run now, %zu failed) in %s/%s; when "
             "every shard has finished: fleetsim merge %s -o OUT\n",
             shard, shards, st.mine, st.done, st.failed, dir, journal, dir);
    status = st.failed ? 3 : 0;
    goto end;
  }
  char command[8192], runner[1024];
  join_command(command, sizeof command, "fleetsim sweep", argc, argv);
  snprintf(runner, sizeof runner,
           "{\"threads\": %d, \"mpi_ranks\": %d, \"tasks_run\": %zu, \"tasks_resumed\": %zu, "
           "\"task_seconds_mean\": %.6f, \"points_prepared\": %zu, \"fleets_reused\": %zu, "
           "\"mpi_tasks\": %zu, \"mpi_overhead_ms_per_task\": %.4f}",
           run.threads, size, st.done, st.resumed, st.done ? st.task_seconds / (double) st.done : 0,
           st.points_prepared, st.fleets_reused, st.mpi_tasks,
           st.mpi_tasks ? 1e3 * st.mpi_overhead_seconds / (double) st.mpi_tasks : 0);
  if (finish(dir, s, &dz, &rows, command, runner, st.wall_seconds, no_report, quiet,
             "fleetsim sweep", &err) != 0)
    FAIL(1);
  if (!quiet && mpi)
    printf("fleetsim sweep: %d ranks; %zu tasks on ranks 1..%d, MPI overhead %.3f ms per task\n",
           size, st.mpi_tasks, size - 1,
           st.mpi_tasks ? 1e3 * st.mpi_overhead_seconds / (double) st.mpi_tasks : 0.0);
  status = st.failed ? 3 : 0;
end:
  fs_sweep_rows_free(&rows);
  fs_design_free(&dz);
  free(s);
  if (mpi) fs_sweep_mpi_finalize();
  return status;
#undef FAIL
#undef FAIL_USAGE
}

/* ---- fleetsim merge */

static int is_journal(const char *name) {
  size_t n = strlen(name);
  return strncmp(name, "tasks", 5) == 0 && n > 4 && strcmp(name + n - 4, ".csv") == 0 &&
         (name[5] == '.' || name[5] == '-');
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *) a, *(char *const *) b);
}

/* The journals of dir, in name order, read into rows. */
static int read_dir_rows(const char *dir, const fs_sweep_spec *s, const fs_design *dz,
                         fs_sweep_rows *rows, int *nfiles, fs_err *err) {
  DIR *d = opendir(dir);
  if (!d) return fs_err_set(err, FS_EIO, "%s: cannot read: %s", dir, strerror(errno));
  char *names[4096];
  int n = 0, rc = 0;
  for (struct dirent *e; rc == 0 && (e = readdir(d)) != NULL;) {
    if (!is_journal(e->d_name)) continue;
    if (n == 4096)
      rc = fs_err_set(err, FS_ELIMIT, "%s: more than 4096 journal files; merge fewer at a time",
                      dir);
    else if (!(names[n++] = fs_strdup(e->d_name)))
      rc = fs_err_set(err, FS_ENOMEM, "out of memory");
  }
  closedir(d);
  if (rc == 0) qsort(names, (size_t) n, sizeof names[0], cmp_str);
  for (int i = 0; i < n; i++) {
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    if (rc == 0) rc = fs_sweep_rows_read(rows, s, dz, path, 0, 1, err);
    free(names[i]);
  }
  *nfiles += n;
  return rc;
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
  const fs_cmd_spec spec = {
      "fleetsim merge",
      "DIR... -o OUT [options]",
      "Gather the shards of a sweep (fleetsim sweep --shard I/N) into one sweep folder.",
      "Reads DIR/sweep.json and every DIR/tasks*.csv of each DIR (all must hold the same\n"
      "sweep), checks that every task is present exactly once, and writes OUT/sweep.csv,\n"
      "points.csv, sensitivity.csv, manifest.json and the report: the same sweep.csv\n"
      "and points.csv as one run on one machine. Exit status 1: a task is missing or\n"
      "repeated, or the folders hold different sweeps (the message names the file and\n"
      "line); 3: merged, with failed tasks.",
      opts,
      (int) (sizeof opts / sizeof opts[0]),
      1,
      64};
  fs_err err = {0};
  char *pos[64];
  int npos;
  int rc = fs_args_parse(&spec, argc, argv, pos, &npos, &err);
  if (rc == 1) return 0;
  if (rc != 0) return fs_args_fail(&spec, &err);
  if (!out) {
    fs_err_set(&err, FS_EUSAGE, "-o OUT is required");
    return fs_args_fail(&spec, &err);
  }
  double t0 = fs_now();
  fs_sweep_spec *s = fs_calloc(1, sizeof *s), *other = fs_calloc(1, sizeof *other);
  fs_design dz = {0};
  fs_sweep_rows rows = {0};
  int status = 1, nfiles = 0;
  char path[4200];
  if (!s || !other) {
    fprintf(stderr, "fleetsim merge: out of memory\n");
    goto done;
  }
  snprintf(path, sizeof path, "%s/sweep.json", pos[0]);
  if (fs_sweep_spec_read(s, path, &err) != 0) goto fail;
  uint64_t fp = fs_sweep_spec_fingerprint(s);
  for (int i = 1; i < npos; i++) {
    snprintf(path, sizeof path, "%s/sweep.json", pos[i]);
    if (fs_sweep_spec_read(other, path, &err) != 0) goto fail;
    if (fs_sweep_spec_fingerprint(other) != fp) {
      fs_err_set(&err, FS_EINVAL, "%s holds another sweep than %s (their sweep.json differ)",
                 pos[i], pos[0]);
      goto fail;
    }
  }
  if (fs_design_build(&dz, s->design, s->params, s->d, s->n, s->oat, s->run_seed, &err) != 0 ||
      fs_sweep_rows_init(&rows, fs_sweep_ntasks(s, &dz), &err) != 0)
    goto fail;
  for (int i = 0; i < npos; i++)
    if (read_dir_rows(pos[i], s, &dz, &rows, &nfiles, &err) != 0) goto fail;
  if (rows.present < rows.ntasks) {
    char list[256] = "";
    size_t shown = 0;
    for (size_t t = 0; t < rows.ntasks && shown < 10; t++)
      if (!rows.row[t]) {
        size_t n = strlen(list);
        snprintf(list + n, sizeof list - n, "%s%zu", shown ? ", " : "", t);
        shown++;
      }
    fs_err_set(&err, FS_EINVAL,
               "%zu of %zu tasks are missing (first: %s%s) from %d journal file(s): has every "
               "shard finished?",
               rows.ntasks - rows.present, rows.ntasks, list,
               rows.ntasks - rows.present > shown ? ", ..." : "", nfiles);
    goto fail;
  }
  if (prepare_dir(out, s, 0, &err) != 0) goto fail;
  char command[8192], runner[512];
  join_command(command, sizeof command, "fleetsim merge", argc, argv);
  snprintf(runner, sizeof runner, "{\"merged_folders\": %d, \"journal_files\": %d}", npos, nfiles);
  if (finish(out, s, &dz, &rows, command, runner, fs_now() - t0, no_report, quiet, "fleetsim merge",
             &err) != 0)
    goto fail;
  status = rows.failed ? 3 : 0;
  goto done;
fail:
  fprintf(stderr, "fleetsim merge: %s\n", err.msg);
done:
  fs_sweep_rows_free(&rows);
  fs_design_free(&dz);
  free(s);
  free(other);
  return status;
}
