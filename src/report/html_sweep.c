/* html_sweep.c: report.html of a sweep folder: what was swept, failures, sensitivity, responses. */
#include "report/html.h"
#include "report/html_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/plot_impl.h"
#include "util/alloc.h"
#include "util/csv.h"
#include "util/manifest.h"
#include "util/path.h"

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

/* A value of output as a reader expects it: money, hours or a count; ""
   when not finite. */
static void fmt_out(char *buf, size_t cap, const char *output, double x) {
  buf[0] = '\0';
  if (!isfinite(x)) return;
  if (fs_plot__is_money(output))
    fs_html__fmt_money(buf, cap, x);
  else if (fs_plot__is_hours(output))
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

static const char *primary_output(const fs_jval *m) {
  const char *o = fs_jread_str(fs_jread_get(m, "primary_output"), "");
  return *o ? o : "endpoint_hours_down";
}

/* Joins the texts of the array a with ", " into buf (as much as fits). */
static void join_list(char *buf, size_t cap, const fs_jval *a) {
  size_t o = 0;
  buf[0] = '\0';
  for (size_t i = 0; a && a->kind == FS_JARR && i < a->n && o + 2 < cap; i++) {
    int w = snprintf(buf + o, cap - o, "%s%s", i ? ", " : "", fs_jread_str(&a->items[i], "?"));
    o += w > 0 ? (size_t) w : 0;
  }
}

/* ---- what was swept */

#define ROW(label, value) fs_html__t_pair(t, (label), (value))

/* The design, its size and what it needs besides. */
static void swept_design(table *t, const fs_jval *m) {
  char v[1024];
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
  double n = num(m, "n"), boot = num(m, "bootstrap"), scale = num(m, "scale");
  if (isfinite(n)) {
    snprintf(v, sizeof v, "%.0f", n);
    ROW(strcmp(design, "saltelli") == 0 ? "Base samples (N)"
        : strcmp(design, "grid") == 0   ? "Levels per parameter (N)"
                                        : "Design size (N)",
        v);
  }
  if (isfinite(boot) && strcmp(design, "saltelli") == 0) {
    snprintf(v, sizeof v, "%.0f", boot);
    ROW("Bootstrap resamples (Sobol intervals)", v);
  }
  if (isfinite(scale) && scale != 1) {
    snprintf(v, sizeof v, "%g", scale);
    ROW("Scale (simulated share of the fleet)", v);
  }
  const char *pf = fs_manifest_input_path(m, "portfolio", "");
  if (*pf) ROW("Portfolio", pf);
}

/* Points, replications and tasks. */
static void swept_counts(table *t, const fs_jval *m) {
  char v[1024], a[64];
  double pts = num(m, "points"), dp = num(m, "design_points"), reps = num(m, "replications"),
         tasks = num(m, "tasks"), failed = num(m, "failed_tasks");
  if (isfinite(pts)) {
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
}

/* Seed, outputs and the wall time. */
static void swept_outputs(table *t, const fs_jval *m) {
  char v[1024];
  const char *seed = fs_manifest_seed(m, NULL);
  if (seed) ROW("Seed", seed);
  join_list(v, sizeof v, fs_jread_get(m, "outputs"));
  if (v[0]) ROW("Outputs", v);
  char label[96];
  fs_plot_output_label(label, sizeof label, primary_output(m));
  snprintf(v, sizeof v, "%s (%s)", primary_output(m), label);
  ROW("Primary output", v);
  double wall = num(m, "wall_seconds");
  if (isfinite(wall)) {
    snprintf(v, sizeof v, "%.1f s", wall);
    ROW("Wall time", v);
  }
}

#undef ROW

static void swept_params(FILE *f, const fs_jval *m) {
  fs_html__heading(f, "Parameters");
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
}

static void section_swept(FILE *f, const fs_jval *m) {
  fs_html__section_begin(f, "sweep", "What was swept");
  table t = fs_html__facts(f);
  fs_html__t_pair(&t, "Scenario", fs_jread_str(fs_jread_get(m, "scenario_name"), "?"));
  fs_html__t_pair(&t, "Scenario file", fs_manifest_input_path(m, "scenario", "?"));
  swept_design(&t, m);
  swept_counts(&t, m);
  swept_outputs(&t, m);
  fs_html__t_end(&t);
  swept_params(f, m);
  fputs("</section>\n", f);
}

/* ---- failed tasks (sweep.csv) */

/* A sweep.csv that cannot be read costs only the failed-task table (the
   page says why), unless memory ran out or its path is too long: those
   fail the report. */
static int tolerated(int rc) {
  return rc != FS_ENOMEM && rc != FS_ELIMIT;
}

/* The columns of sweep.csv that the table shows. */
typedef struct task_cols {
  long col[5]; /* task, point, replication, status, error */
  long pc[FS_SWEEP_MAX_PARAMS];
  const char *pn[FS_SWEEP_MAX_PARAMS];
  int np;
  const char *missing; /* the first of col that sweep.csv lacks, or NULL */
} task_cols;

static void task_columns(const fs_csv *c, const fs_jval *m, task_cols *tc) {
  static const char *const need[] = {"task", "point", "replication", "status", "error"};
  tc->missing = NULL;
  for (int k = 0; k < 5 && !tc->missing; k++)
    if ((tc->col[k] = fs_csv_find(c, need[k])) < 0) tc->missing = need[k];
  /* The parameter columns: those of the manifest that sweep.csv has. */
  const fs_jval *pa = fs_jread_get(m, "params");
  tc->np = 0;
  for (size_t i = 0; pa && pa->kind == FS_JARR && i < pa->n && tc->np < FS_SWEEP_MAX_PARAMS; i++) {
    tc->pn[tc->np] = fs_jread_str(fs_jread_get(&pa->items[i], "name"), "");
    if ((tc->pc[tc->np] = fs_csv_find(c, tc->pn[tc->np])) >= 0) tc->np++;
  }
}

/* The failed task of the current record as a row. */
static void failure_row(table *t, const fs_csv *c, const task_cols *tc) {
  char params[1024] = "";
  size_t o = 0;
  for (int k = 0; k < tc->np && o + 2 < sizeof params; k++) {
    int w = snprintf(params + o, sizeof params - o, "%s%s=%s", k ? ", " : "", tc->pn[k],
                     fs_csv_field(c, (size_t) tc->pc[k]));
    o += w > 0 ? (size_t) w : 0;
  }
  const char *cells[] = {fs_csv_field(c, (size_t) tc->col[0]), fs_csv_field(c, (size_t) tc->col[1]),
                         fs_csv_field(c, (size_t) tc->col[2]), params,
                         fs_csv_field(c, (size_t) tc->col[4])};
  fs_html__t_row(t, cells);
}

/* The notes under the table: why it is incomplete, and the counts. */
static void failures_notes(FILE *f, int had, const task_cols *tc, int rc, const fs_err *e,
                           size_t ntask, size_t nfail) {
  char msg[FS_ERR_MAX + 200];
  if (tc->missing) {
    snprintf(msg, sizeof msg, "The tasks cannot be listed: sweep.csv has no column %s.",
             tc->missing);
    fs_html__note(f, "note warn", msg);
  } else if (rc < 0) {
    snprintf(msg, sizeof msg, "sweep.csv could not be read to the end: %s", e->msg);
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
  } else if (!tc->missing && rc >= 0) {
    snprintf(msg, sizeof msg, "All %zu tasks succeeded.", ntask);
    fs_html__note(f, "note", msg);
  }
}

/* The failed tasks of the open c; a read error that is tolerated ends the
   table with a note. */
static int failures_table(FILE *f, fs_csv *c, const fs_jval *m, fs_err *err) {
  task_cols tc;
  task_columns(c, m, &tc);
  static const char *const h[] = {"Task", "Point", "Replication", "Parameters", "Error", NULL};
  table t = {f, h, "nnntt", "data failures", 0};
  size_t ntask = 0, nfail = 0;
  fs_err e = {0};
  int rc = 0;
  while (!tc.missing && (rc = fs_csv_next(c, &e)) == 1) {
    ntask++;
    if (strcmp(fs_csv_field(c, (size_t) tc.col[3]), "failed") != 0) continue;
    if (nfail++ >= TOP_FAILURES) continue;
    failure_row(&t, c, &tc);
  }
  if (rc < 0 && !tolerated(rc)) {
    *err = e;
    return rc;
  }
  int had = fs_html__t_end(&t);
  failures_notes(f, had, &tc, rc, &e, ntask, nfail);
  return 0;
}

static int section_failures(FILE *f, const char *dir, const fs_jval *m, fs_err *err) {
  char path[FS_PATH_MAX];
  fs_err e = {0};
  int rc = fs_plot__input(dir, "sweep.csv", path, sizeof path, &e);
  fs_csv *c = NULL;
  if (rc >= 0) rc = fs_plot__csv(&c, path, &e); /* "cannot open" when it is missing */
  if (rc != 0 && !tolerated(rc)) {
    *err = e;
    return rc;
  }
  fs_html__section_begin(f, "failures", "Failed tasks");
  if (rc != 0) {
    char msg[FS_ERR_MAX + 64];
    snprintf(msg, sizeof msg, "The tasks cannot be listed: %s", e.msg);
    fs_html__note(f, "note warn", msg);
  } else {
    rc = failures_table(f, c, m, err);
    fs_csv_close(c);
  }
  fputs("</section>\n", f);
  return rc < 0 && !tolerated(rc) ? rc : 0;
}

/* ---- sensitivity (sensitivity.csv) */

static int sensitivity_figures(FILE *f, const fs_plot *p, const char *output, int with_sobol,
                               fs_err *err) {
  char stem[FS_PLOT_NAME_MAX];
  fs_plot_sweep_stem(stem, sizeof stem, "tornado", output, NULL);
  int rc = fs_html__figure(f, p, stem, err);
  if (rc == 0 && with_sobol) {
    fs_plot_sweep_stem(stem, sizeof stem, "sobol", output, NULL);
    rc = fs_html__figure(f, p, stem, err);
  }
  return rc;
}

/* "At the base point ...: VALUE (interval A to B), mean of N replications." */
static void base_note(FILE *f, const fs_sweep_sens *s, const char *output) {
  if (!isfinite(s->base.est)) return;
  char a[64], ci[160] = "", nn[64] = "", msg[FS_ERR_MAX + 200];
  fmt_out(a, sizeof a, output, s->base.est);
  fmt_interval(ci, sizeof ci, output, &s->base);
  if (isfinite(s->base.n)) snprintf(nn, sizeof nn, ", mean of %.0f replications", s->base.n);
  snprintf(msg, sizeof msg, "At the base point (every parameter at its base value): %s%s%s%s%s.", a,
           *ci ? " (interval " : "", ci, *ci ? ")" : "", nn);
  fs_html__note(f, "small", msg);
}

/* The columns of the sensitivity table: those the estimates have. */
typedef struct sens_head {
  const char *head[10];
  char numeric[10];
} sens_head;

static void sens_columns(sens_head *h, const fs_sweep_sens *s) {
  int nh = 0;
#define COL(title, kind) (h->head[nh] = (title), h->numeric[nh++] = (kind))
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
  h->head[nh] = NULL;
  h->numeric[nh] = '\0';
}

/* "0.123 [0.100, 0.150]", the estimate alone without an interval, or "". */
static void fmt_index(char *buf, size_t cap, const fs_sweep_est *x) {
  buf[0] = '\0';
  if (isfinite(x->est) && isfinite(x->lo) && isfinite(x->hi))
    snprintf(buf, cap, "%.3f [%.3f, %.3f]", x->est, x->lo, x->hi);
  else if (isfinite(x->est))
    snprintf(buf, cap, "%.3f", x->est);
}

/* The row of parameter k. */
static void sens_row(table *t, const fs_jval *m, const fs_sweep_sens *s, int k,
                     const char *output) {
  char cell[7][160];
  const char *cells[10];
  int c = 0;
  fmt_range(cell[0], sizeof cell[0], fs_plot__sweep_param(m, s->p[k].name), 0);
  cells[c++] = s->p[k].name;
  cells[c++] = cell[0];
  if (s->has_oat) {
    fmt_out(cell[1], sizeof cell[1], output, s->p[k].low.est);
    fmt_out(cell[2], sizeof cell[2], output, s->p[k].high.est);
    fmt_out(cell[3], sizeof cell[3], output, fs_plot_sweep_swing(s, k));
    fmt_interval(cell[4], sizeof cell[4], output, &s->p[k].swing);
    for (int j = 1; j <= 4; j++) cells[c++] = cell[j];
  }
  if (s->has_sobol) {
    fmt_index(cell[5], sizeof cell[5], &s->p[k].s1);
    fmt_index(cell[6], sizeof cell[6], &s->p[k].st);
    cells[c++] = cell[5];
    cells[c++] = cell[6];
  }
  fs_html__t_row(t, cells);
}

/* How the table is ranked and what its columns mean. */
static void sens_legend(FILE *f, const fs_sweep_sens *s) {
  char v[256], msg[FS_ERR_MAX + 200];
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

static void sens_table(FILE *f, const fs_jval *m, const fs_sweep_sens *s, const char *output) {
  sens_head h;
  sens_columns(&h, s);
  table t = {f, h.head, h.numeric, "data sens", 0};
  int ord[FS_SWEEP_MAX_PARAMS];
  fs_plot_sweep_rank(s, ord);
  for (int i = 0; i < s->n; i++) sens_row(&t, m, s, ord[i], output);
  if (fs_html__t_end(&t)) sens_legend(f, s);
}

static int section_sensitivity(FILE *f, const fs_plot *p, const fs_jval *m, const char *output,
                               int with_sobol, fs_err *err) {
  fs_sweep_sens *s = fs_calloc(1, sizeof *s);
  if (!s) return fs_err_set(err, FS_ENOMEM, "out of memory for sensitivity.csv");
  int rc = fs_plot_read_sensitivity(p->dir, output, m, s, err);
  if (rc < 0) {
    free(s);
    return rc;
  }
  char id[128], label[96], title[160];
  fs_plot_output_label(label, sizeof label, output);
  snprintf(id, sizeof id, "sensitivity%s%s", with_sobol ? "" : "-", with_sobol ? "" : output);
  snprintf(title, sizeof title, "Sensitivity: %s", label);
  fs_html__section_begin(f, id, title);
  if (rc == 1)
    fs_html__note(f, "note", "Not available: the folder has no sensitivity.csv.");
  else if (s->n == 0 && !isfinite(s->base.est)) {
    char msg[FS_ERR_MAX + 200];
    snprintf(msg, sizeof msg, "Not available: sensitivity.csv has no rows for %s.", output);
    fs_html__note(f, "note", msg);
  } else {
    base_note(f, s, output);
    sens_table(f, m, s, output);
  }
  free(s);
  rc = sensitivity_figures(f, p, output, with_sobol, err); /* or why they are absent */
  fputs("</section>\n", f);
  return rc;
}

static int section_responses(FILE *f, const fs_plot *p, const char *output, fs_err *err) {
  fs_html__section_begin(f, "responses", "Response curves");
  char prefix[FS_PLOT_NAME_MAX];
  fs_plot_sweep_stem(prefix, sizeof prefix, "response", output, NULL);
  size_t n = strlen(prefix);
  int any = 0, grid = 0, rc = 0;
  for (int i = 0; i < p->ncharts && rc == 0; i++) {
    const char *name = p->charts[i].name;
    if (strncmp(name, prefix, n) != 0 || (name[n] != '\0' && name[n] != '-')) continue;
    if (name[n] == '-' && !grid++) fputs("<div class=\"grid2\">\n", f);
    rc = fs_html__figure(f, p, name, err); /* response-OUTPUT alone says why there is none */
    any++;
  }
  if (rc != 0) return rc;
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
  return 0;
}

/* ---- footer and page */

/* The runner's settings that are plain values: "kind threads, workers 8". */
static void join_runner(char *v, size_t cap, const fs_jval *r) {
  size_t o = 0;
  v[0] = '\0';
  for (size_t i = 0; r && r->kind == FS_JOBJ && i < r->n && o + 2 < cap; i++) {
    const fs_jval *x = &r->items[i];
    const char *val = x->kind == FS_JSTR    ? x->str
                      : x->kind == FS_JNUM  ? fs_jread_numtext(x, "")
                      : x->kind == FS_JBOOL ? (x->b ? "true" : "false")
                                            : NULL;
    if (!val) continue;
    int w = snprintf(v + o, cap - o, "%s%s %s", o ? ", " : "", r->keys[i], val);
    o += w > 0 ? (size_t) w : 0;
  }
}

static void footer(FILE *f, const fs_jval *m) {
  table t = fs_html__footer_facts(f, m);
  char v[1024];
  const char *version = fs_jread_str(fs_jread_get(m, "version"), "?");
  const char *cmd = fs_jread_str(fs_jread_get(m, "command"), "?");
  fs_html__t_pair(&t, "Scenario file", fs_manifest_input_path(m, "scenario", "?"));
  const char *hash = fs_manifest_input_hash(m, "scenario", "?");
  fs_html__t_pair(&t, "Scenario hash", hash);
  const char *seed = fs_manifest_seed(m, NULL);
  if (seed) fs_html__t_pair(&t, "Seed", seed);
  join_runner(v, sizeof v, fs_jread_get(m, "runner"));
  if (v[0]) fs_html__t_pair(&t, "Runner", v);
  fs_html__t_end(&t);
  fputs("<p id=\"reproduce\"><strong>How to reproduce:</strong> run <code>", f);
  fs_html__text(f, cmd);
  fputs("</code> with fleetsim ", f);
  fs_html__text(f, version);
  fputs(" on the scenario file whose hash is <code>", f);
  fs_html__text(f, hash);
  fputs("</code>: the same points, seeds and numbers come out, on any number of workers.</p>\n", f);
  fs_html__note(f, "small",
                "Re-render the plots and this page from the folder with 'fleetsim report DIR'; "
                "restyle a chart by editing plots/NAME.gp and running 'gnuplot NAME.gp' inside "
                "plots/. Every task's result is in sweep.csv, the statistics per point in "
                "points.csv and the sensitivity estimates in sensitivity.csv.");
  fputs("</footer>\n", f);
}

/* What the sweep report is made of. */
typedef struct sweep_page {
  const char *dir;
  const fs_plot *p;
  const fs_jval *m;
} sweep_page;

static void page_header(FILE *f, const sweep_page *sp, int extra) {
  const fs_jval *m = sp->m;
  const char *name = fs_jread_str(fs_jread_get(m, "scenario_name"), "sweep");
  fs_html__page_begin(f, name, "fleetsim sweep report", sweep_css, ": parameter sweep");
  char sub[400];
  double pts = num(m, "points"), reps = num(m, "replications");
  if (isfinite(pts) && isfinite(reps))
    snprintf(sub, sizeof sub,
             "fleetsim sweep report: %s design, %.0f points \xc3\x97 %.0f "
             "replications",
             fs_jread_str(fs_jread_get(m, "design"), "?"), pts, reps);
  else
    snprintf(sub, sizeof sub, "fleetsim sweep report");
  fs_html__text(f, sub);
  fputs("</p>\n<nav><ol><li><a href=\"#sweep\">What was swept</a></li>"
        "<li><a href=\"#failures\">Failed tasks</a></li>"
        "<li><a href=\"#sensitivity\">Sensitivity</a></li>"
        "<li><a href=\"#responses\">Response curves</a></li>",
        f);
  if (extra) fputs("<li><a href=\"#sensitivity-endpoint_hours_down\">Endpoint-hours</a></li>", f);
  fputs("<li><a href=\"#reproducibility\">Reproducibility</a></li></ol></nav>\n</header>\n", f);
  fs_html__skip_note(f, sp->p);
}

static int write_page(FILE *f, const void *ctx, fs_err *err) {
  const sweep_page *sp = ctx;
  const fs_plot *p = sp->p;
  const char *primary = primary_output(sp->m);
  int extra = strcmp(primary, "endpoint_hours_down") != 0;
  page_header(f, sp, extra);
  fputs("<main>\n", f);
  section_swept(f, sp->m);
  int rc = section_failures(f, sp->dir, sp->m, err);
  if (rc == 0) rc = section_sensitivity(f, p, sp->m, primary, 1, err);
  if (rc == 0) rc = section_responses(f, p, primary, err);
  if (rc == 0 && extra) rc = section_sensitivity(f, p, sp->m, "endpoint_hours_down", 0, err);
  if (rc != 0) return rc;
  fputs("</main>\n", f);
  footer(f, sp->m);
  fputs("</body>\n</html>\n", f);
  return 0;
}

int fs_html_write_sweep(const char *dir, const fs_plot *p, const fs_jval *manifest, fs_err *err) {
  sweep_page sp = {dir, p, manifest};
  return fs_html__write_page(dir, write_page, &sp, err);
}
