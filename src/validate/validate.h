/* validate.h: `fleetsim validate`: the events of the history library run
   with one shared set of models/, each observation of the public record
   compared with its simulated value, and a scoreboard that never counts a
   calibration figure as evidence (docs/VALIDATION.md). */
#ifndef FS_VALIDATE_H
#define FS_VALIDATE_H

#include <signal.h>
#include <stddef.h>
#include <stdio.h>

#include "pipeline/session.h"
#include "scenario/observe.h"

#define FS_VALIDATE_MAX_EVENTS 32
#define FS_VALIDATE_MAX_REPS   100000

/* What an observation's output is checked against: the event's scenario
   and its portfolio (NULL without one). */
typedef struct fs_validate_known {
  const fs_config *cfg;
  const fs_portfolio *pf;
} fs_validate_known;

/* Whether an observation names a run output (ud: a fs_validate_known),
   and its value in one replication. */
int fs_validate_output_known(void *ud, const fs_obs *o, const char **field, char *why, size_t cap);
double fs_validate_output_read(const fs_session *s, const fs_rep *rep, const fs_obs *o);
/* The outputs an observation may name, one per line, for `fleetsim help validate`. */
void fs_validate_outputs_list(FILE *f);

/* The observation file at path for the scenario of s (opened at least to
   its scenario, named as the file's event), with the portfolio at
   portfolio (NULL: none) for company outputs: every field checked against
   this module's outputs (fs_obs_load). FS_EUSAGE for a bad file or
   portfolio, with file:line: field: what. */
int fs_validate_obs_load(const fs_session *s, const char *path, const char *portfolio,
                         const fs_lua_limits *lim, fs_obs_set *out, fs_err *err);

/* One observation compared. */
typedef struct fs_validate_row {
  const fs_obs *obs;
  double mean, p05, p95; /* over the replications that have a value */
  int nvalues;           /* replications with a value (a quantile never reached has none) */
  double ratio;          /* mean / public value */
  int in_band;
} fs_validate_row;

typedef struct fs_validate_event {
  char name[FS_ID_MAX];
  char description[FS_TEXT_MAX]; /* the scenario's */
  char scenario[FS_PATH_MAX], observations[FS_PATH_MAX];
  char portfolio[FS_PATH_MAX]; /* EVENT.portfolio.csv when the library has one, else "" */
  fs_obs_set obs;
  fs_validate_row rows[FS_OBS_MAX];
  double wall_seconds;
} fs_validate_event;

/* A score over some observations: in band, the median absolute log ratio,
   those off by more than x/÷5. */
typedef struct fs_validate_score {
  int n, in_band, off5;
  double median_abs_log;
} fs_validate_score;

typedef struct fs_validate_opts {
  const char *library; /* folder of EVENT.lua and EVENT.obs.lua */
  char *const *events; /* names to run, or NULL: every event of the library */
  int nevents;
  const char *skip;        /* an event of the library left out (calibrate's own), or NULL */
  fs_session_opts session; /* models folder, limits, scale, queue (the path is set per event) */
  int reps, threads;
  const char *out;     /* the validation folder */
  const char *command; /* for the manifest */
  int no_report, quiet;
  volatile sig_atomic_t *interrupt;
} fs_validate_opts;

typedef struct fs_validate {
  fs_validate_event *ev; /* nev, owned */
  int nev;
  fs_validate_score calibration, validation; /* over all events */
  double t0;                                 /* fs_now() when the run began */
  char written[FS_PATH_MAX];
} fs_validate;

/* Finds and checks every event first (the scenario's parameters all
   documented facts, its observation file valid), so bad input writes
   nothing; then runs them and writes the folder whole. Errors: FS_EUSAGE
   for bad input (file:line: field: what), others for a failed run. */
int fs_validate_run(const fs_validate_opts *o, fs_validate *v, fs_err *err);
void fs_validate_free(fs_validate *v);

/* The score of the rows of one use (calibration 1 or 0) of an event, or
   of every event when ev is NULL. */
fs_validate_score fs_validate_score_of(const fs_validate *v, const fs_validate_event *ev,
                                       int calibration);
/* The (at most) three validation rows furthest from their public value
   (by |log ratio|; a figure the run never reached first) into w, with
   their events' names into ev; their count. */
int fs_validate_worst(const fs_validate *v, const fs_validate_row **w, const char **ev);
/* The scoreboard as printed (per event, overall, the worst three). */
void fs_validate_print(FILE *f, const fs_validate *v);
/* validation.html: the scoreboard and, per event, its observations
   against the simulated values, with a chart (html.c). */
int fs_validate_html(const fs_validate *v, const fs_validate_opts *o, const char *dir, fs_err *err);
/* validation.csv, validation.json, validation.html and manifest.json into
   dir. */
int fs_validate_write(const fs_validate *v, const fs_validate_opts *o, const char *dir,
                      fs_err *err);

#endif
