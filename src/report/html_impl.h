/* html_impl.h: building blocks of report.html shared by its files (internal). */
#ifndef FS_HTML_IMPL_H
#define FS_HTML_IMPL_H

#include <stdio.h>

#include "report/plot.h"
#include "util/err.h"
#include "util/jsonread.h"

/* A table is opened on its first row, so none is ever empty. */
typedef struct table {
  FILE *f;
  const char *const *head; /* column titles, NULL-terminated */
  const char *numeric;     /* per column: 'n' right-aligned number, 't' text */
  const char *cls;
  int open;
} table;

/* Industry ids and names (summary_info.csv). */
typedef struct names {
  char id[64][64], name[64][160];
  int n;
} names;

/* Writes text from the folder (or anywhere) into the page: HTML's five
   special characters as references, the rest cleaned as fs_plot__char
   says (valid UTF-8 kept; a control character but newline and tab a
   space; a byte that starts no UTF-8 character U+FFFD). The one way text
   reaches report.html. */
void fs_html__text(FILE *f, const char *s);

void fs_html__fmt_int(char *buf, size_t cap, double x);
void fs_html__fmt_money(char *buf, size_t cap, double x);
void fs_html__fmt_hours(char *buf, size_t cap, double h);
void fs_html__fmt_when(char *buf, size_t cap, const fs_plot *p, double h);
void fs_html__t_row(table *t, const char *const *cells);
/* A row of a two-column table: label, value. */
void fs_html__t_pair(table *t, const char *label, const char *value);
int fs_html__t_end(table *t);
/* A two-column table of facts: "Item", "Value". */
table fs_html__facts(FILE *f);
void fs_html__note(FILE *f, const char *cls, const char *text);
/* <section id="ID"><h2>TITLE</h2>, and an <h3>. */
void fs_html__section_begin(FILE *f, const char *id, const char *title);
void fs_html__heading(FILE *f, const char *text);
/* Chart name of p: its SVG inlined, or a note saying why there is none.
   Returns 0, or a negative FS_E* (out of memory, a path too long). */
int fs_html__figure(FILE *f, const fs_plot *p, const char *name, fs_err *err);
/* The industries of dir/summary_info.csv (none without the file); a
   malformed file is an error naming file and line. */
int fs_html__load_industry_names(const char *dir, names *nm, fs_err *err);
const char *fs_html__name_of(const names *nm, const char *id);

/* The business impact section (summary.json "business", ops_by_industry),
   nothing when the run has no operations layer (html_business.c). */
int fs_html__section_business(FILE *f, const fs_plot *p, const fs_jval *s, fs_err *err);
/* summary.json "market" (fleet.non_customers): organisations, customers and
   the share hit by industry; nothing without it. */
int fs_html__section_market(FILE *f, const fs_plot *p, const fs_jval *s, fs_err *err);

/* The page's style sheet, shared by the run and the sweep report. */
extern const char fs_html__css[];

/* The page up to the subtitle: head, style sheet (fs_html__css and css),
   "<h1>NAME H1_TAIL</h1>" and an open <p class="sub">. The title is "NAME -
   WHAT". */
void fs_html__page_begin(FILE *f, const char *name, const char *what, const char *css,
                         const char *h1_tail);
/* "Plots were skipped: WHY." when p drew no picture. */
void fs_html__skip_note(FILE *f, const fs_plot *p);
/* <footer id="reproducibility"> and its heading. */
void fs_html__footer_begin(FILE *f);
/* The footer begun, and its table of facts with the manifest m's program
   and command rows; the caller adds its own rows and ends the table. */
table fs_html__footer_facts(FILE *f, const fs_jval *m);
/* The manifest m's inputs (role, path and hash), seed and wall time as
   rows of t. */
void fs_html__footer_inputs(table *t, const fs_jval *m);

/* Writes a page into f; returns 0 or a negative FS_E* with err set. */
typedef int fs_html__page_fn(FILE *f, const void *ctx, fs_err *err);
/* Writes dir/report.html through fill, by way of a temporary file renamed
   into place (removed on failure, so the old report stays or none is
   left). */
int fs_html__write_page(const char *dir, fs_html__page_fn *fill, const void *ctx, fs_err *err);

#endif
