/* path.c: paths into fixed buffers, too long being an error (path.h). */
#include "util/path.h"

#include <stdarg.h>
#include <stdio.h>

int fs_path_fmt(char *buf, size_t cap, fs_err *err, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, cap, fmt, ap);
  va_end(ap);
  if (n >= 0 && (size_t) n < cap) return 0;
  int rc = n < 0 ? fs_err_set(err, FS_ELIMIT, "%.80s...: cannot format the path", buf)
                 : fs_err_set(err, FS_ELIMIT, "%.80s...: path too long (%d bytes; at most %zu)",
                              buf, n, cap ? cap - 1 : 0);
  if (cap) buf[0] = '\0';
  return rc;
}

int fs_path_join(char *buf, size_t cap, const char *dir, const char *name, fs_err *err) {
  return fs_path_fmt(buf, cap, err, "%s/%s", dir, name);
}
