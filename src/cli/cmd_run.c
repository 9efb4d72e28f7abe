/* cmd_run.c: `fleetsim run`: one scenario, R replications, a results folder. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/help.h"
#include "cli/common.h"
#include "cli/options.h"
#include "loss/plt.h"
#include "loss/reins.h"
#include "pipeline/results.h"
#include "report/losses.h"
#include "report/match.h"
#include "report/output.h"
#include "util/clock.h"
#include "util/path.h"

static void on_progress(void *ud, int done, int total) {
  fs_cli_progress_report(ud, done, total, "replications");
}

static void on_tick(void *ud, double hours, double total) {
  fs_cli_progress_report(ud, hours, total, "simulated hours");
}

typedef struct run_args {
  fs_cli_scenario so;
  int64_t reps, threads, years;
  const char *out;
  int quiet, no_report;
  const char *reinsurance; /* --reinsurance FILE, or NULL */
  fs_ri_programme ri;      /* read from it */
} run_args;

/* The terminal summary of a finished run. */
static void print_summary(fs_session *s, const fs_batch *b, const run_args *a, const char *dir,
                          size_t years) {
  fs_loss_ctx lc = {.s = &s->sc,
                    .f = &s->fleet,
                    .b = b,
                    .pf = s->have_pf ? &s->pf : NULL,
                    .years = years,
                    .seed = s->sc.cfg->seed,
                    .ri = a->reinsurance ? &a->ri : NULL,
                    .ri_path = a->reinsurance};
  fs_output_print_summary(stdout, &s->sc, &s->fleet, &b->first, dir);
  /* The folder is written: a failure here costs lines of the terminal
     summary, not the results. */
  if (fs_losses_print(stdout, &lc) != 0)
    fs_cli_eprintf("fleetsim run: warning: out of memory for the loss figures of the summary "
                   "(they are in %s/summary.json)\n",
                   dir);
}

/* Writes the folder of the finished (or interrupted) batch b; the exit
   status. */
static int write_results(fs_session *s, const fs_batch *b, const run_args *a, const char *dir,
                         const char *command, double t0) {
  char written[FS_PATH_MAX];
  fs_err err = {0};
  fs_results_opts wo = {.dir = dir,
                        .command = command,
                        .t0 = t0,
                        .threads = (int) a->threads,
                        .years = (size_t) a->years,
                        .no_report = a->no_report,
                        .quiet = a->quiet,
                        .prog = "fleetsim run",
                        .ri = a->reinsurance ? &a->ri : NULL,
                        .ri_path = a->reinsurance};
  if (fs_results_write(s, b, &wo, written, sizeof written, &err) != 0) {
    fs_cli_eprintf("fleetsim run: %s\n", err.msg);
    return err.code == FS_EUSAGE ? 2 : 1;
  }
  fs_loss_ctx lc = {.s = &s->sc, .f = &s->fleet, .b = b, .pf = s->have_pf ? &s->pf : NULL};
  fs_match_warn(stderr, &lc, "fleetsim run", 10);
  if (!a->quiet) print_summary(s, b, a, written, wo.years);
  if (!b->interrupted) return 0;
  fs_cli_eprintf("fleetsim run: interrupted: %s holds the %d of %d replications that finished "
                 "(manifest.json: \"partial\": true)%s%s%s\n",
                 written, b->done, b->reps, strcmp(written, dir) ? "; the complete run in " : "",
                 strcmp(written, dir) ? dir : "", strcmp(written, dir) ? " is left as it was" : "");
  return 130;
}

/* Runs the open session and writes its folder; the exit status. */
static int run_session(fs_session *s, const run_args *a, int argc, char **argv, double t0) {
  char dir[FS_PATH_MAX];
  fs_err err = {0};
  int rc = a->out ? fs_path_fmt(dir, sizeof dir, &err, "%s", a->out)
                  : fs_path_fmt(dir, sizeof dir, &err, "results/%s", s->sc.cfg->name);
  /* Refused before running, not after hours of replications. */
  if (rc == 0) rc = fs_results_check(dir, &err);
  if (rc == 0) rc = fs_results_preflight(s, (size_t) a->years, &err);
  if (rc != 0) {
    fs_cli_eprintf("fleetsim run: %s\n", err.msg);
    return rc == FS_EUSAGE ? 2 : 1;
  }
  char *command = fs_cli_command_line("fleetsim run", argc, argv);
  if (!command) {
    fs_cli_eprintf("fleetsim run: out of memory\n");
    return 1;
  }
  fs_cli_progress pr = fs_cli_progress_start("fleetsim run");
  fs_session_run_opts ro = {.reps = (int) a->reps,
                            .threads = (int) a->threads,
                            .interrupt = &fs_cli_interrupted,
                            .progress = !a->quiet && a->reps > 1 ? on_progress : NULL,
                            .tick = !a->quiet && a->reps == 1 ? on_tick : NULL,
                            .ud = &pr};
  fs_batch b;
  int status = 1;
  if (fs_session_run(s, &ro, &b, &err) != 0) {
    fs_cli_eprintf("fleetsim run: %s: %s\n", s->sc.path, err.msg);
  } else if (b.interrupted && b.done == 0) {
    fs_cli_eprintf("fleetsim run: interrupted before a replication finished; no results "
                   "written\n");
    status = 130;
  } else {
    status = write_results(s, &b, a, dir, command, t0);
  }
  fs_batch_free(&b);
  free(command);
  return status;
}

int fs_cmd_run(int argc, char **argv) {
  run_args a = {.reps = 1, .years = 10000};
  fs_opt opts[FS_ARGS_MAX_OPTS];
  int nopts = 0;
  fs_cli_scenario_opts(&a.so, opts, &nopts);
  const fs_opt own[] = {
      {"--replications", "-n", FS_OPT_INT, "R", "replications, independent streams (1)", 1, 1e6,
       NULL, &a.reps},
      {"--threads", "-j", FS_OPT_INT, "J", "worker threads (default: all cores)", 1, 1024, NULL,
       &a.threads},
      {"--years", NULL, FS_OPT_INT, "Y", "periods of the period loss table (10000)", 1,
       FS_PLT_MAX_PERIODS, NULL, &a.years},
      {"--output", "-o", FS_OPT_STRING, "DIR", "results folder (default results/<name>)", 0, 0,
       NULL, &a.out},
      {"--no-report", NULL, FS_OPT_FLAG, NULL, "no plots and no report.html", 0, 0, NULL,
       &a.no_report},
      {"--reinsurance", NULL, FS_OPT_STRING, "FILE",
       "the portfolio's reinsurance programme (CSV): net losses (RI) and the layer table", 0, 0,
       NULL, &a.reinsurance},
      {"--quiet", "-q", FS_OPT_FLAG, NULL, "print nothing but errors", 0, 0, NULL, &a.quiet},
  };
  for (size_t i = 0; i < sizeof own / sizeof own[0]; i++) opts[nopts++] = own[i];
  const fs_cmd_spec spec = fs_cli_spec("fleetsim run", opts, nopts, 1, 1);
  char *pos[1];
  int npos, rc = fs_cli_parse(&spec, argc, argv, pos, &npos);
  if (rc >= 0) return rc;
  double t0 = fs_now();
  if (a.threads == 0) a.threads = fs_cli_cores();
  if (a.threads > a.reps) a.threads = a.reps;
  fs_session_opts so;
  fs_cli_scenario_session(&a.so, pos[0], &so);
  if (a.so.list_params) return fs_cli_list_params(&spec, &so);
  fs_session s;
  fs_err err = {0};
  if (a.reinsurance && !so.portfolio) {
    fs_err_set(&err, FS_EUSAGE, "--reinsurance needs --portfolio (the programme cedes its losses)");
    return fs_args_fail(&spec, &err);
  }
  /* The option files are refused (exit 2) before the scenario runs. */
  if (a.reinsurance && fs_ri_read(a.reinsurance, &a.ri, &err) != 0) {
    fs_cli_eprintf("fleetsim run: %s\n", err.msg);
    return 2;
  }
  int bad_portfolio = 0;
  so.portfolio_failed = &bad_portfolio;
  rc = fs_session_open(&s, &so, NULL, &err);
  if (rc == FS_EUSAGE) return fs_args_fail(&spec, &err);
  if (rc != 0) {
    fs_cli_eprintf("fleetsim run: %s\n", err.msg);
    return bad_portfolio && rc != FS_ENOMEM && rc != FS_EIO ? 2 : 1;
  }
  int status = run_session(&s, &a, argc, argv, t0);
  fs_session_close(&s);
  return status;
}
