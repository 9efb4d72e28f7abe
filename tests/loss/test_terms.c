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
  return tap_done();
}
