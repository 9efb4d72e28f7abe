/* edges.c: fuzzes the CSV edge-list import (graph/graph.h:
   fs_graph_import_edges) onto a fixed graph of providers and organisations
   (the names the seeds use); a list that imports is frozen into its CSR,
   whose invariants graph.c asserts. */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "graph/graph.h"

static const char *const providers[] = {"aws-us-east-1", "azure-eastus", "okta",
                                        "crowdstrike",   "microsoft",    "salesforce",
                                        "cdk-global",    "stripe"};
static const char *const orgs[] = {"org:0", "org:1", "org:2", "org:3"};
#define NPROV (sizeof providers / sizeof providers[0])
#define NORG  (sizeof orgs / sizeof orgs[0])

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void) argc;
  (void) argv;
  fs_fuzz_dir();
  return 0;
}

/* The fixed nodes, built anew for every input so that no state is carried. */
static void build(fs_graph *g) {
  fs_err err = {0};
  fs_graph_init(g);
  g->ncats = 2;
  snprintf(g->cats[0].id, sizeof g->cats[0].id, "cloud");
  snprintf(g->cats[1].id, sizeof g->cats[1].id, "saas");
  for (size_t i = 0; i < NPROV; i++)
    if (fs_graph_add_provider(g, providers[i], (int) (i % 2), &err) < 0) abort();
  for (size_t i = 0; i < NORG; i++)
    if (fs_graph_add_org(g, orgs[i], -1, 100, 1e6, 1, (int32_t) i, -1, &err) < 0) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char path[1024];
  fs_fuzz_write(path, sizeof path, "edges.csv", data, size);
  fs_graph g;
  build(&g);
  fs_err err = {0};
  int rc = fs_graph_import_edges(&g, path, &err);
  if (rc == 0) {
    if (g.n_nodes != NPROV + NORG) abort(); /* edges only: the nodes stay */
    fs_graph_csr c;
    if (fs_graph_freeze(&g, &c, &err) == 0) fs_graph_csr_free(&c);
  } else if (err.msg[0] == '\0') {
    abort();
  }
  fs_graph_free(&g);
  return 0;
}
