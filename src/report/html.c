/* html.c: report.html: its sections and the page; everything escaped, nothing fetched. */
#include "report/html.h"
#include "report/html_impl.h"
#include "util/json.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/csv.h"
#include "util/alloc.h"

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

static void section_begin(FILE *f, const char *id, const char *title) {
  fprintf(f, "<section id=\"%s\">\n<h2>", id);
  fs_xml_str(f, title);
  fputs("</h2>\n", f);
}

static void section_scenario(FILE *f, const fs_plot *p, const fs_jval *m, const fs_jval *s) {
  section_begin(f, "scenario", "Scenario and assumptions");
  static const char *const h2[] = {"Item", "Value", NULL};
  table t = {f, h2, "tt", "facts", 0};
  char v[512], a[64], b[64];
#define ROW(label, value) fs_html__t_pair(&t, (label), (value))
  ROW("Scenario", fs_jread_str(fs_jread_get(m, "scenario_name"), "?"));
  const char *desc = fs_jread_str(fs_jread_get(m, "scenario_description"), "");
  if (*desc) ROW("Description", desc);
  ROW("Scenario file", fs_jread_str(fs_jread_get(m, "scenario"), "?"));
  fs_html__fmt_when(v, sizeof v, p, 0);
  if (*v) ROW("Start", v);
  /* Seeds are 64-bit: the digits as written in the manifest, not a double. */
  const char *seed = fs_jread_numtext(fs_jread_get(m, "seed"), NULL);
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
  (void) s;
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

static void section_headline(FILE *f, const fs_plot *p, const fs_jval *s) {
  section_begin(f, "headline", "Headline figures");
  const fs_jval *rs = fs_jread_get(s, "replications_stats");
  double R = num(rs, "n");
  static const char *const h3[] = {"Figure", "Value", "Across replications", NULL};
  static const char *const h2[] = {"Figure", "Value", NULL};
  int multi = isfinite(R) && R > 1;
  table t = {f, multi ? h3 : h2, "tnt", "headline", 0};
  char v[256], st[256], a[64], w[64];
  const char *cells[3];
#define ROW(label, value, stats)                                                                   \
  do {                                                                                             \
    cells[0] = (label);                                                                            \
    cells[1] = (value);                                                                            \
    cells[2] = (stats);                                                                            \
    fs_html__t_row(&t, cells);                                                                     \
  } while (0)
  double fleet = num(s, "fleet_endpoints"), aff = num(s, "affected_endpoints"),
         share = num(s, "affected_share_of_fleet");
  if (isfinite(fleet)) {
    fs_html__fmt_int(v, sizeof v, fleet);
    ROW("Fleet endpoints (with the agent, all platforms)", v, "");
  }
  if (isfinite(aff)) {
    fs_html__fmt_int(a, sizeof a, aff);
    if (isfinite(share))
      snprintf(v, sizeof v, "%s (%.2f %% of the fleet)", a, 100 * share);
    else
      snprintf(v, sizeof v, "%s", a);
    fmt_stats(st, sizeof st, fs_jread_get(rs, "affected_endpoints"), 0);
    ROW("Affected endpoints", v, st);
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
    ROW("Peak endpoints down at once", v, st);
  }
  double ehd = num(s, "endpoint_hours_down");
  if (isfinite(ehd)) {
    fs_html__fmt_int(v, sizeof v, ehd);
    fmt_stats(st, sizeof st, fs_jread_get(rs, "endpoint_hours_down"), 0);
    ROW("Endpoint-hours down", v, st);
  }
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
    ROW(label, v, st);
  }
  double fh = num(s, "fixed_by.hand"), fr = num(s, "fixed_by.reboot"), ft = num(s, "fixed_by.tool");
  if (isfinite(fh) && isfinite(fr) && isfinite(ft)) {
    char b[64], c[64];
    fs_html__fmt_int(a, sizeof a, fh);
    fs_html__fmt_int(b, sizeof b, fr);
    fs_html__fmt_int(c, sizeof c, ft);
    snprintf(v, sizeof v, "%s / %s / %s", a, b, c);
    ROW("Fixed by hand / by reboot / by a tool", v, "");
  }
  double sd = num(s, "still_down_at_end");
  if (isfinite(sd)) {
    fs_html__fmt_int(v, sizeof v, sd);
    ROW("Still down at the end of the simulated span", v, "");
  }
  const fs_jval *loss = fs_jread_get(s, "loss");
  double et = num(loss, "economic_total.mean");
  if (isfinite(et)) {
    fs_html__fmt_money(v, sizeof v, et);
    fmt_stats(st, sizeof st, fs_jread_get(loss, "economic_total"), 1);
    ROW("Economic loss of the fleet (mean)", v, st);
  }
  double gu = num(loss, "portfolio.ground_up_usd.mean"),
         il = num(loss, "portfolio.insured_usd.mean");
  if (isfinite(gu)) {
    fs_html__fmt_money(v, sizeof v, gu);
    fmt_stats(st, sizeof st, fs_jread_path(loss, "portfolio.ground_up_usd"), 1);
    ROW("Portfolio ground-up loss (mean)", v, st);
  }
  if (isfinite(il)) {
    fs_html__fmt_money(v, sizeof v, il);
    fmt_stats(st, sizeof st, fs_jread_path(loss, "portfolio.insured_usd"), 1);
    ROW("Portfolio insured loss (mean)", v, st);
  }
#undef ROW
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

static void section_timelines(FILE *f, const fs_plot *p) {
  section_begin(f, "timelines", "Timelines");
  fs_html__figure(f, p, "down_by_industry");
  fs_html__figure(f, p, "recovery");
  fputs("</section>\n", f);
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

static void section_industries(FILE *f, const fs_plot *p, const fs_jval *s) {
  section_begin(f, "industries", "Industries");
  names nm;
  fs_html__load_industry_names(p->dir, &nm);
  counts_table(f, fs_jread_get(s, "affected_by_industry"), fs_jread_path(s, "loss.by_industry_usd"),
               &nm, "Industry");
  if (fs_jread_path(s, "loss.by_industry_usd")) fs_html__figure(f, p, "loss_by_industry");
  fputs("</section>\n", f);
}

static void section_regions(FILE *f, const fs_plot *p, const fs_jval *s) {
  section_begin(f, "regions", "Regions");
  fs_html__figure(f, p, "down_by_region");
  counts_table(f, fs_jread_get(s, "affected_by_region"), NULL, NULL, "Region");
  fputs("</section>\n", f);
}

/* Return period, then OEP and AEP of each curve. */
static void ep_table(FILE *f, const fs_ep_curve *ep, const char *const *labels, int n) {
  const char *head[8];
  char hbuf[6][96];
  head[0] = "Return period (years)";
  for (int i = 0; i < n && i < 3; i++) {
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

static int have_file(const char *dir, const char *name) {
  char path[4400];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *x = fopen(path, "r");
  if (x) fclose(x);
  return x != NULL;
}

static void section_losses(FILE *f, const fs_plot *p, const fs_jval *s) {
  section_begin(f, "losses", "Losses and exceedance curves");
  const fs_jval *loss = fs_jread_get(s, "loss");
  if (!loss) {
    fs_html__note(f, "note",
                  "Not available: the scenario has no costs table, so no losses were computed "
                  "(add costs = require \"costs\" to the scenario).");
    fputs("</section>\n", f);
    return;
  }
  static const char *const h2[] = {"Statistic", "Economic loss of the fleet", NULL};
  table t = {f, h2, "tn", "data", 0};
  const fs_jval *et = fs_jread_get(loss, "economic_total");
  char v[96];
  const char *cells[2];
  struct {
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
    cells[0] = rows[i].label;
    cells[1] = v;
    fs_html__t_row(&t, cells);
  }
  double col = num(et, "chance_of_loss");
  if (isfinite(col)) {
    snprintf(v, sizeof v, "%.1f %%", 100 * col);
    cells[0] = "Chance of a loss (share of replications)";
    cells[1] = v;
    fs_html__t_row(&t, cells);
  }
  double rate = num(loss, "annual_rate"), mean = num(et, "mean");
  if (isfinite(rate) && isfinite(mean) && rate > 0) {
    snprintf(v, sizeof v, "%g per year", rate);
    cells[0] = "Annual rate of the event (param annual_rate)";
    cells[1] = v;
    fs_html__t_row(&t, cells);
    fs_html__fmt_money(v, sizeof v, rate * mean);
    cells[0] = "Average annual loss (rate x mean)";
    cells[1] = v;
    fs_html__t_row(&t, cells);
  }
  if (!fs_html__t_end(&t)) fs_html__note(f, "note", "summary.json has no loss statistics.");
  fs_html__figure(f, p, "loss_distribution");
  fs_html__figure(f, p, "ep_fleet");
  char path[4400];
  snprintf(path, sizeof path, "%s/ept.csv", p->dir);
  if (have_file(p->dir, "ept.csv")) {
    fs_ep_curve ep[1];
    memset(ep, 0, sizeof ep);
    static const int id[] = {1};
    static const char *const lab[] = {"Fleet"};
    fs_err e = {0};
    if (fs_plot_read_ep(path, id, 1, ep, &e) == 0 && ep[0].n > 0) ep_table(f, ep, lab, 1);
  } else {
    fs_html__note(f, "note",
                  "No exceedance curves: ept.csv is missing (the scenario has no annual_rate "
                  "parameter).");
  }
  fputs("</section>\n", f);
}

typedef struct policy {
  char id[64], name[128], industry[64], region[64];
  double endpoints, col, downtime, gu, il, maxil;
} policy;

static void section_portfolio(FILE *f, const fs_plot *p, const fs_jval *s) {
  section_begin(f, "portfolio", "Portfolio");
  char path[4400];
  snprintf(path, sizeof path, "%s/policies.csv", p->dir);
  fs_csv *c = NULL;
  fs_err e = {0};
  if (!have_file(p->dir, "policies.csv") || fs_csv_open(&c, path, &e) != 0) {
    fs_html__note(f, "note",
                  have_file(p->dir, "policies.csv")
                      ? e.msg
                      : "Not available: the run had no portfolio (run with --portfolio FILE).");
    fputs("</section>\n", f);
    return;
  }
  static const char *const cols[] = {
      "PolicyId",       "Name",         "Industry",          "Region",
      "Endpoints",      "ChanceOfLoss", "MeanDowntimeHours", "MeanGroundUpUSD",
      "MeanInsuredUSD", "MaxInsuredUSD"};
  long ix[10];
  int okcols = 1;
  for (int k = 0; k < 10; k++)
    if ((ix[k] = fs_csv_find(c, cols[k])) < 0) okcols = 0;
  policy top[TOP_POLICIES];
  int ntop = 0;
  size_t npol = 0, nloss = 0;
  double sum_gu = 0, sum_il = 0;
  int rc = 0;
  while (okcols && (rc = fs_csv_next(c, &e)) == 1) {
    policy x;
    memset(&x, 0, sizeof x);
    snprintf(x.id, sizeof x.id, "%s", fs_csv_field(c, (size_t) ix[0]));
    snprintf(x.name, sizeof x.name, "%s", fs_csv_field(c, (size_t) ix[1]));
    snprintf(x.industry, sizeof x.industry, "%s", fs_csv_field(c, (size_t) ix[2]));
    snprintf(x.region, sizeof x.region, "%s", fs_csv_field(c, (size_t) ix[3]));
    double *dst[] = {&x.endpoints, &x.col, &x.downtime, &x.gu, &x.il, &x.maxil};
    for (int k = 0; k < 6 && rc >= 0; k++)
      rc = fs_csv_number(c, (size_t) ix[4 + k], FS_CSV_NONNEG, dst[k], &e);
    if (rc < 0) break;
    npol++;
    nloss += x.col > 0;
    sum_gu += x.gu;
    sum_il += x.il;
    /* Keep the largest insured losses, descending; ties keep file order. */
    int pos = ntop;
    while (pos > 0 && top[pos - 1].il < x.il) pos--;
    if (pos < TOP_POLICIES) {
      int last = ntop < TOP_POLICIES ? ntop : TOP_POLICIES - 1;
      memmove(&top[pos + 1], &top[pos], (size_t) (last - pos) * sizeof top[0]);
      top[pos] = x;
      if (ntop < TOP_POLICIES) ntop++;
    }
  }
  fs_csv_close(c);
  if (!okcols || rc < 0) {
    fs_html__note(f, "note warn", okcols ? e.msg : "policies.csv lacks the expected columns.");
    fputs("</section>\n", f);
    return;
  }
  const fs_jval *pf = fs_jread_path(s, "loss.portfolio");
  static const char *const h2[] = {"Portfolio", "Value", NULL};
  table t = {f, h2, "tn", "data", 0};
  char v[256], a[64];
  const char *cells2[2];
#define ROW(label, value)                                                                          \
  do {                                                                                             \
    cells2[0] = (label);                                                                           \
    cells2[1] = (value);                                                                           \
    fs_html__t_row(&t, cells2);                                                                    \
  } while (0)
  const char *pname = fs_jread_str(fs_jread_get(pf, "name"), "");
  if (*pname) ROW("Name", pname);
  fs_html__fmt_int(v, sizeof v, (double) npol);
  ROW("Policies", v);
  fs_html__fmt_int(a, sizeof a, (double) nloss);
  snprintf(v, sizeof v, "%s (%.1f %%)", a, npol ? 100.0 * (double) nloss / (double) npol : 0.0);
  ROW("Policies with a loss in some replication", v);
  char st[256];
  fs_html__fmt_money(v, sizeof v, sum_gu);
  ROW("Ground-up loss, sum of policy means", v);
  fmt_stats(st, sizeof st, fs_jread_get(pf, "ground_up_usd"), 1);
  if (*st) ROW("Ground-up loss across replications", st);
  fs_html__fmt_money(v, sizeof v, sum_il);
  ROW("Insured loss, sum of policy means", v);
  fmt_stats(st, sizeof st, fs_jread_get(pf, "insured_usd"), 1);
  if (*st) ROW("Insured loss across replications", st);
#undef ROW
  fs_html__t_end(&t);
  snprintf(v, sizeof v, "Top %d policies by mean insured loss", ntop);
  fputs("<h3>", f);
  fs_xml_str(f, v);
  fputs("</h3>\n", f);
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
  for (int i = 0; i < ntop; i++) {
    char ep[64], col[64], dt[64], gu[64], il[64], mx[64];
    fs_html__fmt_int(ep, sizeof ep, top[i].endpoints);
    snprintf(col, sizeof col, "%.0f %%", 100 * top[i].col);
    fs_html__fmt_hours(dt, sizeof dt, top[i].downtime);
    fs_html__fmt_money(gu, sizeof gu, top[i].gu);
    fs_html__fmt_money(il, sizeof il, top[i].il);
    fs_html__fmt_money(mx, sizeof mx, top[i].maxil);
    const char *cells[] = {top[i].id, top[i].name, top[i].industry, top[i].region, ep, col, dt, gu,
                           il,        mx};
    fs_html__t_row(&tp, cells);
  }
  if (!fs_html__t_end(&tp)) fs_html__note(f, "note", "policies.csv lists no policies.");
  fs_html__figure(f, p, "ep_portfolio");
  int gul, ilid;
  fs_plot_portfolio_ids(p->dir, &gul, &ilid, &e); /* errors still ignored here, as before */
  snprintf(path, sizeof path, "%s/ept.csv", p->dir);
  if (gul && ilid && have_file(p->dir, "ept.csv")) {
    fs_ep_curve ep[2];
    memset(ep, 0, sizeof ep);
    const int ids[] = {gul, ilid};
    static const char *const lab[] = {"Ground-up", "Insured"};
    if (fs_plot_read_ep(path, ids, 2, ep, &e) == 0 && ep[0].n > 0) ep_table(f, ep, lab, 2);
  }
  fputs("</section>\n", f);
}

static void section_spof(FILE *f, const fs_plot *p, const fs_jval *g, const char *gerr) {
  section_begin(f, "spof", "Single points of failure");
  const fs_jval *a = fs_jread_get(g, "single_points_of_failure");
  if (!a || a->kind != FS_JARR || a->n == 0) {
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
    fputs("</section>\n", f);
    return;
  }
  fs_html__figure(f, p, "blast_radius");
  /* The largest by endpoints, as in the chart. */
  size_t n = a->n, *ord = fs_malloc(n * sizeof *ord);
  if (!ord) {
    fputs("</section>\n", f);
    return;
  }
  for (size_t i = 0; i < n; i++) ord[i] = i;
  for (size_t i = 1; i < n; i++)
    for (size_t j = i;
         j > 0 && num(&a->items[ord[j - 1]], "endpoints") < num(&a->items[ord[j]], "endpoints");
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
  for (size_t i = 0; i < n && i < TOP_VENDORS; i++) {
    const fs_jval *e = &a->items[ord[i]];
    double dep = num(e, "dependents"), ep = num(e, "endpoints"), rev = num(e, "revenue_usd"),
           pol = num(e, "policies");
    char a1[64] = "", a2[64] = "", a3[64] = "", a4[64] = "";
    if (isfinite(dep)) fs_html__fmt_int(a1, sizeof a1, dep);
    if (isfinite(ep)) fs_html__fmt_int(a2, sizeof a2, ep);
    if (isfinite(rev)) fs_html__fmt_money(a3, sizeof a3, rev);
    if (isfinite(pol)) fs_html__fmt_int(a4, sizeof a4, pol);
    const char *cells[] = {fs_jread_str(fs_jread_get(e, "vendor"), "?"),
                           fs_jread_str(fs_jread_get(e, "category"), ""),
                           a1,
                           a2,
                           a3,
                           a4};
    fs_html__t_row(&t, cells);
  }
  free(ord);
  if (fs_html__t_end(&t))
    fs_html__note(f, "small",
                  "Blast radius: what depends on the vendor, directly or through other "
                  "providers (graph.json from 'fleetsim graph'); the largest by endpoints.");
  fputs("</section>\n", f);
}

static void footer(FILE *f, const fs_jval *m) {
  fputs("<footer id=\"reproducibility\">\n<h2>Reproducibility</h2>\n", f);
  static const char *const h[] = {"Item", "Value", NULL};
  table t = {f, h, "tt", "facts", 0};
  char v[512];
#define ROW(label, value) fs_html__t_pair(&t, (label), (value))
  snprintf(v, sizeof v, "%s %s", fs_jread_str(fs_jread_get(m, "program"), "fleetsim"),
           fs_jread_str(fs_jread_get(m, "version"), "?"));
  ROW("Program", v);
  /* Seeds are 64-bit: the digits as written in the manifest, not a double. */
  const char *seed = fs_jread_numtext(fs_jread_get(m, "seed"), NULL);
  if (seed) ROW("Seed", seed);
  ROW("Command", fs_jread_str(fs_jread_get(m, "command"), "?"));
  ROW("Scenario file", fs_jread_str(fs_jread_get(m, "scenario"), "?"));
  ROW("Scenario hash", fs_jread_str(fs_jread_get(m, "scenario_hash"), "?"));
  ROW("Models folder", fs_jread_str(fs_jread_get(m, "models_dir"), "?"));
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

const char fs_html__css[] =
    ":root{--fg:#1d2330;--muted:#5b6475;--rule:#d9dde5;--head:#f3f5f8;--accent:#2f5d8a}\n"
    "*{box-sizing:border-box}\n"
    "body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,"
    "sans-serif;color:var(--fg);background:#fff;max-width:1180px;margin:0 auto;padding:24px "
    "32px}\n"
    "h1{font-size:27px;margin:0 0 2px}h2{font-size:20px;margin:36px 0 10px;padding-bottom:4px;"
    "border-bottom:2px solid var(--rule);color:var(--accent)}h3{font-size:16px;margin:20px 0 "
    "6px}\n"
    ".sub{color:var(--muted);margin:0 0 12px}\n"
    "nav ol{display:flex;flex-wrap:wrap;gap:4px 18px;padding:0;margin:8px 0 0;list-style:none;"
    "font-size:14px}nav a{color:var(--accent);text-decoration:none}\n"
    "table{border-collapse:collapse;margin:10px 0 14px;font-size:14px;max-width:100%}\n"
    "th,td{padding:4px 10px;border-bottom:1px solid var(--rule);text-align:left;"
    "vertical-align:top}\n"
    "thead th{background:var(--head);border-bottom:2px solid #c5ccd8}\n"
    ".n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "table.params td:nth-child(5),table.params td:nth-child(6){font-size:12.5px;"
    "color:#39404d;min-width:16em}\n"
    "table.facts td:first-child{color:var(--muted);white-space:nowrap}\n"
    "table.policies th,table.policies td{font-size:12.5px;padding:3px 7px;white-space:nowrap}\n"
    "figure{margin:18px 0}figure svg{display:block;max-width:100%;height:auto}\n"
    "figcaption{font-size:13px;color:var(--muted);margin-top:4px}\n"
    "code{font-family:ui-monospace,'DejaVu Sans Mono',Menlo,Consolas,monospace;font-size:13px}\n"
    ".note{background:#f6f8fb;border-left:4px solid #9aa8bd;padding:8px 12px;margin:10px 0}\n"
    ".warn{background:#fff6e0;border-left-color:#d9a400}\n"
    ".small{font-size:13px;color:var(--muted)}\n"
    "footer{margin-top:40px}footer td{word-break:break-all}\n"
    "@media print{\n"
    "  body{max-width:none;padding:0;font-size:10.5pt}nav{display:none}\n"
    "  h2{break-after:avoid;page-break-after:avoid}\n"
    "  figure,table,tr,.note{break-inside:avoid;page-break-inside:avoid}\n"
    "  thead{display:table-header-group}\n"
    "  a{color:inherit;text-decoration:none}\n"
    "  @page{size:A4;margin:14mm}\n"
    "}\n";

static int write_page(FILE *f, const fs_plot *p, const fs_jval *m, const fs_jval *s,
                      const fs_jval *g, const char *gerr) {
  const char *name = fs_jread_str(fs_jread_get(m, "scenario_name"), "run");
  fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"generator\" content=\"fleetsim\">\n<title>",
        f);
  fs_xml_str(f, name);
  fputs(" - fleetsim report</title>\n<style>\n", f);
  fputs(fs_html__css, f);
  fputs("</style>\n</head>\n<body>\n<header>\n<h1>", f);
  fs_xml_str(f, name);
  fputs("</h1>\n<p class=\"sub\">", f);
  const char *desc = fs_jread_str(fs_jread_get(m, "scenario_description"), "");
  fs_xml_str(f, *desc ? desc : "fleetsim run report");
  fputs("</p>\n<nav><ol>"
        "<li><a href=\"#scenario\">Scenario</a></li><li><a href=\"#headline\">Headline "
        "figures</a></li><li><a href=\"#timelines\">Timelines</a></li><li><a "
        "href=\"#industries\">Industries</a></li><li><a href=\"#regions\">Regions</a></li>"
        "<li><a href=\"#losses\">Losses</a></li><li><a href=\"#portfolio\">Portfolio</a></li>"
        "<li><a href=\"#spof\">Single points of failure</a></li><li><a "
        "href=\"#reproducibility\">Reproducibility</a></li></ol></nav>\n</header>\n",
        f);
  if (p->skip[0]) {
    char msg[400];
    snprintf(msg, sizeof msg, "Plots were skipped: %s.", p->skip);
    fs_html__note(f, "note warn", msg);
  }
  fputs("<main>\n", f);
  section_scenario(f, p, m, s);
  section_headline(f, p, s);
  section_timelines(f, p);
  section_industries(f, p, s);
  section_regions(f, p, s);
  section_losses(f, p, s);
  section_portfolio(f, p, s);
  section_spof(f, p, g, gerr);
  fputs("</main>\n", f);
  footer(f, m);
  fputs("</body>\n</html>\n", f);
  return ferror(f) ? -1 : 0;
}

int fs_html_write(const char *dir, const fs_plot *p, const fs_jval *manifest,
                  const fs_jval *summary, const fs_jval *graph, const char *graph_error,
                  fs_err *err) {
  char tmp[4400], final[4400];
  snprintf(tmp, sizeof tmp, "%s/.report.html.tmp", dir);
  snprintf(final, sizeof final, "%s/report.html", dir);
  FILE *f = fopen(tmp, "w");
  if (!f) return fs_err_set(err, FS_EIO, "%s: cannot write: %s", tmp, strerror(errno));
  int bad = write_page(f, p, manifest, summary, graph, graph_error) != 0;
  bad |= fclose(f) != 0;
  if (bad || rename(tmp, final) != 0) {
    remove(tmp);
    return fs_err_set(err, FS_EIO, "%s: write failed", final);
  }
  return 0;
}
