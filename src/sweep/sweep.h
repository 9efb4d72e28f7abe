/* sweep.h: parameter sweeps: a design of parameter points times
   replications, run as independent tasks on threads, MPI ranks or job-array
   shards, journalled as they finish and gathered into one tidy table whose
   bytes do not depend on how it was run. */
#ifndef FS_SWEEP_H
#define FS_SWEEP_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "config/config.h"
#include "pipeline/session.h"
#include "scenario/scenario.h"
#include "sweep/design.h"
#include "util/err.h"
#include "util/path.h"

/* Fixed outputs of a task, then the optional ones (sweep.csv's columns
   after the parameters and the status). */
#define FS_SWEEP_MAX_OUTPUTS (16 + FS_MAX_INDUSTRIES)
/* A caller's own outputs (fs_sweep_spec.read): calibration observations,
   nowcast counts and forecast targets. */
#define FS_SWEEP_MAX_CUSTOM_OUTPUTS 192
#define FS_SWEEP_OUTPUTS_CAP                                                                       \
  (FS_SWEEP_MAX_OUTPUTS > FS_SWEEP_MAX_CUSTOM_OUTPUTS ? FS_SWEEP_MAX_OUTPUTS                       \
                                                      : FS_SWEEP_MAX_CUSTOM_OUTPUTS)

/* Reads a caller's outputs off a finished replication into v (noutputs
   values, NAN where there is none). Called on worker threads: it must
   only read ud. */
typedef void (*fs_sweep_read_fn)(const void *ud, const fs_session *ses, const fs_rep *rep,
                                 double *v);
/* What --bootstrap and --replications accept, at most (--points:
   FS_DESIGN_MAX_POINTS). */
#define FS_SWEEP_MAX_BOOTSTRAP     1000000
#define FS_SWEEP_DEFAULT_BOOTSTRAP 1000
#define FS_SWEEP_MAX_REPS          1000000

/* Everything that decides a sweep's results: two sweeps with the same spec
   give the same sweep.csv. sweep.json holds it; its fingerprint guards
   --resume and merge against mixing sweeps. */
typedef struct fs_sweep_spec {
  char scenario[FS_PATH_MAX];   /* path as given */
  char models_dir[FS_PATH_MAX]; /* "" : the default */
  char portfolio[FS_PATH_MAX];  /* "" : none */
  double scale;
  int has_seed; /* --seed given; otherwise the scenario's */
  uint64_t seed;
  fs_set sets[FS_MAX_SETS]; /* --set: fixed overrides */
  int nsets;
  int64_t lua_mem_mib, lua_steps;
  char queue[16];
  fs_design_kind design;
  size_t n;        /* --points */
  int reps;        /* replications per point */
  int oat;         /* the one-at-a-time block is part of the design */
  int by_industry; /* loss_<industry>_usd columns */
  int nboot;       /* bootstrap resamples of the Sobol indices */
  int d;
  fs_sweep_param params[FS_DESIGN_MAX_PARAMS];
  /* Filled from the scenario by fs_sweep_spec_complete (or read back). */
  char name[FS_ID_MAX];
  uint64_t scenario_hash, portfolio_hash;
  uint64_t run_seed; /* the seed in force: --seed or the scenario's */
  int noutputs, primary;
  char outputs[FS_SWEEP_OUTPUTS_CAP][80];
  /* Set by a caller with outputs of its own (calibrate, nowcast) after
     fs_sweep_spec_complete: outputs[] renamed (identifiers), read fills
     their values; NULL: sweep.csv's standard columns (outputs.c). Only the
     names are in sweep.json, so such a folder is resumed by its caller,
     never by `fleetsim sweep --resume` or merge. */
  fs_sweep_read_fn read;
  const void *read_ud;
  /* 1: replication r of point p runs with the random numbers of
     replication p * reps + r, so that no two points share them (an
     ensemble whose spread must include the simulator's own noise);
     0: every point's replication r shares them (common random numbers,
     the default). In sweep.json only when 1. */
  int independent;
  /* A list design's points (fs_design_list): their hash, in sweep.json, so
     that a resumed or merged sweep runs the same points (fs_sweep_points_hash). */
  uint64_t points_hash;
  uint64_t fingerprint; /* of sweep.json's body (fs_sweep_spec_seal) */
} fs_sweep_spec;

/* FNV-1a 64 of a design's values as sweep files write them (fs_sweep_fmt,
   one per value): the same points give the same hash on every machine. */
uint64_t fs_sweep_points_hash(const fs_design *dz);

/* The scenario options of a session (o) into s; FS_ELIMIT names a path
   too long to keep. */
int fs_sweep_spec_set_scenario(fs_sweep_spec *s, const fs_session_opts *o, fs_err *err);

/* The session options of s with sets[0..nsets) as its --set values (the
   fixed ones, then a point's); strings point into s. */
void fs_sweep_session_opts(const fs_sweep_spec *s, const fs_set *sets, int nsets,
                           fs_session_opts *o);

/* The output columns (outputs.c): s->outputs and s->primary for a
   scenario cfg, and a finished replication's values in that order. */
void fs_sweep_outputs_name(fs_sweep_spec *s, const fs_config *cfg);
void fs_sweep_outputs_read(const fs_sweep_spec *s, const fs_session *ses, const fs_rep *rep,
                           double *v);

/* One --param as written: "name", "name=lo:hi" or "name=lo:hi:step". */
typedef struct fs_sweep_param_arg {
  char text[160];
} fs_sweep_param_arg;

/* Loads the scenario once (with the fixed --set values) and fills params
   from the --param texts (ranges and units default from the scenario's
   params table) and the outputs. FS_EUSAGE names the parameter for an
   unknown name, a range outside the declared one, a bad step, a parameter
   given twice or both swept and --set; the loader's errors pass through. */
int fs_sweep_spec_complete(fs_sweep_spec *s, const fs_sweep_param_arg *args, int nargs,
                           fs_err *err);

/* The tasks: point p's replication r is task p * reps + r. */
size_t fs_sweep_ntasks(const fs_sweep_spec *s, const fs_design *dz);

/* sweep.json: the spec as canonical JSON text (the same spec gives the same
   bytes) with its fingerprint (FNV-1a 64 of the text without the
   fingerprint line). */
int fs_sweep_spec_write(const fs_sweep_spec *s, FILE *f, fs_err *err);
/* Sets s->fingerprint from the spec as it is now (fs_sweep_spec_complete
   and fs_sweep_spec_read do). 0 or FS_ENOMEM. */
int fs_sweep_spec_seal(fs_sweep_spec *s, fs_err *err);
/* "params" (one object a line), "outputs" and "primary_output" as lines of
   a JSON object, each ending ",\n": for sweep.json and manifest.json. */
void fs_sweep_params_json(const fs_sweep_spec *s, FILE *f);
/* Reads sweep.json back into *s (complete: merge and --resume need no
   scenario load). FS_EINVAL names the file and the field. */
int fs_sweep_spec_read(fs_sweep_spec *s, const char *path, fs_err *err);

/* The scenario and portfolio files still hash as sweep.json says
   (--resume). FS_EINVAL names the file that changed. */
int fs_sweep_check_inputs(const fs_sweep_spec *s, fs_err *err);

/* Numbers as sweep files write them: the shortest of %.15g, %.16g, %.17g
   that reads back to the same double; "" for NAN. buf holds 32 bytes. */
void fs_sweep_fmt(char *buf, size_t cap, double v);

/* ---- Rows (table.c) */

/* sweep.csv's header line (with its newline) into a new string. */
char *fs_sweep_header(const fs_sweep_spec *s);

/* The finished task t: its row of sweep.csv (with its newline) into a new
   string. values holds the s->noutputs outputs (NAN: not reached), or
   NULL with error set for a failed task. */
char *fs_sweep_row(const fs_sweep_spec *s, const fs_design *dz, size_t t, const double *values,
                   const char *error);

/* Whether a row (of fs_sweep_row) is a failed task's. */
int fs_sweep_row_failed(const fs_sweep_spec *s, const char *row);
/* Output k of a row's text (fs_sweep_row), NAN when empty or failed. */
double fs_sweep_row_output(const fs_sweep_spec *s, const char *row, int k);

/* The rows read back from journals and shard files: rows[t] the text of
   task t's row or NULL. */
typedef struct fs_sweep_rows {
  size_t ntasks;
  char **row;
  char **where; /* "FILE:LINE" of each row, for duplicate messages */
  size_t present, failed;
} fs_sweep_rows;

int fs_sweep_rows_init(fs_sweep_rows *r, size_t ntasks, fs_err *err);
void fs_sweep_rows_free(fs_sweep_rows *r);

/* Reads a journal (tasks*.csv) into r. A last line without its newline
   (the writer was killed mid-line) is ignored and, when truncate is set,
   cut off the file. Each row is checked against the spec and the design
   (columns, task, point, replication and parameter values) with
   "FILE:LINE: column N (NAME): ..." messages. A task seen twice is an
   error unless its earlier row failed (a resumed sweep redoes failed
   tasks); across files (once is set) any repeat is an error. */
int fs_sweep_rows_read(fs_sweep_rows *r, const fs_sweep_spec *s, const fs_design *dz,
                       const char *path, int truncate, int once, fs_err *err);

/* Writes sweep.csv, points.csv and sensitivity.csv of a complete set of
   rows into temporary files in dir (all or, on error, none of them);
   fs_sweep_tables_commit renames them into place, fs_sweep_tables_drop
   removes the first n. */
int fs_sweep_write_tables(const char *dir, const fs_sweep_spec *s, const fs_design *dz,
                          const fs_sweep_rows *r, fs_err *err);
int fs_sweep_tables_commit(const char *dir, fs_err *err);
void fs_sweep_tables_drop(const char *dir, size_t n);

/* ---- Running (run.c, mpi.c) */

typedef struct fs_sweep_runner {
  const char *dir;   /* the sweep folder */
  int threads;       /* worker threads of this process */
  int shard, shards; /* this process runs shard `shard` (1-based) of `shards`; 0: all */
  int fail_fast;
  int resume;
  int quiet;
  int mpi_rank, mpi_size; /* 0, 1 without MPI */
  volatile sig_atomic_t *interrupt;
  /* Called under a lock as tasks finish: done of total this run has to do
     (may be NULL). */
  void (*progress)(void *ud, size_t done, size_t total);
  void *progress_ud;
} fs_sweep_runner;

/* What a run did. */
typedef struct fs_sweep_stats {
  size_t tasks;                          /* of the whole sweep */
  size_t mine;                           /* of this shard (tasks without shards) */
  size_t resumed;                        /* finished before this run (from the journal) */
  size_t done;                           /* finished in this run, failed ones included */
  size_t failed;                         /* rows of failed tasks, in the final table */
  double wall_seconds, task_seconds;     /* task_seconds: summed over tasks run here */
  double mpi_overhead_seconds;           /* summed request round trips of worker ranks */
  size_t mpi_tasks;                      /* tasks run on worker ranks */
  size_t points_prepared, fleets_reused; /* by this process's workers */
  int interrupted, stopped_on_failure;
  char first_failure[640]; /* "task T (name=value ...): message" */
} fs_sweep_stats;

/* Runs the runner's unfinished tasks (its shard's, or all) on its threads,
   appending each finished row to its journal, flushed, and filling rows.
   With MPI (mpi_size > 1) rank 0 hands tasks out and journals; the other
   ranks only compute (rows is NULL there). */
int fs_sweep_execute(const fs_sweep_spec *s, const fs_design *dz, const fs_sweep_runner *run,
                     fs_sweep_rows *rows, fs_sweep_stats *st, fs_err *err);

/* The shard (1-based) that runs task t. */
int fs_sweep_shard_of(const fs_sweep_spec *s, const fs_design *dz, size_t t, int shards);

/* ---- The sweep folder (folder.c) */

/* The journal of a runner: DIR/tasks.csv, or DIR/tasks-shard-I-of-N.csv. */
void fs_sweep_journal_name(const fs_sweep_runner *r, char *buf, size_t cap);

/* The journal a runner appends to, held under a lock (flock on
   DIR/.NAME.lock) so that two processes never run one journal. */
typedef struct fs_sweep_journal {
  FILE *f;
  int lock; /* file descriptor of the lock file, or -1 */
} fs_sweep_journal;

/* Opens run's journal: refuses a folder whose journals have another shard
   layout (tasks.csv against tasks-shard-I-of-N.csv, or another N), a
   journal that another process holds, and one that is not a regular file;
   with run->resume reads its rows into rows (cutting a torn last line),
   else refuses an existing one. A new journal appears whole, header
   included (written beside, then renamed); an empty one (an older build's,
   killed at creation) counts as absent. FS_EUSAGE explains each refusal. */
int fs_sweep_journal_open(fs_sweep_journal *j, const fs_sweep_runner *run, const fs_sweep_spec *s,
                          const fs_design *dz, fs_sweep_rows *rows, fs_err *err);
/* Flushes, syncs and closes the journal and releases the lock; FS_EIO
   when the journal could not be written (err may be NULL). */
int fs_sweep_journal_close(fs_sweep_journal *j, fs_err *err);

/* --shard I/N (text, may be NULL), or else a Slurm job array's
   SLURM_ARRAY_TASK_ID / _COUNT / _MIN; 0 of 0 when neither. FS_EUSAGE. */
int fs_sweep_shard_parse(const char *text, int *shard, int *shards, fs_err *err);

/* DIR/sweep.json into *s (fs_sweep_spec_read). */
int fs_sweep_spec_read_dir(fs_sweep_spec *s, const char *dir, fs_err *err);

/* Makes dir the folder of sweep s: a new or empty folder gets sweep.json
   (written whole, before any other file); a folder whose sweep.json is
   s's is taken as it is (a resumed sweep, another shard of it, or a
   shard that lost the start race); anything else is FS_EUSAGE naming the
   folder. With resume, sweep.json must be there already. */
int fs_sweep_folder_prepare(const char *dir, const fs_sweep_spec *s, int resume, fs_err *err);

/* Reads every journal of dir (tasks*.csv, in name order) into rows,
   checking each row (fs_sweep_rows_read, once across files); adds the
   number of files to *nfiles. */
int fs_sweep_folder_read(const char *dir, const fs_sweep_spec *s, const fs_design *dz,
                         fs_sweep_rows *rows, int *nfiles, fs_err *err);

/* What the manifest of a finished sweep folder says about how it ran. */
typedef struct fs_sweep_manifest {
  const char *command;     /* the command line */
  const char *runner_json; /* a JSON object: threads, ranks, tasks run, ... */
  double wall_seconds;
} fs_sweep_manifest;

/* The finished folder: sweep.csv, points.csv, sensitivity.csv and
   manifest.json of a complete set of rows; *failed counts failed tasks.
   manifest.json is util/manifest.h's common keys (kind "sweep"; inputs:
   the scenario and portfolio with the hashes sweep.json recorded, the
   models folder) then, in this order: scenario_name, design, n, points,
   design_points, replications, tasks, scale, oat, bootstrap, params
   ([{name, lo, hi, step, integer, base, unit}]), outputs, primary_output,
   failed_tasks, fingerprint (sweep.json's), runner. */
int fs_sweep_folder_finish(const char *dir, const fs_sweep_spec *s, const fs_design *dz,
                           const fs_sweep_rows *rows, const fs_sweep_manifest *m, size_t *failed,
                           fs_err *err);

/* `fleetsim merge`: the journals of the shards' folders, checked to be one
   sweep with every task exactly once, ready in out (prepared) for
   fs_sweep_folder_finish. */
typedef struct fs_sweep_merged {
  fs_sweep_spec spec;
  fs_design dz;
  fs_sweep_rows rows;
  int nfiles;
  char runner_json[128];
  double wall_seconds;
} fs_sweep_merged;
int fs_sweep_merge(const char *const *dirs, int ndirs, const char *out, fs_sweep_merged *res,
                   fs_err *err);
void fs_sweep_merged_free(fs_sweep_merged *res);

/* ---- One task (task.c) */

/* A worker's cache: the prepared scenario of the point it last ran. */
typedef struct fs_sweep_worker fs_sweep_worker;

fs_sweep_worker *fs_sweep_worker_new(const fs_sweep_spec *s, const fs_design *dz,
                                     volatile sig_atomic_t *interrupt);
void fs_sweep_worker_free(fs_sweep_worker *w);
/* Points the worker prepared, and how many of them reused the previous
   point's fleet. */
void fs_sweep_worker_counts(const fs_sweep_worker *w, size_t *prepared, size_t *reused);
/* The point the worker has prepared (-1: none), for task affinity. */
long fs_sweep_worker_point(const fs_sweep_worker *w);
/* Runs task t: its row, a new string (a failed task's row carries the
   error). NULL when interrupted (nothing to record) or out of memory
   (*failed then says so). */
char *fs_sweep_task(fs_sweep_worker *w, size_t t, int *failed, double *seconds);

#endif
