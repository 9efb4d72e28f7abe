/* variant.c: what-if variant files and --variant values (variant.h). */
#include "scenario/variant.h"

#include <lua.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/check.h"
#include "scenario/sandbox.h"
#include "util/ident.h"

static int cmp_set(const void *a, const void *b) {
  return strcmp(((const fs_set *) a)->name, ((const fs_set *) b)->name);
}

/* set = {PARAM = number, ...}: every key a parameter the scenario knows,
   every value a finite number; sorted by name, so the file's order (and
   Lua's table order) does not matter. */
static int read_sets(fs_check *c, fs_variant *v, fs_variant_param_fn known, void *ud) {
  lua_State *L = c->L;
  int rc = fs_check_enter(c, -1, "set", 1);
  if (rc != 1) return rc;
  const char *names[FS_MAX_SETS + 1];
  int n = 0;
  lua_pushnil(L);
  while (lua_next(L, -2) != 0) {
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TSTRING || !lua_rawlen(L, -1) ||
        lua_rawlen(L, -1) >= sizeof v->sets[0].name ||
        !fs_ident_ok(lua_tostring(L, -1), lua_rawlen(L, -1))) {
      lua_pop(L, 1);
      fs_check_leave(c);
      return fs_check_fail(c, "set", "keys must be parameter names");
    }
    if (n == FS_MAX_SETS) {
      lua_pop(L, 1);
      fs_check_leave(c);
      return fs_check_fail(c, "set", "more than %d parameters", FS_MAX_SETS);
    }
    names[n++] = lua_tostring(L, -1); /* the table keeps the string alive */
  }
  for (int i = 0; i < n; i++) {
    fs_set *s = &v->sets[i];
    snprintf(s->name, sizeof s->name, "%s", names[i]);
  }
  qsort(v->sets, (size_t) n, sizeof v->sets[0], cmp_set);
  rc = n == 0 ? fs_check_fail(c, NULL, "sets no parameter") : 0;
  for (int i = 0; rc == 0 && i < n; i++) {
    fs_set *s = &v->sets[i];
    char why[256] = "";
    if (known(ud, s->name, why, sizeof why) != 0) {
      rc = fs_check_fail(c, s->name, "%s", why);
      break;
    }
    rc = fs_check_number(c, -1, s->name, 1, -1e300, 1e300, 0, &s->value);
    if (rc == 0) snprintf(s->text, sizeof s->text, "%.17g", s->value); /* as --set keeps it */
  }
  v->nsets = n;
  fs_check_leave(c);
  return rc;
}

static int read_file(fs_check *c, fs_variant *v, fs_variant_param_fn known, void *ud) {
  static const char *const keys[] = FS_CHECK_KEYS("name", "description", "set", "source", "notes");
  lua_State *L = c->L;
  int rc;
  if (!lua_istable(L, -1)) return fs_check_fail(c, NULL, "expected the file to return a table");
  if ((rc = fs_check_keys(c, -1, keys)) != 0) return rc;
  if ((rc = fs_check_id(c, -1, "name", 1, NULL, v->name, sizeof v->name)) != 0) return rc;
  if ((rc = fs_check_string(c, -1, "description", 1, NULL, v->description,
                            sizeof v->description)) != 0)
    return rc;
  if ((rc = fs_check_string(c, -1, "source", 1, NULL, v->source, sizeof v->source)) != 0) return rc;
  if (!v->source[0]) return fs_check_fail(c, "source", "must say where the values come from");
  return read_sets(c, v, known, ud);
}

typedef struct variant_read {
  fs_variant *out;
  fs_variant_param_fn known;
  void *ud;
} variant_read;

static int read_variant(fs_check *c, void *ud) {
  variant_read *r = ud;
  return read_file(c, r->out, r->known, r->ud);
}

int fs_variant_load(const char *path, const char *models_dir, const fs_lua_limits *lim,
                    fs_variant_param_fn known, void *ud, fs_variant *out, fs_err *err) {
  memset(out, 0, sizeof *out);
  if (snprintf(out->path, sizeof out->path, "%s", path) >= (int) sizeof out->path)
    return fs_err_set(err, FS_EINVAL, "%s: path too long", path);
  variant_read r = {.out = out, .known = known, .ud = ud};
  return fs_check_data_file(path, out->path, models_dir, lim, read_variant, &r, err);
}

int fs_variant_parse(const char *text, fs_variant *out, fs_err *err) {
  memset(out, 0, sizeof *out);
  const char *eq = strchr(text, '=');
  size_t len = eq ? (size_t) (eq - text) : 0;
  if (!eq || len == 0 || len >= sizeof out->name)
    return fs_err_set(err, FS_EUSAGE, "'%s': expected NAME=PARAM=VALUE[,PARAM=VALUE...]", text);
  memcpy(out->name, text, len);
  if (!fs_ident_ok(out->name, len))
    return fs_err_set(err, FS_EUSAGE, "'%s': '%s' is not a name (letters, digits, '-', '_', '.')",
                      text, out->name);
  snprintf(out->description, sizeof out->description, "%s", eq + 1);
  snprintf(out->source, sizeof out->source, "the command line");
  const char *p = eq + 1;
  while (*p) {
    const char *comma = strchr(p, ',');
    size_t n = comma ? (size_t) (comma - p) : strlen(p);
    char one[160];
    if (n == 0 || n >= sizeof one)
      return fs_err_set(err, FS_EUSAGE, "'%s': expected PARAM=VALUE after '%s='", text, out->name);
    if (out->nsets == FS_MAX_SETS)
      return fs_err_set(err, FS_EUSAGE, "'%s': more than %d parameters", text, FS_MAX_SETS);
    memcpy(one, p, n);
    one[n] = 0;
    fs_err e = {0};
    if (fs_set_parse(one, &out->sets[out->nsets], &e) != 0)
      return fs_err_set(err, FS_EUSAGE, "%s: %s", out->name, e.msg);
    out->nsets++;
    p += n + (comma ? 1 : 0);
    if (comma && !*p) return fs_err_set(err, FS_EUSAGE, "'%s': a trailing ','", text);
  }
  if (out->nsets == 0) return fs_err_set(err, FS_EUSAGE, "'%s': sets no parameter", text);
  return 0;
}
