/* model_impl.h: state shared by the model's modules (internal). */
#ifndef FS_MODEL_IMPL_H
#define FS_MODEL_IMPL_H

#include <gsl/gsl_rng.h>
#include <math.h>

#include "engine/sim.h"
#include "model/model.h"

/* Event types. Handlers ignore fs_sim_schedule's status on purpose: a
   failed schedule is sticky in the simulator, which stops the run with that
   code once the handler returns (sim.h), and fs_model_run returns it. */
enum {
  EV_CRASH = 0,      /* target: endpoint */
  EV_SELF_FIX = 1,   /* target: endpoint; a reboot fetched the fixed file */
  EV_FIX_DONE = 2,   /* target: endpoint; a technician finished */
  EV_TAIL_READY = 3, /* target: endpoint; a hard-to-reach device becomes workable */
  EV_AUTO_FIX = 4,   /* target: endpoint; unattended recovery tooling */
  EV_DETECT = 5,     /* target: org */
  EV_DIAGNOSE = 6,   /* target: org */
  EV_ORG_HOUR = 7,   /* target: org; staffing changes on the local hour */
  EV_TOOL = 8,       /* target: tool index */
  EV_TICK = 9,       /* observation */
  EV_HOOK = 10,      /* target: hook index */
  EV_MARK = 11,      /* target: mark (publish, pull) */
  EV_DEP = 12,       /* target: graph edge; aux 1: its provider went down, 0: up */
  EV_PROVIDER = 13,  /* target: graph node; aux 1: forced down, 0: back up */
  EV_FAILOVER = 14,  /* target: graph group; its switch to the second provider is done */
  EV_NTYPES
};

enum { MARK_PUBLISH = 0, MARK_PULL = 1 };

struct fs_graph_csr;

/* Endpoint run-time state. */
enum { EP_UP = 0, EP_DOWN = 1, EP_FIXING = 2, EP_RECOVERED = 3 };

/* An endpoint's state lives in its t_down (one load for both): +INFINITY
   while up, the crash time while down, its negation (the sign bit, so
   -0.0 for 0) while a technician fixes it, NaN once recovered. Its time
   down is then lost: fs_model__recover counts its downtime first. */
static inline int fs_model__state_of(float x) {
  return isnan(x) ? EP_RECOVERED : isinf(x) ? EP_UP : signbit(x) ? EP_FIXING : EP_DOWN;
}

/* How a down endpoint came back. */
enum { HOW_HAND = 0, HOW_REBOOT = 1, HOW_TOOL = 2 };

#define NIL32 UINT32_MAX

/* An organisation's queue of endpoints waiting for a technician, first in
   first out: a[head .. head + len). Each of its endpoints that crashes is
   queued at most once, so it has room for cap of them, the ones the
   exposure drew (fs_model__queue_count), in the model's one buffer: read
   in order, 4 bytes per crash instead of a link per endpoint. */
typedef struct ep_queue {
  uint32_t *a; /* in fs_model.qbuf */
  uint32_t head, len, cap;
} ep_queue;

typedef struct org_rt {
  double first_down, detected, diagnosed, last_up;
  uint32_t down, crit_down, affected;
  uint32_t srv_down;              /* servers and on-premises VMs down: key escrow, directory */
  uint32_t busy, cap;             /* hands-on technicians */
  uint32_t busy_cloud, cap_cloud; /* cloud engineers (classes with cloud_path) */
  uint32_t busy_pool;             /* contractors from its region's pool at work (levers.c) */
  uint8_t pool_waiting;           /* in its region's queue for contractors */
  ep_queue q[3];                  /* [0] critical first, [1] the rest, [2] cloud path */
  uint8_t alerted, is_diagnosed, hour_pending;
  uint8_t desk; /* staff at their desks this hour (see response.c) */
  /* Business impact (impact.c). */
  uint32_t down_grp[3]; /* down endpoints: critical systems, workstations, kiosks */
  uint8_t tail_done;    /* the operational tail has been charged */
  double opcap;         /* operating capacity now, 0..1 */
  double upstream;      /* health of what it depends on, 0..1 (dependency layer) */
  double last_t;        /* costs accrued up to here */
  int hk;               /* accrual cursor: local hour of the week at last_t */
  double hour_end;      /* scenario hour at which that local hour ends */
  double rate;          /* gross profit per hour of full outage in that hour */
  const double *revtab; /* its weekly revenue table (impact.c) */
  double hoff;          /* local hours since a Monday at scenario hour 0 */
  double wpe[3];        /* impact weight per endpoint of each group */
  double t_int;         /* interruption start (capacity first below 1), NAN */
  double wait;          /* BI waiting period, hours (impact.c) */
  double dwait;         /* dependent BI's waiting period, hours */
  double t_low;         /* time capacity last fell below 1 */
  double bi_own, bi_own_wait, ee, downtime, min_cap;
  double bi_dep, bi_dep_wait; /* the part of lost capacity from upstream */
  double owncap;              /* capacity from its own fleet alone */
  double min_owncap;          /* its lowest value */
  /* The operations layer (ops.h), when its industry declares one. */
  double opsin;       /* the operations' IT input now: opcap, or its systems' availability */
  double opsown;      /* opsin before upstream (its own fleet's part) */
  double sysw[3];     /* 1 / endpoints of each group (0 for none): down share per endpoint */
  double backlog;     /* share of normal operations disrupted, 0..1 */
  double ops_min;     /* lowest operations level */
  double paused;      /* hours with operations paused (business downtime) */
  double dep_share;   /* the part of lost operations from upstream (last while impaired) */
  double rrate;       /* revenue per hour of full outage in the cursor's hour */
  double rev_lost;    /* lost revenue, before margin and make-up (units lost) */
  double units_done;  /* units lost already counted in the model's ops_units_done */
  uint8_t ops_listed; /* in the model's list of organisations with operations below normal */
} org_rt;

/* What a substream is drawn for (common random numbers): each endpoint
   and each organisation has a substream of the replication's stream per
   purpose, keyed by (entity index, purpose), so that a change to one of
   them leaves every other one's draws as they were (docs/ENGINE.md). */
enum {
  DRAW_EXPOSE = 0,    /* endpoint: does it receive the update, and when */
  DRAW_CRASH = 1,     /* endpoint: reboot self-fix, tail delay */
  DRAW_FIX = 2,       /* endpoint: hands-on minutes, travel, key lookup */
  DRAW_DETECT = 3,    /* organisation: detection delay */
  DRAW_DIAGNOSE = 4,  /* organisation: diagnosis delay */
  DRAW_CROSS_IN = 5,  /* graph node (organisation): a worm crossing to its providers */
  DRAW_CROSS_OUT = 6, /* graph node (provider): a worm crossing to its dependents */
  DRAW_ORG = 7,       /* organisation: its intervention draws (pinning, escrow, ...) */
  DRAW_LEVER = 8,     /* endpoint: an intervention's per-endpoint draw (a second vendor) */
  DRAW_TOOL = 9       /* endpoint: tool k's unattended fix, DRAW_TOOL + k */
};
#define DRAW_BITS 5
_Static_assert(DRAW_TOOL + FS_MAX_TOOLS <= (1 << DRAW_BITS), "purposes fit DRAW_BITS");

typedef struct fs_model {
  const fs_config *cfg;
  const fs_fleet *fleet;
  uint64_t key; /* the replication's stream key: the root of its substreams */
  gsl_rng *sub; /* re-seeded to one substream at a time (fs_model__draw) */
  fs_sim *sim;
  const fs_hooks *hooks;
  const fs_model_opts *opts;
  fs_result *res;
  fs_err *err;
  int failed; /* a hook failed: stop */

  /* Per endpoint: 4 bytes (and 4 in its organisation's queue while it
     waits there). */
  float *t_down; /* its state and when it went down: fs_model__state_of */
  /* Recovered endpoints' weights by the minute they came back (the
     recovery quantiles), nbins minutes to the end. */
  double *bins;
  size_t nbins;

  org_rt *orgs;
  uint32_t *qbuf; /* the organisations' queues (ep_queue) */
  /* Interventions (levers.c): per organisation its LEVER_* bits and the
     customer ring it is in (NO_RING); NULL when the scenario has none. */
  uint8_t *lever, *oring;
  int ep_levers; /* a lever that draws per endpoint: a second vendor or a staged rollout */
  /* Contractors (fs_interventions.contractor_*): per region the pool's
     free technicians and a FIFO of organisations waiting for them; per
     endpoint whether a contractor is fixing it. NULL/0 without. */
  int64_t pool_free[FS_MAX_REGIONS];
  uint32_t *pool_wait; /* the queues: region r's ring of pool_cap[r] at pool_off[r] */
  size_t pool_off[FS_MAX_REGIONS], pool_cap[FS_MAX_REGIONS];
  size_t pool_head[FS_MAX_REGIONS], pool_len[FS_MAX_REGIONS];
  uint32_t pool_serving; /* the organisation a freed contractor is offered to, or NIL32 */
  uint8_t *by_pool;

  int tool_released[FS_MAX_TOOLS];
  double staffing[FS_MAX_INDUSTRIES];
  int incident_active;
  int pulled_early; /* a hook ended the incident before its pull time */
  double pull_hours;

  double *revcum; /* per (industry, region): 169 cumulative revenue shares of a week */

  /* The operations layer (impact.c): organisations whose operations may be
     below normal (in the order they first were), and per industry the
     weighted revenue of all its organisations and the units lost by those
     that left the list. NULL without an industry that declares one. */
  uint32_t *ops_list;
  size_t ops_n;
  double ops_rev[FS_MAX_INDUSTRIES], ops_units_done[FS_MAX_INDUSTRIES];
  /* Industries without an operations layer (their operations follow IT
     capacity): sum of loss weight x revenue x (1 - capacity) now, kept
     up to date at each change of capacity rather than summed every tick. */
  double ops_flat_lost[FS_MAX_INDUSTRIES];

  /* Dependency graph (propagate.c); all NULL without one. */
  const struct fs_graph_csr *g;
  long provider_node;
  uint32_t *grp_cnt;    /* per group: its providers that are down */
  double *switch_until; /* per group: when its switch to the second provider ends, 0 if none */
  uint32_t *ndown;      /* per node: its groups that are down */
  uint8_t *forced;      /* per node: down by the incident itself */
  uint8_t *own_down;    /* per node: a provider whose own fleet is below half capacity */
  int32_t *prov_of_org; /* per fleet organisation: the provider node it runs, or -1 */

  /* Running counts, weighted by organisation sampling weights. */
  double down;
  double down_ind[FS_MAX_INDUSTRIES], down_reg[FS_MAX_REGIONS];
} fs_model;

/* An organisation's interventions (fs_interventions), drawn once per
   replication from its own substream (levers.c). */
enum { LEVER_PIN = 1, LEVER_SECOND = 2, LEVER_ESCROW = 4, LEVER_MEDIA = 8, LEVER_CONTRACT = 16 };
#define NO_RING 0xFF

/* levers.c: draws each organisation's interventions (none: m->lever stays
   NULL). Returns 0 or FS_ENOMEM. */
int fs_model__levers_init(fs_model *m);
static inline int fs_model__has_lever(const fs_model *m, uint32_t org, int bit) {
  return m->lever && (m->lever[org] & bit);
}
/* A staged rollout's halt (levers.c): from the fetch times of the
   customers' endpoints that take the file (n of them: time, weight,
   whether it crashes) and the vendor's internal hosts, when the vendor
   detects, halts and has rolled back, into m->res; returns the effective
   pull (the incident's pull when it never halts). 0 or FS_ENOMEM in *rc. */
typedef struct fs_fetch {
  double got, w;
  uint32_t ep;
  uint8_t ring, crash;
} fs_fetch;
double fs_model__rollout_halt(fs_model *m, fs_fetch *f, size_t n, const double *release, int *rc);

/* Contractors (levers.c): the region's queue of organisations waiting
   for one (each at most once), and the next of them. */
void fs_model__pool_wait(fs_model *m, uint32_t org);
uint32_t fs_model__pool_next(fs_model *m, int region);

/* model.c: endpoint ep crashes at t: the crash, its reboot self-fix (if
   one of its cycles fetches the fixed file) and a tail device's readiness
   as arrivals (fs_sim_arrive), all drawn now from its DRAW_CRASH
   substream. The handlers of the last two ignore an endpoint whose crash
   did not happen (a hook pulled the update first). 0 or fs_sim_arrive's
   code. */
int fs_model__crash_arrivals(fs_model *m, uint32_t ep, double t);

/* exposure.c: schedules the crash of every endpoint that receives the
   faulty update while online. */
int fs_model__schedule_exposure(fs_model *m);
/* Probability that an endpoint of class c in region r is online at hour t. */
double fs_model__online(const fs_config *cfg, int region, int cls, double t);

/* response.c: organisations' IT response. */
void fs_model__org_alert(fs_model *m, uint32_t org, double t);
void fs_model__org_enqueue(fs_model *m, uint32_t ep);
/* Counts a crash drawn at exposure in its organisation's queue (cap), and
   then gives every queue its room in one buffer: 0 or FS_ENOMEM. */
void fs_model__queue_count(fs_model *m, uint32_t ep);
int fs_model__queue_alloc(fs_model *m);
/* Starts fixes while technicians are free. With restaff, first recomputes
   the staffing, which otherwise changes only on the local hour. */
void fs_model__org_work(fs_model *m, uint32_t org, double t, int restaff);
void fs_model__on_detect(fs_sim *sim, const fs_event *ev, void *ctx);
void fs_model__on_diagnose(fs_sim *sim, const fs_event *ev, void *ctx);
void fs_model__on_org_hour(fs_sim *sim, const fs_event *ev, void *ctx);
void fs_model__on_fix_done(fs_sim *sim, const fs_event *ev, void *ctx);

/* impact.c: operating capacity and costs. */
int fs_model__impact_init(fs_model *m);
void fs_model__impact_free(fs_model *m);
/* Accrues costs up to t, then recomputes capacity from the down counts. */
void fs_model__impact_update(fs_model *m, uint32_t org, double t);
void fs_model__impact_finish(fs_model *m, double end);
/* Observation tick i at hour t: brings the operations of the organisations
   below normal up to t and records each industry's level and units lost. */
void fs_model__ops_tick(fs_model *m, size_t i, double t);
/* Group of a class for the impact function: 0 critical, 1 workstation, 2 kiosk. */
static inline int fs_model__group(int cls) {
  return cls == FS_CLASS_WORKSTATION ? 1 : cls == FS_CLASS_KIOSK ? 2 : 0;
}

/* propagate.c: outages travelling along the dependency graph. */
int fs_model__graph_init(fs_model *m);
void fs_model__graph_free(fs_model *m);
void fs_model__on_dep(fs_sim *sim, const fs_event *ev, void *ctx);
void fs_model__on_provider(fs_sim *sim, const fs_event *ev, void *ctx);
void fs_model__on_failover(fs_sim *sim, const fs_event *ev, void *ctx);
/* A provider is down while the capacity of its own organisation is below
   this. assumption: a service that lost a fifth of its capacity fails its
   customers (timeouts, queues), so it counts as down for them. */
#define FS_PROVIDER_DOWN_BELOW 0.8

/* A provider organisation's capacity changed (impact.c): below
   FS_PROVIDER_DOWN_BELOW, the provider it runs is down. */
void fs_model__provider_capacity(fs_model *m, uint32_t org, double cap, double t);

/* model.c */
/* The generator of entity's substream for purpose (DRAW_*), from its
   start: the model's one scratch generator, valid until the next call. */
gsl_rng *fs_model__draw(fs_model *m, uint64_t entity, unsigned purpose);
void fs_model__recover(fs_model *m, uint32_t ep, double t, int how);

#endif
