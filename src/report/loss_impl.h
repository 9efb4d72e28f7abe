/* loss_impl.h: what the loss report's files share: the tables it reads, read and checked whole
 * before anything is written (internal). */
#ifndef FS_LOSS_IMPL_H
#define FS_LOSS_IMPL_H

#include <stddef.h>
#include <stdio.h>

#include "report/plot.h"
#include "util/err.h"
#include "util/jsonread.h"

#define FS_LOSS_TOP        20 /* the largest insureds listed */
#define FS_LOSS_MAX_GROUPS 64 /* industries or regions of a portfolio */
#define FS_LOSS_NBANDS     5  /* loss bands of the policies */
#define FS_LOSS_MAX_LINES  8  /* lines of cover in cover.csv */
#define FS_LOSS_MAX_WORD   32 /* wording switches in wordings.csv */
#define FS_LOSS_MAX_LAYERS 16 /* layers of a programme (FS_RI_MAX_LAYERS) */
#define FS_LOSS_MAX_PF     16 /* portfolios of a catalogue run */
#define FS_LOSS_CHART_PF   8  /* of which the first get charts */
#define FS_LOSS_ID_MAX     64 /* an id (policy, industry, region, layer, wording) with its NUL */
#define FS_LOSS_NAME_MAX   160
#define FS_LOSS_DESC_MAX   256

/* The three perspectives of a portfolio's summaries. */
enum { FS_LOSS_GUL, FS_LOSS_IL, FS_LOSS_RI, FS_LOSS_NPERSP };

typedef struct fs_loss_policy {
  char id[FS_LOSS_ID_MAX], name[FS_LOSS_NAME_MAX], industry[FS_LOSS_ID_MAX], region[FS_LOSS_ID_MAX];
  double revenue, col, downtime, gu, il, maxil;
} fs_loss_policy;

/* An industry or a region of the portfolio: sums over its policies of
   policies.csv, and for an industry its insured summary's figures across
   replications (melt.csv; NAN without one). */
typedef struct fs_loss_group {
  char key[FS_LOSS_ID_MAX], name[FS_LOSS_NAME_MAX];
  size_t policies;
  double revenue, gu, il;
  int il_id;                /* SummaryId of PORTFOLIO/key, insured; 0 when none */
  double il_chance, il_max; /* melt.csv ChanceOfLoss, MaxLoss of il_id */
} fs_loss_group;

/* Policies of a band of mean insured loss [lo, hi). */
typedef struct fs_loss_band {
  size_t n;
  double il;
} fs_loss_band;

/* Lower ends of the bands: 0 exactly, then (0, 100k), [100k, 1M), [1M,
   10M), [10M, inf). */
extern const double fs_loss__band_lo[FS_LOSS_NBANDS];
extern const char *const fs_loss__band_name[FS_LOSS_NBANDS];

/* What policies.csv says, streamed (a book has thousands of rows). */
typedef struct fs_loss_policies {
  fs_loss_policy top[FS_LOSS_TOP]; /* by mean insured, descending; ties in file order */
  int ntop;
  size_t n, nloss, ninsured; /* policies; with a ground-up loss in some replication; insured > 0 */
  double revenue, gu, il;
  fs_loss_group ind[FS_LOSS_MAX_GROUPS], reg[FS_LOSS_MAX_GROUPS];
  int nind, nreg;
  fs_loss_band band[FS_LOSS_NBANDS];
} fs_loss_policies;

typedef struct fs_loss_line {
  char line[FS_LOSS_ID_MAX];
  double gu, il, share;
} fs_loss_line;

typedef struct fs_loss_wording {
  char id[FS_LOSS_ID_MAX], desc[FS_LOSS_DESC_MAX];
  double mean, sd, change, pct;
} fs_loss_wording;

/* A row of ri_layers.csv; NAN where the field is blank (not applicable). */
typedef struct fs_loss_layer {
  char name[FS_LOSS_ID_MAX], kind[FS_LOSS_ID_MAX];
  double share, attach, limit, reinst, hours;
  double el, p_attach, p_exhaust;        /* over the years: expected annual recovery ... */
  double ev_mean, ev_attach, ev_exhaust; /* the event alone (run folders only) */
} fs_loss_layer;

/* A summary's figures across replications (melt.csv, quantiles.csv) and its
   AAL (alt.csv, SampleType 2); NAN where a file has no row. */
typedef struct fs_loss_stats {
  double mean, sd, max, chance, q5, q50, q95, q99, aal;
} fs_loss_stats;

/* One portfolio: its summaries, curves and programme. */
typedef struct fs_loss_pf {
  char name[FS_LOSS_NAME_MAX];
  char file[FS_LOSS_DESC_MAX];      /* the portfolio file as the manifest names it */
  char programme[FS_LOSS_DESC_MAX]; /* the programme file, "" without one */
  int id[FS_LOSS_NPERSP];           /* SummaryIds; id[FS_LOSS_RI] 0 without a programme */
  fs_loss_stats st[FS_LOSS_NPERSP];
  fs_ep_curve ep[FS_LOSS_NPERSP]; /* n 0 without rows */
  fs_loss_layer layer[FS_LOSS_MAX_LAYERS];
  int nlayers;
  int has_layers; /* ri_layers.csv was there */
} fs_loss_pf;

/* Everything the page shows, loaded before anything is written. */
typedef struct fs_loss_doc {
  const char *dir;
  int catalog; /* a catalogue run folder (else a run folder) */
  fs_jval *manifest, *summary, *graph;
  const fs_jval *pfj; /* summary.json loss.portfolio (run) */
  fs_loss_pf pf[FS_LOSS_MAX_PF];
  int npf;
  int has_ept; /* run: ept.csv was there (an annual_rate) */
  /* run folders only */
  fs_loss_policies pol;
  fs_loss_line line[FS_LOSS_MAX_LINES];
  int nlines, has_cover;
  fs_loss_wording w[FS_LOSS_MAX_WORD];
  int nw, has_wordings;
  double annual_rate; /* NAN without one */
  /* catalogue run folders only: accumulation.csv */
  fs_cat_summaries sums;
  fs_cat_table acc;
  int has_acc;
} fs_loss_doc;

/* ---- loss_tables.c: the readers. Each checks every row it reads and
   fails with "PATH:LINE: column N (NAME): ..." (a missing column:
   "PATH:1: missing column NAME (expected A,B,...)"). */

/* Reads what the page of the run or catalogue run folder dir shows into
   doc (zeroed by the caller, dir, catalog, manifest and, for a run,
   summary set). A folder without a portfolio is FS_EINVAL. */
int fs_loss__load(fs_loss_doc *doc, fs_err *err);
void fs_loss__free(fs_loss_doc *doc);

/* Human names of cover.csv's lines ("own business interruption") and of
   ri_layers.csv's kinds; the id itself when unknown. */
const char *fs_loss__line_name(const char *line);
const char *fs_loss__kind_name(const char *kind);

/* The loss at return period rp of curve e (aep: AEP, else OEP), NAN when
   it has none. */
double fs_loss__ep_at(const fs_ep_curve *e, double rp, int aep);

/* ---- loss_charts.c */

/* The loss report's charts: by line, by industry, wording switches,
   layers and gross/net EP curves (run), or per portfolio the EP curves and
   layers (catalogue: loss-ep-K, loss-layers-K, K from 1). */
int fs_loss__charts(fs_plot *p, const fs_loss_doc *doc, fs_err *err);
/* The stems of portfolio k's charts ("loss-ep" for a run's only one). */
void fs_loss__chart_name(char *buf, size_t cap, const fs_loss_doc *doc, const char *what, int k);

/* ---- html_loss.c: the page, the headline, reinsurance, EP curves,
   assumptions and footer */

/* Writes dir/loss_report.html through a temporary file renamed into
   place. */
int fs_loss__write_page(const fs_loss_doc *doc, const fs_plot *p, fs_err *err);
/* "USD 1.23 m" (fs_html__fmt_money), "12.3 %" of a share, "5.17 %" of a
   probability; "" when x is not finite. */
void fs_loss__money(char *buf, size_t cap, double x);
void fs_loss__pct(char *buf, size_t cap, double share);
void fs_loss__prob(char *buf, size_t cap, double p);

/* ---- html_loss_book.c: the sections of a run's book, from its tables
   (by line, industry and region, the largest insureds, loss bands,
   wording switches) */
int fs_loss__section_lines(FILE *f, const fs_loss_doc *doc, const fs_plot *p, fs_err *err);
int fs_loss__section_groups(FILE *f, const fs_loss_doc *doc, const fs_plot *p, fs_err *err);
void fs_loss__section_largest(FILE *f, const fs_loss_doc *doc);
void fs_loss__section_bands(FILE *f, const fs_loss_doc *doc);
int fs_loss__section_wordings(FILE *f, const fs_loss_doc *doc, const fs_plot *p, fs_err *err);

/* ---- loss_pdf.c */

/* Converts dir/loss_report.html into dir/loss_report.pdf (a temporary file
   renamed into place when whole). Returns 0 with *state written, skipped
   (no converter: note says which package gives one) or failed (note says
   why); a negative FS_E* for out of memory or a path too long. */
int fs_loss__pdf(const char *dir, int *state, char *converter, size_t ccap, char *note, size_t ncap,
                 fs_err *err);

#endif
