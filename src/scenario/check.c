/* check.c: typed reading of Lua tables with field paths and file:line messages. */
#include "scenario/check.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include "util/alloc.h"
#include "util/ident.h"
#include "util/suggest.h"

/* Strings longer than this are shortened in "(got ...)" parts. */
#define SHOW_MAX 40

void fs_check_init(fs_check *c, fs_lua *L, const char *root_file, fs_err *err) {
  memset(c, 0, sizeof *c);
  c->lua = L;
  c->L = fs_lua_state(L);
  c->err = err;
  c->file = root_file;
}

void fs_check_done(fs_check *c) {
  for (int i = 0; i < c->nmaps; i++) {
    free(c->maps[i].file);
    fs_srcmap_free(c->maps[i].map);
  }
  c->nmaps = 0;
}

const char *fs_check_path(const fs_check *c) {
  return c->buf + c->base;
}
const char *fs_check_file(const fs_check *c) {
  return c->file;
}

/* ---- messages ----------------------------------------------------------- */

/* The current path extended by key ("[3]" keys attach without a dot). */
static void sub_path(const fs_check *c, const char *key, char *out, size_t cap) {
  const char *p = fs_check_path(c);
  if (!key)
    snprintf(out, cap, "%s", p);
  else
    snprintf(out, cap, "%s%s%s", p, (p[0] && key[0] != '[') ? "." : "", key);
}

/* Line of `path` in the current file; 0 if the file cannot be read. */
static int line_of(fs_check *c, const char *path) {
  fs_srcmap *map = NULL;
  int i;
  for (i = 0; i < c->nmaps; i++)
    if (strcmp(c->maps[i].file, c->file) == 0) break;
  if (i < c->nmaps) {
    map = c->maps[i].map;
  } else {
    map = fs_srcmap_load(c->file, NULL);
    char *f = fs_strdup(c->file);
    if (f && c->nmaps < FS_CHECK_MAPS_MAX) {
      c->maps[c->nmaps].file = f;
      c->maps[c->nmaps++].map = map; /* NULL is cached too: no retry */
    } else {
      free(f);
      int line = map ? fs_srcmap_line_suffix(map, path) : 0;
      fs_srcmap_free(map);
      return line;
    }
  }
  return map ? fs_srcmap_line_suffix(map, path) : 0;
}

int fs_check_line(fs_check *c, const char *key) {
  char path[FS_CHECK_PATH_MAX + 64];
  sub_path(c, key, path, sizeof path);
  return line_of(c, path);
}

static int failv(fs_check *c, const char *key, const char *fmt, va_list ap) {
  char what[FS_ERR_MAX], path[FS_CHECK_PATH_MAX + 64], at[FS_ERR_MAX];
  vsnprintf(what, sizeof what, fmt, ap);
  sub_path(c, key, path, sizeof path);
  int line = line_of(c, path);
  if (line > 0)
    snprintf(at, sizeof at, "%s:%d", c->file, line);
  else
    snprintf(at, sizeof at, "%s", c->file);
  if (path[0]) return fs_err_set(c->err, FS_EINVAL, "%s: %s: %s", at, path, what);
  return fs_err_set(c->err, FS_EINVAL, "%s: %s", at, what);
}

int fs_check_fail(fs_check *c, const char *key, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int rc = failv(c, key, fmt, ap);
  va_end(ap);
  return rc;
}

/* A number as Lua prints it: integers plainly, floats with 14 digits and
   a ".0" when they would look like integers. */
static void fmt_number(lua_State *L, int idx, char *out, size_t cap) {
  if (lua_isinteger(L, idx)) {
    snprintf(out, cap, "%lld", (long long) lua_tointeger(L, idx));
    return;
  }
  double v = (double) lua_tonumber(L, idx);
  snprintf(out, cap, "%.14g", v);
  if (isfinite(v) && !strpbrk(out, ".en")) strncat(out, ".0", cap - strlen(out) - 1);
}

/* A string quoted for a message, shortened and with control bytes shown as '?'. */
static void fmt_string(const char *s, size_t len, char *out, size_t cap) {
  char tmp[SHOW_MAX + 1];
  size_t n = len < SHOW_MAX ? len : SHOW_MAX;
  for (size_t i = 0; i < n; i++) tmp[i] = (unsigned char) s[i] < 32 ? '?' : s[i];
  tmp[n] = '\0';
  snprintf(out, cap, "\"%s\"%s", tmp, len > SHOW_MAX ? "..." : "");
}

/* "number 3", "string \"abc\"", "boolean true", "nil", "table". */
static void describe(lua_State *L, int idx, char *out, size_t cap) {
  char v[128];
  switch (lua_type(L, idx)) {
  case LUA_TNUMBER:
    fmt_number(L, idx, v, sizeof v);
    snprintf(out, cap, "number %s", v);
    break;
  case LUA_TSTRING: {
    size_t len;
    const char *s = lua_tolstring(L, idx, &len);
    fmt_string(s, len, v, sizeof v);
    snprintf(out, cap, "string %s", v);
    break;
  }
  case LUA_TBOOLEAN:
    snprintf(out, cap, "boolean %s", lua_toboolean(L, idx) ? "true" : "false");
    break;
  default:
    snprintf(out, cap, "%s", luaL_typename(L, idx));
  }
}

static int fail_type(fs_check *c, const char *key, const char *expected, int vidx) {
  char got[160];
  describe(c->L, vidx, got, sizeof got);
  return fs_check_fail(c, key, "expected %s (got %s)", expected, got);
}

/* ---- access ------------------------------------------------------------- */

/* Pushes t[key] (raw) for the table at idx, or the value at idx when key is
   NULL. Returns the value's type, or -1 (nothing pushed, error set) when
   idx does not hold a table. */
static int get(fs_check *c, int idx, const char *key) {
  lua_State *L = c->L;
  if (!lua_checkstack(L, 2)) {
    fs_err_set(c->err, FS_ENOMEM, "out of Lua stack space");
    return -1;
  }
  if (!key) {
    lua_pushvalue(L, idx);
    return lua_type(L, -1);
  }
  if (lua_type(L, idx) != LUA_TTABLE) {
    fail_type(c, NULL, "a table", idx);
    return -1;
  }
  idx = lua_absindex(L, idx);
  lua_pushstring(L, key);
  return lua_rawget(L, idx);
}

int fs_check_has(fs_check *c, int idx, const char *key) {
  lua_State *L = c->L;
  if (lua_type(L, idx) != LUA_TTABLE) return 0;
  idx = lua_absindex(L, idx);
  lua_pushstring(L, key);
  int there = lua_rawget(L, idx) != LUA_TNIL;
  lua_pop(L, 1);
  return there;
}

/* Common start of the value checks: -1 error, 0 absent (nothing pushed), 1
   value pushed. */
static int fetch(fs_check *c, int idx, const char *key, int required, int *rc) {
  int t = get(c, idx, key);
  *rc = 0;
  if (t < 0) {
    *rc = c->err && c->err->code ? c->err->code : FS_EINVAL;
    return -1;
  }
  if (t != LUA_TNIL) return 1;
  lua_pop(c->L, 1);
  if (required) {
    *rc = fs_check_fail(c, key, "missing required field");
    return -1;
  }
  return 0;
}

static int push_level(fs_check *c, const char *key) {
  size_t klen = strlen(key), need = klen + 2;
  if (c->depth >= FS_CHECK_DEPTH_MAX || c->len + need + 1 >= sizeof c->buf)
    return fs_check_fail(c, key, "tables nested too deeply (more than %d levels)",
                         FS_CHECK_DEPTH_MAX);
  c->stack[c->depth++] = (fs_check_level){c->file, c->base, c->len};
  const char *origin = fs_lua_table_origin(c->lua, -1);
  if (origin && strcmp(origin, c->file) != 0) {
    /* A module's table: paths restart at that file's root (plus the table's
       path inside the module). The old path stays in buf below the new one. */
    const char *opath = fs_lua_table_origin_path(c->lua, -1);
    size_t olen = opath ? strlen(opath) : 0;
    if (c->len + 1 + olen + 1 >= sizeof c->buf) olen = 0;
    c->file = origin;
    c->base = c->len + 1;
    c->len = c->base;
    memcpy(c->buf + c->len, opath ? opath : "", olen);
    c->len += olen;
  } else {
    if (c->len > c->base && key[0] != '[') c->buf[c->len++] = '.';
    memcpy(c->buf + c->len, key, klen);
    c->len += klen;
  }
  c->buf[c->len] = '\0';
  return 1;
}

int fs_check_enter(fs_check *c, int idx, const char *key, int required) {
  int rc;
  int got = fetch(c, idx, key, required, &rc);
  if (got <= 0) return rc;
  if (!lua_istable(c->L, -1)) {
    rc = fail_type(c, key, "a table", -1);
    lua_pop(c->L, 1);
    return rc;
  }
  rc = push_level(c, key);
  if (rc < 0) lua_pop(c->L, 1);
  return rc;
}

int fs_check_enter_index(fs_check *c, int idx, int64_t i) {
  lua_State *L = c->L;
  char key[32];
  snprintf(key, sizeof key, "[%lld]", (long long) i);
  if (!lua_checkstack(L, 2)) return fs_err_set(c->err, FS_ENOMEM, "out of Lua stack space");
  if (lua_type(L, idx) != LUA_TTABLE) return fail_type(c, NULL, "a table", idx);
  if (lua_rawgeti(L, idx, (lua_Integer) i) != LUA_TTABLE) {
    int rc = lua_isnil(L, -1) ? fs_check_fail(c, key, "missing required element")
                              : fail_type(c, key, "a table", -1);
    lua_pop(L, 1);
    return rc;
  }
  int rc = push_level(c, key);
  if (rc < 0) lua_pop(L, 1);
  return rc;
}

void fs_check_leave(fs_check *c) {
  if (c->depth == 0) return;
  lua_pop(c->L, 1);
  fs_check_level *l = &c->stack[--c->depth];
  c->file = l->file;
  c->base = l->base;
  c->len = l->len;
  c->buf[c->len] = '\0';
}

/* ---- scalars ------------------------------------------------------------ */

static void fmt_range(char *out, size_t cap, double min, double max) {
  if (isinf(min) && isinf(max))
    snprintf(out, cap, "must be a finite number");
  else if (isinf(max))
    snprintf(out, cap, "must be >= %.14g", min);
  else if (isinf(min))
    snprintf(out, cap, "must be <= %.14g", max);
  else
    snprintf(out, cap, "must be in [%.14g, %.14g]", min, max);
}

int fs_check_number(fs_check *c, int idx, const char *key, int required, double min, double max,
                    double dflt, double *out) {
  int rc, got = fetch(c, idx, key, required, &rc);
  if (got < 0) return rc;
  if (got == 0) {
    *out = dflt;
    return 0;
  }
  lua_State *L = c->L;
  if (lua_type(L, -1) != LUA_TNUMBER) {
    rc = fail_type(c, key, "a number", -1);
    lua_pop(L, 1);
    return rc;
  }
  double v = (double) lua_tonumber(L, -1);
  if (!(v >= min && v <= max)) {
    char range[128], num[64];
    fmt_range(range, sizeof range, min, max);
    fmt_number(L, -1, num, sizeof num);
    lua_pop(L, 1);
    return fs_check_fail(c, key, "%s (got %s)", range, num);
  }
  lua_pop(L, 1);
  *out = v;
  return 0;
}

int fs_check_integer(fs_check *c, int idx, const char *key, int required, int64_t min, int64_t max,
                     int64_t dflt, int64_t *out) {
  int rc, got = fetch(c, idx, key, required, &rc);
  if (got < 0) return rc;
  if (got == 0) {
    *out = dflt;
    return 0;
  }
  lua_State *L = c->L;
  int isnum = 0;
  lua_Integer v = lua_type(L, -1) == LUA_TNUMBER ? lua_tointegerx(L, -1, &isnum) : 0;
  if (!isnum) {
    rc = fail_type(c, key, "an integer", -1);
    lua_pop(L, 1);
    return rc;
  }
  lua_pop(L, 1);
  if (v < min || v > max) {
    if (min == INT64_MIN)
      return fs_check_fail(c, key, "must be <= %lld (got %lld)", (long long) max, (long long) v);
    if (max == INT64_MAX)
      return fs_check_fail(c, key, "must be >= %lld (got %lld)", (long long) min, (long long) v);
    return fs_check_fail(c, key, "must be in [%lld, %lld] (got %lld)", (long long) min,
                         (long long) max, (long long) v);
  }
  *out = (int64_t) v;
  return 0;
}

int fs_check_bool(fs_check *c, int idx, const char *key, int required, int dflt, int *out) {
  int rc, got = fetch(c, idx, key, required, &rc);
  if (got < 0) return rc;
  if (got == 0) {
    *out = dflt;
    return 0;
  }
  if (lua_type(c->L, -1) != LUA_TBOOLEAN) {
    rc = fail_type(c, key, "a boolean", -1);
    lua_pop(c->L, 1);
    return rc;
  }
  *out = lua_toboolean(c->L, -1);
  lua_pop(c->L, 1);
  return 0;
}

/* Pushes a string value or fails; returns 1 pushed, 0 absent, <0 error. */
static int fetch_string(fs_check *c, int idx, const char *key, int required, int *rc) {
  int got = fetch(c, idx, key, required, rc);
  if (got <= 0) return got;
  if (lua_type(c->L, -1) != LUA_TSTRING) {
    *rc = fail_type(c, key, "a string", -1);
    lua_pop(c->L, 1);
    return -1;
  }
  return 1;
}

int fs_check_string(fs_check *c, int idx, const char *key, int required, const char *dflt,
                    char *out, size_t cap) {
  int rc, got = fetch_string(c, idx, key, required, &rc);
  if (got < 0) return rc;
  if (got == 0) {
    snprintf(out, cap, "%s", dflt ? dflt : "");
    return 0;
  }
  size_t len;
  const char *s = lua_tolstring(c->L, -1, &len);
  char shown[SHOW_MAX + 8];
  fmt_string(s, len, shown, sizeof shown);
  if (strlen(s) != len) {
    lua_pop(c->L, 1);
    return fs_check_fail(c, key, "must not contain NUL bytes (got %s)", shown);
  }
  if (len >= cap) {
    lua_pop(c->L, 1);
    return fs_check_fail(c, key, "must be at most %zu bytes long (got %zu bytes: %s)", cap - 1, len,
                         shown);
  }
  memcpy(out, s, len + 1);
  lua_pop(c->L, 1);
  return 0;
}

int fs_check_id(fs_check *c, int idx, const char *key, int required, const char *dflt, char *out,
                size_t cap) {
  int rc = fs_check_string(c, idx, key, required, dflt, out, cap);
  if (rc != 0 || (!*out && !required)) return rc;
  if (!fs_ident_ok(out, strlen(out))) {
    char shown[SHOW_MAX + 8];
    fmt_string(out, strlen(out), shown, sizeof shown);
    return fs_check_fail(c, key, "must be a name of %s (got %s)", FS_IDENT_RULE, shown);
  }
  return 0;
}

int fs_check_choice(fs_check *c, int idx, const char *key, int required, const char *const *choices,
                    int dflt, int *out) {
  int rc, got = fetch_string(c, idx, key, required, &rc);
  if (got < 0) return rc;
  if (got == 0) {
    *out = dflt;
    return 0;
  }
  size_t len;
  const char *s = lua_tolstring(c->L, -1, &len);
  for (int i = 0; choices[i]; i++) {
    if (strlen(choices[i]) == len && memcmp(choices[i], s, len) == 0) {
      *out = i;
      lua_pop(c->L, 1);
      return 0;
    }
  }
  char list[512] = "", shown[SHOW_MAX + 8];
  size_t n = 0;
  for (int i = 0; choices[i] && n < sizeof list; i++)
    n += (size_t) snprintf(list + n, sizeof list - n, "%s'%s'", i ? ", " : "", choices[i]);
  fmt_string(s, len, shown, sizeof shown);
  lua_pop(c->L, 1);
  return fs_check_fail(c, key, "must be one of %s (got %s)", list, shown);
}

/* ---- time --------------------------------------------------------------- */

static int digits(const char *s, int n, int *out) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') return 0;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return 1;
}

static int is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar
   (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms", days_from_civil). */
static long long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  long long era = (y >= 0 ? y : y - 399) / 400;
  long long yoe = y - era * 400;
  long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int fs_check_parse_time(const char *s, double *out, char *why, size_t cap) {
  static const char *const months[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};
  static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  size_t n = strlen(s);
  int y, mo, d, h, mi, sec = 0;
  int shape = (n == 17 || n == 20) && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' &&
              s[n - 1] == 'Z' && digits(s, 4, &y) && digits(s + 5, 2, &mo) &&
              digits(s + 8, 2, &d) && digits(s + 11, 2, &h) && digits(s + 14, 2, &mi) &&
              (n == 17 || (s[16] == ':' && digits(s + 17, 2, &sec)));
  if (!shape) {
    snprintf(why, cap, "must be an ISO 8601 UTC time like \"2024-03-01T06:00Z\"");
    return FS_EINVAL;
  }
  if (y < 1) {
    snprintf(why, cap, "year must be in [1, 9999]");
    return FS_EINVAL;
  }
  if (mo < 1 || mo > 12) {
    snprintf(why, cap, "month must be in [1, 12]");
    return FS_EINVAL;
  }
  int md = mdays[mo - 1] + (mo == 2 && is_leap(y));
  if (d < 1 || d > md) {
    snprintf(why, cap, "day must be in [1, %d] for %s %04d", md, months[mo - 1], y);
    return FS_EINVAL;
  }
  if (h > 23) {
    snprintf(why, cap, "hour must be in [0, 23]");
    return FS_EINVAL;
  }
  if (mi > 59) {
    snprintf(why, cap, "minute must be in [0, 59]");
    return FS_EINVAL;
  }
  if (sec > 59) {
    snprintf(why, cap, "second must be in [0, 59]");
    return FS_EINVAL;
  }
  *out = (double) (days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec);
  return 0;
}

int fs_check_time(fs_check *c, int idx, const char *key, int required, double *unix_seconds) {
  int rc, got = fetch_string(c, idx, key, required, &rc);
  if (got <= 0) return got < 0 ? rc : 0;
  size_t len;
  const char *s = lua_tolstring(c->L, -1, &len);
  char why[160], shown[SHOW_MAX + 8];
  double t;
  if (strlen(s) == len && fs_check_parse_time(s, &t, why, sizeof why) == 0) {
    *unix_seconds = t;
    lua_pop(c->L, 1);
    return 0;
  }
  if (strlen(s) != len) snprintf(why, sizeof why, "must not contain NUL bytes");
  fmt_string(s, len, shown, sizeof shown);
  lua_pop(c->L, 1);
  return fs_check_fail(c, key, "%s (got %s)", why, shown);
}

/* ---- keys --------------------------------------------------------------- */

static int fail_unknown(fs_check *c, const char *key, const char *const *allowed) {
  size_t nallowed = 0;
  while (allowed[nallowed]) nallowed++;
  const char *near = fs_suggest(key, allowed, nallowed);
  if (near) return fs_check_fail(c, key, "unknown field (did you mean '%s'?)", near);
  char list[512] = "";
  size_t n = 0;
  for (int i = 0; allowed[i] && n < sizeof list; i++)
    n += (size_t) snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "", allowed[i]);
  if (!allowed[0]) return fs_check_fail(c, key, "unknown field (this table takes no fields)");
  return fs_check_fail(c, key, "unknown field (expected one of: %s)", list);
}

int fs_check_keys(fs_check *c, int idx, const char *const *allowed) {
  lua_State *L = c->L;
  if (lua_type(L, idx) != LUA_TTABLE) return fail_type(c, NULL, "a table", idx);
  if (!lua_checkstack(L, 3)) return fs_err_set(c->err, FS_ENOMEM, "out of Lua stack space");
  idx = lua_absindex(L, idx);
  /* Track the least offender of each kind, so the report does not depend
     on the table's iteration order and needs no allocation. The key
     strings stay alive: the table holds them and is not modified. */
  const char *bad_str = NULL;
  int have_int = 0, have_other = 0;
  lua_Integer bad_int = 0;
  const char *other_type = NULL;
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    lua_pop(L, 1); /* value */
    int kt = lua_type(L, -1);
    if (kt == LUA_TSTRING) {
      const char *k = lua_tostring(L, -1);
      int ok = 0;
      for (int i = 0; allowed[i] && !ok; i++) ok = strcmp(allowed[i], k) == 0;
      if (!ok && (!bad_str || strcmp(k, bad_str) < 0)) bad_str = k;
    } else if (kt == LUA_TNUMBER && lua_isinteger(L, -1)) {
      lua_Integer k = lua_tointeger(L, -1);
      if (!have_int || k < bad_int) bad_int = k;
      have_int = 1;
    } else if (!have_other) {
      have_other = 1;
      other_type = luaL_typename(L, -1);
    }
  }
  if (bad_str) return fail_unknown(c, bad_str, allowed);
  if (have_int) {
    char key[32];
    snprintf(key, sizeof key, "[%lld]", (long long) bad_int);
    lua_rawgeti(L, idx, bad_int);
    char got[160];
    describe(L, -1, got, sizeof got);
    int rc =
        fs_check_fail(c, key, "unexpected list element in a table of named fields (got %s)", got);
    lua_pop(L, 1);
    return rc;
  }
  if (have_other)
    return fs_check_fail(c, NULL, "field names must be strings (got a %s key)", other_type);
  return 0;
}

int fs_check_data_file(const char *path, const char *name, const char *models_dir,
                       const fs_lua_limits *lim, fs_check_reader read, void *ud, fs_err *err) {
  fs_lua *lua = fs_lua_new(lim, models_dir, 0, err);
  if (!lua) return err->code ? err->code : FS_ENOMEM;
  int rc = fs_lua_dofile(lua, path, err);
  if (rc == 0) {
    fs_check c;
    fs_check_init(&c, lua, name, err);
    rc = read(&c, ud);
    fs_check_done(&c);
  }
  fs_lua_free(lua);
  return rc;
}
