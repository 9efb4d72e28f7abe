/* stage.h: one batch of parameter points run as a sweep folder of its own
   (a list design), for the commands that choose their next points from
   the results of the last ones: calibrate's waves and generations,
   nowcast's ensemble. The points get everything a sweep has: threads, MPI
   ranks, shards, a journal and --resume, results that do not depend on how
   they were run. */
#ifndef FS_SWEEP_STAGE_H
#define FS_SWEEP_STAGE_H

#include <signal.h>
#include <stddef.h>

#include "sweep/sweep.h"

typedef struct fs_sweep_stage_opts {
  int threads;
  int shard, shards; /* this process runs shard `shard` (1-based) of `shards`; 0: all */
  int resume;        /* continue the stage's journal (else an existing one is refused) */
  int quiet;
  int mpi_rank, mpi_size; /* 0, 1 without MPI */
  volatile sig_atomic_t *interrupt;
  void (*progress)(void *ud, size_t done, size_t total); /* may be NULL */
  void *progress_ud;
} fs_sweep_stage_opts;

typedef struct fs_sweep_stage_stats {
  size_t tasks;   /* of the stage */
  size_t resumed; /* finished before this run (journals) */
  size_t done;    /* finished in this run */
  size_t failed;  /* failed rows in the stage */
  char first_failure[640];
} fs_sweep_stage_stats;

/* Runs the n points x (n * tmpl->d values, in the parameters' units) with
   tmpl's scenario, replications and outputs as the sweep folder dir (a
   list design: design, n and points_hash are set here, so the folder's
   sweep.json records exactly these points). A folder whose journals
   already hold every task is read back without running anything.

   *complete = 1: y (n * noutputs) holds each point's mean over its
   replications of each output, and ysd (may be NULL) their standard
   deviation (0 with one replication), NAN where no replication has a
   value (failed tasks have none); on every MPI rank. *complete = 0: this
   process ran its shard and other shards' tasks remain (run again when
   they are done). An interruption is FS_EINTR, with the journal kept for
   --resume; a bad or foreign folder FS_EUSAGE. */
int fs_sweep_stage_run(const fs_sweep_spec *tmpl, const double *x, size_t n, const char *dir,
                       const fs_sweep_stage_opts *o, double *y, double *ysd, int *complete,
                       fs_sweep_stage_stats *st, fs_err *err);

#endif
