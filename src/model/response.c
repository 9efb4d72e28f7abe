/* response.c: organisations' IT response: detection, diagnosis, staffing, fixes. */
#include <assert.h>
#include <gsl/gsl_randist.h>
#include <math.h>

#include "engine/rng.h"
#include "model/clock.h"
#include "model/model_impl.h"
#include "util/alloc.h"

/* Whether the organisation has people at work at hour t (before any surge):
   round-the-clock industries always do; others on working days 08-18 local. */
static int staffed(const fs_model *m, const fs_org *o, double t) {
  const fs_config *cfg = m->cfg;
  const fs_industry *ind = &cfg->industries[o->industry];
  if (ind->staffed_24x7) return 1;
  const fs_region *r = &cfg->regions[o->region];
  fs_local l = fs_clock_local(cfg->start_unix, t, r->utc_offset_hours);
  /* interventions.recovery.weekend_staffing: weekends staffed as weekdays */
  int weekend = !cfg->iv.weekend_staffing && ((r->weekend_mask >> l.weekday) & 1);
  return !weekend && l.hour >= 8.0 && l.hour < 18.0;
}

/* Technicians at work on the incident at hour t, once the fix is known.
   Normal staffing (the day team, or the night share) ramps linearly to the
   surge level (team x surge factor, fewer overnight) over surge_ramp_hours
   after diagnosis; at least one person always works the incident. */
static uint32_t capacity(const fs_model *m, const fs_org *o, const org_rt *rt, double t) {
  const fs_config *cfg = m->cfg;
  const fs_industry *ind = &cfg->industries[o->industry];
  const fs_region *r = &cfg->regions[o->region];
  fs_local l = fs_clock_local(cfg->start_unix, t, r->utc_offset_hours);
  double team = o->team;
  double base = staffed(m, o, t)
                    ? team * ((l.hour >= 8.0 && l.hour < 18.0) ? 1.0 : ind->night_staff_share)
                    : 0.0;
  int night = l.hour < 7.0 || l.hour >= 23.0;
  double surge = team * ind->surge_factor * (night ? cfg->response.crisis_night_share : 1.0);
  double ramp = cfg->response.surge_ramp_hours;
  double prog = ramp > 0 ? (t - rt->diagnosed) / ramp : 1.0;
  prog = prog < 0 ? 0 : prog > 1 ? 1 : prog;
  double cap = (base + (surge - base) * prog) * m->staffing[o->industry];
  return cap < 1.0 ? 1u : (uint32_t) lround(cap);
}

void fs_model__org_alert(fs_model *m, uint32_t org, double t) {
  org_rt *rt = &m->orgs[org];
  if (rt->alerted) return;
  rt->alerted = 1;
  const fs_org *o = &m->fleet->orgs[org];
  const fs_industry *ind = &m->cfg->industries[o->industry];
  double delay =
      gsl_ran_exponential(fs_model__draw(m, org, DRAW_DETECT), ind->detection_delay_minutes / 60.0);
  if (!staffed(m, o, t)) delay += m->cfg->response.oncall_response_minutes / 60.0;
  (void) fs_sim_schedule(m->sim, t + delay, org, EV_DETECT, 0, 0);
}

void fs_model__on_detect(fs_sim *sim, const fs_event *ev, void *ctx) {
  fs_model *m = ctx;
  org_rt *rt = &m->orgs[ev->target];
  const fs_industry *ind = &m->cfg->industries[m->fleet->orgs[ev->target].industry];
  rt->detected = ev->time;
  /* The fix is known once the vendor's workaround is public and the team
     has found and understood it. */
  double from = fmax(ev->time, m->cfg->incident.guidance_hours);
  double delay = gsl_ran_exponential(fs_model__draw(m, ev->target, DRAW_DIAGNOSE),
                                     ind->diagnosis_delay_minutes / 60.0);
  (void) fs_sim_schedule(sim, from + delay, ev->target, EV_DIAGNOSE, 0, 0);
}

/* The queue of an endpoint's class: 0 critical, 1 the rest, 2 cloud path. */
static int queue_of(const fs_model *m, uint32_t ep) {
  const fs_class *cl = &m->cfg->classes[m->fleet->cls[ep]];
  return cl->cloud_path ? 2 : cl->critical ? 0 : 1;
}

void fs_model__queue_count(fs_model *m, uint32_t ep) {
  m->orgs[m->fleet->org[ep]].q[queue_of(m, ep)].cap++;
}

int fs_model__queue_alloc(fs_model *m) {
  size_t total = 0, n = m->fleet->n_orgs;
  for (size_t o = 0; o < n; o++)
    for (int k = 0; k < 3; k++) total += m->orgs[o].q[k].cap;
  m->qbuf = fs_malloc((total ? total : 1) * sizeof *m->qbuf);
  if (!m->qbuf) return FS_ENOMEM;
  for (size_t o = 0, off = 0; o < n; o++) {
    for (int k = 0; k < 3; k++) {
      m->orgs[o].q[k].a = m->qbuf + off;
      off += m->orgs[o].q[k].cap;
    }
  }
  return 0;
}

void fs_model__org_enqueue(fs_model *m, uint32_t ep) {
  ep_queue *q = &m->orgs[m->fleet->org[ep]].q[queue_of(m, ep)];
  /* Room for every endpoint of it that crashes, each queued once. */
  assert(q->head + q->len < q->cap);
  q->a[q->head + q->len++] = ep;
}

/* Next endpoint still down in the organisation's queues, or NIL32. The
   queue of non-critical devices (staff PCs) is only worked while staff are
   at their desks: users must be present, or their offices open, to fix a
   PC by hand (or be talked through it by the help desk). */
static uint32_t dequeue(fs_model *m, org_rt *rt, int q0, int q1) {
  for (int k = q0; k <= q1; k++) {
    ep_queue *q = &rt->q[k];
    while (q->len > 0) {
      uint32_t ep = q->a[q->head++];
      if (--q->len > 0) /* the next one's state loads while this one starts */
        __builtin_prefetch(&m->t_down[q->a[q->head]]);
      if (fs_model__state_of(m->t_down[ep]) == EP_DOWN) return ep;
    }
  }
  return NIL32;
}

static double tri(gsl_rng *rng, const fs_tri *d) {
  double a = d->min, c = d->mode, b = d->max;
  if (b <= a) return c;
  double u = fs_rng_u01(rng), fc = (c - a) / (b - a);
  return u < fc ? a + sqrt(u * (b - a) * (c - a)) : b - sqrt((1 - u) * (b - a) * (b - c));
}

/* Hands-on minutes for endpoint ep starting at hour t: travel to the device
   unless a console reaches it, the class's fix time shortened by released
   recovery tools, and the recovery-key lookup for encrypted disks, slower
   while the organisation's own servers (key escrow, directory) are down. */
static double fix_minutes(fs_model *m, uint32_t ep, const org_rt *rt) {
  const fs_config *cfg = m->cfg;
  const fs_class *cl = &cfg->classes[m->fleet->cls[ep]];
  uint8_t fl = m->fleet->flags[ep];
  double factor = 1.0;
  for (int k = 0; k < cfg->ntools; k++)
    if (m->tool_released[k] && cl->tool_fix_factor[k] < factor) factor = cl->tool_fix_factor[k];
  gsl_rng *r = fs_model__draw(m, ep, DRAW_FIX);
  uint32_t org = m->fleet->org[ep];
  /* Pre-staged boot media shorten the hands-on part (interventions). */
  if (fs_model__has_lever(m, org, LEVER_MEDIA)) factor *= cfg->iv.boot_media_factor;
  double mins = tri(r, &cl->fix_minutes) * factor * cfg->incident.reimage_factor;
  if (cl->needs_physical_access && !(fl & FS_EP_REMOTE_CONSOLE) && cl->travel_minutes > 0)
    mins += gsl_ran_exponential(r, cl->travel_minutes);
  if (fl & FS_EP_ENCRYPTED) {
    /* Key escrow (directory, management servers) runs on the organisation's
       own servers and on-premises VMs, not on kiosks or cloud VMs. */
    int own = m->fleet->cls[ep] == FS_CLASS_SERVER || m->fleet->cls[ep] == FS_CLASS_ONPREM_VM;
    assert(!own || rt->srv_down > 0); /* ep itself is down and counted */
    uint32_t others = rt->srv_down - (own ? 1u : 0u);
    /* Keys escrowed in a cloud directory do not need them (interventions). */
    int slow = others > 0 && !fs_model__has_lever(m, org, LEVER_ESCROW);
    double key = slow ? cfg->response.key_minutes_escrow_down : cfg->response.key_minutes;
    if (key > 0) mins += gsl_ran_exponential(r, key);
  }
  return mins;
}

/* One technician starts on endpoint ep: labour is charged as extra expense. */
static void start_fix(fs_model *m, const fs_org *o, org_rt *rt, uint32_t ep, double t) {
  assert(fs_model__state_of(m->t_down[ep]) == EP_DOWN);
  m->t_down[ep] = -m->t_down[ep]; /* EP_FIXING */
  double h = fix_minutes(m, ep, rt) / 60.0;
  rt->ee += h * m->cfg->industries[o->industry].cost.ee_per_tech_hour;
  (void) fs_sim_schedule(m->sim, t + h, ep, EV_FIX_DONE, 0, 0);
}

/* Contractors of the organisation's region, once mobilised (contractor
   after_hours after its diagnosis; its hourly event tries again until
   then): while the pool has one free and its queue has work; if work is
   left when the pool is empty, it waits in the region's queue. */
static void pool_take(fs_model *m, uint32_t org, const fs_org *o, org_rt *rt, double t) {
  if (t < rt->diagnosed + m->cfg->iv.contractor_after_hours) return;
  int r = o->region;
  /* First come first served: behind the organisations already waiting,
     unless it is the one being served now (fs_model__on_fix_done). */
  if (m->pool_len[r] > 0 && m->pool_serving != org) {
    if (rt->q[0].len > 0 || (rt->desk && rt->q[1].len > 0)) fs_model__pool_wait(m, org);
    return;
  }
  while (m->pool_free[r] > 0) {
    uint32_t ep = dequeue(m, rt, 0, rt->desk ? 1 : 0);
    if (ep == NIL32) return;
    m->pool_free[r]--;
    rt->busy_pool++;
    m->by_pool[ep] = 1;
    start_fix(m, o, rt, ep, t);
  }
  if (rt->q[0].len > 0 || (rt->desk && rt->q[1].len > 0)) fs_model__pool_wait(m, org);
}

/* Whether the staffing at local hour h (whole) may differ from the hour
   before it: capacity() and staffed() change only at 07 (night surge
   share ends), 08 and 18 (the working day) and 23 (night again). */
static int shift_change(int h) {
  return h == 7 || h == 8 || h == 18 || h == 23;
}

/* The next whole local hour after t at which the organisation's staffing
   can change: every hour while the surge ramps up, or while contractors
   are not yet mobilised (pool_take tries again then); afterwards the next
   shift change. Skipping the hours in between changes nothing: capacity()
   and staffed() would give what they gave at the last one. */
static double next_restaff(const fs_model *m, uint32_t org, const fs_org *o, const org_rt *rt,
                           double t) {
  const fs_config *cfg = m->cfg;
  double off = cfg->regions[o->region].utc_offset_hours;
  double next = fs_clock_next_hour(cfg->start_unix, t, off);
  int ramping = t < rt->diagnosed + cfg->response.surge_ramp_hours;
  int waiting = m->by_pool && (m->lever[org] & LEVER_CONTRACT) &&
                t < rt->diagnosed + cfg->iv.contractor_after_hours;
  if (ramping || waiting) return next;
  fs_local l = fs_clock_local(cfg->start_unix, next, off);
  int h = (int) lround(l.hour) % 24, k = 0;
  while (!shift_change((h + k) % 24)) k++;
  return next + k;
}

/* Starts fixes while technicians are free and work is queued. Staffing is
   recomputed on the local hour (and at diagnosis, and when a hook changes
   it): the surge ramp therefore advances in hourly steps. */
void fs_model__org_work(fs_model *m, uint32_t org, double t, int restaff) {
  org_rt *rt = &m->orgs[org];
  if (!rt->is_diagnosed) return;
  const fs_org *o = &m->fleet->orgs[org];
  if (restaff) {
    rt->cap = capacity(m, o, rt, t);
    rt->desk = (uint8_t) staffed(m, o, t);
    double cloud = rt->cap * m->cfg->response.cloud_team_share;
    rt->cap_cloud = cloud < 1.0 ? 1u : (uint32_t) lround(cloud);
  }
  while (rt->busy < rt->cap) {
    uint32_t ep = dequeue(m, rt, 0, rt->desk ? 1 : 0);
    if (ep == NIL32) break;
    rt->busy++;
    start_fix(m, o, rt, ep, t);
  }
  /* Cloud VMs follow their own path: cloud engineers repair them through
     the provider's API and consoles (detach the disk, restore a snapshot),
     in parallel with the hands-on queue and at any hour. */
  while (rt->busy_cloud < rt->cap_cloud) {
    uint32_t ep = dequeue(m, rt, 2, 2);
    if (ep == NIL32) break;
    rt->busy_cloud++;
    start_fix(m, o, rt, ep, t);
  }
  if (m->by_pool && (m->lever[org] & LEVER_CONTRACT)) pool_take(m, org, o, rt, t);
  /* Staffing follows the local clock while there is work left. */
  if (!rt->hour_pending &&
      (rt->down > 0 || rt->busy > 0 || rt->busy_cloud > 0 || rt->busy_pool > 0)) {
    rt->hour_pending = 1;
    (void) fs_sim_schedule(m->sim, next_restaff(m, org, o, rt, t), org, EV_ORG_HOUR, 0, 0);
  }
}

void fs_model__on_diagnose(fs_sim *sim, const fs_event *ev, void *ctx) {
  fs_model *m = ctx;
  org_rt *rt = &m->orgs[ev->target];
  rt->is_diagnosed = 1;
  rt->diagnosed = ev->time;
  fs_model__org_work(m, ev->target, ev->time, 1);
}

void fs_model__on_org_hour(fs_sim *sim, const fs_event *ev, void *ctx) {
  fs_model *m = ctx;
  m->orgs[ev->target].hour_pending = 0;
  fs_model__org_work(m, ev->target, ev->time, 1);
}

void fs_model__on_fix_done(fs_sim *sim, const fs_event *ev, void *ctx) {
  fs_model *m = ctx;
  uint32_t ep = ev->target, org = m->fleet->org[ep];
  org_rt *rt = &m->orgs[org];
  /* The technician start_fix took for ep is free again: a contractor
     goes back to the region's pool. */
  int pooled = m->by_pool && m->by_pool[ep];
  int region = m->fleet->orgs[org].region;
  if (pooled) {
    m->by_pool[ep] = 0;
    assert(rt->busy_pool > 0);
    rt->busy_pool--;
    m->pool_free[region]++;
  } else if (m->cfg->classes[m->fleet->cls[ep]].cloud_path) {
    assert(rt->busy_cloud > 0);
    rt->busy_cloud--;
  } else {
    assert(rt->busy > 0);
    rt->busy--;
  }
  if (fs_model__state_of(m->t_down[ep]) == EP_FIXING) fs_model__recover(m, ep, ev->time, HOW_HAND);
  /* A free contractor goes to the organisations waiting, in turn, before
     this one may take it again. */
  while (pooled && m->pool_free[region] > 0) {
    uint32_t next = fs_model__pool_next(m, region);
    if (next == NIL32) break;
    m->pool_serving = next;
    fs_model__org_work(m, next, ev->time, 0);
  }
  m->pool_serving = NIL32;
  fs_model__org_work(m, org, ev->time, 0);
}
