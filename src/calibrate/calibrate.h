/* calibrate.h: `fleetsim calibrate`: a scenario's uncertain parameters
   fitted to an observation file of the history library by history
   matching (waves of designs, Gaussian-process emulators, implausibility)
   or ABC-SMC (population Monte Carlo with adaptive tolerances), every
   simulation on the sweep machinery (sweep/stage.h). docs/CALIBRATION.md
   has the method and the folder's files. */
#ifndef FS_CALIBRATE_H
#define FS_CALIBRATE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "scenario/observe.h"
#include "sweep/stage.h"
#include "sweep/sweep.h"

#define FS_CAL_MAX_WAVES       20
#define FS_CAL_MAX_GENERATIONS 50
#define FS_CAL_MAX_BUDGET      100000
#define FS_CAL_MAX_SAMPLES     4000 /* rows of posterior.csv */

typedef enum fs_cal_method { FS_CAL_HM, FS_CAL_ABC } fs_cal_method;

/* What decides a calibration's results (calibration.json; its fingerprint
   guards --resume). */
typedef struct fs_cal_spec {
  fs_sweep_spec sweep; /* scenario, models, portfolio, scale, seed, --set, params (d, ranges),
                          replications; outputs: the observations' ids */
  char observations[FS_PATH_MAX];
  uint64_t observations_hash;
  fs_cal_method method;
  int budget;         /* simulated points, all stages but the check */
  int waves;          /* history matching */
  int points;         /* per wave (history matching), population (ABC) */
  double cutoff;      /* implausibility cut-off (history matching, 3) */
  double discrepancy; /* model discrepancy sd as a multiple of each observation's own sd (1) */
  double alpha;       /* ABC: the next tolerance is this quantile of the last distances (0.5) */
  int check;          /* posterior samples simulated for the predictive check (32) */
  /* --exclude: observations left out of the fit (a structural miss the
     parameters cannot mend); the predictive check still shows them. */
  char exclude[FS_OBS_MAX][FS_ID_MAX];
  int nexclude;
  /* --library: the history library whose other events the posterior
     predictive check runs too ("" none) */
  char library[FS_PATH_MAX];
  uint64_t fingerprint;
} fs_cal_spec;

/* One observation as calibration uses it: on a log scale when its band is
   positive (counts, money, hours, shares above 0), else linear; its sd
   from the band (a 95 % interval: a quarter of its width on that scale,
   at least 0.01) and the discrepancy. */
typedef struct fs_cal_target {
  int log;
  double z;       /* the public value, transformed */
  double sd_obs;  /* from the band */
  double sd_disc; /* discrepancy */
} fs_cal_target;

/* The transformed value of a simulated output (NAN stays NAN; on a log
   scale values are floored at a thousandth of the band's low end). */
double fs_cal_transform(const fs_cal_target *t, const fs_obs *o, double v);

typedef struct fs_cal_opts {
  int threads, shard, shards, resume, quiet, no_report;
  int mpi_rank, mpi_size;
  const char *out;     /* the calibration folder */
  const char *command; /* for the manifest */
  volatile sig_atomic_t *interrupt;
} fs_cal_opts;

/* The spec of a calibration of the scenario of so over the --param
   ranges args (each with lo < hi, within the declared range), against
   the observation file obs_path, loaded into *obs (which spec->sweep's
   reader then reads: keep it alive while spec is used). The portfolio is
   so's, or else the library's EVENT.portfolio.csv beside an
   EVENT.obs.lua when there is one. The method's settings (method,
   budget, waves, points, cutoff, discrepancy, alpha, check, replications
   in spec->sweep.reps) are the caller's, set before. FS_EUSAGE with
   file:line or the option at fault for bad input. */
int fs_cal_spec_build(fs_cal_spec *spec, const fs_session_opts *so, const fs_sweep_param_arg *args,
                      int nargs, const char *obs_path, fs_obs_set *obs, fs_err *err);

/* Runs (or, with o->resume, continues) the calibration into o->out: the
   folder gets calibration.json first, then a stage folder per batch of
   simulations, then its tables, plots and report. *pending is set when
   this process ran its shard of a stage whose other shards are not done
   (run again when they are). */
int fs_calibrate_run(const fs_cal_spec *spec, const fs_obs_set *obs, const fs_cal_opts *o,
                     int *pending, fs_err *err);

#endif
