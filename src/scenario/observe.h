/* observe.h: an event's observation file, what the public record says of
   it: each figure with its value or band, the output of a run it compares
   with, its source, and whether it calibrated the model (then it is never
   counted as evidence). `fleetsim validate` reads one per event of the
   history library (docs/VALIDATION.md has the format). */
#ifndef FS_OBSERVE_H
#define FS_OBSERVE_H

#include <stddef.h>

#include "config/config.h"
#include "scenario/limits.h"
#include "util/err.h"
#include "util/path.h"

#define FS_OBS_MAX 64 /* observations per event */

typedef struct fs_obs {
  char id[FS_ID_MAX];
  char figure[FS_TEXT_MAX]; /* what the record says, in words */
  double lo, hi;            /* the band the simulated mean must fall in */
  double value;             /* the public figure (the band's geometric middle if not given) */
  char unit[FS_ID_MAX];
  char output[FS_ID_MAX];   /* a run output (the validate module's table) */
  char industry[FS_ID_MAX]; /* for a by-industry output, else "" */
  int size;                 /* a size class filter (fs_size_class_ids), or -1 */
  char policy[64];          /* a company output's PolicyId in the event's portfolio, or "" */
  double at;                /* for an output at a time: UTC seconds, else NAN */
  char title[FS_TEXT_MAX], publisher[FS_NAME_MAX], date[32], url[FS_TEXT_MAX];
  int calibration; /* 1: used to calibrate the shared model, not evidence */
} fs_obs;

typedef struct fs_obs_set {
  char path[FS_PATH_MAX];
  char event[FS_ID_MAX]; /* the scenario's name it belongs to */
  fs_obs obs[FS_OBS_MAX];
  int n;
} fs_obs_set;

/* Whether an observation's output (with its industry, or "", and its time
   at, or NAN) names a run output: 0, or non-zero with the reason in why
   and the field at fault in *field (the caller's table). */
typedef int (*fs_obs_output_fn)(void *ud, const fs_obs *o, const char **field, char *why,
                                size_t cap);

/* Loads and checks path (a sandboxed Lua file returning {event = ...,
   observations = {...}}, where event must be the given name; models_dir
   as for scenarios). Every field is
   checked: a band with lo > hi, a missing source, an output that known
   refuses are "path:line: observations[i].field: what is wrong" with
   FS_EINVAL. */
int fs_obs_load(const char *path, const char *event, const char *models_dir,
                const fs_lua_limits *lim, fs_obs_output_fn known, void *ud, fs_obs_set *out,
                fs_err *err);

#endif
