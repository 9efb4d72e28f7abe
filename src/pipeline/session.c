/* session.c: scenario -> portfolio -> fleet -> provider organisations ->
   dependency graph, once, for the replications that follow (session.h). */
#include "pipeline/session.h"

#include <stdlib.h>
#include <string.h>

#include "engine/rng.h"
#include "loss/oed.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/hash.h"
#include "util/suggest.h"

void fs_session_opts_init(fs_session_opts *o) {
  memset(o, 0, sizeof *o);
  o->load.limits = (fs_lua_limits){FS_LUA_DEFAULT_MEM, FS_LUA_DEFAULT_STEPS};
  o->scale = FS_FLEET_FULL_SCALE;
  o->queue = FS_QUEUE_DEFAULT;
  o->priced = 1;
}

static const char *kind_name(fs_incident_kind k) {
  return k == FS_INC_PROVIDER_OUTAGE ? "provider_outage"
         : k == FS_INC_WORM          ? "worm"
                                     : "supply_chain";
}

static int is_graphml(const char *path) {
  size_t n = path ? strlen(path) : 0;
  return n >= 8 && strcmp(path + n - 8, ".graphml") == 0;
}

/* A policy that names the incident's vendor takes the place of one of its
   customers (fleet.h fs_fleet_pmatch): its industry and region must have
   some, by the vendor's market share and the fleet's endpoint and region
   shares. */
static int customers_there(const fs_config *cfg, const fs_portfolio *pf, const fs_policy *p,
                           const fs_fleet_policy *q, fs_err *err) {
  if (!q->is_agent_vendor || !p->vendor_given) return 0;
  const fs_industry *ind = &cfg->industries[q->industry];
  if (q->vendor >= 0 && !(cfg->vendors[q->vendor].share[q->industry] > 0))
    return fs_err_set(err, FS_EINVAL,
                      "%s:%d: AgentVendor: '%s' has no customers in %s (its market share there "
                      "is 0 in the scenario's fleet.vendors), so the policy has no place in the "
                      "fleet",
                      pf->path, p->line, p->vendor, ind->id);
  if (!(ind->endpoint_share > 0 &&
        cfg->regions[q->region].share * ind->region_weight[q->region] > 0))
    return fs_err_set(err, FS_EINVAL,
                      "%s:%d: Region: the fleet has no %s organisations in %s (endpoint share "
                      "or region weight 0), so a policy of '%s' has no place in it",
                      pf->path, p->line, ind->id, cfg->regions[q->region].id, p->vendor);
  return 0;
}

int fs_session_policies(const fs_config *cfg, const fs_portfolio *pf, fs_fleet_policy *out,
                        fs_err *err) {
  for (size_t i = 0; i < pf->n; i++) {
    const fs_policy *p = &pf->p[i];
    fs_fleet_policy *q = &out[i];
    q->industry = q->region = q->vendor = -1;
    q->portfolio = 1;
    for (int k = 0; k < cfg->nindustries; k++)
      if (strcmp(cfg->industries[k].id, p->industry) == 0) q->industry = k;
    for (int k = 0; k < cfg->nregions; k++)
      if (strcmp(cfg->regions[k].id, p->region) == 0) q->region = k;
    if (q->industry < 0 || q->region < 0)
      return fs_err_set(err, FS_EINVAL, "%s:%d: industry or region not in the scenario", pf->path,
                        p->line);
    if (p->vendor_given) {
      for (int k = 0; k < cfg->nvendors; k++)
        if (strcmp(cfg->vendors[k].id, p->vendor) == 0) q->vendor = k;
      if (q->vendor < 0 && cfg->nvendors > 0) {
        const char *near = fs_suggest_field(p->vendor, cfg->vendors[0].id, sizeof cfg->vendors[0],
                                            (size_t) cfg->nvendors);
        return fs_err_set(err, FS_EINVAL,
                          "%s:%d: AgentVendor '%s' is not in the scenario's fleet.vendors%s%s%s",
                          pf->path, p->line, p->vendor, near ? " (did you mean '" : "",
                          near ? near : "", near ? "'?)" : "");
      }
      q->is_agent_vendor = cfg->customers_of[0] && strcmp(p->vendor, cfg->customers_of) == 0;
      /* Without a vendor list any name but the incident's means "another
         agent": a near miss of the incident's is a typo, not a choice. */
      const char *inc = cfg->customers_of;
      if (cfg->nvendors == 0 && inc[0] && !q->is_agent_vendor && fs_suggest(p->vendor, &inc, 1))
        return fs_err_set(err, FS_EINVAL,
                          "%s:%d: AgentVendor '%s': did you mean '%s', the incident's vendor? (the "
                          "scenario has no fleet.vendors: any other name means an organisation "
                          "without the faulty agent)",
                          pf->path, p->line, p->vendor, inc);
    } else if (cfg->nvendors == 0) {
      return fs_err_set(err, FS_EINVAL,
                        "%s:%d: AgentVendor is empty and the scenario has no fleet.vendors to "
                        "draw one from",
                        pf->path, p->line);
    }
    q->endpoints = p->endpoints;
    q->revenue_usd = p->revenue_usd;
    q->waiting_hours = p->terms.waiting_hours;
    q->dbi_waiting_hours = p->terms.dbi_waiting_hours;
    int rc = customers_there(cfg, pf, p, q, err);
    if (rc != 0) return rc;
  }
  return 0;
}

/* The technology columns of a portfolio (loss/portfolio.h) and the
   category of the scenario's dependency graph (models/vendors.lua) whose
   providers each names. */
static const struct {
  const char *cat, *column, *what;
} tech_cols[] = {{"cloud", "CloudRegions", "a cloud region"},
                 {"saas_identity", "IdentityProvider", "an identity provider"},
                 {"msp", "MSP", "an MSP"}};
#define NTECH (sizeof tech_cols / sizeof tech_cols[0])

/* Policy p's ids in technology column t, into ids; returns how many. */
static int tech_ids(const fs_policy *p, size_t t, const char **ids) {
  if (t == 0) {
    for (int j = 0; j < p->ncloud; j++) ids[j] = p->cloud[j];
    return p->ncloud;
  }
  ids[0] = t == 1 ? p->idp : p->msp;
  return ids[0][0] != '\0';
}

/* Where policy p's technology column t is: "PATH:LINE: column N (NAME)",
   or "PATH:LINE: NAME" when the portfolio does not say which column (an
   OED folder: its loader records no header columns). */
static void tech_where(const fs_portfolio *pf, const fs_policy *p, size_t t, char *buf,
                       size_t cap) {
  int col = t == 0 ? pf->col_cloud : t == 1 ? pf->col_idp : pf->col_msp;
  if (col > 0)
    snprintf(buf, cap, "%s:%d: column %d (%s)", pf->path, p->line, col, tech_cols[t].column);
  else
    snprintf(buf, cap, "%s:%d: %s", pf->path, p->line, tech_cols[t].column);
}

/* "PATH:LINE: column N (NAME): 'x' is not a cloud region of the scenario's
   graph", with the category it is in, or a hint among those it may be
   (util/suggest.h), else the valid ids. */
static int tech_fail(const fs_graph_decl *d, const fs_portfolio *pf, const fs_policy *p, size_t t,
                     int cat, const char *id, fs_err *err) {
  int v = -1;
  for (int i = 0; i < d->nvendors && v < 0; i++)
    if (strcmp(d->vendors[i].id, id) == 0) v = i;
  char why[FS_ERR_MAX / 2] = "";
  const char **cand = fs_malloc(((size_t) d->nvendors + 1) * sizeof *cand);
  size_t nc = 0, used = 0;
  for (int i = 0; cand && i < d->nvendors; i++)
    if (d->vendors[i].category == cat) cand[nc++] = d->vendors[i].id;
  const char *near = cand ? fs_suggest(id, cand, nc) : NULL;
  if (v >= 0)
    snprintf(why, sizeof why, " (it is a provider of category %s)",
             d->cats[d->vendors[v].category].id);
  else if (near)
    snprintf(why, sizeof why, "; did you mean '%s'?", near);
  for (size_t i = 0; !near && v < 0 && i < nc && used < sizeof why - 64; i++)
    used +=
        (size_t) snprintf(why + used, sizeof why - used, "%s%s", i ? ", " : "; valid: ", cand[i]);
  free(cand);
  char where[FS_PATH_MAX + 64];
  tech_where(pf, p, t, where, sizeof where);
  return fs_err_set(err, FS_EINVAL, "%s: '%s' is not %s of the scenario's graph%s", where, id,
                    tech_cols[t].what, why);
}

/* The providers pf's policies name (CloudRegions, IdentityProvider, MSP)
   checked against the scenario's graph d (NULL: none): each must be a
   provider of its column's category, which the graph must have, with
   organisations to place them. With nm (npol set), also fills nm->node[k]
   for every category some policy names providers of (graph.h
   fs_graph_named; tech_free releases them). */
static int tech_check(const fs_graph_decl *d, const fs_portfolio *pf, fs_graph_named *nm,
                      fs_err *err) {
  for (size_t t = 0; t < NTECH; t++) {
    int cat = -1;
    for (int k = 0; d && k < d->ncats; k++)
      if (strcmp(d->cats[k].id, tech_cols[t].cat) == 0) cat = k;
    int32_t *node = NULL;
    for (size_t i = 0; i < pf->n; i++) {
      const fs_policy *p = &pf->p[i];
      const char *ids[FS_POLICY_MAX_CLOUD] = {NULL};
      int n = tech_ids(p, t, ids);
      if (n == 0) continue;
      if (cat < 0 || !d->synth.orgs) {
        char why[96];
        if (!d)
          snprintf(why, sizeof why,
                   "the scenario has no dependency graph (graph = require \"vendors\")");
        else
          snprintf(why, sizeof why, "the scenario's dependency graph has no %s%s%s",
                   cat < 0 ? "category '" : "synthesised organisations",
                   cat < 0 ? tech_cols[t].cat : "", cat < 0 ? "'" : "");
        char where[FS_PATH_MAX + 64];
        tech_where(pf, p, t, where, sizeof where);
        return fs_err_set(err, FS_EINVAL, "%s: '%s' has no place: %s", where, ids[0], why);
      }
      if (nm && !node) {
        node = fs_malloc(2 * (nm->npol ? nm->npol : 1) * sizeof *node);
        if (!node) return fs_err_set(err, FS_ENOMEM, "out of memory for %zu policies", pf->n);
        for (size_t q = 0; q < 2 * nm->npol; q++) node[q] = -1;
        nm->node[cat] = node;
      }
      for (int j = 0; j < n; j++) {
        int v = -1;
        for (int q = 0; q < d->nvendors && v < 0; q++)
          if (strcmp(d->vendors[q].id, ids[j]) == 0) v = q;
        if (v < 0 || d->vendors[v].category != cat) return tech_fail(d, pf, p, t, cat, ids[j], err);
        if (node) node[2 * i + (size_t) j] = v; /* declared vendor v is graph node v */
      }
    }
  }
  return 0;
}

static void tech_free(fs_graph_named *nm) {
  for (int k = 0; k < FS_GRAPH_MAX_CATS; k++) free((void *) nm->node[k]);
}

/* The portfolio at path, read against cfg's industries and regions. */
static int load_portfolio(fs_portfolio *pf, const fs_config *cfg, const char *scenario,
                          const char *models_dir, const char *path, int priced, fs_err *err) {
  if (priced && !cfg->has_costs)
    return fs_err_set(err, FS_EINVAL,
                      "%s: --portfolio needs a scenario with costs (costs = require \"costs\")",
                      scenario);
  const char *inds[FS_MAX_INDUSTRIES], *regs[FS_MAX_REGIONS];
  for (int k = 0; k < cfg->nindustries; k++) inds[k] = cfg->industries[k].id;
  for (int k = 0; k < cfg->nregions; k++) regs[k] = cfg->regions[k].id;
  /* An OED folder maps its codes with the scenario's models (loss/oed.h). */
  fs_oed_opts oo = {.models_dir = models_dir, .note = fs_oed_note_stderr};
  if (fs_oed_is_dir(path))
    return fs_oed_load(pf, path, &oo, inds, cfg->nindustries, regs, cfg->nregions, err);
  return fs_portfolio_load(pf, path, inds, cfg->nindustries, regs, cfg->nregions, err);
}

int fs_session_check_portfolio(const fs_session *s, const char *path, fs_err *err) {
  const fs_config *cfg = s->sc.cfg;
  fs_portfolio pf = {0};
  int rc = load_portfolio(&pf, cfg, s->sc.path, s->sc.models_dir, path, s->opts.priced, err);
  if (rc != 0) return rc;
  fs_fleet_policy *fp = fs_calloc(pf.n ? pf.n : 1, sizeof *fp);
  rc = fp ? fs_session_policies(cfg, &pf, fp, err)
          : fs_err_set(err, FS_ENOMEM, "out of memory for %zu policies", pf.n);
  if (rc == 0) rc = tech_check(s->sc.graph, &pf, NULL, err);
  free(fp);
  fs_portfolio_free(&pf);
  return rc;
}

/* Portfolio rows become policy organisations of the fleet. */
static int attach_portfolio(fs_session *s, fs_err *err) {
  const fs_config *cfg = s->sc.cfg;
  int rc = fs_oed_hash(s->opts.portfolio, &s->portfolio_hash, err);
  if (rc == 0)
    rc = load_portfolio(&s->pf, cfg, s->sc.path, s->sc.models_dir, s->opts.portfolio,
                        s->opts.priced, err);
  if (rc != 0) return rc;
  s->have_pf = 1;
  size_t n = s->pf.n ? s->pf.n : 1;
  s->fpol = fs_calloc(n, sizeof *s->fpol);
  s->policy_org = fs_calloc(n, sizeof *s->policy_org);
  s->terms = fs_calloc(n, sizeof *s->terms);
  s->named = fs_calloc(n, sizeof *s->named);
  if (!s->fpol || !s->policy_org || !s->terms || !s->named)
    return fs_err_set(err, FS_ENOMEM, "out of memory for %zu policies", s->pf.n);
  rc = fs_session_policies(cfg, &s->pf, s->fpol, err);
  return rc == 0 ? tech_check(s->sc.graph, &s->pf, NULL, err) : rc;
}

/* Providers of the dependency graph that run on a fleet of their own
   become organisations too, after the portfolio's policies. */
static int attach_providers(fs_session *s, fs_err *err) {
  const fs_config *cfg = s->sc.cfg;
  const struct fs_graph_decl *g = s->sc.graph;
  size_t nprov = 0;
  for (int v = 0; v < g->nvendors; v++) nprov += g->vendors[v].has_fleet != 0;
  if (nprov == 0) return 0;
  fs_fleet_policy *more = fs_realloc(s->fpol, (s->pf.n + nprov) * sizeof *more);
  if (!more) return fs_err_set(err, FS_ENOMEM, "out of memory for %zu providers", nprov);
  s->fpol = more;
  s->nprov = nprov;
  size_t k = s->pf.n;
  for (int v = 0; v < g->nvendors; v++) {
    const fs_graph_decl_vendor *d = &g->vendors[v];
    if (!d->has_fleet) continue;
    const fs_industry *ind = &cfg->industries[d->fleet_industry];
    s->fpol[k++] = (fs_fleet_policy){
        .industry = d->fleet_industry,
        .region = d->fleet_region,
        .endpoints = d->fleet_endpoints,
        .vendor = -1,
        .agent_fixed = 1,
        .is_agent_vendor = cfg->customers_of[0] && strcmp(d->fleet_agent, cfg->customers_of) == 0,
        .revenue_usd = d->fleet_revenue_usd > 0
                           ? d->fleet_revenue_usd
                           : d->fleet_endpoints * ind->cost.revenue_per_endpoint};
  }
  return 0;
}

/* The fleet (stream FS_STREAM_FLEET of the seed), or prev's when it has
   the same key. */
static int attach_fleet(fs_session *s, fs_session *prev, fs_err *err) {
  const fs_config *cfg = s->sc.cfg;
  size_t npol = s->pf.n + s->nprov;
  s->fleet_key = fs_fleet_key(cfg, s->opts.scale, s->fpol, npol);
  if (prev && prev->have_fleet && prev->fleet_key == s->fleet_key) {
    s->fleet = prev->fleet;
    memset(&prev->fleet, 0, sizeof prev->fleet);
    prev->have_fleet = 0;
    s->fleet_reused = 1;
  } else {
    gsl_rng *frng = fs_rng_new(cfg->seed, FS_STREAM_FLEET);
    if (!frng) return fs_err_set(err, FS_ENOMEM, "out of memory for a random stream");
    int rc = fs_fleet_build_with(&s->fleet, cfg, s->opts.scale, frng, s->fpol, npol, err);
    gsl_rng_free(frng);
    if (rc != 0) return rc;
  }
  s->have_fleet = 1;
  for (size_t i = 0; i < s->pf.n; i++) {
    s->policy_org[i] = (uint32_t) (s->fleet.first_policy_org + i);
    s->terms[i] = s->pf.p[i].terms;
  }
  return 0;
}

/* The dependency graph: built and frozen here, on one thread (igraph is
   not thread-safe), then read by every replication. */
static int attach_graph(fs_session *s, fs_err *err) {
  const char *imp = s->opts.graph_import;
  int rc;
  if (is_graphml(imp)) {
    if ((rc = fs_graph_read_graphml(&s->graph, imp, err)) != 0) return rc;
  } else {
    const fs_config *cfg = s->sc.cfg;
    /* The providers the portfolio's policies name, in place of the drawn. */
    fs_graph_named nm = {.npol = s->have_pf ? s->pf.n : 0};
    rc = s->have_pf ? tech_check(s->sc.graph, &s->pf, &nm, err) : 0;
    gsl_rng *grng = rc == 0 ? fs_rng_new(cfg->seed, FS_STREAM_GRAPH) : NULL;
    if (rc == 0)
      rc = grng ? fs_graph_build_named(&s->graph, s->sc.graph, cfg, &s->fleet, &nm, grng, err)
                : fs_err_set(err, FS_ENOMEM, "out of memory for a random stream");
    if (grng) gsl_rng_free(grng);
    tech_free(&nm);
    if (rc == 0 && imp) rc = fs_graph_import_edges(&s->graph, imp, err);
    if (rc != 0) return rc;
    /* Provider organisations are always simulated like policies, but
       they are not the portfolio's: no policy in the graph. */
    size_t k = s->fleet.first_policy_org + s->pf.n;
    for (uint32_t v = s->graph.n_providers; v < s->graph.n_nodes; v++)
      if (s->graph.org[v] >= 0 && (size_t) s->graph.org[v] >= k) s->graph.policy[v] = -1;
    /* Each provider with a fleet is tied to its organisation: its health
       then follows its own endpoints (model/propagate.c). */
    for (int v = 0; v < s->sc.graph->nvendors; v++) {
      if (!s->sc.graph->vendors[v].has_fleet) continue;
      long node = fs_graph_find(&s->graph, s->sc.graph->vendors[v].id);
      if (node >= 0) s->graph.org[node] = (int32_t) k;
      k++;
    }
  }
  if ((rc = fs_graph_freeze(&s->graph, &s->csr, err)) != 0) return rc;
  s->have_graph = 1;
  return 0;
}

/* A provider outage or supply-chain attack starts at a provider of the
   graph. */
static int find_provider(fs_session *s, fs_err *err) {
  const fs_config *cfg = s->sc.cfg;
  if (cfg->incident.kind == FS_INC_FAULTY_UPDATE) return 0;
  if (cfg->incident.kind == FS_INC_WORM && cfg->incident.cross_probability > 0 && !s->have_graph)
    return fs_err_set(err, FS_EINVAL,
                      "%s:%d: incident.cross_probability: a worm crosses the dependency graph's "
                      "shared links: it needs a graph (graph = require \"vendors\"), or 0",
                      s->sc.path, fs_scenario_field_line(&s->sc, "incident.cross_probability"));
  if (cfg->incident.kind == FS_INC_WORM && cfg->incident.entry == FS_WORM_ENTRY_PORTFOLIO) {
    /* the documented victims are the portfolio's companies */
    if (!s->have_pf || s->pf.n == 0)
      return fs_err_set(err, FS_EINVAL,
                        "%s:%d: incident.entry: a worm entering through the portfolio needs "
                        "--portfolio (the organisations it entered)",
                        s->sc.path, fs_scenario_field_line(&s->sc, "incident.entry"));
    return 0;
  }
  if (!s->have_graph)
    return fs_err_set(err, FS_EINVAL,
                      "%s: incident.kind %s needs a dependency graph (graph = require "
                      "\"vendors\")",
                      s->sc.path, kind_name(cfg->incident.kind));
  s->provider_node = fs_graph_find(&s->graph, cfg->incident.provider);
  if (s->provider_node < 0 || fs_graph_is_org(&s->graph, (uint32_t) s->provider_node))
    return fs_err_set(err, FS_EINVAL,
                      "%s: incident.provider: '%s' is not a provider of the dependency graph",
                      s->sc.path, cfg->incident.provider);
  return 0;
}

/* Everything after the scenario is loaded. */
static int build(fs_session *s, fs_session *prev, fs_err *err) {
  int rc;
  if (s->opts.require_graph && !s->sc.graph && !is_graphml(s->opts.graph_import))
    return fs_err_set(err, FS_EINVAL,
                      "%s: the scenario has no graph table (add graph = require \"vendors\", or "
                      "pass --import FILE.graphml)",
                      s->sc.path);
  if (s->opts.portfolio && (rc = attach_portfolio(s, err)) != 0) {
    if (s->opts.portfolio_failed) *s->opts.portfolio_failed = 1;
    return rc;
  }
  if (is_graphml(s->opts.graph_import)) {
    double t = fs_now();
    rc = attach_graph(s, err);
    s->sec_graph = fs_now() - t;
    return rc;
  }
  if (s->sc.graph && (rc = attach_providers(s, err)) != 0) return rc;
  double t = fs_now();
  if ((rc = attach_fleet(s, prev, err)) != 0) {
    fs_err_prefix(err, "%s", s->sc.path);
    return rc;
  }
  s->sec_fleet = fs_now() - t;
  t = fs_now();
  if (s->sc.graph && (rc = attach_graph(s, err)) != 0) {
    fs_err_prefix(err, "%s", s->sc.path);
    return rc;
  }
  s->sec_graph = fs_now() - t;
  return find_provider(s, err);
}

int fs_session_open_scenario(fs_session *s, const fs_session_opts *o, fs_err *err) {
  memset(s, 0, sizeof *s);
  s->opts = *o;
  s->provider_node = -1;
  fs_graph_init(&s->graph);
  double t = fs_now();
  int rc = fs_scenario_load(&s->sc, &o->load, err);
  s->sec_load = fs_now() - t;
  if (rc != 0) {
    fs_session_close(s);
    return rc;
  }
  s->loaded = 1;
  return 0;
}

int fs_session_open(fs_session *s, const fs_session_opts *o, fs_session *prev, fs_err *err) {
  int rc = fs_session_open_scenario(s, o, err);
  if (rc != 0) return rc;
  if ((rc = build(s, prev, err)) != 0) fs_session_close(s);
  return rc;
}

void fs_session_close(fs_session *s) {
  fs_graph_csr_free(&s->csr);
  fs_graph_free(&s->graph);
  if (s->have_fleet) fs_fleet_free(&s->fleet);
  free(s->fpol);
  free(s->policy_org);
  free(s->terms);
  free(s->named);
  if (s->have_pf) fs_portfolio_free(&s->pf);
  if (s->loaded) fs_scenario_free(&s->sc);
  memset(s, 0, sizeof *s);
  s->provider_node = -1;
}

void fs_session_manifest_inputs(const fs_session *s, fs_manifest *m) {
  fs_manifest_input_add(m, "scenario", s->sc.path, 1, s->sc.hash);
  if (s->have_pf) fs_manifest_input_add(m, "portfolio", s->opts.portfolio, 1, s->portfolio_hash);
  fs_manifest_input_add(m, "models", s->sc.models_dir, 0, 0);
}

/* Where cfg's incident starts: the provider of a provider outage, supply
   chain or worm, else the vendor whose agent fails. */
static const char *origin_of(const fs_config *cfg) {
  return cfg->incident.kind == FS_INC_PROVIDER_OUTAGE ||
                 cfg->incident.kind == FS_INC_SUPPLY_CHAIN || cfg->incident.kind == FS_INC_WORM
             ? cfg->incident.provider
             : cfg->customers_of;
}

/* What cfg's incident is, as a wording asks (fs_event_ctx; hit_share is
   per replication), and which policies name its origin (s->named). */
static fs_event_ctx event_of(fs_session *s, const fs_config *cfg) {
  const char *origin = origin_of(cfg);
  fs_event_ctx ev = {.malicious = cfg->incident.kind == FS_INC_SUPPLY_CHAIN ||
                                  cfg->incident.kind == FS_INC_WORM};
  long v = s->have_graph && origin[0] ? fs_graph_find(&s->graph, origin) : -1;
  if (v >= 0 && !fs_graph_is_org(&s->graph, (uint32_t) v) && s->graph.category[v] >= 0)
    ev.infrastructure = s->graph.cats[s->graph.category[v]].infrastructure;
  for (size_t i = 0; s->have_pf && i < s->pf.n; i++) {
    const fs_policy *p = &s->pf.p[i];
    s->named[i] = 0;
    for (int j = 0; j < p->nnamed; j++)
      s->named[i] |= origin[0] && strcmp(p->named[j], origin) == 0;
  }
  return ev;
}

/* The batch inputs of s (the caller sets how to run it). */
static fs_batch batch_of(fs_session *s, const fs_config *cfg, long provider_node) {
  return (fs_batch){.load = &s->opts.load,
                    .scenario = &s->sc,
                    .cfg = cfg ? cfg : s->sc.cfg,
                    .fleet = &s->fleet,
                    .queue = s->opts.queue,
                    .npol = s->pf.n,
                    .policy_org = s->policy_org,
                    .terms = s->terms,
                    .policy_named = s->named,
                    .graph = s->have_graph ? &s->csr : NULL,
                    .provider_node = cfg ? provider_node : s->provider_node};
}

int fs_session_run(fs_session *s, const fs_session_run_opts *o, fs_batch *b, fs_err *err) {
  *b = batch_of(s, o->cfg, o->provider_node);
  b->event = event_of(s, b->cfg);
  b->reps = o->reps;
  b->threads = o->threads;
  b->interrupt = o->interrupt;
  b->progress = o->progress;
  b->tick = o->tick;
  b->progress_ud = o->ud;
  return fs_batch_run(b, err);
}

int fs_session_rep(fs_session *s, gsl_rng *rng, int r, volatile sig_atomic_t *interrupt,
                   fs_rep *rep, int *interrupted, fs_err *err) {
  fs_batch b = batch_of(s, NULL, -1);
  b.event = event_of(s, s->sc.cfg);
  b.load = NULL;
  b.reps = 1;
  b.threads = 1;
  b.interrupt = interrupt;
  return fs_batch_rep(&b, &s->sc, rng, r, rep, NULL, interrupted, err);
}
