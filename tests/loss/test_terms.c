/* test_terms.c: policy terms on hand-computed losses (deductible, limit, sublimits, share). */
#include <math.h>
#include <string.h>

#include "loss/terms.h"
#include "tap.h"

static int near(double a, double b) {
  return fabs(a - b) <= 1e-9 * (1 + fabs(b));
}

static fs_terms with(double ded, double limit, double sf, double dbi, double share) {
  fs_terms t = fs_terms_full();
  t.deductible = ded, t.limit = limit, t.sf_sublimit = sf, t.dbi_sublimit = dbi, t.share = share;
  return t;
}

/* The worked example of docs/LOSSES.md 3.4, by hand. Terms: deductible
   50k, coinsurance 10 %, limit 1M, system-failure sublimit 500k, dependent
   BI 100k unnamed / 300k named, extra expense 50k, data restoration 80k,
   share 0.5. Loss: own BI 600k, dependent BI 250k, extra expense 120k,
   restoration 100k (amounts in thousands). */
static void wording_example(void) {
  fs_terms t = fs_terms_full();
  t.deductible = 50, t.coinsurance = 0.1, t.limit = 1000, t.sf_sublimit = 500;
  t.dbi_sublimit = 100, t.dbi_named_sublimit = 300, t.ee_sublimit = 50, t.dr_sublimit = 80;
  t.share = 0.5;
  fs_cover_loss x = {.own_bi = 600, .dep_bi = 250, .extra = 120, .restoration = 100};
  fs_event_ctx sf = {0}, mal = {.malicious = 1};
  double line[FS_NLINES];
  /* first party 600 + 50 + 80 = 730, capped at 500; dependent 100; (600 - 50) x 0.9 x 0.5 */
  tap_ok(near(fs_terms_pay(&t, &x, &sf, 0, line), 247.5),
         "system failure, unnamed provider: 247.5");
  tap_ok(near(line[FS_LINE_OWN_BI] + line[FS_LINE_DEP_BI] + line[FS_LINE_EXTRA] +
                  line[FS_LINE_RESTORATION],
              247.5) &&
             near(line[FS_LINE_DEP_BI], 247.5 * 100 / 600) &&
             near(line[FS_LINE_OWN_BI], 247.5 * (600 * 500.0 / 730) / 600),
         "the payment split by line pro rata to the covered loss");
  tap_ok(near(fs_terms_pay(&t, &x, &sf, 1, NULL), 315), "named provider: dependent 250, pays 315");
  tap_ok(near(fs_terms_pay(&t, &x, &mal, 0, NULL), 351),
         "malicious: no system-failure sublimit, (830 - 50) x 0.9 x 0.5 = 351");
  fs_terms w = t;
  w.ws_threshold = 0.05, w.ws_sublimit = 200;
  fs_event_ctx wide = {.hit_share = 0.1}, narrow = {.hit_share = 0.05};
  tap_ok(near(fs_terms_pay(&w, &x, &wide, 0, NULL), 100),
         "widespread event (10 %% of organisations > 5 %%): sublimit 200, pays 100");
  tap_ok(near(fs_terms_pay(&w, &x, &narrow, 0, NULL), 247.5),
         "exactly at the threshold is not widespread");
  w = t;
  w.infra_exclusion = 1;
  fs_event_ctx infra = {.infrastructure = 1};
  tap_ok(fs_terms_pay(&w, &x, &infra, 0, NULL) == 0 &&
             near(fs_terms_pay(&w, &x, &sf, 0, NULL), 247.5),
         "infrastructure exclusion: nothing for an infrastructure event, the rest as before");
  fs_terms v = fs_wording_apply(&t, FS_WORDING_SF_EXCLUDED);
  tap_ok(near(fs_terms_pay(&v, &x, &sf, 0, NULL), 22.5),
         "system failure excluded: only dependent BI, (100 - 50) x 0.9 x 0.5 = 22.5");
  v = fs_wording_apply(&t, FS_WORDING_CBI_EXCLUDED);
  tap_ok(near(fs_terms_pay(&v, &x, &sf, 1, NULL), (500 - 50) * 0.9 * 0.5),
         "contingent BI excluded, named or not");
  v = fs_wording_apply(&t, FS_WORDING_NO_EE_DR);
  tap_ok(near(fs_terms_pay(&v, &x, &sf, 0, NULL), (500 + 100 - 50) * 0.9 * 0.5),
         "no extra expense or restoration: own BI 600 still fills the 500 sublimit");
  v = fs_wording_apply(&t, FS_WORDING_AS_WRITTEN);
  tap_ok(v.deductible == t.deductible && v.coinsurance == t.coinsurance && v.limit == t.limit &&
             v.sf_sublimit == t.sf_sublimit && v.dbi_sublimit == t.dbi_sublimit &&
             v.dbi_named_sublimit == t.dbi_named_sublimit && v.ee_sublimit == t.ee_sublimit &&
             v.dr_sublimit == t.dr_sublimit && v.ws_threshold == t.ws_threshold &&
             v.ws_sublimit == t.ws_sublimit && v.infra_exclusion == t.infra_exclusion &&
             v.share == t.share,
         "as written leaves the terms alone");
  fs_err err = {0};
  w = t;
  w.coinsurance = 1;
  tap_ok(fs_terms_check(&w, &err) == FS_EINVAL && strstr(err.msg, "coinsurance"),
         "coinsurance 1 rejected: %s", err.msg);
  w = t;
  w.ws_threshold = 0;
  tap_ok(fs_terms_check(&w, &err) == FS_EINVAL && strstr(err.msg, "widespread"),
         "widespread threshold 0 rejected: %s", err.msg);
}

int main(void) {
  fs_terms full = fs_terms_full();
  tap_ok(full.deductible == 0 && isinf(full.limit) && isinf(full.sf_sublimit) &&
             isinf(full.dbi_sublimit) && full.share == 1 && full.waiting_hours == 0,
         "full terms: no deductible, no limit, no sublimits, share 1");
  tap_ok(near(fs_terms_insured(&full, 100, 30, 20), 150), "full terms pay own + dependent + extra");

  fs_terms t = with(500, INFINITY, INFINITY, INFINITY, 1);
  tap_ok(fs_terms_insured(&t, 300, 0, 0) == 0, "deductible 500 > loss 300 pays 0");
  tap_ok(fs_terms_insured(&t, 500, 0, 0) == 0, "deductible equal to the loss pays 0");
  t = with(100, INFINITY, INFINITY, INFINITY, 1);
  tap_ok(near(fs_terms_insured(&t, 300, 0, 0), 200), "deductible 100 on 300 pays 200");

  t = with(100, 150, INFINITY, INFINITY, 1);
  tap_ok(near(fs_terms_insured(&t, 1000, 0, 0), 150),
         "limit 150 reached: 1000 - 100 capped at 150");
  tap_ok(near(fs_terms_insured(&t, 250, 0, 0), 150), "loss net of deductible equal to the limit");
  tap_ok(near(fs_terms_insured(&t, 200, 0, 0), 100), "below the limit: 200 - 100 = 100");

  t = with(0, INFINITY, 600, INFINITY, 1);
  tap_ok(near(fs_terms_insured(&t, 800, 0, 200), 600),
         "system-failure sublimit 600 binds on own BI 800 + extra 200");
  tap_ok(near(fs_terms_insured(&t, 300, 0, 200), 500), "system-failure sublimit not reached");
  t = with(0, INFINITY, INFINITY, 100, 1);
  tap_ok(near(fs_terms_insured(&t, 50, 500, 0), 150),
         "dependent BI sublimit 100 binds on 500, own 50 added");

  /* (400 + 100 -> 300) + (500 -> 200) = 500; - 50 = 450; limit 400; x 0.25 = 100 */
  t = with(50, 400, 300, 200, 0.25);
  tap_ok(near(fs_terms_insured(&t, 400, 500, 100), 100),
         "both sublimits, deductible, limit and share in order");
  /* The deductible applies to the sum after sublimits, not per section:
     min(100, 50) + min(100, 80) = 130; - 100 = 30. */
  t = with(100, INFINITY, 50, 80, 1);
  tap_ok(near(fs_terms_insured(&t, 100, 100, 0), 30), "deductible applies after the sublimits");

  t = with(0, INFINITY, 0, INFINITY, 1);
  tap_ok(near(fs_terms_insured(&t, 1000, 200, 300), 200),
         "system-failure sublimit 0 excludes own BI and extra expense");
  t = with(0, INFINITY, INFINITY, 0, 1);
  tap_ok(near(fs_terms_insured(&t, 1000, 200, 300), 1300), "dependent BI sublimit 0 excludes it");

  t = with(100, INFINITY, INFINITY, INFINITY, 0.4);
  tap_ok(near(fs_terms_insured(&t, 1000, 0, 0), 360), "share 0.4 of 1000 - 100 = 360");
  t = with(0, INFINITY, INFINITY, INFINITY, 0);
  tap_ok(fs_terms_insured(&t, 1000, 0, 0) == 0, "share 0 pays 0");
  t = with(100, 1000, 500, 500, 0.5);
  tap_ok(fs_terms_insured(&t, 0, 0, 0) == 0, "zero loss pays 0");

  t = with(0, INFINITY, INFINITY, INFINITY, 1);
  tap_ok(fs_terms_insured(&t, NAN, -5, NAN) == 0, "NaN and negative losses count as 0");
  tap_ok(near(fs_terms_insured(&t, NAN, 100, -3), 100), "NaN own BI and negative extra ignored");
  tap_ok(near(fs_terms_insured(&t, -INFINITY, 10, 0), 10), "-inf counts as 0");
  t = with(0, 1e6, INFINITY, INFINITY, 0.5);
  tap_ok(near(fs_terms_insured(&t, INFINITY, 0, 0), 5e5),
         "an infinite loss is capped by the limit");
  t = with(0, INFINITY, 0, INFINITY, 1);
  tap_ok(fs_terms_insured(&t, INFINITY, 0, 0) == 0, "an infinite excluded loss pays 0");

  fs_err err = {0};
  t = fs_terms_full();
  tap_ok(fs_terms_check(&t, &err) == 0, "full terms pass the check");
  t.share = 1.5;
  tap_ok(fs_terms_check(&t, &err) == FS_EINVAL && strstr(err.msg, "share"),
         "share 1.5 rejected: %s", err.msg);
  tap_ok(fs_terms_insured(&t, 100, 0, 0) == 0, "invalid terms pay 0");
  t = fs_terms_full();
  t.deductible = NAN;
  tap_ok(fs_terms_check(&t, &err) == FS_EINVAL && strstr(err.msg, "deductible"),
         "NaN deductible rejected: %s", err.msg);
  t = fs_terms_full();
  t.dbi_sublimit = -1;
  tap_ok(fs_terms_check(&t, &err) == FS_EINVAL && strstr(err.msg, "dependent"),
         "negative sublimit rejected: %s", err.msg);
  t = fs_terms_full();
  t.waiting_hours = INFINITY;
  tap_ok(fs_terms_check(&t, &err) == FS_EINVAL, "infinite waiting period rejected");
  t = fs_terms_full();
  t.limit = -2;
  tap_ok(fs_terms_check(&t, &err) == FS_EINVAL && strstr(err.msg, "limit"),
         "negative limit rejected: %s", err.msg);
  wording_example();
  return tap_done();
}
