/* test_srcmap.c: source lines of table fields, from a tokenizer that never crashes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/srcmap.h"
#include "tap.h"

#define FIX FS_TEST_FIXTURES

static fs_srcmap *map_of(const char *src) {
  fs_err err = {0};
  fs_srcmap *m = fs_srcmap_from_string(src, strlen(src), &err);
  if (!m) tap_diag("srcmap: %s", err.msg);
  return m;
}

static void expect(const fs_srcmap *m, int suffix, const char *path, int want) {
  int got = suffix ? fs_srcmap_line_suffix(m, path) : fs_srcmap_line(m, path);
  tap_ok(got == want, "%s'%s' is on line %d", suffix ? "(suffix) " : "", path, want);
  if (got != want) tap_diag("got line %d", got);
}

static void test_basic(void) {
  const char *src = "-- a { comment } with braces\n"                                    /* 1 */
                    "--[==[ long { comment\n"                                           /* 2 */
                    "]] still } comment ]==]\n"                                         /* 3 */
                    "local s = [[ { long string } ]]\n"                                 /* 4 */
                    "return {\n"                                                        /* 5 */
                    "  fleet = {\n"                                                     /* 6 */
                    "    industries = {\n"                                              /* 7 */
                    "      airlines = { share = 0.3, note = \"}{\\\"\" },\n"            /* 8 */
                    "      ['banks'] = {\n"                                             /* 9 */
                    "        share = 0.2 },\n"                                          /* 10 */
                    "    },\n"                                                          /* 11 */
                    "  },\n"                                                            /* 12 */
                    "  list = {\n"                                                      /* 13 */
                    "    { mix = { kiosk = 1 } },\n"                                    /* 14 */
                    "    { mix = { kiosk = 2 } },\n"                                    /* 15 */
                    "    {\n"                                                           /* 16 */
                    "      mix = {\n"                                                   /* 17 */
                    "        kiosk = f(1, 2), pos = 3 } },\n"                           /* 18 */
                    "  },\n"                                                            /* 19 */
                    "  hook = function(a, b) local x, y = 1, 2 return { z = x } end,\n" /* 20 */
                    "  after = 'x',\n"                                                  /* 21 */
                    "  [7] = 'seven',\n"                                                /* 22 */
                    "  'positional',\n"                                                 /* 23 */
                    "}\n";
  fs_srcmap *m = map_of(src);
  if (!m) return;
  expect(m, 0, "fleet", 6);
  expect(m, 0, "fleet.industries.airlines.share", 8);
  expect(m, 0, "fleet.industries.airlines.note", 8);
  expect(m, 0, "fleet.industries.banks.share", 10);
  expect(m, 0, "fleet.industries.banks", 9);
  expect(m, 0, "fleet.industries.airlines.missing", 8);
  expect(m, 0, "fleet.industries.unknown.deep.path", 7);
  expect(m, 0, "list[3].mix.kiosk", 18);
  expect(m, 0, "list[3].mix", 17);
  expect(m, 0, "list[2].mix.kiosk", 15);
  expect(m, 0, "list[3].mix.pos", 18);
  expect(m, 0, "after", 21);
  expect(m, 0, "[7]", 22);
  expect(m, 0, "[1]", 23);
  expect(m, 0, "nothing.here", 5);
  expect(m, 0, "", 5);
  fs_srcmap_free(m);
}

static void test_locals(void) {
  const char *src = "local regions = {\n"                        /* 1 */
                    "  { name = 'north' },\n"                    /* 2 */
                    "  { name = 'south', weight = 2 },\n"        /* 3 */
                    "}\n"                                        /* 4 */
                    "local fleet = {\n"                          /* 5 */
                    "  size = 10,\n"                             /* 6 */
                    "  regions = regions,\n"                     /* 7 */
                    "}\n"                                        /* 8 */
                    "fleet.extra = { depth = 1 }\n"              /* 9 */
                    "for i = 1, 3 do end\n"                      /* 10 */
                    "local function mk() return { q = 1 } end\n" /* 11 */
                    "return {\n"                                 /* 12 */
                    "  fleet = fleet,\n"                         /* 13 */
                    "}\n";
  fs_srcmap *m = map_of(src);
  if (!m) return;
  expect(m, 0, "fleet.size", 6);
  expect(m, 0, "fleet.regions[2].weight", 3);
  expect(m, 0, "fleet.regions[9].weight", 7);
  expect(m, 0, "fleet.extra.depth", 9);
  expect(m, 0, "q", 12);
  expect(m, 1, "regions[2].name", 3);
  expect(m, 1, "outer.fleet.size", 6);
  expect(m, 1, "outer.nothing", 12);
  fs_srcmap_free(m);

  m = map_of("local M = {}\nM.kiosk = {\n  weight = 1,\n}\nreturn M\n");
  if (m) {
    expect(m, 0, "kiosk.weight", 3);
    expect(m, 0, "kiosk", 2);
    expect(m, 0, "", 5);
    fs_srcmap_free(m);
  }
  m = map_of("");
  if (m) {
    expect(m, 0, "a.b", 1);
    fs_srcmap_free(m);
  }
  m = map_of("local a = { x = b }\nlocal b = { y = a }\nreturn { a = a }\n");
  if (m) {
    expect(m, 0, "a.x.y.x.y.x.y.x.y.x.y.z", 1);
    fs_srcmap_free(m);
  }
}

/* Malformed sources must neither crash (ASan checks) nor loop. */
static void test_robust(void) {
  static const char *bad[] = {
      "return { a = { b = 1 }",
      "}}}}} return {",
      "return { [ = 1 }",
      "return { a = \"unterminated",
      "return { a = [[ never closed",
      "--[[ open comment",
      "return { ['k' = 1 }",
      "return {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{",
      "x = ",
      "return { a = (1, b = 2 }",
      "return { 0x1p+4, 1e-3, .5, 3..4 }",
      "\"\\",
      "#!/usr/bin/lua\nreturn { a = 1 }",
  };
  int ok = 1;
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    fs_srcmap *m = map_of(bad[i]);
    if (!m) ok = 0;
    if (m) (void) fs_srcmap_line_suffix(m, "a.b[1].c");
    fs_srcmap_free(m);
  }
  tap_ok(ok, "malformed sources give a map and no crash");
  fs_srcmap *m = map_of("#!/usr/bin/lua\nreturn { a = 1 }");
  if (m) {
    expect(m, 0, "a", 2);
    fs_srcmap_free(m);
  }

  /* Every prefix of a real fixture, and random bytes. */
  FILE *f = fopen(FIX "/models/industries.lua", "rb");
  char src[4096];
  size_t n = f ? fread(src, 1, sizeof src, f) : 0;
  if (f) fclose(f);
  ok = n > 0;
  for (size_t k = 0; k <= n && ok; k++) {
    fs_srcmap *p = fs_srcmap_from_string(src, k, NULL);
    ok = p != NULL;
    if (p) (void) fs_srcmap_line(p, "airlines.share");
    fs_srcmap_free(p);
  }
  tap_ok(ok, "every prefix of a fixture maps");
  unsigned x = 12345;
  ok = 1;
  for (int r = 0; r < 200 && ok; r++) {
    char rnd[256];
    for (size_t i = 0; i < sizeof rnd; i++) {
      x = x * 1103515245u + 12345u;
      rnd[i] = "{}[]()=,;\"'-\n abc.1\\"[(x >> 16) % 20];
    }
    fs_srcmap *p = fs_srcmap_from_string(rnd, sizeof rnd, NULL);
    ok = p != NULL;
    if (p) (void) fs_srcmap_line_suffix(p, "a.b[1].c");
    fs_srcmap_free(p);
  }
  tap_ok(ok, "random token soup maps");

  fs_err err = {0};
  tap_ok(fs_srcmap_load(FIX "/nope.lua", &err) == NULL && err.code == FS_EIO,
         "a missing file is FS_EIO");
  m = fs_srcmap_load(FIX "/models/industries.lua", &err);
  tap_ok(m && fs_srcmap_line(m, "banks.share") == 8, "fs_srcmap_load reads a file");
  fs_srcmap_free(m);
}

int main(void) {
  test_basic();
  test_locals();
  test_robust();
  return tap_done();
}
