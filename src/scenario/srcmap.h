/* srcmap.h: source lines of table-constructor fields in a Lua file, for error messages. */
#ifndef FS_SRCMAP_H
#define FS_SRCMAP_H

#include "util/err.h"

/* Lua tables forget where a field was written; error messages still want
   "file:line: fleet.regions[2].weight: ...". A source map is built by
   tokenizing the file (not running it) and following table constructors:
   every `name = v`, `["name"] = v`, `[3] = v` and positional element is
   recorded with its dotted path and line. Roots: `return {` is the root ""
   at chunk level; `local x = {`, `x = {` and `x.y = {` outside any
   constructor start the roots "x" and "x.y"; a field whose value is just
   the name of such a root (`regions = regions`) or a chunk-level
   `return x` is remembered as an alias, so paths through locals resolve.
   It is a heuristic: unusual code yields fewer entries, never a crash. */
typedef struct fs_srcmap fs_srcmap;

/* Builds the map of `path`. Returns NULL with err set (FS_EIO, FS_ENOMEM)
   if the file cannot be read. Owned by the caller. */
fs_srcmap *fs_srcmap_load(const char *path, fs_err *err);

/* Same from a string held in memory (not retained). */
fs_srcmap *fs_srcmap_from_string(const char *src, size_t len, fs_err *err);

void fs_srcmap_free(fs_srcmap *m);

/* The line of the longest known prefix of `path` ("a.b[2].c"; "" is the
   returned table), following aliases; else the line of the chunk-level
   `return`; else 1. */
int fs_srcmap_line(const fs_srcmap *m, const char *path);

/* Like fs_srcmap_line, but first looks for the whole of `path`, or of a
   suffix of it that starts at a named root ("regions[2].weight" under
   `local regions = {...}`); falls back to fs_srcmap_line. */
int fs_srcmap_line_suffix(const fs_srcmap *m, const char *path);

/* Number of recorded entries (for tests and diagnostics). */
int fs_srcmap_count(const fs_srcmap *m);

#endif
