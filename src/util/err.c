/* err.c: the error buffer. */
#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int fs_err_set(fs_err *err, int code, const char *fmt, ...) {
  if (!err) return code;
  err->code = code;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->msg, sizeof err->msg, fmt, ap);
  va_end(ap);
  return code;
}

void fs_err_prefix(fs_err *err, const char *fmt, ...) {
  if (!err) return;
  char buf[2 * FS_ERR_MAX + 2];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, FS_ERR_MAX, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  size_t len = strlen(buf);
  buf[len++] = ':';
  buf[len++] = ' ';
  memcpy(buf + len, err->msg, strnlen(err->msg, FS_ERR_MAX - 1) + 1);
  buf[FS_ERR_MAX - 1] = '\0';
  memcpy(err->msg, buf, FS_ERR_MAX);
}

void fs_err_clear(fs_err *err) {
  if (!err) return;
  err->code = 0;
  err->msg[0] = '\0';
}
