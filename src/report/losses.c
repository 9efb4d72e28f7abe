/* losses.c: loss summaries across replications and the Oasis ORD loss tables. */
#include "report/losses.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "loss/ep.h"
#include "loss/ord.h"
#include "loss/plt.h"
#include "report/insured.h"
#include "util/fsutil.h"
#include "util/json.h"
#include "util/alloc.h"
#include "util/csv.h"
#include "util/ident.h"

/* One summary: a perspective (gul ground-up, il insured), a level (fleet,
   industry, portfolio, policy) and its loss in each replication. */
typedef struct summ {
  const char *persp, *level;
  char key[192], name[160];
  double *loss, *expo; /* R values each */
  double footprint;    /* total exposure (annual revenue) of the summary */
  int in_plt;          /* written to splt.csv (policy level is not) */
} summ;

/* Keys and names fit whole: a portfolio name with an industry id, a
   policy's name (loss/portfolio.h, model/config.h). */
_Static_assert(sizeof((fs_portfolio *) 0)->name + 1 + FS_ID_MAX <= sizeof((summ *) 0)->key,
               "summary keys fit");
_Static_assert(sizeof((fs_policy *) 0)->name <= sizeof((summ *) 0)->name &&
                   sizeof((fs_policy *) 0)->id <= sizeof((summ *) 0)->key &&
                   FS_NAME_MAX <= sizeof((summ *) 0)->name,
               "summary names fit");

typedef struct summ_set {
  summ *s;
  size_t n, cap, R;
} summ_set;

static summ *add(summ_set *ss, const char *persp, const char *level, const char *key,
                 const char *name, int in_plt) {
  if (ss->n == ss->cap) {
    size_t cap = ss->cap ? ss->cap * 2 : 32;
    summ *p = fs_realloc(ss->s, cap * sizeof *p);
    if (!p) return NULL;
    ss->s = p;
    ss->cap = cap;
  }
  summ *x = &ss->s[ss->n];
  memset(x, 0, sizeof *x);
  x->persp = persp;
  x->level = level;
  snprintf(x->key, sizeof x->key, "%s", key);
  snprintf(x->name, sizeof x->name, "%s", name);
  x->in_plt = in_plt;
  x->loss = fs_calloc(ss->R, sizeof *x->loss);
  x->expo = fs_calloc(ss->R, sizeof *x->expo);
  if (!x->loss || !x->expo) {
    free(x->loss);
    free(x->expo);
    return NULL;
  }
  ss->n++;
  return x;
}

static void free_set(summ_set *ss) {
  for (size_t i = 0; i < ss->n; i++) {
    free(ss->s[i].loss);
    free(ss->s[i].expo);
  }
  free(ss->s);
  memset(ss, 0, sizeof *ss);
}

/* Adds policy i's loss (insured when il, else ground-up) in each
   replication to x, and its revenue to x's footprint and to the exposure of
   the replications where it has a loss. */
static void add_policy(summ *x, const fs_loss_ctx *c, size_t i, int il) {
  double revenue = c->pf->p[i].revenue_usd;
  x->footprint += revenue;
  for (size_t r = 0; r < (size_t) c->b->done; r++) {
    const fs_rep *rep = &c->b->rep[r];
    double v = il ? rep->policy_il[i] : rep->policy_gu[i];
    x->loss[r] += v;
    if (v > 0) x->expo[r] += revenue;
  }
}

/* The summaries, in SummaryId order (1-based index). */
static int build(const fs_loss_ctx *c, summ_set *ss) {
  const fs_config *cfg = c->s->cfg;
  const fs_batch *b = c->b;
  size_t R = (size_t) b->done;
  ss->R = R;
  summ *x = add(ss, "gul", "fleet", "all", "All organisations of the fleet", 1);
  if (!x) return FS_ENOMEM;
  for (size_t o = 0; o < c->f->n_orgs; o++)
    x->footprint += c->f->orgs[o].revenue_usd * fs_org_loss_weight(&c->f->orgs[o]);
  for (size_t r = 0; r < R; r++) {
    x->loss[r] = b->rep[r].loss_total;
    x->expo[r] = b->rep[r].exposure_total;
  }
  for (int k = 0; k < cfg->nindustries; k++) {
    x = add(ss, "gul", "industry", cfg->industries[k].id, cfg->industries[k].name, 1);
    if (!x) return FS_ENOMEM;
    for (size_t o = 0; o < c->f->n_orgs; o++)
      if (c->f->orgs[o].industry == k)
        x->footprint += c->f->orgs[o].revenue_usd * fs_org_loss_weight(&c->f->orgs[o]);
    for (size_t r = 0; r < R; r++) {
      x->loss[r] = b->rep[r].loss_by_industry[k];
      x->expo[r] = b->rep[r].exposure_by_industry[k];
    }
  }
  const fs_portfolio *pf = c->pf;
  if (!pf) return 0;
  const fs_fleet *f = c->f;
  /* Portfolio totals, then by industry, then by policy; gul and il each. */
  for (int il = 0; il < 2; il++) {
    x = add(ss, il ? "il" : "gul", "portfolio", pf->name, pf->name, 1);
    if (!x) return FS_ENOMEM;
    for (size_t i = 0; i < pf->n; i++) add_policy(x, c, i, il);
  }
  for (int k = 0; k < cfg->nindustries; k++) {
    int any = 0;
    for (size_t i = 0; i < pf->n && !any; i++) any = f->orgs[f->first_policy_org + i].industry == k;
    if (!any) continue;
    for (int il = 0; il < 2; il++) {
      char key[sizeof x->key];
      snprintf(key, sizeof key, "%s/%s", pf->name, cfg->industries[k].id);
      x = add(ss, il ? "il" : "gul", "industry", key, cfg->industries[k].name, 1);
      if (!x) return FS_ENOMEM;
      for (size_t i = 0; i < pf->n; i++)
        if (f->orgs[f->first_policy_org + i].industry == k) add_policy(x, c, i, il);
    }
  }
  if (c->ri) {
    /* Net of the reinsurance programme (ORD's RI perspective): the event
       alone in its year here; fs_losses_write adds each occurrence's. */
    x = add(ss, "ri", "portfolio", pf->name, pf->name, 1);
    if (!x) return FS_ENOMEM;
    for (size_t i = 0; i < pf->n; i++) add_policy(x, c, i, 1);
    fs_ri_outcome o;
    fs_err e = {0};
    if (fs_ri_outcome_build(c, NULL, &o, &e) != 0) return FS_ENOMEM;
    memcpy(x->loss, o.net, R * sizeof *x->loss);
    for (size_t r = 0; r < R; r++)
      if (!(x->loss[r] > 0)) x->expo[r] = 0;
    fs_ri_outcome_free(&o);
  }
  for (size_t i = 0; i < pf->n; i++) {
    for (int il = 0; il < 2; il++) {
      x = add(ss, il ? "il" : "gul", "policy", pf->p[i].id, pf->p[i].name, 0);
      if (!x) return FS_ENOMEM;
      x->footprint = pf->p[i].revenue_usd;
      for (size_t r = 0; r < R; r++) {
        x->loss[r] = il ? b->rep[r].policy_il[i] : b->rep[r].policy_gu[i];
        x->expo[r] = x->loss[r] > 0 ? pf->p[i].revenue_usd : 0;
      }
    }
  }
  return 0;
}

/* ---- summary.json ------------------------------------------------------ */

/* ", \"key\": x" (sep_key holds the separator and the key). */
static void num_field(FILE *f, const char *sep_key, double x) {
  fputs(sep_key, f);
  fs_json_num(f, x);
}

/* The statistics of x[0..n) as a JSON object, or null when n is 0.
   FS_ENOMEM when memory ran out (nothing written then). */
static int json_stats(FILE *f, const double *x, size_t n) {
  if (n == 0) {
    fputs("null", f);
    return 0;
  }
  fs_ep_moments m;
  fs_err e = {0};
  if (fs_ep_describe(x, n, &m, &e) != 0) return FS_ENOMEM; /* n > 0: memory only */
  num_field(f, "{\"mean\": ", m.mean);
  num_field(f, ", \"sd\": ", m.sd);
  num_field(f, ", \"max\": ", m.max);
  num_field(f, ", \"chance_of_loss\": ", m.chance);
  fprintf(f, ", \"quantiles\": {");
  for (int q = 0; q < FS_EP_NQUANT; q++) {
    const fs_ep_quantile *qq = &m.q[q];
    fprintf(f, "%s\"%g\": {\"value\": ", q ? ", " : "", qq->p * 100);
    fs_json_num(f, qq->loss);
    num_field(f, ", \"ci_low\": ", qq->lo);
    num_field(f, ", \"ci_high\": ", qq->hi);
    num_field(f, ", \"ci_coverage\": ", round(qq->coverage * 10000) / 10000);
    fprintf(f, "}");
  }
  fprintf(f, "}}");
  return 0;
}

static double mean_of(const double *x, size_t n) {
  double s = 0;
  for (size_t i = 0; i < n; i++) s += x[i];
  return n ? s / (double) n : NAN;
}

/* The replications_stats object: counts and recovery times across
   replications. x has room for R values. */
static int json_replications(FILE *f, const fs_batch *b, double *x) {
  size_t R = (size_t) b->done;
  fprintf(f, ",\n  \"replications_stats\": {\"n\": %zu", R);
  static const char *const names[] = {"affected_endpoints", "peak_down", "endpoint_hours_down"};
  int rc = 0;
  for (int k = 0; k < 3 && rc == 0; k++) {
    for (size_t r = 0; r < R; r++)
      x[r] = k == 0   ? b->rep[r].affected
             : k == 1 ? b->rep[r].peak_down
                      : b->rep[r].endpoint_hours_down;
    fprintf(f, ",\n    \"%s\": ", names[k]);
    rc = json_stats(f, x, R);
  }
  for (int q = 0; q < FS_NQUANT && rc == 0; q++) {
    size_t n = 0;
    for (size_t r = 0; r < R; r++)
      if (!isnan(b->rep[r].recovery_hours[q])) x[n++] = b->rep[r].recovery_hours[q];
    fprintf(f, ",\n    \"recovery_hours_%.0f\": ", fs_recovery_quantiles[q] * 100);
    rc = json_stats(f, x, n);
  }
  fprintf(f, "\n  }");
  return rc;
}

/* Policies that name their technology (given) and those left to the
   market shares (drawn), by column: AgentVendor, CloudRegions,
   IdentityProvider, MSP (loss/portfolio.h; graph.h fs_graph_named). */
static const char *const tech_keys[4] = {"agent", "cloud", "identity", "msp"};
static void tech_given(const fs_portfolio *pf, size_t given[4]) {
  memset(given, 0, 4 * sizeof *given);
  for (size_t i = 0; i < pf->n; i++) {
    const fs_policy *p = &pf->p[i];
    given[0] += p->vendor_given != 0;
    given[1] += p->ncloud > 0;
    given[2] += p->idp[0] != '\0';
    given[3] += p->msp[0] != '\0';
  }
}

/* The loss object: fleet total, by industry and the portfolio's totals. */
static int json_loss(FILE *f, const fs_loss_ctx *c, const summ_set *ss) {
  const fs_config *cfg = c->s->cfg;
  size_t R = ss->R;
  fprintf(f, ",\n  \"loss\": {\n    \"currency\": \"USD\",\n    \"replications\": %zu,\n", R);
  num_field(f, "    \"annual_rate\": ", cfg->annual_rate);
  num_field(f, ",\n    \"economic_total_usd\": ", round(mean_of(ss->s[0].loss, R)));
  fprintf(f, ",\n    \"economic_total\": ");
  int rc = json_stats(f, ss->s[0].loss, R);
  fprintf(f, ",\n    \"by_industry_usd\": {");
  for (int k = 0; k < cfg->nindustries; k++) {
    fprintf(f, "%s", k ? ", " : "");
    fs_json_str(f, cfg->industries[k].id);
    num_field(f, ": ", round(mean_of(ss->s[1 + k].loss, R)));
  }
  fprintf(f, "}");
  if (cfg->cyber.on && rc == 0) {
    /* The cyber market's insured loss (costs.cyber_market, LOSSES.md). */
    double *x = fs_malloc((R ? R : 1) * sizeof *x);
    if (!x) return FS_ENOMEM;
    for (size_t r = 0; r < R; r++) x[r] = c->b->rep[r].market_insured;
    fprintf(f, ",\n    \"market_insured\": ");
    rc = json_stats(f, x, R);
    free(x);
  }
  if (c->pf && rc == 0) {
    const summ *gu = &ss->s[1 + cfg->nindustries], *il = gu + 1;
    fprintf(f, ",\n    \"portfolio\": {\"name\": ");
    fs_json_str(f, c->pf->name);
    size_t given[4];
    tech_given(c->pf, given);
    fprintf(f, ", \"policies\": %zu,\n      \"technology\": {", c->pf->n);
    for (int k = 0; k < 4; k++)
      fprintf(f, "%s\"%s\": {\"given\": %zu, \"drawn\": %zu}", k ? ", " : "", tech_keys[k],
              given[k], c->pf->n - given[k]);
    fprintf(f, "},\n      \"ground_up_usd\": ");
    rc = json_stats(f, gu->loss, R);
    fprintf(f, ",\n      \"insured_usd\": ");
    if (rc == 0) rc = json_stats(f, il->loss, R);
    fs_ri_outcome o = {0};
    fs_plt plt = {0};
    fs_err e = {0};
    /* the period loss table of the loss tables (same rate, years, samples, seed) */
    int have_plt = c->ri && !isnan(cfg->annual_rate) && c->years > 0 &&
                   fs_plt_build(&plt, cfg->annual_rate, c->years, R, c->seed, &e) == 0;
    if (rc == 0 && c->ri && fs_ri_outcome_build(c, have_plt ? &plt : NULL, &o, &e) != 0)
      rc = FS_ENOMEM;
    if (rc == 0) fs_insured_json(f, c, c->ri ? &o : NULL);
    fs_ri_outcome_free(&o);
    if (have_plt) fs_plt_free(&plt);
    fprintf(f, "}");
  }
  fprintf(f, "\n  }");
  return rc;
}

int fs_losses_summary_json(FILE *f, const fs_loss_ctx *c) {
  size_t R = (size_t) c->b->done;
  double *x = fs_malloc((R ? R : 1) * sizeof *x);
  int rc = x ? json_replications(f, c->b, x) : FS_ENOMEM;
  free(x);
  if (rc == 0 && c->s->cfg->has_costs) {
    summ_set ss = {0};
    rc = build(c, &ss);
    if (rc == 0) rc = json_loss(f, c, &ss);
    free_set(&ss);
  }
  return rc;
}

int fs_losses_print(FILE *out, const fs_loss_ctx *c) {
  const fs_config *cfg = c->s->cfg;
  size_t R = (size_t) c->b->done;
  if (!cfg->has_costs || R == 0) return 0;
  summ_set ss = {0};
  fs_ep_moments m;
  fs_err e = {0};
  int rc = build(c, &ss);
  if (rc == 0 && fs_ep_describe(ss.s[0].loss, R, &m, &e) != 0) rc = FS_ENOMEM; /* R > 0 */
  if (rc != 0) {
    free_set(&ss);
    return rc;
  }
  fprintf(out, "  %-28s %14zu\n", "replications", R);
  fprintf(out, "  %-28s %12.3f bn USD (mean)\n", "economic loss, fleet", m.mean / 1e9);
  if (R > 1)
    fprintf(out, "  %-28s %12.3f / %.3f / %.3f bn USD\n", "  5% / 50% / 95%", m.q[0].loss / 1e9,
            m.q[1].loss / 1e9, m.q[2].loss / 1e9);
  if (c->pf) {
    const summ *gu = &ss.s[1 + cfg->nindustries], *il = gu + 1;
    char name[256];
    fs_ident_show(c->pf->name, name, sizeof name);
    fprintf(out, "  %-28s %s (%zu policies)\n", "portfolio", name, c->pf->n);
    size_t given[4];
    tech_given(c->pf, given);
    fprintf(out, "  %-28s", "  technology given/drawn");
    for (int k = 0; k < 4; k++)
      fprintf(out, "%s %s %zu/%zu", k ? "," : "", tech_keys[k], given[k], c->pf->n - given[k]);
    fputc('\n', out);
    fprintf(out, "  %-28s %12.3f m USD (mean)\n", "  ground-up", mean_of(gu->loss, R) / 1e6);
    fprintf(out, "  %-28s %12.3f m USD (mean)\n", "  insured", mean_of(il->loss, R) / 1e6);
    for (size_t k = 0; c->ri && k < ss.n; k++)
      if (strcmp(ss.s[k].persp, "ri") == 0)
        fprintf(out, "  %-28s %12.3f m USD (mean, the event alone)\n", "  net of reinsurance",
                mean_of(ss.s[k].loss, R) / 1e6);
  }
  free_set(&ss);
  return 0;
}

/* ---- the tables -------------------------------------------------------- */

static void csv_text(FILE *f, const char *s) {
  fs_csv_put(f, s, 0);
}

static int write_info(const char *dir, const summ_set *ss, fs_err *err) {
  FILE *f = fs_out_open(dir, "summary_info.csv", err);
  if (!f) return FS_EIO;
  fprintf(f, "SummaryId,Perspective,Level,Key,Name,FootprintExposure\n");
  for (size_t i = 0; i < ss->n; i++) {
    const summ *x = &ss->s[i];
    fprintf(f, "%zu,%s,%s,", i + 1, x->persp, x->level);
    csv_text(f, x->key);
    fputc(',', f);
    csv_text(f, x->name);
    fprintf(f, ",%.2f\n", x->footprint);
  }
  return fs_out_close(f, dir, "summary_info.csv", err);
}

static int write_policies(const char *dir, const fs_loss_ctx *c, fs_err *err) {
  const fs_portfolio *pf = c->pf;
  const fs_batch *b = c->b;
  const fs_fleet *fl = c->f;
  size_t R = (size_t) b->done;
  FILE *f = fs_out_open(dir, "policies.csv", err);
  if (!f) return FS_EIO;
  fprintf(f, "PolicyId,Name,Industry,Region,AnnualRevenueUSD,Endpoints,RunsIncidentAgent,"
             "ChanceOfLoss,MeanDowntimeHours,MeanGroundUpUSD,MeanInsuredUSD,MaxInsuredUSD,"
             "SimulatedEndpoints\n");
  for (size_t i = 0; i < pf->n; i++) {
    const fs_policy *p = &pf->p[i];
    const fs_org *o = &fl->orgs[fl->first_policy_org + i];
    double gu = 0, il = 0, mx = 0, dt = 0;
    size_t hit = 0;
    for (size_t r = 0; r < R; r++) {
      gu += b->rep[r].policy_gu[i];
      il += b->rep[r].policy_il[i];
      dt += b->rep[r].policy_downtime[i];
      if (b->rep[r].policy_il[i] > mx) mx = b->rep[r].policy_il[i];
      if (b->rep[r].policy_gu[i] > 0) hit++;
    }
    csv_text(f, p->id);
    fputc(',', f);
    csv_text(f, p->name);
    /* Its own endpoints, and those it is simulated with (capped at the
       place it took in the fleet, fleet.h fs_fleet_pmatch). */
    double own = fl->pmatch ? fl->pmatch[i].own_n : round(o->n * o->weight);
    fprintf(f, ",%s,%s,%.2f,%.0f,%d,%.4f,%.3f,%.2f,%.2f,%.2f,%.0f\n", p->industry, p->region,
            p->revenue_usd, own, o->agent, R ? (double) hit / (double) R : 0.0,
            R ? dt / (double) R : 0.0, R ? gu / (double) R : 0.0, R ? il / (double) R : 0.0, mx,
            round(o->n * o->weight));
  }
  return fs_out_close(f, dir, "policies.csv", err);
}

/* Writes one ORD table through writer w into dir/name. */
static int write_table(const char *dir, const char *name, const fs_ord_event *ev, const fs_plt *plt,
                       int kind, fs_err *err) {
  FILE *f = fs_out_open(dir, name, err);
  if (!f) return FS_EIO;
  int rc;
  switch (kind) {
  case 0:
    rc = fs_ord_write_selt(f, ev, err);
    break;
  case 1:
    rc = fs_ord_write_melt(f, ev, err);
    break;
  case 2:
    rc = fs_ord_write_quantiles(f, ev, err);
    break;
  case 3:
    rc = fs_ord_write_splt(f, ev, plt, err);
    break;
  case 4:
    rc = fs_ord_write_ept(f, ev, plt, NULL, 0, err);
    break;
  default:
    rc = fs_ord_write_alt(f, ev, plt, err);
    break;
  }
  int rc2 = fs_out_close(f, dir, name, err);
  return rc ? rc : rc2;
}

int fs_losses_write(const char *dir, const fs_loss_ctx *c, fs_err *err) {
  const fs_config *cfg = c->s->cfg;
  if (!cfg->has_costs || c->b->done == 0) return 0;
  summ_set ss = {0};
  fs_ord_summary *os = NULL;
  int rc = build(c, &ss);
  if (rc == 0) {
    os = fs_calloc(ss.n, sizeof *os);
    if (!os) rc = FS_ENOMEM;
  }
  if (rc != 0) {
    free_set(&ss);
    return fs_err_set(err, FS_ENOMEM, "out of memory for loss summaries");
  }
  size_t nplt = 0; /* summaries above policy level come first */
  for (size_t i = 0; i < ss.n; i++) {
    os[i] = (fs_ord_summary){ss.s[i].loss, ss.s[i].expo, ss.s[i].footprint};
    if (ss.s[i].in_plt) nplt = i + 1;
  }
  double rate = isnan(cfg->annual_rate) ? 0.0 : cfg->annual_rate;
  fs_ord_event ev = {
      .event_id = 1, .rate = rate, .nsamples = ss.R, .nsummaries = ss.n, .summary = os};
  rc = write_info(dir, &ss, err);
  if (rc == 0) rc = write_table(dir, "selt.csv", &ev, NULL, 0, err);
  if (rc == 0) rc = write_table(dir, "melt.csv", &ev, NULL, 1, err);
  if (rc == 0) rc = write_table(dir, "quantiles.csv", &ev, NULL, 2, err);
  if (rc == 0 && c->pf) rc = write_policies(dir, c, err);
  fs_ri_outcome ro = {0};
  if (rc == 0 && c->pf && isnan(cfg->annual_rate)) {
    if (c->ri) rc = fs_ri_outcome_build(c, NULL, &ro, err);
    if (rc == 0) rc = fs_insured_write(dir, c, c->ri ? &ro : NULL, err);
  }
  if (rc == 0 && !isnan(cfg->annual_rate)) {
    fs_plt plt = {0};
    rc = fs_plt_build(&plt, cfg->annual_rate, c->years, ss.R, c->seed, err);
    if (rc == 0 && c->pf) {
      if (c->ri) rc = fs_ri_outcome_build(c, &plt, &ro, err);
      if (rc == 0) rc = fs_insured_write(dir, c, c->ri ? &ro : NULL, err);
      for (size_t i = 0; rc == 0 && c->ri && i < ss.n; i++)
        if (strcmp(ss.s[i].persp, "ri") == 0) os[i].occ_loss = ro.occ_net;
    }
    if (rc == 0) {
      /* The period loss table stops at the portfolio and industry levels:
         one row per occurrence and policy would run to millions of rows. */
      fs_ord_event top = ev;
      top.nsummaries = nplt;
      rc = write_table(dir, "splt.csv", &top, &plt, 3, err);
      if (rc == 0) rc = write_table(dir, "ept.csv", &ev, &plt, 4, err);
      if (rc == 0) rc = write_table(dir, "alt.csv", &ev, &plt, 5, err);
    }
    fs_plt_free(&plt);
  }
  fs_ri_outcome_free(&ro);
  free(os);
  free_set(&ss);
  return rc;
}
