/* cmd_catalog.c: `fleetsim catalog build`: a stochastic event catalogue
   drawn from a catalogue file's families (catalog/catalog.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalog/catalog.h"
#include "catalog/run.h"
#include "loss/reins.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/help.h"
#include "fleet/fleet.h"
#include "loss/ylt.h"
#include "report/report.h"
#include "sweep/mpi.h"
#include "sweep/sweep.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/fsutil.h"
#include "util/jsonread.h"
#include "util/num.h"
#include "util/path.h"

typedef struct build_args {
  int64_t events;
  uint64_t seed;
  int seed_given;
  const char *out, *models;
  int quiet;
} build_args;

static int build(int argc, char **argv) {
  build_args a = {.events = FS_CATALOG_DEFAULT_EVENTS, .seed = 1, .out = NULL};
  const fs_opt opts[] = {
      {"--events", NULL, FS_OPT_INT, "N", "events to draw (2000)", 1, FS_CATALOG_MAX_EVENTS, NULL,
       &a.events},
      {"--seed", NULL, FS_OPT_UINT64, "S", "random seed (1)", 0, 0, NULL, &a.seed, NULL, NULL,
       &a.seed_given},
      {"--output", "-o", FS_OPT_STRING, "DIR", "catalogue folder (results/catalog-NAME)", 0, 0,
       NULL, &a.out},
      {"--models", NULL, FS_OPT_STRING, "DIR", "models folder (default: the built-in one)", 0, 0,
       NULL, &a.models},
      {"--quiet", "-q", FS_OPT_FLAG, NULL, "print nothing but errors", 0, 0, NULL, &a.quiet},
  };
  const fs_cmd_spec spec =
      fs_cli_spec("fleetsim catalog build", opts, (int) (sizeof opts / sizeof opts[0]), 1, 1);
  char *pos[1];
  int npos, rc = fs_cli_parse(&spec, argc, argv, pos, &npos);
  if (rc >= 0) return rc;
  double t0 = fs_now();
  fs_catalog_build_opts o = {
      .path = pos[0], .models_dir = a.models, .nevents = (size_t) a.events, .seed = a.seed};
  fs_catalog *c = malloc(sizeof *c);
  char *command = fs_cli_command_line("fleetsim catalog build", argc, argv);
  fs_err err = {0};
  if (!c || !command) {
    free(c);
    free(command);
    fs_cli_eprintf("fleetsim catalog build: out of memory\n");
    return 1;
  }
  rc = fs_catalog_build(&o, c, &err);
  char out[FS_PATH_MAX];
  if (rc == 0) {
    if (a.out)
      snprintf(out, sizeof out, "%s", a.out);
    else
      snprintf(out, sizeof out, "results/catalog-%s", c->decl.name);
    rc = fs_catalog_folder_write(out, c, command, fs_now() - t0, &err);
  }
  int status = 0;
  if (rc != 0) {
    fs_cli_eprintf("fleetsim catalog build: %s\n", err.msg);
    status = rc == FS_EUSAGE || rc == FS_EINVAL || rc == FS_ESCRIPT ? 2 : 1;
  } else if (!a.quiet) {
    double total = 0;
    for (size_t e = 0; e < c->nevents; e++) total += c->ev[e].rate;
    printf(
        "fleetsim catalog build: %zu events over %d families, %.4g events a year: %s/events.csv, "
        "catalog.json\n",
        c->nevents, c->decl.nfam, total, out);
    for (int i = 0; i < c->decl.nfam; i++)
      printf("  %-24s %6zu events, %.4g a year\n", c->decl.fam[i].name, c->fam[i].nevents,
             c->decl.fam[i].rate);
  }
  if (rc == 0) fs_catalog_free(c);
  free(c);
  free(command);
  return status;
}

typedef struct run_args {
  const char *out, *models, *shard_text;
  const char *portfolio[FS_CATALOG_MAX_PORTFOLIOS];
  int nportfolios;
  const char *ri_path[FS_CATALOG_MAX_PORTFOLIOS];
  fs_ri_programme ri[FS_CATALOG_MAX_PORTFOLIOS];
  int nri;
  double scale, cluster;
  int64_t reps, threads, years, nboot, events;
  uint64_t seed, catalog_seed;
  int seed_given, quiet, resume, no_report;
} run_args;

/* --portfolio FILE, repeated: each file once, at most
   FS_CATALOG_MAX_PORTFOLIOS of them. */
static int add_portfolio(void *ctx, const char *value, fs_err *err) {
  run_args *a = ctx;
  for (int k = 0; k < a->nportfolios; k++)
    if (strcmp(a->portfolio[k], value) == 0)
      return fs_err_set(err, FS_EUSAGE, "%s: given twice", value);
  if (a->nportfolios == FS_CATALOG_MAX_PORTFOLIOS)
    return fs_err_set(err, FS_EUSAGE, "%s: at most %d portfolios in one run", value,
                      FS_CATALOG_MAX_PORTFOLIOS);
  a->portfolio[a->nportfolios++] = value;
  return 0;
}

/* --reinsurance FILE, repeated: the k-th goes with the k-th --portfolio.
   A catalogue run keeps each event's portfolio total, not its policies'
   losses, so a per-risk layer is refused. */
static int add_reinsurance(void *ctx, const char *value, fs_err *err) {
  run_args *a = ctx;
  if (a->nri == FS_CATALOG_MAX_PORTFOLIOS)
    return fs_err_set(err, FS_EUSAGE, "%s: at most %d programmes in one run", value,
                      FS_CATALOG_MAX_PORTFOLIOS);
  fs_ri_programme *p = &a->ri[a->nri];
  int rc = fs_ri_read(value, p, err);
  if (rc) return rc;
  for (int k = 0; k < p->n; k++)
    if (p->layer[k].kind == FS_RI_PER_RISK)
      return fs_err_set(err, FS_EINVAL,
                        "%s: layer '%s': per-risk layers need each policy's loss per event, which "
                        "a catalogue run does not keep (use fleetsim run for them)",
                        value, p->layer[k].name);
  a->ri_path[a->nri++] = value;
  return 0;
}

/* The portfolios and their programmes into o: the k-th programme goes
   with the k-th portfolio. */
static int portfolios_to(const run_args *a, fs_catalog_run_opts *o, fs_err *err) {
  memcpy(o->portfolio, a->portfolio, sizeof o->portfolio);
  for (int k = 0; k < a->nri; k++) {
    o->ri[k] = &a->ri[k];
    o->ri_path[k] = a->ri_path[k];
  }
  if (a->nri > a->nportfolios)
    return fs_err_set(err, FS_EUSAGE, "%d --reinsurance programmes for %d --portfolio files",
                      a->nri, a->nportfolios);
  return 0;
}

static void on_progress(void *ud, size_t done, size_t total) {
  fs_cli_progress_report(ud, (double) done, (double) total, "tasks");
}

/* What a catalogue folder's catalog.json says: the catalogue file's path,
   the hash it had, and the seed the events were drawn with. */
static int folder_catalog(const char *dir, char *out, size_t cap, char *hash, size_t hcap,
                          uint64_t *seed, fs_err *err) {
  char path[FS_PATH_MAX];
  fs_jval *root = NULL;
  int rc = fs_path_join(path, sizeof path, dir, "catalog.json", err);
  if (rc == 0) rc = fs_jread_file(&root, path, err);
  if (rc != 0) return rc;
  const fs_jval *v = fs_jread_get(root, "catalog"), *h = fs_jread_get(root, "catalog_hash");
  const fs_jval *sd = fs_jread_get(root, "seed");
  if (!v || v->kind != FS_JSTR || !h || h->kind != FS_JSTR)
    rc = fs_err_set(err, FS_EINVAL,
                    "%s: catalog, catalog_hash: expected the catalogue file's path and hash", path);
  else if (!sd || sd->kind != FS_JSTR || fs_num_u64(sd->str, seed) != 0)
    rc = fs_err_set(err, FS_EINVAL, "%s: seed: expected a whole number as a string", path);
  else if ((rc = fs_path_fmt(out, cap, err, "%s", v->str)) == 0)
    snprintf(hash, hcap, "%s", h->str);
  fs_jread_free(root);
  return rc;
}

/* The catalogue of SOURCE: a folder of catalog build (its catalogue file
   checked again, its events.csv read back) or a catalogue file (built). */
static int load_catalog(const char *source, const run_args *a, fs_catalog *c, fs_err *err) {
  struct stat sb;
  fs_catalog_build_opts o = {
      .models_dir = a->models, .nevents = (size_t) a->events, .seed = a->catalog_seed};
  if (stat(source, &sb) == 0 && S_ISDIR(sb.st_mode)) {
    char file[FS_PATH_MAX], events[FS_PATH_MAX], hash[64], have[64];
    int rc = folder_catalog(source, file, sizeof file, hash, sizeof hash, &o.seed, err);
    if (rc == 0) rc = fs_path_join(events, sizeof events, source, "events.csv", err);
    o.path = file;
    if (rc == 0) rc = fs_catalog_prepare(&o, c, err);
    snprintf(have, sizeof have, "fnv1a64:%016llx", (unsigned long long) c->decl_hash);
    /* The file the folder was built from, as it was (paths are as given,
       so another working directory may name another file). */
    if (rc == 0 && strcmp(hash, have) != 0)
      rc = fs_err_set(err, FS_EINVAL,
                      "%s/catalog.json: the catalogue %s has changed since the folder was built "
                      "(hash %s, now %s), or names another file from this folder; build it again",
                      source, file, hash, have);
    if (rc == 0) rc = fs_catalog_read_events(c, events, err);
    return rc;
  }
  o.path = source;
  return fs_catalog_build(&o, c, err);
}

static int run_status(int rc, const fs_err *err, int rank) {
  if (rank == 0) fs_cli_eprintf("fleetsim catalog run: %s\n", err->msg);
  return rc == FS_EUSAGE || rc == FS_EINVAL || rc == FS_ESCRIPT ? 2 : rc == FS_EINTR ? 130 : 1;
}

static void print_run(const fs_catalog_run_opts *o, const fs_catalog_run_stats *st) {
  if (!st->tables) {
    printf("fleetsim catalog run: shard %d/%d done (%zu tasks run now, %zu failed); when every "
           "shard has finished, run the same command without --shard (with --resume) to "
           "gather them\n",
           o->shard, o->shards, st->done, st->failed);
    return;
  }
  printf("fleetsim catalog run: %zu tasks (%zu run now, %zu from journals) in %.1f s: %s\n",
         st->tasks, st->done, st->resumed, st->wall_seconds, o->out);
  printf("  fleet ground-up: AAL %.4g USD, OEP 1-in-100 %.4g, 1-in-200 %.4g, AEP 1-in-200 %.4g\n",
         st->aal, st->oep100, st->oep200, st->aep200);
  if (st->top_vendor[0])
    printf("  top vendor or provider at 1-in-200 (AEP TVaR): %s, %.1f %%\n", st->top_vendor,
           100 * st->top_vendor_share200);
}

/* After the run (rc its outcome): the messages, the terminal summary and
   the report on rank 0; the exit status. */
static int run_finish(int rc, fs_err *err, const fs_catalog_run_stats *st,
                      const fs_catalog_run_opts *o, const run_args *a, int rank) {
  if (rc != 0) return run_status(rc, err, rank);
  if (st->failed) {
    if (rank == 0)
      fs_cli_eprintf("fleetsim catalog run: %zu tasks failed (no tables), first: %s\n", st->failed,
                     st->first_failure);
    return 3;
  }
  if (rank != 0) return 0;
  if (!a->quiet) print_run(o, st);
  /* The tables stand without the report; a report that fails is exit 1
     (`fleetsim report DIR` retries). */
  if (st->tables && fs_report_for_run(o->out, a->no_report, a->quiet, "fleetsim catalog run") != 0)
    return 1;
  if (st->tables && !a->no_report && !a->quiet) printf("  report: %s/report.html\n", o->out);
  return 0;
}

static int run_cmd(int argc, char **argv) {
  run_args a = {.scale = 0.01,
                .reps = 1,
                .threads = -1,
                .years = FS_CATALOG_DEFAULT_YEARS,
                .nboot = FS_CATALOG_DEFAULT_BOOT,
                .events = FS_CATALOG_DEFAULT_EVENTS,
                .catalog_seed = 1};
  const fs_opt opts[] = {
      {"--portfolio", NULL, FS_OPT_LIST, "FILE",
       "policy portfolio CSV, repeatable (summaries 3 + 2k and 4 + 2k for the k-th, from 0)", 0, 0,
       NULL, NULL, add_portfolio, &a},
      {"--reinsurance", NULL, FS_OPT_LIST, "FILE",
       "reinsurance programme CSV, repeatable: the k-th for the k-th portfolio (RI tables)", 0, 0,
       NULL, NULL, add_reinsurance, &a},
      {"--scale", NULL, FS_OPT_DOUBLE, "F", "simulate a sample fraction F of the endpoints (0.01)",
       FS_FLEET_MIN_SCALE, FS_FLEET_FULL_SCALE, NULL, &a.scale},
      {"--replications", "-n", FS_OPT_INT, "R", "replications per event (1)", 1, 10000, NULL,
       &a.reps},
      {"--threads", "-j", FS_OPT_INT, "J", "worker threads (default: all cores; under MPI 1)", 0,
       1024, NULL, &a.threads},
      {"--years", NULL, FS_OPT_INT, "Y", "simulated years (100000)", 1, FS_YLT_MAX_YEARS, NULL,
       &a.years},
      {"--cluster", NULL, FS_OPT_DOUBLE, "C",
       "variance of a yearly frequency multiplier shared by all events (0: Poisson)", 0,
       FS_YLT_MAX_CLUSTER, NULL, &a.cluster},
      {"--bootstrap", NULL, FS_OPT_INT, "B", "bootstrap replicates of the intervals (100)", 0,
       FS_CATALOG_MAX_BOOT, NULL, &a.nboot},
      {"--seed", NULL, FS_OPT_UINT64, "S", "simulation seed (default: the catalogue's)", 0, 0, NULL,
       &a.seed, NULL, NULL, &a.seed_given},
      {"--events", NULL, FS_OPT_INT, "N", "events to draw from a catalogue file (2000)", 1,
       FS_CATALOG_MAX_EVENTS, NULL, &a.events},
      {"--catalog-seed", NULL, FS_OPT_UINT64, "S", "seed of the draw from a catalogue file (1)", 0,
       0, NULL, &a.catalog_seed},
      {"--output", "-o", FS_OPT_STRING, "DIR", "run folder (results/catalog-run-NAME)", 0, 0, NULL,
       &a.out},
      {"--resume", NULL, FS_OPT_FLAG, NULL,
       "continue the run in -o DIR (after a kill, or to "
       "gather the shards)",
       0, 0, NULL, &a.resume},
      {"--shard", NULL, FS_OPT_STRING, "I/N", "run shard I of N of every family", 0, 0, NULL,
       &a.shard_text},
      {"--models", NULL, FS_OPT_STRING, "DIR", "models folder (default: the built-in one)", 0, 0,
       NULL, &a.models},
      {"--no-report", NULL, FS_OPT_FLAG, NULL, "no plots and no report.html", 0, 0, NULL,
       &a.no_report},
      {"--quiet", "-q", FS_OPT_FLAG, NULL, "print nothing but errors", 0, 0, NULL, &a.quiet},
  };
  const fs_cmd_spec spec =
      fs_cli_spec("fleetsim catalog run", opts, (int) (sizeof opts / sizeof opts[0]), 1, 1);
  char *pos[1];
  int npos, rc = fs_cli_parse(&spec, argc, argv, pos, &npos);
  if (rc >= 0) return rc;
  fs_err err = {0};
  int rank = 0, size = 1, mpi = 0, shard = 0, shards = 0;
  if (fs_sweep_mpi_launched() && fs_sweep_mpi_env_size(&err) != 1) {
    if (fs_sweep_mpi_init(NULL, NULL, &rank, &size, &err) != 0)
      return run_status(FS_EUSAGE, &err, 0);
    mpi = 1;
  }
  if ((rc = fs_sweep_shard_parse(a.shard_text, &shard, &shards, &err)) == 0 && mpi && shards > 1)
    rc = fs_err_set(&err, FS_EUSAGE, "--shard and MPI ranks do not mix");
  fs_catalog *c = fs_calloc(1, sizeof *c);
  char *command = fs_cli_command_line("fleetsim catalog run", argc, argv);
  if (rc == 0 && (!c || !command)) rc = fs_err_set(&err, FS_ENOMEM, "out of memory");
  if (rc == 0) rc = load_catalog(pos[0], &a, c, &err);
  char out[FS_PATH_MAX];
  if (rc == 0)
    rc = a.out ? fs_path_fmt(out, sizeof out, &err, "%s", a.out)
               : fs_path_fmt(out, sizeof out, &err, "results/catalog-run-%s", c->decl.name);
  fs_cli_progress pr = fs_cli_progress_start("fleetsim catalog run");
  fs_catalog_run_opts o = {.out = out,
                           .nportfolios = a.nportfolios,
                           .models_dir = a.models,
                           .scale = a.scale,
                           .reps = (int) a.reps,
                           .seed = a.seed_given ? a.seed
                                   : c          ? c->seed
                                                : 0,
                           .years = (size_t) a.years,
                           .cluster = a.cluster,
                           .nboot = (int) a.nboot,
                           .threads = a.threads < 0 ? (mpi ? 1 : fs_cli_cores()) : (int) a.threads,
                           .shard = shard,
                           .shards = shards,
                           .resume = a.resume,
                           .quiet = a.quiet,
                           .mpi_rank = rank,
                           .mpi_size = size,
                           .interrupt = &fs_cli_interrupted,
                           .command = command,
                           .progress = !a.quiet && rank == 0 ? on_progress : NULL,
                           .progress_ud = &pr};
  if (rc == 0) rc = portfolios_to(&a, &o, &err);
  if (rc == 0 && o.threads == 0 && !mpi)
    rc = fs_err_set(&err, FS_EUSAGE, "-j 0 (rank 0 only hands tasks out) needs an MPI run");
  fs_catalog_run_stats st;
  if (rc == 0) rc = fs_catalog_run(c, &o, &st, &err);
  int status = run_finish(rc, &err, &st, &o, &a, rank);
  if (c) fs_catalog_free(c);
  free(c);
  free(command);
  if (mpi) fs_sweep_mpi_finalize();
  return status;
}

int fs_cmd_catalog(int argc, char **argv) {
  if (argc >= 1 && strcmp(argv[0], "build") == 0) return build(argc - 1, argv + 1);
  if (argc >= 1 && strcmp(argv[0], "run") == 0) return run_cmd(argc - 1, argv + 1);
  if (argc >= 1 && (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0)) {
    printf("usage: fleetsim catalog build CATALOG.lua [options]\n"
           "       fleetsim catalog run DIR|CATALOG.lua [options]\n\n"
           "Draw a stochastic event catalogue from a catalogue file's families, and\n"
           "simulate it into event and year loss tables (fleetsim catalog build --help,\n"
           "fleetsim catalog run --help).\n");
    return 0;
  }
  fs_cli_eprintf("fleetsim catalog: expected 'build' or 'run' (got '%s')\nusage: fleetsim "
                 "catalog build CATALOG.lua [options]\n       fleetsim catalog run DIR|CATALOG.lua "
                 "[options]\n",
                 argc ? argv[0] : "");
  return 2;
}
