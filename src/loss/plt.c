/* plt.c: draws the occurrences of the period loss table from their own random stream. */
#include "loss/plt.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "engine/rng.h"
#include "util/alloc.h"

static int row_cmp(const void *a, const void *b) {
  const fs_plt_row *x = a, *y = b;
  if (x->day != y->day) return x->day < y->day ? -1 : 1;
  if (x->minute != y->minute) return x->minute < y->minute ? -1 : 1;
  return 0;
}

/* Insertion sort within one year: a year holds a handful of occurrences, and
   unlike qsort it is stable, so ties keep their draw order on every libc. */
static void sort_year(fs_plt_row *r, size_t n) {
  for (size_t i = 1; i < n; i++) {
    fs_plt_row v = r[i];
    size_t j = i;
    while (j > 0 && row_cmp(&r[j - 1], &v) > 0) {
      r[j] = r[j - 1];
      j--;
    }
    r[j] = v;
  }
}

int fs_plt_build(fs_plt *plt, double rate, size_t nperiods, size_t nsamples, uint64_t seed,
                 fs_err *err) {
  memset(plt, 0, sizeof *plt);
  if (!(rate >= 0) || !isfinite(rate))
    return fs_err_set(err, FS_EINVAL, "event rate must be a finite number >= 0 per year (got %g)",
                      rate);
  if (nperiods < 1 || nperiods > FS_PLT_MAX_PERIODS)
    return fs_err_set(err, FS_EINVAL, "number of periods must be between 1 and %u (got %zu)",
                      FS_PLT_MAX_PERIODS, nperiods);
  if (nsamples < 1 || nsamples > UINT32_MAX)
    return fs_err_set(err, FS_EINVAL, "number of samples must be between 1 and %u (got %zu)",
                      UINT32_MAX, nsamples);
  /* Refuse up front what would surely blow the row limit, before drawing. */
  if (rate * (double) nperiods > FS_PLT_MAX_ROWS)
    return fs_err_set(err, FS_ELIMIT,
                      "rate %g over %zu periods means about %.0f occurrences, more than the "
                      "limit of %u; use fewer periods",
                      rate, nperiods, rate * (double) nperiods, FS_PLT_MAX_ROWS);

  plt->rate = rate;
  plt->nperiods = nperiods;
  plt->nsamples = nsamples;
  plt->first = fs_malloc((nperiods + 1) * sizeof *plt->first);
  size_t cap = (size_t) (rate * (double) nperiods * 1.1) + 64;
  plt->row = fs_malloc(cap * sizeof *plt->row);
  gsl_rng *r = fs_rng_new(seed, FS_PLT_STREAM);
  if (!plt->first || !plt->row || !r) {
    if (r) gsl_rng_free(r);
    fs_plt_free(plt);
    return fs_err_set(err, FS_ENOMEM, "out of memory for a period loss table of %zu periods",
                      nperiods);
  }

  size_t n = 0;
  for (size_t p = 1; p <= nperiods; p++) {
    plt->first[p - 1] = n;
    unsigned k = gsl_ran_poisson(r, rate);
    if (n + k > FS_PLT_MAX_ROWS) {
      gsl_rng_free(r);
      fs_plt_free(plt);
      return fs_err_set(err, FS_ELIMIT, "more than %u occurrences in the period loss table",
                        FS_PLT_MAX_ROWS);
    }
    if (n + k > cap) {
      size_t ncap = 2 * cap > n + k ? 2 * cap : n + k;
      fs_plt_row *grown = fs_realloc(plt->row, ncap * sizeof *grown);
      if (!grown) {
        gsl_rng_free(r);
        fs_plt_free(plt);
        return fs_err_set(err, FS_ENOMEM, "out of memory for %zu occurrences", ncap);
      }
      plt->row = grown;
      cap = ncap;
    }
    for (unsigned i = 0; i < k; i++) {
      fs_plt_row *w = &plt->row[n + i];
      w->period = (uint32_t) p;
      w->sample = (uint32_t) (1 + fs_rng_below(r, nsamples));
      w->day = (uint16_t) (1 + fs_rng_below(r, 365));
      w->minute = (uint16_t) fs_rng_below(r, 1440);
    }
    sort_year(plt->row + n, k);
    n += k;
  }
  plt->first[nperiods] = n;
  plt->n = n;
  gsl_rng_free(r);
  return 0;
}

void fs_plt_free(fs_plt *plt) {
  if (!plt) return;
  free(plt->row);
  free(plt->first);
  memset(plt, 0, sizeof *plt);
}

void fs_plt_month_day(int doy, int *month, int *mday) {
  static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int m = 0;
  if (doy < 1) doy = 1;
  if (doy > 365) doy = 365;
  while (doy > len[m]) doy -= len[m++];
  *month = m + 1;
  *mday = doy;
}
