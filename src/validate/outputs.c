/* outputs.c: the run outputs an observation may name, in one table, with
   the functions that read them off a replication. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "validate/validate.h"

/* BY_INDUSTRY needs industry; FILTERED takes industry and size, both
   optional; COMPANY needs policy, a PolicyId of the event's portfolio. */
enum { PLAIN, BY_INDUSTRY, AT_TIME, FILTERED, COMPANY };

typedef double (*read_fn)(const fs_session *s, const fs_rep *r, const fs_obs *o, int arg);

static int industry_of(const fs_config *cfg, const char *id) {
  for (int k = 0; k < cfg->nindustries; k++)
    if (strcmp(cfg->industries[k].id, id) == 0) return k;
  return -1;
}

static double affected(const fs_session *s, const fs_rep *r, const fs_obs *o, int a) {
  return r->affected;
}
static double peak_down(const fs_session *s, const fs_rep *r, const fs_obs *o, int a) {
  return r->peak_down;
}
static double ep_hours(const fs_session *s, const fs_rep *r, const fs_obs *o, int a) {
  return r->endpoint_hours_down;
}
/* Hours from the incident's start (publish or outage start) to a share of
   the affected endpoints recovered; NAN when it was not reached. */
static double recovery(const fs_session *s, const fs_rep *r, const fs_obs *o, int q) {
  return r->recovery_hours[q] - s->sc.cfg->incident.publish_hours; /* an outage's start too */
}
/* Share of the affected endpoints back up at o->at. */
static double recovered_at(const fs_session *s, const fs_rep *r, const fs_obs *o, int a) {
  const fs_config *cfg = s->sc.cfg;
  double h = (o->at - cfg->start_unix) / 3600.0;
  double tick = cfg->tick_minutes / 60.0;
  if (r->nticks == 0 || !(h >= 0)) return NAN;
  size_t i = (size_t) fmin((double) (r->nticks - 1), floor(h / tick + 1e-9));
  return r->recovered[i];
}
static double orgs_hit_own(const fs_session *s, const fs_rep *r, const fs_obs *o, int a) {
  return r->orgs_hit_own;
}
static double orgs_hit_dep(const fs_session *s, const fs_rep *r, const fs_obs *o, int a) {
  return r->orgs_hit_dependent;
}
static double orgs_down(const fs_session *s, const fs_rep *r, const fs_obs *o, int a) {
  return r->orgs_down;
}
static double downtime_mean(const fs_session *s, const fs_rep *r, const fs_obs *o, int a) {
  return r->orgs_down > 0 ? r->org_downtime_hours / r->orgs_down : NAN;
}
static double orgs_hit_ind(const fs_session *s, const fs_rep *r, const fs_obs *o, int a) {
  return r->orgs_hit_by_industry[industry_of(s->sc.cfg, o->industry)];
}
static double loss(const fs_session *s, const fs_rep *r, const fs_obs *o, int a) {
  return r->loss_total;
}
static double loss_ind(const fs_session *s, const fs_rep *r, const fs_obs *o, int a) {
  return r->loss_by_industry[industry_of(s->sc.cfg, o->industry)];
}

/* A sum over the industries and size classes an observation selects. */
static double sum_is(const fs_session *s, const double (*x)[FS_SIZE_CLASSES], const fs_obs *o) {
  int ind = o->industry[0] ? industry_of(s->sc.cfg, o->industry) : -1;
  double sum = 0;
  for (int i = 0; i < s->sc.cfg->nindustries; i++)
    for (int k = 0; k < FS_SIZE_CLASSES; k++)
      if ((ind < 0 || i == ind) && (o->size < 0 || k == o->size)) sum += x[i][k];
  return sum;
}
static double ratio(double a, double b) {
  return b > 0 ? a / b : NAN;
}
static double orgs_hit(const fs_session *s, const fs_rep *r, const fs_obs *o, int a) {
  return sum_is(s, r->hit_is, o);
}
static double hit_share(const fs_session *s, const fs_rep *r, const fs_obs *o, int a) {
  return ratio(sum_is(s, r->hit_is, o), sum_is(s, r->orgs_is, o));
}
static double cust_hit_share(const fs_session *s, const fs_rep *r, const fs_obs *o, int a) {
  return ratio(sum_is(s, r->cust_hit_is, o), sum_is(s, r->cust_is, o));
}
static double loss_share(const fs_session *s, const fs_rep *r, const fs_obs *o, int a) {
  return ratio(sum_is(s, r->loss_is, o), sum_is(s, r->revenue_is, o));
}
static double within_hit(const fs_session *s, const fs_rep *r, const fs_obs *o, int a) {
  return ratio(sum_is(s, r->own_hit_is, o), sum_is(s, r->own_eps_is, o));
}

/* The policy of a portfolio with this id, or -1. */
static long policy_of(const fs_portfolio *pf, const char *id) {
  for (size_t i = 0; pf && i < pf->n; i++)
    if (strcmp(pf->p[i].id, id) == 0) return (long) i;
  return -1;
}
static double company_loss(const fs_session *s, const fs_rep *r, const fs_obs *o, int a) {
  long i = policy_of(s->have_pf ? &s->pf : NULL, o->policy);
  return i >= 0 ? r->policy_gu[i] : NAN;
}
static double provider_dependents_hit(const fs_session *s, const fs_rep *r, const fs_obs *o,
                                      int a) {
  return ratio(r->provider_dependents_hit, r->provider_dependents);
}
static double company_hit(const fs_session *s, const fs_rep *r, const fs_obs *o, int a) {
  long i = policy_of(s->have_pf ? &s->pf : NULL, o->policy);
  return i >= 0 ? r->policy_hit[i] : NAN;
}
static double company_downtime(const fs_session *s, const fs_rep *r, const fs_obs *o, int a) {
  long i = policy_of(s->have_pf ? &s->pf : NULL, o->policy);
  return i >= 0 ? r->policy_downtime[i] : NAN;
}

static const struct output {
  const char *name;
  int kind, costs, arg;
  read_fn get;
  const char *what;
} outputs[] = {
    {"affected_endpoints", PLAIN, 0, 0, affected,
     "endpoints hit (crashed, encrypted) in the fleet"},
    {"peak_down", PLAIN, 0, 0, peak_down, "endpoints down at once, at the peak"},
    {"endpoint_hours_down", PLAIN, 0, 0, ep_hours, "endpoint-hours down, summed"},
    {"recovery_h50", PLAIN, 0, 0, recovery,
     "hours from the incident's start to 50% of the hit endpoints back"},
    {"recovery_h90", PLAIN, 0, 1, recovery, "the same to 90%"},
    {"recovery_h97", PLAIN, 0, 2, recovery, "the same to 97%"},
    {"recovery_h99", PLAIN, 0, 3, recovery, "the same to 99%"},
    {"recovered_share", AT_TIME, 0, 0, recovered_at, "share of the hit endpoints back up at `at`"},
    {"orgs_hit", FILTERED, 0, 0, orgs_hit,
     "organisations hit, own endpoints or through providers (of `industry`, of size class `size`, "
     "when given)"},
    {"orgs_hit_own", PLAIN, 0, 0, orgs_hit_own, "organisations with endpoints of their own hit"},
    {"orgs_hit_dependent", PLAIN, 1, 0, orgs_hit_dep, "organisations hit only through providers"},
    {"orgs_down", PLAIN, 1, 0, orgs_down,
     "organisations with business downtime (operations paused)"},
    {"org_downtime_mean_hours", PLAIN, 1, 0, downtime_mean, "their mean business downtime, hours"},
    {"orgs_hit_industry", BY_INDUSTRY, 0, 0, orgs_hit_ind, "organisations of `industry` hit"},
    {"orgs_hit_share", FILTERED, 0, 0, hit_share,
     "share of the organisations hit (of `industry`, of size class `size`, when given)"},
    {"customers_hit_share", FILTERED, 0, 0, cust_hit_share,
     "share of the vendor's customers with endpoints of their own hit (same filters)"},
    {"hit_share_in_hit_orgs", FILTERED, 0, 0, within_hit,
     "in the organisations with endpoints hit: the share of their endpoints hit (same filters)"},
    {"provider_dependents_hit_share", PLAIN, 1, 0, provider_dependents_hit,
     "of the organisations that depend directly on the incident's provider, the share hit"},
    {"company_loss_usd", COMPANY, 1, 0, company_loss,
     "ground-up loss of the company `policy` of the event's portfolio, USD"},
    {"company_downtime_hours", COMPANY, 1, 0, company_downtime,
     "that company's business downtime, hours"},
    {"company_hit_endpoints", COMPANY, 0, 0, company_hit,
     "that company's endpoints hit (crashed, destroyed), as simulated (a company capped at its "
     "place counts the place's)"},
    {"loss_usd", PLAIN, 1, 0, loss, "ground-up economic loss of the fleet, USD"},
    {"loss_industry_usd", BY_INDUSTRY, 1, 0, loss_ind, "the same for `industry`"},
    {"loss_revenue_share", FILTERED, 1, 0, loss_share,
     "ground-up loss over annual revenue, of every organisation (of `industry`, of size class "
     "`size`, when given)"},
};
_Static_assert(FS_NQUANT == 4, "recovery_hNN follow fs_recovery_quantiles");

static const struct output *find(const char *name) {
  for (size_t i = 0; i < sizeof outputs / sizeof outputs[0]; i++)
    if (strcmp(outputs[i].name, name) == 0) return &outputs[i];
  return NULL;
}

int fs_validate_output_known(void *ud, const fs_obs *ob, const char **field, char *why,
                             size_t cap) {
  const fs_validate_known *kn = ud;
  const fs_config *cfg = kn->cfg;
  const struct output *o = find(ob->output);
  *field = "output";
  if (!o) {
    snprintf(why, cap, "unknown output '%s' (fleetsim validate --list-outputs lists them)",
             ob->output);
    return 1;
  }
  if (o->costs && !cfg->has_costs) {
    snprintf(why, cap, "'%s' needs the scenario's costs, which it has not", ob->output);
    return 1;
  }
  *field = "industry";
  if (o->kind == BY_INDUSTRY && industry_of(cfg, ob->industry) < 0) {
    snprintf(why, cap, "'%s' needs industry = one of the fleet's industries (got '%s')", ob->output,
             ob->industry);
    return 1;
  }
  if (o->kind == FILTERED && ob->industry[0] && industry_of(cfg, ob->industry) < 0) {
    snprintf(why, cap, "'%s' is not one of the fleet's industries", ob->industry);
    return 1;
  }
  if (o->kind != BY_INDUSTRY && o->kind != FILTERED && ob->industry[0]) {
    snprintf(why, cap, "'%s' is not by industry: drop industry = '%s'", ob->output, ob->industry);
    return 1;
  }
  *field = "size";
  if (o->kind != FILTERED && ob->size >= 0) {
    snprintf(why, cap, "'%s' takes no size class: drop size", ob->output);
    return 1;
  }
  *field = "policy";
  if (o->kind == COMPANY && policy_of(kn->pf, ob->policy) < 0) {
    snprintf(why, cap, "'%s' needs policy = a PolicyId of the event's portfolio (got '%s'%s)",
             ob->output, ob->policy, kn->pf ? "" : "; the event has no EVENT.portfolio.csv");
    return 1;
  }
  if (o->kind != COMPANY && ob->policy[0]) {
    snprintf(why, cap, "'%s' is not a company's: drop policy", ob->output);
    return 1;
  }
  *field = "at";
  double h = (ob->at - cfg->start_unix) / 3600.0;
  if (o->kind == AT_TIME && isnan(ob->at)) {
    snprintf(why, cap, "'%s' needs at = the time it is read at", ob->output);
    return 1;
  }
  if (o->kind == AT_TIME && !(h >= 0 && h <= cfg->duration_hours)) {
    snprintf(why, cap,
             "must lie within the scenario's %g simulated hours (got %.1f h after its start)",
             cfg->duration_hours, h);
    return 1;
  }
  if (o->kind != AT_TIME && !isnan(ob->at)) {
    snprintf(why, cap, "'%s' is not read at a time: drop at", ob->output);
    return 1;
  }
  return 0;
}

double fs_validate_output_read(const fs_session *s, const fs_rep *rep, const fs_obs *o) {
  const struct output *x = find(o->output);
  if (x->kind == AT_TIME && isnan(o->at)) return NAN;
  return x->get(s, rep, o, x->arg);
}

void fs_validate_outputs_list(FILE *f) {
  for (size_t i = 0; i < sizeof outputs / sizeof outputs[0]; i++)
    fprintf(f, "  %-24s %s\n", outputs[i].name, outputs[i].what);
}
