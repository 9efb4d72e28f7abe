/* ops_chart.c: operations by industry over time (ops.csv), the operations
   layer's chart (issue 13). */
#include "report/plot.h"
#include "report/plot_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/csv.h"
#include "util/path.h"

/* fleetsim writes at most FS_MAX_INDUSTRIES (32) ops_ columns with ids under
   48 bytes; a tampered file with more is refused. */
#define OPS_MAX_COLS 32
#define OPS_NAME_MAX 64

/* The ops_ columns of ops.csv, row by row: v[i * w] is row i's hours and
   v[i * w + 1 + k] column k's level in [0, 1], w = 1 + ncols. */
typedef struct ops_table {
  size_t nrows, ncols, cap;
  double *v;
  size_t col[OPS_MAX_COLS];
  char names[OPS_MAX_COLS][OPS_NAME_MAX];
} ops_table;

static int ops_columns(fs_csv *c, ops_table *t, fs_err *err) {
  for (size_t k = 0; k < fs_csv_ncols(c); k++) {
    const char *nm = fs_csv_colname(c, k);
    /* ops_INDUSTRY; not ops_org_ID, a followed organisation's */
    if (strncmp(nm, "ops_", 4) != 0 || strncmp(nm, "ops_org_", 8) == 0) continue;
    if (t->ncols == OPS_MAX_COLS)
      return fs_err_set(err, FS_ELIMIT, "%s: more than %d ops_ columns", fs_csv_name(c),
                        OPS_MAX_COLS);
    if (strlen(nm + 4) >= OPS_NAME_MAX)
      return fs_err_set(err, FS_ELIMIT, "%s: column %.80s: name longer than %d bytes",
                        fs_csv_name(c), nm, OPS_NAME_MAX + 3);
    snprintf(t->names[t->ncols], OPS_NAME_MAX, "%s", nm + 4);
    t->col[t->ncols++] = k;
  }
  return 0;
}

/* One row: its hours (fs_plot__hours) and each level, a number in [0, 1]. */
static int ops_row(fs_csv *c, size_t hcol, ops_table *t, fs_err *err) {
  size_t w = 1 + t->ncols;
  if (t->nrows == t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 1024;
    double *v = fs_realloc(t->v, cap * w * sizeof *v);
    if (!v) return fs_err_set(err, FS_ENOMEM, "%s: out of memory", fs_csv_name(c));
    t->v = v;
    t->cap = cap;
  }
  double *r = &t->v[t->nrows * w];
  int rc = fs_plot__hours(c, hcol, &r[0], err);
  for (size_t k = 0; k < t->ncols && rc == 0; k++)
    rc = fs_csv_number(c, t->col[k], FS_CSV_UNIT, &r[1 + k], err);
  if (rc == 0) t->nrows++;
  return rc;
}

static int read_ops(const char *path, ops_table *t, fs_err *err) {
  memset(t, 0, sizeof *t);
  fs_csv *c;
  int rc = fs_plot__csv(&c, path, err);
  if (rc != 0) return rc;
  long hcol = fs_csv_find(c, "hours");
  if (hcol < 0) rc = fs_err_set(err, FS_EINVAL, "%s: missing column hours", path);
  if (rc == 0) rc = ops_columns(c, t, err);
  while (rc == 0 && (rc = fs_csv_next(c, err)) == 1) rc = ops_row(c, (size_t) hcol, t, err);
  fs_csv_close(c);
  if (rc < 0) {
    free(t->v);
    t->v = NULL;
    return rc;
  }
  return 0;
}

/* Drops the columns that never fell below 99.9 % (an industry without an
   operations block, or one the event missed): flat lines at the top. */
static void keep_moved(ops_table *t) {
  size_t w = 1 + t->ncols, kept = 0;
  for (size_t k = 0; k < t->ncols; k++) {
    double lo = 1;
    for (size_t i = 0; i < t->nrows; i++) lo = fmin(lo, t->v[i * w + 1 + k]);
    if (lo >= 0.999) continue;
    for (size_t i = 0; i < t->nrows; i++) t->v[i * w + 1 + kept] = t->v[i * w + 1 + k];
    if (kept != k) memcpy(t->names[kept], t->names[k], OPS_NAME_MAX);
    kept++;
  }
  /* Rows keep their stride w; only the first 1 + kept values are read. */
  t->ncols = kept;
}

/* The x range of this chart: operations recover after IT (a backlog
   drains for days), so until every kept industry is back above 99 % for
   good, plus a margin, in whole half-days; the whole run at most. */
static double ops_range(const ops_table *t, size_t w) {
  size_t last = 0;
  for (size_t i = 0; i < t->nrows; i++)
    for (size_t k = 0; k < t->ncols; k++)
      if (t->v[i * w + 1 + k] < 0.99) last = i;
  double end = t->v[(t->nrows - 1) * w];
  double x = ceil(t->v[last * w] * 1.15 / 12.0) * 12.0;
  return x > 0 && x < end ? x : end;
}

static int ops_dat(fs_plot *p, const fs_plot_spec *sp, const ops_table *t, size_t w, fs_err *err) {
  FILE *d = fs_plot_open_dat(p, sp, err);
  if (!d) return fs_plot__code(err);
  size_t stride = fs_plot__stride(t->v, t->nrows, w, p->xmax_hours);
  fprintf(d,
          "# operations level (%% of normal, revenue-weighted over the industry's "
          "organisations); every %zu-th row of ops.csv\n# hours",
          stride);
  for (size_t k = 0; k < t->ncols; k++) {
    fputc(' ', d);
    fs_plot__comment(d, t->names[k]);
  }
  fputc('\n', d);
  for (size_t i = 0; i < t->nrows; i += stride) {
    fprintf(d, "%.4f", t->v[i * w]);
    for (size_t k = 0; k < t->ncols; k++) fprintf(d, " %.3f", 100 * t->v[i * w + 1 + k]);
    fputc('\n', d);
  }
  return fs_plot_close_dat(p, sp->name, d, err);
}

static int ops_gp(fs_plot *p, const fs_plot_spec *sp, const ops_table *t, fs_err *err) {
  FILE *g = fs_plot_open_gp(p, sp, err);
  if (!g) return fs_plot__code(err);
  fs_plot__time_axis(p, g);
  fprintf(g, "set yrange [0:105]\nset ytics 10\nplot \\\n");
  for (size_t k = 0; k < t->ncols; k++) {
    char q[2 * OPS_NAME_MAX + 3];
    fs_plot_quote(q, sizeof q, t->names[k]);
    fprintf(g, "  '%s.dat' using 1:%zu with lines lt %zu lw 2 title %s%s\n", sp->name, k + 2,
            k % fs_plot__ncolours() + 1, q, k + 1 < t->ncols ? ", \\" : "");
  }
  return fs_plot_render(p, sp, g, err);
}

int fs_plot_ops_by_industry(fs_plot *p, fs_err *err) {
  const char *name = "ops_by_industry", *title = "Operations by industry (% of normal)";
  char path[FS_PATH_MAX];
  int rc = fs_plot__input(p->dir, "ops.csv", path, sizeof path, err);
  if (rc != 0) return rc < 0 ? rc : 0; /* no operations layer in this run: no chart */
  ops_table t;
  if ((rc = read_ops(path, &t, err)) != 0) return rc;
  size_t w = 1 + t.ncols;
  keep_moved(&t);
  if (t.nrows < 2 || t.ncols == 0) {
    free(t.v);
    return fs_plot_nodata(p, name, title, "operations stayed at 100 % in every industry (ops.csv)",
                          err);
  }
  /* Its own x range for the time axis; the timelines' is put back after. */
  double xmax = p->xmax_hours;
  p->xmax_hours = ops_range(&t, w);
  char xlabel[96];
  fs_plot__hours_label(p, xlabel, sizeof xlabel);
  fs_plot_spec sp = {.name = name,
                     .title = title,
                     .xlabel = xlabel,
                     .ylabel = "operations (% of normal)",
                     .width = 1100,
                     .height = 560,
                     .key_outside = 1};
  rc = ops_dat(p, &sp, &t, w, err);
  if (rc == 0) rc = ops_gp(p, &sp, &t, err);
  p->xmax_hours = xmax;
  free(t.v);
  return rc;
}
