/* cmd_validate.c: `fleetsim validate`: the history library's events run
   and scored against their public record (validate/validate.h). */
#include <stdio.h>
#include <stdlib.h>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/help.h"
#include "fleet/fleet.h"
#include "util/clock.h"
#include "validate/validate.h"

/* `--strict`: some validation figure is out of its band. */
#define EXIT_OUT_OF_BAND 4

typedef struct validate_args {
  int64_t reps, threads;
  double scale;
  const char *library, *out, *models;
  int quiet, no_report, strict, list_outputs;
} validate_args;

int fs_cmd_validate(int argc, char **argv) {
  validate_args a = {
      .reps = 10, .scale = 0.02, .library = "scenarios/history", .out = "results/validation"};
  const fs_opt opts[] = {
      {"--library", NULL, FS_OPT_STRING, "DIR", "the event library (scenarios/history)", 0, 0, NULL,
       &a.library},
      {"--scale", NULL, FS_OPT_DOUBLE, "F", "simulate a sample fraction F of the endpoints (0.02)",
       FS_FLEET_MIN_SCALE, FS_FLEET_FULL_SCALE, NULL, &a.scale},
      {"--replications", "-n", FS_OPT_INT, "R", "replications per event (10)", 1,
       FS_VALIDATE_MAX_REPS, NULL, &a.reps},
      {"--threads", "-j", FS_OPT_INT, "J", "worker threads (default: all cores)", 1, 1024, NULL,
       &a.threads},
      {"--output", "-o", FS_OPT_STRING, "DIR", "validation folder (results/validation)", 0, 0, NULL,
       &a.out},
      {"--models", NULL, FS_OPT_STRING, "DIR", "models folder (default: the built-in one)", 0, 0,
       NULL, &a.models},
      {"--strict", NULL, FS_OPT_FLAG, NULL, "exit 4 if a validation figure is out of its band", 0,
       0, NULL, &a.strict},
      {"--list-outputs", NULL, FS_OPT_FLAG, NULL, "print the outputs an observation may name", 0, 0,
       NULL, &a.list_outputs},
      {"--no-report", NULL, FS_OPT_FLAG, NULL, "no validation.html, plots or event reports", 0, 0,
       NULL, &a.no_report},
      {"--quiet", "-q", FS_OPT_FLAG, NULL, "print nothing but errors", 0, 0, NULL, &a.quiet},
  };
  const fs_cmd_spec spec = fs_cli_spec(
      "fleetsim validate", opts, (int) (sizeof opts / sizeof opts[0]), 0, FS_VALIDATE_MAX_EVENTS);
  char *pos[FS_VALIDATE_MAX_EVENTS];
  int npos, rc = fs_cli_parse(&spec, argc, argv, pos, &npos);
  if (rc >= 0) return rc;
  if (a.list_outputs) {
    fs_validate_outputs_list(stdout);
    return 0;
  }
  if (a.threads == 0) a.threads = fs_cli_cores();
  if (a.threads > a.reps) a.threads = a.reps;
  char *command = fs_cli_command_line("fleetsim validate", argc, argv);
  if (!command) {
    fs_cli_eprintf("fleetsim validate: out of memory\n");
    return 1;
  }
  fs_validate_opts vo = {.library = a.library,
                         .events = npos ? pos : NULL,
                         .nevents = npos,
                         .reps = (int) a.reps,
                         .threads = (int) a.threads,
                         .out = a.out,
                         .command = command,
                         .no_report = a.no_report,
                         .quiet = a.quiet,
                         .interrupt = &fs_cli_interrupted};
  fs_session_opts_init(&vo.session);
  vo.session.scale = a.scale;
  vo.session.load.models_dir = a.models;
  fs_validate v;
  fs_err err = {0};
  rc = fs_validate_run(&vo, &v, &err);
  int status = 0;
  if (rc != 0) {
    fs_cli_eprintf("fleetsim validate: %s\n", err.msg);
    status = rc == FS_EUSAGE ? 2 : rc == FS_EINTR ? 130 : 1;
  } else {
    if (!a.quiet) {
      fs_validate_print(stdout, &v);
      printf("Written: %s (validation.csv, validation.json%s, events/)\n", v.written,
             a.no_report ? "" : ", validation.html");
    }
    if (a.strict && v.validation.in_band < v.validation.n) status = EXIT_OUT_OF_BAND;
  }
  fs_validate_free(&v);
  free(command);
  return status;
}
