/* catalog_decl.c: event catalogue files (catalog_decl.h). */
#include "scenario/catalog_decl.h"

#include <lua.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/check.h"
#include "scenario/sandbox.h"
#include "util/ident.h"
#include "util/path.h"

const char *const fs_cat_dist_names[] = {"fixed",      "uniform",   "loguniform",
                                         "triangular", "lognormal", NULL};

/* The string keys of the table on top, sorted; each a name (util/ident.h)
   shorter than FS_ID_MAX. At most max of them. */
static int table_names(fs_check *c, const char *what, char (*names)[FS_ID_MAX], int max, int *n) {
  lua_State *L = c->L;
  *n = 0;
  lua_pushnil(L);
  while (lua_next(L, -2) != 0) {
    lua_pop(L, 1);
    size_t len = 0;
    const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &len) : NULL;
    if (!k || !len || len >= FS_ID_MAX || !fs_ident_ok(k, len)) {
      lua_pop(L, 1);
      return fs_check_fail(c, NULL, "keys must be %s names (letters, digits, '-', '_', '.')", what);
    }
    if (*n == max) {
      lua_pop(L, 1);
      return fs_check_fail(c, NULL, "more than %d %ss", max, what);
    }
    memcpy(names[(*n)++], k, len + 1);
  }
  qsort(names, (size_t) *n, sizeof names[0], (int (*)(const void *, const void *)) strcmp);
  return 0;
}

/* The line of the table just entered, when it is written in the catalogue
   file itself: a table a module returned (require) is elsewhere, and the
   messages name the catalogue, so its line would mislead (0: none). */
static int line_here(fs_check *c, const char *catalog) {
  return strcmp(fs_check_file(c), catalog) == 0 ? fs_check_line(c, NULL) : 0;
}

static int read_dist(fs_check *c, fs_cat_dist *d) {
  static const char *const keys[] =
      FS_CHECK_KEYS("dist", "value", "lo", "hi", "mode", "median", "sigma", "source");
  int rc, kind;
  const double B = 1e300;
  if ((rc = fs_check_keys(c, -1, keys)) != 0) return rc;
  if ((rc = fs_check_choice(c, -1, "dist", 1, fs_cat_dist_names, 0, &kind)) != 0) return rc;
  d->kind = (fs_cat_dist_kind) kind;
  if ((rc = fs_check_string(c, -1, "source", 1, NULL, d->source, sizeof d->source)) != 0) return rc;
  if (!d->source[0])
    return fs_check_fail(c, "source", "must say where the distribution comes from");
  if (d->kind == FS_DIST_FIXED) return fs_check_number(c, -1, "value", 1, -B, B, 0, &d->value);
  if (d->kind == FS_DIST_LOGNORMAL) {
    if ((rc = fs_check_number(c, -1, "median", 1, 1e-300, B, 0, &d->median)) != 0 ||
        (rc = fs_check_number(c, -1, "sigma", 1, 0, 100, 0, &d->sigma)) != 0)
      return rc;
  }
  double lo_min =
      d->kind == FS_DIST_FIXED || d->kind == FS_DIST_UNIFORM || d->kind == FS_DIST_TRIANGULAR
          ? -B
          : 1e-300;
  if ((rc = fs_check_number(c, -1, "lo", 1, lo_min, B, 0, &d->lo)) != 0 ||
      (rc = fs_check_number(c, -1, "hi", 1, d->lo, B, 0, &d->hi)) != 0)
    return rc;
  if (d->kind == FS_DIST_TRIANGULAR)
    return fs_check_number(c, -1, "mode", 1, d->lo, d->hi, 0, &d->mode);
  if (d->kind == FS_DIST_LOGNORMAL && !(d->median >= d->lo && d->median <= d->hi))
    return fs_check_fail(c, "median", "must lie in [lo, hi] = [%g, %g] (got %g)", d->lo, d->hi,
                         d->median);
  return 0;
}

static int read_dists(fs_check *c, const char *catalog, fs_cat_family *f) {
  int rc = fs_check_enter(c, -1, "params", 0), n = 0;
  if (rc != 1) return rc;
  char names[FS_CAT_MAX_DISTS][FS_ID_MAX];
  rc = table_names(c, "parameter", names, FS_CAT_MAX_DISTS, &n);
  for (int i = 0; rc == 0 && i < n; i++) {
    fs_cat_dist *d = &f->dists[i];
    memcpy(d->param, names[i], sizeof d->param);
    if ((rc = fs_check_enter(c, -1, d->param, 1)) != 1) break;
    d->line = line_here(c, catalog);
    rc = read_dist(c, d);
    fs_check_leave(c);
  }
  f->ndists = n;
  fs_check_leave(c);
  return rc < 0 ? rc : 0;
}

static int read_pick(fs_check *c, fs_cat_family *f) {
  static const char *const keys[] = FS_CHECK_KEYS("param", "shares", "source");
  int rc = fs_check_enter(c, -1, "pick", 0);
  if (rc != 1) return rc;
  if ((rc = fs_check_keys(c, -1, keys)) == 0 &&
      (rc = fs_check_id(c, -1, "param", 1, NULL, f->pick_param, sizeof f->pick_param)) == 0 &&
      (rc = fs_check_string(c, -1, "source", 1, NULL, f->pick_source, sizeof f->pick_source)) ==
          0 &&
      !f->pick_source[0])
    rc = fs_check_fail(c, "source", "must say where the shares come from");
  if (rc == 0 && (rc = fs_check_enter(c, -1, "shares", 1)) == 1) {
    char names[FS_CAT_MAX_PICKS][FS_ID_MAX];
    rc = table_names(c, "vendor or provider", names, FS_CAT_MAX_PICKS, &f->npicks);
    double sum = 0;
    for (int i = 0; rc == 0 && i < f->npicks; i++) {
      memcpy(f->picks[i].name, names[i], sizeof f->picks[i].name);
      rc = fs_check_number(c, -1, names[i], 1, 0, 1e6, 0, &f->picks[i].share);
      sum += f->picks[i].share;
    }
    if (rc == 0 && !(sum > 0)) rc = fs_check_fail(c, NULL, "no share is above 0");
    fs_check_leave(c);
  }
  fs_check_leave(c);
  return rc < 0 ? rc : 0;
}

/* The family's scenario: a path relative to the catalogue file's folder. */
static int read_scenario(fs_check *c, const char *catalog, fs_cat_family *f) {
  char rel[FS_PATH_MAX];
  int rc = fs_check_string(c, -1, "scenario", 1, NULL, rel, sizeof rel);
  if (rc != 0) return rc;
  if (!rel[0]) return fs_check_fail(c, "scenario", "must name the family's scenario file");
  if (rel[0] == '/') return snprintf(f->scenario, sizeof f->scenario, "%s", rel) < 0;
  const char *slash = strrchr(catalog, '/');
  int dirlen = slash ? (int) (slash - catalog) : 1;
  const char *dir = slash ? catalog : ".";
  if (snprintf(f->scenario, sizeof f->scenario, "%.*s/%s", dirlen, dir, rel) >=
      (int) sizeof f->scenario)
    return fs_check_fail(c, "scenario", "path too long");
  return 0;
}

static int read_family(fs_check *c, const char *catalog, fs_cat_family *f) {
  static const char *const keys[] = FS_CHECK_KEYS(
      "description", "scenario", "annual_rate", "rate_source", "weight", "pick", "params", "notes");
  int rc;
  if ((rc = fs_check_keys(c, -1, keys)) != 0) return rc;
  if ((rc = fs_check_string(c, -1, "description", 1, NULL, f->description,
                            sizeof f->description)) != 0 ||
      (rc = read_scenario(c, catalog, f)) != 0 ||
      (rc = fs_check_number(c, -1, "annual_rate", 1, 0, FS_CAT_MAX_RATE, 0, &f->rate)) != 0 ||
      (rc = fs_check_string(c, -1, "rate_source", 1, NULL, f->rate_source,
                            sizeof f->rate_source)) != 0 ||
      (rc = fs_check_number(c, -1, "weight", 0, 1e-9, 1e9, 1.0, &f->weight)) != 0)
    return rc;
  if (!f->rate_source[0])
    return fs_check_fail(c, "rate_source", "must say where the frequency comes from");
  if ((rc = read_pick(c, f)) != 0) return rc;
  return read_dists(c, catalog, f);
}

static int read_rds_one(fs_check *c, fs_cat_rds *r) {
  static const char *const keys[] =
      FS_CHECK_KEYS("family", "description", "source", "pick", "set", "notes");
  int rc;
  if ((rc = fs_check_keys(c, -1, keys)) != 0 ||
      (rc = fs_check_id(c, -1, "family", 1, NULL, r->family, sizeof r->family)) != 0 ||
      (rc = fs_check_string(c, -1, "description", 1, NULL, r->description,
                            sizeof r->description)) != 0 ||
      (rc = fs_check_string(c, -1, "source", 1, NULL, r->source, sizeof r->source)) != 0 ||
      (rc = fs_check_id(c, -1, "pick", 0, "", r->pick, sizeof r->pick)) != 0)
    return rc;
  if (!r->source[0])
    return fs_check_fail(c, "source", "must say where the event's values come from");
  if ((rc = fs_check_enter(c, -1, "set", 0)) != 1) return rc;
  rc = table_names(c, "parameter", r->set_name, FS_CAT_MAX_DISTS, &r->nset);
  for (int i = 0; rc == 0 && i < r->nset; i++)
    rc = fs_check_number(c, -1, r->set_name[i], 1, -1e300, 1e300, 0, &r->set_value[i]);
  fs_check_leave(c);
  return rc;
}

/* rds = {NAME = {...}}: the realistic disaster scenarios. */
static int read_rds(fs_check *c, fs_catalog_decl *d) {
  int rc = fs_check_enter(c, -1, "rds", 0);
  if (rc != 1) return rc;
  char names[FS_CAT_MAX_RDS][FS_ID_MAX];
  rc = table_names(c, "scenario", names, FS_CAT_MAX_RDS, &d->nrds);
  for (int i = 0; rc == 0 && i < d->nrds; i++) {
    fs_cat_rds *r = &d->rds[i];
    memcpy(r->name, names[i], sizeof r->name);
    if ((rc = fs_check_enter(c, -1, r->name, 1)) != 1) break;
    r->line = line_here(c, d->path);
    rc = read_rds_one(c, r);
    fs_check_leave(c);
  }
  fs_check_leave(c);
  return rc < 0 ? rc : 0;
}

typedef struct decl_read {
  fs_catalog_decl *out;
} decl_read;

static int read_catalog(fs_check *c, void *ud) {
  static const char *const keys[] =
      FS_CHECK_KEYS("name", "description", "families", "rds", "notes");
  fs_catalog_decl *d = ((decl_read *) ud)->out;
  int rc;
  if (!lua_istable(c->L, -1)) return fs_check_fail(c, NULL, "expected the file to return a table");
  if ((rc = fs_check_keys(c, -1, keys)) != 0 ||
      (rc = fs_check_id(c, -1, "name", 1, NULL, d->name, sizeof d->name)) != 0 ||
      (rc = fs_check_string(c, -1, "description", 1, NULL, d->description,
                            sizeof d->description)) != 0)
    return rc;
  if ((rc = fs_check_enter(c, -1, "families", 1)) != 1) return rc;
  char names[FS_CAT_MAX_FAMILIES][FS_ID_MAX];
  rc = table_names(c, "family", names, FS_CAT_MAX_FAMILIES, &d->nfam);
  if (rc == 0 && d->nfam == 0) rc = fs_check_fail(c, NULL, "declares no family");
  for (int i = 0; rc == 0 && i < d->nfam; i++) {
    fs_cat_family *f = &d->fam[i];
    memcpy(f->name, names[i], sizeof f->name);
    if ((rc = fs_check_enter(c, -1, f->name, 1)) != 1) break;
    f->line = line_here(c, d->path);
    rc = read_family(c, d->path, f);
    fs_check_leave(c);
  }
  fs_check_leave(c);
  if (rc >= 0) rc = read_rds(c, d);
  return rc < 0 ? rc : 0;
}

int fs_catalog_decl_load(const char *path, const char *models_dir, const fs_lua_limits *lim,
                         fs_catalog_decl *out, fs_err *err) {
  memset(out, 0, sizeof *out);
  if (snprintf(out->path, sizeof out->path, "%s", path) >= (int) sizeof out->path)
    return fs_err_set(err, FS_EINVAL, "%s: path too long", path);
  decl_read r = {out};
  return fs_check_data_file(path, out->path, models_dir, lim, read_catalog, &r, err);
}
