/* graph.c: the dependency graph: nodes, edges, synthesis, validation and the frozen CSR. */
#include "graph/graph.h"

#include <assert.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph_impl.h"
#include "util/alloc.h"

const char *const fs_dep_kind_ids[3] = {"hard", "redundant", NULL};

void fs_graph_init(fs_graph *g) {
  memset(g, 0, sizeof *g);
}

/* The struct-of-arrays columns of fs_graph, per node and per edge: where
   each array's pointer sits in the struct and the size of its elements.
   They grow together (grow) and are freed together (fs_graph_free). */
typedef struct column {
  size_t off, size;
} column;
#define COLUMN(f)                                                                                  \
  { offsetof(fs_graph, f), sizeof *((fs_graph *) NULL)->f }
static const column node_columns[] = {COLUMN(name_off),    COLUMN(category), COLUMN(industry),
                                      COLUMN(org),         COLUMN(policy),   COLUMN(endpoints),
                                      COLUMN(revenue_usd), COLUMN(weight)};
static const column edge_columns[] = {COLUMN(e_dep),  COLUMN(e_prov),  COLUMN(e_group),
                                      COLUMN(e_kind), COLUMN(e_flags), COLUMN(e_weight),
                                      COLUMN(e_delay)};
#define NCOLUMNS(a) (sizeof(a) / sizeof(a)[0])

/* The array pointer of column c (read and written through memcpy: the
   columns have different element types). */
static void *column_get(const fs_graph *g, const column *c) {
  void *p;
  memcpy(&p, (const char *) g + c->off, sizeof p);
  return p;
}
static void column_set(fs_graph *g, const column *c, void *p) {
  memcpy((char *) g + c->off, &p, sizeof p);
}

/* Grows n columns to hold need rows; *cap doubles from first. */
static int grow(fs_graph *g, const column *cols, size_t n, uint32_t *cap, uint32_t need,
                uint32_t first) {
  if (need <= *cap) return 0;
  uint32_t c = *cap ? *cap : first;
  while (c < need) c = c > UINT32_MAX / 2 ? UINT32_MAX : c * 2;
  for (size_t i = 0; i < n; i++) {
    void *p = fs_realloc(column_get(g, &cols[i]), (size_t) c * cols[i].size);
    if (!p) return FS_ENOMEM;
    column_set(g, &cols[i], p);
  }
  *cap = c;
  return 0;
}

static int grow_nodes(fs_graph *g, uint32_t need) {
  return grow(g, node_columns, NCOLUMNS(node_columns), &g->cap_nodes, need, 64);
}

static int grow_edges(fs_graph *g, uint32_t need) {
  return grow(g, edge_columns, NCOLUMNS(edge_columns), &g->cap_edges, need, 256);
}

void fs_graph_free(fs_graph *g) {
  for (size_t i = 0; i < NCOLUMNS(node_columns); i++) free(column_get(g, &node_columns[i]));
  for (size_t i = 0; i < NCOLUMNS(edge_columns); i++) free(column_get(g, &edge_columns[i]));
  free(g->names);
  free(g->hash);
  memset(g, 0, sizeof *g);
}

/* ---- name index: FNV-1a, open addressing, grown at half load ------------- */

static uint32_t hash_str(const char *s) {
  uint32_t h = 2166136261u;
  for (; *s; s++) h = (h ^ (unsigned char) *s) * 16777619u;
  return h;
}

const char *fs_graph_name(const fs_graph *g, uint32_t node) {
  return g->names + g->name_off[node];
}

/* The table is at most half full (hash_grow), so a free slot exists. */
static void hash_insert(fs_graph *g, uint32_t node) {
  assert(g->hash_cap > 0 && (g->hash_cap & (g->hash_cap - 1)) == 0);
  uint32_t mask = g->hash_cap - 1, h = hash_str(fs_graph_name(g, node)) & mask;
  while (g->hash[h] != FS_GRAPH_NONE) h = (h + 1) & mask;
  g->hash[h] = node;
}

static int hash_grow(fs_graph *g, uint32_t need) {
  if (need * 2 <= g->hash_cap) return 0;
  uint32_t cap = g->hash_cap ? g->hash_cap : 256;
  while (cap < need * 2) cap *= 2;
  uint32_t *h = fs_malloc((size_t) cap * sizeof *h);
  if (!h) return FS_ENOMEM;
  memset(h, 0xff, (size_t) cap * sizeof *h);
  free(g->hash);
  g->hash = h;
  g->hash_cap = cap;
  for (uint32_t i = 0; i < g->n_nodes; i++) hash_insert(g, i);
  return 0;
}

long fs_graph_find(fs_graph *g, const char *name) {
  if (!g->hash_cap) return -1;
  uint32_t mask = g->hash_cap - 1, h = hash_str(name) & mask;
  while (g->hash[h] != FS_GRAPH_NONE) {
    if (strcmp(fs_graph_name(g, g->hash[h]), name) == 0) return g->hash[h];
    h = (h + 1) & mask;
  }
  return -1;
}

static long add_node(fs_graph *g, const char *name, fs_err *err) {
  if (!*name) return fs_err_set(err, FS_EINVAL, "empty node id");
  if (fs_graph_find(g, name) >= 0)
    return fs_err_set(err, FS_EINVAL, "duplicate node id '%s'", name);
  if (g->n_nodes >= FS_GRAPH_MAX_NODES)
    return fs_err_set(err, FS_ELIMIT, "more than %u nodes", FS_GRAPH_MAX_NODES);
  size_t len = strlen(name) + 1;
  if (grow_nodes(g, g->n_nodes + 1) || hash_grow(g, g->n_nodes + 1))
    return fs_err_set(err, FS_ENOMEM, "out of memory for graph nodes");
  if (g->names_len + len > g->names_cap) {
    size_t cap = g->names_cap ? g->names_cap : 4096;
    while (cap < g->names_len + len) cap *= 2;
    char *p = fs_realloc(g->names, cap);
    if (!p) return fs_err_set(err, FS_ENOMEM, "out of memory for node names");
    g->names = p;
    g->names_cap = cap;
  }
  if (g->names_len + len > UINT32_MAX) return fs_err_set(err, FS_ELIMIT, "node names exceed 4 GiB");
  uint32_t i = g->n_nodes++;
  g->name_off[i] = (uint32_t) g->names_len;
  memcpy(g->names + g->names_len, name, len);
  g->names_len += len;
  hash_insert(g, i);
  g->category[i] = -1;
  g->industry[i] = -1;
  g->org[i] = -1;
  g->policy[i] = -1;
  g->endpoints[i] = 0;
  g->revenue_usd[i] = 0;
  g->weight[i] = 1;
  return i;
}

long fs_graph_add_provider(fs_graph *g, const char *name, int category, fs_err *err) {
  if (g->n_nodes != g->n_providers)
    return fs_err_set(err, FS_EINVAL, "provider '%s' added after organisations", name);
  long i = add_node(g, name, err);
  if (i < 0) return i;
  g->category[i] = (int16_t) category;
  g->n_providers++;
  return i;
}

long fs_graph_add_org(fs_graph *g, const char *name, int industry, double endpoints,
                      double revenue_usd, double weight, int32_t org, int32_t policy, fs_err *err) {
  long i = add_node(g, name, err);
  if (i < 0) return i;
  g->industry[i] = (int16_t) industry;
  g->endpoints[i] = endpoints;
  g->revenue_usd[i] = revenue_usd;
  g->weight[i] = weight;
  g->org[i] = org;
  g->policy[i] = policy;
  return i;
}

int fs_graph_add_edge(fs_graph *g, uint32_t dep, uint32_t prov, int kind, uint32_t group,
                      double weight, double delay_hours, unsigned flags, fs_err *err) {
  if (dep >= g->n_nodes || prov >= g->n_nodes)
    return fs_err_set(err, FS_EINVAL, "edge refers to a node that does not exist");
  if (fs_graph_is_org(g, prov))
    return fs_err_set(err, FS_EINVAL, "'%s' depends on '%s', an organisation, not a provider",
                      fs_graph_name(g, dep), fs_graph_name(g, prov));
  if (dep == prov)
    return fs_err_set(err, FS_EINVAL, "'%s' depends on itself", fs_graph_name(g, dep));
  if (!(weight >= 0 && weight <= 1))
    return fs_err_set(err, FS_EINVAL, "edge '%s' -> '%s': weight must be in [0, 1] (got %g)",
                      fs_graph_name(g, dep), fs_graph_name(g, prov), weight);
  if (!(delay_hours >= 0 && isfinite(delay_hours)))
    return fs_err_set(err, FS_EINVAL, "edge '%s' -> '%s': delay_hours must be >= 0 (got %g)",
                      fs_graph_name(g, dep), fs_graph_name(g, prov), delay_hours);
  if ((kind == FS_DEP_HARD) != (group == 0))
    return fs_err_set(err, FS_EINVAL,
                      "edge '%s' -> '%s': a hard edge has group 0 and a redundant one a group "
                      ">= 1 (got %s, group %u)",
                      fs_graph_name(g, dep), fs_graph_name(g, prov), fs_dep_kind_ids[kind], group);
  if (g->n_edges >= FS_GRAPH_MAX_EDGES)
    return fs_err_set(err, FS_ELIMIT, "more than %u edges", FS_GRAPH_MAX_EDGES);
  if (grow_edges(g, g->n_edges + 1))
    return fs_err_set(err, FS_ENOMEM, "out of memory for graph edges");
  uint32_t e = g->n_edges++;
  g->e_dep[e] = dep;
  g->e_prov[e] = prov;
  g->e_kind[e] = (uint8_t) kind;
  g->e_group[e] = group;
  g->e_weight[e] = (float) weight;
  g->e_delay[e] = (float) delay_hours;
  g->e_flags[e] = (uint8_t) flags;
  return 0;
}

/* ---- sorting and checks ---------------------------------------------------- */

/* A dependent's edges by group, then in the order they were added: the
   first of a redundant group is the provider it uses (graph.h out_primary). */
static int cmp_edge_in_node(const fs_graph *g, uint32_t a, uint32_t b) {
  if (g->e_group[a] != g->e_group[b]) return g->e_group[a] < g->e_group[b] ? -1 : 1;
  return (a > b) - (a < b);
}

int fs_graph__by_dependent(const fs_graph *g, uint32_t **offp, uint32_t **idxp, fs_err *err) {
  uint32_t n = g->n_nodes, m = g->n_edges;
  uint32_t *off = fs_calloc((size_t) n + 1, sizeof *off);
  uint32_t *idx = fs_malloc(((size_t) m + 1) * sizeof *idx);
  if (!off || !idx) {
    free(off);
    free(idx);
    return fs_err_set(err, FS_ENOMEM, "out of memory sorting %u edges", m);
  }
  for (uint32_t e = 0; e < m; e++) off[g->e_dep[e] + 1]++;
  for (uint32_t v = 0; v < n; v++) off[v + 1] += off[v];
  uint32_t *pos = fs_malloc(((size_t) n + 1) * sizeof *pos);
  if (!pos) {
    free(off);
    free(idx);
    return fs_err_set(err, FS_ENOMEM, "out of memory sorting %u edges", m);
  }
  memcpy(pos, off, (size_t) n * sizeof *pos);
  for (uint32_t e = 0; e < m; e++) idx[pos[g->e_dep[e]]++] = e;
  free(pos);
  /* Insertion sort within each dependent: a handful of edges each. */
  for (uint32_t v = 0; v < n; v++)
    for (uint32_t i = off[v] + 1; i < off[v + 1]; i++) {
      uint32_t x = idx[i], j = i;
      while (j > off[v] && cmp_edge_in_node(g, idx[j - 1], x) > 0) {
        idx[j] = idx[j - 1];
        j--;
      }
      idx[j] = x;
    }
#ifndef NDEBUG
  /* Sorted by dependent, then group, then insertion; off[n] counts every edge. */
  assert(off[n] == m);
  for (uint32_t v = 0; v < n; v++)
    for (uint32_t i = off[v]; i < off[v + 1]; i++)
      assert(g->e_dep[idx[i]] == v &&
             (i == off[v] || cmp_edge_in_node(g, idx[i - 1], idx[i]) <= 0));
#endif
  *offp = off;
  *idxp = idx;
  return 0;
}

int fs_graph__check_groups(const fs_graph *g, fs_err *err) {
  uint32_t *off, *idx;
  int rc = fs_graph__by_dependent(g, &off, &idx, err);
  if (rc) return rc;
  for (uint32_t v = 0; v < g->n_nodes && rc == 0; v++)
    for (uint32_t i = off[v]; i < off[v + 1] && rc == 0; i++)
      for (uint32_t j = off[v]; j < i; j++)
        if (g->e_prov[idx[j]] == g->e_prov[idx[i]]) {
          rc = fs_err_set(err, FS_EINVAL, "duplicate edge '%s' -> '%s'", fs_graph_name(g, v),
                          fs_graph_name(g, g->e_prov[idx[i]]));
          break;
        }
  free(off);
  free(idx);
  return rc;
}

int fs_graph_validate(fs_graph *g, fs_err *err) {
  for (uint32_t e = 0; e < g->n_edges; e++) {
    /* What fs_graph_add_edge let in: nodes that exist, a provider as the
       provider, a kind and group that agree, a weight in [0, 1]. */
    assert(g->e_dep[e] < g->n_nodes && g->e_prov[e] < g->n_providers);
    assert(g->e_kind[e] <= FS_DEP_REDUNDANT);
    assert((g->e_kind[e] == FS_DEP_HARD) == (g->e_group[e] == 0));
    assert(g->e_weight[e] >= 0 && g->e_weight[e] <= 1);
    if (g->e_dep[e] == g->e_prov[e])
      return fs_err_set(err, FS_EINVAL, "'%s' depends on itself", fs_graph_name(g, g->e_dep[e]));
    if (!(g->e_delay[e] >= 0))
      return fs_err_set(err, FS_EINVAL, "edge '%s' -> '%s': negative delay_hours (got %g)",
                        fs_graph_name(g, g->e_dep[e]), fs_graph_name(g, g->e_prov[e]),
                        (double) g->e_delay[e]);
  }
  int rc = fs_graph__check_groups(g, err);
  if (rc) return rc;
  char cycle[FS_ERR_MAX / 2];
  long at;
  rc = fs_graph__hard_cycle(g, &at, cycle, sizeof cycle, err);
  if (rc < 0) return rc;
  if (rc == 1) return fs_err_set(err, FS_EINVAL, "cycle of hard dependencies: %s", cycle);
  return 0;
}

int fs_graph_decl_check(const fs_graph_decl *d, long *edge, fs_err *err) {
  /* Checked on a graph of the vendors and the declared edges. */
  fs_graph g;
  fs_graph_init(&g);
  *edge = -1;
  int rc = 0;
  for (int i = 0; i < d->nvendors && rc >= 0; i++)
    rc = (int) fs_graph_add_provider(&g, d->vendors[i].id, d->vendors[i].category, err);
  for (int i = 0; i < d->nedges && rc >= 0; i++) {
    const fs_graph_decl_edge *e = &d->edges[i];
    rc = fs_graph_add_edge(&g, (uint32_t) e->dep, (uint32_t) e->prov, e->kind, (uint32_t) e->group,
                           e->weight, e->delay_hours, 0, err);
  }
  if (rc >= 0) {
    char cycle[FS_ERR_MAX / 2];
    rc = fs_graph__hard_cycle(&g, edge, cycle, sizeof cycle, err);
    if (rc == 1)
      rc = fs_err_set(err, FS_EINVAL, "cycle of hard dependencies: %s", cycle);
    else if (rc == 0)
      rc = fs_graph__check_groups(&g, err);
  }
  fs_graph_free(&g);
  return rc < 0 ? rc : 0;
}

void fs_graph_decl_free(fs_graph_decl *d) {
  free(d->vendors);
  free(d->edges);
  memset(d, 0, sizeof *d);
}

/* ---- synthesis ------------------------------------------------------------- */

/* Draws an index from weights w[0..n) (not normalised) excluding `skip`;
   -1 when all weights are zero. */
static int draw_weighted(gsl_rng *rng, const double *w, int n, int skip) {
  double sum = 0;
  for (int i = 0; i < n; i++)
    if (i != skip) sum += w[i];
  if (!(sum > 0)) return -1;
  double u = gsl_rng_uniform(rng) * sum;
  int last = -1;
  for (int i = 0; i < n; i++) {
    if (i == skip || w[i] <= 0) continue;
    last = i;
    if (u < w[i]) return i;
    u -= w[i];
  }
  return last;
}

/* Preferential attachment over the cloud regions: attractiveness 1 + 100 x
   default market share + providers attached so far. */
static int attach_cloud(fs_graph *g, uint32_t prov, const int *clouds, double *attract, int nc,
                        double redundancy, double weight, double delay, gsl_rng *rng, fs_err *err) {
  int a = draw_weighted(rng, attract, nc, -1);
  if (a < 0) return 0;
  int b = gsl_rng_uniform(rng) < redundancy ? draw_weighted(rng, attract, nc, a) : -1;
  attract[a] += 1;
  if (b >= 0) {
    attract[b] += 1;
    int rc = fs_graph_add_edge(g, prov, (uint32_t) clouds[a], FS_DEP_REDUNDANT, 1, weight, delay, 0,
                               err);
    if (rc) return rc;
    return fs_graph_add_edge(g, prov, (uint32_t) clouds[b], FS_DEP_REDUNDANT, 1, weight, delay, 0,
                             err);
  }
  return fs_graph_add_edge(g, prov, (uint32_t) clouds[a], FS_DEP_HARD, 0, weight, delay, 0, err);
}

/* The vendors of one category that organisations pick by market share. */
typedef struct synth {
  int n;         /* vendors in the category with market shares */
  int *vendor;   /* their decl indices (= node indices) */
  double *share; /* scratch weights */
  int incident;  /* position of the incident's vendor, or -1 */
} synth;

/* What the synthesis of organisations works with; synth_free releases it. */
typedef struct synth_state {
  const fs_graph_decl *d;
  const fs_config *cfg;
  const fs_graph_named *named; /* may be NULL */
  gsl_rng *rng;
  int tail_cat;       /* category of the long-tail providers, or -1 */
  int nc;             /* cloud regions */
  int *clouds;        /* their node indices */
  double *attract;    /* their attractiveness (attach_cloud) */
  uint8_t *has_cloud; /* per provider: a declared edge to a cloud region */
  synth cat[FS_GRAPH_MAX_CATS];
  uint32_t *tickets; /* long-tail providers, once each plus once per customer */
  size_t nt;
  uint32_t *chosen; /* scratch: one organisation's long-tail providers */
} synth_state;

static void synth_free(synth_state *st) {
  free(st->clouds);
  free(st->attract);
  free(st->has_cloud);
  free(st->tickets);
  free(st->chosen);
  for (int k = 0; k < FS_GRAPH_MAX_CATS; k++) {
    free(st->cat[k].vendor);
    free(st->cat[k].share);
  }
}

/* The declared vendors and edges, and the long-tail providers with their
   category (*tail_cat, or -1). */
static int build_declared(fs_graph *g, const fs_graph_decl *d, const fs_config *cfg, int *tail_cat,
                          fs_err *err) {
  const fs_graph_synth *sy = &d->synth;
  g->ncats = d->ncats;
  memcpy(g->cats, d->cats, sizeof g->cats);
  g->nind = cfg->nindustries;
  for (int k = 0; k < cfg->nindustries; k++)
    snprintf(g->industries[k], FS_ID_MAX, "%s", cfg->industries[k].id);
  *tail_cat = -1;
  int rc = 0;
  for (int i = 0; i < d->nvendors && rc >= 0; i++)
    rc = (int) fs_graph_add_provider(g, d->vendors[i].id, d->vendors[i].category, err);
  if (rc >= 0 && sy->tail_providers > 0) {
    if (g->ncats == FS_GRAPH_MAX_CATS)
      return fs_err_set(err, FS_ELIMIT, "no room for the long-tail category");
    *tail_cat = g->ncats++;
    fs_graph_category *k = &g->cats[*tail_cat];
    memset(k, 0, sizeof *k);
    snprintf(k->id, sizeof k->id, "saas_tail");
    snprintf(k->name, sizeof k->name, "Long-tail SaaS (synthetic)");
    k->weight = sy->tail_weight;
    k->delay_hours = sy->tail_delay_hours;
    k->on_cloud = 1;
    char name[32];
    for (int i = 0; i < sy->tail_providers && rc >= 0; i++) {
      snprintf(name, sizeof name, "tail-%06d", i + 1);
      rc = (int) fs_graph_add_provider(g, name, *tail_cat, err);
    }
  }
  for (int i = 0; i < d->nedges && rc >= 0; i++) {
    const fs_graph_decl_edge *e = &d->edges[i];
    rc = fs_graph_add_edge(g, (uint32_t) e->dep, (uint32_t) e->prov, e->kind, (uint32_t) e->group,
                           e->weight, e->delay_hours, 0, err);
  }
  return rc < 0 ? rc : 0;
}

/* Cloud regions and their attractiveness; providers on the cloud without
   a declared region pick one (or two). */
static int attach_providers(fs_graph *g, synth_state *st, fs_err *err) {
  const fs_graph_decl *d = st->d;
  const fs_graph_synth *sy = &d->synth;
  const fs_config *cfg = st->cfg;
  st->clouds = fs_malloc(((size_t) d->nvendors + 1) * sizeof *st->clouds);
  st->attract = fs_malloc(((size_t) d->nvendors + 1) * sizeof *st->attract);
  st->has_cloud = fs_calloc((size_t) g->n_providers + 1, 1);
  if (!st->clouds || !st->attract || !st->has_cloud)
    return fs_err_set(err, FS_ENOMEM, "out of memory synthesising the dependency graph");
  for (int i = 0; i < d->nvendors; i++)
    if (d->vendors[i].category == sy->cloud_category) {
      st->clouds[st->nc] = i;
      double s = 0;
      for (int k = 0; k < cfg->nindustries; k++) s += d->vendors[i].share[k];
      st->attract[st->nc++] = 1 + 100 * s / (cfg->nindustries ? cfg->nindustries : 1);
    }
  for (uint32_t e = 0; e < g->n_edges; e++)
    if (g->category[g->e_prov[e]] == sy->cloud_category && sy->cloud_category >= 0)
      st->has_cloud[g->e_dep[e]] = 1;
  if (st->nc == 0) return 0;
  int rc = 0;
  for (uint32_t p = 0; p < g->n_providers && rc == 0; p++) {
    if (g->category[p] == sy->cloud_category || st->has_cloud[p]) continue;
    assert(g->category[p] >= 0 && g->category[p] < g->ncats); /* declared vendors have one */
    if (!g->cats[g->category[p]].on_cloud) continue;
    int tail = g->category[p] == st->tail_cat;
    rc = attach_cloud(g, p, st->clouds, st->attract, st->nc, sy->provider_redundancy,
                      tail ? sy->tail_weight : sy->provider_weight,
                      tail ? sy->tail_delay_hours : sy->provider_delay_hours, st->rng, err);
  }
  return rc;
}

/* Per category, the vendors organisations may pick; the long tail's
   tickets (each provider once to start with). */
static int prepare_picks(synth_state *st, size_t norgs, fs_err *err) {
  const fs_graph_decl *d = st->d;
  const fs_graph_synth *sy = &d->synth;
  for (int k = 0; k < d->ncats; k++) {
    synth *c = &st->cat[k];
    c->vendor = fs_malloc(((size_t) d->nvendors + 1) * sizeof(int));
    c->share = fs_malloc(((size_t) d->nvendors + 1) * sizeof(double));
    if (!c->vendor || !c->share)
      return fs_err_set(err, FS_ENOMEM, "out of memory synthesising the dependency graph");
    c->incident = -1;
    for (int i = 0; i < d->nvendors; i++)
      if (d->vendors[i].category == k && d->vendors[i].has_share) {
        if (strcmp(d->vendors[i].id, st->cfg->customers_of) == 0) c->incident = c->n;
        c->vendor[c->n++] = i;
      }
  }
  uint32_t ntail = (uint32_t) sy->tail_providers, first_tail = (uint32_t) d->nvendors;
  if (ntail > 0 && sy->tail_per_org > 0) {
    st->tickets = fs_malloc((ntail + norgs * (size_t) sy->tail_per_org) * sizeof *st->tickets);
    st->chosen = fs_malloc((size_t) sy->tail_per_org * sizeof *st->chosen);
    if (!st->tickets || !st->chosen)
      return fs_err_set(err, FS_ENOMEM, "out of memory synthesising the dependency graph");
    for (uint32_t i = 0; i < ntail; i++) st->tickets[st->nt++] = first_tail + i;
  }
  return 0;
}

/* Organisation node v (of fleet organisation org) picks its provider of
   category k by market share, maybe with a redundant second one (group
   *gid, then the next id). The organisation that runs provider `self` (a
   declared vendor with a fleet of its own, else -1) never picks it: its
   own outage would hold it down through itself for good. A policy's
   organisation that names its providers (fs_graph_named) uses them
   instead, after the same draws: every later pick of the stream stays
   where it was (common random numbers with the policy drawn). */
static int pick_provider(fs_graph *g, synth_state *st, const fs_org *org, int self, uint32_t v,
                         int k, uint32_t *gid, fs_err *err) {
  synth *s = &st->cat[k];
  const fs_graph_named *nd = st->named;
  size_t pol = (size_t) org->policy;
  const int32_t *nm =
      nd && org->policy >= 0 && pol < nd->npol && nd->node[k] && nd->node[k][2 * pol] >= 0
          ? &nd->node[k][2 * pol]
          : NULL;
  if (s->n == 0 && !nm) return 0;
  const fs_graph_decl *d = st->d;
  for (int i = 0; i < s->n; i++)
    s->share[i] = s->vendor[i] == self ? 0 : d->vendors[s->vendor[i]].share[org->industry];
  int a = -1;
  if (s->n > 0 && s->incident >= 0) {
    /* Consistent with the fleet: an organisation runs the incident's
       vendor exactly when the fleet says its endpoints run the agent. */
    a = org->agent ? s->incident : draw_weighted(st->rng, s->share, s->n, s->incident);
  } else if (s->n > 0) {
    double sum = 0;
    for (int i = 0; i < s->n; i++) sum += s->share[i];
    a = gsl_rng_uniform(st->rng) < sum ? draw_weighted(st->rng, s->share, s->n, -1) : -1;
  }
  if (a < 0 && !nm) return 0;
  const fs_graph_category *c = &g->cats[k];
  unsigned fl = c->via_fleet ? FS_DEP_VIA_FLEET : 0;
  /* Both draws whatever the redundancy, so that a scenario that changes it
     (a what-if) leaves every later pick of the stream where it was. */
  int b = -1;
  if (!c->via_fleet && a >= 0) {
    int redundant = gsl_rng_uniform(st->rng) < c->redundancy;
    int second = draw_weighted(st->rng, s->share, s->n, a);
    b = redundant ? second : -1;
  }
  long pa = a >= 0 ? s->vendor[a] : -1, pb = b >= 0 ? s->vendor[b] : -1;
  if (nm) pa = nm[0], pb = nm[1];
  assert(pa >= 0 && pa < (long) g->n_providers && pb < (long) g->n_providers && pa != pb);
  if (pb < 0)
    return fs_graph_add_edge(g, v, (uint32_t) pa, FS_DEP_HARD, 0, c->weight, c->delay_hours, fl,
                             err);
  int rc = fs_graph_add_edge(g, v, (uint32_t) pa, FS_DEP_REDUNDANT, *gid, c->weight, c->delay_hours,
                             fl, err);
  if (rc == 0)
    rc = fs_graph_add_edge(g, v, (uint32_t) pb, FS_DEP_REDUNDANT, *gid, c->weight, c->delay_hours,
                           fl, err);
  (*gid)++;
  return rc;
}

/* Long tail: organisation node v picks its providers by preferential
   attachment (a ticket per customer so far), without repeats. */
static int pick_tail(fs_graph *g, synth_state *st, uint32_t v, fs_err *err) {
  const fs_graph_synth *sy = &st->d->synth;
  int nch = 0, rc = 0;
  for (int t = 0; t < sy->tail_per_org && rc == 0 && st->tickets; t++) {
    uint32_t p = 0;
    for (int tries = 0; tries < 64; tries++) {
      p = st->tickets[gsl_rng_uniform_int(st->rng, st->nt)];
      int dup = 0;
      for (int q = 0; q < nch; q++) dup |= st->chosen[q] == p;
      if (!dup) break;
      p = FS_GRAPH_NONE;
    }
    if (p == FS_GRAPH_NONE) continue;
    st->chosen[nch++] = p;
    st->tickets[st->nt++] = p;
    rc = fs_graph_add_edge(g, v, p, FS_DEP_HARD, 0, sy->tail_weight, sy->tail_delay_hours, 0, err);
  }
  return rc;
}

/* One organisation node per fleet organisation ("org:<index>") with its
   providers. */
static int add_orgs(fs_graph *g, synth_state *st, const fs_fleet *f, fs_err *err) {
  size_t norgs = f ? f->n_orgs : 0;
  char name[32];
  int rc = 0, next_own = 0;
  for (size_t o = 0; o < norgs && rc == 0; o++) {
    const fs_org *org = &f->orgs[o];
    /* The organisations the scenario adds run the declared vendors with a
       fleet of their own, in declaration order (pipeline/session.c). */
    int self = -1;
    if (org->own) {
      while (next_own < st->d->nvendors && !st->d->vendors[next_own].has_fleet) next_own++;
      self = next_own < st->d->nvendors ? next_own++ : -1;
    }
    snprintf(name, sizeof name, "org:%zu", o);
    /* Its weight is the organisations it stands for (fs_org_count_weight),
       its endpoints and revenue those of one of them: a policy simulated as
       a sample of its fleet, or a synthetic organisation standing for many
       endpoints per own one, keeps the totals (weight x own) right. */
    double w = fs_org_count_weight(org), per = org->n * org->weight / w;
    double rev = org->revenue_usd * fs_org_loss_weight(org) / w;
    long v = fs_graph_add_org(g, name, org->industry, per, rev, w, (int32_t) o, org->policy, err);
    if (v < 0) return (int) v;
    uint32_t gid = 1;
    for (int k = 0; k < st->d->ncats && rc == 0; k++)
      rc = pick_provider(g, st, org, self, (uint32_t) v, k, &gid, err);
    if (rc == 0) rc = pick_tail(g, st, (uint32_t) v, err);
  }
  return rc;
}

int fs_graph_build(fs_graph *g, const fs_graph_decl *d, const fs_config *cfg, const fs_fleet *f,
                   gsl_rng *rng, fs_err *err) {
  return fs_graph_build_named(g, d, cfg, f, NULL, rng, err);
}

int fs_graph_build_named(fs_graph *g, const fs_graph_decl *d, const fs_config *cfg,
                         const fs_fleet *f, const fs_graph_named *named, gsl_rng *rng,
                         fs_err *err) {
  fs_graph_init(g);
  synth_state st = {.d = d, .cfg = cfg, .named = named, .rng = rng};
  int rc = build_declared(g, d, cfg, &st.tail_cat, err);
  if (rc != 0) return rc;
  if (!d->synth.orgs) return fs_graph_validate(g, err);
  rc = attach_providers(g, &st, err);
  if (rc == 0) rc = prepare_picks(&st, f ? f->n_orgs : 0, err);
  if (rc == 0) rc = add_orgs(g, &st, f, err);
  if (rc == 0) rc = fs_graph_validate(g, err);
  synth_free(&st);
  return rc;
}

/* ---- the frozen CSR -------------------------------------------------------- */

void fs_graph_csr_free(fs_graph_csr *c) {
  void *arrays[] = {c->out_off,     c->out_node, c->out_group, c->out_delay,
                    c->out_primary, c->grp_off,  c->grp_node,  c->grp_size,
                    c->grp_weight,  c->grp_kind, c->grp_flags, c->grp_failover,
                    c->in_off,      c->in_node,  c->in_group,  c->node_org};
  for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++) free(arrays[i]);
  memset(c, 0, sizeof *c);
}

#ifndef NDEBUG
/* The CSR invariants of graph.h, checked once after building, O(n + m). */
static void csr_assert(const fs_graph_csr *c) {
  uint32_t n = c->n_nodes, m = c->n_edges, ng = c->n_groups;
  size_t sizes = 0;
  assert(c->out_off[0] == 0 && c->out_off[n] == m);
  assert(c->in_off[0] == 0 && c->in_off[n] == m);
  assert(c->grp_off[0] == 0 && c->grp_off[n] == ng && ng <= m);
  for (uint32_t v = 0; v < n; v++) {
    assert(c->out_off[v] <= c->out_off[v + 1]);
    assert(c->in_off[v] <= c->in_off[v + 1]);
    assert(c->grp_off[v] <= c->grp_off[v + 1]);
    /* Only providers have dependents, in increasing dependent order. */
    assert(v < c->n_providers || c->out_off[v] == c->out_off[v + 1]);
    for (uint32_t i = c->out_off[v]; i < c->out_off[v + 1]; i++) {
      assert(c->out_node[i] < n && c->out_group[i] < ng);
      assert(c->grp_node[c->out_group[i]] == c->out_node[i]);
      assert(i == c->out_off[v] || c->out_node[i - 1] <= c->out_node[i]);
      assert(c->out_delay[i] >= 0);
    }
    /* A dependent's groups are contiguous; its in-edges follow them. */
    for (uint32_t k = c->grp_off[v]; k < c->grp_off[v + 1]; k++) {
      assert(c->grp_node[k] == v && c->grp_size[k] >= 1);
      sizes += c->grp_size[k];
      assert(c->grp_kind[k] != FS_DEP_HARD || c->grp_size[k] == 1);
    }
    for (uint32_t i = c->in_off[v]; i < c->in_off[v + 1]; i++) {
      assert(c->in_node[i] < c->n_providers && c->in_group[i] < ng);
      assert(c->in_group[i] >= c->grp_off[v] && c->in_group[i] < c->grp_off[v + 1]);
      assert(i == c->in_off[v] || c->in_group[i - 1] <= c->in_group[i]);
    }
  }
  assert(sizes == m); /* every edge in exactly one group */
}
#endif

int fs_graph_freeze(const fs_graph *g, fs_graph_csr *c, fs_err *err) {
  memset(c, 0, sizeof *c);
  uint32_t n = g->n_nodes, m = g->n_edges;
  c->n_nodes = n;
  c->n_providers = g->n_providers;
  c->n_edges = m;
  uint32_t *off, *idx;
  int rc = fs_graph__by_dependent(g, &off, &idx, err);
  if (rc) return rc;
  c->in_off = off;
  c->in_node = fs_malloc(((size_t) m + 1) * 4);
  c->in_group = fs_malloc(((size_t) m + 1) * 4);
  c->grp_off = fs_calloc((size_t) n + 1, 4);
  c->grp_node = fs_malloc(((size_t) m + 1) * 4);
  c->grp_size = fs_malloc(((size_t) m + 1) * 4);
  c->grp_weight = fs_malloc(((size_t) m + 1) * sizeof(float));
  c->grp_kind = fs_malloc((size_t) m + 1);
  c->grp_flags = fs_malloc((size_t) m + 1);
  c->grp_failover = fs_malloc(((size_t) m + 1) * sizeof(float));
  c->out_primary = fs_malloc((size_t) m + 1);
  uint8_t *first = fs_malloc((size_t) m + 1); /* in-edge i starts its group */
  c->out_off = fs_calloc((size_t) n + 2, 4);
  c->out_node = fs_malloc(((size_t) m + 1) * 4);
  c->out_group = fs_malloc(((size_t) m + 1) * 4);
  c->out_delay = fs_malloc(((size_t) m + 1) * sizeof(float));
  c->node_org = fs_malloc(((size_t) n + 1) * 4);
  uint32_t *pos = fs_malloc(((size_t) n + 1) * 4);
  if (!c->in_node || !c->in_group || !c->grp_off || !c->grp_node || !c->grp_size ||
      !c->grp_weight || !c->grp_kind || !c->grp_flags || !c->out_off || !c->out_node ||
      !c->out_group || !c->out_delay || !c->node_org || !c->grp_failover || !c->out_primary ||
      !first || !pos) {
    free(first);
    free(pos);
    free(idx);
    fs_graph_csr_free(c);
    return fs_err_set(err, FS_ENOMEM, "out of memory freezing the graph");
  }
  uint32_t ng = 0;
  for (uint32_t v = 0; v < n; v++) {
    c->node_org[v] = g->org[v];
    c->grp_off[v] = ng;
    uint32_t prev_group = 0;
    for (uint32_t i = off[v]; i < off[v + 1]; i++) {
      uint32_t e = idx[i];
      if (g->e_kind[e] == FS_DEP_HARD || i == off[v] || g->e_group[e] != prev_group) {
        c->grp_node[ng] = v;
        c->grp_size[ng] = 0;
        c->grp_weight[ng] = 0;
        c->grp_kind[ng] = g->e_kind[e];
        c->grp_flags[ng] = 0;
        int cat = g->category[g->e_prov[e]];
        /* an organisation's switch-over; providers' own redundancy (a
           second region) is active-active */
        c->grp_failover[ng] = g->e_kind[e] == FS_DEP_REDUNDANT && cat >= 0 && v >= g->n_providers
                                  ? (float) g->cats[cat].failover_hours
                                  : 0.0f;
        first[i] = 1;
        ng++;
      } else {
        first[i] = 0;
      }
      prev_group = g->e_group[e];
      uint32_t k = ng - 1;
      c->grp_size[k]++;
      if (g->e_weight[e] > c->grp_weight[k]) c->grp_weight[k] = g->e_weight[e];
      c->grp_flags[k] |= g->e_flags[e];
      c->in_node[i] = g->e_prov[e];
      c->in_group[i] = k;
    }
  }
  c->grp_off[n] = ng;
  c->n_groups = ng;
  /* Out-CSR by counting sort over the in-order edges (stable, so each
     provider's dependents come in increasing order). */
  for (uint32_t i = 0; i < m; i++) c->out_off[c->in_node[i] + 1]++;
  for (uint32_t v = 0; v < n; v++) c->out_off[v + 1] += c->out_off[v];
  memcpy(pos, c->out_off, (size_t) n * 4);
  for (uint32_t v = 0; v < n; v++)
    for (uint32_t i = off[v]; i < off[v + 1]; i++) {
      uint32_t p = c->in_node[i], at = pos[p]++;
      c->out_node[at] = v;
      c->out_group[at] = c->in_group[i];
      c->out_delay[at] = g->e_delay[idx[i]];
      c->out_primary[at] = first[i] && c->grp_kind[c->in_group[i]] == FS_DEP_REDUNDANT;
    }
  free(first);
  free(pos);
  free(idx);
#ifndef NDEBUG
  csr_assert(c);
#endif
  return 0;
}
