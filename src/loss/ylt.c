/* ylt.c: a catalogue's year loss table from its own random stream. */
#include "loss/ylt.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "engine/rng.h"
#include "loss/ep.h"
#include "util/alloc.h"

/* An occurrence with its sort key: minute of the year, then draw order
   (unique, so qsort needs no stability). */
typedef struct keyed {
  uint64_t key;
  fs_ylt_occ occ;
} keyed;

static int keyed_cmp(const void *a, const void *b) {
  uint64_t x = ((const keyed *) a)->key, y = ((const keyed *) b)->key;
  return x < y ? -1 : x > y;
}

/* Sorts one year's occurrences by (day, minute), ties in draw order:
   insertion for the usual handful, qsort on keys (scratch of at least n)
   for many. */
static void sort_year(fs_ylt_occ *r, size_t n, keyed *scratch) {
  if (n > 16 && scratch) {
    for (size_t i = 0; i < n; i++)
      scratch[i] = (keyed){((uint64_t) r[i].day * 1440u + r[i].minute) << 32 | i, r[i]};
    qsort(scratch, n, sizeof *scratch, keyed_cmp);
    for (size_t i = 0; i < n; i++) r[i] = scratch[i].occ;
    return;
  }
  for (size_t i = 1; i < n; i++) {
    fs_ylt_occ v = r[i];
    size_t j = i;
    while (j > 0 &&
           (r[j - 1].day > v.day || (r[j - 1].day == v.day && r[j - 1].minute > v.minute))) {
      r[j] = r[j - 1];
      j--;
    }
    r[j] = v;
  }
}

/* The event whose cumulative-rate interval holds u in [0, total): the
   first e with cum[e] > u (cum[e] = rate[0] + ... + rate[e]). */
static uint32_t pick_event(const double *cum, size_t n, double u) {
  size_t lo = 0, hi = n - 1;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (cum[mid] > u)
      hi = mid;
    else
      lo = mid + 1;
  }
  return (uint32_t) lo;
}

static int check_inputs(const double *rate, size_t nevents, size_t nsamples, size_t nyears,
                        double cluster, double *total, fs_err *err) {
  if (nevents < 1 || nevents > FS_YLT_MAX_EVENTS)
    return fs_err_set(err, FS_EINVAL, "a catalogue needs 1 to %u events (got %zu)",
                      FS_YLT_MAX_EVENTS, nevents);
  if (nyears < 1 || nyears > FS_YLT_MAX_YEARS)
    return fs_err_set(err, FS_EINVAL, "years must be between 1 and %u (got %zu)", FS_YLT_MAX_YEARS,
                      nyears);
  if (nsamples < 1 || nsamples > UINT32_MAX)
    return fs_err_set(err, FS_EINVAL, "samples per event must be between 1 and %u (got %zu)",
                      UINT32_MAX, nsamples);
  if (!(cluster >= 0 && cluster <= FS_YLT_MAX_CLUSTER))
    return fs_err_set(err, FS_EINVAL, "clustering must be between 0 and %g (got %g)",
                      FS_YLT_MAX_CLUSTER, cluster);
  double t = 0;
  for (size_t e = 0; e < nevents; e++) {
    if (!(rate[e] >= 0) || !isfinite(rate[e]))
      return fs_err_set(err, FS_EINVAL,
                        "event %zu: its annual rate must be a finite number >= 0 (got %g)", e + 1,
                        rate[e]);
    t += rate[e];
  }
  if (t * (double) nyears > FS_YLT_MAX_OCC)
    return fs_err_set(err, FS_ELIMIT,
                      "a total rate of %g over %zu years means about %.0f occurrences, more than "
                      "the limit of %u; simulate fewer years",
                      t, nyears, t * (double) nyears, FS_YLT_MAX_OCC);
  *total = t;
  return 0;
}

/* Makes room for n + k occurrences. */
static int reserve(fs_ylt *y, size_t *cap, size_t k, fs_err *err) {
  if (y->n + k > FS_YLT_MAX_OCC)
    return fs_err_set(err, FS_ELIMIT, "more than %u occurrences in the year loss table",
                      FS_YLT_MAX_OCC);
  if (y->n + k <= *cap) return 0;
  size_t ncap = 2 * *cap > y->n + k ? 2 * *cap : y->n + k;
  fs_ylt_occ *grown = fs_realloc(y->occ, ncap * sizeof *grown);
  if (!grown) return fs_err_set(err, FS_ENOMEM, "out of memory for %zu occurrences", ncap);
  y->occ = grown;
  *cap = ncap;
  return 0;
}

static int draw_years(fs_ylt *y, const double *cum, double total, gsl_rng *r, fs_err *err) {
  size_t cap = (size_t) (total * (double) y->nyears * 1.1) + 64, scap = 0;
  keyed *scratch = NULL;
  y->occ = fs_malloc(cap * sizeof *y->occ);
  if (!y->occ) return fs_err_set(err, FS_ENOMEM, "out of memory for %zu occurrences", cap);
  for (size_t yr = 0; yr < y->nyears; yr++) {
    y->first[yr] = y->n;
    double m = y->cluster > 0 ? gsl_ran_gamma(r, 1.0 / y->cluster, y->cluster) : 1.0;
    unsigned k = total > 0 ? gsl_ran_poisson(r, m * total) : 0;
    int rc = reserve(y, &cap, k, err);
    if (rc == 0 && k > 16 && k > scap) {
      free(scratch);
      scap = 2 * (size_t) k;
      if (!(scratch = fs_malloc(scap * sizeof *scratch)))
        rc = fs_err_set(err, FS_ENOMEM, "out of memory for %u occurrences in a year", k);
    }
    if (rc != 0) {
      free(scratch);
      return rc;
    }
    for (unsigned i = 0; i < k; i++) {
      fs_ylt_occ *o = &y->occ[y->n + i];
      o->year = (uint32_t) yr;
      o->event = pick_event(cum, y->nevents, fs_rng_u01(r) * total);
      o->sample = (uint32_t) fs_rng_below(r, y->nsamples);
      o->day = (uint16_t) (1 + fs_rng_below(r, 365));
      o->minute = (uint16_t) fs_rng_below(r, 1440);
    }
    sort_year(y->occ + y->n, k, scratch);
    y->n += k;
  }
  free(scratch);
  y->first[y->nyears] = y->n;
  return 0;
}

int fs_ylt_build(fs_ylt *y, const double *rate, size_t nevents, size_t nsamples, size_t nyears,
                 double cluster, uint64_t seed, uint64_t stream, fs_err *err) {
  memset(y, 0, sizeof *y);
  double total = 0;
  int rc = check_inputs(rate, nevents, nsamples, nyears, cluster, &total, err);
  if (rc != 0) return rc;
  y->nyears = nyears;
  y->nevents = nevents;
  y->nsamples = nsamples;
  y->cluster = cluster;
  y->first = fs_malloc((nyears + 1) * sizeof *y->first);
  double *cum = fs_malloc(nevents * sizeof *cum);
  gsl_rng *r = fs_rng_new(seed, stream);
  if (!y->first || !cum || !r) {
    rc = fs_err_set(err, FS_ENOMEM, "out of memory for a year loss table of %zu years", nyears);
  } else {
    double c = 0;
    for (size_t e = 0; e < nevents; e++) cum[e] = c += rate[e];
    rc = draw_years(y, cum, c, r, err);
  }
  if (r) gsl_rng_free(r);
  free(cum);
  if (rc != 0) fs_ylt_free(y);
  return rc;
}

void fs_ylt_free(fs_ylt *y) {
  if (!y) return;
  free(y->occ);
  free(y->first);
  memset(y, 0, sizeof *y);
}

void fs_ylt_year_losses(const fs_ylt *y, const double *loss, double *agg, double *occ) {
  for (size_t yr = 0; yr < y->nyears; yr++) {
    double sum = 0, max = 0;
    for (size_t i = y->first[yr]; i < y->first[yr + 1]; i++) {
      const fs_ylt_occ *o = &y->occ[i];
      double l = loss[(size_t) o->event * y->nsamples + o->sample];
      sum += l;
      if (l > max) max = l;
    }
    if (agg) agg[yr] = sum;
    if (occ) occ[yr] = max;
  }
}

void fs_ylt_group_losses(const fs_ylt *y, const double *loss, const uint32_t *group, size_t ngroups,
                         double *out) {
  memset(out, 0, y->nyears * ngroups * sizeof *out);
  for (size_t i = 0; i < y->n; i++) {
    const fs_ylt_occ *o = &y->occ[i];
    out[(size_t) o->year * ngroups + group[o->event]] +=
        loss[(size_t) o->event * y->nsamples + o->sample];
  }
}

int fs_ylt_figures(const double *agg, const double *occ, size_t nyears, const double *rps,
                   size_t nrp, fs_ylt_fig *out, fs_err *err) {
  double *a = fs_malloc(nyears * sizeof *a), *o = fs_malloc(nyears * sizeof *o);
  if (!a || !o) {
    free(a);
    free(o);
    return fs_err_set(err, FS_ENOMEM, "out of memory for %zu year losses", nyears);
  }
  double s = 0, ss = 0;
  for (size_t i = 0; i < nyears; i++) s += agg[i];
  out->aal = s / (double) nyears;
  for (size_t i = 0; i < nyears; i++) ss += (agg[i] - out->aal) * (agg[i] - out->aal);
  out->sd = nyears > 1 ? sqrt(ss / (double) (nyears - 1)) : 0;
  memcpy(a, agg, nyears * sizeof *a);
  memcpy(o, occ, nyears * sizeof *o);
  fs_ep_sort_desc(a, nyears);
  fs_ep_sort_desc(o, nyears);
  for (size_t k = 0; k < nrp; k++) {
    out->oep[k] = fs_ep_loss_at(o, nyears, rps[k]);
    out->aep[k] = fs_ep_loss_at(a, nyears, rps[k]);
    out->oep_tvar[k] = fs_ep_tvar_at(o, nyears, rps[k]);
    out->aep_tvar[k] = fs_ep_tvar_at(a, nyears, rps[k]);
  }
  free(a);
  free(o);
  return 0;
}

typedef struct ranked {
  double loss;
  size_t year;
} ranked;

static int ranked_desc(const void *pa, const void *pb) {
  const ranked *a = pa, *b = pb;
  if (a->loss != b->loss) return a->loss > b->loss ? -1 : 1;
  return a->year < b->year ? -1 : a->year > b->year;
}

int fs_ylt_tail_contrib(const double *agg, const double *gout, size_t nyears, size_t ngroups,
                        double rp, double *tv, fs_err *err) {
  if (!(rp > 0) || !isfinite(rp))
    return fs_err_set(err, FS_EINVAL, "return period must be a finite number > 0 (got %g)", rp);
  ranked *r = fs_malloc(nyears * sizeof *r);
  if (!r) return fs_err_set(err, FS_ENOMEM, "out of memory for %zu year losses", nyears);
  for (size_t i = 0; i < nyears; i++) r[i] = (ranked){agg[i], i};
  qsort(r, nyears, sizeof *r, ranked_desc);
  double kk = ceil((double) nyears / rp);
  size_t k = kk < 1 ? 1 : kk > (double) nyears ? nyears : (size_t) kk;
  for (size_t g = 0; g < ngroups; g++) tv[g] = 0;
  for (size_t i = 0; i < k; i++)
    for (size_t g = 0; g < ngroups; g++) tv[g] += gout[r[i].year * ngroups + g];
  for (size_t g = 0; g < ngroups; g++) tv[g] /= (double) k;
  free(r);
  return 0;
}
