/* html.h: report.html, a self-contained page (inline SVG and CSS) about one results folder. */
#ifndef FS_HTML_H
#define FS_HTML_H

#include "report/plot.h"
#include "util/err.h"
#include "util/jsonread.h"

/* Writes dir/report.html (through a temporary file renamed into place)
   from the parsed manifest and summary, the charts of p (those rendered are
   inlined from plots/NAME.svg; the others are explained), the optional
   graph (graph.json; graph_error says why one could not be read) and the
   CSV tables of the folder. Every text is escaped; numbers that are not
   finite are left out rather than printed. */
int fs_html_write(const char *dir, const fs_plot *p, const fs_jval *manifest,
                  const fs_jval *summary, const fs_jval *graph, const char *graph_error,
                  fs_err *err);

/* Writes dir/report.html of a sweep folder (manifest.json "kind":
   "sweep"): what was swept, the failed tasks (sweep.csv), the sensitivity
   of the primary output (sensitivity.csv) with the charts of p inlined, the
   response curves, and how to reproduce the sweep. Same guarantees as
   fs_html_write. */
int fs_html_write_sweep(const char *dir, const fs_plot *p, const fs_jval *manifest, fs_err *err);

/* Writes dir/report.html of a catalogue run folder (manifest.json "kind":
   "catalog-run", from `fleetsim catalog run`): headline figures per
   summary with their bootstrap intervals (ep_intervals.csv, alt.csv), the
   EP charts, accumulation by family and vendor (accumulation.csv), the
   vendor x industry heat map, the realistic disaster scenarios against the
   probabilistic figures (rds.csv), the top events (top_events.csv) and how
   to reproduce the run. A malformed file fails it with "PATH:LINE: ...".
   Same guarantees as fs_html_write. */
int fs_html_write_catalog(const char *dir, const fs_plot *p, const fs_jval *manifest, fs_err *err);

#endif
