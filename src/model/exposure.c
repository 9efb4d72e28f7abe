/* exposure.c: who receives the faulty update, and when. */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>

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

int fs_model__schedule_exposure(fs_model *m) {
  const fs_config *cfg = m->cfg;
  const fs_fleet *f = m->fleet;
  const fs_incident *inc = &cfg->incident;
  double t0 = inc->publish_hours, t1 = inc->pull_hours;
  if (!(t1 > t0)) return 0;
  int nsteps = (int) ceil((t1 - t0) * STEPS_PER_HOUR) + 1;
  /* Running-maximum curves per (region, class): cum[(r * FS_NCLASS + c) * nsteps + k]. */
  size_t ncurves = (size_t) cfg->nregions * FS_NCLASS;
  double *cum = fs_malloc(ncurves * (size_t) nsteps * sizeof *cum);
  if (!cum) return fs_err_set(m->err, FS_ENOMEM, "out of memory for exposure curves");
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
  double poll_h = inc->poll_minutes / 60.0;
  /* A supply-chain payload reaches the endpoints of every organisation that
     depends on the provider, directly or through providers that do (an RMM
     tool -> the MSPs using it -> their customers), instead of an agent's
     hosts. */
  uint8_t *hit = NULL;
  if (inc->kind == FS_INC_SUPPLY_CHAIN) {
    hit = fs_calloc(f->n_orgs ? f->n_orgs : 1, 1);
    if (!hit) {
      free(cum);
      return fs_err_set(m->err, FS_ENOMEM, "out of memory for the payload's reach");
    }
    const fs_graph_csr *c = m->g;
    uint8_t *seen = c ? fs_calloc(c->n_nodes ? c->n_nodes : 1, 1) : NULL;
    uint32_t *list = c ? fs_malloc((c->n_nodes ? c->n_nodes : 1) * sizeof *list) : NULL;
    if (c && (!seen || !list)) {
      free(seen), free(list), free(hit), free(cum);
      return fs_err_set(m->err, FS_ENOMEM, "out of memory for the payload's reach");
    }
    if (c && m->provider_node >= 0) {
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
            seen[d] = 1;
            list[n++] = d;
          }
        }
      }
    }
    free(seen);
    free(list);
  }
  for (size_t e = 0; e < f->n_endpoints; e++) {
    uint8_t fl = f->flags[e];
    const fs_org *org = &f->orgs[f->org[e]];
    if (hit) {
      if (!hit[f->org[e]] || f->plat[e] != inc->platform) continue;
      if (fs_rng_u01(m->rng) >= inc->affected_version_share) continue;
    } else {
      if (f->plat[e] != inc->platform || !(fl & FS_EP_AGENT) || !(fl & FS_EP_AFFECTED_VERSION))
        continue;
      if (!org->agent) continue;
    }
    const double *curve = &cum[((size_t) org->region * FS_NCLASS + f->cls[e]) * (size_t) nsteps];
    double u = fs_rng_u01(m->rng), on;
    if (u < curve[0]) {
      on = t0;
    } else {
      if (u >= curve[nsteps - 1]) continue; /* stays off through the window */
      int lo = 0, hi = nsteps - 1;          /* first k with curve[k] > u */
      while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (curve[mid] > u)
          hi = mid;
        else
          lo = mid + 1;
      }
      on = t0 + ((double) lo - fs_rng_u01(m->rng)) / STEPS_PER_HOUR;
      if (on < t0) on = t0;
    }
    double got = on + (poll_h > 0 ? gsl_ran_exponential(m->rng, poll_h) : 0.0);
    if (got >= t1) continue;
    if (fs_rng_u01(m->rng) >= inc->crash_probability) continue;
    if (fs_sim_schedule(m->sim, got, (uint32_t) e, EV_CRASH, 0, 0) != 0) {
      free(cum);
      free(hit);
      return fs_err_set(m->err, FS_ENOMEM, "out of memory scheduling crashes");
    }
  }
  free(cum);
  free(hit);
  return 0;
}
