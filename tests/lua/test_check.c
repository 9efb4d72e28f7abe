/* test_check.c: typed reads of scenario tables and their file:line messages. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <lua.h>

#include "scenario/check.h"
#include "util/suggest.h"
#include "tap.h"

#define FIX    FS_TEST_FIXTURES
#define MODELS FIX "/models"
#define SCEN   FIX "/check_scen.lua"
#define INDUS  MODELS "/industries.lua"
#define REGIS  MODELS "/registry.lua"

/* The line of `file` holding `needle` first (so messages are verified
   against the fixture text, not against numbers copied into this test). */
static int line_of(const char *file, const char *needle) {
  FILE *f = fopen(file, "r");
  char buf[512];
  int n = 0, found = 0;
  while (f && fgets(buf, sizeof buf, f)) {
    n++;
    if (strstr(buf, needle)) {
      found = n;
      break;
    }
  }
  if (f) fclose(f);
  if (!found) tap_diag("'%s' not found in %s", needle, file);
  return found;
}

static fs_err err;

/* rc is FS_EINVAL and the message is "file:line(needle): rest". */
static void expect(int rc, const char *file, const char *needle, const char *rest,
                   const char *what) {
  char want[FS_ERR_MAX];
  snprintf(want, sizeof want, "%s:%d: %s", file, line_of(file, needle), rest);
  int ok = rc == FS_EINVAL && strcmp(err.msg, want) == 0;
  tap_ok(ok, "%s", what);
  if (!ok) tap_diag("rc %d\n#  got: %s\n# want: %s", rc, err.msg, want);
}

static void test_scalars(fs_check *c, lua_State *L) {
  double d = -1;
  int64_t i = -1;
  int b = -1, k = -1;
  char s[64];

  expect(fs_check_number(c, 1, "name", 1, 0, 1, 0, &d), SCEN, "name = \"demo\"",
         "name: expected a number (got string \"demo\")", "number of the wrong type");
  expect(fs_check_string(c, 1, "name", 1, NULL, s, 4), SCEN, "name = \"demo\"",
         "name: must be at most 3 bytes long (got 4 bytes: \"demo\")", "string too long");
  tap_ok(fs_check_enter(c, 1, "fleet", 1) == 1 && strcmp(fs_check_path(c), "fleet") == 0,
         "enter fleet");
  expect(fs_check_number(c, -1, "ratio", 1, 0, 1, 0, &d), SCEN, "ratio = 1.4",
         "fleet.ratio: must be in [0, 1] (got 1.4)", "number out of range");
  expect(fs_check_number(c, -1, "ratio", 1, 2, INFINITY, 0, &d), SCEN, "ratio = 1.4",
         "fleet.ratio: must be >= 2 (got 1.4)", "number below a one-sided range");
  expect(fs_check_number(c, -1, "missing_field", 1, 0, 1, 0, &d), SCEN, "fleet = {",
         "fleet.missing_field: missing required field", "missing required number");
  tap_ok(fs_check_number(c, -1, "missing_field", 0, 0, 1, 0.5, &d) == 0 && d == 0.5,
         "an absent optional number takes its default");
  tap_ok(fs_check_number(c, -1, "size", 1, 0, 1e6, 0, &d) == 0 && d == 1000, "a good number");

  expect(fs_check_integer(c, -1, "sizes", 1, 0, 100, 0, &i), SCEN, "sizes = 12.5",
         "fleet.sizes: expected an integer (got number 12.5)", "non-integral integer");
  expect(fs_check_integer(c, -1, "size", 1, 1, 100, 0, &i), SCEN, "size = 1000",
         "fleet.size: must be in [1, 100] (got 1000)", "integer out of range");
  expect(fs_check_integer(c, -1, "label", 1, INT64_MIN, 5, 0, &i), SCEN, "label = 7",
         "fleet.label: must be <= 5 (got 7)", "integer above a one-sided range");
  tap_ok(fs_check_integer(c, -1, "size", 1, 1, INT64_MAX, 0, &i) == 0 && i == 1000,
         "a good integer");
  tap_ok(fs_check_integer(c, -1, "nope", 0, 1, 9, 7, &i) == 0 && i == 7, "integer default");

  expect(fs_check_bool(c, -1, "enabled", 1, 0, &b), SCEN, "enabled = \"yes\"",
         "fleet.enabled: expected a boolean (got string \"yes\")", "boolean of the wrong type");
  tap_ok(fs_check_bool(c, -1, "nope", 0, 1, &b) == 0 && b == 1, "boolean default");

  expect(fs_check_string(c, -1, "label", 1, NULL, s, sizeof s), SCEN, "label = 7",
         "fleet.label: expected a string (got number 7)", "string of the wrong type");
  tap_ok(fs_check_string(c, 1, "name", 1, NULL, s, sizeof s) == 0 && strcmp(s, "demo") == 0,
         "a good string");
  tap_ok(fs_check_string(c, 1, "nope", 0, "dflt", s, sizeof s) == 0 && strcmp(s, "dflt") == 0,
         "string default");

  static const char *const kinds[] = {"poisson", "weibull", NULL};
  expect(fs_check_choice(c, -1, "kind", 1, kinds, 0, &k), SCEN, "kind = \"weibul\"",
         "fleet.kind: must be one of 'poisson', 'weibull' (got \"weibul\")", "bad choice");
  tap_ok(fs_check_choice(c, -1, "nope", 0, kinds, 1, &k) == 0 && k == 1, "choice default");
  static const char *const kinds2[] = {"weibul", NULL};
  tap_ok(fs_check_choice(c, -1, "kind", 1, kinds2, 0, &k) == 0 && k == 0, "a good choice");

  expect(fs_check_enter(c, -1, "nested", 0), SCEN, "nested = 3",
         "fleet.nested: expected a table (got number 3)", "enter a non-table");
  expect(fs_check_enter(c, -1, "absent", 1), SCEN, "fleet = {",
         "fleet.absent: missing required field", "enter a missing required table");
  tap_ok(fs_check_enter(c, -1, "absent", 0) == 0, "enter an absent optional table: 0");

  expect(fs_check_fail(c, "size", "must be even (got %d)", 1001), SCEN, "size = 1000",
         "fleet.size: must be even (got 1001)", "fs_check_fail at a key");
  fs_check_leave(c);
  tap_ok(strcmp(fs_check_path(c), "") == 0 && lua_gettop(L) == 1, "leave restores path and stack");
}

static void test_keys(fs_check *c, lua_State *L) {
  static const char *const fleet_keys[] = {"size",       "sizes",    "ratio",   "label",
                                           "enabled",    "kind",     "nested",  "fleet",
                                           "industries", "registry", "regions", NULL};
  fs_check_enter(c, 1, "fleet", 1);
  expect(fs_check_keys(c, -1, fleet_keys), SCEN, "fleeet = 1",
         "fleet.fleeet: unknown field (did you mean 'fleet'?)",
         "unknown keys: the first in byte order, with a suggestion");
  static const char *const fleet_keys2[] = {"size",       "sizes",    "ratio",   "label",
                                            "enabled",    "kind",     "nested",  "fleeet",
                                            "industries", "registry", "regions", NULL};
  char rest[512];
  snprintf(rest, sizeof rest,
           "fleet.xyzzy: unknown field (expected one of: size, sizes, ratio, "
           "label, enabled, kind, nested, fleeet, industries, registry, "
           "regions)");
  expect(fs_check_keys(c, -1, fleet_keys2), SCEN, "xyzzy = 2", rest,
         "no suggestion when nothing is close: the allowed names are listed");
  fs_check_leave(c);

  static const char *const root_keys[] = {"name", "start", "times", "fleet", NULL};
  expect(fs_check_keys(c, 1, root_keys), SCEN, "[1] = \"stray\"",
         "[1]: unexpected list element in a table of named fields (got string \"stray\")",
         "a positional element in a record is an error");
  (void) L;

  tap_ok(fs_edit_distance("sahre", "share") == 1, "distance: one transposition");
  tap_ok(fs_edit_distance("kitten", "sitting") == 3, "distance: kitten/sitting");
  tap_ok(fs_edit_distance("", "abc") == 3 && fs_edit_distance("abc", "abc") == 0,
         "distance: empty and equal");
}

static void test_modules(fs_check *c, lua_State *L) {
  static const char *const ind_keys[] = {"share", NULL};
  double d;
  fs_check_enter(c, 1, "fleet", 1);
  tap_ok(fs_check_enter(c, -1, "industries", 1) == 1, "enter a module's table");
  tap_ok(strcmp(fs_check_file(c), INDUS) == 0 && strcmp(fs_check_path(c), "") == 0,
         "the file switches to the module and the path restarts");
  fs_check_enter(c, -1, "airlines", 1);
  expect(fs_check_keys(c, -1, ind_keys), INDUS,
         "sahre =", "airlines.sahre: unknown field (did you mean 'share'?)",
         "an unknown key inside a module names the module file and line");
  fs_check_leave(c);
  fs_check_enter(c, -1, "banks", 1);
  expect(fs_check_number(c, -1, "share", 1, 0, 1, 0, &d), INDUS, "share = 1.5",
         "banks.share: must be in [0, 1] (got 1.5)", "a bad value inside a module");
  fs_check_leave(c);
  fs_check_leave(c);
  tap_ok(strcmp(fs_check_file(c), SCEN) == 0 && strcmp(fs_check_path(c), "fleet") == 0,
         "leaving the module restores file and path");

  fs_check_enter(c, -1, "registry", 1);
  fs_check_enter(c, -1, "kiosk", 1);
  expect(fs_check_number(c, -1, "weight", 1, 0, INFINITY, 0, &d), REGIS, "weight = -2",
         "kiosk.weight: must be >= 0 (got -2)", "a module built as `local M` then `return M`");
  fs_check_leave(c);
  fs_check_leave(c);

  /* Tables built in locals: `regions = regions`. */
  fs_check_enter(c, -1, "regions", 1);
  tap_ok(fs_check_enter_index(c, -1, 2) == 1 && strcmp(fs_check_path(c), "fleet.regions[2]") == 0,
         "enter an array element");
  expect(fs_check_number(c, -1, "weight", 1, 0, 1, 0, &d), SCEN, "weight = \"heavy\"",
         "fleet.regions[2].weight: expected a number (got string \"heavy\")",
         "a field of a table built in a local is found on its own line");
  fs_check_leave(c);
  expect(fs_check_enter_index(c, -1, 3), SCEN, "regions = regions",
         "fleet.regions[3]: missing required element", "a missing array element");
  fs_check_leave(c);
  fs_check_leave(c);
  tap_ok(lua_gettop(L) == 1 && c->depth == 0, "balanced enter/leave leaves the stack as it was");
}

static void test_time(fs_check *c) {
  double t = -1;
  tap_ok(fs_check_time(c, 1, "start", 1, &t) == 0 && t == 1709272800.0,
         "2024-03-01T06:00Z is 1709272800");
  fs_check_enter(c, 1, "times", 1);
  tap_ok(fs_check_time(c, -1, "leap", 1, &t) == 0 && t == 1709209815.0,
         "2024-02-29T12:30:15Z (leap day, seconds) is 1709209815");
  expect(fs_check_time(c, -1, "feb30", 1, &t), SCEN, "feb30 =",
         "times.feb30: day must be in [1, 29] for February 2024 (got \"2024-02-30T00:00Z\")",
         "2024-02-30 is refused");
  expect(fs_check_time(c, -1, "feb29", 1, &t), SCEN, "feb29 =",
         "times.feb29: day must be in [1, 28] for February 2023 (got \"2023-02-29T00:00Z\")",
         "2023-02-29 is refused (not a leap year)");
  expect(fs_check_time(c, -1, "hour24", 1, &t), SCEN,
         "hour24 =", "times.hour24: hour must be in [0, 23] (got \"2024-01-01T24:00Z\")",
         "hour 24 is refused");
  expect(fs_check_time(c, -1, "sloppy", 1, &t), SCEN, "sloppy =",
         "times.sloppy: must be an ISO 8601 UTC time like \"2024-03-01T06:00Z\" (got "
         "\"2024-1-01T00:00Z\")",
         "a one-digit month is refused");
  expect(fs_check_time(c, -1, "nozone", 1, &t), SCEN, "nozone =",
         "times.nozone: must be an ISO 8601 UTC time like \"2024-03-01T06:00Z\" (got "
         "\"2024-01-01T00:00\")",
         "a time without Z is refused");
  expect(fs_check_time(c, -1, "number", 1, &t), SCEN, "number = 1700000000",
         "times.number: expected a string (got number 1700000000)", "a number is not a time");
  t = 5;
  tap_ok(fs_check_time(c, -1, "nope", 0, &t) == 0 && t == 5, "an absent optional time is left");
  fs_check_leave(c);

  static const struct {
    const char *s;
    double want; /* NAN: invalid */
  } cases[] = {
      {"1970-01-01T00:00Z", 0},         {"1970-01-01T00:00:01Z", 1},
      {"2000-02-29T00:00Z", 951782400}, {"1900-02-29T00:00Z", NAN},
      {"2100-02-29T00:00Z", NAN},       {"2024-13-01T00:00Z", NAN},
      {"2024-00-01T00:00Z", NAN},       {"2024-01-00T00:00Z", NAN},
      {"2024-04-31T00:00Z", NAN},       {"2024-01-01T23:60Z", NAN},
      {"2024-01-01T23:59:60Z", NAN},    {"2024-01-01T23:59:59Z", 1704153599},
      {"1969-12-31T23:59Z", -60},       {"2024-01-01 00:00Z", NAN},
      {"2024-01-01T00:00+01:00", NAN},  {"", NAN},
      {"2024-01-01T00:00:0Z", NAN},     {"0000-01-01T00:00Z", NAN},
  };
  int ok = 1;
  for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
    char why[160];
    double v = 0;
    int rc = fs_check_parse_time(cases[k].s, &v, why, sizeof why);
    int good = isnan(cases[k].want) ? rc == FS_EINVAL : rc == 0 && v == cases[k].want;
    if (!good) tap_diag("%s: rc %d, %.0f (%s)", cases[k].s, rc, v, rc ? why : "");
    ok &= good;
  }
  tap_ok(ok, "ISO 8601 table: valid dates, leap rules, ranges, strict shape");
}

int main(void) {
  fs_lua *L = fs_lua_new(NULL, MODELS, 1, &err);
  if (!L || fs_lua_dofile(L, SCEN, &err) != 0) {
    tap_ok(0, "load the fixture: %s", err.msg);
    return tap_done();
  }
  lua_State *S = fs_lua_state(L);
  fs_check c;
  fs_check_init(&c, L, SCEN, &err);
  test_scalars(&c, S);
  test_keys(&c, S);
  test_modules(&c, S);
  test_time(&c);
  fs_check_done(&c);
  fs_lua_free(L);
  return tap_done();
}
