/* observed.h: the inputs of `fleetsim nowcast`: the observed file (dated
   counts as they arrive in the first hours of an event) and a calibration
   folder's posterior (docs/CALIBRATION.md).

   The observed file is CSV (util/csv.h's strict dialect), one count a row:

     time,output,value[,industry][,sd]

   time      ISO 8601 UTC ("2024-07-19T06:00Z", seconds optional) or hours
             since the scenario start (a plain number), within the
             scenario's span and at most FS_NOWCAST_WINDOW_HOURS after the
             event's onset (fs_observed_onset)
   output    crashed_endpoints (endpoints hit so far), down_endpoints (down
             at that time), orgs_impaired (organisations whose capacity has
             fallen below normal so far; an industry id narrows it) or
             flights_cancelled (flights lost so far; needs an operations
             layer whose unit is flights)
   value     the count, finite and >= 0
   industry  an industry id of the scenario, or empty (all); only with
             orgs_impaired
   sd        relative observation error (a log-scale sd on 1 + count),
             > 0; empty: FS_OBSERVED_DEFAULT_SD

   One (time, output, industry) at most once. Every error names
   FILE:LINE (and the column). */
#ifndef FS_OBSERVED_H
#define FS_OBSERVED_H

#include <stddef.h>
#include <stdint.h>

#include "config/config.h"
#include "util/err.h"
#include "util/path.h"

/* The outputs an observation may count. */
enum {
  FS_OBS_CRASHED = 0,
  FS_OBS_DOWN = 1,
  FS_OBS_ORGS_IMPAIRED = 2,
  FS_OBS_FLIGHTS = 3,
  FS_OBS_NOUTPUTS = 4
};

#define FS_OBSERVED_DEFAULT_SD 0.1
/* How long after the onset the nowcast follows the counts. */
#define FS_NOWCAST_WINDOW_HOURS 48.0
#define FS_OBSERVED_MAX_ROWS    100000

typedef struct fs_observed_row {
  double hours; /* since the scenario start */
  int output;   /* FS_OBS_* */
  int industry; /* index into cfg->industries, -1: all */
  double value;
  double sd;
  long line;
} fs_observed_row;

typedef struct fs_observed {
  char path[FS_PATH_MAX];
  uint64_t hash;        /* FNV-1a 64 of the file's bytes */
  fs_observed_row *row; /* n, in file order; owned */
  size_t n;
} fs_observed;

/* "crashed_endpoints", ... of FS_OBS_*. */
const char *fs_observed_output_name(int k);

/* Whether cfg has an operations layer whose unit is flights. */
int fs_observed_has_flights(const fs_config *cfg);

/* The event's onset, hours since the scenario start: a faulty update's
   publication, else the incident's start (0 when it has none). The
   observation window and the ensemble's time grid start there. */
double fs_observed_onset(const fs_config *cfg);

/* Reads the observed file at path against cfg into *o (fs_observed_free,
   also after a failure). FS_EINVAL (or FS_EIO for a file that cannot be
   read) with "PATH:LINE: column N (NAME): ..." for an unknown output (with
   "did you mean"), a time outside the scenario or the window, a negative
   or non-finite count, an unknown industry, flights without an operations
   layer, a repeated (time, output, industry); an empty file is an error. */
int fs_observed_read(fs_observed *o, const char *path, const fs_config *cfg, fs_err *err);
void fs_observed_free(fs_observed *o);

/* A calibration folder's posterior: DIR/calibration.json's "params"
   (name, lo, hi) and DIR/posterior.csv's samples (weights summing to 1). */
typedef struct fs_posterior {
  int d;
  char name[64][64];
  double lo[64], hi[64];
  size_t n;
  double *w;     /* n, owned */
  double *x;     /* n * d, row-major, owned */
  uint64_t hash; /* of posterior.csv */
} fs_posterior;

/* FS_EINVAL naming FILE:LINE for a malformed file, a parameter of
   posterior.csv missing from calibration.json, a weight below 0 or
   weights that do not sum to 1 (within 1e-6); FS_EIO when a file cannot
   be read. */
int fs_posterior_read(fs_posterior *p, const char *dir, fs_err *err);
void fs_posterior_free(fs_posterior *p);

#endif
