/* cmd_graph.c: `fleetsim graph`: the dependency graph, single points of failure, blast radius. */
#include <stdio.h>
#include <math.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/args.h"
#include "batch/batch.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "engine/rng.h"
#include "fleet/fleet.h"
#include "graph/analysis.h"
#include "graph/graph.h"
#include "graph/graph_impl.h"
#include "loss/portfolio.h"
#include "scenario/scenario.h"
#include "util/json.h"
#include "util/alloc.h"
#include "util/clock.h"

/* Streams: the fleet as `fleetsim run` draws it (so organisation indices
   agree), the graph synthesis from the next one down. */

static int ends_with(const char *s, const char *suf) {
  size_t n = strlen(s), k = strlen(suf);
  return n >= k && strcmp(s + n - k, suf) == 0;
}

static const char *cat_id(const fs_graph *g, uint32_t p) {
  return g->category[p] >= 0 ? g->cats[g->category[p]].id : "";
}

static double cat_hhi(const fs_graph_report *r, uint32_t p) {
  int k = r->g->category[p];
  return k >= 0 ? r->a->cats[k].hhi : 0;
}

int fs_cli_graph_json(void *ud, FILE *f, fs_err *err) {
  const fs_graph_report *r = ud;
  const fs_graph *g = r->g;
  const fs_graph_analysis *a = r->a;
  uint32_t k = (uint32_t) r->top < a->n ? (uint32_t) r->top : a->n;
  fputs("{\n  \"scenario\": ", f);
  fs_json_str(f, r->scenario);
  fprintf(f,
          ",\n  \"nodes\": %u,\n  \"providers\": %u,\n  \"organisations\": %u,\n"
          "  \"edges\": %u,\n  \"groups\": %u,\n",
          g->n_nodes, g->n_providers, g->n_nodes - g->n_providers, g->n_edges, r->c->n_groups);
  fputs("  \"semantics\": \"a dependent is down while one of its groups is down; a group (one hard "
        "edge, or the redundant edges sharing a group id) is down while all its providers are "
        "down; dependents count organisations weighted by what they stand for\",\n",
        f);
  fputs("  \"single_points_of_failure\": [", f);
  for (uint32_t i = 0; i < k; i++) {
    const fs_graph_vstats *s = &a->v[a->rank[i]];
    uint32_t p = s->node;
    fputs(i ? ",\n    {" : "\n    {", f);
    fputs("\"vendor\": ", f);
    fs_json_str(f, fs_graph_name(g, p));
    fputs(", \"category\": ", f);
    fs_json_str(f, cat_id(g, p));
    fputs(", \"dependents\": ", f);
    fs_json_num(f, s->dependents);
    fprintf(f, ", \"organisation_nodes\": %u, \"providers_down\": %u", s->orgs, s->providers);
    fputs(", \"endpoints\": ", f);
    fs_json_num(f, s->endpoints);
    fputs(", \"revenue_usd\": ", f);
    fs_json_num(f, s->revenue_usd);
    if (r->has_portfolio) fprintf(f, ", \"policies\": %u", s->policies);
    fputs(", \"hard\": ", f);
    fs_json_num(f, s->hard);
    fputs(", \"dominated\": ", f);
    fs_json_num(f, s->dominated);
    fputs(", \"exposed\": ", f);
    fs_json_num(f, s->exposed);
    fputs(", \"direct\": ", f);
    fs_json_num(f, s->direct);
    fputs(", \"capacity_lost\": ", f);
    fs_json_num(f, s->capacity_lost);
    fputs(", \"category_hhi\": ", f);
    fs_json_num(f, cat_hhi(r, p));
    fputs(", \"pagerank\": ", f);
    fs_json_num(f, s->pagerank);
    fputs(", \"betweenness\": ", f);
    fs_json_num(f, s->betweenness);
    fputc('}', f);
  }
  fputs("\n  ],\n  \"concentration\": {", f);
  for (int c = 0; c < a->ncats; c++) {
    const fs_graph_cstats *s = &a->cats[c];
    fputs(c ? ",\n    " : "\n    ", f);
    fs_json_str(f, g->cats[c].id);
    fprintf(f, ": {\"providers\": %u, \"organisations\": ", s->providers);
    fs_json_num(f, s->orgs);
    fputs(", \"hhi\": ", f);
    fs_json_num(f, s->hhi);
    fputs(", \"hhi_revenue\": ", f);
    fs_json_num(f, s->hhi_revenue);
    fputs(", \"top\": ", f);
    if (s->top == FS_GRAPH_NONE)
      fputs("null", f);
    else
      fs_json_str(f, fs_graph_name(g, s->top));
    fputs(", \"top_share\": ", f);
    fs_json_num(f, s->top_share);
    fputc('}', f);
  }
  fputs("\n  },\n  \"centrality\": [", f);
  /* Top K by PageRank. */
  uint32_t *by = fs_malloc(((size_t) a->n + 1) * sizeof *by);
  if (!by) return fs_err_set(err, FS_ENOMEM, "out of memory");
  uint32_t nb = 0;
  for (uint32_t p = 0; p < a->n; p++) by[nb++] = p;
  for (uint32_t i = 0; i < k && i < nb; i++) {
    uint32_t best = i;
    for (uint32_t j = i + 1; j < nb; j++)
      if (a->v[by[j]].pagerank > a->v[by[best]].pagerank) best = j;
    uint32_t t = by[i];
    by[i] = by[best];
    by[best] = t;
    fputs(i ? ",\n    {" : "\n    {", f);
    fputs("\"vendor\": ", f);
    fs_json_str(f, fs_graph_name(g, by[i]));
    fputs(", \"pagerank\": ", f);
    fs_json_num(f, a->v[by[i]].pagerank);
    fputs(", \"betweenness\": ", f);
    fs_json_num(f, a->v[by[i]].betweenness);
    fputc('}', f);
  }
  free(by);
  fputs("\n  ]", f);
  if (r->sim) {
    fprintf(f, ",\n  \"systemic_risk\": {\"outage_hours\": ");
    fs_json_num(f, r->outage_hours);
    fputs(", \"ranking\": [", f);
    for (size_t i = 0; i < r->nsim; i++) {
      fputs(i ? ",\n    {" : "\n    {", f);
      fputs("\"vendor\": ", f);
      fs_json_str(f, fs_graph_name(g, r->sim[i].node));
      fputs(", \"ground_up_usd\": ", f);
      fs_json_num(f, round(r->sim[i].ground_up));
      fputs(", \"insured_usd\": ", f);
      fs_json_num(f, round(r->sim[i].insured));
      fputc('}', f);
    }
    fputs("\n  ]}", f);
  }
  fputs("\n}\n", f);
  return 0;
}

static int by_loss(const void *x, const void *y) {
  const fs_sim_row *a = x, *b = y;
  if (a->ground_up != b->ground_up) return a->ground_up < b->ground_up ? 1 : -1;
  return a->node < b->node ? -1 : a->node > b->node;
}

/* The systemic-risk ranking: each of the top providers' outage (outage_hours
   from the scenario's incident start) run through the engine with the
   dependency graph, reps replications, ranked by mean ground-up loss. */
static int simulate(fs_scenario *sc, const fs_load_opts *lo, const fs_fleet *fleet,
                    const fs_graph *g, const fs_graph_csr *csr, const fs_graph_analysis *an,
                    const fs_portfolio *pf, int top, int reps, int threads, double hours,
                    fs_sim_row **out, size_t *nout, fs_err *err) {
  fs_config *base = sc->cfg, *cfg = fs_malloc(sizeof *cfg);
  fs_sim_row *rows = fs_calloc((size_t) top + 1, sizeof *rows);
  uint32_t *policy_org = fs_calloc(pf->n + 1, sizeof *policy_org);
  fs_terms *terms = fs_calloc(pf->n + 1, sizeof *terms);
  int rc = 0;
  size_t n = 0;
  if (!cfg || !rows || !policy_org || !terms) {
    rc = fs_err_set(err, FS_ENOMEM, "out of memory for --simulate");
    goto done;
  }
  for (size_t i = 0; i < pf->n; i++) {
    policy_org[i] = (uint32_t) (fleet->first_policy_org + i);
    terms[i] = pf->p[i].terms;
  }
  double start = base->incident.kind == FS_INC_PROVIDER_OUTAGE ? base->incident.start_hours
                                                               : base->incident.publish_hours;
  for (uint32_t k = 0; k < an->n && (int) n < top; k++) {
    uint32_t v = an->rank[k];
    int cat = g->category[v];
    if (cat >= 0 && g->cats[cat].via_fleet) continue; /* agents and OSes crash fleets instead */
    *cfg = *base;
    cfg->incident.kind = FS_INC_PROVIDER_OUTAGE;
    cfg->incident.start_hours = cfg->incident.publish_hours = cfg->incident.pull_hours = start;
    cfg->incident.end_hours = start + hours;
    cfg->incident.guidance_hours = start;
    snprintf(cfg->incident.provider, sizeof cfg->incident.provider, "%s", fs_graph_name(g, v));
    sc->cfg = cfg;
    fs_batch b = {.load = lo,
                  .scenario = sc,
                  .fleet = fleet,
                  .reps = reps,
                  .threads = threads,
                  .queue = FS_QUEUE_DEFAULT,
                  .interrupt = &fs_cli_interrupted,
                  .npol = pf->n,
                  .policy_org = policy_org,
                  .terms = terms,
                  .graph = csr,
                  .provider_node = (long) v};
    rc = fs_batch_run(&b, err);
    sc->cfg = base;
    if (rc == 0 && b.interrupted) rc = fs_err_set(err, FS_EINTR, "interrupted");
    if (rc == 0) {
      fs_sim_row *row = &rows[n++];
      row->node = v;
      for (int r = 0; r < b.done; r++) {
        row->ground_up += b.rep[r].loss_total / b.done;
        for (size_t i = 0; i < pf->n; i++) row->insured += b.rep[r].policy_il[i] / b.done;
      }
    }
    fs_batch_free(&b);
    if (rc != 0) goto done;
  }
  qsort(rows, n, sizeof *rows, by_loss);
done:
  sc->cfg = base;
  free(cfg);
  free(policy_org);
  free(terms);
  if (rc != 0) {
    free(rows);
    rows = NULL;
    n = 0;
  }
  *out = rows;
  *nout = n;
  return rc;
}

static void print_table(const fs_graph_report *r) {
  const fs_graph *g = r->g;
  const fs_graph_analysis *a = r->a;
  uint32_t k = (uint32_t) r->top < a->n ? (uint32_t) r->top : a->n;
  printf("%s: %u providers, %u organisations, %u edges, %u groups\n\n", r->scenario, g->n_providers,
         g->n_nodes - g->n_providers, g->n_edges, r->c->n_groups);
  printf("%4s  %-24s %-20s %12s %14s %16s", "rank", "vendor", "category", "dependents", "endpoints",
         "revenue_usd");
  if (r->has_portfolio) printf(" %8s", "policies");
  printf(" %8s %9s\n", "HHI(cat)", "PageRank");
  for (uint32_t i = 0; i < k; i++) {
    const fs_graph_vstats *s = &a->v[a->rank[i]];
    printf("%4u  %-24s %-20s %12.0f %14.0f %16.4g", i + 1, fs_graph_name(g, s->node),
           cat_id(g, s->node), s->dependents, s->endpoints, s->revenue_usd);
    if (r->has_portfolio) printf(" %8u", s->policies);
    printf(" %8.0f %9.5f\n", cat_hhi(r, s->node), s->pagerank);
  }
  printf("\n%-20s %9s %12s %8s %12s  %s\n", "category", "providers", "orgs", "HHI", "HHI(rev)",
         "largest");
  for (int c = 0; c < a->ncats; c++) {
    const fs_graph_cstats *s = &a->cats[c];
    if (s->providers == 0) continue;
    printf("%-20s %9u %12.0f %8.0f %12.0f  %s (%.1f%%)\n", g->cats[c].id, s->providers, s->orgs,
           s->hhi, s->hhi_revenue, s->top == FS_GRAPH_NONE ? "-" : fs_graph_name(g, s->top),
           100 * s->top_share);
  }
  printf(
      "\ndependents: organisations down when the vendor alone fails (weighted); HHI on 0-10000\n");
}

int fs_cmd_graph(int argc, char **argv) {
  fs_set_list sets = {0};
  uint64_t seed = 0;
  double scale = 1.0;
  const char *portfolio = NULL, *export_path = NULL, *import_path = NULL, *models = NULL,
             *out = NULL;
  int64_t top = 20, lua_mem = 256, lua_steps = 200000000, sim_reps = 2, sim_threads = 0;
  int json = 0, timings = 0, no_centrality = 0, do_simulate = 0;
  double outage_hours = 8;
  fs_sim_row *sim = NULL;
  size_t nsim = 0;
  const fs_opt opts[] = {
      {"--portfolio", NULL, FS_OPT_STRING, "FILE", "policy portfolio CSV: policies per vendor", 0,
       0, NULL, &portfolio},
      {"--json", NULL, FS_OPT_FLAG, NULL, "print one JSON object instead of the table", 0, 0, NULL,
       &json},
      {"--output", "-o", FS_OPT_STRING, "FILE", "also write the JSON to FILE (e.g. graph.json)", 0,
       0, NULL, &out},
      {"--top", NULL, FS_OPT_INT, "K", "vendors listed (20)", 1, 1e9, NULL, &top},
      {"--scale", NULL, FS_OPT_DOUBLE, "F", "sample a fraction F of the endpoints", 1e-6, 1, NULL,
       &scale},
      {"--export", NULL, FS_OPT_STRING, "FILE", "write the graph as FILE.graphml or FILE.dot", 0, 0,
       NULL, &export_path},
      {"--import", NULL, FS_OPT_STRING, "FILE",
       "a .graphml graph instead of the scenario's, or a .csv edge list", 0, 0, NULL, &import_path},
      {"--no-centrality", NULL, FS_OPT_FLAG, NULL, "skip PageRank and betweenness", 0, 0, NULL,
       &no_centrality},
      {"--timings", NULL, FS_OPT_FLAG, NULL, "print timings to stderr", 0, 0, NULL, &timings},
      {"--simulate", NULL, FS_OPT_FLAG, NULL,
       "run the top K vendors' outages through the engine and rank them by loss", 0, 0, NULL,
       &do_simulate},
      {"--outage-hours", NULL, FS_OPT_DOUBLE, "H", "length of each simulated outage (8)", 0.1, 1e4,
       NULL, &outage_hours},
      {"--replications", "-n", FS_OPT_INT, "R", "replications per simulated outage (2)", 1, 1e5,
       NULL, &sim_reps},
      {"--threads", "-j", FS_OPT_INT, "J", "worker threads for --simulate (all cores)", 1, 1024,
       NULL, &sim_threads},
      {"--set", NULL, FS_OPT_LIST, "NAME=VALUE", "override a scenario parameter (repeatable)", 0, 0,
       NULL, NULL, fs_cli_add_set, &sets},
      {"--seed", NULL, FS_OPT_UINT64, "S", "random seed (default: the scenario's)", 0, 0, NULL,
       &seed},
      {"--models", NULL, FS_OPT_STRING, "DIR", "models folder (default: the built-in one)", 0, 0,
       NULL, &models},
      {"--lua-mem", NULL, FS_OPT_INT, "MIB", "memory limit of the scenario script (256)", 1,
       1 << 20, NULL, &lua_mem},
      {"--lua-steps", NULL, FS_OPT_INT, "N", "instruction limit per script phase (2e8)", 1000, 1e15,
       NULL, &lua_steps},
  };
  const fs_cmd_spec spec = {
      "fleetsim graph",
      "SCENARIO [options]",
      "Vendor dependency graph: single points of failure, blast radius, concentration,\n"
      "and with --simulate the systemic-risk ranking of vendors by simulated loss.",
      "The graph comes from the scenario's `graph` table (declared vendors and edges,\n"
      "organisations of the scenario's fleet picking providers by market share), or\n"
      "from --import. Vendors are ranked by the organisations that go down when the\n"
      "vendor alone fails (docs/GRAPH.md). Exit status 1: the scenario, portfolio or\n"
      "graph failed to load (the message names file, line and field); nothing is\n"
      "written then.",
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
  int import_graphml = import_path && ends_with(import_path, ".graphml");
  if (import_path && !import_graphml && !ends_with(import_path, ".csv")) {
    fs_err_set(&err, FS_EUSAGE, "--import needs a .graphml or .csv file (got %s)", import_path);
    return fs_args_fail(&spec, &err);
  }
  if (export_path && !ends_with(export_path, ".graphml") && !ends_with(export_path, ".dot") &&
      !ends_with(export_path, ".gv")) {
    fs_err_set(&err, FS_EUSAGE, "--export needs a .graphml or .dot file name (got %s)",
               export_path);
    return fs_args_fail(&spec, &err);
  }

  double t0 = fs_now();
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
    fprintf(stderr, "fleetsim graph: %s\n", err.msg);
    return 1;
  }
  const fs_config *cfg = sc.cfg;
  int status = 1;
  fs_fleet fleet = {0};
  fs_portfolio pf = {0};
  fs_fleet_policy *fpol = NULL;
  fs_graph g;
  fs_graph_init(&g);
  fs_graph_csr csr = {0};
  fs_graph_analysis an = {0};
  gsl_rng *frng = NULL, *grng = NULL;
  double t_load = fs_now() - t0, t_fleet = 0, t_build = 0, t_freeze = 0;

  if (!sc.graph && !import_graphml) {
    fprintf(stderr,
            "fleetsim graph: %s: the scenario has no graph table (add graph = require "
            "\"vendors\", or pass --import FILE.graphml)\n",
            sc.path);
    goto done;
  }
  if (portfolio) {
    const char *inds[FS_MAX_INDUSTRIES], *regs[FS_MAX_REGIONS];
    for (int k = 0; k < cfg->nindustries; k++) inds[k] = cfg->industries[k].id;
    for (int k = 0; k < cfg->nregions; k++) regs[k] = cfg->regions[k].id;
    if (fs_portfolio_load(&pf, portfolio, inds, cfg->nindustries, regs, cfg->nregions, &err) != 0) {
      fprintf(stderr, "fleetsim graph: %s\n", err.msg);
      goto done;
    }
    fpol = fs_calloc(pf.n, sizeof *fpol);
    if (!fpol) {
      fprintf(stderr, "fleetsim graph: out of memory for the portfolio\n");
      goto done;
    }
    if (fs_cli_policies_for_fleet(cfg, &pf, fpol, &err) != 0) {
      fprintf(stderr, "fleetsim graph: %s\n", err.msg);
      goto done;
    }
  }
  if (import_graphml) {
    double t = fs_now();
    if (fs_graph_read_graphml(&g, import_path, &err) != 0) {
      fprintf(stderr, "fleetsim graph: %s\n", err.msg);
      goto done;
    }
    t_build = fs_now() - t;
  } else {
    double t = fs_now();
    frng = fs_rng_new(cfg->seed, FS_STREAM_FLEET);
    grng = fs_rng_new(cfg->seed, FS_STREAM_GRAPH);
    if (!frng || !grng) {
      fprintf(stderr, "fleetsim graph: out of memory\n");
      goto done;
    }
    if (fs_fleet_build_with(&fleet, cfg, scale, frng, fpol, pf.n, &err) != 0) {
      fprintf(stderr, "fleetsim graph: %s: %s\n", sc.path, err.msg);
      goto done;
    }
    t_fleet = fs_now() - t;
    t = fs_now();
    if (fs_graph_build(&g, sc.graph, cfg, &fleet, grng, &err) != 0) {
      fprintf(stderr, "fleetsim graph: %s: %s\n", sc.path, err.msg);
      goto done;
    }
    if (import_path && fs_graph_import_edges(&g, import_path, &err) != 0) {
      fprintf(stderr, "fleetsim graph: %s\n", err.msg);
      goto done;
    }
    t_build = fs_now() - t;
    if (!do_simulate) fs_fleet_free(&fleet); /* the graph holds what analysis needs */
  }
  double t = fs_now();
  if (fs_graph_freeze(&g, &csr, &err) != 0) {
    fprintf(stderr, "fleetsim graph: %s\n", err.msg);
    goto done;
  }
  t_freeze = fs_now() - t;
  fs_graph_analysis_opts ao = {.centrality = !no_centrality, .dominators = 1};
  if (fs_graph_analyse(&g, &csr, &ao, &an, &err) != 0) {
    fprintf(stderr, "fleetsim graph: %s\n", err.msg);
    goto done;
  }
  if (do_simulate) {
    if (import_graphml) {
      fprintf(stderr, "fleetsim graph: --simulate needs the scenario's fleet (not --import "
                      "of a GraphML graph)\n");
      status = 2;
      goto done;
    }
    if (!cfg->has_costs) {
      fprintf(stderr, "fleetsim graph: %s: --simulate needs a scenario with costs\n", sc.path);
      goto done;
    }
    if (sim_threads == 0) {
      long nc = sysconf(_SC_NPROCESSORS_ONLN);
      sim_threads = nc > 0 ? nc : 1;
    }
    if (simulate(&sc, &lo, &fleet, &g, &csr, &an, &pf, (int) top, (int) sim_reps, (int) sim_threads,
                 outage_hours, &sim, &nsim, &err) != 0) {
      fprintf(stderr, "fleetsim graph: %s: %s\n", sc.path, err.msg);
      goto done;
    }
  }
  fs_graph_report r = {cfg->name,         &g,  &csr, &an,         (int) top,
                       portfolio != NULL, sim, nsim, outage_hours};
  if (export_path && fs_graph_export(&g, export_path, &err) != 0) {
    fprintf(stderr, "fleetsim graph: %s\n", err.msg);
    goto done;
  }
  if (out && fs_graph__write_atomic(out, fs_cli_graph_json, &r, &err) != 0) {
    fprintf(stderr, "fleetsim graph: %s\n", err.msg);
    goto done;
  }
  if (json) {
    fs_cli_graph_json(&r, stdout, &err);
  } else {
    print_table(&r);
    if (sim) {
      printf("\nsystemic-risk ranking: each vendor down %.1f h, mean of %d replications\n",
             outage_hours, (int) sim_reps);
      printf("%-5s %-24s %18s %18s\n", "rank", "vendor", "ground-up USD", "insured USD");
      for (size_t i = 0; i < nsim; i++)
        printf("%-5zu %-24s %18.0f %18.0f\n", i + 1, fs_graph_name(&g, sim[i].node),
               sim[i].ground_up, sim[i].insured);
    }
  }
  fflush(stdout);
  if (timings)
    fprintf(stderr,
            "timings: load %.3f s, fleet %.3f s, build %.3f s, freeze %.3f s, blast+hhi %.3f s, "
            "dominators %.3f s, centrality %.3f s; %u nodes, %u edges\n",
            t_load, t_fleet, t_build, t_freeze, an.sec_blast, an.sec_dominators, an.sec_centrality,
            g.n_nodes, g.n_edges);
  status = 0;
done:
  free(sim);
  fs_graph_analysis_free(&an);
  fs_graph_csr_free(&csr);
  fs_graph_free(&g);
  fs_fleet_free(&fleet);
  free(fpol);
  if (portfolio) fs_portfolio_free(&pf);
  if (frng) gsl_rng_free(frng);
  if (grng) gsl_rng_free(grng);
  fs_scenario_free(&sc);
  return status;
}
