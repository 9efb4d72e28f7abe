/* reins.c: a reinsurance programme: its checks, its CSV file, and its
   application to a year's gross losses (reins.h). */
#include "loss/reins.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/csv.h"

/* The largest attachment or limit taken (USD): beyond it a figure is a typo. */
#define MAX_AMOUNT 1e15

static const char *const kind_names[FS_RI_NKINDS] = {"quota_share", "per_risk", "cat", "aggregate"};

const char *fs_ri_kind_name(fs_ri_kind k) {
  return k >= 0 && k < FS_RI_NKINDS ? kind_names[k] : "?";
}

/* ---- Checks */

/* The first fault of layer k of p (against the layers before it), into
   err; 0 when there is none. */
static int check_layer(const fs_ri_programme *p, int k, double *qs, fs_err *err) {
  const fs_ri_layer *l = &p->layer[k];
  if (!l->name[0]) return fs_err_set(err, FS_EINVAL, "layer %d: no name", k + 1);
  for (int j = 0; j < k; j++)
    if (strcmp(p->layer[j].name, l->name) == 0)
      return fs_err_set(err, FS_EINVAL, "layer '%s': named twice", l->name);
  if (l->kind < 0 || l->kind >= FS_RI_NKINDS)
    return fs_err_set(err, FS_EINVAL, "layer '%s': unknown kind", l->name);
  if (!(l->share > 0 && l->share <= 1))
    return fs_err_set(err, FS_EINVAL, "layer '%s': share %g is not in (0, 1]", l->name, l->share);
  if (l->kind == FS_RI_QUOTA_SHARE) {
    *qs += l->share;
    if (*qs > 1 + 1e-12)
      return fs_err_set(err, FS_EINVAL, "layer '%s': the quota shares cede %g, more than all",
                        l->name, *qs);
    return 0;
  }
  if (!(l->attachment >= 0 && l->attachment <= MAX_AMOUNT))
    return fs_err_set(err, FS_EINVAL, "layer '%s': attachment %g is not in [0, %g]", l->name,
                      l->attachment, MAX_AMOUNT);
  if (!(l->limit > 0 && l->limit <= MAX_AMOUNT))
    return fs_err_set(err, FS_EINVAL,
                      "layer '%s': limit %g: the layer must exhaust above its attachment "
                      "(limit in (0, %g])",
                      l->name, l->limit, MAX_AMOUNT);
  if (l->reinstatements < 0 || l->reinstatements > FS_RI_MAX_REINST)
    return fs_err_set(err, FS_EINVAL, "layer '%s': %d reinstatements (0 to %d)", l->name,
                      l->reinstatements, FS_RI_MAX_REINST);
  if (l->kind == FS_RI_CAT && !(l->hours > 0 && l->hours <= 8784))
    return fs_err_set(err, FS_EINVAL,
                      "layer '%s': hours clause %g: a cat layer needs a clause of more than 0 and "
                      "at most a year's 8,784 hours",
                      l->name, l->hours);
  for (int j = 0; j < k; j++) {
    const fs_ri_layer *o = &p->layer[j];
    if (o->kind == l->kind && l->attachment < o->attachment + o->limit &&
        o->attachment < l->attachment + l->limit)
      return fs_err_set(err, FS_EINVAL,
                        "layer '%s' overlaps layer '%s' (both %s, %g xs %g and %g xs %g): a "
                        "tower's layers sit one above the other",
                        l->name, o->name, kind_names[l->kind], l->limit, l->attachment, o->limit,
                        o->attachment);
  }
  return 0;
}

/* Checks p; *bad is the layer at fault. */
static int check(const fs_ri_programme *p, int *bad, fs_err *err) {
  double qs = 0;
  if (p->n < 0 || p->n > FS_RI_MAX_LAYERS)
    return fs_err_set(err, FS_EINVAL, "%d layers (at most %d)", p->n, FS_RI_MAX_LAYERS);
  for (int k = 0; k < p->n; k++) {
    int rc = check_layer(p, k, &qs, err);
    if (rc != 0) {
      *bad = k;
      return rc;
    }
  }
  return 0;
}

int fs_ri_check(const fs_ri_programme *p, fs_err *err) {
  int bad = 0;
  return check(p, &bad, err);
}

/* ---- The CSV file */

enum { C_LAYER, C_KIND, C_SHARE, C_ATTACH, C_LIMIT, C_REINST, C_HOURS, NCOLS };
static const char *const col_names[NCOLS] = {"layer", "kind",           "share", "attachment",
                                             "limit", "reinstatements", "hours"};

static int read_header(fs_csv *c, long *col, fs_err *err) {
  for (int i = 0; i < NCOLS; i++)
    if ((col[i] = fs_csv_find(c, col_names[i])) < 0)
      return fs_err_set(err, FS_EINVAL, "%s:1: no column '%s' (a programme has the columns %s)",
                        fs_csv_name(c), col_names[i],
                        "layer,kind,share,attachment,limit,reinstatements,hours");
  for (size_t i = 0; i < fs_csv_ncols(c); i++) {
    int known = 0;
    for (int j = 0; j < NCOLS; j++) known |= strcmp(fs_csv_colname(c, i), col_names[j]) == 0;
    if (!known)
      return fs_err_set(err, FS_EINVAL, "%s:1: column %zu (%s): not a programme column (%s)",
                        fs_csv_name(c), i + 1, fs_csv_colname(c, i),
                        "layer,kind,share,attachment,limit,reinstatements,hours");
  }
  return 0;
}

/* Field i (C_*), which must be empty for this kind of layer. */
static int must_be_empty(fs_csv *c, const long *col, int i, const char *kind, fs_err *err) {
  if (fs_csv_field(c, (size_t) col[i])[0] == '\0') return 0;
  return fs_csv_fail(c, (size_t) col[i], err, FS_EINVAL, "a %s layer has no %s (leave it empty)",
                     kind, col_names[i]);
}

static int read_row(fs_csv *c, const long *col, fs_ri_layer *l, fs_err *err) {
  memset(l, 0, sizeof *l);
  const char *name = fs_csv_field(c, (size_t) col[C_LAYER]);
  if (!name[0] || strlen(name) >= FS_RI_NAME_MAX)
    return fs_csv_fail(c, (size_t) col[C_LAYER], err, FS_EINVAL,
                       "a layer needs a name of 1 to %d bytes", FS_RI_NAME_MAX - 1);
  snprintf(l->name, sizeof l->name, "%s", name);
  const char *kind = fs_csv_field(c, (size_t) col[C_KIND]);
  int k = 0;
  while (k < FS_RI_NKINDS && strcmp(kind, kind_names[k]) != 0) k++;
  if (k == FS_RI_NKINDS)
    return fs_csv_fail(c, (size_t) col[C_KIND], err, FS_EINVAL,
                       "unknown kind '%s' (quota_share, per_risk, cat or aggregate)", kind);
  l->kind = (fs_ri_kind) k;
  int rc = fs_csv_number(c, (size_t) col[C_SHARE], FS_CSV_POSITIVE | FS_CSV_UNIT, &l->share, err);
  if (rc != 0) return rc;
  if (l->kind == FS_RI_QUOTA_SHARE) {
    for (int i = C_ATTACH; i <= C_HOURS && rc == 0; i++) rc = must_be_empty(c, col, i, kind, err);
    return rc;
  }
  if ((rc = fs_csv_number(c, (size_t) col[C_ATTACH], FS_CSV_NONNEG, &l->attachment, err)) != 0 ||
      (rc = fs_csv_number(c, (size_t) col[C_LIMIT], FS_CSV_POSITIVE, &l->limit, err)) != 0)
    return rc;
  double r = 0;
  rc = fs_csv_number(c, (size_t) col[C_REINST], FS_CSV_OPTIONAL | FS_CSV_NONNEG | FS_CSV_WHOLE, &r,
                     err);
  if (rc < 0) return rc;
  if (r > FS_RI_MAX_REINST)
    return fs_csv_fail(c, (size_t) col[C_REINST], err, FS_EINVAL, "at most %d reinstatements",
                       FS_RI_MAX_REINST);
  l->reinstatements = (int) r;
  if (l->kind != FS_RI_CAT) return must_be_empty(c, col, C_HOURS, kind, err);
  rc = fs_csv_number(c, (size_t) col[C_HOURS], FS_CSV_POSITIVE, &l->hours, err);
  return rc;
}

int fs_ri_read(const char *path, fs_ri_programme *p, fs_err *err) {
  memset(p, 0, sizeof *p);
  fs_csv *c = NULL;
  long col[NCOLS], line[FS_RI_MAX_LAYERS];
  int rc = fs_csv_open(&c, path, 0, err);
  if (rc == 0) rc = read_header(c, col, err);
  int more;
  while (rc == 0 && (more = fs_csv_next(c, err)) != 0) {
    if (more < 0) {
      rc = more;
      break;
    }
    if (p->n == FS_RI_MAX_LAYERS) {
      rc = fs_err_set(err, FS_EINVAL, "%s:%ld: more than %d layers", path, fs_csv_line(c),
                      FS_RI_MAX_LAYERS);
      break;
    }
    line[p->n] = fs_csv_line(c);
    rc = read_row(c, col, &p->layer[p->n], err);
    if (rc == 0) p->n++;
  }
  fs_csv_close(c);
  if (rc == 0 && p->n == 0) rc = fs_err_set(err, FS_EINVAL, "%s: no layers", path);
  int bad = 0;
  if (rc == 0 && (rc = check(p, &bad, err)) != 0) {
    char msg[sizeof err->msg];
    snprintf(msg, sizeof msg, "%s", err->msg);
    fs_err_set(err, rc, "%s:%ld: %s", path, line[bad], msg);
  }
  return rc;
}

/* ---- A year */

/* The part of x in the band [att, att + width]. */
static double band(double x, double att, double width) {
  double v = x - att;
  return v <= 0 ? 0 : v < width ? v : width;
}

/* One excess layer's loss x (before its share), held to what is left of
   its capacity; marks it attached and exhausted. */
static double erode(const fs_ri_layer *l, double x, double *used, fs_ri_layer_year *o) {
  double cap = l->limit * (1.0 + l->reinstatements);
  double v = band(x, l->attachment, l->limit);
  if (v <= 0) return 0;
  o->attached = 1;
  if (v >= l->limit) o->exhausted = 1;
  if (v >= cap - *used) {
    v = cap - *used;
    o->exhausted = 1;
  }
  *used += v;
  return v;
}

/* Per-risk layers on the risks' losses net of the quota shares (ret);
   their recoveries per risk into prr. */
static void per_risk(const fs_ri_programme *p, const fs_ri_year_in *in, const double *ret,
                     double *prr, double *ceded, fs_ri_layer_year *out) {
  for (int k = 0; k < p->n; k++) {
    const fs_ri_layer *l = &p->layer[k];
    if (l->kind != FS_RI_PER_RISK) continue;
    double used = 0;
    for (size_t o = 0; o < in->nocc; o++)
      for (size_t r = in->first[o]; r < in->first[o + 1]; r++) {
        double rec = l->share * erode(l, ret[r], &used, &out[k]);
        prr[r] += rec;
        ceded[o] += rec;
        out[k].recovery += rec;
      }
  }
}

/* Cat layers on the events' losses ev (net of quota shares and per-risk
   layers): occurrences from the first not yet in an event to those
   starting within the hours clause are one event; its recovery goes to
   them pro rata. Their recoveries per occurrence into catr. */
static void cat(const fs_ri_programme *p, const fs_ri_year_in *in, const double *ev, double *catr,
                double *ceded, fs_ri_layer_year *out) {
  for (int k = 0; k < p->n; k++) {
    const fs_ri_layer *l = &p->layer[k];
    if (l->kind != FS_RI_CAT) continue;
    double used = 0;
    for (size_t i = 0, j; i < in->nocc; i = j) {
      double g = 0;
      for (j = i; j < in->nocc && in->hour[j] < in->hour[i] + l->hours; j++) g += ev[j];
      double rec = l->share * erode(l, g, &used, &out[k]);
      out[k].recovery += rec;
      for (size_t o = i; o < j && rec > 0; o++) {
        double part = rec * ev[o] / g;
        catr[o] += part;
        ceded[o] += part;
      }
    }
  }
}

/* Aggregate layers on the year's running loss net of everything before
   (sub), allocated to the occurrences as the running total erodes them. */
static void aggregate(const fs_ri_programme *p, const fs_ri_year_in *in, const double *sub,
                      double *ceded, fs_ri_layer_year *out) {
  for (int k = 0; k < p->n; k++) {
    const fs_ri_layer *l = &p->layer[k];
    if (l->kind != FS_RI_AGGREGATE) continue;
    double cap = l->limit * (1.0 + l->reinstatements), cum = 0, prev = 0;
    for (size_t o = 0; o < in->nocc; o++) {
      cum += sub[o];
      double now = band(cum, l->attachment, cap);
      double rec = l->share * (now - prev);
      prev = now;
      ceded[o] += rec;
      out[k].recovery += rec;
      out[k].attached |= now > 0;
      out[k].exhausted |= now >= l->limit;
    }
  }
}

int fs_ri_apply_year(const fs_ri_programme *p, const fs_ri_year_in *in, double *ceded,
                     fs_ri_layer_year *out, fs_err *err) {
  size_t no = in->nocc, nr = no ? in->first[no] : 0;
  memset(out, 0, (size_t) p->n * sizeof *out);
  if (no) memset(ceded, 0, no * sizeof *ceded);
  if (no == 0) return 0;
  double *ret = fs_malloc((nr ? nr : 1) * sizeof *ret), *prr = fs_calloc(nr ? nr : 1, sizeof *prr);
  double *ev = fs_calloc(no, sizeof *ev), *catr = fs_calloc(no, sizeof *catr);
  if (!ret || !prr || !ev || !catr) {
    free(ret);
    free(prr);
    free(ev);
    free(catr);
    return fs_err_set(err, FS_ENOMEM, "out of memory for a year of %zu occurrences", no);
  }
  double qs = 0;
  for (int k = 0; k < p->n; k++)
    if (p->layer[k].kind == FS_RI_QUOTA_SHARE) qs += p->layer[k].share;
  for (size_t o = 0; o < no; o++) {
    assert(o == 0 || in->hour[o] >= in->hour[o - 1]); /* in time order */
    double gross = 0;
    for (size_t r = in->first[o]; r < in->first[o + 1]; r++) {
      assert(in->loss[r] >= 0);
      gross += in->loss[r];
      ret[r] = in->loss[r] * (1.0 - qs);
    }
    for (int k = 0; k < p->n; k++)
      if (p->layer[k].kind == FS_RI_QUOTA_SHARE) {
        double rec = p->layer[k].share * gross;
        ceded[o] += rec;
        out[k].recovery += rec;
        out[k].attached |= rec > 0;
      }
  }
  per_risk(p, in, ret, prr, ceded, out);
  for (size_t o = 0; o < no; o++)
    for (size_t r = in->first[o]; r < in->first[o + 1]; r++) ev[o] += ret[r] - prr[r];
  cat(p, in, ev, catr, ceded, out);
  for (size_t o = 0; o < no; o++) ev[o] -= catr[o];
  aggregate(p, in, ev, ceded, out);
  free(ret);
  free(prr);
  free(ev);
  free(catr);
  return 0;
}
