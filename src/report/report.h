/* report.h: plots and report.html of a results folder, for `fleetsim run` and `fleetsim report`. */
#ifndef FS_REPORT_H
#define FS_REPORT_H

#include "report/plot.h"
#include "util/err.h"

/* What a rendering did, for the caller's messages. */
typedef struct fs_report_info {
  int charts, rendered, failed, nodata;
  int cut;                                    /* of the failed, those with a picture cut short */
  char skip[256];                             /* why no picture was drawn ("" when gnuplot ran) */
  char first_failure[FS_PLOT_NAME_MAX + 400]; /* "NAME: note" */
} fs_report_info;

/* Draws the charts of the results folder dir into dir/plots (fs_plot_all)
   and, when formats has FS_FMT_HTML, writes dir/report.html. A sweep
   folder (manifest.json "kind": "sweep", from `fleetsim sweep`) gets the
   sweep's charts (fs_plot_sweep_all) and page (fs_html_write_sweep)
   instead, a catalogue run folder ("kind": "catalog-run", from `fleetsim
   catalog run`) the catalogue's (fs_plot_catalog_all,
   fs_html_write_catalog); any other kind is FS_EINVAL. A folder without manifest.json, or a run
   folder without summary.json, is FS_EINVAL ("not a fleetsim results folder"). Missing gnuplot or a
   failed chart is not an error: the report says so, and info counts it. Reads only what is in dir.
 */
int fs_report_render(const char *dir, unsigned formats, fs_report_info *info, fs_err *err);

/* For `fleetsim run`, `fleetsim sweep` and `fleetsim catalog run` once
   their files are written: renders dir with FS_FMT_DEFAULT unless skip is
   set (a sweep or catalogue run folder is recognised by its manifest), and prints to stderr,
   prefixed by prog, why plots were skipped or a chart or the report failed. Returns 0 when the
   report is written (a chart gnuplot could not draw, or no gnuplot, is a
   warning), 1 when it is not or a picture was cut short (a full disk): the
   caller keeps its results, which do not depend on the report, and exits 1
   (`fleetsim report DIR` can retry). */
int fs_report_for_run(const char *dir, int skip, int quiet, const char *prog);

#endif
