/* business.c: ops.csv and summary.json's "business" block (business.h). */
#include "report/business.h"

#include <math.h>
#include <stdlib.h>

#include "report/output.h"
#include "util/alloc.h"
#include "util/fsutil.h"
#include "util/json.h"

typedef struct hours_w {
  double h, w;
} hours_w;

static int cmp_hours(const void *a, const void *b) {
  double x = ((const hours_w *) a)->h, y = ((const hours_w *) b)->h;
  return (x > y) - (x < y);
}

/* The weighted median of v[0..n) (sorted here). */
static double weighted_median(hours_w *v, size_t n) {
  if (n == 0) return NAN;
  qsort(v, n, sizeof *v, cmp_hours);
  double tot = 0, cum = 0;
  for (size_t i = 0; i < n; i++) tot += v[i].w;
  for (size_t i = 0; i < n; i++)
    if ((cum += v[i].w) >= tot / 2) return v[i].h;
  return v[n - 1].h;
}

/* ", \"units_lost_by_day\": [...]": the increments of a cumulative series
   ts[k * stride] (k < nticks) over each day since the start of the run
   (the last day may be partial). */
static void by_day(FILE *f, const fs_result *r, const double *ts, size_t stride) {
  fprintf(f, ", \"units_lost_by_day\": [");
  double prev = 0;
  /* day d ends at the last tick at or before hour 24 (d + 1) */
  for (size_t d = 0; (double) d * 24.0 < (double) (r->nticks - 1) * r->tick_hours - 1e-9; d++) {
    size_t end = (size_t) floor((double) (d + 1) * 24.0 / r->tick_hours + 1e-9);
    if (end > r->nticks - 1) end = r->nticks - 1;
    double x = ts[end * stride];
    fprintf(f, "%s", d ? ", " : "");
    fs_json_num(f, round((x - prev) * 10) / 10);
    prev = x;
  }
  fprintf(f, "]");
}

/* One industry's block. v is scratch for n_orgs entries. */
static void industry_block(FILE *f, const fs_config *cfg, const fs_fleet *fl, const fs_result *r,
                           int ind, hours_w *v) {
  const fs_ops *p = &cfg->industries[ind].cost.ops;
  double hit = 0, paused = 0, sum = 0, units = 0, lowest = 1;
  size_t n = 0;
  for (size_t o = 0; o < fl->n_orgs; o++) {
    const fs_org *org = &fl->orgs[o];
    const fs_org_result *x = &r->orgs[o];
    if (org->industry != ind) continue;
    double w = fs_org_count_weight(org), lw = fs_org_loss_weight(org);
    if (fs_model_org_hit(cfg->has_costs, x)) hit += w;
    if (!isnan(x->units_lost)) units += x->units_lost * lw;
    if (x->downtime_hours > 0) {
      paused += w;
      sum += w * x->downtime_hours;
      v[n++] = (hours_w){x->downtime_hours, w};
    }
  }
  for (size_t i = 0; i < r->nticks; i++)
    lowest = fmin(lowest, r->ts_ops_ind[i * (size_t) cfg->nindustries + (size_t) ind]);
  fprintf(f, "{\"organisations_hit\": ");
  fs_json_num(f, round(hit));
  fprintf(f, ", \"operations_paused\": ");
  fs_json_num(f, round(paused));
  fprintf(f, ", \"business_downtime_hours_mean\": ");
  fs_json_num(f, paused > 0 ? sum / paused : NAN);
  fprintf(f, ", \"business_downtime_hours_median\": ");
  fs_json_num(f, weighted_median(v, n));
  fprintf(f, ", \"paused_organisation_hours\": ");
  fs_json_num(f, round(sum));
  if (p->paused_as[0]) {
    fprintf(f, ", \"paused_as\": ");
    fs_json_str(f, p->paused_as);
  }
  fprintf(f, ", \"operations_lowest\": ");
  fs_json_num(f, round(lowest * 1e4) / 1e4);
  fprintf(f, ", \"makeup_share\": ");
  fs_json_num(f, p->on ? p->makeup_share : 0);
  if (p->on && p->unit_revenue > 0) {
    fprintf(f, ", \"unit\": ");
    fs_json_str(f, p->unit);
    fprintf(f, ", \"units_lost\": ");
    fs_json_num(f, round(units));
    by_day(f, r, r->ts_units_ind + ind, (size_t) cfg->nindustries);
  }
  fprintf(f, "}");
}

/* One followed organisation (fs_result ops_org[q]) of replication 1. */
static void followed_org(FILE *f, const fs_config *cfg, const fs_fleet *fl, const fs_result *r,
                         size_t q) {
  const fs_org *o = &fl->orgs[r->ops_org[q]];
  const fs_ops *p = &cfg->industries[o->industry].cost.ops;
  double lowest = 1, below = 0, back = 0;
  for (size_t i = 0; i < r->nticks; i++) {
    double x = r->ts_ops_org[i * r->nops_org + q];
    lowest = fmin(lowest, x);
    if (x < 0.99) {
      below += r->tick_hours;
      back = (double) (i + 1) * r->tick_hours;
    }
  }
  fprintf(f, "{\"id\": %u, \"industry\": ", o->id);
  fs_json_str(f, cfg->industries[o->industry].id);
  fprintf(f, ", \"revenue_usd\": ");
  fs_json_num(f, o->revenue_usd * fs_org_own_scale(o)); /* its own */
  fprintf(f, ", \"endpoints\": ");
  fs_json_num(f, round(o->n * o->sub)); /* its own, when simulated through a sample */
  fprintf(f, ", \"operations_lowest\": ");
  fs_json_num(f, round(lowest * 1e4) / 1e4);
  fprintf(f, ", \"hours_paused\": ");
  fs_json_num(f, round(r->orgs[r->ops_org[q]].downtime_hours * 100) / 100);
  fprintf(f, ", \"hours_below_99pct\": ");
  fs_json_num(f, round(below * 100) / 100);
  /* null when it never fell below, or was still below at the end */
  int still = r->ts_ops_org[(r->nticks - 1) * r->nops_org + q] < 0.99;
  fprintf(f, ", \"back_above_99pct_hours\": ");
  fs_json_num(f, below > 0 && !still ? back : NAN);
  if (p->unit_revenue > 0) {
    fprintf(f, ", \"unit\": ");
    fs_json_str(f, p->unit);
    fprintf(f, ", \"units_lost\": ");
    fs_json_num(f, round(r->ts_units_org[(r->nticks - 1) * r->nops_org + q] * 10) / 10);
    by_day(f, r, r->ts_units_org + q, r->nops_org);
  }
  fprintf(f, "}");
}

int fs_business_summary_json(FILE *f, const fs_config *cfg, const fs_fleet *fl,
                             const fs_result *r) {
  if (!r->ts_ops_ind) return 0;
  hours_w *v = fs_malloc((fl->n_orgs ? fl->n_orgs : 1) * sizeof *v);
  if (!v) return FS_ENOMEM;
  fprintf(f, ",\n  \"business\": {");
  for (int i = 0; i < cfg->nindustries; i++) {
    fprintf(f, "%s\n    ", i ? "," : "");
    fs_json_str(f, cfg->industries[i].id);
    fprintf(f, ": ");
    industry_block(f, cfg, fl, r, i, v);
  }
  fprintf(f, "\n  },\n  \"business_organisations\": [");
  for (size_t q = 0; q < r->nops_org; q++) {
    fprintf(f, "%s\n    ", q ? "," : "");
    followed_org(f, cfg, fl, r, q);
  }
  fprintf(f, "%s]", r->nops_org ? "\n  " : "");
  free(v);
  return 0;
}

/* Counts of one industry for the "market" block. */
typedef struct market_counts {
  double orgs, customers, hit, customers_hit;
} market_counts;

/* {organisations, customers, organisations_hit, customers_hit, share_hit} */
static void counts_json(FILE *f, const market_counts *k) {
  fprintf(f, "{\"organisations\": ");
  fs_json_num(f, round(k->orgs));
  fprintf(f, ", \"customers\": ");
  fs_json_num(f, round(k->customers));
  fprintf(f, ", \"organisations_hit\": ");
  fs_json_num(f, round(k->hit));
  fprintf(f, ", \"customers_hit\": ");
  fs_json_num(f, round(k->customers_hit));
  fprintf(f, ", \"share_hit\": ");
  fs_json_num(f, k->orgs > 0 ? round(k->hit / k->orgs * 1e6) / 1e6 : NAN);
  fprintf(f, "}");
}

int fs_market_summary_json(FILE *f, const fs_config *cfg, const fs_fleet *fl, const fs_result *r) {
  if (!cfg->non_customers) return 0;
  market_counts *c = fs_calloc((size_t) cfg->nindustries + 1, sizeof *c);
  if (!c) return FS_ENOMEM;
  market_counts *all = &c[cfg->nindustries];
  for (size_t o = 0; o < fl->n_orgs; o++) {
    const fs_org *org = &fl->orgs[o];
    const fs_org_result *x = &r->orgs[o];
    double w = fs_org_count_weight(org);
    int hit = fs_model_org_hit(cfg->has_costs, x);
    for (int j = 0; j < 2; j++) {
      market_counts *k = j ? all : &c[org->industry];
      k->orgs += w;
      k->customers += org->agent ? w : 0;
      k->hit += hit ? w : 0;
      k->customers_hit += hit && org->agent ? w : 0;
    }
  }
  fprintf(f, ",\n  \"market\": {\"vendor\": ");
  fs_json_str(f, cfg->customers_of);
  fprintf(f, ", \"non_customer_endpoints\": ");
  fs_json_num(f, round(fl->market_endpoints));
  fprintf(f, ", \"by_industry\": {");
  for (int i = 0; i < cfg->nindustries; i++) {
    fprintf(f, "%s\n    ", i ? "," : "");
    fs_json_str(f, cfg->industries[i].id);
    fprintf(f, ": ");
    counts_json(f, &c[i]);
  }
  fprintf(f, "\n  }, \"all\": ");
  counts_json(f, all);
  fprintf(f, "}");
  free(c);
  return 0;
}

static uint32_t org_id(const fs_fleet *fl, const fs_result *r, size_t q) {
  return fl->orgs[r->ops_org[q]].id;
}

/* The unit of followed organisation q's industry, NULL without one. */
static const char *org_unit(const fs_config *cfg, const fs_fleet *fl, const fs_result *r,
                            size_t q) {
  const fs_ops *p = &cfg->industries[fl->orgs[r->ops_org[q]].industry].cost.ops;
  return p->unit_revenue > 0 ? p->unit : NULL;
}

int fs_business_write_ops(const char *dir, const fs_config *cfg, const fs_fleet *fl,
                          const fs_result *r, fs_err *err) {
  if (!r->ts_ops_ind) return 0;
  FILE *f = fs_out_open(dir, "ops.csv", err);
  if (!f) return FS_EIO;
  /* Industry and unit names are identifiers (util/ident.h): no quoting. */
  fprintf(f, "time_utc,hours");
  for (int k = 0; k < cfg->nindustries; k++) fprintf(f, ",ops_%s", cfg->industries[k].id);
  for (int k = 0; k < cfg->nindustries; k++) {
    const fs_ops *p = &cfg->industries[k].cost.ops;
    if (p->on && p->unit_revenue > 0) fprintf(f, ",%s_lost_%s", p->unit, cfg->industries[k].id);
  }
  for (size_t q = 0; q < r->nops_org; q++) fprintf(f, ",ops_org_%u", org_id(fl, r, q));
  for (size_t q = 0; q < r->nops_org; q++)
    if (org_unit(cfg, fl, r, q))
      fprintf(f, ",%s_lost_org_%u", org_unit(cfg, fl, r, q), org_id(fl, r, q));
  fputc('\n', f);
  size_t ni = (size_t) cfg->nindustries;
  for (size_t i = 0; i < r->nticks; i++) {
    char ts[32];
    double h = (double) i * r->tick_hours;
    fs_output_time_utc(cfg->start_unix, h, ts, sizeof ts);
    fprintf(f, "%s,%.4f", ts, h);
    for (size_t k = 0; k < ni; k++) fprintf(f, ",%.5f", r->ts_ops_ind[i * ni + k]);
    for (size_t k = 0; k < ni; k++) {
      const fs_ops *p = &cfg->industries[k].cost.ops;
      if (p->on && p->unit_revenue > 0) fprintf(f, ",%.1f", r->ts_units_ind[i * ni + k]);
    }
    for (size_t q = 0; q < r->nops_org; q++)
      fprintf(f, ",%.5f", r->ts_ops_org[i * r->nops_org + q]);
    for (size_t q = 0; q < r->nops_org; q++)
      if (org_unit(cfg, fl, r, q)) fprintf(f, ",%.1f", r->ts_units_org[i * r->nops_org + q]);
    fputc('\n', f);
  }
  return fs_out_close(f, dir, "ops.csv", err);
}
