/* num.c: strict decimal numbers (num.h). */
#include "util/num.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>

/* strtod alone would also take hex, "inf", "nan" and leading spaces. */
int fs_num_is_decimal(const char *s) {
  int digits = 0;
  if (*s == '+' || *s == '-') s++;
  while (isdigit((unsigned char) *s)) s++, digits++;
  if (*s == '.') {
    s++;
    while (isdigit((unsigned char) *s)) s++, digits++;
  }
  if (!digits) return 0;
  if (*s == 'e' || *s == 'E') {
    s++;
    if (*s == '+' || *s == '-') s++;
    if (!isdigit((unsigned char) *s)) return 0;
    while (isdigit((unsigned char) *s)) s++;
  }
  return *s == '\0';
}

/* Only digits after an optional sign (allowed when sign). */
static int whole(const char *s, int sign) {
  if (sign && (*s == '+' || *s == '-')) s++;
  if (!isdigit((unsigned char) *s)) return 0;
  while (isdigit((unsigned char) *s)) s++;
  return *s == '\0';
}

int fs_num_decimal(const char *s, double *out) {
  if (!fs_num_is_decimal(s)) return -1;
  errno = 0;
  double v = strtod(s, NULL);
  if (!isfinite(v) || errno == ERANGE) return -1;
  *out = v;
  return 0;
}

int fs_num_ll(const char *s, long long lo, long long hi, long long *out) {
  if (!whole(s, 1)) return -1;
  errno = 0;
  long long v = strtoll(s, NULL, 10);
  if (errno == ERANGE || v < lo || v > hi) return -1;
  *out = v;
  return 0;
}

int fs_num_u64(const char *s, uint64_t *out) {
  if (!whole(s, 0)) return -1;
  errno = 0;
  unsigned long long v = strtoull(s, NULL, 10);
  if (errno == ERANGE) return -1;
  *out = (uint64_t) v;
  return 0;
}
