/* cmd_graph.c: `fleetsim graph`: the dependency graph of a session, single
   points of failure, blast radius, concentration, and the systemic-risk
   ranking. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/help.h"
#include "cli/common.h"
#include "cli/options.h"
#include "pipeline/results.h"
#include "pipeline/systemic.h"
#include "util/ident.h"

static int ends_with(const char *s, const char *suf) {
  size_t n = strlen(s), k = strlen(suf);
  return n >= k && strcmp(s + n - k, suf) == 0;
}

typedef struct graph_args {
  fs_cli_scenario so;
  const char *export_path, *import_path, *out;
  int64_t top, reps, threads;
  int json, timings, no_centrality, simulate;
  double outage_hours;
} graph_args;

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
    char name[FS_ID_MAX * 4]; /* a GraphML id may hold any text: shown without control bytes */
    fs_ident_show(fs_graph_name(g, s->node), name, sizeof name);
    printf("%4u  %-24s %-20s %12.0f %14.0f %16.4g", i + 1, name, fs_graph_category_id(g, s->node),
           s->dependents, s->endpoints, s->revenue_usd);
    if (r->has_portfolio) printf(" %8u", s->policies);
    printf(" %8.0f %9.5f\n", fs_graph_category_hhi(g, a, s->node), s->pagerank);
  }
  printf("\n%-20s %9s %12s %8s %12s  %s\n", "category", "providers", "orgs", "HHI", "HHI(rev)",
         "largest");
  for (int c = 0; c < a->ncats; c++) {
    const fs_graph_cstats *s = &a->cats[c];
    if (s->providers == 0) continue;
    char top[FS_ID_MAX * 4];
    fs_ident_show(s->top == FS_GRAPH_NONE ? "-" : fs_graph_name(g, s->top), top, sizeof top);
    printf("%-20s %9u %12.0f %8.0f %12.0f  %s (%.1f%%)\n", g->cats[c].id, s->providers, s->orgs,
           s->hhi, s->hhi_revenue, top, 100 * s->top_share);
  }
  printf(
      "\ndependents: organisations down when the vendor alone fails (weighted); HHI on 0-10000\n");
}

static void print_risk(const fs_graph_report *r, int reps) {
  const fs_graph *g = r->g;
  printf("\nsystemic-risk ranking: each vendor down %.1f h, mean of %d replications\n",
         r->outage_hours, reps);
  printf("%-5s %-24s %18s %18s\n", "rank", "vendor", "ground-up USD", "insured USD");
  for (size_t i = 0; i < r->nrisk; i++)
    printf("%-5zu %-24s %18.0f %18.0f\n", i + 1, fs_graph_name(g, r->risk[i].node),
           r->risk[i].ground_up, r->risk[i].insured);
}

/* Analyses (and simulates) the open session and prints or writes the
   result; the exit status. */
static int report(fs_session *s, const graph_args *a) {
  fs_err err = {0};
  fs_graph_analysis an = {0};
  fs_graph_risk *risk = NULL;
  size_t nrisk = 0;
  int rc = fs_results_analyse(s, !a->no_centrality, &an, &err);
  if (rc == 0 && a->simulate) {
    fs_systemic_opts so = {.top = (int) a->top,
                           .reps = (int) a->reps,
                           .threads = a->threads ? (int) a->threads : fs_cli_cores(),
                           .outage_hours = a->outage_hours,
                           .interrupt = &fs_cli_interrupted};
    if ((rc = fs_systemic_rank(s, &an, &so, &risk, &nrisk, &err)) != 0)
      fs_err_prefix(&err, "%s", s->sc.path);
  }
  fs_graph_report r = fs_results_graph_report(s, &an, (int) a->top);
  r.risk = risk;
  r.nrisk = nrisk;
  r.outage_hours = a->outage_hours;
  char *text = NULL;
  size_t len = 0;
  if (rc == 0 && (a->out || a->json)) rc = fs_graph_json_text(&r, &text, &len, &err);
  if (rc == 0 && a->export_path) rc = fs_graph_export(&s->graph, a->export_path, &err);
  if (rc == 0 && a->out) rc = fs_graph_json_write(text, len, a->out, &err);
  if (rc == 0 && a->json) fwrite(text, 1, len, stdout);
  if (rc == 0 && !a->json) print_table(&r);
  if (rc == 0 && !a->json && risk) print_risk(&r, (int) a->reps);
  free(text);
  fflush(stdout);
  if (rc == 0 && a->timings)
    fs_cli_eprintf("timings: load %.3f s, fleet %.3f s, graph %.3f s, blast+hhi %.3f s, dominators "
                   "%.3f s, centrality %.3f s; %u nodes, %u edges\n",
                   s->sec_load, s->sec_fleet, s->sec_graph, an.sec_blast, an.sec_dominators,
                   an.sec_centrality, s->graph.n_nodes, s->graph.n_edges);
  if (rc != 0) fs_cli_eprintf("fleetsim graph: %s\n", err.msg);
  free(risk);
  fs_graph_analysis_free(&an);
  return rc == 0 ? 0 : rc == FS_EINTR ? 130 : rc == FS_EUSAGE ? 2 : 1;
}

/* Usage errors of the file options; 0 or FS_EUSAGE. */
static int check_files(const graph_args *a, fs_err *err) {
  const char *imp = a->import_path, *exp = a->export_path;
  if (imp && !ends_with(imp, ".graphml") && !ends_with(imp, ".csv"))
    return fs_err_set(err, FS_EUSAGE, "--import needs a .graphml or .csv file (got %s)", imp);
  if (exp && !ends_with(exp, ".graphml") && !ends_with(exp, ".dot") && !ends_with(exp, ".gv"))
    return fs_err_set(err, FS_EUSAGE, "--export needs a .graphml or .dot file name (got %s)", exp);
  if (a->simulate && imp && ends_with(imp, ".graphml"))
    return fs_err_set(err, FS_EUSAGE,
                      "--simulate needs the scenario's fleet (not --import of a GraphML graph)");
  return 0;
}

int fs_cmd_graph(int argc, char **argv) {
  graph_args a = {.top = FS_RESULTS_GRAPH_TOP, .reps = 2, .outage_hours = 8};
  fs_opt opts[FS_ARGS_MAX_OPTS];
  int nopts = 0;
  fs_cli_scenario_opts(&a.so, opts, &nopts);
  const fs_opt own[] = {
      {"--json", NULL, FS_OPT_FLAG, NULL, "print one JSON object instead of the table", 0, 0, NULL,
       &a.json},
      {"--output", "-o", FS_OPT_STRING, "FILE", "also write the JSON to FILE (e.g. graph.json)", 0,
       0, NULL, &a.out},
      {"--top", NULL, FS_OPT_INT, "K", "vendors listed (20)", 1, 1e9, NULL, &a.top},
      {"--export", NULL, FS_OPT_STRING, "FILE", "write the graph as FILE.graphml or FILE.dot", 0, 0,
       NULL, &a.export_path},
      {"--import", NULL, FS_OPT_STRING, "FILE",
       "a .graphml graph instead of the scenario's, or a .csv edge list", 0, 0, NULL,
       &a.import_path},
      {"--no-centrality", NULL, FS_OPT_FLAG, NULL, "skip PageRank and betweenness", 0, 0, NULL,
       &a.no_centrality},
      {"--timings", NULL, FS_OPT_FLAG, NULL, "print timings to stderr", 0, 0, NULL, &a.timings},
      {"--simulate", NULL, FS_OPT_FLAG, NULL,
       "run the top K vendors' outages through the engine and rank them by loss", 0, 0, NULL,
       &a.simulate},
      {"--outage-hours", NULL, FS_OPT_DOUBLE, "H", "length of each simulated outage (8)", 0.1, 1e4,
       NULL, &a.outage_hours},
      {"--replications", "-n", FS_OPT_INT, "R", "replications per simulated outage (2)", 1, 1e5,
       NULL, &a.reps},
      {"--threads", "-j", FS_OPT_INT, "J", "worker threads for --simulate (all cores)", 1, 1024,
       NULL, &a.threads},
  };
  for (size_t i = 0; i < sizeof own / sizeof own[0]; i++) opts[nopts++] = own[i];
  const fs_cmd_spec spec = fs_cli_spec("fleetsim graph", opts, nopts, 1, 1);
  char *pos[1];
  int npos, rc = fs_cli_parse(&spec, argc, argv, pos, &npos);
  if (rc >= 0) return rc;
  fs_err err = {0};
  if (check_files(&a, &err) != 0) return fs_args_fail(&spec, &err);
  if (a.out && strcmp(a.out, "-") == 0) { /* -o -: the JSON on stdout, instead of the table */
    a.out = NULL;
    a.json = 1;
  }
  fs_session_opts so;
  fs_cli_scenario_session(&a.so, pos[0], &so);
  if (a.so.list_params) return fs_cli_list_params(&spec, &so);
  so.graph_import = a.import_path;
  so.require_graph = 1;
  so.priced = 0;
  fs_session s;
  rc = fs_session_open(&s, &so, NULL, &err);
  if (rc == FS_EUSAGE) return fs_args_fail(&spec, &err);
  if (rc != 0) {
    fs_cli_eprintf("fleetsim graph: %s\n", err.msg);
    return 1;
  }
  if (a.simulate && !s.sc.cfg->has_costs) {
    fs_cli_eprintf("fleetsim graph: %s: --simulate needs a scenario with costs\n", s.sc.path);
    fs_session_close(&s);
    return 1;
  }
  int status = report(&s, &a);
  fs_session_close(&s);
  return status;
}
