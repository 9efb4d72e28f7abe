/* plot_impl.h: what the chart functions share with the gnuplot layer (internal). */
#ifndef FS_PLOT_IMPL_H
#define FS_PLOT_IMPL_H

#include <stddef.h>
#include <stdio.h>

#include "report/plot.h"
#include "util/csv.h"
#include "util/err.h"
#include "util/jsonread.h"

/* Timelines show at most this many points per series: enough for the eye,
   small enough that the inlined SVG stays light. */
#define FS_PLOT_MAX_POINTS 600

/* Scale and unit label for counts up to max (1, thousands, millions). */
double fs_plot__count_scale(double max, const char **unit);
/* Number of line types of the common palette. */
size_t fs_plot__ncolours(void);

/* The error code err holds after a call that returned NULL (FS_EIO when
   err says nothing). */
int fs_plot__code(const fs_err *err);
/* The set commands of a chart against return period (log x, made by the
   spec): the legend top left, y from 0, the default return periods as
   tics and the 1-in-100 and 1-in-200 marked. */
void fs_plot__rp_axes(FILE *g);

/* Builds dir/file into path (cap bytes). Returns 0 when the file exists, 1
   when it does not, FS_ELIMIT when the path is too long. */
int fs_plot__input(const char *dir, const char *file, char *path, size_t cap, fs_err *err);
/* Field col of a results table as scenario hours: a number in [0,
   FS_MAX_DURATION_HOURS] (a tampered 1e300 would overflow time arithmetic). */
int fs_plot__hours(const fs_csv *c, size_t col, double *out, fs_err *err);
/* Opens a CSV of the results folder (fs_csv_open without following a link). */
int fs_plot__csv(fs_csv **out, const char *path, fs_err *err);

/* ---- text from the folder into the chart files (plot.c). A name read
   from the folder (a parameter, an output, an industry, a vendor) reaches
   a .gp only as a quoted literal (fs_plot_quote) or a comment, and a .dat
   only as a comment or a label, each written by one of these. */

/* The next character of s as it may be written into a file: its bytes
   into out (1 to 4) and their number into *len; returns how many bytes of
   s it stands for, 0 at the end. A valid UTF-8 character is kept, a
   control character (C0, DEL, C1: a newline would end a gnuplot command)
   becomes a space and a byte that starts no valid UTF-8 character U+FFFD
   (the replacement character). */
size_t fs_plot__char(const char *s, char *out, size_t *len);
/* Writes s into a comment line of a .gp or .dat, cleaned as
   fs_plot__char says and a backslash as '/' (a line ending in one goes on
   into the next). */
void fs_plot__comment(FILE *f, const char *s);
/* Writes s as a double-quoted .dat field, cleaned as fs_plot__char says:
   a double quote becomes single (gnuplot's data strings cannot hold one), a
   backslash is doubled (gnuplot reads escapes in them). */
void fs_plot__dat_label(FILE *d, const char *s);

/* ---- the charts' folder (plotdir.c) */

/* Creates the fresh folder p->work beside p->plots (after checking that
   p->plots is absent, a folder or a link). */
int fs_plot__work_begin(fs_plot *p, fs_err *err);
/* Opens p->work/NAME.EXT for writing, never through a link; NULL with err
   set (naming plots/NAME.EXT) on failure. */
FILE *fs_plot__create(const fs_plot *p, const char *name, const char *ext, fs_err *err);
/* Removes p->work/NAME.EXT if it is there. */
void fs_plot__remove(const fs_plot *p, const char *name, const char *ext);
/* Whether p->work/NAME.EXT (svg, png or pdf) is a whole picture: a regular
   file, not a link, that starts and ends as its format does. */
int fs_plot__picture_ok(const fs_plot *p, const char *name, const char *ext);
/* Creates a new file dir/.NAME.tmp-PID-N for writing (never through a
   link, with the umask's permissions) and its path into tmp; NULL with err
   set on failure. For a file replaced whole by a rename. */
FILE *fs_plot__create_tmp(const char *dir, const char *name, char *tmp, size_t cap, fs_err *err);

/* The entry of a sweep manifest's "params" called name, or NULL
   (sweep_charts.c). */
const fs_jval *fs_plot__sweep_param(const fs_jval *manifest, const char *name);

/* ---- the time axis of the timelines (plot.c) */

/* Every how many rows a timeline keeps so that the rows up to xmax give at
   most FS_PLOT_MAX_POINTS points; hours[i * step] is row i's time. */
size_t fs_plot__stride(const double *hours, size_t n, size_t step, double xmax);
/* "hours since 19 Jul 2024 00:00 UTC" (p->start_unix), or since the start
   of the scenario when that is unknown. */
void fs_plot__hours_label(const fs_plot *p, char *buf, size_t cap);
/* The x range [0, p->xmax_hours] in hours and UTC dates on the top axis. */
void fs_plot__time_axis(const fs_plot *p, FILE *gp);

/* ---- horizontal bars (plot.c) */

/* Labels and values of a bar chart, n used. */
typedef struct fs_plot_bars {
  char (*labels)[96];
  double *v;
  size_t n;
} fs_plot_bars;

/* Room for cap bars; FS_ENOMEM (naming the chart) when there is none. */
int fs_plot__bars_alloc(fs_plot_bars *b, size_t cap, const char *name, fs_err *err);
void fs_plot__bars_free(fs_plot_bars *b);
/* Appends a bar (the label cut to 95 bytes). */
void fs_plot__bars_add(fs_plot_bars *b, const char *label, double v);
/* Sorts the bars by value, descending. */
void fs_plot__bars_sort_desc(fs_plot_bars *b);
/* Draws labels[i] with value[i] (already scaled) as horizontal bars, the
   largest on top, each labelled with valfmt. */
int fs_plot__hbars(fs_plot *p, fs_plot_spec *sp, char (*labels)[96], const double *value, size_t n,
                   const char *valfmt, fs_err *err);

/* ---- names and scales of sweep outputs (plot.c) */

/* Whether an output is money (ends in _usd) or hours (recovery_hNN). */
int fs_plot__is_money(const char *output);
int fs_plot__is_hours(const char *output);
/* Divisor and unit ("" for none) of an axis of output values up to max. */
double fs_plot__output_scale(const char *output, double max, const char **unit);
/* "mean ground-up economic loss (USD m)". */
void fs_plot__output_axis(char *buf, size_t cap, const char *output, const char *unit);

/* Counts what became of the charts of p into info (report.c; the loss
   report counts its own pictures the same way). */
struct fs_report_info;
void fs_report__tally(const fs_plot *p, struct fs_report_info *info);

#endif
