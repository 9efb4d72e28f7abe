/* analysis.h: single points of failure, blast radius, concentration and centrality. */
#ifndef FS_GRAPH_ANALYSIS_H
#define FS_GRAPH_ANALYSIS_H

#include <stdint.h>

#include "graph/graph.h"

/* Figures of organisations are weighted: an organisation node counts for
   its weight (the organisations it stands for in a sampled fleet), its
   endpoints and revenue for weight x its own. Policies count policy
   organisations (weight 1 each).

   Four nested sets of organisations per vendor v (docs/GRAPH.md):
     hard      hard-reachable: a chain of hard edges leads from it to v;
     dominated v dominates it in the flow graph (virtual root -> providers
               without providers -> ... -> organisations): every path of
               dependencies, of any kind, passes through v, so it is down
               even if every dependency were redundant;
     down      the exact failure set of v alone under the group semantics
               (graph.h): the least fixpoint of "a node is down when one of
               its groups has all providers down", what the engine's
               propagation reaches. The blast radius. hard and dominated are
               subsets of down when redundant edges form no cycle;
     exposed   any path of dependencies leads to v (degraded at worst). */
typedef struct fs_graph_vstats {
  uint32_t node;
  double dependents;  /* weighted organisations down */
  uint32_t orgs;      /* organisation nodes down */
  uint32_t providers; /* other providers down */
  double endpoints, revenue_usd;
  uint32_t policies;
  double hard, dominated, exposed; /* weighted organisations, see above */
  double direct;                   /* weighted organisations with an edge to v */
  double capacity_lost;            /* sum over down orgs of weight x group impact weight */
  double pagerank, betweenness;
} fs_graph_vstats;

typedef struct fs_graph_cstats {
  uint32_t providers;      /* provider nodes of the category */
  double orgs;             /* weighted organisations using one at least */
  double hhi, hhi_revenue; /* 0..10000, over organisation counts and revenue */
  uint32_t top;            /* largest provider by organisations, FS_GRAPH_NONE if none */
  double top_share;
} fs_graph_cstats;

typedef struct fs_graph_analysis_opts {
  int centrality; /* PageRank and betweenness (igraph) */
  int dominators; /* the dominator tree (igraph) */
} fs_graph_analysis_opts;

/* Owns its arrays (fs_graph_analysis_free). */
typedef struct fs_graph_analysis {
  uint32_t n; /* = n_providers; v[i] is provider node i */
  fs_graph_vstats *v;
  uint32_t *rank; /* provider nodes by dependents, endpoints, revenue (desc), then name */
  int ncats;
  fs_graph_cstats cats[FS_GRAPH_MAX_CATS];
  uint32_t *idom; /* per node: immediate dominator, FS_GRAPH_NONE for the virtual root */
  double sec_blast, sec_dominators, sec_centrality; /* timings */
} fs_graph_analysis;

int fs_graph_analyse(const fs_graph *g, const fs_graph_csr *c, const fs_graph_analysis_opts *o,
                     fs_graph_analysis *a, fs_err *err);
void fs_graph_analysis_free(fs_graph_analysis *a);

/* The failure set of a set of failed nodes under the group semantics:
   down[v] = 1 for every node that is down (the failed ones included).
   down has n_nodes bytes and must be zero on entry; work is scratch of
   fs_graph_fail_work_size(c) bytes, zero on entry and zero again on return,
   so repeated calls cost only what they touch. Returns the number of nodes
   down. */
size_t fs_graph_fail_work_size(const fs_graph_csr *c);
uint32_t fs_graph_fail(const fs_graph_csr *c, const uint32_t *failed, uint32_t nfailed,
                       uint8_t *down, void *work, uint32_t *list);

#endif
