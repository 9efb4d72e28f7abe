/* analysis.c: failure sets, blast radius, concentration, centrality, hard cycles. */
#include "graph/analysis.h"

#include <assert.h>
#include <igraph.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "graph/graph_impl.h"
#include "util/alloc.h"
#include "util/clock.h"

size_t fs_graph_fail_work_size(const fs_graph_csr *c) {
  return ((size_t) c->n_groups + 1) * sizeof(uint32_t);
}

uint32_t fs_graph_fail(const fs_graph_csr *c, const uint32_t *failed, uint32_t nfailed,
                       uint8_t *down, void *work, uint32_t *list) {
  uint32_t *cnt = work, n = 0;
  for (uint32_t i = 0; i < nfailed; i++)
    if (!down[failed[i]]) {
      down[failed[i]] = 1;
      list[n++] = failed[i];
    }
  /* Breadth-first: each down node tells its dependents' groups once. */
  for (uint32_t h = 0; h < n; h++) {
    uint32_t p = list[h];
    for (uint32_t i = c->out_off[p]; i < c->out_off[p + 1]; i++) {
      uint32_t g = c->out_group[i], d = c->out_node[i];
      /* Each down provider of a group counts once (no duplicate edges). */
      assert(cnt[g] < c->grp_size[g]);
      if (++cnt[g] == c->grp_size[g] && !down[d]) {
        down[d] = 1;
        list[n++] = d;
      }
    }
  }
  for (uint32_t h = 0; h < n; h++) {
    uint32_t p = list[h];
    for (uint32_t i = c->out_off[p]; i < c->out_off[p + 1]; i++) cnt[c->out_group[i]] = 0;
  }
  return n;
}

/* Breadth-first reach from v along out-edges (all, or only hard groups);
   returns the count and leaves the reached nodes in list, marked in seen
   (the caller clears them). */
static uint32_t reach(const fs_graph_csr *c, uint32_t v, int hard_only, uint8_t *seen,
                      uint32_t *list) {
  uint32_t n = 0;
  seen[v] = 1;
  list[n++] = v;
  for (uint32_t h = 0; h < n; h++) {
    uint32_t p = list[h];
    for (uint32_t i = c->out_off[p]; i < c->out_off[p + 1]; i++) {
      uint32_t d = c->out_node[i];
      if (seen[d] || (hard_only && c->grp_kind[c->out_group[i]] != FS_DEP_HARD)) continue;
      seen[d] = 1;
      list[n++] = d;
    }
  }
  return n;
}

/* A cycle of hard edges (graph_impl.h): depth-first search with colours
   over the hard adjacency; the cycle is read off the stack. */
int fs_graph__hard_cycle(const fs_graph *g, long *at, char *buf, size_t cap, fs_err *err) {
  uint32_t n = g->n_nodes, m = g->n_edges;
  if (cap) buf[0] = 0;
  *at = -1;
  /* Hard adjacency, dependent -> provider. */
  uint32_t *off = fs_calloc((size_t) n + 1, sizeof *off), *adj = fs_malloc(((size_t) m + 1) * 4);
  uint32_t *eid = fs_malloc(((size_t) m + 1) * 4), *stack = fs_malloc(((size_t) n + 1) * 4);
  uint32_t *it = fs_malloc(((size_t) n + 1) * 4), *via = fs_malloc(((size_t) n + 1) * 4);
  uint8_t *color = fs_calloc((size_t) n + 1, 1);
  long found = -1;
  int rc = 0;
  if (!off || !adj || !eid || !stack || !it || !color || !via) {
    rc = fs_err_set(err, FS_ENOMEM, "out of memory looking for cycles in %u nodes", n);
    goto done;
  }
  for (uint32_t e = 0; e < m; e++)
    if (g->e_kind[e] == FS_DEP_HARD) off[g->e_dep[e] + 1]++;
  for (uint32_t v = 0; v < n; v++) off[v + 1] += off[v];
  memcpy(it, off, (size_t) n * 4);
  for (uint32_t e = 0; e < m; e++)
    if (g->e_kind[e] == FS_DEP_HARD) {
      eid[it[g->e_dep[e]]] = e;
      adj[it[g->e_dep[e]]++] = g->e_prov[e];
    }
  for (uint32_t s = 0; s < n && found < 0; s++) {
    if (color[s]) continue;
    size_t sp = 0;
    stack[sp++] = s;
    it[s] = off[s];
    color[s] = 1;
    while (sp && found < 0) {
      uint32_t v = stack[sp - 1];
      if (it[v] == off[v + 1]) {
        color[v] = 2;
        sp--;
        continue;
      }
      uint32_t k = it[v]++, w = adj[k];
      if (color[w] == 0) {
        color[w] = 1;
        via[w] = eid[k];
        it[w] = off[w];
        stack[sp++] = w;
      } else if (color[w] == 1) {
        /* w is on the stack: the cycle is w ... v -> w. */
        size_t first = sp - 1;
        while (stack[first] != w) first--;
        size_t len = 0;
        for (size_t q = first; q < sp; q++) {
          int nw = snprintf(buf + len, cap - len, "%s -> ", fs_graph_name(g, stack[q]));
          if (nw < 0 || (size_t) nw >= cap - len) break;
          len += (size_t) nw;
        }
        if (len < cap) snprintf(buf + len, cap - len, "%s", fs_graph_name(g, w));
        found = first + 1 < sp ? (long) via[stack[first + 1]] : (long) eid[k];
        /* The edge leaving the cycle's first member w, a hard one. */
        assert(g->e_kind[found] == FS_DEP_HARD && g->e_dep[found] == w);
      }
    }
  }
done:
  free(off);
  free(adj);
  free(eid);
  free(stack);
  free(it);
  free(via);
  free(color);
  if (rc == 0 && found >= 0) {
    *at = found;
    rc = 1;
  }
  return rc;
}

typedef struct rank_key {
  double dependents, endpoints, revenue, exposed;
  const char *name;
  uint32_t node;
} rank_key;

static int cmp_rank(const void *pa, const void *pb) {
  const rank_key *a = pa, *b = pb;
  if (a->dependents != b->dependents) return a->dependents > b->dependents ? -1 : 1;
  if (a->endpoints != b->endpoints) return a->endpoints > b->endpoints ? -1 : 1;
  if (a->revenue != b->revenue) return a->revenue > b->revenue ? -1 : 1;
  if (a->exposed != b->exposed) return a->exposed > b->exposed ? -1 : 1;
  return strcmp(a->name, b->name);
}

static int blast(const fs_graph *g, const fs_graph_csr *c, fs_graph_analysis *a, fs_err *err) {
  uint32_t n = c->n_nodes;
  uint8_t *down = fs_calloc((size_t) n + 1, 1);
  uint32_t *list = fs_malloc(((size_t) n + 1) * sizeof *list);
  void *work = fs_calloc(1, fs_graph_fail_work_size(c));
  if (!down || !list || !work) {
    free(down);
    free(list);
    free(work);
    return fs_err_set(err, FS_ENOMEM, "out of memory analysing the graph");
  }
  for (uint32_t v = 0; v < a->n; v++) {
    fs_graph_vstats *s = &a->v[v];
    s->node = v;
    uint32_t k = fs_graph_fail(c, &v, 1, down, work, list);
    for (uint32_t i = 0; i < k; i++) {
      uint32_t x = list[i];
      if (x == v) continue;
      if (!fs_graph_is_org(g, x)) {
        s->providers++;
        continue;
      }
      double w = g->weight[x];
      s->orgs++;
      s->dependents += w;
      s->endpoints += w * g->endpoints[x];
      s->revenue_usd += w * g->revenue_usd[x];
      if (g->policy[x] >= 0) s->policies++;
      /* Capacity lost: 1 - product over its down groups of (1 - weight);
         a group is down when all its providers are (in-edges are sorted by
         group, so a group's edges are contiguous). */
      double keep = 1;
      uint32_t q = c->in_off[x], end = c->in_off[x + 1];
      while (q < end) {
        uint32_t gr = c->in_group[q], nd = 0;
        for (; q < end && c->in_group[q] == gr; q++) nd += down[c->in_node[q]];
        if (nd == c->grp_size[gr]) keep *= 1.0 - c->grp_weight[gr];
      }
      s->capacity_lost += w * (1.0 - keep);
    }
    for (uint32_t i = 0; i < k; i++) down[list[i]] = 0;
    /* exposed and hard reach */
    k = reach(c, v, 0, down, list);
    for (uint32_t i = 0; i < k; i++) {
      uint32_t x = list[i];
      down[x] = 0;
      if (x != v && fs_graph_is_org(g, x)) s->exposed += g->weight[x];
    }
    k = reach(c, v, 1, down, list);
    for (uint32_t i = 0; i < k; i++) {
      uint32_t x = list[i];
      down[x] = 0;
      if (x != v && fs_graph_is_org(g, x)) s->hard += g->weight[x];
    }
    for (uint32_t i = c->out_off[v]; i < c->out_off[v + 1]; i++)
      if (fs_graph_is_org(g, c->out_node[i])) s->direct += g->weight[c->out_node[i]];
  }
  free(down);
  free(list);
  free(work);
  return 0;
}

static int concentration(const fs_graph *g, const fs_graph_csr *c, fs_graph_analysis *a,
                         fs_err *err) {
  double *cnt = fs_calloc((size_t) a->n + 1, sizeof *cnt),
         *rev = fs_calloc((size_t) a->n + 1, sizeof *rev);
  if (!cnt || !rev) {
    free(cnt);
    free(rev);
    return fs_err_set(err, FS_ENOMEM, "out of memory analysing the graph");
  }
  a->ncats = g->ncats;
  double cat_orgs[FS_GRAPH_MAX_CATS];
  for (uint32_t x = g->n_providers; x < g->n_nodes; x++) {
    int per[FS_GRAPH_MAX_CATS] = {0};
    for (uint32_t q = c->in_off[x]; q < c->in_off[x + 1]; q++) {
      int k = g->category[c->in_node[q]];
      if (k >= 0) per[k]++;
    }
    for (uint32_t q = c->in_off[x]; q < c->in_off[x + 1]; q++) {
      uint32_t p = c->in_node[q];
      int k = g->category[p];
      if (k < 0) continue;
      cnt[p] += g->weight[x] / per[k];
      rev[p] += g->weight[x] * g->revenue_usd[x] / per[k];
    }
    for (int k = 0; k < g->ncats; k++)
      if (per[k]) a->cats[k].orgs += g->weight[x];
  }
  for (int k = 0; k < g->ncats; k++) {
    fs_graph_cstats *s = &a->cats[k];
    s->top = FS_GRAPH_NONE;
    double tc = 0, tr = 0;
    for (uint32_t p = 0; p < g->n_providers; p++)
      if (g->category[p] == k) {
        s->providers++;
        tc += cnt[p];
        tr += rev[p];
      }
    cat_orgs[k] = tc;
    for (uint32_t p = 0; p < g->n_providers; p++) {
      if (g->category[p] != k) continue;
      if (tc > 0) {
        double sh = cnt[p] / tc;
        s->hhi += 1e4 * sh * sh;
        if (s->top == FS_GRAPH_NONE || sh > s->top_share) {
          s->top = p;
          s->top_share = sh;
        }
      }
      if (tr > 0) s->hhi_revenue += 1e4 * (rev[p] / tr) * (rev[p] / tr);
    }
  }
  (void) cat_orgs;
  free(cnt);
  free(rev);
  return 0;
}

/* The flow graph for dominators: provider -> dependent for every edge, and
   a virtual root n -> every node without providers. */
static int dominators(const fs_graph *g, const fs_graph_csr *c, fs_graph_analysis *a, fs_err *err) {
  uint32_t n = c->n_nodes, m = c->n_edges, roots = 0;
  for (uint32_t v = 0; v < n; v++)
    if (c->in_off[v] == c->in_off[v + 1]) roots++;
  a->idom = fs_malloc(((size_t) n + 1) * sizeof *a->idom);
  if (!a->idom) return fs_err_set(err, FS_ENOMEM, "out of memory for dominators");
  fs_graph_igraph_state st;
  fs_graph__igraph_begin(&st);
  igraph_vector_int_t edges, dom;
  igraph_t ig;
  int rc = 0, have_ig = 0;
  igraph_error_t ie = igraph_vector_int_init(&edges, 2 * ((igraph_integer_t) m + roots));
  if (ie == IGRAPH_SUCCESS) {
    igraph_integer_t k = 0;
    for (uint32_t p = 0; p < n; p++)
      for (uint32_t i = c->out_off[p]; i < c->out_off[p + 1]; i++) {
        VECTOR(edges)[k++] = p;
        VECTOR(edges)[k++] = c->out_node[i];
      }
    for (uint32_t v = 0; v < n; v++)
      if (c->in_off[v] == c->in_off[v + 1]) {
        VECTOR(edges)[k++] = n;
        VECTOR(edges)[k++] = v;
      }
    ie = igraph_create(&ig, &edges, n + 1, IGRAPH_DIRECTED);
    igraph_vector_int_destroy(&edges);
    have_ig = ie == IGRAPH_SUCCESS;
  }
  if (ie == IGRAPH_SUCCESS) ie = igraph_vector_int_init(&dom, 0);
  if (ie == IGRAPH_SUCCESS) {
    ie = igraph_dominator_tree(&ig, n, &dom, NULL, NULL, IGRAPH_OUT);
    if (ie == IGRAPH_SUCCESS)
      for (uint32_t v = 0; v < n; v++) {
        igraph_integer_t d = VECTOR(dom)[v];
        a->idom[v] = (d < 0 || d >= (igraph_integer_t) n) ? FS_GRAPH_NONE : (uint32_t) d;
      }
    igraph_vector_int_destroy(&dom);
  }
  if (have_ig) igraph_destroy(&ig);
  if (ie != IGRAPH_SUCCESS)
    rc = fs_err_set(err, FS_ENOMEM, "dominator tree failed: %s", fs_graph__igraph_error(ie));
  fs_graph__igraph_end(&st);
  if (rc) return rc;
  /* Each organisation adds its weight to every provider above it. */
  for (uint32_t x = g->n_providers; x < n; x++)
    for (uint32_t d = a->idom[x], steps = 0; d != FS_GRAPH_NONE && steps <= n;
         d = a->idom[d], steps++)
      if (d < a->n) a->v[d].dominated += g->weight[x];
  return 0;
}

/* PageRank and betweenness on dependent -> provider edges: importance
   flows to what is depended upon. */
static int centrality(const fs_graph *g, const fs_graph_csr *c, fs_graph_analysis *a, fs_err *err) {
  uint32_t n = c->n_nodes, m = c->n_edges;
  fs_graph_igraph_state st;
  fs_graph__igraph_begin(&st);
  igraph_vector_int_t edges;
  igraph_vector_t w, pr, bw;
  igraph_t ig;
  int have_ig = 0, have_w = 0, have_pr = 0, have_bw = 0;
  igraph_error_t ie = igraph_vector_int_init(&edges, 2 * (igraph_integer_t) m);
  if (ie == IGRAPH_SUCCESS) {
    ie = igraph_vector_init(&w, m);
    have_w = ie == IGRAPH_SUCCESS;
  }
  if (ie == IGRAPH_SUCCESS) {
    igraph_integer_t k = 0;
    for (uint32_t d = 0; d < n; d++)
      for (uint32_t q = c->in_off[d]; q < c->in_off[d + 1]; q++) {
        VECTOR(w)[k / 2] = c->grp_weight[c->in_group[q]] > 0 ? c->grp_weight[c->in_group[q]] : 1e-9;
        VECTOR(edges)[k++] = d;
        VECTOR(edges)[k++] = c->in_node[q];
      }
    ie = igraph_create(&ig, &edges, n, IGRAPH_DIRECTED);
    have_ig = ie == IGRAPH_SUCCESS;
  }
  igraph_vector_int_destroy(&edges);
  if (ie == IGRAPH_SUCCESS) {
    ie = igraph_vector_init(&pr, 0);
    have_pr = ie == IGRAPH_SUCCESS;
  }
  if (ie == IGRAPH_SUCCESS)
    ie = igraph_pagerank(&ig, IGRAPH_PAGERANK_ALGO_PRPACK, &pr, NULL, igraph_vss_all(), 1, 0.85, &w,
                         NULL);
  if (ie == IGRAPH_SUCCESS) {
    ie = igraph_vector_init(&bw, 0);
    have_bw = ie == IGRAPH_SUCCESS;
  }
  /* Unweighted shortest paths: a path's length is its number of hops. */
  if (ie == IGRAPH_SUCCESS) ie = igraph_betweenness(&ig, &bw, igraph_vss_all(), 1, NULL);
  if (ie == IGRAPH_SUCCESS)
    for (uint32_t v = 0; v < a->n; v++) {
      a->v[v].pagerank = VECTOR(pr)[v];
      a->v[v].betweenness = VECTOR(bw)[v];
    }
  int rc = 0;
  if (ie != IGRAPH_SUCCESS)
    rc = fs_err_set(err, FS_ENOMEM, "centrality failed: %s", fs_graph__igraph_error(ie));
  if (have_bw) igraph_vector_destroy(&bw);
  if (have_pr) igraph_vector_destroy(&pr);
  if (have_w) igraph_vector_destroy(&w);
  if (have_ig) igraph_destroy(&ig);
  fs_graph__igraph_end(&st);
  (void) g;
  return rc;
}

int fs_graph_analyse(const fs_graph *g, const fs_graph_csr *c, const fs_graph_analysis_opts *o,
                     fs_graph_analysis *a, fs_err *err) {
  memset(a, 0, sizeof *a);
  a->n = g->n_providers;
  a->v = fs_calloc((size_t) a->n + 1, sizeof *a->v);
  a->rank = fs_malloc(((size_t) a->n + 1) * sizeof *a->rank);
  if (!a->v || !a->rank) {
    fs_graph_analysis_free(a);
    return fs_err_set(err, FS_ENOMEM, "out of memory analysing the graph");
  }
  double t = fs_now();
  int rc = blast(g, c, a, err);
  if (rc == 0) rc = concentration(g, c, a, err);
  a->sec_blast = fs_now() - t;
  t = fs_now();
  if (rc == 0 && o->dominators) rc = dominators(g, c, a, err);
  a->sec_dominators = fs_now() - t;
  t = fs_now();
  if (rc == 0 && o->centrality) rc = centrality(g, c, a, err);
  a->sec_centrality = fs_now() - t;
  if (rc) {
    fs_graph_analysis_free(a);
    return rc;
  }
  rank_key *keys = fs_malloc(((size_t) a->n + 1) * sizeof *keys);
  if (!keys) {
    fs_graph_analysis_free(a);
    return fs_err_set(err, FS_ENOMEM, "out of memory ranking vendors");
  }
  for (uint32_t v = 0; v < a->n; v++)
    keys[v] = (rank_key){a->v[v].dependents, a->v[v].endpoints,   a->v[v].revenue_usd,
                         a->v[v].exposed,    fs_graph_name(g, v), v};
  qsort(keys, a->n, sizeof *keys, cmp_rank);
  for (uint32_t v = 0; v < a->n; v++) a->rank[v] = keys[v].node;
  free(keys);
  return 0;
}

void fs_graph_analysis_free(fs_graph_analysis *a) {
  free(a->v);
  free(a->rank);
  free(a->idom);
  memset(a, 0, sizeof *a);
}
