/* test_graph.c: hand-built dependency graphs: failure sets, dominators, HHI, CSR, GraphML. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_rng.h>

#include "graph/analysis.h"
#include "graph/graph.h"
#include "tap.h"

/* Providers c1, c2 (cloud); s (saas, hard on c1); r (saas, any of c1, c2);
   m (saas, hard on s). Organisations o1..o6 (endpoints 10 i, revenue
   1000 i, weight 1 except o4 = 2, o5 holds policy 0):
     o1 -> s hard; o2 -> r hard; o3 -> {c1, c2} any-of; o4 -> c1 hard;
     o5 -> m hard; o6 -> {s, c2} any-of.
   c1 alone takes down s and m, and o1, o4, o5 (4 weighted organisations). */
static void build(fs_graph *g) {
  fs_err err = {0};
  fs_graph_init(g);
  g->ncats = 2;
  snprintf(g->cats[0].id, FS_ID_MAX, "cloud");
  snprintf(g->cats[1].id, FS_ID_MAX, "saas");
  const char *prov[] = {"c1", "c2", "s", "r", "m"};
  int cat[] = {0, 0, 1, 1, 1};
  for (int i = 0; i < 5; i++) fs_graph_add_provider(g, prov[i], cat[i], &err);
  for (int i = 1; i <= 6; i++) {
    char name[16];
    snprintf(name, sizeof name, "o%d", i);
    fs_graph_add_org(g, name, -1, 10.0 * i, 1000.0 * i, i == 4 ? 2 : 1, i - 1, i == 5 ? 0 : -1,
                     &err);
  }
#define N(x) ((uint32_t) fs_graph_find(g, x))
  fs_graph_add_edge(g, N("s"), N("c1"), FS_DEP_HARD, 0, 0.9, 0.5, 0, &err);
  fs_graph_add_edge(g, N("r"), N("c1"), FS_DEP_REDUNDANT, 1, 0.8, 0.1, 0, &err);
  fs_graph_add_edge(g, N("r"), N("c2"), FS_DEP_REDUNDANT, 1, 0.6, 0.2, 0, &err);
  fs_graph_add_edge(g, N("m"), N("s"), FS_DEP_HARD, 0, 1.0, 1.0, 0, &err);
  fs_graph_add_edge(g, N("o1"), N("s"), FS_DEP_HARD, 0, 0.5, 0, 0, &err);
  fs_graph_add_edge(g, N("o2"), N("r"), FS_DEP_HARD, 0, 0.5, 0, 0, &err);
  fs_graph_add_edge(g, N("o3"), N("c1"), FS_DEP_REDUNDANT, 1, 0.7, 0, 0, &err);
  fs_graph_add_edge(g, N("o3"), N("c2"), FS_DEP_REDUNDANT, 1, 0.7, 0, 0, &err);
  fs_graph_add_edge(g, N("o4"), N("c1"), FS_DEP_HARD, 0, 0.25, 2, 0, &err);
  fs_graph_add_edge(g, N("o5"), N("m"), FS_DEP_HARD, 0, 0.5, 0, 0, &err);
  fs_graph_add_edge(g, N("o6"), N("s"), FS_DEP_REDUNDANT, 1, 0.4, 0, 0, &err);
  fs_graph_add_edge(g, N("o6"), N("c2"), FS_DEP_REDUNDANT, 1, 0.4, 0, 0, &err);
}

static int near(double a, double b) {
  return fabs(a - b) <= 1e-9 * (1 + fabs(b));
}

static void test_csr(fs_graph *g) {
  fs_err err = {0};
  fs_graph_csr c;
  tap_ok(fs_graph_validate(g, &err) == 0, "hand-built graph validates (%s)", err.msg);
  tap_ok(fs_graph_freeze(g, &c, &err) == 0, "freeze");
  tap_ok(c.n_nodes == 11 && c.n_edges == 12, "11 nodes, 12 edges (got %u, %u)", c.n_nodes,
         c.n_edges);
  /* Groups: s 1, r 1, m 1, o1..o6 one each = 9. */
  tap_ok(c.n_groups == 9, "9 groups (got %u)", c.n_groups);
  uint32_t r = N("r"), k = c.grp_off[r];
  tap_ok(c.grp_off[r + 1] - k == 1 && c.grp_size[k] == 2 && c.grp_kind[k] == FS_DEP_REDUNDANT &&
             near(c.grp_weight[k], 0.8f),
         "r has one any-of group of 2 with the larger weight 0.8");
  uint32_t c1 = N("c1");
  int ok = c.out_off[c1 + 1] - c.out_off[c1] == 4;
  for (uint32_t i = c.out_off[c1] + 1; i < c.out_off[c1 + 1]; i++)
    ok &= c.out_node[i - 1] < c.out_node[i];
  tap_ok(ok, "c1 has 4 dependents in increasing order");
  int delay_ok = 0;
  for (uint32_t i = c.out_off[c1]; i < c.out_off[c1 + 1]; i++)
    if (c.out_node[i] == N("o4")) delay_ok = c.out_delay[i] == 2.0f;
  tap_ok(delay_ok, "edge delay kept in the CSR");
  /* Failure sets. */
  uint8_t *down = calloc(c.n_nodes, 1);
  uint32_t *list = malloc(c.n_nodes * sizeof *list);
  void *work = calloc(1, fs_graph_fail_work_size(&c));
  uint32_t n = fs_graph_fail(&c, &c1, 1, down, work, list);
  tap_ok(n == 6 && down[N("s")] && down[N("m")] && down[N("o1")] && down[N("o4")] &&
             down[N("o5")] && !down[N("r")] && !down[N("o3")] && !down[N("o6")],
         "c1 alone: c1, s, m, o1, o4, o5 down (got %u)", n);
  for (uint32_t i = 0; i < n; i++) down[list[i]] = 0;
  uint32_t both[2] = {N("c1"), N("c2")};
  n = fs_graph_fail(&c, both, 2, down, work, list);
  tap_ok(n == 11, "c1 and c2 together: everything down (got %u)", n);
  int zero = 1;
  for (uint32_t i = 0; i < c.n_groups; i++) zero &= ((uint32_t *) work)[i] == 0;
  tap_ok(zero, "work counters are zero again after a call");
  free(down);
  free(list);
  free(work);

  fs_graph_analysis a;
  fs_graph_analysis_opts o = {1, 1};
  tap_ok(fs_graph_analyse(g, &c, &o, &a, &err) == 0, "analyse (%s)", err.msg);
  const fs_graph_vstats *v1 = &a.v[c1], *vs = &a.v[N("s")], *v2 = &a.v[N("c2")];
  tap_ok(near(v1->dependents, 4) && v1->orgs == 3 && v1->providers == 2,
         "c1: 4 weighted dependents, 3 organisations, 2 providers (got %g, %u, %u)", v1->dependents,
         v1->orgs, v1->providers);
  tap_ok(near(v1->endpoints, 140) && near(v1->revenue_usd, 14000) && v1->policies == 1,
         "c1: endpoints 140, revenue 14000, 1 policy (got %g, %g, %u)", v1->endpoints,
         v1->revenue_usd, v1->policies);
  tap_ok(near(vs->dependents, 2) && v2->dependents == 0, "s: 2 dependents; c2: none");
  tap_ok(near(v1->dominated, 4) && near(vs->dominated, 2) && near(a.v[N("r")].dominated, 1) &&
             near(v2->dominated, 0),
         "dominated: c1 4, s 2, r 1, c2 0 (got %g %g %g %g)", v1->dominated, vs->dominated,
         a.v[N("r")].dominated, v2->dominated);
  tap_ok(a.idom[N("m")] == N("s") && a.idom[N("s")] == c1 && a.idom[N("r")] == FS_GRAPH_NONE &&
             a.idom[N("o6")] == FS_GRAPH_NONE && a.idom[N("o5")] == N("m"),
         "immediate dominators: m<-s<-c1, r and o6 under the root, o5<-m");
  tap_ok(near(v1->hard, 4) && near(v1->exposed, 7) && near(v2->exposed, 3),
         "c1: hard 4, exposed 7 (6 orgs, o4 weighs 2); c2 exposed 3 (got %g %g %g)", v1->hard,
         v1->exposed, v2->exposed);
  tap_ok(near(v1->capacity_lost, 0.5 + 2 * 0.25 + 0.5), "c1: capacity lost 1.5 (got %g)",
         v1->capacity_lost);
  /* Cloud: c1 = o3 / 2 + o4 (weight 2) = 2.5, c2 = o3 / 2 + o6 = 1.5 (o6's
     any-of group mixes s and c2: one cloud provider, so c2 counts fully).
     Saas: s = o1 + o6 = 2, r = 1, m = 1. */
  tap_ok(near(a.cats[0].hhi, 1e4 * (0.625 * 0.625 + 0.375 * 0.375)) && near(a.cats[1].hhi, 3750),
         "HHI: cloud 5312.5, saas 3750 (got %g, %g)", a.cats[0].hhi, a.cats[1].hhi);
  tap_ok(a.cats[0].top == c1 && near(a.cats[0].top_share, 0.625), "cloud: c1 holds 5/8");
  /* Revenue HHI, cloud: c1 = 0.5 x 3000 + 2 x 4000 = 9500, c2 = 1500 + 6000. */
  tap_ok(near(a.cats[0].hhi_revenue, 1e4 * (9500.0 * 9500 + 7500.0 * 7500) / (17000.0 * 17000)),
         "revenue-weighted HHI (got %g)", a.cats[0].hhi_revenue);
  tap_ok(a.rank[0] == c1 && a.rank[1] == N("s"), "ranked: c1 first, s second");
  tap_ok(v1->pagerank > v2->pagerank && a.v[N("s")].betweenness > 0,
         "PageRank c1 > c2; s lies between (betweenness %g)", a.v[N("s")].betweenness);
  fs_graph_analysis_free(&a);
  fs_graph_csr_free(&c);
}

static void test_errors(void) {
  fs_err err = {0};
  fs_graph g;
  fs_graph_init(&g);
  fs_graph_add_provider(&g, "a", -1, &err);
  fs_graph_add_provider(&g, "b", -1, &err);
  fs_graph_add_provider(&g, "c", -1, &err);
  tap_ok(fs_graph_add_provider(&g, "b", -1, &err) == FS_EINVAL && strstr(err.msg, "duplicate"),
         "duplicate id: %s", err.msg);
  tap_ok(fs_graph_add_edge(&g, 0, 1, FS_DEP_HARD, 0, 1, -1, 0, &err) == FS_EINVAL &&
             strstr(err.msg, "delay_hours"),
         "negative delay: %s", err.msg);
  tap_ok(fs_graph_add_edge(&g, 0, 1, FS_DEP_HARD, 0, 1.5, 0, 0, &err) == FS_EINVAL,
         "weight above 1: %s", err.msg);
  tap_ok(fs_graph_add_edge(&g, 0, 1, FS_DEP_REDUNDANT, 0, 1, 0, 0, &err) == FS_EINVAL,
         "redundant edge without a group: %s", err.msg);
  fs_graph_add_edge(&g, 0, 1, FS_DEP_HARD, 0, 1, 0, 0, &err);
  fs_graph_add_edge(&g, 1, 2, FS_DEP_HARD, 0, 1, 0, 0, &err);
  fs_graph_add_edge(&g, 2, 0, FS_DEP_REDUNDANT, 1, 1, 0, 0, &err);
  tap_ok(fs_graph_validate(&g, &err) == 0, "a cycle through a redundant edge is allowed");
  g.e_kind[2] = FS_DEP_HARD;
  g.e_group[2] = 0;
  int rc = fs_graph_validate(&g, &err);
  tap_ok(rc == FS_EINVAL && strstr(err.msg, "cycle of hard dependencies") &&
             strstr(err.msg, "a -> b -> c -> a"),
         "hard cycle with its members: %s", err.msg);
  g.n_edges = 1;
  fs_graph_add_edge(&g, 0, 1, FS_DEP_HARD, 0, 1, 0, 0, &err);
  tap_ok(fs_graph_validate(&g, &err) == FS_EINVAL && strstr(err.msg, "duplicate edge 'a' -> 'b'"),
         "duplicate edge: %s", err.msg);
  fs_graph_free(&g);
}

static void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  fputs(text, f);
  fclose(f);
}

static void test_graphml(fs_graph *g) {
  fs_err err = {0};
  char dir[] = "/tmp/fs_graph_XXXXXX", path[256];
  if (!mkdtemp(dir)) return;
  snprintf(path, sizeof path, "%s/g.graphml", dir);
  tap_ok(fs_graph_write_graphml(g, path, &err) == 0, "write GraphML (%s)", err.msg);
  fs_graph h;
  fs_graph_init(&h);
  tap_ok(fs_graph_read_graphml(&h, path, &err) == 0, "read it back (%s)", err.msg);
  int same = h.n_nodes == g->n_nodes && h.n_providers == g->n_providers && h.n_edges == g->n_edges;
  for (uint32_t v = 0; same && v < g->n_nodes; v++) {
    same &= strcmp(fs_graph_name(g, v), fs_graph_name(&h, v)) == 0;
    same &= g->endpoints[v] == h.endpoints[v] && g->revenue_usd[v] == h.revenue_usd[v] &&
            g->weight[v] == h.weight[v] && g->policy[v] == h.policy[v] && g->org[v] == h.org[v];
    if (v < g->n_providers)
      same &= strcmp(g->cats[g->category[v]].id, h.cats[h.category[v]].id) == 0;
  }
  for (uint32_t e = 0; same && e < g->n_edges; e++)
    same &= g->e_dep[e] == h.e_dep[e] && g->e_prov[e] == h.e_prov[e] &&
            g->e_kind[e] == h.e_kind[e] && g->e_group[e] == h.e_group[e] &&
            g->e_weight[e] == h.e_weight[e] && g->e_delay[e] == h.e_delay[e];
  tap_ok(same, "round trip keeps nodes, categories, kinds, groups, weights and delays");
  fs_graph_free(&h);

  snprintf(path, sizeof path, "%s/bad.graphml", dir);
  write_file(path, "<?xml version=\"1.0\"?>\n<graphml><graph edgedefault=\"directed\">\n"
                   "<node id=\"a\"/><edge source=\"a\" target=\"b\"\n");
  fs_graph_init(&h);
  tap_ok(fs_graph_read_graphml(&h, path, &err) == FS_EINVAL && strstr(err.msg, "malformed GraphML"),
         "malformed GraphML: %s", err.msg);
  write_file(
      path, "<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
            "<key id=\"d\" for=\"edge\" attr.name=\"delay_hours\" attr.type=\"double\"/>\n"
            "<graph edgedefault=\"directed\"><node id=\"a\"/><node id=\"b\"/>\n"
            "<edge source=\"a\" target=\"b\"><data key=\"d\">-3</data></edge></graph></graphml>\n");
  tap_ok(fs_graph_read_graphml(&h, path, &err) == FS_EINVAL && strstr(err.msg, "delay_hours"),
         "negative delay in GraphML: %s", err.msg);
  write_file(
      path, "<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
            "<graph edgedefault=\"directed\"><node id=\"a\"/><node id=\"a\"/></graph></graphml>\n");
  tap_ok(fs_graph_read_graphml(&h, path, &err) == FS_EINVAL && strstr(err.msg, "uplicate"),
         "duplicate node id in GraphML: %s", err.msg);
  fs_graph_free(&h);
  /* fuzz/regress/graphml/newline-in-node-id.graphml: line breaks and tabs
     in an id survive export (as character references). */
  write_file(
      path, "<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
            "<graph edgedefault=\"directed\"><node id=\"a&#10;b&#9;c&#13;\"/><node id=\"a b c\"/>\n"
            "<edge source=\"a b c\" target=\"a&#10;b&#9;c&#13;\"/></graph></graphml>\n");
  int rt =
      fs_graph_read_graphml(&h, path, &err) == 0 && fs_graph_write_graphml(&h, path, &err) == 0;
  fs_graph_free(&h);
  rt = rt && fs_graph_read_graphml(&h, path, &err) == 0 && h.n_nodes == 2 && h.n_edges == 1 &&
       strcmp(fs_graph_name(&h, 0), "a\nb\tc\r") == 0 && strcmp(fs_graph_name(&h, 1), "a b c") == 0;
  tap_ok(rt, "a node id with a line break, a tab and a carriage return reads back as itself (%s)",
         err.msg);
  fs_graph_free(&h);
  /* fuzz/regress/graphml/ampersand-in-node-id.graphml: "&amp;" in an id is '&'. */
  write_file(path,
             "<graphml><graph edgedefault=\"directed\"><node id=\"AT&amp;T\"/><node id=\"c\"/>\n"
             "<edge source=\"AT&amp;T\" target=\"c\"/></graph></graphml>\n");
  rt = fs_graph_read_graphml(&h, path, &err) == 0 && strcmp(fs_graph_name(&h, 0), "AT&T") == 0 &&
       fs_graph_write_graphml(&h, path, &err) == 0;
  fs_graph_free(&h);
  rt = rt && fs_graph_read_graphml(&h, path, &err) == 0 && h.n_nodes == 2 &&
       strcmp(fs_graph_name(&h, 0), "AT&T") == 0;
  tap_ok(rt, "a node id written AT&amp;T reads as AT&T, and back after export (%s)", err.msg);
  fs_graph_free(&h);
  /* fuzz/regress/graphml/node-kind-double.graphml: a text attribute of another type. */
  write_file(path, "<graphml><key id=\"k\" for=\"node\" attr.name=\"kind\" attr.type=\"double\"/>\n"
                   "<graph edgedefault=\"directed\"><node id=\"a\"><data key=\"k\">1</data></node>"
                   "<node id=\"b\"/><edge source=\"a\" target=\"b\"/></graph></graphml>\n");
  tap_ok(fs_graph_read_graphml(&h, path, &err) == FS_EINVAL &&
             strstr(err.msg, "the node attribute 'kind' must be a string"),
         "a numeric kind attribute is refused: %s", err.msg);
  fs_graph_free(&h);

  /* CSV edge list onto the hand-built nodes. */
  snprintf(path, sizeof path, "%s/e.csv", dir);
  write_file(path, "dependent,provider,kind,group,weight,delay_hours\n"
                   "o1,c1,hard,,0.5,1\no1,c2,redundant,1,,\n");
  tap_ok(fs_graph_import_edges(g, path, &err) == 0 && g->n_edges == 2,
         "edge list: a hard edge and a one-member any-of group (%s)", err.msg);
  write_file(path, "dependent,provider,kind,group,weight,delay_hours\n"
                   "o1,c1,hard,,0.5,1\no1,c2,redundant,,,\n");
  tap_ok(fs_graph_import_edges(g, path, &err) == FS_EINVAL && strstr(err.msg, ":3:"),
         "edge list: a redundant edge needs a group: %s", err.msg);
  write_file(path, "dependent,provider,kind,group,weight,delay_hours\no1,c3,hard,,0.5,1\n");
  tap_ok(fs_graph_import_edges(g, path, &err) == FS_EINVAL && strstr(err.msg, ":2:") &&
             strstr(err.msg, "unknown node \"c3\"") && strstr(err.msg, "did you mean"),
         "edge list, unknown node: %s", err.msg);
  write_file(path, "dependent,provider,kind,group,weight,delay_hours\no1,c1,hard,,0.5,-1\n");
  tap_ok(fs_graph_import_edges(g, path, &err) == FS_EINVAL && strstr(err.msg, "delay_hours"),
         "edge list, negative delay: %s", err.msg);
  write_file(path, "dependent,provider,kind,group,weight,delay_hours\n"
                   "o1,c1,hard,,0.5,1\no2,c1,redundant,1,1,0\no2,c2,redundant,1,1,0\n");
  tap_ok(fs_graph_import_edges(g, path, &err) == 0 && g->n_edges == 3, "edge list imported (%s)",
         err.msg);
  unlink(path);
  snprintf(path, sizeof path, "%s/bad.graphml", dir);
  unlink(path);
  snprintf(path, sizeof path, "%s/g.graphml", dir);
  unlink(path);
  rmdir(dir);
}

/* fs_graph_build with declared vendors and no declared edges: a success
   (it once returned the last provider's index, a positive status). */
static void test_build_no_edges(void) {
  fs_err err = {0};
  fs_config *cfg = calloc(1, sizeof *cfg);
  fs_graph_decl d;
  memset(&d, 0, sizeof d);
  fs_graph_decl_vendor v[2];
  memset(v, 0, sizeof v);
  snprintf(v[0].id, FS_ID_MAX, "a");
  snprintf(v[1].id, FS_ID_MAX, "b");
  d.ncats = 1;
  snprintf(d.cats[0].id, FS_ID_MAX, "saas");
  d.nvendors = 2;
  d.vendors = v;
  d.synth.orgs = 1;
  d.synth.cloud_category = -1;
  fs_graph g;
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  int rc = cfg && rng ? fs_graph_build(&g, &d, cfg, NULL, rng, &err) : -1;
  tap_ok(rc == 0 && g.n_nodes == 2 && g.n_edges == 0,
         "vendors without declared edges build a graph (rc %d, %s)", rc, err.msg);
  fs_graph_csr c;
  tap_ok(rc == 0 && fs_graph_freeze(&g, &c, &err) == 0 && c.n_groups == 0 && c.out_off[2] == 0,
         "and freeze to a CSR without edges");
  if (rc == 0) fs_graph_csr_free(&c);
  fs_graph_free(&g);
  gsl_rng_free(rng);
  free(cfg);
}

/* Names that do not fit are errors, never truncated. */
static void test_limits(fs_graph *g) {
  fs_err err = {0};
  char dir[] = "/tmp/fs_graph_XXXXXX", path[5000];
  if (!mkdtemp(dir)) return;
  memset(path, 'x', sizeof path);
  memcpy(path, dir, strlen(dir));
  path[strlen(dir)] = '/';
  snprintf(path + 4080, sizeof path - 4080, ".graphml");
  tap_ok(fs_graph_write_graphml(g, path, &err) == FS_ELIMIT && strstr(err.msg, "too long"),
         "an export path too long for the temporary name is an error: %.60s...", err.msg);
  snprintf(path, sizeof path, "%s/long.graphml", dir);
  write_file(path, "<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/"
                   "xmlns\">\n<key id=\"c\" for=\"node\" attr.name=\"category\" "
                   "attr.type=\"string\"/>\n<graph edgedefault=\"directed\"><node id=\"a\">"
                   "<data key=\"c\">a_category_id_much_longer_than_forty_seven_bytes_x</data>"
                   "</node></graph></graphml>\n");
  fs_graph h;
  fs_graph_init(&h);
  tap_ok(fs_graph_read_graphml(&h, path, &err) == FS_ELIMIT && strstr(err.msg, "category id"),
         "a category id too long in GraphML is an error: %s", err.msg);
  fs_graph_free(&h);
  unlink(path);
  rmdir(dir);
}

int main(void) {
  fs_graph g;
  build(&g);
  test_csr(&g);
  test_errors();
  test_graphml(&g);
  test_limits(&g);
  fs_graph_free(&g);
  test_build_no_edges();
  return tap_done();
}
