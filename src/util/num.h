/* num.h: numbers from the command line, the environment and files, parsed
   strictly: decimal only (no hex, octal, "inf", "nan", spaces or trailing
   text), range and overflow checked. The caller names the option or field
   in its message. */
#ifndef FS_NUM_H
#define FS_NUM_H

#include <stdint.h>

/* Whether s is a decimal number: an optional sign, digits with an
   optional fraction, an optional exponent, nothing else. */
int fs_num_is_decimal(const char *s);
/* Such a number whose value is finite (an overflow or an underflow to 0 of
   a non-zero text is refused). 0 with *out, or -1. */
int fs_num_decimal(const char *s, double *out);

/* Whole decimal numbers: an optional sign (never for u64), digits; within
   [lo, hi] for fs_num_ll, within uint64_t for fs_num_u64. 0 or -1. */
int fs_num_ll(const char *s, long long lo, long long hi, long long *out);
int fs_num_u64(const char *s, uint64_t *out);

#endif
