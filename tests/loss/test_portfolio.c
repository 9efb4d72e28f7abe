/* test_portfolio.c: portfolio CSV loading: fields, defaults, and one fixture per error. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "loss/portfolio.h"
#include "tap.h"

static const char *const industries[] = {"airlines",      "banking",    "energy",
                                         "healthcare",    "retail",     "professional_services",
                                         "manufacturing", "software_it"};
static const char *const regions[] = {"us_east", "us_pacific", "us_mountain_central", "uk_ireland",
                                      "india"};
#define NIND ((int) (sizeof industries / sizeof industries[0]))
#define NREG ((int) (sizeof regions / sizeof regions[0]))

static char path[2048];

static const char *fixture(const char *name) {
  snprintf(path, sizeof path, "%s/%s", FS_TEST_FIXTURES, name);
  return path;
}

static int load(fs_portfolio *pf, const char *name, fs_err *err) {
  return fs_portfolio_load(pf, fixture(name), industries, NIND, regions, NREG, err);
}

/* Loads a fixture that must fail with code and the message "PATH" + tail. */
static void expect_error(const char *name, int code, const char *tail, const char *what) {
  fs_portfolio pf;
  fs_err err = {0};
  int rc = load(&pf, name, &err);
  char want[4096];
  snprintf(want, sizeof want, "%s%s", fixture(name), tail);
  int ok = rc == code && strcmp(err.msg, want) == 0 && pf.p == NULL && pf.n == 0;
  tap_ok(ok, "%s", what);
  if (!ok) tap_diag("rc %d, message: %s", rc, err.msg);
}

int main(void) {
  fs_portfolio pf;
  fs_err err = {0};

  tap_ok(load(&pf, "good.csv", &err) == 0 && pf.n == 3, "good.csv: 3 policies (%s)", err.msg);
  tap_ok(strcmp(pf.name, "good") == 0 && strcmp(pf.path, fixture("good.csv")) == 0,
         "name is the base name without .csv; path kept");
  const fs_policy *p = pf.p;
  tap_ok(strcmp(p[0].id, "P-1") == 0 && strcmp(p[0].name, "Acme, Inc.") == 0 &&
             strcmp(p[0].industry, "retail") == 0 && strcmp(p[0].region, "us_east") == 0 &&
             strcmp(p[0].vendor, "crowdstrike") == 0 && p[0].vendor_given && p[0].line == 2,
         "policy 1 text fields, comma inside quotes, line 2");
  tap_ok(p[0].revenue_usd == 650000000 && p[0].endpoints == 1200 &&
             p[0].terms.waiting_hours == 12 && p[0].terms.deductible == 25000 &&
             p[0].terms.limit == 3000000 && p[0].terms.sf_sublimit == 750000 &&
             isinf(p[0].terms.dbi_sublimit) && p[0].terms.share == 0.5,
         "policy 1 amounts; empty dependent BI sublimit = none (INFINITY)");
  tap_ok(strcmp(p[1].name, "Bolt \"Fast\" Ltd") == 0 && p[1].revenue_usd == 1e9 &&
             isnan(p[1].endpoints) && !p[1].vendor_given && p[1].vendor[0] == '\0' &&
             isinf(p[1].terms.limit) && p[1].terms.sf_sublimit == 0 &&
             p[1].terms.dbi_sublimit == 500000 && p[1].terms.share == 1 && p[1].line == 3,
         "policy 2: doubled quotes; empty endpoints NAN, vendor not given, limit unlimited, "
         "share 1, system failure excluded");
  tap_ok(strcmp(p[2].name, "Cure\nHealth") == 0 && p[2].line == 4 &&
             p[2].revenue_usd == 2500000.5 && p[2].terms.limit == 0 &&
             p[2].terms.waiting_hours == 0 && p[2].terms.share == 1,
         "policy 3: newline inside quotes, starts on line 4, limit 0");
  int valid = 1;
  for (size_t i = 0; i < pf.n; i++) valid &= fs_terms_check(&pf.p[i].terms, NULL) == 0;
  tap_ok(valid, "every loaded policy's terms pass fs_terms_check");
  fs_portfolio_free(&pf);
  tap_ok(pf.p == NULL && pf.n == 0, "free empties the portfolio");
  fs_portfolio_free(&pf);

  tap_ok(load(&pf, "crlf_bom.csv", &err) == 0 && pf.n == 2 && strcmp(pf.p[0].id, "P-1") == 0 &&
             strcmp(pf.p[1].name, "Bolt, Ltd") == 0 && pf.p[1].terms.share == 1 &&
             strcmp(pf.name, "crlf_bom") == 0,
         "BOM and CRLF: 2 policies, no stray CR in the last field (%s)", err.msg);
  fs_portfolio_free(&pf);

  expect_error("empty.csv", FS_EINVAL, ": empty file (no header)", "empty file");
  expect_error("header_only.csv", FS_EINVAL, ": no policies (the file has a header but no rows)",
               "header only: no policies");
  expect_error("missing_column.csv", FS_EINVAL, ":1: missing required column \"Share\"",
               "missing column named, at line 1");
  expect_error("misspelt_column.csv", FS_EINVAL,
               ":1: missing required column \"Deductible\"; did you mean \"Deductable\"?",
               "misspelt column: did you mean");
  expect_error("unknown_industry.csv", FS_EINVAL,
               ":3: column 3 (Industry): unknown industry (got \"helthcare\"); did you mean "
               "\"healthcare\"?",
               "unknown industry with a suggestion");
  expect_error("unknown_region.csv", FS_EINVAL,
               ":3: column 4 (Region): unknown region (got \"mars\"); valid: us_east, us_pacific, "
               "us_mountain_central, uk_ireland, india",
               "unknown region listing the valid ids");
  expect_error("negative_amount.csv", FS_EINVAL,
               ":3: column 9 (Deductible): expected a non-negative number (got \"-5\")",
               "negative deductible");
  expect_error("negative_limit.csv", FS_EINVAL,
               ":2: column 10 (Limit): expected a non-negative number (got \"-1\")",
               "negative limit");
  expect_error("non_numeric.csv", FS_EINVAL,
               ":3: column 5 (AnnualRevenueUSD): expected a positive number (got \"lots\")",
               "non-numeric revenue");
  expect_error("zero_revenue.csv", FS_EINVAL,
               ":3: column 5 (AnnualRevenueUSD): expected a positive number (got \"0\")",
               "zero revenue");
  expect_error("share_range.csv", FS_EINVAL,
               ":3: column 13 (Share): expected a number between 0 and 1 (got \"1.5\")",
               "share above 1");
  expect_error("duplicate_id.csv", FS_EINVAL,
               ":4: column 1 (PolicyId): duplicate policy id (got \"P-1\"); first seen on line 2",
               "duplicate policy id");
  expect_error("empty_required.csv", FS_EINVAL,
               ":2: column 2 (Name): a value is required (got \"\")", "empty name");
  expect_error("empty_waiting.csv", FS_EINVAL,
               ":2: column 8 (WaitingPeriodHours): expected a non-negative number (got an empty "
               "field)",
               "empty waiting period");
  expect_error("ragged.csv", FS_EINVAL, ":3: expected 13 fields as in the header, found 12",
               "ragged row");
  expect_error("unterminated.csv", FS_EINVAL,
               ":3: column 2 (Name): unterminated quoted field (the quote opened on line 3 is "
               "never closed)",
               "unterminated quote");
  expect_error("endpoints_fraction.csv", FS_EINVAL,
               ":2: column 6 (Endpoints): expected a positive whole number (got \"12.5\")",
               "fractional endpoint count");
  expect_error("long_id.csv", FS_EINVAL,
               ":2: column 1 (PolicyId): at most 63 characters (got \"P-012345678901234567...\", "
               "72)",
               "policy id too long");
  tap_ok(fs_portfolio_load(&pf, "/nonexistent/x.csv", industries, NIND, regions, NREG, &err) ==
                 FS_EIO &&
             pf.p == NULL,
         "missing file: %s", err.msg);

  /* The row limit, on a generated file of FS_PORTFOLIO_MAX + 1 rows. */
  char tmp[] = "/tmp/fs_portfolio_XXXXXX";
  int fd = mkstemp(tmp);
  FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
  if (f) {
    fputs("PolicyId,Name,Industry,Region,AnnualRevenueUSD,Endpoints,AgentVendor,"
          "WaitingPeriodHours,Deductible,Limit,SystemFailureSublimit,DependentBISublimit,Share\n",
          f);
    for (int i = 0; i <= FS_PORTFOLIO_MAX; i++) fprintf(f, "P%d,N,retail,india,1,,,0,0,,,,\n", i);
    fclose(f);
    int rc = fs_portfolio_load(&pf, tmp, industries, NIND, regions, NREG, &err);
    char want[256];
    snprintf(want, sizeof want, "%s:%d: more than %d policies (the limit); split the file", tmp,
             FS_PORTFOLIO_MAX + 2, FS_PORTFOLIO_MAX);
    tap_ok(rc == FS_ELIMIT && strcmp(err.msg, want) == 0, "row limit: %s", err.msg);
    /* Exactly the limit loads (drop the last line). */
    f = fopen(tmp, "r+");
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fclose(f);
    char last[64];
    int lastlen = snprintf(last, sizeof last, "P%d,N,retail,india,1,,,0,0,,,,\n", FS_PORTFOLIO_MAX);
    tap_ok(truncate(tmp, size - lastlen) == 0, "truncate to the limit");
    rc = fs_portfolio_load(&pf, tmp, industries, NIND, regions, NREG, &err);
    tap_ok(rc == 0 && pf.n == FS_PORTFOLIO_MAX && strcmp(pf.p[pf.n - 1].id, "P999999") == 0,
           "exactly %d rows load (%s)", FS_PORTFOLIO_MAX, rc ? err.msg : "ok");
    fs_portfolio_free(&pf);
    unlink(tmp);
  } else {
    tap_ok(0, "cannot create a temporary file");
  }
  return tap_done();
}
