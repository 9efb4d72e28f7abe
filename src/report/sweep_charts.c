/* sweep_charts.c: the charts of a sweep folder: tornado, Sobol indices, response curves. */
#include "report/plot.h"
#include "report/plot_impl.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/csv.h"
#include "util/path.h"

/* Response curves drawn at most: the most influential parameters. */
#define MAX_RESPONSES 8

/* ---- names and scales */

const fs_jval *fs_plot__sweep_param(const fs_jval *m, const char *name) {
  const fs_jval *a = fs_jread_get(m, "params");
  for (size_t i = 0; a && a->kind == FS_JARR && i < a->n; i++)
    if (strcmp(fs_jread_str(fs_jread_get(&a->items[i], "name"), ""), name) == 0)
      return &a->items[i];
  return NULL;
}

/* "staffing_factor (0.5 → 2 multiplier)", or the name alone. */
static void param_label(char *buf, size_t cap, const fs_jval *m, const char *name) {
  const fs_jval *e = fs_plot__sweep_param(m, name);
  double lo = fs_jread_num(fs_jread_get(e, "lo"), NAN),
         hi = fs_jread_num(fs_jread_get(e, "hi"), NAN);
  const char *unit = fs_jread_str(fs_jread_get(e, "unit"), "");
  if (isfinite(lo) && isfinite(hi))
    snprintf(buf, cap, "%s (%g \xe2\x86\x92 %g%s%s)", name, lo, hi, *unit ? " " : "", unit);
  else
    snprintf(buf, cap, "%s", name);
}

/* ---- sensitivity.csv */

static const char *const sens_cols[] = {"output", "parameter", "index", "estimate",
                                        "ci_low", "ci_high",   "n"};
static const char *const sens_index[] = {"base", "oat_low", "oat_high", "oat_swing", "S1", "ST"};

static fs_sweep_est no_est(void) {
  fs_sweep_est e = {NAN, NAN, NAN, NAN};
  return e;
}

/* Which of sens_index a row's index is: 0 (base) to 5 (ST), after checking
   it and its parameter. */
static int sens_kind(const fs_csv *c, const long *col, const fs_jval *manifest, int *kind,
                     fs_err *err) {
  const char *idx = fs_csv_field(c, (size_t) col[2]), *par = fs_csv_field(c, (size_t) col[1]);
  int k = 0;
  while (k < 6 && strcmp(idx, sens_index[k]) != 0) k++;
  if (k == 6)
    return fs_csv_fail(c, (size_t) col[2], err, FS_EINVAL,
                       "unknown index \"%s\" (expected base, oat_low, oat_high, oat_swing, S1 "
                       "or ST)",
                       idx);
  if (k == 0 && *par)
    return fs_csv_fail(c, (size_t) col[1], err, FS_EINVAL,
                       "a base row names no parameter (got \"%s\")", par);
  if (k != 0 && !*par)
    return fs_csv_fail(c, (size_t) col[1], err, FS_EINVAL, "a %s row needs its parameter", idx);
  if (k != 0 && manifest && !fs_plot__sweep_param(manifest, par))
    return fs_csv_fail(c, (size_t) col[1], err, FS_EINVAL,
                       "\"%s\" is not a parameter of the sweep (manifest.json params)", par);
  if (strlen(par) >= sizeof((fs_sweep_sens *) 0)->p[0].name)
    return fs_csv_fail(c, (size_t) col[1], err, FS_ELIMIT, "parameter name longer than %zu bytes",
                       sizeof((fs_sweep_sens *) 0)->p[0].name - 1);
  *kind = k;
  return 0;
}

/* The slot of parameter par in out, added when new. */
static int sens_param(const fs_csv *c, const long *col, fs_sweep_sens *out, const char *par,
                      int *slot, fs_err *err) {
  int i = 0;
  while (i < out->n && strcmp(out->p[i].name, par) != 0) i++;
  if (i == out->n) {
    if (out->n == FS_SWEEP_MAX_PARAMS)
      return fs_csv_fail(c, (size_t) col[1], err, FS_ELIMIT, "more than %d parameters",
                         FS_SWEEP_MAX_PARAMS);
    out->n++;
    snprintf(out->p[i].name, sizeof out->p[i].name, "%s", par);
    out->p[i].low = out->p[i].high = out->p[i].swing = out->p[i].s1 = out->p[i].st = no_est();
  }
  *slot = i;
  return 0;
}

/* One row of sensitivity.csv: checked whatever its output, kept when it is
   about output. */
static int sens_row(const fs_csv *c, const long *col, const char *output, const fs_jval *manifest,
                    fs_sweep_sens *out, fs_err *err) {
  int k = 0, rc = sens_kind(c, col, manifest, &k, err);
  fs_sweep_est e = no_est();
  double *dst[] = {&e.est, &e.lo, &e.hi, &e.n};
  for (int j = 0; j < 4 && rc >= 0; j++)
    rc = fs_csv_number(c, (size_t) col[3 + j],
                       FS_CSV_OPTIONAL | (j == 3 ? FS_CSV_NONNEG | FS_CSV_WHOLE : 0), dst[j], err);
  if (rc < 0) return rc;
  if (strcmp(fs_csv_field(c, (size_t) col[0]), output) != 0) return 0;
  if (k == 0) {
    out->base = e;
    return 0;
  }
  int i = 0;
  if ((rc = sens_param(c, col, out, fs_csv_field(c, (size_t) col[1]), &i, err)) != 0) return rc;
  fs_sweep_est *slot[] = {NULL,          &out->p[i].low, &out->p[i].high, &out->p[i].swing,
                          &out->p[i].s1, &out->p[i].st};
  *slot[k] = e;
  if (k <= 3) out->has_oat = 1;
  if (k >= 4) out->has_sobol = 1;
  return 0;
}

int fs_plot_read_sensitivity(const char *dir, const char *output, const fs_jval *manifest,
                             fs_sweep_sens *out, fs_err *err) {
  memset(out, 0, sizeof *out);
  out->base = no_est();
  char path[FS_PATH_MAX];
  int rc = fs_plot__input(dir, "sensitivity.csv", path, sizeof path, err);
  if (rc != 0) return rc;
  fs_csv *c;
  if ((rc = fs_plot__csv(&c, path, err)) != 0) return rc;
  long col[7];
  for (int k = 0; k < 7 && rc == 0; k++)
    if ((col[k] = fs_csv_find(c, sens_cols[k])) < 0)
      rc = fs_err_set(err, FS_EINVAL,
                      "%s: missing column %s (expected output,parameter,index,estimate,"
                      "ci_low,ci_high,n)",
                      path, sens_cols[k]);
  while (rc == 0 && (rc = fs_csv_next(c, err)) == 1)
    rc = sens_row(c, col, output, manifest, out, err);
  fs_csv_close(c);
  return rc < 0 ? rc : 0;
}

double fs_plot_sweep_swing(const fs_sweep_sens *s, int i) {
  double w = s->p[i].swing.est;
  return isfinite(w) ? w : s->p[i].high.est - s->p[i].low.est;
}

static double rank_key(const fs_sweep_sens *s, int i) {
  if (s->has_oat) {
    double w = fs_plot_sweep_swing(s, i);
    return isfinite(w) ? fabs(w) : -1;
  }
  if (s->has_sobol) return isfinite(s->p[i].st.est) ? s->p[i].st.est : -INFINITY;
  return 0;
}

void fs_plot_sweep_rank(const fs_sweep_sens *s, int *order) {
  for (int i = 0; i < s->n; i++) order[i] = i;
  /* Insertion sort, descending and stable: few parameters. */
  for (int i = 1; i < s->n; i++) {
    int x = order[i], j = i;
    double kx = rank_key(s, x);
    while (j > 0 && rank_key(s, order[j - 1]) < kx) {
      order[j] = order[j - 1];
      j--;
    }
    order[j] = x;
  }
}

/* Reads the sensitivity of output into a new *out; 1 when there is no
   sensitivity.csv. */
static int load_sens(fs_plot *p, const char *output, const fs_jval *m, fs_sweep_sens **out,
                     fs_err *err) {
  *out = fs_calloc(1, sizeof **out);
  if (!*out) return fs_err_set(err, FS_ENOMEM, "out of memory for sensitivity.csv");
  int rc = fs_plot_read_sensitivity(p->dir, output, m, *out, err);
  if (rc < 0) {
    free(*out);
    *out = NULL;
  }
  return rc;
}

/* ---- tornado */

/* A chart of the sensitivity of one output: the rows of s it draws, in
   the order they are written. */
typedef struct sens_chart {
  char name[FS_PLOT_NAME_MAX], label[96], title[200];
  fs_sweep_sens *s;
  int rows[FS_SWEEP_MAX_PARAMS], n;
} sens_chart;

/* Where the bars grow from: the base point's mean; without a base row, the
   average midpoint, which keeps their lengths right. */
typedef struct tornado_axis {
  double base, div;
  int base_known;
  const char *unit;
} tornado_axis;

static void tornado_scale(const sens_chart *t, const char *output, tornado_axis *a) {
  const fs_sweep_sens *s = t->s;
  a->base = s->base.est;
  a->base_known = isfinite(a->base);
  if (!a->base_known) {
    a->base = 0;
    for (int i = 0; i < t->n; i++)
      a->base += (s->p[t->rows[i]].low.est + s->p[t->rows[i]].high.est) / (2 * t->n);
  }
  double max = fabs(a->base);
  for (int i = 0; i < t->n; i++)
    max = fmax(max, fmax(fabs(s->p[t->rows[i]].low.est), fabs(s->p[t->rows[i]].high.est)));
  a->div = fs_plot__output_scale(output, max, &a->unit);
}

static void tornado_why(char *why, size_t cap, int missing, const fs_jval *manifest,
                        const char *output) {
  const fs_jval *oat = fs_jread_get(manifest, "oat");
  if (missing)
    snprintf(why, cap, "the folder has no sensitivity.csv");
  else if (oat && oat->kind == FS_JBOOL && !oat->b)
    snprintf(why, cap,
             "the sweep ran without the one-at-a-time block (manifest.json \"oat\": false)");
  else
    snprintf(why, cap, "sensitivity.csv has no oat_low and oat_high rows for %.80s", output);
}

/* The bars, smallest |swing| first: gnuplot draws row 0 at the bottom. */
static int tornado_dat(fs_plot *p, const fs_plot_spec *sp, const sens_chart *t,
                       const tornado_axis *a, const fs_jval *manifest, fs_err *err) {
  FILE *d = fs_plot_open_dat(p, sp, err);
  if (!d) return fs_plot__code(err);
  const char *unit = a->unit;
  fputs("# label mean_at_low mean_at_high swing (", d);
  fs_plot__comment(d, t->label);
  fprintf(d, "%s%s, base %.6g%s%s), smallest |swing| first: gnuplot draws row 0 at the bottom\n",
          *unit ? ", " : "", unit, a->base / a->div, *unit ? " " : "", unit);
  for (int i = t->n; i-- > 0;) {
    const int k = t->rows[i];
    char pl[200];
    param_label(pl, sizeof pl, manifest, t->s->p[k].name);
    fs_plot__dat_label(d, pl);
    fprintf(d, " %.6g %.6g %.6g\n", t->s->p[k].low.est / a->div, t->s->p[k].high.est / a->div,
            fs_plot_sweep_swing(t->s, k) / a->div);
  }
  return fs_plot_close_dat(p, sp->name, d, err);
}

static int tornado_gp(fs_plot *p, const fs_plot_spec *sp, int n, const tornado_axis *a,
                      fs_err *err) {
  FILE *g = fs_plot_open_gp(p, sp, err);
  if (!g) return fs_plot__code(err);
  double b = a->base / a->div;
  const char *unit = a->unit;
  fprintf(g,
          "set key below center horizontal noopaque nobox font ',12'\nset bmargin 6\n"
          "set grid noytics\nset ytics scale 0 font ',12'\n"
          "set yrange [-0.7:%g]\nset offsets graph 0.06, graph 0.06, 0, 0\n"
          "set style fill transparent solid 0.8 noborder\n"
          "set arrow from %.6g, graph 0 to %.6g, graph 1 nohead lc rgb '#333333' lw 1.5 front\n"
          "set label '%s %.4g%s%s' at %.6g, %g left offset 0.6,0 font ',11' tc rgb '#333333'\n"
          "B = %.6g\n"
          "plot '%s.dat' using ((B+$2)/2):0:(abs($2-B)/2):(0.38):yticlabels(1) with boxxyerror "
          "lt 1 title 'parameter at its low end', \\\n"
          "  '' using ((B+$3)/2):0:(abs($3-B)/2):(0.38) with boxxyerror lt 2 "
          "title 'parameter at its high end'\n",
          n - 0.05, b, b, a->base_known ? "base" : "midpoint", b, *unit ? " " : "", unit, b,
          n - 0.3, b, sp->name);
  return fs_plot_render(p, sp, g, err);
}

/* The tornado once its rows are known (t->n > 0). */
static int tornado_chart(fs_plot *p, const sens_chart *t, const char *output,
                         const fs_jval *manifest, fs_err *err) {
  tornado_axis a;
  tornado_scale(t, output, &a);
  char xlabel[160], axis[200];
  fs_plot__output_axis(xlabel, sizeof xlabel, output, a.unit);
  snprintf(axis, sizeof axis, "%s, the other parameters at base", xlabel);
  fs_plot_spec sp = {.name = t->name,
                     .title = t->title,
                     .xlabel = axis,
                     .ylabel = "",
                     .height = 150 + 56 * t->n < 330 ? 330 : 150 + 56 * t->n};
  int rc = tornado_dat(p, &sp, t, &a, manifest, err);
  return rc != 0 ? rc : tornado_gp(p, &sp, t->n, &a, err);
}

int fs_plot_tornado(fs_plot *p, const char *output, const fs_jval *manifest, fs_err *err) {
  sens_chart t = {0};
  fs_plot_sweep_stem(t.name, sizeof t.name, "tornado", output, NULL);
  fs_plot_output_label(t.label, sizeof t.label, output);
  snprintf(t.title, sizeof t.title, "Tornado: %s, one parameter at a time", t.label);
  int rc = load_sens(p, output, manifest, &t.s, err);
  if (rc < 0) return rc;
  /* The parameters with both one-at-a-time means, most influential first. */
  int ord[FS_SWEEP_MAX_PARAMS];
  fs_plot_sweep_rank(t.s, ord);
  t.n = 0;
  for (int i = 0; i < t.s->n; i++)
    if (isfinite(t.s->p[ord[i]].low.est) && isfinite(t.s->p[ord[i]].high.est))
      t.rows[t.n++] = ord[i];
  if (t.n == 0) {
    char why[200];
    tornado_why(why, sizeof why, rc == 1, manifest, output);
    rc = fs_plot_nodata(p, t.name, t.title, why, err);
  } else {
    rc = tornado_chart(p, &t, output, manifest, err);
  }
  free(t.s);
  return rc;
}

/* ---- Sobol indices */

/* The parameters with an S1 or ST, largest ST first (insertion, stable). */
static void sobol_rows(sens_chart *t) {
  const fs_sweep_sens *s = t->s;
  t->n = 0;
  for (int i = 0; i < s->n; i++) {
    if (!isfinite(s->p[i].s1.est) && !isfinite(s->p[i].st.est)) continue;
    double ki = isfinite(s->p[i].st.est) ? s->p[i].st.est : -INFINITY;
    int j = t->n++;
    while (j > 0 &&
           (isfinite(s->p[t->rows[j - 1]].st.est) ? s->p[t->rows[j - 1]].st.est : -INFINITY) < ki) {
      t->rows[j] = t->rows[j - 1];
      j--;
    }
    t->rows[j] = i;
  }
}

static void sobol_why(char *why, size_t cap, int missing, const char *design, const char *output) {
  if (missing)
    snprintf(why, cap, "the folder has no sensitivity.csv");
  else if (*design && strcmp(design, "saltelli") != 0)
    snprintf(why, cap,
             "the design is %.40s; Sobol indices need the saltelli design (--design saltelli)",
             design);
  else
    snprintf(why, cap, "sensitivity.csv has no S1 or ST rows for %.80s", output);
}

/* Writes the bars and intervals; *lo and *hi become the range they span
   (with 0 and 1). */
static int sobol_dat(fs_plot *p, const fs_plot_spec *sp, const sens_chart *t, double *lo,
                     double *hi, fs_err *err) {
  FILE *d = fs_plot_open_dat(p, sp, err);
  if (!d) return fs_plot__code(err);
  fprintf(d, "# parameter x S1 S1_low S1_high ST ST_low ST_high (NaN: not available; an "
             "interval not given is the estimate)\n");
  *lo = 0, *hi = 1;
  for (int i = 0; i < t->n; i++) {
    const int k = t->rows[i];
    fs_plot__dat_label(d, t->s->p[k].name);
    fprintf(d, " %d", i);
    const fs_sweep_est *e[2] = {&t->s->p[k].s1, &t->s->p[k].st};
    for (int j = 0; j < 2; j++) {
      double v = e[j]->est, l = isfinite(e[j]->lo) ? e[j]->lo : v,
             h = isfinite(e[j]->hi) ? e[j]->hi : v;
      if (isfinite(v))
        fprintf(d, " %.6g %.6g %.6g", v, l, h);
      else
        fprintf(d, " NaN NaN NaN");
      if (isfinite(l)) *lo = fmin(*lo, l);
      if (isfinite(h)) *hi = fmax(*hi, h);
      if (isfinite(v)) *lo = fmin(*lo, v), *hi = fmax(*hi, v);
    }
    fputc('\n', d);
  }
  return fs_plot_close_dat(p, sp->name, d, err);
}

static int sobol_gp(fs_plot *p, const fs_plot_spec *sp, const sens_chart *t, double lo, double hi,
                    fs_err *err) {
  FILE *g = fs_plot_open_gp(p, sp, err);
  if (!g) return fs_plot__code(err);
  fprintf(g,
          "set key inside top right Left reverse opaque box lc rgb '#cccccc' font ',12'\n"
          "set grid noxtics\nset xtics scale 0 font ',12'%s (",
          t->n > 6 ? " rotate by -25" : "");
  for (int i = 0; i < t->n; i++) {
    char q[160];
    fs_plot_quote(q, sizeof q, t->s->p[t->rows[i]].name);
    fprintf(g, "%s%s %d", i ? ", " : "", q, i);
  }
  /* The intervals are flat-headed vectors: yerrorbars would draw a white
     disc behind each (invisible) point over the bar. */
  fprintf(g,
          ")\nset xrange [-0.6:%g]\nset yrange [%.4g:%.4g]\n%s"
          "plot '%s.dat' using ($2-0.19):3:(0.36) with boxes lt 1 title 'S1: first order', \\\n"
          "  '' using ($2+0.19):6:(0.36) with boxes lt 2 title 'ST: total', \\\n"
          "  '' using ($2-0.19):4:(0):($5-$4) with vectors heads size screen 0.006,90 "
          "lc rgb '#333333' lw 1.2 notitle, \\\n"
          "  '' using ($2+0.19):7:(0):($8-$7) with vectors heads size screen 0.006,90 "
          "lc rgb '#333333' lw 1.2 notitle\n",
          t->n - 0.4, lo < 0 ? lo * 1.08 : 0.0, hi * 1.08,
          lo < 0 ? "set xzeroaxis lt -1 lc rgb '#555555' lw 1\n" : "", sp->name);
  return fs_plot_render(p, sp, g, err);
}

static int sobol_chart(fs_plot *p, const sens_chart *t, fs_err *err) {
  fs_plot_spec sp = {.name = t->name,
                     .title = t->title,
                     .xlabel = "",
                     .ylabel = "share of the variance (bars: bootstrap interval)",
                     .width = t->n > 8 ? 960 + 40 * (t->n - 8) : 960};
  double lo = 0, hi = 1;
  int rc = sobol_dat(p, &sp, t, &lo, &hi, err);
  return rc != 0 ? rc : sobol_gp(p, &sp, t, lo, hi, err);
}

int fs_plot_sobol_indices(fs_plot *p, const char *output, const fs_jval *manifest, fs_err *err) {
  sens_chart t = {0};
  fs_plot_sweep_stem(t.name, sizeof t.name, "sobol", output, NULL);
  fs_plot_output_label(t.label, sizeof t.label, output);
  double nbase = fs_jread_num(fs_jread_get(manifest, "n"), NAN);
  const char *design = fs_jread_str(fs_jread_get(manifest, "design"), "");
  if (isfinite(nbase) && strcmp(design, "saltelli") == 0)
    snprintf(t.title, sizeof t.title, "Sobol indices: %s (%.0f base samples)", t.label, nbase);
  else
    snprintf(t.title, sizeof t.title, "Sobol indices: %s", t.label);
  int rc = load_sens(p, output, manifest, &t.s, err);
  if (rc < 0) return rc;
  sobol_rows(&t);
  if (t.n == 0) {
    char why[200];
    sobol_why(why, sizeof why, rc == 1, design, output);
    rc = fs_plot_nodata(p, t.name, t.title, why, err);
  } else {
    rc = sobol_chart(p, &t, err);
  }
  free(t.s);
  return rc;
}

/* ---- response curves (points.csv) */

enum { PT_DESIGN, PT_BASE, PT_OAT_LOW, PT_OAT_HIGH };

/* The rows of points.csv: parameter values and the output's statistics. */
typedef struct points {
  size_t n, cap;
  int np;                              /* parameters, manifest order */
  char pname[FS_SWEEP_MAX_PARAMS][64]; /* their names */
  double pbase[FS_SWEEP_MAX_PARAMS];   /* base values (NAN when unknown) */
  char punit[FS_SWEEP_MAX_PARAMS][64]; /* units */
  double *x;                           /* n x np */
  double *mean, *p05, *p95;            /* n; NAN when empty (every replication failed) */
  signed char *kind;                   /* PT_* */
  short *varied;                       /* parameter of an oat_* point, else -1 */
} points;

static void points_free(points *t) {
  free(t->x);
  free(t->mean);
  free(t->p05);
  free(t->p95);
  free(t->kind);
  free(t->varied);
  memset(t, 0, sizeof *t);
}

static int points_grow(points *t) {
  size_t cap = t->cap ? t->cap * 2 : 256, np = t->np ? (size_t) t->np : 1;
  double *x = fs_realloc(t->x, cap * np * sizeof *x);
  if (x) t->x = x;
  double *m = x ? fs_realloc(t->mean, cap * sizeof *m) : NULL;
  if (m) t->mean = m;
  double *a = m ? fs_realloc(t->p05, cap * sizeof *a) : NULL;
  if (a) t->p05 = a;
  double *b = a ? fs_realloc(t->p95, cap * sizeof *b) : NULL;
  if (b) t->p95 = b;
  signed char *k = b ? fs_realloc(t->kind, cap * sizeof *k) : NULL;
  if (k) t->kind = k;
  short *v = k ? fs_realloc(t->varied, cap * sizeof *v) : NULL;
  if (v) t->varied = v;
  if (!v) return -1;
  t->cap = cap;
  return 0;
}

/* The parameters of the manifest: names, units and base values. */
static int points_params(points *t, const fs_jval *m, fs_err *err) {
  const fs_jval *a = fs_jread_get(m, "params");
  for (size_t i = 0; a && a->kind == FS_JARR && i < a->n; i++) {
    const fs_jval *e = &a->items[i];
    const char *name = fs_jread_str(fs_jread_get(e, "name"), "");
    const char *unit = fs_jread_str(fs_jread_get(e, "unit"), "");
    if (!*name) continue;
    if (t->np == FS_SWEEP_MAX_PARAMS)
      return fs_err_set(err, FS_ELIMIT, "manifest.json: more than %d parameters",
                        FS_SWEEP_MAX_PARAMS);
    if (strlen(name) >= sizeof t->pname[0] || strlen(unit) >= sizeof t->punit[0])
      return fs_err_set(err, FS_ELIMIT,
                        "manifest.json: parameter %.80s: name or unit longer than %zu bytes", name,
                        sizeof t->pname[0] - 1);
    snprintf(t->pname[t->np], sizeof t->pname[0], "%s", name);
    snprintf(t->punit[t->np], sizeof t->punit[0], "%s", unit);
    t->pbase[t->np++] = fs_jread_num(fs_jread_get(e, "base"), NAN);
  }
  return 0;
}

/* The columns of points.csv: kind, varied, the parameters (pc) and the
   output's mean, 5th and 95th percentiles (sc). */
static int points_columns(const fs_csv *c, const points *t, const char *output, long *kc, long *vc,
                          long *pc, long *sc, fs_err *err) {
  *kc = fs_csv_find(c, "kind");
  *vc = fs_csv_find(c, "varied");
  const char *missing = *kc < 0 ? "kind" : *vc < 0 ? "varied" : NULL;
  for (int k = 0; k < t->np && !missing; k++)
    if ((pc[k] = fs_csv_find(c, t->pname[k])) < 0) missing = t->pname[k];
  static const char *const suffix[] = {"_mean", "_p05", "_p95"};
  char want[3][128];
  for (int k = 0; k < 3 && !missing; k++) {
    if (strlen(output) + strlen(suffix[k]) >= sizeof want[k])
      return fs_err_set(err, FS_ELIMIT, "%s: output name %.80s... too long", fs_csv_name(c),
                        output);
    snprintf(want[k], sizeof want[k], "%s%s", output, suffix[k]);
    if ((sc[k] = fs_csv_find(c, want[k])) < 0) missing = want[k];
  }
  if (missing) return fs_err_set(err, FS_EINVAL, "%s: missing column %s", fs_csv_name(c), missing);
  return 0;
}

/* Point kinds of points.csv: the design's, then base and one at a time. */
static const char *const point_kinds[] = {"grid",       "random",     "lhs",         "sobol",
                                          "saltelli_A", "saltelli_B", "saltelli_AB", "base",
                                          "oat_low",    "oat_high"};
#define NPOINT_KINDS (sizeof point_kinds / sizeof point_kinds[0])

/* One row of points.csv into row t->n. */
static int points_row(const fs_csv *c, long kc, long vc, const long *pc, const long *sc, points *t,
                      fs_err *err) {
  const char *ks = fs_csv_field(c, (size_t) kc), *vs = fs_csv_field(c, (size_t) vc);
  size_t k = 0;
  while (k < NPOINT_KINDS && strcmp(ks, point_kinds[k]) != 0) k++;
  if (k == NPOINT_KINDS)
    return fs_csv_fail(c, (size_t) kc, err, FS_EINVAL,
                       "unknown kind \"%s\" (expected grid, random, lhs, sobol, saltelli_A, "
                       "saltelli_B, saltelli_AB, base, oat_low or oat_high)",
                       ks);
  if (t->n == t->cap && points_grow(t) != 0)
    return fs_err_set(err, FS_ENOMEM, "%s: out of memory", fs_csv_name(c));
  size_t r = t->n;
  t->kind[r] = (signed char) (k == 7   ? PT_BASE
                              : k == 8 ? PT_OAT_LOW
                              : k == 9 ? PT_OAT_HIGH
                                       : PT_DESIGN);
  t->varied[r] = -1;
  for (int j = 0; j < t->np; j++)
    if (strcmp(vs, t->pname[j]) == 0) t->varied[r] = (short) j;
  int rc = 0;
  for (int j = 0; j < t->np && rc >= 0; j++)
    rc = fs_csv_number(c, (size_t) pc[j], 0, &t->x[r * (size_t) t->np + (size_t) j], err);
  double *dst[] = {&t->mean[r], &t->p05[r], &t->p95[r]};
  for (int j = 0; j < 3 && rc >= 0; j++) {
    *dst[j] = NAN;
    rc = fs_csv_number(c, (size_t) sc[j], FS_CSV_OPTIONAL, dst[j], err);
  }
  if (rc < 0) return rc;
  t->n++;
  return 0;
}

/* Reads dir/points.csv for output. Returns 0, 1 when the file does not
   exist, or a negative FS_E*. */
static int read_points(const fs_plot *p, const fs_jval *m, const char *output, points *t,
                       fs_err *err) {
  memset(t, 0, sizeof *t);
  int rc = points_params(t, m, err);
  char path[FS_PATH_MAX];
  if (rc == 0) rc = fs_plot__input(p->dir, "points.csv", path, sizeof path, err);
  if (rc != 0) return rc;
  fs_csv *c;
  if ((rc = fs_plot__csv(&c, path, err)) != 0) return rc;
  long kc, vc, pc[FS_SWEEP_MAX_PARAMS], sc[3];
  rc = points_columns(c, t, output, &kc, &vc, pc, sc, err);
  while (rc == 0 && (rc = fs_csv_next(c, err)) == 1) rc = points_row(c, kc, vc, pc, sc, t, err);
  fs_csv_close(c);
  if (rc < 0) {
    points_free(t);
    return rc;
  }
  return 0;
}

typedef struct xy {
  double x, m, lo, hi;
} xy;

static int xy_cmp(const void *a, const void *b) {
  double x = ((const xy *) a)->x, y = ((const xy *) b)->x;
  return (x > y) - (x < y);
}

/* One response chart: output against parameter k. *drawn is set when it
   had design points. */
static int response_one(fs_plot *p, const char *output, const points *t, int k, int reps, xy *buf,
                        int *drawn, fs_err *err) {
  *drawn = 0;
  size_t nd = 0, no = 0;
  xy *des = buf, *oat = buf + t->n;
  double max = 0;
  for (size_t r = 0; r < t->n; r++) {
    double m = t->mean[r];
    if (!isfinite(m)) continue;
    xy e = {t->x[r * (size_t) t->np + (size_t) k], m, isfinite(t->p05[r]) ? t->p05[r] : m,
            isfinite(t->p95[r]) ? t->p95[r] : m};
    if (t->kind[r] == PT_DESIGN)
      des[nd++] = e;
    else if (t->kind[r] == PT_BASE || t->varied[r] == k)
      oat[no++] = e;
    else
      continue;
    max = fmax(max, fmax(fabs(e.m), fabs(e.hi)));
  }
  if (nd == 0) return 0;
  *drawn = 1;
  qsort(des, nd, sizeof *des, xy_cmp);
  qsort(oat, no, sizeof *oat, xy_cmp);
  char name[FS_PLOT_NAME_MAX], label[96], title[200], xlabel[128], ylabel[160];
  fs_plot_sweep_stem(name, sizeof name, "response", output, t->pname[k]);
  fs_plot_output_label(label, sizeof label, output);
  snprintf(title, sizeof title, "Response of %s to %s", label, t->pname[k]);
  snprintf(xlabel, sizeof xlabel, "%s%s%s%s", t->pname[k], t->punit[k][0] ? " (" : "", t->punit[k],
           t->punit[k][0] ? ")" : "");
  const char *unit;
  double div = fs_plot__output_scale(output, max, &unit);
  fs_plot__output_axis(ylabel, sizeof ylabel, output, unit);
  fs_plot_spec sp = {.name = name,
                     .title = title,
                     .xlabel = xlabel,
                     .ylabel = ylabel,
                     .width = 760,
                     .height = 460};
  FILE *d = fs_plot_open_dat(p, &sp, err);
  if (!d) return fs_plot__code(err);
  fputs("# ", d);
  fs_plot__comment(d, t->pname[k]);
  fputs(" mean p05 p95 of ", d);
  fs_plot__comment(d, label);
  fprintf(d,
          "%s%s%s across replications; block 0: the design points, block 1: one at a time "
          "(others at base)\n",
          *unit ? " (" : "", unit, *unit ? ")" : "");
  for (size_t i = 0; i < nd; i++)
    fprintf(d, "%.9g %.6g %.6g %.6g\n", des[i].x, des[i].m / div, des[i].lo / div, des[i].hi / div);
  fprintf(d, "\n\n");
  for (size_t i = 0; i < no; i++)
    fprintf(d, "%.9g %.6g %.6g %.6g\n", oat[i].x, oat[i].m / div, oat[i].lo / div, oat[i].hi / div);
  int rc = fs_plot_close_dat(p, name, d, err);
  if (rc != 0) return rc;
  FILE *g = fs_plot_open_gp(p, &sp, err);
  if (!g) return fs_plot__code(err);
  /* The key below the x label needs the margin said: gnuplot's own is too
     small for two rows of key and overlaps the label. */
  fprintf(g, "set key below center horizontal noopaque nobox font ',12'\nset bmargin 7\n"
             "set autoscale xfix\nset offsets graph 0.04, graph 0.04, graph 0.08, graph 0.08\n");
  if (isfinite(t->pbase[k]))
    fprintf(g,
            "set arrow from %.9g, graph 0 to %.9g, graph 1 nohead dt 2 lc rgb '#777777'\n"
            "set label 'base' at %.9g, graph 0.96 left offset 0.5,0 font ',11' "
            "tc rgb '#555555'\n",
            t->pbase[k], t->pbase[k], t->pbase[k]);
  if (reps > 1)
    fprintf(g,
            "plot '%s.dat' index 0 using 1:2:3:4 with yerrorbars lt 1 pt 7 ps 0.7 "
            "title 'design points: mean, bars 5-95 %% of %d replications'",
            name, reps);
  else
    fprintf(g,
            "plot '%s.dat' index 0 using 1:2 with points lt 1 pt 7 ps 0.7 "
            "title 'design points'",
            name);
  if (no > 0)
    fprintf(g, ", \\\n  '' index 1 using 1:2 with linespoints lt 2 pt 5 ps 0.7 dt 2 "
               "title 'one at a time (others at base)'");
  fputc('\n', g);
  return fs_plot_render(p, &sp, g, err);
}

/* The manifest's replications per point, 1 when it does not say; one
   that is not a whole number from 1 to INT_MAX is an error (it becomes an
   int). */
static int manifest_reps(const fs_jval *m, int *reps, fs_err *err) {
  double r = fs_jread_num(fs_jread_get(m, "replications"), 1);
  if (!(r >= 1 && r <= INT_MAX && r == floor(r)))
    return fs_err_set(err, FS_EINVAL,
                      "manifest.json: \"replications\": expected a whole number from 1 to %d "
                      "(got %.6g)",
                      INT_MAX, r);
  *reps = (int) r;
  return 0;
}

int fs_plot_response(fs_plot *p, const char *output, const fs_jval *manifest, fs_err *err) {
  char name[FS_PLOT_NAME_MAX], label[96], title[160];
  int reps = 1, rc = manifest_reps(manifest, &reps, err);
  if (rc != 0) return rc;
  fs_plot_sweep_stem(name, sizeof name, "response", output, NULL);
  fs_plot_output_label(label, sizeof label, output);
  snprintf(title, sizeof title, "Response of %s to each parameter", label);
  points *t = fs_calloc(1, sizeof *t);
  if (!t) return fs_err_set(err, FS_ENOMEM, "out of memory for points.csv");
  rc = read_points(p, manifest, output, t, err);
  if (rc != 0) {
    free(t);
    return rc < 0 ? rc : fs_plot_nodata(p, name, title, "the folder has no points.csv", err);
  }
  /* The most influential parameters first, by sensitivity.csv when there
     is one; the others in manifest order. */
  int order[FS_SWEEP_MAX_PARAMS], no = 0;
  fs_sweep_sens *s;
  rc = load_sens(p, output, manifest, &s, err);
  if (rc < 0) {
    points_free(t);
    free(t);
    return rc;
  }
  int rank[FS_SWEEP_MAX_PARAMS];
  fs_plot_sweep_rank(s, rank);
  char used[FS_SWEEP_MAX_PARAMS] = {0};
  for (int i = 0; i < s->n; i++)
    for (int k = 0; k < t->np; k++)
      if (!used[k] && strcmp(s->p[rank[i]].name, t->pname[k]) == 0) {
        used[k] = 1;
        order[no++] = k;
      }
  for (int k = 0; k < t->np; k++)
    if (!used[k]) order[no++] = k;
  free(s);
  xy *buf = fs_malloc((t->n ? t->n : 1) * 2 * sizeof *buf);
  if (!buf) rc = fs_err_set(err, FS_ENOMEM, "out of memory for %s", name);
  int drawn = 0;
  rc = rc < 0 ? rc : 0;
  for (int i = 0; i < no && drawn < MAX_RESPONSES && rc == 0; i++) {
    int one;
    rc = response_one(p, output, t, order[i], reps, buf, &one, err);
    drawn += one;
  }
  free(buf);
  if (rc == 0 && drawn == 0)
    rc = fs_plot_nodata(p, name, title,
                        t->np ? "points.csv has no design points with a result"
                              : "manifest.json lists no parameters",
                        err);
  points_free(t);
  free(t);
  return rc;
}

int fs_plot_sweep_all(fs_plot *p, const fs_jval *manifest, fs_err *err) {
  const char *primary = fs_jread_str(fs_jread_get(manifest, "primary_output"), "");
  if (!*primary) primary = "endpoint_hours_down";
  int rc;
  if ((rc = fs_plot_tornado(p, primary, manifest, err)) != 0) return rc;
  if ((rc = fs_plot_sobol_indices(p, primary, manifest, err)) != 0) return rc;
  if ((rc = fs_plot_response(p, primary, manifest, err)) != 0) return rc;
  if (strcmp(primary, "endpoint_hours_down") != 0)
    rc = fs_plot_tornado(p, "endpoint_hours_down", manifest, err);
  return rc;
}
