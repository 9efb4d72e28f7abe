/* hash.c: FNV-1a 64 over memory and over files. */
#include "util/hash.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "util/fsutil.h"

uint64_t fs_fnv1a(uint64_t h, const void *data, size_t n) {
  const unsigned char *b = data;
  for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 0x100000001b3ULL;
  return h;
}

int fs_fnv1a_file(const char *path, uint64_t *out, fs_err *err) {
  FILE *f = fs_open_input(path, 0, err);
  if (!f) return err ? err->code : FS_EIO;
  uint64_t h = FS_FNV_BASIS;
  unsigned char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) h = fs_fnv1a(h, buf, n);
  int bad = ferror(f);
  fclose(f);
  if (bad) return fs_err_set(err, FS_EIO, "%s: read error", path);
  *out = h;
  return 0;
}
