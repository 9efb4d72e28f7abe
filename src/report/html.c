/* html.c: report.html: its sections and the page; everything escaped, nothing fetched. */
#include "report/html.h"
#include "report/html_impl.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/plot_impl.h"
#include "util/alloc.h"
#include "util/csv.h"
#include "graph/json.h"
#include "util/manifest.h"
#include "util/path.h"

#define TOP_POLICIES 20
#define TOP_VENDORS  20

/* ---- sections */

static double num(const fs_jval *root, const char *path) {
  return fs_jread_num(fs_jread_path(root, path), NAN);
}

/* "mean X (5 %: A, 95 %: B)" of a replications_stats entry, or "". */
static void fmt_stats(char *buf, size_t cap, const fs_jval *st, int money) {
  buf[0] = '\0';
  double m = num(st, "mean"), lo = num(st, "quantiles.5.value"), hi = num(st, "quantiles.95.value");
  if (!isfinite(m)) return;
  char a[64], b[64], c[64];
  if (money) {
    fs_html__fmt_money(a, sizeof a, m);
    fs_html__fmt_money(b, sizeof b, lo);
    fs_html__fmt_money(c, sizeof c, hi);
  } else if (m < 1000) {
    fs_html__fmt_hours(a, sizeof a, m);
    fs_html__fmt_hours(b, sizeof b, lo);
    fs_html__fmt_hours(c, sizeof c, hi);
  } else {
    fs_html__fmt_int(a, sizeof a, m);
    fs_html__fmt_int(b, sizeof b, lo);
    fs_html__fmt_int(c, sizeof c, hi);
  }
  if (isfinite(lo) && isfinite(hi))
    snprintf(buf, cap, "mean %s (5 %%: %s, 95 %%: %s)", a, b, c);
  else
    snprintf(buf, cap, "mean %s", a);
}

static void section_scenario(FILE *f, const fs_plot *p, const fs_jval *m) {
  fs_html__section_begin(f, "scenario", "Scenario and assumptions");
  table t = fs_html__facts(f);
  char v[512], a[64], b[64];
#define ROW(label, value) fs_html__t_pair(&t, (label), (value))
  ROW("Scenario", fs_jread_str(fs_jread_get(m, "scenario_name"), "?"));
  const char *desc = fs_jread_str(fs_jread_get(m, "scenario_description"), "");
  if (*desc) ROW("Description", desc);
  ROW("Scenario file", fs_manifest_input_path(m, "scenario", "?"));
  fs_html__fmt_when(v, sizeof v, p, 0);
  if (*v) ROW("Start", v);
  /* Seeds are 64-bit: the digits as written in the manifest, not a double. */
  const char *seed = fs_manifest_seed(m, NULL);
  if (seed) ROW("Seed", seed);
  double scale = num(m, "scale");
  if (isfinite(scale)) {
    snprintf(v, sizeof v, "%g", scale);
    ROW("Scale (simulated share of the fleet)", v);
  }
  double se = num(m, "simulated_endpoints"), so = num(m, "simulated_organisations");
  if (isfinite(se) && isfinite(so)) {
    fs_html__fmt_int(a, sizeof a, se);
    fs_html__fmt_int(b, sizeof b, so);
    snprintf(v, sizeof v, "%s endpoints in %s organisations", a, b);
    ROW("Simulated", v);
  }
  double reps = num(m, "replications"), thr = num(m, "threads");
  if (isfinite(reps)) {
    snprintf(v, sizeof v, "%.0f (on %.0f threads)", reps, isfinite(thr) ? thr : 1);
    ROW("Replications", v);
  }
  const char *q = fs_jread_str(fs_jread_get(m, "queue"), "");
  if (*q) ROW("Pending-event set", q);
  fs_html__t_end(&t);
#undef ROW
  const char *sn = fs_jread_str(fs_jread_get(m, "scale_note"), "");
  if (*sn) fs_html__note(f, "small", sn);
  const fs_jval *pm = fs_jread_get(m, "params");
  if (fs_jread_get(m, "partial") && fs_jread_get(m, "partial")->kind == FS_JBOOL &&
      fs_jread_get(m, "partial")->b)
    fs_html__note(f, "note warn",
                  "This run was interrupted: the folder holds the replications that "
                  "finished (manifest.json \"partial\": true).");
  fputs("<h3>Parameters</h3>\n", f);
  static const char *const hp[] = {"Parameter",   "Value",  "Default", "Unit",
                                   "Description", "Source", NULL};
  table tp = {f, hp, "tnnttt", "params", 0};
  for (size_t i = 0; pm && pm->kind == FS_JOBJ && i < pm->n; i++) {
    const fs_jval *e = &pm->items[i];
    double val = num(e, "value"), dfl = num(e, "default");
    char vs[64] = "", ds[64] = "";
    if (isfinite(val))
      snprintf(vs, sizeof vs, "%.6g%s", val, isfinite(dfl) && val != dfl ? " *" : "");
    if (isfinite(dfl)) snprintf(ds, sizeof ds, "%.6g", dfl);
    const char *c6[] = {pm->keys[i],
                        vs,
                        ds,
                        fs_jread_str(fs_jread_get(e, "unit"), ""),
                        fs_jread_str(fs_jread_get(e, "description"), ""),
                        fs_jread_str(fs_jread_get(e, "source"), "")};
    fs_html__t_row(&tp, c6);
  }
  if (fs_html__t_end(&tp))
    fs_html__note(f, "small",
                  "* set on the command line (--set), differs from the scenario's default.");
  else
    fs_html__note(f, "note", "The scenario declares no parameters (params{}).");
  fputs("</section>\n", f);
}

/* A row of the headline table; stats is left out of a two-column one. */
static void row3(table *t, const char *label, const char *value, const char *stats) {
  const char *cells[3] = {label, value, stats};
  fs_html__t_row(t, cells);
}

/* Fleet, affected endpoints, the peak and endpoint-hours down. */
static void headline_counts(table *t, const fs_plot *p, const fs_jval *s, const fs_jval *rs) {
  char v[256], st[256], a[64], w[64];
  double fleet = num(s, "fleet_endpoints"), aff = num(s, "affected_endpoints"),
         share = num(s, "affected_share_of_fleet");
  if (isfinite(fleet)) {
    fs_html__fmt_int(v, sizeof v, fleet);
    row3(t, "Fleet endpoints (with the agent, all platforms)", v, "");
  }
  if (isfinite(aff)) {
    fs_html__fmt_int(a, sizeof a, aff);
    if (isfinite(share))
      snprintf(v, sizeof v, "%s (%.2f %% of the fleet)", a, 100 * share);
    else
      snprintf(v, sizeof v, "%s", a);
    fmt_stats(st, sizeof st, fs_jread_get(rs, "affected_endpoints"), 0);
    row3(t, "Affected endpoints", v, st);
  }
  double peak = num(s, "peak_down"), ph = num(s, "peak_down_hours");
  if (isfinite(peak)) {
    fs_html__fmt_int(a, sizeof a, peak);
    fs_html__fmt_when(w, sizeof w, p, ph);
    if (isfinite(ph))
      snprintf(v, sizeof v, "%s at %.1f h%s%s%s", a, ph, *w ? " (" : "", w, *w ? ")" : "");
    else
      snprintf(v, sizeof v, "%s", a);
    fmt_stats(st, sizeof st, fs_jread_get(rs, "peak_down"), 0);
    row3(t, "Peak endpoints down at once", v, st);
  }
  double ehd = num(s, "endpoint_hours_down");
  if (isfinite(ehd)) {
    fs_html__fmt_int(v, sizeof v, ehd);
    fmt_stats(st, sizeof st, fs_jread_get(rs, "endpoint_hours_down"), 0);
    row3(t, "Endpoint-hours down", v, st);
  }
}

/* Recovery times, fixes by kind and what is still down at the end. */
static void headline_recovery(table *t, const fs_plot *p, const fs_jval *s, const fs_jval *rs) {
  char v[256], st[256], a[64], w[64];
  const fs_jval *rh = fs_jread_get(s, "recovery_hours");
  for (size_t i = 0; rh && rh->kind == FS_JOBJ && i < rh->n; i++) {
    char label[96], key[64];
    snprintf(label, sizeof label, "%s %% of affected endpoints back up after", rh->keys[i]);
    double h = fs_jread_num(&rh->items[i], NAN);
    if (isfinite(h)) {
      fs_html__fmt_hours(a, sizeof a, h);
      fs_html__fmt_when(w, sizeof w, p, h);
      snprintf(v, sizeof v, "%s%s%s%s", a, *w ? " (" : "", w, *w ? ")" : "");
    } else {
      snprintf(v, sizeof v, "not reached within the simulated span");
    }
    snprintf(key, sizeof key, "recovery_hours_%s", rh->keys[i]);
    fmt_stats(st, sizeof st, fs_jread_get(rs, key), 0);
    row3(t, label, v, st);
  }
  double fh = num(s, "fixed_by.hand"), fr = num(s, "fixed_by.reboot"), ft = num(s, "fixed_by.tool");
  if (isfinite(fh) && isfinite(fr) && isfinite(ft)) {
    char b[64], c[64];
    fs_html__fmt_int(a, sizeof a, fh);
    fs_html__fmt_int(b, sizeof b, fr);
    fs_html__fmt_int(c, sizeof c, ft);
    snprintf(v, sizeof v, "%s / %s / %s", a, b, c);
    row3(t, "Fixed by hand / by reboot / by a tool", v, "");
  }
  double sd = num(s, "still_down_at_end");
  if (isfinite(sd)) {
    fs_html__fmt_int(v, sizeof v, sd);
    row3(t, "Still down at the end of the simulated span", v, "");
  }
}

/* A money row: the mean at path in loss and its spread at stats_path. */
static void money_row(table *t, const fs_jval *loss, const char *path, const char *stats_path,
                      const char *label) {
  double x = num(loss, path);
  if (!isfinite(x)) return;
  char v[256], st[256];
  fs_html__fmt_money(v, sizeof v, x);
  fmt_stats(st, sizeof st, fs_jread_path(loss, stats_path), 1);
  row3(t, label, v, st);
}

static void section_headline(FILE *f, const fs_plot *p, const fs_jval *s) {
  fs_html__section_begin(f, "headline", "Headline figures");
  const fs_jval *rs = fs_jread_get(s, "replications_stats");
  double R = num(rs, "n");
  static const char *const h3[] = {"Figure", "Value", "Across replications", NULL};
  static const char *const h2[] = {"Figure", "Value", NULL};
  int multi = isfinite(R) && R > 1;
  table t = {f, multi ? h3 : h2, "tnt", "headline", 0};
  headline_counts(&t, p, s, rs);
  headline_recovery(&t, p, s, rs);
  const fs_jval *loss = fs_jread_get(s, "loss");
  money_row(&t, loss, "economic_total.mean", "economic_total", "Economic loss of the fleet (mean)");
  money_row(&t, loss, "portfolio.ground_up_usd.mean", "portfolio.ground_up_usd",
            "Portfolio ground-up loss (mean)");
  money_row(&t, loss, "portfolio.insured_usd.mean", "portfolio.insured_usd",
            "Portfolio insured loss (mean)");
  if (fs_html__t_end(&t)) {
    char txt[300];
    snprintf(txt, sizeof txt,
             "Value: replication 1 (the one in timeseries.csv and orgs.csv) for counts and "
             "times, the mean across replications for losses.%s",
             multi ? " Across replications: mean and the 5th and 95th percentiles." : "");
    fs_html__note(f, "small", txt);
  } else {
    fs_html__note(f, "note", "summary.json holds no headline figures.");
  }
  fputs("</section>\n", f);
}

static int section_timelines(FILE *f, const fs_plot *p, fs_err *err) {
  fs_html__section_begin(f, "timelines", "Timelines");
  int rc = fs_html__figure(f, p, "down_by_industry", err);
  if (rc == 0) rc = fs_html__figure(f, p, "recovery", err);
  fputs("</section>\n", f);
  return rc;
}

/* Affected endpoints (and losses) per key of an object of summary.json. */
static void counts_table(FILE *f, const fs_jval *counts, const fs_jval *loss, const names *nm,
                         const char *what) {
  double total = 0;
  for (size_t i = 0; counts && counts->kind == FS_JOBJ && i < counts->n; i++) {
    double x = fs_jread_num(&counts->items[i], NAN);
    if (isfinite(x)) total += x;
  }
  static const char *const h4[] = {
      "", "Name", "Affected endpoints", "Share of affected", "Mean economic loss", NULL};
  static const char *const h3[] = {"", "Name", "Affected endpoints", "Share of affected", NULL};
  static const char *const h3n[] = {"", "Affected endpoints", "Share of affected", NULL};
  const char *const *h = loss ? h4 : nm ? h3 : h3n;
  const char *head[6];
  int nh = 0;
  for (; h[nh]; nh++) head[nh] = h[nh];
  head[nh] = NULL;
  head[0] = what;
  table t = {f, head, nm ? "ttnnn" : "tnnn", "data", 0};
  for (size_t i = 0; counts && counts->kind == FS_JOBJ && i < counts->n; i++) {
    double x = fs_jread_num(&counts->items[i], NAN);
    if (!isfinite(x)) continue;
    char a[64], b[64], c[64] = "";
    fs_html__fmt_int(a, sizeof a, x);
    if (total > 0)
      snprintf(b, sizeof b, "%.1f %%", 100 * x / total);
    else
      snprintf(b, sizeof b, "0 %%");
    double l = fs_jread_num(fs_jread_get(loss, counts->keys[i]), NAN);
    if (isfinite(l)) fs_html__fmt_money(c, sizeof c, l);
    if (nm) {
      const char *cells[] = {counts->keys[i], fs_html__name_of(nm, counts->keys[i]), a, b, c};
      fs_html__t_row(&t, cells);
    } else {
      const char *cells[] = {counts->keys[i], a, b};
      fs_html__t_row(&t, cells);
    }
  }
  if (!fs_html__t_end(&t)) fs_html__note(f, "note", "summary.json has no counts here.");
}

static int section_industries(FILE *f, const fs_plot *p, const fs_jval *s, fs_err *err) {
  names nm;
  int rc = fs_html__load_industry_names(p->dir, &nm, err);
  if (rc != 0) return rc;
  fs_html__section_begin(f, "industries", "Industries");
  const fs_jval *loss = fs_jread_path(s, "loss.by_industry_usd");
  counts_table(f, fs_jread_get(s, "affected_by_industry"), loss, &nm, "Industry");
  if (loss) rc = fs_html__figure(f, p, "loss_by_industry", err);
  fputs("</section>\n", f);
  return rc;
}

static int section_regions(FILE *f, const fs_plot *p, const fs_jval *s, fs_err *err) {
  fs_html__section_begin(f, "regions", "Regions");
  int rc = fs_html__figure(f, p, "down_by_region", err);
  counts_table(f, fs_jread_get(s, "affected_by_region"), NULL, NULL, "Region");
  fputs("</section>\n", f);
  return rc;
}

/* Return period, then OEP and AEP of each curve. */
static void ep_table(FILE *f, const fs_ep_curve *ep, const char *const *labels, int n) {
  assert(n >= 1 && n <= 3);
  const char *head[8];
  char hbuf[6][96];
  head[0] = "Return period (years)";
  for (int i = 0; i < n; i++) {
    snprintf(hbuf[2 * i], sizeof hbuf[0], "%s OEP", labels[i]);
    snprintf(hbuf[2 * i + 1], sizeof hbuf[0], "%s AEP", labels[i]);
    head[1 + 2 * i] = hbuf[2 * i];
    head[2 + 2 * i] = hbuf[2 * i + 1];
  }
  head[1 + 2 * n] = NULL;
  table t = {f, head, "nnnnnnn", "data", 0};
  for (int k = ep[0].n; k-- > 0;) {
    char cells[7][64];
    const char *cp[7];
    int ok = 1;
    snprintf(cells[0], sizeof cells[0], "%g", ep[0].rp[k]);
    cp[0] = cells[0];
    for (int i = 0; i < n; i++) {
      int kk = -1; /* the same return period in curve i */
      for (int j = 0; j < ep[i].n; j++)
        if (ep[i].rp[j] == ep[0].rp[k]) kk = j;
      if (kk < 0 || !isfinite(ep[i].oep[kk]) || !isfinite(ep[i].aep[kk])) {
        ok = 0;
        break;
      }
      fs_html__fmt_money(cells[1 + 2 * i], sizeof cells[0], ep[i].oep[kk]);
      fs_html__fmt_money(cells[2 + 2 * i], sizeof cells[0], ep[i].aep[kk]);
      cp[1 + 2 * i] = cells[1 + 2 * i];
      cp[2 + 2 * i] = cells[2 + 2 * i];
    }
    if (ok) fs_html__t_row(&t, cp);
  }
  if (fs_html__t_end(&t))
    fs_html__note(f, "small",
                  "OEP: the largest single-event loss in a year; AEP: the sum of a year's losses; "
                  "both with full sampling uncertainty (ept.csv, EPCalc 2).");
}

/* The EP table of the summaries ids[0..n) of dir/ept.csv, when the file
   has rows for them. 1 when there is no ept.csv. */
static int ep_section_table(FILE *f, const char *dir, const int *ids, const char *const *labels,
                            int n, fs_err *err) {
  char path[FS_PATH_MAX];
  int rc = fs_plot__input(dir, "ept.csv", path, sizeof path, err);
  if (rc != 0) return rc;
  fs_ep_curve ep[3];
  memset(ep, 0, sizeof ep);
  if ((rc = fs_plot_read_ep(path, ids, n, ep, err)) != 0) return rc;
  if (ep[0].n > 0) ep_table(f, ep, labels, n);
  return 0;
}

/* Statistics of the fleet's economic loss, the annual rate and the AAL. */
static void loss_table(FILE *f, const fs_jval *loss) {
  static const char *const h2[] = {"Statistic", "Economic loss of the fleet", NULL};
  table t = {f, h2, "tn", "data", 0};
  const fs_jval *et = fs_jread_get(loss, "economic_total");
  char v[96];
  static const struct {
    const char *label, *path;
  } rows[] = {{"Mean", "mean"},
              {"Standard deviation", "sd"},
              {"5th percentile", "quantiles.5.value"},
              {"Median", "quantiles.50.value"},
              {"95th percentile", "quantiles.95.value"},
              {"99th percentile", "quantiles.99.value"},
              {"Largest replication", "max"}};
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    double x = num(et, rows[i].path);
    if (!isfinite(x)) continue;
    fs_html__fmt_money(v, sizeof v, x);
    fs_html__t_pair(&t, rows[i].label, v);
  }
  double col = num(et, "chance_of_loss");
  if (isfinite(col)) {
    snprintf(v, sizeof v, "%.1f %%", 100 * col);
    fs_html__t_pair(&t, "Chance of a loss (share of replications)", v);
  }
  double rate = num(loss, "annual_rate"), mean = num(et, "mean");
  if (isfinite(rate) && isfinite(mean) && rate > 0) {
    snprintf(v, sizeof v, "%g per year", rate);
    fs_html__t_pair(&t, "Annual rate of the event (param annual_rate)", v);
    fs_html__fmt_money(v, sizeof v, rate * mean);
    fs_html__t_pair(&t, "Average annual loss (rate x mean)", v);
  }
  if (!fs_html__t_end(&t)) fs_html__note(f, "note", "summary.json has no loss statistics.");
}

static int section_losses(FILE *f, const fs_plot *p, const fs_jval *s, fs_err *err) {
  fs_html__section_begin(f, "losses", "Losses and exceedance curves");
  const fs_jval *loss = fs_jread_get(s, "loss");
  int rc = 0;
  if (!loss) {
    fs_html__note(f, "note",
                  "Not available: the scenario has no costs table, so no losses were computed "
                  "(add costs = require \"costs\" to the scenario).");
  } else {
    loss_table(f, loss);
    rc = fs_html__figure(f, p, "loss_distribution", err);
    if (rc == 0) rc = fs_html__figure(f, p, "ep_fleet", err);
    static const int id[] = {1};
    static const char *const lab[] = {"Fleet"};
    if (rc == 0) rc = ep_section_table(f, p->dir, id, lab, 1, err);
    if (rc == 1) {
      fs_html__note(f, "note",
                    "No exceedance curves: ept.csv is missing (the scenario has no annual_rate "
                    "parameter).");
      rc = 0;
    }
  }
  fputs("</section>\n", f);
  return rc;
}

/* ---- the portfolio (policies.csv) */

typedef struct policy {
  char id[64], name[128], industry[64], region[64];
  double endpoints, col, downtime, gu, il, maxil;
} policy;

/* What the portfolio section shows of policies.csv: totals and the
   policies with the largest mean insured loss, descending (ties in file
   order). */
typedef struct policies {
  policy top[TOP_POLICIES];
  int ntop;
  size_t npol, nloss;
  double sum_gu, sum_il;
} policies;

enum { POL_TEXT = 4, POL_COLS = 10 };

/* Copies the text fields of the current record into x. */
static int policy_text(const fs_csv *c, const long *ix, policy *x, fs_err *err) {
  char *dst[POL_TEXT] = {x->id, x->name, x->industry, x->region};
  size_t cap[POL_TEXT] = {sizeof x->id, sizeof x->name, sizeof x->industry, sizeof x->region};
  for (int k = 0; k < POL_TEXT; k++) {
    const char *v = fs_csv_text(c, (size_t) ix[k]);
    if (strlen(v) >= cap[k])
      return fs_csv_fail(c, (size_t) ix[k], err, FS_ELIMIT, "longer than %zu bytes", cap[k] - 1);
    memcpy(dst[k], v, strlen(v) + 1);
  }
  return 0;
}

/* One row of policies.csv into the totals and, when it is among the
   largest, the top list. */
static int policy_row(const fs_csv *c, const long *ix, policies *pol, fs_err *err) {
  policy x;
  memset(&x, 0, sizeof x);
  int rc = policy_text(c, ix, &x, err);
  double *dst[] = {&x.endpoints, &x.col, &x.downtime, &x.gu, &x.il, &x.maxil};
  for (int k = 0; k < POL_COLS - POL_TEXT && rc == 0; k++)
    rc = fs_csv_number(c, (size_t) ix[POL_TEXT + k], FS_CSV_NONNEG, dst[k], err);
  if (rc != 0) return rc;
  pol->npol++;
  pol->nloss += x.col > 0;
  pol->sum_gu += x.gu;
  pol->sum_il += x.il;
  int pos = pol->ntop;
  while (pos > 0 && pol->top[pos - 1].il < x.il) pos--;
  if (pos < TOP_POLICIES) {
    int last = pol->ntop < TOP_POLICIES ? pol->ntop : TOP_POLICIES - 1;
    memmove(&pol->top[pos + 1], &pol->top[pos], (size_t) (last - pos) * sizeof pol->top[0]);
    pol->top[pos] = x;
    if (pol->ntop < TOP_POLICIES) pol->ntop++;
  }
  return 0;
}

static int read_policies(const char *path, policies *pol, fs_err *err) {
  memset(pol, 0, sizeof *pol);
  fs_csv *c;
  int rc = fs_plot__csv(&c, path, err);
  if (rc != 0) return rc;
  static const char *const cols[POL_COLS] = {
      "PolicyId",       "Name",         "Industry",          "Region",
      "Endpoints",      "ChanceOfLoss", "MeanDowntimeHours", "MeanGroundUpUSD",
      "MeanInsuredUSD", "MaxInsuredUSD"};
  long ix[POL_COLS];
  for (int k = 0; k < POL_COLS && rc == 0; k++)
    if ((ix[k] = fs_csv_find(c, cols[k])) < 0)
      rc = fs_err_set(err, FS_EINVAL, "%s: missing column %s", path, cols[k]);
  while (rc == 0 && (rc = fs_csv_next(c, err)) == 1) rc = policy_row(c, ix, pol, err);
  fs_csv_close(c);
  return rc < 0 ? rc : 0;
}

static void portfolio_totals(FILE *f, const fs_jval *s, const policies *pol) {
  const fs_jval *pf = fs_jread_path(s, "loss.portfolio");
  static const char *const h2[] = {"Portfolio", "Value", NULL};
  table t = {f, h2, "tn", "data", 0};
  char v[256], a[64];
  const char *pname = fs_jread_str(fs_jread_get(pf, "name"), "");
  if (*pname) fs_html__t_pair(&t, "Name", pname);
  fs_html__fmt_int(v, sizeof v, (double) pol->npol);
  fs_html__t_pair(&t, "Policies", v);
  fs_html__fmt_int(a, sizeof a, (double) pol->nloss);
  snprintf(v, sizeof v, "%s (%.1f %%)", a,
           pol->npol ? 100.0 * (double) pol->nloss / (double) pol->npol : 0.0);
  fs_html__t_pair(&t, "Policies with a loss in some replication", v);
  char st[256];
  fs_html__fmt_money(v, sizeof v, pol->sum_gu);
  fs_html__t_pair(&t, "Ground-up loss, sum of policy means", v);
  fmt_stats(st, sizeof st, fs_jread_get(pf, "ground_up_usd"), 1);
  if (*st) fs_html__t_pair(&t, "Ground-up loss across replications", st);
  fs_html__fmt_money(v, sizeof v, pol->sum_il);
  fs_html__t_pair(&t, "Insured loss, sum of policy means", v);
  fmt_stats(st, sizeof st, fs_jread_get(pf, "insured_usd"), 1);
  if (*st) fs_html__t_pair(&t, "Insured loss across replications", st);
  fs_html__t_end(&t);
}

static void top_policies(FILE *f, const policies *pol) {
  char v[96];
  snprintf(v, sizeof v, "Top %d policies by mean insured loss", pol->ntop);
  fs_html__heading(f, v);
  static const char *const hp[] = {"Policy",
                                   "Name",
                                   "Industry",
                                   "Region",
                                   "Endpoints",
                                   "Chance of loss",
                                   "Mean downtime",
                                   "Mean ground-up",
                                   "Mean insured",
                                   "Max insured",
                                   NULL};
  table tp = {f, hp, "ttttnnnnnn", "data policies", 0};
  for (int i = 0; i < pol->ntop; i++) {
    const policy *x = &pol->top[i];
    char ep[64], col[64], dt[64], gu[64], il[64], mx[64];
    fs_html__fmt_int(ep, sizeof ep, x->endpoints);
    snprintf(col, sizeof col, "%.0f %%", 100 * x->col);
    fs_html__fmt_hours(dt, sizeof dt, x->downtime);
    fs_html__fmt_money(gu, sizeof gu, x->gu);
    fs_html__fmt_money(il, sizeof il, x->il);
    fs_html__fmt_money(mx, sizeof mx, x->maxil);
    const char *cells[] = {x->id, x->name, x->industry, x->region, ep, col, dt, gu, il, mx};
    fs_html__t_row(&tp, cells);
  }
  if (!fs_html__t_end(&tp)) fs_html__note(f, "note", "policies.csv lists no policies.");
}

/* The portfolio's EP chart and, when summary_info.csv names its totals and
   ept.csv has them, its EP table. */
static int portfolio_ep(FILE *f, const fs_plot *p, fs_err *err) {
  int rc = fs_html__figure(f, p, "ep_portfolio", err);
  int gul, ilid;
  if (rc == 0) rc = fs_plot_portfolio_ids(p->dir, &gul, &ilid, err);
  if (rc != 0 || !gul || !ilid) return rc;
  const int ids[] = {gul, ilid};
  static const char *const lab[] = {"Ground-up", "Insured"};
  rc = ep_section_table(f, p->dir, ids, lab, 2, err);
  return rc < 0 ? rc : 0;
}

static int section_portfolio(FILE *f, const fs_plot *p, const fs_jval *s, fs_err *err) {
  char path[FS_PATH_MAX];
  int rc = fs_plot__input(p->dir, "policies.csv", path, sizeof path, err);
  if (rc < 0) return rc;
  policies pol;
  int have = rc == 0;
  if (have && (rc = read_policies(path, &pol, err)) != 0) return rc;
  rc = 0;
  fs_html__section_begin(f, "portfolio", "Portfolio");
  if (!have) {
    fs_html__note(f, "note",
                  "Not available: the run had no portfolio (run with --portfolio FILE).");
  } else {
    portfolio_totals(f, s, &pol);
    top_policies(f, &pol);
    rc = portfolio_ep(f, p, err);
  }
  fputs("</section>\n", f);
  return rc;
}

/* ---- single points of failure (graph.json) */

static void spof_missing(FILE *f, const fs_jval *g, const char *gerr) {
  char msg[1200];
  if (gerr)
    snprintf(msg, sizeof msg, "Not available: graph.json could not be read: %s", gerr);
  else if (g)
    snprintf(msg, sizeof msg, "Not available: graph.json lists no single points of failure.");
  else
    snprintf(msg, sizeof msg,
             "Not available: the folder has no graph.json (the dependency-graph analysis, "
             "'fleetsim graph', did not run for this scenario).");
  fs_html__note(f, "note", msg);
}

/* One vendor's row of the table. */
static void vendor_row(table *t, const fs_jval *e) {
  double dep = num(e, FS_GJ_DEPENDENTS), ep = num(e, FS_GJ_ENDPOINTS), rev = num(e, FS_GJ_REVENUE),
         pol = num(e, "policies");
  char a1[64] = "", a2[64] = "", a3[64] = "", a4[64] = "";
  if (isfinite(dep)) fs_html__fmt_int(a1, sizeof a1, dep);
  if (isfinite(ep)) fs_html__fmt_int(a2, sizeof a2, ep);
  if (isfinite(rev)) fs_html__fmt_money(a3, sizeof a3, rev);
  if (isfinite(pol)) fs_html__fmt_int(a4, sizeof a4, pol);
  const char *cells[] = {fs_jread_str(fs_jread_get(e, FS_GJ_VENDOR), "?"),
                         fs_jread_str(fs_jread_get(e, FS_GJ_CATEGORY), ""),
                         a1,
                         a2,
                         a3,
                         a4};
  fs_html__t_row(t, cells);
}

/* The vendors of a (an array of graph.json), the largest by endpoints
   first, as in the chart. */
static int vendor_table(FILE *f, const fs_jval *a, fs_err *err) {
  size_t n = a->n, *ord = fs_malloc(n * sizeof *ord);
  if (!ord) return fs_err_set(err, FS_ENOMEM, "out of memory for graph.json's vendors");
  for (size_t i = 0; i < n; i++) ord[i] = i;
  for (size_t i = 1; i < n; i++)
    for (size_t j = i; j > 0 && num(&a->items[ord[j - 1]], FS_GJ_ENDPOINTS) <
                                    num(&a->items[ord[j]], FS_GJ_ENDPOINTS);
         j--) {
      size_t t = ord[j];
      ord[j] = ord[j - 1];
      ord[j - 1] = t;
    }
  int has_pol = 0;
  for (size_t i = 0; i < n; i++) has_pol |= isfinite(num(&a->items[i], "policies"));
  static const char *const h[] = {"Vendor",
                                  "Category",
                                  "Dependent organisations",
                                  "Dependent endpoints",
                                  "Dependent revenue",
                                  "Portfolio policies",
                                  NULL};
  const char *head[7];
  memcpy(head, h, sizeof head);
  if (!has_pol) head[5] = NULL;
  table t = {f, head, "ttnnnn", "data", 0};
  for (size_t i = 0; i < n && i < TOP_VENDORS; i++) vendor_row(&t, &a->items[ord[i]]);
  free(ord);
  if (fs_html__t_end(&t))
    fs_html__note(f, "small",
                  "Blast radius: what depends on the vendor, directly or through other "
                  "providers (graph.json from 'fleetsim graph'); the largest by endpoints.");
  return 0;
}

static int section_spof(FILE *f, const fs_plot *p, const fs_jval *g, const char *gerr,
                        fs_err *err) {
  fs_html__section_begin(f, "spof", "Single points of failure");
  const fs_jval *a = fs_jread_get(g, FS_GJ_SPOF);
  int rc = 0;
  if (!a || a->kind != FS_JARR || a->n == 0) {
    spof_missing(f, g, gerr);
  } else {
    rc = fs_html__figure(f, p, "blast_radius", err);
    if (rc == 0) rc = vendor_table(f, a, err);
  }
  fputs("</section>\n", f);
  return rc;
}

static void footer(FILE *f, const fs_jval *m) {
  fs_html__footer_begin(f);
  table t = fs_html__facts(f);
  char v[512];
#define ROW(label, value) fs_html__t_pair(&t, (label), (value))
  fs_manifest_program(m, v, sizeof v);
  ROW("Program", v);
  /* Seeds are 64-bit: the digits as written in the manifest, not a double. */
  const char *seed = fs_manifest_seed(m, NULL);
  if (seed) ROW("Seed", seed);
  ROW("Command", fs_jread_str(fs_jread_get(m, "command"), "?"));
  ROW("Scenario file", fs_manifest_input_path(m, "scenario", "?"));
  ROW("Scenario hash", fs_manifest_input_hash(m, "scenario", "?"));
  const char *pf = fs_manifest_input_path(m, "portfolio", NULL);
  if (pf) ROW("Portfolio", pf);
  if (pf) ROW("Portfolio hash", fs_manifest_input_hash(m, "portfolio", "?"));
  ROW("Models folder", fs_manifest_input_path(m, "models", "?"));
  double ev = num(m, "events"), ws = num(m, "wall_seconds");
  if (isfinite(ev) && isfinite(ws)) {
    char a[64];
    fs_html__fmt_int(a, sizeof a, ev);
    snprintf(v, sizeof v, "%s events (replication 1), %.1f s wall time", a, ws);
    ROW("Run", v);
  }
#undef ROW
  fs_html__t_end(&t);
  fs_html__note(f, "small",
                "The same command with the same program version and scenario hash gives the "
                "same numbers. Re-render the plots and this page from the folder with "
                "'fleetsim report DIR'; restyle a chart by editing plots/NAME.gp and running "
                "'gnuplot NAME.gp' inside plots/.");
  fputs("</footer>\n", f);
}

/* What the run report is made of. */
typedef struct run_page {
  const fs_plot *p;
  const fs_jval *m, *s, *g;
  const char *gerr;
} run_page;

static void page_header(FILE *f, const run_page *rp) {
  const char *name = fs_jread_str(fs_jread_get(rp->m, "scenario_name"), "run");
  fs_html__page_begin(f, name, "fleetsim report", "", "");
  const char *desc = fs_jread_str(fs_jread_get(rp->m, "scenario_description"), "");
  fs_html__text(f, *desc ? desc : "fleetsim run report");
  fputs("</p>\n<nav><ol>"
        "<li><a href=\"#scenario\">Scenario</a></li><li><a href=\"#headline\">Headline "
        "figures</a></li><li><a href=\"#timelines\">Timelines</a></li><li><a "
        "href=\"#industries\">Industries</a></li>",
        f);
  if (fs_jread_get(rp->s, "business"))
    fputs("<li><a href=\"#business\">Business impact</a></li>", f);
  if (fs_jread_get(rp->s, "market"))
    fputs("<li><a href=\"#market\">Customers and the rest</a></li>", f);
  fputs("<li><a href=\"#regions\">Regions</a></li>"
        "<li><a href=\"#losses\">Losses</a></li><li><a href=\"#portfolio\">Portfolio</a></li>"
        "<li><a href=\"#spof\">Single points of failure</a></li><li><a "
        "href=\"#reproducibility\">Reproducibility</a></li></ol></nav>\n</header>\n",
        f);
  fs_html__skip_note(f, rp->p);
}

static int write_page(FILE *f, const void *ctx, fs_err *err) {
  const run_page *rp = ctx;
  const fs_plot *p = rp->p;
  page_header(f, rp);
  fputs("<main>\n", f);
  section_scenario(f, p, rp->m);
  section_headline(f, p, rp->s);
  int rc = section_timelines(f, p, err);
  if (rc == 0) rc = section_industries(f, p, rp->s, err);
  if (rc == 0) rc = fs_html__section_business(f, p, rp->s, err);
  if (rc == 0) rc = fs_html__section_market(f, p, rp->s, err);
  if (rc == 0) rc = section_regions(f, p, rp->s, err);
  if (rc == 0) rc = section_losses(f, p, rp->s, err);
  if (rc == 0) rc = section_portfolio(f, p, rp->s, err);
  if (rc == 0) rc = section_spof(f, p, rp->g, rp->gerr, err);
  if (rc != 0) return rc;
  fputs("</main>\n", f);
  footer(f, rp->m);
  fputs("</body>\n</html>\n", f);
  return 0;
}

int fs_html_write(const char *dir, const fs_plot *p, const fs_jval *manifest,
                  const fs_jval *summary, const fs_jval *graph, const char *graph_error,
                  fs_err *err) {
  run_page rp = {p, manifest, summary, graph, graph_error};
  return fs_html__write_page(dir, write_page, &rp, err);
}
