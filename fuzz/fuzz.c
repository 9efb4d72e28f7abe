/* fuzz.c: the harnesses' temporary folder and input files (fuzz.h). */
#define _XOPEN_SOURCE 700 /* nftw */
#include "fuzz.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs_config.h"

/* One folder per process, the only state the harnesses keep between
   inputs besides what each sets up once in LLVMFuzzerInitialize. */
static char fuzz_dir[512];

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw) {
  (void) sb;
  (void) flag;
  (void) ftw;
  remove(path);
  return 0;
}

static void remove_dir(void) {
  if (fuzz_dir[0]) nftw(fuzz_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

const char *fs_fuzz_dir(void) {
  if (fuzz_dir[0]) return fuzz_dir;
  const char *tmp = getenv("TMPDIR");
  if (!tmp || !*tmp) tmp = "/tmp";
  int n = snprintf(fuzz_dir, sizeof fuzz_dir, "%s/fleetsim-fuzz-XXXXXX", tmp);
  if (n < 0 || (size_t) n >= sizeof fuzz_dir || !mkdtemp(fuzz_dir)) {
    fprintf(stderr, "fuzz: cannot make a temporary folder under %s\n", tmp);
    abort();
  }
  atexit(remove_dir);
  return fuzz_dir;
}

const char *fs_fuzz_path(char *buf, size_t cap, const char *name) {
  int n = snprintf(buf, cap, "%s/%s", fs_fuzz_dir(), name);
  if (n < 0 || (size_t) n >= cap) {
    fprintf(stderr, "fuzz: path too long: %s/%s\n", fs_fuzz_dir(), name);
    abort();
  }
  return buf;
}

const char *fs_fuzz_write(char *buf, size_t cap, const char *name, const uint8_t *data,
                          size_t size) {
  fs_fuzz_path(buf, cap, name);
  /* A new file, not the old one truncated: ext4 (auto_da_alloc) flushes a
     file rewritten after truncation on close, a disk write per input. */
  remove(buf);
  FILE *f = fopen(buf, "wb");
  if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
    fprintf(stderr, "fuzz: cannot write %s\n", buf);
    abort();
  }
  return buf;
}

char *fs_fuzz_cstr(const uint8_t *data, size_t size) {
  char *s = malloc(size + 1);
  if (!s) abort();
  if (size) memcpy(s, data, size);
  s[size] = '\0';
  return s;
}

const char *fs_fuzz_source_root(void) {
  return FS_SOURCE_ROOT;
}
