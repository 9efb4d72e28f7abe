/* charts.c: one function per chart of a results folder (plot.c draws them). */
#include "report/plot.h"
#include "report/plot_impl.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/alloc.h"
#include "util/csv.h"
#include "util/path.h"
#include "graph/json.h"

/* ---- timeseries.csv */

/* Columns of a stacked timeline: fleetsim writes at most 32 industries and
   32 regions (FS_MAX_INDUSTRIES, FS_MAX_REGIONS) with ids under 48 bytes. */
#define SERIES_MAX_COLS 64
#define SERIES_NAME_MAX 64

typedef struct series {
  size_t nrows, ncols, cap;
  double *hours; /* nrows */
  double *v;     /* nrows x ncols, the selected columns */
  char names[SERIES_MAX_COLS][SERIES_NAME_MAX];
  double start_unix;
} series;

static void series_free(series *s) {
  free(s->hours);
  free(s->v);
  memset(s, 0, sizeof *s);
}

/* Seconds since 1970 of "2024-07-19T04:09:00Z" into *out; -1 when s is not
   such a time: exactly that shape (no sign, space or extra digit), each
   field in its range. */
static int parse_utc(const char *s, double *out) {
  static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
  static const int at[6] = {0, 5, 8, 11, 14, 17}, lo[6] = {0, 1, 1, 0, 0, 0},
                   hi[6] = {9999, 12, 31, 23, 59, 60};
  if (strlen(s) != sizeof shape - 1) return -1;
  for (size_t i = 0; shape[i]; i++)
    if (shape[i] == 'd' ? !isdigit((unsigned char) s[i]) : s[i] != shape[i]) return -1;
  struct tm tm;
  memset(&tm, 0, sizeof tm);
  int *f[6] = {&tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec};
  for (int k = 0; k < 6; k++) {
    for (int i = at[k]; i < at[k] + (k ? 2 : 4); i++) *f[k] = *f[k] * 10 + (s[i] - '0');
    if (*f[k] < lo[k] || *f[k] > hi[k]) return -1;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  *out = (double) timegm(&tm);
  return 0;
}

/* Picks the columns after "down": those that start with "region_" when
   regions is set (the prefix dropped), the others otherwise. */
static int series_columns(fs_csv *c, long dcol, int regions, series *out, size_t *cols,
                          fs_err *err) {
  size_t nc = 0;
  for (size_t k = (size_t) dcol + 1; k < fs_csv_ncols(c); k++) {
    const char *nm = fs_csv_colname(c, k);
    int is_reg = strncmp(nm, "region_", 7) == 0;
    if (is_reg != regions) continue;
    if (nc == SERIES_MAX_COLS)
      return fs_err_set(err, FS_ELIMIT, "%s: more than %d %s columns", fs_csv_name(c),
                        SERIES_MAX_COLS, regions ? "region" : "industry");
    const char *shown = regions ? nm + 7 : nm;
    if (strlen(shown) >= SERIES_NAME_MAX)
      return fs_err_set(err, FS_ELIMIT, "%s: column %.80s: name longer than %d bytes",
                        fs_csv_name(c), nm, SERIES_NAME_MAX - 1);
    snprintf(out->names[nc], sizeof out->names[nc], "%s", shown);
    cols[nc++] = k;
  }
  out->ncols = nc;
  return 0;
}

static int series_grow(series *s, const char *path, fs_err *err) {
  size_t cap = s->cap ? s->cap * 2 : 1024;
  double *h = fs_realloc(s->hours, cap * sizeof *h);
  if (h) s->hours = h;
  double *v = h ? fs_realloc(s->v, cap * (s->ncols ? s->ncols : 1) * sizeof *v) : NULL;
  if (!h || !v) return fs_err_set(err, FS_ENOMEM, "%s: out of memory", path);
  s->v = v;
  s->cap = cap;
  return 0;
}

/* One row of timeseries.csv: its hours, the selected columns and, on the
   first row, the start of the scenario. */
static int series_row(fs_csv *c, long hcol, long tcol, const size_t *cols, series *s, fs_err *err) {
  double x;
  int rc = fs_plot__hours(c, (size_t) hcol, &x, err);
  if (rc != 0) return rc;
  s->hours[s->nrows] = x;
  if (s->nrows == 0 && parse_utc(fs_csv_field(c, (size_t) tcol), &s->start_unix) != 0)
    return fs_csv_fail(c, (size_t) tcol, err, FS_EINVAL,
                       "expected a UTC time like 2024-07-19T00:00:00Z (got \"%.40s\")",
                       fs_csv_field(c, (size_t) tcol));
  for (size_t k = 0; k < s->ncols; k++) {
    if ((rc = fs_csv_number(c, cols[k], FS_CSV_NONNEG, &x, err)) != 0) return rc;
    s->v[s->nrows * s->ncols + k] = x;
  }
  s->nrows++;
  return 0;
}

/* Reads the columns of timeseries.csv after "down" (series_columns). */
static int read_series(const fs_plot *p, int regions, series *out, fs_err *err) {
  memset(out, 0, sizeof *out);
  out->start_unix = NAN;
  char path[FS_PATH_MAX];
  int rc = fs_plot__input(p->dir, "timeseries.csv", path, sizeof path, err);
  fs_csv *c = NULL;
  if (rc >= 0) rc = fs_plot__csv(&c, path, err); /* "cannot open" when it is missing */
  if (rc != 0) return rc;
  long hcol = fs_csv_find(c, "hours"), dcol = fs_csv_find(c, "down"),
       tcol = fs_csv_find(c, "time_utc");
  size_t cols[SERIES_MAX_COLS];
  if (hcol < 0 || dcol < 0 || tcol < 0)
    rc = fs_err_set(err, FS_EINVAL, "%s: missing column time_utc, hours or down", path);
  else
    rc = series_columns(c, dcol, regions, out, cols, err);
  while (rc == 0 && (rc = fs_csv_next(c, err)) == 1) {
    rc = out->nrows == out->cap ? series_grow(out, path, err) : 0;
    if (rc == 0) rc = series_row(c, hcol, tcol, cols, out, err);
  }
  fs_csv_close(c);
  if (rc < 0) {
    series_free(out);
    return rc;
  }
  return 0;
}

/* The endpoints down at row i: the sum of the selected columns. */
static double row_total(const series *s, size_t i) {
  double t = 0;
  for (size_t k = 0; k < s->ncols; k++) t += s->v[i * s->ncols + k];
  return t;
}

static double series_peak(const series *s) {
  double peak = 0;
  for (size_t i = 0; i < s->nrows; i++) peak = fmax(peak, row_total(s, i));
  return peak;
}

/* The x range of the timelines: until the total down falls to 2 % of its peak
   for good, plus a margin, in whole half-days; the whole run at most. (The
   .dat files hold the whole run: widen xrange in the .gp for the tail.) */
static void timeline_range(fs_plot *p, const series *s) {
  if (isfinite(s->start_unix)) p->start_unix = s->start_unix;
  if (p->xmax_hours > 0 || s->nrows < 2) return;
  double peak = series_peak(s);
  size_t last = 0;
  for (size_t i = 0; i < s->nrows; i++)
    if (row_total(s, i) > 0.02 * peak) last = i;
  double end = s->hours[s->nrows - 1];
  double x = ceil(s->hours[last] * 1.15 / 12.0) * 12.0;
  p->xmax_hours = x > 0 && x < end ? x : end;
}

/* The .dat of a stacked timeline: every stride-th row, each column. */
static int timeline_dat(fs_plot *p, const fs_plot_spec *sp, const series *s, int regions,
                        fs_err *err) {
  FILE *d = fs_plot_open_dat(p, sp, err);
  if (!d) return fs_plot__code(err);
  size_t stride = fs_plot__stride(s->hours, s->nrows, 1, p->xmax_hours);
  fprintf(d, "# endpoints down (full-fleet estimates) per %s; every %zu-th row of timeseries.csv\n",
          regions ? "region" : "industry", stride);
  fprintf(d, "# hours");
  for (size_t k = 0; k < s->ncols; k++) {
    fputc(' ', d);
    fs_plot__comment(d, s->names[k]);
  }
  fputc('\n', d);
  for (size_t i = 0; i < s->nrows; i += stride) {
    fprintf(d, "%.4f", s->hours[i]);
    for (size_t k = 0; k < s->ncols; k++) fprintf(d, " %.0f", s->v[i * s->ncols + k]);
    fputc('\n', d);
  }
  return fs_plot_close_dat(p, sp->name, d, err);
}

/* Stacked areas: series k is the sum of columns 2..k+1, drawn from the top
   of the stack down so each lower band covers the one above it. */
static int timeline_gp(fs_plot *p, const fs_plot_spec *sp, const series *s, double div,
                       fs_err *err) {
  FILE *g = fs_plot_open_gp(p, sp, err);
  if (!g) return fs_plot__code(err);
  fs_plot__time_axis(p, g);
  fprintf(g, "set yrange [0:*]\nscale = %g\n", div);
  fprintf(g, "plot \\\n");
  for (size_t k = s->ncols; k >= 1; k--) {
    char t[2 * SERIES_NAME_MAX + 3];
    fs_plot_quote(t, sizeof t, s->names[k - 1]);
    fprintf(g,
            "  '%s.dat' using 1:((sum [c=2:%zu] column(c))/scale) with filledcurves x1 lt %zu "
            "title %s%s\n",
            sp->name, k + 1, (k - 1) % fs_plot__ncolours() + 1, t, k > 1 ? ", \\" : "");
  }
  return fs_plot_render(p, sp, g, err);
}

static int stacked_timeline(fs_plot *p, int regions, fs_err *err) {
  const char *name = regions ? "down_by_region" : "down_by_industry";
  const char *title = regions ? "Endpoints down by region" : "Endpoints down by industry";
  series s;
  int rc = read_series(p, regions, &s, err);
  if (rc != 0) return rc;
  if (s.nrows < 2 || s.ncols == 0) {
    series_free(&s);
    return fs_plot_nodata(p, name, title, "timeseries.csv has no rows or no columns to plot", err);
  }
  timeline_range(p, &s);
  const char *unit;
  double div = fs_plot__count_scale(series_peak(&s), &unit);
  char ylabel[96];
  snprintf(ylabel, sizeof ylabel, "endpoints down%s%s%s", *unit ? " (" : "", unit,
           *unit ? ")" : "");
  char xlabel[96];
  fs_plot__hours_label(p, xlabel, sizeof xlabel);
  fs_plot_spec sp = {.name = name,
                     .title = title,
                     .xlabel = xlabel,
                     .ylabel = ylabel,
                     .width = 1100,
                     .height = 560,
                     .key_outside = 1};
  rc = timeline_dat(p, &sp, &s, regions, err);
  if (rc == 0) rc = timeline_gp(p, &sp, &s, div, err);
  series_free(&s);
  return rc;
}

int fs_plot_down_by_industry(fs_plot *p, fs_err *err) {
  return stacked_timeline(p, 0, err);
}

int fs_plot_down_by_region(fs_plot *p, fs_err *err) {
  return stacked_timeline(p, 1, err);
}

/* Builds p->dir/file into path. Returns 0 when the file is there, 1 when
   it is not (the chart name is then marked as without data: why), or a
   negative FS_E*. */
static int chart_input(fs_plot *p, const char *file, char *path, size_t cap, const char *name,
                       const char *title, const char *why, fs_err *err) {
  int rc = fs_plot__input(p->dir, file, path, cap, err);
  if (rc == 1 && (rc = fs_plot_nodata(p, name, title, why, err)) == 0) return 1;
  return rc;
}

/* ---- recovery_band.csv */

/* Columns of recovery_band.csv, in the order of a band row. */
static const char *const band_cols[] = {"hours", "recovered_p10", "recovered_p50", "recovered_p90",
                                        "recovered_mean"};
#define BAND_W 5

/* Reads recovery_band.csv at path into *out (n rows of BAND_W values). */
static int read_band(const char *path, double **out, size_t *n, fs_err *err) {
  *out = NULL;
  *n = 0;
  fs_csv *c;
  int rc = fs_plot__csv(&c, path, err);
  if (rc != 0) return rc;
  long idx[BAND_W];
  for (int k = 0; k < BAND_W && rc == 0; k++)
    if ((idx[k] = fs_csv_find(c, band_cols[k])) < 0)
      rc = fs_err_set(err, FS_EINVAL, "%s: missing column %s", path, band_cols[k]);
  size_t cap = 0;
  double *v = NULL;
  while (rc == 0 && (rc = fs_csv_next(c, err)) == 1) {
    if (*n == cap) {
      cap = cap ? cap * 2 : 1024;
      double *nv = fs_realloc(v, cap * BAND_W * sizeof *nv);
      if (!nv) {
        rc = fs_err_set(err, FS_ENOMEM, "%s: out of memory", path);
        break;
      }
      v = nv;
    }
    rc = 0;
    for (int k = 0; k < BAND_W && rc == 0; k++)
      rc = fs_csv_number(c, (size_t) idx[k], FS_CSV_NONNEG, &v[*n * BAND_W + (size_t) k], err);
    if (rc == 0) ++*n;
  }
  fs_csv_close(c);
  if (rc < 0) {
    free(v);
    *n = 0;
    return rc;
  }
  *out = v;
  return 0;
}

/* Without a timeline drawn yet, the x range runs until the 10th percentile
   is 99 % back (plus a margin, in half-days). */
static void band_range(fs_plot *p, const double *v, size_t n) {
  if (p->xmax_hours > 0) return;
  size_t last = n - 1;
  for (size_t i = 0; i < n; i++)
    if (v[i * BAND_W + 1] >= 0.99) {
      last = i;
      break;
    }
  p->xmax_hours = fmin(ceil(v[last * BAND_W] * 1.15 / 12.0) * 12.0, v[(n - 1) * BAND_W]);
  if (p->xmax_hours <= 0) p->xmax_hours = v[(n - 1) * BAND_W];
}

static int band_dat(fs_plot *p, const fs_plot_spec *sp, const double *v, size_t n, fs_err *err) {
  FILE *d = fs_plot_open_dat(p, sp, err);
  if (!d) return fs_plot__code(err);
  size_t stride = fs_plot__stride(v, n, BAND_W, p->xmax_hours);
  fprintf(d, "# share of affected endpoints back up (%%), across replications\n"
             "# hours p10 p50 p90 mean\n");
  for (size_t i = 0; i < n; i += stride) {
    const double *r = &v[i * BAND_W];
    fprintf(d, "%.4f %.4f %.4f %.4f %.4f\n", r[0], 100 * r[1], 100 * r[2], 100 * r[3], 100 * r[4]);
  }
  return fs_plot_close_dat(p, sp->name, d, err);
}

int fs_plot_recovery(fs_plot *p, fs_err *err) {
  const char *name = "recovery", *title = "Recovery of affected endpoints across replications";
  char path[FS_PATH_MAX];
  int rc = chart_input(p, "recovery_band.csv", path, sizeof path, name, title,
                       "recovery_band.csv is missing from the folder", err);
  if (rc != 0) return rc < 0 ? rc : 0;
  double *v;
  size_t n;
  if ((rc = read_band(path, &v, &n, err)) != 0) return rc;
  if (n < 2) {
    free(v);
    return fs_plot_nodata(p, name, title, "recovery_band.csv has fewer than two rows", err);
  }
  band_range(p, v, n);
  char xlabel[96];
  fs_plot__hours_label(p, xlabel, sizeof xlabel);
  fs_plot_spec sp = {
      .name = name, .title = title, .xlabel = xlabel, .ylabel = "affected endpoints back up (%)"};
  rc = band_dat(p, &sp, v, n, err);
  free(v);
  if (rc != 0) return rc;
  FILE *g = fs_plot_open_gp(p, &sp, err);
  if (!g) return fs_plot__code(err);
  fs_plot__time_axis(p, g);
  fprintf(g, "set key inside bottom right\n"
             "set yrange [0:100]\nset ytics 10\n"
             "set arrow from graph 0, first 50 to graph 1, first 50 nohead dt 3 lc rgb '#888888'\n"
             "set arrow from graph 0, first 90 to graph 1, first 90 nohead dt 3 lc rgb '#888888'\n"
             "plot \\\n"
             "  'recovery.dat' using 1:2:4 with filledcurves fc rgb '#4e79a7' fs transparent "
             "solid 0.25 title '10-90 %% of replications', \\\n"
             "  '' using 1:3 with lines lt 1 lw 2.5 title 'median', \\\n"
             "  '' using 1:5 with lines lt 2 lw 1.5 dt 2 title 'mean'\n");
  return fs_plot_render(p, &sp, g, err);
}

/* ---- bars */

int fs_plot_loss_by_industry(fs_plot *p, const fs_jval *summary, fs_err *err) {
  const char *name = "loss_by_industry",
             *title = "Economic loss by industry (mean of replications)";
  const fs_jval *o = fs_jread_path(summary, "loss.by_industry_usd");
  if (!o || o->kind != FS_JOBJ || o->n == 0)
    return fs_plot_nodata(p, name, title,
                          "no loss in summary.json: the scenario has no costs table", err);
  fs_plot_bars b;
  int rc = fs_plot__bars_alloc(&b, o->n, name, err);
  if (rc != 0) return rc;
  double max = 0;
  for (size_t i = 0; i < o->n; i++) {
    double x = fs_jread_num(&o->items[i], NAN);
    if (!isfinite(x)) continue;
    fs_plot__bars_add(&b, o->keys[i], x);
    if (x > max) max = x;
  }
  const char *unit;
  double div = fs_plot_money_scale(max, &unit);
  for (size_t i = 0; i < b.n; i++) b.v[i] /= div;
  char xlabel[96];
  snprintf(xlabel, sizeof xlabel, "mean economic loss (%s)", unit);
  fs_plot_spec sp = {.name = name, .title = title, .xlabel = xlabel, .ylabel = ""};
  if (b.n)
    rc = fs_plot__hbars(p, &sp, b.labels, b.v, b.n, div > 1 ? "%.2f" : "%.0f", err);
  else
    rc = fs_plot_nodata(p, name, title, "loss.by_industry_usd has no finite values", err);
  fs_plot__bars_free(&b);
  return rc;
}

/* Field col of the current row as a whole number into *out: the ids and
   codes of the ORD tables, from 0 to INT_MAX (a larger one would not
   convert). */
static int csv_whole(const fs_csv *c, long col, long *out, fs_err *err) {
  double x;
  int rc = fs_csv_number(c, (size_t) col, FS_CSV_WHOLE, &x, err);
  if (rc == 0 && x > INT_MAX)
    return fs_csv_fail(c, (size_t) col, err, FS_EINVAL,
                       "expected a whole number up to %d (got %.6g)", INT_MAX, x);
  if (rc == 0) *out = (long) x;
  return rc;
}

/* Reads column want of the rows of path whose column key is keyval. */
static int csv_select(const char *path, const char *key, long keyval, const char *want,
                      double **out, size_t *n, fs_err *err) {
  *out = NULL;
  *n = 0;
  fs_csv *c;
  int rc = fs_plot__csv(&c, path, err);
  if (rc != 0) return rc;
  long kc = fs_csv_find(c, key), wc = fs_csv_find(c, want);
  if (kc < 0 || wc < 0)
    rc = fs_err_set(err, FS_EINVAL, "%s: missing column %s or %s", path, key, want);
  size_t cap = 0;
  while (rc == 0 && (rc = fs_csv_next(c, err)) == 1) {
    long k = 0;
    double x;
    if ((rc = csv_whole(c, kc, &k, err)) != 0) break;
    if (k != keyval) continue;
    if ((rc = fs_csv_number(c, (size_t) wc, 0, &x, err)) != 0) break;
    if (*n == cap) {
      cap = cap ? cap * 2 : 256;
      double *nv = fs_realloc(*out, cap * sizeof *nv);
      if (!nv) {
        rc = fs_err_set(err, FS_ENOMEM, "%s: out of memory", path);
        break;
      }
      *out = nv;
    }
    (*out)[(*n)++] = x;
  }
  fs_csv_close(c);
  if (rc < 0) {
    free(*out);
    *out = NULL;
    *n = 0;
    return rc;
  }
  return 0;
}

/* ---- selt.csv */

/* Counts of the positive losses in nb log-spaced bins from lo to hi. */
typedef struct histogram {
  double lo, hi, lr; /* lr = log(hi / lo) */
  size_t nb, *cnt;
  size_t n, zeros; /* replications; those without a loss (not binned) */
} histogram;

/* The range of the positive values of x[0..n) and the zeros. */
static void hist_range(histogram *h, const double *x, size_t n) {
  h->lo = INFINITY;
  h->hi = 0;
  h->n = n;
  h->zeros = 0;
  for (size_t i = 0; i < n; i++) {
    if (!(x[i] > 0)) {
      h->zeros++;
      continue;
    }
    if (x[i] < h->lo) h->lo = x[i];
    if (x[i] > h->hi) h->hi = x[i];
  }
}

/* Log-spaced bins, about sqrt(R) of them; one bin when all are equal. */
static int hist_fill(histogram *h, const double *x, const char *name, fs_err *err) {
  size_t nb = (size_t) lround(sqrt((double) (h->n - h->zeros))) + 1;
  if (nb < 5) nb = 5;
  if (nb > 40) nb = 40;
  if (h->hi <= h->lo * (1 + 1e-9)) {
    nb = 1;
    h->lo *= 0.98;
    h->hi *= 1.02;
  }
  h->nb = nb;
  h->cnt = fs_calloc(nb, sizeof *h->cnt);
  if (!h->cnt) return fs_err_set(err, FS_ENOMEM, "out of memory for %s", name);
  h->lr = log(h->hi / h->lo);
  for (size_t i = 0; i < h->n; i++) {
    if (!(x[i] > 0)) continue;
    size_t b = (size_t) (log(x[i] / h->lo) / h->lr * (double) nb);
    h->cnt[b < nb ? b : nb - 1]++;
  }
  return 0;
}

static int hist_dat(fs_plot *p, const fs_plot_spec *sp, const histogram *h, double div,
                    const char *unit, fs_err *err) {
  FILE *d = fs_plot_open_dat(p, sp, err);
  if (!d) return fs_plot__code(err);
  fprintf(d, "# bin_low bin_high replications (log-spaced bins, %s)\n", unit);
  for (size_t b = 0; b < h->nb; b++)
    fprintf(d, "%.6g %.6g %zu\n", h->lo * exp(h->lr * (double) b / (double) h->nb) / div,
            h->lo * exp(h->lr * (double) (b + 1) / (double) h->nb) / div, h->cnt[b]);
  return fs_plot_close_dat(p, sp->name, d, err);
}

static int hist_chart(fs_plot *p, const char *name, const char *title, const histogram *h,
                      fs_err *err) {
  const char *unit;
  double div = fs_plot_money_scale(h->hi, &unit);
  char xlabel[96], full[200];
  snprintf(xlabel, sizeof xlabel, "total economic loss in one replication (%s)", unit);
  if (h->zeros)
    snprintf(full, sizeof full, "%s (%zu of %zu without loss, not shown)", title, h->zeros, h->n);
  else
    snprintf(full, sizeof full, "%s: %zu replications", title, h->n);
  /* A log axis over less than a decade has no labelled tics: linear then
     (the bins stay log-spaced). */
  fs_plot_spec sp = {.name = name,
                     .title = full,
                     .xlabel = xlabel,
                     .ylabel = "replications",
                     .logx = h->hi / h->lo >= 10};
  int rc = hist_dat(p, &sp, h, div, unit, err);
  if (rc != 0) return rc;
  FILE *g = fs_plot_open_gp(p, &sp, err);
  if (!g) return fs_plot__code(err);
  fprintf(g,
          "set key off\nset yrange [0:*]\nset xrange [%.6g:%.6g]\n"
          "plot '%s.dat' using (sqrt($1*$2)):3:1:2:(0):3 with boxxyerror lt 1 fs solid 0.8 "
          "border lc rgb '#ffffff'\n",
          h->lo / div / 1.02, h->hi / div * 1.02, name);
  return fs_plot_render(p, &sp, g, err);
}

int fs_plot_loss_distribution(fs_plot *p, fs_err *err) {
  const char *name = "loss_distribution", *title = "Total economic loss of the fleet";
  char path[FS_PATH_MAX];
  int rc = chart_input(p, "selt.csv", path, sizeof path, name, title,
                       "no selt.csv: the scenario has no costs table", err);
  if (rc != 0) return rc < 0 ? rc : 0;
  double *x;
  size_t n;
  if ((rc = csv_select(path, "SummaryId", 1, "Loss", &x, &n, err)) != 0) return rc;
  histogram h = {0};
  hist_range(&h, x, n);
  if (n == h.zeros)
    rc = fs_plot_nodata(p, name, title, "no replication has a loss (selt.csv, SummaryId 1)", err);
  else if ((rc = hist_fill(&h, x, name, err)) == 0)
    rc = hist_chart(p, name, title, &h, err);
  free(x);
  free(h.cnt);
  return rc;
}

/* ---- ept.csv */

/* The slot of return period rp in c, added when new; -1 when c is full. */
static int ep_slot(fs_ep_curve *c, double rp) {
  for (int k = 0; k < c->n; k++)
    if (c->rp[k] == rp) return k;
  if (c->n == FS_EP_MAX) return -1;
  c->rp[c->n] = rp;
  c->oep[c->n] = c->aep[c->n] = NAN;
  return c->n++;
}

/* Sorts the points of e by return period, ascending. */
static void ep_sort(fs_ep_curve *e) {
  for (int a = 1; a < e->n; a++)
    for (int b = a; b > 0 && e->rp[b - 1] > e->rp[b]; b--) {
      double t;
      t = e->rp[b], e->rp[b] = e->rp[b - 1], e->rp[b - 1] = t;
      t = e->oep[b], e->oep[b] = e->oep[b - 1], e->oep[b - 1] = t;
      t = e->aep[b], e->aep[b] = e->aep[b - 1], e->aep[b - 1] = t;
    }
}

/* Columns of ept.csv that fs_plot_read_ep reads. */
enum { EP_ID, EP_CALC, EP_TYPE, EP_RP, EP_LOSS, EP_NCOLS };

/* One row of ept.csv into the curve of its summary, when it is one of
   ids[0..n) and an OEP or AEP of full uncertainty. */
static int ep_row(const fs_csv *c, const long *idx, const int *ids, int n, fs_ep_curve *out,
                  fs_err *err) {
  long id = 0, calc = 0, type = 0; /* csv_whole sets them when it returns 0 */
  int rc = csv_whole(c, idx[EP_ID], &id, err);
  if (rc != 0) return rc;
  int i = 0;
  while (i < n && ids[i] != id) i++;
  if (i == n) return 0;
  if ((rc = csv_whole(c, idx[EP_CALC], &calc, err)) != 0) return rc;
  if (calc != 2) return 0;
  if ((rc = csv_whole(c, idx[EP_TYPE], &type, err)) != 0) return rc;
  if (type != 1 && type != 3) return 0;
  double rp, loss;
  if ((rc = fs_csv_number(c, (size_t) idx[EP_RP], FS_CSV_POSITIVE, &rp, err)) != 0 ||
      (rc = fs_csv_number(c, (size_t) idx[EP_LOSS], FS_CSV_NONNEG, &loss, err)) != 0)
    return rc;
  int k = ep_slot(&out[i], rp);
  if (k < 0)
    return fs_csv_fail(c, (size_t) idx[EP_RP], err, FS_ELIMIT,
                       "more than %d return periods for SummaryId %ld", FS_EP_MAX, id);
  if (type == 1)
    out[i].oep[k] = loss;
  else
    out[i].aep[k] = loss;
  return 0;
}

/* One pass: ept.csv is large with a portfolio (every summary is in it). */
int fs_plot_read_ep(const char *path, const int *ids, int n, fs_ep_curve *out, fs_err *err) {
  fs_csv *c;
  int rc = fs_plot__csv(&c, path, err);
  if (rc != 0) return rc;
  static const char *const cols[EP_NCOLS] = {"SummaryId", "EPCalc", "EPType", "ReturnPeriod",
                                             "Loss"};
  long idx[EP_NCOLS];
  for (int k = 0; k < EP_NCOLS && rc == 0; k++)
    if ((idx[k] = fs_csv_find(c, cols[k])) < 0)
      rc = fs_err_set(err, FS_EINVAL, "%s: missing column %s", path, cols[k]);
  while (rc == 0 && (rc = fs_csv_next(c, err)) == 1) rc = ep_row(c, idx, ids, n, out, err);
  fs_csv_close(c);
  if (rc < 0) return rc;
  for (int i = 0; i < n; i++) ep_sort(&out[i]);
  return 0;
}

/* Curves of one EP chart at most. */
#define EP_MAX_CURVES 8

static int ep_dat(fs_plot *p, const fs_plot_spec *sp, const fs_ep_curve *ep,
                  const char *const *labels, int n, double div, const char *unit, fs_err *err) {
  FILE *d = fs_plot_open_dat(p, sp, err);
  if (!d) return fs_plot__code(err);
  fprintf(d, "# one block per summary: return_period OEP AEP (%s, EPCalc 2)\n", unit);
  for (int i = 0; i < n; i++) {
    fprintf(d, "%s# ", i ? "\n\n" : "");
    fs_plot__comment(d, labels[i]);
    fputc('\n', d);
    for (int k = 0; k < ep[i].n; k++)
      if (isfinite(ep[i].oep[k]) && isfinite(ep[i].aep[k]))
        fprintf(d, "%g %.6g %.6g\n", ep[i].rp[k], ep[i].oep[k] / div, ep[i].aep[k] / div);
  }
  return fs_plot_close_dat(p, sp->name, d, err);
}

static int ep_gp(fs_plot *p, const fs_plot_spec *sp, const char *const *labels, int n,
                 fs_err *err) {
  FILE *g = fs_plot_open_gp(p, sp, err);
  if (!g) return fs_plot__code(err);
  fs_plot__rp_axes(g);
  fprintf(g, "plot \\\n");
  for (int i = 0; i < n; i++) {
    char q1[160], q2[160], t[150];
    snprintf(t, sizeof t, "%s OEP", labels[i]);
    fs_plot_quote(q1, sizeof q1, t);
    snprintf(t, sizeof t, "%s AEP", labels[i]);
    fs_plot_quote(q2, sizeof q2, t);
    fprintf(g,
            "  '%s.dat' index %d using 1:2 with linespoints lt %d title %s, \\\n"
            "  '' index %d using 1:3 with linespoints lt %d dt 2 title %s%s\n",
            sp->name, i, i + 1, q1, i, i + 1, q2, i + 1 < n ? ", \\" : "");
  }
  return fs_plot_render(p, sp, g, err);
}

int fs_plot_ep(fs_plot *p, const char *name, const char *title, const int *ids,
               const char *const *labels, int n, fs_err *err) {
  if (n < 1 || n > EP_MAX_CURVES)
    return fs_err_set(err, FS_EINVAL, "%s: %d curves (1 to %d)", name, n, EP_MAX_CURVES);
  char path[FS_PATH_MAX];
  int rc =
      chart_input(p, "ept.csv", path, sizeof path, name, title,
                  "no ept.csv: the scenario has no costs table or no annual_rate parameter", err);
  if (rc != 0) return rc < 0 ? rc : 0;
  fs_ep_curve ep[EP_MAX_CURVES];
  memset(ep, 0, sizeof ep);
  if ((rc = fs_plot_read_ep(path, ids, n, ep, err)) != 0) return rc;
  double max = 0;
  int got = 0;
  for (int i = 0; i < n; i++)
    for (int k = 0; k < ep[i].n; k++) {
      if (!isfinite(ep[i].oep[k]) || !isfinite(ep[i].aep[k])) continue;
      got = 1;
      max = fmax(max, fmax(ep[i].oep[k], ep[i].aep[k]));
    }
  if (!got)
    return fs_plot_nodata(p, name, title, "ept.csv has no OEP/AEP rows for these summaries", err);
  const char *unit;
  double div = fs_plot_money_scale(max, &unit);
  char ylabel[96];
  snprintf(ylabel, sizeof ylabel, "loss (%s)", unit);
  fs_plot_spec sp = {
      .name = name, .title = title, .xlabel = "return period (years)", .ylabel = ylabel, .logx = 1};
  rc = ep_dat(p, &sp, ep, labels, n, div, unit, err);
  return rc != 0 ? rc : ep_gp(p, &sp, labels, n, err);
}

/* ---- graph.json */

int fs_plot_blast_radius(fs_plot *p, const fs_jval *graph, fs_err *err) {
  const char *name = "blast_radius",
             *title = "Vendors by blast radius: endpoints that depend on each";
  const fs_jval *a = fs_jread_get(graph, FS_GJ_SPOF);
  if (!a || a->kind != FS_JARR || a->n == 0)
    return fs_plot_nodata(p, name, title,
                          graph ? "graph.json lists no single points of failure"
                                : "no graph.json: the dependency-graph analysis did not run",
                          err);
  /* The 20 largest by endpoints. */
  fs_plot_bars b;
  int rc = fs_plot__bars_alloc(&b, a->n, name, err);
  if (rc != 0) return rc;
  for (size_t i = 0; i < a->n; i++) {
    const fs_jval *e = &a->items[i];
    double x = fs_jread_num(fs_jread_get(e, FS_GJ_ENDPOINTS), NAN);
    if (isfinite(x)) fs_plot__bars_add(&b, fs_jread_str(fs_jread_get(e, FS_GJ_VENDOR), "?"), x);
  }
  fs_plot__bars_sort_desc(&b);
  size_t n = b.n < 20 ? b.n : 20;
  if (n == 0) {
    rc = fs_plot_nodata(p, name, title, "graph.json: no vendor has a numeric 'endpoints'", err);
  } else {
    const char *unit;
    double div = fs_plot__count_scale(b.v[0], &unit);
    for (size_t i = 0; i < n; i++) b.v[i] /= div;
    char xlabel[96];
    snprintf(xlabel, sizeof xlabel, "dependent endpoints%s%s%s", *unit ? " (" : "", unit,
             *unit ? ")" : "");
    fs_plot_spec sp = {.name = name, .title = title, .xlabel = xlabel, .ylabel = ""};
    rc = fs_plot__hbars(p, &sp, b.labels, b.v, n, div > 1 ? "%.2f" : "%.0f", err);
  }
  fs_plot__bars_free(&b);
  return rc;
}

/* ---- all charts of a run */

int fs_plot_portfolio_ids(const char *dir, int *gul, int *il, fs_err *err) {
  *gul = *il = 0;
  char path[FS_PATH_MAX];
  int rc = fs_plot__input(dir, "summary_info.csv", path, sizeof path, err);
  if (rc != 0) return rc < 0 ? rc : 0;
  fs_csv *c;
  if ((rc = fs_plot__csv(&c, path, err)) != 0) return rc;
  long ic = fs_csv_find(c, "SummaryId"), pc = fs_csv_find(c, "Perspective"),
       lc = fs_csv_find(c, "Level");
  if (ic < 0 || pc < 0 || lc < 0)
    rc = fs_err_set(err, FS_EINVAL, "%s: missing column SummaryId, Perspective or Level", path);
  while (rc == 0 && (rc = fs_csv_next(c, err)) == 1) {
    rc = 0;
    if (strcmp(fs_csv_field(c, (size_t) lc), "portfolio") != 0) continue;
    long id = 0;
    if ((rc = csv_whole(c, ic, &id, err)) != 0) break;
    const char *persp = fs_csv_field(c, (size_t) pc);
    if (strcmp(persp, "gul") == 0 && !*gul) *gul = (int) id;
    if (strcmp(persp, "il") == 0 && !*il) *il = (int) id;
  }
  fs_csv_close(c);
  return rc < 0 ? rc : 0;
}

int fs_plot_all(fs_plot *p, const fs_jval *summary, const fs_jval *graph, fs_err *err) {
  int rc;
  if ((rc = fs_plot_down_by_industry(p, err)) != 0) return rc;
  if ((rc = fs_plot_recovery(p, err)) != 0) return rc;
  if ((rc = fs_plot_ops_by_industry(p, err)) != 0) return rc;
  if ((rc = fs_plot_down_by_region(p, err)) != 0) return rc;
  if ((rc = fs_plot_loss_by_industry(p, summary, err)) != 0) return rc;
  if ((rc = fs_plot_loss_distribution(p, err)) != 0) return rc;
  static const int fleet_id[] = {1};
  static const char *const fleet_label[] = {"fleet"};
  if ((rc = fs_plot_ep(p, "ep_fleet", "Exceedance probability: economic loss of the fleet",
                       fleet_id, fleet_label, 1, err)) != 0)
    return rc;
  int gul, il;
  if ((rc = fs_plot_portfolio_ids(p->dir, &gul, &il, err)) != 0) return rc;
  const char *ep_title = "Exceedance probability: the portfolio";
  if (gul && il) {
    const int ids[] = {gul, il};
    static const char *const labels[] = {"ground-up", "insured"};
    rc = fs_plot_ep(p, "ep_portfolio", ep_title, ids, labels, 2, err);
  } else {
    rc = fs_plot_nodata(p, "ep_portfolio", ep_title, "no portfolio (run with --portfolio)", err);
  }
  return rc != 0 ? rc : fs_plot_blast_radius(p, graph, err);
}
