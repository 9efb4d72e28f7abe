/* portfolio.h: loads and validates a policy portfolio CSV into policies with financial terms. */
#ifndef FS_PORTFOLIO_H
#define FS_PORTFOLIO_H

#include <stddef.h>

#include "loss/terms.h"
#include "util/err.h"
#include "util/path.h"

/* More rows than this is an error (FS_ELIMIT). */
#define FS_PORTFOLIO_MAX 1000000

/* Providers a policy may name in one list (NamedProviders, CloudRegions). */
#define FS_POLICY_MAX_NAMED 4
#define FS_POLICY_MAX_CLOUD 2

typedef struct fs_policy {
  char id[64], name[128], industry[48], region[48], vendor[48];
  /* Technology (optional columns; "" or n = 0: drawn from market shares):
     its cloud regions (two = a redundant pair), identity provider and MSP,
     as provider ids of the scenario's dependency graph. */
  char cloud[FS_POLICY_MAX_CLOUD][48], idp[48], msp[48];
  int ncloud;
  /* Contingent BI for named providers: the providers its wording names. */
  char named[FS_POLICY_MAX_NAMED][48];
  int nnamed;
  double revenue_usd; /* > 0 */
  double endpoints;   /* > 0 and whole, or NAN when empty (caller samples it) */
  int vendor_given;   /* 0 when AgentVendor is empty (caller samples it) */
  fs_terms terms;     /* Limit/sublimit empty = INFINITY (unlimited / no sublimit); Share in [0,1],
                         empty = 1 */
  int line;           /* line in the file, for messages */
} fs_policy;

/* name: the file's base name without ".csv" (any case); path: as given.
   p[0..n-1] is owned by the portfolio; free with fs_portfolio_free. */
typedef struct fs_portfolio {
  char name[128];
  char path[FS_PATH_MAX];
  fs_policy *p;
  size_t n;
  /* Header column (1-based; 0: absent) of CloudRegions, IdentityProvider
     and MSP, for the caller's messages about their ids. */
  int col_cloud, col_idp, col_msp;
} fs_portfolio;

/* Reads the portfolio CSV at path (loss/csv.h dialect). Required header
   columns, in any order, other columns ignored:
     PolicyId,Name,Industry,Region,AnnualRevenueUSD,Endpoints,AgentVendor,
     WaitingPeriodHours,Deductible,Limit,SystemFailureSublimit,
     DependentBISublimit,Share
   Values are taken as written (no trimming). Must not be empty: PolicyId
   (unique, at most 63 bytes), Name (127), Industry and Region (one of the
   ids passed in, matched exactly), AnnualRevenueUSD (> 0),
   WaitingPeriodHours (hours >= 0), Deductible (>= 0). May be empty:
   Endpoints (a whole number > 0; empty = NAN), AgentVendor (at most 47
   bytes; empty = not given), Limit, SystemFailureSublimit and
   DependentBISublimit (>= 0; empty = INFINITY, 0 = no cover / excluded),
   Share (0..1; empty = 1).

   Optional columns (absent or empty = the default in brackets):
     SystemFailureCover        Y/N [Y]; N sets the system-failure sublimit to 0
     DependentBIWaitingHours   hours >= 0 [WaitingPeriodHours]
     NamedProviders            provider ids separated by ';' (at most 4) [none]
     NamedDependentBISublimit  >= 0 [none]
     ExtraExpenseSublimit, DataRestorationSublimit  >= 0 [none; 0 = not covered]
     Coinsurance               [0, 1) [0]
     WidespreadEventThreshold  (0, 1] [no clause]
     WidespreadEventSublimit   >= 0 [0 = excluded]
     InfrastructureExclusion   Y/N [N]
     CloudRegions              provider ids separated by ';' (at most 2) [drawn]
     IdentityProvider, MSP     a provider id [drawn]
   Provider ids are checked against the scenario by the caller
   (pipeline/session.c), not here.

   Errors read "PATH:LINE: column N (NAME): what was expected (got "X")",
   with a "did you mean" hint for a misspelt industry, region or header
   column. A file with a header and no rows is an error ("no policies"), as
   is more than FS_PORTFOLIO_MAX rows (FS_ELIMIT). On error *pf is left
   empty. Returns 0, FS_EIO, FS_EINVAL, FS_ELIMIT or FS_ENOMEM. */
int fs_portfolio_load(fs_portfolio *pf, const char *path, const char *const *industries, int nind,
                      const char *const *regions, int nreg, fs_err *err);

void fs_portfolio_free(fs_portfolio *pf);

#endif
