/* plot.h: charts of a results folder, drawn by gnuplot from a .dat and a .gp kept beside each
 * picture. */
#ifndef FS_PLOT_H
#define FS_PLOT_H

#include <stdio.h>
#include <sys/types.h>

#include "util/err.h"
#include "util/jsonread.h"
#include "util/path.h"

/* Picture formats (and the report) as bits of one set. SVG is always drawn
   when gnuplot is there: the HTML report inlines it. */
enum {
  FS_FMT_HTML = 1,
  FS_FMT_SVG = 2,
  FS_FMT_PNG = 4,
  FS_FMT_PDF = 8,
  FS_FMT_DEFAULT = FS_FMT_HTML | FS_FMT_SVG | FS_FMT_PNG
};

/* Parses "html,svg,png,pdf" (any non-empty subset, comma-separated) into
 *out. FS_EUSAGE with a message naming the bad word. */
int fs_plot_formats_parse(const char *list, unsigned *out, fs_err *err);

/* What became of one chart. */
typedef enum fs_chart_state {
  FS_CHART_RENDERED, /* NAME.svg (and the other formats) drawn */
  FS_CHART_SCRIPT,   /* NAME.dat and NAME.gp written, gnuplot not run (see fs_plot.skip) */
  FS_CHART_NODATA,   /* nothing to draw; note says why */
  FS_CHART_FAILED    /* gnuplot failed; note holds the first line it printed */
} fs_chart_state;

/* Longest chart file stem plus its NUL: room for a sweep's
   response-<output>-<parameter> with names of up to 47 bytes. */
#define FS_PLOT_NAME_MAX 112

typedef struct fs_chart {
  char name[FS_PLOT_NAME_MAX]; /* file stem under plots/ */
  char title[160];             /* as drawn; also the report's caption */
  fs_chart_state state;
  char note[384];
  int cut;   /* failed because a picture was cut short (a write failed) */
  pid_t pid; /* gnuplot while it runs, else 0 */
} fs_chart;

#define FS_PLOT_MAX_CHARTS 32

/* A plotting session over one results folder. Charts are rendered by
   gnuplot processes running side by side; fs_plot_finish waits for them.
   They are drawn into a folder of their own, made fresh beside plots/
   (dir/.plots.tmp-PID-N), which fs_plot_commit puts in the place of
   dir/plots: until then nothing under dir/plots is touched, and nothing is
   ever written through a link found in the folder. Nothing is allocated
   inside: the caller owns the fs_plot (about 38 KB, which report.c keeps on
   the heap). */
typedef struct fs_plot {
  char dir[FS_PATH_MAX];     /* the results folder */
  char plots[FS_PATH_MAX];   /* dir/plots, the name used in messages */
  char work[FS_PATH_MAX];    /* where the files are: the fresh folder, dir/plots once committed */
  int committed;             /* work is dir/plots */
  char gnuplot[FS_PATH_MAX]; /* absolute path of gnuplot, "" when skipped */
  char skip[256];            /* why no picture is drawn ("" when gnuplot is there) */
  unsigned formats;          /* FS_FMT_* */
  double start_unix;         /* scenario start (from timeseries.csv), for time labels */
  double xmax_hours;         /* common x range of the timelines, 0 until known */
  fs_chart charts[FS_PLOT_MAX_CHARTS];
  int ncharts;
} fs_plot;

/* Starts a session: creates the fresh folder the charts are drawn into
   and looks gnuplot up on PATH. Without gnuplot the session still writes
   .dat and .gp files and skip says why. FS_ELIMIT when a path is too long,
   FS_EIO when dir/plots is there but neither a folder nor a link, or a
   folder that holds anything but chart files (STEM.dat, .gp, .svg, .png,
   .pdf, .log: it is not the report's to replace), or when the folder
   cannot be created. */
int fs_plot_begin(fs_plot *p, const char *dir, unsigned formats, fs_err *err);

/* Waits for the gnuplot processes and checks that each picture is whole
   (gnuplot's exit status, a regular file that ends as its format ends: a
   full disk leaves gnuplot's pictures cut short with exit status 0); a
   failure marks its chart FS_CHART_FAILED (not an error of the session: the
   report says so) and removes its pictures. */
void fs_plot_finish(fs_plot *p);

/* After fs_plot_finish: the charts' folder replaces dir/plots. A link
   there is removed, not followed; an old folder is moved aside, then
   removed without following any link inside it. FS_EIO when it cannot be
   done (dir/plots is then as it was). */
int fs_plot_commit(fs_plot *p, fs_err *err);

/* Removes the charts' folder unless it was committed (a failed session:
   dir/plots stays as it was). */
void fs_plot_abort(fs_plot *p);

/* The chart called name, or NULL when it was not attempted. */
const fs_chart *fs_plot_chart_get(const fs_plot *p, const char *name);

/* ---- The generic layer: one chart = one .dat, one .gp, one gnuplot run.
   A new chart (a tornado, response curves) is a function that opens the two
   files, writes its data and its plot command, and calls fs_plot_render. */

typedef struct fs_plot_spec {
  const char *name; /* file stem: plots/NAME.dat, NAME.gp, NAME.svg ... */
  const char *title;
  const char *xlabel; /* with units: "hours since 2024-07-19 00:00 UTC" */
  const char *ylabel;
  int logx, logy;
  int width, height; /* SVG pixels; 0 gives 960 x 540 */
  int key_outside;   /* the legend right of the plot (many series) */
} fs_plot_spec;

/* Opens plots/NAME.dat for writing and registers the chart; the caller
   writes whitespace-separated columns with a header line starting with #.
   NULL with err set when the path is too long (FS_ELIMIT), the session has
   FS_PLOT_MAX_CHARTS charts already or the file cannot be opened. */
FILE *fs_plot_open_dat(fs_plot *p, const fs_plot_spec *s, fs_err *err);

/* Closes the .dat of chart name; FS_EIO when a write failed. */
int fs_plot_close_dat(fs_plot *p, const char *name, FILE *d, fs_err *err);

/* Opens plots/NAME.gp and writes the common part: a comment saying how to
   re-render, the SVG terminal (noenhanced text), the output file, colours,
   grid, title and axis labels, log scales. The caller appends set commands
   and exactly one plot command, then calls fs_plot_render. */
FILE *fs_plot_open_gp(fs_plot *p, const fs_plot_spec *s, fs_err *err);

/* Appends the other formats (PNG, PDF) as `replot` into new terminals,
   closes gp and starts gnuplot on it inside plots/. */
int fs_plot_render(fs_plot *p, const fs_plot_spec *s, FILE *gp, fs_err *err);

/* Marks the chart name as having no data (note says why) without files.
   FS_ELIMIT when the session has FS_PLOT_MAX_CHARTS charts already. */
int fs_plot_nodata(fs_plot *p, const char *name, const char *title, const char *why, fs_err *err);

/* Quotes s as a gnuplot string literal into buf: single-quoted, where
   gnuplot expands nothing (no backquote command, no macro, no escape), a
   single quote doubled, s cleaned as fs_plot__char says (no newline ends
   the command) and cut at a character to fit cap. */
void fs_plot_quote(char *buf, size_t cap, const char *s);

/* ---- The charts of a run. Each reads what it needs from the results
   folder, returns 0 (rendered, started or marked no-data) or a negative
   FS_E* when a file cannot be written or an input is malformed. */

/* Endpoints down over time, stacked by industry (timeseries.csv). */
int fs_plot_down_by_industry(fs_plot *p, fs_err *err);
/* Endpoints down over time, stacked by region (timeseries.csv). */
int fs_plot_down_by_region(fs_plot *p, fs_err *err);
/* Share of affected endpoints back up, median and mean with the 10-90 %
   band across replications (recovery_band.csv). */
int fs_plot_recovery(fs_plot *p, fs_err *err);
/* Operations level by industry over time, a line per industry whose
   operations fell (ops.csv, written when the scenario declares an
   operations layer); nothing at all without ops.csv. */
int fs_plot_ops_by_industry(fs_plot *p, fs_err *err);
/* Mean economic loss by industry, bars (summary.json loss.by_industry_usd). */
int fs_plot_loss_by_industry(fs_plot *p, const fs_jval *summary, fs_err *err);
/* Histogram of the fleet's total loss across replications on log-spaced
   bins (selt.csv, SummaryId 1). */
int fs_plot_loss_distribution(fs_plot *p, fs_err *err);
/* OEP and AEP (full uncertainty, EPCalc 2) against return period, log x,
   1-in-100 and 1-in-200 marked, for the summaries ids[0..n) of ept.csv
   (1 <= n <= 8); labels[i] names summary i in the legend. */
int fs_plot_ep(fs_plot *p, const char *name, const char *title, const int *ids,
               const char *const *labels, int n, fs_err *err);
/* Vendors ranked by blast radius (graph.json single_points_of_failure:
   endpoints that depend on the vendor); no-data when graph is NULL. */
int fs_plot_blast_radius(fs_plot *p, const fs_jval *graph, fs_err *err);

/* All of the above that the folder has data for. summary and graph may be
   NULL. */
int fs_plot_all(fs_plot *p, const fs_jval *summary, const fs_jval *graph, fs_err *err);

/* One summary's exceedance curves by return period, ascending: OEP
   (EPType 1) and AEP (EPType 3) of full uncertainty (EPCalc 2). */
#define FS_EP_MAX 32
typedef struct fs_ep_curve {
  double rp[FS_EP_MAX], oep[FS_EP_MAX], aep[FS_EP_MAX]; /* NAN where ept.csv has no row */
  int n;
} fs_ep_curve;

/* Reads the curves of summaries ids[0..n) from ept.csv at path into
   out[0..n) (zeroed by the caller). A field that is not a number, or more
   than FS_EP_MAX return periods for a summary, is an error naming the
   line. */
int fs_plot_read_ep(const char *path, const int *ids, int n, fs_ep_curve *out, fs_err *err);

/* SummaryIds of the portfolio's ground-up and insured totals in
   dir/summary_info.csv (Level "portfolio"), or 0 when there is none (or no
   summary_info.csv). A malformed file is an error naming file and line. */
int fs_plot_portfolio_ids(const char *dir, int *gul, int *il, fs_err *err);

/* Scale for money axes: 1e9 "USD bn", 1e6 "USD m", 1e3 "USD k" or 1 "USD"
   by the largest value. */
double fs_plot_money_scale(double max, const char **unit);

/* ---- The charts of a sweep: a folder written by `fleetsim sweep`, with
   manifest.json ("kind": "sweep"), sweep.csv, points.csv and
   sensitivity.csv (docs/REPORT.md, "Sweep folders"). output is one of the
   manifest's "outputs" ("ground_up_loss_usd"); one ending in _usd is money.
   Each chart function returns 0 (rendered, started or marked no-data) or a
   negative FS_E* when a file cannot be written or an input is malformed
   (the message names the file and line). */

#define FS_SWEEP_MAX_PARAMS 64

/* One row of sensitivity.csv; NAN where there is no row or a field is empty. */
typedef struct fs_sweep_est {
  double est, lo, hi, n;
} fs_sweep_est;

/* What sensitivity.csv says about one output. */
typedef struct fs_sweep_sens {
  fs_sweep_est base; /* every parameter at its base value */
  struct {
    char name[64];
    fs_sweep_est low, high, swing; /* one at a time: mean at lo, at hi; mean of high - low */
    fs_sweep_est s1, st;           /* Sobol first-order and total indices */
  } p[FS_SWEEP_MAX_PARAMS];
  int n;                  /* parameters, in the order of their first row */
  int has_oat, has_sobol; /* some parameter has an oat_* row; an S1 or ST row */
} fs_sweep_sens;

/* Reads the rows of output from dir/sensitivity.csv into *out, checking
   every row of the file: the index is one of base, oat_low, oat_high,
   oat_swing, S1, ST; the parameter is empty exactly for base and, when
   manifest is not NULL, one of its "params"; numbers are numbers or empty.
   Returns 0, 1 when the file does not exist (*out empty), or a negative
   FS_E* with "PATH:LINE: ..." in err. */
int fs_plot_read_sensitivity(const char *dir, const char *output, const fs_jval *manifest,
                             fs_sweep_sens *out, fs_err *err);

/* Fills order[0..s->n) with the indices of s->p, most influential first:
   by |swing| (|high - low| where the swing is missing) when the sweep has
   the one-at-a-time block, else by ST, else in file order. */
void fs_plot_sweep_rank(const fs_sweep_sens *s, int *order);

/* The swing of parameter i: its oat_swing estimate, or high - low when that
   is missing (NAN when either end is missing too). */
double fs_plot_sweep_swing(const fs_sweep_sens *s, int i);

/* A chart's file stem "KIND-OUTPUT" or "KIND-OUTPUT-PARAM" (param may be
   NULL) into buf, characters of [A-Za-z0-9_-] only (the stem names files,
   gnuplot's output and HTML ids), at most FS_PLOT_NAME_MAX - 1 of them (and
   fewer than cap): a longer one, or one where a character had to be
   replaced by '_', keeps its start and ends in "-" and a hash of the names
   as given, so that two names never share a chart. */
void fs_plot_sweep_stem(char *buf, size_t cap, const char *kind, const char *output,
                        const char *param);

/* A reader's name for an output: "ground-up economic loss" for
   ground_up_loss_usd, "hours until 90 % recovered" for recovery_h90, the
   column name for one it does not know. */
void fs_plot_output_label(char *buf, size_t cap, const char *output);

/* Tornado chart of output (stem tornado-OUTPUT): one horizontal bar per
   parameter from the mean at its low end to the mean at its high end, the
   others at base, around a vertical line at the base point's mean; the
   largest |swing| on top. No data without oat_* rows. */
int fs_plot_tornado(fs_plot *p, const char *output, const fs_jval *manifest, fs_err *err);

/* Sobol indices of output (stem sobol-OUTPUT): S1 and ST bars per
   parameter, largest ST first, with their bootstrap intervals as error
   bars; y from 0 (or the lowest interval) to at least 1. No data without
   S1/ST rows (any design but saltelli). */
int fs_plot_sobol_indices(fs_plot *p, const char *output, const fs_jval *manifest, fs_err *err);

/* Response curves of output, one chart per parameter (stem
   response-OUTPUT-PARAM), at most 8, the most influential first: the mean
   over replications at each design point (kind not base or oat_*) against
   the parameter's value, with the 5-95 % range across replications as
   error bars when there is more than one, and the one-at-a-time slice
   (others at base) as a line when the sweep has it. Each parameter gets a
   chart of its own rather than a multiplot: the generic layer re-renders
   PNG and PDF with `replot`, which repeats only the last panel of a
   multiplot. No data (stem response-OUTPUT) without points.csv or design
   points. */
int fs_plot_response(fs_plot *p, const char *output, const fs_jval *manifest, fs_err *err);

/* The charts of a sweep: tornado, Sobol indices and response curves of the
   manifest's primary_output (endpoint_hours_down when absent), and a
   tornado of endpoint_hours_down when that is not the primary output. */
int fs_plot_sweep_all(fs_plot *p, const fs_jval *manifest, fs_err *err);

/* ---- The charts of a catalogue run: a folder written by `fleetsim
   catalog run`, with manifest.json ("kind": "catalog-run") and the tables
   docs/CATALOG.md describes (docs/REPORT.md, "Catalogue run folders").
   Every file is untrusted: each reader checks every row of it and fails with
   "PATH:LINE: column N (NAME): ..." on a field that is not what its column
   holds or a SummaryId the manifest does not list. */

#define FS_CAT_MAX_SUMMARIES 32 /* in manifest.json "summaries" */
#define FS_CAT_MAX_RPS       16 /* return periods per summary in ep_intervals.csv */
#define FS_CAT_NAME_MAX      96 /* a name in a table, with its NUL */
#define FS_CAT_MAX_EP_CHARTS 8  /* the first summaries get an EP chart each */

/* The summaries of manifest.json, in its order. */
typedef struct fs_cat_summaries {
  int id[FS_CAT_MAX_SUMMARIES];
  char name[FS_CAT_MAX_SUMMARIES][FS_CAT_NAME_MAX];
  int n;
} fs_cat_summaries;

/* Reads manifest "summaries": a non-empty array of objects, each with a
   whole "SummaryId" from 1 to 1e9 (distinct) and a non-empty "name". An
   error names manifest.json (path), the item and the key. */
int fs_plot_cat_summaries(const fs_jval *manifest, const char *path, fs_cat_summaries *out,
                          fs_err *err);
/* The index of SummaryId id in s, or -1. */
int fs_plot_cat_index(const fs_cat_summaries *s, int id);

/* An estimate and its 90 % bootstrap interval (lo, hi NAN without one). */
typedef struct fs_cat_est {
  double est, lo, hi;
} fs_cat_est;

/* One summary's rows of ep_intervals.csv. */
typedef struct fs_cat_ep {
  fs_cat_est aal;                                      /* est NAN when there is no aal row */
  double rp[FS_CAT_MAX_RPS];                           /* return periods, ascending */
  fs_cat_est oep[FS_CAT_MAX_RPS], aep[FS_CAT_MAX_RPS]; /* est NAN where a row is missing */
  int nrp;
  double bootstrap; /* replicates (NAN when the summary has no row) */
} fs_cat_ep;

/* Reads dir/ep_intervals.csv (SummaryId,figure,estimate,lo90,hi90,
   bootstrap; figure aal, oep_RP or aep_RP) into out[0..s->n), summary
   s->id[i] into out[i]. lo90 and hi90 may be "nan" (no bootstrap). Returns
   0, 1 when the file does not exist, or a negative FS_E*. */
int fs_plot_cat_read_ep(const char *dir, const fs_cat_summaries *s, fs_cat_ep *out, fs_err *err);
/* The slot of return period rp in e, or -1. */
int fs_plot_cat_rp(const fs_cat_ep *e, double rp);

/* The tables read row by row into text, a summary and numbers, in the
   column order given here (v NAN where an optional field is empty):
     ACCUMULATION    accumulation.csv  text by (family, vendor or industry), group;
                     SummaryId; v aal, aal_share, tvar200, tvar200_share
     VENDOR_INDUSTRY vendor_industry.csv  text vendor_or_provider, industry;
                     v aal, tvar200, tvar200_share (sum -1)
     TOP_EVENTS      top_events.csv  text family, vendor_or_provider; v rank,
                     EventId, annual_rate, mean_loss, max_loss (sum -1)
     RDS             rds.csv  text rds, family, vendor_or_provider; SummaryId;
                     v EventId, mean_loss, sd_loss, min_loss, max_loss,
                     oep_return_period (optional)
     ALT             alt.csv  SummaryId; v SampleType, MeanLoss, SDLoss */
typedef enum fs_cat_file {
  FS_CAT_ACCUMULATION,
  FS_CAT_VENDOR_INDUSTRY,
  FS_CAT_TOP_EVENTS,
  FS_CAT_RDS,
  FS_CAT_ALT
} fs_cat_file;

typedef struct fs_cat_row {
  char text[3][FS_CAT_NAME_MAX];
  int sum; /* index into the summaries, -1 for a table without SummaryId */
  double v[6];
} fs_cat_row;

/* The rows of one table, owned by the caller (fs_plot_cat_table_free). */
typedef struct fs_cat_table {
  fs_cat_row *rows;
  size_t n, cap;
} fs_cat_table;

/* Reads the table `which` of dir into *out (emptied first). Returns 0, 1
   when the file does not exist, or a negative FS_E*: a missing column
   ("PATH:1: missing column ..."), a field that is not a number, a name
   longer than FS_CAT_NAME_MAX - 1 bytes or an unknown SummaryId, naming
   line and column. */
int fs_plot_cat_read(const char *dir, fs_cat_file which, const fs_cat_summaries *s,
                     fs_cat_table *out, fs_err *err);
void fs_plot_cat_table_free(fs_cat_table *t);
/* The file name of a table ("rds.csv"). */
const char *fs_plot_cat_file_name(fs_cat_file which);

/* The charts of a catalogue run: ep-ID per summary (the first
   FS_CAT_MAX_EP_CHARTS: OEP and AEP with their 90 % bootstrap band,
   ep_intervals.csv), contrib-family and contrib-vendor (shares of the
   fleet's AAL and 1-in-200 TVaR, accumulation.csv), heatmap (the fleet's
   AAL by vendor and industry, vendor_industry.csv) and top-events
   (top_events.csv). A missing file leaves its charts out with the reason. */
int fs_plot_catalog_all(fs_plot *p, const fs_jval *manifest, fs_err *err);

#endif
