/* terms.h: a cyber policy's cover and financial terms (deductible, coinsurance, limit, sublimits,
   wording switches, share) applied to a loss. */
#ifndef FS_TERMS_H
#define FS_TERMS_H

#include "util/err.h"

/* Lines of cover that a loss is split into (docs/LOSSES.md 3.3). */
enum {
  FS_LINE_OWN_BI,      /* business interruption from the insured's own systems */
  FS_LINE_DEP_BI,      /* contingent (dependent) business interruption */
  FS_LINE_EXTRA,       /* extra expense: incident response, the cost of units lost */
  FS_LINE_RESTORATION, /* data and system restoration: the labour that brings endpoints back */
  FS_NLINES
};

/* "own_bi", "dependent_bi", "extra_expense", "data_restoration". */
const char *fs_line_name(int line);

/* The financial terms and wording of one cyber policy (CALIBRATION.md,
   "Cyber insurance terms"; docs/LOSSES.md 3). All amounts are in the
   currency of the losses they apply to.

   The waiting periods are time deductibles: they are applied upstream, by
   the model, to the outage's time profile (loss accrued before the waiting
   period ends is not covered), so the BI amounts that reach fs_terms_pay are
   already net of them. They are stored here so that the policy carries all
   of its terms in one place. */
typedef struct fs_terms {
  double waiting_hours;     /* BI time deductible, >= 0 (applied by the model) */
  double dbi_waiting_hours; /* dependent BI's own time deductible, >= 0 (by the model) */
  double deductible;        /* >= 0, applied to the covered loss */
  double coinsurance;       /* the insured's share of the loss above the deductible, [0, 1) */
  double limit;             /* >= 0; INFINITY = unlimited */
  double sf_sublimit;       /* non-malicious events (system failure): own BI, extra expense and
                               restoration together; INFINITY = none; 0 = excluded */
  double dbi_sublimit; /* dependent BI from a provider the policy does not name (all dependent BI
                          when it names none); INFINITY = none; 0 = excluded */
  double dbi_named_sublimit; /* dependent BI from a named provider; INFINITY = none; 0 = excluded */
  double ee_sublimit;        /* extra expense; INFINITY = none; 0 = not covered */
  double dr_sublimit;        /* data and system restoration; INFINITY = none; 0 = not covered */
  double ws_threshold; /* widespread-event clause: an event that hits more than this share of the
                          fleet's organisations, (0, 1]; INFINITY = no clause */
  double ws_sublimit;  /* what the policy pays for a widespread event; 0 = excluded */
  int infra_exclusion; /* 1: events that start at an infrastructure provider are excluded */
  double share;        /* the insurer's share of the layer, 0..1 */
} fs_terms;

/* What happened, as far as the wording asks. */
typedef struct fs_event_ctx {
  int malicious;      /* a malicious incident (supply chain, worm): not a system failure */
  int infrastructure; /* it started at an infrastructure provider (DNS, CDN, edge networks) */
  double hit_share;   /* share of the fleet's organisations hit, 0..1 */
} fs_event_ctx;

/* One organisation's loss by line (USD); BI after its waiting periods. */
typedef struct fs_cover_loss {
  double own_bi, dep_bi, extra, restoration;
} fs_cover_loss;

/* Terms that pay the loss as it is: no waiting period, deductible and
   coinsurance 0, no limit, no sublimits, no exclusions, share 1. */
fs_terms fs_terms_full(void);

/* Checks that every field is in its range (no NaN; amounts >= 0; share in
   [0, 1]; coinsurance in [0, 1); the widespread threshold in (0, 1] or
   INFINITY). Returns 0 or FS_EINVAL with a sentence naming the field. */
int fs_terms_check(const fs_terms *t, fs_err *err);

/* The insurer's payment for one event's loss x (NaN or negative amounts
   count as 0); named: its dependent BI comes from a provider the policy
   names. by_line, when not NULL, receives the payment split over the lines
   pro rata to what each line contributed to the covered loss (it sums to
   the payment).

     ee = min(extra, ee_sublimit); dr = min(restoration, dr_sublimit)
     first = own_bi + ee + dr;  non-malicious: first = min(first, sf_sublimit)
     dep = min(dep_bi, named ? dbi_named_sublimit : dbi_sublimit)
     x = max(first + dep - deductible, 0) x (1 - coinsurance)
     x = min(x, limit)
     widespread (hit_share > ws_threshold): x = min(x, ws_sublimit)
     infrastructure and infra_exclusion: x = 0
     pay = x x share

   With no coinsurance, widespread clause or exclusion this is Oasis calc
   rule 2 with attachment 0 on the sublimited loss. Terms that fail
   fs_terms_check pay 0 (callers validate terms when they load them). The
   result is finite whenever the inputs are. */
double fs_terms_pay(const fs_terms *t, const fs_cover_loss *x, const fs_event_ctx *ev, int named,
                    double *by_line);

/* fs_terms_pay of a system failure (not malicious, not infrastructure, no
   widespread clause met) with restoration counted in extra:
   own_bi, dep_bi from unnamed providers, extra expense. */
double fs_terms_insured(const fs_terms *t, double own_bi, double dep_bi, double extra);

/* Wording switches that a loss report compares with the book as written,
   each applied to every policy (docs/LOSSES.md 3.4). */
enum {
  FS_WORDING_AS_WRITTEN,
  FS_WORDING_SF_EXCLUDED,    /* no system-failure cover */
  FS_WORDING_SF_FULL,        /* system failure to the full limit */
  FS_WORDING_CBI_UNNAMED,    /* contingent BI for unnamed providers to the full limit */
  FS_WORDING_CBI_EXCLUDED,   /* no contingent BI */
  FS_WORDING_WIDESPREAD,     /* events hitting over 10 % of organisations excluded */
  FS_WORDING_INFRASTRUCTURE, /* events starting at infrastructure excluded */
  FS_WORDING_COINSURANCE,    /* 20 % coinsurance (or the policy's, if higher) */
  FS_WORDING_NO_EE_DR,       /* no extra expense and no data restoration */
  FS_NWORDINGS
};

/* The switch's id ("as_written", "system_failure_excluded", ...) and a
   sentence saying what it does. */
const char *fs_wording_id(int w);
const char *fs_wording_text(int w);

/* t with wording switch w applied (FS_WORDING_AS_WRITTEN: t itself). */
fs_terms fs_wording_apply(const fs_terms *t, int w);

#endif
