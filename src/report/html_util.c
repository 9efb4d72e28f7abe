/* html_util.c: report.html building blocks: escaped text, numbers, tables that are never empty,
 * inlined charts, the page's head and style sheet, and the page written whole or not at all. */
#include "report/html.h"
#include "report/html_impl.h"
#include "util/manifest.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "report/plot_impl.h"
#include "util/alloc.h"
#include "util/csv.h"
#include "util/path.h"
#include "report/output.h"

/* ---- text */

void fs_html__text(FILE *f, const char *s) {
  static const char *const refs[][2] = {
      {"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}, {"'", "&#39;"}};
  size_t len, used;
  char ch[4];
  for (; (used = fs_plot__char(s, ch, &len)) > 0; s += used) {
    if (*s == '\n' || *s == '\t') ch[0] = *s; /* white space in HTML too */
    size_t k = 0;
    while (len == 1 && k < sizeof refs / sizeof refs[0] && ch[0] != refs[k][0][0]) k++;
    if (len == 1 && k < sizeof refs / sizeof refs[0])
      fputs(refs[k][1], f); /* &#39;: &apos; is not HTML 4 */
    else
      fwrite(ch, 1, len, f);
  }
}

/* 1234567.8 -> "1,234,568". */
void fs_html__fmt_int(char *buf, size_t cap, double x) {
  char raw[64];
  if (!(fabs(x) < 1e18)) { /* more digits than a count has: as a number, not as 0 */
    snprintf(buf, cap, "%.3g", x);
    return;
  }
  snprintf(raw, sizeof raw, "%.0f", x);
  const char *d = raw[0] == '-' ? raw + 1 : raw;
  size_t nd = strlen(d), o = 0;
  if (raw[0] == '-' && strcmp(d, "0") != 0 && o + 1 < cap) buf[o++] = '-';
  for (size_t i = 0; i < nd && o + 2 < cap; i++) {
    if (i > 0 && (nd - i) % 3 == 0) buf[o++] = ',';
    buf[o++] = d[i];
  }
  buf[o] = '\0';
}

void fs_html__fmt_money(char *buf, size_t cap, double x) {
  double a = fabs(x);
  if (a >= 1e12)
    snprintf(buf, cap, "USD %.2f tn", x / 1e12);
  else if (a >= 1e9)
    snprintf(buf, cap, "USD %.2f bn", x / 1e9);
  else if (a >= 1e6)
    snprintf(buf, cap, "USD %.2f m", x / 1e6);
  else {
    char n[64];
    fs_html__fmt_int(n, sizeof n, x);
    snprintf(buf, cap, "USD %s", n);
  }
}

void fs_html__fmt_hours(char *buf, size_t cap, double h) {
  snprintf(buf, cap, h < 10 ? "%.2f h" : "%.1f h", h);
}

/* Scenario hour h as "19 Jul 2024 04:10 UTC"; "" when the start is unknown. */
void fs_html__fmt_when(char *buf, size_t cap, const fs_plot *p, double h) {
  buf[0] = '\0';
  if (!(p->start_unix > 0) || !isfinite(h)) return;
  if (fs_output_strftime(p->start_unix + h * 3600, "%d %b %Y %H:%M UTC", buf, cap) != 0)
    buf[0] = '\0';
}

/* ---- tables: a table is opened on its first row, so none is ever empty */

static void t_row_begin(table *t) {
  if (!t->open) {
    fprintf(t->f, "<table%s%s%s><thead><tr>", t->cls ? " class=\"" : "", t->cls ? t->cls : "",
            t->cls ? "\"" : "");
    for (int i = 0; t->head[i]; i++) {
      fprintf(t->f, "<th%s>", t->numeric[i] == 'n' ? " class=\"n\"" : "");
      fs_html__text(t->f, t->head[i]);
      fputs("</th>", t->f);
    }
    fputs("</tr></thead><tbody>\n", t->f);
    t->open = 1;
  }
  fputs("<tr>", t->f);
}

/* One row of already-formatted cells (escaped here). */
void fs_html__t_row(table *t, const char *const *cells) {
  t_row_begin(t);
  for (int i = 0; t->head[i]; i++) {
    fprintf(t->f, "<td%s>", t->numeric[i] == 'n' ? " class=\"n\"" : "");
    fs_html__text(t->f, cells[i] ? cells[i] : "");
    fputs("</td>", t->f);
  }
  fputs("</tr>\n", t->f);
}

void fs_html__t_pair(table *t, const char *label, const char *value) {
  const char *cells[2] = {label, value};
  fs_html__t_row(t, cells);
}

/* Closes the table; returns whether it had rows. */
int fs_html__t_end(table *t) {
  if (t->open) fputs("</tbody></table>\n", t->f);
  int had = t->open;
  t->open = 0;
  return had;
}

table fs_html__facts(FILE *f) {
  static const char *const head[] = {"Item", "Value", NULL};
  table t = {f, head, "tt", "facts", 0};
  return t;
}

void fs_html__note(FILE *f, const char *cls, const char *text) {
  fprintf(f, "<p class=\"%s\">", cls);
  fs_html__text(f, text);
  fputs("</p>\n", f);
}

void fs_html__section_begin(FILE *f, const char *id, const char *title) {
  fputs("<section id=\"", f);
  fs_html__text(f, id);
  fputs("\">\n<h2>", f);
  fs_html__text(f, title);
  fputs("</h2>\n", f);
}

void fs_html__heading(FILE *f, const char *text) {
  fputs("<h3>", f);
  fs_html__text(f, text);
  fputs("</h3>\n", f);
}

/* ---- the page */

const char fs_html__css[] =
    ":root{--fg:#1d2330;--muted:#5b6475;--rule:#d9dde5;--head:#f3f5f8;--accent:#2f5d8a}\n"
    "*{box-sizing:border-box}\n"
    "body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,"
    "sans-serif;color:var(--fg);background:#fff;max-width:1180px;margin:0 auto;padding:24px "
    "32px}\n"
    "h1{font-size:27px;margin:0 0 2px}h2{font-size:20px;margin:36px 0 10px;padding-bottom:4px;"
    "border-bottom:2px solid var(--rule);color:var(--accent)}h3{font-size:16px;margin:20px 0 "
    "6px}\n"
    ".sub{color:var(--muted);margin:0 0 12px}\n"
    "nav ol{display:flex;flex-wrap:wrap;gap:4px 18px;padding:0;margin:8px 0 0;list-style:none;"
    "font-size:14px}nav a{color:var(--accent);text-decoration:none}\n"
    "table{border-collapse:collapse;margin:10px 0 14px;font-size:14px;max-width:100%}\n"
    "th,td{padding:4px 10px;border-bottom:1px solid var(--rule);text-align:left;"
    "vertical-align:top}\n"
    "thead th{background:var(--head);border-bottom:2px solid #c5ccd8}\n"
    ".n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "table.params td:nth-child(5),table.params td:nth-child(6){font-size:12.5px;"
    "color:#39404d;min-width:16em}\n"
    "table.facts td:first-child{color:var(--muted);white-space:nowrap}\n"
    "table.policies th,table.policies td{font-size:12.5px;padding:3px 7px;white-space:nowrap}\n"
    "figure{margin:18px 0}figure svg{display:block;max-width:100%;height:auto}\n"
    "figcaption{font-size:13px;color:var(--muted);margin-top:4px}\n"
    "code{font-family:ui-monospace,'DejaVu Sans Mono',Menlo,Consolas,monospace;font-size:13px}\n"
    ".note{background:#f6f8fb;border-left:4px solid #9aa8bd;padding:8px 12px;margin:10px 0}\n"
    ".warn{background:#fff6e0;border-left-color:#d9a400}\n"
    ".small{font-size:13px;color:var(--muted)}\n"
    "footer{margin-top:40px}footer td{word-break:break-all}\n"
    "@media print{\n"
    "  body{max-width:none;padding:0;font-size:10.5pt}nav{display:none}\n"
    "  h2{break-after:avoid;page-break-after:avoid}\n"
    "  figure,table,tr,.note{break-inside:avoid;page-break-inside:avoid}\n"
    "  thead{display:table-header-group}\n"
    "  a{color:inherit;text-decoration:none}\n"
    "  @page{size:A4;margin:14mm}\n"
    "}\n";

void fs_html__page_begin(FILE *f, const char *name, const char *what, const char *css,
                         const char *h1_tail) {
  fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"generator\" content=\"fleetsim\">\n<title>",
        f);
  fs_html__text(f, name);
  fprintf(f, " - %s</title>\n<style>\n", what);
  fputs(fs_html__css, f);
  fputs(css, f);
  fputs("</style>\n</head>\n<body>\n<header>\n<h1>", f);
  fs_html__text(f, name);
  fprintf(f, "%s</h1>\n<p class=\"sub\">", h1_tail);
}

void fs_html__skip_note(FILE *f, const fs_plot *p) {
  if (!p->skip[0]) return;
  char msg[400];
  snprintf(msg, sizeof msg, "Plots were skipped: %s.", p->skip);
  fs_html__note(f, "note warn", msg);
}

void fs_html__footer_begin(FILE *f) {
  fputs("<footer id=\"reproducibility\">\n<h2>Reproducibility</h2>\n", f);
}

table fs_html__footer_facts(FILE *f, const fs_jval *m) {
  fs_html__footer_begin(f);
  table t = fs_html__facts(f);
  char v[512];
  fs_manifest_program(m, v, sizeof v);
  fs_html__t_pair(&t, "Program", v);
  fs_html__t_pair(&t, "Command", fs_jread_str(fs_jread_get(m, "command"), "?"));
  return t;
}

void fs_html__footer_inputs(table *t, const fs_jval *m) {
  char v[FS_PATH_MAX + 64];
  const fs_jval *in = fs_jread_get(m, "inputs");
  for (size_t i = 0; in && in->kind == FS_JARR && i < in->n; i++) {
    const fs_jval *e = &in->items[i];
    const char *hash = fs_jread_str(fs_jread_get(e, "hash"), "");
    snprintf(v, sizeof v, "%s%s%s%s", fs_jread_str(fs_jread_get(e, "path"), "?"), *hash ? " (" : "",
             hash, *hash ? ")" : "");
    char label[96];
    snprintf(label, sizeof label, "Input: %.80s", fs_jread_str(fs_jread_get(e, "role"), "input"));
    fs_html__t_pair(t, label, v);
  }
  const char *seed = fs_manifest_seed(m, NULL);
  if (seed) fs_html__t_pair(t, "Seed", seed);
  double wall = fs_jread_num(fs_jread_get(m, "wall_seconds"), NAN);
  if (isfinite(wall)) {
    snprintf(v, sizeof v, "%.1f s", wall);
    fs_html__t_pair(t, "Wall time", v);
  }
}

/* The page goes to a new file under a fresh name (never through a link
   planted in the folder), renamed over report.html only when whole: rename
   replaces a link there rather than writing where it points. */
int fs_html__write_page(const char *dir, fs_html__page_fn *fill, const void *ctx, fs_err *err) {
  char tmp[FS_PATH_MAX], final[FS_PATH_MAX];
  int rc = fs_path_join(final, sizeof final, dir, "report.html", err);
  if (rc != 0) return rc;
  FILE *f = fs_plot__create_tmp(dir, "report.html", tmp, sizeof tmp, err);
  if (!f) return fs_plot__code(err);
  rc = fill(f, ctx, err);
  int bad = ferror(f);
  bad |= fclose(f) != 0;
  if (rc == 0 && bad) rc = fs_err_set(err, FS_EIO, "%s: write failed", final);
  if (rc == 0 && rename(tmp, final) != 0)
    rc = fs_err_set(err, FS_EIO, "%s: cannot replace: %s", final, strerror(errno));
  if (rc != 0) unlink(tmp);
  return rc;
}

/* ---- charts */

/* Reads the file at path into a new NUL-terminated *out. Returns 0, 1 when
   it cannot be read or holds more than 64 MiB (a picture that large is not
   inlined), or FS_ENOMEM. */
static int read_all(const char *path, char **out, size_t *len, fs_err *err) {
  *out = NULL;
  int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
  if (!f) {
    if (fd >= 0) close(fd);
    return 1;
  }
  size_t cap = 1 << 16, n = 0;
  char *buf = fs_malloc(cap + 1);
  int rc = buf ? 0 : FS_ENOMEM;
  while (rc == 0) {
    if (n == cap) {
      if (cap >= (size_t) 64 << 20) {
        rc = 1;
        break;
      }
      char *nb = fs_realloc(buf, cap * 2 + 1);
      if (!nb) {
        rc = FS_ENOMEM;
        break;
      }
      buf = nb;
      cap *= 2;
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    if (got == 0) break;
    n += got;
  }
  if (rc == 0 && ferror(f)) rc = 1;
  fclose(f);
  if (rc != 0) {
    free(buf);
    return rc == FS_ENOMEM ? fs_err_set(err, FS_ENOMEM, "%s: out of memory", path) : rc;
  }
  buf[n] = '\0';
  *out = buf;
  *len = n;
  return 0;
}

/* Copies gnuplot's SVG text from start on, with every id (and every
   reference to one) prefixed by the chart's name and its <title> made the
   chart's. */
static void copy_svg(FILE *f, const fs_chart *c, const char *start) {
  static const char *const refs[] = {"id='", "id=\"", "href='#", "href=\"#", "url(#"};
  const char *s = start;
  while (*s) {
    if (strncmp(s, "<title>Gnuplot</title>", 22) == 0) {
      fputs("<title>", f);
      fs_html__text(f, c->title);
      fputs("</title>", f);
      s += 22;
      continue;
    }
    int hit = 0;
    for (size_t k = 0; k < sizeof refs / sizeof refs[0]; k++) {
      size_t n = strlen(refs[k]);
      /* "id=" only as an attribute: preceded by white space. */
      if (strncmp(s, refs[k], n) == 0 &&
          (refs[k][0] != 'i' || (s > start && (s[-1] == ' ' || s[-1] == '\t' || s[-1] == '\n')))) {
        fwrite(s, 1, n, f);
        fprintf(f, "%s-", c->name);
        s += n;
        hit = 1;
        break;
      }
    }
    if (!hit) fputc(*s++, f);
  }
  fputc('\n', f);
}

/* Writes gnuplot's SVG from its <svg element on (copy_svg): several
   pictures in one page share gnuplot's ids (gpPt0, gnuplot_canvas ...).
   Returns 0, 1 when the file is unusable (unreadable, too large, no <svg>
   element or a script), or a negative FS_E*. */
static int inline_svg(FILE *f, const fs_plot *p, const fs_chart *c, fs_err *err) {
  char path[FS_PATH_MAX];
  int rc = fs_path_fmt(path, sizeof path, err, "%s/%s.svg", p->work, c->name);
  if (rc != 0) return rc;
  size_t len;
  char *svg;
  if ((rc = read_all(path, &svg, &len, err)) != 0) return rc;
  char *start = strstr(svg, "<svg");
  if (!start || strstr(start, "<script") || !strstr(start, "</svg>"))
    rc = 1;
  else
    copy_svg(f, c, start);
  free(svg);
  return rc;
}

int fs_html__figure(FILE *f, const fs_plot *p, const char *name, fs_err *err) {
  const fs_chart *c = fs_plot_chart_get(p, name);
  if (!c) return 0;
  char msg[600];
  switch (c->state) {
  case FS_CHART_RENDERED: {
    fprintf(f, "<figure id=\"fig-%s\">\n", c->name);
    int rc = inline_svg(f, p, c, err);
    if (rc < 0) return rc;
    if (rc == 1) {
      snprintf(msg, sizeof msg,
               "plots/%s.svg could not be read or holds a script; open it directly.", c->name);
      fs_html__note(f, "note", msg);
    }
    fputs("<figcaption>", f);
    fs_html__text(f, c->title);
    fprintf(f,
            ". Data and gnuplot script: <code>plots/%s.dat</code>, <code>plots/%s.gp</code>."
            "</figcaption>\n</figure>\n",
            c->name, c->name);
    return 0;
  }
  case FS_CHART_SCRIPT:
    snprintf(msg, sizeof msg,
             "Chart \"%s\" not drawn: gnuplot was not found on PATH (script and "
             "data: plots/%s.gp, plots/%s.dat).",
             c->title, c->name, c->name);
    fs_html__note(f, "note", msg);
    return 0;
  case FS_CHART_NODATA:
    snprintf(msg, sizeof msg, "Chart \"%s\" left out: %s.", c->title, c->note);
    fs_html__note(f, "note", msg);
    return 0;
  case FS_CHART_FAILED:
    snprintf(msg, sizeof msg, "Chart \"%s\" failed: %s.", c->title, c->note);
    fs_html__note(f, "note warn", msg);
    return 0;
  }
  return 0;
}

/* ---- names of industries (summary_info.csv) */

/* Keeps the row of the current record when it names an industry of the
   fleet (Level industry, a key without '/', perspective gul). */
static int industry_name(const fs_csv *c, const long *col, names *nm, fs_err *err) {
  const char *key = fs_csv_field(c, (size_t) col[1]), *name = fs_csv_text(c, (size_t) col[2]);
  if (strcmp(fs_csv_field(c, (size_t) col[0]), "industry") != 0 || strchr(key, '/') ||
      strcmp(fs_csv_field(c, (size_t) col[3]), "gul") != 0)
    return 0;
  if (nm->n == (int) (sizeof nm->id / sizeof nm->id[0]))
    return fs_csv_fail(c, (size_t) col[1], err, FS_ELIMIT, "more than %zu industries",
                       sizeof nm->id / sizeof nm->id[0]);
  if (strlen(key) >= sizeof nm->id[0] || strlen(name) >= sizeof nm->name[0])
    return fs_csv_fail(c, (size_t) col[1], err, FS_ELIMIT,
                       "an industry key or name longer than %zu bytes", sizeof nm->id[0] - 1);
  snprintf(nm->id[nm->n], sizeof nm->id[0], "%s", key);
  snprintf(nm->name[nm->n], sizeof nm->name[0], "%s", name);
  nm->n++;
  return 0;
}

int fs_html__load_industry_names(const char *dir, names *nm, fs_err *err) {
  nm->n = 0;
  char path[FS_PATH_MAX];
  int rc = fs_plot__input(dir, "summary_info.csv", path, sizeof path, err);
  if (rc != 0) return rc < 0 ? rc : 0; /* no costs, no summaries */
  fs_csv *c;
  if ((rc = fs_plot__csv(&c, path, err)) != 0) return rc;
  static const char *const cols[] = {"Level", "Key", "Name", "Perspective"};
  long col[4];
  for (int k = 0; k < 4 && rc == 0; k++)
    if ((col[k] = fs_csv_find(c, cols[k])) < 0)
      rc = fs_err_set(err, FS_EINVAL, "%s: missing column %s", path, cols[k]);
  while (rc == 0 && (rc = fs_csv_next(c, err)) == 1) rc = industry_name(c, col, nm, err);
  fs_csv_close(c);
  return rc < 0 ? rc : 0;
}

const char *fs_html__name_of(const names *nm, const char *id) {
  for (int i = 0; i < nm->n; i++)
    if (strcmp(nm->id[i], id) == 0) return nm->name[i];
  return "";
}
