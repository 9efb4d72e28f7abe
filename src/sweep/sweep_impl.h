/* sweep_impl.h: the task scheduler that run.c (threads) and mpi.c (ranks)
   share. Not part of the module's interface. */
#ifndef FS_SWEEP_IMPL_H
#define FS_SWEEP_IMPL_H

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include "sweep/sweep.h"

enum { TASK_TODO, TASK_RUNNING, TASK_DONE, TASK_ELSEWHERE };

/* Hands out the runner's unfinished tasks with point affinity: a worker
   gets the next replication of the point it has prepared while there is
   one, else the first replication of a point nobody has started, else any
   task left. Records finished rows. All calls lock. */
typedef struct fs_sched {
  pthread_mutex_t lock;
  const fs_sweep_spec *s;
  const fs_design *dz;
  const fs_sweep_runner *run;
  size_t ntasks, npoints, reps;
  uint8_t *state;   /* per task */
  uint8_t *started; /* per point: one of its tasks was handed out */
  size_t *cursor;   /* per point: its replications before this are not TODO */
  size_t fresh;     /* points before this have all been started */
  size_t any;       /* points before this have no TODO task */
  size_t todo;      /* TODO tasks */
  size_t total;     /* tasks this run has to do */
  int stop;         /* no more tasks: interrupted, failed fast, or an error */
  int rc;           /* first error (journal), with err */
  fs_err err;
  FILE *journal;
  double last_sync;
  fs_sweep_rows *rows;
  fs_sweep_stats *st;
} fs_sched;

/* The next task for a worker that has prepared point (-1: none), marked
   running; -1 when there is none or the run stops. */
long fs_sched_next(fs_sched *q, long point);
/* Records task t's row (taking it): into the journal, flushed, and rows. */
void fs_sched_done(fs_sched *q, size_t t, char *row, int failed, double seconds);
/* A task given back unfinished (interrupted): TODO again. */
void fs_sched_abandon(fs_sched *q, size_t t);

/* Rank 0 of an MPI run: serves the other ranks while `threads` local
   workers run; the other ranks: fs_sweep_mpi_work. */
int fs_sweep_mpi_serve(fs_sched *q, int threads, fs_err *err);
int fs_sweep_mpi_work(const fs_sweep_spec *s, const fs_design *dz, const fs_sweep_runner *run,
                      fs_err *err);
/* Local worker threads over q (run.c): start them, then join them; live
   counts the threads still working. A thread that fails leaves rc and err
   in its job. */
struct fs_sweep_pool;
typedef struct fs_sweep_job {
  fs_sched *q;
  struct fs_sweep_pool *pool;
  int rc;
  fs_err err;
} fs_sweep_job;

typedef struct fs_sweep_pool {
  pthread_t *tid;
  fs_sweep_job *jobs;
  int n;
  volatile int live;
  pthread_mutex_t lock;
} fs_sweep_pool;

int fs_sweep_pool_start(fs_sweep_pool *pool, fs_sched *q, int threads, fs_err *err);
int fs_sweep_pool_live(fs_sweep_pool *pool);
void fs_sweep_pool_join(fs_sweep_pool *pool);

#endif
