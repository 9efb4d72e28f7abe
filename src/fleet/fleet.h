/* fleet.h: synthetic fleets: organisations and their endpoints (struct of arrays). */
#ifndef FS_FLEET_H
#define FS_FLEET_H

#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "config/config.h"
#include "util/err.h"

/* Endpoint flag bits (fs_fleet.flags). */
enum {
  FS_EP_AFFECTED_VERSION = 1 << 0, /* agent version that takes the faulty update */
  FS_EP_ENCRYPTED = 1 << 1,        /* disk encryption: recovery key needed */
  FS_EP_REMOTE_CONSOLE = 1 << 2,   /* fixable through an out-of-band console */
  FS_EP_TAIL = 1 << 3,             /* only reachable after a long delay */
  FS_EP_AGENT = 1 << 4             /* runs the incident vendor's agent */
};
/* Its platform (FS_PLAT_*) is kept in the flags' top bits: fs_fleet_plat. */
#define FS_EP_PLAT_SHIFT 5
_Static_assert(FS_NPLAT <= 1 << (8 - FS_EP_PLAT_SHIFT), "platforms fit the flags' top bits");

/* One organisation. Its endpoints are the contiguous index range
   [first, first + n) of the fleet arrays. */
typedef struct fs_org {
  uint32_t first, n;
  uint8_t industry, region;
  uint8_t agent;             /* 1 if it runs the incident vendor's agent */
  uint8_t beside;            /* 1: not a customer (a portfolio policy or a synthetic
                                non-customer, fleet.non_customers): beside the fleet */
  uint8_t own;               /* 1: an organisation the scenario adds (a provider with a fleet) */
  uint32_t team;             /* hands-on IT staff */
  uint32_t id;               /* position in the full (unsampled) organisation list */
  int32_t policy;            /* index into the run's portfolio, or -1 */
  uint32_t n_cls[FS_NCLASS]; /* endpoints per class */
  double revenue_usd;        /* annual revenue */
  double waiting_hours;      /* BI waiting period of its policy (0 without one) */
  double dbi_waiting_hours;  /* dependent BI's waiting period of its policy (0 without one) */
  double sub;                /* its own endpoints per simulated one: 1, or more for a sample
                                of them (a policy's, a large organisation's at --scale) */
  double weight;             /* endpoints it stands for per own endpoint (1 unsampled) */
  double org_weight;         /* organisations it stands for (1 unsampled, a policy 1) */
} fs_org;

/* How many organisations' money one simulated organisation stands for: a
   policy (or provider) organisation only itself, whatever share of its own
   endpoints it simulates; a synthetic one its sampling weight. Every loss
   summed over organisations is weighted so. */
static inline double fs_org_loss_weight(const fs_org *o) {
  return o->policy >= 0 ? 1.0 : o->weight;
}

/* What a simulated organisation's own figures (revenue, units lost) are
   multiplied by to be the whole organisation's, where a report presents
   it as itself: its `sub` for a synthetic one simulated through a sample
   of its endpoints (its revenue is its sample's), 1 for a policy (whose
   revenue is the whole policy's whatever it simulates). */
static inline double fs_org_own_scale(const fs_org *o) {
  return o->policy >= 0 ? 1.0 : o->sub;
}

/* How one policy met the fleet (fs_fleet_build_with): a policy that runs
   the incident's agent takes the place of one synthetic organisation of
   its segment (industry, region, size class) nearest to it in endpoints,
   or, when its size class has none left, of the nearest of its industry
   and region, and is simulated with at most that organisation's endpoints
   (fleet.c match_one); one that does not run it is simulated beside the
   fleet of customers. */
enum {
  FS_MATCH_BESIDE = 0, /* not a customer: beside the fleet, nothing replaced */
  FS_MATCH_CLASS = 1,  /* replaced an organisation of its size class */
  FS_MATCH_OTHER = 2,  /* its class had none left: replaced one of another class */
  FS_MATCH_NONE = 3    /* its industry and region had no organisation left */
};
typedef struct fs_fleet_pmatch {
  uint8_t kind;           /* FS_MATCH_* */
  uint8_t oversize;       /* larger than every synthetic organisation of its industry and region */
  uint32_t own_n;         /* its own endpoints (the portfolio's, or drawn from revenue) */
  uint32_t replaced_n;    /* endpoints of the organisation it replaced (0: none); it is
                             simulated with min(own_n, replaced_n) */
  uint32_t replaced_orgs; /* 1, or 0 when none */
  uint32_t segment_max;   /* the largest synthetic organisation of its industry and region */
} fs_fleet_pmatch;

/* How many organisations one simulated organisation stands for in a count
   of organisations (hit, paused): its stratum's organisations over those
   sampled, where fs_org_loss_weight is the endpoints' ratio (a sampled
   organisation smaller than its stratum's average stands for more
   endpoints per endpoint, not for more organisations). */
static inline double fs_org_count_weight(const fs_org *o) {
  return o->policy >= 0 ? 1.0 : o->org_weight;
}

/* A fleet owns all its arrays; fs_fleet_free releases them. Per endpoint it
   holds 6 bytes: org (4), class (1), flags with the platform (1). */
typedef struct fs_fleet {
  size_t n_endpoints, n_orgs;
  double scale;            /* expected sampled fraction of endpoints */
  double full_endpoints;   /* endpoints of the full fleet (before sampling): the vendor's
                              customers, synthetic and policies that run its agent */
  double beside_endpoints; /* of the policies simulated beside it (not customers) */
  size_t full_orgs;
  size_t first_policy_org;     /* policy organisations start here (n_orgs if none) */
  size_t first_market_org;     /* then the non-customers (fleet.non_customers), to n_orgs */
  double market_orgs;          /* the organisations these stand for (0 without them) */
  double market_endpoints;     /* and their endpoints */
  fs_fleet_pmatch *pmatch;     /* per policy: how it met the fleet (NULL without policies) */
  double calibrated_endpoints; /* the fleet without the portfolio (what it calibrates) */
  uint32_t *org;
  uint8_t *cls;
  uint8_t *flags; /* FS_EP_* bits, and the platform above FS_EP_PLAT_SHIFT */
  fs_org *orgs;
} fs_fleet;

/* The platform of endpoint e. */
static inline int fs_fleet_plat(const fs_fleet *f, size_t e) {
  return f->flags[e] >> FS_EP_PLAT_SHIFT;
}

/* The whole fleet, no sampling: the default of --scale; and the smallest
   sample fraction --scale takes. */
#define FS_FLEET_FULL_SCALE 1.0
#define FS_FLEET_MIN_SCALE  1e-6

/* The largest organisation (endpoints) fleetsim simulates: a portfolio's
   Endpoints above it is an error naming its line and column; an estimate
   drawn from revenue (Endpoints empty) is capped at it. */
#define FS_FLEET_MAX_ORG_ENDPOINTS 4e6

/* An organisation the caller insists on (a portfolio policy), resolved to
   indices. Endpoints NAN: drawn from revenue / revenue per endpoint (with
   lognormal noise); vendor -1: drawn from the industry's market shares. */
typedef struct fs_fleet_policy {
  int industry, region;
  double endpoints;
  int vendor;          /* index into cfg->vendors, or -1 */
  int is_agent_vendor; /* when vendor >= 0 or cfg has no vendors: runs the incident's agent */
  int agent_fixed;     /* 1: is_agent_vendor is the answer (no draw) */
  double revenue_usd;
  double waiting_hours, dbi_waiting_hours;
  int portfolio; /* 1: a portfolio's policy, matched to the fleet (fs_fleet_pmatch); 0: an
                    organisation the scenario adds (a provider with a fleet): one that runs
                    the agent is carved out of its industry's share, one that does not is
                    added to the fleet */
} fs_fleet_policy;

/* Synthesises the fleet of cfg: per industry, organisations with lognormal
   sizes until the industry's endpoint share is reached; each organisation
   gets a region, a class mix, an IT team; each endpoint a platform, agent
   version and encryption. With scale < 1, organisations are sampled: the
   largest, holding up to half of the expected sample, always; the rest with
   one common probability. Weights are post-stratified by (industry, region,
   size class): the sampled organisations of a stratum stand for all of its
   endpoints. A kept organisation with a large team is simulated through a
   sample of its endpoints, its team scaled alike (fleet.c org_sim), so its
   shares down, queue and capacity keep their dynamics.
   Deterministic for a given rng state. On error *f is left empty (nothing
   to free). */
int fs_fleet_build(fs_fleet *f, const fs_config *cfg, double scale, gsl_rng *rng, fs_err *err);

/* Same, with npol policy organisations appended after the synthetic ones
   (always simulated, weight 1). A portfolio's policy that runs the
   incident's agent takes the place of a synthetic organisation, capped at
   its size (fs_fleet_pmatch; the largest policies choose first), so the
   fleet keeps its calibrated size until a segment runs out; one that does
   not is simulated beside it (beside_endpoints). Policy i becomes organisation
   first_policy_org + i and f->pmatch[i] says how it matched. */
int fs_fleet_build_with(fs_fleet *f, const fs_config *cfg, double scale, gsl_rng *rng,
                        const fs_fleet_policy *pols, size_t npol, fs_err *err);
void fs_fleet_free(fs_fleet *f);

/* A 64-bit key of everything fs_fleet_build_with reads from cfg, scale and
   the policies (the fleet's streams follow from cfg->seed): two builds with
   the same key give the same fleet, so a sweep reuses a fleet across points
   whose parameters leave it alone. A change to any field of an industry,
   region, class or vendor changes the key. */
uint64_t fs_fleet_key(const fs_config *cfg, double scale, const fs_fleet_policy *pols, size_t npol);

#endif
