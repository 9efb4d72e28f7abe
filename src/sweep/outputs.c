/* outputs.c: what a task reports: one table of sweep.csv's output columns
   and the functions that read them off a replication, so names and values
   cannot drift apart. */
#include <stdio.h>

#include "sweep/sweep.h"

enum { ALWAYS, WITH_COSTS, WITH_PORTFOLIO, BY_INDUSTRY, WITH_MARKET };

typedef double (*extract_fn)(const fs_session *s, const fs_rep *rep, int arg);

static double affected(const fs_session *s, const fs_rep *rep, int arg) {
  return rep->affected;
}
static double peak_down(const fs_session *s, const fs_rep *rep, int arg) {
  return rep->peak_down;
}
static double endpoint_hours(const fs_session *s, const fs_rep *rep, int arg) {
  return rep->endpoint_hours_down;
}
static double recovery(const fs_session *s, const fs_rep *rep, int q) {
  return rep->recovery_hours[q];
}
static double ground_up(const fs_session *s, const fs_rep *rep, int arg) {
  return rep->loss_total;
}
static double portfolio_gu(const fs_session *s, const fs_rep *rep, int arg) {
  double x = 0;
  for (size_t i = 0; i < s->pf.n; i++) x += rep->policy_gu[i];
  return x;
}
static double portfolio_il(const fs_session *s, const fs_rep *rep, int arg) {
  double x = 0;
  for (size_t i = 0; i < s->pf.n; i++) x += rep->policy_il[i];
  return x;
}
static double industry_loss(const fs_session *s, const fs_rep *rep, int k) {
  return rep->loss_by_industry[k];
}
static double market_il(const fs_session *s, const fs_rep *rep, int arg) {
  return rep->market_insured;
}

/* In sweep.csv's order. The primary output (the report's headline) is the
   last present one marked so. recovery_hNN: arg is the quantile index of
   fs_recovery_quantiles; loss_%s_usd: one column per industry. */
static const struct output {
  const char *name;
  int when, primary, arg;
  extract_fn get;
} outputs[] = {
    {"affected_endpoints", ALWAYS, 0, 0, affected},
    {"peak_down", ALWAYS, 0, 0, peak_down},
    {"endpoint_hours_down", ALWAYS, 1, 0, endpoint_hours},
    {"recovery_h50", ALWAYS, 0, 0, recovery},
    {"recovery_h90", ALWAYS, 0, 1, recovery},
    {"recovery_h97", ALWAYS, 0, 2, recovery},
    {"recovery_h99", ALWAYS, 0, 3, recovery},
    {"ground_up_loss_usd", WITH_COSTS, 1, 0, ground_up},
    {"portfolio_ground_up_usd", WITH_PORTFOLIO, 0, 0, portfolio_gu},
    {"portfolio_insured_usd", WITH_PORTFOLIO, 0, 0, portfolio_il},
    {"loss_%s_usd", BY_INDUSTRY, 0, 0, industry_loss},
    /* Last, so that a sweep folder of an older build, whose outputs end
       before it, still reads its columns in place. */
    {"market_insured_usd", WITH_MARKET, 0, 0, market_il},
};
_Static_assert(FS_NQUANT == 4, "recovery_hNN columns follow fs_recovery_quantiles");

/* How many columns entry o gives in sweep s of a scenario cfg. */
static int columns(const struct output *o, const fs_sweep_spec *s, const fs_config *cfg) {
  switch (o->when) {
  case WITH_COSTS:
    return cfg->has_costs;
  case WITH_PORTFOLIO:
    return s->portfolio[0] != '\0';
  case BY_INDUSTRY:
    return s->by_industry && cfg->has_costs ? cfg->nindustries : 0;
  case WITH_MARKET:
    return cfg->has_costs && cfg->cyber.on;
  default:
    return 1;
  }
}

void fs_sweep_outputs_name(fs_sweep_spec *s, const fs_config *cfg) {
  s->noutputs = 0;
  for (size_t i = 0; i < sizeof outputs / sizeof outputs[0]; i++) {
    const struct output *o = &outputs[i];
    int n = columns(o, s, cfg);
    if (n > 0 && o->primary) s->primary = s->noutputs;
    for (int k = 0; k < n; k++) {
      char *name = s->outputs[s->noutputs++];
      if (o->when == BY_INDUSTRY)
        snprintf(name, sizeof s->outputs[0], o->name, cfg->industries[k].id);
      else
        snprintf(name, sizeof s->outputs[0], "%s", o->name);
    }
  }
}

void fs_sweep_outputs_read(const fs_sweep_spec *s, const fs_session *ses, const fs_rep *rep,
                           double *v) {
  if (s->read) {
    s->read(s->read_ud, ses, rep, v);
    return;
  }
  int j = 0;
  for (size_t i = 0; i < sizeof outputs / sizeof outputs[0]; i++) {
    const struct output *o = &outputs[i];
    int n = columns(o, s, ses->sc.cfg);
    for (int k = 0; k < n; k++) v[j++] = o->get(ses, rep, o->when == BY_INDUSTRY ? k : o->arg);
  }
}
