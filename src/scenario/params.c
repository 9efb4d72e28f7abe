/* params.c: the params{} function of scenario scripts and --set overrides. */
#include <lauxlib.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/check.h"
#include "scenario/scenario_impl.h"
#include "util/ident.h"
#include "util/num.h"
#include "util/suggest.h"

/* Integer parameters stay within the doubles that are exact integers (and
   far inside lua_Integer). */
#define FS_PARAM_INT_MAX 9007199254740992.0 /* 2^53 */

static const char *const decl_keys[] =
    FS_CHECK_KEYS("default", "range", "unit", "description", "source", "integer", "fact");
#define NDECL_KEYS (sizeof decl_keys / sizeof decl_keys[0] - 1)

/* Raises "file:line: params.name[.field]: message" from inside params(). */
static int decl_error(lua_State *L, fs_loader *ld, const char *name, const char *field,
                      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static int decl_error(lua_State *L, fs_loader *ld, const char *name, const char *field,
                      const char *fmt, ...) {
  char path[256], msg[512], shown[120], fshown[120];
  fs_ident_show(name, shown, sizeof shown);
  fs_ident_show(field ? field : "", fshown, sizeof fshown);
  snprintf(path, sizeof path, "%s%s%s", shown, field ? "." : "", fshown);
  int line = fs_scenario__call_line(ld, "params()", path);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (line <= 0) {
    luaL_where(L, 1);
    lua_pushfstring(L, "params.%s: %s", path, msg);
    lua_concat(L, 2);
  } else {
    lua_pushfstring(L, "%s:%d: params.%s: %s", ld->s->path, line, path, msg);
  }
  return lua_error(L);
}

static double decl_number(lua_State *L, fs_loader *ld, int t, const char *name, const char *field) {
  lua_getfield(L, t, field);
  if (lua_type(L, -1) != LUA_TNUMBER)
    decl_error(L, ld, name, field, "expected a number (got %s)", luaL_typename(L, -1));
  double v = lua_tonumber(L, -1);
  lua_pop(L, 1);
  return v;
}

static void decl_string(lua_State *L, fs_loader *ld, int t, const char *name, const char *field,
                        int required, char *out, size_t cap) {
  lua_getfield(L, t, field);
  if (lua_isnil(L, -1) && !required) {
    out[0] = '\0';
  } else if (lua_type(L, -1) != LUA_TSTRING) {
    decl_error(L, ld, name, field, "%s (got %s)",
               lua_isnil(L, -1) ? "missing required field" : "expected a string",
               luaL_typename(L, -1));
  } else {
    snprintf(out, cap, "%s", lua_tostring(L, -1));
  }
  lua_pop(L, 1);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* params { name = { default = x, range = {lo, hi}, unit = "...",
   description = "...", source = "...", integer = bool }, ... }
   Returns a table name -> value (the default, or the --set override). */
static int l_params(lua_State *L) {
  fs_loader *ld = fs_scenario__loader(L);
  fs_config *cfg = ld->s->cfg;
  if (ld->params_called) return luaL_error(L, "params{} may be called only once");
  ld->params_called = 1;
  luaL_checktype(L, 1, LUA_TTABLE);
  /* Collect the names in sorted order: pairs() order is not deterministic. */
  const char *names[FS_MAX_PARAMS] = {0};
  int n = 0;
  lua_pushnil(L);
  while (lua_next(L, 1)) {
    if (lua_type(L, -2) != LUA_TSTRING)
      return luaL_error(L, "params: parameter names must be strings (got %s)",
                        luaL_typename(L, -2));
    if (n == FS_MAX_PARAMS) return luaL_error(L, "params: more than %d parameters", FS_MAX_PARAMS);
    names[n++] = lua_tostring(L, -2); /* the key string stays alive in the table */
    lua_pop(L, 1);
  }
  qsort(names, (size_t) n, sizeof names[0], cmp_str);
  lua_createtable(L, 0, n);
  int out = lua_gettop(L);
  for (int i = 0; i < n; i++) {
    const char *name = names[i];
    fs_param *p = &cfg->params[i];
    memset(p, 0, sizeof *p);
    if (strlen(name) >= sizeof p->name) decl_error(L, ld, name, NULL, "name is too long");
    if (!fs_ident_ok(name, strlen(name)))
      decl_error(L, ld, name, NULL, "a parameter name must be of %s", FS_IDENT_RULE);
    snprintf(p->name, sizeof p->name, "%s", name);
    lua_getfield(L, 1, name);
    int t = lua_gettop(L);
    if (!lua_istable(L, t))
      decl_error(L, ld, name, NULL,
                 "expected a table with default, range, unit, description "
                 "(got %s)",
                 luaL_typename(L, t));
    lua_pushnil(L);
    while (lua_next(L, t)) {
      const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
      int ok = 0;
      for (int j = 0; k && decl_keys[j]; j++) ok |= strcmp(k, decl_keys[j]) == 0;
      if (!ok) {
        const char *best = k ? fs_suggest(k, decl_keys, NDECL_KEYS) : NULL;
        if (best) decl_error(L, ld, name, k, "unknown field (did you mean '%s'?)", best);
        decl_error(L, ld, name, k ? k : "?", "unknown field");
      }
      lua_pop(L, 1);
    }
    p->dflt = decl_number(L, ld, t, name, "default");
    lua_getfield(L, t, "range");
    if (!lua_istable(L, -1) || lua_rawlen(L, -1) != 2)
      decl_error(L, ld, name, "range", "expected {lo, hi} (got %s)", luaL_typename(L, -1));
    lua_rawgeti(L, -1, 1);
    lua_rawgeti(L, -2, 2);
    if (lua_type(L, -2) != LUA_TNUMBER || lua_type(L, -1) != LUA_TNUMBER)
      decl_error(L, ld, name, "range", "expected two numbers");
    p->min = lua_tonumber(L, -2);
    p->max = lua_tonumber(L, -1);
    lua_pop(L, 3);
    if (!(p->min <= p->max))
      decl_error(L, ld, name, "range", "lo must not exceed hi (got {%g, %g})", p->min, p->max);
    if (!(p->dflt >= p->min && p->dflt <= p->max))
      decl_error(L, ld, name, "default", "must be in [%g, %g] (got %g)", p->min, p->max, p->dflt);
    decl_string(L, ld, t, name, "unit", 1, p->unit, sizeof p->unit);
    decl_string(L, ld, t, name, "description", 1, p->description, sizeof p->description);
    decl_string(L, ld, t, name, "source", 0, p->source, sizeof p->source);
    lua_getfield(L, t, "integer");
    p->integer = lua_toboolean(L, -1);
    lua_getfield(L, t, "fact");
    if (!lua_isnil(L, -1) && !lua_isboolean(L, -1))
      decl_error(L, ld, name, "fact", "expected true or false (got %s)", luaL_typename(L, -1));
    p->fact = lua_toboolean(L, -1);
    lua_pop(L, 3);
    if (p->fact && !p->source[0])
      decl_error(L, ld, name, "source",
                 "a documented fact needs its source (where it is recorded)");
    /* An integer parameter reaches Lua as an integer: its range must be
       whole numbers a Lua integer holds exactly, its default one of them. */
    if (p->integer && !(fabs(p->min) <= FS_PARAM_INT_MAX && fabs(p->max) <= FS_PARAM_INT_MAX))
      decl_error(L, ld, name, "range",
                 "an integer parameter's range must lie within +-2^53 (got {%g, %g})", p->min,
                 p->max);
    if (p->integer && p->dflt != floor(p->dflt))
      decl_error(L, ld, name, "default", "must be a whole number for an integer parameter (got %g)",
                 p->dflt);
    p->value = p->dflt;
    for (int k = 0; k < ld->opts->nsets; k++) {
      const fs_set *set = &ld->opts->sets[k];
      if (strcmp(set->name, name) != 0) continue;
      ld->set_used[k] = 1;
      if (set->value < p->min || set->value > p->max ||
          (p->integer && set->value != floor(set->value))) {
        fs_err_set(&ld->usage, FS_EUSAGE, "--set %s=%s: must be %s in [%g, %g] %s (got %s)",
                   set->name, set->text, p->integer ? "an integer" : "a number", p->min, p->max,
                   p->unit, set->text);
        return luaL_error(L, "%s", ld->usage.msg);
      }
      p->value = set->value;
    }
    if (p->integer)
      lua_pushinteger(L, (lua_Integer) p->value);
    else
      lua_pushnumber(L, p->value);
    lua_setfield(L, out, name);
  }
  cfg->nparams = n;
  lua_pushvalue(L, out);
  ld->params_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  return 1;
}

void fs_scenario__open_params(lua_State *L) {
  lua_pushcfunction(L, l_params);
  lua_setglobal(L, "params");
}

int fs_scenario__check_sets(fs_loader *ld, fs_err *err) {
  const fs_config *cfg = ld->s->cfg;
  for (int k = 0; k < ld->opts->nsets; k++) {
    if (ld->set_used[k]) continue;
    const char *name = ld->opts->sets[k].name;
    const char *best =
        fs_suggest_field(name, cfg->params[0].name, sizeof cfg->params[0], (size_t) cfg->nparams);
    if (best)
      return fs_err_set(err, FS_EUSAGE, "--set: unknown parameter '%s' (did you mean '%s'?)", name,
                        best);
    return fs_err_set(err, FS_EUSAGE,
                      "--set: unknown parameter '%s' (this scenario declares %d "
                      "parameters; see 'fleetsim run %s --list-params')",
                      name, cfg->nparams, ld->s->path);
  }
  return 0;
}

int fs_set_parse(const char *text, fs_set *set, fs_err *err) {
  const char *eq = strchr(text, '=');
  if (!eq || eq == text) return fs_err_set(err, FS_EUSAGE, "expected name=value (got '%s')", text);
  size_t n = (size_t) (eq - text);
  if (n >= sizeof set->name) return fs_err_set(err, FS_EUSAGE, "parameter name too long");
  memcpy(set->name, text, n);
  set->name[n] = '\0';
  if (fs_num_decimal(eq + 1, &set->value) != 0)
    return fs_err_set(err, FS_EUSAGE, "%s: expected a decimal number (got '%s')", set->name,
                      eq + 1);
  snprintf(set->text, sizeof set->text, "%s", eq + 1);
  return 0;
}
