/* folder.c: the sweep folder: who may write into it (sweep.json first, the
   start race of job-array shards), the journals' names, shards, reading
   every journal back, the finished folder's tables and manifest, and merge. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs_config.h"
#include "sweep/sweep.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/fsutil.h"
#include "util/json.h"
#include "util/manifest.h"
#include "util/num.h"

void fs_sweep_journal_name(const fs_sweep_runner *r, char *buf, size_t cap) {
  if (r->shards > 1)
    snprintf(buf, cap, "tasks-shard-%d-of-%d.csv", r->shard, r->shards);
  else
    snprintf(buf, cap, "tasks.csv");
}

/* A journal of any runner: tasks.csv or tasks-shard-I-of-N.csv (and what a
   user renamed so: "tasks.*.csv", "tasks-*.csv"). */
static int is_journal(const char *name) {
  size_t n = strlen(name);
  return strncmp(name, "tasks", 5) == 0 && n > 4 && strcmp(name + n - 4, ".csv") == 0 &&
         (name[5] == '.' || name[5] == '-');
}

/* A whole decimal number in an environment variable, within int range. */
static int env_long(const char *name, const char *text, long *out, fs_err *err) {
  long long v;
  if (fs_num_ll(text, INT_MIN, INT_MAX, &v) != 0)
    return fs_err_set(err, FS_EUSAGE, "%s=%s: expected a whole number", name, text);
  *out = (long) v;
  return 0;
}

/* The shard layout of a journal's name: 0 for tasks.csv, N for
   tasks-shard-I-of-N.csv, -1 for any other name. */
static int journal_layout(const char *name) {
  int i, n, used = 0;
  if (strcmp(name, "tasks.csv") == 0) return 0;
  if (sscanf(name, "tasks-shard-%d-of-%d.csv%n", &i, &n, &used) == 2 && !name[used] && n > 1)
    return n;
  return -1;
}

/* The journals already in dir are of this runner's layout. */
static int check_layout(const fs_sweep_runner *run, fs_err *err) {
  DIR *d = opendir(run->dir);
  if (!d) return fs_err_set(err, FS_EIO, "%s: cannot read: %s", run->dir, strerror(errno));
  int want = run->shards > 1 ? run->shards : 0, rc = 0;
  for (struct dirent *e; rc == 0 && (e = readdir(d)) != NULL;) {
    int have = journal_layout(e->d_name);
    if (have < 0 || have == want) continue;
    char mine[64];
    if (want)
      snprintf(mine, sizeof mine, "shard %d of %d", run->shard, run->shards);
    else
      snprintf(mine, sizeof mine, "the whole sweep");
    rc = fs_err_set(err, FS_EUSAGE,
                    "%s holds %s, a journal of %s; this command runs %s: run it %s, or choose "
                    "another -o",
                    run->dir, e->d_name, have ? "another sharding" : "an unsharded run", mine,
                    have ? "with the same --shard I/N" : "without --shard");
  }
  closedir(d);
  return rc;
}

/* The lock of journal name: DIR/.NAME.lock, held (flock) while it runs. */
static int take_lock(const char *dir, const char *name, int *fd, fs_err *err) {
  char path[FS_PATH_MAX];
  int rc = fs_path_fmt(path, sizeof path, err, "%s/.%s.lock", dir, name);
  if (rc != 0) return rc;
  *fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (*fd < 0) return fs_err_set(err, FS_EIO, "%s: cannot open: %s", path, strerror(errno));
  if (flock(*fd, LOCK_EX | LOCK_NB) == 0) return 0;
  int e = errno;
  close(*fd);
  *fd = -1;
  if (e == EWOULDBLOCK)
    return fs_err_set(err, FS_EUSAGE,
                      "%s/%s: another fleetsim sweep is running this journal; wait for it to "
                      "finish (or stop it) before resuming",
                      dir, name);
  return fs_err_set(err, FS_EIO, "%s: cannot lock: %s", path, strerror(e));
}

/* A new journal: its header written beside it and renamed into place. */
static int create_journal(const char *dir, const char *name, const fs_sweep_spec *s, fs_err *err) {
  char *hdr = fs_sweep_header(s);
  if (!hdr) return fs_err_set(err, FS_ENOMEM, "out of memory");
  FILE *f = fs_out_open_tmp(dir, name, err);
  int rc = f ? 0 : FS_EIO;
  if (f) fputs(hdr, f);
  if (f) rc = fs_out_commit_tmp(f, dir, name, err);
  free(hdr);
  return rc;
}

/* The journal at path, as the runner finds it: 1 absent (or empty), 0 a
   regular file with rows; a negative FS_E* code for anything else. */
static int journal_state(const char *path, fs_err *err) {
  struct stat st;
  if (lstat(path, &st) != 0) {
    if (errno == ENOENT) return 1;
    return fs_err_set(err, FS_EIO, "%s: cannot examine it: %s", path, strerror(errno));
  }
  if (!S_ISREG(st.st_mode))
    return fs_err_set(err, FS_EUSAGE, "%s is not a regular file (a link?); not using it", path);
  if (st.st_size > 0) return 0;
  unlink(path); /* an empty journal: killed before its header was written */
  return 1;
}

static int journal_open(fs_sweep_journal *j, const fs_sweep_runner *run, const char *name,
                        const char *path, const fs_sweep_spec *s, const fs_design *dz,
                        fs_sweep_rows *rows, fs_err *err) {
  int rc = check_layout(run, err), state = rc == 0 ? journal_state(path, err) : 0;
  if (rc != 0 || state < 0) return rc ? rc : state;
  if (state == 0 && !run->resume)
    return fs_err_set(err, FS_EUSAGE,
                      "%s already exists: that sweep has started; continue it with --resume %s, "
                      "or choose another -o",
                      path, run->dir);
  rc = state == 0 ? fs_sweep_rows_read(rows, s, dz, path, 1, 0, err)
                  : create_journal(run->dir, name, s, err);
  if (rc != 0) return rc;
  int fd = open(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  struct stat st;
  /* Appended to: a regular file of this folder alone (a hard link would
     carry the rows into a file elsewhere). */
  if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1)) {
    close(fd);
    return fs_err_set(err, FS_EINVAL, "%s: not a regular file with one name; not writing to it",
                      path);
  }
  if (fd < 0 || !(j->f = fdopen(fd, "a"))) {
    if (fd >= 0) close(fd);
    return fs_err_set(err, FS_EIO, "%s: cannot write: %s", path, strerror(errno));
  }
  return 0;
}

int fs_sweep_journal_open(fs_sweep_journal *j, const fs_sweep_runner *run, const fs_sweep_spec *s,
                          const fs_design *dz, fs_sweep_rows *rows, fs_err *err) {
  char name[128], path[FS_PATH_MAX];
  j->f = NULL;
  j->lock = -1;
  fs_sweep_journal_name(run, name, sizeof name);
  int rc = fs_path_join(path, sizeof path, run->dir, name, err);
  if (rc == 0) rc = take_lock(run->dir, name, &j->lock, err);
  if (rc == 0) rc = journal_open(j, run, name, path, s, dz, rows, err);
  if (rc != 0) fs_sweep_journal_close(j, NULL);
  return rc;
}

int fs_sweep_journal_close(fs_sweep_journal *j, fs_err *err) {
  int rc = 0;
  if (j->f) {
    int bad = fflush(j->f) != 0 || fdatasync(fileno(j->f)) != 0;
    bad |= fclose(j->f) != 0;
    if (bad) rc = fs_err_set(err, FS_EIO, "journal write failed: %s", strerror(errno));
  }
  if (j->lock >= 0) close(j->lock); /* releases the flock */
  j->f = NULL;
  j->lock = -1;
  return rc;
}

int fs_sweep_shard_parse(const char *text, int *shard, int *shards, fs_err *err) {
  *shard = *shards = 0;
  if (text) {
    char buf[48];
    long long i, n;
    const char *slash = strchr(text, '/');
    int ok = slash && (size_t) (slash - text) < sizeof buf;
    if (ok) snprintf(buf, sizeof buf, "%.*s", (int) (slash - text), text);
    ok = ok && fs_num_ll(buf, 1, INT_MAX, &i) == 0 && fs_num_ll(slash + 1, 1, INT_MAX, &n) == 0;
    if (!ok || i > n)
      return fs_err_set(err, FS_EUSAGE, "--shard: expected I/N with 1 <= I <= N (got '%s')", text);
    *shard = (int) i;
    *shards = (int) n;
    return 0;
  }
  const char *id = getenv("SLURM_ARRAY_TASK_ID"), *count = getenv("SLURM_ARRAY_TASK_COUNT");
  if (!id || !count) return 0;
  const char *min = getenv("SLURM_ARRAY_TASK_MIN");
  long i = 0, n = 0, lo = 0;
  if (env_long("SLURM_ARRAY_TASK_ID", id, &i, err) ||
      env_long("SLURM_ARRAY_TASK_COUNT", count, &n, err) ||
      (min && env_long("SLURM_ARRAY_TASK_MIN", min, &lo, err)))
    return FS_EUSAGE;
  long k = i - lo + 1;
  if (n < 1 || n > INT_MAX || k < 1 || k > n)
    return fs_err_set(err, FS_EUSAGE,
                      "SLURM_ARRAY_TASK_ID=%s with SLURM_ARRAY_TASK_MIN=%s and "
                      "SLURM_ARRAY_TASK_COUNT=%s: not a shard of 1..%ld (sweeps need a "
                      "contiguous array such as --array=0-%ld)",
                      id, min ? min : "(unset)", count, n, n - 1);
  *shard = (int) k;
  *shards = (int) n;
  return 0;
}

int fs_sweep_spec_read_dir(fs_sweep_spec *s, const char *dir, fs_err *err) {
  char path[FS_PATH_MAX];
  int rc = fs_path_join(path, sizeof path, dir, "sweep.json", err);
  if (rc == 0) rc = fs_sweep_spec_read(s, path, err);
  return rc;
}

/* Whether dir holds nothing but sweep.json files being written (another
   shard's .sweep.json.PID.tmp). */
static int empty_or_starting(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) return 0;
  int ok = 1;
  for (struct dirent *e; ok && (e = readdir(d)) != NULL;)
    if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 &&
        strncmp(e->d_name, ".sweep.json.", 12) != 0)
      ok = 0;
  closedir(d);
  return ok;
}

/* dir/sweep.json (at path) is this sweep's. */
static int same_sweep(const char *dir, const char *path, const fs_sweep_spec *s, fs_err *err) {
  fs_sweep_spec *old = fs_malloc(sizeof *old);
  if (!old) return fs_err_set(err, FS_ENOMEM, "out of memory");
  int rc = fs_sweep_spec_read(old, path, err);
  uint64_t a = old->fingerprint, b = s->fingerprint;
  free(old);
  if (rc == 0 && a != b)
    rc = fs_err_set(err, FS_EUSAGE,
                    "%s holds another sweep (sweep.json fingerprint %016" PRIx64
                    ", this command's %016" PRIx64 "); choose another -o",
                    dir, a, b);
  return rc;
}

int fs_sweep_folder_prepare(const char *dir, const fs_sweep_spec *s, int resume, fs_err *err) {
  char path[FS_PATH_MAX];
  int rc = fs_path_join(path, sizeof path, dir, "sweep.json", err);
  if (rc != 0) return rc;
  struct stat sb;
  if (fs_lstat(dir, &sb) == 0 && S_ISLNK(sb.st_mode))
    return fs_err_set(err, FS_EUSAGE,
                      "%s is a symbolic link; not writing through it (choose another -o)", dir);
  if (lstat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
    return fs_err_set(err, FS_EUSAGE, "%s is not a regular file; not using it", path);
  if (stat(path, &sb) == 0) return same_sweep(dir, path, s, err);
  if (resume) return fs_err_set(err, FS_EUSAGE, "--resume %s: no sweep.json there", dir);
  if (stat(dir, &sb) == 0) {
    if (!S_ISDIR(sb.st_mode)) return fs_err_set(err, FS_EUSAGE, "-o %s: not a folder", dir);
    /* Only an empty folder becomes a sweep folder. Shards of a job array
       that start together may be writing its sweep.json right now, or have
       written it (it comes before any other file) since we looked. */
    if (!empty_or_starting(dir)) {
      if (stat(path, &sb) == 0) return same_sweep(dir, path, s, err);
      return fs_err_set(err, FS_EUSAGE,
                        "-o %s: the folder exists and is not a sweep folder (no sweep.json); "
                        "choose another -o",
                        dir);
    }
  }
  if ((rc = fs_mkdirs(dir, err)) != 0) return rc;
  FILE *f = fs_out_open_tmp(dir, "sweep.json", err);
  if (!f) return FS_EIO;
  if ((rc = fs_sweep_spec_write(s, f, err)) != 0) {
    fs_out_abort_tmp(f, dir, "sweep.json");
    return rc;
  }
  return fs_out_commit_tmp(f, dir, "sweep.json", err);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *) a, *(char *const *) b);
}

/* The names of dir's journals, sorted, into names[0..*n). */
#define MAX_JOURNALS 4096
static int journal_names(const char *dir, char **names, int *n, fs_err *err) {
  DIR *d = opendir(dir);
  if (!d) return fs_err_set(err, FS_EIO, "%s: cannot read: %s", dir, strerror(errno));
  int rc = 0;
  *n = 0;
  for (struct dirent *e; rc == 0 && (e = readdir(d)) != NULL;) {
    if (!is_journal(e->d_name)) continue;
    if (*n == MAX_JOURNALS)
      rc = fs_err_set(err, FS_ELIMIT, "%s: more than %d journal files; merge fewer at a time", dir,
                      MAX_JOURNALS);
    else if (!(names[*n] = fs_strdup(e->d_name)))
      rc = fs_err_set(err, FS_ENOMEM, "out of memory");
    else
      (*n)++;
  }
  closedir(d);
  if (rc == 0) qsort(names, (size_t) *n, sizeof names[0], cmp_str);
  return rc;
}

int fs_sweep_folder_read(const char *dir, const fs_sweep_spec *s, const fs_design *dz,
                         fs_sweep_rows *rows, int *nfiles, fs_err *err) {
  char **names = fs_calloc(MAX_JOURNALS, sizeof *names);
  if (!names) return fs_err_set(err, FS_ENOMEM, "out of memory");
  int n = 0, rc = journal_names(dir, names, &n, err);
  for (int i = 0; i < n; i++) {
    char path[FS_PATH_MAX];
    if (rc == 0) rc = fs_path_join(path, sizeof path, dir, names[i], err);
    if (rc == 0) rc = fs_sweep_rows_read(rows, s, dz, path, 0, 1, err);
    free(names[i]);
  }
  free(names);
  *nfiles += n;
  return rc;
}

/* manifest.json of a finished sweep folder. */
static int write_manifest(const char *dir, const fs_sweep_spec *s, const fs_design *dz,
                          const fs_sweep_manifest *m, size_t failed, fs_err *err) {
  FILE *f = fs_out_open_tmp(dir, "manifest.json", err);
  if (!f) return FS_EIO;
  fs_manifest head = {
      .kind = "sweep", .command = m->command, .seed = s->run_seed, .wall_seconds = m->wall_seconds};
  fs_manifest_input_add(&head, "scenario", s->scenario, 1, s->scenario_hash);
  if (s->portfolio[0])
    fs_manifest_input_add(&head, "portfolio", s->portfolio, 1, s->portfolio_hash);
  const char *models = s->models_dir[0] ? s->models_dir : fs_scenario_models_dir();
  fs_manifest_input_add(&head, "models", models, 0, 0);
  fs_manifest_head(f, &head);
  fputs("  \"scenario_name\": ", f);
  fs_json_str(f, s->name);
  fprintf(f, ",\n");
  fprintf(f,
          "  \"design\": \"%s\",\n  \"n\": %zu,\n  \"points\": %zu,\n  \"design_points\": %zu,\n",
          fs_design_kind_name(s->design), s->n, dz->npoints, dz->ndesign);
  fprintf(f, "  \"replications\": %d,\n  \"tasks\": %zu,\n", s->reps, fs_sweep_ntasks(s, dz));
  fputs("  \"scale\": ", f);
  fs_json_num(f, s->scale);
  fputs(",\n", f);
  fprintf(f, "  \"oat\": %s,\n  \"bootstrap\": %d,\n", s->oat ? "true" : "false", s->nboot);
  fs_sweep_params_json(s, f);
  fprintf(f, "  \"failed_tasks\": %zu,\n  \"fingerprint\": \"%016" PRIx64 "\",\n", failed,
          s->fingerprint);
  fprintf(f, "  \"runner\": %s\n}\n", m->runner_json);
  return fs_out_close_tmp(f, dir, "manifest.json", err);
}

int fs_sweep_folder_finish(const char *dir, const fs_sweep_spec *s, const fs_design *dz,
                           const fs_sweep_rows *rows, const fs_sweep_manifest *m, size_t *failed,
                           fs_err *err) {
  *failed = 0;
  for (size_t t = 0; t < rows->ntasks; t++)
    *failed += (size_t) fs_sweep_row_failed(s, rows->row[t]);
  /* Every file written before any appears: the tables, then the manifest
     that makes the folder a finished sweep's. */
  int rc = fs_sweep_write_tables(dir, s, dz, rows, err);
  if (rc != 0) return rc;
  if ((rc = write_manifest(dir, s, dz, m, *failed, err)) != 0) {
    fs_sweep_tables_drop(dir, 3);
    return rc;
  }
  if ((rc = fs_sweep_tables_commit(dir, err)) == 0)
    rc = fs_out_rename_tmp(dir, "manifest.json", err);
  else
    fs_out_remove_tmp(dir, "manifest.json");
  return rc;
}

/* "0, 1, 2, ..." of the first missing tasks, into buf. */
static size_t missing_list(const fs_sweep_rows *rows, char *buf, size_t cap) {
  size_t shown = 0;
  buf[0] = '\0';
  for (size_t t = 0; t < rows->ntasks && shown < 10; t++)
    if (!rows->row[t]) {
      size_t n = strlen(buf);
      snprintf(buf + n, cap - n, "%s%zu", shown ? ", " : "", t);
      shown++;
    }
  return shown;
}

/* The specs of dirs: all the same sweep, into *s. */
static int merge_specs(const char *const *dirs, int ndirs, fs_sweep_spec *s, fs_err *err) {
  fs_sweep_spec *other = fs_malloc(sizeof *other);
  if (!other) return fs_err_set(err, FS_ENOMEM, "out of memory");
  int rc = fs_sweep_spec_read_dir(s, dirs[0], err);
  uint64_t fp = s->fingerprint;
  for (int i = 1; rc == 0 && i < ndirs; i++) {
    rc = fs_sweep_spec_read_dir(other, dirs[i], err);
    if (rc == 0 && other->fingerprint != fp)
      rc = fs_err_set(err, FS_EINVAL, "%s holds another sweep than %s (their sweep.json differ)",
                      dirs[i], dirs[0]);
  }
  free(other);
  return rc;
}

int fs_sweep_merge(const char *const *dirs, int ndirs, const char *out, fs_sweep_merged *res,
                   fs_err *err) {
  double t0 = fs_now();
  memset(res, 0, sizeof *res);
  int rc = merge_specs(dirs, ndirs, &res->spec, err);
  const fs_sweep_spec *s = &res->spec;
  if (rc == 0)
    rc = fs_design_build(&res->dz, s->design, s->params, s->d, s->n, s->oat, s->run_seed, err);
  if (rc == 0) rc = fs_sweep_rows_init(&res->rows, fs_sweep_ntasks(s, &res->dz), err);
  for (int i = 0; rc == 0 && i < ndirs; i++)
    rc = fs_sweep_folder_read(dirs[i], s, &res->dz, &res->rows, &res->nfiles, err);
  const fs_sweep_rows *rows = &res->rows;
  if (rc == 0 && rows->present < rows->ntasks) {
    char list[256];
    size_t shown = missing_list(rows, list, sizeof list);
    rc = fs_err_set(err, FS_EINVAL,
                    "%zu of %zu tasks are missing (first: %s%s) from %d journal file(s): has every "
                    "shard finished?",
                    rows->ntasks - rows->present, rows->ntasks, list,
                    rows->ntasks - rows->present > shown ? ", ..." : "", res->nfiles);
  }
  if (rc == 0) rc = fs_sweep_folder_prepare(out, s, 0, err);
  if (rc == 0) {
    snprintf(res->runner_json, sizeof res->runner_json,
             "{\"merged_folders\": %d, \"journal_files\": %d}", ndirs, res->nfiles);
    res->wall_seconds = fs_now() - t0;
  }
  return rc;
}

void fs_sweep_merged_free(fs_sweep_merged *res) {
  fs_sweep_rows_free(&res->rows);
  fs_design_free(&res->dz);
}
