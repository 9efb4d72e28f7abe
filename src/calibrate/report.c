/* report.c: a calibration folder read back, every file checked, then its charts and page drawn. */
#include "calibrate/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/alloc.h"
#include "util/csv.h"
#include "util/fsutil.h"
#include "util/manifest.h"

const char *const fs_calrep__wave_cols[] = {"wave",
                                            "points",
                                            "failed",
                                            "candidates",
                                            "nonimplausible",
                                            "nonimplausible_share",
                                            "volume",
                                            "cutoff",
                                            "runs_within_cutoff",
                                            "best_score",
                                            NULL};
const char *const fs_calrep__gen_cols[] = {
    "generation",      "tolerance", "proposed",      "accepted",
    "acceptance_rate", "ess",       "best_distance", NULL};

/* fs_csv_number's flags per column of waves.csv and generations.csv. */
#define W  (FS_CSV_WHOLE | FS_CSV_NONNEG)
#define OP (FS_CSV_OPTIONAL | FS_CSV_NONNEG)
/* Empty numbers are those the writer has none for (no emulator, no
   finite tolerance in generation 1, nothing proposed). */
static const unsigned wave_flags[] = {
    W | FS_CSV_POSITIVE, W, W, W, W, OP | FS_CSV_UNIT, OP | FS_CSV_UNIT, FS_CSV_POSITIVE, W, OP};
static const unsigned gen_flags[] = {W, OP, W, W, OP | FS_CSV_UNIT, OP, OP};

/* calibration.json and manifest.json are fleetsim's own few-KiB files. */
#define MAX_JSON (16u << 20)

/* Column titles are at most this long: "length_" and a parameter name. */
#define COL_NAME (FS_CALREP_NAME + 8)

void fs_calrep__free(fs_calrep *r) {
  if (!r) return;
  fs_jread_free(r->cal);
  fs_jread_free(r->manifest);
  free(r->sample);
  free(r->weight);
  free(r->step);
  free(r->emu);
  free(r->emu_len);
  free(r->ppc);
  free(r);
}

/* ---- calibration.json and manifest.json */

/* Reads dir/name (a regular file, not through a link) into *out. */
static int read_json(const fs_calrep *r, const char *name, fs_jval **out, fs_err *err) {
  char path[FS_PATH_MAX];
  int rc = fs_path_join(path, sizeof path, r->dir, name, err);
  if (rc != 0) return rc;
  FILE *f = fs_open_input(path, FS_OPEN_NOFOLLOW, err);
  if (!f) return err->code;
  char *buf = fs_malloc(MAX_JSON + 1);
  size_t n = buf ? fread(buf, 1, MAX_JSON + 1, f) : 0;
  if (!buf)
    rc = fs_err_set(err, FS_ENOMEM, "%s: out of memory", path);
  else if (ferror(f))
    rc = fs_err_set(err, FS_EIO, "%s: read failed", path);
  else if (n > MAX_JSON)
    rc = fs_err_set(err, FS_ELIMIT, "%s: larger than %u MiB", path, MAX_JSON >> 20);
  fclose(f);
  if (rc == 0) rc = fs_jread_parse(out, buf, n, path, err);
  free(buf);
  return rc;
}

/* Text of key k of object o into dst (cap bytes): a string (or, when
   may_null, null as ""). where names o in messages. */
static int jtext(const fs_calrep *r, const fs_jval *o, const char *where, const char *k,
                 int may_null, char *dst, size_t cap, fs_err *err) {
  const fs_jval *v = fs_jread_get(o, k);
  if (v && v->kind == FS_JNULL && may_null) {
    dst[0] = '\0';
    return 0;
  }
  if (!v || v->kind != FS_JSTR)
    return fs_err_set(err, FS_EINVAL, "%s/calibration.json: %s\"%s\": expected a string", r->dir,
                      where, k);
  if (strlen(v->str) >= cap)
    return fs_err_set(err, FS_ELIMIT, "%s/calibration.json: %s\"%s\": longer than %zu bytes",
                      r->dir, where, k, cap - 1);
  memcpy(dst, v->str, strlen(v->str) + 1);
  return 0;
}

/* Number of key k of o (finite: the reader refuses any other); a key
   whose name starts with '?' may be null (NAN). */
static int jnum(const fs_calrep *r, const fs_jval *o, const char *where, const char *k, double *out,
                fs_err *err) {
  int may_null = k[0] == '?';
  k += may_null;
  const fs_jval *v = fs_jread_get(o, k);
  *out = NAN;
  if (v && v->kind == FS_JNULL && may_null) return 0;
  if (!v || v->kind != FS_JNUM || !isfinite(v->num))
    return fs_err_set(err, FS_EINVAL, "%s/calibration.json: %s\"%s\": expected a number", r->dir,
                      where, k);
  *out = v->num;
  return 0;
}

static int jbool(const fs_calrep *r, const fs_jval *o, const char *where, const char *k, int *out,
                 fs_err *err) {
  const fs_jval *v = fs_jread_get(o, k);
  if (!v || v->kind != FS_JBOOL)
    return fs_err_set(err, FS_EINVAL, "%s/calibration.json: %s\"%s\": expected true or false",
                      r->dir, where, k);
  *out = v->b;
  return 0;
}

/* The array key of the top level, with 0 to max items. */
static int jarray(const fs_calrep *r, const char *k, size_t max, const fs_jval **out, fs_err *err) {
  *out = fs_jread_get(r->cal, k);
  if (!*out || (*out)->kind != FS_JARR)
    return fs_err_set(err, FS_EINVAL, "%s/calibration.json: \"%s\": expected an array", r->dir, k);
  if ((*out)->n > max)
    return fs_err_set(err, FS_ELIMIT, "%s/calibration.json: \"%s\": more than %zu items", r->dir, k,
                      max);
  return 0;
}

static int read_params(fs_calrep *r, fs_err *err) {
  const fs_jval *a;
  int rc = jarray(r, "params", FS_CALREP_MAX_PARAMS, &a, err);
  if (rc == 0 && a->n == 0)
    rc = fs_err_set(err, FS_EINVAL, "%s/calibration.json: \"params\": empty", r->dir);
  for (size_t i = 0; rc == 0 && i < a->n; i++) {
    fs_calrep_param *q = &r->par[i];
    const fs_jval *o = &a->items[i];
    char where[32];
    snprintf(where, sizeof where, "params[%zu].", i);
    rc = jtext(r, o, where, "name", 0, q->name, sizeof q->name, err);
    if (rc == 0) rc = jtext(r, o, where, "unit", 1, q->unit, sizeof q->unit, err);
    if (rc == 0) rc = jnum(r, o, where, "lo", &q->lo, err);
    if (rc == 0) rc = jnum(r, o, where, "hi", &q->hi, err);
    if (rc == 0) rc = jnum(r, o, where, "base", &q->base, err);
    if (rc == 0) rc = jbool(r, o, where, "integer", &q->integer, err);
    if (rc == 0 && !q->name[0])
      rc = fs_err_set(err, FS_EINVAL, "%s/calibration.json: %s\"name\": empty", r->dir, where);
    if (rc == 0 && !(q->lo < q->hi))
      rc = fs_err_set(err, FS_EINVAL, "%s/calibration.json: %s: lo %g is not below hi %g", r->dir,
                      where, q->lo, q->hi);
    for (size_t j = 0; rc == 0 && j < i; j++)
      if (strcmp(r->par[j].name, q->name) == 0)
        rc = fs_err_set(err, FS_EINVAL, "%s/calibration.json: %s: \"%s\" declared twice", r->dir,
                        where, q->name);
    q->mean = q->sd = q->p05 = q->p50 = q->p95 = q->prior_sd = q->shrinkage = NAN;
    r->npar = (int) i + 1;
  }
  return rc;
}

static int read_targets(fs_calrep *r, fs_err *err) {
  const fs_jval *a;
  int rc = jarray(r, "targets", FS_CALREP_MAX_TARGETS, &a, err);
  for (size_t i = 0; rc == 0 && i < a->n; i++) {
    fs_calrep_target *t = &r->tgt[i];
    const fs_jval *o = &a->items[i];
    char where[32];
    snprintf(where, sizeof where, "targets[%zu].", i);
    rc = jtext(r, o, where, "id", 0, t->id, sizeof t->id, err);
    if (rc == 0) rc = jtext(r, o, where, "output", 0, t->output, sizeof t->output, err);
    if (rc == 0) rc = jbool(r, o, where, "log", &t->log, err);
    if (rc == 0) rc = jnum(r, o, where, "value", &t->value, err);
    if (rc == 0) rc = jnum(r, o, where, "lo", &t->lo, err);
    if (rc == 0) rc = jnum(r, o, where, "hi", &t->hi, err);
    if (rc == 0) rc = jnum(r, o, where, "?z", &t->z, err);
    if (rc == 0) rc = jnum(r, o, where, "?sd_obs", &t->sd_obs, err);
    if (rc == 0) rc = jnum(r, o, where, "?sd_disc", &t->sd_disc, err);
    r->ntgt = (int) i + 1;
  }
  return rc;
}

static int read_cal(fs_calrep *r, fs_err *err) {
  int rc = read_json(r, "calibration.json", &r->cal, err);
  char s[64], path[FS_PATH_MAX];
  if (rc == 0 && (!r->cal || r->cal->kind != FS_JOBJ))
    rc = fs_err_set(err, FS_EINVAL, "%s/calibration.json: expected an object", r->dir);
  if (rc == 0) rc = jtext(r, r->cal, "", "format", 0, s, sizeof s, err);
  if (rc == 0 && strcmp(s, "fleetsim-calibration/1") != 0)
    rc = fs_err_set(err, FS_EINVAL,
                    "%s/calibration.json: \"format\": \"%s\" (this fleetsim reads "
                    "\"fleetsim-calibration/1\")",
                    r->dir, s);
  if (rc == 0) rc = jtext(r, r->cal, "", "method", 0, s, sizeof s, err);
  if (rc == 0 && strcmp(s, "history-matching") != 0 && strcmp(s, "abc-smc") != 0)
    rc = fs_err_set(err, FS_EINVAL,
                    "%s/calibration.json: \"method\": \"%s\" (expected \"history-matching\" or "
                    "\"abc-smc\")",
                    r->dir, s);
  r->hm = rc == 0 && strcmp(s, "history-matching") == 0;
  const fs_jval *sc = fs_jread_get(r->cal, "scenario"), *ob = fs_jread_get(r->cal, "observations");
  if (rc == 0) rc = jtext(r, sc, "scenario.", "path", 0, path, sizeof path, err);
  if (rc == 0) rc = jtext(r, sc, "scenario.", "name", 0, path, sizeof path, err);
  if (rc == 0) rc = jtext(r, ob, "observations.", "path", 0, path, sizeof path, err);
  if (rc == 0) rc = read_params(r, err);
  return rc == 0 ? read_targets(r, err) : rc;
}

static int read_manifest(fs_calrep *r, fs_err *err) {
  char path[FS_PATH_MAX];
  const char *kind;
  int rc = read_json(r, "manifest.json", &r->manifest, err);
  if (rc == 0) rc = fs_path_join(path, sizeof path, r->dir, "manifest.json", err);
  if (rc == 0) rc = fs_manifest_check(r->manifest, path, &kind, err);
  if (rc == 0 && strcmp(kind, "calibration") != 0)
    rc = fs_err_set(err, FS_EINVAL, "%s: \"kind\": \"%s\", not a calibration folder", path, kind);
  return rc;
}

/* ---- the CSV files */

/* The column titles a file must have, in order. */
typedef struct header {
  char (*name)[COL_NAME];
  size_t n, cap;
} header;

static void hdr_add(header *h, const char *prefix, const char *name) {
  if (h->n < h->cap) snprintf(h->name[h->n++], COL_NAME, "%s%s", prefix, name);
}

static void hdr_list(header *h, const char *const *names) {
  for (; *names; names++) hdr_add(h, "", *names);
}

static void hdr_params(header *h, const fs_calrep *r, const char *prefix) {
  for (int j = 0; j < r->npar; j++) hdr_add(h, prefix, r->par[j].name);
}

/* Opens dir/file (not through a link) and checks its header against h:
   1 when the file is not there and optional. */
static int open_csv(const fs_calrep *r, const char *file, int optional, const header *h, fs_csv **c,
                    fs_err *err) {
  char path[FS_PATH_MAX];
  struct stat st;
  *c = NULL;
  int rc = fs_path_join(path, sizeof path, r->dir, file, err);
  if (rc != 0) return rc;
  if (optional && fs_lstat(path, &st) != 0) return 1;
  if ((rc = fs_csv_open(c, path, FS_OPEN_NOFOLLOW, err)) != 0) return rc;
  int same = fs_csv_ncols(*c) == h->n;
  for (size_t k = 0; same && k < h->n; k++) same = strcmp(fs_csv_colname(*c, k), h->name[k]) == 0;
  if (same) return 0;
  char want[1024];
  size_t o = 0;
  for (size_t k = 0; k < h->n && o + COL_NAME + 8 < sizeof want; k++)
    o += (size_t) snprintf(want + o, sizeof want - o, "%s%s", k ? "," : "", h->name[k]);
  if (o + COL_NAME + 8 >= sizeof want) snprintf(want + o, sizeof want - o, ",...");
  fs_csv_close(*c);
  *c = NULL;
  return fs_err_set(err, FS_EINVAL, "%s:1: expected the header %s", path, want);
}

/* The next record (1), the end (0), or an error: a negative FS_E*, or
   FS_ELIMIT when the file has more than max records. */
static int next_row(fs_csv *c, size_t nread, size_t max, fs_err *err) {
  int rc = fs_csv_next(c, err);
  if (rc == 1 && nread >= max)
    return fs_err_set(err, FS_ELIMIT, "%s:%ld: more than %zu rows", fs_csv_name(c), fs_csv_line(c),
                      max);
  return rc;
}

/* Field col as text (fs_csv_text: as fs_csv_put wrote it) into dst. */
static int field_text(const fs_csv *c, size_t col, char *dst, size_t cap, fs_err *err) {
  const char *v = fs_csv_text(c, col);
  if (strlen(v) >= cap)
    return fs_csv_fail(c, col, err, FS_ELIMIT, "longer than %zu bytes", cap - 1);
  memcpy(dst, v, strlen(v) + 1);
  return 0;
}

/* Field col as a number (NAN when empty and flags allow it). */
static int field_num(const fs_csv *c, size_t col, unsigned flags, double *out, fs_err *err) {
  *out = NAN;
  int rc = fs_csv_number(c, col, flags, out, err);
  return rc < 0 ? rc : 0;
}

/* 0 or 1. */
static int field_flag(const fs_csv *c, size_t col, int *out, fs_err *err) {
  double v;
  int rc = field_num(c, col, FS_CSV_WHOLE | FS_CSV_UNIT, &v, err);
  *out = v == 1;
  return rc;
}

/* Field col as the value of parameter j: inside its declared range. */
static int field_param(const fs_calrep *r, const fs_csv *c, size_t col, int j, double *out,
                       fs_err *err) {
  const fs_calrep_param *q = &r->par[j];
  int rc = field_num(c, col, 0, out, err);
  double eps = 1e-9 * (q->hi - q->lo);
  if (rc == 0 && (*out < q->lo - eps || *out > q->hi + eps))
    rc = fs_csv_fail(c, col, err, FS_EINVAL, "%.17g is outside the declared range [%g, %g]", *out,
                     q->lo, q->hi);
  return rc;
}

static int grow(void **p, size_t *cap, size_t need, size_t size, fs_err *err) {
  if (need <= *cap) return 0;
  size_t n = *cap ? *cap * 2 : 64;
  while (n < need) n *= 2;
  void *q = fs_realloc(*p, n * size);
  if (!q) return fs_err_set(err, FS_ENOMEM, "out of memory");
  *p = q;
  *cap = n;
  return 0;
}

static int read_posterior(fs_calrep *r, header *h, fs_err *err) {
  hdr_add(h, "", "sample");
  hdr_add(h, "", "weight");
  hdr_params(h, r, "");
  fs_csv *c;
  int rc = open_csv(r, "posterior.csv", 0, h, &c, err);
  size_t cap = 0, wcap = 0;
  double sum = 0, v;
  while (rc == 0 && (rc = next_row(c, r->nsample, FS_CALREP_MAX_SAMPLES, err)) == 1) {
    size_t i = r->nsample;
    rc = grow((void **) &r->sample, &cap, (i + 1) * (size_t) r->npar, sizeof(double), err);
    if (rc == 0) rc = grow((void **) &r->weight, &wcap, i + 1, sizeof(double), err);
    if (rc == 0) rc = field_num(c, 0, FS_CSV_WHOLE | FS_CSV_NONNEG, &v, err);
    if (rc == 0) rc = field_num(c, 1, FS_CSV_NONNEG, &r->weight[i], err);
    for (int j = 0; rc == 0 && j < r->npar; j++)
      rc = field_param(r, c, 2 + (size_t) j, j, &r->sample[i * (size_t) r->npar + j], err);
    if (rc == 0) sum += r->weight[r->nsample++];
  }
  /* Written with enough digits to sum to 1; a few thousand rounded
     weights are allowed their rounding. */
  if (rc == 0 && r->nsample && fabs(sum - 1) > 1e-3)
    rc = fs_err_set(err, FS_EINVAL, "%s: the weights sum to %.9g, not 1", fs_csv_name(c), sum);
  for (size_t i = 0; rc == 0 && i < r->nsample; i++) r->weight[i] /= sum;
  fs_csv_close(c);
  return rc;
}

/* The verdicts of posterior_summary.csv; "no match" (nothing matched)
   comes with the posterior's figures empty. */
static const char *const verdicts[] = {"pinned", "partly", "not pinned", "no match"};

static int summary_row(fs_calrep *r, const fs_csv *c, fs_err *err) {
  char name[FS_CALREP_NAME], unit[FS_CALREP_NAME];
  int rc = field_text(c, 0, name, sizeof name, err), j = 0;
  while (rc == 0 && j < r->npar && strcmp(r->par[j].name, name) != 0) j++;
  if (rc != 0 || j == r->npar)
    return rc ? rc
              : fs_csv_fail(c, 0, err, FS_EINVAL, "\"%s\" is not a parameter of calibration.json",
                            name);
  fs_calrep_param *q = &r->par[j];
  if (q->verdict[0]) return fs_csv_fail(c, 0, err, FS_EINVAL, "a second row of \"%s\"", name);
  rc = field_text(c, 1, unit, sizeof unit, err);
  if (rc == 0 && strcmp(unit, q->unit) != 0)
    rc = fs_csv_fail(c, 1, err, FS_EINVAL, "\"%s\", not calibration.json's \"%s\"", unit, q->unit);
  char v[16];
  size_t k = 0;
  if (rc == 0) rc = field_text(c, 12, v, sizeof v, err);
  while (rc == 0 && k < 4 && strcmp(v, verdicts[k]) != 0) k++;
  if (rc == 0 && k == 4)
    rc = fs_csv_fail(c, 12, err, FS_EINVAL, "expected pinned, partly, not pinned or no match");
  unsigned opt = k == 3 ? FS_CSV_OPTIONAL : 0;
  unsigned fl[] = {0, 0, 0, opt, opt | FS_CSV_NONNEG, opt, opt, opt, FS_CSV_POSITIVE, opt};
  double lo, hi, base;
  double *dst[] = {&lo,     &hi,     &base,   &q->mean,     &q->sd,
                   &q->p05, &q->p50, &q->p95, &q->prior_sd, &q->shrinkage};
  for (size_t i = 0; rc == 0 && i < sizeof fl / sizeof fl[0]; i++)
    rc = field_num(c, 2 + i, fl[i], dst[i], err);
  double tol = 1e-6 * (fabs(q->lo) + fabs(q->hi));
  if (rc == 0 && (fabs(lo - q->lo) > tol || fabs(hi - q->hi) > tol || fabs(base - q->base) > tol))
    rc = fs_csv_fail(c, 2, err, FS_EINVAL,
                     "lo, hi and base %g, %g, %g differ from calibration.json's %g, %g, %g", lo, hi,
                     base, q->lo, q->hi, q->base);
  if (rc == 0 && (q->p05 > q->p50 || q->p50 > q->p95))
    rc = fs_csv_fail(c, 9, err, FS_EINVAL, "p05 %g, p50 %g and p95 %g are not in order", q->p05,
                     q->p50, q->p95);
  if (rc == 0 && q->shrinkage > 1)
    rc = fs_csv_fail(c, 11, err, FS_EINVAL, "above 1 (1 - sd^2/prior_sd^2)");
  if (rc == 0) memcpy(q->verdict, v, sizeof v);
  r->no_match |= rc == 0 && k == 3;
  return rc;
}

static int read_summary(fs_calrep *r, header *h, fs_err *err) {
  static const char *const cols[] = {"param",    "unit",      "lo",      "hi",  "base",
                                     "mean",     "sd",        "p05",     "p50", "p95",
                                     "prior_sd", "shrinkage", "verdict", NULL};
  hdr_list(h, cols);
  fs_csv *c;
  size_t n = 0;
  int rc = open_csv(r, "posterior_summary.csv", 0, h, &c, err);
  while (rc == 0 && (rc = next_row(c, n++, FS_CALREP_MAX_PARAMS, err)) == 1)
    rc = summary_row(r, c, err);
  for (int j = 0; rc == 0 && j < r->npar; j++)
    if (!r->par[j].verdict[0])
      rc = fs_err_set(err, FS_EINVAL, "%s: no row of parameter \"%s\"", fs_csv_name(c),
                      r->par[j].name);
  fs_csv_close(c);
  return rc;
}

/* waves.csv (history matching) or generations.csv (ABC-SMC). */
static int read_steps(fs_calrep *r, header *h, fs_err *err) {
  const char *const *cols = r->hm ? fs_calrep__wave_cols : fs_calrep__gen_cols;
  const unsigned *fl = r->hm ? wave_flags : gen_flags;
  hdr_list(h, cols);
  fs_csv *c;
  size_t cap = 0;
  int rc = open_csv(r, r->hm ? "waves.csv" : "generations.csv", 0, h, &c, err);
  while (rc == 0 && (rc = next_row(c, r->nstep, FS_CALREP_MAX_STEPS, err)) == 1) {
    rc = grow((void **) &r->step, &cap, r->nstep + 1, sizeof *r->step, err);
    for (size_t k = 0; rc == 0 && k < h->n; k++)
      rc = field_num(c, k, fl[k], &r->step[r->nstep][k], err);
    r->nstep += rc == 0;
  }
  fs_csv_close(c);
  return rc;
}

static int read_emulators(fs_calrep *r, header *h, fs_err *err) {
  static const char *const cols[] = {"wave",       "observation", "loo_r2", "loo_rms_std_err",
                                     "signal_var", "nugget_var",  NULL};
  hdr_list(h, cols);
  hdr_params(h, r, "length_");
  fs_csv *c;
  size_t cap = 0, lcap = 0;
  int rc = open_csv(r, "emulators.csv", 0, h, &c, err);
  while (rc == 0 && (rc = next_row(c, r->nemu, FS_CALREP_MAX_EMULATORS, err)) == 1) {
    size_t i = r->nemu;
    rc = grow((void **) &r->emu, &cap, i + 1, sizeof *r->emu, err);
    if (rc == 0)
      rc = grow((void **) &r->emu_len, &lcap, (i + 1) * (size_t) r->npar, sizeof(double), err);
    fs_calrep_emu *e = &r->emu[i];
    if (rc == 0) rc = field_num(c, 0, FS_CSV_WHOLE | FS_CSV_POSITIVE, &e->wave, err);
    if (rc == 0) rc = field_text(c, 1, e->obs, sizeof e->obs, err);
    /* Numbers empty: an observation without an emulator. */
    if (rc == 0) rc = field_num(c, 2, FS_CSV_OPTIONAL, &e->loo_r2, err);
    if (rc == 0 && e->loo_r2 > 1) rc = fs_csv_fail(c, 2, err, FS_EINVAL, "above 1");
    if (rc == 0) rc = field_num(c, 3, OP, &e->loo_rms, err);
    if (rc == 0) rc = field_num(c, 4, OP, &e->signal_var, err);
    if (rc == 0) rc = field_num(c, 5, OP, &e->nugget_var, err);
    for (int j = 0; rc == 0 && j < r->npar; j++)
      rc = field_num(c, 6 + (size_t) j, FS_CSV_OPTIONAL | FS_CSV_POSITIVE,
                     &r->emu_len[i * (size_t) r->npar + j], err);
    r->nemu += rc == 0;
  }
  fs_csv_close(c);
  return rc;
}

/* The uses of a figure in ppc.csv. */
static const char *const uses[] = {"fit", "excluded", "flat", "library"};

static int ppc_row(const fs_csv *c, fs_calrep_ppc *p, fs_err *err) {
  int rc = field_text(c, 0, p->event, sizeof p->event, err);
  if (rc == 0) rc = field_text(c, 1, p->obs, sizeof p->obs, err);
  if (rc == 0) rc = field_text(c, 2, p->output, sizeof p->output, err);
  if (rc == 0) rc = field_flag(c, 3, &p->calibration, err);
  double *num[] = {&p->value, &p->lo, &p->hi, &p->mean, &p->p05, &p->p50, &p->p95, &p->nvalues};
  unsigned fl[] = {0, 0, 0, FS_CSV_OPTIONAL, FS_CSV_OPTIONAL, FS_CSV_OPTIONAL, FS_CSV_OPTIONAL, W};
  for (size_t k = 0; rc == 0 && k < sizeof fl / sizeof fl[0]; k++)
    rc = field_num(c, 4 + k, fl[k], num[k], err);
  if (rc == 0 && !(p->lo <= p->hi))
    rc = fs_csv_fail(c, 5, err, FS_EINVAL, "lo %g is above hi %g", p->lo, p->hi);
  /* The median may be missing (a library event's); the rest come with values. */
  if (rc == 0 && p->nvalues > 0 && isnan(p->mean + p->p05 + p->p95))
    rc = fs_csv_fail(c, 7, err, FS_EINVAL, "empty though nvalues is %g", p->nvalues);
  if (rc == 0 && (p->p05 > p->p95 || p->p05 > p->p50 || p->p50 > p->p95))
    rc = fs_csv_fail(c, 10, err, FS_EINVAL, "sim_p05, sim_p50 and sim_p95 are not in order");
  if (rc == 0) rc = field_flag(c, 12, &p->covered, err);
  if (rc == 0) rc = field_text(c, 13, p->varied, sizeof p->varied, err);
  if (rc == 0) rc = field_text(c, 14, p->use, sizeof p->use, err);
  size_t k = 0;
  while (rc == 0 && k < 4 && strcmp(p->use, uses[k]) != 0) k++;
  if (rc == 0 && k == 4)
    rc = fs_csv_fail(c, 14, err, FS_EINVAL, "expected fit, excluded, flat or library");
  return rc;
}

int fs_calrep__is_fit(const fs_calrep_ppc *c) {
  return c->calibration || strcmp(c->use, "fit") == 0;
}

static int read_ppc(fs_calrep *r, header *h, fs_err *err) {
  static const char *const cols[] = {
      "event",   "observation", "output",  "calibration", "value",   "lo",     "hi",  "sim_mean",
      "sim_p05", "sim_p50",     "sim_p95", "nvalues",     "covered", "varied", "use", NULL};
  hdr_list(h, cols);
  fs_csv *c;
  size_t cap = 0;
  int rc = open_csv(r, "ppc.csv", 1, h, &c, err);
  r->has_ppc = rc == 0;
  while (rc == 0 && (rc = next_row(c, r->nppc, FS_CALREP_MAX_PPC, err)) == 1) {
    rc = grow((void **) &r->ppc, &cap, r->nppc + 1, sizeof *r->ppc, err);
    if (rc == 0) rc = ppc_row(c, &r->ppc[r->nppc], err);
    r->nppc += rc == 0;
  }
  fs_csv_close(c);
  return rc < 0 ? rc : 0;
}

/* runs.csv is streamed: only its rows and kept ones are counted, every
   field checked. */
static int read_runs(fs_calrep *r, header *h, fs_err *err) {
  hdr_add(h, "", "stage");
  hdr_add(h, "", "point");
  hdr_params(h, r, "");
  for (int k = 0; k < r->ntgt; k++) hdr_add(h, "", r->tgt[k].id);
  hdr_add(h, "", "score");
  hdr_add(h, "", "kept");
  fs_csv *c;
  int rc = open_csv(r, "runs.csv", 0, h, &c, err), kept;
  char stage[FS_CALREP_NAME];
  double v;
  size_t np = (size_t) r->npar, nt = (size_t) r->ntgt;
  while (rc == 0 && (rc = next_row(c, r->nruns, FS_CALREP_MAX_RUNS, err)) == 1) {
    rc = field_text(c, 0, stage, sizeof stage, err);
    if (rc == 0) rc = field_num(c, 1, W, &v, err);
    for (size_t j = 0; rc == 0 && j < np; j++) rc = field_param(r, c, 2 + j, (int) j, &v, err);
    /* A failed point has no outputs and no score. */
    for (size_t k = 0; rc == 0 && k <= nt; k++)
      rc = field_num(c, 2 + np + k, k < nt ? FS_CSV_OPTIONAL : OP, &v, err);
    if (rc == 0) rc = field_flag(c, 3 + np + nt, &kept, err);
    if (rc == 0) r->kept += (size_t) kept, r->nruns++;
  }
  fs_csv_close(c);
  return rc;
}

/* Every file of the folder into r, checked. */
static int read_folder(fs_calrep *r, fs_err *err) {
  int rc = read_manifest(r, err);
  if (rc == 0) rc = read_cal(r, err);
  header h = {0};
  h.cap = 4 + FS_CALREP_MAX_PARAMS + FS_CALREP_MAX_TARGETS + 16;
  if (rc == 0 && !(h.name = fs_calloc(h.cap, sizeof *h.name)))
    rc = fs_err_set(err, FS_ENOMEM, "out of memory");
  typedef int reader(fs_calrep * r, header * h, fs_err * err);
  reader *const readers[] = {read_posterior, read_summary, read_steps,
                             read_emulators, read_ppc,     read_runs};
  for (size_t k = 0; rc == 0 && k < sizeof readers / sizeof readers[0]; k++) {
    h.n = 0;
    if (readers[k] != read_emulators || r->hm) rc = readers[k](r, &h, err);
  }
  free(h.name);
  return rc;
}
#undef W
#undef OP

/* FS_EIO naming the first chart gnuplot did not draw (no gnuplot at all
   included), once the page that says so is written. */
static int undrawn(const fs_plot *p, fs_err *err) {
  if (p->skip[0])
    return fs_err_set(err, FS_EIO,
                      "%s: no plots drawn: %s; calibration.html is written without them", p->plots,
                      p->skip);
  for (int i = 0; i < p->ncharts; i++)
    if (p->charts[i].state == FS_CHART_FAILED)
      return fs_err_set(err, FS_EIO, "%s/%s.png: %s", p->plots, p->charts[i].name,
                        p->charts[i].note);
  return 0;
}

int fs_calibrate_report(const char *dir, fs_err *err) {
  struct stat st;
  if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
    return fs_err_set(err, FS_EINVAL, "%s: no such folder", dir);
  fs_calrep *r = fs_calloc(1, sizeof *r);
  fs_plot *p = fs_calloc(1, sizeof *p);
  if (!r || !p) {
    free(r);
    free(p);
    return fs_err_set(err, FS_ENOMEM, "out of memory");
  }
  int rc = fs_path_fmt(r->dir, sizeof r->dir, err, "%s", dir);
  /* Everything is read and checked before anything is written. */
  if (rc == 0) rc = read_folder(r, err);
  if (rc == 0) rc = fs_plot_begin(p, dir, FS_FMT_SVG | FS_FMT_PNG, err);
  if (rc == 0) {
    rc = fs_calrep__charts(p, r, err);
    fs_plot_finish(p); /* reap whatever started, error or not */
  }
  if (rc == 0) rc = fs_plot_commit(p, err);
  fs_plot_abort(p); /* the charts' folder, unless committed */
  if (rc == 0) rc = fs_calrep__html(r, p, err);
  if (rc == 0) rc = undrawn(p, err);
  fs_calrep__free(r);
  free(p);
  return rc;
}
