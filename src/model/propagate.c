/* propagate.c: outages travelling along the vendor dependency graph. */
#include <assert.h>
#include <stdlib.h>

#include "graph/graph.h"
#include "model/model_impl.h"
#include "util/alloc.h"

/* State per replication: for each group the number of its providers that
   are down, for each node the number of its groups that are down, and
   whether the incident itself holds the node down. A group is down when
   all its providers are (one for a hard dependency, any-of for a
   redundant group); a provider is down while any of its groups is, or while
   the incident forces it; an organisation keeps working at
   upstream = product over its down groups of (1 - weight), which its
   operating capacity multiplies (impact.c). Groups marked via-fleet (the
   endpoint agent, the OS) are carried by the fleet model, not here.

   Changes travel as events: when a provider goes down or comes back, each
   of its dependents hears of it after that edge's delay. The same
   semantics as fs_graph_fail (graph/analysis.c) with delays, and one
   more: when the provider a redundant group uses (its first) goes down
   while another is up, the group is down for its failover_hours while
   the organisation switches over (0: at once). */

int fs_model__graph_init(fs_model *m) {
  const fs_graph_csr *c = m->g;
  if (!c) return 0;
  m->grp_cnt = fs_calloc(c->n_groups ? c->n_groups : 1, sizeof *m->grp_cnt);
  m->switch_until = fs_calloc(c->n_groups ? c->n_groups : 1, sizeof *m->switch_until);
  m->ndown = fs_calloc(c->n_nodes ? c->n_nodes : 1, sizeof *m->ndown);
  m->forced = fs_calloc(c->n_nodes ? c->n_nodes : 1, 1);
  m->own_down = fs_calloc(c->n_nodes ? c->n_nodes : 1, 1);
  m->prov_of_org = fs_malloc((m->fleet->n_orgs ? m->fleet->n_orgs : 1) * sizeof *m->prov_of_org);
  if (!m->grp_cnt || !m->switch_until || !m->ndown || !m->forced || !m->own_down || !m->prov_of_org)
    return FS_ENOMEM;
  for (size_t o = 0; o < m->fleet->n_orgs; o++) m->prov_of_org[o] = -1;
  /* Providers with a fleet of their own (node_org of a provider node). */
  for (uint32_t p = 0; p < c->n_providers; p++)
    if (c->node_org[p] >= 0 && (size_t) c->node_org[p] < m->fleet->n_orgs)
      m->prov_of_org[c->node_org[p]] = (int32_t) p;
  return 0;
}

static int group_down(const fs_model *m, uint32_t g) {
  return m->grp_cnt[g] >= m->g->grp_size[g] || m->switch_until[g] > 0;
}

static int node_is_down(const fs_model *m, uint32_t p) {
  return m->ndown[p] > 0 || m->forced[p] || m->own_down[p];
}

void fs_model__graph_free(fs_model *m) {
  free(m->grp_cnt);
  free(m->switch_until);
  free(m->ndown);
  free(m->forced);
  free(m->own_down);
  free(m->prov_of_org);
}

/* Tells provider p's dependents that it went down (1) or came back (0). */
static void announce(fs_model *m, uint32_t p, int down, double t) {
  const fs_graph_csr *c = m->g;
  for (uint32_t i = c->out_off[p]; i < c->out_off[p + 1]; i++)
    (void) fs_sim_schedule(m->sim, t + c->out_delay[i], i, EV_DEP, (uint16_t) down, 0);
}

/* An organisation's upstream health from its down groups. */
static void refresh_org(fs_model *m, uint32_t d, double t) {
  const fs_graph_csr *c = m->g;
  int32_t org = c->node_org[d];
  if (org < 0) return;
  double keep = 1.0;
  for (uint32_t g = c->grp_off[d]; g < c->grp_off[d + 1]; g++)
    if (group_down(m, g) && !(c->grp_flags[g] & FS_DEP_VIA_FLEET)) keep *= 1.0 - c->grp_weight[g];
  org_rt *rt = &m->orgs[org];
  if (keep == rt->upstream) return;
  rt->upstream = keep;
  fs_model__impact_update(m, (uint32_t) org, t);
}

/* Group g of dependent d went down (is) or came back. */
static void group_changed(fs_model *m, uint32_t g, int is, double t) {
  const fs_graph_csr *c = m->g;
  uint32_t d = c->grp_node[g];
  int node_was = node_is_down(m, d);
  assert(is || m->ndown[d] > 0);
  m->ndown[d] += is ? 1u : (uint32_t) -1;
  int node_is = node_is_down(m, d);
  if (d >= c->n_providers) refresh_org(m, d, t);
  if (node_was != node_is) announce(m, d, node_is, t);
}

void fs_model__on_dep(fs_sim *sim, const fs_event *ev, void *ctx) {
  fs_model *m = ctx;
  const fs_graph_csr *c = m->g;
  uint32_t i = ev->target, g = c->out_group[i];
  int down = ev->aux;
  int was = group_down(m, g);
  if (down) {
    assert(m->grp_cnt[g] < c->grp_size[g]); /* each provider of the group counts once */
    m->grp_cnt[g]++;
    /* The provider in use failed and another is up: switch over. A
       failure during a switch (the provider back and down again) starts
       it anew; the earlier switch's event then finds a later end. */
    if (c->out_primary[i] && c->grp_failover[g] > 0 && m->grp_cnt[g] < c->grp_size[g]) {
      m->switch_until[g] = ev->time + c->grp_failover[g];
      (void) fs_sim_schedule(sim, m->switch_until[g], g, EV_FAILOVER, 0, 0);
    }
  } else {
    /* A provider announces down and up alternately, starting down, and
       an edge's delay is fixed: its up never arrives before its down. */
    assert(m->grp_cnt[g] > 0);
    if (m->grp_cnt[g] > 0) m->grp_cnt[g]--;
    /* The provider in use is back before the switch is done: the
       organisation stays with it. */
    if (c->out_primary[i]) m->switch_until[g] = 0;
  }
  int is = group_down(m, g);
  if (was != is) group_changed(m, g, is, ev->time);
}

void fs_model__on_failover(fs_sim *sim, const fs_event *ev, void *ctx) {
  fs_model *m = ctx;
  uint32_t g = ev->target;
  /* Only the switch that ends now: an earlier one's event is stale. */
  if (!(m->switch_until[g] > 0) || ev->time < m->switch_until[g]) return;
  int was = group_down(m, g);
  m->switch_until[g] = 0;
  int is = group_down(m, g);
  if (was != is) group_changed(m, g, is, ev->time);
}

void fs_model__on_provider(fs_sim *sim, const fs_event *ev, void *ctx) {
  fs_model *m = ctx;
  uint32_t p = ev->target;
  int was = node_is_down(m, p);
  m->forced[p] = (uint8_t) (ev->aux != 0);
  int is = node_is_down(m, p);
  if (was != is) announce(m, p, is, ev->time);
}

void fs_model__provider_capacity(fs_model *m, uint32_t org, double cap, double t) {
  if (!m->prov_of_org || m->prov_of_org[org] < 0) return;
  uint32_t p = (uint32_t) m->prov_of_org[org];
  int was = node_is_down(m, p);
  m->own_down[p] = (uint8_t) (cap < FS_PROVIDER_DOWN_BELOW);
  int is = node_is_down(m, p);
  if (was != is) announce(m, p, is, t);
}
