/* graph_decl.c: read a scenario's `graph` table (vendors, categories, edges, synthesis) into
   the graph module's declaration (fs_graph_decl). */
#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph.h"
#include "scenario/check.h"
#include "scenario/scenario_impl.h"
#include "util/alloc.h"
#include "util/suggest.h"

/* Index of id among n names of stride `stride` bytes, or -1; *near gets a
   likely meant name (fs_suggest_field) or NULL. */
static int lookup(const char *id, const char *base, size_t stride, int n, const char **near) {
  *near = NULL;
  for (int i = 0; i < n; i++)
    if (strcmp(base + (size_t) i * stride, id) == 0) return i;
  *near = fs_suggest_field(id, base, stride, n > 0 ? (size_t) n : 0);
  return -1;
}

static int read_categories(fs_check *c, int idx, fs_graph_decl *d) {
  static const char *const keys[] =
      FS_CHECK_KEYS("id", "name", "weight", "delay_hours", "redundancy", "failover_hours",
                    "via_fleet", "on_cloud", "infrastructure", "source", "notes");
  lua_State *L = c->L;
  TRY(fs_check_enter(c, idx, "categories", 1));
  int n = (int) lua_rawlen(L, -1);
  if (n < 1 || n > FS_GRAPH_MAX_CATS)
    TRY(fs_check_fail(c, NULL, "needs 1 to %d categories (got %d)", FS_GRAPH_MAX_CATS, n));
  for (int i = 0; i < n; i++) {
    fs_graph_category *k = &d->cats[i];
    TRY(fs_check_enter_index(c, -1, i + 1));
    TRY(fs_check_keys(c, -1, keys));
    TRY(fs_check_id(c, -1, "id", 1, NULL, k->id, sizeof k->id));
    TRY(fs_check_string(c, -1, "name", 0, k->id, k->name, sizeof k->name));
    TRY(fs_check_number(c, -1, "weight", 1, 0, 1, 0, &k->weight));
    TRY(fs_check_number(c, -1, "delay_hours", 0, 0, 1e5, 0, &k->delay_hours));
    TRY(fs_check_number(c, -1, "redundancy", 0, 0, 1, 0, &k->redundancy));
    TRY(fs_check_number(c, -1, "failover_hours", 0, 0, 1e4, 0, &k->failover_hours));
    TRY(fs_check_bool(c, -1, "via_fleet", 0, 0, &k->via_fleet));
    TRY(fs_check_bool(c, -1, "on_cloud", 0, 0, &k->on_cloud));
    TRY(fs_check_bool(c, -1, "infrastructure", 0, 0, &k->infrastructure));
    for (int j = 0; j < i; j++)
      if (strcmp(d->cats[j].id, k->id) == 0)
        TRY(fs_check_fail(c, "id", "duplicate category id '%s'", k->id));
    fs_check_leave(c);
  }
  d->ncats = n;
  fs_check_leave(c);
  return 0;
}

static int read_vendors(fs_check *c, int idx, const fs_config *cfg, fs_graph_decl *d) {
  static const char *const keys[] = FS_CHECK_KEYS(
      "id", "name", "category", "market_share", "market_share_source", "platform_share",
      "platform_source", "sensor_versions", "source", "notes", "fleet");
  static const char *const fleet_keys[] =
      FS_CHECK_KEYS("industry", "region", "endpoints", "revenue_usd", "agent", "source");
  lua_State *L = c->L;
  TRY(fs_check_enter(c, idx, "vendors", 1));
  int n = (int) lua_rawlen(L, -1);
  if (n < 1 || n > 100000) TRY(fs_check_fail(c, NULL, "needs 1 to 100000 vendors (got %d)", n));
  d->vendors = fs_calloc((size_t) n, sizeof *d->vendors);
  if (!d->vendors) return fs_err_set(c->err, FS_ENOMEM, "out of memory for %d vendors", n);
  const char *cat_ids[FS_GRAPH_MAX_CATS + 1];
  for (int k = 0; k < d->ncats; k++) cat_ids[k] = d->cats[k].id;
  cat_ids[d->ncats] = NULL;
  const char *ids[FS_MAX_INDUSTRIES + 2];
  for (int k = 0; k < cfg->nindustries; k++) ids[k] = cfg->industries[k].id;
  ids[cfg->nindustries] = "default";
  ids[cfg->nindustries + 1] = NULL;
  for (int i = 0; i < n; i++) {
    fs_graph_decl_vendor *v = &d->vendors[i];
    TRY(fs_check_enter_index(c, -1, i + 1));
    TRY(fs_check_keys(c, -1, keys));
    TRY(fs_check_id(c, -1, "id", 1, NULL, v->id, sizeof v->id));
    if (strncmp(v->id, "org:", 4) == 0)
      TRY(fs_check_fail(c, "id", "must not start with 'org:' (reserved for organisations)"));
    TRY(fs_check_string(c, -1, "name", 0, v->id, v->name, sizeof v->name));
    TRY(fs_check_choice(c, -1, "category", 1, cat_ids, 0, &v->category));
    int in = fs_check_enter(c, -1, "market_share", 0);
    TRY(in);
    if (in) {
      double dflt;
      TRY(fs_check_keys(c, -1, ids));
      TRY(fs_check_number(c, -1, "default", 0, 0, 1, 0, &dflt));
      for (int k = 0; k < cfg->nindustries; k++)
        TRY(fs_check_number(c, -1, ids[k], 0, 0, 1, dflt, &v->share[k]));
      v->has_share = 1;
      fs_check_leave(c);
    }
    int fin = fs_check_enter(c, -1, "fleet", 0);
    TRY(fin);
    if (fin) {
      const char *inds[FS_MAX_INDUSTRIES + 1], *regs[FS_MAX_REGIONS + 1];
      for (int k = 0; k < cfg->nindustries; k++) inds[k] = cfg->industries[k].id;
      inds[cfg->nindustries] = NULL;
      for (int k = 0; k < cfg->nregions; k++) regs[k] = cfg->regions[k].id;
      regs[cfg->nregions] = NULL;
      TRY(fs_check_keys(c, -1, fleet_keys));
      TRY(fs_check_choice(c, -1, "industry", 1, inds, 0, &v->fleet_industry));
      TRY(fs_check_choice(c, -1, "region", 1, regs, 0, &v->fleet_region));
      TRY(fs_check_number(c, -1, "endpoints", 1, 1, 4e6, 1, &v->fleet_endpoints));
      TRY(fs_check_number(c, -1, "revenue_usd", 0, 0, 1e13, 0, &v->fleet_revenue_usd));
      TRY(fs_check_string(c, -1, "agent", 0, "", v->fleet_agent, sizeof v->fleet_agent));
      v->has_fleet = 1;
      fs_check_leave(c);
    }
    for (int j = 0; j < i; j++)
      if (strcmp(d->vendors[j].id, v->id) == 0)
        TRY(fs_check_fail(c, "id", "duplicate vendor id '%s'", v->id));
    fs_check_leave(c);
  }
  d->nvendors = n;
  fs_check_leave(c);
  /* Shares of one category must not exceed 1 for any industry: the rest is
     the chance an organisation uses none of the listed providers. */
  for (int k = 0; k < d->ncats; k++)
    for (int ind = 0; ind < cfg->nindustries; ind++) {
      double sum = 0;
      for (int i = 0; i < n; i++)
        if (d->vendors[i].category == k && d->vendors[i].has_share) sum += d->vendors[i].share[ind];
      if (sum > 1 + 1e-6) {
        TRY(fs_check_enter(c, idx, "vendors", 1));
        int rc = fs_check_fail(c, NULL,
                               "market shares of category '%s' sum to more than 1 for industry "
                               "'%s' (got %.6g)",
                               d->cats[k].id, cfg->industries[ind].id, sum);
        fs_check_leave(c);
        return rc;
      }
    }
  return 0;
}

static int read_name(fs_check *c, const char *key, const fs_graph_decl *d, char *out, size_t cap,
                     int *index) {
  TRY(fs_check_string(c, -1, key, 1, NULL, out, cap));
  const char *near;
  *index = lookup(out, d->vendors[0].id, sizeof d->vendors[0], d->nvendors, &near);
  if (*index < 0) {
    if (near) return fs_check_fail(c, key, "unknown vendor '%s' (did you mean '%s'?)", out, near);
    return fs_check_fail(c, key, "unknown vendor '%s'", out);
  }
  return 0;
}

static int read_edges(fs_check *c, int idx, fs_graph_decl *d) {
  static const char *const keys[] = FS_CHECK_KEYS("dependent", "provider", "kind", "group",
                                                  "weight", "delay_hours", "source", "notes");
  lua_State *L = c->L;
  int in = fs_check_enter(c, idx, "edges", 0);
  TRY(in);
  if (!in) return 0;
  int n = (int) lua_rawlen(L, -1);
  d->edges = fs_calloc((size_t) (n > 0 ? n : 1), sizeof *d->edges);
  if (!d->edges) return fs_err_set(c->err, FS_ENOMEM, "out of memory for %d edges", n);
  for (int i = 0; i < n; i++) {
    fs_graph_decl_edge *e = &d->edges[i];
    TRY(fs_check_enter_index(c, -1, i + 1));
    TRY(fs_check_keys(c, -1, keys));
    TRY(read_name(c, "dependent", d, e->dependent, sizeof e->dependent, &e->dep));
    TRY(read_name(c, "provider", d, e->provider, sizeof e->provider, &e->prov));
    if (e->dep == e->prov)
      TRY(fs_check_fail(c, "provider", "a vendor cannot depend on itself ('%s')", e->provider));
    TRY(fs_check_choice(c, -1, "kind", 0, fs_dep_kind_ids, FS_DEP_HARD, &e->kind));
    int64_t group;
    TRY(fs_check_integer(c, -1, "group", 0, 0, 65535, 0, &group));
    e->group = (int) group;
    if (e->kind == FS_DEP_REDUNDANT && e->group < 1)
      TRY(fs_check_fail(c, "group", "a redundant edge needs a group id >= 1 (got %d)", e->group));
    if (e->kind == FS_DEP_HARD && e->group != 0)
      TRY(fs_check_fail(c, "group", "a hard edge has no group (got %d)", e->group));
    TRY(fs_check_number(c, -1, "weight", 0, 0, 1, 1, &e->weight));
    TRY(fs_check_number(c, -1, "delay_hours", 0, 0, 1e5, 0, &e->delay_hours));
    for (int j = 0; j < i; j++)
      if (d->edges[j].dep == e->dep && d->edges[j].prov == e->prov)
        TRY(fs_check_fail(c, NULL, "duplicate edge '%s' -> '%s'", e->dependent, e->provider));
    fs_check_leave(c);
  }
  d->nedges = n;
  /* Hard cycles are reported at the edge that closes them. */
  long at;
  int rc = fs_graph_decl_check(d, &at, c->err);
  if (rc == FS_EINVAL && at >= 0) {
    fs_err why = *c->err;
    if ((rc = fs_check_enter_index(c, -1, at + 1)) >= 0) rc = fs_check_fail(c, NULL, "%s", why.msg);
  }
  TRY(rc);
  fs_check_leave(c);
  return 0;
}

static int read_synthesis(fs_check *c, int idx, fs_graph_decl *d) {
  static const char *const keys[] =
      FS_CHECK_KEYS("organisations", "cloud_category", "provider_redundancy", "provider_weight",
                    "provider_delay_hours", "long_tail", "source", "notes");
  static const char *const tail_keys[] =
      FS_CHECK_KEYS("providers", "per_org", "weight", "delay_hours", "source");
  fs_graph_synth *s = &d->synth;
  s->orgs = 1;
  s->cloud_category = -1;
  s->provider_weight = 1;
  for (int k = 0; k < d->ncats; k++)
    if (strcmp(d->cats[k].id, "cloud") == 0) s->cloud_category = k;
  int in = fs_check_enter(c, idx, "synthesis", 0);
  TRY(in);
  if (!in) return 0;
  TRY(fs_check_keys(c, -1, keys));
  TRY(fs_check_bool(c, -1, "organisations", 0, 1, &s->orgs));
  const char *cat_ids[FS_GRAPH_MAX_CATS + 1];
  for (int k = 0; k < d->ncats; k++) cat_ids[k] = d->cats[k].id;
  cat_ids[d->ncats] = NULL;
  lua_pushliteral(c->L, "cloud_category"); /* raw: no metamethod outside a protected call */
  lua_rawget(c->L, -2);
  int has_cloud = !lua_isnil(c->L, -1);
  lua_pop(c->L, 1);
  if (has_cloud) TRY(fs_check_choice(c, -1, "cloud_category", 1, cat_ids, 0, &s->cloud_category));
  TRY(fs_check_number(c, -1, "provider_redundancy", 0, 0, 1, 0, &s->provider_redundancy));
  TRY(fs_check_number(c, -1, "provider_weight", 0, 0, 1, 1, &s->provider_weight));
  TRY(fs_check_number(c, -1, "provider_delay_hours", 0, 0, 1e5, 0, &s->provider_delay_hours));
  int tin = fs_check_enter(c, -1, "long_tail", 0);
  TRY(tin);
  if (tin) {
    int64_t np, per;
    TRY(fs_check_keys(c, -1, tail_keys));
    TRY(fs_check_integer(c, -1, "providers", 1, 0, 10000000, 0, &np));
    TRY(fs_check_integer(c, -1, "per_org", 1, 0, 1000, 0, &per));
    TRY(fs_check_number(c, -1, "weight", 0, 0, 1, 0.05, &s->tail_weight));
    TRY(fs_check_number(c, -1, "delay_hours", 0, 0, 1e5, 0, &s->tail_delay_hours));
    s->tail_providers = (int) np;
    s->tail_per_org = (int) per;
    if (per > np)
      TRY(fs_check_fail(c, "per_org", "exceeds providers (got %d > %d)", (int) per, (int) np));
    if (np > 0 && s->cloud_category < 0)
      TRY(fs_check_fail(c, "providers", "long-tail providers need a cloud category"));
    fs_check_leave(c);
  }
  fs_check_leave(c);
  return 0;
}

int fs_scenario__read_graph(fs_check *c, int idx, const fs_config *cfg, fs_graph_decl *d) {
  static const char *const keys[] =
      FS_CHECK_KEYS("categories", "vendors", "edges", "synthesis", "source", "notes");
  memset(d, 0, sizeof *d);
  idx = lua_absindex(c->L, idx);
  int rc = fs_check_keys(c, idx, keys);
  if (rc == 0) rc = read_categories(c, idx, d);
  if (rc == 0) rc = read_vendors(c, idx, cfg, d);
  if (rc == 0) rc = read_edges(c, idx, d);
  if (rc == 0) rc = read_synthesis(c, idx, d);
  if (rc != 0) fs_graph_decl_free(d);
  return rc;
}
