/* report.h: the report of a calibration folder: its plots and calibration.html, from its files. */
#ifndef FS_CAL_REPORT_H
#define FS_CAL_REPORT_H

#include <stddef.h>

#include "report/plot.h"
#include "util/err.h"
#include "util/jsonread.h"
#include "util/path.h"

/* Plots (DIR/plots/marginals, pairs, ppc and progress, .svg and .png via
   gnuplot) and DIR/calibration.html of a finished calibration folder
   (docs/CALIBRATION.md), from its files alone, so that `fleetsim report
   DIR` can redraw them. Every file is read and checked before anything is
   written: a damaged or tampered one is FS_EINVAL (FS_ELIMIT when it is
   too large) with "FILE:LINE: column N (NAME): what" (a CSV) or "FILE:
   KEY: what" (calibration.json; its syntax errors give line and column).
   Then the charts are drawn into a fresh folder that replaces DIR/plots,
   and the page is written to a temporary file renamed into place: a
   failure leaves the old page (or none). A chart gnuplot could not draw,
   or no gnuplot on PATH, is FS_EIO naming it, returned after the page
   (which says so) is written. Nothing outside DIR is touched. */
int fs_calibrate_report(const char *dir, fs_err *err);

/* ---- internal: the folder as report.c reads it, for html.c */

#define FS_CALREP_MAX_PARAMS    64
#define FS_CALREP_MAX_TARGETS   256
#define FS_CALREP_MAX_SAMPLES   100000 /* rows of posterior.csv */
#define FS_CALREP_MAX_PPC       10000  /* rows of ppc.csv */
#define FS_CALREP_MAX_STEPS     1000   /* rows of waves.csv or generations.csv */
#define FS_CALREP_MAX_EMULATORS 20000  /* rows of emulators.csv */
#define FS_CALREP_MAX_RUNS      2000000
#define FS_CALREP_NAME          64 /* a name (parameter, observation, event) with its NUL */

typedef struct fs_calrep_param {
  char name[FS_CALREP_NAME], unit[FS_CALREP_NAME];
  double lo, hi, base;
  int integer;
  /* posterior_summary.csv's row */
  double mean, sd, p05, p50, p95, prior_sd, shrinkage;
  char verdict[16]; /* "pinned", "partly", "not pinned" or "no match" ("" until read) */
} fs_calrep_param;

typedef struct fs_calrep_target {
  char id[FS_CALREP_NAME], output[FS_CALREP_NAME];
  int log;
  double value, lo, hi, z, sd_obs, sd_disc; /* the last three NAN when null */
} fs_calrep_target;

/* One row of ppc.csv; the sim_* fields NAN when empty (no values; a
   library event's sim_p50). */
typedef struct fs_calrep_ppc {
  char event[FS_CALREP_NAME], obs[FS_CALREP_NAME], output[FS_CALREP_NAME], varied[1024];
  char use[16]; /* "fit", "excluded", "flat" or "library" */
  int calibration, covered;
  double value, lo, hi, mean, p05, p50, p95, nvalues;
} fs_calrep_ppc;

/* One row of emulators.csv; len[0..nparams) in the folder's len array. */
typedef struct fs_calrep_emu {
  char obs[FS_CALREP_NAME];
  double wave, loo_r2, loo_rms, signal_var, nugget_var; /* NAN when empty (no emulator) */
} fs_calrep_emu;

#define FS_CALREP_WAVE_COLS 10 /* waves.csv */
#define FS_CALREP_GEN_COLS  7  /* generations.csv */

/* Everything the report shows, owned by fs_calrep__free. */
typedef struct fs_calrep {
  char dir[FS_PATH_MAX];
  fs_jval *cal;      /* calibration.json */
  fs_jval *manifest; /* manifest.json */
  int hm;            /* history matching (else ABC-SMC) */
  fs_calrep_param par[FS_CALREP_MAX_PARAMS];
  int npar;
  fs_calrep_target tgt[FS_CALREP_MAX_TARGETS];
  int ntgt;
  double *sample; /* posterior.csv: nsample rows of npar values */
  double *weight; /* normalised to sum 1 */
  int no_match;   /* the summary's verdicts are "no match": nothing matched */
  size_t nsample;
  double (*step)[FS_CALREP_WAVE_COLS]; /* waves.csv or generations.csv rows, columns in order */
  size_t nstep;
  fs_calrep_emu *emu;
  double *emu_len; /* nemu rows of npar length scales */
  size_t nemu;
  fs_calrep_ppc *ppc;
  size_t nppc;
  int has_ppc;        /* ppc.csv is there */
  size_t nruns, kept; /* runs.csv */
} fs_calrep;

void fs_calrep__free(fs_calrep *r);

/* The column names of waves.csv and generations.csv, NULL-terminated. */
extern const char *const fs_calrep__wave_cols[];
extern const char *const fs_calrep__gen_cols[];

/* Draws the charts of r into the session p: marginals, pairs, ppc and
   progress (html.c); a chart without data is marked so, with the reason. */
int fs_calrep__charts(fs_plot *p, const fs_calrep *r, fs_err *err);

/* Whether ppc row c is a fit, not evidence: a calibration figure of the
   library, or one this calibration fitted (use "fit"). */
int fs_calrep__is_fit(const fs_calrep_ppc *c);

/* Writes dir/calibration.html whole (temporary file renamed into place)
   from r and the charts of p, the PNGs embedded (html.c). */
int fs_calrep__html(const fs_calrep *r, const fs_plot *p, fs_err *err);

#endif
