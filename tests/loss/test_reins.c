/* test_reins.c: reinsurance programmes against hand-computed recoveries:
   a quota share, a per-risk layer, a cat layer with a 72-hour clause
   spanning two events, an aggregate layer with one reinstatement, their
   inuring order; net = gross - recoveries per event and per year; bad
   programme files refused with file:line:column. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "loss/reins.h"
#include "tap.h"

static int near(double a, double b) {
  return fabs(a - b) <= 1e-9 * (1 + fabs(b));
}

static fs_ri_layer xl(const char *name, fs_ri_kind kind, double att, double lim, int reinst,
                      double hours) {
  fs_ri_layer l = {.kind = kind,
                   .share = 1,
                   .attachment = att,
                   .limit = lim,
                   .reinstatements = reinst,
                   .hours = hours};
  snprintf(l.name, sizeof l.name, "%s", name);
  return l;
}

/* Applies p to occurrences with one risk each (loss[o] at hour[o]). */
static void one_risk_each(const fs_ri_programme *p, size_t n, const double *hour,
                          const double *loss, double *ceded, fs_ri_layer_year *out) {
  size_t first[16];
  for (size_t i = 0; i <= n; i++) first[i] = i;
  fs_ri_year_in in = {.nocc = n, .hour = hour, .first = first, .loss = loss};
  fs_err err = {0};
  tap_ok(fs_ri_apply_year(p, &in, ceded, out, &err) == 0, "applied (%zu occurrences)", n);
}

/* A 40 % quota share of events of 100 and 50: 40 and 20 ceded. */
static void quota_share(void) {
  fs_ri_programme p = {.n = 1};
  p.layer[0] = xl("qs", FS_RI_QUOTA_SHARE, 0, 0, 0, 0);
  p.layer[0].share = 0.4;
  fs_err err = {0};
  tap_ok(fs_ri_check(&p, &err) == 0, "quota share checks");
  const double h[2] = {1, 2}, g[2] = {100, 50};
  double c[2];
  fs_ri_layer_year o[1];
  one_risk_each(&p, 2, h, g, c, o);
  tap_ok(near(c[0], 40) && near(c[1], 20) && near(o[0].recovery, 60),
         "quota share 40 %%: 40 and 20 ceded (%g, %g)", c[0], c[1]);
}

/* Per-risk 5 xs 5: risks of 3, 8 and 12 in one event recover 0 + 3 + 5;
   a second event's risk of 20 recovers 5 (the limit), but with no
   reinstatement the year's capacity of 5 x 1 is gone after the first. */
static void per_risk(void) {
  fs_ri_programme p = {.n = 1};
  p.layer[0] = xl("pr", FS_RI_PER_RISK, 5, 5, 2, 0);
  const double h[2] = {0, 10}, loss[4] = {3, 8, 12, 20};
  const size_t first[3] = {0, 3, 4};
  fs_ri_year_in in = {.nocc = 2, .hour = h, .first = first, .loss = loss};
  double c[2];
  fs_ri_layer_year o[1];
  fs_err err = {0};
  tap_ok(fs_ri_apply_year(&p, &in, c, o, &err) == 0, "per-risk applied");
  tap_ok(near(c[0], 8) && near(c[1], 5), "per-risk 5 xs 5, 2 reinstatements: 8 then 5 (%g, %g)",
         c[0], c[1]);
  tap_ok(o[0].attached && o[0].exhausted, "the per-risk layer attached and exhausted");
  p.layer[0].reinstatements = 1; /* capacity 10: 8, then 2 */
  fs_ri_apply_year(&p, &in, c, o, &err);
  tap_ok(near(c[0], 8) && near(c[1], 2), "one reinstatement: the year's 10 runs out (%g, %g)", c[0],
         c[1]);
  p.layer[0].share = 0.5;
  fs_ri_apply_year(&p, &in, c, o, &err);
  tap_ok(near(c[0], 4) && near(c[1], 1), "a 50 %% placement pays half (%g, %g)", c[0], c[1]);
}

/* Cat 50 xs 20 with a 72-hour clause: losses of 30 at hour 10 and 40 at
   hour 50 are one event of 70 (50 recovered, 50 x 30/70 and 50 x 40/70);
   25 at hour 200 is another (5), paid only with a reinstatement. */
static void cat_hours(void) {
  fs_ri_programme p = {.n = 1};
  p.layer[0] = xl("cat", FS_RI_CAT, 20, 50, 0, 72);
  const double h[3] = {10, 50, 200}, g[3] = {30, 40, 25};
  double c[3];
  fs_ri_layer_year o[1];
  one_risk_each(&p, 3, h, g, c, o);
  tap_ok(near(c[0], 50.0 * 30 / 70) && near(c[1], 50.0 * 40 / 70) && c[2] == 0,
         "72 hours: the first two are one event of 70, 50 recovered pro rata (%g, %g); the "
         "layer's one limit is gone for the third (%g)",
         c[0], c[1], c[2]);
  tap_ok(o[0].exhausted && near(o[0].recovery, 50), "exhausted, 50 in the year");
  p.layer[0].reinstatements = 1;
  one_risk_each(&p, 3, h, g, c, o);
  tap_ok(near(c[2], 5) && near(o[0].recovery, 55), "one reinstatement: the third recovers 5 (%g)",
         c[2]);
  p.layer[0].hours = 24; /* hour 50 is a new event: 30 -> 10, 40 -> 20 */
  one_risk_each(&p, 3, h, g, c, o);
  tap_ok(near(c[0], 10) && near(c[1], 20) && near(c[2], 5),
         "a 24-hour clause: three events, 10, 20 and 5 (%g, %g, %g)", c[0], c[1], c[2]);
}

/* Aggregate 100 xs 50 with one reinstatement (capacity 200): net event
   losses 80, 90, 120 run to 80, 170, 290, so the layer's running loss is
   30, 120, 200: recoveries 30, 90, 80. */
static void aggregate(void) {
  fs_ri_programme p = {.n = 1};
  p.layer[0] = xl("agg", FS_RI_AGGREGATE, 50, 100, 1, 0);
  const double h[3] = {1, 2, 3}, g[3] = {80, 90, 120};
  double c[3];
  fs_ri_layer_year o[1];
  one_risk_each(&p, 3, h, g, c, o);
  tap_ok(near(c[0], 30) && near(c[1], 90) && near(c[2], 80),
         "aggregate 100 xs 50, one reinstatement: 30, 90, 80 (%g, %g, %g)", c[0], c[1], c[2]);
  tap_ok(o[0].attached && o[0].exhausted && near(o[0].recovery, 200), "attached, exhausted, 200");
}

/* The inuring order: a 50 % quota share, per-risk 10 xs 10, cat 20 xs 10,
   aggregate 30 xs 0. One event of risks 40 and 6: QS cedes 23 (retained
   20 and 3); per-risk 10 on the first (net 10 and 3: 13); cat 3 on 13
   (net 10); aggregate 10. Ceded 23 + 10 + 3 + 10 = 46 = gross: net 0. */
static void inuring(void) {
  fs_ri_programme p = {.n = 4};
  p.layer[0] = xl("agg", FS_RI_AGGREGATE, 0, 30, 0, 0);
  p.layer[1] = xl("cat", FS_RI_CAT, 10, 20, 0, 72);
  p.layer[2] = xl("pr", FS_RI_PER_RISK, 10, 10, 0, 0);
  p.layer[3] = xl("qs", FS_RI_QUOTA_SHARE, 0, 0, 0, 0);
  p.layer[3].share = 0.5;
  fs_err err = {0};
  tap_ok(fs_ri_check(&p, &err) == 0, "a four-kind programme checks: %s", err.msg);
  const double h[1] = {5}, loss[2] = {40, 6};
  const size_t first[2] = {0, 2};
  fs_ri_year_in in = {.nocc = 1, .hour = h, .first = first, .loss = loss};
  double c[1];
  fs_ri_layer_year o[4];
  fs_ri_apply_year(&p, &in, c, o, &err);
  tap_ok(near(o[3].recovery, 23) && near(o[2].recovery, 10) && near(o[1].recovery, 3) &&
             near(o[0].recovery, 10),
         "quota share 23, per-risk 10, cat 3, aggregate 10 (%g, %g, %g, %g)", o[3].recovery,
         o[2].recovery, o[1].recovery, o[0].recovery);
  tap_ok(near(c[0], 46), "ceded 46 of 46: net 0 (%g)", c[0]);
}

/* Net = gross - ceded per event and per year over random years of a
   mixed programme, and no recovery above the gross. */
static void net_identity(void) {
  fs_ri_programme p = {.n = 3};
  p.layer[0] = xl("qs", FS_RI_QUOTA_SHARE, 0, 0, 0, 0);
  p.layer[0].share = 0.25;
  p.layer[1] = xl("cat1", FS_RI_CAT, 10, 40, 1, 72);
  p.layer[2] = xl("agg", FS_RI_AGGREGATE, 60, 50, 0, 0);
  srand(7);
  int ok = 1;
  for (int year = 0; year < 200; year++) {
    double h[12], loss[12], c[12];
    size_t n = (size_t) (rand() % 12);
    for (size_t i = 0; i < n; i++) {
      h[i] = (i ? h[i - 1] : 0) + (rand() % 100);
      loss[i] = rand() % 60;
    }
    size_t first[13];
    for (size_t i = 0; i <= n; i++) first[i] = i;
    fs_ri_year_in in = {.nocc = n, .hour = h, .first = first, .loss = loss};
    fs_ri_layer_year o[3];
    fs_err err = {0};
    ok &= fs_ri_apply_year(&p, &in, c, o, &err) == 0;
    double ceded = 0, rec = 0;
    for (size_t i = 0; i < n; i++) {
      ok &= c[i] >= -1e-9 && c[i] <= loss[i] + 1e-9;
      ceded += c[i];
    }
    for (int k = 0; k < 3; k++) rec += o[k].recovery;
    ok &= near(ceded, rec);
  }
  tap_ok(ok, "200 random years: each event's recovery within its gross, the layers' sum the "
             "events' sum");
}

/* Writes text to a temporary programme file; returns its path. */
static const char *prog_file(const char *text) {
  static char path[64];
  snprintf(path, sizeof path, "/tmp/fs-test-reins-XXXXXX");
  int fd = mkstemp(path);
  FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
  if (f) {
    fputs(text, f);
    fclose(f);
  }
  return path;
}

static void bad(const char *text, const char *want, const char *what) {
  fs_ri_programme p;
  fs_err err = {0};
  const char *path = prog_file(text);
  int rc = fs_ri_read(path, &p, &err);
  unlink(path);
  tap_ok(rc == FS_EINVAL && strstr(err.msg, want) != NULL, "%s: %s", what, err.msg);
}

static void files(void) {
  const char *head = "layer,kind,share,attachment,limit,reinstatements,hours\n";
  char text[1024];
  snprintf(
      text, sizeof text,
      "%sqs,quota_share,0.3,,,,\nrisk,per_risk,1,1e6,4e6,1,\n"
      "cat1,cat,0.9,5e6,10e6,1,72\ncat2,cat,0.9,15e6,20e6,0,168\nagg,aggregate,1,40e6,20e6,,\n",
      head);
  fs_ri_programme p;
  fs_err err = {0};
  const char *path = prog_file(text);
  tap_ok(fs_ri_read(path, &p, &err) == 0 && p.n == 5 && p.layer[3].hours == 168 &&
             p.layer[1].reinstatements == 1 && p.layer[4].reinstatements == 0,
         "a five-layer programme reads: %s", err.msg);
  unlink(path);
#define BAD(rows, want, what)                                                                      \
  do {                                                                                             \
    snprintf(text, sizeof text, "%s%s", head, rows);                                               \
    bad(text, want, what);                                                                         \
  } while (0)
  BAD("cat,cat,1,5,10,0,0\n", ":2: column 7 (hours)", "an hours clause of zero");
  BAD("qs,quota_share,1.5,,,,\n", ":2: column 3 (share)", "a share above 1");
  BAD("x,per_risk,1,10,-5,0,\n", ":2: column 5 (limit)", "a negative limit");
  BAD("x,per_risk,1,-1,5,0,\n", ":2: column 4 (attachment)", "a negative attachment");
  BAD("x,surplus,1,1,5,0,\n", "unknown kind 'surplus'", "an unknown kind");
  BAD("x,per_risk,1,1,5,0.5,\n", ":2: column 6 (reinstatements)", "half a reinstatement");
  BAD("x,per_risk,1,1,5,0,24\n", "a per_risk layer has no hours", "hours on a per-risk layer");
  BAD("a,cat,1,10,20,0,72\nb,cat,1,20,10,0,72\n", ":3: layer 'b' overlaps layer 'a'",
      "overlapping cat layers");
  BAD("a,quota_share,0.6,,,,\nb,quota_share,0.6,,,,\n", ":3: layer 'b': the quota shares cede",
      "quota shares above 1");
  BAD("a,quota_share,0.5,,,,\na,quota_share,0.1,,,,\n", "named twice", "a name twice");
  BAD("", "no layers", "no layers");
  bad("layer,kind,share,attachment,limit,reinstatements\n", "no column 'hours'",
      "a missing column");
  bad("layer,kind,share,attachment,limit,reinstatements,hours,notes\n", "column 8 (notes)",
      "an unknown column");
}

int main(void) {
  quota_share();
  per_risk();
  cat_hours();
  aggregate();
  inuring();
  net_identity();
  files();
  return tap_done();
}
