/* catalog_charts.c: the tables of a catalogue run folder, checked row by row, and its charts. */
#include "report/plot.h"
#include "report/plot_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/csv.h"
#include "util/path.h"

/* Rows of one table at most: accumulation.csv and vendor_industry.csv hold
   a few thousand at most (1,024 groups per summary in catalog/tables.c). */
#define MAX_ROWS (1u << 20)
/* Bars of the vendor contribution chart before the rest become "others". */
#define TOP_VENDORS 15
/* Bars of the family contribution chart at most. */
#define MAX_FAMILIES 30
/* Rows and columns of the heat map at most: the largest vendors and
   industries by the fleet's AAL. */
#define HEAT_VENDORS    20
#define HEAT_INDUSTRIES 40

/* ---- manifest.json "summaries" */

int fs_plot_cat_index(const fs_cat_summaries *s, int id) {
  for (int i = 0; i < s->n; i++)
    if (s->id[i] == id) return i;
  return -1;
}

int fs_plot_cat_summaries(const fs_jval *m, const char *path, fs_cat_summaries *out, fs_err *err) {
  memset(out, 0, sizeof *out);
  const fs_jval *a = fs_jread_get(m, "summaries");
  if (!a || a->kind != FS_JARR || a->n == 0)
    return fs_err_set(err, FS_EINVAL,
                      "%s: \"summaries\": expected a non-empty list of {\"SummaryId\": N, "
                      "\"name\": TEXT}",
                      path);
  if (a->n > FS_CAT_MAX_SUMMARIES)
    return fs_err_set(err, FS_ELIMIT, "%s: \"summaries\": more than %d", path,
                      FS_CAT_MAX_SUMMARIES);
  for (size_t i = 0; i < a->n; i++) {
    const fs_jval *e = &a->items[i], *id = fs_jread_get(e, "SummaryId"),
                  *nm = fs_jread_get(e, "name");
    double v = id && id->kind == FS_JNUM ? id->num : NAN;
    if (!(v >= 1 && v <= 1e9 && v == floor(v)))
      return fs_err_set(err, FS_EINVAL,
                        "%s: \"summaries\" item %zu: \"SummaryId\": expected a whole number "
                        "from 1 to 1000000000",
                        path, i + 1);
    if (!nm || nm->kind != FS_JSTR || !nm->str[0])
      return fs_err_set(err, FS_EINVAL,
                        "%s: \"summaries\" item %zu: \"name\": expected a non-empty text", path,
                        i + 1);
    if (strlen(nm->str) >= FS_CAT_NAME_MAX)
      return fs_err_set(err, FS_ELIMIT, "%s: \"summaries\" item %zu: \"name\" longer than %d bytes",
                        path, i + 1, FS_CAT_NAME_MAX - 1);
    if (fs_plot_cat_index(out, (int) v) >= 0)
      return fs_err_set(err, FS_EINVAL, "%s: \"summaries\" item %zu: SummaryId %.0f listed twice",
                        path, i + 1, v);
    out->id[out->n] = (int) v;
    snprintf(out->name[out->n++], FS_CAT_NAME_MAX, "%s", nm->str);
  }
  return 0;
}

/* The field col of c as a SummaryId of s: its index there. */
static int summary_field(const fs_csv *c, size_t col, const fs_cat_summaries *s, int *idx,
                         fs_err *err) {
  double v;
  int rc = fs_csv_number(c, col, FS_CSV_POSITIVE | FS_CSV_WHOLE, &v, err);
  if (rc != 0) return rc;
  *idx = v <= 1e9 ? fs_plot_cat_index(s, (int) v) : -1;
  if (*idx >= 0) return 0;
  char ids[256] = "";
  size_t o = 0;
  for (int i = 0; i < s->n && o + 16 < sizeof ids; i++)
    o += (size_t) snprintf(ids + o, sizeof ids - o, "%s%d", i ? ", " : "", s->id[i]);
  return fs_csv_fail(c, col, err, FS_EINVAL, "unknown SummaryId %.0f (manifest.json lists %s)", v,
                     ids);
}

/* ---- the tables */

/* A column of a table: 't' text, 'b' text that is family, vendor or
   industry, 's' a SummaryId, 'n' a number (flags of fs_csv_number). */
typedef struct cat_col {
  const char *name;
  char kind;
  unsigned flags;
} cat_col;

#define MAX_COLS 10

typedef struct cat_layout {
  const char *file;
  cat_col col[MAX_COLS]; /* up to the first without a name */
} cat_layout;

enum { WHOLE1 = FS_CSV_POSITIVE | FS_CSV_WHOLE };

static const cat_layout layouts[] = {
    [FS_CAT_ACCUMULATION] = {"accumulation.csv",
                             {{"by", 'b', 0},
                              {"group", 't', 0},
                              {"SummaryId", 's', 0},
                              {"aal", 'n', 0},
                              {"aal_share", 'n', 0},
                              {"tvar200", 'n', 0},
                              {"tvar200_share", 'n', 0}}},
    [FS_CAT_VENDOR_INDUSTRY] = {"vendor_industry.csv",
                                {{"vendor_or_provider", 't', 0},
                                 {"industry", 't', 0},
                                 {"aal", 'n', 0},
                                 {"tvar200", 'n', 0},
                                 {"tvar200_share", 'n', 0}}},
    [FS_CAT_TOP_EVENTS] = {"top_events.csv",
                           {{"rank", 'n', WHOLE1},
                            {"EventId", 'n', WHOLE1},
                            {"family", 't', 0},
                            {"vendor_or_provider", 't', 0},
                            {"annual_rate", 'n', FS_CSV_NONNEG},
                            {"mean_loss", 'n', 0},
                            {"max_loss", 'n', 0}}},
    [FS_CAT_RDS] = {"rds.csv",
                    {{"rds", 't', 0},
                     {"EventId", 'n', WHOLE1},
                     {"family", 't', 0},
                     {"vendor_or_provider", 't', 0},
                     {"SummaryId", 's', 0},
                     {"mean_loss", 'n', 0},
                     {"sd_loss", 'n', FS_CSV_NONNEG},
                     {"min_loss", 'n', 0},
                     {"max_loss", 'n', 0},
                     {"oep_return_period", 'n', FS_CSV_OPTIONAL | FS_CSV_POSITIVE}}},
    [FS_CAT_ALT] = {"alt.csv",
                    {{"SummaryId", 's', 0},
                     {"SampleType", 'n', WHOLE1},
                     {"MeanLoss", 'n', 0},
                     {"SDLoss", 'n', FS_CSV_NONNEG}}},
};

const char *fs_plot_cat_file_name(fs_cat_file which) {
  return layouts[which].file;
}

void fs_plot_cat_table_free(fs_cat_table *t) {
  free(t->rows);
  memset(t, 0, sizeof *t);
}

/* The index of each column of L in c: "PATH:1: missing column X
   (expected A,B,...)" when one is not there. Other columns are let be. */
static int cat_columns(const fs_csv *c, const cat_layout *L, long *col, fs_err *err) {
  for (int k = 0; k < MAX_COLS && L->col[k].name; k++) {
    if ((col[k] = fs_csv_find(c, L->col[k].name)) >= 0) continue;
    char want[256] = "";
    size_t o = 0;
    for (int j = 0; j < MAX_COLS && L->col[j].name && o + 40 < sizeof want; j++)
      o += (size_t) snprintf(want + o, sizeof want - o, "%s%s", j ? "," : "", L->col[j].name);
    return fs_err_set(err, FS_EINVAL, "%s:1: missing column %s (expected %s)", fs_csv_name(c),
                      L->col[k].name, want);
  }
  return 0;
}

/* A text field into dst: at most FS_CAT_NAME_MAX - 1 bytes; a 'b' column
   one of family, vendor, industry. */
static int text_field(const fs_csv *c, size_t col, char kind, char *dst, fs_err *err) {
  const char *v = fs_csv_field(c, col);
  if (strlen(v) >= FS_CAT_NAME_MAX)
    return fs_csv_fail(c, col, err, FS_ELIMIT, "longer than %d bytes", FS_CAT_NAME_MAX - 1);
  if (kind == 'b' && strcmp(v, "family") != 0 && strcmp(v, "vendor") != 0 &&
      strcmp(v, "industry") != 0)
    return fs_csv_fail(c, col, err, FS_EINVAL,
                       "unknown grouping \"%s\" (expected family, vendor or industry)", v);
  snprintf(dst, FS_CAT_NAME_MAX, "%s", v);
  return 0;
}

/* The current record of c as a new row of out. */
static int cat_row(const fs_csv *c, const cat_layout *L, const long *col, const fs_cat_summaries *s,
                   fs_cat_table *out, fs_err *err) {
  if (out->n == out->cap) {
    if (out->cap >= MAX_ROWS)
      return fs_err_set(err, FS_ELIMIT, "%s:%ld: more than %u rows", fs_csv_name(c), fs_csv_line(c),
                        MAX_ROWS);
    size_t cap = out->cap ? out->cap * 2 : 64;
    fs_cat_row *r = fs_realloc(out->rows, cap * sizeof *r);
    if (!r) return fs_err_set(err, FS_ENOMEM, "%s: out of memory", fs_csv_name(c));
    out->rows = r;
    out->cap = cap;
  }
  fs_cat_row *r = &out->rows[out->n];
  memset(r, 0, sizeof *r);
  r->sum = -1;
  int nt = 0, nv = 0, rc = 0;
  for (int k = 0; k < MAX_COLS && L->col[k].name && rc >= 0; k++) {
    const cat_col *cc = &L->col[k];
    if (cc->kind == 't' || cc->kind == 'b') {
      rc = text_field(c, (size_t) col[k], cc->kind, r->text[nt++], err);
    } else if (cc->kind == 's') {
      rc = summary_field(c, (size_t) col[k], s, &r->sum, err);
    } else {
      r->v[nv] = NAN;
      rc = fs_csv_number(c, (size_t) col[k], cc->flags, &r->v[nv++], err);
    }
  }
  if (rc < 0) return rc;
  out->n++;
  return 0;
}

int fs_plot_cat_read(const char *dir, fs_cat_file which, const fs_cat_summaries *s,
                     fs_cat_table *out, fs_err *err) {
  memset(out, 0, sizeof *out);
  const cat_layout *L = &layouts[which];
  char path[FS_PATH_MAX];
  int rc = fs_plot__input(dir, L->file, path, sizeof path, err);
  if (rc != 0) return rc;
  fs_csv *c;
  if ((rc = fs_plot__csv(&c, path, err)) != 0) return rc;
  long col[MAX_COLS];
  rc = cat_columns(c, L, col, err);
  while (rc == 0 && (rc = fs_csv_next(c, err)) == 1) rc = cat_row(c, L, col, s, out, err);
  fs_csv_close(c);
  if (rc < 0) fs_plot_cat_table_free(out);
  return rc < 0 ? rc : 0;
}

/* ---- ep_intervals.csv */

static const char *const ep_cols[] = {"SummaryId", "figure", "estimate",
                                      "lo90",      "hi90",   "bootstrap"};

/* lo90 or hi90: a number, or nan when the run had no bootstrap. */
static int ep_bound(const fs_csv *c, size_t col, double *out, fs_err *err) {
  const char *v = fs_csv_field(c, col);
  if (strcmp(v, "nan") == 0 || strcmp(v, "-nan") == 0) {
    *out = NAN;
    return 0;
  }
  return fs_csv_number(c, col, 0, out, err);
}

/* figure: aal (0), oep_RP (1) or aep_RP (2), RP a whole number from 1 to
   1e6. */
static int ep_figure(const fs_csv *c, size_t col, int *type, double *rp, fs_err *err) {
  const char *v = fs_csv_field(c, col);
  *type = strcmp(v, "aal") == 0        ? 0
          : strncmp(v, "oep_", 4) == 0 ? 1
          : strncmp(v, "aep_", 4) == 0 ? 2
                                       : -1;
  *rp = 0;
  if (*type > 0) {
    const char *d = v + 4;
    size_t nd = strspn(d, "0123456789");
    if (nd >= 1 && nd <= 7 && d[nd] == '\0' && d[0] != '0') *rp = strtod(d, NULL);
    if (!(*rp >= 1 && *rp <= 1e6)) *type = -1;
  }
  if (*type < 0)
    return fs_csv_fail(c, col, err, FS_EINVAL,
                       "unknown figure \"%s\" (expected aal, oep_RP or aep_RP with RP a whole "
                       "number of years)",
                       v);
  return 0;
}

int fs_plot_cat_rp(const fs_cat_ep *e, double rp) {
  for (int k = 0; k < e->nrp; k++)
    if (e->rp[k] == rp) return k;
  return -1;
}

/* The slot of rp in e, made (in ascending order) when new. */
static int ep_slot(const fs_csv *c, size_t col, fs_cat_ep *e, double rp, int *slot, fs_err *err) {
  int k = fs_plot_cat_rp(e, rp);
  if (k < 0) {
    if (e->nrp == FS_CAT_MAX_RPS)
      return fs_csv_fail(c, col, err, FS_ELIMIT, "more than %d return periods for a summary",
                         FS_CAT_MAX_RPS);
    k = e->nrp++;
    while (k > 0 && e->rp[k - 1] > rp) {
      e->rp[k] = e->rp[k - 1];
      e->oep[k] = e->oep[k - 1];
      e->aep[k] = e->aep[k - 1];
      k--;
    }
    e->rp[k] = rp;
    e->oep[k].est = e->oep[k].lo = e->oep[k].hi = NAN;
    e->aep[k] = e->oep[k];
  }
  *slot = k;
  return 0;
}

static int ep_row(const fs_csv *c, const long *col, const fs_cat_summaries *s, fs_cat_ep *out,
                  fs_err *err) {
  int idx, type, rc = summary_field(c, (size_t) col[0], s, &idx, err);
  double rp, boot;
  fs_cat_est x;
  if (rc == 0) rc = ep_figure(c, (size_t) col[1], &type, &rp, err);
  if (rc == 0) rc = fs_csv_number(c, (size_t) col[2], 0, &x.est, err);
  if (rc == 0) rc = ep_bound(c, (size_t) col[3], &x.lo, err);
  if (rc == 0) rc = ep_bound(c, (size_t) col[4], &x.hi, err);
  if (rc == 0) rc = fs_csv_number(c, (size_t) col[5], FS_CSV_NONNEG | FS_CSV_WHOLE, &boot, err);
  if (rc != 0) return rc;
  fs_cat_ep *e = &out[idx];
  fs_cat_est *dst = &e->aal;
  int k = 0;
  if (type > 0 && (rc = ep_slot(c, (size_t) col[1], e, rp, &k, err)) != 0) return rc;
  if (type > 0) dst = type == 1 ? &e->oep[k] : &e->aep[k];
  if (!isnan(dst->est))
    return fs_csv_fail(c, (size_t) col[1], err, FS_EINVAL, "a second %s row for SummaryId %d",
                       fs_csv_field(c, (size_t) col[1]), s->id[idx]);
  *dst = x;
  e->bootstrap = boot;
  return 0;
}

int fs_plot_cat_read_ep(const char *dir, const fs_cat_summaries *s, fs_cat_ep *out, fs_err *err) {
  for (int i = 0; i < s->n; i++) {
    memset(&out[i], 0, sizeof out[i]);
    out[i].aal.est = out[i].aal.lo = out[i].aal.hi = out[i].bootstrap = NAN;
  }
  char path[FS_PATH_MAX];
  int rc = fs_plot__input(dir, "ep_intervals.csv", path, sizeof path, err);
  if (rc != 0) return rc;
  fs_csv *c;
  if ((rc = fs_plot__csv(&c, path, err)) != 0) return rc;
  long col[6];
  for (int k = 0; k < 6 && rc == 0; k++)
    if ((col[k] = fs_csv_find(c, ep_cols[k])) < 0)
      rc = fs_err_set(err, FS_EINVAL,
                      "%s:1: missing column %s (expected SummaryId,figure,estimate,lo90,hi90,"
                      "bootstrap)",
                      path, ep_cols[k]);
  while (rc == 0 && (rc = fs_csv_next(c, err)) == 1) rc = ep_row(c, col, s, out, err);
  fs_csv_close(c);
  return rc < 0 ? rc : 0;
}

/* ---- EP charts */

/* Whether e has a bootstrap band: replicates and a finite bound. */
static int ep_has_band(const fs_cat_ep *e) {
  if (!(e->bootstrap > 0)) return 0;
  for (int k = 0; k < e->nrp; k++)
    if (isfinite(e->oep[k].lo) || isfinite(e->aep[k].lo)) return 1;
  return 0;
}

/* A value of the .dat: scaled, NaN when missing (gnuplot skips it). */
static void dat_num(FILE *d, double x, double div) {
  if (isfinite(x))
    fprintf(d, " %.6g", x / div);
  else
    fputs(" NaN", d);
}

static int ep_dat(fs_plot *p, const fs_plot_spec *sp, const fs_cat_ep *e, double div,
                  const char *unit, fs_err *err) {
  FILE *d = fs_plot_open_dat(p, sp, err);
  if (!d) return fs_plot__code(err);
  fprintf(d, "# return_period OEP OEP_lo90 OEP_hi90 AEP AEP_lo90 AEP_hi90 (%s; NaN: none)\n", unit);
  for (int k = 0; k < e->nrp; k++) {
    fprintf(d, "%g", e->rp[k]);
    const fs_cat_est *x[2] = {&e->oep[k], &e->aep[k]};
    for (int j = 0; j < 2; j++) {
      dat_num(d, x[j]->est, div);
      dat_num(d, x[j]->lo, div);
      dat_num(d, x[j]->hi, div);
    }
    fputc('\n', d);
  }
  return fs_plot_close_dat(p, sp->name, d, err);
}

static int ep_gp(fs_plot *p, const fs_plot_spec *sp, int band, fs_err *err) {
  FILE *g = fs_plot_open_gp(p, sp, err);
  if (!g) return fs_plot__code(err);
  fs_plot__rp_axes(g);
  fprintf(g, "plot \\\n");
  if (band)
    fprintf(g,
            "  '%s.dat' using 1:3:4 with filledcurves lt 1 fs transparent solid 0.18 "
            "title 'OEP, 90 %% bootstrap interval', \\\n"
            "  '' using 1:6:7 with filledcurves lt 2 fs transparent solid 0.18 "
            "title 'AEP, 90 %% bootstrap interval', \\\n",
            sp->name);
  else
    fprintf(g, "  '%s.dat' using 1:2 with lines lt 1 notitle, \\\n", sp->name);
  fprintf(g, "  '' using 1:2 with linespoints lt 1 title 'OEP (largest loss of a year)', \\\n"
             "  '' using 1:5 with linespoints lt 2 dt 2 title 'AEP (sum of a year''s losses)'\n");
  return fs_plot_render(p, sp, g, err);
}

/* The EP chart of summary i of s (stem ep-ID). */
static int ep_chart(fs_plot *p, const fs_cat_summaries *s, int i, const fs_cat_ep *e, fs_err *err) {
  char name[32], title[160];
  snprintf(name, sizeof name, "ep-%d", s->id[i]);
  snprintf(title, sizeof title, "OEP and AEP: %s", s->name[i]);
  int band = ep_has_band(e);
  double max = 0;
  int got = 0;
  for (int k = 0; k < e->nrp; k++) {
    const fs_cat_est *x[2] = {&e->oep[k], &e->aep[k]};
    for (int j = 0; j < 2; j++) {
      if (isfinite(x[j]->est)) got = 1, max = fmax(max, x[j]->est);
      if (band && isfinite(x[j]->hi)) max = fmax(max, x[j]->hi);
    }
  }
  if (!got)
    return fs_plot_nodata(p, name, title, "ep_intervals.csv has no OEP or AEP rows for it", err);
  const char *unit;
  double div = fs_plot_money_scale(max, &unit);
  char ylabel[96];
  snprintf(ylabel, sizeof ylabel, "loss (%s)", unit);
  fs_plot_spec sp = {.name = name,
                     .title = title,
                     .xlabel = "return period (years)",
                     .ylabel = ylabel,
                     .logx = 1,
                     .width = 760,
                     .height = 460};
  int rc = ep_dat(p, &sp, e, div, unit, err);
  return rc != 0 ? rc : ep_gp(p, &sp, band, err);
}

static int ep_charts(fs_plot *p, const fs_cat_summaries *s, fs_err *err) {
  fs_cat_ep *ep = fs_calloc((size_t) s->n, sizeof *ep);
  if (!ep) return fs_err_set(err, FS_ENOMEM, "out of memory for ep_intervals.csv");
  int rc = fs_plot_cat_read_ep(p->dir, s, ep, err);
  if (rc == 1)
    rc = fs_plot_nodata(p, "ep", "OEP and AEP with their bootstrap intervals",
                        "the folder has no ep_intervals.csv", err);
  for (int i = 0; i < s->n && i < FS_CAT_MAX_EP_CHARTS && rc == 0; i++)
    rc = ep_chart(p, s, i, &ep[i], err);
  free(ep);
  return rc;
}

/* ---- contributions (accumulation.csv) */

/* The summary the fleet charts are about: SummaryId 1 (fleet ground-up)
   when listed, else the first. */
static int fleet_index(const fs_cat_summaries *s) {
  int i = fs_plot_cat_index(s, 1);
  return i >= 0 ? i : 0;
}

/* Writes `set ytics ('label' 0, ...)` (or xtics) for labels[0..n). */
static void name_tics(FILE *g, const char *axis, char (*labels)[FS_CAT_NAME_MAX], int n) {
  fprintf(g, "set %s (", axis);
  for (int i = 0; i < n; i++) {
    char q[2 * FS_CAT_NAME_MAX + 8];
    fs_plot_quote(q, sizeof q, labels[i]);
    fprintf(g, "%s%s %d", i ? ", " : "", q, i);
  }
  fprintf(g, ")\n");
}

/* The groups of one contribution chart: the keep largest by 1-in-200
   TVaR, largest first, and the rest summed as "others"; shares in per
   cent. */
typedef struct contrib {
  char label[MAX_FAMILIES + 1][FS_CAT_NAME_MAX];
  double aal[MAX_FAMILIES + 1], tvar[MAX_FAMILIES + 1];
  int n;
} contrib;

/* Ranks the rows of group `by` of summary fi into c. */
static int contrib_fill(contrib *c, const fs_cat_table *acc, int fi, const char *by, int keep,
                        fs_err *err) {
  const fs_cat_row **r = fs_malloc((acc->n ? acc->n : 1) * sizeof *r);
  if (!r) return fs_err_set(err, FS_ENOMEM, "out of memory for accumulation.csv");
  size_t n = 0;
  for (size_t i = 0; i < acc->n; i++) {
    const fs_cat_row *x = &acc->rows[i];
    if (x->sum != fi || strcmp(x->text[0], by) != 0) continue;
    size_t j = n++; /* insertion, descending by tvar200 and stable */
    while (j > 0 && r[j - 1]->v[2] < x->v[2]) r[j] = r[j - 1], j--;
    r[j] = x;
  }
  c->n = 0;
  for (size_t i = 0; i < n; i++) {
    int k = i < (size_t) keep ? c->n++ : keep;
    if (k == keep && i == (size_t) keep) c->n++, snprintf(c->label[k], FS_CAT_NAME_MAX, "others");
    if (k < keep) snprintf(c->label[k], FS_CAT_NAME_MAX, "%s", r[i]->text[1]);
    c->aal[k] += 100 * r[i]->v[1];
    c->tvar[k] += 100 * r[i]->v[3];
  }
  free(r);
  return 0;
}

static int contrib_gp(fs_plot *p, const fs_plot_spec *sp, contrib *c, fs_err *err) {
  FILE *g = fs_plot_open_gp(p, sp, err);
  if (!g) return fs_plot__code(err);
  /* Row 0 is drawn at the bottom: the tics in the order of the .dat. */
  char(*rev)[FS_CAT_NAME_MAX] = fs_malloc((size_t) c->n * sizeof *rev);
  if (!rev) {
    fclose(g);
    return fs_err_set(err, FS_ENOMEM, "out of memory for %s", sp->name);
  }
  for (int i = 0; i < c->n; i++) memcpy(rev[i], c->label[c->n - 1 - i], sizeof rev[0]);
  name_tics(g, "ytics", rev, c->n);
  free(rev);
  fprintf(g,
          "set key below center horizontal noopaque nobox font ',12'\nset bmargin 6\n"
          "set grid noytics\nset ytics scale 0 font ',12'\nset yrange [-0.7:%d.7]\n"
          "set xrange [0:*]\nset offsets 0, graph 0.05, 0, 0\n"
          "plot '%s.dat' using ($2/2):($0+0.2):($2/2):(0.19) with boxxyerror lt 1 "
          "title 'share of the AAL', \\\n"
          "  '' using ($3/2):($0-0.2):($3/2):(0.19) with boxxyerror lt 2 "
          "title 'share of the 1-in-200 AEP TVaR'\n",
          c->n - 1, sp->name);
  return fs_plot_render(p, sp, g, err);
}

/* Shares of the fleet's AAL and 1-in-200 TVaR by `by` (family or vendor),
   the keep largest by TVaR and the rest as "others". */
static int contrib_chart(fs_plot *p, const fs_cat_summaries *s, const fs_cat_table *acc,
                         const char *by, int keep, fs_err *err) {
  char name[32], title[200];
  snprintf(name, sizeof name, "contrib-%s", by);
  int fi = fleet_index(s);
  snprintf(title, sizeof title, "Contributions by %s: %s", by, s->name[fi]);
  contrib *c = fs_calloc(1, sizeof *c);
  if (!c) return fs_err_set(err, FS_ENOMEM, "out of memory for %s", name);
  int rc = contrib_fill(c, acc, fi, by, keep, err);
  if (rc == 0 && c->n == 0) {
    rc = fs_plot_nodata(p, name, title, "accumulation.csv has no rows for it", err);
  }
  if (rc != 0 || c->n == 0) {
    free(c);
    return rc;
  }
  fs_plot_spec sp = {.name = name,
                     .title = title,
                     .xlabel = "share (%)",
                     .ylabel = "",
                     .height = 170 + 34 * c->n < 360 ? 360 : 170 + 34 * c->n};
  FILE *d = fs_plot_open_dat(p, &sp, err);
  rc = d ? 0 : fs_plot__code(err);
  if (d) {
    fprintf(d,
            "# %s aal_share_pct tvar200_share_pct (smallest first: row 0 is drawn at the "
            "bottom)\n",
            by);
    for (int i = c->n; i-- > 0;) {
      fs_plot__dat_label(d, c->label[i]);
      fprintf(d, " %.6g %.6g\n", c->aal[i], c->tvar[i]);
    }
    rc = fs_plot_close_dat(p, name, d, err);
  }
  if (rc == 0) rc = contrib_gp(p, &sp, c, err);
  free(c);
  return rc;
}

/* ---- the vendor x industry heat map (vendor_industry.csv) */

/* Distinct names of one column of the table with their total AAL. */
typedef struct names_tot {
  const char **name;
  double *tot;
  int *order; /* largest total first */
  int n;
} names_tot;

static void names_tot_free(names_tot *t) {
  free(t->name);
  free(t->tot);
  free(t->order);
}

static int names_find(const names_tot *t, const char *s) {
  for (int i = 0; i < t->n; i++)
    if (strcmp(t->name[i], s) == 0) return i;
  return -1;
}

/* The names of text column col of vi, ranked by their total AAL. */
static int names_rank(const fs_cat_table *vi, int col, names_tot *t, fs_err *err) {
  size_t cap = vi->n ? vi->n : 1;
  t->name = fs_malloc(cap * sizeof *t->name);
  t->tot = fs_calloc(cap, sizeof *t->tot);
  t->order = fs_malloc(cap * sizeof *t->order);
  t->n = 0;
  if (!t->name || !t->tot || !t->order)
    return fs_err_set(err, FS_ENOMEM, "out of memory for vendor_industry.csv");
  for (size_t r = 0; r < vi->n; r++) {
    int i = names_find(t, vi->rows[r].text[col]);
    if (i < 0) i = t->n++, t->name[i] = vi->rows[r].text[col];
    t->tot[i] += vi->rows[r].v[0];
  }
  for (int i = 0; i < t->n; i++) { /* insertion, descending and stable */
    int j = i;
    while (j > 0 && t->tot[t->order[j - 1]] < t->tot[i]) t->order[j] = t->order[j - 1], j--;
    t->order[j] = i;
  }
  return 0;
}

/* The grid: cell (x, y) industry x of xs, vendor y of ys (row 0 the
   smallest kept vendor, drawn at the bottom). */
typedef struct heat {
  char vlab[HEAT_VENDORS][FS_CAT_NAME_MAX], ilab[HEAT_INDUSTRIES][FS_CAT_NAME_MAX];
  double cell[HEAT_VENDORS][HEAT_INDUSTRIES];
  int nv, ni, vall, iall; /* kept, and all there are */
} heat;

static void heat_fill(heat *h, const fs_cat_table *vi, const names_tot *v, const names_tot *in) {
  h->vall = v->n, h->iall = in->n;
  h->nv = v->n < HEAT_VENDORS ? v->n : HEAT_VENDORS;
  h->ni = in->n < HEAT_INDUSTRIES ? in->n : HEAT_INDUSTRIES;
  for (int y = 0; y < h->nv; y++)
    snprintf(h->vlab[y], FS_CAT_NAME_MAX, "%s", v->name[v->order[h->nv - 1 - y]]);
  for (int x = 0; x < h->ni; x++)
    snprintf(h->ilab[x], FS_CAT_NAME_MAX, "%s", in->name[in->order[x]]);
  for (size_t r = 0; r < vi->n; r++) {
    int y = 0, x = 0;
    while (y < h->nv && strcmp(h->vlab[y], vi->rows[r].text[0]) != 0) y++;
    while (x < h->ni && strcmp(h->ilab[x], vi->rows[r].text[1]) != 0) x++;
    if (y < h->nv && x < h->ni) h->cell[y][x] += vi->rows[r].v[0];
  }
}

static int heat_draw(fs_plot *p, const heat *h, fs_err *err) {
  double max = 0;
  for (int y = 0; y < h->nv; y++)
    for (int x = 0; x < h->ni; x++) max = fmax(max, h->cell[y][x]);
  const char *unit;
  double div = fs_plot_money_scale(max, &unit);
  char title[160], cb[96];
  snprintf(title, sizeof title, "Fleet AAL by vendor or provider and industry");
  snprintf(cb, sizeof cb, "AAL (%s)", unit);
  fs_plot_spec sp = {.name = "heatmap",
                     .title = title,
                     .xlabel = "",
                     .ylabel = "",
                     .width = 420 + 30 * h->ni < 760 ? 760 : 420 + 30 * h->ni,
                     .height = 300 + 28 * h->nv < 420 ? 420 : 300 + 28 * h->nv};
  FILE *d = fs_plot_open_dat(p, &sp, err);
  if (!d) return fs_plot__code(err);
  fprintf(d, "# industry vendor AAL (%s): column x of the xtics, row y of the ytics\n", unit);
  for (int y = 0; y < h->nv; y++) {
    for (int x = 0; x < h->ni; x++) fprintf(d, "%d %d %.6g\n", x, y, h->cell[y][x] / div);
    fputc('\n', d);
  }
  int rc = fs_plot_close_dat(p, sp.name, d, err);
  if (rc != 0) return rc;
  FILE *g = fs_plot_open_gp(p, &sp, err);
  if (!g) return fs_plot__code(err);
  name_tics(g, "xtics", (char(*)[FS_CAT_NAME_MAX]) h->ilab, h->ni);
  name_tics(g, "ytics", (char(*)[FS_CAT_NAME_MAX]) h->vlab, h->nv);
  char q[128];
  fs_plot_quote(q, sizeof q, cb);
  fprintf(g,
          "set key off\nunset grid\nset border 0\nset tics scale 0 font ',11'\n"
          "set xtics rotate by 45 right\nset xrange [-0.5:%d.5]\nset yrange [-0.5:%d.5]\n"
          "set cbrange [0:*]\nset cblabel %s\n"
          "set palette defined (0 '#ffffff', 0.1 '#fde0c5', 0.35 '#f59e72', 0.65 '#d9480f', "
          "1 '#7f1d1d')\n"
          "plot '%s.dat' using 1:2:3 with image\n",
          h->ni - 1, h->nv - 1, q, sp.name);
  return fs_plot_render(p, &sp, g, err);
}

static int heatmap_chart(fs_plot *p, const fs_cat_table *vi, fs_err *err) {
  names_tot v = {0}, in = {0};
  int rc = names_rank(vi, 0, &v, err);
  if (rc == 0) rc = names_rank(vi, 1, &in, err);
  heat *h = rc == 0 ? fs_calloc(1, sizeof *h) : NULL;
  if (rc == 0 && !h) rc = fs_err_set(err, FS_ENOMEM, "out of memory for the heat map");
  if (rc == 0) {
    heat_fill(h, vi, &v, &in);
    rc = h->nv && h->ni
             ? heat_draw(p, h, err)
             : fs_plot_nodata(p, "heatmap", "Fleet AAL by vendor or provider and industry",
                              "vendor_industry.csv has no rows", err);
  }
  free(h);
  names_tot_free(&v);
  names_tot_free(&in);
  return rc;
}

/* ---- top events (top_events.csv) */

static int top_events_chart(fs_plot *p, const fs_cat_table *t, fs_err *err) {
  const char *title = "Top events by mean fleet loss";
  if (t->n == 0) return fs_plot_nodata(p, "top-events", title, "top_events.csv has no rows", err);
  size_t n = t->n < 20 ? t->n : 20;
  double max = 0;
  for (size_t i = 0; i < n; i++) max = fmax(max, t->rows[i].v[3]);
  const char *unit;
  double div = fs_plot_money_scale(max, &unit);
  fs_plot_bars b;
  int rc = fs_plot__bars_alloc(&b, n, "top-events", err);
  if (rc != 0) return rc;
  for (size_t i = 0; i < n; i++) {
    const fs_cat_row *r = &t->rows[i];
    char label[96];
    snprintf(label, sizeof label, "%.0f %.40s %.40s", r->v[1], r->text[0], r->text[1]);
    fs_plot__bars_add(&b, label, r->v[3] / div);
  }
  char xlabel[96];
  snprintf(xlabel, sizeof xlabel, "mean loss of the event (%s)", unit);
  fs_plot_spec sp = {.name = "top-events", .title = title, .xlabel = xlabel, .ylabel = ""};
  rc = fs_plot__hbars(p, &sp, b.labels, b.v, b.n, "%.3g", err);
  fs_plot__bars_free(&b);
  return rc;
}

/* ---- all */

/* Reads table which and draws its charts with draw (or a no-data chart
   called name without the file). */
static int table_charts(fs_plot *p, const fs_cat_summaries *s, fs_cat_file which, const char *name,
                        const char *title, fs_err *err) {
  fs_cat_table t;
  int rc = fs_plot_cat_read(p->dir, which, s, &t, err);
  if (rc == 1) {
    char why[96];
    snprintf(why, sizeof why, "the folder has no %s", fs_plot_cat_file_name(which));
    return fs_plot_nodata(p, name, title, why, err);
  }
  if (rc == 0 && which == FS_CAT_ACCUMULATION) {
    rc = contrib_chart(p, s, &t, "family", MAX_FAMILIES, err);
    if (rc == 0) rc = contrib_chart(p, s, &t, "vendor", TOP_VENDORS, err);
  } else if (rc == 0 && which == FS_CAT_VENDOR_INDUSTRY) {
    rc = heatmap_chart(p, &t, err);
  } else if (rc == 0) {
    rc = top_events_chart(p, &t, err);
  }
  fs_plot_cat_table_free(&t);
  return rc;
}

int fs_plot_catalog_all(fs_plot *p, const fs_jval *manifest, fs_err *err) {
  fs_cat_summaries *s = fs_calloc(1, sizeof *s);
  if (!s) return fs_err_set(err, FS_ENOMEM, "out of memory");
  char path[FS_PATH_MAX];
  int rc = fs_path_join(path, sizeof path, p->dir, "manifest.json", err);
  if (rc == 0) rc = fs_plot_cat_summaries(manifest, path, s, err);
  if (rc == 0) rc = ep_charts(p, s, err);
  if (rc == 0)
    rc = table_charts(p, s, FS_CAT_ACCUMULATION, "contrib", "Contributions by family and vendor",
                      err);
  if (rc == 0)
    rc = table_charts(p, s, FS_CAT_VENDOR_INDUSTRY, "heatmap",
                      "Fleet AAL by vendor or provider and industry", err);
  if (rc == 0)
    rc = table_charts(p, s, FS_CAT_TOP_EVENTS, "top-events", "Top events by mean fleet loss", err);
  free(s);
  return rc;
}
