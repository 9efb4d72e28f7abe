/* graphml_scan.c: the numbers of a GraphML file, checked in its text
   before igraph reads it (igraph takes any strtod text: hex, "inf", "nan"
   as missing, spaces). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph_impl.h"
#include "util/alloc.h"
#include "util/ident.h"
#include "util/num.h"

/* The value of attribute name in the text of a tag (name="v" or
   name='v'); "" when absent; -1 when it does not fit in cap bytes. */
static int tag_attr(const char *tag, const char *name, char *out, size_t cap) {
  size_t n = strlen(name);
  out[0] = '\0';
  for (const char *p = tag; (p = strstr(p, name)) != NULL; p += n) {
    if (p > tag && !isspace((unsigned char) p[-1])) continue;
    const char *q = p + n;
    while (isspace((unsigned char) *q)) q++;
    if (*q++ != '=') continue;
    while (isspace((unsigned char) *q)) q++;
    if (*q != '"' && *q != '\'') continue;
    const char *e = strchr(q + 1, *q);
    size_t len = e ? (size_t) (e - q - 1) : 0;
    if (len >= cap) return -1;
    memcpy(out, q + 1, len);
    out[len] = '\0';
    return 0;
  }
  return 0;
}

/* Reads the rest of a tag after its name, up to '>', into buf. 0; 1 when
   it did not fit; -1 when the name goes on (<dataX: another element). */
static int read_tag(FILE *f, long *line, char *buf, size_t cap) {
  int c = fgetc(f);
  size_t len = 0;
  int cut = 0;
  if (!(isspace(c) || c == '>' || c == '/')) return -1;
  for (; c != EOF && c != '>'; c = fgetc(f)) {
    if (c == '\n') (*line)++;
    if (len + 1 < cap)
      buf[len++] = (char) c;
    else
      cut = 1;
  }
  buf[len] = '\0';
  return cut;
}

/* An element's local name (after a namespace prefix), cut to cap - 1. */
static int read_name(FILE *f, char *name, size_t cap) {
  int c;
  size_t nl = 0;
  while ((c = fgetc(f)) != EOF && (isalnum(c) || c == ':' || c == '_' || c == '-' || c == '.')) {
    if (c == ':')
      nl = 0; /* a prefix: start again */
    else if (nl + 1 < cap)
      name[nl++] = (char) c;
  }
  name[nl] = '\0';
  if (c != EOF) ungetc(c, f);
  return c;
}

/* The text up to the next '<' (cut to cap - 1, *cut set), trimmed. */
static char *read_text(FILE *f, long *line, char *buf, size_t cap, int *cut) {
  size_t len = 0;
  int c;
  *cut = 0;
  while ((c = fgetc(f)) != EOF && c != '<') {
    if (c == '\n') (*line)++;
    if (len + 1 < cap)
      buf[len++] = (char) c;
    else
      *cut = 1;
  }
  if (c == '<') ungetc(c, f);
  buf[len] = '\0';
  char *v = buf, *e = buf + len;
  while (isspace((unsigned char) *v)) v++;
  while (e > v && isspace((unsigned char) e[-1])) *--e = '\0';
  return v;
}

#define MAX_NUM_KEYS 256
#define KEY_MAX      64

typedef struct scan {
  FILE *f;
  const char *path;
  fs_err *err;
  long line;
  int nkeys;
  char keys[MAX_NUM_KEYS][KEY_MAX];
  char cur[KEY_MAX]; /* the key being declared, for its <default> */
  int cur_numeric;
} scan;

static int check_number(scan *s, const char *where, const char *key, long at) {
  char buf[64];
  int cut;
  char *v = read_text(s->f, &s->line, buf, sizeof buf, &cut);
  double x; /* igraph refuses what strtod flags as out of range, 5e-310 too */
  if (!cut && fs_num_decimal(v, &x) == 0) return 0;
  char shown[96];
  fs_ident_show(v, shown, sizeof shown);
  return fs_err_set(s->err, FS_EINVAL,
                    "%s:%ld: <%s key=\"%s\">: expected a finite decimal number (got \"%s%s\")",
                    s->path, at, where, key, shown, cut ? "..." : "");
}

/* One element at the scanner's position (after its '<'). */
static int scan_element(scan *s) {
  char name[16], tag[4096];
  if (read_name(s->f, name, sizeof name) == EOF) return 0;
  long at = s->line;
  int is_key = strcmp(name, "key") == 0, is_data = strcmp(name, "data") == 0;
  if (is_key || is_data) {
    int rc = read_tag(s->f, &s->line, tag, sizeof tag);
    if (rc < 0) return 0;
    if (rc > 0)
      return fs_err_set(s->err, FS_EINVAL, "%s:%ld: <%s>: tag longer than %zu bytes", s->path, at,
                        name, sizeof tag - 1);
  }
  if (is_key) {
    char type[16];
    if (tag_attr(tag, "attr.type", type, sizeof type) != 0) type[0] = '\0';
    if (tag_attr(tag, "id", s->cur, sizeof s->cur) != 0)
      return fs_err_set(s->err, FS_EINVAL, "%s:%ld: <key>: id longer than %d bytes", s->path, at,
                        KEY_MAX - 1);
    s->cur_numeric = strcmp(type, "double") == 0 || strcmp(type, "float") == 0 ||
                     strcmp(type, "long") == 0 || strcmp(type, "int") == 0;
    if (!s->cur_numeric) return 0;
    if (s->nkeys == MAX_NUM_KEYS)
      return fs_err_set(s->err, FS_EINVAL, "%s:%ld: more than %d numeric keys", s->path, at,
                        MAX_NUM_KEYS);
    memcpy(s->keys[s->nkeys++], s->cur, KEY_MAX);
    return 0;
  }
  if (strcmp(name, "default") == 0) {
    if (read_tag(s->f, &s->line, tag, sizeof tag) < 0 || !s->cur_numeric) return 0;
    return check_number(s, "default", s->cur, at);
  }
  if (!is_data) return 0;
  char key[KEY_MAX];
  if (tag_attr(tag, "key", key, sizeof key) != 0) return 0; /* no such key: igraph refuses it */
  for (int k = 0; k < s->nkeys; k++)
    if (strcmp(s->keys[k], key) == 0) return check_number(s, "data", key, at);
  return 0;
}

int fs_graph__scan_numbers(FILE *f, const char *path, fs_err *err) {
  scan *s = fs_calloc(1, sizeof *s);
  if (!s) return fs_err_set(err, FS_ENOMEM, "out of memory reading %s", path);
  *s = (scan){.f = f, .path = path, .err = err, .line = 1};
  int c, rc = 0;
  while (rc == 0 && (c = fgetc(f)) != EOF) {
    if (c == '\n') s->line++;
    if (c == '<') rc = scan_element(s);
  }
  if (rc == 0 && ferror(f))
    rc = fs_err_set(err, FS_EIO, "%s: read error (%s)", path, strerror(errno));
  free(s);
  rewind(f);
  return rc;
}
