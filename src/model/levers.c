/* levers.c: interventions (docs/WHATIF.md): each organisation's levers,
   drawn once per replication, and a staged rollout's halt rule. */
#include <assert.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/rng.h"
#include "model/model_impl.h"
#include "util/alloc.h"

static int any_lever(const fs_config *cfg) {
  const fs_interventions *iv = &cfg->iv;
  int any = iv->rollout.nrings > 0 || iv->cloud_escrow_share > 0 || iv->boot_media_share > 0 ||
            iv->contractor_share > 0;
  for (int i = 0; i < cfg->nindustries; i++) any |= iv->pin_share[i] > 0 || iv->second_share[i] > 0;
  return any;
}

/* The contractors' pools: per region contractor_pool times the IT teams
   of its organisations with a contract, and room in its queue for each
   of them. */
static int pool_init(fs_model *m) {
  const fs_fleet *f = m->fleet;
  double team[FS_MAX_REGIONS] = {0};
  size_t n[FS_MAX_REGIONS] = {0}, off = 0;
  for (size_t o = 0; o < f->n_orgs; o++)
    if (m->lever[o] & LEVER_CONTRACT)
      team[f->orgs[o].region] += f->orgs[o].team, n[f->orgs[o].region]++;
  for (int r = 0; r < m->cfg->nregions; r++) {
    m->pool_free[r] = llround(m->cfg->iv.contractor_pool * team[r]);
    m->pool_off[r] = off;
    m->pool_cap[r] = n[r];
    m->pool_head[r] = m->pool_len[r] = 0;
    off += n[r];
  }
  m->pool_serving = NIL32;
  m->pool_wait = fs_malloc((off ? off : 1) * sizeof *m->pool_wait);
  m->by_pool = fs_calloc(f->n_endpoints ? f->n_endpoints : 1, 1);
  return m->pool_wait && m->by_pool ? 0 : FS_ENOMEM;
}

void fs_model__pool_wait(fs_model *m, uint32_t org) {
  org_rt *rt = &m->orgs[org];
  if (rt->pool_waiting) return;
  int r = m->fleet->orgs[org].region;
  assert(m->pool_len[r] < m->pool_cap[r]); /* each contracted organisation waits once */
  m->pool_wait[m->pool_off[r] + (m->pool_head[r] + m->pool_len[r]) % m->pool_cap[r]] = org;
  m->pool_len[r]++;
  rt->pool_waiting = 1;
}

uint32_t fs_model__pool_next(fs_model *m, int r) {
  if (m->pool_len[r] == 0) return NIL32;
  uint32_t org = m->pool_wait[m->pool_off[r] + m->pool_head[r]];
  m->pool_head[r] = (m->pool_head[r] + 1) % m->pool_cap[r];
  m->pool_len[r]--;
  m->orgs[org].pool_waiting = 0;
  return org;
}

int fs_model__levers_init(fs_model *m) {
  const fs_config *cfg = m->cfg;
  const fs_interventions *iv = &cfg->iv;
  const fs_fleet *f = m->fleet;
  if (!any_lever(cfg)) return 0;
  size_t n = f->n_orgs ? f->n_orgs : 1;
  m->lever = fs_calloc(n, 1);
  m->oring = fs_malloc(n);
  if (!m->lever || !m->oring) return FS_ENOMEM;
  m->ep_levers = iv->rollout.nrings > 0;
  for (int i = 0; i < cfg->nindustries; i++) m->ep_levers |= iv->second_share[i] > 0;
  for (size_t o = 0; o < f->n_orgs; o++) {
    const fs_org *g = &f->orgs[o];
    /* Six draws, always in this order, whichever levers are on: turning
       one on leaves the others' draws alone. */
    gsl_rng *r = fs_model__draw(m, o, DRAW_ORG);
    double u[6];
    for (int k = 0; k < 6; k++) u[k] = fs_rng_u01(r);
    uint8_t b = 0;
    if (g->agent && u[0] < iv->pin_share[g->industry]) b |= LEVER_PIN;
    if (g->agent && u[1] < iv->second_share[g->industry]) b |= LEVER_SECOND;
    if (u[2] < iv->cloud_escrow_share) b |= LEVER_ESCROW;
    if (u[3] < iv->boot_media_share) b |= LEVER_MEDIA;
    if (u[5] < iv->contractor_share) b |= LEVER_CONTRACT;
    m->lever[o] = b;
    /* Early-adopter rings take whole customer organisations, each ring
       with probability its share. */
    m->oring[o] = NO_RING;
    double cum = 0;
    int last = -1, randoms = 0;
    for (int k = 0; g->agent && k < iv->rollout.nrings; k++) {
      randoms += iv->rollout.rings[k].assign == FS_RING_RANDOM;
      if (iv->rollout.rings[k].assign != FS_RING_CUSTOMERS) continue;
      last = k;
      cum += iv->rollout.rings[k].share;
      if (u[4] < cum && m->oring[o] == NO_RING) m->oring[o] = (uint8_t) k;
    }
    /* Shares that sum to 1 within rounding: without a random ring every
       customer is in a customers ring. */
    if (g->agent && m->oring[o] == NO_RING && !randoms && last >= 0) m->oring[o] = (uint8_t) last;
  }
  return iv->contractor_share > 0 ? pool_init(m) : 0;
}

/* A host's view for the halt rule: it fetched (+w fetched) or went silent
   (+w silent) at t. */
typedef struct seen {
  double t, w;
  int silent;
} seen;

static int cmp_seen(const void *a, const void *b) {
  const seen *x = a, *y = b;
  if (x->t != y->t) return x->t < y->t ? -1 : 1;
  return x->silent - y->silent; /* a fetch before a silence at the same time */
}

/* The vendor's own hosts of an internal ring: always on, they fetch
   Exp(poll) after the ring's release and crash as the customers' would.
   At most this many are simulated per ring, each standing for hosts / n;
   they draw from substreams past the last endpoint's index. Appends them
   to h (fetches before the incident's pull only); their count. */
#define INTERNAL_SIM_MAX 1000

static size_t internal_sim(const fs_ring *rg) {
  return rg->assign == FS_RING_INTERNAL ? (size_t) fmin(INTERNAL_SIM_MAX, ceil(rg->hosts)) : 0;
}

static size_t internal_hosts(fs_model *m, const double *release, fs_fetch *h) {
  const fs_rollout *ro = &m->cfg->iv.rollout;
  const fs_incident *inc = &m->cfg->incident;
  double poll = inc->poll_minutes / 60.0;
  uint64_t id = m->fleet->n_endpoints;
  size_t n = 0;
  for (int k = 0; k < ro->nrings; k++) {
    const fs_ring *rg = &ro->rings[k];
    size_t ns = internal_sim(rg);
    for (size_t i = 0; i < ns; i++) {
      gsl_rng *r = fs_model__draw(m, id++, DRAW_EXPOSE);
      double got = release[k] + (poll > 0 ? gsl_ran_exponential(r, poll) : 0.0);
      int crash = fs_rng_u01(r) < inc->crash_probability;
      if (got < inc->pull_hours)
        h[n++] = (fs_fetch){.got = got,
                            .w = rg->hosts / (double) ns,
                            .ring = (uint8_t) k,
                            .crash = (uint8_t) crash};
    }
  }
  return n;
}

double fs_model__rollout_halt(fs_model *m, fs_fetch *f, size_t n, const double *release, int *rc) {
  const fs_config *cfg = m->cfg;
  const fs_rollout *ro = &cfg->iv.rollout;
  const fs_incident *inc = &cfg->incident;
  fs_result *res = m->res;
  double hb = ro->heartbeat_minutes / 60.0;
  size_t cap = 0;
  for (int k = 0; k < ro->nrings; k++) cap += internal_sim(&ro->rings[k]);
  fs_fetch *h = fs_malloc((cap ? cap : 1) * sizeof *h);
  seen *ev = fs_malloc((2 * (n + cap) + 1) * sizeof *ev);
  if (!h || !ev) {
    free(h);
    free(ev);
    *rc = FS_ENOMEM;
    return inc->pull_hours;
  }
  size_t nh = internal_hosts(m, release, h), ne = 0;
  for (size_t pass = 0; pass < 2; pass++) {
    const fs_fetch *x = pass ? h : f;
    for (size_t i = 0; i < (pass ? nh : n); i++) {
      ev[ne++] = (seen){x[i].got, x[i].w, 0};
      if (x[i].crash) ev[ne++] = (seen){x[i].got + hb, x[i].w, 1};
    }
  }
  qsort(ev, ne, sizeof *ev, cmp_seen);
  /* The first moment the silent hosts reach both the share and the count. */
  double fetched = 0, silent = 0, detect = NAN;
  for (size_t i = 0; i < ne; i++) {
    *(ev[i].silent ? &silent : &fetched) += ev[i].w;
    if (silent > 0 && silent >= ro->detect_min_hosts && silent >= ro->detect_share * fetched) {
      detect = ev[i].t;
      break;
    }
  }
  double halt = isnan(detect) ? INFINITY : detect + ro->decision_minutes / 60.0;
  double pull = fmin(inc->pull_hours, halt + ro->rollback_minutes / 60.0);
  res->rollout_detect_hours = detect;
  res->rollout_halt_hours = isnan(detect) ? NAN : halt;
  res->rollout_pull_hours = pull < inc->pull_hours ? pull : NAN;
  res->rollout_seen_silent = isnan(detect) ? NAN : silent;
  res->rollout_seen_fetched = isnan(detect) ? NAN : fetched;
  res->rollout_rings_released = 0;
  for (int k = 0; k < ro->nrings; k++)
    res->rollout_rings_released += release[k] < fmin(halt, inc->pull_hours);
  res->rollout_internal_crashed = 0;
  for (size_t i = 0; i < nh; i++)
    if (h[i].crash && h[i].got < pull && release[h[i].ring] < halt)
      res->rollout_internal_crashed += h[i].w;
  free(h);
  free(ev);
  *rc = 0;
  return pull;
}
