/* portfolio.c: fuzzes the portfolio loader (loss/portfolio.h): the input is
   a portfolio CSV, written to the harness's folder and loaded against the
   industries and regions of tests/loss/test_portfolio.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "loss/portfolio.h"

static const char *const industries[] = {"airlines",      "banking",    "energy",
                                         "healthcare",    "retail",     "professional_services",
                                         "manufacturing", "software_it"};
static const char *const regions[] = {"us_east", "us_pacific", "us_mountain_central", "uk_ireland",
                                      "india"};
#define NIND ((int) (sizeof industries / sizeof industries[0]))
#define NREG ((int) (sizeof regions / sizeof regions[0]))

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void) argc;
  (void) argv;
  fs_fuzz_dir();
  return 0;
}

/* What the header promises of a loaded policy. */
static void check_policy(const fs_policy *p) {
  if (!p->id[0] || !p->name[0] || !(p->revenue_usd > 0)) abort();
  if (!isnan(p->endpoints) && !(p->endpoints > 0 && p->endpoints == floor(p->endpoints))) abort();
  if (!(p->terms.share >= 0 && p->terms.share <= 1)) abort();
  if (!(p->terms.deductible >= 0) || !(p->terms.waiting_hours >= 0)) abort();
  if (!(p->terms.limit >= 0) || !(p->terms.sf_sublimit >= 0) || !(p->terms.dbi_sublimit >= 0))
    abort();
  int ind = 0, reg = 0;
  for (int i = 0; i < NIND; i++) ind |= strcmp(p->industry, industries[i]) == 0;
  for (int i = 0; i < NREG; i++) reg |= strcmp(p->region, regions[i]) == 0;
  if (!ind || !reg) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char path[1024];
  fs_fuzz_write(path, sizeof path, "portfolio.csv", data, size);
  fs_portfolio pf;
  fs_err err = {0};
  int rc = fs_portfolio_load(&pf, path, industries, NIND, regions, NREG, &err);
  if (rc == 0) {
    if (pf.n == 0 || !pf.p) abort(); /* "no policies" is an error */
    for (size_t i = 0; i < pf.n; i++) {
      check_policy(&pf.p[i]);
      for (size_t j = 0; j < i; j++) /* ids are unique */
        if (strcmp(pf.p[i].id, pf.p[j].id) == 0) abort();
    }
  } else if (pf.p || pf.n || err.msg[0] == '\0') {
    abort(); /* on error the portfolio is left empty, and err says why */
  }
  fs_portfolio_free(&pf);
  return 0;
}
