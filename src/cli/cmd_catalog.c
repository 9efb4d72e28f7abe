/* cmd_catalog.c: `fleetsim catalog build`: a stochastic event catalogue
   drawn from a catalogue file's families (catalog/catalog.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/help.h"
#include "util/clock.h"

typedef struct build_args {
  int64_t events;
  uint64_t seed;
  int seed_given;
  const char *out, *models;
  int quiet;
} build_args;

static int build(int argc, char **argv) {
  build_args a = {.events = FS_CATALOG_DEFAULT_EVENTS, .seed = 1, .out = NULL};
  const fs_opt opts[] = {
      {"--events", NULL, FS_OPT_INT, "N", "events to draw (2000)", 1, FS_CATALOG_MAX_EVENTS, NULL,
       &a.events},
      {"--seed", NULL, FS_OPT_UINT64, "S", "random seed (1)", 0, 0, NULL, &a.seed, NULL, NULL,
       &a.seed_given},
      {"--output", "-o", FS_OPT_STRING, "DIR", "catalogue folder (results/catalog-NAME)", 0, 0,
       NULL, &a.out},
      {"--models", NULL, FS_OPT_STRING, "DIR", "models folder (default: the built-in one)", 0, 0,
       NULL, &a.models},
      {"--quiet", "-q", FS_OPT_FLAG, NULL, "print nothing but errors", 0, 0, NULL, &a.quiet},
  };
  const fs_cmd_spec spec =
      fs_cli_spec("fleetsim catalog build", opts, (int) (sizeof opts / sizeof opts[0]), 1, 1);
  char *pos[1];
  int npos, rc = fs_cli_parse(&spec, argc, argv, pos, &npos);
  if (rc >= 0) return rc;
  double t0 = fs_now();
  fs_catalog_build_opts o = {
      .path = pos[0], .models_dir = a.models, .nevents = (size_t) a.events, .seed = a.seed};
  fs_catalog *c = malloc(sizeof *c);
  char *command = fs_cli_command_line("fleetsim catalog build", argc, argv);
  fs_err err = {0};
  if (!c || !command) {
    free(c);
    free(command);
    fs_cli_eprintf("fleetsim catalog build: out of memory\n");
    return 1;
  }
  rc = fs_catalog_build(&o, c, &err);
  char out[FS_PATH_MAX];
  if (rc == 0) {
    if (a.out)
      snprintf(out, sizeof out, "%s", a.out);
    else
      snprintf(out, sizeof out, "results/catalog-%s", c->decl.name);
    rc = fs_catalog_folder_write(out, c, command, fs_now() - t0, &err);
  }
  int status = 0;
  if (rc != 0) {
    fs_cli_eprintf("fleetsim catalog build: %s\n", err.msg);
    status = rc == FS_EUSAGE || rc == FS_EINVAL || rc == FS_ESCRIPT ? 2 : 1;
  } else if (!a.quiet) {
    double total = 0;
    for (size_t e = 0; e < c->nevents; e++) total += c->ev[e].rate;
    printf(
        "fleetsim catalog build: %zu events over %d families, %.4g events a year: %s/events.csv, "
        "catalog.json\n",
        c->nevents, c->decl.nfam, total, out);
    for (int i = 0; i < c->decl.nfam; i++)
      printf("  %-24s %6zu events, %.4g a year\n", c->decl.fam[i].name, c->fam[i].nevents,
             c->decl.fam[i].rate);
  }
  if (rc == 0) fs_catalog_free(c);
  free(c);
  free(command);
  return status;
}

int fs_cmd_catalog(int argc, char **argv) {
  if (argc >= 1 && strcmp(argv[0], "build") == 0) return build(argc - 1, argv + 1);
  if (argc >= 1 && (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0)) {
    printf("usage: fleetsim catalog build CATALOG.lua [options]\n\n"
           "Draw a stochastic event catalogue from a catalogue file's families\n"
           "(fleetsim catalog build --help).\n");
    return 0;
  }
  fs_cli_eprintf("fleetsim catalog: expected 'build' (got '%s')\nusage: fleetsim catalog build "
                 "CATALOG.lua [options]\n",
                 argc ? argv[0] : "");
  return 2;
}
