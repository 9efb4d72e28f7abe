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

/* Progress on stderr: a bar with rate and ETA on a terminal, a line every
   10% otherwise. */
typedef struct progress {
  int tty, last_decile;
  double t0;
} progress;

/* One progress report: done of total units (replications, or simulated
   hours of a single run). */
static void report_progress(progress *p, double done, double total, const char *unit) {
  double el = fs_cli_now() - p->t0, rate = el > 0 ? done / el : 0;
  double eta = rate > 0 ? (total - done) / rate : 0;
  if (p->tty) {
    int w = 30, fill = total > 0 ? (int) (done * w / total) : w;
    if (fill > w) fill = w;
    fprintf(stderr, "\r  [%.*s%*s] %.0f/%.0f %s  %.2f/s  ETA %.0fs ", fill,
            "##############################", w - fill, "", done, total, unit, rate, eta);
    if (done >= total) fputc('\n', stderr);
  } else {
    int dec = total > 0 ? (int) (done * 10 / total) : 10;
    if (dec > p->last_decile) {
      p->last_decile = dec;
      fprintf(stderr, "fleetsim run: %.0f/%.0f %s (%d%%), %.1f s, ETA %.0f s\n", done, total, unit,
              dec * 10, el, eta);
    }
  }
}

static void on_progress(void *ud, int done, int total) {
  report_progress(ud, done, total, "replications");
}

static void on_tick(void *ud, double hours, double total) {
  report_progress(ud, hours, total, "simulated hours");
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

  double t0 = fs_cli_now();
  int status = 1;
  fs_fleet fleet = {0};
  fs_portfolio pf = {0};
  fs_fleet_policy *fpol = NULL;
  uint32_t *policy_org = NULL;
  fs_terms *terms = NULL;
  fs_batch b = {0};
  fs_graph graph;
  fs_graph_csr csr = {0};
  int have_graph = 0;
  long provider_node = -1;
  fs_graph_init(&graph);
  gsl_rng *frng = fs_rng_new(cfg->seed, FS_STREAM_FLEET);
  if (!frng) {
    fprintf(stderr, "fleetsim run: out of memory\n");
    goto done;
  }
  if (portfolio) {
    if (!cfg->has_costs) {
      fprintf(stderr,
              "fleetsim run: %s: --portfolio needs a scenario with costs (costs = "
              "require \"costs\")\n",
              sc.path);
      goto done;
    }
    const char *inds[FS_MAX_INDUSTRIES], *regs[FS_MAX_REGIONS];
    for (int k = 0; k < cfg->nindustries; k++) inds[k] = cfg->industries[k].id;
    for (int k = 0; k < cfg->nregions; k++) regs[k] = cfg->regions[k].id;
    if (fs_portfolio_load(&pf, portfolio, inds, cfg->nindustries, regs, cfg->nregions, &err) != 0) {
      fprintf(stderr, "fleetsim run: %s\n", err.msg);
      goto done;
    }
    fpol = calloc(pf.n, sizeof *fpol);
    policy_org = calloc(pf.n, sizeof *policy_org);
    terms = calloc(pf.n, sizeof *terms);
    if (!fpol || !policy_org || !terms) {
      fprintf(stderr, "fleetsim run: out of memory for the portfolio\n");
      goto done;
    }
    if (fs_cli_policies_for_fleet(cfg, &pf, fpol, &err) != 0) {
      fprintf(stderr, "fleetsim run: %s\n", err.msg);
      goto done;
    }
  }
  /* Providers of the dependency graph that run on a fleet of their own
     become organisations too, after the portfolio's policies. */
  size_t nprov = 0;
  if (sc.graph) {
    for (int v = 0; v < sc.graph->nvendors; v++) nprov += sc.graph->vendors[v].has_fleet != 0;
    if (nprov) {
      fs_fleet_policy *more = realloc(fpol, (pf.n + nprov) * sizeof *more);
      if (!more) {
        fprintf(stderr, "fleetsim run: out of memory\n");
        goto done;
      }
      fpol = more;
      size_t k = pf.n;
      for (int v = 0; v < sc.graph->nvendors; v++) {
        const fs_graph_decl_vendor *d = &sc.graph->vendors[v];
        if (!d->has_fleet) continue;
        const fs_industry *ind = &cfg->industries[d->fleet_industry];
        fpol[k++] = (fs_fleet_policy){
            .industry = d->fleet_industry,
            .region = d->fleet_region,
            .endpoints = d->fleet_endpoints,
            .vendor = -1,
            .agent_fixed = 1,
            .is_agent_vendor = strcmp(d->fleet_agent, cfg->incident.vendor) == 0,
            .revenue_usd = d->fleet_revenue_usd > 0
                               ? d->fleet_revenue_usd
                               : d->fleet_endpoints * ind->cost.revenue_per_endpoint};
      }
    }
  }
  if (fs_fleet_build_with(&fleet, cfg, scale, frng, fpol, pf.n + nprov, &err) != 0) {
    fprintf(stderr, "fleetsim run: %s: %s\n", sc.path, err.msg);
    goto done;
  }
  for (size_t i = 0; i < pf.n; i++) {
    policy_org[i] = (uint32_t) (fleet.first_policy_org + i);
    terms[i] = pf.p[i].terms;
  }
  /* The dependency graph: built and frozen here, on one thread (igraph is
     not thread-safe), then read by every replication. */
  if (sc.graph) {
    gsl_rng *grng = fs_rng_new(cfg->seed, FS_STREAM_GRAPH);
    int grc = grng ? fs_graph_build(&graph, sc.graph, cfg, &fleet, grng, &err)
                   : fs_err_set(&err, FS_ENOMEM, "out of memory");
    if (grng) gsl_rng_free(grng);
    /* Each provider with a fleet is tied to its organisation: its health
       then follows its own endpoints (model/propagate.c). */
    if (grc == 0) {
      size_t k = fleet.first_policy_org + pf.n;
      for (int v = 0; v < sc.graph->nvendors; v++) {
        if (!sc.graph->vendors[v].has_fleet) continue;
        long node = fs_graph_find(&graph, sc.graph->vendors[v].id);
        if (node >= 0) graph.org[node] = (int32_t) k;
        k++;
      }
    }
    if (grc != 0 || fs_graph_freeze(&graph, &csr, &err) != 0) {
      fprintf(stderr, "fleetsim run: %s: %s\n", sc.path, err.msg);
      goto done;
    }
    have_graph = 1;
  }
  if (cfg->incident.kind != FS_INC_FAULTY_UPDATE) {
    if (!have_graph) {
      fprintf(stderr,
              "fleetsim run: %s: incident.kind %s needs a dependency graph (graph = "
              "require \"vendors\")\n",
              sc.path,
              cfg->incident.kind == FS_INC_PROVIDER_OUTAGE ? "provider_outage" : "supply_chain");
      goto done;
    }
    provider_node = fs_graph_find(&graph, cfg->incident.provider);
    if (provider_node < 0 || fs_graph_is_org(&graph, (uint32_t) provider_node)) {
      fprintf(stderr,
              "fleetsim run: %s: incident.provider: '%s' is not a provider of the "
              "dependency graph\n",
              sc.path, cfg->incident.provider);
      goto done;
    }
  }
  fs_queue_kind qk = FS_QUEUE_DEFAULT;
  fs_queue_kind_parse(queue, &qk);
  progress pr = {.tty = isatty(2), .t0 = fs_cli_now()};
  b = (fs_batch){.load = &lo,
                 .scenario = &sc,
                 .fleet = &fleet,
                 .reps = (int) reps,
                 .threads = (int) threads,
                 .queue = qk,
                 .interrupt = &fs_cli_interrupted,
                 .npol = pf.n,
                 .policy_org = policy_org,
                 .terms = terms,
                 .graph = have_graph ? &csr : NULL,
                 .provider_node = provider_node,
                 .progress = !quiet && reps > 1 ? on_progress : NULL,
                 .tick = !quiet && reps == 1 ? on_tick : NULL,
                 .progress_ud = &pr};
  if (fs_batch_run(&b, &err) != 0) {
    fprintf(stderr, "fleetsim run: %s: %s\n", sc.path, err.msg);
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
                      .wall_seconds = fs_cli_now() - t0,
                      .peak_rss_kb = ru.ru_maxrss,
                      .queue = queue,
                      .replications = b.done,
                      .partial = b.interrupted,
                      .threads = (int) threads};
  fs_loss_ctx lc = {.s = &sc,
                    .f = &fleet,
                    .b = &b,
                    .pf = portfolio ? &pf : NULL,
                    .years = (size_t) years,
                    .seed = cfg->seed};
  if (fs_outdir_begin(outdir, tmp, sizeof tmp, &err) != 0 ||
      fs_output_write_run(tmp, &sc, &fleet, &b.first, &info, &lc, &err) != 0 ||
      fs_output_write_band(tmp, &sc, &b, &err) != 0 || fs_losses_write(tmp, &lc, &err) != 0 ||
      (have_graph && write_graph_json(tmp, cfg, &graph, &csr, &err) != 0) ||
      fs_report_for_run(tmp, no_report, quiet, "fleetsim run") != 0 ||
      fs_outdir_commit(tmp, outdir, &err) != 0) {
    fprintf(stderr, "fleetsim run: %s\n", err.msg);
    fs_outdir_abort(tmp);
    goto done;
  }
  if (!quiet) {
    fs_output_print_summary(stdout, &sc, &fleet, &b.first, outdir);
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
  fs_graph_csr_free(&csr);
  fs_graph_free(&graph);
  fs_fleet_free(&fleet);
  free(fpol);
  free(policy_org);
  free(terms);
  if (portfolio) fs_portfolio_free(&pf);
  if (frng) gsl_rng_free(frng);
  fs_scenario_free(&sc);
  return status;
}
