/* html.c: compare.html, one self-contained page: per variant its paired
   differences from the base, the endpoints down over time of every arm
   overlaid, business downtime and economic loss by industry side by side,
   and what each lever saved with its paired interval. Inline SVG; every
   text escaped. */
#include <math.h>
#include <stdio.h>

#include "compare/compare.h"
#include "util/fsutil.h"
#include "util/json.h"

static const char css[] =
    "body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
    "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 7px;"
    "font-size:90%}td.n{text-align:right}p.warn{background:#fbe6e6;padding:.5em}"
    "p.note{color:#555;font-size:90%}";

static const char *const colour[] = {"#222",    "#1f77b4", "#d62728", "#2ca02c", "#9467bd",
                                     "#ff7f0e", "#8c564b", "#e377c2", "#17becf"};
#define NCOLOUR (sizeof colour / sizeof colour[0])

static void text(FILE *f, const char *s) {
  fs_xml_str(f, s);
}

static void num(FILE *f, double x) {
  if (isfinite(x))
    fprintf(f, "%.4g", x);
  else if (isinf(x))
    fputs("&infin;", f);
  else
    fputs("&ndash;", f);
}

static const fs_compare_row *row_of(const fs_compare *c, int a, int m) {
  return &c->row[(size_t) (a - 1) * c->nm + m];
}

static void legend(FILE *f, const fs_compare *c, double x, double y) {
  for (int a = 0; a < c->narm; a++) {
    fprintf(f, "<rect x=\"%.0f\" y=\"%.0f\" width=\"10\" height=\"10\" fill=\"%s\"/>", x,
            y + 14 * a, colour[a % NCOLOUR]);
    fprintf(f, "<text x=\"%.0f\" y=\"%.0f\">", x + 14, y + 14 * a + 9);
    text(f, c->arm[a].name);
    fputs("</text>\n", f);
  }
}

/* Endpoints down over time, replication 0 of every arm. */
static void chart_down(FILE *f, const fs_compare *c) {
  const double W = 760, H = 260, X0 = 70, Y0 = 20;
  double ymax = 1, tmax = 0;
  for (int a = 0; a < c->narm; a++) {
    const fs_compare_arm *arm = &c->arm[a];
    for (size_t i = 0; i < arm->nticks; i++) ymax = fmax(ymax, arm->down[i]);
    tmax = fmax(tmax, (double) (arm->nticks ? arm->nticks - 1 : 0) * arm->tick_hours);
  }
  if (!(tmax > 0)) tmax = 1;
  fprintf(f,
          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"960\" height=\"%.0f\" "
          "font-size=\"11\">\n",
          H + 50);
  fprintf(f,
          "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" "
          "stroke=\"#aaa\"/>\n",
          X0, Y0, W, H);
  for (int k = 0; k <= 4; k++) {
    double y = Y0 + H - H * k / 4.0;
    fprintf(f, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">%.3g</text>", X0 - 4, y + 4,
            ymax * k / 4.0);
    double t = tmax * k / 4.0;
    fprintf(f, "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">%.0f h</text>\n",
            X0 + W * k / 4.0, Y0 + H + 14, t);
  }
  for (int a = 0; a < c->narm; a++) {
    const fs_compare_arm *arm = &c->arm[a];
    fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"",
            colour[a % NCOLOUR]);
    for (size_t i = 0; i < arm->nticks; i++)
      fprintf(f, "%.1f,%.1f ", X0 + W * (double) i * arm->tick_hours / tmax,
              Y0 + H - H * arm->down[i] / ymax);
    fputs("\"/>\n", f);
  }
  legend(f, c, X0 + W + 10, Y0);
  fprintf(f,
          "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\">hours from the scenario start "
          "(replication 0)</text>\n</svg>\n",
          X0 + W / 2, Y0 + H + 32);
}

/* Per industry, the arms' means of industry metric k side by side. */
static void chart_industries(FILE *f, const fs_compare *c, int k) {
  const double X0 = 170, W = 560, BAR = 7;
  double vmax = 0, mean[FS_MAX_INDUSTRIES][FS_COMPARE_MAX_VARIANTS + 1];
  for (int i = 0; i < c->nindustries; i++)
    for (int a = 0; a < c->narm; a++) {
      int m = FS_CM_FLEET + FS_CM_PER_IND * i + k;
      double s = 0;
      int n = 0;
      for (int r = 0; r < c->reps; r++) {
        double x = c->arm[a].x[(size_t) r * c->nm + m];
        if (isfinite(x)) s += x, n++;
      }
      mean[i][a] = n ? s / n : 0;
      vmax = fmax(vmax, mean[i][a]);
    }
  if (!(vmax > 0)) vmax = 1;
  double rowh = BAR * c->narm + 8, h = rowh * c->nindustries + 30;
  fprintf(f,
          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"960\" height=\"%.0f\" "
          "font-size=\"11\">\n",
          h);
  for (int i = 0; i < c->nindustries; i++) {
    double y = 4 + rowh * i;
    fprintf(f, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">", X0 - 6, y + rowh / 2 + 3);
    text(f, c->industry[i]);
    fputs("</text>", f);
    for (int a = 0; a < c->narm; a++)
      fprintf(f, "<rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"%.0f\" fill=\"%s\"/>", X0,
              y + BAR * a, W * mean[i][a] / vmax, BAR - 1, colour[a % NCOLOUR]);
    fputs("\n", f);
  }
  fprintf(f,
          "<text x=\"%.0f\" y=\"%.0f\">0</text><text x=\"%.0f\" y=\"%.0f\" "
          "text-anchor=\"end\">%.4g</text>\n",
          X0, h - 8, X0 + W, h - 8, vmax);
  legend(f, c, X0 + W + 20, 4);
  fputs("</svg>\n", f);
}

/* What each lever saved of metric m: the base's mean less the variant's,
   with the paired 95 % interval (each lever alone against the base: the
   savings do not add up). */
static void chart_saved(FILE *f, const fs_compare *c, int m) {
  const double X0 = 170, W = 560, ROW = 22;
  double vmax = 0;
  for (int a = 1; a < c->narm; a++) {
    const fs_compare_row *r = row_of(c, a, m);
    if (r->n) vmax = fmax(vmax, fmax(fabs(r->lo), fabs(r->hi)));
  }
  if (!(vmax > 0)) vmax = 1;
  double zero = X0 + W / 2, h = ROW * (c->narm - 1) + 30;
  fprintf(f,
          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"960\" height=\"%.0f\" "
          "font-size=\"11\">\n<line x1=\"%.0f\" y1=\"0\" x2=\"%.0f\" y2=\"%.0f\" "
          "stroke=\"#888\"/>\n",
          h, zero, zero, h - 20);
  for (int a = 1; a < c->narm; a++) {
    const fs_compare_row *r = row_of(c, a, m);
    double y = 4 + ROW * (a - 1);
    fprintf(f, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">", X0 - 6, y + 12);
    text(f, c->arm[a].name);
    fputs("</text>", f);
    if (!r->n || !isfinite(r->diff)) continue;
    double s = -r->diff, x1 = zero + W / 2 * s / vmax;
    fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" fill=\"%s\"/>",
            fmin(zero, x1), y + 2, fabs(x1 - zero), colour[a % NCOLOUR]);
    if (isfinite(r->lo) && isfinite(r->hi))
      fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000\"/>",
              zero - W / 2 * r->hi / vmax, y + 9, zero - W / 2 * r->lo / vmax, y + 9);
    fputs("\n", f);
  }
  fprintf(f,
          "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\">saved (base minus variant), "
          "scale &plusmn;%.4g</text>\n</svg>\n",
          zero, h - 6, vmax);
}

static void variant_table(FILE *f, const fs_compare *c, int a) {
  const fs_compare_arm *arm = &c->arm[a];
  fputs("<h3>", f);
  text(f, arm->name);
  fputs("</h3>\n<p>", f);
  text(f, arm->var->description);
  fputs("<br><span class=\"note\">Sets: ", f);
  for (int i = 0; i < arm->var->nsets; i++) {
    fprintf(f, "%s", i ? ", " : "");
    text(f, arm->var->sets[i].name);
    fprintf(f, " = %.6g", arm->var->sets[i].value);
  }
  fputs(". Source: ", f);
  text(f, arm->var->source);
  fputs("</span></p>\n", f);
  if (arm->unchanged)
    fputs("<p class=\"warn\">This variant changes nothing: every output of every replication "
          "equals the base's. Check that its parameters reach the mechanism it means to "
          "change.</p>\n",
          f);
  fputs("<table><tr><th>metric</th><th>base</th><th>variant</th><th>difference</th><th>95 % "
        "interval</th><th>change</th><th>variance reduction</th></tr>\n",
        f);
  for (int m = 0; m < FS_CM_FLEET; m++) {
    const fs_compare_row *r = row_of(c, a, m);
    if (!r->n) continue;
    fprintf(f, "<tr><td>%s</td><td class=\"n\">", fs_compare_metric_name(m));
    num(f, r->base_mean);
    fputs("</td><td class=\"n\">", f);
    num(f, r->var_mean);
    fputs("</td><td class=\"n\">", f);
    num(f, r->diff);
    fputs("</td><td class=\"n\">", f);
    num(f, r->lo);
    fputs(" to ", f);
    num(f, r->hi);
    fputs("</td><td class=\"n\">", f);
    num(f, 100 * r->rel);
    fputs(" %</td><td class=\"n\">", f);
    num(f, r->vr);
    fputs("</td></tr>\n", f);
  }
  fputs("</table>\n", f);
}

int fs_compare_html(const fs_compare *c, const char *dir, fs_err *err) {
  FILE *f = fs_out_open(dir, "compare.html", err);
  if (!f) return err->code;
  fputs("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>fleetsim compare: ", f);
  text(f, c->scenario);
  fprintf(f, "</title><style>%s</style></head><body>\n<h1>What would have helped: ", css);
  text(f, c->scenario);
  fprintf(f,
          "</h1>\n<p>%d replications per arm. Every variant ran on the base's fleet and "
          "random draws (common random numbers): the differences are paired replication by "
          "replication, with a 95 %% t interval; the variance reduction is the variance of "
          "independent differences over that of the paired ones. Results folders: "
          "<code>base/</code>, <code>variants/NAME/</code>.</p>\n",
          c->reps);
  for (int a = 1; a < c->narm; a++)
    if (c->arm[a].unchanged) {
      fputs("<p class=\"warn\">Variant ", f);
      text(f, c->arm[a].name);
      fputs(" changes nothing.</p>\n", f);
    }
  fputs("<h2>Endpoints down</h2>\n", f);
  chart_down(f, c);
  if (c->narm > 1) {
    fputs("<h2>What each lever saved: economic loss</h2>\n<p class=\"note\">Each variant "
          "against the base alone; the savings of several levers do not add up.</p>\n",
          f);
    chart_saved(f, c, FS_CM_LOSS);
    fputs("<h2>What each lever saved: endpoint-hours down</h2>\n", f);
    chart_saved(f, c, FS_CM_EP_HOURS);
  }
  fputs("<h2>Business downtime by industry (organisation-hours, mean)</h2>\n", f);
  chart_industries(f, c, FS_CM_IND_DOWNTIME);
  fputs("<h2>Economic loss by industry (USD, mean)</h2>\n", f);
  chart_industries(f, c, FS_CM_IND_LOSS);
  fputs("<h2>The variants</h2>\n", f);
  for (int a = 1; a < c->narm; a++) variant_table(f, c, a);
  fputs("<p class=\"note\">Every metric, by industry too: compare.csv and compare.json.</p>\n"
        "</body></html>\n",
        f);
  return fs_out_close(f, dir, "compare.html", err);
}
