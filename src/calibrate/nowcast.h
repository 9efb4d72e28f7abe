/* nowcast.h: `fleetsim nowcast`: an ensemble of the scenario's uncertain
   parameters (prior samples or a calibration's posterior), each simulated
   once with its own random numbers on the sweep machinery
   (sweep/stage.h), weighted by the likelihood of the counts observed in
   the first hours of an event (observed.h), and the weighted forecast of
   recovery and loss with intervals; --coverage measures those intervals
   against simulated truths. docs/CALIBRATION.md has the method and the
   folder's files. */
#ifndef FS_NOWCAST_H
#define FS_NOWCAST_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "calibrate/observed.h"
#include "sweep/stage.h"
#include "sweep/sweep.h"

/* The ensemble's time grid, hours after the onset: every hour to 24 h,
   then every 6 h to FS_NOWCAST_WINDOW_HOURS. Fixed, so that the ensemble
   does not depend on when the counts were observed (a longer observed
   file reuses it). */
#define FS_NOWCAST_NGRID           29
#define FS_NOWCAST_MAX_SERIES      (FS_SWEEP_MAX_CUSTOM_OUTPUTS / FS_NOWCAST_NGRID)
#define FS_NOWCAST_MAX_TARGETS     (8 + FS_MAX_INDUSTRIES)
#define FS_NOWCAST_DEFAULT_SAMPLES 400
#define FS_NOWCAST_MAX_SAMPLES     100000
#define FS_NOWCAST_DEFAULT_SCALE   0.02
/* Simulations at the ensemble's centre, each with a seed of its own (its
   own fleet sample and random numbers), whose spread is the model error. */
#define FS_NOWCAST_REPLICATES 16
/* An effective sample size below this makes the forecast degenerate. */
#define FS_NOWCAST_MIN_ESS 10.0

/* What the ensemble records of each member: the observable series on the
   grid, then the forecast targets. Output column of series s at grid
   point g: s * FS_NOWCAST_NGRID + g; target k: nseries * NGRID + k. */
typedef struct fs_nowcast_layout {
  double onset; /* hours since the scenario start (fs_observed_onset) */
  double grid[FS_NOWCAST_NGRID];
  int nseries;
  int series_output[FS_NOWCAST_MAX_SERIES];    /* FS_OBS_* */
  int series_industry[FS_NOWCAST_MAX_SERIES];  /* -1: all */
  char series_name[FS_NOWCAST_MAX_SERIES][64]; /* "crashed_endpoints", "orgs_impaired_<id>" */
  char industry_id[FS_NOWCAST_MAX_SERIES][FS_ID_MAX]; /* of series_industry, or "" */
  int ntargets;
  char target[FS_NOWCAST_MAX_TARGETS][80];
  char unit[FS_NOWCAST_MAX_TARGETS][16];
  int target_kind[FS_NOWCAST_MAX_TARGETS], target_arg[FS_NOWCAST_MAX_TARGETS];
  int noutputs;
} fs_nowcast_layout;

/* The layout of cfg: crashed, down and impaired organisations always,
   flights with an operations layer whose unit is flights, impaired
   organisations of each industry that obs names (obs may be NULL); the
   targets loss_total, recovery_h50, _h90, _h99, loss_<industry> and, with
   a portfolio, portfolio_gu and portfolio_il. FS_ELIMIT (naming the
   observed line) when the columns would pass FS_SWEEP_MAX_CUSTOM_OUTPUTS. */
int fs_nowcast_layout_build(fs_nowcast_layout *l, const fs_config *cfg, int portfolio,
                            const fs_observed *obs, fs_err *err);

/* Sets s's outputs to the layout's columns and its reader (s->read_ud =
   l, which must outlive s), seals s. */
int fs_nowcast_spec_outputs(fs_sweep_spec *s, const fs_nowcast_layout *l, fs_err *err);

/* The value of series s at t hours after the onset from a member's
   outputs y (noutputs), linear between grid points (the first before the
   grid, the last after it). */
double fs_nowcast_series_at(const fs_nowcast_layout *l, const double *y, int s, double t);

/* The series of an observation (output, industry), or -1. */
int fs_nowcast_series_of(const fs_nowcast_layout *l, int output, int industry);

/* ---- Weighting (the command and --coverage share it) */

/* Log-likelihood of m members: observations z[i] (counts, nobs), the
   members' values x (m * nobs, row-major). Each count is log-normal
   around the member's: the residuals log(1 + z) - log(1 + x) are jointly
   normal with covariance diag(var) + C, var[i] the observation's own
   variance (its relative sd squared, plus a fixed model variance with
   --model-sd), C = sum over r < ndev of dev_r dev_r^T the model error's
   covariance across observations (dev: ndev * nobs, row-major; ndev <=
   FS_NOWCAST_MAX_DEV, 0 for none: the counts are then independent given
   the member). A member with a NAN value gets -INFINITY. */
#define FS_NOWCAST_MAX_DEV 64
void fs_nowcast_loglik(const double *z, const double *var, const double *dev, size_t ndev,
                       size_t nobs, const double *x, size_t m, double *loglik);

/* Normalised weights w (m) of log-likelihoods (exp(l - max), summing to
   1; all -INFINITY: all 0); returns Kish's effective sample size (0 when
   every weight is 0). */
double fs_nowcast_weights(const double *loglik, size_t m, double *w);

/* One target's forecast. */
typedef struct fs_nowcast_fc {
  double prior_p05, prior_p50, prior_p95;
  double mean, p05, p50, p95;
} fs_nowcast_fc;

/* The forecast of target values v (m, NAN skipped) under weights w. */
fs_nowcast_fc fs_nowcast_forecast(const double *v, const double *w, size_t m);

/* ---- The command */

typedef struct fs_nowcast_spec {
  fs_sweep_spec sweep; /* scenario, parameters, outputs of the layout, reps 1, independent */
  fs_nowcast_layout layout;
  const fs_observed *obs;      /* NULL with --coverage */
  char posterior[FS_PATH_MAX]; /* "" : the prior, uniform on the --param ranges */
  uint64_t posterior_hash;
  const fs_posterior *post; /* or NULL */
  int samples;
  double model_sd; /* >= 0: a fixed model-error sd; < 0: the replicates' covariance */
  int coverage;    /* truths of --coverage; 0: a nowcast */
} fs_nowcast_spec;

typedef struct fs_nowcast_opts {
  int threads, quiet;
  const char *out;     /* the nowcast folder */
  const char *command; /* for the manifest */
  volatile sig_atomic_t *interrupt;
} fs_nowcast_opts;

/* What a nowcast found (nowcast_write.c writes it). */
typedef struct fs_nowcast_result {
  size_t m;
  double *x; /* m * d member parameters */
  double *y; /* m * noutputs member outputs */
  size_t nrep;
  double *yrep;       /* nrep * noutputs: the replicates' outputs (none with --model-sd) */
  double *w, *loglik; /* m */
  double ess;
  size_t nobs;
  double *zobs, *xobs_sd; /* nobs: counts and the total sd used */
  fs_nowcast_fc fc[FS_NOWCAST_MAX_TARGETS];
  size_t sims_run, sims_reused;
  double wall_seconds;
} fs_nowcast_result;

void fs_nowcast_result_free(fs_nowcast_result *r);

/* Runs the nowcast (or --coverage) of spec into o->out. FS_EUSAGE for a
   folder that holds another nowcast's ensemble; FS_EINTR when
   interrupted (the ensemble's journal is kept). */
int fs_nowcast_run(const fs_nowcast_spec *spec, const fs_nowcast_opts *o, fs_err *err);

/* nowcast_write.c: forecast.csv, weights.csv, nowcast.json and
   manifest.json of a finished nowcast, written whole (temporary files,
   then renamed). */
int fs_nowcast_write(const fs_nowcast_spec *spec, const fs_nowcast_opts *o,
                     const fs_nowcast_result *r, fs_err *err);

/* The --coverage table: one row per horizon. */
typedef struct fs_nowcast_cov_row {
  double horizon, coverage, median_width, mean_ess;
  int truths, degenerate;
} fs_nowcast_cov_row;

int fs_nowcast_write_coverage(const fs_nowcast_spec *spec, const fs_nowcast_opts *o,
                              const fs_nowcast_cov_row *rows, int nrows, fs_err *err);

#endif
