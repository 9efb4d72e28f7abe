/* stage.c: one batch of points run as a sweep folder (stage.h): the
   folder prepared or read back by rank 0, the tasks on the runner, the
   points' means gathered from the rows' text and shared with every rank. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sweep/mpi.h"
#include "sweep/stage.h"
#include "util/alloc.h"

/* Each point's mean and standard deviation over its replications. */
static void gather(const fs_sweep_spec *s, const fs_sweep_rows *rows, size_t n, double *y,
                   double *ysd) {
  size_t no = (size_t) s->noutputs, reps = (size_t) s->reps;
  for (size_t p = 0; p < n; p++)
    for (size_t k = 0; k < no; k++) {
      double sum = 0, sq = 0;
      size_t m = 0;
      for (size_t r = 0; r < reps; r++) {
        double v = fs_sweep_row_output(s, rows->row[p * reps + r], (int) k);
        if (!isfinite(v)) continue;
        sum += v;
        sq += v * v;
        m++;
      }
      double mean = m ? sum / (double) m : NAN;
      y[p * no + k] = mean;
      if (ysd)
        ysd[p * no + k] = m > 1 ? sqrt(fmax(0, (sq - sum * mean) / (double) (m - 1))) : m ? 0 : NAN;
    }
}

/* Whether the folder's journals already hold every task (rows then has
   them). */
static int read_back(const char *dir, const fs_sweep_spec *s, const fs_design *dz,
                     fs_sweep_rows *rows) {
  fs_sweep_rows probe;
  int nfiles = 0, whole = 0;
  fs_err e2 = {0};
  if (fs_sweep_rows_init(&probe, rows->ntasks, &e2) != 0) return 0;
  if (fs_sweep_folder_read(dir, s, dz, &probe, &nfiles, &e2) == 0 && nfiles > 0 &&
      probe.present == probe.ntasks) {
    fs_sweep_rows_free(rows);
    *rows = probe;
    whole = 1;
  } else {
    fs_sweep_rows_free(&probe);
  }
  return whole;
}

static int run_tasks(const fs_sweep_spec *s, const fs_design *dz, const char *dir,
                     const fs_sweep_stage_opts *o, fs_sweep_rows *rows, fs_sweep_stage_stats *st,
                     fs_err *err) {
  fs_sweep_runner run = {.dir = dir,
                         .threads = o->threads,
                         .shard = o->shard,
                         .shards = o->shards,
                         .resume = o->resume,
                         .quiet = o->quiet,
                         .mpi_rank = o->mpi_rank,
                         .mpi_size = o->mpi_size,
                         .interrupt = o->interrupt,
                         .progress = o->progress,
                         .progress_ud = o->progress_ud};
  fs_sweep_stats ss;
  int rc = fs_sweep_execute(s, dz, &run, o->mpi_rank == 0 ? rows : NULL, &ss, err);
  /* Rank 0 alone knows of an interruption or a journal error. */
  if (o->mpi_size > 1) {
    int stop = fs_sweep_mpi_agree(o->mpi_rank == 0 ? (rc != 0 ? 2 : ss.interrupted ? 1 : 0) : 0);
    if (o->mpi_rank > 0 && stop) return rc != 0 ? rc : (err->code = FS_EINTR);
  }
  if (rc != 0) return rc;
  st->done = ss.done;
  st->resumed = ss.resumed;
  if (ss.failed && !st->first_failure[0])
    memcpy(st->first_failure, ss.first_failure, sizeof st->first_failure);
  if (ss.interrupted)
    return fs_err_set(err, FS_EINTR,
                      "interrupted: the finished tasks are in %s/tasks*.csv; continue with the "
                      "same command and --resume",
                      dir);
  return 0;
}

int fs_sweep_stage_run(const fs_sweep_spec *tmpl, const double *x, size_t n, const char *dir,
                       const fs_sweep_stage_opts *o, double *y, double *ysd, int *complete,
                       fs_sweep_stage_stats *st, fs_err *err) {
  memset(st, 0, sizeof *st);
  *complete = 0;
  fs_sweep_spec *s = fs_malloc(sizeof *s);
  if (!s) return fs_err_set(err, FS_ENOMEM, "out of memory");
  *s = *tmpl;
  s->design = FS_DESIGN_LIST;
  s->n = n;
  s->oat = 0;
  s->nboot = 0;
  fs_design dz = {0};
  fs_sweep_rows rows = {0};
  int rc = fs_design_list(&dz, s->params, s->d, x, n, err);
  if (rc == 0) {
    s->points_hash = fs_sweep_points_hash(&dz);
    rc = fs_sweep_spec_seal(s, err);
  }
  if (rc == 0) rc = fs_sweep_rows_init(&rows, fs_sweep_ntasks(s, &dz), err);
  st->tasks = rows.ntasks;
  /* ready: 1 run, 2 read back whole, 3 refused (usage), 4 failed */
  int ready = 1;
  if (rc == 0 && o->mpi_rank == 0) {
    rc = fs_sweep_folder_prepare(dir, s, 0, err);
    if (rc == 0 && read_back(dir, s, &dz, &rows)) ready = 2;
    if (rc != 0) ready = rc == FS_EUSAGE ? 3 : 4;
  }
  if (rc == 0 && o->mpi_size > 1) ready = fs_sweep_mpi_agree(ready);
  if (rc == 0 && ready >= 3) rc = err->code = ready == 3 ? FS_EUSAGE : FS_EINVAL;
  if (rc == 0 && ready == 1) rc = run_tasks(s, &dz, dir, o, &rows, st, err);
  if (ready == 2) st->resumed = rows.present;
  int whole = 0;
  if (rc == 0 && o->mpi_rank == 0) {
    /* With shards, the other shards' tasks are in their journals. */
    if (o->shards > 1) read_back(dir, s, &dz, &rows);
    whole = rows.present == rows.ntasks;
    st->failed = rows.failed;
    if (whole) gather(s, &rows, n, y, ysd);
  }
  if (rc == 0 && o->mpi_size > 1) {
    whole = fs_sweep_mpi_agree(whole);
    if (whole) {
      fs_sweep_mpi_share(y, n * (size_t) s->noutputs);
      if (ysd) fs_sweep_mpi_share(ysd, n * (size_t) s->noutputs);
    }
  }
  *complete = rc == 0 && whole;
  fs_sweep_rows_free(&rows);
  fs_design_free(&dz);
  free(s);
  return rc;
}
