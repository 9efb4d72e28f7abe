/* set_param.c: fuzzes the --set and --param parsers. --set is
   fs_set_parse; --param has no parser of its own in the public API, so
   its most direct entry is used: fs_sweep_spec_complete on a small scenario
   (fuzz/data/params.lua), then fs_design_build of the completed spec.
   The input is lines:
     set NAME=VALUE           a --set (at most 8)
     param NAME[=LO:HI[:STEP]]  a --param (at most 8)
     design KIND N [nooat]    the design and --points (default grid 3)
   other lines are ignored. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "sweep/sweep.h"

static char scenario[1024], models[1024];

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void) argc;
  (void) argv;
  snprintf(scenario, sizeof scenario, "%s/fuzz/data/params.lua", fs_fuzz_source_root());
  snprintf(models, sizeof models, "%s/models", fs_fuzz_source_root());
  return 0;
}

/* The design's size, roughly, before building it: large but allowed
   designs cost seconds and are skipped (fs_design_build refuses the ones
   over its limit cheaply, and those are kept). */
static double grid_estimate(const fs_sweep_spec *s) {
  double total = 1;
  for (int j = 0; j < s->d; j++) {
    const fs_sweep_param *p = &s->params[j];
    double m = p->lo == p->hi ? 1
               : p->step > 0  ? floor((p->hi - p->lo) / p->step) + 1
                              : (double) s->n;
    if (p->integer && m > p->hi - p->lo + 1) m = floor(p->hi) - ceil(p->lo) + 1;
    total *= m;
  }
  return total;
}

static void build_design(const fs_sweep_spec *s) {
  double est = s->design == FS_DESIGN_GRID       ? grid_estimate(s)
               : s->design == FS_DESIGN_SALTELLI ? (double) s->n * (s->d + 2)
                                                 : (double) s->n;
  if (est > 2e5 && est <= FS_DESIGN_MAX_POINTS) return;
  fs_design dz;
  fs_err err = {0};
  int rc = fs_design_build(&dz, s->design, s->params, s->d, s->n, s->oat, s->run_seed, &err);
  if (rc == 0) {
    /* design.h's invariants: every value in range and a fixed point of quantisation. */
    for (size_t p = 0; p < dz.npoints; p++)
      for (int j = 0; j < s->d; j++) {
        const fs_sweep_param *sp = &s->params[j];
        double x = dz.x[p * (size_t) dz.d + (size_t) j];
        if (!(x >= sp->lo && x <= sp->hi)) {
          fprintf(stderr, "point %zu: %s = %.17g outside [%.17g, %.17g]\n", p, sp->name, x, sp->lo,
                  sp->hi);
          abort();
        }
        if (fs_design_quantise(sp, x) != x) {
          fprintf(stderr, "point %zu: %s = %.17g is not quantised\n", p, sp->name, x);
          abort();
        }
      }
  } else if (err.msg[0] == '\0') {
    abort();
  }
  fs_design_free(&dz);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = fs_fuzz_cstr(data, size);
  fs_sweep_spec *s = calloc(1, sizeof *s);
  fs_sweep_param_arg *args = calloc(8, sizeof *args);
  if (!s || !args) abort();
  snprintf(s->scenario, sizeof s->scenario, "%s", scenario);
  snprintf(s->models_dir, sizeof s->models_dir, "%s", models);
  s->scale = 1;
  s->lua_mem_mib = 16;
  s->lua_steps = 1000000;
  snprintf(s->queue, sizeof s->queue, "ladder");
  s->design = FS_DESIGN_GRID;
  s->n = 3;
  s->oat = 1;
  s->reps = 1;
  int nargs = 0, bad = 0;
  char *save = NULL;
  for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    fs_err err = {0};
    if (strncmp(line, "set ", 4) == 0 && s->nsets < 8) {
      if (fs_set_parse(line + 4, &s->sets[s->nsets], &err) == 0)
        s->nsets++;
      else if (err.code != FS_EUSAGE || !err.msg[0])
        abort();
      else
        bad = 1; /* the CLI stops at a bad --set */
    } else if (strncmp(line, "param ", 6) == 0 && nargs < 8) {
      snprintf(args[nargs++].text, sizeof args[0].text, "%s", line + 6);
    } else if (strncmp(line, "design ", 7) == 0) {
      char kind[16] = "";
      unsigned long n = 0;
      char extra[16] = "";
      int got = sscanf(line + 7, "%15s %lu %15s", kind, &n, extra);
      if (got >= 1 && fs_design_kind_parse(kind, &s->design) != 0) bad = 1;
      if (got >= 2) s->n = n < 1 ? 1 : n > 4096 ? 4096 : (size_t) n;
      if (got == 3 && strcmp(extra, "nooat") == 0) s->oat = 0;
    }
  }
  if (!bad) {
    fs_err err = {0};
    int rc = fs_sweep_spec_complete(s, args, nargs, &err);
    if (rc == 0) {
      if (s->d != nargs || s->noutputs < 1) abort();
      build_design(s);
    } else if (err.msg[0] == '\0') {
      abort();
    }
  }
  free(args);
  free(s);
  free(text);
  return 0;
}
