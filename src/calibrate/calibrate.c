/* calibrate.c: a calibration from its folder to its tables: calibration.json
   first (what a resumed run or another shard must match), then the
   method's stages, the predictive check, and the tables. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "calibrate/calibrate_impl.h"
#include "sweep/mpi.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/fsutil.h"

/* Reads at most cap bytes of path into a new string; NULL when absent. */
static char *slurp(const char *path, size_t cap, size_t *len) {
  fs_err e = {0};
  FILE *f = fs_open_input(path, FS_OPEN_NOFOLLOW, &e);
  if (!f) return NULL;
  char *buf = fs_malloc(cap + 1);
  *len = buf ? fread(buf, 1, cap + 1, f) : 0;
  fclose(f);
  if (buf) buf[*len] = '\0';
  return buf;
}

/* The folder holds this calibration: a new or empty folder gets its
   calibration.json; one whose calibration.json is the same is taken as it
   is (--resume, another shard, a rerun); anything else is refused. */
static int prepare(const fs_cal *c, fs_err *err) {
  const char *dir = c->o->out;
  size_t len = 0, have_len = 0;
  char *want = fs_cal__spec_json(c->spec, c->t, c->obs, &len);
  if (!want) return fs_err_set(err, FS_ENOMEM, "out of memory");
  char path[FS_PATH_MAX];
  int rc = fs_path_fmt(path, sizeof path, err, "%s/calibration.json", dir);
  struct stat st;
  if (rc == 0 && lstat(dir, &st) == 0 && !S_ISDIR(st.st_mode))
    rc = fs_err_set(err, FS_EUSAGE, "-o %s: exists and is not a folder", dir);
  char *have = rc == 0 ? slurp(path, len + 1, &have_len) : NULL;
  char done[FS_PATH_MAX];
  if (rc == 0) rc = fs_path_fmt(done, sizeof done, err, "%s/manifest.json", dir);
  if (rc == 0 && have) {
    if (have_len != len || memcmp(have, want, len) != 0)
      rc = fs_err_set(err, FS_EUSAGE,
                      "-o %s: holds another calibration (its calibration.json differs from this "
                      "command's): choose another folder or remove it",
                      dir);
    /* A shard meets the folder its first shard made; a finished
       calibration is made again from its stages' journals. */
    else if (!c->o->resume && c->o->shards <= 1 && lstat(done, &st) != 0)
      rc = fs_err_set(err, FS_EUSAGE,
                      "-o %s: holds this calibration, unfinished: continue it with --resume", dir);
  } else if (rc == 0) {
    if (lstat(dir, &st) == 0 && !fs_dir_empty(dir))
      rc = fs_err_set(err, FS_EUSAGE,
                      "-o %s: the folder is not empty and holds no calibration.json: choose "
                      "another folder",
                      dir);
    else if (c->o->resume)
      rc = fs_err_set(err, FS_EUSAGE, "--resume: %s holds no calibration to continue", dir);
    if (rc == 0) rc = fs_mkdirs(dir, err);
    FILE *f = rc == 0 ? fs_out_open_tmp(dir, "calibration.json", err) : NULL;
    if (rc == 0 && !f) rc = err->code;
    if (f) {
      fwrite(want, 1, len, f);
      rc = fs_out_commit_tmp(f, dir, "calibration.json", err);
    }
  }
  free(have);
  free(want);
  return rc;
}

/* The library's other events, run as `fleetsim validate` would with the
   check's replications, into DIR/library/. */
static int library(fs_cal *c, fs_err *err) {
  const fs_cal_spec *s = c->spec;
  char out[FS_PATH_MAX];
  int rc = fs_path_fmt(out, sizeof out, err, "%s/library", c->o->out);
  if (rc != 0) return rc;
  fs_validate_opts vo = {.library = s->library,
                         .skip = s->sweep.name,
                         .reps = s->check > 1 ? s->check : 2,
                         .threads = c->o->threads > 0 ? c->o->threads : 1,
                         .out = out,
                         .command = c->o->command,
                         .no_report = 1,
                         .quiet = c->o->quiet,
                         .interrupt = c->o->interrupt};
  fs_session_opts_init(&vo.session);
  vo.session.scale = s->sweep.scale;
  vo.session.load.models_dir = s->sweep.models_dir[0] ? s->sweep.models_dir : NULL;
  if (vo.threads > vo.reps) vo.threads = vo.reps;
  rc = fs_validate_run(&vo, &c->lib, err);
  c->have_lib = rc == 0;
  if (rc == 0 && !c->o->quiet)
    printf("fleetsim calibrate: library: %d other events of %s, %d replications each: %s\n",
           c->lib.nev, s->library, vo.reps, out);
  return rc;
}

static void cal_free(fs_cal *c) {
  if (c->have_lib) fs_validate_free(&c->lib);
  for (int w = 0; w < FS_CAL_MAX_WAVES; w++)
    for (int j = 0; j < FS_OBS_MAX; j++) fs_gp_free(c->wave[w].gp[j]);
  free(c->run);
  free(c->rx);
  free(c->ry);
  free(c->post);
  free(c->postw);
}

int fs_calibrate_run(const fs_cal_spec *spec, const fs_obs_set *obs, const fs_cal_opts *o,
                     int *pending, fs_err *err) {
  fs_cal *c = fs_calloc(1, sizeof *c);
  if (!c) return fs_err_set(err, FS_ENOMEM, "out of memory");
  c->spec = spec;
  c->o = o;
  c->obs = obs;
  c->d = spec->sweep.d;
  c->k = obs->n;
  c->t0 = fs_now();
  fs_cal__targets(c->t, obs, spec->discrepancy);
  for (int j = 0; j < c->k; j++)
    for (int e = 0; e < spec->nexclude; e++)
      if (strcmp(obs->obs[j].id, spec->exclude[e]) == 0) c->use[j] = USE_EXCLUDED;
  *pending = 0;
  int rc = 0, ready = 1;
  if (o->mpi_rank == 0) {
    rc = prepare(c, err);
    ready = rc == 0 ? 1 : rc == FS_EUSAGE ? 2 : 3;
  }
  if (o->mpi_size > 1) ready = fs_sweep_mpi_agree(ready);
  if (ready != 1) rc = o->mpi_rank == 0 ? rc : (err->code = ready == 2 ? FS_EUSAGE : FS_EINVAL);
  if (rc == 0) rc = spec->method == FS_CAL_HM ? fs_cal__history_match(c, err) : fs_cal__abc(c, err);
  if (rc == 0 && !c->pending) rc = fs_cal__check(c, err);
  if (rc == 0 && c->pending) {
    *pending = 1;
    if (!o->quiet && o->mpi_rank == 0)
      printf("fleetsim calibrate: shard %d/%d of stage %s done; the other shards' tasks remain: "
             "run every shard again when all have finished, and the calibration goes on\n",
             o->shard, o->shards, c->pending_stage);
  }
  if (rc == 0 && !c->pending && o->mpi_rank == 0 && spec->library[0]) rc = library(c, err);
  if (rc == 0 && !c->pending && o->mpi_rank == 0) rc = fs_cal__write(c, err);
  cal_free(c);
  free(c);
  return rc;
}
