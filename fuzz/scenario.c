/* scenario.c: fuzzes the scenario loader (scenario/scenario.h:
   fs_scenario_load): Lua source in, a checked configuration or an error
   out. The script runs in the sandbox with small limits (8 MiB of Lua heap,
   500,000 instructions a phase), so a hostile script costs milliseconds;
   `require` sees the real models/ folder, so the seeds load whole. */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "scenario/scenario.h"

static char models[1024];

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void) argc;
  (void) argv;
  fs_fuzz_dir();
  snprintf(models, sizeof models, "%s/models", fs_fuzz_source_root());
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char path[1024];
  fs_fuzz_write(path, sizeof path, "scenario.lua", data, size);
  fs_load_opts o = {0};
  o.path = path;
  o.models_dir = models;
  o.limits.mem_bytes = (size_t) 8 << 20;
  o.limits.steps = 500000;
  fs_scenario s;
  fs_err err = {0};
  int rc = fs_scenario_load(&s, &o, &err);
  if (rc == 0) {
    if (!s.cfg || !s.lua) abort();
    fs_scenario_free(&s);
  } else if (err.msg[0] == '\0' || s.cfg || s.lua) {
    fprintf(stderr, "fuzz scenario: a failed load leaves state or no message (%d: %s)\n", rc,
            err.msg);
    abort();
  }
  return 0;
}
