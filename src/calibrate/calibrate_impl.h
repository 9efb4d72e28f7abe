/* calibrate_impl.h: what the calibration's files share (setup.c, hm.c,
   abc.c, check.c, write.c, calibrate.c). Not part of the module's
   interface. */
#ifndef FS_CALIBRATE_IMPL_H
#define FS_CALIBRATE_IMPL_H

#include <stddef.h>
#include <stdio.h>

#include "calibrate/calibrate.h"
#include "calibrate/emulator.h"
#include "validate/validate.h"

enum { USE_FIT, USE_EXCLUDED, USE_FLAT };

/* One simulated point as runs.csv shows it. */
typedef struct fs_cal_run {
  char stage[48];
  size_t point;
  double score; /* implausibility of the simulated outputs, or the ABC distance */
  int kept;
} fs_cal_run;

/* A finished history-matching wave (waves.csv, emulators.csv). */
typedef struct fs_cal_wave {
  size_t points, failed, candidates, nonimplausible;
  double share;          /* of the box: non-implausible before this wave (the space it explored) */
  double volume;         /* of the box: non-implausible after this wave's emulators */
  size_t within;         /* runs whose simulated outputs are within the cut-off */
  double best;           /* their lowest score */
  fs_gp *gp[FS_OBS_MAX]; /* per observation; NULL where too few runs had a value */
} fs_cal_wave;

/* An ABC-SMC generation (generations.csv). */
typedef struct fs_cal_gen {
  double tolerance;
  size_t proposed, accepted;
  double ess, best;
} fs_cal_gen;

typedef struct fs_cal {
  const fs_cal_spec *spec;
  const fs_cal_opts *o;
  const fs_obs_set *obs;
  fs_cal_target t[FS_OBS_MAX];
  /* per observation: USE_FIT, USE_EXCLUDED (--exclude) or USE_FLAT (every
     run of the first stage gave the same value: it says nothing about the
     parameters, and a miss there would rule out the whole box) */
  int use[FS_OBS_MAX];
  int d, k; /* parameters, observations */
  /* every simulated point: x in the unit cube (nruns * d), outputs as
     simulated (nruns * k) */
  fs_cal_run *run;
  double *rx, *ry;
  size_t nruns, cap;
  fs_cal_wave wave[FS_CAL_MAX_WAVES];
  int nwaves;
  fs_cal_gen gen[FS_CAL_MAX_GENERATIONS];
  int ngens;
  /* the result: samples in the unit cube (npost * d) with weights */
  double *post, *postw;
  size_t npost;
  int empty; /* history matching found no non-implausible point: post holds the closest runs */
  /* the predictive check (check.c): per observation over the check's samples */
  double ppc_mean[FS_OBS_MAX], ppc_p05[FS_OBS_MAX], ppc_p50[FS_OBS_MAX], ppc_p95[FS_OBS_MAX];
  int ppc_n[FS_OBS_MAX];
  /* --library: the other events of the library, run with check
     replications each (their parameters are facts: none is the
     posterior's) */
  fs_validate lib;
  int have_lib;
  size_t pending; /* a stage left to other shards: its tasks */
  char pending_stage[48];
  double t0;
} fs_cal;

/* Runs the n points u (unit cube, n * d) as stage `name` (independent:
   one replication each, on random numbers of its own), records them in
   runs and returns their outputs in y (n * k, as simulated); u is
   updated to the points as run (a declared integer parameter rounded).
   0 with *complete, or 0 without it when other shards' tasks remain
   (c->pending is then set: the caller stops). */
int fs_cal__stage(fs_cal *c, const char *name, double *u, size_t n, int independent, double *y,
                  int *complete, fs_err *err);
/* The score of outputs y (k values, as simulated) over the observations
   fitted: the largest standardised distance |t(y) - z| / sd (the
   implausibility of a simulated point), or the ABC distance, the root
   mean square of the same; INFINITY when no such output has a value. */
double fs_cal__implausibility(const fs_cal *c, const double *y);
double fs_cal__distance(const fs_cal *c, const double *y);
/* n points of a Latin hypercube over the unit cube (the seed's), into u
   (n * d): the first wave or generation. */
int fs_cal__lhs(const fs_cal *c, double *u, size_t n, fs_err *err);
/* The value of parameter j at u in [0,1] and back. */
double fs_cal__param(const fs_cal *c, int j, double u);
double fs_cal__unit(const fs_cal *c, int j, double x);
/* Marks USE_FLAT the fitted observations whose n first-stage outputs y
   (n * k) are all the same. */
void fs_cal__flat(fs_cal *c, const double *y, size_t n);
/* "fit", "excluded" or "flat". */
const char *fs_cal__use_name(int use);
/* The targets of the observations (fs_cal_target). */
void fs_cal__targets(fs_cal_target *t, const fs_obs_set *obs, double discrepancy);

int fs_cal__history_match(fs_cal *c, fs_err *err);
int fs_cal__abc(fs_cal *c, fs_err *err);
int fs_cal__check(fs_cal *c, fs_err *err);
/* The folder's tables (runs, waves and emulators or generations,
   posterior, its summary, ppc) and manifest.json, renamed into place
   together. */
int fs_cal__write(const fs_cal *c, fs_err *err);
/* calibration.json's text (its fingerprint line last) into a new string. */
char *fs_cal__spec_json(const fs_cal_spec *s, const fs_cal_target *t, const fs_obs_set *obs,
                        size_t *len);

#endif
