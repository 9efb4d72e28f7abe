/* cmd_run.c: `fleetsim run`: one scenario, one replication, a results folder. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "engine/rng.h"
#include "batch/batch.h"
#include "batch/prep.h"
#include "fleet/fleet.h"
#include "graph/analysis.h"
#include "graph/graph.h"
#include "loss/portfolio.h"
#include "report/losses.h"
#include "model/model.h"
#include "report/output.h"
#include "report/report.h"
#include "scenario/scenario.h"
#include "util/fsutil.h"
#include "util/clock.h"

static void join_command(char *buf, size_t cap, int argc, char **argv) {
  snprintf(buf, cap, "fleetsim run");
  for (int i = 0; i < argc; i++) {
    size_t n = strlen(buf);
    snprintf(buf + n, cap - n, " %s", argv[i]);
  }
}

static const char *const queue_choices[] = {"heap", "ladder", "calendar", NULL};

static void on_progress(void *ud, int done, int total) {
  fs_cli_progress_report(ud, done, total, "replications");
}

static void on_tick(void *ud, double hours, double total) {
  fs_cli_progress_report(ud, hours, total, "simulated hours");
}

/* graph.json in the results folder: the dependency graph's analysis, as
   `fleetsim graph --json` prints it, for the report's blast-radius chart. */
static int write_graph_json(const char *dir, const fs_config *cfg, fs_graph *g,
                            const fs_graph_csr *csr, fs_err *err) {
  fs_graph_analysis an = {0};
  fs_graph_analysis_opts ao = {.centrality = 1, .dominators = 1};
  int rc = fs_graph_analyse(g, csr, &ao, &an, err);
  if (rc != 0) return rc;
  fs_graph_report r = {.scenario = cfg->name, .g = g, .c = csr, .a = &an, .top = 20};
  FILE *f = fs_out_open(dir, "graph.json", err);
  if (!f) {
    fs_graph_analysis_free(&an);
    return FS_EIO;
  }
  rc = fs_cli_graph_json(&r, f, err);
  int rc2 = fs_out_close(f, dir, "graph.json", err);
  fs_graph_analysis_free(&an);
  return rc ? rc : rc2;
}

int fs_cmd_run(int argc, char **argv) {
  fs_set_list sets = {0};
  uint64_t seed = 0;
  double scale = 1.0;
  const char *out = NULL, *queue = "ladder", *models = NULL, *portfolio = NULL;
  int64_t lua_mem = 256, lua_steps = 200000000, reps = 1, threads = 0, years = 10000;
  int quiet = 0, list_params = 0, no_report = 0;
  const fs_opt opts[] = {
      {"--set", NULL, FS_OPT_LIST, "NAME=VALUE", "override a scenario parameter (repeatable)", 0, 0,
       NULL, NULL, fs_cli_add_set, &sets},
      {"--seed", NULL, FS_OPT_UINT64, "S", "random seed (default: the scenario's)", 0, 0, NULL,
       &seed},
      {"--replications", "-n", FS_OPT_INT, "R", "replications, independent streams (1)", 1, 1e6,
       NULL, &reps},
      {"--threads", "-j", FS_OPT_INT, "J", "worker threads (default: all cores)", 1, 1024, NULL,
       &threads},
      {"--portfolio", NULL, FS_OPT_STRING, "FILE", "policy portfolio CSV: insured losses", 0, 0,
       NULL, &portfolio},
      {"--years", NULL, FS_OPT_INT, "Y", "periods of the period loss table (10000)", 1, 1e8, NULL,
       &years},
      {"--scale", NULL, FS_OPT_DOUBLE, "F", "simulate a sample fraction F of the endpoints", 1e-6,
       1, NULL, &scale},
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
      {"--no-report", NULL, FS_OPT_FLAG, NULL, "no plots and no report.html", 0, 0, NULL,
       &no_report},
      {"--quiet", "-q", FS_OPT_FLAG, NULL, "print nothing but errors", 0, 0, NULL, &quiet},
  };
  const fs_cmd_spec spec = {
      "fleetsim run",
      "SCENARIO [options]",
      "Run a scenario (R replications) and write its results folder.",
      "The folder (default results/<scenario name>/) is written atomically and holds\n"
      "manifest.json, summary.json, timeseries.csv and orgs.csv (replication 1), and\n"
      "recovery_band.csv, plots/ and report.html; with costs in the scenario the loss\n"
      "tables selt.csv, melt.csv, splt.csv, ept.csv, alt.csv, quantiles.csv,\n"
      "summary_info.csv and, with --portfolio, policies.csv.\n"
      "Results are identical whatever -j. Exit status 1 means the scenario or the\n"
      "portfolio failed to load or run (the message names file, line and field).",
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
  int seed_given = fs_cli_has_option(argc, argv, "--seed");
  if (threads == 0) {
    long nc = sysconf(_SC_NPROCESSORS_ONLN);
    threads = nc > 0 ? nc : 1;
  }
  if (threads > reps) threads = reps;

  fs_load_opts lo = {.path = pos[0],
                     .models_dir = models,
                     .limits = {(size_t) lua_mem << 20, (uint64_t) lua_steps},
                     .sets = sets.sets,
                     .nsets = sets.n,
                     .has_seed = seed_given,
                     .seed = seed};
  if (list_params) return fs_cli_list_params(&spec, &lo);
  double t0 = fs_now();
  fs_prepared prep;
  rc = fs_prepare(&prep, &lo, scale, portfolio, &err);
  if (rc == FS_EUSAGE) return fs_args_fail(&spec, &err);
  if (rc != 0) {
    fprintf(stderr, "fleetsim run: %s\n", err.msg);
    return 1;
  }
  fs_scenario *sc = &prep.sc;
  const fs_config *cfg = sc->cfg;
  char outdir[4096], tmp[4200] = "";
  if (out)
    snprintf(outdir, sizeof outdir, "%s", out);
  else
    snprintf(outdir, sizeof outdir, "results/%s", cfg->name);
  int status = 1;
  fs_batch b = {0};
  fs_queue_kind qk = FS_QUEUE_DEFAULT;
  fs_queue_kind_parse(queue, &qk);
  fs_cli_progress pr = {.tty = isatty(2), .t0 = fs_now(), .prog = "fleetsim run"};
  b = fs_prepared_batch(&prep, &lo);
  b.reps = (int) reps;
  b.threads = (int) threads;
  b.queue = qk;
  b.interrupt = &fs_cli_interrupted;
  b.progress = !quiet && reps > 1 ? on_progress : NULL;
  b.tick = !quiet && reps == 1 ? on_tick : NULL;
  b.progress_ud = &pr;
  if (fs_batch_run(&b, &err) != 0) {
    fprintf(stderr, "fleetsim run: %s: %s\n", sc->path, err.msg);
    goto done;
  }
  if (b.interrupted && b.done == 0) {
    fprintf(stderr, "fleetsim run: interrupted before a replication finished; no results "
                    "written\n");
    status = 130;
    goto done;
  }
  char command[4096];
  join_command(command, sizeof command, argc, argv);
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  fs_run_info info = {.command = command,
                      .wall_seconds = fs_now() - t0,
                      .peak_rss_kb = ru.ru_maxrss,
                      .queue = queue,
                      .replications = b.done,
                      .partial = b.interrupted,
                      .threads = (int) threads};
  fs_loss_ctx lc = {.s = sc,
                    .f = &prep.fleet,
                    .b = &b,
                    .pf = portfolio ? &prep.pf : NULL,
                    .years = (size_t) years,
                    .seed = cfg->seed};
  if (fs_outdir_begin(outdir, tmp, sizeof tmp, &err) != 0 ||
      fs_output_write_run(tmp, sc, &prep.fleet, &b.first, &info, &lc, &err) != 0 ||
      fs_output_write_band(tmp, sc, &b, &err) != 0 || fs_losses_write(tmp, &lc, &err) != 0 ||
      (prep.have_graph && write_graph_json(tmp, cfg, &prep.graph, &prep.csr, &err) != 0) ||
      fs_report_for_run(tmp, no_report, quiet, "fleetsim run") != 0 ||
      fs_outdir_commit(tmp, outdir, &err) != 0) {
    fprintf(stderr, "fleetsim run: %s\n", err.msg);
    fs_outdir_abort(tmp);
    goto done;
  }
  if (!quiet) {
    fs_output_print_summary(stdout, sc, &prep.fleet, &b.first, outdir);
    fs_losses_print(stdout, &lc);
  }
  status = 0;
  if (b.interrupted) {
    fprintf(stderr,
            "fleetsim run: interrupted: %s holds the %d of %d replications that "
            "finished (manifest.json: \"partial\": true)\n",
            outdir, b.done, b.reps);
    status = 130;
  }
done:
  fs_batch_free(&b);
  fs_prepared_free(&prep);
  return status;
}
