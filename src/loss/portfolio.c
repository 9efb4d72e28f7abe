/* portfolio.c: reads a policy portfolio CSV, one validated fs_policy per row. */
#include "loss/portfolio.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fleet/fleet.h"
#include "loss/oed.h"
#include "util/csv.h"
#include "util/suggest.h"
#include "util/alloc.h"

enum {
  C_ID,
  C_NAME,
  C_INDUSTRY,
  C_REGION,
  C_REVENUE,
  C_ENDPOINTS,
  C_VENDOR,
  C_WAITING,
  C_DEDUCTIBLE,
  C_LIMIT,
  C_SF,
  C_DBI,
  C_SHARE,
  NREQUIRED,
  /* optional */
  C_SF_COVER = NREQUIRED,
  C_DBI_WAIT,
  C_NAMED,
  C_NAMED_SUB,
  C_EE_SUB,
  C_DR_SUB,
  C_COINS,
  C_WS_THRESHOLD,
  C_WS_SUB,
  C_INFRA,
  C_CLOUD,
  C_IDP,
  C_MSP,
  NCOLS
};

static const char *const col_names[NCOLS] = {"PolicyId",
                                             "Name",
                                             "Industry",
                                             "Region",
                                             "AnnualRevenueUSD",
                                             "Endpoints",
                                             "AgentVendor",
                                             "WaitingPeriodHours",
                                             "Deductible",
                                             "Limit",
                                             "SystemFailureSublimit",
                                             "DependentBISublimit",
                                             "Share",
                                             "SystemFailureCover",
                                             "DependentBIWaitingHours",
                                             "NamedProviders",
                                             "NamedDependentBISublimit",
                                             "ExtraExpenseSublimit",
                                             "DataRestorationSublimit",
                                             "Coinsurance",
                                             "WidespreadEventThreshold",
                                             "WidespreadEventSublimit",
                                             "InfrastructureExclusion",
                                             "CloudRegions",
                                             "IdentityProvider",
                                             "MSP"};

/* Policy ids seen so far: open addressing on FNV-1a, so a million rows stay
   linear and the duplicate is reported at its own line, before later rows
   are read. Slots hold index + 1 into the policy array; 0 is empty. */
typedef struct idset {
  size_t *slot;
  size_t cap; /* a power of two, kept above twice the count */
} idset;

static uint64_t fnv1a(const char *s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (; *s; s++) h = (h ^ (unsigned char) *s) * 0x100000001b3ull;
  return h;
}

/* Index + 1 of the policy with this id, or 0. */
static size_t idset_find(const idset *s, const fs_policy *p, const char *id) {
  for (size_t i = fnv1a(id) & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
    if (!s->slot[i]) return 0;
    if (strcmp(p[s->slot[i] - 1].id, id) == 0) return s->slot[i];
  }
}

static void idset_put(idset *s, const fs_policy *p, size_t idx1) {
  size_t i = fnv1a(p[idx1 - 1].id) & (s->cap - 1);
  while (s->slot[i]) i = (i + 1) & (s->cap - 1);
  s->slot[i] = idx1;
}

static int idset_grow(idset *s, const fs_policy *p, size_t n) {
  if (2 * (n + 1) < s->cap) return 0;
  size_t ncap = s->cap ? 2 * s->cap : 1024;
  size_t *slot = fs_calloc(ncap, sizeof *slot);
  if (!slot) return FS_ENOMEM;
  free(s->slot);
  s->slot = slot;
  s->cap = ncap;
  for (size_t i = 1; i <= n; i++) idset_put(s, p, i);
  return 0;
}

/* Copies a text field into dst, which holds cap - 1 bytes. */
static int text(const fs_csv *c, const int *col, int k, int required, char *dst, size_t cap,
                fs_err *err) {
  if (col[k] < 0) {
    *dst = '\0';
    return 0;
  }
  const char *s = fs_csv_field(c, (size_t) col[k]);
  if (required && !*s)
    return fs_csv_fail(c, (size_t) col[k], err, FS_EINVAL, "a value is required (got \"\")");
  size_t len = strlen(s);
  if (len >= cap)
    return fs_csv_fail(c, (size_t) col[k], err, FS_EINVAL,
                       "at most %zu characters (got \"%.20s...\", %zu)", cap - 1, s, len);
  memcpy(dst, s, len + 1);
  return 0;
}

/* An id from the caller's list. */
static int known(const fs_csv *c, const int *col, int k, const char *what, const char *const *ids,
                 int nids, char *dst, size_t cap, fs_err *err) {
  int rc = text(c, col, k, 1, dst, cap, err);
  if (rc) return rc;
  for (int i = 0; i < nids; i++)
    if (strcmp(ids[i], dst) == 0) return 0;
  const char *hint = fs_suggest(dst, ids, nids > 0 ? (size_t) nids : 0);
  if (hint)
    return fs_csv_fail(c, (size_t) col[k], err, FS_EINVAL,
                       "unknown %s (got \"%s\"); did you mean \"%s\"?", what, dst, hint);
  /* No close match: list the valid ids when they fit in the message. */
  char list[512] = "";
  size_t used = 0;
  for (int i = 0; i < nids && used < sizeof list - 64; i++)
    used += (size_t) snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", ids[i]);
  return fs_csv_fail(c, (size_t) col[k], err, FS_EINVAL, "unknown %s (got \"%s\"); valid: %s%s",
                     what, dst, list, used >= sizeof list - 64 ? ", ..." : "");
}

/* A number with the csv flags; an optional empty field gives `empty`. */
static int number(const fs_csv *c, const int *col, int k, unsigned flags, double empty, double *out,
                  fs_err *err) {
  if (col[k] < 0) {
    *out = empty;
    return 0;
  }
  int rc = fs_csv_number(c, (size_t) col[k], flags, out, err);
  if (rc == 1) *out = empty;
  return rc < 0 ? rc : 0;
}

/* A yes/no field (Y, N, yes, no, true, false, 1, 0 in any case); empty or
   an absent column gives `empty`. */
static int yes_no(const fs_csv *c, const int *col, int k, int empty, int *out, fs_err *err) {
  *out = empty;
  if (col[k] < 0) return 0;
  const char *s = fs_csv_field(c, (size_t) col[k]);
  static const char *const yes[] = {"y", "yes", "true", "1"}, *const no[] = {"n", "no", "false",
                                                                             "0"};
  if (!*s) return 0;
  for (int i = 0; i < 4; i++) {
    if (strcasecmp(s, yes[i]) == 0) return *out = 1, 0;
    if (strcasecmp(s, no[i]) == 0) return *out = 0, 0;
  }
  return fs_csv_fail(c, (size_t) col[k], err, FS_EINVAL, "expected Y or N (got \"%.20s\")", s);
}

/* A list of ids separated by ';' into dst[0..max), each at most 47 bytes,
   non-empty and not repeated; *n gets the count. */
static int id_list(const fs_csv *c, const int *col, int k, char (*dst)[48], int max, int *n,
                   fs_err *err) {
  *n = 0;
  if (col[k] < 0) return 0;
  const char *s = fs_csv_field(c, (size_t) col[k]);
  while (*s) {
    const char *e = strchr(s, ';');
    size_t len = e ? (size_t) (e - s) : strlen(s);
    if (len == 0 || len >= 48)
      return fs_csv_fail(c, (size_t) col[k], err, FS_EINVAL,
                         "ids of 1 to 47 characters separated by ';' (got \"%.40s\")",
                         fs_csv_field(c, (size_t) col[k]));
    if (*n == max)
      return fs_csv_fail(c, (size_t) col[k], err, FS_EINVAL, "at most %d ids (got \"%.60s\")", max,
                         fs_csv_field(c, (size_t) col[k]));
    memcpy(dst[*n], s, len);
    dst[*n][len] = '\0';
    for (int i = 0; i < *n; i++)
      if (strcmp(dst[i], dst[*n]) == 0)
        return fs_csv_fail(c, (size_t) col[k], err, FS_EINVAL, "\"%s\" named twice", dst[i]);
    (*n)++;
    s += len + (e ? 1 : 0);
    if (e && !*s)
      return fs_csv_fail(c, (size_t) col[k], err, FS_EINVAL, "a trailing ';' (got \"%.40s\")",
                         fs_csv_field(c, (size_t) col[k]));
  }
  return 0;
}

/* The optional wording columns (portfolio.h) into t and p. */
static int read_wording(const fs_csv *c, const int *col, fs_policy *p, fs_err *err) {
  fs_terms *t = &p->terms;
  int rc, sf = 1;
  const unsigned amt = FS_CSV_OPTIONAL | FS_CSV_NONNEG;
  if ((rc = yes_no(c, col, C_SF_COVER, 1, &sf, err))) return rc;
  if (!sf) t->sf_sublimit = 0;
  if ((rc = number(c, col, C_DBI_WAIT, amt, t->waiting_hours, &t->dbi_waiting_hours, err)))
    return rc;
  if ((rc = id_list(c, col, C_NAMED, p->named, FS_POLICY_MAX_NAMED, &p->nnamed, err))) return rc;
  if ((rc = number(c, col, C_NAMED_SUB, amt, INFINITY, &t->dbi_named_sublimit, err))) return rc;
  if ((rc = number(c, col, C_EE_SUB, amt, INFINITY, &t->ee_sublimit, err))) return rc;
  if ((rc = number(c, col, C_DR_SUB, amt, INFINITY, &t->dr_sublimit, err))) return rc;
  if ((rc = number(c, col, C_COINS, FS_CSV_OPTIONAL | FS_CSV_UNIT, 0, &t->coinsurance, err)))
    return rc;
  if (t->coinsurance >= 1)
    return fs_csv_fail(c, (size_t) col[C_COINS], err, FS_EINVAL,
                       "coinsurance must be below 1 (got %g)", t->coinsurance);
  if ((rc = number(c, col, C_WS_THRESHOLD, FS_CSV_OPTIONAL | FS_CSV_UNIT, INFINITY,
                   &t->ws_threshold, err)))
    return rc;
  if (t->ws_threshold == 0)
    return fs_csv_fail(c, (size_t) col[C_WS_THRESHOLD], err, FS_EINVAL,
                       "a share of the fleet's organisations above 0 (got 0)");
  if ((rc = number(c, col, C_WS_SUB, amt, 0, &t->ws_sublimit, err))) return rc;
  if ((rc = yes_no(c, col, C_INFRA, 0, &t->infra_exclusion, err))) return rc;
  if ((rc = id_list(c, col, C_CLOUD, p->cloud, FS_POLICY_MAX_CLOUD, &p->ncloud, err))) return rc;
  if ((rc = text(c, col, C_IDP, 0, p->idp, sizeof p->idp, err))) return rc;
  return text(c, col, C_MSP, 0, p->msp, sizeof p->msp, err);
}

static int read_row(const fs_csv *c, const int *col, fs_policy *p, const char *const *industries,
                    int nind, const char *const *regions, int nreg, fs_err *err) {
  int rc;
  memset(p, 0, sizeof *p);
  p->line = (int) fs_csv_line(c);
  if ((rc = text(c, col, C_ID, 1, p->id, sizeof p->id, err))) return rc;
  if ((rc = text(c, col, C_NAME, 1, p->name, sizeof p->name, err))) return rc;
  if ((rc = known(c, col, C_INDUSTRY, "industry", industries, nind, p->industry, sizeof p->industry,
                  err)))
    return rc;
  if ((rc = known(c, col, C_REGION, "region", regions, nreg, p->region, sizeof p->region, err)))
    return rc;
  if ((rc = number(c, col, C_REVENUE, FS_CSV_POSITIVE, 0, &p->revenue_usd, err))) return rc;
  if ((rc = number(c, col, C_ENDPOINTS, FS_CSV_OPTIONAL | FS_CSV_POSITIVE | FS_CSV_WHOLE, NAN,
                   &p->endpoints, err)))
    return rc;
  if (p->endpoints > FS_FLEET_MAX_ORG_ENDPOINTS)
    return fs_csv_fail(c, (size_t) col[C_ENDPOINTS], err, FS_ELIMIT,
                       "at most %.0f endpoints per organisation (got %.0f)",
                       FS_FLEET_MAX_ORG_ENDPOINTS, p->endpoints);
  if ((rc = text(c, col, C_VENDOR, 0, p->vendor, sizeof p->vendor, err))) return rc;
  p->vendor_given = p->vendor[0] != '\0';
  fs_terms *t = &p->terms;
  *t = fs_terms_full();
  if ((rc = number(c, col, C_WAITING, FS_CSV_NONNEG, 0, &t->waiting_hours, err))) return rc;
  if ((rc = number(c, col, C_DEDUCTIBLE, FS_CSV_NONNEG, 0, &t->deductible, err))) return rc;
  if ((rc = number(c, col, C_LIMIT, FS_CSV_OPTIONAL | FS_CSV_NONNEG, INFINITY, &t->limit, err)))
    return rc;
  if ((rc = number(c, col, C_SF, FS_CSV_OPTIONAL | FS_CSV_NONNEG, INFINITY, &t->sf_sublimit, err)))
    return rc;
  if ((rc =
           number(c, col, C_DBI, FS_CSV_OPTIONAL | FS_CSV_NONNEG, INFINITY, &t->dbi_sublimit, err)))
    return rc;
  if ((rc = number(c, col, C_SHARE, FS_CSV_OPTIONAL | FS_CSV_UNIT, 1, &t->share, err))) return rc;
  return read_wording(c, col, p, err);
}

/* Finds every required column; a missing one is reported at line 1 with a
   hint when a header column looks like a misspelling of it. */
static int find_columns(const fs_csv *c, int *col, fs_err *err) {
  for (int k = 0; k < NCOLS; k++) col[k] = -1;
  size_t nh = fs_csv_ncols(c);
  const char **hdr = fs_malloc(nh * sizeof *hdr);
  if (!hdr) return fs_err_set(err, FS_ENOMEM, "%s: out of memory", fs_csv_name(c));
  for (size_t i = 0; i < nh; i++) hdr[i] = fs_csv_colname(c, i);
  int rc = 0;
  for (int k = 0; k < NCOLS && !rc; k++) {
    long i = fs_csv_find(c, col_names[k]);
    col[k] = (int) i;
    if (i >= 0 || k >= NREQUIRED) continue;
    const char *hint = fs_suggest(col_names[k], hdr, nh);
    if (hint)
      rc = fs_err_set(err, FS_EINVAL, "%s:1: missing required column \"%s\"; did you mean \"%s\"?",
                      fs_csv_name(c), col_names[k], hint);
    else
      rc = fs_err_set(err, FS_EINVAL, "%s:1: missing required column \"%s\"", fs_csv_name(c),
                      col_names[k]);
  }
  /* A header column close to an optional one's name is a misspelling that
     would otherwise be ignored silently. */
  for (size_t i = 0; i < nh && !rc; i++) {
    int k = 0;
    while (k < NCOLS && strcmp(hdr[i], col_names[k]) != 0) k++;
    if (k < NCOLS) continue;
    const char *hint =
        fs_suggest(hdr[i], (const char *const *) col_names + NREQUIRED, NCOLS - NREQUIRED);
    if (hint)
      rc = fs_err_set(err, FS_EINVAL, "%s:1: column %zu (%s): unknown column; did you mean \"%s\"?",
                      fs_csv_name(c), i + 1, hdr[i], hint);
  }
  free(hdr);
  return rc;
}

static void base_name(const char *path, char *dst, size_t cap) {
  const char *b = strrchr(path, '/');
  b = b ? b + 1 : path;
  size_t len = strlen(b);
  if (len > 4 && strcasecmp(b + len - 4, ".csv") == 0) len -= 4;
  if (len >= cap) len = cap - 1;
  memcpy(dst, b, len);
  dst[len] = '\0';
}

int fs_portfolio_load(fs_portfolio *pf, const char *path, const char *const *industries, int nind,
                      const char *const *regions, int nreg, fs_err *err) {
  /* A folder is an OED portfolio (loss/oed.h): the default mapping tables, no notes. */
  if (fs_oed_is_dir(path)) return fs_oed_load(pf, path, NULL, industries, nind, regions, nreg, err);
  memset(pf, 0, sizeof *pf);
  if (strlen(path) >= sizeof pf->path)
    return fs_err_set(err, FS_EINVAL, "portfolio path longer than %zu characters",
                      sizeof pf->path - 1);
  fs_csv *c;
  int rc = fs_csv_open(&c, path, 0, err);
  if (rc) return rc;
  int col[NCOLS];
  idset ids = {NULL, 0};
  size_t cap = 0;
  rc = find_columns(c, col, err);
  while (!rc) {
    int more = fs_csv_next(c, err);
    if (more <= 0) {
      rc = more;
      break;
    }
    if (pf->n == FS_PORTFOLIO_MAX) {
      rc = fs_err_set(err, FS_ELIMIT, "%s:%ld: more than %d policies (the limit); split the file",
                      path, fs_csv_line(c), FS_PORTFOLIO_MAX);
      break;
    }
    if (pf->n == cap) {
      size_t ncap = cap ? 2 * cap : 64;
      fs_policy *p = fs_realloc(pf->p, ncap * sizeof *p);
      if (!p) {
        rc = fs_err_set(err, FS_ENOMEM, "%s: out of memory for %zu policies", path, ncap);
        break;
      }
      pf->p = p;
      cap = ncap;
    }
    if (idset_grow(&ids, pf->p, pf->n)) {
      rc = fs_err_set(err, FS_ENOMEM, "%s: out of memory for %zu policies", path, pf->n);
      break;
    }
    fs_policy *p = &pf->p[pf->n];
    rc = read_row(c, col, p, industries, nind, regions, nreg, err);
    if (rc) break;
    size_t dup = idset_find(&ids, pf->p, p->id);
    if (dup) {
      rc = fs_csv_fail(c, (size_t) col[C_ID], err, FS_EINVAL,
                       "duplicate policy id (got \"%s\"); first seen on line %d", p->id,
                       pf->p[dup - 1].line);
      break;
    }
    pf->n++;
    idset_put(&ids, pf->p, pf->n);
  }
  if (!rc && pf->n == 0)
    rc = fs_err_set(err, FS_EINVAL, "%s: no policies (the file has a header but no rows)", path);
  fs_csv_close(c);
  free(ids.slot);
  if (!rc) rc = fs_path_fmt(pf->path, sizeof pf->path, err, "%s", path);
  if (rc) {
    fs_portfolio_free(pf);
    return rc;
  }
  base_name(path, pf->name, sizeof pf->name);
  pf->col_cloud = col[C_CLOUD] + 1;
  pf->col_idp = col[C_IDP] + 1;
  pf->col_msp = col[C_MSP] + 1;
  return 0;
}

void fs_portfolio_free(fs_portfolio *pf) {
  if (!pf) return;
  free(pf->p);
  memset(pf, 0, sizeof *pf);
}
