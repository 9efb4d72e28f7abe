/* plt.h: the period loss table's occurrences: which years an event happens in, when, and with which
 * sample. */
#ifndef FS_PLT_H
#define FS_PLT_H

#include <stddef.h>
#include <stdint.h>

#include "engine/rng.h"
#include "util/err.h"

/* The stream task id of the occurrence draws. Replications use tasks 0, 1, ...
   and the fleet synthesis uses UINT64_MAX (cli/cmd_run.c), so the table's
   draws never share a stream with the simulation: the same (seed, rate,
   periods, samples) gives the same table whatever else the run does. */
#define FS_PLT_STREAM FS_STREAM_PLT

/* More occurrences than this is an error (FS_ELIMIT): 12 bytes each, so the
   table stays under about 600 MB. */
#define FS_PLT_MAX_ROWS 50000000u
/* More periods than this is an error (FS_EINVAL): ten million years already
   resolve a 1-in-100,000-year loss. */
#define FS_PLT_MAX_PERIODS 10000000u

/* One occurrence of the event. Periods are model years: Year = Period. */
typedef struct fs_plt_row {
  uint32_t period; /* 1..nperiods */
  uint32_t sample; /* SampleId, 1..nsamples */
  uint16_t day;    /* day of the year, 1..365 (no leap years) */
  uint16_t minute; /* minute of the day, 0..1439 */
} fs_plt_row;

/* Occurrences sorted by (period, day, minute, draw order). Owned by whoever
   called fs_plt_build; free with fs_plt_free. */
typedef struct fs_plt {
  double rate;     /* annual rate the table was drawn with */
  size_t nperiods; /* Y */
  size_t nsamples; /* R */
  size_t n;        /* number of occurrences */
  fs_plt_row *row; /* n rows */
  size_t *first;   /* nperiods + 1 offsets: period p's rows are [first[p-1], first[p]) */
} fs_plt;

/* Draws the occurrences of one event with annual rate `rate` (>= 0, finite)
   over `nperiods` one-year periods (>= 1), each occurrence using one of
   `nsamples` (>= 1) simulated samples, from stream fs_rng_new(seed,
   FS_PLT_STREAM).

   Draw order, per year: k ~ Poisson(rate) (gsl_ran_poisson), then for each
   of the k occurrences the sample (uniform in 1..nsamples), the day
   (uniform in 1..365) and the minute of the day (uniform in 0..1439), one
   64-bit draw each. Consequences: changing nsamples changes only the
   SampleId column; the table for Y years is the first Y years of the table
   for more years. Returns 0, FS_EINVAL, FS_ENOMEM or FS_ELIMIT. */
int fs_plt_build(fs_plt *plt, double rate, size_t nperiods, size_t nsamples, uint64_t seed,
                 fs_err *err);

void fs_plt_free(fs_plt *plt);

/* Month (1..12) and day of month (1..31) of day-of-year `doy` (1..365) in a
   non-leap year. */
void fs_plt_month_day(int doy, int *month, int *mday);

#endif
