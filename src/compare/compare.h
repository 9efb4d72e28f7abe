/* compare.h: `fleetsim compare`: a scenario and its variants (what-if
   interventions) run on the same fleet and the same random draws,
   replication by replication (common random numbers, docs/ENGINE.md),
   and each variant's paired difference from the base with its interval
   and the variance reduction that pairing gave (docs/WHATIF.md). */
#ifndef FS_COMPARE_H
#define FS_COMPARE_H

#include <signal.h>
#include <stdio.h>

#include "pipeline/session.h"
#include "scenario/variant.h"

#define FS_COMPARE_MAX_VARIANTS 16
#define FS_COMPARE_MAX_REPS     100000

/* Metrics of one replication, per arm: the fleet's, the portfolio's (with
   one), then four per industry. */
enum {
  FS_CM_CRASHED,
  FS_CM_PEAK_DOWN,
  FS_CM_EP_HOURS,
  FS_CM_REC50,
  FS_CM_REC90,
  FS_CM_REC99,
  FS_CM_ORGS_PAUSED,
  FS_CM_DOWNTIME,
  FS_CM_LOSS,
  FS_CM_PF_GU,
  FS_CM_PF_IL,
  FS_CM_FLEET /* count of the above */
};
enum { FS_CM_IND_CRASHED, FS_CM_IND_PAUSED, FS_CM_IND_DOWNTIME, FS_CM_IND_LOSS, FS_CM_PER_IND };

/* The name and unit of metric m (FS_CM_* or, per industry, FS_CM_FLEET +
   FS_CM_PER_IND * industry + FS_CM_IND_*), and its scope ("fleet",
   "portfolio", or the industry's id). */
const char *fs_compare_metric_name(int m);
const char *fs_compare_metric_unit(int m);

typedef struct fs_compare_opts {
  fs_session_opts session; /* the base: scenario, --set, seed, scale, portfolio, models */
  const fs_variant *var;   /* nvar variants, each with its own --set values on top */
  int nvar;
  int reps, threads;
  const char *out, *command;
  int no_report, quiet;
  volatile sig_atomic_t *interrupt;
} fs_compare_opts;

/* One arm: the base (0) or a variant. */
typedef struct fs_compare_arm {
  char name[FS_ID_MAX];
  const fs_variant *var; /* NULL for the base */
  double *x;             /* reps x nm values, replication-major; NAN where none */
  double *down;          /* replication 0's endpoints down per tick (nticks) */
  size_t nticks;
  double tick_hours;
  int unchanged;    /* a variant whose every value equals the base's */
  int fleet_reused; /* it ran on the previous arm's fleet */
  double seconds;   /* wall time of its replications and folder */
  /* a staged rollout: replication 0's halt time (NAN: none or never) */
  double halt_hours;
} fs_compare_arm;

/* A variant's paired comparison on one metric. */
typedef struct fs_compare_row {
  int arm, metric;
  int n;                      /* replications where both have a value */
  double base_mean, var_mean; /* over those */
  double diff, lo, hi;        /* mean paired difference, variant - base, and its 95 % interval */
  double rel;                 /* diff / base_mean */
  double var_indep, var_paired, vr; /* variance reduction: var_indep / var_paired */
} fs_compare_row;

typedef struct fs_compare {
  fs_compare_arm *arm; /* 1 + nvar */
  int narm, reps, nm, nindustries, has_portfolio;
  char industry[FS_MAX_INDUSTRIES][FS_ID_MAX];
  char scenario[FS_NAME_MAX];
  double start_unix;
  fs_compare_row *row; /* nvar x nm */
  double t0;
  char written[FS_PATH_MAX];
} fs_compare;

/* Whether name is a parameter of the scenario whose configuration is ud
   (the variant files' check, fs_variant_param_fn): 0, or 1 with the
   nearest name in why. */
int fs_compare_known_param(void *ud, const char *name, char *why, size_t cap);

/* Checks every variant against the scenario first (an unknown parameter
   is FS_EUSAGE with the nearest name), then runs the base and each
   variant and writes the folder whole: compare.csv, compare.json,
   compare.html, base/ and variants/NAME/ (results folders), manifest.json. */
int fs_compare_run(const fs_compare_opts *o, fs_compare *c, fs_err *err);
void fs_compare_free(fs_compare *c);

/* The paired statistics of every variant (compare.c): 0 or FS_ENOMEM. */
int fs_compare_stats(fs_compare *c, fs_err *err);
/* What the command prints: per variant the headline metrics. */
void fs_compare_print(FILE *f, const fs_compare *c);
/* compare.csv, compare.json, compare.html (unless no_report), manifest.json. */
int fs_compare_write(const fs_compare *c, const fs_compare_opts *o, const char *dir, fs_err *err);
int fs_compare_html(const fs_compare *c, const char *dir, fs_err *err);

#endif
