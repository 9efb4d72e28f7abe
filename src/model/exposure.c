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

typedef struct window {
  double t0, t1;      /* the update is out over [t0, t1) */
  double poll_h;      /* mean hours from online to fetching it */
  int nsteps;         /* points per curve */
  const double *cum;  /* exposure_curves */
  const uint8_t *hit; /* supply chain: organisations reached; NULL for an update */
} window;

/* Whether endpoint e receives the update or payload, and when it crashes:
   schedules the crash. Returns 0 or the scheduling error. */
static int expose(fs_model *m, const window *w, size_t e) {
  const fs_fleet *f = m->fleet;
  const fs_incident *inc = &m->cfg->incident;
  uint8_t fl = f->flags[e];
  const fs_org *org = &f->orgs[f->org[e]];
  gsl_rng *r = fs_model__draw(m, e, DRAW_EXPOSE);
  if (w->hit) {
    if (!w->hit[f->org[e]] || f->plat[e] != inc->platform) return 0;
    if (fs_rng_u01(r) >= inc->affected_version_share) return 0;
  } else {
    if (f->plat[e] != inc->platform || !(fl & FS_EP_AGENT) || !(fl & FS_EP_AFFECTED_VERSION))
      return 0;
    if (!org->agent) return 0;
  }
  int nsteps = w->nsteps;
  const double *curve = &w->cum[((size_t) org->region * FS_NCLASS + f->cls[e]) * (size_t) nsteps];
  double u = fs_rng_u01(r), on;
  if (u < curve[0]) {
    on = w->t0;
  } else {
    if (u >= curve[nsteps - 1]) return 0; /* stays off through the window */
    int lo = 0, hi = nsteps - 1;          /* first k with curve[k] > u */
    while (lo < hi) {
      int mid = (lo + hi) / 2;
      if (curve[mid] > u)
        hi = mid;
      else
        lo = mid + 1;
    }
    on = w->t0 + ((double) lo - fs_rng_u01(r)) / STEPS_PER_HOUR;
    if (on < w->t0) on = w->t0;
  }
  double got = on + (w->poll_h > 0 ? gsl_ran_exponential(r, w->poll_h) : 0.0);
  if (got >= w->t1) return 0;
  if (fs_rng_u01(r) >= inc->crash_probability) return 0;
  return fs_sim_schedule(m->sim, got, (uint32_t) e, EV_CRASH, 0, 0);
}

int fs_model__schedule_exposure(fs_model *m) {
  const fs_config *cfg = m->cfg;
  const fs_fleet *f = m->fleet;
  const fs_incident *inc = &cfg->incident;
  window w = {.t0 = inc->publish_hours, .t1 = inc->pull_hours, .poll_h = inc->poll_minutes / 60.0};
  if (!(w.t1 > w.t0)) return 0;
  w.nsteps = (int) ceil((w.t1 - w.t0) * STEPS_PER_HOUR) + 1;
  double *cum = exposure_curves(cfg, w.t0, w.t1, w.nsteps);
  if (!cum) return fs_err_set(m->err, FS_ENOMEM, "out of memory for exposure curves");
  w.cum = cum;
  uint8_t *hit = NULL;
  if (inc->kind == FS_INC_SUPPLY_CHAIN || inc->kind == FS_INC_WORM) {
    int rc = (hit = fs_calloc(f->n_orgs ? f->n_orgs : 1, 1)) ? 0 : FS_ENOMEM;
    if (rc == 0 && inc->kind == FS_INC_WORM && inc->entry == FS_WORM_ENTRY_PORTFOLIO)
      worm_entry(m, hit);
    else if (rc == 0)
      rc = payload_reach(m, hit);
    if (rc == 0 && inc->kind == FS_INC_WORM) rc = worm_cross(m, hit, inc->cross_probability);
    if (rc != 0) {
      free(hit);
      free(cum);
      return fs_err_set(m->err, FS_ENOMEM, "out of memory for the payload's reach");
    }
    w.hit = hit;
  }
  int rc = 0;
  for (size_t e = 0; e < f->n_endpoints && rc == 0; e++) rc = expose(m, &w, e);
  free(cum);
  free(hit);
  if (rc == FS_ENOMEM) return fs_err_set(m->err, rc, "out of memory scheduling crashes");
  if (rc != 0) return fs_err_set(m->err, rc, "a crash was scheduled before the start");
  return 0;
}
