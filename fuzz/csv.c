/* csv.c: fuzzes the strict CSV reader (util/csv.h) from memory: the header,
   every record, every field read as text and as a number under each
   combination of fs_csv_number's flags. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "util/csv.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void) argc;
  (void) argv;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* fmemopen wants a writable buffer; a copy also keeps reads in bounds. */
  char *buf = malloc(size ? size : 1);
  if (!buf) abort();
  if (size) memcpy(buf, data, size);
  FILE *f = fmemopen(buf, size, "rb");
  if (!f) {
    free(buf);
    return 0;
  }
  fs_csv *c = NULL;
  fs_err err = {0};
  int rc = fs_csv_open_stream(&c, f, "fuzz.csv", &err);
  if (rc == 0) {
    size_t n = fs_csv_ncols(c);
    for (size_t i = 0; i < n; i++) {
      const char *name = fs_csv_colname(c, i);
      /* The first column of a given name (names are distinct). */
      if (fs_csv_find(c, name) != (long) i) abort();
    }
    long prev = 0;
    while ((rc = fs_csv_next(c, &err)) == 1) {
      if (fs_csv_line(c) <= prev) abort(); /* records start on later lines */
      prev = fs_csv_line(c);
      for (size_t i = 0; i < n; i++) {
        const char *v = fs_csv_field(c, i);
        if (fs_csv_get(c, fs_csv_colname(c, i)) != v) abort();
        double x = 0;
        fs_err e2 = {0};
        unsigned flags = (unsigned) (i % 32);
        int nr = fs_csv_number(c, i, flags, &x, &e2);
        if (nr < 0 && e2.msg[0] == '\0') abort(); /* an error comes with its message */
      }
      if (n) fs_csv_fail(c, n - 1, &err, -2, "fuzz %s", "message");
    }
    if (rc < 0 && err.msg[0] == '\0') abort();
  } else if (c || err.msg[0] == '\0') {
    abort(); /* on error *out is NULL and err says why */
  }
  fs_csv_close(c);
  fclose(f);
  free(buf);
  return 0;
}
