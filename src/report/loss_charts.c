/* loss_charts.c: the loss report's charts: by line of cover, by industry, wording switches,
 * reinsurance layers, and gross and net EP curves. */
#include "report/loss_impl.h"
#include "report/plot_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/path.h"

void fs_loss__chart_name(char *buf, size_t cap, const fs_loss_doc *doc, const char *what, int k) {
  if (doc->catalog)
    snprintf(buf, cap, "loss-%s-%d", what, k + 1);
  else
    snprintf(buf, cap, "loss-%s", what);
}

/* ---- by line of cover: ground-up and insured side by side */

static const char *line_short(const char *line) {
  static const char *const names[][2] = {{"own_bi", "own BI"},
                                         {"dependent_bi", "dependent BI"},
                                         {"extra_expense", "extra expense"},
                                         {"data_restoration", "data restoration"}};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcmp(line, names[i][0]) == 0) return names[i][1];
  return line;
}

/* Insured only: beside a book's ground-up loss (most of it retained or
   uninsured) the insured bars would not show; the table has both. */
static int chart_lines(fs_plot *p, const fs_loss_doc *doc, fs_err *err) {
  const char *name = "loss-by_line", *title = "Mean insured loss by line of cover";
  if (!doc->has_cover || doc->nlines == 0)
    return fs_plot_nodata(p, name, title,
                          doc->has_cover ? "cover.csv has no rows" : "the folder has no cover.csv",
                          err);
  fs_plot_bars b;
  int rc = fs_plot__bars_alloc(&b, (size_t) doc->nlines, name, err);
  if (rc != 0) return rc;
  double max = 0;
  for (int i = 0; i < doc->nlines; i++) {
    fs_plot__bars_add(&b, line_short(doc->line[i].line), doc->line[i].il);
    max = fmax(max, doc->line[i].il);
  }
  if (!(max > 0)) {
    rc = fs_plot_nodata(p, name, title, "no line of cover has an insured loss", err);
  } else {
    const char *unit;
    double div = fs_plot_money_scale(max, &unit);
    for (size_t i = 0; i < b.n; i++) b.v[i] /= div;
    char xlabel[96];
    snprintf(xlabel, sizeof xlabel, "mean insured loss of the event (%s)", unit);
    fs_plot_spec sp = {.name = name, .title = title, .xlabel = xlabel, .ylabel = ""};
    rc = fs_plot__hbars(p, &sp, b.labels, b.v, b.n, "%.2f", err);
  }
  fs_plot__bars_free(&b);
  return rc;
}

/* ---- by industry: mean insured loss, bars */

static int chart_industries(fs_plot *p, const fs_loss_doc *doc, fs_err *err) {
  const char *name = "loss-industry", *title = "Mean insured loss by industry";
  const fs_loss_policies *pol = &doc->pol;
  fs_plot_bars b;
  int rc = fs_plot__bars_alloc(&b, (size_t) pol->nind + 1, name, err);
  if (rc != 0) return rc;
  for (int i = 0; i < pol->nind; i++)
    if (pol->ind[i].policies > 0)
      fs_plot__bars_add(&b, pol->ind[i].name[0] ? pol->ind[i].name : pol->ind[i].key,
                        pol->ind[i].il);
  fs_plot__bars_sort_desc(&b);
  size_t n = b.n < 20 ? b.n : 20;
  if (n == 0 || !(b.v[0] > 0)) {
    rc = fs_plot_nodata(p, name, title, "no industry of the portfolio has an insured loss", err);
  } else {
    const char *unit;
    double div = fs_plot_money_scale(b.v[0], &unit);
    for (size_t i = 0; i < n; i++) b.v[i] /= div;
    char xlabel[96];
    snprintf(xlabel, sizeof xlabel, "mean insured loss (%s)", unit);
    fs_plot_spec sp = {.name = name, .title = title, .xlabel = xlabel, .ylabel = ""};
    rc = fs_plot__hbars(p, &sp, b.labels, b.v, n, "%.2f", err);
  }
  fs_plot__bars_free(&b);
  return rc;
}

/* ---- wording switches: the change of the book's insured loss, either
   side of zero */

static int wordings_dat(fs_plot *p, const fs_plot_spec *sp, const fs_loss_doc *doc, double div,
                        const char *unit, fs_err *err) {
  FILE *d = fs_plot_open_dat(p, sp, err);
  if (!d) return fs_plot__code(err);
  fprintf(d,
          "# wording change (%s; wordings.csv ChangeUSD; the first row is drawn at the "
          "bottom)\n",
          unit);
  for (int i = doc->nw; i-- > 0;) {
    if (strcmp(doc->w[i].id, "as_written") == 0) continue;
    fs_plot__dat_label(d, doc->w[i].id);
    fprintf(d, " %.6g\n", doc->w[i].change / div);
  }
  return fs_plot_close_dat(p, sp->name, d, err);
}

static int chart_wordings(fs_plot *p, const fs_loss_doc *doc, fs_err *err) {
  const char *name = "loss-wordings",
             *title = "Change of the insured loss under each wording switch";
  int n = 0;
  double max = 0;
  for (int i = 0; i < doc->nw; i++)
    if (strcmp(doc->w[i].id, "as_written") != 0) n++, max = fmax(max, fabs(doc->w[i].change));
  if (n == 0)
    return fs_plot_nodata(
        p, name, title,
        doc->has_wordings ? "wordings.csv has no switch" : "the folder has no wordings.csv", err);
  const char *unit;
  double div = fs_plot_money_scale(max > 0 ? max : 1, &unit);
  char xlabel[96];
  snprintf(xlabel, sizeof xlabel,
           "change of the mean insured loss against the book as written (%s)", unit);
  fs_plot_spec sp = {.name = name, .title = title, .xlabel = xlabel, .ylabel = ""};
  sp.height = 120 + 34 * n;
  if (sp.height < 360) sp.height = 360;
  int rc = wordings_dat(p, &sp, doc, div, unit, err);
  if (rc != 0) return rc;
  FILE *g = fs_plot_open_gp(p, &sp, err);
  if (!g) return fs_plot__code(err);
  double lim = max > 0 ? max / div * 1.35 : 1;
  fprintf(g,
          "set key off\nset grid noytics\nset ytics scale 0 font ',12'\n"
          "set yrange [-0.7:%d.7]\nset xrange [%.6g:%.6g]\n"
          "set arrow from 0, graph 0 to 0, graph 1 nohead lc rgb '#555555'\n"
          "plot '%s.dat' using ($2/2):0:(abs($2)/2):(0.38):yticlabels(1) with boxxyerror "
          "lt 1 fs solid 0.85 noborder, \\\n"
          "  '' using ($2 >= 0 ? $2 : 1/0):0:(sprintf(' %%+.2f', $2)) with labels left "
          "font ',11' tc rgb '#333333', \\\n"
          "  '' using ($2 < 0 ? $2 : 1/0):0:(sprintf('%%+.2f ', $2)) with labels right "
          "font ',11' tc rgb '#333333'\n",
          n - 1, -lim, lim, name);
  return fs_plot_render(p, &sp, g, err);
}

/* ---- reinsurance layers: recoveries */

static int chart_layers(fs_plot *p, const fs_loss_doc *doc, int k, fs_err *err) {
  const fs_loss_pf *pf = &doc->pf[k];
  char name[FS_PLOT_NAME_MAX], title[200];
  fs_loss__chart_name(name, sizeof name, doc, "layers", k);
  if (doc->catalog)
    snprintf(title, sizeof title, "Expected annual recovery by layer: %.100s", pf->name);
  else
    snprintf(title, sizeof title, "Mean recovery of the event by layer");
  if (!pf->id[FS_LOSS_RI] || pf->nlayers == 0)
    return fs_plot_nodata(p, name, title,
                          !pf->id[FS_LOSS_RI] ? "no reinsurance programme (--reinsurance FILE)"
                          : pf->has_layers    ? "ri_layers.csv has no layer for it"
                                              : "the folder has no ri_layers.csv",
                          err);
  fs_plot_bars b;
  int rc = fs_plot__bars_alloc(&b, (size_t) pf->nlayers, name, err);
  if (rc != 0) return rc;
  double max = 0;
  for (int i = 0; i < pf->nlayers; i++) {
    char label[96];
    snprintf(label, sizeof label, "%.60s (%.30s)", pf->layer[i].name, pf->layer[i].kind);
    double v = doc->catalog ? pf->layer[i].el : pf->layer[i].ev_mean;
    fs_plot__bars_add(&b, label, isfinite(v) ? v : 0);
    max = fmax(max, isfinite(v) ? v : 0);
  }
  if (!(max > 0)) {
    rc = fs_plot_nodata(p, name, title, "no layer recovers anything", err);
  } else {
    const char *unit;
    double div = fs_plot_money_scale(max, &unit);
    for (size_t i = 0; i < b.n; i++) b.v[i] /= div;
    char xlabel[96];
    snprintf(xlabel, sizeof xlabel, "%s (%s)",
             doc->catalog ? "expected annual recovery" : "mean recovery of the event", unit);
    fs_plot_spec sp = {.name = name, .title = title, .xlabel = xlabel, .ylabel = ""};
    rc = fs_plot__hbars(p, &sp, b.labels, b.v, b.n, "%.2f", err);
  }
  fs_plot__bars_free(&b);
  return rc;
}

/* ---- EP curves: ground-up, gross and net of reinsurance */

static const char *const persp_label[FS_LOSS_NPERSP] = {"ground-up", "gross", "net"};

/* The chart shows gross and net: the ground-up loss, often ten times the
   gross, would flatten them (the table beside it has all three). */
#define EP_FIRST FS_LOSS_IL

/* One block per perspective with data (has[j]), in order. */
static int ep_dat(fs_plot *p, const fs_plot_spec *sp, const fs_loss_pf *pf, const int *has,
                  double div, const char *unit, fs_err *err) {
  FILE *d = fs_plot_open_dat(p, sp, err);
  if (!d) return fs_plot__code(err);
  fprintf(d,
          "# one block per perspective (ground-up, gross, net): return_period OEP AEP (%s, "
          "EPCalc 2)\n",
          unit);
  int blocks = 0;
  for (int j = 0; j < FS_LOSS_NPERSP; j++) {
    if (!has[j]) continue;
    fprintf(d, "%s# %s\n", blocks++ ? "\n\n" : "", persp_label[j]);
    const fs_ep_curve *e = &pf->ep[j];
    for (int k = 0; k < e->n; k++)
      if (isfinite(e->oep[k]) && isfinite(e->aep[k]))
        fprintf(d, "%g %.6g %.6g\n", e->rp[k], e->oep[k] / div, e->aep[k] / div);
  }
  return fs_plot_close_dat(p, sp->name, d, err);
}

static int chart_ep(fs_plot *p, const fs_loss_doc *doc, int k, fs_err *err) {
  const fs_loss_pf *pf = &doc->pf[k];
  char name[FS_PLOT_NAME_MAX], title[200];
  fs_loss__chart_name(name, sizeof name, doc, "ep", k);
  snprintf(title, sizeof title, "Exceedance probability%s%.100s: gross and net of reinsurance",
           doc->catalog ? ": " : "", doc->catalog ? pf->name : "");
  double max = 0;
  int has[FS_LOSS_NPERSP] = {0};
  for (int j = EP_FIRST; j < FS_LOSS_NPERSP; j++)
    for (int i = 0; i < pf->ep[j].n; i++)
      if (isfinite(pf->ep[j].oep[i]) && isfinite(pf->ep[j].aep[i])) {
        has[j] = 1;
        max = fmax(max, fmax(pf->ep[j].oep[i], pf->ep[j].aep[i]));
      }
  if (!has[FS_LOSS_IL])
    return fs_plot_nodata(p, name, title,
                          doc->has_ept   ? "ept.csv has no OEP/AEP rows for the portfolio"
                          : doc->catalog ? "the folder has no ept.csv"
                                         : "no ept.csv: the scenario has no annual_rate parameter",
                          err);
  const char *unit;
  double div = fs_plot_money_scale(max > 0 ? max : 1, &unit);
  char ylabel[96];
  snprintf(ylabel, sizeof ylabel, "loss (%s)", unit);
  fs_plot_spec sp = {
      .name = name, .title = title, .xlabel = "return period (years)", .ylabel = ylabel, .logx = 1};
  int rc = ep_dat(p, &sp, pf, has, div, unit, err);
  if (rc != 0) return rc;
  FILE *g = fs_plot_open_gp(p, &sp, err);
  if (!g) return fs_plot__code(err);
  fs_plot__rp_axes(g);
  fprintf(g, "plot \\\n");
  int block = 0;
  for (int j = EP_FIRST; j < FS_LOSS_NPERSP; j++) {
    if (!has[j]) continue;
    fprintf(g,
            "%s  '%s.dat' index %d using 1:2 with linespoints lt %d title '%s OEP', \\\n"
            "  '' index %d using 1:3 with linespoints lt %d dt 2 title '%s AEP'",
            block ? ", \\\n" : "", name, block, j + 1, persp_label[j], block, j + 1,
            persp_label[j]);
    block++;
  }
  fputc('\n', g);
  return fs_plot_render(p, &sp, g, err);
}

int fs_loss__charts(fs_plot *p, const fs_loss_doc *doc, fs_err *err) {
  int rc = 0;
  if (!doc->catalog) {
    rc = chart_lines(p, doc, err);
    if (rc == 0) rc = chart_industries(p, doc, err);
    if (rc == 0) rc = chart_wordings(p, doc, err);
  }
  for (int k = 0; k < doc->npf && k < FS_LOSS_CHART_PF && rc == 0; k++) {
    rc = chart_ep(p, doc, k, err);
    if (rc == 0) rc = chart_layers(p, doc, k, err);
  }
  return rc;
}
