/* fleet.c: synthesis of organisations and endpoints. */
#include "fleet/fleet.h"

#include <assert.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/rng.h"
#include "fleet/market.h"
#include "util/hash.h"
#include "util/alloc.h"

/* Picks an index from cumulative weights cum[0..n) (cum[n-1] > 0). */
static int pick(const double *cum, int n, double u) {
  double x = u * cum[n - 1];
  for (int i = 0; i < n; i++)
    if (x < cum[i]) return i;
  return n - 1;
}

typedef fs_plan_org org_plan;

static int cmp_desc(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *) a, y = *(const uint32_t *) b;
  return x < y ? 1 : x > y ? -1 : 0;
}

/* Post-stratification cells: industry x region x size class (decades of
   endpoints: 1-9, 10-99, ..., 10,000+), so that a sampled organisation
   stands only for organisations of its own size. Costs per endpoint depend
   on size (a one-person IT team, a single server), so mixing sizes in one
   weight gives a few small organisations very large weights. */
static size_t stratum(const org_plan *p) {
  return fs_market_segment(p->industry, p->region, p->n);
}

static int grow(void **p, size_t *cap, size_t need, size_t size) {
  if (need <= *cap) return 0;
  size_t c = *cap ? *cap : 1024;
  while (c < need) c *= 2;
  void *q = fs_realloc(*p, c * size);
  if (!q) return FS_ENOMEM;
  *p = q;
  *cap = c;
  return 0;
}

/* The hands-on IT team of an organisation of n endpoints. */
static uint32_t team_of(const fs_config *cfg, int industry, uint32_t n) {
  double team = cfg->industries[industry].it_staff_per_1000 * n / 1000.0;
  return (uint32_t) fmax(cfg->response.min_team, round(team));
}

/* A kept synthetic organisation at a scale below 1 is simulated through a
   sample of its endpoints when its team is larger than this: the sample
   keeps scale x its team (at least this many technicians) and the same
   endpoints per technician, so its queue drains at the same pace and its
   shares down, capacity and losses per endpoint keep their dynamics. The
   floor bounds what a small team rounds away (capacity() rounds its
   technicians on each shift) and keeps a few servers in the sample (key
   escrow waits while another is down). assumption: 4 is the smallest floor
   that takes --scale 0.01 of the reference under 2 % of its endpoints;
   bench/model.sh measures what it costs (loss and crashed count at 0.01
   against the full run, docs/PERFORMANCE.md). */
#define SUB_MIN_TEAM 4

/* Endpoints simulated for a kept synthetic organisation of plan p, and
   its team in *team. */
static uint32_t org_sim(const fs_config *cfg, const org_plan *p, double scale, uint32_t *team) {
  uint32_t full = team_of(cfg, p->industry, p->n);
  *team = full;
  if (scale >= 1.0 || full <= SUB_MIN_TEAM) return p->n;
  uint32_t k = (uint32_t) fmax(SUB_MIN_TEAM, round(full * scale));
  uint32_t nsim = (uint32_t) ceil((double) p->n * k / full);
  if (k >= full || nsim >= p->n) return p->n; /* a sample would not be smaller */
  *team = k;
  return nsim;
}

/* Fills organisation o and its n endpoints starting at endpoint e;
   returns the next free endpoint index. A template without a team gets
   team_of's. */
static size_t fill_org(fs_fleet *f, const fs_config *cfg, gsl_rng *rng, size_t o, size_t e,
                       const fs_org *tmpl) {
  const fs_industry *ind = &cfg->industries[tmpl->industry];
  fs_org *org = &f->orgs[o];
  *org = *tmpl;
  org->first = (uint32_t) e;
  if (org->team == 0) org->team = team_of(cfg, org->industry, org->n);
  assert(org->sub >= 1.0);
  /* Class counts: multinomial over the industry mix. */
  unsigned int counts[FS_NCLASS];
  gsl_ran_multinomial(rng, FS_NCLASS, org->n, ind->mix, counts);
  for (int c = 0; c < FS_NCLASS; c++) org->n_cls[c] = counts[c];
  for (int c = 0; c < FS_NCLASS; c++) {
    const fs_class *cl = &cfg->classes[c];
    double cum_plat[FS_NPLAT], acc = 0;
    for (int q = 0; q < FS_NPLAT; q++) {
      acc += cl->platform_share[q];
      cum_plat[q] = acc;
    }
    double enc = c == FS_CLASS_WORKSTATION || c == FS_CLASS_KIOSK ? ind->encryption_share
                                                                  : ind->server_encryption_share;
    if (!cl->bitlocker_applicable) enc = 0;
    for (unsigned int j = 0; j < counts[c]; j++, e++) {
      f->org[e] = (uint32_t) o;
      f->cls[e] = (uint8_t) c;
      int plat = pick(cum_plat, FS_NPLAT, fs_rng_u01(rng));
      uint8_t fl = (uint8_t) (plat << FS_EP_PLAT_SHIFT | (org->agent ? FS_EP_AGENT : 0));
      if (fs_rng_u01(rng) < cfg->incident.affected_version_share) fl |= FS_EP_AFFECTED_VERSION;
      if (fs_rng_u01(rng) < enc) fl |= FS_EP_ENCRYPTED;
      if (fs_rng_u01(rng) < cl->remote_console_share) fl |= FS_EP_REMOTE_CONSOLE;
      if (fs_rng_u01(rng) < cl->tail_share) fl |= FS_EP_TAIL;
      f->flags[e] = fl;
    }
  }
  return e;
}

/* Endpoints simulated for a policy organisation of n endpoints at scale:
   a sample of its fleet (at least 100 endpoints, or all of them) with its IT
   team scaled alike, so shares down, and with them operating capacity and
   losses, keep their dynamics while a 500-company portfolio of 40 million
   endpoints stays cheap. */
static uint32_t policy_sim_n(uint32_t n, double scale) {
  if (scale >= 1.0 || n <= 100) return n;
  double x = ceil(n * scale);
  return (uint32_t) (x < 100 ? 100 : x);
}

/* Endpoints and agent of each policy organisation (drawn where missing). */
static int resolve_policies(const fs_config *cfg, gsl_rng *rng, const fs_fleet_policy *pols,
                            size_t npol, uint32_t *n, uint8_t *agent, fs_err *err) {
  int inc_vendor = -1;
  for (int v = 0; v < cfg->nvendors; v++)
    if (strcmp(cfg->vendors[v].id, cfg->customers_of) == 0) inc_vendor = v;
  for (size_t i = 0; i < npol; i++) {
    const fs_fleet_policy *p = &pols[i];
    const fs_industry *ind = &cfg->industries[p->industry];
    double eps = p->endpoints;
    if (isnan(eps)) {
      /* Revenue over the industry's revenue per endpoint, with lognormal
         noise (sigma 0.3, assumption: firms of one revenue differ in IT
         intensity by about a third). */
      double per = ind->cost.revenue_per_endpoint > 0 ? ind->cost.revenue_per_endpoint : 250000;
      eps = p->revenue_usd / per * exp(0.3 * gsl_ran_ugaussian(rng) - 0.045);
    }
    /* An explicit Endpoints was checked against the limit when loaded; a
       revenue-based estimate is capped at it (docs/LOSSES.md). */
    n[i] = (uint32_t) fmax(1.0, fmin(FS_FLEET_MAX_ORG_ENDPOINTS, round(eps)));
    if (p->agent_fixed) {
      agent[i] = (uint8_t) (p->is_agent_vendor != 0);
    } else if (p->vendor >= 0 || cfg->nvendors == 0) {
      agent[i] = (uint8_t) (p->vendor >= 0 ? p->vendor == inc_vendor : p->is_agent_vendor);
    } else {
      double cum[FS_MAX_VENDORS], acc = 0;
      for (int v = 0; v < cfg->nvendors; v++) {
        acc += cfg->vendors[v].share[p->industry];
        cum[v] = acc;
      }
      if (acc <= 0)
        return fs_err_set(err, FS_EINVAL, "policy %zu: no vendor has a market share in %s", i + 1,
                          ind->id);
      agent[i] = (uint8_t) (pick(cum, cfg->nvendors, fs_rng_u01(rng)) == inc_vendor);
    }
  }
  return 0;
}

/* The working state of one build: what the steps pass on, owned here and
   released by build_free whatever step failed. */
typedef struct build {
  const fs_config *cfg;
  double scale;
  const fs_fleet_policy *pols;
  size_t npol;
  uint32_t *pol_n;                      /* npol: endpoints of each policy organisation */
  uint8_t *pol_agent;                   /* npol: whether it runs the incident's agent */
  double pol_carved[FS_MAX_INDUSTRIES]; /* agent endpoints of the scenario's organisations */
  fs_fleet_pmatch *pmatch;              /* npol: how each met the fleet (handed to the fleet) */
  size_t pol_eps, pol_sim;              /* policy endpoints, all and simulated */
  org_plan *plan;                       /* the full organisation list */
  uint8_t *gone;                        /* nplan: replaced by a policy */
  size_t nplan, cap;
  double calibrated; /* the plan's endpoints */
  double total;      /* those left after the policies took their places */
  double *prob;      /* nplan: the weight of a kept organisation, 0 if not kept */
  double *cw;        /* nplan: the organisations a kept one stands for (its stratum's count) */
  size_t kept_orgs, kept_eps;
  fs_market market; /* the segments' organisations that are not customers */
} build;

static void build_free(build *b) {
  free(b->pol_n);
  free(b->pol_agent);
  free(b->pmatch);
  free(b->plan);
  free(b->gone);
  free(b->prob);
  free(b->cw);
  fs_market_free(&b->market);
}

/* Policy organisations: endpoints and agent, from their own stream. */
static int build_policies(build *b, fs_err *err) {
  size_t npol = b->npol;
  b->pol_n = fs_calloc(npol ? npol : 1, sizeof *b->pol_n);
  b->pol_agent = fs_calloc(npol ? npol : 1, 1);
  b->pmatch = fs_calloc(npol ? npol : 1, sizeof *b->pmatch);
  if (!b->pol_n || !b->pol_agent || !b->pmatch)
    return fs_err_set(err, FS_ENOMEM, "out of memory for policy organisations");
  if (npol == 0) return 0;
  gsl_rng *prng = fs_rng_new(b->cfg->seed, FS_STREAM_POLICIES);
  if (!prng) return fs_err_set(err, FS_ENOMEM, "out of memory");
  int rc = resolve_policies(b->cfg, prng, b->pols, npol, b->pol_n, b->pol_agent, err);
  gsl_rng_free(prng);
  if (rc != 0) return rc;
  /* (pol_eps and pol_sim once the policies have their places, 1b) */
  for (size_t i = 0; i < npol; i++)
    if (b->pol_agent[i] && !b->pols[i].portfolio) b->pol_carved[b->pols[i].industry] += b->pol_n[i];
  return 0;
}

/* Organisations of industry i with lognormal sizes until its endpoint
   share (less the scenario's own organisations that run the agent) is
   reached. */
static int plan_industry(build *b, int i, gsl_rng *irng, fs_err *err) {
  const fs_config *cfg = b->cfg;
  const fs_industry *ind = &cfg->industries[i];
  fs_rng_reset(irng, cfg->seed, FS_STREAM_INDUSTRY(i));
  double target = cfg->fleet_endpoints * ind->endpoint_share - b->pol_carved[i], sum = 0;
  double cum[FS_MAX_REGIONS], acc = 0;
  for (int r = 0; r < cfg->nregions; r++) {
    acc += cfg->regions[r].share * ind->region_weight[r];
    cum[r] = acc;
  }
  if (acc <= 0)
    return fs_err_set(err, FS_EINVAL, "industry %s has no region with a positive weight", ind->id);
  double mu = log(ind->size_median);
  while (sum < target) {
    double x = exp(mu + ind->size_sigma * gsl_ran_ugaussian(irng));
    if (x > ind->size_max) x = ind->size_max;
    uint32_t n = (uint32_t) fmax(1.0, round(x));
    if (sum + n > target) n = (uint32_t) fmax(1.0, ceil(target - sum));
    if (grow((void **) &b->plan, &b->cap, b->nplan + 1, sizeof *b->plan) != 0)
      return fs_err_set(err, FS_ENOMEM, "out of memory planning organisations");
    b->plan[b->nplan++] =
        (org_plan){n, (uint8_t) i, (uint8_t) pick(cum, cfg->nregions, fs_rng_u01(irng))};
    sum += n;
  }
  b->total += sum;
  return 0;
}

/* 1. The full organisation list (cheap: tens of thousands of records). */
static int plan_orgs(build *b, fs_err *err) {
  gsl_rng *irng = gsl_rng_alloc(fs_rng_xoshiro256ss);
  if (!irng) return fs_err_set(err, FS_ENOMEM, "out of memory");
  int rc = 0;
  for (int i = 0; i < b->cfg->nindustries && rc == 0; i++) rc = plan_industry(b, i, irng, err);
  gsl_rng_free(irng);
  return rc;
}

/* ---- Policies take the places of synthetic organisations */

/* A plan organisation in its segment's list: size, then plan index. */
typedef struct seg_entry {
  uint32_t n, k;
} seg_entry;

static int cmp_entry(const void *a, const void *b) {
  const seg_entry *x = a, *y = b;
  if (x->n != y->n) return x->n < y->n ? -1 : 1;
  return x->k < y->k ? -1 : x->k > y->k;
}

/* Policy order: the largest first (they have the fewest places to go),
   then by index. */
static int cmp_policy(const void *a, const void *b) {
  const seg_entry *x = a, *y = b;
  if (x->n != y->n) return x->n > y->n ? -1 : 1;
  return x->k < y->k ? -1 : x->k > y->k;
}

/* Free entries of the segment lists, found in near-constant time: dn[j]
   leads from a taken entry j towards lower indices, up[j] towards higher
   ones (union-find with path halving), so the many policies of one segment
   (a mid-market book) do not rescan the places taken before theirs.
   Indices are into the whole entry array; a search stops at its segment's
   bounds. */
typedef struct free_index {
  long *dn, *up;
  long n;
} free_index;

static long free_dn(free_index *x, long j) { /* the largest free index <= j, or -1 */
  while (j >= 0 && x->dn[j] != j) {
    long nx = x->dn[j];
    if (nx >= 0) x->dn[j] = x->dn[nx]; /* halve the path */
    j = nx;
  }
  return j;
}

static long free_up(free_index *x, long j) { /* the smallest free index >= j, or n */
  while (j < x->n && x->up[j] != j) {
    long nx = x->up[j];
    if (nx < x->n) x->up[j] = x->up[nx];
    j = nx;
  }
  return j;
}

static void take(free_index *x, long j) {
  x->dn[j] = j - 1;
  x->up[j] = j + 1;
}

/* In the segment e[lo0..hi0) of the entry array (sorted by size), the
   free entry whose size is nearest to n, of size class cls (-1: any); -1
   when there is none. Ties go to the smaller one. */
static long nearest_free(const seg_entry *e, long lo0, long hi0, free_index *x, uint32_t n,
                         int cls) {
  long lo = lo0, hi = hi0;
  while (lo < hi) { /* the first entry of size >= n */
    long mid = lo + (hi - lo) / 2;
    if (e[mid].n < n)
      lo = mid + 1;
    else
      hi = mid;
  }
  long below = free_dn(x, lo - 1), above = free_up(x, lo);
  if (below < lo0 || (cls >= 0 && fs_size_class(e[below].n) != cls)) below = -1;
  if (above >= hi0 || (cls >= 0 && fs_size_class(e[above].n) != cls)) above = -1;
  if (below < 0) return above;
  if (above < 0) return below;
  return e[above].n - n < n - e[below].n ? above : below;
}

/* Policy i takes the place of one organisation of the segment list
   e[lo0..hi0): the free one of its size class nearest to its size, or,
   when its class has none left, the nearest of any class. The fleet says
   how many endpoints its customers run the agent on, the portfolio which
   companies they are: a policy larger than the organisation it replaces is
   simulated at that organisation's size (its revenue and terms stay its
   own), so the fleet keeps its calibrated size whatever the portfolio
   (docs/LOSSES.md 2.2). */
static void match_one(build *b, size_t i, const seg_entry *e, long lo0, long hi0, free_index *x) {
  fs_fleet_pmatch *m = &b->pmatch[i];
  uint32_t n = b->pol_n[i];
  m->own_n = n;
  m->segment_max = hi0 > lo0 ? e[hi0 - 1].n : 0;
  m->oversize = n > m->segment_max;
  long j = nearest_free(e, lo0, hi0, x, n, fs_size_class(n));
  m->kind = FS_MATCH_CLASS;
  if (j < 0) {
    j = nearest_free(e, lo0, hi0, x, n, -1);
    m->kind = j < 0 ? FS_MATCH_NONE : FS_MATCH_OTHER;
  }
  if (j < 0) return; /* its segment is used up: it comes on top */
  take(x, j);
  b->gone[e[j].k] = 1;
  m->replaced_n = e[j].n;
  m->replaced_orgs = 1;
  b->total -= e[j].n;
  if (n > e[j].n) b->pol_n[i] = e[j].n; /* capped at the fleet's size for it */
}

/* The segment lists' index of industry i, region r. */
static size_t seg_of(int i, int r) {
  return (size_t) i * FS_MAX_REGIONS + (size_t) r;
}

/* 1b. Each policy that runs the incident's agent takes the place of a
   synthetic organisation of its industry and region (match_one), the
   largest policies first (they have the fewest places to go). */
static int match_policies(build *b, fs_err *err) {
  b->calibrated = b->total;
  b->gone = fs_calloc(b->nplan ? b->nplan : 1, 1);
  size_t nseg = (size_t) FS_MAX_INDUSTRIES * FS_MAX_REGIONS;
  size_t *start = fs_calloc(nseg + 1, sizeof *start);
  seg_entry *e = fs_malloc((b->nplan ? b->nplan : 1) * sizeof *e);
  seg_entry *order = fs_malloc((b->npol ? b->npol : 1) * sizeof *order);
  free_index x = {fs_malloc((b->nplan ? b->nplan : 1) * sizeof *x.dn),
                  fs_malloc((b->nplan ? b->nplan : 1) * sizeof *x.up), (long) b->nplan};
  int rc = 0;
  if (!b->gone || !start || !e || !order || !x.dn || !x.up) {
    rc = fs_err_set(err, FS_ENOMEM, "out of memory matching policies to the fleet");
    goto done;
  }
  /* Plan organisations grouped by segment (a counting sort), each group
     sorted by size. */
  for (size_t k = 0; k < b->nplan; k++) start[seg_of(b->plan[k].industry, b->plan[k].region) + 1]++;
  for (size_t g = 0; g < nseg; g++) start[g + 1] += start[g];
  for (size_t k = 0; k < b->nplan; k++) {
    size_t g = seg_of(b->plan[k].industry, b->plan[k].region);
    e[start[g]++] = (seg_entry){b->plan[k].n, (uint32_t) k};
  }
  for (size_t g = nseg; g > 0; g--) start[g] = start[g - 1];
  start[0] = 0;
  for (size_t g = 0; g < nseg; g++)
    qsort(e + start[g], start[g + 1] - start[g], sizeof *e, cmp_entry);
  size_t na = 0;
  for (size_t i = 0; i < b->npol; i++) {
    b->pmatch[i].kind = FS_MATCH_BESIDE;
    b->pmatch[i].own_n = b->pol_n[i];
    if (b->pol_agent[i] && b->pols[i].portfolio)
      order[na++] = (seg_entry){b->pol_n[i], (uint32_t) i};
  }
  qsort(order, na, sizeof *order, cmp_policy);
  for (long j = 0; j < x.n; j++) x.dn[j] = x.up[j] = j; /* all free */
  for (size_t q = 0; q < na; q++) {
    size_t i = order[q].k;
    size_t g = seg_of(b->pols[i].industry, b->pols[i].region);
    match_one(b, i, e, (long) start[g], (long) start[g + 1], &x);
  }
  /* The policies' endpoints, after the caps. */
  for (size_t i = 0; i < b->npol; i++) {
    b->pol_eps += b->pol_n[i];
    b->pol_sim += policy_sim_n(b->pol_n[i], b->scale);
  }
done:
  free(start);
  free(e);
  free(order);
  free(x.dn);
  free(x.up);
  return rc;
}

/* 1c. The non-customers of each segment (market.c); a portfolio policy
   that does not run the agent takes the place of one of its segment. */
static int plan_market(build *b, fs_err *err) {
  size_t *seg = fs_malloc((b->npol ? b->npol : 1) * sizeof *seg), ns = 0, nown = 0;
  org_plan *own = fs_malloc((b->npol ? b->npol : 1) * sizeof *own);
  int rc = 0;
  if (!seg || !own) rc = fs_err_set(err, FS_ENOMEM, "out of memory planning the fleet");
  for (size_t i = 0; i < b->npol && rc == 0; i++) {
    const fs_fleet_policy *p = &b->pols[i];
    if (!b->pol_agent[i] && p->portfolio)
      seg[ns++] = fs_market_segment(p->industry, p->region, b->pol_n[i]);
    else if (b->pol_agent[i] && !p->portfolio) /* the scenario's own customers */
      own[nown++] = (org_plan){b->pol_n[i], (uint8_t) p->industry, (uint8_t) p->region};
  }
  if (rc == 0)
    rc = fs_market_plan(&b->market, b->cfg, b->plan, b->nplan, own, nown, seg, ns, b->cfg->seed,
                        err);
  free(seg);
  free(own);
  return rc;
}

/* The two strata of step 2: organisations of at least *threshold
   endpoints are always kept, the others with probability *q_rest. */
static int sample_cut(const build *b, double *threshold, double *q_rest, fs_err *err) {
  *threshold = INFINITY;
  *q_rest = 1.0;
  if (b->scale >= 1.0) return 0;
  size_t nplan = b->nplan;
  uint32_t *sizes = fs_malloc((nplan ? nplan : 1) * sizeof *sizes);
  if (!sizes) return fs_err_set(err, FS_ENOMEM, "out of memory sampling organisations");
  size_t ns = 0;
  for (size_t k = 0; k < nplan; k++)
    if (!b->gone[k]) sizes[ns++] = b->plan[k].n;
  nplan = ns;
  qsort(sizes, nplan, sizeof *sizes, cmp_desc);
  double budget = b->scale * b->total, certain = 0;
  for (size_t k = 0; k < nplan && certain + sizes[k] <= budget / 2; k++) {
    certain += sizes[k];
    *threshold = sizes[k];
  }
  free(sizes);
  *q_rest = (budget - certain) / (b->total - certain);
  if (*q_rest > 1) *q_rest = 1;
  return 0;
}

/* Post-stratification: within each (industry, region) stratum the sampled
   organisations share one weight, the stratum's endpoints over the sampled
   ones' endpoints, so every stratum's endpoint total is exact. A stratum
   the draw missed keeps one organisation chosen at random, so none is
   lost. On entry prob[k] is 1 (certain), -1 (sampled) or 0; on return the
   sampled ones hold their weight. */
static int poststratify(build *b, gsl_rng *rng, fs_err *err) {
  size_t ns = (size_t) FS_MAX_INDUSTRIES * FS_MAX_REGIONS * FS_SIZE_CLASSES;
  double *tot = fs_calloc(ns, sizeof *tot), *kept = fs_calloc(ns, sizeof *kept);
  uint32_t *seen = fs_calloc(ns, sizeof *seen), *kept_n = fs_calloc(ns, sizeof *kept_n);
  size_t *pick_k = fs_calloc(ns, sizeof *pick_k);
  int rc = 0;
  if (!tot || !kept || !seen || !kept_n || !pick_k) {
    rc = fs_err_set(err, FS_ENOMEM, "out of memory sampling organisations");
    goto done;
  }
  const org_plan *plan = b->plan;
  double *prob = b->prob;
  for (size_t k = 0; k < b->nplan; k++) {
    if (prob[k] == 1.0 || b->gone[k]) continue;
    size_t st = stratum(&plan[k]);
    tot[st] += plan[k].n;
    if (prob[k] < 0) {
      kept[st] += plan[k].n;
      kept_n[st]++;
    }
    if (fs_rng_below(rng, ++seen[st]) == 0) pick_k[st] = k; /* reservoir of one */
  }
  for (size_t st = 0; st < ns; st++) {
    if (tot[st] > 0 && kept[st] == 0) {
      prob[pick_k[st]] = -1.0;
      kept[st] = plan[pick_k[st]].n;
      kept_n[st] = 1;
    }
  }
  for (size_t k = 0; k < b->nplan; k++) {
    if (prob[k] >= 0) continue;
    size_t st = stratum(&plan[k]);
    assert(kept[st] > 0 && kept_n[st] > 0);
    prob[k] = tot[st] / kept[st];
    b->cw[k] = (double) seen[st] / kept_n[st];
  }
done:
  free(tot);
  free(kept);
  free(seen);
  free(kept_n);
  free(pick_k);
  return rc;
}

/* 2. Sample organisations in two strata (step 3 simulates the large ones
   it keeps through a sample of their endpoints, org_sim): the largest ones, which
   together hold up to half of the endpoint budget (scale x total), are
   always kept; the others are kept with one probability q that fills the
   rest of the budget in expectation. The few huge organisations, whose
   region alone moves the outcome, then add no sampling variance. */
static int sample_orgs(build *b, gsl_rng *rng, fs_err *err) {
  b->prob = fs_malloc((b->nplan ? b->nplan : 1) * sizeof *b->prob);
  b->cw = fs_malloc((b->nplan ? b->nplan : 1) * sizeof *b->cw);
  if (!b->prob || !b->cw) return fs_err_set(err, FS_ENOMEM, "out of memory sampling organisations");
  for (size_t k = 0; k < b->nplan; k++) b->cw[k] = 1.0;
  double threshold, q_rest;
  int rc = sample_cut(b, &threshold, &q_rest, err);
  if (rc != 0) return rc;
  /* prob[k] ends as the weight of organisation k: 0 if not kept. */
  for (size_t k = 0; k < b->nplan; k++) {
    int certain = b->scale >= 1.0 || b->plan[k].n >= threshold;
    b->prob[k] = certain ? 1.0 : fs_rng_u01(rng) < q_rest ? -1.0 : 0.0; /* -1: sampled */
    /* A replaced organisation still takes its draw here, but the size
       threshold, the rescue of empty strata and the endpoints' draws move
       with the replacements: runs with and without a portfolio do not
       share their random numbers (each is deterministic). */
    if (b->gone[k]) b->prob[k] = 0.0;
  }
  if (b->scale < 1.0 && (rc = poststratify(b, rng, err)) != 0) return rc;
  for (size_t k = 0; k < b->nplan; k++) {
    if (b->prob[k] > 0) {
      uint32_t team;
      b->kept_orgs++;
      b->kept_eps += org_sim(b->cfg, &b->plan[k], b->scale, &team);
    }
  }
  return 0;
}

/* The fleet's arrays for the kept and the policy organisations. */
static int alloc_fleet(fs_fleet *f, const build *b, fs_err *err) {
  /* Endpoint indices travel as 32-bit event targets. */
  size_t all = b->kept_eps + b->pol_sim + b->market.sim_endpoints;
  if (all > UINT32_MAX - 1)
    return fs_err_set(err, FS_ELIMIT, "fleet of %zu endpoints exceeds 2^32 - 1; use --scale", all);
  f->n_orgs = b->kept_orgs + b->npol + b->market.n;
  f->n_endpoints = b->kept_eps + b->pol_sim + b->market.sim_endpoints;
  f->first_policy_org = b->kept_orgs;
  size_t n = f->n_endpoints ? f->n_endpoints : 1;
  f->orgs = fs_calloc(f->n_orgs ? f->n_orgs : 1, sizeof *f->orgs);
  f->org = fs_malloc(n * sizeof *f->org);
  f->cls = fs_malloc(n);
  f->flags = fs_malloc(n);
  if (!f->orgs || !f->org || !f->cls || !f->flags)
    return fs_err_set(err, FS_ENOMEM, "out of memory for a fleet of %zu endpoints", f->n_endpoints);
  fs_advise_huge(f->org, n * sizeof *f->org);
  fs_advise_huge(f->cls, n);
  fs_advise_huge(f->flags, n);
  return 0;
}

/* 3. Endpoints of the kept organisations, then of the policy ones, then
   of the non-customers (from their own stream mrng). */
static void fill_fleet(fs_fleet *f, const build *b, gsl_rng *rng, gsl_rng *mrng) {
  const fs_config *cfg = b->cfg;
  size_t o = 0, e = 0;
  for (size_t k = 0; k < b->nplan; k++) {
    if (b->prob[k] <= 0) continue;
    const org_plan *p = &b->plan[k];
    uint32_t team, nsim = org_sim(cfg, p, b->scale, &team);
    double sub = (double) p->n / nsim;
    /* A sample of its endpoints stands for sub of its own each, and for
       its revenue alike; its fixed costs count once (org_weight). */
    fs_org t = {.n = nsim,
                .industry = p->industry,
                .region = p->region,
                .agent = 1,
                .team = team,
                .id = (uint32_t) k,
                .sub = sub,
                .weight = b->prob[k] * sub,
                .org_weight = b->cw[k],
                .policy = -1,
                .revenue_usd = nsim * cfg->industries[p->industry].cost.revenue_per_endpoint};
    e = fill_org(f, cfg, rng, o++, e, &t);
  }
  for (size_t i = 0; i < b->npol; i++) {
    const fs_fleet_policy *p = &b->pols[i];
    uint32_t nsim = policy_sim_n(b->pol_n[i], b->scale);
    fs_org t = {.n = nsim,
                .industry = (uint8_t) p->industry,
                .region = (uint8_t) p->region,
                .agent = b->pol_agent[i],
                .beside = (uint8_t) (!b->pol_agent[i] && p->portfolio),
                .own = (uint8_t) !p->portfolio,
                .id = (uint32_t) (b->nplan + i),
                .sub = (double) b->pol_n[i] / nsim,
                .weight = (double) b->pol_n[i] / nsim,
                .org_weight = 1.0,
                .policy = (int32_t) i,
                .revenue_usd = p->revenue_usd,
                .waiting_hours = p->waiting_hours,
                .dbi_waiting_hours = p->dbi_waiting_hours};
    e = fill_org(f, cfg, rng, o++, e, &t);
  }
  f->first_market_org = o;
  for (size_t j = 0; j < b->market.n; j++) {
    const fs_market_org *m = &b->market.orgs[j];
    fs_org t = {.n = m->nsim,
                .industry = m->industry,
                .region = m->region,
                .beside = 1,
                .id = (uint32_t) (b->nplan + b->npol + j),
                .sub = 1.0,
                .weight = m->weight,
                .org_weight = m->org_weight,
                .policy = -1,
                .revenue_usd = m->nsim * cfg->industries[m->industry].cost.revenue_per_endpoint};
    e = fill_org(f, cfg, mrng, o++, e, &t);
  }
  /* Every organisation and endpoint slot is filled, in order. */
  assert(o == f->n_orgs && e == f->n_endpoints);
}

int fs_fleet_build(fs_fleet *f, const fs_config *cfg, double scale, gsl_rng *rng, fs_err *err) {
  return fs_fleet_build_with(f, cfg, scale, rng, NULL, 0, err);
}

int fs_fleet_build_with(fs_fleet *f, const fs_config *cfg, double scale, gsl_rng *rng,
                        const fs_fleet_policy *pols, size_t npol, fs_err *err) {
  memset(f, 0, sizeof *f);
  build b = {.cfg = cfg, .scale = scale, .pols = pols, .npol = npol};
  int rc = build_policies(&b, err);
  if (rc == 0) rc = plan_orgs(&b, err);
  if (rc == 0) rc = match_policies(&b, err);
  if (rc == 0) rc = plan_market(&b, err);
  if (rc == 0) rc = sample_orgs(&b, rng, err);
  if (rc == 0) rc = alloc_fleet(f, &b, err);
  gsl_rng *mrng = rc == 0 ? fs_rng_new(cfg->seed, FS_STREAM_MARKET_EP) : NULL;
  if (rc == 0 && !mrng) rc = fs_err_set(err, FS_ENOMEM, "out of memory for a random stream");
  if (rc == 0) {
    fill_fleet(f, &b, rng, mrng);
    f->market_orgs = b.market.orgs_full;
    f->market_endpoints = b.market.endpoints_full;
    f->scale = scale;
    /* Portfolio policies beside the fleet (not customers), the scenario's
       own organisations, and the synthetic ones the policies replaced. */
    double beside = 0, own = 0;
    size_t gone = 0, nbeside = 0;
    for (size_t i = 0; i < npol; i++) {
      int out = !b.pol_agent[i] && pols[i].portfolio;
      beside += out ? b.pol_n[i] : 0;
      nbeside += (size_t) out;
      own += pols[i].portfolio ? 0 : b.pol_n[i];
      gone += b.pmatch[i].replaced_orgs;
    }
    f->full_endpoints = b.total + (double) b.pol_eps - beside;
    f->beside_endpoints = beside;
    f->calibrated_endpoints = b.calibrated + own;
    /* The fleet's organisations: the synthetic ones left, the scenario's
       own, the policies that run the agent. */
    f->full_orgs = b.nplan - gone + npol - nbeside;
    if (npol) {
      f->pmatch = b.pmatch;
      b.pmatch = NULL;
    }
  }
  if (mrng) gsl_rng_free(mrng);
  build_free(&b);
  if (rc != 0) fs_fleet_free(f);
  return rc;
}

void fs_fleet_free(fs_fleet *f) {
  free(f->pmatch);
  free(f->orgs);
  free(f->org);
  free(f->cls);
  free(f->flags);
  memset(f, 0, sizeof *f);
}

#define FNV_VAL(h, x) fs_fnv1a((h), &(x), sizeof(x))

uint64_t fs_fleet_key(const fs_config *cfg, double scale, const fs_fleet_policy *pols,
                      size_t npol) {
  /* Everything fs_fleet_build_with reads. Whole structs where it reads a
     few of their fields (industries, regions, classes, vendors): a change
     elsewhere in them costs a rebuild, never a wrong fleet. The config is
     zeroed when allocated, so its padding bytes are stable. */
  uint64_t h = FS_FNV_BASIS;
  h = FNV_VAL(h, cfg->seed);
  h = FNV_VAL(h, scale);
  h = FNV_VAL(h, cfg->fleet_endpoints);
  h = FNV_VAL(h, cfg->non_customers);
  h = FNV_VAL(h, cfg->nindustries);
  h = fs_fnv1a(h, cfg->industries, (size_t) cfg->nindustries * sizeof cfg->industries[0]);
  h = FNV_VAL(h, cfg->nregions);
  h = fs_fnv1a(h, cfg->regions, (size_t) cfg->nregions * sizeof cfg->regions[0]);
  h = fs_fnv1a(h, cfg->classes, sizeof cfg->classes);
  h = FNV_VAL(h, cfg->nvendors);
  h = fs_fnv1a(h, cfg->vendors, (size_t) cfg->nvendors * sizeof cfg->vendors[0]);
  h = FNV_VAL(h, cfg->incident.affected_version_share);
  h = fs_fnv1a(h, cfg->incident.vendor, strnlen(cfg->incident.vendor, sizeof cfg->incident.vendor));
  h = fs_fnv1a(h, cfg->customers_of, strnlen(cfg->customers_of, sizeof cfg->customers_of));
  h = FNV_VAL(h, cfg->response.min_team);
  h = FNV_VAL(h, npol);
  /* Field by field: a policy may be a compound literal with loose padding. */
  for (size_t i = 0; i < npol; i++) {
    const fs_fleet_policy *p = &pols[i];
    h = FNV_VAL(h, p->industry);
    h = FNV_VAL(h, p->region);
    h = FNV_VAL(h, p->endpoints);
    h = FNV_VAL(h, p->vendor);
    h = FNV_VAL(h, p->is_agent_vendor);
    h = FNV_VAL(h, p->agent_fixed);
    h = FNV_VAL(h, p->revenue_usd);
    h = FNV_VAL(h, p->waiting_hours);
    h = FNV_VAL(h, p->dbi_waiting_hours);
    h = FNV_VAL(h, p->portfolio);
  }
  return h;
}
