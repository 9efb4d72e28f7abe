/* jsonread.c: a recursive-descent JSON parser with a depth limit and positioned messages. */
#include "util/jsonread.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/alloc.h"
#include "util/fsutil.h"

typedef struct parser {
  const char *s, *end, *p;
  const char *name;
  fs_err *err;
  size_t used; /* bytes the tree holds so far (FS_JREAD_MAX_MEMORY) */
} parser;

/* Counts n more bytes of the tree; FS_ELIMIT past the budget. A tree
   costs several times its text (about 40 x for a file of small numbers),
   so the budget, not the file size, bounds the memory a file can take. */
static int charge(parser *ps, size_t n) {
  ps->used += n + 16; /* and the allocator's own overhead */
  if (ps->used <= FS_JREAD_MAX_MEMORY) return 0;
  return fs_err_set(ps->err, FS_ELIMIT, "%s: reading it would take more than %d MiB of memory",
                    ps->name, FS_JREAD_MAX_MEMORY >> 20);
}

static int fail(parser *ps, int code, const char *what) {
  int line = 1, col = 1;
  for (const char *q = ps->s; q < ps->p; q++) {
    if (*q == '\n') {
      line++;
      col = 1;
    } else {
      col++;
    }
  }
  return fs_err_set(ps->err, code, "%s:%d:%d: %s", ps->name, line, col, what);
}

static void skip_ws(parser *ps) {
  while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
    ps->p++;
}

static void free_children(fs_jval *v) {
  if (v->kind == FS_JSTR || v->kind == FS_JNUM) free(v->str);
  if (v->kind == FS_JARR || v->kind == FS_JOBJ) {
    for (size_t i = 0; i < v->n; i++) {
      free_children(&v->items[i]);
      if (v->keys) free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
  }
}

static int hex4(parser *ps, unsigned *out) {
  if (ps->end - ps->p < 4) return fail(ps, FS_EINVAL, "truncated \\u escape");
  unsigned x = 0;
  for (int i = 0; i < 4; i++) {
    char c = *ps->p++;
    x <<= 4;
    if (c >= '0' && c <= '9')
      x |= (unsigned) (c - '0');
    else if (c >= 'a' && c <= 'f')
      x |= (unsigned) (c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      x |= (unsigned) (c - 'A' + 10);
    else
      return fail(ps, FS_EINVAL, "bad hex digit in \\u escape");
  }
  *out = x;
  return 0;
}

static size_t put_utf8(char *o, unsigned cp) {
  if (cp < 0x80) {
    o[0] = (char) cp;
    return 1;
  }
  if (cp < 0x800) {
    o[0] = (char) (0xC0 | (cp >> 6));
    o[1] = (char) (0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (char) (0xE0 | (cp >> 12));
    o[1] = (char) (0x80 | ((cp >> 6) & 0x3F));
    o[2] = (char) (0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (char) (0xF0 | (cp >> 18));
  o[1] = (char) (0x80 | ((cp >> 12) & 0x3F));
  o[2] = (char) (0x80 | ((cp >> 6) & 0x3F));
  o[3] = (char) (0x80 | (cp & 0x3F));
  return 4;
}

/* At the opening quote. The decoded string is never longer than the
   escaped one (\uXXXX is 6 bytes for at most 3; a surrogate pair is 12 for
   4), so one allocation of the raw length suffices. */
static int parse_string(parser *ps, char **out) {
  ps->p++;
  const char *q = ps->p;
  while (q < ps->end && *q != '"') q += (*q == '\\' && q + 1 < ps->end) ? 2 : 1;
  if (q >= ps->end) return fail(ps, FS_EINVAL, "unterminated string");
  int rc = charge(ps, (size_t) (q - ps->p) + 1);
  if (rc != 0) return rc;
  char *buf = fs_malloc((size_t) (q - ps->p) + 1);
  if (!buf) return fs_err_set(ps->err, FS_ENOMEM, "%s: out of memory", ps->name);
  size_t n = 0;
  while (*ps->p != '"') {
    unsigned char c = (unsigned char) *ps->p;
    if (c < 0x20) {
      free(buf);
      return fail(ps, FS_EINVAL, "control character in string");
    }
    if (c != '\\') {
      buf[n++] = (char) c;
      ps->p++;
      continue;
    }
    ps->p++;
    char e = *ps->p++;
    unsigned cp;
    switch (e) {
    case '"':
    case '\\':
    case '/':
      buf[n++] = e;
      break;
    case 'b':
      buf[n++] = '\b';
      break;
    case 'f':
      buf[n++] = '\f';
      break;
    case 'n':
      buf[n++] = '\n';
      break;
    case 'r':
      buf[n++] = '\r';
      break;
    case 't':
      buf[n++] = '\t';
      break;
    case 'u':
      if (hex4(ps, &cp) != 0) {
        free(buf);
        return ps->err ? ps->err->code : FS_EINVAL;
      }
      if (cp >= 0xD800 && cp < 0xDC00) {
        unsigned lo;
        if (ps->end - ps->p < 6 || ps->p[0] != '\\' || ps->p[1] != 'u') {
          free(buf);
          return fail(ps, FS_EINVAL, "unpaired surrogate in \\u escape");
        }
        ps->p += 2;
        if (hex4(ps, &lo) != 0 || lo < 0xDC00 || lo > 0xDFFF) {
          free(buf);
          return fail(ps, FS_EINVAL, "unpaired surrogate in \\u escape");
        }
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        free(buf);
        return fail(ps, FS_EINVAL, "unpaired surrogate in \\u escape");
      } else if (cp == 0) {
        free(buf);
        return fail(ps, FS_EINVAL, "\\u0000 in string");
      }
      n += put_utf8(buf + n, cp);
      break;
    default:
      free(buf);
      ps->p--;
      return fail(ps, FS_EINVAL, "bad escape in string");
    }
  }
  ps->p++;
  buf[n] = '\0';
  *out = buf;
  return 0;
}

/* JSON's number grammar is stricter than strtod's: check it, then convert. */
static int parse_number(parser *ps, double *out, char **text) {
  const char *q = ps->p;
  if (q < ps->end && *q == '-') q++;
  if (q >= ps->end || *q < '0' || *q > '9') return fail(ps, FS_EINVAL, "expected a value");
  if (*q == '0')
    q++;
  else
    while (q < ps->end && *q >= '0' && *q <= '9') q++;
  if (q < ps->end && *q == '.') {
    q++;
    if (q >= ps->end || *q < '0' || *q > '9')
      return fail(ps, FS_EINVAL, "digit expected after '.'");
    while (q < ps->end && *q >= '0' && *q <= '9') q++;
  }
  if (q < ps->end && (*q == 'e' || *q == 'E')) {
    q++;
    if (q < ps->end && (*q == '+' || *q == '-')) q++;
    if (q >= ps->end || *q < '0' || *q > '9')
      return fail(ps, FS_EINVAL, "digit expected in exponent");
    while (q < ps->end && *q >= '0' && *q <= '9') q++;
  }
  char tmp[64];
  size_t len = (size_t) (q - ps->p);
  if (len >= sizeof tmp) return fail(ps, FS_EINVAL, "number too long");
  memcpy(tmp, ps->p, len);
  tmp[len] = '\0';
  /* The grammar above is decimal; what is left to refuse is a value
     beyond a double (1e999), which strtod would make infinite. A value
     below the smallest double rounds to it or to 0, as written. */
  *out = strtod(tmp, NULL);
  if (!isfinite(*out)) return fail(ps, FS_EINVAL, "number out of range");
  ps->p = q;
  int rc = charge(ps, len + 1);
  if (rc != 0) return rc;
  if (!(*text = fs_malloc(len + 1)))
    return fs_err_set(ps->err, FS_ENOMEM, "%s: out of memory", ps->name);
  memcpy(*text, tmp, len + 1);
  return 0;
}

static int literal(parser *ps, const char *word) {
  size_t n = strlen(word);
  if ((size_t) (ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
    return fail(ps, FS_EINVAL, "expected a value");
  ps->p += n;
  return 0;
}

static int parse_value(parser *ps, fs_jval *v, int depth);

/* Appends a zeroed child to v (an array or object under construction). */
static fs_jval *push(parser *ps, fs_jval *v, size_t *cap) {
  if (v->n == *cap) {
    size_t nc = *cap ? *cap * 2 : 4;
    fs_jval *it = fs_realloc(v->items, nc * sizeof *it);
    if (!it) return NULL;
    v->items = it;
    if (v->kind == FS_JOBJ) {
      char **k = fs_realloc(v->keys, nc * sizeof *k);
      if (!k) return NULL;
      v->keys = k;
    }
    *cap = nc;
  }
  (void) ps;
  fs_jval *c = &v->items[v->n];
  memset(c, 0, sizeof *c);
  if (v->kind == FS_JOBJ) v->keys[v->n] = NULL;
  v->n++;
  return c;
}

static int parse_container(parser *ps, fs_jval *v, int depth) {
  int obj = *ps->p == '{';
  char close = obj ? '}' : ']';
  v->kind = obj ? FS_JOBJ : FS_JARR;
  ps->p++;
  size_t cap = 0;
  skip_ws(ps);
  if (ps->p < ps->end && *ps->p == close) {
    ps->p++;
    return 0;
  }
  for (;;) {
    skip_ws(ps);
    int rc = v->n == cap ? charge(ps, (cap ? cap : 4) * (sizeof(fs_jval) + sizeof(char *))) : 0;
    if (rc != 0) return rc;
    fs_jval *c = push(ps, v, &cap);
    if (!c) return fs_err_set(ps->err, FS_ENOMEM, "%s: out of memory", ps->name);
    if (obj) {
      if (ps->p >= ps->end || *ps->p != '"') return fail(ps, FS_EINVAL, "expected a string key");
      rc = parse_string(ps, &v->keys[v->n - 1]);
      if (rc != 0) return rc;
      skip_ws(ps);
      if (ps->p >= ps->end || *ps->p != ':') return fail(ps, FS_EINVAL, "expected ':'");
      ps->p++;
      skip_ws(ps);
    }
    rc = parse_value(ps, c, depth + 1);
    if (rc != 0) return rc;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == ',') {
      ps->p++;
      continue;
    }
    if (ps->p < ps->end && *ps->p == close) {
      ps->p++;
      return 0;
    }
    return fail(ps, FS_EINVAL, obj ? "expected ',' or '}'" : "expected ',' or ']'");
  }
}

static int parse_value(parser *ps, fs_jval *v, int depth) {
  if (depth > FS_JREAD_MAX_DEPTH) return fail(ps, FS_ELIMIT, "nested too deeply");
  if (ps->p >= ps->end) return fail(ps, FS_EINVAL, "unexpected end of text");
  switch (*ps->p) {
  case '{':
  case '[':
    return parse_container(ps, v, depth);
  case '"':
    v->kind = FS_JSTR;
    return parse_string(ps, &v->str);
  case 't':
    v->kind = FS_JBOOL;
    v->b = 1;
    return literal(ps, "true");
  case 'f':
    v->kind = FS_JBOOL;
    return literal(ps, "false");
  case 'n':
    v->kind = FS_JNULL;
    return literal(ps, "null");
  default:
    v->kind = FS_JNUM;
    return parse_number(ps, &v->num, &v->str);
  }
}

int fs_jread_parse(fs_jval **out, const char *text, size_t len, const char *name, fs_err *err) {
  *out = NULL;
  fs_jval *v = fs_calloc(1, sizeof *v);
  if (!v) return fs_err_set(err, FS_ENOMEM, "%s: out of memory", name);
  parser ps = {text, text + len, text, name, err, 0};
  skip_ws(&ps);
  int rc = parse_value(&ps, v, 0);
  if (rc == 0) {
    skip_ws(&ps);
    if (ps.p != ps.end) rc = fail(&ps, FS_EINVAL, "text after the value");
  }
  if (rc != 0) {
    fs_jread_free(v);
    return rc;
  }
  *out = v;
  return 0;
}

int fs_jread_file(fs_jval **out, const char *path, fs_err *err) {
  *out = NULL;
  FILE *f = fs_open_regular(path, "rb", err);
  if (!f) return err->code;
  size_t cap = 1 << 16, n = 0;
  char *buf = fs_malloc(cap);
  int rc = buf ? 0 : fs_err_set(err, FS_ENOMEM, "%s: out of memory", path);
  while (rc == 0) {
    if (n == cap) {
      char *nb = cap < (size_t) 64 << 20 ? fs_realloc(buf, cap * 2) : NULL;
      if (!nb) {
        rc = cap < (size_t) 64 << 20 ? fs_err_set(err, FS_ENOMEM, "%s: out of memory", path)
                                     : fs_err_set(err, FS_ELIMIT, "%s: larger than 64 MiB", path);
        break;
      }
      buf = nb;
      cap *= 2;
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0) break;
  }
  if (rc == 0 && ferror(f)) rc = fs_err_set(err, FS_EIO, "%s: read error", path);
  fclose(f);
  if (rc == 0) rc = fs_jread_parse(out, buf, n, path, err);
  free(buf);
  return rc;
}

void fs_jread_free(fs_jval *v) {
  if (!v) return;
  free_children(v);
  free(v);
}

const fs_jval *fs_jread_get(const fs_jval *obj, const char *key) {
  if (!obj || obj->kind != FS_JOBJ) return NULL;
  for (size_t i = 0; i < obj->n; i++)
    if (strcmp(obj->keys[i], key) == 0) return &obj->items[i];
  return NULL;
}

const fs_jval *fs_jread_path(const fs_jval *obj, const char *path) {
  char key[256];
  while (obj && *path) {
    const char *dot = strchr(path, '.');
    size_t n = dot ? (size_t) (dot - path) : strlen(path);
    if (n >= sizeof key) return NULL;
    memcpy(key, path, n);
    key[n] = '\0';
    obj = fs_jread_get(obj, key);
    path += n + (dot ? 1 : 0);
  }
  return obj;
}

const fs_jval *fs_jread_at(const fs_jval *arr, size_t i) {
  if (!arr || arr->kind != FS_JARR || i >= arr->n) return NULL;
  return &arr->items[i];
}

double fs_jread_num(const fs_jval *v, double dflt) {
  return v && v->kind == FS_JNUM ? v->num : dflt;
}

const char *fs_jread_str(const fs_jval *v, const char *dflt) {
  return v && v->kind == FS_JSTR ? v->str : dflt;
}

const char *fs_jread_numtext(const fs_jval *v, const char *dflt) {
  return v && v->kind == FS_JNUM && v->str ? v->str : dflt;
}
