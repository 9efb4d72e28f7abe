/* test_sandbox.c: the Lua sandbox refuses every escape and enforces its limits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lualib.h>

#include "scenario/sandbox.h"
#include "tap.h"

#define FIX    FS_TEST_FIXTURES
#define MODELS FIX "/models"

static fs_lua *mk(size_t mem, uint64_t steps, uint64_t seed) {
  fs_lua_limits lim = {mem, steps};
  fs_err err = {0};
  fs_lua *L = fs_lua_new(&lim, MODELS, seed, &err);
  if (!L) tap_diag("fs_lua_new: %s", err.msg);
  return L;
}

/* Runs chunk in L; on success pops the result. */
static int run(fs_lua *L, const char *chunk, fs_err *err) {
  fs_err_clear(err);
  int rc = fs_lua_dostring(L, chunk, "=t", err);
  if (rc == 0) lua_pop(fs_lua_state(L), 1);
  return rc;
}

/* A fresh default sandbox refuses chunk with a message containing needle. */
static void refused_in(fs_lua *L, const char *chunk, int code, const char *needle,
                       const char *what) {
  fs_err err;
  int rc = run(L, chunk, &err);
  int ok = rc == code && strstr(err.msg, needle) != NULL;
  tap_ok(ok, "%s", what);
  if (!ok) tap_diag("rc %d, message: %s", rc, err.msg);
}

static void refused(const char *chunk, const char *needle, const char *what) {
  fs_lua *L = mk(0, 0, 1);
  refused_in(L, chunk, FS_ESCRIPT, needle, what);
  fs_lua_free(L);
}

/* Evaluates chunk and returns its string result (static buffer), or the error. */
static const char *eval(fs_lua *L, const char *chunk) {
  static char out[FS_ERR_MAX + 16];
  fs_err err = {0};
  if (fs_lua_dostring(L, chunk, "=t", &err)) {
    snprintf(out, sizeof out, "ERROR: %s", err.msg);
    return out;
  }
  lua_State *S = fs_lua_state(L);
  const char *s = lua_tostring(S, -1);
  snprintf(out, sizeof out, "%s", s ? s : "(not a string)");
  lua_pop(S, 1);
  return out;
}

static void expect_eval(fs_lua *L, const char *chunk, const char *want, const char *what) {
  const char *got = eval(L, chunk);
  tap_ok(strcmp(got, want) == 0, "%s", what);
  if (strcmp(got, want) != 0) tap_diag("got '%s', want '%s'", got, want);
}

typedef struct buf {
  char *p;
  size_t n;
} buf;

static int dump_writer(lua_State *L, const void *p, size_t sz, void *ud) {
  buf *b = ud;
  char *q = realloc(b->p, b->n + sz);
  if (!q) return 1;
  memcpy(q + b->n, p, sz);
  b->p = q, b->n += sz;
  return 0;
}

/* Real bytecode from an unsandboxed state, as an attacker would craft it. */
static buf make_bytecode(void) {
  buf b = {0};
  lua_State *U = luaL_newstate();
  if (luaL_loadstring(U, "return 'from bytecode'") == LUA_OK) lua_dump(U, dump_writer, &b, 0);
  lua_close(U);
  return b;
}

static int write_file(const char *path, const void *p, size_t n) {
  FILE *f = fopen(path, "wb");
  if (!f) return -1;
  size_t w = fwrite(p, 1, n, f);
  return fclose(f) == 0 && w == n ? 0 : -1;
}

static void test_escapes(void) {
  refused("os.execute('true')", "global 'os'", "os.execute is not reachable");
  refused("return io.open('/etc/passwd')", "global 'io'", "io.open is not reachable");
  refused("return debug.getinfo(1)", "global 'debug'", "debug.getinfo is not reachable");
  refused("return package.loadlib('libc.so.6', 'system')", "global 'package'",
          "package.loadlib is not reachable");
  refused("return dofile('/etc/passwd')", "global 'dofile'", "dofile is removed");
  refused("return loadfile('/etc/passwd')", "global 'loadfile'", "loadfile is removed");
  refused("return string.dump(function() end)", "field 'dump'", "string.dump is removed");
  refused("return ('').dump(print)", "field 'dump'",
          "string.dump is removed from the metatable too");
  refused("return require('../x')",
          "t:1: require: module name '../x' is not allowed (only names inside models/ or the "
          "scenario's folder)",
          "require('../x') is refused");
  refused("return require('/etc/passwd')", "module name '/etc/passwd' is not allowed",
          "require of an absolute path is refused");
  refused("return require('a/b')", "module name 'a/b' is not allowed", "require('a/b') is refused");
  refused("return require('a..b')", "is not allowed", "require('a..b') is refused");
  refused("return require('.good')", "is not allowed", "require('.good') is refused");
  refused("return require('good.')", "is not allowed", "require('good.') is refused");
  refused("return require('')", "is not allowed", "require('') is refused");
  refused("return require('no_such_module')",
          "require: module 'no_such_module' not found (looked for", "a missing module is named");
  refused("setmetatable({}, {__gc = function() while true do end end})",
          "__gc metamethods are not allowed", "__gc finalizers are refused");
  refused("collectgarbage('stop')", "option 'stop' is not allowed",
          "collectgarbage cannot stop the collector");
  refused("math.randomseed()", "math.randomseed: give a seed",
          "math.randomseed() without a seed is refused");
  refused("local function f(n) return 1 + f(n + 1) end return f(1)", "stack overflow",
          "deep recursion stops with a stack overflow");

  fs_lua *L = mk(0, 0, 1);
  expect_eval(L, "return type(collectgarbage('count'))", "number", "collectgarbage('count') works");
  expect_eval(L, "return load('return 1 + 1')() == 2 and 'ok'", "ok", "load of source text works");
  expect_eval(L, "return load('return x', 'c', 't', {x = 'env'})()", "env",
              "load honours an explicit env");
  expect_eval(L, "y = 'global'; return load('return y')()", "global",
              "loaded chunks see the sandbox's globals");
  expect_eval(L, "return tostring(rawget(_G, 'os')) .. tostring(rawget(_G, 'io'))", "nilnil",
              "no os or io table exists");
  expect_eval(L, "return tostring(utf8 and table and string and math and true)", "true",
              "base, table, string, math, utf8 are open");
  expect_eval(L, "return tostring(rawget(_G, 'coroutine'))", "nil", "coroutine is not opened");

  buf bc = make_bytecode();
  tap_ok(bc.n > 4 && memcmp(bc.p, LUA_SIGNATURE, 4) == 0, "lua_dump produced a bytecode chunk");
  lua_State *S = fs_lua_state(L);
  lua_pushlstring(S, bc.p, bc.n);
  lua_setglobal(S, "BC");
  expect_eval(L, "local f, e = load(BC) return tostring(f) .. ': ' .. e",
              "nil: load: binary (precompiled) chunks are not allowed; pass Lua source text",
              "load of a bytecode string is refused");
  expect_eval(L, "local f, e = load(BC, 'x', 'b') return tostring(f)", "nil",
              "load cannot be talked into mode 'b'");
  expect_eval(L,
              "local done; local f, e = load(function() if done then return nil end done = true "
              "return BC end) return tostring(f) .. ': ' .. e",
              "nil: attempt to load a binary chunk (mode is 't')",
              "load of bytecode through a reader function is refused");
  fs_err err;
  char chunk[64];
  memcpy(chunk, "\x1bLua", 5);
  tap_ok(run(L, chunk, &err) == FS_ESCRIPT && strstr(err.msg, "bytecode chunks are not allowed"),
         "fs_lua_dostring refuses a bytecode string");

  char dir[] = "/tmp/fs_sandbox_XXXXXX";
  if (mkdtemp(dir)) {
    char path[256], mod[256];
    snprintf(path, sizeof path, "%s/compiled.lua", dir);
    snprintf(mod, sizeof mod, "%s/bcmod.lua", dir);
    write_file(path, bc.p, bc.n);
    write_file(mod, bc.p, bc.n);
    int rc = fs_lua_dofile(L, path, &err);
    char want[300];
    snprintf(want, sizeof want, "%s: bytecode chunks are not allowed", path);
    tap_ok(rc == FS_ESCRIPT && strcmp(err.msg, want) == 0, "a bytecode file is refused");
    if (strcmp(err.msg, want) != 0) tap_diag("%s", err.msg);
    fs_lua_set_scenario_dir(L, dir);
    snprintf(want, sizeof want, "%s: bytecode chunks are not allowed", mod);
    refused_in(L, "return require('bcmod')", FS_ESCRIPT, want, "a bytecode module is refused");
    unlink(path);
    unlink(mod);
    rmdir(dir);
  } else {
    tap_ok(0, "mkdtemp for the bytecode file");
  }
  free(bc.p);
  fs_lua_free(L);
}

static void test_limits(void) {
  fs_lua *L = mk(0, 100000, 1);
  refused_in(L, "local i = 0\nwhile true do i = i + 1 end", FS_ELIMIT,
             "t:2: instruction limit of 100000 exceeded (--lua-steps)",
             "an endless loop hits the step limit at its line");
  fs_err err;
  tap_ok(run(L, "return 1", &err) == FS_ELIMIT, "a spent step budget stays spent");
  fs_lua_reset_steps(L);
  tap_ok(run(L, "return 1", &err) == 0, "fs_lua_reset_steps gives a new budget");
  refused_in(L, "while true do pcall(function() while true do end end) end", FS_ELIMIT,
             "instruction limit of 100000 exceeded", "pcall cannot swallow the step limit");
  fs_lua_reset_steps(L);
  refused_in(L, "local t = {} for i = 1, 1e9 do t[#t + 1] = i end", FS_ELIMIT, "instruction limit",
             "a long loop stops");
  fs_lua_free(L);

  L = mk((size_t) 8 << 20, 0, 1);
  refused_in(L, "local s = 'x'\nwhile true do s = s .. s end", FS_ELIMIT,
             "memory limit of 8 MiB exceeded (--lua-mem)", "string doubling hits the memory limit");
  refused_in(L, "local t = {} for i = 1, 1e8 do t[i] = {i} end", FS_ELIMIT,
             "memory limit of 8 MiB exceeded (--lua-mem)", "table growth hits the memory limit");
  refused_in(L, "return string.rep('x', 1 << 26)", FS_ELIMIT, "memory limit of 8 MiB",
             "one huge string.rep hits the memory limit");
  expect_eval(L, "return tostring(pcall(string.rep, 'x', 1 << 26))", "false",
              "a caught memory error leaves the state usable");
  tap_ok(fs_lua_mem_used(L) > 0 && fs_lua_mem_used(L) < ((size_t) 8 << 20),
         "fs_lua_mem_used is within the limit (%zu bytes)", fs_lua_mem_used(L));
  fs_lua_free(L);

  /* A cap too small for the state or its libraries fails cleanly. */
  for (size_t kib = 1; kib <= 8; kib *= 8) {
    fs_lua_limits tiny = {kib << 10, 0};
    fs_err e2 = {0};
    fs_lua *T = fs_lua_new(&tiny, MODELS, 1, &e2);
    char want[64];
    snprintf(want, sizeof want, "memory limit of %zu KiB exceeded (--lua-mem)", kib);
    tap_ok(T == NULL && e2.code == FS_ELIMIT && strstr(e2.msg, want),
           "a %zu KiB cap fails at creation with the limit message", kib);
    if (T || !strstr(e2.msg, want)) tap_diag("%s", e2.msg);
    fs_lua_free(T);
  }
}

static void test_require(void) {
  fs_lua *L = mk(0, 0, 1);
  fs_lua_set_scenario_dir(L, FIX "/scen");
  lua_State *S = fs_lua_state(L);
  expect_eval(L, "return tostring(require('good').value)", "42", "require finds models_dir");
  expect_eval(L, "return tostring(rawequal(require('good'), require('good')) and LOADS)", "1",
              "require caches: one load, one table");
  expect_eval(L, "return require('sub.inner').name", "inner", "dots map to folders");
  expect_eval(L, "return tostring(require('models.good').value)", "42",
              "'models.x' names models_dir/x.lua");
  expect_eval(L, "return tostring(require('helper').helped)", "true",
              "require finds the scenario folder");
  expect_eval(L, "return require('shadow')", "scenario", "the scenario folder is searched first");
  refused_in(L, "return require('cycle_a')", FS_ESCRIPT,
             "is required again while it is still loading (cycle: cycle_a -> cycle_b -> cycle_a)",
             "a require cycle is reported");
  fs_err err;
  int rc = run(L, "return require('bad_runtime')", &err);
  tap_ok(rc == FS_ESCRIPT && strstr(err.msg, MODELS "/bad_runtime.lua:3:") &&
             strstr(err.msg, "stack traceback:") && strstr(err.msg, "in function 'require'"),
         "an error inside a module names its file and line, with a traceback");
  if (rc != FS_ESCRIPT) tap_diag("%s", err.msg);
  expect_eval(L, "local ok = pcall(require, 'bad_runtime') return tostring(ok)", "false",
              "a failed module can be required again (no stale cycle mark)");

  tap_ok(fs_lua_dostring(L, "return require('good')", "=t", &err) == 0, "module table returned");
  const char *o = fs_lua_table_origin(L, -1);
  tap_ok(o && strcmp(o, MODELS "/good.lua") == 0, "a module's table has its file as origin");
  lua_pop(S, 1);
  tap_ok(fs_lua_dostring(L, "return {}", "=t", &err) == 0 && fs_lua_table_origin(L, -1) == NULL,
         "other tables have no origin");
  lua_pop(S, 1);
  tap_ok(fs_lua_dofile(L, FIX "/returns_table.lua", &err) == 0 &&
             strcmp(fs_lua_table_origin(L, -1), FIX "/returns_table.lua") == 0,
         "the scenario's returned table has the scenario as origin");
  lua_pop(S, 1);
  fs_lua_free(L);

  /* Without a scenario folder, fs_lua_dofile takes the file's own. */
  L = mk(0, 0, 1);
  rc = fs_lua_dofile(L, FIX "/returns_table.lua", &err);
  expect_eval(L, "return require('scen.helper') and 'found'", "found",
              "fs_lua_dofile sets the scenario folder to the file's folder");
  lua_pop(fs_lua_state(L), rc == 0);
  fs_lua_free(L);
}

static void test_random(void) {
  const char *draw = "local t = {} for i = 1, 8 do t[i] = math.random(1, 1000000) end "
                     "return table.concat(t, ',')";
  char a[256], b[256], c[256];
  fs_lua *L = mk(0, 0, 7);
  snprintf(a, sizeof a, "%s", eval(L, draw));
  fs_lua_free(L);
  L = mk(0, 0, 7);
  snprintf(b, sizeof b, "%s", eval(L, draw));
  fs_lua_free(L);
  L = mk(0, 0, 8);
  snprintf(c, sizeof c, "%s", eval(L, draw));
  fs_lua_free(L);
  tap_ok(strcmp(a, b) == 0 && strncmp(a, "ERROR", 5) != 0, "same seed, same math.random draws");
  tap_ok(strcmp(a, c) != 0, "another seed, other draws");
  L = mk(0, 0, 7);
  expect_eval(L,
              "math.randomseed(3) local x = math.random() math.randomseed(3) "
              "return tostring(x == math.random())",
              "true", "math.randomseed(n) with a seed still works");
  fs_lua_free(L);
}

static void test_errors(void) {
  fs_lua *L = mk(0, 0, 1);
  fs_err err;
  int rc = fs_lua_dofile(L, FIX "/syntax_error.lua", &err);
  tap_ok(rc == FS_ESCRIPT && strncmp(err.msg, FIX "/syntax_error.lua:3: ", strlen(FIX) + 20) == 0,
         "a syntax error gives file:line");
  if (rc != FS_ESCRIPT) tap_diag("%s", err.msg);
  rc = fs_lua_dofile(L, FIX "/runtime_error.lua", &err);
  tap_ok(rc == FS_ESCRIPT && strncmp(err.msg, FIX "/runtime_error.lua:4: ", strlen(FIX) + 21) == 0,
         "a run-time error gives file:line");
  tap_ok(strstr(err.msg, "\nstack traceback:\n") && strstr(err.msg, "runtime_error.lua:6:"),
         "and a traceback through the caller's line");
  if (!strstr(err.msg, "runtime_error.lua:6:")) tap_diag("%s", err.msg);
  rc = fs_lua_dofile(L, FIX "/no_such_file.lua", &err);
  tap_ok(rc == FS_EIO && strstr(err.msg, "cannot open"), "a missing file is FS_EIO");
  tap_ok(lua_gettop(fs_lua_state(L)) == 0, "failures leave the stack as it was");

  /* fs_lua_pcall: call a script function from C, as run-time hooks will. */
  lua_State *S = fs_lua_state(L);
  rc = fs_lua_dostring(L,
                       "return function(a, b) if b == 0 then error('b is zero') end "
                       "return a / b end",
                       "=hook", &err);
  lua_pushvalue(S, -1);
  lua_pushinteger(S, 6);
  lua_pushinteger(S, 3);
  rc = fs_lua_pcall(L, 2, 1, &err);
  tap_ok(rc == 0 && lua_tonumber(S, -1) == 2.0, "fs_lua_pcall returns results");
  lua_pop(S, 1);
  lua_pushinteger(S, 1);
  lua_pushinteger(S, 0);
  rc = fs_lua_pcall(L, 2, 1, &err);
  tap_ok(rc == FS_ESCRIPT && strncmp(err.msg, "hook:1: b is zero\nstack traceback:", 33) == 0,
         "fs_lua_pcall reports errors with position and traceback");
  tap_ok(lua_gettop(S) == 0, "fs_lua_pcall pops the function and arguments");
  fs_lua_free(L);
}

int main(void) {
  test_escapes();
  test_limits();
  test_require();
  test_random();
  test_errors();
  return tap_done();
}
