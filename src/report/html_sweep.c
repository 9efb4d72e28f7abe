/* html_sweep.c: report.html of a sweep folder: what was swept, failures, sensitivity, responses. */
#include "report/html.h"
#include "report/html_impl.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/csv.h"
#include "util/json.h"
#include "util/alloc.h"

/* Failed tasks listed with their message; the rest are counted. */
#define TOP_FAILURES 20

/* Rules the sweep page adds to the run report's style sheet. */
static const char sweep_css[] =
    ".grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:0 24px}\n"
    "table.failures td:last-child{white-space:pre-wrap;font-family:ui-monospace,'DejaVu Sans "
    "Mono',Menlo,Consolas,monospace;font-size:12.5px}\n"
    "table.sens th,table.sens td{font-size:13px;padding:4px 8px}table.sens td{white-space:nowrap}\n"
    "footer code{word-break:break-all}\n";

static double num(const fs_jval *root, const char *key) {
  return fs_jread_num(fs_jread_get(root, key), NAN);
}

static void section_begin(FILE *f, const char *id, const char *title) {
  fprintf(f, "<section id=\"%s\">\n<h2>", id);
  fs_xml_str(f, title);
  fputs("</h2>\n", f);
}

static void heading(FILE *f, const char *text) {
  fputs("<h3>", f);
  fs_xml_str(f, text);
  fputs("</h3>\n", f);
}

/* A value of output as a reader expects it: money, hours or a count; ""
   when not finite. */
static void fmt_out(char *buf, size_t cap, const char *output, double x) {
  size_t n = strlen(output);
  buf[0] = '\0';
  if (!isfinite(x)) return;
  if (n > 4 && strcmp(output + n - 4, "_usd") == 0)
    fs_html__fmt_money(buf, cap, x);
  else if (strncmp(output, "recovery_h", 10) == 0)
    fs_html__fmt_hours(buf, cap, x);
  else if (fabs(x) >= 1000)
    fs_html__fmt_int(buf, cap, x);
  else
    snprintf(buf, cap, "%.4g", x);
}

/* "A to B" of an interval, "" when either end is missing. */
static void fmt_interval(char *buf, size_t cap, const char *output, const fs_sweep_est *e) {
  char a[64], b[64];
  buf[0] = '\0';
  if (!isfinite(e->lo) || !isfinite(e->hi)) return;
  fmt_out(a, sizeof a, output, e->lo);
  fmt_out(b, sizeof b, output, e->hi);
  snprintf(buf, cap, "%s to %s", a, b);
}

/* "0.5 – 2 multiplier" from a manifest.json params entry. */
static void fmt_range(char *buf, size_t cap, const fs_jval *e, int with_unit) {
  double lo = num(e, "lo"), hi = num(e, "hi");
  const char *unit = with_unit ? fs_jread_str(fs_jread_get(e, "unit"), "") : "";
  buf[0] = '\0';
  if (isfinite(lo) && isfinite(hi))
    snprintf(buf, cap, "%g \xe2\x80\x93 %g%s%s", lo, hi, *unit ? " " : "", unit);
}

static const fs_jval *manifest_param(const fs_jval *m, const char *name) {
  const fs_jval *a = fs_jread_get(m, "params");
  for (size_t i = 0; a && a->kind == FS_JARR && i < a->n; i++)
    if (strcmp(fs_jread_str(fs_jread_get(&a->items[i], "name"), ""), name) == 0)
      return &a->items[i];
  return NULL;
}

static const char *primary_output(const fs_jval *m) {
  const char *o = fs_jread_str(fs_jread_get(m, "primary_output"), "");
  return *o ? o : "endpoint_hours_down";
}

/* ---- what was swept */

static void section_swept(FILE *f, const fs_jval *m) {
  section_begin(f, "sweep", "What was swept");
  static const char *const h2[] = {"Item", "Value", NULL};
  table t = {f, h2, "tt", "facts", 0};
  char v[1024];
#define ROW(label, value) fs_html__t_pair(&t, (label), (value))
  const fs_jval *sc = fs_jread_get(m, "scenario");
  ROW("Scenario", fs_jread_str(fs_jread_get(sc, "name"), "?"));
  ROW("Scenario file", fs_jread_str(fs_jread_get(sc, "path"), "?"));
  static const char *const designs[][2] = {
      {"grid", "a full grid over the parameter ranges"},
      {"random", "independent uniform random points"},
      {"lhs", "a Latin hypercube sample"},
      {"sobol", "a Sobol low-discrepancy sequence"},
      {"saltelli", "Saltelli's scheme for Sobol indices (matrices A, B and AB)"}};
  const char *design = fs_jread_str(fs_jread_get(m, "design"), "?");
  snprintf(v, sizeof v, "%s", design);
  for (size_t i = 0; i < sizeof designs / sizeof designs[0]; i++)
    if (strcmp(design, designs[i][0]) == 0) snprintf(v, sizeof v, "%s: %s", design, designs[i][1]);
  ROW("Design", v);
  double n = num(m, "n"), pts = num(m, "points"), dp = num(m, "design_points"),
         reps = num(m, "replications"), tasks = num(m, "tasks"), failed = num(m, "failed_tasks"),
         wall = num(m, "wall_seconds");
  if (isfinite(n)) {
    snprintf(v, sizeof v, "%.0f", n);
    ROW(strcmp(design, "saltelli") == 0 ? "Base samples (N)"
        : strcmp(design, "grid") == 0   ? "Levels per parameter (N)"
                                        : "Design size (N)",
        v);
  }
  double boot = num(m, "bootstrap"), scale = num(m, "scale");
  if (isfinite(boot) && strcmp(design, "saltelli") == 0) {
    snprintf(v, sizeof v, "%.0f", boot);
    ROW("Bootstrap resamples (Sobol intervals)", v);
  }
  if (isfinite(scale) && scale != 1) {
    snprintf(v, sizeof v, "%g", scale);
    ROW("Scale (simulated share of the fleet)", v);
  }
  const char *pf = fs_jread_str(fs_jread_get(m, "portfolio"), "");
  if (*pf) ROW("Portfolio", pf);
  if (isfinite(pts)) {
    char a[64];
    fs_html__fmt_int(a, sizeof a, pts);
    if (isfinite(dp) && pts > dp)
      snprintf(v, sizeof v,
               "%s: %.0f from the design, %.0f one at a time (the base point and each "
               "parameter at its low and high end, the others at base)",
               a, dp, pts - dp);
    else
      snprintf(v, sizeof v, "%s", a);
    ROW("Points", v);
  }
  if (isfinite(reps)) {
    snprintf(v, sizeof v, "%.0f", reps);
    ROW("Replications per point", v);
  }
  if (isfinite(tasks)) {
    fs_html__fmt_int(v, sizeof v, tasks);
    ROW("Tasks (runs of the scenario)", v);
  }
  if (isfinite(failed)) {
    fs_html__fmt_int(v, sizeof v, failed);
    ROW("Failed tasks", v);
  }
  const char *seed = fs_jread_str(fs_jread_get(m, "seed"), NULL);
  if (!seed) seed = fs_jread_numtext(fs_jread_get(m, "seed"), NULL);
  if (seed) ROW("Seed", seed);
  const fs_jval *outs = fs_jread_get(m, "outputs");
  size_t o = 0;
  v[0] = '\0';
  for (size_t i = 0; outs && outs->kind == FS_JARR && i < outs->n && o + 2 < sizeof v; i++) {
    int w =
        snprintf(v + o, sizeof v - o, "%s%s", i ? ", " : "", fs_jread_str(&outs->items[i], "?"));
    o += w > 0 ? (size_t) w : 0;
  }
  if (v[0]) ROW("Outputs", v);
  char label[96];
  fs_plot_output_label(label, sizeof label, primary_output(m));
  snprintf(v, sizeof v, "%s (%s)", primary_output(m), label);
  ROW("Primary output", v);
  if (isfinite(wall)) {
    snprintf(v, sizeof v, "%.1f s", wall);
    ROW("Wall time", v);
  }
#undef ROW
  fs_html__t_end(&t);
  heading(f, "Parameters");
  static const char *const hp[] = {"Parameter", "Range", "Step", "Base", "Unit", NULL};
  table tp = {f, hp, "ttnnt", "data params", 0};
  const fs_jval *pa = fs_jread_get(m, "params");
  for (size_t i = 0; pa && pa->kind == FS_JARR && i < pa->n; i++) {
    const fs_jval *e = &pa->items[i];
    char range[128], step[64] = "", base[64] = "";
    fmt_range(range, sizeof range, e, 0);
    double st = num(e, "step"), b = num(e, "base");
    const fs_jval *in = fs_jread_get(e, "integer");
    int integer = in && in->kind == FS_JBOOL && in->b;
    if (isfinite(st) && st > 0)
      snprintf(step, sizeof step, "%g", st);
    else
      snprintf(step, sizeof step, "%s", integer ? "whole numbers" : "continuous");
    if (isfinite(b)) snprintf(base, sizeof base, "%g", b);
    const char *c5[] = {fs_jread_str(fs_jread_get(e, "name"), "?"), range, step, base,
                        fs_jread_str(fs_jread_get(e, "unit"), "")};
    fs_html__t_row(&tp, c5);
  }
  if (!fs_html__t_end(&tp)) fs_html__note(f, "note", "manifest.json lists no parameters.");
  fputs("</section>\n", f);
}

/* ---- failed tasks (sweep.csv) */

static void section_failures(FILE *f, const char *dir, const fs_jval *m) {
  section_begin(f, "failures", "Failed tasks");
  char path[4400];
  snprintf(path, sizeof path, "%s/sweep.csv", dir);
  fs_csv *c;
  fs_err e = {0};
  if (fs_csv_open(&c, path, &e) != 0) {
    char msg[FS_ERR_MAX + 64];
    snprintf(msg, sizeof msg, "The tasks cannot be listed: %s", e.msg);
    fs_html__note(f, "note warn", msg);
    fputs("</section>\n", f);
    return;
  }
  static const char *const need[] = {"task", "point", "replication", "status", "error"};
  long col[5];
  const char *missing = NULL;
  for (int k = 0; k < 5 && !missing; k++)
    if ((col[k] = fs_csv_find(c, need[k])) < 0) missing = need[k];
  /* The parameter columns: those of the manifest that sweep.csv has. */
  const fs_jval *pa = fs_jread_get(m, "params");
  long pc[FS_SWEEP_MAX_PARAMS];
  const char *pn[FS_SWEEP_MAX_PARAMS];
  int np = 0;
  for (size_t i = 0; pa && pa->kind == FS_JARR && i < pa->n && np < FS_SWEEP_MAX_PARAMS; i++) {
    pn[np] = fs_jread_str(fs_jread_get(&pa->items[i], "name"), "");
    if ((pc[np] = fs_csv_find(c, pn[np])) >= 0) np++;
  }
  static const char *const h[] = {"Task", "Point", "Replication", "Parameters", "Error", NULL};
  table t = {f, h, "nnntt", "data failures", 0};
  size_t ntask = 0, nfail = 0;
  int rc = 0;
  while (!missing && (rc = fs_csv_next(c, &e)) == 1) {
    ntask++;
    if (strcmp(fs_csv_field(c, (size_t) col[3]), "failed") != 0) continue;
    if (nfail++ >= TOP_FAILURES) continue;
    char params[1024] = "";
    size_t o = 0;
    for (int k = 0; k < np && o + 2 < sizeof params; k++) {
      int w = snprintf(params + o, sizeof params - o, "%s%s=%s", k ? ", " : "", pn[k],
                       fs_csv_field(c, (size_t) pc[k]));
      o += w > 0 ? (size_t) w : 0;
    }
    const char *cells[] = {fs_csv_field(c, (size_t) col[0]), fs_csv_field(c, (size_t) col[1]),
                           fs_csv_field(c, (size_t) col[2]), params,
                           fs_csv_field(c, (size_t) col[4])};
    fs_html__t_row(&t, cells);
  }
  fs_csv_close(c);
  int had = fs_html__t_end(&t);
  char msg[FS_ERR_MAX + 200];
  if (missing) {
    snprintf(msg, sizeof msg, "The tasks cannot be listed: sweep.csv has no column %s.", missing);
    fs_html__note(f, "note warn", msg);
  } else if (rc < 0) {
    snprintf(msg, sizeof msg, "sweep.csv could not be read to the end: %s", e.msg);
    fs_html__note(f, "note warn", msg);
  }
  if (had) {
    if (nfail > TOP_FAILURES)
      snprintf(msg, sizeof msg,
               "The first %d of %zu failed tasks (sweep.csv has them all). A failed task "
               "leaves its point with fewer replications (points.csv n_ok, n_failed).",
               TOP_FAILURES, nfail);
    else
      snprintf(msg, sizeof msg,
               "%zu of %zu tasks failed. A failed task leaves its point with fewer "
               "replications (points.csv n_ok, n_failed); the statistics use the others.",
               nfail, ntask);
    fs_html__note(f, "small", msg);
  } else if (!missing && rc >= 0) {
    snprintf(msg, sizeof msg, "All %zu tasks succeeded.", ntask);
    fs_html__note(f, "note", msg);
  }
  fputs("</section>\n", f);
}

/* ---- sensitivity (sensitivity.csv) */

static void sensitivity_figures(FILE *f, const fs_plot *p, const char *output, int with_sobol) {
  char stem[FS_PLOT_NAME_MAX];
  fs_plot_sweep_stem(stem, sizeof stem, "tornado", output, NULL);
  fs_html__figure(f, p, stem);
  if (with_sobol) {
    fs_plot_sweep_stem(stem, sizeof stem, "sobol", output, NULL);
    fs_html__figure(f, p, stem);
  }
}

static void section_sensitivity(FILE *f, const fs_plot *p, const fs_jval *m, const char *output,
                                int with_sobol) {
  char id[128], label[96], title[160], msg[FS_ERR_MAX + 200];
  fs_plot_output_label(label, sizeof label, output);
  snprintf(id, sizeof id, "sensitivity%s%s", with_sobol ? "" : "-", with_sobol ? "" : output);
  snprintf(title, sizeof title, "Sensitivity: %s", label);
  section_begin(f, id, title);
  fs_sweep_sens *s = fs_calloc(1, sizeof *s);
  fs_err e = {0};
  int rc = s ? fs_plot_read_sensitivity(p->dir, output, m, s, &e) : FS_ENOMEM;
  if (rc != 0 || (s->n == 0 && !isfinite(s->base.est))) {
    if (rc == 1)
      snprintf(msg, sizeof msg, "Not available: the folder has no sensitivity.csv.");
    else if (rc < 0)
      snprintf(msg, sizeof msg, "Not available: %s", s ? e.msg : "out of memory");
    else
      snprintf(msg, sizeof msg, "Not available: sensitivity.csv has no rows for %s.", output);
    fs_html__note(f, "note", msg);
    free(s);
    sensitivity_figures(f, p, output, with_sobol); /* they say why they are absent */
    fputs("</section>\n", f);
    return;
  }
  if (isfinite(s->base.est)) {
    char a[64];
    fmt_out(a, sizeof a, output, s->base.est);
    char ci[160] = "", nn[64] = "";
    fmt_interval(ci, sizeof ci, output, &s->base);
    if (isfinite(s->base.n)) snprintf(nn, sizeof nn, ", mean of %.0f replications", s->base.n);
    snprintf(msg, sizeof msg, "At the base point (every parameter at its base value): %s%s%s%s%s.",
             a, *ci ? " (interval " : "", ci, *ci ? ")" : "", nn);
    fs_html__note(f, "small", msg);
  }
  const char *head[10];
  char numeric[10];
  int nh = 0;
#define COL(title, kind) (head[nh] = (title), numeric[nh++] = (kind))
  COL("Parameter", 't');
  COL("Range", 't');
  if (s->has_oat) {
    COL("Mean at low end", 'n');
    COL("Mean at high end", 'n');
    COL("Swing (high \xe2\x88\x92 low)", 'n');
    COL("Swing interval", 'n');
  }
  if (s->has_sobol) {
    COL("S1 [interval]", 'n');
    COL("ST [interval]", 'n');
  }
#undef COL
  head[nh] = NULL;
  numeric[nh] = '\0';
  table t = {f, head, numeric, "data sens", 0};
  int ord[FS_SWEEP_MAX_PARAMS];
  fs_plot_sweep_rank(s, ord);
  for (int i = 0; i < s->n; i++) {
    const int k = ord[i];
    char cell[7][160];
    const char *cells[10];
    int c = 0;
    fmt_range(cell[0], sizeof cell[0], manifest_param(m, s->p[k].name), 0);
    cells[c++] = s->p[k].name;
    cells[c++] = cell[0];
    if (s->has_oat) {
      double w = s->p[k].swing.est;
      if (!isfinite(w)) w = s->p[k].high.est - s->p[k].low.est;
      fmt_out(cell[1], sizeof cell[1], output, s->p[k].low.est);
      fmt_out(cell[2], sizeof cell[2], output, s->p[k].high.est);
      fmt_out(cell[3], sizeof cell[3], output, w);
      fmt_interval(cell[4], sizeof cell[4], output, &s->p[k].swing);
      for (int j = 1; j <= 4; j++) cells[c++] = cell[j];
    }
    if (s->has_sobol) {
      const fs_sweep_est *ix[2] = {&s->p[k].s1, &s->p[k].st};
      for (int j = 0; j < 2; j++) {
        char *b = cell[5 + j];
        b[0] = '\0';
        if (isfinite(ix[j]->est) && isfinite(ix[j]->lo) && isfinite(ix[j]->hi))
          snprintf(b, sizeof cell[0], "%.3f [%.3f, %.3f]", ix[j]->est, ix[j]->lo, ix[j]->hi);
        else if (isfinite(ix[j]->est))
          snprintf(b, sizeof cell[0], "%.3f", ix[j]->est);
        cells[c++] = b;
      }
    }
    fs_html__t_row(&t, cells);
  }
  if (fs_html__t_end(&t)) {
    char v[256];
    snprintf(v, sizeof v, "%s",
             s->has_oat     ? "Ranked by the size of the swing, largest first."
             : s->has_sobol ? "Ranked by the total index ST, largest first."
                            : "In the order of sensitivity.csv.");
    snprintf(msg, sizeof msg,
             "%s%s%s Intervals as sensitivity.csv gives them (bootstrap over the "
             "replications or base samples).",
             v,
             s->has_oat ? " Mean at low and high end: the mean of the output over the "
                          "replications with that one parameter at the end of its range and "
                          "the others at base; swing: the mean difference high minus low, "
                          "replication by replication (the same random numbers)."
                        : "",
             s->has_sobol ? " S1: the share of the output's variance due to the parameter "
                            "alone; ST: its share including every interaction with the others."
                          : "");
    fs_html__note(f, "small", msg);
  }
  free(s);
  sensitivity_figures(f, p, output, with_sobol);
  fputs("</section>\n", f);
}

static void section_responses(FILE *f, const fs_plot *p, const char *output) {
  section_begin(f, "responses", "Response curves");
  char prefix[FS_PLOT_NAME_MAX];
  fs_plot_sweep_stem(prefix, sizeof prefix, "response", output, NULL);
  size_t n = strlen(prefix);
  int any = 0, grid = 0;
  for (int i = 0; i < p->ncharts; i++) {
    const char *name = p->charts[i].name;
    if (strncmp(name, prefix, n) != 0 || (name[n] != '\0' && name[n] != '-')) continue;
    if (name[n] == '-' && !grid++) fputs("<div class=\"grid2\">\n", f);
    fs_html__figure(f, p, name); /* response-OUTPUT alone says why there is none */
    any++;
  }
  if (grid) {
    fputs("</div>\n", f);
    fs_html__note(f, "small",
                  "Each dot is a design point: the mean over its replications (with more than "
                  "one, a bar from the 5th to the 95th percentile across them). The other "
                  "parameters vary too, which makes the scatter; the dashed line is the "
                  "one-at-a-time slice, the others at base. The most influential parameters "
                  "first, eight at most.");
  } else if (!any) {
    fs_html__note(f, "note", "No response curves were drawn.");
  }
  fputs("</section>\n", f);
}

/* ---- footer and page */

static void footer(FILE *f, const fs_jval *m) {
  fputs("<footer id=\"reproducibility\">\n<h2>Reproducibility</h2>\n", f);
  static const char *const h[] = {"Item", "Value", NULL};
  table t = {f, h, "tt", "facts", 0};
  char v[1024];
#define ROW(label, value) fs_html__t_pair(&t, (label), (value))
  const char *version = fs_jread_str(fs_jread_get(m, "fleetsim"), "?");
  snprintf(v, sizeof v, "fleetsim %s", version);
  ROW("Program", v);
  const char *cmd = fs_jread_str(fs_jread_get(m, "command"), "?");
  ROW("Command", cmd);
  const fs_jval *sc = fs_jread_get(m, "scenario");
  ROW("Scenario file", fs_jread_str(fs_jread_get(sc, "path"), "?"));
  const char *hash = fs_jread_str(fs_jread_get(sc, "hash"), "?");
  ROW("Scenario hash", hash);
  const char *seed = fs_jread_str(fs_jread_get(m, "seed"), NULL);
  if (!seed) seed = fs_jread_numtext(fs_jread_get(m, "seed"), NULL);
  if (seed) ROW("Seed", seed);
  /* The runner's settings that are plain values: "kind threads, workers 8". */
  const fs_jval *r = fs_jread_get(m, "runner");
  size_t o = 0;
  v[0] = '\0';
  for (size_t i = 0; r && r->kind == FS_JOBJ && i < r->n && o + 2 < sizeof v; i++) {
    const fs_jval *x = &r->items[i];
    const char *val = x->kind == FS_JSTR    ? x->str
                      : x->kind == FS_JNUM  ? fs_jread_numtext(x, "")
                      : x->kind == FS_JBOOL ? (x->b ? "true" : "false")
                                            : NULL;
    if (!val) continue;
    int w = snprintf(v + o, sizeof v - o, "%s%s %s", o ? ", " : "", r->keys[i], val);
    o += w > 0 ? (size_t) w : 0;
  }
  if (v[0]) ROW("Runner", v);
#undef ROW
  fs_html__t_end(&t);
  fputs("<p id=\"reproduce\"><strong>How to reproduce:</strong> run <code>", f);
  fs_xml_str(f, cmd);
  fputs("</code> with fleetsim ", f);
  fs_xml_str(f, version);
  fputs(" on the scenario file whose hash is <code>", f);
  fs_xml_str(f, hash);
  fputs("</code>: the same points, seeds and numbers come out, on any number of workers.</p>\n", f);
  fs_html__note(f, "small",
                "Re-render the plots and this page from the folder with 'fleetsim report DIR'; "
                "restyle a chart by editing plots/NAME.gp and running 'gnuplot NAME.gp' inside "
                "plots/. Every task's result is in sweep.csv, the statistics per point in "
                "points.csv and the sensitivity estimates in sensitivity.csv.");
  fputs("</footer>\n", f);
}

static int write_page(FILE *f, const char *dir, const fs_plot *p, const fs_jval *m) {
  const fs_jval *sc = fs_jread_get(m, "scenario");
  const char *name = fs_jread_str(fs_jread_get(sc, "name"), "sweep");
  const char *primary = primary_output(m);
  int extra = strcmp(primary, "endpoint_hours_down") != 0;
  fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"generator\" content=\"fleetsim\">\n<title>",
        f);
  fs_xml_str(f, name);
  fputs(" - fleetsim sweep report</title>\n<style>\n", f);
  fputs(fs_html__css, f);
  fputs(sweep_css, f);
  fputs("</style>\n</head>\n<body>\n<header>\n<h1>", f);
  fs_xml_str(f, name);
  fputs(": parameter sweep</h1>\n<p class=\"sub\">", f);
  char sub[400];
  double pts = num(m, "points"), reps = num(m, "replications");
  if (isfinite(pts) && isfinite(reps))
    snprintf(sub, sizeof sub,
             "fleetsim sweep report: %s design, %.0f points \xc3\x97 %.0f "
             "replications",
             fs_jread_str(fs_jread_get(m, "design"), "?"), pts, reps);
  else
    snprintf(sub, sizeof sub, "fleetsim sweep report");
  fs_xml_str(f, sub);
  fputs("</p>\n<nav><ol><li><a href=\"#sweep\">What was swept</a></li>"
        "<li><a href=\"#failures\">Failed tasks</a></li>"
        "<li><a href=\"#sensitivity\">Sensitivity</a></li>"
        "<li><a href=\"#responses\">Response curves</a></li>",
        f);
  if (extra) fputs("<li><a href=\"#sensitivity-endpoint_hours_down\">Endpoint-hours</a></li>", f);
  fputs("<li><a href=\"#reproducibility\">Reproducibility</a></li></ol></nav>\n</header>\n", f);
  if (p->skip[0]) {
    char msg[400];
    snprintf(msg, sizeof msg, "Plots were skipped: %s.", p->skip);
    fs_html__note(f, "note warn", msg);
  }
  fputs("<main>\n", f);
  section_swept(f, m);
  section_failures(f, dir, m);
  section_sensitivity(f, p, m, primary, 1);
  section_responses(f, p, primary);
  if (extra) section_sensitivity(f, p, m, "endpoint_hours_down", 0);
  fputs("</main>\n", f);
  footer(f, m);
  fputs("</body>\n</html>\n", f);
  return ferror(f) ? -1 : 0;
}

int fs_html_write_sweep(const char *dir, const fs_plot *p, const fs_jval *manifest, fs_err *err) {
  char tmp[4400], final[4400];
  snprintf(tmp, sizeof tmp, "%s/.report.html.tmp", dir);
  snprintf(final, sizeof final, "%s/report.html", dir);
  FILE *f = fopen(tmp, "w");
  if (!f) return fs_err_set(err, FS_EIO, "%s: cannot write: %s", tmp, strerror(errno));
  int bad = write_page(f, dir, p, manifest) != 0;
  bad |= fclose(f) != 0;
  if (bad || rename(tmp, final) != 0) {
    remove(tmp);
    return fs_err_set(err, FS_EIO, "%s: write failed", final);
  }
  return 0;
}
