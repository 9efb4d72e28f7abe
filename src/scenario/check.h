/* check.h: typed reading of Lua tables with field paths and file:line messages. */
#ifndef FS_CHECK_H
#define FS_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "scenario/sandbox.h"
#include "scenario/srcmap.h"
#include "util/err.h"

/* A check context walks a scenario's tables. Every failure sets err->msg to
   "FILE:LINE: PATH: what is wrong (got X)" and returns FS_EINVAL, where FILE
   is the file that wrote the table being read (the scenario, or the module
   a `require` returned it from) and PATH is relative to that file's
   returned table. LINE comes from a source map of FILE (srcmap.h).

   Reading is raw (no __index metamethods run), so no Lua error can unwind
   through these functions. `idx` may be relative; `key` NULL means the
   value at idx itself (for example an array element the caller pushed).

   Value functions return 0 when the field is absent and not required,
   after storing the default in *out (fs_check_time leaves *out alone). */

#define FS_CHECK_PATH_MAX  1024
#define FS_CHECK_DEPTH_MAX 64
#define FS_CHECK_MAPS_MAX  8

typedef struct fs_check_level {
  const char *file; /* file before entering this level */
  size_t base;      /* start of that file's path in buf */
  size_t len;       /* end of the path before entering */
} fs_check_level;

typedef struct fs_check {
  fs_lua *lua;
  lua_State *L; /* fs_lua_state(lua) */
  fs_err *err;
  const char *file; /* current file; strings from fs_lua_table_origin or root_file */
  size_t base;      /* the current path is buf + base ... buf + len */
  size_t len;
  char buf[FS_CHECK_PATH_MAX];
  fs_check_level stack[FS_CHECK_DEPTH_MAX];
  int depth;
  int overflow; /* levels entered beyond FS_CHECK_DEPTH_MAX or the path buffer */
  struct {
    char *file;
    fs_srcmap *map;
  } maps[FS_CHECK_MAPS_MAX]; /* source maps, loaded on first error in each file */
  int nmaps;
} fs_check;

/* root_file names the file of the table the walk starts at; the string must
   outlive the context. */
void fs_check_init(fs_check *c, fs_lua *L, const char *root_file, fs_err *err);
void fs_check_done(fs_check *c); /* frees the cached source maps */

/* Pushes t[key] (t at idx) if it is a table and appends ".key" to the path;
   returns 1. Returns 0 (nothing pushed) if absent and not required, or
   FS_EINVAL ("missing required field", "expected a table (got number 3)").
   If the table was returned by a module file other than the current one,
   the current file switches to it and the path restarts at its root. */
int fs_check_enter(fs_check *c, int idx, const char *key, int required);
/* Same for t[i] (path "[i]"); absent elements are errors. */
int fs_check_enter_index(fs_check *c, int idx, int64_t i);
/* Pops the table pushed by the matching enter and restores path and file. */
void fs_check_leave(fs_check *c);

int fs_check_number(fs_check *c, int idx, const char *key, int required, double min, double max,
                    double dflt, double *out);
int fs_check_integer(fs_check *c, int idx, const char *key, int required, int64_t min, int64_t max,
                     int64_t dflt, int64_t *out);
int fs_check_bool(fs_check *c, int idx, const char *key, int required, int dflt, int *out);
/* Copies the string into out (cap bytes with the NUL); dflt may be NULL (""). */
int fs_check_string(fs_check *c, int idx, const char *key, int required, const char *dflt,
                    char *out, size_t cap);
/* A string that is a name fleetsim writes into files and paths (util/ident.h):
   as fs_check_string, then the grammar checked ("" stays allowed when not
   required). */
int fs_check_id(fs_check *c, int idx, const char *key, int required, const char *dflt, char *out,
                size_t cap);
/* choices is NULL-terminated; *out gets the index of the match (or dflt). */
int fs_check_choice(fs_check *c, int idx, const char *key, int required, const char *const *choices,
                    int dflt, int *out);
/* "YYYY-MM-DDTHH:MM[:SS]Z" (UTC) into seconds since 1970-01-01T00:00Z. */
int fs_check_time(fs_check *c, int idx, const char *key, int required, double *unix_seconds);

/* Whether the table at idx has key (read raw, like every check; nothing
   is pushed and no error raised): for fields whose presence alone
   matters. */
int fs_check_has(fs_check *c, int idx, const char *key);

/* Every key of the table at idx must be a string in `allowed` (NULL-
   terminated). Reports the first offender in byte order, with a suggestion
   when one allowed name is close. */
int fs_check_keys(fs_check *c, int idx, const char *const *allowed);

/* The current path relative to the current file ("" at its root). */
const char *fs_check_path(const fs_check *c);
const char *fs_check_file(const fs_check *c);

/* The line of the current path (plus ".key" when key is not NULL) in the
   current file, 0 when unknown: for checks made after the walk. */
int fs_check_line(fs_check *c, const char *key);

/* Raises a custom error at the current path (plus ".key" when key is not
   NULL) in the same format; returns FS_EINVAL. */
int fs_check_fail(fs_check *c, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A NULL-terminated list of the fields a table may have, for
   fs_check_keys: static const char *const keys[] = FS_CHECK_KEYS("id", "name"); */
#define FS_CHECK_KEYS(...)                                                                         \
  { __VA_ARGS__, NULL }

/* Runs the data file at path (a Lua file returning a table: an observation
   file, a variant file) in a fresh sandbox with models_dir and lim, then
   read(c, ud) with the returned table on top of a check context whose
   file is `name` (a string that outlives the call; the caller's copy of
   path). Returns read's result, or the sandbox's error. */
typedef int (*fs_check_reader)(fs_check *c, void *ud);
int fs_check_data_file(const char *path, const char *name, const char *models_dir,
                       const fs_lua_limits *lim, fs_check_reader read, void *ud, fs_err *err);

/* Parses an ISO 8601 UTC time as fs_check_time does, without a context:
   returns 0 and *out, or FS_EINVAL with a reason (no "got" part) in why. */
int fs_check_parse_time(const char *s, double *out, char *why, size_t cap);

#endif
