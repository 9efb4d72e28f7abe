/* html_catalog.c: report.html of a catalogue run folder: headline figures, EP, accumulation, RDS.
 */
#include "report/html.h"
#include "report/html_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/plot_impl.h"
#include "util/alloc.h"
#include "util/manifest.h"
#include "util/path.h"

/* Families and vendors listed per summary in the accumulation table (the
   largest by 1-in-200 TVaR); accumulation.csv has them all. */
#define TABLE_VENDORS 15

/* Rules the catalogue page adds to the run report's style sheet. */
static const char catalog_css[] =
    ".grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:0 24px}\n"
    "table.headline td,table.acc td,table.rds td{white-space:nowrap}\n"
    "table.headline th,table.headline td{font-size:13px;padding:4px 8px}\n"
    "footer code{word-break:break-all}\n";

/* What the page is made of: every table read and checked before the page
   is begun, so that a malformed file leaves report.html as it was. */
typedef struct cat_page {
  const char *dir;
  const fs_plot *p;
  const fs_jval *m;
  fs_cat_summaries s;
  fs_cat_ep *ep;     /* s.n of them */
  int has_ep;        /* ep_intervals.csv is there */
  fs_cat_table t[5]; /* by fs_cat_file */
  int has[5];        /* the file is there */
} cat_page;

static double num(const fs_jval *root, const char *key) {
  return fs_jread_num(fs_jread_get(root, key), NAN);
}

/* "USD 1.23 bn", "" when not finite. */
static void money(char *buf, size_t cap, double x) {
  buf[0] = '\0';
  if (isfinite(x)) fs_html__fmt_money(buf, cap, x);
}

/* "USD 1.23 bn (90 %: USD 1.00 bn to USD 2.00 bn)", the estimate alone
   without an interval, "" without an estimate. */
static void money_interval(char *buf, size_t cap, const fs_cat_est *e) {
  char a[64], lo[64], hi[64];
  money(a, sizeof a, e->est);
  if (isfinite(e->est) && isfinite(e->lo) && isfinite(e->hi)) {
    money(lo, sizeof lo, e->lo);
    money(hi, sizeof hi, e->hi);
    snprintf(buf, cap, "%s (%s to %s)", a, lo, hi);
  } else {
    snprintf(buf, cap, "%s", a);
  }
}

/* "12.3 %", "" when not finite. */
static void percent(char *buf, size_t cap, double share) {
  buf[0] = '\0';
  if (isfinite(share)) snprintf(buf, cap, "%.1f %%", 100 * share);
}

/* The OEP or AEP of summary i at return period rp, or no estimate. */
static fs_cat_est ep_at(const cat_page *cp, int i, int aep, double rp) {
  fs_cat_est none = {NAN, NAN, NAN};
  if (!cp->has_ep) return none;
  int k = fs_plot_cat_rp(&cp->ep[i], rp);
  return k < 0 ? none : aep ? cp->ep[i].aep[k] : cp->ep[i].oep[k];
}

/* ---- headline figures */

static void headline_facts(FILE *f, const fs_jval *m) {
  table t = fs_html__facts(f);
  char v[256];
  static const char *const keys[][2] = {{"events", "Events in the catalogue"},
                                        {"replications", "Replications per event"},
                                        {"years", "Simulated years"},
                                        {"occurrences", "Occurrences in those years"},
                                        {"bootstrap", "Bootstrap replicates (intervals)"}};
  for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
    double x = num(m, keys[k][0]);
    if (!isfinite(x)) continue;
    fs_html__fmt_int(v, sizeof v, x);
    fs_html__t_pair(&t, keys[k][1], v);
  }
  double cluster = num(m, "cluster"), scale = num(m, "scale");
  if (isfinite(cluster)) {
    snprintf(v, sizeof v, "%g%s", cluster, cluster == 0 ? " (independent events)" : "");
    fs_html__t_pair(&t, "Clustering (variance of the yearly frequency multiplier)", v);
  }
  if (isfinite(scale)) {
    snprintf(v, sizeof v, "%g", scale);
    fs_html__t_pair(&t, "Scale (simulated share of the fleet)", v);
  }
  const char *pf = fs_manifest_input_path(m, "portfolio", "");
  if (*pf) fs_html__t_pair(&t, "Portfolio", pf);
  fs_html__t_end(&t);
}

/* The analytical AAL of summary i (alt.csv SampleType 1), NAN without. */
static double alt_aal(const cat_page *cp, int i) {
  const fs_cat_table *a = &cp->t[FS_CAT_ALT];
  for (size_t r = 0; r < a->n; r++)
    if (a->rows[r].sum == i && a->rows[r].v[0] == 1) return a->rows[r].v[1];
  return NAN;
}

static void section_headline(FILE *f, const cat_page *cp) {
  fs_html__section_begin(f, "headline", "Headline figures");
  headline_facts(f, cp->m);
  static const char *const h[] = {
      "Summary",      "AAL (90 % interval)", "AAL, analytical", "OEP 1 in 100",
      "OEP 1 in 200", "AEP 1 in 100",        "AEP 1 in 200",    NULL};
  table t = {f, h, "tnnnnnn", "data headline", 0};
  for (int i = 0; i < cp->s.n; i++) {
    char cell[6][200];
    fs_cat_est aal = cp->has_ep ? cp->ep[i].aal : (fs_cat_est){NAN, NAN, NAN};
    money_interval(cell[0], sizeof cell[0], &aal);
    money(cell[1], sizeof cell[1], alt_aal(cp, i));
    for (int j = 0; j < 4; j++) {
      fs_cat_est e = ep_at(cp, i, j >= 2, j % 2 ? 200 : 100);
      money_interval(cell[2 + j], sizeof cell[2 + j], &e);
    }
    const char *cells[] = {cp->s.name[i], cell[0], cell[1], cell[2], cell[3], cell[4], cell[5]};
    fs_html__t_row(&t, cells);
  }
  fs_html__t_end(&t);
  double boot = num(cp->m, "bootstrap");
  char msg[600];
  if (!cp->has_ep)
    snprintf(msg, sizeof msg, "The folder has no ep_intervals.csv: no AAL, OEP or AEP figures.");
  else if (isfinite(boot) && boot > 0)
    snprintf(msg, sizeof msg,
             "In brackets: the 90 %% bootstrap interval over %.0f replicates, each resampling "
             "the events (every rate times a Poisson(1) weight) and the years "
             "(ep_intervals.csv). AAL, analytical: the sum of rate times mean loss (alt.csv). "
             "OEP: the largest loss of a year; AEP: the sum of a year's losses.",
             boot);
  else
    snprintf(msg, sizeof msg,
             "The run had no bootstrap (--bootstrap 0): the figures have no intervals. AAL, "
             "analytical: the sum of rate times mean loss (alt.csv).");
  fs_html__note(f, "small", msg);
  fputs("</section>\n", f);
}

/* ---- EP charts */

static int section_ep(FILE *f, const cat_page *cp, fs_err *err) {
  fs_html__section_begin(f, "ep", "Exceedance probability curves");
  int rc = fs_html__figure(f, cp->p, "ep", err); /* only when there is no ep_intervals.csv */
  if (cp->has_ep) fputs("<div class=\"grid2\">\n", f);
  for (int i = 0; cp->has_ep && i < cp->s.n && i < FS_CAT_MAX_EP_CHARTS && rc == 0; i++) {
    char name[32];
    snprintf(name, sizeof name, "ep-%d", cp->s.id[i]);
    rc = fs_html__figure(f, cp->p, name, err);
  }
  if (rc != 0) return rc;
  if (cp->has_ep) fputs("</div>\n", f);
  char msg[400];
  if (cp->s.n > FS_CAT_MAX_EP_CHARTS) {
    snprintf(msg, sizeof msg,
             "Charts of the first %d summaries of %d; ep_intervals.csv and ept.csv have them "
             "all.",
             FS_CAT_MAX_EP_CHARTS, cp->s.n);
    fs_html__note(f, "small", msg);
  }
  int band = 0;
  for (int i = 0; cp->has_ep && i < cp->s.n; i++) band |= cp->ep[i].bootstrap > 0;
  fs_html__note(f, "small",
                band ? "Loss against return period (log scale), full uncertainty: the lines are "
                       "the estimates, the shaded bands their 90 % bootstrap intervals "
                       "(ep_intervals.csv). Dashed lines mark 1 in 100 and 1 in 200."
                     : "Loss against return period (log scale), full uncertainty "
                       "(ep_intervals.csv). No bootstrap band: the run had --bootstrap 0.");
  fputs("</section>\n", f);
  return 0;
}

/* ---- accumulation */

/* The rows of group kind `by` of summary i into t: all of them for
   families, the keep largest by 1-in-200 TVaR otherwise; *more counts the
   rest. */
static void acc_rows(table *t, const fs_cat_table *acc, int i, const char *by, size_t keep,
                     size_t *more) {
  const fs_cat_row *best[TABLE_VENDORS];
  size_t n = 0;
  *more = 0;
  for (size_t r = 0; r < acc->n; r++) {
    const fs_cat_row *x = &acc->rows[r];
    if (x->sum != i || strcmp(x->text[0], by) != 0) continue;
    size_t j = n < keep ? n++ : keep;
    if (j == keep) {
      (*more)++;
      if (!(x->v[2] > best[keep - 1]->v[2])) continue;
      j = keep - 1;
    }
    while (j > 0 && best[j - 1]->v[2] < x->v[2]) best[j] = best[j - 1], j--;
    best[j] = x;
  }
  for (size_t k = 0; k < n; k++) {
    char c[4][64];
    money(c[0], sizeof c[0], best[k]->v[0]);
    percent(c[1], sizeof c[1], best[k]->v[1]);
    money(c[2], sizeof c[2], best[k]->v[2]);
    percent(c[3], sizeof c[3], best[k]->v[3]);
    const char *cells[] = {by, best[k]->text[1], c[0], c[1], c[2], c[3]};
    fs_html__t_row(t, cells);
  }
}

static void acc_table(FILE *f, const cat_page *cp, int i) {
  static const char *const h[] = {
      "By", "Group", "AAL", "Share of the AAL", "1-in-200 TVaR part", "Share of the TVaR", NULL};
  table t = {f, h, "ttnnnn", "data acc", 0};
  size_t more_f = 0, more_v = 0;
  fs_html__heading(f, cp->s.name[i]);
  acc_rows(&t, &cp->t[FS_CAT_ACCUMULATION], i, "family", TABLE_VENDORS, &more_f);
  acc_rows(&t, &cp->t[FS_CAT_ACCUMULATION], i, "vendor", TABLE_VENDORS, &more_v);
  if (!fs_html__t_end(&t)) {
    fs_html__note(f, "note", "accumulation.csv has no rows for this summary.");
    return;
  }
  if (more_f + more_v) {
    char msg[200];
    snprintf(msg, sizeof msg, "%zu more groups, smaller by 1-in-200 TVaR, in accumulation.csv.",
             more_f + more_v);
    fs_html__note(f, "small", msg);
  }
}

static int section_accumulation(FILE *f, const cat_page *cp, fs_err *err) {
  fs_html__section_begin(f, "accumulation", "Accumulation by family and vendor");
  fputs("<div class=\"grid2\">\n", f);
  int rc = fs_html__figure(f, cp->p, "contrib", err); /* only without accumulation.csv */
  if (rc == 0) rc = fs_html__figure(f, cp->p, "contrib-family", err);
  if (rc == 0) rc = fs_html__figure(f, cp->p, "contrib-vendor", err);
  if (rc != 0) return rc;
  fputs("</div>\n", f);
  if (cp->has[FS_CAT_ACCUMULATION]) {
    fs_html__note(f, "small",
                  "Each group's part of the AAL, and of the 1-in-200 AEP TVaR (its mean part of "
                  "the years at or beyond 1 in 200: the parts sum to the TVaR), from "
                  "accumulation.csv. A vendor in parentheses, like (worm), is a family whose "
                  "events pick no vendor. The charts show the fleet's ground-up loss; the "
                  "vendor chart the 15 largest by TVaR and the rest as \"others\".");
    for (int i = 0; i < cp->s.n; i++) acc_table(f, cp, i);
  }
  fputs("</section>\n", f);
  return 0;
}

static int section_heatmap(FILE *f, const cat_page *cp, fs_err *err) {
  fs_html__section_begin(f, "heatmap", "Vendor and industry");
  int rc = fs_html__figure(f, cp->p, "heatmap", err);
  if (rc != 0) return rc;
  if (cp->has[FS_CAT_VENDOR_INDUSTRY])
    fs_html__note(f, "small",
                  "The fleet's ground-up AAL by vendor or provider (rows, the 20 largest by "
                  "AAL, largest on top) and industry (columns, the 40 largest, largest first), "
                  "from vendor_industry.csv.");
  fputs("</section>\n", f);
  return 0;
}

/* ---- disaster scenarios and top events */

static void section_rds(FILE *f, const cat_page *cp) {
  fs_html__section_begin(f, "rds", "Realistic disaster scenarios");
  static const char *const h[] = {"Scenario",
                                  "EventId",
                                  "Family",
                                  "Vendor",
                                  "Summary",
                                  "Mean loss",
                                  "OEP 1 in 100",
                                  "OEP 1 in 200",
                                  "Return period on the OEP",
                                  NULL};
  table t = {f, h, "tnttnnnnn", "data rds", 0};
  const fs_cat_table *r = &cp->t[FS_CAT_RDS];
  double years = num(cp->m, "years");
  for (size_t k = 0; k < r->n; k++) {
    const fs_cat_row *x = &r->rows[k];
    char id[32], mean[64], o100[64], o200[64], rp[96];
    snprintf(id, sizeof id, "%.0f", x->v[0]);
    money(mean, sizeof mean, x->v[1]);
    money(o100, sizeof o100, ep_at(cp, x->sum, 0, 100).est);
    money(o200, sizeof o200, ep_at(cp, x->sum, 0, 200).est);
    if (isfinite(x->v[5]))
      snprintf(rp, sizeof rp, "1 in %.4g years", x->v[5]);
    else if (isfinite(years))
      snprintf(rp, sizeof rp, "beyond the %.0f years simulated", years);
    else
      snprintf(rp, sizeof rp, "beyond the years simulated");
    const char *cells[] = {x->text[0], id,   x->text[1], x->text[2], cp->s.name[x->sum],
                           mean,       o100, o200,       rp};
    fs_html__t_row(&t, cells);
  }
  if (fs_html__t_end(&t))
    fs_html__note(f, "small",
                  "Each scenario's mean loss per summary (rds.csv) beside the probabilistic OEP "
                  "at 1 in 100 and 1 in 200 (ep_intervals.csv), and how often a year's largest "
                  "loss is at least that large.");
  else
    fs_html__note(f, "note",
                  cp->has[FS_CAT_RDS] ? "The catalogue declares no disaster scenarios."
                                      : "Not available: the folder has no rds.csv.");
  fputs("</section>\n", f);
}

static int section_top(FILE *f, const cat_page *cp, fs_err *err) {
  fs_html__section_begin(f, "top", "Top events");
  int rc = fs_html__figure(f, cp->p, "top-events", err);
  if (rc != 0) return rc;
  static const char *const h[] = {"Rank",        "EventId",   "Family",   "Vendor",
                                  "Annual rate", "Mean loss", "Max loss", NULL};
  table t = {f, h, "nnttnnn", "data top", 0};
  const fs_cat_table *r = &cp->t[FS_CAT_TOP_EVENTS];
  for (size_t k = 0; k < r->n && k < 20; k++) {
    const fs_cat_row *x = &r->rows[k];
    char c[5][64];
    snprintf(c[0], sizeof c[0], "%.0f", x->v[0]);
    snprintf(c[1], sizeof c[1], "%.0f", x->v[1]);
    snprintf(c[2], sizeof c[2], "%.4g", x->v[2]);
    money(c[3], sizeof c[3], x->v[3]);
    money(c[4], sizeof c[4], x->v[4]);
    const char *cells[] = {c[0], c[1], x->text[0], x->text[1], c[2], c[3], c[4]};
    fs_html__t_row(&t, cells);
  }
  if (!fs_html__t_end(&t))
    fs_html__note(f, "note",
                  cp->has[FS_CAT_TOP_EVENTS] ? "top_events.csv has no rows."
                                             : "Not available: the folder has no top_events.csv.");
  else
    fs_html__note(f, "small",
                  "The events with the largest mean loss to the fleet (top_events.csv; the "
                  "disaster scenarios are in the table above).");
  fputs("</section>\n", f);
  return 0;
}

/* ---- footer and page */

static void footer(FILE *f, const fs_jval *m) {
  table t = fs_html__footer_facts(f, m);
  const char *version = fs_jread_str(fs_jread_get(m, "version"), "?");
  const char *cmd = fs_jread_str(fs_jread_get(m, "command"), "?");
  fs_html__footer_inputs(&t, m);
  fs_html__t_end(&t);
  fputs("<p id=\"reproduce\"><strong>How to reproduce:</strong> run <code>", f);
  fs_html__text(f, cmd);
  fputs("</code> with fleetsim ", f);
  fs_html__text(f, version);
  fputs(" on the same catalogue folder and inputs (their hashes above): the same years, "
        "losses and intervals come out, on any number of workers.</p>\n",
        f);
  fs_html__note(f, "small",
                "Re-render the plots and this page from the folder with 'fleetsim report DIR'; "
                "restyle a chart by editing plots/NAME.gp and running 'gnuplot NAME.gp' inside "
                "plots/. The tables are ORD files (melt.csv, selt.csv, splt.csv, ept.csv, "
                "alt.csv) and the run's own (ep_intervals.csv, accumulation.csv, "
                "vendor_industry.csv, top_events.csv, rds.csv): docs/CATALOG.md.");
  fputs("</footer>\n", f);
}

static void page_header(FILE *f, const cat_page *cp) {
  const fs_jval *m = cp->m;
  const char *name = fs_manifest_input_path(m, "catalog", "catalogue");
  fs_html__page_begin(f, name, "fleetsim catalogue run report", catalog_css, ": catalogue run");
  char sub[400];
  double ev = num(m, "events"), reps = num(m, "replications"), years = num(m, "years");
  if (isfinite(ev) && isfinite(reps) && isfinite(years))
    snprintf(sub, sizeof sub,
             "fleetsim catalogue run report: %.0f events \xc3\x97 %.0f replications, %.0f "
             "simulated years, %d summaries",
             ev, reps, years, cp->s.n);
  else
    snprintf(sub, sizeof sub, "fleetsim catalogue run report");
  fs_html__text(f, sub);
  fputs("</p>\n<nav><ol><li><a href=\"#headline\">Headline figures</a></li>"
        "<li><a href=\"#ep\">EP curves</a></li>"
        "<li><a href=\"#accumulation\">Accumulation</a></li>"
        "<li><a href=\"#heatmap\">Vendor and industry</a></li>"
        "<li><a href=\"#rds\">Disaster scenarios</a></li>"
        "<li><a href=\"#top\">Top events</a></li>"
        "<li><a href=\"#reproducibility\">Reproducibility</a></li></ol></nav>\n</header>\n",
        f);
  fs_html__skip_note(f, cp->p);
}

static int write_page(FILE *f, const void *ctx, fs_err *err) {
  const cat_page *cp = ctx;
  page_header(f, cp);
  fputs("<main>\n", f);
  section_headline(f, cp);
  int rc = section_ep(f, cp, err);
  if (rc == 0) rc = section_accumulation(f, cp, err);
  if (rc == 0) rc = section_heatmap(f, cp, err);
  if (rc == 0) section_rds(f, cp);
  if (rc == 0) rc = section_top(f, cp, err);
  if (rc != 0) return rc;
  fputs("</main>\n", f);
  footer(f, cp->m);
  fputs("</body>\n</html>\n", f);
  return 0;
}

/* Reads and checks every file the page shows. */
static int load(cat_page *cp, fs_err *err) {
  char path[FS_PATH_MAX];
  int rc = fs_path_join(path, sizeof path, cp->dir, "manifest.json", err);
  if (rc == 0) rc = fs_plot_cat_summaries(cp->m, path, &cp->s, err);
  if (rc == 0 && !(cp->ep = fs_calloc((size_t) cp->s.n, sizeof *cp->ep)))
    rc = fs_err_set(err, FS_ENOMEM, "out of memory for ep_intervals.csv");
  if (rc == 0) rc = fs_plot_cat_read_ep(cp->dir, &cp->s, cp->ep, err);
  cp->has_ep = rc == 0;
  if (rc == 1) rc = 0;
  static const fs_cat_file files[] = {FS_CAT_ACCUMULATION, FS_CAT_TOP_EVENTS, FS_CAT_RDS,
                                      FS_CAT_ALT, FS_CAT_VENDOR_INDUSTRY};
  for (size_t k = 0; k < sizeof files / sizeof files[0] && rc == 0; k++) {
    fs_cat_file w = files[k];
    /* The heat map's rows are drawn, not listed: only whether it is there. */
    if (w == FS_CAT_VENDOR_INDUSTRY) {
      rc = fs_plot__input(cp->dir, fs_plot_cat_file_name(w), path, sizeof path, err);
      cp->has[w] = rc == 0;
    } else {
      rc = fs_plot_cat_read(cp->dir, w, &cp->s, &cp->t[w], err);
      cp->has[w] = rc == 0;
    }
    if (rc == 1) rc = 0;
  }
  return rc;
}

int fs_html_write_catalog(const char *dir, const fs_plot *p, const fs_jval *manifest, fs_err *err) {
  cat_page *cp = fs_calloc(1, sizeof *cp);
  if (!cp) return fs_err_set(err, FS_ENOMEM, "out of memory");
  cp->dir = dir;
  cp->p = p;
  cp->m = manifest;
  int rc = load(cp, err);
  if (rc == 0) rc = fs_html__write_page(dir, write_page, cp, err);
  for (int k = 0; k < 5; k++) fs_plot_cat_table_free(&cp->t[k]);
  free(cp->ep);
  free(cp);
  return rc;
}
