/* impact.c: organisations' operating capacity and the costs it drives. */
#include <assert.h>
#include <math.h>
#include <stdlib.h>

#include "fleet/market.h"
#include "model/model_impl.h"
#include "model/ops.h"
#include "util/alloc.h"

/* Operating capacity follows from the share of each group of endpoints
   down, through the industry's impact weights, multiplicatively:
     capacity = (1 - w_c s_c) (1 - w_w s_w) (1 - w_k s_k) x upstream
   where upstream is the health of what the organisation depends on (1
   until the dependency layer sets it). Lost gross profit accrues at
   (1 - capacity) x revenue rate x gross margin, where the revenue rate
   follows the industry's revenue profile by local hour and day type.

   Revenue over time uses a weekly cumulative table per (industry, region):
   revcum[k] is the share of annual revenue earned in the first k local
   hours of a week starting Monday 00:00, so revenue between two instants
   is a difference of two table look-ups, whatever the time zone. */

#define WEEK_H         168
#define WEEKS_PER_YEAR (365.25 / 7.0)

static double revenue_share(const fs_model *m, const fs_org *o, double t);
static void cursor_at(const fs_model *m, const fs_org *o, org_rt *rt, double t);

int fs_model__impact_init(fs_model *m) {
  const fs_config *cfg = m->cfg;
  size_t n = (size_t) cfg->nindustries * (size_t) cfg->nregions;
  m->revcum = fs_calloc(n * (WEEK_H + 1), sizeof *m->revcum);
  if (!m->revcum) return FS_ENOMEM;
  for (int i = 0; i < cfg->nindustries; i++) {
    const fs_cost *k = &cfg->industries[i].cost;
    for (int r = 0; r < cfg->nregions; r++) {
      double *c = &m->revcum[((size_t) i * cfg->nregions + r) * (WEEK_H + 1)];
      uint8_t weekend = cfg->regions[r].weekend_mask;
      for (int h = 0; h < WEEK_H; h++) {
        int day = h / 24, we = (weekend >> day) & 1;
        c[h + 1] = c[h] + k->profile[we][h % 24];
      }
      /* Normalise: a week earns 1/52.18 of the annual revenue. A profile of
         all zeros earns nothing. */
      double tot = c[WEEK_H];
      for (int h = 0; h <= WEEK_H; h++) c[h] = tot > 0 ? c[h] / tot / WEEKS_PER_YEAR : 0;
    }
  }
  int any_ops = 0;
  for (int i = 0; i < cfg->nindustries; i++)
    any_ops |= cfg->has_costs && cfg->industries[i].cost.ops.on;
  if (any_ops &&
      !(m->ops_list = fs_malloc((m->fleet->n_orgs ? m->fleet->n_orgs : 1) * sizeof *m->ops_list)))
    return FS_ENOMEM;
  for (size_t o = 0; o < m->fleet->n_orgs; o++) {
    org_rt *rt = &m->orgs[o];
    rt->ops_min = 1.0;
    const fs_org *og = &m->fleet->orgs[o];
    if (any_ops) m->ops_rev[og->industry] += fs_org_loss_weight(og) * og->revenue_usd;
    rt->opcap = rt->owncap = rt->upstream = rt->min_cap = rt->min_owncap = 1.0;
    rt->t_int = rt->t_low = NAN;
    /* Per-organisation constants of the hot path: its revenue table, the
       local-hour offset, and impact weight per endpoint of each group. */
    const fs_org *org = &m->fleet->orgs[o];
    const fs_cost *k = &cfg->industries[org->industry].cost;
    rt->revtab = &m->revcum[((size_t) org->industry * cfg->nregions + org->region) * (WEEK_H + 1)];
    rt->hoff = cfg->start_unix / 3600.0 + cfg->regions[org->region].utc_offset_hours + 72.0;
    uint32_t grp_n[3] = {org->n_cls[FS_CLASS_SERVER] + org->n_cls[FS_CLASS_ONPREM_VM] +
                             org->n_cls[FS_CLASS_CLOUD_VM],
                         org->n_cls[FS_CLASS_WORKSTATION], org->n_cls[FS_CLASS_KIOSK]};
    double w[3] = {k->impact_critical, k->impact_workstation, k->impact_kiosk};
    for (int g = 0; g < 3; g++) rt->wpe[g] = grp_n[g] ? w[g] / grp_n[g] : 0.0;
    for (int g = 0; g < 3; g++) rt->sysw[g] = grp_n[g] ? 1.0 / grp_n[g] : 0.0;
    rt->opsin = rt->opsown = 1.0;
    /* The BI waiting period: its policy's; for an organisation without
       one, the cyber market's of its size class (the market's insured
       loss, fs_batch; nothing else reads the BI after the wait). */
    rt->wait = org->policy >= 0 || !cfg->cyber.on
                   ? org->waiting_hours
                   : cfg->cyber.waiting_hours[fs_size_class((uint32_t) round(org->n * org->sub))];
    rt->dwait = org->policy >= 0 ? org->dbi_waiting_hours : rt->wait;
    if (cfg->has_costs) cursor_at(m, org, rt, 0.0);
  }
  return 0;
}

void fs_model__impact_free(fs_model *m) {
  free(m->revcum);
  free(m->ops_list);
}

/* Share of annual revenue earned from the epoch to scenario hour t. */
static double revenue_share(const fs_model *m, const fs_org *o, double t) {
  const org_rt *rt = &m->orgs[o - m->fleet->orgs];
  const double *c = rt->revtab;
  /* Local hours since Monday 1969-12-29 00:00 (the epoch was a Thursday). */
  double abs_h = rt->hoff + t;
  double weeks = floor(abs_h / WEEK_H), hw = abs_h - weeks * WEEK_H;
  int k = (int) hw;
  if (k >= WEEK_H) k = WEEK_H - 1;
  double frac = hw - k;
  return weeks * c[WEEK_H] + c[k] + (c[k + 1] - c[k]) * frac;
}

/* Lost gross profit of organisation o at lost capacity `lost` over [a, b]. */
static double bi(const fs_model *m, const fs_org *o, double lost, double a, double b) {
  if (!(b > a) || lost <= 0) return 0.0;
  const fs_cost *k = &m->cfg->industries[o->industry].cost;
  return lost * o->revenue_usd * k->gross_margin *
         (revenue_share(m, o, b) - revenue_share(m, o, a));
}

/* The part of x, the loss over [a, b) at lost capacity `lost`, after a
   waiting period that ends at wait_end. */
static double after_wait(const fs_model *m, const fs_org *o, double lost, double a, double b,
                         double x, double wait_end) {
  return a >= wait_end ? x : b > wait_end ? bi(m, o, lost, wait_end, b) : 0;
}

/* Charges [a, b) at lost capacity `lost` from the revenue table,
   splitting at the end of the waiting period. For intervals that are not
   the running accrual (the operational tail). */
/* dep is the share of the loss that is dependent business interruption. */
static void charge(fs_model *m, const fs_org *o, org_rt *rt, double lost, double a, double b,
                   double dep) {
  if (!(b > a) || lost <= 0) return;
  double x = bi(m, o, lost, a, b);
  rt->bi_own += x * (1 - dep);
  rt->bi_own_wait += after_wait(m, o, lost, a, b, x, rt->t_int + rt->wait) * (1 - dep);
  rt->bi_dep += x * dep;
  rt->bi_dep_wait += after_wait(m, o, lost, a, b, x, rt->t_int + rt->dwait) * dep;
}

/* Puts the accrual cursor of rt at scenario hour t: the local hour it falls
   in, where that hour ends, and the revenue rate (USD of gross profit per
   hour of full outage) during it. */
static void cursor_at(const fs_model *m, const fs_org *o, org_rt *rt, double t) {
  double abs_h = rt->hoff + t;
  double weeks = floor(abs_h / WEEK_H), hw = abs_h - weeks * WEEK_H;
  int k = (int) hw;
  if (k >= WEEK_H) k = WEEK_H - 1;
  rt->hk = k;
  rt->hour_end = t + (floor(abs_h) + 1.0 - abs_h);
  const fs_cost *c = &m->cfg->industries[o->industry].cost;
  rt->rrate = o->revenue_usd * (rt->revtab[k + 1] - rt->revtab[k]);
  rt->rate = c->gross_margin * rt->rrate;
}

/* Moves the accrual cursor to the next local hour and its rate. */
static void next_hour(org_rt *rt, const fs_org *o, const fs_cost *c) {
  rt->hk = (rt->hk + 1) % WEEK_H;
  rt->hour_end += 1.0;
  rt->rrate = o->revenue_usd * (rt->revtab[rt->hk + 1] - rt->revtab[rt->hk]);
  rt->rate = c->gross_margin * rt->rrate;
}

/* Whether an accrual up to b has nothing to charge: b not after
   rt->last_t, or nothing lost (then the cursor just moves to b). */
static int skip_to(fs_model *m, const fs_org *o, org_rt *rt, double b, int nothing_lost) {
  if (!(b > rt->last_t)) return 1;
  if (!nothing_lost) return 0;
  cursor_at(m, o, rt, b);
  rt->last_t = b;
  return 1;
}

/* The running accrual from rt->last_t to b at lost capacity `lost`. The
   revenue profile is constant within a local hour, so each hour's piece is
   lost x hours x that hour's rate: one multiply-add per update in the
   common case of updates within one hour. */
static void accrue(fs_model *m, const fs_org *o, org_rt *rt, double lost, double dep, double b) {
  double a = rt->last_t;
  if (skip_to(m, o, rt, b, lost <= 0 && dep <= 0)) return;
  double wait_end = rt->t_int + rt->wait, dwait_end = rt->t_int + rt->dwait;
  const fs_cost *c = &m->cfg->industries[o->industry].cost;
  while (a < b) {
    double e = b < rt->hour_end ? b : rt->hour_end;
    double x = lost * (e - a) * rt->rate, y = dep * (e - a) * rt->rate;
    rt->bi_own += x;
    rt->bi_dep += y;
    if (a >= wait_end)
      rt->bi_own_wait += x;
    else if (e > wait_end)
      rt->bi_own_wait += lost * (e - wait_end) * rt->rate;
    if (a >= dwait_end)
      rt->bi_dep_wait += y;
    else if (e > dwait_end)
      rt->bi_dep_wait += dep * (e - dwait_end) * rt->rate;
    if (e >= rt->hour_end) next_hour(rt, o, c);
    a = e;
  }
  rt->last_t = b;
}

/* The lost share of piece q integrated over [u, v] (inside it): its value
   at the middle times the length, exact for a share linear in time. */
static double lost_over(const fs_ops_piece *q, double u, double v) {
  double len = q->b - q->a, mid = len > 0 ? ((u + v) / 2 - q->a) / len : 0;
  return (q->lost_a + (q->lost_b - q->lost_a) * mid) * (v - u);
}

/* The running accrual over one piece of an operations path, whose lost
   share goes linearly from q->lost_a to q->lost_b; dep of it is dependent
   business interruption. Each local hour's part is charged at the mean
   lost share over it (exact for a linear share). */
static void accrue_piece(fs_model *m, const fs_org *o, org_rt *rt, const fs_ops_piece *q,
                         double dep) {
  double a = rt->last_t, b = q->b;
  if (skip_to(m, o, rt, b, q->lost_a <= 0 && q->lost_b <= 0)) return;
  double wait_end = rt->t_int + rt->wait, dwait_end = rt->t_int + rt->dwait;
  const fs_cost *c = &m->cfg->industries[o->industry].cost;
  while (a < b) {
    double e = b < rt->hour_end ? b : rt->hour_end;
    double w0 = a > wait_end ? a : wait_end, d0 = a > dwait_end ? a : dwait_end;
    double lh = lost_over(q, a, e), x = lh * rt->rate;
    /* past the waiting periods */
    double after = e > w0 ? lost_over(q, w0, e) * rt->rate : 0;
    double dafter = d0 == w0 ? after : e > d0 ? lost_over(q, d0, e) * rt->rate : 0;
    rt->bi_own += x * (1 - dep);
    rt->bi_dep += x * dep;
    rt->bi_own_wait += after * (1 - dep);
    rt->bi_dep_wait += dafter * dep;
    rt->rev_lost += lh * rt->rrate;
    if (e >= rt->hour_end) next_hour(rt, o, c);
    a = e;
  }
  rt->last_t = b;
}

/* Brings the operations of an organisation whose industry declares them
   from rt->last_t to t at its present IT capacity: the backlog, the time
   paused, the lowest level and the lost gross profit. */
static void ops_advance(fs_model *m, const fs_org *o, org_rt *rt, double t) {
  const fs_ops *p = &m->cfg->industries[o->industry].cost.ops;
  fs_ops_piece pc[FS_OPS_MAX_PIECES];
  int n = fs_ops_path(p, rt->opsin, &rt->backlog, rt->last_t, t, pc, &rt->paused, &rt->ops_min);
  for (int i = 0; i < n; i++) accrue_piece(m, o, rt, &pc[i], rt->dep_share);
  if (t > rt->last_t) {
    cursor_at(m, o, rt, t);
    rt->last_t = t;
  }
}

/* Units of operations an organisation has lost so far (lost revenue over
   the revenue of a unit), before make-up; 0 without a unit. */
static double units_lost(const fs_model *m, const fs_org *o, const org_rt *rt) {
  const fs_ops *p = &m->cfg->industries[o->industry].cost.ops;
  return p->unit_revenue > 0 ? rt->rev_lost / p->unit_revenue : 0;
}

void fs_model__ops_tick(fs_model *m, size_t i, double t) {
  fs_result *r = m->res;
  if (!m->ops_list || !r->ts_ops_ind) return;
  double lost[FS_MAX_INDUSTRIES], units[FS_MAX_INDUSTRIES] = {0};
  for (int k = 0; k < r->nindustries; k++) lost[k] = m->ops_flat_lost[k];
  for (size_t j = 0; j < m->ops_n;) {
    uint32_t org = m->ops_list[j];
    const fs_org *o = &m->fleet->orgs[org];
    org_rt *rt = &m->orgs[org];
    const fs_ops *p = &m->cfg->industries[o->industry].cost.ops;
    /* Only organisations with a layer are listed (the others are in
       ops_flat_lost). */
    assert(p->on);
    /* One with no backlog and none building keeps its level until its
       capacity changes: its costs wait for that change or the end (one
       long interval accrues what many short ones do), unless its units
       are counted tick by tick. */
    if (rt->backlog > 0 || fs_ops_slope(p, rt->opsin) > 0 || p->unit_revenue > 0)
      ops_advance(m, o, rt, t);
    double level = fs_ops_level(p, rt->opsin, rt->backlog);
    double w = fs_org_loss_weight(o);
    /* Its units not yet in ops_units_done (it may be listed again after
       an earlier episode). */
    double fresh = units_lost(m, o, rt) - rt->units_done;
    if (level >= 1.0 && rt->backlog <= 0) { /* back to normal: leaves the list */
      m->ops_units_done[o->industry] += fresh * w;
      rt->units_done += fresh;
      rt->ops_listed = 0;
      m->ops_list[j] = m->ops_list[--m->ops_n];
      continue;
    }
    lost[o->industry] += w * o->revenue_usd * (1.0 - level);
    units[o->industry] += fresh * w;
    j++;
  }
  for (int k = 0; k < r->nindustries; k++) {
    size_t at = i * (size_t) r->nindustries + (size_t) k;
    double level = m->ops_rev[k] > 0 ? 1.0 - lost[k] / m->ops_rev[k] : 1.0;
    r->ts_ops_ind[at] = level < 0 ? 0 : level > 1 ? 1 : level; /* the running sum's rounding */
    r->ts_units_ind[at] = m->ops_units_done[k] + units[k];
  }
  /* The followed organisations: one on the list was brought to t above;
     one off it is at normal, its units lost final. */
  for (size_t q = 0; q < r->nops_org; q++) {
    const fs_org *o = &m->fleet->orgs[r->ops_org[q]];
    const org_rt *rt = &m->orgs[r->ops_org[q]];
    const fs_ops *p = &m->cfg->industries[o->industry].cost.ops;
    r->ts_ops_org[i * r->nops_org + q] =
        rt->ops_listed ? fs_ops_level(p, rt->opsin, rt->backlog) : 1.0;
    r->ts_units_org[i * r->nops_org + q] = units_lost(m, o, rt) * fs_org_own_scale(o);
  }
}

/* The operational tail (crews and aircraft out of position, backlogs):
   when capacity climbs back above 0.95 after falling below it, capacity stays reduced by the
   industry's tail loss, scaled by how deep the outage went, for its tail
   hours. Charged once, when it starts, up to the end of the run. */
static void charge_tail(fs_model *m, const fs_org *o, org_rt *rt, double t) {
  const fs_cost *k = &m->cfg->industries[o->industry].cost;
  rt->tail_done = 1;
  if (k->tail_hours <= 0 || k->tail_capacity_loss <= 0) return;
  double depth = 1.0 - rt->min_cap, end = fmin(t + k->tail_hours, m->cfg->duration_hours);
  /* The tail follows the cause of the dip: the part of the deepest outage
     that came from upstream makes that part of the tail dependent BI. */
  double dep = depth > 0 ? fmax(0.0, (depth - (1.0 - rt->min_owncap)) / depth) : 0.0;
  charge(m, o, rt, k->tail_capacity_loss * depth, t, end, dep);
}

/* An organisation with an operations layer: its operations' input, the
   availability of the systems they run on (the scarcest of the declared
   groups it has) or else its own capacity, times upstream; and the part
   of lost operations from upstream until the next change (set here: the
   dependency layer updates upstream before calling in). Without a layer,
   opsin stays 1 and is never read for operations. */
static void ops_input(org_rt *rt, const fs_ops *ops, double own) {
  double sys = 1.0;
  int any = 0;
  for (int g = 0; g < 3; g++) {
    if (!(ops->systems & (1u << g)) || rt->sysw[g] <= 0) continue;
    any = 1;
    sys = fmin(sys, 1.0 - rt->down_grp[g] * rt->sysw[g]);
  }
  rt->opsown = any ? sys : own;
  rt->opsin = rt->opsown * rt->upstream;
  if (rt->opsin < 1.0) rt->dep_share = rt->opsown * (1.0 - rt->upstream) / (1.0 - rt->opsin);
}

void fs_model__impact_update(fs_model *m, uint32_t org, double t) {
  if (!m->cfg->has_costs) return;
  const fs_org *o = &m->fleet->orgs[org];
  org_rt *rt = &m->orgs[org];
  /* Lost capacity splits into the own fleet's part, 1 - own, and the part
     from what the organisation depends on, own x (1 - upstream): dependent
     business interruption, which policies sublimit separately. */
  const fs_ops *ops = &m->cfg->industries[o->industry].cost.ops;
  /* The time since the last update is charged at the capacity of the last
     update: owncap and opcap = owncap x upstream as they were then. The
     dependency layer has already written the new upstream (propagate.c),
     so rt->upstream must not be read here: until 2026-12-05 it was, and
     the hours before a provider went down were charged at its outage. */
  if (ops->on)
    ops_advance(m, o, rt, t);
  else
    accrue(m, o, rt, 1.0 - rt->owncap, rt->owncap - rt->opcap, t);
  /* New capacity from the down shares of each group. */
  double own = (1.0 - rt->wpe[0] * rt->down_grp[0]) * (1.0 - rt->wpe[1] * rt->down_grp[1]) *
               (1.0 - rt->wpe[2] * rt->down_grp[2]);
  double cap = own * rt->upstream;
  rt->owncap = own;
  double was = rt->opcap;
  rt->opcap = cap;
  if (ops->on) ops_input(rt, ops, own);
  if (cap < rt->min_cap) rt->min_cap = cap;
  if (own < rt->min_owncap) rt->min_owncap = own;
  /* Impaired from here (the waiting period's clock): capacity, or the
     systems the operations run on, below 1 for the first time. */
  if (isnan(rt->t_int) && fmin(cap, rt->opsin) < 1.0) rt->t_int = t;
  if (m->ops_list && !ops->on)
    m->ops_flat_lost[o->industry] += fs_org_loss_weight(o) * o->revenue_usd * (was - cap);
  if (m->ops_list && ops->on && rt->opsin < 1.0 && !rt->ops_listed) {
    rt->ops_listed = 1;
    m->ops_list[m->ops_n++] = org;
  }
  /* Downtime counts hours of material impairment (capacity below 0.95),
     not the days a few hard-to-reach PCs stay down. */
  if (cap < 0.95 && was >= 0.95)
    rt->t_low = t;
  else if (cap >= 0.95 && was < 0.95)
    rt->downtime += t - rt->t_low;
  if ((cap < FS_PROVIDER_DOWN_BELOW) != (was < FS_PROVIDER_DOWN_BELOW))
    fs_model__provider_capacity(m, org, cap, t);
  if (!ops->on && !rt->tail_done && was < 0.95 && cap >= 0.95) charge_tail(m, o, rt, t);
}

void fs_model__impact_finish(fs_model *m, double end) {
  if (!m->cfg->has_costs) return;
  fs_result *r = m->res;
  for (size_t o = 0; o < m->fleet->n_orgs; o++) {
    org_rt *rt = &m->orgs[o];
    const fs_org *org = &m->fleet->orgs[o];
    const fs_cost *k = &m->cfg->industries[org->industry].cost;
    const fs_ops *ops = &k->ops;
    fs_org_result *x = &r->orgs[o];
    x->ops_min = x->units_lost = NAN;
    if (ops->on) {
      ops_advance(m, org, rt, end);
      rt->downtime = rt->paused; /* business downtime: operations paused */
      x->ops_min = rt->ops_min;
      if (ops->unit_revenue > 0) x->units_lost = units_lost(m, org, rt);
      /* Deferred work made up later: the part not made up is lost, plus
         what making up the rest costs. */
      rt->bi_own = fs_ops_after_makeup(ops, rt->bi_own);
      rt->bi_own_wait = fs_ops_after_makeup(ops, rt->bi_own_wait);
      rt->bi_dep = fs_ops_after_makeup(ops, rt->bi_dep);
      rt->bi_dep_wait = fs_ops_after_makeup(ops, rt->bi_dep_wait);
    } else {
      accrue(m, org, rt, 1.0 - rt->owncap, rt->owncap - rt->opcap, end);
      if (rt->opcap < 0.95) rt->downtime += end - rt->t_low;
    }
    /* A policy organisation simulates a sample of its own fleet (weight =
       its endpoints per simulated endpoint): labour scales up by that
       weight, revenue-based BI is already the whole organisation's. A
       synthetic organisation stands for weight organisations' endpoints
       per own endpoint, and for org_weight organisations: its fixed cost,
       paid once per organisation, counts org_weight times (by endpoint
       weight, a sample that kept large organisations of a stratum
       overstated it: +11 % on the loss at --scale 0.01, PERFORMANCE.md). */
    double inflate = org->policy >= 0 ? org->weight : 1.0;
    double once =
        org->policy >= 0 || !(org->weight > 0) ? 1.0 : fs_org_count_weight(org) / org->weight;
    double lw = fs_org_loss_weight(org);
    rt->ee *= inflate;
    x->restoration = rt->ee; /* so far the labour that brought endpoints back */
    if (rt->affected > 0)
      rt->ee += k->incident_fixed * once + k->incident_per_endpoint * rt->affected * inflate;
    /* What each unit lost costs besides its revenue (a cancelled flight's
       passengers' hotels, meals and compensation): the organisation's own
       units, already the whole organisation's. */
    if (ops->on && ops->unit_cost > 0 && !isnan(x->units_lost))
      rt->ee += ops->unit_cost * x->units_lost;
    x->bi_own = rt->bi_own;
    x->bi_own_after_wait = rt->bi_own_wait;
    x->bi_dep = rt->bi_dep;
    x->bi_dep_after_wait = rt->bi_dep_wait;
    x->extra_expense = rt->ee;
    x->downtime_hours = rt->downtime;
    x->min_capacity = rt->min_cap;
    x->impaired_hours = rt->t_int;
    double gu = x->bi_own + x->bi_dep + x->extra_expense;
    r->loss_total += gu * lw;
    r->loss_by_industry[org->industry] += gu * lw;
  }
}
