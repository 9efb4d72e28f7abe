/* csv.h: a strict RFC 4180 CSV reader with messages that name the file, line and column. */
#ifndef FS_CSV_H
#define FS_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "util/err.h"

/* A record longer than this (bytes, all fields together) is an error
   (FS_ELIMIT), so an unterminated quote cannot swallow a whole file. */
#define FS_CSV_MAX_RECORD (1u << 20)

/* The dialect, RFC 4180 with two allowances:
   - a UTF-8 byte order mark at the start is skipped (Excel writes one);
   - empty lines between records are skipped (editors leave them at the end).
   Otherwise strict: records end in LF or CRLF (a CR elsewhere outside quotes
   is an error); a field that starts with a double quote is quoted and may
   hold commas, line breaks and doubled quotes (""), and its closing quote
   must be followed by a comma or the end of the record; a quote inside an
   unquoted field is an error; every record has as many fields as the header;
   header names are non-empty and distinct; fields are not trimmed. NUL bytes
   are errors. The first record is the header. */
typedef struct fs_csv fs_csv;

/* Opens path (fs_open_input with open_flags: a regular file; 0 or
   FS_OPEN_NOFOLLOW) and reads its header. name (for messages) is path. On error
   *out is NULL and err says why; an empty file is "PATH: empty file (no
   header)". Returns 0, FS_EIO, FS_EINVAL, FS_ELIMIT or FS_ENOMEM. */
int fs_csv_open(fs_csv **out, const char *path, unsigned open_flags, fs_err *err);

/* Same from an open stream, which the reader does not close; name labels
   messages. */
int fs_csv_open_stream(fs_csv **out, FILE *f, const char *name, fs_err *err);

/* Frees the reader (and closes the file fs_csv_open opened). NULL is fine. */
void fs_csv_close(fs_csv *c);

/* Reads the next record: 1 when there is one, 0 at the end of the file, or a
   negative FS_E* code with "NAME:LINE: ..." in err. */
int fs_csv_next(fs_csv *c, fs_err *err);

/* The header: number of columns and the name of column col (0-based). */
size_t fs_csv_ncols(const fs_csv *c);
const char *fs_csv_colname(const fs_csv *c, size_t col);
/* Index (0-based) of the column called name, or -1. */
long fs_csv_find(const fs_csv *c, const char *name);

/* Field col (0-based) of the current record, NUL-terminated; valid until the
   next fs_csv_next. fs_csv_get looks the column up by header name and returns
   NULL when the header has no such column. */
const char *fs_csv_field(const fs_csv *c, size_t col);
const char *fs_csv_get(const fs_csv *c, const char *name);
/* Field col as text that fs_csv_put wrote: without the ' it puts before a
   value that begins like a formula (so "'-Acme" reads as "-Acme"). For
   reading fleetsim's own tables back; inputs are read with fs_csv_field. */
const char *fs_csv_text(const fs_csv *c, size_t col);

/* The physical line (1-based) where the current record starts, and the name
   messages use. */
long fs_csv_line(const fs_csv *c);
const char *fs_csv_name(const fs_csv *c);

/* Formats "NAME:LINE: column N (HEADER): MESSAGE" about field col (0-based)
   of the current record into err and returns code. */
int fs_csv_fail(const fs_csv *c, size_t col, fs_err *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Flags of fs_csv_number. */
enum {
  FS_CSV_OPTIONAL = 1, /* an empty field is allowed: returns 1, *out untouched */
  FS_CSV_NONNEG = 2,   /* >= 0 */
  FS_CSV_POSITIVE = 4, /* > 0 */
  FS_CSV_UNIT = 8,     /* in [0, 1] */
  FS_CSV_WHOLE = 16    /* a whole number */
};

/* Parses field col as a finite decimal number: optional sign, digits with an
   optional fraction, optional exponent (no hex, inf, nan, spaces or
   thousands separators), then checks the flags. Returns 0 (parsed), 1 (empty
   and optional), or FS_EINVAL with a message like
     portfolio.csv:12: column 9 (Deductible): expected a non-negative number (got "-5") */
int fs_csv_number(const fs_csv *c, size_t col, unsigned flags, double *out, fs_err *err);

/* ---- Writing */

/* Flags of fs_csv_put. */
enum {
  FS_CSV_QUOTE = 1,   /* always quote (else only when needed) */
  FS_CSV_ONE_LINE = 2 /* line breaks become spaces (a journal row is one line) */
};

/* Writes s as one CSV field that a spreadsheet opens safely: quoted (inner
   quotes doubled) when it holds a comma, a quote or a line break, or when
   it begins like a formula (=, +, -, @, a tab or a carriage return), which
   then also gets a leading ' so that no spreadsheet evaluates it. */
void fs_csv_put(FILE *f, const char *s, unsigned flags);

#endif
