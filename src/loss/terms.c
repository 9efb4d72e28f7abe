/* terms.c: a policy's cover and financial terms applied to a loss (Oasis calc rule 2 on the
   sublimited loss, then the wording's event clauses). */
#include "loss/terms.h"

#include <math.h>

const char *fs_line_name(int line) {
  static const char *const names[FS_NLINES] = {"own_bi", "dependent_bi", "extra_expense",
                                               "data_restoration"};
  return line >= 0 && line < FS_NLINES ? names[line] : "?";
}

fs_terms fs_terms_full(void) {
  return (fs_terms){.waiting_hours = 0,
                    .dbi_waiting_hours = 0,
                    .deductible = 0,
                    .coinsurance = 0,
                    .limit = INFINITY,
                    .sf_sublimit = INFINITY,
                    .dbi_sublimit = INFINITY,
                    .dbi_named_sublimit = INFINITY,
                    .ee_sublimit = INFINITY,
                    .dr_sublimit = INFINITY,
                    .ws_threshold = INFINITY,
                    .ws_sublimit = 0,
                    .infra_exclusion = 0,
                    .share = 1};
}

/* An amount is valid when it is >= 0; INFINITY is allowed where it means "none". */
static int bad_amount(double x, int inf_ok) {
  return isnan(x) || x < 0 || (!inf_ok && isinf(x));
}

int fs_terms_check(const fs_terms *t, fs_err *err) {
  static const char *const what[] = {"waiting period", "dependent BI waiting period"};
  const double hours[] = {t->waiting_hours, t->dbi_waiting_hours};
  for (int i = 0; i < 2; i++)
    if (bad_amount(hours[i], 0))
      return fs_err_set(err, FS_EINVAL, "%s must be a finite number of hours >= 0 (got %g)",
                        what[i], hours[i]);
  if (bad_amount(t->deductible, 0))
    return fs_err_set(err, FS_EINVAL, "deductible must be a finite amount >= 0 (got %g)",
                      t->deductible);
  if (bad_amount(t->limit, 1))
    return fs_err_set(err, FS_EINVAL, "limit must be an amount >= 0 or unlimited (got %g)",
                      t->limit);
  static const char *const subs[] = {"system-failure", "dependent BI",     "named dependent BI",
                                     "extra expense",  "data restoration", "widespread-event"};
  const double sub[] = {t->sf_sublimit, t->dbi_sublimit, t->dbi_named_sublimit,
                        t->ee_sublimit, t->dr_sublimit,  t->ws_sublimit};
  for (int i = 0; i < 6; i++)
    if (bad_amount(sub[i], 1))
      return fs_err_set(err, FS_EINVAL, "%s sublimit must be an amount >= 0 or none (got %g)",
                        subs[i], sub[i]);
  if (!(t->coinsurance >= 0 && t->coinsurance < 1))
    return fs_err_set(err, FS_EINVAL, "coinsurance must be at least 0 and below 1 (got %g)",
                      t->coinsurance);
  if (!(t->ws_threshold > 0 && (t->ws_threshold <= 1 || isinf(t->ws_threshold))))
    return fs_err_set(err, FS_EINVAL,
                      "widespread-event threshold must be a share in (0, 1] (got %g)",
                      t->ws_threshold);
  if (!(t->share >= 0 && t->share <= 1))
    return fs_err_set(err, FS_EINVAL, "share must be between 0 and 1 (got %g)", t->share);
  return 0;
}

/* NaN compares false, so `x > 0` maps NaN and negatives to 0 in one test. An
   infinite loss is kept: the limit or a sublimit may cap it. */
static double clean(double x) {
  return x > 0 ? x : 0;
}

double fs_terms_pay(const fs_terms *t, const fs_cover_loss *x, const fs_event_ctx *ev, int named,
                    double *by_line) {
  double part[FS_NLINES] = {clean(x->own_bi), clean(x->dep_bi),
                            fmin(clean(x->extra), t->ee_sublimit),
                            fmin(clean(x->restoration), t->dr_sublimit)};
  if (by_line)
    for (int k = 0; k < FS_NLINES; k++) by_line[k] = 0;
  if (fs_terms_check(t, NULL) != 0) return 0;
  double first = part[FS_LINE_OWN_BI] + part[FS_LINE_EXTRA] + part[FS_LINE_RESTORATION];
  if (!ev->malicious && first > t->sf_sublimit) {
    /* the system-failure sublimit scales the first-party lines down together */
    double f = isinf(first) ? 0 : t->sf_sublimit / first;
    part[FS_LINE_OWN_BI] *= f;
    part[FS_LINE_EXTRA] *= f;
    part[FS_LINE_RESTORATION] *= f;
    first = t->sf_sublimit;
  }
  part[FS_LINE_DEP_BI] =
      fmin(part[FS_LINE_DEP_BI], named ? t->dbi_named_sublimit : t->dbi_sublimit);
  double covered = first + part[FS_LINE_DEP_BI];
  /* Oasis calc rule 2, attachment 0: deductible first, then the limit, then
     the share of what remains; coinsurance between the deductible and the
     limit (the insured keeps its part of every dollar above the deductible). */
  double pay = fmax(covered - t->deductible, 0) * (1 - t->coinsurance);
  if (pay > t->limit) pay = t->limit;
  if (ev->hit_share > t->ws_threshold && pay > t->ws_sublimit) pay = t->ws_sublimit;
  if (t->infra_exclusion && ev->infrastructure) pay = 0;
  pay *= t->share;
  /* An infinite loss with no limit would stay infinite; share 0 times it is NaN. */
  if (isnan(pay)) pay = 0;
  if (by_line && pay > 0 && covered > 0 && isfinite(covered))
    for (int k = 0; k < FS_NLINES; k++) by_line[k] = pay * part[k] / covered;
  return pay;
}

double fs_terms_insured(const fs_terms *t, double own_bi, double dep_bi, double extra) {
  fs_cover_loss x = {.own_bi = own_bi, .dep_bi = dep_bi, .extra = extra};
  fs_event_ctx ev = {0};
  return fs_terms_pay(t, &x, &ev, 0, NULL);
}

static const char *const wording_ids[FS_NWORDINGS] = {"as_written",
                                                      "system_failure_excluded",
                                                      "system_failure_full",
                                                      "cbi_unnamed_full",
                                                      "cbi_excluded",
                                                      "widespread_exclusion_10pct",
                                                      "infrastructure_excluded",
                                                      "coinsurance_20pct",
                                                      "no_extra_expense_restoration"};

static const char *const wording_texts[FS_NWORDINGS] = {
    "the book as written",
    "non-malicious system failure excluded (system-failure sublimit 0)",
    "system failure covered to the full limit (no sublimit)",
    "contingent BI for unnamed providers covered to the full limit",
    "contingent BI excluded, named and unnamed",
    "events that hit more than 10 % of the fleet's organisations excluded",
    "events that start at an infrastructure provider (DNS, CDN) excluded",
    "20 % coinsurance (the policy's own where higher)",
    "extra expense and data restoration not covered"};

const char *fs_wording_id(int w) {
  return w >= 0 && w < FS_NWORDINGS ? wording_ids[w] : "?";
}

const char *fs_wording_text(int w) {
  return w >= 0 && w < FS_NWORDINGS ? wording_texts[w] : "?";
}

fs_terms fs_wording_apply(const fs_terms *t, int w) {
  fs_terms x = *t;
  switch (w) {
  case FS_WORDING_SF_EXCLUDED:
    x.sf_sublimit = 0;
    break;
  case FS_WORDING_SF_FULL:
    x.sf_sublimit = INFINITY;
    break;
  case FS_WORDING_CBI_UNNAMED:
    x.dbi_sublimit = INFINITY;
    break;
  case FS_WORDING_CBI_EXCLUDED:
    x.dbi_sublimit = x.dbi_named_sublimit = 0;
    break;
  case FS_WORDING_WIDESPREAD:
    x.ws_threshold = 0.10;
    x.ws_sublimit = 0;
    break;
  case FS_WORDING_INFRASTRUCTURE:
    x.infra_exclusion = 1;
    break;
  case FS_WORDING_COINSURANCE:
    x.coinsurance = fmax(x.coinsurance, 0.20);
    break;
  case FS_WORDING_NO_EE_DR:
    x.ee_sublimit = x.dr_sublimit = 0;
    break;
  default:
    break;
  }
  return x;
}
