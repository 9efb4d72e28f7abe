/* html_impl.h: building blocks of report.html shared by its files (internal). */
#ifndef FS_HTML_IMPL_H
#define FS_HTML_IMPL_H

#include <stdio.h>

#include "report/plot.h"

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

void fs_html__fmt_int(char *buf, size_t cap, double x);
void fs_html__fmt_money(char *buf, size_t cap, double x);
void fs_html__fmt_hours(char *buf, size_t cap, double h);
void fs_html__fmt_when(char *buf, size_t cap, const fs_plot *p, double h);
void fs_html__t_row(table *t, const char *const *cells);
/* A row of a two-column table: label, value. */
void fs_html__t_pair(table *t, const char *label, const char *value);
int fs_html__t_end(table *t);
void fs_html__note(FILE *f, const char *cls, const char *text);
void fs_html__figure(FILE *f, const fs_plot *p, const char *name);
void fs_html__load_industry_names(const char *dir, names *nm);
const char *fs_html__name_of(const names *nm, const char *id);

/* The page's style sheet (html.c), shared by the run and the sweep report. */
extern const char fs_html__css[];

#endif
