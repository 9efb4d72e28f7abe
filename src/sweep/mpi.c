/* mpi.c: a sweep over MPI ranks. Rank 0 hands tasks out one at a time as
   ranks ask (dynamic, with the point affinity of the scheduler), journals
   the rows they send back, and runs local worker threads besides; the
   other ranks compute. Only rank 0's main thread and the other ranks' only
   thread call MPI (MPI_THREAD_FUNNELED). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fs_config.h"
#include "sweep/mpi.h"
#include "sweep/sweep_impl.h"
#include "util/num.h"

#if FS_HAVE_MPI
#include <mpi.h>
#include "util/alloc.h"
#include "util/clock.h"

enum { TAG_REQ = 1, TAG_GRANT = 2 };

/* The fixed part of a request; the row's text follows. */
typedef struct req {
  int64_t point;    /* the worker's prepared point, or -1 */
  int64_t task;     /* the task whose row follows, or -1 */
  int64_t failed;   /* that task failed */
  int64_t leaving;  /* the worker stops (interrupted, or out of memory) */
  double seconds;   /* that task's time */
  double overhead;  /* the worker's request round trips so far, seconds */
  int64_t requests; /* and their number */
  int64_t prepared; /* points the worker prepared */
  int64_t reused;   /* of which reused the previous point's fleet */
} req;

int fs_sweep_mpi_init(int *argc, char ***argv, int *rank, int *size, fs_err *err) {
  int provided = 0;
  if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
    return fs_err_set(err, FS_EIO, "MPI_Init_thread failed");
  if (provided < MPI_THREAD_FUNNELED) {
    MPI_Finalize();
    return fs_err_set(err, FS_EIO, "the MPI library does not support MPI_THREAD_FUNNELED");
  }
  MPI_Comm_rank(MPI_COMM_WORLD, rank);
  MPI_Comm_size(MPI_COMM_WORLD, size);
  return 0;
}

void fs_sweep_mpi_finalize(void) {
  MPI_Finalize();
}

int fs_sweep_mpi_agree(int value) {
  MPI_Bcast(&value, 1, MPI_INT, 0, MPI_COMM_WORLD);
  return value;
}

void fs_sweep_mpi_share(double *v, size_t n) {
  /* In pieces that fit MPI's int count. */
  for (size_t at = 0; at < n; at += 1u << 30) {
    size_t k = n - at < (1u << 30) ? n - at : 1u << 30;
    MPI_Bcast(v + at, (int) k, MPI_DOUBLE, 0, MPI_COMM_WORLD);
  }
}

int fs_sweep_mpi_serve(fs_sched *q, int threads, fs_err *err) {
  int size;
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  fs_sweep_pool pool;
  memset(&pool, 0, sizeof pool);
  int rc = 0;
  if (q->todo > 0 && threads > 0) rc = fs_sweep_pool_start(&pool, q, threads, err);
  int active = size - 1;
  char *buf = NULL;
  size_t cap = 0;
  /* With local workers, rank 0 naps between polls, 10 us after a request and twice as long
     after each empty poll up to 200 us: quick answers when ranks ask often,
     little CPU taken from the local workers when tasks are long. */
  long nap_ns = 10000;
  while (active > 0) {
    int flag = 0;
    MPI_Status status;
    if (pool.n == 0) {
      /* No local workers: wait inside MPI, the quickest answer. */
      MPI_Probe(MPI_ANY_SOURCE, TAG_REQ, MPI_COMM_WORLD, &status);
      flag = 1;
    } else {
      MPI_Iprobe(MPI_ANY_SOURCE, TAG_REQ, MPI_COMM_WORLD, &flag, &status);
    }
    if (!flag) {
      struct timespec nap = {0, nap_ns};
      nanosleep(&nap, NULL);
      if (nap_ns < 200000) nap_ns *= 2;
      continue;
    }
    nap_ns = 10000;
    int count;
    MPI_Get_count(&status, MPI_BYTE, &count);
    if ((size_t) count + 1 > cap) {
      char *more = fs_realloc(buf, (size_t) count + 1);
      if (!more) MPI_Abort(MPI_COMM_WORLD, 1);
      buf = more;
      cap = (size_t) count + 1;
    }
    MPI_Recv(buf, count, MPI_BYTE, status.MPI_SOURCE, TAG_REQ, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    req h;
    memcpy(&h, buf, sizeof h);
    buf[count] = '\0';
    /* Answer first, then journal the row: the worker computes while rank 0
       writes. (With --fail-fast a failure so reported may let one more task
       start; its row is recorded too.) */
    int64_t grant = -1;
    if (!h.leaving) grant = fs_sched_next(q, (long) h.point);
    if (!h.leaving) MPI_Send(&grant, 1, MPI_INT64_T, status.MPI_SOURCE, TAG_GRANT, MPI_COMM_WORLD);
    if (grant < 0) {
      /* The worker's last word carries its totals. */
      q->st->mpi_overhead_seconds += h.overhead;
      q->st->mpi_tasks += (size_t) h.requests;
      q->st->points_prepared += (size_t) h.prepared;
      q->st->fleets_reused += (size_t) h.reused;
      active--;
    }
    if (h.task >= 0) {
      char *row = fs_strdup(buf + sizeof h);
      if (!row) MPI_Abort(MPI_COMM_WORLD, 1);
      fs_sched_done(q, (size_t) h.task, row, (int) h.failed, h.seconds);
    }
  }
  free(buf);
  if (pool.n) {
    fs_sweep_pool_join(&pool);
    for (int i = 0; rc == 0 && i < pool.n; i++)
      if (pool.jobs[i].rc) {
        *err = pool.jobs[i].err;
        rc = pool.jobs[i].rc;
      }
  }
  free(pool.tid);
  free(pool.jobs);
  return rc;
}

int fs_sweep_mpi_work(const fs_sweep_spec *s, const fs_design *dz, const fs_sweep_runner *run,
                      fs_err *err) {
  fs_sweep_worker *w = fs_sweep_worker_new(s, dz, run->interrupt);
  req h = {.point = -1, .task = -1};
  char *msg = NULL;
  size_t len = 0;
  char *row = NULL;
  int rc = 0;
  if (!w) {
    h.leaving = 1;
    rc = fs_err_set(err, FS_ENOMEM, "out of memory for a worker");
  }
  for (;;) {
    size_t rl = row ? strlen(row) : 0;
    if (sizeof h + rl > len) {
      char *more = fs_realloc(msg, sizeof h + rl + 1);
      if (!more) MPI_Abort(MPI_COMM_WORLD, 1);
      msg = more;
      len = sizeof h + rl;
    }
    memcpy(msg, &h, sizeof h);
    if (rl) memcpy(msg + sizeof h, row, rl);
    free(row);
    row = NULL;
    double t0 = fs_now();
    MPI_Send(msg, (int) (sizeof h + rl), MPI_BYTE, 0, TAG_REQ, MPI_COMM_WORLD);
    if (h.leaving) break;
    int64_t t;
    MPI_Recv(&t, 1, MPI_INT64_T, 0, TAG_GRANT, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (t < 0) break;
    h.overhead += fs_now() - t0;
    h.requests++;
    int failed;
    double sec;
    row = fs_sweep_task(w, (size_t) t, &failed, &sec);
    h.point = fs_sweep_worker_point(w);
    size_t np, nr;
    fs_sweep_worker_counts(w, &np, &nr);
    h.prepared = (int64_t) np;
    h.reused = (int64_t) nr;
    h.task = row ? t : -1;
    h.failed = failed;
    h.seconds = sec;
    if (!row) h.leaving = 1; /* interrupted: rank 0 gives the task to no one else */
  }
  free(msg);
  fs_sweep_worker_free(w);
  return rc;
}

#else

int fs_sweep_mpi_init(int *argc, char ***argv, int *rank, int *size, fs_err *err) {
  *rank = 0;
  *size = 1;
  return fs_err_set(err, FS_EUSAGE,
                    "this fleetsim was built without MPI; rebuild with meson setup -Dmpi=enabled "
                    "(Open MPI: apt-get install libopenmpi-dev openmpi-bin)");
}

void fs_sweep_mpi_finalize(void) {}

int fs_sweep_mpi_agree(int value) {
  return value;
}

void fs_sweep_mpi_share(double *v, size_t n) {
  (void) v;
  (void) n;
}

int fs_sweep_mpi_serve(fs_sched *q, int threads, fs_err *err) {
  return fs_err_set(err, FS_EUSAGE, "built without MPI");
}

int fs_sweep_mpi_work(const fs_sweep_spec *s, const fs_design *dz, const fs_sweep_runner *run,
                      fs_err *err) {
  return fs_err_set(err, FS_EUSAGE, "built without MPI");
}

#endif

int fs_sweep_mpi_launched(void) {
  const char *names[] = {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE", "MPI_LOCALNRANKS"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    const char *v = getenv(names[i]);
    if (v && *v) return 1;
  }
  return 0;
}

/* A launcher's number from the first of names that is set (a hint: MPI
   itself says after MPI_Init): 0 when none is, -1 with FS_EUSAGE when it
   is not a whole number in [0, INT_MAX]. */
static int env_hint(const char *const *names, int n, fs_err *err) {
  for (int i = 0; i < n; i++) {
    const char *v = getenv(names[i]);
    long long x;
    if (!v) continue;
    if (fs_num_ll(v, 0, INT_MAX, &x) == 0) return (int) x;
    fs_err_set(err, FS_EUSAGE, "%s: expected a whole number in [0, %d] (got \"%.40s\")", names[i],
               INT_MAX, v);
    return -1;
  }
  return 0;
}

int fs_sweep_mpi_env_size(fs_err *err) {
  static const char *const names[] = {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"};
  return env_hint(names, 2, err);
}

int fs_sweep_mpi_env_rank(fs_err *err) {
  static const char *const names[] = {"OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK"};
  return env_hint(names, 3, err);
}
