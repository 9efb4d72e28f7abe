/* clock.h: monotonic seconds, for wall times, progress and rate limits. */
#ifndef FS_CLOCK_H
#define FS_CLOCK_H

/* Seconds on CLOCK_MONOTONIC (an arbitrary origin; differences only). */
double fs_now(void);

#endif
