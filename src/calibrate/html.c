/* html.c: what the calibration report draws from a folder read back: its four charts (gnuplot) and
 * calibration.html. */
#include "calibrate/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/fsutil.h"
#include "util/json.h"
#include "util/manifest.h"

/* ---- the charts */

#define MAX_BINS    50
#define PAIRS_MAX   8    /* parameters in the scatter matrix */
#define PAIRS_DRAWS 2000 /* posterior draws it shows */
#define PPC_ROWS    150  /* rows of ppc.csv in its chart */
#define BLUE        "'#4a7ab5'"
#define RED         "'#c0392b'"

/* The histogram's bins of parameter j: one per whole value of an integer
   parameter with at most MAX_BINS of them, else 20 over its range. */
typedef struct bins {
  int n;
  double x0, w; /* left edge, width */
  double rel[MAX_BINS];
} bins;

/* The posterior mass of each bin over its prior mass (1/n, the prior
   being uniform): 1 everywhere is the prior. */
static void histogram(const fs_calrep *r, int j, bins *b) {
  const fs_calrep_param *q = &r->par[j];
  int per_value =
      q->integer && q->lo == floor(q->lo) && q->hi == floor(q->hi) && q->hi - q->lo + 1 <= MAX_BINS;
  b->n = per_value ? (int) (q->hi - q->lo) + 1 : 20;
  b->x0 = per_value ? q->lo - 0.5 : q->lo;
  b->w = per_value ? 1 : (q->hi - q->lo) / b->n;
  memset(b->rel, 0, sizeof b->rel);
  for (size_t i = 0; i < r->nsample; i++) {
    double k = floor((r->sample[i * (size_t) r->npar + j] - b->x0) / b->w);
    b->rel[k < 0 ? 0 : k >= b->n ? b->n - 1 : (int) k] += r->weight[i] * b->n;
  }
}

static void write_bins(FILE *d, const bins *b) {
  for (int k = 0; k < b->n; k++)
    fprintf(d, "%.10g %.10g %.10g\n", b->x0 + (k + 0.5) * b->w, b->rel[k], b->w);
  fputs("\n\n", d);
}

/* "NAME (UNIT)", quoted for gnuplot. */
static void param_label(char *q, size_t cap, const fs_calrep_param *par) {
  char t[2 * FS_CALREP_NAME + 4];
  snprintf(t, sizeof t, par->unit[0] ? "%s (%s)" : "%s", par->name, par->unit);
  fs_plot_quote(q, cap, t);
}

/* Tics of axis ('x' or 'y') over parameter q's range in about parts
   steps (whole ones for a whole parameter), labelled or not. */
static void param_tics(FILE *gp, char axis, const fs_calrep_param *q, int parts, int labels) {
  double step = (q->hi - q->lo) / parts;
  if (q->integer) step = fmax(1, ceil(step));
  fprintf(gp, "set %ctics %.17g, %.17g, %.17g\nset format %c '%s'\n", axis, q->lo, step, q->hi,
          axis, labels ? "%g" : "");
}

typedef void panels_fn(FILE *gp, const fs_calrep *r, const fs_plot_spec *s);

/* fs_plot_render draws the PNG by replotting the SVG's last plot, which
   of a multiplot is its last panel only: a chart of panels draws itself
   once per picture, and fs_plot_render is left the SVG alone (the other
   formats held back while it runs, then restored for fs_plot_finish,
   which checks every picture). */
static int render_panels(fs_plot *p, const fs_plot_spec *s, FILE *gp, panels_fn *draw,
                         const fs_calrep *r, fs_err *err) {
  draw(gp, r, s);
  unsigned formats = p->formats;
  if (formats & FS_FMT_PNG) {
    fprintf(gp,
            "\nset terminal pngcairo size %d,%d font 'Helvetica,14' fontscale 1.25 noenhanced "
            "background '#ffffff'\nset output '%s.png'\n",
            s->width * 3 / 2, s->height * 3 / 2, s->name);
    draw(gp, r, s);
  }
  p->formats = formats & ~(unsigned) (FS_FMT_PNG | FS_FMT_PDF);
  int rc = fs_plot_render(p, s, gp, err);
  p->formats = formats;
  return rc;
}

/* The .dat of chart s, written by fill, and its .gp opened. */
static FILE *chart_files(fs_plot *p, const fs_plot_spec *s, const fs_calrep *r,
                         void (*fill)(FILE *d, const fs_calrep *r), fs_err *err) {
  FILE *d = fs_plot_open_dat(p, s, err);
  if (!d) return NULL;
  fill(d, r);
  if (fs_plot_close_dat(p, s->name, d, err) != 0) return NULL;
  return fs_plot_open_gp(p, s, err);
}

static int grid_cols(int n) {
  int c = 1;
  while (c * c < n) c++;
  return c;
}

static void marginals_dat(FILE *d, const fs_calrep *r) {
  fputs("# one block per parameter: bin centre, posterior mass / prior mass, bin width\n", d);
  for (int j = 0; j < r->npar; j++) {
    bins b;
    histogram(r, j, &b);
    write_bins(d, &b);
  }
}

static void marginals_gp(FILE *gp, const fs_calrep *r, const fs_plot_spec *s) {
  int cols = grid_cols(r->npar);
  char q[512];
  fs_plot_quote(q, sizeof q, s->title);
  fprintf(gp,
          "unset title\nset yrange [0:*]\nset style fill solid 0.7 noborder\n"
          "set multiplot layout %d,%d title %s . \"\\n\" font ',17'\n",
          (r->npar + cols - 1) / cols, cols, q);
  for (int j = 0; j < r->npar; j++) {
    const fs_calrep_param *par = &r->par[j];
    bins b;
    histogram(r, j, &b);
    param_label(q, sizeof q, par);
    fprintf(gp, "set title %s font ',13'\nset xrange [%.17g:%.17g]\nset ylabel '%s'\n", q, b.x0,
            b.x0 + b.n * b.w, j % cols ? "" : "posterior / prior");
    if (par->base >= par->lo && par->base <= par->hi)
      fprintf(gp,
              "set arrow 1 from %.17g, graph 0 to %.17g, graph 1 nohead front lc rgb " RED
              " lw 2 dt 2\n",
              par->base, par->base);
    else
      fputs("unset arrow 1\n", gp);
    param_tics(gp, 'x', par, par->integer ? 5 : 4, 1);
    /* One legend for all, as text in the line left free under the title
       (a key placed there is laid out for one panel's width). */
    if (j == 0)
      fprintf(gp,
              "unset key\nset label 1 'blue bars: posterior / prior    grey dashes: prior "
              "(uniform)    red dashes: base value' at screen 0.5, screen %.4f center font ',12'\n",
              1 - 47.0 / s->height);
    else
      fputs("unset label 1\n", gp);
    fprintf(gp,
            "plot 'marginals.dat' index %d using 1:2:3 with boxes lc rgb " BLUE
            " title 'posterior', 1 with lines lc rgb '#555555' dt 2 lw 2 title 'prior (uniform)', "
            "NaN with lines lc rgb " RED " dt 2 lw 2 title 'base'\n",
            j);
  }
  fputs("unset multiplot\n", gp);
}

static int chart_marginals(fs_plot *p, const fs_calrep *r, fs_err *err) {
  int cols = grid_cols(r->npar), rows = (r->npar + cols - 1) / cols;
  fs_plot_spec s = {.name = "marginals",
                    .title = "Posterior of each parameter over its declared range",
                    .width = cols < 2            ? 640
                             : cols * 330 < 1600 ? cols * 330
                                                 : 1600,
                    .height = 100 + rows * 260};
  if (!r->nsample) return fs_plot_nodata(p, s.name, s.title, "posterior.csv has no samples", err);
  FILE *gp = chart_files(p, &s, r, marginals_dat, err);
  return gp ? render_panels(p, &s, gp, marginals_gp, r, err) : err->code;
}

static void pairs_dat(FILE *d, const fs_calrep *r) {
  int k = r->npar < PAIRS_MAX ? r->npar : PAIRS_MAX;
  size_t m = r->nsample < PAIRS_DRAWS ? r->nsample : PAIRS_DRAWS, i = 0;
  fputs("# block 0: posterior draws (systematic resampling by weight), one column per "
        "parameter; block 1+J: histogram of parameter J as in marginals.dat\n",
        d);
  double cum = r->weight[0];
  for (size_t t = 0; t < m; t++) {
    double u = (t + 0.5) / (double) m;
    while (cum < u && i + 1 < r->nsample) cum += r->weight[++i];
    for (int j = 0; j < k; j++)
      fprintf(d, "%s%.10g", j ? " " : "", r->sample[i * (size_t) r->npar + j]);
    fputc('\n', d);
  }
  fputs("\n\n", d);
  for (int j = 0; j < k; j++) {
    bins b;
    histogram(r, j, &b);
    write_bins(d, &b);
  }
}

static void pairs_gp(FILE *gp, const fs_calrep *r, const fs_plot_spec *s) {
  int k = r->npar < PAIRS_MAX ? r->npar : PAIRS_MAX;
  char q[512];
  fs_plot_quote(q, sizeof q, s->title);
  fprintf(gp,
          "unset title\nunset key\nset tics font ',9'\nset style fill solid 0.7 noborder\n"
          "set multiplot layout %d,%d title %s font ',17' margins %.4f,0.98,%.4f,%.4f "
          "spacing 0.035,0.035\n",
          k, k, q, 100.0 / s->width, 80.0 / s->height, 1 - 60.0 / s->height);
  for (int i = 0; i < k; i++)
    for (int j = 0; j < k; j++) {
      if (j > i) {
        fputs("set multiplot next\n", gp);
        continue;
      }
      bins bx, by;
      histogram(r, j, &bx);
      histogram(r, i, &by);
      double xl = bx.x0, xh = bx.x0 + bx.n * bx.w, yl = by.x0, yh = by.x0 + by.n * by.w;
      param_label(q, sizeof q, &r->par[j]);
      fprintf(gp, "set xlabel %s font ',11'\n", i == k - 1 ? q : "''");
      param_label(q, sizeof q, &r->par[i]);
      fprintf(gp, "set ylabel %s font ',11'\n", j == 0 ? q : "''");
      fprintf(gp, "set xrange [%.17g:%.17g]\n", xl, xh);
      param_tics(gp, 'x', &r->par[j], 2, i == k - 1);
      if (i == j)
        fprintf(gp,
                "set yrange [0:*]\nset ytics autofreq\nset format y ''\nplot 'pairs.dat' "
                "index %d using 1:2:3 with boxes lc rgb " BLUE "\n",
                1 + j);
      else {
        fprintf(gp, "set yrange [%.17g:%.17g]\n", yl, yh);
        param_tics(gp, 'y', &r->par[i], 2, j == 0);
        fprintf(gp,
                "plot 'pairs.dat' index 0 using %d:%d with points pt 7 ps 0.35 lc rgb " BLUE "\n",
                j + 1, i + 1);
      }
    }
  fputs("unset multiplot\n", gp);
}

static int chart_pairs(fs_plot *p, const fs_calrep *r, fs_err *err) {
  int k = r->npar < PAIRS_MAX ? r->npar : PAIRS_MAX;
  fs_plot_spec s = {.name = "pairs",
                    .title = r->npar > PAIRS_MAX
                                 ? "Posterior draws, pairs of the first 8 parameters"
                                 : "Posterior draws, pairs of parameters",
                    .width = 260 + 150 * k,
                    .height = 260 + 150 * k};
  if (!r->nsample) return fs_plot_nodata(p, s.name, s.title, "posterior.csv has no samples", err);
  FILE *gp = chart_files(p, &s, r, pairs_dat, err);
  return gp ? render_panels(p, &s, gp, pairs_gp, r, err) : err->code;
}

/* The rows of ppc.csv the chart shows (the first PPC_ROWS with a
   positive public value, which a ratio needs), grouped by event in the
   order the events first appear; their count. */
static size_t ppc_order(const fs_calrep *r, size_t *ord) {
  size_t n = 0;
  for (size_t e = 0; e < r->nppc && n < PPC_ROWS; e++) {
    int first = 1;
    for (size_t k = 0; k < e && first; k++) first = strcmp(r->ppc[k].event, r->ppc[e].event) != 0;
    for (size_t i = e; first && i < r->nppc && n < PPC_ROWS; i++)
      if (strcmp(r->ppc[i].event, r->ppc[e].event) == 0 && r->ppc[i].value > 0) ord[n++] = i;
  }
  return n;
}

/* x over the public value v on the chart's axis: 1e-3 to 1e3 (0 at the
   left edge). */
static double ratio(double x, double v) {
  return isnan(x) ? NAN : fmin(1e3, fmax(1e-3, x / v));
}

/* Rows from the top: one per event's heading, one per observation. */
typedef struct ppc_layout {
  size_t ord[PPC_ROWS], n;
  double y[PPC_ROWS];
  int events;
} ppc_layout;

static void ppc_lay(const fs_calrep *r, ppc_layout *l) {
  l->n = ppc_order(r, l->ord);
  l->events = 0;
  for (size_t k = 0; k < l->n; k++)
    l->events += k == 0 || strcmp(r->ppc[l->ord[k]].event, r->ppc[l->ord[k - 1]].event) != 0;
  double y = (double) (l->n + (size_t) l->events);
  for (size_t k = 0; k < l->n; k++) {
    if (k == 0 || strcmp(r->ppc[l->ord[k]].event, r->ppc[l->ord[k - 1]].event) != 0) y--;
    l->y[k] = y--;
  }
}

static void ppc_dat(FILE *d, const fs_calrep *r) {
  ppc_layout l;
  ppc_lay(r, &l);
  fputs("# row, public band lo and hi, simulated 5, 50 and 95 % (each over the public value), "
        "a fit (1: a calibration figure or one fitted here) or evidence (0); the mean stands "
        "in for a missing median\n",
        d);
  for (size_t k = 0; k < l.n; k++) {
    const fs_calrep_ppc *c = &r->ppc[l.ord[k]];
    double lo = ratio(c->lo, c->value), hi = ratio(c->hi, c->value);
    fprintf(d, "%g %.6g %.6g %.6g %.6g %.6g %d\n", l.y[k], lo, fmax(hi, lo * 1.01),
            ratio(c->p05, c->value), ratio(isnan(c->p50) ? c->mean : c->p50, c->value),
            ratio(c->p95, c->value), fs_calrep__is_fit(c));
  }
}

static void ppc_gp(FILE *gp, const fs_calrep *r) {
  ppc_layout l;
  ppc_lay(r, &l);
  double lo = 0.5, hi = 2;
  for (size_t k = 0; k < l.n; k++) {
    const fs_calrep_ppc *c = &r->ppc[l.ord[k]];
    double v[] = {c->lo, c->hi, c->p05, c->p95};
    for (size_t i = 0; i < 4; i++)
      if (!isnan(v[i])) lo = fmin(lo, ratio(v[i], c->value)), hi = fmax(hi, ratio(v[i], c->value));
  }
  fprintf(gp, "set xrange [%g:%g]\nset yrange [0.3:%g]\nset ytics ('' 0) font ',10'\n", lo / 1.5,
          hi * 1.5, (double) (l.n + (size_t) l.events) + 0.5);
  char q[256];
  for (size_t k = 0; k < l.n; k++) {
    const fs_calrep_ppc *c = &r->ppc[l.ord[k]];
    char label[FS_CALREP_NAME + 16];
    snprintf(label, sizeof label, "%s%s", c->obs, fs_calrep__is_fit(c) ? " (a fit)" : "");
    fs_plot_quote(q, sizeof q, label);
    fprintf(gp, "set ytics add (%s %g)\n", q, l.y[k]);
    if (k && strcmp(c->event, r->ppc[l.ord[k - 1]].event) == 0) continue;
    fs_plot_quote(q, sizeof q, c->event);
    fprintf(gp, "set label %s at graph 0.01, first %g left front font ',12'\n", q, l.y[k] + 1);
  }
  fprintf(gp, "set grid noytics\nset arrow from 1, graph 0 to 1, graph 1 nohead lc rgb '#888888' "
              "dt 2\n"
              "set xtics (0.001, 0.01, 0.1, 0.2, 0.5, 1, 2, 5, 10, 100, 1000)\n"
              "plot 'ppc.dat' using (sqrt($2*$3)):1:2:3:($1-0.3):($1+0.3) with boxxyerror fc rgb "
              "'#d0d0d0' fs solid 1.0 title 'public band', \\\n"
              "  '' using ($7==0?$5:NaN):1:4:6 with xerrorbars lc rgb '#1f5fa0' pt 7 ps 1 title "
              "'simulated 5-50-95 %%, validation', \\\n"
              "  '' using ($7==1?$5:NaN):1:4:6 with xerrorbars lc rgb '#e08a1e' pt 6 ps 1 title "
              "'calibration figure: a fit, not evidence'\n");
}

static int chart_ppc(fs_plot *p, const fs_calrep *r, fs_err *err) {
  ppc_layout l;
  ppc_lay(r, &l);
  fs_plot_spec s = {.name = "ppc",
                    .title = "Posterior predictive check: simulated over public value",
                    .xlabel = "simulated / public value (log scale)",
                    .logx = 1,
                    .width = 1100,
                    .key_outside = 1,
                    .height = 190 + 22 * (int) (l.n + (size_t) l.events)};
  if (!l.n)
    return fs_plot_nodata(p, s.name, s.title,
                          r->has_ppc ? "ppc.csv has no row with a positive public value"
                                     : "the folder has no ppc.csv (no predictive check)",
                          err);
  FILE *d = fs_plot_open_dat(p, &s, err), *gp = NULL;
  if (!d) return err->code;
  ppc_dat(d, r);
  if (fs_plot_close_dat(p, s.name, d, err) != 0 || !(gp = fs_plot_open_gp(p, &s, err)))
    return err->code;
  ppc_gp(gp, r);
  return fs_plot_render(p, &s, gp, err);
}

/* A value for a log axis: NAN unless above 0. */
static double positive(double x) {
  return x > 0 ? x : NAN;
}

/* History matching: the non-implausible share and volume per wave (log y);
   ABC-SMC: the tolerance (log y) and the acceptance rate (right axis) per
   generation. */
static void progress_dat(FILE *d, const fs_calrep *r) {
  fputs(r->hm ? "# wave, non-implausible share, volume\n"
              : "# generation, tolerance, acceptance rate\n",
        d);
  for (size_t i = 0; i < r->nstep; i++) {
    const double *v = r->step[i];
    if (r->hm)
      fprintf(d, "%g %.10g %.10g\n", v[0], positive(v[5]), positive(v[6]));
    else
      fprintf(d, "%g %.10g %.10g\n", v[0], positive(v[1]), v[4]);
  }
}

static int chart_progress(fs_plot *p, const fs_calrep *r, fs_err *err) {
  int any = 0;
  for (size_t i = 0; i < r->nstep; i++)
    any |= r->hm ? r->step[i][5] > 0 || r->step[i][6] > 0 : r->step[i][1] > 0;
  fs_plot_spec s = {.name = "progress",
                    .title = r->hm ? "History matching: what each wave left"
                                   : "ABC-SMC: tolerance and acceptance per generation",
                    .xlabel = r->hm ? "wave" : "generation",
                    .ylabel = r->hm ? "share of the prior space (log scale)"
                                    : "tolerance (distance, log scale)",
                    .logy = any};
  if (!r->nstep)
    return fs_plot_nodata(p, s.name, s.title,
                          r->hm ? "waves.csv has no rows" : "generations.csv has no rows", err);
  if (r->hm && !any)
    return fs_plot_nodata(p, s.name, s.title, "no wave left a non-implausible share above 0", err);
  FILE *d = fs_plot_open_dat(p, &s, err), *gp = NULL;
  if (!d) return err->code;
  progress_dat(d, r);
  if (fs_plot_close_dat(p, s.name, d, err) != 0 || !(gp = fs_plot_open_gp(p, &s, err)))
    return err->code;
  double x0 = r->step[0][0], x1 = r->step[r->nstep - 1][0];
  fprintf(gp, "set xrange [%g:%g]\nset xtics 1\nset key top right\n", fmin(x0, x1) - 0.5,
          fmax(x0, x1) + 0.5);
  if (r->hm)
    fputs("plot 'progress.dat' using 1:2 with linespoints lt 1 title 'non-implausible share', "
          "'' using 1:3 with linespoints lt 2 title 'volume'\n",
          gp);
  else
    fprintf(gp,
            "%sset y2range [0:1]\nset y2tics\nset ytics nomirror\nset y2label 'acceptance rate'\n"
            "plot %s'progress.dat' using 1:3 axes x1y2 with linespoints lt 2 title "
            "'acceptance rate'\n",
            any ? "" : "set yrange [0:1]\n",
            any ? "'progress.dat' using 1:2 with linespoints lt 1 title 'tolerance', " : "");
  return fs_plot_render(p, &s, gp, err);
}

int fs_calrep__charts(fs_plot *p, const fs_calrep *r, fs_err *err) {
  int rc = chart_marginals(p, r, err);
  if (rc == 0) rc = chart_pairs(p, r, err);
  if (rc == 0) rc = chart_ppc(p, r, err);
  return rc == 0 ? chart_progress(p, r, err) : rc;
}

/* ---- the page */

#define PAGE    "calibration.html"
#define MAX_PNG (32u << 20) /* a picture larger than this is not embedded */

static const char css[] =
    "body{font-family:sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}"
    "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 7px;"
    "font-size:90%;vertical-align:top}th{background:#f3f3f3}td.n{text-align:right}"
    "tr.cal td{color:#777;font-style:italic}.yes{background:#e6f4e6}.no{background:#fbe6e6}"
    "p.note{color:#555;font-size:90%}p.warn{color:#a33}figure{margin:1.5em 0}"
    "figure img{max-width:100%;height:auto;border:1px solid #eee}"
    "figcaption{color:#555;font-size:90%}footer{margin-top:3em;border-top:1px solid #ccc}";

static void text(FILE *f, const char *s) {
  fs_xml_str(f, s);
}

/* A whole number below 10^7 in full (counts), others to 4 digits. */
static void num(FILE *f, double x) {
  if (isfinite(x) && x == floor(x) && fabs(x) < 1e7)
    fprintf(f, "%.0f", x);
  else if (isfinite(x))
    fprintf(f, "%.4g", x);
  else
    fputs("&ndash;", f);
}

/* "LO &ndash; HI". */
static void range(FILE *f, double lo, double hi) {
  num(f, lo);
  fputs(" &ndash; ", f);
  num(f, hi);
}

static void td_num(FILE *f, double x) {
  fputs("<td class=\"n\">", f);
  num(f, x);
  fputs("</td>", f);
}

static void td_text(FILE *f, const char *s) {
  fputs("<td>", f);
  text(f, s);
  fputs("</td>", f);
}

/* <table class="CLS"> and its header row from titles, '|'-separated. */
static void table_begin(FILE *f, const char *cls, const char *titles) {
  fprintf(f, "<table class=\"%s\"><tr><th>", cls);
  for (; *titles; titles++)
    if (*titles == '|')
      fputs("</th><th>", f);
    else
      fputc(*titles, f);
  fputs("</th></tr>\n", f);
}

/* A value of calibration.json as text: a list joined by ", ", an object
   as "key: value; ...", null as "none". */
static void json_text(FILE *f, const fs_jval *v, int depth) {
  if (!v || v->kind == FS_JNULL) {
    fputs("none", f);
  } else if (v->kind == FS_JBOOL) {
    fputs(v->b ? "yes" : "no", f);
  } else if (v->kind == FS_JNUM || v->kind == FS_JSTR) {
    text(f, v->str);
  } else if (depth > 2) {
    fputs("&hellip;", f);
  } else {
    for (size_t i = 0; i < v->n; i++) {
      fputs(i ? (v->kind == FS_JOBJ ? "; " : ", ") : "", f);
      if (v->kind == FS_JOBJ) text(f, v->keys[i]), fputs(": ", f);
      json_text(f, &v->items[i], depth + 1);
    }
    if (!v->n) fputs("none", f);
  }
}

static void fact(FILE *f, const char *label, const fs_jval *v) {
  fprintf(f, "<tr><th>%s</th><td>", label);
  json_text(f, v, 0);
  fputs("</td></tr>\n", f);
}

static void settings(FILE *f, const fs_calrep *r) {
  static const struct {
    const char *key, *label;
    int only; /* 1 history matching, 2 ABC-SMC, 0 both */
  } keys[] = {{"scenario.path", "Scenario", 0},
              {"observations.path", "Observations", 0},
              {"portfolio", "Portfolio", 0},
              {"scale", "Scale", 0},
              {"seed", "Seed", 0},
              {"sets", "Settings (--set)", 0},
              {"replications", "Replications per point", 0},
              {"budget", "Budget (simulated points)", 0},
              {"waves", "Waves", 1},
              {"points", "Points per wave", 1},
              {"points", "Population", 2},
              {"cutoff", "Implausibility cut-off", 1},
              {"discrepancy", "Model discrepancy (sd, times the observation's)", 0},
              {"alpha", "Tolerance quantile (alpha)", 2},
              {"check", "Posterior samples simulated for the check", 0},
              {"fingerprint", "Fingerprint", 0}};
  fputs("<h2 id=\"settings\">Settings</h2>\n<table class=\"settings\">\n", f);
  for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
    if (!keys[k].only || keys[k].only == 2 - r->hm)
      fact(f, keys[k].label, fs_jread_path(r->cal, keys[k].key));
  fprintf(f, "<tr><th>Simulated points (runs.csv)</th><td>%zu, %zu of them %s</td></tr>\n",
          r->nruns, r->kept, r->hm ? "non-implausible" : "accepted");
  fputs("</table>\n", f);
  table_begin(f, "targets",
              "observation|output|public value|band|scale|sd (band)|sd (discrepancy)");
  for (int k = 0; k < r->ntgt; k++) {
    const fs_calrep_target *t = &r->tgt[k];
    fputs("<tr>", f);
    td_text(f, t->id);
    td_text(f, t->output);
    td_num(f, t->value);
    fputs("<td class=\"n\">", f);
    range(f, t->lo, t->hi);
    fprintf(f, "</td><td>%s</td>", t->log ? "log" : "linear");
    td_num(f, t->sd_obs);
    td_num(f, t->sd_disc);
    fputs("</tr>\n", f);
  }
  fputs("</table>\n", f);
}

static void posterior(FILE *f, const fs_calrep *r) {
  fprintf(f,
          "<h2 id=\"posterior\">Posterior</h2>\n<p>%zu samples (posterior.csv%s). Shrinkage is 1 - "
          "sd&sup2;/prior sd&sup2;: pinned from 0.5, partly from 0.2.</p>\n",
          r->nsample, r->hm ? ", the non-implausible space, equal weights" : ", weighted");
  if (r->no_match)
    fputs("<p class=\"warn\">No point matched the observations: the posterior is empty and its "
          "figures are left blank (verdict &ldquo;no match&rdquo;).</p>\n",
          f);
  table_begin(f, "posterior",
              "parameter|unit|declared range|base|mean|sd|5 %|median|95 %|shrinkage|verdict");
  for (int j = 0; j < r->npar; j++) {
    const fs_calrep_param *q = &r->par[j];
    fputs("<tr>", f);
    td_text(f, q->name);
    td_text(f, q->unit);
    fputs("<td class=\"n\">", f);
    range(f, q->lo, q->hi);
    fputs(q->integer ? " (whole)</td>" : "</td>", f);
    double v[] = {q->base, q->mean, q->sd, q->p05, q->p50, q->p95, q->shrinkage};
    for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) td_num(f, v[k]);
    td_text(f, q->verdict);
    fputs("</tr>\n", f);
  }
  fputs("</table>\n", f);
}

static void progress(FILE *f, const fs_calrep *r) {
  const char *const *cols = r->hm ? fs_calrep__wave_cols : fs_calrep__gen_cols;
  fprintf(f, "<h2 id=\"progress\">Progress</h2>\n<table class=\"progress\"><tr>");
  for (size_t k = 0; cols[k]; k++) fprintf(f, "<th>%s</th>", cols[k]);
  fputs("</tr>\n", f);
  for (size_t i = 0; i < r->nstep; i++) {
    fputs("<tr>", f);
    for (size_t k = 0; cols[k]; k++) td_num(f, r->step[i][k]);
    fputs("</tr>\n", f);
  }
  fputs("</table>\n", f);
}

static void emulators(FILE *f, const fs_calrep *r) {
  fputs("<h2 id=\"emulators\">Emulators</h2>\n<p>One Gaussian process per wave and observation; "
        "leave-one-out R&sup2; near 1 and standardised errors near 1 say it can be trusted.</p>\n",
        f);
  table_begin(f, "emulators",
              "wave|observation|LOO R&sup2;|LOO RMS std. error|signal variance|nugget "
              "variance|length scales");
  for (size_t i = 0; i < r->nemu; i++) {
    const fs_calrep_emu *e = &r->emu[i];
    fputs("<tr>", f);
    td_num(f, e->wave);
    td_text(f, e->obs);
    double v[] = {e->loo_r2, e->loo_rms, e->signal_var, e->nugget_var};
    for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) td_num(f, v[k]);
    fputs("<td>", f);
    for (int j = 0; j < r->npar; j++) {
      fputs(j ? ", " : "", f);
      text(f, r->par[j].name);
      fputs(" ", f);
      num(f, r->emu_len[i * (size_t) r->npar + j]);
    }
    fputs("</td></tr>\n", f);
  }
  fputs("</table>\n", f);
}

static void ppc_row(FILE *f, const fs_calrep_ppc *c) {
  int fit = fs_calrep__is_fit(c);
  fprintf(f, "<tr%s>", fit ? " class=\"cal\"" : "");
  td_text(f, c->event);
  td_text(f, c->obs);
  td_text(f, c->output);
  fprintf(f, "<td>%s</td>", fit ? "calibration figure: a fit, not evidence" : "validation");
  td_text(f, c->use);
  fputs("<td class=\"n\">", f);
  num(f, c->value);
  fputs(" (", f);
  range(f, c->lo, c->hi);
  fputs(")</td>", f);
  td_num(f, c->mean);
  fputs("<td class=\"n\">", f);
  num(f, c->p05);
  fputs(" / ", f);
  num(f, c->p50);
  fputs(" / ", f);
  num(f, c->p95);
  fputs("</td>", f);
  td_num(f, c->nvalues);
  fprintf(f, "<td class=\"%s\">%s</td>", c->covered ? "yes" : "no", c->covered ? "yes" : "no");
  td_text(f, c->varied);
  fputs("</tr>\n", f);
}

static void ppc(FILE *f, const fs_calrep *r) {
  fputs("<h2 id=\"ppc\">Posterior predictive check</h2>\n", f);
  if (!r->has_ppc) {
    fputs("<p class=\"note\">The folder has no ppc.csv: no predictive check was run.</p>\n", f);
    return;
  }
  size_t n[2] = {0, 0}, in[2] = {0, 0};
  for (size_t i = 0; i < r->nppc; i++) {
    n[fs_calrep__is_fit(&r->ppc[i])]++;
    in[fs_calrep__is_fit(&r->ppc[i])] += (size_t) r->ppc[i].covered;
  }
  fprintf(f,
          "<p>Validation figures covered (the simulated 5-95 %% interval overlaps the public "
          "band): <b>%zu of %zu</b>. Calibration figures (the library's, and those fitted "
          "here) covered: %zu of %zu &ndash; the model was fitted to them, so they are a fit, "
          "not evidence.</p>\n",
          in[0], n[0], in[1], n[1]);
  table_begin(
      f, "ppc",
      "event|observation|output|figure|use|public value (band)|simulated mean|simulated 5 / 50 / "
      "95 %|values|covered|parameters varied");
  for (size_t i = 0; i < r->nppc; i++) ppc_row(f, &r->ppc[i]);
  fprintf(f,
          "</table>\n<p class=\"note\">The chart shows the rows with a public value above 0 (a "
          "ratio needs one), the first %d grouped by event.</p>\n",
          PPC_ROWS);
}

/* Writes the picture at path as base64 (RFC 4648). 1 when it cannot be
   read or is larger than MAX_PNG. */
static int base64_file(FILE *f, const char *path) {
  static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  FILE *in = fs_open_input(path, FS_OPEN_NOFOLLOW, NULL);
  if (!in) return 1;
  unsigned char buf[3 * 1024];
  size_t got, total = 0;
  while ((got = fread(buf, 1, sizeof buf, in)) > 0 && (total += got) <= MAX_PNG)
    for (size_t i = 0; i < got; i += 3) {
      unsigned v = (unsigned) buf[i] << 16 | (i + 1 < got ? (unsigned) buf[i + 1] << 8 : 0) |
                   (i + 2 < got ? buf[i + 2] : 0);
      fputc(b64[v >> 18 & 63], f);
      fputc(b64[v >> 12 & 63], f);
      fputc(i + 1 < got ? b64[v >> 6 & 63] : '=', f);
      fputc(i + 2 < got ? b64[v & 63] : '=', f);
    }
  int bad = ferror(in) || total > MAX_PNG;
  fclose(in);
  return bad;
}

/* Chart name of p: its PNG embedded (the page stands alone), or a note
   saying why there is none. A picture that cannot be read leaves a broken
   data URI and a note: the page is not worth losing for it. */
static int figure(FILE *f, const fs_plot *p, const char *name, fs_err *err) {
  const fs_chart *c = fs_plot_chart_get(p, name);
  if (!c) return 0;
  if (c->state != FS_CHART_RENDERED) {
    fprintf(f, "<p class=\"note warn\">Chart &ldquo;");
    text(f, c->title);
    fputs(c->state == FS_CHART_NODATA ? "&rdquo; left out: " : "&rdquo; not drawn: ", f);
    text(f, c->state == FS_CHART_SCRIPT ? p->skip : c->note);
    fputs(".</p>\n", f);
    return 0;
  }
  char path[FS_PATH_MAX];
  int rc = fs_path_fmt(path, sizeof path, err, "%s/%s.png", p->work, c->name);
  if (rc != 0) return rc;
  fprintf(f, "<figure id=\"fig-%s\"><img alt=\"", c->name);
  text(f, c->title);
  fputs("\" src=\"data:image/png;base64,", f);
  int bad = base64_file(f, path);
  fputs("\">\n<figcaption>", f);
  text(f, c->title);
  fprintf(f, ". Picture, data and gnuplot script: <code>plots/%s.png</code>, .svg, .dat, .gp.%s",
          c->name,
          bad ? " <b>The picture could not be read to embed here; open it there.</b>" : "");
  fputs("</figcaption></figure>\n", f);
  return 0;
}

static void footer(FILE *f, const fs_calrep *r) {
  char prog[512];
  fs_manifest_program(r->manifest, prog, sizeof prog);
  fputs("<footer id=\"reproducibility\">\n<h2>Reproducibility</h2>\n<table class=\"inputs\">\n"
        "<tr><th>Program</th><td>",
        f);
  text(f, prog);
  fputs("</td></tr>\n", f);
  fact(f, "Command", fs_jread_get(r->manifest, "command"));
  fact(f, "Scenario", fs_jread_path(r->cal, "scenario.path"));
  fact(f, "Scenario hash", fs_jread_path(r->cal, "scenario.hash"));
  fact(f, "Observations", fs_jread_path(r->cal, "observations.path"));
  fact(f, "Observations hash", fs_jread_path(r->cal, "observations.hash"));
  fact(f, "Seed", fs_jread_get(r->cal, "seed"));
  fact(f, "Fingerprint", fs_jread_get(r->cal, "fingerprint"));
  double wall = fs_jread_num(fs_jread_get(r->manifest, "wall_seconds"), NAN);
  if (isfinite(wall)) fprintf(f, "<tr><th>Wall time</th><td>%.1f s</td></tr>\n", wall);
  fputs("</table>\n<p class=\"note\">Redraw this page and its plots from the folder with "
        "<code>fleetsim report DIR</code>.</p>\n</footer>\n",
        f);
}

static int page(FILE *f, const fs_calrep *r, const fs_plot *p, fs_err *err) {
  const char *name = fs_jread_str(fs_jread_path(r->cal, "scenario.name"), "?");
  const char *method = r->hm ? "history matching" : "ABC-SMC";
  fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"generator\" content=\"fleetsim\"><title>",
        f);
  text(f, name);
  fprintf(f, " - calibration (%s)</title><style>%s</style></head><body>\n<h1>Calibration: ", method,
          css);
  text(f, name);
  fprintf(f, " (%s)</h1>\n<p>%d parameters fitted to %d observations of ", method, r->npar,
          r->ntgt);
  text(f, fs_jread_str(fs_jread_path(r->cal, "observations.path"), "?"));
  fputs(" (docs/CALIBRATION.md).</p>\n", f);
  settings(f, r);
  posterior(f, r);
  int rc = figure(f, p, "marginals", err);
  if (rc == 0) rc = figure(f, p, "pairs", err);
  if (rc == 0) {
    progress(f, r);
    rc = figure(f, p, "progress", err);
  }
  if (rc == 0) {
    if (r->hm) emulators(f, r);
    ppc(f, r);
    rc = figure(f, p, "ppc", err);
  }
  if (rc == 0) footer(f, r);
  fputs("</body></html>\n", f);
  return rc;
}

int fs_calrep__html(const fs_calrep *r, const fs_plot *p, fs_err *err) {
  FILE *f = fs_out_open_tmp(r->dir, PAGE, err);
  if (!f) return err->code;
  int rc = page(f, r, p, err);
  if (rc != 0) {
    fs_out_abort_tmp(f, r->dir, PAGE);
    return rc;
  }
  return fs_out_commit_tmp(f, r->dir, PAGE, err);
}
