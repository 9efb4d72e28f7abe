/* clock.h: scenario time (hours since start) to local calendar time. */
#ifndef FS_CLOCK_H
#define FS_CLOCK_H

#include <math.h>

/* Local time of scenario hour t in a region at utc_offset hours from UTC,
   for a scenario that starts at start_unix seconds since the epoch. */
typedef struct fs_local {
  int weekday;  /* 0 = Monday ... 6 = Sunday */
  double hour;  /* 0 <= hour < 24 */
  double abs_h; /* hours since 1970-01-01 00:00 local */
} fs_local;

static inline fs_local fs_clock_local(double start_unix, double t, double utc_offset) {
  fs_local l;
  l.abs_h = start_unix / 3600.0 + t + utc_offset;
  double day = floor(l.abs_h / 24.0);
  l.hour = l.abs_h - day * 24.0;
  /* 1970-01-01 was a Thursday (weekday 3 counting from Monday = 0). */
  long d = (long) day;
  l.weekday = (int) (((d + 3) % 7 + 7) % 7);
  return l;
}

/* Scenario hour of the next whole local hour after t. */
static inline double fs_clock_next_hour(double start_unix, double t, double utc_offset) {
  double abs_h = start_unix / 3600.0 + t + utc_offset;
  double next = floor(abs_h) + 1.0;
  return t + (next - abs_h);
}

#endif
