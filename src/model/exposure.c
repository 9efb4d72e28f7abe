/* exposure.c: who receives the faulty update, and when. */
#include <assert.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/rng.h"
#include "graph/graph.h"
#include "model/clock.h"
#include "model/model_impl.h"
#include "util/alloc.h"

/* Online probability at scenario hour t: the region's profile for the local
   hour and day type, interpolated linearly between hour midpoints so that
   the curve has no steps (people arrive at work through the hour). */
double fs_model__online(const fs_config *cfg, int region, int cls, double t) {
  const fs_region *r = &cfg->regions[region];
  fs_local l = fs_clock_local(cfg->start_unix, t - 0.5, r->utc_offset_hours);
  int h0 = (int) floor(l.hour);
  double frac = l.hour - h0;
  int we0 = (r->weekend_mask >> l.weekday) & 1;
  fs_local l1 = fs_clock_local(cfg->start_unix, t + 0.5, r->utc_offset_hours);
  int h1 = (int) floor(l1.hour);
  int we1 = (r->weekend_mask >> l1.weekday) & 1;
  double p0 = r->online[we0][cls][h0], p1 = r->online[we1][cls][h1];
  return p0 + (p1 - p0) * frac;
}

/* Exposure over the window [t0, t1): an endpoint is online at t0 with
   probability p(t0); one that is off switches on when the running maximum
   of p first exceeds its draw (a rising profile means machines booting;
   machines switching off during the window keep the update they already
   fetched, so falling stretches change nothing). It fetches the update
   Exp(poll) minutes after t0 or after booting. */
#define STEPS_PER_HOUR 60

/* Running-maximum curves of the online probability over the window, per
   (region, class): curve k of cum is cum[k * nsteps .. (k + 1) * nsteps),
   k = region * FS_NCLASS + class. NULL when out of memory. */
static double *exposure_curves(const fs_config *cfg, double t0, double t1, int nsteps) {
  size_t ncurves = (size_t) cfg->nregions * FS_NCLASS;
  double *cum = fs_malloc(ncurves * (size_t) nsteps * sizeof *cum);
  if (!cum) return NULL;
  for (int r = 0; r < cfg->nregions; r++) {
    for (int c = 0; c < FS_NCLASS; c++) {
      double *curve = &cum[((size_t) r * FS_NCLASS + c) * (size_t) nsteps];
      double mx = 0;
      for (int k = 0; k < nsteps; k++) {
        double t = fmin(t1, t0 + (double) k / STEPS_PER_HOUR);
        double p = fs_model__online(cfg, r, c, t);
        mx = k == 0 ? p : fmax(mx, p);
        curve[k] = mx;
      }
    }
  }
  return cum;
}

/* A supply-chain payload reaches the endpoints of every organisation that
   depends on the provider, directly or through providers that do (an RMM
   tool -> the MSPs using it -> their customers), instead of an agent's
   hosts. Sets hit[o] (n_orgs bytes, zero) for those organisations: a walk
   down the out-edges from the provider node. Returns 0 or FS_ENOMEM. */
static int payload_reach(const fs_model *m, uint8_t *hit) {
  const fs_graph_csr *c = m->g;
  if (!c) return 0;
  uint8_t *seen = fs_calloc(c->n_nodes ? c->n_nodes : 1, 1);
  uint32_t *list = fs_malloc((c->n_nodes ? c->n_nodes : 1) * sizeof *list);
  if (!seen || !list) {
    free(seen);
    free(list);
    return FS_ENOMEM;
  }
  if (m->provider_node >= 0) {
    uint32_t n = 0;
    list[n++] = (uint32_t) m->provider_node;
    seen[m->provider_node] = 1;
    for (uint32_t h = 0; h < n; h++) {
      uint32_t p = list[h];
      int32_t o = c->node_org[p];
      if (o >= 0) hit[o] = 1;
      for (uint32_t i = c->out_off[p]; i < c->out_off[p + 1]; i++) {
        uint32_t d = c->out_node[i];
        if (!seen[d]) {
          assert(n < c->n_nodes); /* each node joins the list once */
          seen[d] = 1;
          list[n++] = d;
        }
      }
    }
  }
  free(seen);
  free(list);
  return 0;
}

/* A worm's other organisations: from each organisation it entered (hit),
   to each provider with a fleet of its own that the organisation depends
   on, and from such a provider to each of its dependents, each crossing
   with probability p (fs_incident.cross_probability). Each node draws
   from its own substream, in edge order, so the same seed gives the same
   spread.
   Returns 0 or FS_ENOMEM. */
static int worm_cross(fs_model *m, uint8_t *hit, double p) {
  const fs_graph_csr *c = m->g;
  if (!c || !(p > 0)) return 0;
  size_t norgs = m->fleet->n_orgs;
  uint8_t *entered = fs_malloc(norgs ? norgs : 1);
  uint8_t *via = fs_calloc(c->n_nodes ? c->n_nodes : 1, 1);
  if (!entered || !via) {
    free(entered);
    free(via);
    return FS_ENOMEM;
  }
  memcpy(entered, hit, norgs);
  /* organisation -> the providers with fleets it shares a network with */
  for (uint32_t d = c->n_providers; d < c->n_nodes; d++) {
    int32_t o = c->node_org[d];
    if (o < 0 || !entered[o]) continue;
    gsl_rng *r = fs_model__draw(m, d, DRAW_CROSS_IN);
    for (uint32_t i = c->in_off[d]; i < c->in_off[d + 1]; i++) {
      uint32_t pv = c->in_node[i];
      int32_t po = c->node_org[pv];
      if (po >= 0 && fs_rng_u01(r) < p) {
        via[pv] = 1;
        hit[po] = 1;
      }
    }
  }
  /* such a provider -> its other dependents */
  for (uint32_t pv = 0; pv < c->n_providers; pv++) {
    if (!via[pv]) continue;
    gsl_rng *r = fs_model__draw(m, pv, DRAW_CROSS_OUT);
    for (uint32_t i = c->out_off[pv]; i < c->out_off[pv + 1]; i++) {
      int32_t o = c->node_org[c->out_node[i]];
      if (o >= 0 && !hit[o] && fs_rng_u01(r) < p) hit[o] = 1;
    }
  }
  free(entered);
  free(via);
  return 0;
}

/* The organisations a worm entering through the portfolio enters: the
   portfolio's policy organisations (one entering through a provider
   takes payload_reach's, as a supply chain). */
static void worm_entry(const fs_model *m, uint8_t *hit) {
  const fs_fleet *f = m->fleet;
  for (size_t o = 0; o < f->n_orgs; o++)
    if (f->orgs[o].policy >= 0 && !f->orgs[o].own) hit[o] = 1;
}

/* Window starts: ring k's release (k < nrings), then the same plus the
   pinning delay (nrings + k). */
#define MAX_STARTS (2 * FS_MAX_RINGS)

typedef struct window {
  double t1;     /* the update is out until t1 (with a rollout, an upper bound) */
  double poll_h; /* mean hours from online to fetching it */
  int nrings;    /* rings of a staged rollout, 1 without one */
  double start[MAX_STARTS];
  int nsteps[MAX_STARTS];  /* points per curve */
  double *cum[MAX_STARTS]; /* exposure_curves from start[s] to t1; NULL: never out */
  const uint8_t *hit;      /* supply chain: organisations reached; NULL for an update */
} window;

/* Ring of an endpoint of a customer in no early-adopter ring: one of the
   random rings, by their shares, from the draw u. */
static int random_ring(const fs_rollout *ro, double u) {
  double total = 0, cum = 0;
  int last = 0;
  for (int k = 0; k < ro->nrings; k++)
    if (ro->rings[k].assign == FS_RING_RANDOM) total += ro->rings[k].share, last = k;
  for (int k = 0; k < ro->nrings; k++) {
    if (ro->rings[k].assign != FS_RING_RANDOM) continue;
    cum += ro->rings[k].share;
    if (u * total < cum) return k;
  }
  return last;
}

/* When endpoint e fetches the update or payload; INFINITY when it never
   does (not on the affected version, off through its window, a second
   vendor's endpoint). *ring gets its ring, *crash whether it crashes. */
static double fetch(fs_model *m, const window *w, size_t e, int *ring, int *crash) {
  const fs_fleet *f = m->fleet;
  const fs_incident *inc = &m->cfg->incident;
  uint8_t fl = f->flags[e];
  uint32_t o = f->org[e];
  const fs_org *org = &f->orgs[o];
  if (w->hit) {
    if (!w->hit[o] || fs_fleet_plat(f, e) != inc->platform) return INFINITY;
  } else {
    if (fs_fleet_plat(f, e) != inc->platform || !(fl & FS_EP_AGENT) ||
        !(fl & FS_EP_AFFECTED_VERSION))
      return INFINITY;
    if (!org->agent) return INFINITY;
  }
  int k = 0;
  if (m->ep_levers) {
    /* Its own two draws, whether a second vendor or rings or both are on
       (before DRAW_EXPOSE's: they share the scratch generator); a
       substream of its own, so skipping it without them moves no other
       draw. */
    gsl_rng *rl = fs_model__draw(m, e, DRAW_LEVER);
    double split = fs_rng_u01(rl), u = fs_rng_u01(rl);
    if ((m->lever[o] & LEVER_SECOND) && split < m->cfg->iv.second_split) return INFINITY;
    if (m->cfg->iv.rollout.nrings > 0)
      k = m->oring[o] != NO_RING ? m->oring[o] : random_ring(&m->cfg->iv.rollout, u);
  }
  gsl_rng *r = fs_model__draw(m, e, DRAW_EXPOSE);
  if (w->hit && fs_rng_u01(r) >= inc->affected_version_share) return INFINITY;
  int s = k + (fs_model__has_lever(m, o, LEVER_PIN) ? w->nrings : 0);
  *ring = k;
  if (!w->cum[s]) return INFINITY;
  int nsteps = w->nsteps[s];
  double t0 = w->start[s];
  const double *curve =
      &w->cum[s][((size_t) org->region * FS_NCLASS + f->cls[e]) * (size_t) nsteps];
  double u = fs_rng_u01(r), on;
  if (u < curve[0]) {
    on = t0;
  } else {
    if (u >= curve[nsteps - 1]) return INFINITY; /* stays off through the window */
    int lo = 0, hi = nsteps - 1;                 /* first k with curve[k] > u */
    while (lo < hi) {
      int mid = (lo + hi) / 2;
      if (curve[mid] > u)
        hi = mid;
      else
        lo = mid + 1;
    }
    on = t0 + ((double) lo - fs_rng_u01(r)) / STEPS_PER_HOUR;
    if (on < t0) on = t0;
  }
  double got = on + (w->poll_h > 0 ? gsl_ran_exponential(r, w->poll_h) : 0.0);
  if (got >= w->t1) return INFINITY;
  *crash = fs_rng_u01(r) < inc->crash_probability;
  return got;
}

/* The curves of every window start; 0 or FS_ENOMEM. */
static int window_curves(const fs_model *m, window *w, double t0) {
  const fs_interventions *iv = &m->cfg->iv;
  w->nrings = iv->rollout.nrings > 0 ? iv->rollout.nrings : 1;
  double rel = t0;
  for (int k = 0; k < w->nrings; k++) {
    w->start[k] = rel;
    w->start[w->nrings + k] = rel + iv->pin_hours;
    if (iv->rollout.nrings > 0) rel += iv->rollout.rings[k].bake_hours;
  }
  int pins = 0;
  for (int i = 0; i < m->cfg->nindustries; i++) pins |= iv->pin_share[i] > 0;
  for (int s = 0; s < 2 * w->nrings; s++) {
    w->cum[s] = NULL;
    if ((s >= w->nrings && !pins) || !(w->t1 > w->start[s])) continue;
    w->nsteps[s] = (int) ceil((w->t1 - w->start[s]) * STEPS_PER_HOUR) + 1;
    w->cum[s] = exposure_curves(m->cfg, w->start[s], w->t1, w->nsteps[s]);
    if (!w->cum[s]) return FS_ENOMEM;
  }
  return 0;
}

/* A staged rollout: every fetch first, then the halt rule (levers.c)
   decides which of them happen. */
static int schedule_rollout(fs_model *m, const window *w) {
  const fs_fleet *f = m->fleet;
  fs_fetch *list = fs_malloc((f->n_endpoints ? f->n_endpoints : 1) * sizeof *list);
  if (!list) return FS_ENOMEM;
  size_t n = 0;
  for (size_t e = 0; e < f->n_endpoints; e++) {
    int ring = 0, crash = 0;
    double got = fetch(m, w, e, &ring, &crash);
    if (isfinite(got))
      list[n++] = (fs_fetch){.got = got,
                             .w = f->orgs[f->org[e]].weight,
                             .ep = (uint32_t) e,
                             .ring = (uint8_t) ring,
                             .crash = (uint8_t) crash};
  }
  int rc = 0;
  double pull = fs_model__rollout_halt(m, list, n, w->start, &rc);
  double halt = isnan(m->res->rollout_halt_hours) ? INFINITY : m->res->rollout_halt_hours;
  m->res->rollout_received = 0;
  for (size_t i = 0; i < n && rc == 0; i++) {
    if (!(list[i].got < pull) || !(w->start[list[i].ring] < halt)) continue;
    m->res->rollout_received += list[i].w;
    if (list[i].crash) rc = fs_model__crash_arrivals(m, list[i].ep, list[i].got);
  }
  /* The pull, for hooks and the crash handler, when the rollout ended it
     first (on_mark fires "pull" once). */
  if (rc == 0 && pull < m->pull_hours) {
    m->pull_hours = pull;
    rc = fs_sim_schedule(m->sim, pull, MARK_PULL, EV_MARK, 0, 0);
  }
  free(list);
  return rc;
}

int fs_model__schedule_exposure(fs_model *m) {
  const fs_config *cfg = m->cfg;
  const fs_fleet *f = m->fleet;
  const fs_incident *inc = &cfg->incident;
  m->res->rollout_detect_hours = m->res->rollout_halt_hours = m->res->rollout_pull_hours = NAN;
  m->res->rollout_seen_silent = m->res->rollout_seen_fetched = NAN;
  window w = {.t1 = inc->pull_hours, .poll_h = inc->poll_minutes / 60.0};
  if (!(w.t1 > inc->publish_hours)) return 0;
  int rc = window_curves(m, &w, inc->publish_hours);
  uint8_t *hit = NULL;
  if (rc == 0 && (inc->kind == FS_INC_SUPPLY_CHAIN || inc->kind == FS_INC_WORM)) {
    rc = (hit = fs_calloc(f->n_orgs ? f->n_orgs : 1, 1)) ? 0 : FS_ENOMEM;
    if (rc == 0 && inc->kind == FS_INC_WORM && inc->entry == FS_WORM_ENTRY_PORTFOLIO)
      worm_entry(m, hit);
    else if (rc == 0)
      rc = payload_reach(m, hit);
    if (rc == 0 && inc->kind == FS_INC_WORM) rc = worm_cross(m, hit, inc->cross_probability);
    w.hit = hit;
  }
  if (rc == FS_ENOMEM) {
    for (int s = 0; s < MAX_STARTS; s++) free(w.cum[s]);
    free(hit);
    return fs_err_set(m->err, rc, "out of memory for the exposure curves or the payload's reach");
  }
  if (cfg->iv.rollout.nrings > 0) {
    rc = schedule_rollout(m, &w);
  } else {
    for (size_t e = 0; e < f->n_endpoints && rc == 0; e++) {
      int ring = 0, crash = 0;
      double got = fetch(m, &w, e, &ring, &crash);
      if (isfinite(got) && crash) rc = fs_model__crash_arrivals(m, (uint32_t) e, got);
    }
  }
  for (int s = 0; s < MAX_STARTS; s++) free(w.cum[s]);
  free(hit);
  if (rc == FS_ENOMEM) return fs_err_set(m->err, rc, "out of memory scheduling crashes");
  if (rc != 0)
    return fs_err_set(m->err, rc,
                      "a crash was scheduled before the start, or more than 2^32 events were "
                      "drawn before the run");
  return 0;
}
