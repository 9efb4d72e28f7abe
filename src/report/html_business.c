/* html_business.c: report.html's business impact section (summary.json
   "business", issue 13): business downtime by industry and the chart of
   operations over time; and the "market" table of customers and the rest
   of each industry. */
#include "report/html_impl.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/jsonread.h"

/* Field key of an industry's block as a number; NAN when it is missing or
   not a finite number (a tampered file shows an empty cell, never a guess). */
static double field(const fs_jval *blk, const char *key) {
  return fs_jread_num(fs_jread_get(blk, key), NAN);
}

static void hours_cell(char *buf, size_t cap, double h) {
  buf[0] = '\0';
  if (isfinite(h) && h >= 0) fs_html__fmt_hours(buf, cap, h);
}

static void share_cell(char *buf, size_t cap, double x) {
  buf[0] = '\0';
  if (isfinite(x)) snprintf(buf, cap, "%.1f %%", 100 * x);
}

/* One industry's row: counts, the share of the hit that paused, business
   downtime, the lowest operations level, make-up share and units lost. */
static void business_row(table *t, const names *nm, const char *id, const fs_jval *blk) {
  char hit[64] = "", paused[64] = "", share[64], mean[64], med[64], low[64], mk[64],
       units[112] = "";
  double h = field(blk, "organisations_hit"), ps = field(blk, "operations_paused");
  if (isfinite(h)) fs_html__fmt_int(hit, sizeof hit, h);
  if (isfinite(ps)) fs_html__fmt_int(paused, sizeof paused, ps);
  const char *as = fs_jread_str(fs_jread_get(blk, "paused_as"), NULL);
  if (paused[0] && as) { /* what the industry calls it: "325 on diversion" */
    size_t len = strlen(paused);
    snprintf(paused + len, sizeof paused - len, " on %.40s", as);
  }
  share_cell(share, sizeof share, h > 0 ? ps / h : NAN);
  hours_cell(mean, sizeof mean, field(blk, "business_downtime_hours_mean"));
  hours_cell(med, sizeof med, field(blk, "business_downtime_hours_median"));
  share_cell(low, sizeof low, field(blk, "operations_lowest"));
  share_cell(mk, sizeof mk, field(blk, "makeup_share"));
  double u = field(blk, "units_lost");
  const char *unit = fs_jread_str(fs_jread_get(blk, "unit"), NULL);
  if (isfinite(u) && unit) {
    char n[64];
    fs_html__fmt_int(n, sizeof n, u);
    snprintf(units, sizeof units, "%s %.40s", n, unit);
  }
  const char *cells[] = {id,   fs_html__name_of(nm, id), hit, paused, share, mean, med, low, mk,
                         units};
  fs_html__t_row(t, cells);
}

/* "12.0, 3.5, 0.2" from the first 7 days of a units_lost_by_day array. */
static void by_day_cell(char *buf, size_t cap, const fs_jval *a) {
  buf[0] = '\0';
  size_t len = 0;
  for (size_t i = 0; a && a->kind == FS_JARR && i < a->n && i < 7; i++) {
    double x = fs_jread_num(&a->items[i], NAN);
    int w = snprintf(buf + len, cap - len, isfinite(x) ? "%s%.0f" : "%s?", i ? ", " : "", x);
    if (w < 0 || (size_t) w >= cap - len) break;
    len += (size_t) w;
  }
}

/* The followed organisations (summary.json business_organisations). */
static void followed_table(FILE *f, const fs_jval *a) {
  static const char *const head[] = {"Organisation",
                                     "Industry",
                                     "Revenue",
                                     "Lowest operations",
                                     "Hours below 99 %",
                                     "Back above 99 % at",
                                     "Units lost",
                                     "Units lost by day (first 7)",
                                     NULL};
  table t = {f, head, "ttnnnnnt", "data", 0};
  for (size_t i = 0; a && a->kind == FS_JARR && i < a->n; i++) {
    const fs_jval *o = &a->items[i];
    if (o->kind != FS_JOBJ) continue;
    char id[32] = "", rev[64] = "", low[64], below[64], back[64], units[64] = "", days[160];
    double x = field(o, "id");
    if (isfinite(x)) snprintf(id, sizeof id, "%.0f", x);
    if (isfinite(x = field(o, "revenue_usd"))) fs_html__fmt_money(rev, sizeof rev, x);
    share_cell(low, sizeof low, field(o, "operations_lowest"));
    hours_cell(below, sizeof below, field(o, "hours_below_99pct"));
    hours_cell(back, sizeof back, field(o, "back_above_99pct_hours"));
    if (!back[0] && isfinite(field(o, "hours_below_99pct")) && field(o, "hours_below_99pct") > 0)
      snprintf(back, sizeof back, "not within the run");
    if (isfinite(x = field(o, "units_lost"))) fs_html__fmt_int(units, sizeof units, x);
    by_day_cell(days, sizeof days, fs_jread_get(o, "units_lost_by_day"));
    const char *cells[] = {
        id, fs_jread_str(fs_jread_get(o, "industry"), ""), rev, low, below, back, units, days};
    fs_html__t_row(&t, cells);
  }
  fs_html__t_end(&t);
}

/* Opens a section of industry rows: the industries' names loaded, its
   heading and its note. */
static int begin_section(FILE *f, const fs_plot *p, names *nm, const char *id, const char *title,
                         const char *note, fs_err *err) {
  int rc = fs_html__load_industry_names(p->dir, nm, err);
  if (rc != 0) return rc;
  fs_html__section_begin(f, id, title);
  fs_html__note(f, "note", note);
  return 0;
}

int fs_html__section_business(FILE *f, const fs_plot *p, const fs_jval *s, fs_err *err) {
  const fs_jval *b = fs_jread_get(s, "business");
  if (!b || b->kind != FS_JOBJ) return 0; /* no operations layer in this run */
  names nm;
  int rc = begin_section(
      f, p, &nm, "business", "Business impact",
      "Business downtime is the time an organisation's operations stay below the "
      "level its industry declares as paused, not the time its IT is down: operations "
      "recover after IT, and part of the work is made up later (docs/LOSSES.md). "
      "Counts are full-fleet estimates; downtime is over the organisations that paused.",
      err);
  if (rc != 0) return rc;
  static const char *const head[] = {"Industry",
                                     "Name",
                                     "Organisations hit",
                                     "Operations paused",
                                     "Share of hit that paused",
                                     "Mean business downtime",
                                     "Median business downtime",
                                     "Lowest operations",
                                     "Make-up share",
                                     "Units lost",
                                     NULL};
  table t = {f, head, "ttnnnnnnnn", "data", 0};
  for (size_t i = 0; i < b->n; i++)
    if (b->items[i].kind == FS_JOBJ) business_row(&t, &nm, b->keys[i], &b->items[i]);
  if (!fs_html__t_end(&t)) fs_html__note(f, "note", "summary.json has no industries here.");
  rc = fs_html__figure(f, p, "ops_by_industry", err);
  const fs_jval *followed = fs_jread_get(s, "business_organisations");
  if (followed && followed->kind == FS_JARR && followed->n > 0) {
    fs_html__heading(f, "The largest organisations with an operations layer (replication 1)");
    followed_table(f, followed);
  }
  fputs("</section>\n", f);
  return rc;
}

/* One industry's row of the market table. */
static void market_row(table *t, const char *id, const char *name, const fs_jval *blk) {
  char orgs[64] = "", cust[64] = "", hit[64] = "", chit[64] = "", share[64], cshare[64];
  double o = field(blk, "organisations"), c = field(blk, "customers");
  double h = field(blk, "organisations_hit"), ch = field(blk, "customers_hit");
  if (isfinite(o)) fs_html__fmt_int(orgs, sizeof orgs, o);
  if (isfinite(c)) fs_html__fmt_int(cust, sizeof cust, c);
  if (isfinite(h)) fs_html__fmt_int(hit, sizeof hit, h);
  if (isfinite(ch)) fs_html__fmt_int(chit, sizeof chit, ch);
  share_cell(share, sizeof share, field(blk, "share_hit"));
  share_cell(cshare, sizeof cshare, o > 0 ? c / o : NAN);
  const char *cells[] = {id, name, orgs, cust, cshare, hit, chit, share};
  fs_html__t_row(t, cells);
}

int fs_html__section_market(FILE *f, const fs_plot *p, const fs_jval *s, fs_err *err) {
  const fs_jval *m = fs_jread_get(s, "market");
  const fs_jval *b = m ? fs_jread_get(m, "by_industry") : NULL;
  if (!b || b->kind != FS_JOBJ) return 0; /* a fleet of customers only */
  names nm;
  int rc =
      begin_section(f, p, &nm, "market", "Customers and the rest of each industry",
                    "Every organisation of the model, the vendor's customers and the others of "
                    "their segments (by its market share by industry and size, docs/LOSSES.md "
                    "2.3). Hit: its own endpoints crashed, or a provider it depends on was down. "
                    "Full-fleet estimates, replication 1.",
                    err);
  if (rc != 0) return rc;
  static const char *const head[] = {"Industry",
                                     "Name",
                                     "Organisations",
                                     "Customers",
                                     "Customer share",
                                     "Hit",
                                     "Customers hit",
                                     "Share of the industry hit",
                                     NULL};
  table t = {f, head, "ttnnnnnn", "data", 0};
  for (size_t i = 0; i < b->n; i++)
    if (b->items[i].kind == FS_JOBJ)
      market_row(&t, b->keys[i], fs_html__name_of(&nm, b->keys[i]), &b->items[i]);
  const fs_jval *all = fs_jread_get(m, "all");
  if (all && all->kind == FS_JOBJ) market_row(&t, "", "All industries", all);
  if (!fs_html__t_end(&t)) fs_html__note(f, "note", "summary.json has no industries here.");
  fputs("</section>\n", f);
  return 0;
}
