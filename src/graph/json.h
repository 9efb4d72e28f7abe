/* json.h: graph.json, the dependency graph's analysis as JSON: what
   `fleetsim graph --json` prints and a results folder holds (its chart and
   report section read it back through the key names below).

   Schema (numbers as fs_json_num writes them; K = the report's top):
   {
     "scenario": NAME,
     "nodes", "providers", "organisations", "edges", "groups": counts,
     "semantics": how "down" propagates (text),
     "single_points_of_failure": [ K providers by rank (analysis.h):
       {"vendor", "category", "dependents", "organisation_nodes",
        "providers_down", "endpoints", "revenue_usd", ["policies" with a
        portfolio,] "hard", "dominated", "exposed", "direct",
        "capacity_lost", "category_hhi", "pagerank", "betweenness"} ],
     "concentration": {CATEGORY: {"providers", "organisations", "hhi",
        "hhi_revenue", "top" (a vendor or null), "top_share"}, ...},
     "centrality": [ K providers by PageRank: {"vendor", "pagerank",
        "betweenness"} ],
     "systemic_risk": {"outage_hours", "ranking": [{"vendor",
        "ground_up_usd", "insured_usd"}, ...]}   (only with --simulate)
   } */
#ifndef FS_GRAPH_JSON_H
#define FS_GRAPH_JSON_H

#include <stddef.h>
#include <stdio.h>

#include "graph/analysis.h"
#include "graph/graph.h"

/* The keys the report reads back. */
#define FS_GJ_SPOF       "single_points_of_failure"
#define FS_GJ_VENDOR     "vendor"
#define FS_GJ_CATEGORY   "category"
#define FS_GJ_DEPENDENTS "dependents"
#define FS_GJ_ENDPOINTS  "endpoints"
#define FS_GJ_REVENUE    "revenue_usd"

/* One provider's simulated outage (the systemic-risk ranking). */
typedef struct fs_graph_risk {
  uint32_t node;
  double ground_up, insured; /* mean over replications, USD */
} fs_graph_risk;

/* What graph.json holds; nothing is owned. */
typedef struct fs_graph_report {
  const char *scenario;
  fs_graph *g;
  const fs_graph_csr *c;
  const fs_graph_analysis *a;
  int top, has_portfolio;
  const fs_graph_risk *risk; /* systemic-risk ranking, or NULL */
  size_t nrisk;
  double outage_hours;
} fs_graph_report;

/* The category id of provider node p ("" when unknown), and that
   category's HHI (0..10000) in a. */
const char *fs_graph_category_id(const fs_graph *g, uint32_t p);
double fs_graph_category_hhi(const fs_graph *g, const fs_graph_analysis *a, uint32_t p);

/* Writes r as graph.json to f. Returns 0 or FS_ENOMEM (then f holds a
   part of it: write to memory first, fs_graph_json_text). */
int fs_graph_json(const fs_graph_report *r, FILE *f, fs_err *err);

/* The whole text of graph.json in a new buffer (*text, *len; free it),
   so that nothing is written when something fails. */
int fs_graph_json_text(const fs_graph_report *r, char **text, size_t *len, fs_err *err);

/* Writes text to path through a temporary file and a rename. */
int fs_graph_json_write(const char *text, size_t len, const char *path, fs_err *err);

#endif
