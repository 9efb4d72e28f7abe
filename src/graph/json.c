/* json.c: graph.json (the schema is in json.h). */
#include "graph/json.h"

#include <math.h>
#include <stdlib.h>

#include "graph/graph_impl.h"
#include "util/alloc.h"
#include "util/json.h"

const char *fs_graph_category_id(const fs_graph *g, uint32_t p) {
  return g->category[p] >= 0 ? g->cats[g->category[p]].id : "";
}

double fs_graph_category_hhi(const fs_graph *g, const fs_graph_analysis *a, uint32_t p) {
  int k = g->category[p];
  return k >= 0 ? a->cats[k].hhi : 0;
}

/* ", \"key\": value" */
static void num(FILE *f, const char *key, double v) {
  fprintf(f, ", \"%s\": ", key);
  fs_json_num(f, v);
}

/* One provider of the single-points-of-failure list. */
static void spof(FILE *f, const fs_graph_report *r, const fs_graph_vstats *s) {
  const fs_graph *g = r->g;
  fputs("{\"" FS_GJ_VENDOR "\": ", f);
  fs_json_str(f, fs_graph_name(g, s->node));
  fputs(", \"" FS_GJ_CATEGORY "\": ", f);
  fs_json_str(f, fs_graph_category_id(g, s->node));
  num(f, FS_GJ_DEPENDENTS, s->dependents);
  fprintf(f, ", \"organisation_nodes\": %u, \"providers_down\": %u", s->orgs, s->providers);
  num(f, FS_GJ_ENDPOINTS, s->endpoints);
  num(f, FS_GJ_REVENUE, s->revenue_usd);
  if (r->has_portfolio) fprintf(f, ", \"policies\": %u", s->policies);
  num(f, "hard", s->hard);
  num(f, "dominated", s->dominated);
  num(f, "exposed", s->exposed);
  num(f, "direct", s->direct);
  num(f, "capacity_lost", s->capacity_lost);
  num(f, "category_hhi", fs_graph_category_hhi(g, r->a, s->node));
  num(f, "pagerank", s->pagerank);
  num(f, "betweenness", s->betweenness);
  fputc('}', f);
}

static void concentration(FILE *f, const fs_graph_report *r) {
  const fs_graph *g = r->g;
  for (int c = 0; c < r->a->ncats; c++) {
    const fs_graph_cstats *s = &r->a->cats[c];
    fputs(c ? ",\n    " : "\n    ", f);
    fs_json_str(f, g->cats[c].id);
    fprintf(f, ": {\"providers\": %u", s->providers);
    num(f, "organisations", s->orgs);
    num(f, "hhi", s->hhi);
    num(f, "hhi_revenue", s->hhi_revenue);
    fputs(", \"top\": ", f);
    if (s->top == FS_GRAPH_NONE)
      fputs("null", f);
    else
      fs_json_str(f, fs_graph_name(g, s->top));
    num(f, "top_share", s->top_share);
    fputc('}', f);
  }
}

/* The first k providers by PageRank (a selection sort over by, whose ties
   fall as its swaps leave them). */
static void centrality(FILE *f, const fs_graph_report *r, uint32_t k, uint32_t *by) {
  const fs_graph_analysis *a = r->a;
  for (uint32_t p = 0; p < a->n; p++) by[p] = p;
  for (uint32_t i = 0; i < k && i < a->n; i++) {
    uint32_t best = i;
    for (uint32_t j = i + 1; j < a->n; j++)
      if (a->v[by[j]].pagerank > a->v[by[best]].pagerank) best = j;
    uint32_t t = by[i];
    by[i] = by[best];
    by[best] = t;
    fputs(i ? ",\n    {\"" FS_GJ_VENDOR "\": " : "\n    {\"" FS_GJ_VENDOR "\": ", f);
    fs_json_str(f, fs_graph_name(r->g, by[i]));
    num(f, "pagerank", a->v[by[i]].pagerank);
    num(f, "betweenness", a->v[by[i]].betweenness);
    fputc('}', f);
  }
}

static void systemic_risk(FILE *f, const fs_graph_report *r) {
  fprintf(f, ",\n  \"systemic_risk\": {\"outage_hours\": ");
  fs_json_num(f, r->outage_hours);
  fputs(", \"ranking\": [", f);
  for (size_t i = 0; i < r->nrisk; i++) {
    fputs(i ? ",\n    {\"" FS_GJ_VENDOR "\": " : "\n    {\"" FS_GJ_VENDOR "\": ", f);
    fs_json_str(f, fs_graph_name(r->g, r->risk[i].node));
    num(f, "ground_up_usd", round(r->risk[i].ground_up));
    num(f, "insured_usd", round(r->risk[i].insured));
    fputc('}', f);
  }
  fputs("\n  ]}", f);
}

int fs_graph_json(const fs_graph_report *r, FILE *f, fs_err *err) {
  const fs_graph *g = r->g;
  const fs_graph_analysis *a = r->a;
  uint32_t k = (uint32_t) r->top < a->n ? (uint32_t) r->top : a->n;
  uint32_t *by = fs_malloc(((size_t) a->n + 1) * sizeof *by);
  if (!by) return fs_err_set(err, FS_ENOMEM, "out of memory for graph.json");
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
  fputs("  \"" FS_GJ_SPOF "\": [", f);
  for (uint32_t i = 0; i < k; i++) {
    fputs(i ? ",\n    " : "\n    ", f);
    spof(f, r, &a->v[a->rank[i]]);
  }
  fputs("\n  ],\n  \"concentration\": {", f);
  concentration(f, r);
  fputs("\n  },\n  \"centrality\": [", f);
  centrality(f, r, k, by);
  free(by);
  fputs("\n  ]", f);
  if (r->risk) systemic_risk(f, r);
  fputs("\n}\n", f);
  return 0;
}

int fs_graph_json_text(const fs_graph_report *r, char **text, size_t *len, fs_err *err) {
  *text = NULL;
  *len = 0;
  FILE *f = fs_open_memstream(text, len);
  if (!f) return fs_err_set(err, FS_ENOMEM, "out of memory for graph.json");
  int rc = fs_graph_json(r, f, err);
  if (fclose(f) != 0 && rc == 0) rc = fs_err_set(err, FS_ENOMEM, "out of memory for graph.json");
  if (rc != 0) {
    free(*text);
    *text = NULL;
    *len = 0;
  }
  return rc;
}

typedef struct text {
  const char *p;
  size_t n;
} text;

static int put_text(void *ud, FILE *f, fs_err *err) {
  const text *t = ud;
  if (fwrite(t->p, 1, t->n, f) != t->n) return fs_err_set(err, FS_EIO, "write failed");
  return 0;
}

int fs_graph_json_write(const char *p, size_t n, const char *path, fs_err *err) {
  text t = {p, n};
  return fs_graph__write_atomic(path, put_text, &t, err);
}
