/* run.c: running a sweep's tasks: the scheduler, the journal each finished
   task is appended to, worker threads, shards and --resume. */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sweep/sweep_impl.h"
#include "util/alloc.h"
#include "util/clock.h"

int fs_sweep_shard_of(const fs_sweep_spec *s, const fs_design *dz, size_t t, int shards) {
  if (shards <= 1) return 1;
  /* By point, so a shard prepares each of its points once; by task when
     there are fewer points than shards. */
  size_t p = t / (size_t) s->reps;
  return 1 + (int) (dz->npoints >= (size_t) shards ? p % (size_t) shards : t % (size_t) shards);
}

/* ---- The scheduler */

static long take(fs_sched *q, size_t p) {
  for (size_t r = q->cursor[p]; r < q->reps; r++) {
    size_t t = p * q->reps + r;
    if (q->state[t] != TASK_TODO) {
      if (r == q->cursor[p]) q->cursor[p]++;
      continue;
    }
    assert(q->todo > 0); /* todo counts the TODO states */
    q->state[t] = TASK_RUNNING;
    q->started[p] = 1;
    q->todo--;
    return (long) t;
  }
  return -1;
}

long fs_sched_next(fs_sched *q, long point) {
  long t = -1;
  pthread_mutex_lock(&q->lock);
  if (q->run->interrupt && *q->run->interrupt) q->stop = 1;
  if (!q->stop && q->todo > 0) {
    if (point >= 0 && (size_t) point < q->npoints) t = take(q, (size_t) point);
    while (t < 0 && q->fresh < q->npoints) {
      size_t p = q->fresh;
      if (!q->started[p]) t = take(q, p);
      if (t < 0) q->fresh++;
    }
    while (t < 0 && q->any < q->npoints) {
      t = take(q, q->any);
      if (t < 0) q->any++;
    }
  }
  pthread_mutex_unlock(&q->lock);
  return t;
}

void fs_sched_abandon(fs_sched *q, size_t t) {
  pthread_mutex_lock(&q->lock);
  if (q->state[t] == TASK_RUNNING) {
    q->state[t] = TASK_TODO;
    q->todo++;
    size_t p = t / q->reps;
    if (q->cursor[p] > t % q->reps) q->cursor[p] = t % q->reps;
    if (q->any > p) q->any = p;
  }
  pthread_mutex_unlock(&q->lock);
}

/* "name=value name=value" of point p, for messages. */
static void point_text(const fs_sweep_spec *s, const fs_design *dz, size_t p, char *buf,
                       size_t cap) {
  buf[0] = '\0';
  for (int j = 0; j < s->d; j++) {
    char num[32];
    fs_sweep_fmt(num, sizeof num, dz->x[p * (size_t) dz->d + (size_t) j]);
    size_t n = strlen(buf);
    snprintf(buf + n, cap - n, "%s%s=%s", j ? " " : "", s->params[j].name, num);
  }
}

void fs_sched_done(fs_sched *q, size_t t, char *row, int failed, double seconds) {
  pthread_mutex_lock(&q->lock);
  assert(t < q->ntasks && q->state[t] == TASK_RUNNING); /* only a handed-out task finishes */
  q->state[t] = TASK_DONE;
  fs_sweep_stats *st = q->st;
  st->done++;
  st->task_seconds += seconds;
  if (q->journal && q->rc == 0) {
    fputs(row, q->journal);
    /* Flushed: a kill -9 loses no finished task. Synced at most once a
       second: a power cut may lose the last second. */
    if (fflush(q->journal) != 0 || ferror(q->journal)) {
      q->rc = fs_err_set(&q->err, FS_EIO, "%s: cannot append to the journal: %s", q->run->dir,
                         strerror(errno));
      q->stop = 1;
    } else if (fs_now() - q->last_sync > 1.0) {
      fdatasync(fileno(q->journal));
      q->last_sync = fs_now();
    }
  }
  if (failed) {
    st->failed++;
    if (!st->first_failure[0]) {
      char pt[400];
      point_text(q->s, q->dz, t / q->reps, pt, sizeof pt);
      const char *e = strstr(row, ",\"");
      snprintf(st->first_failure, sizeof st->first_failure, "task %zu (%s): %s", t, pt,
               e ? e + 1 : row);
      size_t n = strlen(st->first_failure);
      while (n && (st->first_failure[n - 1] == '\n')) st->first_failure[--n] = '\0';
    }
    if (q->run->fail_fast) {
      q->stop = 1;
      st->stopped_on_failure = 1;
    }
  }
  if (q->rows) {
    if (q->rows->row[t]) {
      q->rows->present--;
      free(q->rows->row[t]);
    }
    q->rows->row[t] = row;
    q->rows->present++;
    row = NULL;
  }
  if (q->run->progress) q->run->progress(q->run->progress_ud, st->done, q->total);
  pthread_mutex_unlock(&q->lock);
  free(row);
}

/* ---- Worker threads */

static void *work(void *arg) {
  fs_sweep_job *j = arg;
  fs_sched *q = j->q;
  fs_sweep_worker *w = fs_sweep_worker_new(q->s, q->dz, q->run->interrupt);
  if (!w) {
    j->rc = fs_err_set(&j->err, FS_ENOMEM, "out of memory for a worker");
    pthread_mutex_lock(&q->lock);
    q->stop = 1;
    pthread_mutex_unlock(&q->lock);
  }
  for (long t; w && (t = fs_sched_next(q, fs_sweep_worker_point(w))) >= 0;) {
    int failed;
    double sec;
    char *row = fs_sweep_task(w, (size_t) t, &failed, &sec);
    if (!row) {
      fs_sched_abandon(q, (size_t) t);
      if (failed) j->rc = fs_err_set(&j->err, FS_ENOMEM, "out of memory for a row");
      break;
    }
    fs_sched_done(q, (size_t) t, row, failed, sec);
  }
  if (w) {
    size_t np, nr;
    fs_sweep_worker_counts(w, &np, &nr);
    pthread_mutex_lock(&q->lock);
    q->st->points_prepared += np;
    q->st->fleets_reused += nr;
    pthread_mutex_unlock(&q->lock);
  }
  fs_sweep_worker_free(w);
  pthread_mutex_lock(&j->pool->lock);
  j->pool->live--;
  pthread_mutex_unlock(&j->pool->lock);
  return NULL;
}

int fs_sweep_pool_start(fs_sweep_pool *pool, fs_sched *q, int threads, fs_err *err) {
  memset(pool, 0, sizeof *pool);
  pthread_mutex_init(&pool->lock, NULL);
  pool->tid = fs_calloc((size_t) threads, sizeof *pool->tid);
  pool->jobs = fs_calloc((size_t) threads, sizeof *pool->jobs);
  if (!pool->tid || !pool->jobs) return fs_err_set(err, FS_ENOMEM, "out of memory for threads");
  for (int i = 0; i < threads; i++) {
    pool->jobs[i] = (fs_sweep_job){.q = q, .pool = pool};
    pthread_mutex_lock(&pool->lock);
    pool->live++;
    pthread_mutex_unlock(&pool->lock);
    if (pthread_create(&pool->tid[i], NULL, work, &pool->jobs[i]) != 0) {
      pthread_mutex_lock(&pool->lock);
      pool->live--;
      pthread_mutex_unlock(&pool->lock);
      if (i == 0) return fs_err_set(err, FS_ENOMEM, "cannot start a worker thread");
      break;
    }
    pool->n = i + 1;
  }
  return 0;
}

int fs_sweep_pool_live(fs_sweep_pool *pool) {
  pthread_mutex_lock(&pool->lock);
  int n = pool->live;
  pthread_mutex_unlock(&pool->lock);
  return n;
}

void fs_sweep_pool_join(fs_sweep_pool *pool) {
  for (int i = 0; i < pool->n; i++) pthread_join(pool->tid[i], NULL);
  pthread_mutex_destroy(&pool->lock);
}

/* ---- A run */

static void sched_free(fs_sched *q) {
  free(q->state);
  free(q->started);
  free(q->cursor);
  pthread_mutex_destroy(&q->lock);
}

static int sched_init(fs_sched *q, const fs_sweep_spec *s, const fs_design *dz,
                      const fs_sweep_runner *run, fs_sweep_rows *rows, fs_sweep_stats *st,
                      fs_err *err) {
  memset(q, 0, sizeof *q);
  pthread_mutex_init(&q->lock, NULL);
  q->s = s;
  q->dz = dz;
  q->run = run;
  q->rows = rows;
  q->st = st;
  q->npoints = dz->npoints;
  q->reps = (size_t) s->reps;
  q->ntasks = fs_sweep_ntasks(s, dz);
  q->state = fs_calloc(q->ntasks ? q->ntasks : 1, 1);
  q->started = fs_calloc(q->npoints ? q->npoints : 1, 1);
  q->cursor = fs_calloc(q->npoints ? q->npoints : 1, sizeof *q->cursor);
  if (!q->state || !q->started || !q->cursor)
    return fs_err_set(err, FS_ENOMEM, "out of memory for %zu tasks", q->ntasks);
  st->tasks = q->ntasks;
  for (size_t t = 0; t < q->ntasks; t++) {
    if (run->shards > 1 && fs_sweep_shard_of(s, dz, t, run->shards) != run->shard) {
      q->state[t] = TASK_ELSEWHERE;
      continue;
    }
    st->mine++;
    /* Finished in an earlier run (failed tasks are run again). */
    if (rows && rows->row[t] && !fs_sweep_row_failed(s, rows->row[t])) {
      q->state[t] = TASK_DONE;
      st->resumed++;
      continue;
    }
    q->todo++;
  }
  q->total = q->todo;
  return 0;
}

int fs_sweep_execute(const fs_sweep_spec *s, const fs_design *dz, const fs_sweep_runner *run,
                     fs_sweep_rows *rows, fs_sweep_stats *st, fs_err *err) {
  double t0 = fs_now();
  memset(st, 0, sizeof *st);
  if (run->mpi_rank > 0) {
    int rc = fs_sweep_mpi_work(s, dz, run, err);
    st->wall_seconds = fs_now() - t0;
    return rc;
  }
  fs_sched q;
  fs_sweep_journal journal;
  /* The journal's rows come first: they decide which tasks are left. */
  int rc = fs_sweep_journal_open(&journal, run, s, dz, rows, err);
  if (rc != 0) return rc;
  if ((rc = sched_init(&q, s, dz, run, rows, st, err)) != 0) {
    fs_sweep_journal_close(&journal, NULL);
    sched_free(&q);
    return rc;
  }
  q.journal = journal.f;
  q.last_sync = fs_now();
  int threads = run->threads < 0 ? 1 : run->threads;
  if (run->mpi_size > 1) {
    rc = fs_sweep_mpi_serve(&q, threads, err);
  } else if (q.todo > 0) {
    if (threads < 1) threads = 1;
    if ((size_t) threads > q.todo) threads = (int) q.todo;
    fs_sweep_pool pool;
    rc = fs_sweep_pool_start(&pool, &q, threads, err);
    if (rc == 0) fs_sweep_pool_join(&pool);
    for (int i = 0; rc == 0 && i < pool.n; i++)
      if (pool.jobs[i].rc) {
        *err = pool.jobs[i].err;
        rc = pool.jobs[i].rc;
      }
    free(pool.tid);
    free(pool.jobs);
  }
  if (rc == 0 && q.rc != 0) {
    *err = q.err;
    rc = q.rc;
  }
  int rc2 = fs_sweep_journal_close(&journal, err);
  if (rc == 0) rc = rc2;
  if (run->interrupt && *run->interrupt) st->interrupted = 1;
  /* Failed rows in the final table: those of this run and the ones the
     journal kept that were not redone. */
  st->failed = 0;
  for (size_t t = 0; rows && t < q.ntasks; t++)
    if (q.state[t] != TASK_ELSEWHERE && rows->row[t] && fs_sweep_row_failed(s, rows->row[t]))
      st->failed++;
  sched_free(&q);
  st->wall_seconds = fs_now() - t0;
  return rc;
}
