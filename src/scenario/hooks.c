/* hooks.c: every/at/on hooks of scenario scripts and the actions they may take. */
#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scenario/check.h"
#include "scenario/scenario_impl.h"

/* A number as a user wrote it (Lua's own %f would print 500.0). The
   buffer is static because luaL_error copies it before anything else runs;
   a scenario is used by one thread only. */
static const char *num(double x) {
  static _Thread_local char buf[32];
  snprintf(buf, sizeof buf, "%g", x);
  return buf;
}

static int add_hook(lua_State *L, fs_hook_kind kind, double hours, const char *event) {
  fs_loader *ld = fs_scenario__loader(L);
  fs_scenario *s = ld->s;
  if (!ld->opts) return luaL_error(L, "hooks can only be registered while the scenario loads");
  if (s->hooks.n == FS_MAX_HOOKS) return luaL_error(L, "more than %d hooks", FS_MAX_HOOKS);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  int h = s->hooks.n++;
  fs_hook_spec *spec = &s->hooks.spec[h];
  spec->kind = kind;
  spec->hours = hours;
  snprintf(spec->event, sizeof spec->event, "%s", event ? event : "");
  lua_pushvalue(L, 2);
  s->hook_ref[h] = luaL_ref(L, LUA_REGISTRYINDEX);
  return 0;
}

/* every(hours, fn): calls fn every `hours` simulated hours (>= 1/6: hooks
   are coarse by design). */
static int l_every(lua_State *L) {
  double h = luaL_checknumber(L, 1);
  if (!(h >= 1.0 / 6.0) || h > 1e6)
    return luaL_error(L, "every: period must be in [1/6, 1e6] hours (got %s)", num(h));
  return add_hook(L, FS_HOOK_EVERY, h, NULL);
}

/* at(when, fn): when is an ISO 8601 UTC time or hours after the start. */
static int l_at(lua_State *L) {
  fs_loader *ld = fs_scenario__loader(L);
  if (lua_type(L, 1) == LUA_TNUMBER) {
    double h = lua_tonumber(L, 1);
    if (!(h >= 0)) return luaL_error(L, "at: hours must be >= 0 (got %s)", num(h));
    return add_hook(L, FS_HOOK_AT, h, NULL);
  }
  const char *text = luaL_checkstring(L, 1);
  double t;
  char why[128];
  if (fs_check_parse_time(text, &t, why, sizeof why) != 0)
    return luaL_error(L, "at: %s (got \"%s\")", why, text);
  int rc = add_hook(L, FS_HOOK_AT, NAN, NULL);
  snprintf(ld->at_text[ld->s->hooks.n - 1], sizeof ld->at_text[0], "%s", text);
  return rc;
}

/* on(event, fn): "publish", "pull", or "tool:<name>". */
static int l_on(lua_State *L) {
  const char *name = luaL_checkstring(L, 1);
  if (strlen(name) >= FS_ID_MAX) return luaL_error(L, "on: event name too long");
  return add_hook(L, FS_HOOK_ON, 0, name);
}

static fs_actions *actions(lua_State *L, const char *fn) {
  fs_loader *ld = fs_scenario__loader(L);
  if (!ld->s->current_actions)
    luaL_error(L, "%s() can only be called from inside a hook (every, at, on)", fn);
  return ld->s->current_actions;
}

/* set_staffing(factor [, industry]): multiplier on remediation capacity. */
static int l_set_staffing(lua_State *L) {
  fs_actions *act = actions(L, "set_staffing");
  const fs_config *cfg = fs_scenario__loader(L)->s->cfg;
  double f = luaL_checknumber(L, 1);
  if (!(f >= 0 && f <= 100))
    return luaL_error(L, "set_staffing: factor must be in [0, 100] (got %s)", num(f));
  if (lua_isnoneornil(L, 2)) {
    for (int k = 0; k < cfg->nindustries; k++) act->staffing[k] = f;
    return 0;
  }
  const char *id = luaL_checkstring(L, 2);
  for (int k = 0; k < cfg->nindustries; k++) {
    if (strcmp(cfg->industries[k].id, id) == 0) {
      act->staffing[k] = f;
      return 0;
    }
  }
  return luaL_error(L, "set_staffing: unknown industry '%s'", id);
}

/* release_tool(name): makes a declared recovery tool available now. */
static int l_release_tool(lua_State *L) {
  fs_actions *act = actions(L, "release_tool");
  const fs_config *cfg = fs_scenario__loader(L)->s->cfg;
  const char *name = luaL_checkstring(L, 1);
  for (int k = 0; k < cfg->ntools; k++) {
    if (strcmp(cfg->tools[k].name, name) == 0) {
      act->release_tool[k] = 1;
      return 0;
    }
  }
  return luaL_error(L, "release_tool: unknown tool '%s' (declare it in remediation.tools)", name);
}

/* end_incident(): pulls the faulty update now (no further crashes). */
static int l_end_incident(lua_State *L) {
  actions(L, "end_incident")->end_incident = 1;
  return 0;
}

void fs_scenario__open_hooks(lua_State *L) {
  static const luaL_Reg fns[] = {{"every", l_every},
                                 {"at", l_at},
                                 {"on", l_on},
                                 {"set_staffing", l_set_staffing},
                                 {"release_tool", l_release_tool},
                                 {"end_incident", l_end_incident},
                                 {NULL, NULL}};
  for (const luaL_Reg *f = fns; f->name; f++) {
    lua_pushcfunction(L, f->func);
    lua_setglobal(L, f->name);
  }
}

int fs_scenario__finish_hooks(fs_loader *ld, fs_err *err) {
  fs_scenario *s = ld->s;
  const fs_config *cfg = s->cfg;
  for (int h = 0; h < s->hooks.n; h++) {
    fs_hook_spec *spec = &s->hooks.spec[h];
    if (spec->kind == FS_HOOK_AT && isnan(spec->hours)) {
      double t;
      char why[128];
      fs_check_parse_time(ld->at_text[h], &t, why, sizeof why);
      spec->hours = (t - cfg->start_unix) / 3600.0;
      if (spec->hours < 0)
        return fs_err_set(err, FS_EINVAL, "%s: at(\"%s\"): before the scenario start", s->path,
                          ld->at_text[h]);
    }
    if (spec->kind == FS_HOOK_ON) {
      int ok = strcmp(spec->event, "publish") == 0 || strcmp(spec->event, "pull") == 0;
      for (int k = 0; k < cfg->ntools && !ok; k++) {
        char name[FS_ID_MAX + 8];
        snprintf(name, sizeof name, "tool:%s", cfg->tools[k].name);
        ok = strcmp(spec->event, name) == 0;
      }
      if (!ok)
        return fs_err_set(err, FS_EINVAL,
                          "%s: on(\"%s\"): unknown event (use \"publish\", "
                          "\"pull\" or \"tool:<name>\" of a declared tool)",
                          s->path, spec->event);
    }
  }
  s->hooks.ud = s;
  s->hooks.call = fs_scenario__call_hook;
  return 0;
}

/* Runs inside fs_lua_pcall: builds the state table and calls the hook. */
static int trampoline(lua_State *L) {
  fs_scenario *s = fs_scenario__loader(L)->s;
  const fs_agg_state *st = lua_touserdata(L, 1);
  int h = (int) lua_tointeger(L, 2);
  const fs_config *cfg = s->cfg;
  lua_rawgeti(L, LUA_REGISTRYINDEX, s->hook_ref[h]);
  lua_createtable(L, 0, 6);
  lua_pushnumber(L, st->hours);
  lua_setfield(L, -2, "hours");
  lua_pushnumber(L, st->affected);
  lua_setfield(L, -2, "affected");
  lua_pushnumber(L, st->down);
  lua_setfield(L, -2, "down");
  lua_pushboolean(L, st->incident_active);
  lua_setfield(L, -2, "incident_active");
  lua_createtable(L, 0, cfg->nindustries);
  for (int k = 0; k < cfg->nindustries; k++) {
    lua_pushnumber(L, st->down_by_industry[k]);
    lua_setfield(L, -2, cfg->industries[k].id);
  }
  lua_setfield(L, -2, "down_by_industry");
  lua_createtable(L, 0, cfg->nregions);
  for (int k = 0; k < cfg->nregions; k++) {
    lua_pushnumber(L, st->down_by_region[k]);
    lua_setfield(L, -2, cfg->regions[k].id);
  }
  lua_setfield(L, -2, "down_by_region");
  lua_call(L, 1, 0);
  return 0;
}

int fs_scenario__call_hook(void *ud, int hook, const fs_agg_state *st, fs_actions *act,
                           fs_err *err) {
  fs_scenario *s = ud;
  lua_State *L = fs_lua_state(s->lua);
  fs_lua_reset_steps(s->lua);
  s->current_actions = act;
  lua_pushcfunction(L, trampoline);
  lua_pushlightuserdata(L, (void *) st);
  lua_pushinteger(L, hook);
  int rc = fs_lua_pcall(s->lua, 2, 0, err);
  s->current_actions = NULL;
  if (rc != 0) fs_err_prefix(err, "hook at t=%.2f h", st->hours);
  return rc;
}
