/* test_ord.c: the ORD tables as exact text from a hand-built event and period loss table. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loss/ep.h"
#include "loss/ord.h"
#include "tap.h"

/* As in test_ep.c: 4 years, 3 samples. */
static fs_plt_row rows[6] = {
    {1, 1, 10, 65}, {1, 3, 40, 0}, {3, 2, 365, 1439}, {4, 2, 1, 0}, {4, 2, 59, 720}, {4, 1, 60, 30},
};
static size_t first[5] = {0, 2, 2, 3, 6};

typedef int (*writer)(FILE *, const fs_ord_event *, const fs_plt *, fs_err *);

static int w_selt(FILE *f, const fs_ord_event *e, const fs_plt *p, fs_err *err) {
  (void) p;
  return fs_ord_write_selt(f, e, err);
}
static int w_melt(FILE *f, const fs_ord_event *e, const fs_plt *p, fs_err *err) {
  (void) p;
  return fs_ord_write_melt(f, e, err);
}
static int w_splt(FILE *f, const fs_ord_event *e, const fs_plt *p, fs_err *err) {
  return fs_ord_write_splt(f, e, p, err);
}
static int w_ept(FILE *f, const fs_ord_event *e, const fs_plt *p, fs_err *err) {
  static const double rps[4] = {4, 2, 1000, 3};
  return fs_ord_write_ept(f, e, p, rps, 4, err);
}
static int w_ept_default(FILE *f, const fs_ord_event *e, const fs_plt *p, fs_err *err) {
  return fs_ord_write_ept(f, e, p, NULL, 0, err);
}
static int w_alt(FILE *f, const fs_ord_event *e, const fs_plt *p, fs_err *err) {
  return fs_ord_write_alt(f, e, p, err);
}
static int w_quant(FILE *f, const fs_ord_event *e, const fs_plt *p, fs_err *err) {
  (void) p;
  return fs_ord_write_quantiles(f, e, err);
}

/* Runs a writer into memory; returns the text (caller frees) and the status. */
static char *run(writer w, const fs_ord_event *e, const fs_plt *p, int *rc, fs_err *err) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  *rc = w(f, e, p, err);
  fclose(f);
  return buf;
}

static int check_text(writer w, const fs_ord_event *e, const fs_plt *p, const char *want,
                      const char *what) {
  fs_err err = {0};
  int rc;
  char *got = run(w, e, p, &rc, &err);
  int ok = rc == 0 && strcmp(got, want) == 0;
  tap_ok(ok, "%s", what);
  if (!ok) tap_diag("rc %d (%s); got:\n%s", rc, err.msg, got);
  free(got);
  return ok;
}

static int no_nan(const char *s) {
  return !strstr(s, "nan") && !strstr(s, "inf") && !strstr(s, "-0.00");
}

int main(void) {
  fs_plt plt = {.rate = 1.5, .nperiods = 4, .nsamples = 3, .n = 6, .row = rows, .first = first};
  double l1[3] = {10, 20, 40}, e1[3] = {1, 2, 3}, l2[3] = {0, 5, 0};
  fs_ord_summary sum[2] = {{l1, e1, 1000}, {l2, NULL, 0}};
  fs_ord_event ev = {.event_id = 1, .rate = 1.5, .nsamples = 3, .nsummaries = 2, .summary = sum};

  check_text(w_selt, &ev, &plt,
             "EventId,SummaryId,SampleId,Loss,ImpactedExposure\n"
             "1,1,1,10.00,1.00\n"
             "1,1,2,20.00,2.00\n"
             "1,1,3,40.00,3.00\n"
             "1,2,2,5.00,0.00\n",
             "selt.csv: zero-loss samples left out");
  check_text(w_melt, &ev, &plt,
             "EventId,SummaryId,SampleType,EventRate,ChanceOfLoss,MeanLoss,SDLoss,MaxLoss,"
             "FootprintExposure,MeanImpactedExposure,MaxImpactedExposure\n"
             "1,1,2,1.5,1.000000,23.33,15.28,40.00,1000.00,2.00,3.00\n"
             "1,2,2,1.5,0.333333,1.67,2.89,5.00,0.00,0.00,0.00\n",
             "melt.csv: sample moments per summary");
  check_text(w_splt, &ev, &plt,
             "Period,PeriodWeight,EventId,Year,Month,Day,Hour,Minute,SummaryId,SampleId,Loss,"
             "ImpactedExposure\n"
             "1,0.25,1,1,1,10,1,5,1,1,10.00,1.00\n"
             "1,0.25,1,1,2,9,0,0,1,3,40.00,3.00\n"
             "3,0.25,1,3,12,31,23,59,1,2,20.00,2.00\n"
             "3,0.25,1,3,12,31,23,59,2,2,5.00,0.00\n"
             "4,0.25,1,4,1,1,0,0,1,2,20.00,2.00\n"
             "4,0.25,1,4,1,1,0,0,2,2,5.00,0.00\n"
             "4,0.25,1,4,2,28,12,0,1,2,20.00,2.00\n"
             "4,0.25,1,4,2,28,12,0,2,2,5.00,0.00\n"
             "4,0.25,1,4,3,1,0,30,1,1,10.00,1.00\n",
             "splt.csv: one row per occurrence and summary with a loss, dates from day and minute");
  /* Expected values computed independently (see test_ep.c for the ranks). */
  check_text(w_ept, &ev, &plt,
             "SummaryId,EPCalc,EPType,ReturnPeriod,Loss\n"
             "1,1,1,4,23.33\n1,1,1,2,23.33\n1,1,1,1000,23.33\n1,1,1,3,23.33\n"
             "1,1,2,4,23.33\n1,1,2,2,23.33\n1,1,2,1000,23.33\n1,1,2,3,23.33\n"
             "1,1,3,4,70.00\n1,1,3,2,46.67\n1,1,3,1000,70.00\n1,1,3,3,58.33\n"
             "1,1,4,4,70.00\n1,1,4,2,58.33\n1,1,4,1000,70.00\n1,1,4,3,64.17\n"
             "1,2,1,4,40.00\n1,2,1,2,20.00\n1,2,1,1000,40.00\n1,2,1,3,30.00\n"
             "1,2,2,4,40.00\n1,2,2,2,30.00\n1,2,2,1000,40.00\n1,2,2,3,35.00\n"
             "1,2,3,4,50.00\n1,2,3,2,50.00\n1,2,3,1000,50.00\n1,2,3,3,50.00\n"
             "1,2,4,4,50.00\n1,2,4,2,50.00\n1,2,4,1000,50.00\n1,2,4,3,50.00\n"
             "2,1,1,4,1.67\n2,1,1,2,1.67\n2,1,1,1000,1.67\n2,1,1,3,1.67\n"
             "2,1,2,4,1.67\n2,1,2,2,1.67\n2,1,2,1000,1.67\n2,1,2,3,1.67\n"
             "2,1,3,4,5.00\n2,1,3,2,3.33\n2,1,3,1000,5.00\n2,1,3,3,4.17\n"
             "2,1,4,4,5.00\n2,1,4,2,4.17\n2,1,4,1000,5.00\n2,1,4,3,4.58\n"
             "2,2,1,4,5.00\n2,2,1,2,5.00\n2,2,1,1000,5.00\n2,2,1,3,5.00\n"
             "2,2,2,4,5.00\n2,2,2,2,5.00\n2,2,2,1000,5.00\n2,2,2,3,5.00\n"
             "2,2,3,4,10.00\n2,2,3,2,5.00\n2,2,3,1000,10.00\n2,2,3,3,7.50\n"
             "2,2,4,4,10.00\n2,2,4,2,7.50\n2,2,4,1000,10.00\n2,2,4,3,8.75\n",
             "ept.csv: EPCalc 1 and 2, EPType 1-4, return periods in the given order");
  check_text(w_alt, &ev, &plt,
             "SummaryId,SampleType,MeanLoss,SDLoss\n"
             "1,1,35.00,32.40\n1,2,30.00,24.49\n"
             "2,1,2.50,3.54\n2,2,3.75,4.79\n",
             "alt.csv: analytical (compound Poisson) and sample rows");
  check_text(w_quant, &ev, &plt,
             "SummaryId,Quantile,Loss,LowerCI,UpperCI,Coverage\n"
             "1,0.050000,11.00,10.00,20.00,0.135375\n"
             "1,0.500000,20.00,10.00,40.00,0.750000\n"
             "1,0.950000,38.00,20.00,40.00,0.135375\n"
             "1,0.990000,39.60,20.00,40.00,0.029403\n"
             "2,0.050000,0.00,0.00,0.00,0.135375\n"
             "2,0.500000,0.00,0.00,5.00,0.750000\n"
             "2,0.950000,4.50,0.00,5.00,0.135375\n"
             "2,0.990000,4.90,0.00,5.00,0.029403\n",
             "quantiles.csv: small samples report their low coverage");

  int rc;
  fs_err err = {0};
  char *a = run(w_ept_default, &ev, &plt, &rc, &err);
  int lines = 0;
  for (char *s = a; *s; s++) lines += *s == '\n';
  tap_ok(rc == 0 && lines == 1 + 2 * 2 * 4 * 10 && strstr(a, "\n1,2,1,1000,40.00\n") &&
             strstr(a, "\n2,2,4,2,7.50\n"),
         "default return periods: 160 rows, RP 1000 > Y gives the largest");
  char *b = run(w_ept_default, &ev, &plt, &rc, &err);
  tap_ok(strcmp(a, b) == 0, "same inputs, same bytes");
  free(a);
  free(b);

  /* No nan, inf or -0 anywhere: all-zero losses, one sample, one period. */
  double zl[1] = {-0.0};
  fs_ord_summary zs = {zl, NULL, 0};
  fs_ord_event zev = {.event_id = 3, .rate = 0, .nsamples = 1, .nsummaries = 1, .summary = &zs};
  fs_plt zplt;
  fs_plt_build(&zplt, 0, 1, 1, 9, &err);
  writer all[] = {w_selt, w_melt, w_splt, w_ept_default, w_alt, w_quant};
  int clean = 1;
  for (size_t k = 0; k < sizeof all / sizeof all[0]; k++) {
    char *t = run(all[k], &zev, &zplt, &rc, &err);
    clean &= rc == 0 && no_nan(t);
    free(t);
  }
  tap_ok(clean, "all-zero event, 1 sample, 1 period, rate 0: no nan, inf or -0.00");
  char *t = run(w_melt, &zev, &zplt, &rc, &err);
  tap_ok(strcmp(t, "EventId,SummaryId,SampleType,EventRate,ChanceOfLoss,MeanLoss,SDLoss,MaxLoss,"
                   "FootprintExposure,MeanImpactedExposure,MaxImpactedExposure\n"
                   "3,1,2,0,0.000000,0.00,0.00,0.00,0.00,0.00,0.00\n") == 0,
         "all-zero MELT row");
  free(t);
  t = run(w_selt, &zev, &zplt, &rc, &err);
  tap_ok(strcmp(t, "EventId,SummaryId,SampleId,Loss,ImpactedExposure\n") == 0,
         "all-zero SELT: header only");
  free(t);
  fs_plt_free(&zplt);

  /* Input errors. */
  l1[1] = -1;
  free(run(w_selt, &ev, &plt, &rc, &err));
  tap_ok(rc == FS_EINVAL && strstr(err.msg, "summary 1, sample 2"), "negative loss: %s", err.msg);
  l1[1] = NAN;
  free(run(w_melt, &ev, &plt, &rc, &err));
  tap_ok(rc == FS_EINVAL, "NaN loss rejected");
  l1[1] = INFINITY;
  free(run(w_alt, &ev, &plt, &rc, &err));
  tap_ok(rc == FS_EINVAL, "infinite loss rejected");
  l1[1] = 20;
  e1[2] = -3;
  free(run(w_selt, &ev, &plt, &rc, &err));
  tap_ok(rc == FS_EINVAL && strstr(err.msg, "exposure"), "negative exposure: %s", err.msg);
  e1[2] = 3;
  ev.rate = 2;
  free(run(w_splt, &ev, &plt, &rc, &err));
  tap_ok(rc == FS_EINVAL && strstr(err.msg, "rate"), "PLT drawn with another rate: %s", err.msg);
  ev.rate = 1.5;
  plt.nsamples = 4;
  free(run(w_ept, &ev, &plt, &rc, &err));
  tap_ok(rc == FS_EINVAL && strstr(err.msg, "samples"), "PLT for another sample count: %s",
         err.msg);
  plt.nsamples = 3;
  ev.event_id = 0;
  free(run(w_selt, &ev, &plt, &rc, &err));
  tap_ok(rc == FS_EINVAL, "event id 0 rejected");
  ev.event_id = 1;
  ev.rate = -1;
  free(run(w_melt, &ev, &plt, &rc, &err));
  tap_ok(rc == FS_EINVAL, "negative rate rejected");
  ev.rate = 1.5;
  ev.nsummaries = 0;
  free(run(w_melt, &ev, &plt, &rc, &err));
  tap_ok(rc == FS_EINVAL, "no summaries rejected");
  ev.nsummaries = 2;
  double badrp[1] = {-5};
  a = NULL;
  size_t alen = 0;
  FILE *f = open_memstream(&a, &alen);
  rc = fs_ord_write_ept(f, &ev, &plt, badrp, 1, &err);
  fclose(f);
  free(a);
  tap_ok(rc == FS_EINVAL && strstr(err.msg, "return period"), "bad return period: %s", err.msg);

  f = fopen("/dev/full", "w");
  if (f) {
    rc = fs_ord_write_ept(f, &ev, &plt, NULL, 0, &err);
    fclose(f);
    tap_ok(rc == FS_EIO, "a failed write is FS_EIO: %s", err.msg);
  } else {
    tap_ok(1, "# SKIP no /dev/full");
  }
  return tap_done();
}
