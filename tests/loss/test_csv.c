/* test_csv.c: the strict CSV reader: dialect, line and column in messages, number fields. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/csv.h"
#include "util/suggest.h"
#include "tap.h"

/* Opens text as "t.csv". fmemopen with size 0 is unreliable, so "" is an empty temp file. */
static int open_text(fs_csv **c, FILE **f, const char *text, size_t len, fs_err *err) {
  if (len == 0) {
    *f = tmpfile();
  } else {
    *f = fmemopen((void *) text, len, "r");
  }
  return fs_csv_open_stream(c, *f, "t.csv", err);
}

/* Reads all of text; returns the last status (0 at a clean end) and leaves
   the number of records read in *nrec. */
static int read_all(const char *text, size_t len, int *nrec, fs_err *err) {
  fs_csv *c;
  FILE *f;
  int rc = open_text(&c, &f, text, len, err);
  *nrec = 0;
  if (rc == 0) {
    while ((rc = fs_csv_next(c, err)) == 1) (*nrec)++;
    fs_csv_close(c);
  }
  fclose(f);
  return rc;
}

#define TEXT(s) s, sizeof(s) - 1

static void expect_error(const char *text, size_t len, int code, const char *msg,
                         const char *what) {
  fs_err err = {0};
  int n;
  int rc = read_all(text, len, &n, &err);
  int ok = rc == code && strcmp(err.msg, msg) == 0;
  tap_ok(ok, "%s", what);
  if (!ok) tap_diag("rc %d, message: %s", rc, err.msg);
}

int main(void) {
  fs_err err = {0};
  fs_csv *c;
  FILE *f;

  const char simple[] = "a,b,c\n1,2,3\n4,,6\n";
  tap_ok(open_text(&c, &f, TEXT(simple), &err) == 0, "open a simple file");
  tap_ok(fs_csv_ncols(c) == 3 && strcmp(fs_csv_colname(c, 1), "b") == 0 &&
             fs_csv_colname(c, 3) == NULL,
         "header: 3 columns, names by index");
  tap_ok(fs_csv_find(c, "c") == 2 && fs_csv_find(c, "d") == -1, "find columns by name");
  tap_ok(fs_csv_next(c, &err) == 1 && strcmp(fs_csv_field(c, 0), "1") == 0 &&
             strcmp(fs_csv_get(c, "c"), "3") == 0 && fs_csv_get(c, "zz") == NULL &&
             fs_csv_line(c) == 2,
         "first record on line 2, fields by index and by name");
  tap_ok(fs_csv_next(c, &err) == 1 && strcmp(fs_csv_get(c, "b"), "") == 0 && fs_csv_line(c) == 3,
         "an empty field");
  tap_ok(fs_csv_next(c, &err) == 0 && fs_csv_next(c, &err) == 0, "end of file, and it stays so");
  fs_csv_close(c);
  fclose(f);

  const char bom[] = "\xEF\xBB\xBFid,v\r\n1,2\r\n";
  tap_ok(open_text(&c, &f, TEXT(bom), &err) == 0 && strcmp(fs_csv_colname(c, 0), "id") == 0 &&
             fs_csv_next(c, &err) == 1 && strcmp(fs_csv_field(c, 1), "2") == 0,
         "UTF-8 BOM skipped, CRLF line ends stripped");
  fs_csv_close(c);
  fclose(f);

  const char quoted[] =
      "a,b\n\"x, y\",\"he said \"\"hi\"\"\"\n\"multi\nline\",\"\"\n3,\"crlf\r\ninside\"\n4,5";
  tap_ok(open_text(&c, &f, TEXT(quoted), &err) == 0, "open quoted fields");
  tap_ok(fs_csv_next(c, &err) == 1 && strcmp(fs_csv_field(c, 0), "x, y") == 0 &&
             strcmp(fs_csv_field(c, 1), "he said \"hi\"") == 0 && fs_csv_line(c) == 2,
         "comma and doubled quotes inside quotes");
  tap_ok(fs_csv_next(c, &err) == 1 && strcmp(fs_csv_field(c, 0), "multi\nline") == 0 &&
             strcmp(fs_csv_field(c, 1), "") == 0 && fs_csv_line(c) == 3,
         "newline inside quotes; quoted empty field");
  tap_ok(fs_csv_next(c, &err) == 1 && fs_csv_line(c) == 5 &&
             strcmp(fs_csv_field(c, 1), "crlf\r\ninside") == 0,
         "the record after a quoted newline starts on line 5; CRLF kept inside quotes");
  tap_ok(fs_csv_next(c, &err) == 1 && fs_csv_line(c) == 7 && strcmp(fs_csv_field(c, 1), "5") == 0,
         "last record without a final newline, line 7");
  tap_ok(fs_csv_next(c, &err) == 0, "then the end");
  fs_csv_close(c);
  fclose(f);

  int n;
  const char blanks[] = "\n\na\n1\n\n\r\n2\n\n";
  tap_ok(open_text(&c, &f, TEXT(blanks), &err) == 0 && fs_csv_next(c, &err) == 1 &&
             fs_csv_line(c) == 4 && fs_csv_next(c, &err) == 1 && fs_csv_line(c) == 7 &&
             fs_csv_next(c, &err) == 0,
         "empty lines skipped, line numbers still physical");
  fs_csv_close(c);
  fclose(f);

  expect_error("", 0, FS_EINVAL, "t.csv: empty file (no header)", "empty file");
  expect_error(TEXT("\xEF\xBB\xBF"), FS_EINVAL, "t.csv: empty file (no header)", "BOM only");
  expect_error(TEXT("\n\r\n\n"), FS_EINVAL, "t.csv: empty file (no header)", "blank lines only");
  expect_error(TEXT("a,b\n1,2\n3,\"abc\n4,5\n"), FS_EINVAL,
               "t.csv:3: column 2 (b): unterminated quoted field (the quote opened on line 3 is "
               "never closed)",
               "unterminated quote: line where it opened, column and name");
  expect_error(TEXT("a,b,c\n1,2,3\n1,2\n"), FS_EINVAL,
               "t.csv:3: expected 3 fields as in the header, found 2", "too few fields");
  expect_error(TEXT("a,b\n1,2,3\n"), FS_EINVAL,
               "t.csv:2: expected 2 fields as in the header, found 3", "too many fields");
  expect_error(TEXT("a,b\n\"x\ny\",2\n1\n"), FS_EINVAL,
               "t.csv:4: expected 2 fields as in the header, found 1",
               "ragged row after a multi-line record reports its own start line");
  expect_error(TEXT("a,b\n1,ab\"c\n"), FS_EINVAL,
               "t.csv:2: column 2 (b): quote inside an unquoted field (quote the whole field and "
               "double the quote)",
               "quote inside an unquoted field");
  expect_error(TEXT("a,b\n\"x\"y,2\n"), FS_EINVAL,
               "t.csv:2: column 1 (a): unexpected character 'y' after a closing quote (a quote "
               "inside a quoted field is written \"\")",
               "text after a closing quote");
  expect_error(TEXT("a,b\r1,2\n"), FS_EINVAL,
               "t.csv:1: column 2: carriage return not followed by a line feed (lines must "
               "end in LF or CRLF)",
               "bare CR (in the header: no column name yet)");
  expect_error(TEXT("a,b,a\n"), FS_EINVAL,
               "t.csv:1: column name \"a\" appears twice in the header (columns 1 and 3)",
               "duplicate header name");
  expect_error(TEXT("a,,b\n"), FS_EINVAL, "t.csv:1: column 2 of the header has no name",
               "empty header name");
  expect_error(TEXT("a,b,\n"), FS_EINVAL,
               "t.csv:1: column 3 of the header has no name (a trailing comma?)",
               "trailing comma in the header");
  expect_error(TEXT("a,b\n1,x\0y\n"), FS_EINVAL, "t.csv:2: column 2 (b): NUL byte in the file",
               "NUL byte");
  tap_ok(read_all(TEXT("a\n\"\"\n"), &n, &err) == 0 && n == 1, "a single quoted empty field");

  /* A record over the limit. */
  size_t big = FS_CSV_MAX_RECORD + 10;
  char *huge = malloc(big + 8);
  memcpy(huge, "a\n\"", 3);
  memset(huge + 3, 'x', big);
  memcpy(huge + 3 + big, "\"\n", 2);
  tap_ok(read_all(huge, big + 5, &n, &err) == FS_ELIMIT && strstr(err.msg, "t.csv:2: record"),
         "record over the size limit: %s", err.msg);
  free(huge);

  tap_ok(fs_csv_open(&c, "/nonexistent/portfolio.csv", 0, &err) == FS_EIO && c == NULL &&
             strstr(err.msg, "/nonexistent/portfolio.csv: cannot open"),
         "missing file: %s", err.msg);

  /* Numbers. */
  const char nums[] = "Name,Deductible\n"
                      "a,-5\nb,abc\nc,0x10\nd,inf\ne,nan\nf, 5\ng,\"1,000\"\nh,1e3\ni,+2.5\nj,.5\n"
                      "k,5.\nl,1e\nm,\nn,1.5\no,2.5\np,0\nq,1e400\nr,-0\n";
  tap_ok(open_text(&c, &f, TEXT(nums), &err) == 0, "open the number cases");
  double v = 0;
  struct {
    unsigned flags;
    int rc;
    double v;
    const char *msg;
  } cases[] = {
      {FS_CSV_NONNEG, FS_EINVAL, 0,
       "t.csv:2: column 2 (Deductible): expected a non-negative number (got \"-5\")"},
      {0, FS_EINVAL, 0, "t.csv:3: column 2 (Deductible): expected a number (got \"abc\")"},
      {0, FS_EINVAL, 0, "t.csv:4: column 2 (Deductible): expected a number (got \"0x10\")"},
      {0, FS_EINVAL, 0, "t.csv:5: column 2 (Deductible): expected a number (got \"inf\")"},
      {0, FS_EINVAL, 0, "t.csv:6: column 2 (Deductible): expected a number (got \"nan\")"},
      {0, FS_EINVAL, 0, "t.csv:7: column 2 (Deductible): expected a number (got \" 5\")"},
      {FS_CSV_NONNEG, FS_EINVAL, 0,
       "t.csv:8: column 2 (Deductible): expected a non-negative number (got \"1,000\")"},
      {FS_CSV_NONNEG, 0, 1000, NULL},
      {FS_CSV_POSITIVE, 0, 2.5, NULL},
      {FS_CSV_UNIT, 0, 0.5, NULL},
      {0, 0, 5, NULL},
      {0, FS_EINVAL, 0, "t.csv:13: column 2 (Deductible): expected a number (got \"1e\")"},
      {FS_CSV_NONNEG, FS_EINVAL, 0,
       "t.csv:14: column 2 (Deductible): expected a non-negative number (got an empty field)"},
      {FS_CSV_UNIT, FS_EINVAL, 0,
       "t.csv:15: column 2 (Deductible): expected a number between 0 and 1 (got \"1.5\")"},
      {FS_CSV_POSITIVE | FS_CSV_WHOLE, FS_EINVAL, 0,
       "t.csv:16: column 2 (Deductible): expected a positive whole number (got \"2.5\")"},
      {FS_CSV_POSITIVE, FS_EINVAL, 0,
       "t.csv:17: column 2 (Deductible): expected a positive number (got \"0\")"},
      {0, FS_EINVAL, 0, "t.csv:18: column 2 (Deductible): number out of range (got \"1e400\")"},
      {FS_CSV_NONNEG, 0, 0, NULL},
  };
  size_t ncase = sizeof cases / sizeof cases[0];
  int all = 1;
  for (size_t k = 0; k < ncase; k++) {
    fs_err e = {0};
    v = -99;
    int ok = fs_csv_next(c, &e) == 1;
    int rc = fs_csv_number(c, 1, cases[k].flags, &v, &e);
    ok = ok && rc == cases[k].rc &&
         (cases[k].msg ? strcmp(e.msg, cases[k].msg) == 0 : v == cases[k].v && !signbit(v));
    if (!ok) tap_diag("case %zu: rc %d v %g msg %s", k + 2, rc, v, e.msg);
    all &= ok;
  }
  tap_ok(all, "%zu number cases: grammar, ranges and messages", ncase);
  fs_csv_close(c);
  fclose(f);

  tap_ok(open_text(&c, &f, TEXT("x,y\n,\n"), &err) == 0 && fs_csv_next(c, &err) == 1, "empty row");
  v = 7;
  tap_ok(fs_csv_number(c, 0, FS_CSV_OPTIONAL | FS_CSV_NONNEG, &v, &err) == 1 && v == 7,
         "an optional empty number returns 1 and leaves the value");
  tap_ok(fs_csv_fail(c, 1, &err, FS_EINVAL, "custom %d", 5) == FS_EINVAL &&
             strcmp(err.msg, "t.csv:2: column 2 (y): custom 5") == 0,
         "fs_csv_fail formats file, line, column and name");
  fs_csv_close(c);
  fclose(f);

  const char *ids[] = {"finance", "healthcare", "retail", "manufacturing"};
  tap_ok(fs_suggest("finanse", ids, 4) == ids[0], "suggest: one typo");
  tap_ok(fs_suggest("HEALTHCARE", ids, 4) == ids[1], "suggest: case ignored");
  tap_ok(fs_suggest("manufactring", ids, 4) == ids[3], "suggest: a dropped letter");
  tap_ok(fs_suggest("energy", ids, 4) == NULL, "suggest: nothing close");
  tap_ok(fs_suggest("x", ids, 0) == NULL, "suggest: no candidates");
  return tap_done();
}
