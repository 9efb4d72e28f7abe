/* html_util.c: report.html building blocks: escaped text, numbers, tables that are never empty,
 * inlined charts. */
#include "report/html.h"
#include "report/html_impl.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/csv.h"
#include "util/json.h"
#include "util/alloc.h"

/* ---- text */

/* 1234567.8 -> "1,234,568". */
void fs_html__fmt_int(char *buf, size_t cap, double x) {
  char raw[64];
  snprintf(raw, sizeof raw, "%.0f", fabs(x) < 1e18 ? x : 0);
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
  time_t t = (time_t) llround(p->start_unix + h * 3600);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(buf, cap, "%d %b %Y %H:%M UTC", &tm);
}

/* ---- tables: a table is opened on its first row, so none is ever empty */

static void t_row_begin(table *t) {
  if (!t->open) {
    fprintf(t->f, "<table%s%s%s><thead><tr>", t->cls ? " class=\"" : "", t->cls ? t->cls : "",
            t->cls ? "\"" : "");
    for (int i = 0; t->head[i]; i++) {
      fprintf(t->f, "<th%s>", t->numeric[i] == 'n' ? " class=\"n\"" : "");
      fs_xml_str(t->f, t->head[i]);
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
    fs_xml_str(t->f, cells[i] ? cells[i] : "");
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

void fs_html__note(FILE *f, const char *cls, const char *text) {
  fprintf(f, "<p class=\"%s\">", cls);
  fs_xml_str(f, text);
  fputs("</p>\n", f);
}

/* ---- charts */

static char *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, n = 0;
  char *buf = fs_malloc(cap + 1);
  while (buf) {
    if (n == cap) {
      if (cap >= (size_t) 64 << 20) break; /* a 64 MiB picture is not inlined */
      char *nb = fs_realloc(buf, cap * 2 + 1);
      if (!nb) break;
      buf = nb;
      cap *= 2;
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    if (got == 0) break;
    n += got;
  }
  int bad = ferror(f) || (buf && n == cap);
  fclose(f);
  if (!buf || bad) {
    free(buf);
    return NULL;
  }
  buf[n] = '\0';
  *len = n;
  return buf;
}

/* Writes gnuplot's SVG from its <svg element on, with every id (and every
   reference to one) prefixed by the chart's name: several pictures in one
   page share gnuplot's ids (gpPt0, gnuplot_canvas ...). Its <title>
   becomes the chart's. Returns 0, or -1 when the file is unusable. */
static int inline_svg(FILE *f, const fs_plot *p, const fs_chart *c) {
  char path[4400];
  snprintf(path, sizeof path, "%s/%s.svg", p->plots, c->name);
  size_t len;
  char *svg = read_all(path, &len);
  if (!svg) return -1;
  char *start = strstr(svg, "<svg");
  if (!start || strstr(start, "<script") || !strstr(start, "</svg>")) {
    free(svg);
    return -1;
  }
  static const char *const refs[] = {"id='", "id=\"", "href='#", "href=\"#", "url(#"};
  const char *s = start;
  while (*s) {
    if (strncmp(s, "<title>Gnuplot</title>", 22) == 0) {
      fputs("<title>", f);
      fs_xml_str(f, c->title);
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
  free(svg);
  return 0;
}

void fs_html__figure(FILE *f, const fs_plot *p, const char *name) {
  const fs_chart *c = fs_plot_chart_get(p, name);
  if (!c) return;
  char msg[600];
  switch (c->state) {
  case FS_CHART_RENDERED:
    fprintf(f, "<figure id=\"fig-%s\">\n", c->name);
    if (inline_svg(f, p, c) != 0) {
      snprintf(msg, sizeof msg,
               "plots/%s.svg could not be read or holds a script; open it directly.", c->name);
      fs_html__note(f, "note", msg);
    }
    fputs("<figcaption>", f);
    fs_xml_str(f, c->title);
    fprintf(f,
            ". Data and gnuplot script: <code>plots/%s.dat</code>, <code>plots/%s.gp</code>."
            "</figcaption>\n</figure>\n",
            c->name, c->name);
    return;
  case FS_CHART_SCRIPT:
    snprintf(msg, sizeof msg,
             "Chart \"%s\" not drawn: gnuplot was not found on PATH (script and "
             "data: plots/%s.gp, plots/%s.dat).",
             c->title, c->name, c->name);
    fs_html__note(f, "note", msg);
    return;
  case FS_CHART_NODATA:
    snprintf(msg, sizeof msg, "Chart \"%s\" left out: %s.", c->title, c->note);
    fs_html__note(f, "note", msg);
    return;
  case FS_CHART_FAILED:
    snprintf(msg, sizeof msg, "Chart \"%s\" failed: %s.", c->title, c->note);
    fs_html__note(f, "note warn", msg);
    return;
  }
}

/* ---- names of industries (summary_info.csv) */

void fs_html__load_industry_names(const char *dir, names *nm) {
  nm->n = 0;
  char path[4400];
  snprintf(path, sizeof path, "%s/summary_info.csv", dir);
  fs_csv *c;
  fs_err e = {0};
  if (fs_csv_open(&c, path, &e) != 0) return;
  long lc = fs_csv_find(c, "Level"), kc = fs_csv_find(c, "Key"), nc = fs_csv_find(c, "Name"),
       pc = fs_csv_find(c, "Perspective");
  while (lc >= 0 && kc >= 0 && nc >= 0 && pc >= 0 && nm->n < 64 && fs_csv_next(c, &e) == 1) {
    const char *key = fs_csv_field(c, (size_t) kc);
    if (strcmp(fs_csv_field(c, (size_t) lc), "industry") != 0 || strchr(key, '/') ||
        strcmp(fs_csv_field(c, (size_t) pc), "gul") != 0)
      continue;
    snprintf(nm->id[nm->n], sizeof nm->id[0], "%s", key);
    snprintf(nm->name[nm->n], sizeof nm->name[0], "%s", fs_csv_field(c, (size_t) nc));
    nm->n++;
  }
  fs_csv_close(c);
}

const char *fs_html__name_of(const names *nm, const char *id) {
  for (int i = 0; i < nm->n; i++)
    if (strcmp(nm->id[i], id) == 0) return nm->name[i];
  return "";
}
