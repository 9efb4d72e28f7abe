/* prep.c: load a scenario and build its fleet, portfolio and dependency
   graph, once, for the replications that follow. */
#include "batch/prep.h"

#include <stdlib.h>
#include <string.h>

#include "cli/common.h"
#include "engine/rng.h"
#include "util/alloc.h"

/* Portfolio rows become policy organisations of the fleet. */
static int attach_portfolio(fs_prepared *p, const char *path, fs_err *err) {
  const fs_config *cfg = p->sc.cfg;
  if (!cfg->has_costs)
    return fs_err_set(err, FS_EINVAL,
                      "%s: --portfolio needs a scenario with costs (costs = require \"costs\")",
                      p->sc.path);
  const char *inds[FS_MAX_INDUSTRIES], *regs[FS_MAX_REGIONS];
  for (int k = 0; k < cfg->nindustries; k++) inds[k] = cfg->industries[k].id;
  for (int k = 0; k < cfg->nregions; k++) regs[k] = cfg->regions[k].id;
  int rc = fs_portfolio_load(&p->pf, path, inds, cfg->nindustries, regs, cfg->nregions, err);
  if (rc != 0) return rc;
  p->have_pf = 1;
  p->fpol = fs_calloc(p->pf.n ? p->pf.n : 1, sizeof *p->fpol);
  p->policy_org = fs_calloc(p->pf.n ? p->pf.n : 1, sizeof *p->policy_org);
  p->terms = fs_calloc(p->pf.n ? p->pf.n : 1, sizeof *p->terms);
  if (!p->fpol || !p->policy_org || !p->terms)
    return fs_err_set(err, FS_ENOMEM, "out of memory for the portfolio");
  return fs_cli_policies_for_fleet(cfg, &p->pf, p->fpol, err);
}

/* Providers of the dependency graph that run on a fleet of their own
   become organisations too, after the portfolio's policies. */
static int attach_providers(fs_prepared *p, size_t *nprov, fs_err *err) {
  const fs_config *cfg = p->sc.cfg;
  const struct fs_graph_decl *g = p->sc.graph;
  *nprov = 0;
  for (int v = 0; v < g->nvendors; v++) *nprov += g->vendors[v].has_fleet != 0;
  if (*nprov == 0) return 0;
  fs_fleet_policy *more = fs_realloc(p->fpol, (p->pf.n + *nprov) * sizeof *more);
  if (!more) return fs_err_set(err, FS_ENOMEM, "out of memory");
  p->fpol = more;
  size_t k = p->pf.n;
  for (int v = 0; v < g->nvendors; v++) {
    const fs_graph_decl_vendor *d = &g->vendors[v];
    if (!d->has_fleet) continue;
    const fs_industry *ind = &cfg->industries[d->fleet_industry];
    p->fpol[k++] =
        (fs_fleet_policy){.industry = d->fleet_industry,
                          .region = d->fleet_region,
                          .endpoints = d->fleet_endpoints,
                          .vendor = -1,
                          .agent_fixed = 1,
                          .is_agent_vendor = strcmp(d->fleet_agent, cfg->incident.vendor) == 0,
                          .revenue_usd = d->fleet_revenue_usd > 0
                                             ? d->fleet_revenue_usd
                                             : d->fleet_endpoints * ind->cost.revenue_per_endpoint};
  }
  return 0;
}

/* The dependency graph: built and frozen here, on one thread (igraph is
   not thread-safe), then read by every replication. */
static int attach_graph(fs_prepared *p, fs_err *err) {
  const fs_config *cfg = p->sc.cfg;
  gsl_rng *grng = fs_rng_new(cfg->seed, FS_STREAM_GRAPH);
  int rc = grng ? fs_graph_build(&p->graph, p->sc.graph, cfg, &p->fleet, grng, err)
                : fs_err_set(err, FS_ENOMEM, "out of memory");
  if (grng) gsl_rng_free(grng);
  if (rc != 0) return rc;
  /* Each provider with a fleet is tied to its organisation: its health
     then follows its own endpoints (model/propagate.c). */
  size_t k = p->fleet.first_policy_org + p->pf.n;
  for (int v = 0; v < p->sc.graph->nvendors; v++) {
    if (!p->sc.graph->vendors[v].has_fleet) continue;
    long node = fs_graph_find(&p->graph, p->sc.graph->vendors[v].id);
    if (node >= 0) p->graph.org[node] = (int32_t) k;
    k++;
  }
  if ((rc = fs_graph_freeze(&p->graph, &p->csr, err)) != 0) return rc;
  p->have_graph = 1;
  return 0;
}

static int prepare(fs_prepared *p, double scale, const char *portfolio, fs_prepared *prev,
                   fs_err *err) {
  const fs_config *cfg = p->sc.cfg;
  int rc;
  if (portfolio && (rc = attach_portfolio(p, portfolio, err)) != 0) return rc;
  size_t nprov = 0;
  if (p->sc.graph && (rc = attach_providers(p, &nprov, err)) != 0) return rc;
  p->fleet_key = fs_fleet_key(cfg, scale, p->fpol, p->pf.n + nprov);
  if (prev && prev->fleet.orgs && prev->fleet_key == p->fleet_key) {
    p->fleet = prev->fleet;
    memset(&prev->fleet, 0, sizeof prev->fleet);
    p->fleet_reused = 1;
    rc = 0;
  } else {
    gsl_rng *frng = fs_rng_new(cfg->seed, FS_STREAM_FLEET);
    if (!frng) return fs_err_set(err, FS_ENOMEM, "out of memory");
    rc = fs_fleet_build_with(&p->fleet, cfg, scale, frng, p->fpol, p->pf.n + nprov, err);
    gsl_rng_free(frng);
  }
  if (rc != 0) {
    fs_err_prefix(err, "%s", p->sc.path);
    return rc;
  }
  for (size_t i = 0; i < p->pf.n; i++) {
    p->policy_org[i] = (uint32_t) (p->fleet.first_policy_org + i);
    p->terms[i] = p->pf.p[i].terms;
  }
  if (p->sc.graph && (rc = attach_graph(p, err)) != 0) {
    fs_err_prefix(err, "%s", p->sc.path);
    return rc;
  }
  if (cfg->incident.kind != FS_INC_FAULTY_UPDATE) {
    if (!p->have_graph)
      return fs_err_set(err, FS_EINVAL,
                        "%s: incident.kind %s needs a dependency graph (graph = "
                        "require \"vendors\")",
                        p->sc.path,
                        cfg->incident.kind == FS_INC_PROVIDER_OUTAGE ? "provider_outage"
                                                                     : "supply_chain");
    p->provider_node = fs_graph_find(&p->graph, cfg->incident.provider);
    if (p->provider_node < 0 || fs_graph_is_org(&p->graph, (uint32_t) p->provider_node))
      return fs_err_set(err, FS_EINVAL,
                        "%s: incident.provider: '%s' is not a provider of the dependency graph",
                        p->sc.path, cfg->incident.provider);
  }
  return 0;
}

int fs_prepare(fs_prepared *p, const fs_load_opts *lo, double scale, const char *portfolio,
               fs_err *err) {
  return fs_prepare_reusing(p, lo, scale, portfolio, NULL, err);
}

int fs_prepare_reusing(fs_prepared *p, const fs_load_opts *lo, double scale, const char *portfolio,
                       fs_prepared *prev, fs_err *err) {
  memset(p, 0, sizeof *p);
  p->provider_node = -1;
  fs_graph_init(&p->graph);
  int rc = fs_scenario_load(&p->sc, lo, err);
  if (rc != 0) {
    fs_graph_free(&p->graph);
    return rc;
  }
  p->loaded = 1;
  if ((rc = prepare(p, scale, portfolio, prev, err)) != 0) fs_prepared_free(p);
  return rc;
}

void fs_prepared_free(fs_prepared *p) {
  fs_graph_csr_free(&p->csr);
  fs_graph_free(&p->graph);
  fs_fleet_free(&p->fleet);
  free(p->fpol);
  free(p->policy_org);
  free(p->terms);
  if (p->have_pf) fs_portfolio_free(&p->pf);
  if (p->loaded) fs_scenario_free(&p->sc);
  memset(p, 0, sizeof *p);
  p->provider_node = -1;
}

fs_batch fs_prepared_batch(fs_prepared *p, const fs_load_opts *lo) {
  return (fs_batch){.load = lo,
                    .scenario = &p->sc,
                    .fleet = &p->fleet,
                    .npol = p->pf.n,
                    .policy_org = p->policy_org,
                    .terms = p->terms,
                    .graph = p->have_graph ? &p->csr : NULL,
                    .provider_node = p->provider_node};
}
