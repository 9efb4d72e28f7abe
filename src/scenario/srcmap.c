/* srcmap.c: source lines of table-constructor fields in a Lua file, for error messages. */
#include "scenario/srcmap.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/alloc.h"
#include "util/fsutil.h"

/* Alias chains are followed at most this deep, so `a = b` and `b = a` do not loop. */
#define ALIAS_DEPTH  8
#define PATH_MAX_LEN 1024

/* ---- tokens ------------------------------------------------------------- */

enum { T_NAME, T_STRING, T_NUMBER, T_OP, T_EOF };

typedef struct tok {
  int kind;
  int line;
  int esc;       /* T_STRING: has escapes or is a long string (text is not the value) */
  const char *s; /* name, operator, number, or string contents */
  size_t n;
} tok;

typedef struct toks {
  tok *v;
  size_t n, cap;
} toks;

static int push_tok(toks *t, int kind, int line, int esc, const char *s, size_t n) {
  if (t->n == t->cap) {
    size_t cap = t->cap ? 2 * t->cap : 256;
    tok *v = fs_realloc(t->v, cap * sizeof *v);
    if (!v) return -1;
    t->v = v, t->cap = cap;
  }
  t->v[t->n++] = (tok){kind, line, esc, s, n};
  return 0;
}

/* At '[': the level (number of '=' plus one) of a long bracket "[==[", or 0. */
static int long_open(const char *p, const char *end) {
  const char *q = p + 1;
  while (q < end && *q == '=') q++;
  return q < end && *q == '[' ? (int) (q - p) : 0;
}

/* From just after an opening long bracket of `lvl`, past its closing one. */
static const char *skip_long(const char *p, const char *end, int lvl, int *line) {
  for (; p < end; p++) {
    if (*p == '\n') (*line)++;
    if (*p != ']') continue;
    const char *q = p + 1;
    while (q < end && *q == '=') q++;
    if (q < end && *q == ']' && q - p == lvl) return q + 1;
  }
  return end;
}

static int tokenize(const char *src, size_t len, toks *t) {
  const char *p = src, *end = src + len;
  int line = 1;
  /* A first line starting with '#' is skipped, as luaL_loadfilex does. */
  if (p < end && *p == '#')
    while (p < end && *p != '\n') p++;
  while (p < end) {
    unsigned char c = (unsigned char) *p;
    if (c == '\n') {
      line++, p++;
    } else if (c == '\r') {
      if (p + 1 >= end || p[1] != '\n') line++;
      p++;
    } else if (isspace(c)) {
      p++;
    } else if (c == '-' && p + 1 < end && p[1] == '-') {
      p += 2;
      int lvl = p < end && *p == '[' ? long_open(p, end) : 0;
      if (lvl)
        p = skip_long(p + lvl + 1, end, lvl, &line);
      else
        while (p < end && *p != '\n') p++;
    } else if (c == '[' && long_open(p, end)) {
      int lvl = long_open(p, end), l0 = line;
      const char *s = p + lvl + 1;
      p = skip_long(s, end, lvl, &line);
      if (push_tok(t, T_STRING, l0, 1, s, (size_t) (p - s))) return -1;
    } else if (c == '"' || c == '\'') {
      int esc = 0, l0 = line;
      const char *s = ++p;
      while (p < end && *p != (char) c && *p != '\n') {
        if (*p == '\\') {
          esc = 1;
          if (++p < end && *p == '\n') line++;
        }
        if (p < end) p++;
      }
      if (push_tok(t, T_STRING, l0, esc, s, (size_t) (p - s))) return -1;
      if (p < end && *p == (char) c) p++;
    } else if (isdigit(c) || (c == '.' && p + 1 < end && isdigit((unsigned char) p[1]))) {
      const char *s = p;
      const char *expo = (c == '0' && p + 1 < end && (p[1] == 'x' || p[1] == 'X')) ? "Pp" : "Ee";
      while (p < end && (isalnum((unsigned char) *p) || *p == '.' ||
                         ((*p == '+' || *p == '-') && strchr(expo, p[-1]))))
        p++;
      if (push_tok(t, T_NUMBER, line, 0, s, (size_t) (p - s))) return -1;
    } else if (isalpha(c) || c == '_') {
      const char *s = p;
      while (p < end && (isalnum((unsigned char) *p) || *p == '_')) p++;
      if (push_tok(t, T_NAME, line, 0, s, (size_t) (p - s))) return -1;
    } else {
      static const char *const ops[] = {"...", "==", "~=", "<=", ">=", "//",
                                        "..",  "::", "<<", ">>", NULL};
      size_t n = 1;
      for (int i = 0; ops[i]; i++) {
        size_t k = strlen(ops[i]);
        if ((size_t) (end - p) >= k && memcmp(p, ops[i], k) == 0) {
          n = k;
          break;
        }
      }
      if (push_tok(t, T_OP, line, 0, p, n)) return -1;
      p += n;
    }
  }
  return push_tok(t, T_EOF, line, 0, end, 0);
}

static int is(const tok *t, int kind, const char *s) {
  return t->kind == kind && t->n == strlen(s) && memcmp(t->s, s, t->n) == 0;
}
static int is_op(const tok *t, const char *s) {
  return is(t, T_OP, s);
}
static int is_kw(const tok *t, const char *s) {
  return is(t, T_NAME, s);
}

static int is_keyword(const tok *t) {
  static const char *const kw[] = {"and",   "break", "do",       "else",  "elseif", "end",
                                   "false", "for",   "function", "goto",  "if",     "in",
                                   "local", "nil",   "not",      "or",    "repeat", "return",
                                   "then",  "true",  "until",    "while", NULL};
  if (t->kind != T_NAME) return 0;
  for (int i = 0; kw[i]; i++)
    if (is_kw(t, kw[i])) return 1;
  return 0;
}

static int opens_block(const tok *t) {
  return is_kw(t, "function") || is_kw(t, "if") || is_kw(t, "do") || is_kw(t, "repeat");
}
static int closes_block(const tok *t) {
  return is_kw(t, "end") || is_kw(t, "until");
}

/* ---- the map ------------------------------------------------------------ */

typedef struct entry {
  char *path;
  int line;     /* entries */
  char *target; /* aliases: the root the path refers to */
} entry;

typedef struct vec {
  entry *v;
  size_t n, cap;
} vec;

struct fs_srcmap {
  vec fields;  /* path -> line, sorted, unique */
  vec aliases; /* path -> root name, sorted, unique */
  vec roots;   /* named roots (line unused), unsorted */
  int return_line;
};

static int vec_add(vec *v, char *path, int line, char *target) {
  if (!path) {
    free(target);
    return -1;
  }
  if (v->n == v->cap) {
    size_t cap = v->cap ? 2 * v->cap : 64;
    entry *e = fs_realloc(v->v, cap * sizeof *e);
    if (!e) {
      free(path);
      free(target);
      return -1;
    }
    v->v = e, v->cap = cap;
  }
  v->v[v->n++] = (entry){path, line, target};
  return 0;
}

static void vec_free(vec *v) {
  for (size_t i = 0; i < v->n; i++) free(v->v[i].path), free(v->v[i].target);
  free(v->v);
}

static int cmp_entry(const void *a, const void *b) {
  const entry *x = a, *y = b;
  int r = strcmp(x->path, y->path);
  return r ? r : (x->line > y->line) - (x->line < y->line);
}

/* Sorts by path and keeps the first-written of equal paths. */
static void vec_sort_unique(vec *v) {
  if (v->n == 0) return;
  qsort(v->v, v->n, sizeof *v->v, cmp_entry);
  size_t k = 1;
  for (size_t i = 1; i < v->n; i++) {
    if (strcmp(v->v[i].path, v->v[k - 1].path) == 0) {
      free(v->v[i].path), free(v->v[i].target);
    } else {
      v->v[k++] = v->v[i];
    }
  }
  v->n = k;
}

static char *strf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *strf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0) return NULL;
  char *s = fs_malloc((size_t) n + 1);
  if (!s) return NULL;
  va_start(ap, fmt);
  vsnprintf(s, (size_t) n + 1, fmt, ap);
  va_end(ap);
  return s;
}

static char *tokdup(const tok *t) {
  return strf("%.*s", (int) t->n, t->s);
}

/* The path of key `k` (n bytes) under `base` ("" at a root). */
static char *key_path(const char *base, const char *k, size_t n) {
  return strf("%s%s%.*s", base, base[0] ? "." : "", (int) n, k);
}

/* ---- building ----------------------------------------------------------- */

typedef struct frame {
  char *path;  /* this constructor's path; NULL: not recorded */
  char *field; /* path of the field being read; NULL: unknown */
  int index;   /* positional elements so far */
  int paren;   /* ( and [ depth within the current field */
  int blk;     /* function/if/do/repeat depth within the current field */
  int start;   /* the next token begins a field */
} frame;

typedef struct builder {
  fs_srcmap *m;
  const tok *t;
  frame *fr;
  size_t nfr, cap;
  int oom;
} builder;

static void push_frame(builder *b, const char *path) {
  if (b->nfr == b->cap) {
    size_t cap = b->cap ? 2 * b->cap : 16;
    frame *f = fs_realloc(b->fr, cap * sizeof *f);
    if (!f) {
      b->oom = 1;
      return;
    }
    b->fr = f, b->cap = cap;
  }
  char *p = path ? strf("%s", path) : NULL;
  if (path && !p) b->oom = 1;
  b->fr[b->nfr++] = (frame){p, NULL, 0, 0, 0, 1};
}

static void pop_frame(builder *b) {
  frame *f = &b->fr[--b->nfr];
  free(f->path), free(f->field);
}

static void add_field(builder *b, char *path, int line) {
  if (vec_add(&b->m->fields, path, line, NULL)) b->oom = 1;
}

static void add_alias(builder *b, const char *path, const tok *name) {
  if (vec_add(&b->m->aliases, strf("%s", path), 0, tokdup(name))) b->oom = 1;
}

/* `NAME` then one of , ; } (or the end): a value that is just a variable. */
static int lone_name(const tok *t) {
  return t[0].kind == T_NAME && !is_keyword(&t[0]) &&
         (is_op(&t[1], ",") || is_op(&t[1], ";") || is_op(&t[1], "}") || t[1].kind == T_EOF ||
          is_keyword(&t[1]));
}

/* At the first token of a field in constructor f: records the field and
   returns how many key tokens (`name =`, `[k] =`) to skip. */
static size_t field_start(builder *b, frame *f, const tok *t) {
  free(f->field);
  f->field = NULL;
  f->start = 0;
  if (is_op(&t[0], "}") || is_op(&t[0], ",") || is_op(&t[0], ";")) return 0;
  size_t skip = 0;
  if (t[0].kind == T_NAME && is_op(&t[1], "=")) {
    if (f->path) f->field = key_path(f->path, t[0].s, t[0].n);
    skip = 2;
  } else if (is_op(&t[0], "[") && t[1].kind == T_STRING && !t[1].esc && is_op(&t[2], "]") &&
             is_op(&t[3], "=")) {
    if (f->path) f->field = key_path(f->path, t[1].s, t[1].n);
    skip = 4;
  } else if (is_op(&t[0], "[") && t[1].kind == T_NUMBER && is_op(&t[2], "]") && is_op(&t[3], "=")) {
    char *e;
    char num[32];
    snprintf(num, sizeof num, "%.*s", (int) (t[1].n < 31 ? t[1].n : 31), t[1].s);
    long long k = strtoll(num, &e, 10);
    if (f->path && *e == '\0') f->field = strf("%s[%lld]", f->path, k);
    skip = 4;
  } else if (is_op(&t[0], "[")) {
    return 0; /* a computed key: the field has no path */
  } else {
    f->index++;
    if (f->path) f->field = strf("%s[%d]", f->path, f->index);
  }
  if (f->path && !f->field) {
    b->oom = 1;
    return skip;
  }
  if (f->field) {
    add_field(b, strf("%s", f->field), t[0].line);
    if (skip && lone_name(&t[skip])) add_alias(b, f->field, &t[skip]);
  }
  return skip;
}

/* One token inside constructor f; returns tokens consumed. */
static size_t in_table(builder *b, const tok *t) {
  frame *f = &b->fr[b->nfr - 1];
  size_t skip = f->start ? field_start(b, f, t) : 0;
  if (skip) return skip;
  if (is_op(t, "{")) {
    push_frame(b, f->field);
  } else if (is_op(t, "}")) {
    pop_frame(b); /* even inside unbalanced ( or blocks: the brace wins */
  } else if (is_op(t, "(") || is_op(t, "[")) {
    f->paren++;
  } else if (is_op(t, ")") || is_op(t, "]")) {
    if (f->paren > 0) f->paren--;
  } else if (opens_block(t)) {
    f->blk++;
  } else if (closes_block(t)) {
    if (f->blk > 0) f->blk--;
  } else if ((is_op(t, ",") || is_op(t, ";")) && f->paren == 0 && f->blk == 0) {
    f->start = 1;
  }
  return 1;
}

/* One token at chunk level (outside constructors); blk is the block depth. */
static size_t at_chunk(builder *b, const tok *t, size_t i, int *blk) {
  const tok *c = &t[i];
  if (opens_block(c)) {
    (*blk)++;
  } else if (closes_block(c)) {
    if (*blk > 0) (*blk)--;
  } else if (is_kw(c, "return")) {
    if (*blk == 0) {
      b->m->return_line = c->line;
      add_field(b, strf("%s", ""), c->line);
      if (lone_name(&t[i + 1])) add_alias(b, "", &t[i + 1]);
    }
    if (is_op(&t[i + 1], "{")) {
      push_frame(b, *blk == 0 ? "" : NULL);
      return 2;
    }
  } else if (c->kind == T_NAME && !is_keyword(c) &&
             !(i > 0 &&
               (is_op(&t[i - 1], ".") || is_op(&t[i - 1], ":") || is_kw(&t[i - 1], "for") ||
                is_op(&t[i - 1], "::") || is_kw(&t[i - 1], "goto")))) {
    /* NAME ('.' NAME)* '=': an assignment; its path is a root. */
    size_t j = i + 1;
    while (is_op(&t[j], ".") && t[j + 1].kind == T_NAME) j += 2;
    /* NAME '{' or NAME '(' '{': a call with a table argument, such as
       `params { ... }`; the table becomes a root named after the function. */
    int call_paren = is_op(&t[j], "(") && is_op(&t[j + 1], "{");
    if (is_op(&t[j], "{") || call_paren) {
      /* Named "fn()" so it cannot collide with a field called fn. */
      char *fn = strf("%.*s()", (int) (t[j - 1].s + t[j - 1].n - c->s), c->s);
      if (!fn) {
        b->oom = 1;
        return j - i;
      }
      if (vec_add(&b->m->roots, strf("%s", fn), c->line, NULL)) b->oom = 1;
      push_frame(b, fn);
      add_field(b, fn, c->line); /* takes fn */
      return j + (call_paren ? 2 : 1) - i;
    }
    if (!is_op(&t[j], "=")) return j - i;
    char *path = strf("%.*s", (int) (t[j - 1].s + t[j - 1].n - c->s), c->s);
    if (!path) {
      b->oom = 1;
      return j - i;
    }
    if (vec_add(&b->m->roots, strf("%s", path), c->line, NULL)) b->oom = 1;
    if (is_op(&t[j + 1], "{")) {
      push_frame(b, path);
      add_field(b, path, c->line);
      return j + 2 - i;
    }
    add_field(b, path, c->line);
    return j + 1 - i;
  } else if (is_op(c, "{")) {
    push_frame(b, NULL);
  }
  return 1;
}

fs_srcmap *fs_srcmap_from_string(const char *src, size_t len, fs_err *err) {
  fs_srcmap *m = fs_calloc(1, sizeof *m);
  toks t = {0};
  builder b = {m, NULL, NULL, 0, 0, 0};
  if (!m || tokenize(src, len, &t)) goto oom;
  b.t = t.v;
  int blk = 0;
  /* The token array ends with T_EOF; lookahead of up to 4 tokens stays
     inside it because every pattern stops at the first mismatch and
     T_EOF matches nothing. */
  for (size_t i = 0; t.v[i].kind != T_EOF && !b.oom;)
    i += b.nfr ? in_table(&b, &t.v[i]) : at_chunk(&b, t.v, i, &blk);
  if (b.oom) goto oom;
  while (b.nfr) pop_frame(&b);
  free(b.fr);
  free(t.v);
  vec_sort_unique(&m->fields);
  vec_sort_unique(&m->aliases);
  return m;
oom:
  while (b.nfr) pop_frame(&b);
  free(b.fr);
  free(t.v);
  fs_srcmap_free(m);
  fs_err_set(err, FS_ENOMEM, "out of memory building a source map");
  return NULL;
}

fs_srcmap *fs_srcmap_load(const char *path, fs_err *err) {
  FILE *f = fs_open_input(path, 0, err);
  if (!f) return NULL;
  size_t cap = 1 << 16, n = 0;
  char *buf = fs_malloc(cap);
  while (buf) {
    n += fread(buf + n, 1, cap - n, f);
    if (n < cap) break;
    char *nb = fs_realloc(buf, cap *= 2);
    if (!nb) free(buf);
    buf = nb;
  }
  int bad = ferror(f);
  fclose(f);
  if (!buf) {
    fs_err_set(err, FS_ENOMEM, "out of memory reading %s", path);
    return NULL;
  }
  if (bad) {
    free(buf);
    fs_err_set(err, FS_EIO, "cannot read %s", path);
    return NULL;
  }
  fs_srcmap *m = fs_srcmap_from_string(buf, n, err);
  free(buf);
  return m;
}

void fs_srcmap_free(fs_srcmap *m) {
  if (!m) return;
  vec_free(&m->fields);
  vec_free(&m->aliases);
  vec_free(&m->roots);
  free(m);
}

int fs_srcmap_count(const fs_srcmap *m) {
  return (int) m->fields.n;
}

/* ---- lookup ------------------------------------------------------------- */

/* The entry whose path is exactly p[0..n), or NULL. */
static const entry *find(const vec *v, const char *p, size_t n) {
  size_t lo = 0, hi = v->n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    const char *q = v->v[mid].path;
    int r = strncmp(p, q, n);
    if (r == 0 && q[n] != '\0') r = -1;
    if (r == 0) return &v->v[mid];
    if (r < 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  return NULL;
}

/* The component boundary before k in p: the last '.' or '[' before k, or 0. */
static size_t prev_boundary(const char *p, size_t k) {
  while (k > 0) {
    k--;
    if (p[k] == '.' || p[k] == '[') return k;
  }
  return 0;
}

/* Line of the longest known prefix of p[0..n), following aliases; *matched
   gets the length of the query that matched (0 with line 0: nothing). */
static int resolve(const fs_srcmap *m, const char *p, size_t n, int depth, size_t *matched) {
  for (size_t k = n;; k = prev_boundary(p, k)) {
    const entry *a = depth < ALIAS_DEPTH ? find(&m->aliases, p, k) : NULL;
    if (a) {
      char buf[PATH_MAX_LEN];
      size_t tl = strlen(a->target);
      /* At the empty prefix the rest has no leading '.' of its own. */
      const char *dot = (k == 0 && n > 0 && p[0] != '[') ? "." : "";
      int len = snprintf(buf, sizeof buf, "%s%s%.*s", a->target, dot, (int) (n - k), p + k);
      size_t sub = 0;
      if (len > 0 && (size_t) len < sizeof buf) {
        int line = resolve(m, buf, (size_t) len, depth + 1, &sub);
        if (line && sub > tl) {
          *matched = k + (sub - tl - strlen(dot));
          return line;
        }
      }
    }
    const entry *e = find(&m->fields, p, k);
    if (e) {
      *matched = k;
      return e->line;
    }
    if (k == 0) break;
  }
  *matched = 0;
  return 0;
}

int fs_srcmap_line(const fs_srcmap *m, const char *path) {
  size_t matched;
  int line = resolve(m, path, strlen(path), 0, &matched);
  if (line) return line;
  return m->return_line ? m->return_line : 1;
}

static int starts_with_root(const fs_srcmap *m, const char *p) {
  for (size_t i = 0; i < m->roots.n; i++) {
    size_t k = strlen(m->roots.v[i].path);
    if (strncmp(p, m->roots.v[i].path, k) == 0 && (p[k] == '\0' || p[k] == '.' || p[k] == '['))
      return 1;
  }
  return 0;
}

int fs_srcmap_line_suffix(const fs_srcmap *m, const char *path) {
  size_t n = strlen(path), matched;
  for (size_t s = 0; s < n; s++) {
    if (s > 0 && (path[s - 1] != '.' || !starts_with_root(m, path + s))) continue;
    int line = resolve(m, path + s, n - s, 0, &matched);
    if (line && matched == n - s) return line;
  }
  return fs_srcmap_line(m, path);
}
