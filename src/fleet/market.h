/* market.h: the organisations of each segment that are not the incident
   vendor's customers (fleet.non_customers), for fleet.c. */
#ifndef FS_MARKET_H
#define FS_MARKET_H

#include <stddef.h>
#include <stdint.h>

#include "config/config.h"
#include "util/err.h"

/* One planned organisation of the full customer list. */
typedef struct fs_plan_org {
  uint32_t n;
  uint8_t industry, region;
} fs_plan_org;

/* The size class (FS_SIZE_CLASSES) of an organisation of n endpoints. */
static inline int fs_size_class(uint32_t n) {
  return n < 10 ? 0 : n < 100 ? 1 : n < 1000 ? 2 : n < 10000 ? 3 : 4;
}

/* A simulated non-customer: it stands for org_weight organisations of its
   segment; each of its nsim simulated endpoints for weight endpoints. */
typedef struct fs_market_org {
  uint32_t nsim;
  uint8_t industry, region;
  double org_weight, weight;
} fs_market_org;

typedef struct fs_market {
  fs_market_org *orgs;
  size_t n;             /* simulated non-customers */
  size_t sim_endpoints; /* their simulated endpoints */
  double orgs_full;     /* the organisations they stand for */
  double endpoints_full;
} fs_market;

/* Non-customers simulated in all, shared among the segments by their
   non-customers' revenue (at least one per segment that has any), each
   with at most FS_MARKET_SIM_ENDPOINTS endpoints: none of them crashes, so
   a few carry the segments' dependence on providers, more where more
   revenue rests on them. */
#define FS_MARKET_SIMULATED     4000
#define FS_MARKET_SIM_ENDPOINTS 32

/* The vendor's share of the organisations of industry i, size class k:
   min(1, market share x size factor); 0 when the vendor declares none. */
double fs_market_share(const fs_vendor *v, int i, int k);

/* Plans the non-customers of every segment (industry, region, size class)
   that holds customers in plan[0..nplan) or own[0..nown) (organisations
   the scenario adds that run the agent: providers with a fleet): a segment of C customers where
   the vendor's share is s has C / s organisations, C (1 - s) / s of them
   not its customers, less one for each entry of taken_seg[0..ntaken) (the
   segment of a portfolio policy that does not run the agent: it takes a
   non-customer's place). A segment where the vendor's share is 0 (only
   organisations the scenario adds are customers there) has none. Their
   sizes come from the industry's lognormal within the size class, drawn
   from the stream FS_STREAM_MARKET of seed; a segment's non-customers hold
   its customers' mean size each. Nothing when cfg->non_customers is 0. */
int fs_market_plan(fs_market *m, const fs_config *cfg, const fs_plan_org *plan, size_t nplan,
                   const fs_plan_org *own, size_t nown, const size_t *taken_seg, size_t ntaken,
                   uint64_t seed, fs_err *err);
void fs_market_free(fs_market *m);

/* The segment index of an organisation of industry i, region r, n endpoints. */
static inline size_t fs_market_segment(int i, int r, uint32_t n) {
  return ((size_t) i * FS_MAX_REGIONS + (size_t) r) * FS_SIZE_CLASSES + (size_t) fs_size_class(n);
}

#endif
