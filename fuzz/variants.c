/* variants.c: fuzzes a what-if variant file (scenario/variant.h:
   fs_variant_load, with compare/compare.h's parameter check as the judge):
   Lua source in, a checked variant or an error out. The parameters are
   checked against the reference scenario (scenarios/crowdstrike-2024.lua,
   loaded once); the file runs in the sandbox with small limits. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare/compare.h"
#include "fuzz.h"
#include "scenario/scenario.h"
#include "scenario/variant.h"

static char models[1024];
static fs_scenario reference;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void) argc;
  (void) argv;
  fs_fuzz_dir();
  char path[1024];
  snprintf(models, sizeof models, "%s/models", fs_fuzz_source_root());
  snprintf(path, sizeof path, "%s/scenarios/crowdstrike-2024.lua", fs_fuzz_source_root());
  fs_load_opts o = {.path = path, .models_dir = models};
  fs_err err = {0};
  if (fs_scenario_load(&reference, &o, &err) != 0) {
    fprintf(stderr, "fuzz variants: %s\n", err.msg);
    abort();
  }
  return 0;
}

/* What variant.h promises of a loaded variant: a name, a description and
   a source; 1 to FS_MAX_SETS parameters of the scenario, sorted, each
   once, with finite values. */
static void check(const fs_variant *v) {
  if (!v->name[0] || !v->source[0] || v->nsets < 1 || v->nsets > FS_MAX_SETS) abort();
  for (int i = 0; i < v->nsets; i++) {
    const fs_set *s = &v->sets[i];
    char why[256];
    if (!isfinite(s->value) || fs_compare_known_param(reference.cfg, s->name, why, sizeof why))
      abort();
    if (i && strcmp(v->sets[i - 1].name, s->name) >= 0) abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char path[1024];
  fs_fuzz_write(path, sizeof path, "variant.lua", data, size);
  fs_lua_limits lim = {.mem_bytes = (size_t) 8 << 20, .steps = 500000};
  static fs_variant v;
  fs_err err = {0};
  int rc = fs_variant_load(path, models, &lim, fs_compare_known_param, reference.cfg, &v, &err);
  if (rc == 0) {
    check(&v);
  } else if (err.msg[0] == '\0') {
    fprintf(stderr, "fuzz variants: a failed load without a message (%d)\n", rc);
    abort();
  }
  return 0;
}
