/* folder.c: a built catalogue's folder, written whole or not at all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "util/fsutil.h"
#include "util/manifest.h"
#include "util/path.h"

static int write_manifest(const char *dir, const fs_catalog *c, const char *command, double wall,
                          fs_err *err) {
  FILE *f = fs_out_open(dir, "manifest.json", err);
  if (!f) return FS_EIO;
  fs_manifest m = {.kind = "catalog", .command = command, .seed = c->seed, .wall_seconds = wall};
  fs_manifest_input_add(&m, "catalog", c->decl.path, 1, c->decl_hash);
  fs_manifest_head(f, &m);
  double total = 0;
  for (size_t e = 0; e < c->nevents; e++) total += c->ev[e].rate;
  fprintf(f, "  \"catalog_name\": \"%s\",\n  \"events\": %zu,\n  \"families\": %d,\n", c->decl.name,
          c->nevents, c->decl.nfam);
  fprintf(f, "  \"annual_rate\": %.17g\n}\n", total);
  return fs_out_close(f, dir, "manifest.json", err);
}

int fs_catalog_folder_write(const char *out, const fs_catalog *c, const char *command, double wall,
                            fs_err *err) {
  char tmp[FS_PATH_MAX];
  int cleaned = 0;
  int rc = fs_outdir_begin(out, "catalog", tmp, sizeof tmp, &cleaned, err);
  if (rc != 0) return rc;
  FILE *f = fs_out_open(tmp, "events.csv", err);
  rc = f ? fs_catalog_write_events(c, f, err) : FS_EIO;
  if (f && fs_out_close(f, tmp, "events.csv", rc == 0 ? err : NULL) != 0 && rc == 0) rc = FS_EIO;
  if (rc == 0) {
    f = fs_out_open(tmp, "catalog.json", err);
    rc = f ? fs_catalog_write_json(c, f, err) : FS_EIO;
    if (f && fs_out_close(f, tmp, "catalog.json", rc == 0 ? err : NULL) != 0 && rc == 0)
      rc = FS_EIO;
  }
  if (rc == 0) rc = write_manifest(tmp, c, command, wall, err);
  if (rc == 0) rc = fs_outdir_commit(tmp, out, "catalog", err);
  if (rc != 0) fs_outdir_abort(tmp);
  return rc;
}
