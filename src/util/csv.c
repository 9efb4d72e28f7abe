/* csv.c: the strict RFC 4180 reader: a buffered byte source, a record parser, typed fields. */
#include "util/csv.h"
#include "util/fsutil.h"

#include "util/num.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "util/alloc.h"

#define CHUNK 65536

struct fs_csv {
  FILE *f;
  int own;         /* fs_csv_open opened f and closes it */
  char name[1024]; /* for messages */
  unsigned char in[CHUNK];
  size_t in_pos, in_len;
  int in_eof;
  long line;     /* physical line of the next byte */
  long rec_line; /* line where the current record starts */
  char *buf;     /* the current record's fields, each NUL-terminated */
  size_t len, cap;
  size_t *off; /* start of each field in buf */
  size_t nf, fcap;
  char *hdr;       /* the header's fields, copied */
  size_t *hdr_off; /* start of each name in hdr */
  size_t ncols;
};

/* Next byte, or EOF. A read error is reported as EOF here and caught by
   ferror in the caller. */
static int get(fs_csv *c) {
  if (c->in_pos == c->in_len) {
    if (c->in_eof) return EOF;
    c->in_len = fread(c->in, 1, CHUNK, c->f);
    c->in_pos = 0;
    if (c->in_len < CHUNK) c->in_eof = 1;
    if (c->in_len == 0) return EOF;
  }
  return c->in[c->in_pos++];
}

static int peek(fs_csv *c) {
  int ch = get(c);
  if (ch != EOF) c->in_pos--;
  return ch;
}

static const char *colname_or(const fs_csv *c, size_t col) {
  return col < c->ncols ? c->hdr + c->hdr_off[col] : NULL;
}

/* "NAME:LINE: " then, when col is a field, "column N (HEADER): ", then the message. */
static int vfail(const fs_csv *c, long line, long col, fs_err *err, int code, const char *fmt,
                 va_list ap) {
  char msg[FS_ERR_MAX];
  vsnprintf(msg, sizeof msg, fmt, ap);
  if (col < 0) return fs_err_set(err, code, "%s:%ld: %s", c->name, line, msg);
  const char *h = colname_or(c, (size_t) col);
  if (h)
    return fs_err_set(err, code, "%s:%ld: column %ld (%s): %s", c->name, line, col + 1, h, msg);
  return fs_err_set(err, code, "%s:%ld: column %ld: %s", c->name, line, col + 1, msg);
}

static int fail_at(const fs_csv *c, long line, long col, fs_err *err, int code, const char *fmt,
                   ...) __attribute__((format(printf, 6, 7)));
static int fail_at(const fs_csv *c, long line, long col, fs_err *err, int code, const char *fmt,
                   ...) {
  va_list ap;
  va_start(ap, fmt);
  int rc = vfail(c, line, col, err, code, fmt, ap);
  va_end(ap);
  return rc;
}

int fs_csv_fail(const fs_csv *c, size_t col, fs_err *err, int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int rc = vfail(c, c->rec_line, (long) col, err, code, fmt, ap);
  va_end(ap);
  return rc;
}

static int push(fs_csv *c, char ch, fs_err *err) {
  if (c->len + 1 >= FS_CSV_MAX_RECORD)
    return fail_at(c, c->rec_line, -1, err, FS_ELIMIT, "record longer than %u bytes",
                   FS_CSV_MAX_RECORD);
  if (c->len == c->cap) {
    size_t ncap = c->cap ? 2 * c->cap : 256;
    char *b = fs_realloc(c->buf, ncap);
    if (!b) return fs_err_set(err, FS_ENOMEM, "%s: out of memory", c->name);
    c->buf = b;
    c->cap = ncap;
  }
  c->buf[c->len++] = ch;
  return 0;
}

/* Ends the current field (NUL) and opens the next one. */
static int end_field(fs_csv *c, fs_err *err) {
  int rc = push(c, '\0', err);
  if (rc) return rc;
  if (c->nf == c->fcap) {
    size_t ncap = c->fcap ? 2 * c->fcap : 16;
    size_t *o = fs_realloc(c->off, ncap * sizeof *o);
    if (!o) return fs_err_set(err, FS_ENOMEM, "%s: out of memory", c->name);
    c->off = o;
    c->fcap = ncap;
  }
  c->off[c->nf++] = c->len;
  return 0;
}

/* After a CR outside quotes: only CRLF ends a record. */
static int crlf(fs_csv *c, long col, fs_err *err) {
  if (peek(c) == '\n') {
    get(c);
    return 0;
  }
  return fail_at(c, c->line, col, err, FS_EINVAL,
                 "carriage return not followed by a line feed (lines must end in LF or CRLF)");
}

/* Reads one record into buf/off. Returns 1, 0 at the end of input, or an error. */
static int read_record(fs_csv *c, fs_err *err) {
  int ch, rc;
  /* Skip empty lines. */
  for (;;) {
    ch = get(c);
    if (ch == '\n') {
      c->line++;
    } else if (ch == '\r') {
      if ((rc = crlf(c, -1, err))) return rc;
      c->line++;
    } else {
      break;
    }
  }
  if (ch == EOF) return ferror(c->f) ? fs_err_set(err, FS_EIO, "%s: read error", c->name) : 0;
  c->rec_line = c->line;
  c->len = 0;
  c->nf = 0;
  c->off[c->nf++] = 0; /* fcap >= 1 from open */
  for (;;) {
    /* At the start of a field. */
    if (ch == '"') {
      long opened = c->line;
      for (;;) {
        ch = get(c);
        if (ch == EOF) {
          if (ferror(c->f)) return fs_err_set(err, FS_EIO, "%s: read error", c->name);
          return fail_at(c, opened, (long) c->nf - 1, err, FS_EINVAL,
                         "unterminated quoted field (the quote opened on line %ld is never "
                         "closed)",
                         opened);
        }
        if (ch == '"') {
          if (peek(c) != '"') break;
          get(c);
        } else if (ch == '\n') {
          c->line++;
        } else if (ch == '\0') {
          return fail_at(c, c->line, (long) c->nf - 1, err, FS_EINVAL, "NUL byte in the file");
        }
        if ((rc = push(c, (char) ch, err))) return rc;
      }
      ch = get(c);
      if (ch != ',' && ch != '\n' && ch != '\r' && ch != EOF)
        return fail_at(c, c->line, (long) c->nf - 1, err, FS_EINVAL,
                       "unexpected character '%c' after a closing quote (a quote inside a "
                       "quoted field is written \"\")",
                       isprint(ch) ? ch : '?');
    } else {
      while (ch != ',' && ch != '\n' && ch != '\r' && ch != EOF) {
        if (ch == '"')
          return fail_at(c, c->line, (long) c->nf - 1, err, FS_EINVAL,
                         "quote inside an unquoted field (quote the whole field and double "
                         "the quote)");
        if (ch == '\0')
          return fail_at(c, c->line, (long) c->nf - 1, err, FS_EINVAL, "NUL byte in the file");
        if ((rc = push(c, (char) ch, err))) return rc;
        ch = get(c);
      }
    }
    if (ch == ',') {
      if ((rc = end_field(c, err))) return rc;
      ch = get(c);
      continue;
    }
    if (ch == '\r' && (rc = crlf(c, (long) c->nf - 1, err))) return rc;
    if (ch != EOF) c->line++;
    if (ch == EOF && ferror(c->f)) return fs_err_set(err, FS_EIO, "%s: read error", c->name);
    if ((rc = push(c, '\0', err))) return rc;
    return 1;
  }
}

static int read_header(fs_csv *c, fs_err *err) {
  /* Skip a UTF-8 byte order mark. */
  if (peek(c) == 0xEF && c->in_len - c->in_pos >= 3 && c->in[c->in_pos + 1] == 0xBB &&
      c->in[c->in_pos + 2] == 0xBF)
    c->in_pos += 3;
  int rc = read_record(c, err);
  if (rc < 0) return rc;
  if (rc == 0) return fs_err_set(err, FS_EINVAL, "%s: empty file (no header)", c->name);
  c->hdr = fs_malloc(c->len);
  c->hdr_off = fs_malloc(c->nf * sizeof *c->hdr_off);
  if (!c->hdr || !c->hdr_off) return fs_err_set(err, FS_ENOMEM, "%s: out of memory", c->name);
  memcpy(c->hdr, c->buf, c->len);
  memcpy(c->hdr_off, c->off, c->nf * sizeof *c->hdr_off);
  c->ncols = c->nf;
  for (size_t i = 0; i < c->ncols; i++) {
    const char *h = c->hdr + c->hdr_off[i];
    if (!*h)
      return fail_at(c, c->rec_line, -1, err, FS_EINVAL, "column %zu of the header has no name%s",
                     i + 1, i + 1 == c->ncols ? " (a trailing comma?)" : "");
    for (size_t j = 0; j < i; j++)
      if (strcmp(h, c->hdr + c->hdr_off[j]) == 0)
        return fail_at(c, c->rec_line, -1, err, FS_EINVAL,
                       "column name \"%s\" appears twice in the header (columns %zu and %zu)", h,
                       j + 1, i + 1);
  }
  return 0;
}

int fs_csv_open_stream(fs_csv **out, FILE *f, const char *name, fs_err *err) {
  *out = NULL;
  fs_csv *c = fs_calloc(1, sizeof *c);
  if (!c) return fs_err_set(err, FS_ENOMEM, "%s: out of memory", name);
  c->f = f;
  snprintf(c->name, sizeof c->name, "%s", name);
  c->line = 1;
  c->off = fs_malloc(16 * sizeof *c->off);
  c->fcap = 16;
  if (!c->off) {
    fs_csv_close(c);
    return fs_err_set(err, FS_ENOMEM, "%s: out of memory", name);
  }
  int rc = read_header(c, err);
  if (rc) {
    fs_csv_close(c);
    return rc;
  }
  *out = c;
  return 0;
}

int fs_csv_open(fs_csv **out, const char *path, unsigned open_flags, fs_err *err) {
  *out = NULL;
  fs_err e = {0};
  FILE *f = fs_open_input(path, open_flags, &e);
  if (!f) return fs_err_set(err, e.code, "%s", e.msg);
  int rc = fs_csv_open_stream(out, f, path, err);
  if (rc || !*out) {
    fclose(f);
    return rc ? rc : FS_ENOMEM;
  }
  (*out)->own = 1;
  return 0;
}

void fs_csv_close(fs_csv *c) {
  if (!c) return;
  if (c->own) fclose(c->f);
  free(c->buf);
  free(c->off);
  free(c->hdr);
  free(c->hdr_off);
  free(c);
}

int fs_csv_next(fs_csv *c, fs_err *err) {
  int rc = read_record(c, err);
  if (rc <= 0) return rc;
  if (c->nf != c->ncols)
    return fail_at(c, c->rec_line, -1, err, FS_EINVAL,
                   "expected %zu fields as in the header, found %zu", c->ncols, c->nf);
  return 1;
}

size_t fs_csv_ncols(const fs_csv *c) {
  return c->ncols;
}

const char *fs_csv_colname(const fs_csv *c, size_t col) {
  return colname_or(c, col);
}

long fs_csv_find(const fs_csv *c, const char *name) {
  for (size_t i = 0; i < c->ncols; i++)
    if (strcmp(c->hdr + c->hdr_off[i], name) == 0) return (long) i;
  return -1;
}

const char *fs_csv_field(const fs_csv *c, size_t col) {
  return col < c->nf ? c->buf + c->off[col] : "";
}

const char *fs_csv_get(const fs_csv *c, const char *name) {
  long i = fs_csv_find(c, name);
  return i < 0 ? NULL : fs_csv_field(c, (size_t) i);
}

long fs_csv_line(const fs_csv *c) {
  return c->rec_line;
}

const char *fs_csv_name(const fs_csv *c) {
  return c->name;
}

int fs_csv_number(const fs_csv *c, size_t col, unsigned flags, double *out, fs_err *err) {
  const char *s = fs_csv_field(c, col);
  const char *what = flags & FS_CSV_UNIT                               ? "a number between 0 and 1"
                     : flags & FS_CSV_WHOLE && flags & FS_CSV_POSITIVE ? "a positive whole number"
                     : flags & FS_CSV_WHOLE    ? "a non-negative whole number"
                     : flags & FS_CSV_POSITIVE ? "a positive number"
                     : flags & FS_CSV_NONNEG   ? "a non-negative number"
                                               : "a number";
  if (!*s) {
    if (flags & FS_CSV_OPTIONAL) return 1;
    return fs_csv_fail(c, col, err, FS_EINVAL, "expected %s (got an empty field)", what);
  }
  /* Long values are cut in the message; the line and column locate them. */
  char shown[48];
  snprintf(shown, sizeof shown, "%.40s%s", s, strlen(s) > 40 ? "..." : "");
  if (!fs_num_is_decimal(s))
    return fs_csv_fail(c, col, err, FS_EINVAL, "expected %s (got \"%s\")", what, shown);
  errno = 0;
  double v = strtod(s, NULL);
  if (!isfinite(v) || errno == ERANGE)
    return fs_csv_fail(c, col, err, FS_EINVAL, "number out of range (got \"%s\")", shown);
  int ok = 1;
  if ((flags & FS_CSV_NONNEG) && v < 0) ok = 0;
  if ((flags & FS_CSV_POSITIVE) && !(v > 0)) ok = 0;
  if ((flags & FS_CSV_UNIT) && !(v >= 0 && v <= 1)) ok = 0;
  if ((flags & FS_CSV_WHOLE) && (v != floor(v) || v < 0)) ok = 0;
  if (!ok) return fs_csv_fail(c, col, err, FS_EINVAL, "expected %s (got \"%s\")", what, shown);
  *out = v + 0.0; /* no -0 */
  return 0;
}

const char *fs_csv_text(const fs_csv *c, size_t col) {
  const char *s = fs_csv_field(c, col);
  return s[0] == '\'' && s[1] && strchr("=+-@\t\r", s[1]) ? s + 1 : s;
}

void fs_csv_put(FILE *f, const char *s, unsigned flags) {
  int formula = s[0] && strchr("=+-@\t\r", s[0]) != NULL;
  int quote = (flags & FS_CSV_QUOTE) || formula || strpbrk(s, ",\"\n\r") != NULL;
  if (!quote) {
    fputs(s, f);
    return;
  }
  fputc('"', f);
  if (formula) fputc('\'', f);
  for (; *s; s++) {
    if (*s == '"') fputc('"', f);
    fputc((flags & FS_CSV_ONE_LINE) && (*s == '\n' || *s == '\r') ? ' ' : *s, f);
  }
  fputc('"', f);
}
