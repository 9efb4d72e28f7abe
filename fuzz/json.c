/* json.c: fuzzes the JSON reader (util/jsonread.h) on the raw bytes (not
   NUL-terminated, so a read past the end is an AddressSanitizer report),
   then walks the tree through the lookup functions and checks what the
   header promises of it. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "util/jsonread.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void) argc;
  (void) argv;
  return 0;
}

static void walk(const fs_jval *v, int depth) {
  if (depth > FS_JREAD_MAX_DEPTH + 1) abort(); /* the depth limit holds */
  switch (v->kind) {
  case FS_JNULL:
  case FS_JBOOL:
    if (fs_jread_str(v, NULL) || fs_jread_numtext(v, NULL)) abort();
    break;
  case FS_JNUM:
    /* The text as written reads back to the value. */
    if (!v->str || fs_jread_numtext(v, NULL) != v->str || strtod(v->str, NULL) != v->num) abort();
    if (fs_jread_num(v, 0) != v->num) abort();
    break;
  case FS_JSTR:
    if (!v->str || fs_jread_str(v, NULL) != v->str) abort();
    break;
  case FS_JARR:
    for (size_t i = 0; i < v->n; i++) {
      if (fs_jread_at(v, i) != &v->items[i]) abort();
      walk(&v->items[i], depth + 1);
    }
    if (fs_jread_at(v, v->n) != NULL) abort();
    break;
  case FS_JOBJ:
    for (size_t i = 0; i < v->n; i++) {
      const char *k = v->keys[i];
      if (!k) abort();
      /* A repeated key: lookups find the first copy. */
      const fs_jval *got = fs_jread_get(v, k);
      if (!got || got > &v->items[i] || got < v->items) abort();
      if (strcmp(v->keys[got - v->items], k) != 0) abort();
      if (k[0] && !strchr(k, '.') && strlen(k) < 256 && fs_jread_path(v, k) != got) abort();
      walk(&v->items[i], depth + 1);
    }
    break;
  default:
    abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fs_jval *v = NULL;
  fs_err err = {0};
  int rc = fs_jread_parse(&v, (const char *) data, size, "fuzz.json", &err);
  if (rc == 0) {
    if (!v) abort();
    walk(v, 0);
    /* A dotted path through the first keys, as report.c looks figures up. */
    char path[512] = "";
    const fs_jval *o = v, *want = v;
    size_t len = 0;
    for (int d = 0; d < 8 && o && o->kind == FS_JOBJ && o->n; d++) {
      const char *k = o->keys[0];
      size_t kl = strlen(k);
      if (!kl || strchr(k, '.') || kl >= 256 || len + kl + 2 > sizeof path) break;
      if (fs_jread_get(o, k) != &o->items[0]) abort();
      if (len) path[len++] = '.';
      memcpy(path + len, k, kl + 1);
      len += kl;
      want = o = &o->items[0];
    }
    if (len && fs_jread_path(v, path) != want) abort();
  } else if (v || err.msg[0] == '\0') {
    abort(); /* on error *out is NULL and err says why */
  }
  fs_jread_free(v);
  return 0;
}
