/* tap.h: a minimal TAP producer for the C unit tests. */
#ifndef FS_TAP_H
#define FS_TAP_H

#include <stdarg.h>
#include <stdio.h>

static int tap__n = 0, tap__failed = 0;

static void tap_ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void tap_ok(int cond, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  printf("%sok %d - ", cond ? "" : "not ", ++tap__n);
  vprintf(fmt, ap);
  printf("\n");
  va_end(ap);
  if (!cond) tap__failed++;
  fflush(stdout);
}

static void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2), unused));
static void tap_diag(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  printf("# ");
  vprintf(fmt, ap);
  printf("\n");
  va_end(ap);
}

static int tap_done(void) {
  printf("1..%d\n", tap__n);
  return tap__failed ? 1 : 0;
}

#endif
