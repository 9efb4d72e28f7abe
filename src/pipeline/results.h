/* results.h: the results folder of a session's replications, written
   whole or not at all: manifest.json, summary.json, timeseries.csv,
   orgs.csv, recovery_band.csv (report/output.c), the loss tables
   (report/losses.c), graph.json (graph/json.c), then, best effort, plots/
   and report.html (report/report.c: a chart or page that fails is a
   warning, not a failed run). Each file's schema is documented beside its
   writer. */
#ifndef FS_RESULTS_H
#define FS_RESULTS_H

#include "graph/analysis.h"
#include "graph/json.h"
#include "pipeline/session.h"

/* Providers listed in graph.json and `fleetsim graph` by default. */
#define FS_RESULTS_GRAPH_TOP 20

typedef struct fs_results_opts {
  const char *dir;     /* the folder: replaced whole (a temporary folder, then a rename) */
  const char *command; /* the command line, for the manifest */
  double t0;           /* fs_now() when the command started */
  int threads;         /* worker threads the replications ran on */
  size_t years;        /* periods of the period loss table */
  int no_report;       /* no plots and no report.html */
  int quiet;
  const char *prog;                 /* "fleetsim run": prefixes warnings */
  const struct fs_ri_programme *ri; /* the portfolio's reinsurance programme, or NULL */
  const char *ri_path;              /* its file */
} fs_results_opts;

/* Whether o->dir may receive a run's folder: absent, empty, or a fleetsim
   run folder (fs_outdir_replaceable). Commands check it before running so
   that hours are not spent on results that cannot be kept. */
int fs_results_check(const char *dir, fs_err *err);

/* The limits of the loss tables, checked before the first replication
   rather than after the last: the annual_rate parameter within
   FS_ORD_MAX_RATE and, times years periods, within the period loss
   table's rows; each policy's revenue and the portfolio's and the fleet's
   total revenue (their summaries' footprint exposure) within
   FS_ORD_MAX_AMOUNT. Errors name the parameter, the option or the
   portfolio's file and line. */
int fs_results_preflight(const fs_session *s, size_t years, fs_err *err);

/* Writes the results folder of b (replications of s) at o->dir, replacing
   a run folder there; the path written goes into written (cap bytes). An
   interrupted b writes its finished prefix, marked partial, and when
   o->dir holds a complete run it goes beside it, to o->dir + ".partial".
   Returns 0 or an error; the folder is then absent and nothing else was
   touched. */
int fs_results_write(fs_session *s, const fs_batch *b, const fs_results_opts *o, char *written,
                     size_t cap, fs_err *err);

/* The analysis of s's dependency graph (dominators always; PageRank and
   betweenness with centrality), as graph.json and `fleetsim graph` report
   it: the same figures whichever command asks. */
int fs_results_analyse(fs_session *s, int centrality, fs_graph_analysis *an, fs_err *err);
fs_graph_report fs_results_graph_report(fs_session *s, const fs_graph_analysis *an, int top);

#endif
