/* err.c: the error buffer. */
#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Control bytes other than a line break or a tab (a name from a file may hold an
   escape sequence that would drive the terminal the message is printed
   on) become \xHH; what does not fit is cut. */
static void escape_controls(char *msg) {
  char buf[FS_ERR_MAX];
  size_t o = 0;
  for (const unsigned char *p = (const unsigned char *) msg; *p && o + 1 < sizeof buf; p++) {
    if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f) {
      if (o + 5 >= sizeof buf) break;
      o += (size_t) snprintf(buf + o, 5, "\\x%02x", *p);
    } else
      buf[o++] = (char) *p;
  }
  buf[o] = '\0';
  memcpy(msg, buf, o + 1);
}

int fs_err_set(fs_err *err, int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fs_err_vset(err, code, fmt, ap);
  va_end(ap);
  return code;
}

int fs_err_vset(fs_err *err, int code, const char *fmt, va_list ap) {
  if (!err) return code;
  err->code = code;
  vsnprintf(err->msg, sizeof err->msg, fmt, ap);
  if (strpbrk(err->msg, "\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0d\x0e\x0f\x10\x11\x12"
                        "\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f"))
    escape_controls(err->msg);
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
  escape_controls(err->msg); /* the prefix may name a file */
}

void fs_err_clear(fs_err *err) {
  if (!err) return;
  err->code = 0;
  err->msg[0] = '\0';
}
