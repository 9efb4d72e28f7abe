/* graphml.c: fuzzes GraphML import (graph/graph.h: fs_graph_read_graphml,
   through igraph and libxml2). A graph that reads is validated, frozen into
   its CSR (whose invariants graph.c asserts), exported and read back: the
   copy must be the same graph, node for node and edge for edge. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "graph/graph.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void) argc;
  (void) argv;
  fs_fuzz_dir();
  return 0;
}

static void fail(const char *what, const fs_err *err) {
  fprintf(stderr, "fuzz graphml: %s: %s\n", what, err ? err->msg : "");
  abort();
}

static const char *cat_of(const fs_graph *g, uint32_t v) {
  return g->category[v] >= 0 ? g->cats[g->category[v]].id : "";
}
static const char *ind_of(const fs_graph *g, uint32_t v) {
  return g->industry[v] >= 0 && g->industry[v] < g->nind ? g->industries[g->industry[v]] : "";
}

/* b is a's export read back. */
static void same_graph(const fs_graph *a, const fs_graph *b) {
  if (a->n_nodes != b->n_nodes || a->n_providers != b->n_providers || a->n_edges != b->n_edges)
    fail("the exported graph reads back with other counts", NULL);
  for (uint32_t v = 0; v < a->n_nodes; v++) {
    if (strcmp(fs_graph_name(a, v), fs_graph_name(b, v)) != 0) {
      fprintf(stderr, "node %u: '%s' reads back as '%s'\n", v, fs_graph_name(a, v),
              fs_graph_name(b, v));
      fail("the exported graph reads back with another node name", NULL);
    }
    if (strcmp(cat_of(a, v), cat_of(b, v)) != 0 || strcmp(ind_of(a, v), ind_of(b, v)) != 0)
      fail("the exported graph reads back with another category or industry", NULL);
    if (fs_graph_is_org(a, v) &&
        (a->endpoints[v] != b->endpoints[v] || a->revenue_usd[v] != b->revenue_usd[v] ||
         a->weight[v] != b->weight[v] || a->org[v] != b->org[v] || a->policy[v] != b->policy[v]))
      fail("the exported graph reads back with other organisation figures", NULL);
  }
  for (uint32_t e = 0; e < a->n_edges; e++)
    if (a->e_dep[e] != b->e_dep[e] || a->e_prov[e] != b->e_prov[e] ||
        a->e_group[e] != b->e_group[e] || a->e_kind[e] != b->e_kind[e] ||
        a->e_flags[e] != b->e_flags[e] || a->e_weight[e] != b->e_weight[e] ||
        a->e_delay[e] != b->e_delay[e])
      fail("the exported graph reads back with another edge", NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char in[1024], out[1024];
  fs_fuzz_write(in, sizeof in, "in.graphml", data, size);
  fs_fuzz_path(out, sizeof out, "out.graphml");
  fs_graph g, h;
  fs_graph_init(&g);
  fs_graph_init(&h);
  fs_err err = {0};
  int rc = fs_graph_read_graphml(&g, in, &err);
  if (rc == 0) {
    fs_graph_csr c;
    if (fs_graph_validate(&g, &err) != 0) fail("a graph that was read does not validate", &err);
    if (fs_graph_freeze(&g, &c, &err) == 0) fs_graph_csr_free(&c);
    if (fs_graph_write_graphml(&g, out, &err) != 0) fail("cannot export", &err);
    if (fs_graph_read_graphml(&h, out, &err) != 0) fail("the exported graph does not read", &err);
    same_graph(&g, &h);
    remove(out);
  } else if (err.msg[0] == '\0' || g.n_nodes || g.names) {
    fail("a failed read leaves a graph or no message", &err);
  }
  fs_graph_free(&h);
  fs_graph_free(&g);
  return 0;
}
