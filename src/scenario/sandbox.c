/* sandbox.c: a Lua state for untrusted scenario scripts, with memory and step limits. */
#include "scenario/sandbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>
#include <lualib.h>
#include "util/alloc.h"
#include "util/ident.h"

#define MIB ((size_t) 1 << 20)

/* Instructions between two calls of the count hook: often enough that an
   endless loop stops within microseconds of its budget, rare enough that the
   hook costs nothing measurable. */
#define HOOK_EVERY 1000

/* Bytes a script may allocate per instruction of its budget: one
   instruction can copy a string of any length (s = s .. x in a loop takes
   quadratic time in few instructions), so the bytes allocated count as
   work too. 64 bytes per instruction: the default budget allows 12.8 GB
   allocated in a phase, far beyond any real scenario. */
#define ALLOC_BYTES_PER_STEP 64

#define MODULE_NAME_MAX 200

struct fs_lua {
  lua_State *L;
  size_t mem_limit, mem_used;
  uint64_t steps_limit, steps_used;
  size_t alloc_rest; /* bytes allocated not yet charged (under ALLOC_BYTES_PER_STEP) */
  int hook_every;    /* count the hook is armed with (HOOK_EVERY or less) */
  int mem_hit;       /* an allocation was refused since the last top-level call */
  int steps_hit;     /* the budget is spent: the hook now raises at every instruction */
  char *models_dir;  /* owned; NULL: none */
  char *scen_dir;    /* owned; NULL: none */
};

/* Registry keys: the addresses are unique, the bytes are never written. */
static const char k_loaded = 'L';  /* name -> module value, or k_loading */
static const char k_loading = 'l'; /* sentinel value while a module runs */
static const char k_stack = 's';   /* array of names being loaded, for cycle messages */
static const char k_origin = 'o';  /* weak-keyed: table -> file it was returned from */
static const char k_opath = 'p';   /* weak-keyed: table -> its path inside that file */

static fs_lua *sb_self(lua_State *L) {
  void *ud = NULL;
  lua_getallocf(L, &ud);
  return ud;
}

/* The allocator enforces the cap on live bytes. A refused allocation makes
   Lua run an emergency collection and retry, then raise "not enough memory"
   (LUA_ERRMEM); mem_hit lets the reporter tell that apart from a real
   malloc failure and phrase it as the configured limit. */
static void *sb_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  fs_lua *S = ud;
  size_t old = ptr ? osize : 0; /* for a new block, osize is a type tag */
  if (nsize == 0) {
    free(ptr);
    S->mem_used -= old;
    return NULL;
  }
  if (nsize > old && S->mem_used - old + nsize > S->mem_limit) {
    S->mem_hit = 1;
    return NULL;
  }
  void *p = realloc(ptr, nsize);
  if (!p) {
    S->mem_hit = 1;
    return NULL;
  }
  S->mem_used = S->mem_used - old + nsize;
  /* Charged to the instruction budget; the count hook raises the error
     (an allocator must not), at most HOOK_EVERY instructions later. */
  if (nsize > old) {
    S->alloc_rest += nsize - old;
    S->steps_used += S->alloc_rest / ALLOC_BYTES_PER_STEP;
    S->alloc_rest %= ALLOC_BYTES_PER_STEP;
  }
  return p;
}

static void sb_hook(lua_State *L, lua_Debug *ar);

static void sb_arm_hook(fs_lua *S) {
  S->hook_every = S->steps_limit < HOOK_EVERY ? (int) S->steps_limit : HOOK_EVERY;
  lua_sethook(S->L, sb_hook, LUA_MASKCOUNT, S->hook_every);
}

/* Once the budget is spent the hook fires at every instruction, so a script
   that catches the error with pcall is stopped again at its very next
   instruction outside the pcall: the error always reaches the host. */
static void sb_hook(lua_State *L, lua_Debug *ar) {
  fs_lua *S = sb_self(L);
  if (!S->steps_hit) {
    S->steps_used += (uint64_t) S->hook_every;
    if (S->steps_used < S->steps_limit) return;
    /* steps_used >= steps_limit: instructions, or bytes allocated */
    S->steps_hit = 1;
    lua_sethook(L, sb_hook, LUA_MASKCOUNT, 1);
  }
  /* Level 0 is the running Lua function: name its line, not its caller's. */
  if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0)
    lua_pushfstring(L, "%s:%d: ", ar->short_src, ar->currentline);
  else
    lua_pushliteral(L, "");
  lua_pushfstring(L, "instruction limit of %I exceeded (--lua-steps)",
                  (lua_Integer) S->steps_limit);
  lua_concat(L, 2);
  lua_error(L);
}

/* Message handler: appends a traceback once (a module's error re-raised by
   require already carries one). */
static int sb_msgh(lua_State *L) {
  const char *msg = lua_tostring(L, 1);
  if (!msg) msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
  if (strstr(msg, "\nstack traceback:")) {
    lua_pushstring(L, msg);
    return 1;
  }
  luaL_traceback(L, L, msg, 1);
  return 1;
}

/* --- base library replacements ------------------------------------------ */

/* load: source text only, so no crafted bytecode can reach the VM (the
   bytecode verifier was removed from Lua in 5.2; malformed bytecode can
   break memory safety). The chunk gets the sandbox's globals as _ENV unless
   the caller passes its own. */
static int sb_load(lua_State *L) {
  int top = lua_gettop(L);
  if (lua_type(L, 1) == LUA_TSTRING) {
    const char *s = lua_tostring(L, 1);
    if (s[0] == LUA_SIGNATURE[0]) {
      lua_pushnil(L);
      lua_pushliteral(L, "load: binary (precompiled) chunks are not allowed; pass Lua source text");
      return 2;
    }
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_pushvalue(L, 1);
  if (top >= 2)
    lua_pushvalue(L, 2);
  else
    lua_pushnil(L);
  lua_pushliteral(L, "t");
  if (top >= 4) lua_pushvalue(L, 4);
  lua_call(L, top >= 4 ? 4 : 3, LUA_MULTRET);
  return lua_gettop(L) - top;
}

/* setmetatable without __gc: finalizers run with hooks disabled, so an
   endless __gc would escape the instruction limit (and could hang
   lua_close). */
static int sb_setmetatable(lua_State *L) {
  if (lua_type(L, 2) == LUA_TTABLE) {
    lua_pushliteral(L, "__gc");
    int t = lua_rawget(L, 2);
    lua_pop(L, 1);
    if (t != LUA_TNIL)
      return luaL_error(L, "setmetatable: __gc metamethods are not allowed in scenarios "
                           "(finalizers would run outside the instruction limit)");
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

/* collectgarbage: "collect" and "count" only; the others tune or stop the
   collector, which the host owns. */
static int sb_collectgarbage(lua_State *L) {
  const char *opt = luaL_optstring(L, 1, "collect");
  if (strcmp(opt, "collect") != 0 && strcmp(opt, "count") != 0)
    return luaL_error(
        L, "collectgarbage: option '%s' is not allowed (only \"collect\" and \"count\")", opt);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_pushstring(L, opt);
  lua_call(L, 1, 1);
  return 1;
}

/* print: to stderr, because stdout carries the simulator's results. */
static int sb_print(lua_State *L) {
  int n = lua_gettop(L);
  for (int i = 1; i <= n; i++) {
    size_t len;
    const char *s = luaL_tolstring(L, i, &len);
    if (i > 1) fputc('\t', stderr);
    fs_show_put(stderr, s, len, 1);
    lua_pop(L, 1);
  }
  fputc('\n', stderr);
  fflush(stderr);
  return 0;
}

/* math.randomseed with an explicit seed only: without one Lua 5.4 seeds from
   the clock, and runs would stop being reproducible. */
static int sb_randomseed(lua_State *L) {
  if (lua_isnoneornil(L, 1))
    return luaL_error(L, "math.randomseed: give a seed; runs are seeded by --seed and must be "
                         "reproducible");
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

/* --- require ------------------------------------------------------------- */

static int valid_module_name(const char *s) {
  size_t n = strlen(s);
  if (n == 0 || n > MODULE_NAME_MAX || s[0] == '.' || s[n - 1] == '.') return 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    int ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
             c == '_' || c == '.';
    if (!ok || (c == '.' && s[i + 1] == '.')) return 0;
  }
  return 1;
}

static int is_regular_file(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* 1 if the file holds a precompiled chunk: after an optional '#' first line
   (as luaL_loadfilex skips), it starts with the ESC of "\x1bLua". */
static int file_is_bytecode(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return 0;
  int c = getc(f);
  if (c == '#') {
    while (c != EOF && c != '\n') c = getc(f);
    if (c == '\n') c = getc(f);
  }
  fclose(f);
  return c == LUA_SIGNATURE[0];
}

/* Pushes the path of the first existing candidate file for module `name`,
   or raises an error listing the files it looked for. */
static void find_module(lua_State *L, fs_lua *S, const char *name) {
  int top = lua_gettop(L);
  const char *rel = luaL_gsub(L, name, ".", "/"); /* top + 1 */
  const char *dirs[3] = {S->scen_dir, S->models_dir, NULL};
  const char *rels[3] = {rel, rel, NULL};
  /* "models.x" also names models_dir/x.lua, so scripts may spell the folder. */
  if (S->models_dir && strncmp(name, "models.", 7) == 0) {
    dirs[2] = S->models_dir;
    rels[2] = rel + 7;
  }
  lua_pushliteral(L, ""); /* top + 2: the files tried so far */
  int ntried = 0;
  for (int i = 0; i < 3; i++) {
    if (!dirs[i]) continue;
    const char *p = lua_pushfstring(L, "%s/%s.lua", dirs[i], rels[i]); /* top + 3 */
    if (is_regular_file(p)) {
      lua_replace(L, top + 1);
      lua_settop(L, top + 1);
      return;
    }
    if (ntried++) {
      lua_pushvalue(L, top + 2);
      lua_pushliteral(L, ", ");
      lua_pushvalue(L, top + 3);
      lua_concat(L, 3);
    } else {
      lua_pushvalue(L, top + 3);
    }
    lua_replace(L, top + 2);
    lua_settop(L, top + 2);
  }
  luaL_error(L, "require: module '%s' not found (looked for %s)", name,
             ntried ? lua_tostring(L, top + 2) : "nothing: no scenario or models folder is set");
}

/* Raises the cycle error, naming the chain from the first load of `name`. */
static void raise_cycle(lua_State *L, const char *name) {
  lua_rawgetp(L, LUA_REGISTRYINDEX, &k_stack);
  int st = lua_gettop(L);
  lua_Integer n = luaL_len(L, st), from = 1;
  for (lua_Integer i = 1; i <= n; i++) {
    lua_rawgeti(L, st, i);
    if (strcmp(lua_tostring(L, -1), name) == 0) from = i;
    lua_pop(L, 1);
  }
  lua_pushliteral(L, "");
  for (lua_Integer i = from; i <= n; i++) {
    lua_rawgeti(L, st, i);
    lua_pushliteral(L, " -> ");
    lua_concat(L, 3);
  }
  lua_pushstring(L, name);
  lua_concat(L, 2);
  luaL_error(L, "require: module '%s' is required again while it is still loading (cycle: %s)",
             name, lua_tostring(L, -1));
}

/* Records file and path for every table reachable from the table at idx
   that has no origin yet, so that errors in `models.list[3].x` name the
   module file and the path inside it, even when a scenario hands on a
   subtable. Runs inside the protected require call. */
static void register_tree(lua_State *L, int idx, int file_idx, char *path, size_t len, int depth) {
  idx = lua_absindex(L, idx);
  luaL_checkstack(L, 8, "register_tree");
  lua_rawgetp(L, LUA_REGISTRYINDEX, &k_origin);
  lua_pushvalue(L, idx);
  lua_rawget(L, -2);
  int known = !lua_isnil(L, -1);
  lua_pop(L, 1);
  if (known && depth > 0) {
    lua_pop(L, 1);
    return;
  }
  lua_pushvalue(L, idx);
  lua_pushvalue(L, file_idx);
  lua_rawset(L, -3);
  lua_pop(L, 1);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &k_opath);
  lua_pushvalue(L, idx);
  lua_pushlstring(L, path, len);
  lua_rawset(L, -3);
  lua_pop(L, 1);
  if (depth >= 16) return;
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    if (lua_istable(L, -1) && len < 200) {
      char sub[256];
      size_t n = 0;
      if (lua_type(L, -2) == LUA_TSTRING)
        n = (size_t) snprintf(sub, sizeof sub, "%.*s%s%s", (int) len, path, len ? "." : "",
                              lua_tostring(L, -2));
      else if (lua_isinteger(L, -2))
        n = (size_t) snprintf(sub, sizeof sub, "%.*s[%lld]", (int) len, path,
                              (long long) lua_tointeger(L, -2));
      if (n > 0 && n < sizeof sub) register_tree(L, -1, file_idx, sub, n, depth + 1);
    }
    lua_pop(L, 1);
  }
}

static int sb_require(lua_State *L) {
  fs_lua *S = sb_self(L);
  const char *name = luaL_checkstring(L, 1);
  lua_settop(L, 1);
  if (!valid_module_name(name))
    return luaL_error(L,
                      "require: module name '%s' is not allowed (only names inside models/ or "
                      "the scenario's folder)",
                      name);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &k_loaded); /* 2 */
  lua_pushvalue(L, 1);
  lua_rawget(L, 2);
  if (lua_touserdata(L, -1) == &k_loading) raise_cycle(L, name);
  if (!lua_isnil(L, -1)) return 1;
  lua_pop(L, 1);

  find_module(L, S, name); /* 3: path */
  const char *path = lua_tostring(L, 3);
  if (file_is_bytecode(path)) return luaL_error(L, "%s: bytecode chunks are not allowed", path);
  if (luaL_loadfilex(L, path, "t") != LUA_OK) return lua_error(L); /* 4: chunk */

  lua_pushvalue(L, 1);
  lua_pushlightuserdata(L, (void *) &k_loading);
  lua_rawset(L, 2);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &k_stack); /* 5 */
  lua_pushvalue(L, 1);
  lua_rawseti(L, 5, luaL_len(L, 5) + 1);

  /* Run under our own pcall so the loading mark is cleared on error (a
     script may pcall(require, ...) and try again); the handler attaches the
     traceback here, where the module's frames are still on the stack. */
  lua_pushcfunction(L, sb_msgh); /* 6 */
  lua_pushvalue(L, 4);
  lua_pushvalue(L, 1);
  lua_pushvalue(L, 3);
  int st = lua_pcall(L, 2, 1, 6); /* 7: result or error */

  lua_pushnil(L);
  lua_rawseti(L, 5, luaL_len(L, 5));
  if (st != LUA_OK) {
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    lua_rawset(L, 2);
    return lua_error(L);
  }
  if (lua_isnil(L, 7)) {
    lua_pushboolean(L, 1);
    lua_replace(L, 7);
  }
  if (lua_istable(L, 7)) {
    char root[1] = "";
    register_tree(L, 7, 3, root, 0, 0);
  }
  lua_pushvalue(L, 1);
  lua_pushvalue(L, 7);
  lua_rawset(L, 2);
  return 1;
}

/* --- setup --------------------------------------------------------------- */

static void wrap_global(lua_State *L, const char *name, lua_CFunction fn) {
  lua_getglobal(L, name);
  lua_pushcclosure(L, fn, 1);
  lua_setglobal(L, name);
}

/* Runs protected: every step allocates and may raise a memory error. */
static int sb_setup(lua_State *L) {
  const uint64_t *seed = lua_touserdata(L, 1);
  static const luaL_Reg libs[] = {{LUA_GNAME, luaopen_base},        {LUA_TABLIBNAME, luaopen_table},
                                  {LUA_STRLIBNAME, luaopen_string}, {LUA_MATHLIBNAME, luaopen_math},
                                  {LUA_UTF8LIBNAME, luaopen_utf8},  {NULL, NULL}};
  for (const luaL_Reg *l = libs; l->name; l++) {
    luaL_requiref(L, l->name, l->func, 1);
    lua_pop(L, 1);
  }
  /* luaL_requiref registers each library in LOADED; the scripts never see
     that table (no package library), so it can stay. */
  lua_pushnil(L);
  lua_setglobal(L, "dofile");
  lua_pushnil(L);
  lua_setglobal(L, "loadfile");
  wrap_global(L, "load", sb_load);
  wrap_global(L, "setmetatable", sb_setmetatable);
  wrap_global(L, "collectgarbage", sb_collectgarbage);
  lua_pushcfunction(L, sb_print);
  lua_setglobal(L, "print");
  lua_pushcfunction(L, sb_require);
  lua_setglobal(L, "require");

  lua_getglobal(L, LUA_STRLIBNAME);
  lua_pushnil(L);
  lua_setfield(L, -2, "dump");
  lua_pop(L, 1);

  lua_getglobal(L, LUA_MATHLIBNAME);
  lua_getfield(L, -1, "randomseed");
  lua_pushvalue(L, -1);
  lua_pushinteger(L, (lua_Integer) *seed);
  lua_call(L, 1, 0);
  lua_pushcclosure(L, sb_randomseed, 1);
  lua_setfield(L, -2, "randomseed");
  lua_pop(L, 1);

  lua_newtable(L);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &k_loaded);
  lua_newtable(L);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &k_stack);
  for (int i = 0; i < 2; i++) {
    lua_newtable(L);
    lua_newtable(L);
    lua_pushliteral(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_rawsetp(L, LUA_REGISTRYINDEX, i ? &k_opath : &k_origin);
  }
  return 0;
}

static char *dup_or_null(const char *s) {
  if (!s) return NULL;
  size_t n = strlen(s) + 1;
  char *d = fs_malloc(n);
  if (d) memcpy(d, s, n);
  return d;
}

static void apply_limits(fs_lua *S, const fs_lua_limits *lim) {
  S->mem_limit = lim && lim->mem_bytes ? lim->mem_bytes : FS_LUA_DEFAULT_MEM;
  S->steps_limit = lim && lim->steps ? lim->steps : FS_LUA_DEFAULT_STEPS;
}

static int report(fs_lua *S, int st, const char *where, fs_err *err);
static void fmt_mem(size_t bytes, char *out, size_t cap);

fs_lua *fs_lua_new(const fs_lua_limits *lim, const char *models_dir, uint64_t seed, fs_err *err) {
  fs_lua *S = fs_calloc(1, sizeof *S);
  if (!S) {
    fs_err_set(err, FS_ENOMEM, "out of memory creating the Lua state");
    return NULL;
  }
  apply_limits(S, lim);
  S->models_dir = dup_or_null(models_dir);
  if (models_dir && !S->models_dir) goto oom;
  S->L = lua_newstate(sb_alloc, S);
  if (!S->L && S->mem_hit) {
    char limit[64];
    fmt_mem(S->mem_limit, limit, sizeof limit);
    fs_err_set(err, FS_ELIMIT, "creating the Lua state: memory limit of %s exceeded (--lua-mem)",
               limit);
    fs_lua_free(S);
    return NULL;
  }
  if (!S->L) goto oom;
  sb_arm_hook(S);
  lua_pushcfunction(S->L, sb_setup);
  lua_pushlightuserdata(S->L, &seed);
  int st = lua_pcall(S->L, 1, 0, 0);
  if (st != LUA_OK) {
    report(S, st, "creating the Lua state", err);
    fs_lua_free(S);
    return NULL;
  }
  return S;
oom:
  fs_err_set(err, FS_ENOMEM, "out of memory creating the Lua state");
  fs_lua_free(S);
  return NULL;
}

void fs_lua_free(fs_lua *S) {
  if (!S) return;
  if (S->L) lua_close(S->L);
  free(S->models_dir);
  free(S->scen_dir);
  free(S);
}

lua_State *fs_lua_state(fs_lua *S) {
  return S->L;
}

int fs_lua_set_scenario_dir(fs_lua *S, const char *dir) {
  char *d = dup_or_null(dir);
  if (dir && !d) return FS_ENOMEM;
  free(S->scen_dir);
  S->scen_dir = d;
  return 0;
}

void fs_lua_reset_steps(fs_lua *S) {
  S->steps_used = 0;
  S->steps_hit = 0;
  sb_arm_hook(S);
}

void fs_lua_set_limits(fs_lua *S, const fs_lua_limits *lim) {
  apply_limits(S, lim);
  if (!S->steps_hit) sb_arm_hook(S);
}

size_t fs_lua_mem_used(const fs_lua *S) {
  return S->mem_used;
}
uint64_t fs_lua_steps_used(const fs_lua *S) {
  return S->steps_used;
}

/* The string the registry table at key holds for the table at idx. */
static const char *origin_of(fs_lua *S, int idx, const void *key) {
  lua_State *L = S->L;
  if (lua_type(L, idx) != LUA_TTABLE || !lua_checkstack(L, 2)) return NULL;
  idx = lua_absindex(L, idx);
  lua_rawgetp(L, LUA_REGISTRYINDEX, key);
  lua_pushvalue(L, idx);
  lua_rawget(L, -2);
  /* The origin table holds the string as long as the key table lives. */
  const char *s = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
  lua_pop(L, 2);
  return s;
}

const char *fs_lua_table_origin(fs_lua *S, int idx) {
  return origin_of(S, idx, &k_origin);
}

const char *fs_lua_table_origin_path(fs_lua *S, int idx) {
  return origin_of(S, idx, &k_opath);
}

/* --- running ------------------------------------------------------------- */

/* The memory cap as the user would have written it. */
static void fmt_mem(size_t bytes, char *out, size_t cap) {
  if (bytes % MIB == 0)
    snprintf(out, cap, "%zu MiB", bytes / MIB);
  else if (bytes % 1024 == 0)
    snprintf(out, cap, "%zu KiB", bytes / 1024);
  else
    snprintf(out, cap, "%zu bytes", bytes);
}

/* Turns a failed call's error object (on top) into err and pops it. */
static int report(fs_lua *S, int st, const char *where, fs_err *err) {
  lua_State *L = S->L;
  const char *msg = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
  if (!msg) msg = "(error object is not a string)";
  int rc;
  const char *oom = strstr(msg, "not enough memory");
  if (S->mem_hit && (st == LUA_ERRMEM || st == LUA_ERRERR || oom)) {
    char lim[64];
    fmt_mem(S->mem_limit, lim, sizeof lim);
    if (oom && oom != msg) /* keep the position and the traceback around it */
      rc = fs_err_set(err, FS_ELIMIT, "%.*smemory limit of %s exceeded (--lua-mem)%s",
                      (int) (oom - msg), msg, lim, oom + strlen("not enough memory"));
    else
      rc = fs_err_set(err, FS_ELIMIT, "%s: memory limit of %s exceeded (--lua-mem)%s", where, lim,
                      oom ? oom + strlen("not enough memory") : "");
  } else if (S->steps_hit) {
    rc = fs_err_set(err, FS_ELIMIT, "%s", msg);
  } else if (st == LUA_ERRFILE) {
    rc = fs_err_set(err, FS_EIO, "%s", msg);
  } else {
    rc = fs_err_set(err, FS_ESCRIPT, "%s", msg);
  }
  lua_pop(L, 1);
  return rc;
}

/* Protected body of fs_lua_dofile/fs_lua_dostring: arguments are light
   userdata (pushing them cannot fail). Returns (value, 0) or (error, status)
   so that load errors get no traceback and run-time errors do. */
static int sb_run_p(lua_State *L) {
  const char *path = lua_touserdata(L, 1);
  const char *chunk = lua_touserdata(L, 2);
  const char *name = lua_touserdata(L, 3);
  lua_settop(L, 0);
  int st =
      chunk ? luaL_loadbufferx(L, chunk, strlen(chunk), name, "t") : luaL_loadfilex(L, path, "t");
  if (st == LUA_OK) {
    lua_pushcfunction(L, sb_msgh);
    lua_insert(L, 1);
    st = lua_pcall(L, 0, 1, 1);
    lua_remove(L, 1);
    if (st == LUA_OK && path && lua_istable(L, 1)) {
      lua_rawgetp(L, LUA_REGISTRYINDEX, &k_origin);
      lua_pushvalue(L, 1);
      lua_pushstring(L, path);
      lua_rawset(L, -3);
      lua_pop(L, 1);
    }
  }
  lua_pushinteger(L, st);
  return 2;
}

static int run_chunk(fs_lua *S, const char *path, const char *chunk, const char *name,
                     const char *where, fs_err *err) {
  lua_State *L = S->L;
  if (!lua_checkstack(L, 4)) return fs_err_set(err, FS_ENOMEM, "%s: out of Lua stack space", where);
  S->mem_hit = 0;
  lua_pushcfunction(L, sb_run_p);
  lua_pushlightuserdata(L, (void *) path);
  lua_pushlightuserdata(L, (void *) chunk);
  lua_pushlightuserdata(L, (void *) name);
  int st = lua_pcall(L, 3, 2, 0);
  if (st != LUA_OK) return report(S, st, where, err);
  st = (int) lua_tointeger(L, -1);
  lua_pop(L, 1);
  if (st != LUA_OK) return report(S, st, where, err);
  return 0;
}

int fs_lua_dofile(fs_lua *S, const char *path, fs_err *err) {
  if (!S->scen_dir) {
    const char *slash = strrchr(path, '/');
    char *d = slash ? fs_strndup(path, (size_t) (slash - path + (slash == path))) : fs_strdup(".");
    if (!d) return fs_err_set(err, FS_ENOMEM, "out of memory");
    S->scen_dir = d;
  }
  if (file_is_bytecode(path))
    return fs_err_set(err, FS_ESCRIPT, "%s: bytecode chunks are not allowed", path);
  return run_chunk(S, path, NULL, NULL, path, err);
}

int fs_lua_dostring(fs_lua *S, const char *chunk, const char *chunkname, fs_err *err) {
  const char *name = chunkname ? chunkname : "=(string)";
  if (chunk[0] == LUA_SIGNATURE[0])
    return fs_err_set(err, FS_ESCRIPT, "%s: bytecode chunks are not allowed", name + 1);
  return run_chunk(S, NULL, chunk, name, name + (name[0] == '=' || name[0] == '@'), err);
}

int fs_lua_pcall(fs_lua *S, int nargs, int nresults, fs_err *err) {
  lua_State *L = S->L;
  int base = lua_gettop(L) - nargs;
  if (!lua_checkstack(L, 2)) {
    lua_pop(L, nargs + 1);
    return fs_err_set(err, FS_ENOMEM, "out of Lua stack space");
  }
  S->mem_hit = 0;
  lua_pushcfunction(L, sb_msgh);
  lua_insert(L, base);
  int st = lua_pcall(L, nargs, nresults, base);
  lua_remove(L, base);
  if (st != LUA_OK) return report(S, st, "lua", err);
  return 0;
}
