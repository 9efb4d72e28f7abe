/* cmd_compare.c: `fleetsim compare`: a scenario and its what-if variants
   on the same fleet and draws, with paired differences (compare/compare.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/help.h"
#include "cli/options.h"
#include "compare/compare.h"
#include "util/clock.h"

typedef struct compare_args {
  fs_cli_scenario so;
  int64_t reps, threads;
  const char *out;
  int quiet, no_report;
  fs_variant var[FS_COMPARE_MAX_VARIANTS];
  int nvar;
} compare_args;

static int add_variant(void *ctx, const char *value, fs_err *err) {
  compare_args *a = ctx;
  if (a->nvar == FS_COMPARE_MAX_VARIANTS)
    return fs_err_set(err, FS_EUSAGE, "at most %d variants", FS_COMPARE_MAX_VARIANTS);
  int rc = fs_variant_parse(value, &a->var[a->nvar], err);
  if (rc == 0) a->nvar++;
  return rc;
}

/* The variant files named after the scenario, checked against its
   parameters: 0, or the exit status (the message printed). */
static int load_files(compare_args *a, char **files, int nfiles, const fs_session_opts *so) {
  fs_session s;
  fs_err err = {0};
  int rc = fs_session_open_scenario(&s, so, &err);
  if (rc != 0) {
    fs_cli_eprintf("fleetsim compare: %s\n", err.msg);
    return rc == FS_EUSAGE ? 2 : 1;
  }
  for (int i = 0; i < nfiles && rc == 0; i++) {
    if (a->nvar == FS_COMPARE_MAX_VARIANTS) {
      rc = fs_err_set(&err, FS_EUSAGE, "at most %d variants", FS_COMPARE_MAX_VARIANTS);
      break;
    }
    rc = fs_variant_load(files[i], so->load.models_dir, &so->load.limits, fs_compare_known_param,
                         s.sc.cfg, &a->var[a->nvar], &err);
    if (rc == 0) a->nvar++;
  }
  fs_session_close(&s);
  if (rc != 0) fs_cli_eprintf("fleetsim compare: %s\n", err.msg);
  return rc == 0 ? 0 : 2;
}

int fs_cmd_compare(int argc, char **argv) {
  compare_args a = {.reps = 20};
  fs_opt opts[FS_ARGS_MAX_OPTS];
  int nopts = 0;
  fs_cli_scenario_opts(&a.so, opts, &nopts);
  const fs_opt own[] = {
      {"--variant", NULL, FS_OPT_LIST, "NAME=PARAM=VALUE[,PARAM=VALUE...]",
       "a variant: the scenario with these parameters set (repeatable)", 0, 0, NULL, NULL,
       add_variant, &a},
      {"--replications", "-n", FS_OPT_INT, "R", "replications per arm, paired (20)", 1,
       FS_COMPARE_MAX_REPS, NULL, &a.reps},
      {"--threads", "-j", FS_OPT_INT, "J", "worker threads (default: all cores)", 1, 1024, NULL,
       &a.threads},
      {"--output", "-o", FS_OPT_STRING, "DIR", "comparison folder (default results/compare-<name>)",
       0, 0, NULL, &a.out},
      {"--no-report", NULL, FS_OPT_FLAG, NULL, "no compare.html, plots or reports", 0, 0, NULL,
       &a.no_report},
      {"--quiet", "-q", FS_OPT_FLAG, NULL, "print nothing but errors", 0, 0, NULL, &a.quiet},
  };
  for (size_t i = 0; i < sizeof own / sizeof own[0]; i++) opts[nopts++] = own[i];
  const fs_cmd_spec spec =
      fs_cli_spec("fleetsim compare", opts, nopts, 1, 1 + FS_COMPARE_MAX_VARIANTS);
  char *pos[1 + FS_COMPARE_MAX_VARIANTS];
  int npos, rc = fs_cli_parse(&spec, argc, argv, pos, &npos);
  if (rc >= 0) return rc;
  if (a.threads == 0) a.threads = fs_cli_cores();
  if (a.threads > a.reps) a.threads = a.reps;
  fs_compare_opts co = {.reps = (int) a.reps,
                        .threads = (int) a.threads,
                        .no_report = a.no_report,
                        .quiet = a.quiet,
                        .interrupt = &fs_cli_interrupted};
  fs_cli_scenario_session(&a.so, pos[0], &co.session);
  if (a.so.list_params) return fs_cli_list_params(&spec, &co.session);
  if ((rc = load_files(&a, pos + 1, npos - 1, &co.session)) != 0) return rc;
  if (a.nvar == 0) {
    fs_err e = {0};
    fs_err_set(&e, FS_EUSAGE, "no variant: give --variant NAME=PARAM=VALUE or a VARIANT.lua");
    return fs_args_fail(&spec, &e);
  }
  co.var = a.var;
  co.nvar = a.nvar;
  char out[FS_PATH_MAX];
  if (!a.out) {
    const char *base = strrchr(pos[0], '/');
    base = base ? base + 1 : pos[0];
    snprintf(out, sizeof out, "results/compare-%.*s", (int) strcspn(base, "."), base);
    a.out = out;
  }
  co.out = a.out;
  char *command = fs_cli_command_line("fleetsim compare", argc, argv);
  if (!command) {
    fs_cli_eprintf("fleetsim compare: out of memory\n");
    return 1;
  }
  co.command = command;
  fs_compare c;
  fs_err err = {0};
  rc = fs_compare_run(&co, &c, &err);
  int status = 0;
  if (rc == FS_EUSAGE && !strncmp(err.msg, "--variant", 9)) {
    status = fs_args_fail(&spec, &err);
  } else if (rc != 0) {
    fs_cli_eprintf("fleetsim compare: %s\n", err.msg);
    status = rc == FS_EUSAGE ? 2 : rc == FS_EINTR ? 130 : 1;
  } else {
    for (int i = 1; i < c.narm; i++)
      if (c.arm[i].unchanged)
        fs_cli_eprintf("fleetsim compare: warning: variant %s changes nothing (every output of "
                       "every replication equals the base's)\n",
                       c.arm[i].name);
    if (!a.quiet) {
      fs_compare_print(stdout, &c);
      printf("Written: %s (compare.csv, compare.json%s, base/, variants/)\n", c.written,
             a.no_report ? "" : ", compare.html");
    }
  }
  fs_compare_free(&c);
  free(command);
  return status;
}
