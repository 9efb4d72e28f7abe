/* oed.c: reads an OED portfolio folder (account and location files) into fleetsim policies. */
#include "loss/oed.h"

#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "fs_config.h"
#include "fleet/fleet.h"
#include "util/alloc.h"
#include "util/csv.h"
#include "loss/oed_impl.h"
#include "util/hash.h"
#include "util/path.h"
#include "util/suggest.h"

/* ---- columns */

enum {
  A_ACC,
  A_POL,
  A_CUR,
  A_REV,
  A_DED,
  A_LIMIT,
  A_SHARE,
  A_NREQ,
  A_PORT = A_NREQ,
  A_NAME,
  A_ACCNAME,
  A_REVCUR,
  A_LIMCUR,
  A_DEDCUR,
  A_ATTACH,
  A_SIR,
  A_WAIT,
  A_COVER,
  A_CBI,
  A_DIAS,
  A_INRE,
  A_COUNTRY,
  A_AREA,
  A_ISCHEME,
  A_ICODE,
  A_FLEXI, /* the fleetsim extensions from here */
  A_ENDPOINTS = A_FLEXI,
  A_VENDOR,
  A_CLOUD,
  A_IDP,
  A_MSP,
  A_SF,
  A_CBIWAIT,
  A_NAMED,
  A_NAMEDSUB,
  A_COINS,
  A_WSTHR,
  A_WSSUB,
  A_INFRA,
  A_NCOLS
};
static const char *const acc_names[A_NCOLS] = {"AccNumber",
                                               "PolNumber",
                                               "AccCurrency",
                                               "AnnualRevenue",
                                               "PolDed",
                                               "LayerLimit",
                                               "LayerParticipation",
                                               "PortNumber",
                                               "InsuredName",
                                               "AccName",
                                               "AnnualRevenueCurrency",
                                               "LimitCurrency",
                                               "DedCurrency",
                                               "LayerAttachment",
                                               "PolSIR",
                                               "BIWaitingPeriod",
                                               "PolCoverage",
                                               "PolLimitCBI",
                                               "PolLimitDIAS",
                                               "PolLimitINRE",
                                               "CountryCode",
                                               "AreaCode",
                                               "IndustryScheme1",
                                               "IndustryCode1",
                                               "FlexiAccEndpoints",
                                               "FlexiAccAgentVendor",
                                               "FlexiAccCloudRegions",
                                               "FlexiAccIdentityProvider",
                                               "FlexiAccMSP",
                                               "FlexiPolSystemFailureSublimit",
                                               "FlexiPolCBIWaitingPeriod",
                                               "FlexiPolNamedProviders",
                                               "FlexiPolNamedCBISublimit",
                                               "FlexiPolCoinsurance",
                                               "FlexiPolWidespreadEventThreshold",
                                               "FlexiPolWidespreadEventSublimit",
                                               "FlexiPolInfrastructureExclusion"};

enum {
  L_ACC,
  L_LOC,
  L_COUNTRY,
  L_NREQ,
  L_PORT = L_NREQ,
  L_AREA,
  L_OCC,
  L_TIV,
  L_FLEXI,
  L_ENDPOINTS = L_FLEXI,
  L_NCOLS
};
static const char *const loc_names[L_NCOLS] = {"AccNumber",  "LocNumber",        "CountryCode",
                                               "PortNumber", "AreaCode",         "OccupancyCode",
                                               "BITIV",      "FlexiLocEndpoints"};

/* An opened OED file: the reader, where each known column is (-1: absent)
   and the header columns that are none of them. */
typedef struct oed_file {
  fs_csv *c;
  char path[FS_PATH_MAX];
  const char *const *names; /* acc_names or loc_names */
  int col[A_NCOLS];         /* A_NCOLS >= L_NCOLS */
} oed_file;

/* Per policy while loading: where it came from and what its locations give. */
typedef struct acc_info {
  char key[112]; /* the account: "PortNumber\x1fAccNumber" or AccNumber */
  size_t head;   /* the account's first policy */
  long line;
  int ind, reg;         /* from the account row; -1: not given */
  int loc_ind, loc_reg; /* from the account's largest location (head only); -1: none */
  double loc_tiv;       /* that location's BITIV; -1: no location yet */
  double loc_endpoints; /* sum of FlexiLocEndpoints (head only) */
  int nloc_endpoints;
} acc_info;

/* Open addressing on FNV-1a; slots hold index + 1, 0 is empty; keys are
   read through the loader (the arrays move as they grow). */
typedef struct smap {
  size_t *slot;
  size_t cap; /* a power of two above twice the count */
} smap;

typedef struct loader {
  const char *const *inds, *const *regs;
  int nind, nreg;
  fs_oed_map map[FS_OED_NMAPS];
  fs_portfolio *pf;
  size_t cap;
  acc_info *acc;
  smap ids, accounts;
  size_t naccounts;
  int link_port;
  oed_file af, lf;
  int have_loc;
} loader;

static const char *id_key(const loader *L, size_t i) {
  return L->pf->p[i].id;
}
static const char *acc_key(const loader *L, size_t i) {
  return L->acc[i].key;
}
typedef const char *(*key_fn)(const loader *, size_t);

static uint64_t fnv_str(const char *s) {
  return fs_fnv1a(FS_FNV_BASIS, s, strlen(s));
}

static size_t smap_find(const smap *m, const loader *L, key_fn key, const char *k) {
  if (!m->cap) return 0;
  for (size_t i = fnv_str(k) & (m->cap - 1);; i = (i + 1) & (m->cap - 1))
    if (!m->slot[i] || strcmp(key(L, m->slot[i] - 1), k) == 0) return m->slot[i];
}

static void smap_insert(size_t *slot, size_t cap, const char *k, size_t idx1) {
  size_t i = fnv_str(k) & (cap - 1);
  while (slot[i]) i = (i + 1) & (cap - 1);
  slot[i] = idx1;
}

/* Adds index idx (its key not yet there) to a map holding count keys. */
static int smap_put(smap *m, size_t count, const loader *L, key_fn key, size_t idx) {
  if (2 * (count + 1) >= m->cap) {
    size_t ncap = m->cap ? 2 * m->cap : 1024;
    size_t *slot = fs_calloc(ncap, sizeof *slot);
    if (!slot) return FS_ENOMEM;
    for (size_t i = 0; i < m->cap; i++)
      if (m->slot[i]) smap_insert(slot, ncap, key(L, m->slot[i] - 1), m->slot[i]);
    free(m->slot);
    m->slot = slot;
    m->cap = ncap;
  }
  smap_insert(m->slot, m->cap, key(L, idx), idx + 1);
  return 0;
}

/* ---- small readers */

/* "FILE:LINE: column N (HEADER): MESSAGE" about field k of the row at
   line, or "FILE:LINE: NAME: MESSAGE" when the file has no column k (its
   OED default was used). */
static int vfail(const oed_file *f, long line, int k, fs_err *err, const char *fmt, va_list ap) {
  char msg[FS_ERR_MAX / 2];
  vsnprintf(msg, sizeof msg, fmt, ap);
  if (f->col[k] < 0)
    return fs_err_set(err, FS_EINVAL, "%s:%ld: %s: %s", f->path, line, f->names[k], msg);
  return fs_err_set(err, FS_EINVAL, "%s:%ld: column %d (%s): %s", f->path, line, f->col[k] + 1,
                    fs_csv_colname(f->c, (size_t) f->col[k]), msg);
}

/* About a row read earlier. */
static int row_fail(const oed_file *f, long line, int k, fs_err *err, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static int row_fail(const oed_file *f, long line, int k, fs_err *err, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int rc = vfail(f, line, k, err, fmt, ap);
  va_end(ap);
  return rc;
}

/* About the current row. */
static int fail(const oed_file *f, int k, fs_err *err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int fail(const oed_file *f, int k, fs_err *err, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int rc = vfail(f, fs_csv_line(f->c), k, err, fmt, ap);
  va_end(ap);
  return rc;
}

/* Field k of the current row, "" when the column is absent. */
static const char *field(const oed_file *f, int k) {
  return f->col[k] < 0 ? "" : fs_csv_field(f->c, (size_t) f->col[k]);
}

/* Field k into dst (cap - 1 bytes at most); required: not empty. */
static int text(const oed_file *f, int k, int required, char *dst, size_t cap, fs_err *err) {
  const char *s = field(f, k);
  size_t len = strlen(s);
  if (required && !len) return fail(f, k, err, "a value is required (got \"%s\")", s);
  if (len >= cap)
    return fail(f, k, err, "at most %zu characters (got \"%.20s...\", %zu)", cap - 1, s, len);
  memcpy(dst, s, len + 1);
  return 0;
}

/* A number with the csv flags (FS_CSV_OPTIONAL implied); empty or an
   absent column gives `empty`. */
static int number(const oed_file *f, int k, unsigned flags, double empty, double *out,
                  fs_err *err) {
  *out = empty;
  if (f->col[k] < 0) return 0;
  int rc = fs_csv_number(f->c, (size_t) f->col[k], flags | FS_CSV_OPTIONAL, out, err);
  if (rc == 1) *out = empty;
  return rc < 0 ? rc : 0;
}

/* Days as hours, to the second (8 h written as 0.3333333333 days is 8 h). */
static int days(const oed_file *f, int k, double empty, double *hours, fs_err *err) {
  double d;
  int rc = number(f, k, FS_CSV_NONNEG, NAN, &d, err);
  if (rc) return rc;
  *hours = isnan(d) ? empty : round(d * 86400.0) / 3600.0;
  return 0;
}

/* Y/N (yes, no, true, false, 1, 0 in any case); empty gives `empty`. */
static int yes_no(const oed_file *f, int k, int empty, int *out, fs_err *err) {
  static const char *const yes[] = {"y", "yes", "true", "1"}, *const no[] = {"n", "no", "false",
                                                                             "0"};
  const char *s = field(f, k);
  *out = empty;
  if (!*s) return 0;
  for (int i = 0; i < 4; i++) {
    if (strcasecmp(s, yes[i]) == 0) return *out = 1, 0;
    if (strcasecmp(s, no[i]) == 0) return *out = 0, 0;
  }
  return fail(f, k, err, "expected Y or N (got \"%.20s\")", s);
}

/* Ids separated by ';' into dst[0..max), each 1 to 47 bytes, distinct. */
static int id_list(const oed_file *f, int k, char (*dst)[48], int max, int *n, fs_err *err) {
  const char *all = field(f, k), *s = all;
  *n = 0;
  while (*s) {
    const char *e = strchr(s, ';');
    size_t len = e ? (size_t) (e - s) : strlen(s);
    if (len == 0 || len >= 48 || *n == max || (e && !e[1]))
      return fail(f, k, err,
                  "at most %d ids of 1 to 47 characters separated by ';' (got \"%.60s\")", max,
                  all);
    memcpy(dst[*n], s, len);
    dst[*n][len] = '\0';
    for (int i = 0; i < *n; i++)
      if (strcmp(dst[i], dst[*n]) == 0) return fail(f, k, err, "\"%s\" named twice", dst[i]);
    (*n)++;
    s += len + (e ? 1 : 0);
  }
  return 0;
}

/* A currency column: empty (unless required) or USD. */
static int usd(const oed_file *f, int k, int required, fs_err *err) {
  const char *s = field(f, k);
  if ((!*s && !required) || strcasecmp(s, "USD") == 0) return 0;
  return fail(f, k, err,
              "USD expected: fleetsim's losses are in US dollars; convert the book (got \"%s\")",
              s);
}

/* Opens f and finds the columns of names[0..n) in any case (the first
   nreq required); extensions from `flexi` on: a "Flexi..." column near one
   of them is a misspelling. */
static int open_file(oed_file *f, const char *const *names, int n, int nreq, int flexi,
                     fs_err *err) {
  int rc = fs_csv_open(&f->c, f->path, 0, err);
  if (rc) return rc;
  f->names = names;
  size_t nh = fs_csv_ncols(f->c);
  for (int k = 0; k < n; k++) {
    f->col[k] = -1;
    for (size_t i = 0; i < nh; i++) {
      if (strcasecmp(fs_csv_colname(f->c, i), names[k]) != 0) continue;
      if (f->col[k] >= 0)
        return fs_err_set(err, FS_EINVAL, "%s:1: columns %d and %zu are both %s", f->path,
                          f->col[k] + 1, i + 1, names[k]);
      f->col[k] = (int) i;
    }
  }
  for (int k = 0; k < nreq; k++) {
    if (f->col[k] >= 0) continue;
    const char **hdr = fs_malloc(nh * sizeof *hdr);
    if (!hdr) return fs_err_set(err, FS_ENOMEM, "%s: out of memory", f->path);
    for (size_t i = 0; i < nh; i++) hdr[i] = fs_csv_colname(f->c, i);
    const char *hint = fs_suggest(names[k], hdr, nh);
    free(hdr);
    if (hint)
      return fs_err_set(err, FS_EINVAL,
                        "%s:1: missing required column \"%s\"; did you mean \"%s\"?", f->path,
                        names[k], hint);
    return fs_err_set(err, FS_EINVAL, "%s:1: missing required column \"%s\"", f->path, names[k]);
  }
  for (size_t i = 0; i < nh; i++) {
    const char *h = fs_csv_colname(f->c, i);
    int k = 0;
    while (k < n && f->col[k] != (int) i) k++;
    if (k < n || strncasecmp(h, "Flexi", 5) != 0) continue;
    const char *hint = fs_suggest(h, names + flexi, (size_t) (n - flexi));
    if (hint)
      return fs_err_set(err, FS_EINVAL,
                        "%s:1: column %zu (%s): unknown fleetsim extension; did you mean \"%s\"?",
                        f->path, i + 1, h, hint);
  }
  return 0;
}

/* One note naming the columns of f that are none of names[0..n). */
static void note_ignored(const fs_oed_opts *o, const oed_file *f, int n) {
  if (!o->note) return;
  char list[FS_ERR_MAX];
  size_t used = 0, count = 0, nh = fs_csv_ncols(f->c);
  for (size_t i = 0; i < nh; i++) {
    int k = 0;
    while (k < n && f->col[k] != (int) i) k++;
    if (k < n) continue;
    if (used < sizeof list - 200)
      used += (size_t) snprintf(list + used, sizeof list - used, "%s%s", count ? ", " : "",
                                fs_csv_colname(f->c, i));
    else if (used < sizeof list - 4)
      used += (size_t) snprintf(list + used, sizeof list - used, ", ...");
    count++;
  }
  if (!count) return;
  char msg[FS_ERR_MAX + FS_PATH_MAX + 64];
  snprintf(msg, sizeof msg, "%s: %zu OED field%s ignored: %s", f->path, count,
           count == 1 ? "" : "s", list);
  o->note(o->ud, msg);
}

/* The index a table row gives, or an error at field k. */
static int mapped(const oed_file *f, int k, const fs_oed_map *t, const fs_oed_map_row *r,
                  const char *what, int *out, fs_err *err) {
  if (r->idx >= 0) return *out = r->idx, 0;
  const char *s = *field(f, k) ? field(f, k) : "1000"; /* only OccupancyCode has a default */
  if (r->idx == -1)
    return fail(f, k, err, "\"%s\" has no fleetsim %s (%s:%ld)", s, what, t->path, r->line);
  return fail(f, k, err,
              "\"%s\" maps to %s \"%s\" (%s:%ld), which the scenario's fleet does not have", s,
              what, r->id, t->path, r->line);
}

/* The region of fields country and area of the current row. */
static int region_of(const loader *L, const oed_file *f, int kc, int ka, int *out, fs_err *err) {
  const fs_oed_map *t = &L->map[FS_OED_GEO];
  const char *country = field(f, kc), *area = field(f, ka);
  int known;
  const fs_oed_map_row *r = fs_oed__geo(t, country, area, &known);
  if (!known) return fail(f, kc, err, "unknown OED country code (got \"%s\")", country);
  if (!r && !*area)
    return fail(f, kc, err, "country \"%s\" needs an AreaCode (its state) to choose a region (%s)",
                country, t->path);
  if (!r) return fail(f, ka, err, "unknown OED area code for this country (got \"%s\")", area);
  return mapped(f, r->area[0] ? ka : kc, t, r, "region", out, err);
}

/* ---- the account file */

/* The financial terms of the current account row (oed.h). */
static int read_terms(const oed_file *f, fs_terms *t, fs_err *err) {
  double sir, attach;
  int rc;
  const unsigned amt = FS_CSV_NONNEG;
  *t = fs_terms_full();
  if ((rc = days(f, A_WAIT, 0, &t->waiting_hours, err)) ||
      (rc = days(f, A_CBIWAIT, t->waiting_hours, &t->dbi_waiting_hours, err)) ||
      (rc = number(f, A_DED, amt, 0, &t->deductible, err)) ||
      (rc = number(f, A_SIR, amt, 0, &sir, err)) ||
      (rc = number(f, A_ATTACH, amt, 0, &attach, err)) ||
      (rc = number(f, A_LIMIT, amt, 0, &t->limit, err)) ||
      (rc = number(f, A_SHARE, FS_CSV_UNIT, 1, &t->share, err)) ||
      (rc = number(f, A_CBI, amt, 0, &t->dbi_sublimit, err)) ||
      (rc = number(f, A_DIAS, amt, 0, &t->dr_sublimit, err)) ||
      (rc = number(f, A_INRE, amt, 0, &t->ee_sublimit, err)) ||
      (rc = number(f, A_SF, amt, INFINITY, &t->sf_sublimit, err)) ||
      (rc = number(f, A_NAMEDSUB, amt, INFINITY, &t->dbi_named_sublimit, err)) ||
      (rc = number(f, A_COINS, FS_CSV_UNIT, 0, &t->coinsurance, err)) ||
      (rc = number(f, A_WSTHR, FS_CSV_UNIT, INFINITY, &t->ws_threshold, err)) ||
      (rc = number(f, A_WSSUB, amt, 0, &t->ws_sublimit, err)) ||
      (rc = yes_no(f, A_INFRA, 0, &t->infra_exclusion, err)))
    return rc;
  /* OED: a limit or sublimit of 0 is no limit (Oasis applies none). */
  double *unl[] = {&t->limit, &t->dbi_sublimit, &t->dr_sublimit, &t->ee_sublimit};
  for (int i = 0; i < 4; i++)
    if (*unl[i] == 0) *unl[i] = INFINITY;
  if (t->coinsurance >= 1)
    return fail(f, A_COINS, err, "coinsurance must be below 1 (got \"%s\")", field(f, A_COINS));
  if (t->ws_threshold == 0)
    return fail(f, A_WSTHR, err, "a share of the fleet's organisations above 0 (got \"%s\")",
                field(f, A_WSTHR));
  if (attach > 0 && t->coinsurance > 0)
    return fail(f, A_ATTACH, err,
                "fleetsim has one retention and applies coinsurance after it: it cannot place an "
                "attachment with FlexiPolCoinsurance (got \"%s\")",
                field(f, A_ATTACH));
  t->deductible += sir + attach;
  return 0;
}

/* PolCoverage: the codes covered; a line missing from it has no cover. */
static int read_coverage(const oed_file *f, fs_terms *t, fs_err *err) {
  static const char *const codes[] = {"CYB", "NPBI", "BI",  "CBI", "DIAS", "INRE",
                                      "EXT", "FIN",  "LIA", "REG", "ENO"};
  const char *all = field(f, A_COVER), *s = all;
  unsigned have = *s ? 0 : 1; /* bit i: codes[i]; empty = CYB */
  while (*s) {
    size_t len = strcspn(s, ";");
    int i = 0;
    while (i < 11 && (strlen(codes[i]) != len || strncasecmp(s, codes[i], len) != 0)) i++;
    if (i == 11)
      return fail(f, A_COVER, err,
                  "cyber coverage codes separated by ';' (CYB, NPBI, CBI, DIAS, INRE, EXT, FIN, "
                  "LIA, REG, ENO) (got \"%.60s\")",
                  all);
    have |= 1u << i;
    s += len + (s[len] == ';');
  }
  if (have & 1) return 0;
  if (!(have & 6))
    return fail(f, A_COVER, err,
                "fleetsim's losses are business interruption: a policy without NPBI cover "
                "cannot be priced (got \"%.60s\")",
                all);
  if (!(have & 8)) t->dbi_sublimit = 0;
  if (!(have & 16)) t->dr_sublimit = 0;
  if (!(have & 32)) t->ee_sublimit = 0;
  return 0;
}

/* Industry and region the account row gives (-1 where it gives none). */
static int read_acc_codes(const loader *L, const oed_file *f, acc_info *a, fs_err *err) {
  a->ind = a->reg = -1;
  const char *code = field(f, A_ICODE), *scheme = field(f, A_ISCHEME);
  if (*code) {
    if (strcasecmp(scheme, "NAICS") != 0)
      return f->col[A_ISCHEME] < 0
                 ? fail(f, A_ICODE, err, "needs IndustryScheme1 NAICS beside it (got \"%s\")", code)
                 : fail(f, A_ISCHEME, err,
                        "NAICS expected: models/oed/naics.csv maps NAICS codes only (got \"%s\")",
                        scheme);
    const fs_oed_map_row *r = fs_oed__naics(&L->map[FS_OED_NAICS], code);
    if (!r) return fail(f, A_ICODE, err, "unknown NAICS code (got \"%s\")", code);
    int rc = mapped(f, A_ICODE, &L->map[FS_OED_NAICS], r, "industry", &a->ind, err);
    if (rc) return rc;
  }
  if (*field(f, A_COUNTRY)) return region_of(L, f, A_COUNTRY, A_AREA, &a->reg, err);
  return 0;
}

/* The current account row into p and a. */
static int read_account(loader *L, fs_policy *p, acc_info *a, fs_err *err) {
  const oed_file *f = &L->af;
  char acc[64], pol[64], port[48];
  int rc;
  memset(p, 0, sizeof *p);
  memset(a, 0, sizeof *a);
  p->line = (int) (a->line = fs_csv_line(f->c));
  if ((rc = text(f, A_ACC, 1, acc, sizeof acc, err)) ||
      (rc = text(f, A_POL, 1, pol, sizeof pol, err)) ||
      (rc = text(f, A_PORT, 0, port, sizeof port, err)) || (rc = usd(f, A_CUR, 1, err)) ||
      (rc = usd(f, A_REVCUR, 0, err)) || (rc = usd(f, A_LIMCUR, 0, err)) ||
      (rc = usd(f, A_DEDCUR, 0, err)))
    return rc;
  if (strlen(acc) + strlen(pol) + 1 >= sizeof p->id)
    return fail(f, A_POL, err,
                "AccNumber/PolNumber is the policy's id, at most 63 bytes (got \"%s\")", pol);
  size_t la = strlen(acc);
  memcpy(p->id, acc, la);
  p->id[la] = '/';
  memcpy(p->id + la + 1, pol, strlen(pol) + 1);
  snprintf(a->key, sizeof a->key, "%s%s%s", L->link_port ? port : "", L->link_port ? "\x1f" : "",
           acc);
  int kn = *field(f, A_NAME) ? A_NAME : *field(f, A_ACCNAME) ? A_ACCNAME : -1;
  if (kn < 0)
    snprintf(p->name, sizeof p->name, "%s", p->id);
  else if ((rc = text(f, kn, 1, p->name, sizeof p->name, err)))
    return rc;
  if ((rc = number(f, A_REV, FS_CSV_POSITIVE, NAN, &p->revenue_usd, err))) return rc;
  if (isnan(p->revenue_usd))
    return fail(f, A_REV, err, "the insured's revenue, > 0, is required (got \"%s\")", "");
  if ((rc = number(f, A_ENDPOINTS, FS_CSV_POSITIVE | FS_CSV_WHOLE, NAN, &p->endpoints, err)))
    return rc;
  if ((rc = text(f, A_VENDOR, 0, p->vendor, sizeof p->vendor, err)) ||
      (rc = id_list(f, A_CLOUD, p->cloud, FS_POLICY_MAX_CLOUD, &p->ncloud, err)) ||
      (rc = text(f, A_IDP, 0, p->idp, sizeof p->idp, err)) ||
      (rc = text(f, A_MSP, 0, p->msp, sizeof p->msp, err)) ||
      (rc = id_list(f, A_NAMED, p->named, FS_POLICY_MAX_NAMED, &p->nnamed, err)) ||
      (rc = read_terms(f, &p->terms, err)) || (rc = read_coverage(f, &p->terms, err)))
    return rc;
  p->vendor_given = p->vendor[0] != '\0';
  return read_acc_codes(L, f, a, err);
}

static int grow(loader *L, fs_err *err) {
  if (L->pf->n < L->cap) return 0;
  size_t ncap = L->cap ? 2 * L->cap : 64;
  fs_policy *p = fs_realloc(L->pf->p, ncap * sizeof *p);
  if (p) L->pf->p = p;
  acc_info *a = p ? fs_realloc(L->acc, ncap * sizeof *a) : NULL;
  if (!a) return fs_err_set(err, FS_ENOMEM, "%s: out of memory for %zu policies", L->af.path, ncap);
  L->acc = a;
  L->cap = ncap;
  return 0;
}

static int read_accounts(loader *L, fs_err *err) {
  fs_portfolio *pf = L->pf;
  int rc;
  while ((rc = fs_csv_next(L->af.c, err)) == 1) {
    if (pf->n == FS_PORTFOLIO_MAX)
      return fs_err_set(err, FS_ELIMIT, "%s:%ld: more than %d policies (the limit); split the file",
                        L->af.path, fs_csv_line(L->af.c), FS_PORTFOLIO_MAX);
    if ((rc = grow(L, err))) return rc;
    size_t i = pf->n;
    if ((rc = read_account(L, &pf->p[i], &L->acc[i], err))) return rc;
    size_t dup = smap_find(&L->ids, L, id_key, pf->p[i].id);
    if (dup)
      return fail(&L->af, A_POL, err,
                  "duplicate policy (AccNumber/PolNumber \"%s\"); first on line %d", pf->p[i].id,
                  pf->p[dup - 1].line);
    size_t head = smap_find(&L->accounts, L, acc_key, L->acc[i].key);
    L->acc[i].head = head ? head - 1 : i;
    L->acc[i].loc_ind = L->acc[i].loc_reg = -1;
    L->acc[i].loc_tiv = -1;
    pf->n++;
    if (smap_put(&L->ids, i, L, id_key, i) ||
        (!head && smap_put(&L->accounts, L->naccounts++, L, acc_key, i)))
      return fs_err_set(err, FS_ENOMEM, "%s: out of memory for %zu policies", L->af.path, pf->n);
  }
  if (rc == 0 && pf->n == 0)
    rc = fs_err_set(err, FS_EINVAL, "%s: no policies (the file has a header but no rows)",
                    L->af.path);
  return rc;
}

/* ---- the location file */

static int read_location(loader *L, fs_err *err) {
  const oed_file *f = &L->lf;
  char key[112], acc[64], port[48], num[64];
  int rc, ind = -1, reg = -1;
  if ((rc = text(f, L_ACC, 1, acc, sizeof acc, err)) ||
      (rc = text(f, L_PORT, 0, port, sizeof port, err)) ||
      (rc = text(f, L_LOC, 1, num, sizeof num, err)))
    return rc;
  snprintf(key, sizeof key, "%s%s%s", L->link_port ? port : "", L->link_port ? "\x1f" : "", acc);
  size_t h1 = smap_find(&L->accounts, L, acc_key, key);
  if (!h1)
    return fail(f, L_ACC, err, "no account row in %s for this location's account (got \"%s\"%s%s)",
                L->af.path, acc, L->link_port ? ", PortNumber " : "", L->link_port ? port : "");
  if (!*field(f, L_COUNTRY)) return fail(f, L_COUNTRY, err, "a value is required (got \"%s\")", "");
  if ((rc = region_of(L, f, L_COUNTRY, L_AREA, &reg, err))) return rc;
  const char *occ = *field(f, L_OCC) ? field(f, L_OCC) : "1000"; /* OED's default */
  const fs_oed_map_row *r = fs_oed__occ(&L->map[FS_OED_OCC], occ);
  if (!r) return fail(f, L_OCC, err, "unknown OED occupancy code (got \"%s\")", occ);
  if ((rc = mapped(f, L_OCC, &L->map[FS_OED_OCC], r, "industry", &ind, err))) return rc;
  double tiv, ep;
  if ((rc = number(f, L_TIV, FS_CSV_NONNEG, 0, &tiv, err)) ||
      (rc = number(f, L_ENDPOINTS, FS_CSV_POSITIVE | FS_CSV_WHOLE, NAN, &ep, err)))
    return rc;
  acc_info *a = &L->acc[h1 - 1];
  if (tiv > a->loc_tiv) a->loc_tiv = tiv, a->loc_ind = ind, a->loc_reg = reg;
  if (!isnan(ep)) a->loc_endpoints += ep, a->nloc_endpoints++;
  return 0;
}

/* Each policy's industry, region and endpoints from its account and
   locations (oed.h). */
static int settle(loader *L, fs_err *err) {
  for (size_t i = 0; i < L->pf->n; i++) {
    fs_policy *p = &L->pf->p[i];
    const acc_info *a = &L->acc[i], *h = &L->acc[a->head];
    int ind = a->ind >= 0 ? a->ind : h->loc_ind, reg = a->reg >= 0 ? a->reg : h->loc_reg;
    /* A location always gives both (read_location), so only an account
       without locations can lack them. */
    if (ind < 0)
      return row_fail(&L->af, a->line, A_ICODE, err,
                      "policy \"%s\": no IndustryCode1 and no location (with an OccupancyCode)",
                      p->id);
    if (reg < 0)
      return row_fail(&L->af, a->line, A_COUNTRY, err,
                      "policy \"%s\": no CountryCode and no location (with a CountryCode)", p->id);
    snprintf(p->industry, sizeof p->industry, "%s", L->inds[ind]);
    snprintf(p->region, sizeof p->region, "%s", L->regs[reg]);
    if (isnan(p->endpoints) && h->nloc_endpoints) p->endpoints = h->loc_endpoints;
    if (p->endpoints > FS_FLEET_MAX_ORG_ENDPOINTS)
      return row_fail(&L->af, a->line, A_ENDPOINTS, err,
                      "at most %.0f endpoints per organisation (got %.0f)",
                      FS_FLEET_MAX_ORG_ENDPOINTS, p->endpoints);
    if (fs_terms_check(&p->terms, err))
      return row_fail(&L->af, a->line, A_POL, err, "%s", err->msg);
  }
  return 0;
}

/* ---- entry points */

int fs_oed_is_dir(const char *path) {
  struct stat st;
  return path && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

void fs_oed_note_stderr(void *ud, const char *msg) {
  (void) ud;
  /* Once per message and process: a sweep or a catalogue run opens the
     portfolio once per task, on several threads. */
  static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
  static uint64_t seen[64];
  static size_t nseen;
  uint64_t h = 0xcbf29ce484222325ull;
  for (const char *c = msg; *c; c++) h = (h ^ (unsigned char) *c) * 0x100000001b3ull;
  pthread_mutex_lock(&lock);
  int fresh = 1;
  for (size_t i = 0; i < nseen && fresh; i++) fresh = seen[i] != h;
  if (fresh && nseen < sizeof seen / sizeof seen[0]) seen[nseen++] = h;
  pthread_mutex_unlock(&lock);
  if (fresh) fprintf(stderr, "fleetsim: note: %s\n", msg);
}

/* The models folder when the caller names none: the rule of
   fs_scenario_models_dir (scenario/scenario.h), which loss/ may not
   include (docs/ARCHITECTURE.md: loss comes before scenario). */
static const char *default_models(void) {
  const char *env = getenv("FLEETSIM_MODELS");
  return env && *env ? env : FS_SOURCE_ROOT "/models";
}

static void base_name(const char *path, char *dst, size_t cap) {
  size_t len = strlen(path);
  while (len > 1 && path[len - 1] == '/') len--;
  size_t b = len;
  while (b > 0 && path[b - 1] != '/') b--;
  snprintf(dst, cap, "%.*s", (int) (len - b), path + b);
}

static int load(loader *L, const char *dir, const fs_oed_opts *o, fs_err *err) {
  const char *models = o->models_dir ? o->models_dir : default_models();
  int rc = 0;
  for (int k = 0; k < FS_OED_NMAPS && !rc; k++)
    rc = fs_oed__map_read(&L->map[k], k, models, k == FS_OED_GEO ? L->regs : L->inds,
                          k == FS_OED_GEO ? L->nreg : L->nind, err);
  if (!rc) rc = fs_oed__files(dir, L->af.path, L->lf.path, &L->have_loc, err);
  if (!rc) rc = open_file(&L->af, acc_names, A_NCOLS, A_NREQ, A_FLEXI, err);
  if (!rc && L->have_loc) rc = open_file(&L->lf, loc_names, L_NCOLS, L_NREQ, L_FLEXI, err);
  if (rc) return rc;
  L->link_port = L->have_loc && L->af.col[A_PORT] >= 0 && L->lf.col[L_PORT] >= 0;
  if ((rc = read_accounts(L, err))) return rc;
  while (L->have_loc && (rc = fs_csv_next(L->lf.c, err)) == 1)
    if ((rc = read_location(L, err))) return rc;
  if (rc < 0 || (rc = settle(L, err))) return rc;
  note_ignored(o, &L->af, A_NCOLS);
  if (L->have_loc) note_ignored(o, &L->lf, L_NCOLS);
  return 0;
}

int fs_oed_load(fs_portfolio *pf, const char *dir, const fs_oed_opts *o,
                const char *const *industries, int nind, const char *const *regions, int nreg,
                fs_err *err) {
  static const fs_oed_opts none = {NULL, NULL, NULL};
  memset(pf, 0, sizeof *pf);
  loader L = {.inds = industries, .nind = nind, .regs = regions, .nreg = nreg, .pf = pf};
  int rc = fs_path_fmt(pf->path, sizeof pf->path, err, "%s", dir);
  if (!rc) rc = load(&L, dir, o ? o : &none, err);
  fs_csv_close(L.af.c);
  fs_csv_close(L.lf.c);
  for (int k = 0; k < FS_OED_NMAPS; k++) free(L.map[k].row);
  free(L.acc);
  free(L.ids.slot);
  free(L.accounts.slot);
  if (rc) {
    fs_portfolio_free(pf);
    return rc;
  }
  base_name(dir, pf->name, sizeof pf->name);
  return 0;
}

int fs_oed_hash(const char *path, uint64_t *out, fs_err *err) {
  if (!fs_oed_is_dir(path)) return fs_fnv1a_file(path, out, err);
  char f[2][FS_PATH_MAX];
  uint64_t h[2] = {0, 0};
  int have_loc, rc = fs_oed__files(path, f[0], f[1], &have_loc, err);
  for (int i = 0; i < 1 + have_loc && !rc; i++) rc = fs_fnv1a_file(f[i], &h[i], err);
  /* The account file's hash, then the location file's, hashed. */
  if (!rc) *out = fs_fnv1a(FS_FNV_BASIS, h, sizeof h);
  return rc;
}
