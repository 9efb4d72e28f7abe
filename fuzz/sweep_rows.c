/* sweep_rows.c: fuzzes the sweep journal reader (sweep/sweep.h:
   fs_sweep_rows_read) against a fixed sweep: fuzz/data/sweep.json (a grid
   of 3 x 2 points with the one-at-a-time block, 2 replications: 22 tasks)
   read once with fs_sweep_spec_read, and its design. The input is a
   journal (tasks.csv), read as --resume reads it (a torn last line cut
   off) and then as merge reads a second shard of the same rows (every
   task once across files). When the rows are complete, the tables
   (sweep.csv, points.csv, sensitivity.csv) are written into the
   harness's folder and dropped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "sweep/sweep.h"

static fs_sweep_spec spec;
static fs_design dz;
static size_t ntasks;

static char out_dir[1024];

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void) argc;
  (void) argv;
  char path[1024];
  fs_err err = {0};
  snprintf(path, sizeof path, "%s/fuzz/data/sweep.json", fs_fuzz_source_root());
  if (fs_sweep_spec_read(&spec, path, &err) != 0 ||
      fs_design_build(&dz, spec.design, spec.params, spec.d, spec.n, spec.oat, spec.run_seed,
                      &err) != 0) {
    fprintf(stderr, "fuzz sweep_rows: %s\n", err.msg);
    abort();
  }
  spec.nboot = 20; /* the tables' bootstrap: the figures do not matter here */
  ntasks = fs_sweep_ntasks(&spec, &dz);
  fs_fuzz_path(out_dir, sizeof out_dir, "out");
  if (mkdir(out_dir, 0700) != 0) abort();
  return 0;
}

/* What fs_sweep_rows_read promises of the rows it keeps. */
static void check_rows(const fs_sweep_rows *r) {
  size_t present = 0, failed = 0;
  for (size_t t = 0; t < r->ntasks; t++) {
    if (!r->row[t]) continue;
    present++;
    failed += (size_t) fs_sweep_row_failed(&spec, r->row[t]);
    size_t len = strlen(r->row[t]);
    /* one line each, as fs_sweep_row writes them */
    if (!r->where[t] || !len || strchr(r->row[t], '\n') != r->row[t] + len - 1) abort();
  }
  if (present != r->present || failed != r->failed) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char path[1024];
  fs_fuzz_write(path, sizeof path, "tasks.csv", data, size);
  fs_sweep_rows r, again;
  fs_err err = {0};
  if (fs_sweep_rows_init(&r, ntasks, &err) != 0 || fs_sweep_rows_init(&again, ntasks, &err) != 0)
    abort();
  /* As --resume reads its journal: a torn last line is cut off the file. */
  int rc = fs_sweep_rows_read(&r, &spec, &dz, path, 1, 0, &err);
  if (rc == 0) {
    check_rows(&r);
    /* As merge reads a shard: the file, cut, reads the same. */
    if (fs_sweep_rows_read(&again, &spec, &dz, path, 0, 1, &err) != 0) {
      fprintf(stderr, "fuzz sweep_rows: the cut journal does not read again: %s\n", err.msg);
      abort();
    }
    for (size_t t = 0; t < ntasks; t++)
      if ((r.row[t] == NULL) != (again.row[t] == NULL) ||
          (r.row[t] && strcmp(r.row[t], again.row[t]) != 0))
        abort();
    if (r.present == ntasks) {
      if (fs_sweep_write_tables(out_dir, &spec, &dz, &r, &err) == 0)
        fs_sweep_tables_drop(out_dir, 3);
      else if (err.code != FS_ENOMEM)
        abort();
    }
  } else if (err.msg[0] == '\0') {
    abort();
  }
  fs_sweep_rows_free(&again);
  fs_sweep_rows_free(&r);
  return 0;
}
