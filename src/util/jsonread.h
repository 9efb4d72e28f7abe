/* jsonread.h: a small JSON reader (RFC 8259) into a tree, for reading results folders back. */
#ifndef FS_JSONREAD_H
#define FS_JSONREAD_H

#include <stddef.h>

#include "util/err.h"

typedef enum fs_jkind { FS_JNULL, FS_JBOOL, FS_JNUM, FS_JSTR, FS_JARR, FS_JOBJ } fs_jkind;

/* One value. Arrays and objects hold n children in items; an object's keys
   are keys[0..n) (in document order; a repeated key keeps every copy and
   lookups find the first). Strings are NUL-terminated UTF-8 (a \u0000
   escape is refused, so no string holds an inner NUL). */
typedef struct fs_jval {
  fs_jkind kind;
  int b;      /* FS_JBOOL */
  double num; /* FS_JNUM */
  char *str;  /* FS_JSTR; for FS_JNUM the number as written, so 64-bit integers survive */
  size_t n;
  struct fs_jval *items; /* FS_JARR, FS_JOBJ */
  char **keys;           /* FS_JOBJ */
} fs_jval;

/* Nesting deeper than this is refused (FS_ELIMIT), so a hostile file cannot
   exhaust the stack. */
#define FS_JREAD_MAX_DEPTH 64
/* A document whose tree would take more memory than this is refused
   (FS_ELIMIT): fleetsim's own files take a few MiB at most. */
#define FS_JREAD_MAX_MEMORY (256 << 20)

/* Parses text[0..len) (one value, surrounded by optional white space) into
   a tree owned by the caller (fs_jread_free). name labels messages, which
   give the line and column: "summary.json:3:14: expected ',' or '}'".
   Returns 0, FS_EINVAL, FS_ELIMIT or FS_ENOMEM; on error *out is NULL. */
int fs_jread_parse(fs_jval **out, const char *text, size_t len, const char *name, fs_err *err);

/* Reads and parses a file (at most 64 MiB, and FS_JREAD_MAX_MEMORY for its
   tree). FS_EIO when it cannot be read. */
int fs_jread_file(fs_jval **out, const char *path, fs_err *err);

/* Frees a tree from fs_jread_parse or fs_jread_file. NULL is fine. */
void fs_jread_free(fs_jval *v);

/* Lookups that tolerate missing pieces: each returns NULL (or dflt) when v
   is NULL or of the wrong kind, so chains need no checks in between. */
const fs_jval *fs_jread_get(const fs_jval *obj, const char *key);
/* A dotted path of object keys: "loss.portfolio.insured_usd.mean". */
const fs_jval *fs_jread_path(const fs_jval *obj, const char *path);
const fs_jval *fs_jread_at(const fs_jval *arr, size_t i);
double fs_jread_num(const fs_jval *v, double dflt);
const char *fs_jread_str(const fs_jval *v, const char *dflt);
/* The literal text of a number ("18446744073709551615"), or dflt. */
const char *fs_jread_numtext(const fs_jval *v, const char *dflt);

#endif
