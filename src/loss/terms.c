/* terms.c: policy financial terms applied to a loss (Oasis calc rule 2). */
#include "loss/terms.h"

#include <math.h>

fs_terms fs_terms_full(void) {
  return (fs_terms){.waiting_hours = 0,
                    .deductible = 0,
                    .limit = INFINITY,
                    .sf_sublimit = INFINITY,
                    .dbi_sublimit = INFINITY,
                    .share = 1};
}

/* An amount is valid when it is >= 0; INFINITY is allowed where it means "none". */
static int bad_amount(double x, int inf_ok) {
  return isnan(x) || x < 0 || (!inf_ok && isinf(x));
}

int fs_terms_check(const fs_terms *t, fs_err *err) {
  if (bad_amount(t->waiting_hours, 0))
    return fs_err_set(err, FS_EINVAL,
                      "waiting period must be a finite number of hours >= 0 (got %g)",
                      t->waiting_hours);
  if (bad_amount(t->deductible, 0))
    return fs_err_set(err, FS_EINVAL, "deductible must be a finite amount >= 0 (got %g)",
                      t->deductible);
  if (bad_amount(t->limit, 1))
    return fs_err_set(err, FS_EINVAL, "limit must be an amount >= 0 or unlimited (got %g)",
                      t->limit);
  if (bad_amount(t->sf_sublimit, 1))
    return fs_err_set(err, FS_EINVAL,
                      "system-failure sublimit must be an amount >= 0 or none (got %g)",
                      t->sf_sublimit);
  if (bad_amount(t->dbi_sublimit, 1))
    return fs_err_set(err, FS_EINVAL,
                      "dependent BI sublimit must be an amount >= 0 or none (got %g)",
                      t->dbi_sublimit);
  if (!(t->share >= 0 && t->share <= 1))
    return fs_err_set(err, FS_EINVAL, "share must be between 0 and 1 (got %g)", t->share);
  return 0;
}

/* NaN compares false, so `x > 0` maps NaN and negatives to 0 in one test. An
   infinite loss is kept: the limit or a sublimit may cap it. */
static double clean(double x) {
  return x > 0 ? x : 0;
}

double fs_terms_insured(const fs_terms *t, double own_bi, double dep_bi, double extra) {
  if (fs_terms_check(t, NULL) != 0) return 0;
  double covered =
      fmin(clean(own_bi) + clean(extra), t->sf_sublimit) + fmin(clean(dep_bi), t->dbi_sublimit);
  /* Oasis calc rule 2, attachment 0: deductible first, then the limit, then
     the share of what remains. */
  double x = fmax(covered - t->deductible, 0);
  if (x > t->limit) x = t->limit;
  x *= t->share;
  /* An infinite loss with no limit would stay infinite; share 0 times it is NaN. */
  return isnan(x) ? 0 : x;
}
