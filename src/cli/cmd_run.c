/* cmd_run.c: `fleetsim run`: one scenario, one replication, a results folder. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "engine/rng.h"
#include "fleet/fleet.h"
#include "model/model.h"
#include "report/output.h"
#include "scenario/scenario.h"
#include "util/fsutil.h"

/* Stream of the fleet synthesis; replications use streams 0, 1, ... */
#define FS_STREAM_FLEET UINT64_MAX

typedef struct set_list {
  fs_set sets[FS_MAX_SETS];
  int n;
} set_list;

static int add_set(void *ctx, const char *value, fs_err *err) {
  set_list *l = ctx;
  if (l->n == FS_MAX_SETS) return fs_err_set(err, FS_EUSAGE, "at most %d --set", FS_MAX_SETS);
  return fs_set_parse(value, &l->sets[l->n++], err);
}

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec * 1e-9;
}

static void join_command(char *buf, size_t cap, int argc, char **argv) {
  snprintf(buf, cap, "fleetsim run");
  for (int i = 0; i < argc; i++) {
    size_t n = strlen(buf);
    snprintf(buf + n, cap - n, " %s", argv[i]);
  }
}

static void print_params(const fs_config *cfg) {
  printf("%-28s %14s %14s %14s  %s\n", "parameter", "value", "min", "max", "unit: description");
  for (int i = 0; i < cfg->nparams; i++) {
    const fs_param *p = &cfg->params[i];
    printf("%-28s %14.6g %14.6g %14.6g  %s: %s\n", p->name, p->value, p->min, p->max, p->unit,
           p->description);
  }
}

static const char *const queue_choices[] = {"heap", "ladder", "calendar", NULL};

int fs_cmd_run(int argc, char **argv) {
  set_list sets = {0};
  uint64_t seed = 0;
  double scale = 1.0;
  const char *out = NULL, *queue = "ladder", *models = NULL;
  int64_t lua_mem = 256, lua_steps = 200000000;
  int quiet = 0, list_params = 0;
  /* seed_given is detected by a sentinel pass below. */
  const fs_opt opts[] = {
      {"--set", NULL, FS_OPT_LIST, "NAME=VALUE", "override a scenario parameter (repeatable)", 0, 0,
       NULL, NULL, add_set, &sets},
      {"--seed", NULL, FS_OPT_UINT64, "S", "random seed (default: the scenario's)", 0, 0, NULL,
       &seed},
      {"--scale", NULL, FS_OPT_DOUBLE, "F", "simulate a sample fraction F of the organisations",
       1e-6, 1, NULL, &scale},
      {"--output", "-o", FS_OPT_STRING, "DIR", "results folder (default results/<name>)", 0, 0,
       NULL, &out},
      {"--lua-mem", NULL, FS_OPT_INT, "MIB", "memory limit of the scenario script (256)", 1,
       1 << 20, NULL, &lua_mem},
      {"--lua-steps", NULL, FS_OPT_INT, "N", "instruction limit per script phase (2e8)", 1000, 1e15,
       NULL, &lua_steps},
      {"--queue", NULL, FS_OPT_CHOICE, "KIND", "pending-event set: heap|ladder|calendar", 0, 0,
       queue_choices, &queue},
      {"--models", NULL, FS_OPT_STRING, "DIR", "models folder (default: the built-in one)", 0, 0,
       NULL, &models},
      {"--list-params", NULL, FS_OPT_FLAG, NULL, "print the scenario's parameters and exit", 0, 0,
       NULL, &list_params},
      {"--quiet", "-q", FS_OPT_FLAG, NULL, "print nothing but errors", 0, 0, NULL, &quiet},
  };
  const fs_cmd_spec spec = {
      "fleetsim run",
      "SCENARIO [options]",
      "Run a scenario once and write its results folder.",
      "The folder (default results/<scenario name>/) is written atomically and holds\n"
      "manifest.json, summary.json, timeseries.csv and orgs.csv. Exit status 1 means\n"
      "the scenario failed to load or run (the message names file, line and field).",
      opts,
      (int) (sizeof opts / sizeof opts[0]),
      1,
      1};
  fs_err err = {0};
  char *pos[1];
  int npos;
  int rc = fs_args_parse(&spec, argc, argv, pos, &npos, &err);
  if (rc == 1) return 0;
  if (rc != 0) return fs_args_fail(&spec, &err);
  int seed_given = 0;
  for (int i = 0; i < argc; i++)
    if (strcmp(argv[i], "--seed") == 0 || strncmp(argv[i], "--seed=", 7) == 0) seed_given = 1;

  fs_load_opts lo = {.path = pos[0],
                     .models_dir = models,
                     .limits = {(size_t) lua_mem << 20, (uint64_t) lua_steps},
                     .sets = sets.sets,
                     .nsets = sets.n,
                     .has_seed = seed_given,
                     .seed = seed};
  fs_scenario sc;
  rc = fs_scenario_load(&sc, &lo, &err);
  if (rc == FS_EUSAGE) return fs_args_fail(&spec, &err);
  if (rc != 0) {
    fprintf(stderr, "fleetsim run: %s\n", err.msg);
    return 1;
  }
  if (list_params) {
    print_params(sc.cfg);
    fs_scenario_free(&sc);
    return 0;
  }
  const fs_config *cfg = sc.cfg;
  char outdir[4096], tmp[4200] = "";
  if (out)
    snprintf(outdir, sizeof outdir, "%s", out);
  else
    snprintf(outdir, sizeof outdir, "results/%s", cfg->name);

  double t0 = now_seconds();
  int status = 1;
  fs_fleet fleet = {0};
  fs_result res = {0};
  gsl_rng *frng = fs_rng_new(cfg->seed, FS_STREAM_FLEET), *rng = fs_rng_new(cfg->seed, 0);
  if (!frng || !rng) {
    fprintf(stderr, "fleetsim run: out of memory\n");
    goto done;
  }
  if (fs_fleet_build(&fleet, cfg, scale, frng, &err) != 0) {
    fprintf(stderr, "fleetsim run: %s: %s\n", sc.path, err.msg);
    goto done;
  }
  fs_scenario_reseed(&sc, fs_rng_stream_key(cfg->seed, 0));
  fs_queue_kind qk = FS_QUEUE_DEFAULT;
  fs_queue_kind_parse(queue, &qk);
  fs_model_opts mo = {
      .queue = qk, .interrupt = &fs_cli_interrupted, .hooks = sc.hooks.n ? &sc.hooks : NULL};
  if (fs_model_run(cfg, &fleet, rng, &mo, &res, &err) != 0) {
    fprintf(stderr, "fleetsim run: %s: %s\n", sc.path, err.msg);
    goto done;
  }
  if (res.interrupted) {
    fprintf(stderr, "fleetsim run: interrupted; no results written\n");
    status = 130;
    goto done;
  }
  char command[4096];
  join_command(command, sizeof command, argc, argv);
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  fs_run_info info = {.command = command,
                      .wall_seconds = now_seconds() - t0,
                      .peak_rss_kb = ru.ru_maxrss,
                      .queue = queue};
  if (fs_outdir_begin(outdir, tmp, sizeof tmp, &err) != 0 ||
      fs_output_write_run(tmp, &sc, &fleet, &res, &info, &err) != 0 ||
      fs_outdir_commit(tmp, outdir, &err) != 0) {
    fprintf(stderr, "fleetsim run: %s\n", err.msg);
    fs_outdir_abort(tmp);
    goto done;
  }
  if (!quiet) fs_output_print_summary(stdout, &sc, &fleet, &res, outdir);
  status = 0;
done:
  fs_result_free(&res);
  fs_fleet_free(&fleet);
  if (frng) gsl_rng_free(frng);
  if (rng) gsl_rng_free(rng);
  fs_scenario_free(&sc);
  return status;
}
