/* manifest.c: the common head of every manifest.json (manifest.h). */
#include "util/manifest.h"

#include <inttypes.h>
#include <string.h>

#include "fs_config.h"
#include "fs_git.h"
#include "util/json.h"

void fs_manifest_input_add(fs_manifest *m, const char *role, const char *path, int hashed,
                           uint64_t hash) {
  if (m->ninputs < FS_MANIFEST_MAX_INPUTS)
    m->inputs[m->ninputs++] = (fs_manifest_input){role, path, hashed, hash};
}

const char *fs_manifest_git(void) {
  return FS_GIT_REVISION[0] ? FS_GIT_REVISION : NULL;
}

void fs_manifest_head(FILE *f, const fs_manifest *m) {
  fprintf(f, "{\n  \"program\": \"fleetsim\",\n  \"version\": ");
  fs_json_str(f, FS_VERSION);
  fputs(",\n  \"git\": ", f);
  if (fs_manifest_git())
    fs_json_str(f, fs_manifest_git());
  else
    fputs("null", f);
  fputs(",\n  \"kind\": ", f);
  fs_json_str(f, m->kind);
  fputs(",\n  \"command\": ", f);
  fs_json_str(f, m->command ? m->command : "");
  fprintf(f, ",\n  \"seed\": \"%" PRIu64 "\",\n  \"inputs\": [", m->seed);
  for (int i = 0; i < m->ninputs; i++) {
    const fs_manifest_input *in = &m->inputs[i];
    fputs(i ? ",\n    {\"role\": " : "\n    {\"role\": ", f);
    fs_json_str(f, in->role);
    fputs(", \"path\": ", f);
    fs_json_str(f, in->path);
    if (in->hashed)
      fprintf(f, ", \"hash\": \"fnv1a64:%016" PRIx64 "\"}", in->hash);
    else
      fputs(", \"hash\": null}", f);
  }
  fprintf(f, "%s],\n  \"wall_seconds\": %.3f,\n", m->ninputs ? "\n  " : "", m->wall_seconds);
}

static const fs_jval *input(const fs_jval *root, const char *role) {
  const fs_jval *a = fs_jread_get(root, "inputs");
  for (size_t i = 0; a && a->kind == FS_JARR && i < a->n; i++)
    if (strcmp(fs_jread_str(fs_jread_get(&a->items[i], "role"), ""), role) == 0)
      return &a->items[i];
  return NULL;
}

const char *fs_manifest_input_path(const fs_jval *root, const char *role, const char *dflt) {
  return fs_jread_str(fs_jread_get(input(root, role), "path"), dflt);
}

const char *fs_manifest_input_hash(const fs_jval *root, const char *role, const char *dflt) {
  return fs_jread_str(fs_jread_get(input(root, role), "hash"), dflt);
}

const char *fs_manifest_seed(const fs_jval *root, const char *dflt) {
  return fs_jread_str(fs_jread_get(root, "seed"), dflt);
}

void fs_manifest_program(const fs_jval *root, char *buf, size_t cap) {
  const char *git = fs_jread_str(fs_jread_get(root, "git"), NULL);
  snprintf(buf, cap, "fleetsim %s%s%s%s", fs_jread_str(fs_jread_get(root, "version"), "?"),
           git ? " (git " : "", git ? git : "", git ? ")" : "");
}

int fs_manifest_check(const fs_jval *root, const char *path, const char **kind, fs_err *err) {
  const char *prog = fs_jread_str(fs_jread_get(root, "program"), "");
  *kind = fs_jread_str(fs_jread_get(root, "kind"), NULL);
  if (strcmp(prog, "fleetsim") != 0 || !*kind)
    return fs_err_set(err, FS_EINVAL,
                      "%s: not written by fleetsim (no \"program\": \"fleetsim\" with a "
                      "\"kind\")",
                      path);
  return 0;
}
