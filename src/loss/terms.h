/* terms.h: policy financial terms (deductible, limit, sublimits, share) applied to a loss. */
#ifndef FS_TERMS_H
#define FS_TERMS_H

#include "util/err.h"

/* The financial terms of one cyber policy's business-interruption cover
   (CALIBRATION.md, "Cyber insurance terms"). All amounts are in the same
   currency as the losses they apply to.

   The waiting period is a time deductible: it is applied upstream, by the
   caller, to the outage's time profile (loss accrued before the waiting
   period ends is not covered), so the BI amounts that reach
   fs_terms_insured are already net of it. It is stored here only so that
   the policy carries all of its terms in one place. */
typedef struct fs_terms {
  double waiting_hours; /* BI time deductible, >= 0 (applied by the caller) */
  double deductible;    /* >= 0, applied to the covered loss */
  double limit;         /* >= 0; INFINITY = unlimited */
  double sf_sublimit;   /* non-malicious system-failure BI + extra expense; INFINITY = none; 0 =
                           excluded */
  double dbi_sublimit;  /* dependent BI; INFINITY = none; 0 = excluded */
  double share;         /* the insurer's share of the layer, 0..1 */
} fs_terms;

/* Terms that pay the loss as it is: no waiting period, deductible 0, no limit,
   no sublimits, share 1. */
fs_terms fs_terms_full(void);

/* Checks that every field is in its range (no NaN; amounts >= 0; share in
   [0, 1]). Returns 0 or FS_EINVAL with a sentence naming the field. */
int fs_terms_check(const fs_terms *t, fs_err *err);

/* The insurer's payment for one loss. own_bi and dep_bi are business-interruption
   losses (own outage, and an outage at a vendor the policyholder depends on),
   already net of the waiting period; extra is extra expense. Inputs that are NaN
   or negative count as 0.

     covered = min(own_bi + extra, sf_sublimit) + min(dep_bi, dbi_sublimit)
     x = max(covered - deductible, 0); if x > limit then x = limit; x *= share

   The second line is Oasis calc rule 2 with attachment 0. Terms that fail
   fs_terms_check pay 0 (callers validate terms when they load them). The
   result is finite whenever the inputs are. */
double fs_terms_insured(const fs_terms *t, double own_bi, double dep_bi, double extra);

#endif
