/* market.c: the organisations that are not the incident vendor's customers
   (market.h). */
#include "fleet/market.h"

#include <assert.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/rng.h"
#include "util/alloc.h"

double fs_market_share(const fs_vendor *v, int i, int k) {
  if (!v->has_size_factor) return 0;
  return fmin(1.0, v->share[i] * v->size_factor[k]);
}

/* The vendor whose customers the fleet is (fleet.customers_of). */
static const fs_vendor *incident_vendor(const fs_config *cfg) {
  for (int v = 0; v < cfg->nvendors; v++)
    if (strcmp(cfg->vendors[v].id, cfg->customers_of) == 0) return &cfg->vendors[v];
  return NULL;
}

/* A size from the industry's lognormal within size class k (rejection; a
   class the distribution hardly reaches gets its bound nearest the
   median). */
static uint32_t draw_size(const fs_industry *ind, int k, gsl_rng *rng) {
  static const double lo[FS_SIZE_CLASSES] = {1, 10, 100, 1000, 10000};
  static const double hi[FS_SIZE_CLASSES] = {10, 100, 1000, 10000, INFINITY};
  double top = fmin(hi[k], ind->size_max + 1), mu = log(ind->size_median);
  for (int t = 0; t < 1000; t++) {
    double x = round(exp(mu + ind->size_sigma * gsl_ran_ugaussian(rng)));
    if (x >= lo[k] && x < top) return (uint32_t) x;
  }
  return (uint32_t) (ind->size_median < lo[k] ? lo[k] : top - 1);
}

/* The segment's non-customers: count simulated ones standing for nc
   organisations of mean size each. */
static void plan_segment(fs_market *m, const fs_industry *ind, int i, int r, int k, double nc,
                         double mean, int count, gsl_rng *rng) {
  size_t first = m->n;
  double drawn = 0;
  for (int j = 0; j < count; j++) {
    uint32_t n = draw_size(ind, k, rng);
    m->orgs[m->n++] =
        (fs_market_org){.nsim = n < FS_MARKET_SIM_ENDPOINTS ? n : FS_MARKET_SIM_ENDPOINTS,
                        .industry = (uint8_t) i,
                        .region = (uint8_t) r,
                        .org_weight = nc / count,
                        .weight = n};
    drawn += n;
  }
  /* Each stands for its share of the segment's endpoints (nc x mean) in
     proportion to its drawn size, carried by its simulated endpoints. */
  for (size_t j = first; j < m->n; j++) {
    fs_market_org *o = &m->orgs[j];
    o->weight = nc * mean * (o->weight / drawn) / o->nsim;
    m->sim_endpoints += o->nsim;
  }
  m->orgs_full += nc;
  m->endpoints_full += nc * mean;
}

/* Simulated non-customers of a segment whose share of all non-customers'
   revenue is share: FS_MARKET_SIMULATED in proportion, at least one, at
   most one per organisation. */
static int segment_count(double nc, double share) {
  if (nc <= 0) return 0;
  double k = fmax(1.0, round(FS_MARKET_SIMULATED * share));
  return (int) fmin(k, ceil(nc));
}

int fs_market_plan(fs_market *m, const fs_config *cfg, const fs_plan_org *plan, size_t nplan,
                   const fs_plan_org *own, size_t nown, const size_t *taken_seg, size_t ntaken,
                   uint64_t seed, fs_err *err) {
  memset(m, 0, sizeof *m);
  if (!cfg->non_customers) return 0;
  const fs_vendor *v = incident_vendor(cfg);
  assert(v && v->has_size_factor); /* checked when the scenario was read */
  size_t nseg = (size_t) FS_MAX_INDUSTRIES * FS_MAX_REGIONS * FS_SIZE_CLASSES;
  double *cust = fs_calloc(nseg, sizeof *cust), *eps = fs_calloc(nseg, sizeof *eps);
  double *nc = fs_calloc(nseg, sizeof *nc), *rev = fs_calloc(nseg, sizeof *rev);
  gsl_rng *rng = fs_rng_new(seed, FS_STREAM_MARKET);
  int rc = 0;
  if (!cust || !eps || !nc || !rev || !rng) {
    rc = fs_err_set(err, FS_ENOMEM, "out of memory planning the vendor's non-customers");
    goto done;
  }
  for (size_t k = 0; k < nplan + nown; k++) {
    const fs_plan_org *p = k < nplan ? &plan[k] : &own[k - nplan];
    size_t g = fs_market_segment(p->industry, p->region, p->n);
    cust[g]++;
    eps[g] += p->n;
  }
  for (size_t j = 0; j < ntaken; j++) nc[taken_seg[j]]--;
  /* A segment of C customers where the vendor's share is s has C / s
     organisations. Where s is 0 the customers are organisations the
     scenario adds (the fleet's own industries have a share, checked when
     the scenario was read): they are the segment's only ones. */
  double total = 0;
  for (size_t g = 0; g < nseg; g++) {
    int i = (int) (g / FS_SIZE_CLASSES / FS_MAX_REGIONS);
    double s = cust[g] > 0 ? fs_market_share(v, i, (int) (g % FS_SIZE_CLASSES)) : 0;
    nc[g] = s > 0 ? fmax(0.0, cust[g] * (1 - s) / s + nc[g]) : 0;
    rev[g] =
        nc[g] > 0 ? nc[g] * eps[g] / cust[g] * cfg->industries[i].cost.revenue_per_endpoint : 0;
    total += rev[g];
  }
  size_t nsim = 0;
  for (size_t g = 0; g < nseg; g++)
    nsim += (size_t) segment_count(nc[g], total > 0 ? rev[g] / total : 0);
  m->orgs = fs_malloc((nsim ? nsim : 1) * sizeof *m->orgs);
  if (!m->orgs) {
    rc = fs_err_set(err, FS_ENOMEM, "out of memory planning the vendor's non-customers");
    goto done;
  }
  for (size_t g = 0; g < nseg; g++) {
    int count = segment_count(nc[g], total > 0 ? rev[g] / total : 0);
    if (count == 0) continue;
    int k = (int) (g % FS_SIZE_CLASSES), r = (int) (g / FS_SIZE_CLASSES % FS_MAX_REGIONS);
    int i = (int) (g / FS_SIZE_CLASSES / FS_MAX_REGIONS);
    plan_segment(m, &cfg->industries[i], i, r, k, nc[g], eps[g] / cust[g], count, rng);
  }
  assert(m->n == nsim);
done:
  free(cust);
  free(eps);
  free(nc);
  free(rev);
  if (rng) gsl_rng_free(rng);
  if (rc != 0) fs_market_free(m);
  return rc;
}

void fs_market_free(fs_market *m) {
  free(m->orgs);
  memset(m, 0, sizeof *m);
}
