/* charts.c: one function per chart of a results folder (plot.c draws them). */
#include "report/plot.h"
#include "report/plot_impl.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/csv.h"
#include "util/fsutil.h"
#include "util/alloc.h"

/* ---- timeseries.csv */

typedef struct series {
  size_t nrows, ncols;
  double *hours; /* nrows */
  double *v;     /* nrows x ncols, the selected columns */
  char names[64][64];
  double start_unix;
} series;

static void series_free(series *s) {
  free(s->hours);
  free(s->v);
  memset(s, 0, sizeof *s);
}

static double parse_utc(const char *s) {
  struct tm tm;
  memset(&tm, 0, sizeof tm);
  char z = 0;
  if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
             &tm.tm_min, &tm.tm_sec, &z) != 7 ||
      z != 'Z')
    return NAN;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return (double) timegm(&tm);
}

/* Reads the columns of timeseries.csv after "down": those that start with
   "region_" when regions is set (the prefix dropped), the others otherwise. */
static int read_series(const fs_plot *p, int regions, series *out, fs_err *err) {
  memset(out, 0, sizeof *out);
  char path[4400];
  snprintf(path, sizeof path, "%s/timeseries.csv", p->dir);
  fs_csv *c;
  int rc = fs_csv_open(&c, path, err);
  if (rc != 0) return rc;
  long hcol = fs_csv_find(c, "hours"), dcol = fs_csv_find(c, "down"),
       tcol = fs_csv_find(c, "time_utc");
  if (hcol < 0 || dcol < 0 || tcol < 0) {
    fs_csv_close(c);
    return fs_err_set(err, FS_EINVAL, "%s: missing column time_utc, hours or down", path);
  }
  size_t cols[64], nc = 0;
  for (size_t k = (size_t) dcol + 1; k < fs_csv_ncols(c) && nc < 64; k++) {
    const char *nm = fs_csv_colname(c, k);
    int is_reg = strncmp(nm, "region_", 7) == 0;
    if (is_reg != regions) continue;
    snprintf(out->names[nc], sizeof out->names[nc], "%s", regions ? nm + 7 : nm);
    cols[nc++] = k;
  }
  out->ncols = nc;
  out->start_unix = NAN;
  size_t cap = 0;
  while ((rc = fs_csv_next(c, err)) == 1) {
    if (out->nrows == cap) {
      cap = cap ? cap * 2 : 1024;
      double *h = fs_realloc(out->hours, cap * sizeof *h);
      if (h) out->hours = h;
      double *v = h ? fs_realloc(out->v, cap * (nc ? nc : 1) * sizeof *v) : NULL;
      if (!h || !v) {
        rc = fs_err_set(err, FS_ENOMEM, "%s: out of memory", path);
        break;
      }
      out->v = v;
    }
    double x;
    if ((rc = fs_csv_number(c, (size_t) hcol, FS_CSV_NONNEG, &x, err)) != 0) break;
    out->hours[out->nrows] = x;
    if (out->nrows == 0) out->start_unix = parse_utc(fs_csv_field(c, (size_t) tcol));
    for (size_t k = 0; k < nc; k++) {
      if ((rc = fs_csv_number(c, cols[k], FS_CSV_NONNEG, &x, err)) != 0) break;
      out->v[out->nrows * nc + k] = x;
    }
    if (rc != 0) break;
    out->nrows++;
  }
  fs_csv_close(c);
  if (rc < 0) {
    series_free(out);
    return rc;
  }
  return 0;
}

/* The x range of the timelines: until the total down falls to 2 % of its
   peak for good, plus a margin, in whole half-days; the whole run at most.
   (The .dat files hold the whole run: widen xrange in the .gp for the
   tail.) */
static void timeline_range(fs_plot *p, const series *s) {
  if (isfinite(s->start_unix)) p->start_unix = s->start_unix;
  if (p->xmax_hours > 0 || s->nrows < 2) return;
  double peak = 0, *tot = fs_calloc(s->nrows, sizeof *tot);
  if (!tot) {
    p->xmax_hours = s->hours[s->nrows - 1];
    return;
  }
  for (size_t i = 0; i < s->nrows; i++) {
    for (size_t k = 0; k < s->ncols; k++) tot[i] += s->v[i * s->ncols + k];
    if (tot[i] > peak) peak = tot[i];
  }
  size_t last = 0;
  for (size_t i = 0; i < s->nrows; i++)
    if (tot[i] > 0.02 * peak) last = i;
  free(tot);
  double end = s->hours[s->nrows - 1];
  double x = ceil(s->hours[last] * 1.15 / 12.0) * 12.0;
  p->xmax_hours = x > 0 && x < end ? x : end;
}

/* The label of the hours axis: "hours since 19 Jul 2024 00:00 UTC". */
static void hours_label(const fs_plot *p, char *buf, size_t cap) {
  if (!(p->start_unix > 0)) {
    snprintf(buf, cap, "hours since the start of the scenario");
    return;
  }
  time_t t = (time_t) llround(p->start_unix);
  struct tm tm;
  gmtime_r(&t, &tm);
  char when[48];
  strftime(when, sizeof when, "%d %b %Y %H:%M UTC", &tm);
  snprintf(buf, cap, "hours since %s", when);
}

/* Hours on the x axis, UTC dates on the top axis, both every `step` hours. */
static void time_axis(const fs_plot *p, FILE *gp) {
  double xmax = p->xmax_hours;
  double step = 24;
  if (xmax <= 36)
    step = 6;
  else if (xmax <= 96)
    step = 12;
  else
    step = 24 * ceil(xmax / 24 / 8);
  fprintf(gp, "set xrange [0:%g]\nset link x2\nset xtics 0, %g out nomirror\n", xmax, step);
  if (!(p->start_unix > 0)) return;
  double first = fmod(3600 * step - fmod(p->start_unix, 3600 * step), 3600 * step) / 3600;
  fprintf(gp, "set x2tics out nomirror font ',11' (");
  int n = 0;
  for (double h = first; h <= xmax + 1e-9; h += step) {
    time_t t = (time_t) llround(p->start_unix + h * 3600);
    struct tm tm;
    gmtime_r(&t, &tm);
    char lab[32];
    strftime(lab, sizeof lab, step < 24 ? "%d %b %H:%M" : "%d %b", &tm);
    fprintf(gp, "%s'%s' %g", n++ ? ", " : "", lab, h);
  }
  fprintf(gp, ")\n");
}

static int stacked_timeline(fs_plot *p, int regions, fs_err *err) {
  const char *name = regions ? "down_by_region" : "down_by_industry";
  const char *title = regions ? "Endpoints down by region" : "Endpoints down by industry";
  series s;
  int rc = read_series(p, regions, &s, err);
  if (rc != 0) return rc;
  if (s.nrows < 2 || s.ncols == 0) {
    series_free(&s);
    fs_plot_nodata(p, name, title, "timeseries.csv has no rows or no columns to plot");
    return 0;
  }
  timeline_range(p, &s);
  double peak = 0;
  for (size_t i = 0; i < s.nrows; i++) {
    double t = 0;
    for (size_t k = 0; k < s.ncols; k++) t += s.v[i * s.ncols + k];
    if (t > peak) peak = t;
  }
  const char *unit;
  double div = fs_plot__count_scale(peak, &unit);
  char ylabel[96];
  snprintf(ylabel, sizeof ylabel, "endpoints down%s%s%s", *unit ? " (" : "", unit,
           *unit ? ")" : "");
  char xlabel[96];
  hours_label(p, xlabel, sizeof xlabel);
  fs_plot_spec sp = {.name = name,
                     .title = title,
                     .xlabel = xlabel,
                     .ylabel = ylabel,
                     .width = 1100,
                     .height = 560,
                     .key_outside = 1};
  FILE *d = fs_plot_open_dat(p, &sp, err);
  if (!d) {
    series_free(&s);
    return FS_EIO;
  }
  size_t in_range = 0;
  for (size_t i = 0; i < s.nrows && s.hours[i] <= p->xmax_hours + 1e-9; i++) in_range = i + 1;
  size_t stride =
      in_range > FS_PLOT_MAX_POINTS ? (in_range + FS_PLOT_MAX_POINTS - 1) / FS_PLOT_MAX_POINTS : 1;
  fprintf(d, "# endpoints down (full-fleet estimates) per %s; every %zu-th row of timeseries.csv\n",
          regions ? "region" : "industry", stride);
  fprintf(d, "# hours");
  for (size_t k = 0; k < s.ncols; k++) fprintf(d, " %s", s.names[k]);
  fputc('\n', d);
  for (size_t i = 0; i < s.nrows; i += stride) {
    fprintf(d, "%.4f", s.hours[i]);
    for (size_t k = 0; k < s.ncols; k++) fprintf(d, " %.0f", s.v[i * s.ncols + k]);
    fputc('\n', d);
  }
  int bad = ferror(d);
  bad |= fclose(d) != 0;
  if (bad) {
    series_free(&s);
    return fs_err_set(err, FS_EIO, "%s/%s.dat: write failed", p->plots, name);
  }
  FILE *g = fs_plot_open_gp(p, &sp, err);
  if (!g) {
    series_free(&s);
    return FS_EIO;
  }
  time_axis(p, g);
  fprintf(g, "set yrange [0:*]\nscale = %g\n", div);
  /* Stacked areas: series k is the sum of columns 2..k+1, drawn from the
     top of the stack down so each lower band covers the one above it. */
  fprintf(g, "plot \\\n");
  for (size_t k = s.ncols; k >= 1; k--) {
    char t[80];
    fs_plot_quote(t, sizeof t, s.names[k - 1]);
    fprintf(g,
            "  '%s.dat' using 1:((sum [c=2:%zu] column(c))/scale) with filledcurves x1 lt %zu "
            "title %s%s\n",
            name, k + 1, (k - 1) % fs_plot__ncolours() + 1, t, k > 1 ? ", \\" : "");
  }
  series_free(&s);
  return fs_plot_render(p, &sp, g, err);
}

int fs_plot_down_by_industry(fs_plot *p, fs_err *err) {
  return stacked_timeline(p, 0, err);
}

int fs_plot_down_by_region(fs_plot *p, fs_err *err) {
  return stacked_timeline(p, 1, err);
}

int fs_plot_recovery(fs_plot *p, fs_err *err) {
  const char *name = "recovery", *title = "Recovery of affected endpoints across replications";
  char path[4400];
  snprintf(path, sizeof path, "%s/recovery_band.csv", p->dir);
  if (access(path, F_OK) != 0) {
    fs_plot_nodata(p, name, title, "recovery_band.csv is missing from the folder");
    return 0;
  }
  fs_csv *c;
  int rc = fs_csv_open(&c, path, err);
  if (rc != 0) return rc;
  static const char *const cols[] = {"hours", "recovered_p10", "recovered_p50", "recovered_p90",
                                     "recovered_mean"};
  long idx[5];
  for (int k = 0; k < 5; k++) {
    idx[k] = fs_csv_find(c, cols[k]);
    if (idx[k] < 0) {
      fs_csv_close(c);
      return fs_err_set(err, FS_EINVAL, "%s: missing column %s", path, cols[k]);
    }
  }
  size_t n = 0, cap = 0;
  double *v = NULL;
  while ((rc = fs_csv_next(c, err)) == 1) {
    if (n == cap) {
      cap = cap ? cap * 2 : 1024;
      double *nv = fs_realloc(v, cap * 5 * sizeof *nv);
      if (!nv) {
        rc = fs_err_set(err, FS_ENOMEM, "%s: out of memory", path);
        break;
      }
      v = nv;
    }
    for (int k = 0; k < 5 && rc >= 0; k++)
      rc = fs_csv_number(c, (size_t) idx[k], FS_CSV_NONNEG, &v[n * 5 + (size_t) k], err);
    if (rc < 0) break;
    n++;
  }
  fs_csv_close(c);
  if (rc < 0) {
    free(v);
    return rc;
  }
  if (n < 2) {
    free(v);
    fs_plot_nodata(p, name, title, "recovery_band.csv has fewer than two rows");
    return 0;
  }
  if (p->xmax_hours <= 0) {
    /* No timeline drawn yet: until the 10th percentile is 99 % back. */
    size_t last = n - 1;
    for (size_t i = 0; i < n; i++)
      if (v[i * 5 + 1] >= 0.99) {
        last = i;
        break;
      }
    p->xmax_hours = fmin(ceil(v[last * 5] * 1.15 / 12.0) * 12.0, v[(n - 1) * 5]);
    if (p->xmax_hours <= 0) p->xmax_hours = v[(n - 1) * 5];
  }
  char xlabel[96];
  hours_label(p, xlabel, sizeof xlabel);
  fs_plot_spec sp = {
      .name = name, .title = title, .xlabel = xlabel, .ylabel = "affected endpoints back up (%)"};
  FILE *d = fs_plot_open_dat(p, &sp, err);
  if (!d) {
    free(v);
    return FS_EIO;
  }
  size_t in_range = 0;
  for (size_t i = 0; i < n && v[i * 5] <= p->xmax_hours + 1e-9; i++) in_range = i + 1;
  size_t stride =
      in_range > FS_PLOT_MAX_POINTS ? (in_range + FS_PLOT_MAX_POINTS - 1) / FS_PLOT_MAX_POINTS : 1;
  fprintf(d, "# share of affected endpoints back up (%%), across replications\n"
             "# hours p10 p50 p90 mean\n");
  for (size_t i = 0; i < n; i += stride)
    fprintf(d, "%.4f %.4f %.4f %.4f %.4f\n", v[i * 5], 100 * v[i * 5 + 1], 100 * v[i * 5 + 2],
            100 * v[i * 5 + 3], 100 * v[i * 5 + 4]);
  free(v);
  int bad = ferror(d);
  bad |= fclose(d) != 0;
  if (bad) return fs_err_set(err, FS_EIO, "%s/%s.dat: write failed", p->plots, name);
  FILE *g = fs_plot_open_gp(p, &sp, err);
  if (!g) return FS_EIO;
  time_axis(p, g);
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

/* Writes a horizontal bar chart: labels[i] with value[i] (already scaled),
   sorted so the largest is on top. */
static int hbars(fs_plot *p, fs_plot_spec *sp, char (*labels)[96], const double *value, size_t n,
                 const char *valfmt, fs_err *err) {
  size_t *ord = fs_malloc((n ? n : 1) * sizeof *ord);
  if (!ord) return fs_err_set(err, FS_ENOMEM, "out of memory for %s", sp->name);
  for (size_t i = 0; i < n; i++) ord[i] = i;
  /* Insertion sort, ascending: few bars. */
  for (size_t i = 1; i < n; i++) {
    size_t x = ord[i], j = i;
    while (j > 0 && value[ord[j - 1]] > value[x]) {
      ord[j] = ord[j - 1];
      j--;
    }
    ord[j] = x;
  }
  sp->height = (int) (120 + 30 * n);
  if (sp->height < 360) sp->height = 360;
  FILE *d = fs_plot_open_dat(p, sp, err);
  if (!d) {
    free(ord);
    return FS_EIO;
  }
  fprintf(d, "# label value (smallest first: gnuplot draws row 0 at the bottom)\n");
  for (size_t i = 0; i < n; i++) {
    fputc('"', d);
    for (const char *s = labels[ord[i]]; *s; s++) fputc(*s == '"' ? '\'' : *s, d);
    fprintf(d, "\" %.6g\n", value[ord[i]]);
  }
  free(ord);
  int bad = ferror(d);
  bad |= fclose(d) != 0;
  if (bad) return fs_err_set(err, FS_EIO, "%s/%s.dat: write failed", p->plots, sp->name);
  FILE *g = fs_plot_open_gp(p, sp, err);
  if (!g) return FS_EIO;
  fprintf(g,
          "set key off\nset grid noytics\nset ytics scale 0 font ',12'\n"
          "set yrange [-0.7:%zu.7]\nset xrange [0:*]\nset offsets 0, graph 0.12, 0, 0\n"
          "plot '%s.dat' using ($2/2):0:($2/2):(0.38):yticlabels(1) with boxxyerror lt 1 "
          "fs solid 0.85 noborder, \\\n"
          "  '' using 2:0:(sprintf(' %s', $2)) with labels left font ',11' tc rgb '#333333'\n",
          n ? n - 1 : 0, sp->name, valfmt);
  return fs_plot_render(p, sp, g, err);
}

int fs_plot_loss_by_industry(fs_plot *p, const fs_jval *summary, fs_err *err) {
  const char *name = "loss_by_industry",
             *title = "Economic loss by industry (mean of replications)";
  const fs_jval *o = fs_jread_path(summary, "loss.by_industry_usd");
  if (!o || o->kind != FS_JOBJ || o->n == 0) {
    fs_plot_nodata(p, name, title, "no loss in summary.json: the scenario has no costs table");
    return 0;
  }
  char(*labels)[96] = fs_calloc(o->n, sizeof *labels);
  double *v = fs_calloc(o->n, sizeof *v);
  if (!labels || !v) {
    free(labels);
    free(v);
    return fs_err_set(err, FS_ENOMEM, "out of memory for %s", name);
  }
  double max = 0;
  size_t n = 0;
  for (size_t i = 0; i < o->n; i++) {
    double x = fs_jread_num(&o->items[i], NAN);
    if (!isfinite(x)) continue;
    snprintf(labels[n], sizeof labels[n], "%s", o->keys[i]);
    v[n++] = x;
    if (x > max) max = x;
  }
  const char *unit;
  double div = fs_plot_money_scale(max, &unit);
  for (size_t i = 0; i < n; i++) v[i] /= div;
  char xlabel[96];
  snprintf(xlabel, sizeof xlabel, "mean economic loss (%s)", unit);
  fs_plot_spec sp = {.name = name, .title = title, .xlabel = xlabel, .ylabel = ""};
  int rc = n ? hbars(p, &sp, labels, v, n, div > 1 ? "%.2f" : "%.0f", err) : 0;
  if (!n) fs_plot_nodata(p, name, title, "loss.by_industry_usd has no finite values");
  free(labels);
  free(v);
  return rc;
}

/* Reads column want of the rows of path whose column key is keyval. */
static int csv_select(const char *path, const char *key, long keyval, const char *want,
                      double **out, size_t *n, fs_err *err) {
  *out = NULL;
  *n = 0;
  fs_csv *c;
  int rc = fs_csv_open(&c, path, err);
  if (rc != 0) return rc;
  long kc = fs_csv_find(c, key), wc = fs_csv_find(c, want);
  if (kc < 0 || wc < 0) {
    fs_csv_close(c);
    return fs_err_set(err, FS_EINVAL, "%s: missing column %s or %s", path, key, want);
  }
  size_t cap = 0;
  while ((rc = fs_csv_next(c, err)) == 1) {
    if (atol(fs_csv_field(c, (size_t) kc)) != keyval) continue;
    double x;
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

int fs_plot_loss_distribution(fs_plot *p, fs_err *err) {
  const char *name = "loss_distribution", *title = "Total economic loss of the fleet";
  char path[4400];
  snprintf(path, sizeof path, "%s/selt.csv", p->dir);
  if (access(path, F_OK) != 0) {
    fs_plot_nodata(p, name, title, "no selt.csv: the scenario has no costs table");
    return 0;
  }
  double *x;
  size_t n;
  int rc = csv_select(path, "SummaryId", 1, "Loss", &x, &n, err);
  if (rc != 0) return rc;
  double lo = INFINITY, hi = 0;
  size_t zeros = 0;
  for (size_t i = 0; i < n; i++) {
    if (!(x[i] > 0)) {
      zeros++;
      continue;
    }
    if (x[i] < lo) lo = x[i];
    if (x[i] > hi) hi = x[i];
  }
  if (n == zeros) {
    free(x);
    fs_plot_nodata(p, name, title, "no replication has a loss (selt.csv, SummaryId 1)");
    return 0;
  }
  /* Log-spaced bins, about sqrt(R) of them; one bin when all are equal. */
  size_t nb = (size_t) lround(sqrt((double) (n - zeros))) + 1;
  if (nb < 5) nb = 5;
  if (nb > 40) nb = 40;
  if (hi <= lo * (1 + 1e-9)) {
    nb = 1;
    lo *= 0.98;
    hi *= 1.02;
  }
  size_t *cnt = fs_calloc(nb, sizeof *cnt);
  if (!cnt) {
    free(x);
    return fs_err_set(err, FS_ENOMEM, "out of memory for %s", name);
  }
  double lr = log(hi / lo);
  for (size_t i = 0; i < n; i++) {
    if (!(x[i] > 0)) continue;
    size_t b = (size_t) (log(x[i] / lo) / lr * (double) nb);
    cnt[b < nb ? b : nb - 1]++;
  }
  free(x);
  const char *unit;
  double div = fs_plot_money_scale(hi, &unit);
  char xlabel[96], full[200];
  snprintf(xlabel, sizeof xlabel, "total economic loss in one replication (%s)", unit);
  if (zeros)
    snprintf(full, sizeof full, "%s (%zu of %zu without loss, not shown)", title, zeros, n);
  else
    snprintf(full, sizeof full, "%s: %zu replications", title, n);
  /* A log axis over less than a decade has no labelled tics: linear then
     (the bins stay log-spaced). */
  fs_plot_spec sp = {.name = name,
                     .title = full,
                     .xlabel = xlabel,
                     .ylabel = "replications",
                     .logx = hi / lo >= 10};
  FILE *d = fs_plot_open_dat(p, &sp, err);
  if (!d) {
    free(cnt);
    return FS_EIO;
  }
  fprintf(d, "# bin_low bin_high replications (log-spaced bins, %s)\n", unit);
  for (size_t b = 0; b < nb; b++)
    fprintf(d, "%.6g %.6g %zu\n", lo * exp(lr * (double) b / (double) nb) / div,
            lo * exp(lr * (double) (b + 1) / (double) nb) / div, cnt[b]);
  free(cnt);
  int bad = ferror(d);
  bad |= fclose(d) != 0;
  if (bad) return fs_err_set(err, FS_EIO, "%s/%s.dat: write failed", p->plots, name);
  FILE *g = fs_plot_open_gp(p, &sp, err);
  if (!g) return FS_EIO;
  fprintf(g,
          "set key off\nset yrange [0:*]\nset xrange [%.6g:%.6g]\n"
          "plot '%s.dat' using (sqrt($1*$2)):3:1:2:(0):3 with boxxyerror lt 1 fs solid 0.8 "
          "border lc rgb '#ffffff'\n",
          lo / div / 1.02, hi / div * 1.02, name);
  return fs_plot_render(p, &sp, g, err);
}

static int ep_slot(fs_ep_curve *c, double rp) {
  for (int k = 0; k < c->n; k++)
    if (c->rp[k] == rp) return k;
  if (c->n == FS_EP_MAX) return -1;
  c->rp[c->n] = rp;
  c->oep[c->n] = c->aep[c->n] = NAN;
  return c->n++;
}

/* One pass: ept.csv is large with a portfolio (every summary is in it). */
int fs_plot_read_ep(const char *path, const int *ids, int n, fs_ep_curve *out, fs_err *err) {
  fs_csv *c;
  int rc = fs_csv_open(&c, path, err);
  if (rc != 0) return rc;
  static const char *const cols[] = {"SummaryId", "EPCalc", "EPType", "ReturnPeriod", "Loss"};
  long idx[5];
  for (int k = 0; k < 5; k++)
    if ((idx[k] = fs_csv_find(c, cols[k])) < 0) {
      fs_csv_close(c);
      return fs_err_set(err, FS_EINVAL, "%s: missing column %s", path, cols[k]);
    }
  while ((rc = fs_csv_next(c, err)) == 1) {
    int id = atoi(fs_csv_field(c, (size_t) idx[0]));
    int i = 0;
    while (i < n && ids[i] != id) i++;
    if (i == n || atoi(fs_csv_field(c, (size_t) idx[1])) != 2) continue;
    int type = atoi(fs_csv_field(c, (size_t) idx[2]));
    if (type != 1 && type != 3) continue;
    double rp, loss;
    if ((rc = fs_csv_number(c, (size_t) idx[3], FS_CSV_POSITIVE, &rp, err)) != 0 ||
        (rc = fs_csv_number(c, (size_t) idx[4], FS_CSV_NONNEG, &loss, err)) != 0)
      break;
    int k = ep_slot(&out[i], rp);
    if (k < 0) continue;
    if (type == 1)
      out[i].oep[k] = loss;
    else
      out[i].aep[k] = loss;
  }
  fs_csv_close(c);
  if (rc < 0) return rc;
  for (int i = 0; i < n; i++) { /* ascending return periods */
    fs_ep_curve *e = &out[i];
    for (int a = 1; a < e->n; a++)
      for (int b = a; b > 0 && e->rp[b - 1] > e->rp[b]; b--) {
        double t;
        t = e->rp[b], e->rp[b] = e->rp[b - 1], e->rp[b - 1] = t;
        t = e->oep[b], e->oep[b] = e->oep[b - 1], e->oep[b - 1] = t;
        t = e->aep[b], e->aep[b] = e->aep[b - 1], e->aep[b - 1] = t;
      }
  }
  return 0;
}

int fs_plot_ep(fs_plot *p, const char *name, const char *title, const int *ids,
               const char *const *labels, int n, fs_err *err) {
  char path[4400];
  snprintf(path, sizeof path, "%s/ept.csv", p->dir);
  if (access(path, F_OK) != 0) {
    fs_plot_nodata(p, name, title,
                   "no ept.csv: the scenario has no costs table or no annual_rate parameter");
    return 0;
  }
  fs_ep_curve ep[8];
  memset(ep, 0, sizeof ep);
  if (n > 8) n = 8;
  int rc = fs_plot_read_ep(path, ids, n, ep, err);
  if (rc != 0) return rc;
  double max = 0;
  int got = 0;
  for (int i = 0; i < n; i++)
    for (int k = 0; k < ep[i].n; k++) {
      if (!isfinite(ep[i].oep[k]) || !isfinite(ep[i].aep[k])) continue;
      got = 1;
      max = fmax(max, fmax(ep[i].oep[k], ep[i].aep[k]));
    }
  if (!got) {
    fs_plot_nodata(p, name, title, "ept.csv has no OEP/AEP rows for these summaries");
    return 0;
  }
  const char *unit;
  double div = fs_plot_money_scale(max, &unit);
  char ylabel[96];
  snprintf(ylabel, sizeof ylabel, "loss (%s)", unit);
  fs_plot_spec sp = {
      .name = name, .title = title, .xlabel = "return period (years)", .ylabel = ylabel, .logx = 1};
  FILE *d = fs_plot_open_dat(p, &sp, err);
  if (!d) return FS_EIO;
  fprintf(d, "# one block per summary: return_period OEP AEP (%s, EPCalc 2)\n", unit);
  for (int i = 0; i < n; i++) {
    fprintf(d, "%s# %s\n", i ? "\n\n" : "", labels[i]);
    for (int k = 0; k < ep[i].n; k++)
      if (isfinite(ep[i].oep[k]) && isfinite(ep[i].aep[k]))
        fprintf(d, "%g %.6g %.6g\n", ep[i].rp[k], ep[i].oep[k] / div, ep[i].aep[k] / div);
  }
  int bad = ferror(d);
  bad |= fclose(d) != 0;
  if (bad) return fs_err_set(err, FS_EIO, "%s/%s.dat: write failed", p->plots, name);
  FILE *g = fs_plot_open_gp(p, &sp, err);
  if (!g) return FS_EIO;
  fprintf(g, "set key inside top left Left reverse\nset yrange [0:*]\n"
             "set xtics (2, 5, 10, 25, 50, 100, 200, 500, 1000)\n");
  for (int r = 100; r <= 200; r += 100)
    fprintf(g,
            "set arrow from %d, graph 0 to %d, graph 1 nohead dt 2 lc rgb '#777777'\n"
            "set label '1 in %d' at %d, graph 0.03 left rotate by 90 offset -1.2,0 "
            "font ',11' tc rgb '#555555'\n",
            r, r, r, r);
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
            name, i, i + 1, q1, i, i + 1, q2, i + 1 < n ? ", \\" : "");
  }
  return fs_plot_render(p, &sp, g, err);
}

int fs_plot_blast_radius(fs_plot *p, const fs_jval *graph, fs_err *err) {
  const char *name = "blast_radius",
             *title = "Vendors by blast radius: endpoints that depend on each";
  const fs_jval *a = fs_jread_get(graph, "single_points_of_failure");
  if (!a || a->kind != FS_JARR || a->n == 0) {
    fs_plot_nodata(p, name, title,
                   graph ? "graph.json lists no single points of failure"
                         : "no graph.json: the dependency-graph analysis did not run");
    return 0;
  }
  size_t n = a->n < 20 ? a->n : 20;
  /* The 20 largest by endpoints. */
  char(*labels)[96] = fs_calloc(a->n, sizeof *labels);
  double *v = fs_calloc(a->n, sizeof *v);
  if (!labels || !v) {
    free(labels);
    free(v);
    return fs_err_set(err, FS_ENOMEM, "out of memory for %s", name);
  }
  size_t m = 0;
  for (size_t i = 0; i < a->n; i++) {
    const fs_jval *e = &a->items[i];
    double x = fs_jread_num(fs_jread_get(e, "endpoints"), NAN);
    if (!isfinite(x)) continue;
    snprintf(labels[m], sizeof labels[m], "%s", fs_jread_str(fs_jread_get(e, "vendor"), "?"));
    v[m++] = x;
  }
  for (size_t i = 0; i < m; i++) /* selection of the top n, descending */
    for (size_t j = i + 1; j < m; j++)
      if (v[j] > v[i]) {
        double t = v[i];
        v[i] = v[j];
        v[j] = t;
        char tl[96];
        memcpy(tl, labels[i], sizeof tl);
        memcpy(labels[i], labels[j], sizeof tl);
        memcpy(labels[j], tl, sizeof tl);
      }
  if (n > m) n = m;
  int rc = 0;
  if (n == 0) {
    fs_plot_nodata(p, name, title, "graph.json: no vendor has a numeric 'endpoints'");
  } else {
    const char *unit;
    double div = fs_plot__count_scale(v[0], &unit);
    for (size_t i = 0; i < n; i++) v[i] /= div;
    char xlabel[96];
    snprintf(xlabel, sizeof xlabel, "dependent endpoints%s%s%s", *unit ? " (" : "", unit,
             *unit ? ")" : "");
    fs_plot_spec sp = {.name = name, .title = title, .xlabel = xlabel, .ylabel = ""};
    rc = hbars(p, &sp, labels, v, n, div > 1 ? "%.2f" : "%.0f", err);
  }
  free(labels);
  free(v);
  return rc;
}

void fs_plot_portfolio_ids(const char *dir, int *gul, int *il) {
  *gul = *il = 0;
  char path[4400];
  snprintf(path, sizeof path, "%s/summary_info.csv", dir);
  if (access(path, F_OK) != 0) return;
  fs_csv *c;
  fs_err e = {0};
  if (fs_csv_open(&c, path, &e) != 0) return;
  long ic = fs_csv_find(c, "SummaryId"), pc = fs_csv_find(c, "Perspective"),
       lc = fs_csv_find(c, "Level");
  while (ic >= 0 && pc >= 0 && lc >= 0 && fs_csv_next(c, &e) == 1) {
    if (strcmp(fs_csv_field(c, (size_t) lc), "portfolio") != 0) continue;
    int id = atoi(fs_csv_field(c, (size_t) ic));
    const char *persp = fs_csv_field(c, (size_t) pc);
    if (strcmp(persp, "gul") == 0 && !*gul) *gul = id;
    if (strcmp(persp, "il") == 0 && !*il) *il = id;
  }
  fs_csv_close(c);
}

int fs_plot_all(fs_plot *p, const fs_jval *summary, const fs_jval *graph, fs_err *err) {
  int rc;
  if ((rc = fs_plot_down_by_industry(p, err)) != 0) return rc;
  if ((rc = fs_plot_recovery(p, err)) != 0) return rc;
  if ((rc = fs_plot_down_by_region(p, err)) != 0) return rc;
  if ((rc = fs_plot_loss_by_industry(p, summary, err)) != 0) return rc;
  if ((rc = fs_plot_loss_distribution(p, err)) != 0) return rc;
  static const int fleet_id[] = {1};
  static const char *const fleet_label[] = {"fleet"};
  if ((rc = fs_plot_ep(p, "ep_fleet", "Exceedance probability: economic loss of the fleet",
                       fleet_id, fleet_label, 1, err)) != 0)
    return rc;
  int gul, il;
  fs_plot_portfolio_ids(p->dir, &gul, &il);
  if (gul && il) {
    const int ids[] = {gul, il};
    static const char *const labels[] = {"ground-up", "insured"};
    if ((rc = fs_plot_ep(p, "ep_portfolio", "Exceedance probability: the portfolio", ids, labels, 2,
                         err)) != 0)
      return rc;
  } else {
    fs_plot_nodata(p, "ep_portfolio", "Exceedance probability: the portfolio",
                   "no portfolio (run with --portfolio)");
  }
  return fs_plot_blast_radius(p, graph, err);
}
