/* test_plt.c: the period loss table: determinism, Poisson counts, dates, limits. */
#include <math.h>
#include <string.h>

#include "loss/plt.h"
#include "tap.h"

static int same_table(const fs_plt *a, const fs_plt *b) {
  return a->n == b->n && a->nperiods == b->nperiods &&
         memcmp(a->row, b->row, a->n * sizeof *a->row) == 0 &&
         memcmp(a->first, b->first, (a->nperiods + 1) * sizeof *a->first) == 0;
}

int main(void) {
  fs_err err = {0};
  fs_plt a, b;

  tap_ok(fs_plt_build(&a, 0.7, 5000, 100, 42, &err) == 0, "build rate 0.7, 5000 years");
  tap_ok(fs_plt_build(&b, 0.7, 5000, 100, 42, &err) == 0, "build it again");
  tap_ok(same_table(&a, &b), "same seed gives the same table (%zu occurrences)", a.n);
  fs_plt_free(&b);
  tap_ok(fs_plt_build(&b, 0.7, 5000, 100, 43, &err) == 0 && !same_table(&a, &b),
         "another seed gives another table");
  fs_plt_free(&b);

  /* Structure: offsets, ranges, order within a year. */
  int ok = a.first[0] == 0 && a.first[a.nperiods] == a.n;
  for (size_t p = 1; p <= a.nperiods && ok; p++) {
    ok = a.first[p - 1] <= a.first[p];
    for (size_t i = a.first[p - 1]; i < a.first[p] && ok; i++) {
      const fs_plt_row *r = &a.row[i];
      ok = r->period == p && r->sample >= 1 && r->sample <= 100 && r->day >= 1 && r->day <= 365 &&
           r->minute < 1440;
      if (i > a.first[p - 1]) {
        const fs_plt_row *q = &a.row[i - 1];
        ok = ok && (q->day < r->day || (q->day == r->day && q->minute <= r->minute));
      }
    }
  }
  tap_ok(ok, "rows grouped by period, ids and dates in range, sorted by date within a year");

  /* Prefix: the first 2000 years of a 5000-year table are the 2000-year table. */
  tap_ok(fs_plt_build(&b, 0.7, 2000, 100, 42, &err) == 0 && b.n == a.first[2000] &&
             memcmp(a.row, b.row, b.n * sizeof *b.row) == 0,
         "a shorter table is a prefix of a longer one");
  fs_plt_free(&b);

  /* Changing R changes only the sample ids. */
  tap_ok(fs_plt_build(&b, 0.7, 5000, 7, 42, &err) == 0, "same seed with 7 samples");
  int only_sample = b.n == a.n, some_differ = 0;
  for (size_t i = 0; i < a.n && only_sample; i++) {
    only_sample = a.row[i].period == b.row[i].period && a.row[i].day == b.row[i].day &&
                  a.row[i].minute == b.row[i].minute && b.row[i].sample <= 7;
    some_differ |= a.row[i].sample != b.row[i].sample;
  }
  tap_ok(only_sample && some_differ, "changing the sample count changes only SampleId");
  fs_plt_free(&b);
  fs_plt_free(&a);

  /* Poisson counts: mean and variance lambda, P(0) = exp(-lambda). With
     200,000 years the mean's SD is sqrt(0.3 / 2e5) = 0.0012; allow 5 SD. */
  double lambda = 0.3;
  size_t years = 200000;
  tap_ok(fs_plt_build(&a, lambda, years, 4, 2024, &err) == 0, "build 200,000 years at rate 0.3");
  double s = 0, s2 = 0, zero = 0, per_sample[4] = {0};
  for (size_t p = 0; p < years; p++) {
    double k = (double) (a.first[p + 1] - a.first[p]);
    s += k, s2 += k * k, zero += k == 0;
  }
  for (size_t i = 0; i < a.n; i++) per_sample[a.row[i].sample - 1]++;
  double mean = s / years, var = s2 / years - mean * mean;
  tap_ok(fabs(mean - lambda) < 5 * sqrt(lambda / years), "mean occurrences per year %.4f ~ 0.3",
         mean);
  tap_ok(fabs(var - lambda) < 0.01, "variance %.4f ~ 0.3 (Poisson)", var);
  tap_ok(fabs(zero / years - exp(-lambda)) < 0.005, "share of years without the event %.4f ~ %.4f",
         zero / years, exp(-lambda));
  int uniform = 1;
  for (int k = 0; k < 4; k++) uniform &= fabs(per_sample[k] / a.n - 0.25) < 0.01;
  tap_ok(uniform, "samples drawn uniformly (%.3f %.3f %.3f %.3f)", per_sample[0] / a.n,
         per_sample[1] / a.n, per_sample[2] / a.n, per_sample[3] / a.n);
  double hour_sum = 0;
  for (size_t i = 0; i < a.n; i++) hour_sum += a.row[i].minute / 60;
  tap_ok(fabs(hour_sum / a.n - 11.5) < 0.2, "mean hour %.2f ~ 11.5", hour_sum / a.n);
  fs_plt_free(&a);

  tap_ok(fs_plt_build(&a, 0, 100, 10, 1, &err) == 0 && a.n == 0 && a.first[100] == 0,
         "rate 0: no occurrences");
  fs_plt_free(&a);
  tap_ok(fs_plt_build(&a, 3.5, 1, 1, 1, &err) == 0 && a.nperiods == 1, "a single period works");
  fs_plt_free(&a);

  tap_ok(fs_plt_build(&a, NAN, 10, 10, 1, &err) == FS_EINVAL && strstr(err.msg, "rate"),
         "NaN rate rejected: %s", err.msg);
  tap_ok(fs_plt_build(&a, -1, 10, 10, 1, &err) == FS_EINVAL, "negative rate rejected");
  tap_ok(fs_plt_build(&a, INFINITY, 10, 10, 1, &err) == FS_EINVAL, "infinite rate rejected");
  tap_ok(fs_plt_build(&a, 1, 0, 10, 1, &err) == FS_EINVAL && strstr(err.msg, "periods"),
         "zero periods rejected: %s", err.msg);
  tap_ok(fs_plt_build(&a, 1, 10, 0, 1, &err) == FS_EINVAL && strstr(err.msg, "samples"),
         "zero samples rejected: %s", err.msg);
  tap_ok(fs_plt_build(&a, 1, FS_PLT_MAX_PERIODS + 1u, 1, 1, &err) == FS_EINVAL,
         "too many periods rejected: %s", err.msg);
  tap_ok(fs_plt_build(&a, 100, 1000000, 10, 1, &err) == FS_ELIMIT && a.row == NULL,
         "rate x periods over the row limit refused before drawing: %s", err.msg);

  int m, d, all = 1;
  fs_plt_month_day(1, &m, &d), all &= m == 1 && d == 1;
  fs_plt_month_day(31, &m, &d), all &= m == 1 && d == 31;
  fs_plt_month_day(32, &m, &d), all &= m == 2 && d == 1;
  fs_plt_month_day(59, &m, &d), all &= m == 2 && d == 28;
  fs_plt_month_day(60, &m, &d), all &= m == 3 && d == 1;
  fs_plt_month_day(181, &m, &d), all &= m == 6 && d == 30;
  fs_plt_month_day(365, &m, &d), all &= m == 12 && d == 31;
  tap_ok(all, "day of year to month and day (no leap years)");
  return tap_done();
}
