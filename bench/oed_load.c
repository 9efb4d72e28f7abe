/* oed_load.c: the OED portfolio loader's speed (issue 18's target: 100,000
   accounts in under 10 seconds). Writes A accounts of one policy each with
   L locations each (occupancy, country and state, BITIV, endpoints) and
   the financial and extension columns, plus a few columns fleetsim
   ignores, into a temporary folder; times fs_oed_load with the shipped
   mapping tables (models/oed/); prints the seconds. Not a test.
   usage: bench_oed_load [ACCOUNTS [LOCATIONS-PER-ACCOUNT]] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "loss/oed.h"
#include "util/clock.h"

static const char *const inds[] = {"airlines",      "healthcare",
                                   "banking",       "retail",
                                   "manufacturing", "government",
                                   "software_it",   "telecom",
                                   "hospitality",   "logistics",
                                   "education",     "media",
                                   "energy",        "professional_services",
                                   "other"};
static const char *const regs[] = {
    "us_pacific", "us_mountain_central", "us_east",        "canada",      "latam",
    "uk_ireland", "europe_west",         "europe_east",    "middle_east", "africa",
    "india",      "east_asia",           "southeast_asia", "oceania"};

/* Writes the two files; 0 or -1. */
static int write_book(const char *dir, size_t A, size_t L) {
  static const char *const occ[] = {"1101", "1104", "1105", "1125", "1150", "1210", "2306"};
  static const char *const geo[][2] = {{"US", "CA"}, {"US", "TX"}, {"US", "NY"}, {"GB", ""},
                                       {"DE", ""},   {"JP", ""},   {"CA", "ON"}};
  char path[4096];
  snprintf(path, sizeof path, "%s/account.csv", dir);
  FILE *a = fopen(path, "w");
  snprintf(path, sizeof path, "%s/location.csv", dir);
  FILE *l = fopen(path, "w");
  if (!a || !l) return -1;
  fputs("PortNumber,AccNumber,AccName,AccCurrency,PolNumber,PolPerilsCovered,PolInceptionDate,"
        "PolExpiryDate,InsuredName,AnnualRevenue,AnnualRevenueCurrency,NumberOfEmployees,PolDed,"
        "LayerLimit,LayerParticipation,LayerAttachment,BIWaitingPeriod,PolCoverage,PolLimitNPBI,"
        "PolLimitCBI,PolLimitDIAS,PolLimitINRE,FlexiAccAgentVendor,"
        "FlexiPolSystemFailureSublimit\n",
        a);
  fputs("PortNumber,AccNumber,LocNumber,LocName,LocCurrency,CountryCode,AreaCode,PostalCode,"
        "OccupancyCode,BITIV,FlexiLocEndpoints\n",
        l);
  for (size_t i = 0; i < A; i++) {
    fprintf(a,
            "book,A%07zu,\"Company %zu, Inc.\",USD,P%zu,CC1,2024-01-01,2024-12-31,\"Company %zu, "
            "Inc.\",%zu000,USD,%zu,%zu,%zu,%s,0,0.5,NPBI;CBI;DIAS;INRE,,%zu,,,%s,%s\n",
            i, i, i, i, 10000 + i % 990000, 50 + i % 5000, 10000 + 1000 * (i % 240),
            1000000 * (1 + i % 10), i % 20 ? "1" : "0.5", 100000 * (1 + i % 10),
            i % 2 ? "crowdstrike" : "", i % 4 ? "" : "0");
    for (size_t k = 0; k < L; k++) {
      const char *const *g = geo[(i + k) % 7];
      fprintf(l, "book,A%07zu,%zu,Site %zu,USD,%s,%s,10001,%s,%zu,%zu\n", i, k + 1, k, g[0], g[1],
              occ[(i + 3 * k) % 7], 1000000 * (1 + (i + k) % 50), 10 + (i + k) % 400);
    }
  }
  int bad = ferror(a) || ferror(l);
  return (fclose(a) | fclose(l) | bad) ? -1 : 0;
}

int main(int argc, char **argv) {
  size_t A = argc > 1 ? strtoul(argv[1], NULL, 10) : 100000;
  size_t L = argc > 2 ? strtoul(argv[2], NULL, 10) : 2;
  if (A < 1) return 2;
  char dir[] = "/tmp/bench_oed_XXXXXX";
  if (!mkdtemp(dir) || write_book(dir, A, L) != 0) {
    fprintf(stderr, "bench_oed_load: cannot write the book in %s\n", dir);
    return 1;
  }
  fs_portfolio pf;
  fs_err err = {0};
  double t0 = fs_now();
  int rc = fs_oed_load(&pf, dir, NULL, inds, 15, regs, 14, &err);
  double sec = fs_now() - t0;
  if (rc == 0)
    printf("OED load: %zu accounts, %zu locations: %.3f s (target < 10 s for 100,000 accounts); "
           "%zu policies, the first %s in %s\n",
           A, A * L, sec, pf.n, pf.p[0].industry, pf.p[0].region);
  else
    fprintf(stderr, "bench_oed_load: %s\n", err.msg);
  fs_portfolio_free(&pf);
  char path[4096];
  snprintf(path, sizeof path, "%s/account.csv", dir);
  unlink(path);
  snprintf(path, sizeof path, "%s/location.csv", dir);
  unlink(path);
  rmdir(dir);
  return rc ? 1 : 0;
}
