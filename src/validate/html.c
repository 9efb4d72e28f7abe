/* html.c: validation.html, one self-contained page: the scoreboard, the
   worst validation figures, and per event its observations against the
   simulated values with an inline SVG chart (ratios to the public value
   on a log axis). Every text is escaped. */
#include <math.h>
#include <stdio.h>

#include "util/fsutil.h"
#include "util/json.h"
#include "validate/validate.h"

#define X0  250.0 /* chart: left edge of the axis, px */
#define XW  520.0 /* its width: ratios 1/10 to 10 */
#define ROW 22.0

static const char css[] =
    "body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
    "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 7px;"
    "font-size:90%}td.n{text-align:right}.in{background:#e6f4e6}.out{background:#fbe6e6}"
    ".cal{color:#777}p.note{color:#555;font-size:90%}";

static void text(FILE *f, const char *s) {
  fs_xml_str(f, s);
}

static void num(FILE *f, double x) {
  if (isfinite(x))
    fprintf(f, "%.4g", x);
  else
    fputs("&ndash;", f);
}

static double xpos(double ratio) {
  double l = log10(ratio);
  if (!isfinite(l)) l = ratio > 1 ? 1 : -1;
  return X0 + XW * (fmin(1.0, fmax(-1.0, l)) + 1) / 2;
}

/* Observations of e as bars: the public band (grey), the simulated
   5-95 % interval (line) and mean (dot), each over the public value. */
static void chart(FILE *f, const fs_validate_event *e) {
  double h = ROW * (e->obs.n + 1) + 10;
  fprintf(f,
          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"%.0f\" "
          "font-size=\"11\">\n",
          h);
  const double ticks[] = {0.1, 0.2, 0.5, 1, 2, 5, 10};
  for (size_t i = 0; i < sizeof ticks / sizeof ticks[0]; i++) {
    double x = xpos(ticks[i]);
    fprintf(f, "<line x1=\"%.1f\" y1=\"4\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"%s\"/>", x, x, h - 16,
            ticks[i] == 1 ? "#888" : "#ddd");
    fprintf(f, "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">%g</text>\n", x, h - 4,
            ticks[i]);
  }
  for (int j = 0; j < e->obs.n; j++) {
    const fs_validate_row *r = &e->rows[j];
    const fs_obs *o = r->obs;
    double y = 8 + ROW * j;
    fprintf(f, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\"%s>", X0 - 6, y + 12,
            o->calibration ? " fill=\"#888\"" : "");
    text(f, o->id);
    fprintf(f, "</text><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" fill=\"#ccc\"/>",
            xpos(o->lo / o->value), y + 2,
            fmax(1.0, xpos(o->hi / o->value) - xpos(o->lo / o->value)));
    if (r->nvalues) {
      fprintf(f,
              "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#236\" "
              "stroke-width=\"2\"/>",
              xpos(r->p05 / o->value), y + 9, xpos(r->p95 / o->value), y + 9);
      fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>", xpos(r->ratio), y + 9,
              r->in_band ? "#282" : "#c22");
    }
    fputs("\n", f);
  }
  fputs("</svg>\n", f);
}

static void score_cells(FILE *f, fs_validate_score s) {
  fprintf(f, "<td class=\"n\">%d / %d</td><td class=\"n\">", s.in_band, s.n);
  num(f, s.n ? exp(s.median_abs_log) : NAN);
  fprintf(f, "</td><td class=\"n\">%d</td>", s.off5);
}

static void scoreboard(FILE *f, const fs_validate *v) {
  fputs("<h2>Scoreboard</h2><table><tr><th>event</th><th>validation figures in band</th>"
        "<th>median ratio (x/&divide;)</th><th>off by more than x/&divide;5</th>"
        "<th>calibration figures in band</th></tr>\n",
        f);
  for (int i = 0; i < v->nev; i++) {
    fs_validate_score c = fs_validate_score_of(v, &v->ev[i], 1);
    fprintf(f, "<tr><td><a href=\"#ev-%d\">", i);
    text(f, v->ev[i].name);
    fputs("</a></td>", f);
    score_cells(f, fs_validate_score_of(v, &v->ev[i], 0));
    fprintf(f, "<td class=\"n cal\">%d / %d</td></tr>\n", c.in_band, c.n);
  }
  fputs("<tr><th>all events</th>", f);
  score_cells(f, v->validation);
  fprintf(f, "<td class=\"n cal\">%d / %d</td></tr></table>\n", v->calibration.in_band,
          v->calibration.n);
  const fs_validate_row *w[3];
  const char *ev[3];
  int n = fs_validate_worst(v, w, ev);
  if (n) fputs("<p>Furthest from the record:</p><ul>", f);
  for (int i = 0; i < n; i++) {
    fputs("<li>", f);
    text(f, ev[i]);
    fputs(" &middot; ", f);
    text(f, w[i]->obs->figure);
    fputs(": public ", f);
    num(f, w[i]->obs->value);
    fputs(", simulated ", f);
    num(f, w[i]->mean);
    fputs(" (ratio ", f);
    num(f, w[i]->ratio);
    fputs(")</li>", f);
  }
  if (n) fputs("</ul>\n", f);
}

static void obs_row(FILE *f, const fs_validate_row *r) {
  const fs_obs *o = r->obs;
  fprintf(f, "<tr class=\"%s\"><td>", o->calibration ? "cal" : r->in_band ? "in" : "out");
  text(f, o->figure);
  fputs(" <small>(", f);
  text(f, o->output);
  fputs(o->industry[0] ? ", " : "", f);
  text(f, o->industry);
  fputs(o->size >= 0 ? ", size " : "", f);
  text(f, o->size >= 0 ? fs_size_class_ids[o->size] : "");
  fputs(")</small></td><td class=\"n\">", f);
  num(f, o->value);
  fputs("<br><small>", f);
  num(f, o->lo);
  fputs(" &ndash; ", f);
  num(f, o->hi);
  fputs(" ", f);
  text(f, o->unit);
  fputs("</small></td><td class=\"n\">", f);
  num(f, r->mean);
  fputs("<br><small>", f);
  num(f, r->p05);
  fputs(" &ndash; ", f);
  num(f, r->p95);
  fputs("</small></td><td class=\"n\">", f);
  num(f, r->ratio);
  fprintf(f, "</td><td>%s</td><td><small>", o->calibration ? "calibration" : "validation");
  text(f, o->title);
  fputs("; ", f);
  text(f, o->publisher);
  fputs("; ", f);
  text(f, o->date);
  fputs("</small></td></tr>\n", f);
}

static void event_section(FILE *f, const fs_validate_event *e, int i) {
  fprintf(f, "<h2 id=\"ev-%d\">", i);
  text(f, e->name);
  fputs("</h2><p>", f);
  text(f, e->description);
  fputs("</p><p class=\"note\">Scenario ", f);
  text(f, e->scenario);
  fputs(", observations ", f);
  text(f, e->observations);
  fputs(", results in events/", f);
  text(f, e->name);
  fputs(".</p>\n", f);
  chart(f, e);
  fputs("<p class=\"note\">Simulated over public value: grey, the public band; line, the "
        "simulated 5-95 % interval; dot, the simulated mean (green in band, red out). "
        "Grey labels are calibration figures.</p>\n<table><tr><th>figure (output)</th>"
        "<th>public (band)</th><th>simulated mean (5-95 %)</th><th>ratio</th><th>use</th>"
        "<th>source</th></tr>\n",
        f);
  for (int j = 0; j < e->obs.n; j++) obs_row(f, &e->rows[j]);
  fputs("</table>\n", f);
}

int fs_validate_html(const fs_validate *v, const fs_validate_opts *o, const char *dir,
                     fs_err *err) {
  FILE *f = fs_out_open(dir, "validation.html", err);
  if (!f) return err->code;
  fprintf(f,
          "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<title>fleetsim validation</title><style>%s</style></head><body>\n",
          css);
  fprintf(f, "<h1>fleetsim validation: %d events, %d replications at scale ", v->nev, o->reps);
  num(f, o->session.scale);
  fputs("</h1>\n<p>Each event of the history library runs with the same models/; each figure "
        "of its public record is compared with the simulated mean. Calibration figures set the "
        "shared model and are shown, never counted as evidence (docs/VALIDATION.md).</p>\n",
        f);
  scoreboard(f, v);
  for (int i = 0; i < v->nev; i++) event_section(f, &v->ev[i], i);
  fputs("</body></html>\n", f);
  return fs_out_close(f, dir, "validation.html", err);
}
