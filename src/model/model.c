/* model.c: one replication: set-up, endpoint events, tools, hooks, results. */
#include "model/model.h"

#include <assert.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/rng.h"
#include "model/model_impl.h"
#include "util/alloc.h"

const double fs_recovery_quantiles[FS_NQUANT] = {0.50, 0.90, 0.97, 0.99};

gsl_rng *fs_model__draw(fs_model *m, uint64_t entity, unsigned purpose) {
  assert(purpose < (1u << DRAW_BITS));
  fs_rng_substream(m->sub, m->key, entity << DRAW_BITS | purpose);
  return m->sub;
}

/* Adds w (an organisation's weight, or minus it) to the down counts. */
static void down_count(fs_model *m, uint32_t ep, double w) {
  const fs_org *o = &m->fleet->orgs[m->fleet->org[ep]];
  m->down += w;
  m->down_ind[o->industry] += w;
  m->down_reg[o->region] += w;
}

void fs_model__recover(fs_model *m, uint32_t ep, double t, int how) {
  uint32_t org = m->fleet->org[ep];
  org_rt *rt = &m->orgs[org];
  int cls = m->fleet->cls[ep], grp = fs_model__group(cls);
  /* Only a down endpoint comes back, and only once: it is counted in every
     count it leaves (on_crash added it to each). */
  int state = fs_model__state_of(m->t_down[ep]);
  assert(state == EP_DOWN || state == EP_FIXING);
  (void) state;
  double down = fabsf(m->t_down[ep]);
  m->t_down[ep] = NAN; /* EP_RECOVERED */
  assert(rt->down > 0 && rt->down_grp[grp] > 0);
  rt->down--;
  if (m->cfg->classes[cls].critical) {
    assert(rt->crit_down > 0);
    rt->crit_down--;
  }
  if (cls == FS_CLASS_SERVER || cls == FS_CLASS_ONPREM_VM) {
    assert(rt->srv_down > 0);
    rt->srv_down--;
  }
  rt->down_grp[grp]--;
  fs_model__impact_update(m, org, t);
  rt->last_up = t;
  double w = m->fleet->orgs[org].weight;
  down_count(m, ep, -w);
  /* Its downtime and its minute in the recovery histogram (summarise),
     at the float resolution of its crash time. */
  double up = (double) (float) t;
  double h = fmax(0.0, fmin(up, m->cfg->duration_hours) - down);
  m->res->endpoint_hours_down += h * w;
  m->res->orgs[org].endpoint_hours_down += h;
  m->bins[(size_t) fmin((double) (m->nbins - 1), floor(up * 60.0))] += w;
  if (how == HOW_HAND)
    m->res->fixed_by_hand += w;
  else if (how == HOW_REBOOT)
    m->res->fixed_by_reboot += w;
  else
    m->res->fixed_by_tool += w;
}

/* What a handler of an endpoint's event reads first (fs_sim_on_prefetch,
   and on_crash for the crashes ahead). */
static void prefetch_endpoint(void *ctx, uint32_t ep) {
  const fs_model *m = ctx;
  __builtin_prefetch(&m->fleet->org[ep]);
  __builtin_prefetch(&m->fleet->cls[ep]);
  __builtin_prefetch(&m->fleet->flags[ep]);
  __builtin_prefetch(&m->t_down[ep], 1);
}

int fs_model__crash_arrivals(fs_model *m, uint32_t ep, double t) {
  const fs_class *cl = &m->cfg->classes[m->fleet->cls[ep]];
  int rc = fs_sim_arrive(m->sim, t, ep, EV_CRASH);
  fs_model__queue_count(m, ep);
  /* Each reboot cycle fetches the fixed file first with probability p, so
     the lucky cycle is geometric; nobody tries more than reboot_cycles_max
     cycles. The wait is the sum of that many exponential intervals. */
  /* A destructive payload (supply chain) is not undone by rebooting. */
  gsl_rng *r = fs_model__draw(m, ep, DRAW_CRASH);
  if (m->cfg->incident.kind == FS_INC_FAULTY_UPDATE && cl->reboot_fix_probability > 0 &&
      cl->reboot_interval_minutes > 0 && cl->reboot_cycles_max >= 1) {
    double p = cl->reboot_fix_probability;
    unsigned int k = p >= 1 ? 1u : gsl_ran_geometric(r, p);
    if (k <= cl->reboot_cycles_max && rc == 0) {
      double h = gsl_ran_gamma(r, (double) k, cl->reboot_interval_minutes / 60.0);
      rc = fs_sim_arrive(m->sim, t + h, ep, EV_SELF_FIX);
    }
  }
  if ((m->fleet->flags[ep] & FS_EP_TAIL) && rc == 0) {
    double d = cl->tail_delay_hours > 0 ? gsl_ran_exponential(r, cl->tail_delay_hours) : 0;
    rc = fs_sim_arrive(m->sim, t + d, ep, EV_TAIL_READY);
  }
  return rc;
}

static void on_crash(fs_sim *sim, const fs_event *ev, void *ctx) {
  fs_model *m = ctx;
  uint32_t ep = ev->target, org = m->fleet->org[ep];
  double t = ev->time;
  const fs_fleet *f = m->fleet;
  /* Crashes arrive in time order over endpoints all over the fleet: fetch
     the state of the ones a few crashes ahead while this one is handled. */
  uint32_t ahead = fs_sim_arrival_ahead(sim, EV_CRASH, 12);
  if (ahead != UINT32_MAX) prefetch_endpoint(m, ahead);
  if (fs_model__state_of(m->t_down[ep]) != EP_UP || t >= m->pull_hours)
    return; /* pulled early by a hook */
  const fs_org *o = &f->orgs[org];
  const fs_class *cl = &m->cfg->classes[f->cls[ep]];
  org_rt *rt = &m->orgs[org];
  m->t_down[ep] = (float) t; /* EP_DOWN (t >= 0) */
  rt->down++;
  rt->affected++;
  if (cl->critical) rt->crit_down++;
  if (f->cls[ep] == FS_CLASS_SERVER || f->cls[ep] == FS_CLASS_ONPREM_VM) rt->srv_down++;
  rt->down_grp[fs_model__group(f->cls[ep])]++;
  fs_model__impact_update(m, org, t);
  if (isnan(rt->first_down)) rt->first_down = t;
  double w = o->weight;
  down_count(m, ep, w);
  m->res->affected += w;
  m->res->affected_by_industry[o->industry] += w;
  m->res->affected_by_region[o->region] += w;
  m->res->affected_by_class[f->cls[ep]] += w;
  m->res->affected_by_platform[fs_fleet_plat(f, ep)] += w;
  if (m->down > m->res->peak_down) {
    m->res->peak_down = m->down;
    m->res->peak_down_hours = t;
  }
  /* Its reboot self-fix and a tail device's readiness are arrivals
     already (fs_model__crash_arrivals). */
  if (!(f->flags[ep] & FS_EP_TAIL)) fs_model__org_enqueue(m, ep);
  fs_model__org_alert(m, org, t);
  fs_model__org_work(m, org, t, !rt->hour_pending);
}

static void on_self_fix(fs_sim *sim, const fs_event *ev, void *ctx) {
  fs_model *m = ctx;
  int s = fs_model__state_of(m->t_down[ev->target]);
  if (s == EP_DOWN || s == EP_FIXING) fs_model__recover(m, ev->target, ev->time, HOW_REBOOT);
}

static void on_auto_fix(fs_sim *sim, const fs_event *ev, void *ctx) {
  fs_model *m = ctx;
  int s = fs_model__state_of(m->t_down[ev->target]);
  if (s == EP_DOWN || s == EP_FIXING) fs_model__recover(m, ev->target, ev->time, HOW_TOOL);
}

static void on_tail_ready(fs_sim *sim, const fs_event *ev, void *ctx) {
  fs_model *m = ctx;
  if (fs_model__state_of(m->t_down[ev->target]) != EP_DOWN) return;
  fs_model__org_enqueue(m, ev->target);
  uint32_t org = m->fleet->org[ev->target];
  fs_model__org_work(m, org, ev->time, !m->orgs[org].hour_pending);
}

static void fire_hooks_on(fs_model *m, const char *name, double t);

static void release_tool(fs_model *m, int k, double t) {
  if (m->tool_released[k]) return;
  m->tool_released[k] = 1;
  const fs_tool *tool = &m->cfg->tools[k];
  int any = 0;
  for (int c = 0; c < FS_NCLASS; c++) any |= tool->auto_fix_share[c] > 0;
  if (any) {
    /* Unattended recovery reaches a share of the endpoints still down. */
    for (size_t e = 0; e < m->fleet->n_endpoints; e++) {
      if (fs_model__state_of(m->t_down[e]) != EP_DOWN) continue;
      double share = tool->auto_fix_share[m->fleet->cls[e]];
      if (!(share > 0)) continue;
      gsl_rng *r = fs_model__draw(m, e, DRAW_TOOL + (unsigned) k);
      if (fs_rng_u01(r) < share) {
        double d = tool->auto_fix_hours > 0 ? gsl_ran_exponential(r, tool->auto_fix_hours) : 0.0;
        (void) fs_sim_schedule(m->sim, t + d, (uint32_t) e, EV_AUTO_FIX, 0, 0);
      }
    }
  }
  char name[FS_ID_MAX + 8];
  snprintf(name, sizeof name, "tool:%s", tool->name);
  fire_hooks_on(m, name, t);
}

static void on_tool(fs_sim *sim, const fs_event *ev, void *ctx) {
  release_tool(ctx, (int) ev->target, ev->time);
}

static void on_tick(fs_sim *sim, const fs_event *ev, void *ctx) {
  fs_model *m = ctx;
  fs_result *r = m->res;
  size_t i = ev->target;
  if (i >= r->nticks) return;
  if (m->opts->tick) m->opts->tick(m->opts->tick_ud, ev->time, m->cfg->duration_hours);
  r->ts_affected[i] = r->affected;
  r->ts_down[i] = m->down;
  for (int k = 0; k < r->nindustries; k++)
    r->ts_down_ind[i * (size_t) r->nindustries + k] = m->down_ind[k];
  for (int k = 0; k < r->nregions; k++)
    r->ts_down_reg[i * (size_t) r->nregions + k] = m->down_reg[k];
  fs_model__ops_tick(m, i, ev->time);
  if (i + 1 < r->nticks)
    (void) fs_sim_schedule(sim, (double) (i + 1) * r->tick_hours, (uint32_t) (i + 1), EV_TICK, 0,
                           0);
}

/* Runs hook h and applies the actions it asked for. */
static void run_hook(fs_model *m, int h, double t) {
  const fs_hooks *hk = m->hooks;
  fs_agg_state st = {.hours = t, .incident_active = m->incident_active};
  st.affected = m->res->affected;
  st.down = m->down;
  for (int k = 0; k < m->cfg->nindustries; k++) st.down_by_industry[k] = m->down_ind[k];
  for (int k = 0; k < m->cfg->nregions; k++) st.down_by_region[k] = m->down_reg[k];
  fs_actions act;
  for (int k = 0; k < FS_MAX_INDUSTRIES; k++) act.staffing[k] = NAN;
  memset(act.release_tool, 0, sizeof act.release_tool);
  act.end_incident = 0;
  if (hk->call(hk->ud, h, &st, &act, m->err) != 0) {
    m->failed = 1;
    fs_sim_stop(m->sim);
    return;
  }
  int staffing_changed = 0;
  for (int k = 0; k < m->cfg->nindustries; k++) {
    if (!isnan(act.staffing[k])) {
      m->staffing[k] = act.staffing[k];
      staffing_changed = 1;
    }
  }
  if (act.end_incident && t < m->pull_hours) {
    m->pull_hours = t;
    m->incident_active = 0;
    m->pulled_early = 1;
    fire_hooks_on(m, "pull", t);
  }
  for (int k = 0; k < m->cfg->ntools; k++)
    if (act.release_tool[k]) release_tool(m, k, t);
  if (staffing_changed) {
    for (size_t o = 0; o < m->fleet->n_orgs; o++)
      if (m->orgs[o].is_diagnosed && m->orgs[o].down > 0) fs_model__org_work(m, (uint32_t) o, t, 1);
  }
}

static void fire_hooks_on(fs_model *m, const char *name, double t) {
  if (!m->hooks) return;
  for (int h = 0; h < m->hooks->n && !m->failed; h++)
    if (m->hooks->spec[h].kind == FS_HOOK_ON && strcmp(m->hooks->spec[h].event, name) == 0)
      run_hook(m, h, t);
}

static void on_hook(fs_sim *sim, const fs_event *ev, void *ctx) {
  fs_model *m = ctx;
  int h = (int) ev->target;
  run_hook(m, h, ev->time);
  const fs_hook_spec *s = &m->hooks->spec[h];
  if (s->kind == FS_HOOK_EVERY && !m->failed)
    (void) fs_sim_schedule(sim, ev->time + s->hours, (uint32_t) h, EV_HOOK, 0, 0);
}

static void on_mark(fs_sim *sim, const fs_event *ev, void *ctx) {
  fs_model *m = ctx;
  if (ev->target == MARK_PUBLISH) {
    m->incident_active = ev->time < m->pull_hours;
    fire_hooks_on(m, "publish", ev->time);
  } else if (!m->pulled_early) { /* an early pull already fired "pull" */
    m->incident_active = 0;
    m->pulled_early = 1; /* a staged rollout's halt marks the pull before the incident's */
    fire_hooks_on(m, "pull", ev->time);
  }
}

/* An organisation's own revenue (a sample's stands for the whole). */
static double own_revenue(const fs_org *o) {
  return o->revenue_usd * fs_org_own_scale(o);
}

/* Inserts organisation o into list[0..*n) (cap at most), kept sorted by
   own revenue, largest first (ties: the earlier one); a smaller one than the
   last of a full list falls off. */
static void insert_by_revenue(uint32_t *list, size_t *n, size_t cap, const fs_fleet *f, size_t o) {
  size_t k = *n < cap ? (*n)++ : cap;
  while (k > 0 && own_revenue(&f->orgs[list[k - 1]]) < own_revenue(&f->orgs[o])) {
    if (k < cap) list[k] = list[k - 1];
    k--;
  }
  if (k < cap) list[k] = (uint32_t) o;
}

/* The organisations ops.csv follows (r->ops_org): the largest by revenue
   of each industry with an operations layer and the largest policy of
   each (a portfolio's or a provider's, when not the same), then the
   largest of the others, FS_OPS_TRACK in all. */
static void track_largest(fs_result *r, const fs_config *cfg, const fs_fleet *f) {
  long best[2][FS_MAX_INDUSTRIES]; /* [0] any organisation, [1] a policy */
  for (int k = 0; k < FS_MAX_INDUSTRIES; k++) best[0][k] = best[1][k] = -1;
  for (size_t o = 0; o < f->n_orgs; o++) {
    const fs_org *g = &f->orgs[o];
    if (!cfg->industries[g->industry].cost.ops.on) continue;
    for (int w = 0; w < 2; w++) {
      long *b = &best[w][g->industry];
      if ((w == 0 || g->policy >= 0) && (*b < 0 || own_revenue(g) > own_revenue(&f->orgs[*b])))
        *b = (long) o;
    }
  }
  for (int k = 0; k < cfg->nindustries; k++)
    for (int w = 0; w < 2; w++)
      if (best[w][k] >= 0 && (w == 0 || best[1][k] != best[0][k]))
        insert_by_revenue(r->ops_org, &r->nops_org, FS_OPS_TRACK, f, (size_t) best[w][k]);
  size_t first = r->nops_org, more = 0;
  for (size_t o = 0; o < f->n_orgs && first < FS_OPS_TRACK; o++) {
    int k = f->orgs[o].industry;
    if (cfg->industries[k].cost.ops.on && best[0][k] != (long) o && best[1][k] != (long) o)
      insert_by_revenue(r->ops_org + first, &more, FS_OPS_TRACK - first, f, o);
  }
  r->nops_org += more;
}

static int alloc_result(fs_result *r, const fs_config *cfg, const fs_fleet *f) {
  memset(r, 0, sizeof *r);
  r->duration_hours = cfg->duration_hours;
  r->n_endpoints = f->n_endpoints;
  r->n_orgs = f->n_orgs;
  r->nindustries = cfg->nindustries;
  r->nregions = cfg->nregions;
  r->tick_hours = cfg->tick_minutes / 60.0;
  r->nticks = (size_t) floor(cfg->duration_hours / r->tick_hours + 1e-9) + 1;
  r->ts_affected = fs_calloc(r->nticks, sizeof *r->ts_affected);
  r->ts_down = fs_calloc(r->nticks, sizeof *r->ts_down);
  r->ts_down_ind = fs_calloc(r->nticks * (size_t) cfg->nindustries, sizeof *r->ts_down_ind);
  r->ts_down_reg = fs_calloc(r->nticks * (size_t) cfg->nregions, sizeof *r->ts_down_reg);
  r->orgs = fs_calloc(f->n_orgs ? f->n_orgs : 1, sizeof *r->orgs);
  int ops = 0;
  for (int i = 0; i < cfg->nindustries; i++)
    ops |= cfg->has_costs && cfg->industries[i].cost.ops.on;
  if (ops) {
    r->ts_ops_ind = fs_calloc(r->nticks * (size_t) cfg->nindustries, sizeof *r->ts_ops_ind);
    r->ts_units_ind = fs_calloc(r->nticks * (size_t) cfg->nindustries, sizeof *r->ts_units_ind);
    if (!r->ts_ops_ind || !r->ts_units_ind) return FS_ENOMEM;
    track_largest(r, cfg, f);
    if (r->nops_org) {
      r->ts_ops_org = fs_calloc(r->nticks * r->nops_org, sizeof *r->ts_ops_org);
      r->ts_units_org = fs_calloc(r->nticks * r->nops_org, sizeof *r->ts_units_org);
      if (!r->ts_ops_org || !r->ts_units_org) return FS_ENOMEM;
    }
  }
  /* The fleet's endpoints (a portfolio policy beside it is not one, fleet.h). */
  for (size_t e = 0; e < f->n_endpoints; e++)
    if (!f->orgs[f->org[e]].beside)
      r->endpoints_by_platform[fs_fleet_plat(f, e)] += f->orgs[f->org[e]].weight;
  return r->ts_affected && r->ts_down && r->ts_down_ind && r->ts_down_reg && r->orgs ? 0
                                                                                     : FS_ENOMEM;
}

void fs_result_free(fs_result *r) {
  free(r->ts_affected);
  free(r->ts_down);
  free(r->ts_down_ind);
  free(r->ts_down_reg);
  free(r->ts_ops_ind);
  free(r->ts_units_ind);
  free(r->ts_ops_org);
  free(r->ts_units_org);
  free(r->orgs);
  memset(r, 0, sizeof *r);
}

/* Per-organisation outcomes, the downtime of the endpoints still down,
   and the recovery quantiles. */
static void summarise(fs_model *m) {
  const fs_fleet *f = m->fleet;
  fs_result *r = m->res;
  double end = m->cfg->duration_hours;
  /* Recovery times of affected endpoints, binned by minute (weighted) as
     they recovered (fs_model__recover). */
  size_t nbins = m->nbins;
  const double *bins = m->bins;
  for (size_t o = 0; o < f->n_orgs; o++) {
    const org_rt *rt = &m->orgs[o];
    fs_org_result *out = &r->orgs[o];
    out->affected = rt->affected;
    out->first_down_hours = rt->first_down;
    out->recovered_hours = rt->affected > 0 && rt->down == 0 ? rt->last_up : NAN;
    out->detected_hours = rt->alerted && rt->detected > 0 ? rt->detected : NAN;
    out->diagnosed_hours = rt->is_diagnosed ? rt->diagnosed : NAN;
    out->levers = m->lever ? m->lever[o] : 0;
  }
  r->has_levers = m->lever != NULL;
  /* The endpoints still down: down to the end. */
  for (size_t e = 0; e < f->n_endpoints; e++) {
    int s = fs_model__state_of(m->t_down[e]);
    if (s != EP_DOWN && s != EP_FIXING) continue;
    double h = fmax(0.0, end - fabsf(m->t_down[e])), w = f->orgs[f->org[e]].weight;
    r->endpoint_hours_down += h * w;
    r->orgs[f->org[e]].endpoint_hours_down += h;
    r->still_down += w;
  }
  for (int q = 0; q < FS_NQUANT; q++) r->recovery_hours[q] = NAN;
  if (r->affected > 0) {
    double cum = 0;
    int q = 0;
    for (size_t b = 0; b < nbins && q < FS_NQUANT; b++) {
      double prev = cum;
      cum += bins[b];
      /* Relative slack: the weighted sums are not exact integers. */
      while (q < FS_NQUANT && cum >= fs_recovery_quantiles[q] * r->affected * (1 - 1e-12)) {
        double need = fs_recovery_quantiles[q] * r->affected - prev;
        double frac = bins[b] > 0 ? fmin(1.0, fmax(0.0, need / bins[b])) : 0;
        r->recovery_hours[q] = ((double) b + frac) / 60.0;
        q++;
      }
    }
  }
}

/* Handlers of the model's event types (model_impl.h). */
static const struct {
  uint16_t type;
  fs_handler_fn fn;
} handlers[] = {{EV_CRASH, on_crash},
                {EV_SELF_FIX, on_self_fix},
                {EV_FIX_DONE, fs_model__on_fix_done},
                {EV_TAIL_READY, on_tail_ready},
                {EV_AUTO_FIX, on_auto_fix},
                {EV_DETECT, fs_model__on_detect},
                {EV_DIAGNOSE, fs_model__on_diagnose},
                {EV_ORG_HOUR, fs_model__on_org_hour},
                {EV_TOOL, on_tool},
                {EV_TICK, on_tick},
                {EV_HOOK, on_hook},
                {EV_MARK, on_mark},
                {EV_DEP, fs_model__on_dep},
                {EV_PROVIDER, fs_model__on_provider},
                {EV_FAILOVER, fs_model__on_failover}};

/* Endpoint and organisation state, and the simulator with the handlers. */
static int model_alloc(fs_model *m) {
  const fs_fleet *fleet = m->fleet;
  size_t n = fleet->n_endpoints ? fleet->n_endpoints : 1;
  m->t_down = fs_malloc(n * sizeof *m->t_down);
  m->nbins = (size_t) ceil(m->cfg->duration_hours * 60.0) + 1;
  m->bins = fs_calloc(m->nbins, sizeof *m->bins);
  m->orgs = fs_calloc(fleet->n_orgs ? fleet->n_orgs : 1, sizeof *m->orgs);
  m->sub = gsl_rng_alloc(fs_rng_xoshiro256ss);
  fs_sim_opts so = {.queue = m->opts->queue, .capacity = fleet->n_endpoints / 16 + 1024};
  m->sim = fs_sim_new(&so, m->err);
  if (!m->t_down || !m->bins || !m->orgs || !m->sub || !m->sim)
    return fs_err_set(m->err, FS_ENOMEM, "out of memory for a fleet of %zu endpoints",
                      fleet->n_endpoints);
  fs_advise_huge(m->t_down, n * sizeof *m->t_down);
  for (size_t o = 0; o < fleet->n_orgs; o++) {
    org_rt *rt = &m->orgs[o];
    rt->first_down = NAN;
  }
  for (int k = 0; k < FS_MAX_INDUSTRIES; k++) m->staffing[k] = m->cfg->response.staffing_factor;
  for (size_t i = 0; i < sizeof handlers / sizeof handlers[0]; i++) {
    int rc = fs_sim_on(m->sim, handlers[i].type, handlers[i].fn, m, m->err);
    if (rc != 0) return rc;
  }
  /* (Reboot self-fixes and tail readiness are arrivals, never the set's
     next event.) */
  fs_sim_on_prefetch(m->sim, EV_FIX_DONE, prefetch_endpoint);
  fs_sim_on_prefetch(m->sim, EV_AUTO_FIX, prefetch_endpoint);
  return 0;
}

static void model_free(fs_model *m) {
  fs_model__graph_free(m);
  fs_model__impact_free(m);
  fs_sim_free(m->sim);
  if (m->sub) gsl_rng_free(m->sub);
  free(m->t_down);
  free(m->bins);
  free(m->qbuf);
  free(m->orgs);
  free(m->lever);
  free(m->oring);
  free(m->pool_wait);
  free(m->by_pool);
}

/* Scheduled up front: observation ticks, the incident marks, tool
   releases, time hooks and a provider outage (the crashes follow, from
   fs_model__schedule_exposure). */
static int schedule_start(fs_model *m) {
  const fs_config *cfg = m->cfg;
  fs_sim *sim = m->sim;
  int rc = fs_sim_schedule(sim, 0.0, 0, EV_TICK, 0, 0);
  if (rc == 0) rc = fs_sim_schedule(sim, cfg->incident.publish_hours, MARK_PUBLISH, EV_MARK, 0, 0);
  if (rc == 0) rc = fs_sim_schedule(sim, cfg->incident.pull_hours, MARK_PULL, EV_MARK, 0, 0);
  /* A tool released before the start is there from the start. */
  for (int k = 0; k < cfg->ntools && rc == 0; k++)
    if (cfg->tools[k].release_hours <= cfg->duration_hours)
      rc =
          fs_sim_schedule(sim, fmax(0.0, cfg->tools[k].release_hours), (uint32_t) k, EV_TOOL, 0, 0);
  for (int h = 0; m->hooks && h < m->hooks->n && rc == 0; h++) {
    const fs_hook_spec *s = &m->hooks->spec[h];
    if (s->kind == FS_HOOK_EVERY || (s->kind == FS_HOOK_AT && s->hours >= 0))
      rc = fs_sim_schedule(sim, s->hours, (uint32_t) h, EV_HOOK, 0, 0);
  }
  const fs_incident *inc = &cfg->incident;
  if (rc == 0 && inc->kind == FS_INC_PROVIDER_OUTAGE && m->g && m->provider_node >= 0) {
    rc = fs_sim_schedule(sim, inc->start_hours, (uint32_t) m->provider_node, EV_PROVIDER, 1, 0);
    if (rc == 0 && inc->end_hours <= cfg->duration_hours)
      rc = fs_sim_schedule(sim, inc->end_hours, (uint32_t) m->provider_node, EV_PROVIDER, 0, 0);
  }
  if (rc == FS_ENOMEM) return fs_err_set(m->err, rc, "out of memory scheduling the first events");
  if (rc != 0)
    return fs_err_set(m->err, rc, "an incident, tool or hook time lies before the start");
  return 0;
}

/* Runs the events to the end, then the results. */
static int simulate(fs_model *m) {
  fs_stop stop = {.end_time = m->cfg->duration_hours + 1e-9, .interrupt = m->opts->interrupt};
  int why = fs_sim_run(m->sim, &stop, m->err);
  if (m->failed) return m->err->code ? m->err->code : FS_ESCRIPT;
  if (why < 0) return why;
  m->res->interrupted = why == FS_STOP_INTERRUPT;
  m->res->events = fs_sim_events(m->sim);
  summarise(m);
  fs_model__impact_finish(m, m->cfg->duration_hours);
  return 0;
}

int fs_model_run(const fs_config *cfg, const fs_fleet *fleet, gsl_rng *rng,
                 const fs_model_opts *opts, fs_result *res, fs_err *err) {
  /* One word of the replication's stream keys every substream it draws
     from (fs_model__draw); the stream itself draws nothing else. */
  fs_model m = {.cfg = cfg,
                .fleet = fleet,
                .key = fs_rng_next(rng),
                .res = res,
                .err = err,
                .hooks = opts->hooks,
                .opts = opts,
                .g = opts->graph,
                .provider_node = opts->provider_node,
                .pull_hours = cfg->incident.pull_hours};
  int rc = alloc_result(res, cfg, fleet);
  if (rc != 0) rc = fs_err_set(err, FS_ENOMEM, "out of memory for results");
  if (rc == 0) rc = model_alloc(&m);
  if (rc == 0) rc = schedule_start(&m);
  if (rc == 0 && fs_model__impact_init(&m) != 0)
    rc = fs_err_set(err, FS_ENOMEM, "out of memory for cost tables");
  if (rc == 0 && fs_model__graph_init(&m) != 0)
    rc = fs_err_set(err, FS_ENOMEM, "out of memory for the dependency graph state");
  if (rc == 0 && fs_model__levers_init(&m) != 0)
    rc = fs_err_set(err, FS_ENOMEM, "out of memory for the interventions");
  if (rc == 0) rc = fs_model__schedule_exposure(&m);
  /* The arrivals sorted (and the sort's memory freed) before the
     endpoints' state is written: a lower peak. */
  if (rc == 0 && fs_sim_prepare(m.sim) != 0)
    rc = fs_err_set(err, FS_ENOMEM, "out of memory sorting the crashes");
  if (rc == 0 && fs_model__queue_alloc(&m) != 0)
    rc = fs_err_set(err, FS_ENOMEM, "out of memory for the organisations' queues");
  for (size_t e = 0; rc == 0 && e < fleet->n_endpoints; e++) m.t_down[e] = INFINITY; /* EP_UP */
  if (rc == 0) rc = simulate(&m);
  model_free(&m);
  if (rc != 0) fs_result_free(res);
  return rc;
}
