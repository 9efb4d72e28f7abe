/* observations.c: fuzzes an event's observation file (scenario/observe.h:
   fs_obs_load, with validate/validate.h's output table as the judge of
   outputs): Lua source in, a checked set of observations or an error out.
   The outputs are checked against the scenario of an event of the
   history library (kaseya-vsa-2021, loaded once) and no portfolio; the
   file runs in the sandbox with small limits. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "scenario/observe.h"
#include "scenario/scenario.h"
#include "validate/validate.h"

static char models[1024];
static fs_scenario event;
static fs_validate_known known;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void) argc;
  (void) argv;
  fs_fuzz_dir();
  char path[1024];
  snprintf(models, sizeof models, "%s/models", fs_fuzz_source_root());
  snprintf(path, sizeof path, "%s/scenarios/history/kaseya-vsa-2021.lua", fs_fuzz_source_root());
  fs_load_opts o = {.path = path, .models_dir = models};
  fs_err err = {0};
  if (fs_scenario_load(&event, &o, &err) != 0) {
    fprintf(stderr, "fuzz observations: %s\n", err.msg);
    abort();
  }
  known = (fs_validate_known){.cfg = event.cfg};
  return 0;
}

/* What observe.h promises of a loaded set. */
static void check(const fs_obs_set *s) {
  if (s->n < 1 || s->n > FS_OBS_MAX) abort();
  for (int i = 0; i < s->n; i++) {
    const fs_obs *o = &s->obs[i];
    if (!(o->lo > 0) || !(o->lo <= o->hi) || !isfinite(o->hi)) abort();
    if (!(o->value >= o->lo && o->value <= o->hi)) abort();
    if (!o->id[0] || !o->output[0] || !o->title[0] || !o->publisher[0] || !o->date[0]) abort();
    if (o->calibration != 0 && o->calibration != 1) abort();
    for (int j = 0; j < i; j++)
      if (strcmp(s->obs[j].id, o->id) == 0) abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char path[1024];
  fs_fuzz_write(path, sizeof path, "event.obs.lua", data, size);
  fs_lua_limits lim = {.mem_bytes = (size_t) 8 << 20, .steps = 500000};
  static fs_obs_set set; /* large: not on the stack */
  fs_err err = {0};
  int rc = fs_obs_load(path, "kaseya-vsa-2021", models, &lim, fs_validate_output_known, &known,
                       &set, &err);
  if (rc == 0) {
    check(&set);
  } else if (err.msg[0] == '\0' || set.n != 0) {
    fprintf(stderr, "fuzz observations: a failed load keeps observations or no message (%d: %s)\n",
            rc, err.msg);
    abort();
  }
  return 0;
}
