/* cmd_nowcast.c: `fleetsim nowcast`: options, inputs and messages; the
   nowcast itself is src/calibrate/nowcast.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calibrate/nowcast.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/help.h"
#include "cli/options.h"
#include "util/alloc.h"

typedef struct nowcast_args {
  fs_cli_scenario so;
  fs_cli_params params;
  const char *observed, *posterior, *out;
  int64_t samples, threads, coverage;
  double model_sd;
  int model_sd_given, quiet;
} nowcast_args;

/* What the command holds while it runs. */
typedef struct nowcast_run {
  fs_nowcast_spec spec;
  fs_observed obs;
  fs_posterior post;
  char out[FS_PATH_MAX];
} nowcast_run;

/* The --param texts of a posterior's parameters ("name=lo:hi"). */
static int posterior_params(const fs_posterior *p, nowcast_args *a, fs_err *err) {
  for (int j = 0; j < p->d; j++) {
    char buf[200];
    snprintf(buf, sizeof buf, "%s=%.17g:%.17g", p->name[j], p->lo[j], p->hi[j]);
    int rc = fs_cli_add_param(&a->params, buf, err);
    if (rc != 0) return rc;
  }
  return 0;
}

/* The spec from the options, completed against the scenario; *input set
   to 1 when an input file given by option (observed, posterior,
   portfolio) was at fault. */
static int build_spec(nowcast_run *r, nowcast_args *a, const char *scenario, int *input,
                      fs_err *err) {
  fs_nowcast_spec *nc = &r->spec;
  fs_sweep_spec *s = &nc->sweep;
  int rc = 0;
  if (a->posterior) {
    if (a->params.n)
      return fs_err_set(err, FS_EUSAGE,
                        "--param and --posterior do not mix: the posterior names its parameters");
    *input = 1;
    if ((rc = fs_posterior_read(&r->post, a->posterior, err)) != 0) return rc;
    if ((rc = posterior_params(&r->post, a, err)) != 0) return rc;
    *input = 0;
    nc->post = &r->post;
    nc->posterior_hash = r->post.hash;
    snprintf(nc->posterior, sizeof nc->posterior, "%s", a->posterior);
  }
  fs_session_opts so;
  int bad_portfolio = 0;
  fs_cli_scenario_session(&a->so, scenario, &so);
  if ((rc = fs_sweep_spec_set_scenario(s, &so, err)) != 0) return rc;
  s->design = FS_DESIGN_LIST;
  s->reps = 1;
  s->independent = 1;
  if ((rc = fs_sweep_spec_complete(s, a->params.arg, a->params.n, err)) != 0) return rc;
  fs_sweep_session_opts(s, s->sets, s->nsets, &so);
  so.portfolio_failed = &bad_portfolio;
  fs_session ses;
  if ((rc = fs_session_open_scenario(&ses, &so, err)) != 0) return rc;
  const fs_config *cfg = ses.sc.cfg;
  if (a->observed) {
    *input = 1;
    rc = fs_observed_read(&r->obs, a->observed, cfg, err);
    nc->obs = rc == 0 ? &r->obs : NULL;
  }
  if (rc == 0) rc = fs_nowcast_layout_build(&nc->layout, cfg, s->portfolio[0] != 0, nc->obs, err);
  if (rc == 0) *input = 0;
  fs_session_close(&ses);
  if (rc == 0) rc = fs_nowcast_spec_outputs(s, &nc->layout, err);
  nc->samples = (int) a->samples;
  nc->model_sd = a->model_sd_given ? a->model_sd : -1;
  nc->coverage = (int) a->coverage;
  if (rc != 0) return rc;
  if (a->out) return fs_path_fmt(r->out, sizeof r->out, err, "%s", a->out);
  return fs_path_fmt(r->out, sizeof r->out, err, "results/%s-nowcast", s->name);
}

/* The closing lines of a nowcast: the fleet's targets from forecast.csv. */
static void summary(const nowcast_run *r) {
  char path[FS_PATH_MAX + 16], line[1024];
  snprintf(path, sizeof path, "%s/forecast.csv", r->out);
  FILE *f = fopen(path, "r");
  if (!f) return;
  printf("fleetsim nowcast: %s: %zu observations, %d members\n", r->spec.sweep.name, r->obs.n,
         r->spec.samples);
  printf("  %-14s %11s %11s %11s   %11s %11s %11s\n", "target", "prior p05", "p50", "p95",
         "nowcast p05", "p50", "p95");
  while (fgets(line, sizeof line, f)) {
    char *unit = strchr(line, ',');
    /* the fleet's: loss_total, recovery and the portfolio's, not each industry's */
    if (!unit || strncmp(line, "target,", 7) == 0 ||
        (strncmp(line, "loss_", 5) == 0 && strncmp(line, "loss_total,", 11) != 0))
      continue;
    *unit = 0;
    char *p = strchr(unit + 1, ',');
    double v[7] = {0};
    for (int i = 0; i < 7 && p; i++) {
      v[i] = strtod(p + 1, NULL);
      p = strchr(p + 1, ',');
    }
    printf("  %-14s %11.4g %11.4g %11.4g   %11.4g %11.4g %11.4g\n", line, v[0], v[1], v[2], v[4],
           v[5], v[6]);
  }
  fclose(f);
  printf("fleetsim nowcast: %s/forecast.csv, weights.csv, nowcast.json\n", r->out);
}

static int run(const fs_cmd_spec *cs, nowcast_run *r, nowcast_args *a, const char *scenario,
               int argc, char **argv) {
  fs_err err = {0};
  int input = 0, rc = 0;
  if (!a->observed == !a->coverage)
    rc = fs_err_set(&err, FS_EUSAGE, "give --observed FILE (a nowcast) or --coverage N");
  else if (!a->posterior && a->params.n == 0)
    rc = fs_err_set(&err, FS_EUSAGE,
                    "no --param or --posterior: name the uncertain parameters (their prior) or a "
                    "calibration folder (their posterior)");
  if (rc == 0) rc = build_spec(r, a, scenario, &input, &err);
  if (rc == FS_EUSAGE) return fs_args_fail(cs, &err);
  if (rc != 0) {
    fs_cli_eprintf("fleetsim nowcast: %s\n", err.msg);
    return input && rc != FS_ENOMEM ? 2 : 1;
  }
  char *command = fs_cli_command_line("fleetsim nowcast", argc, argv);
  if (!command) {
    fs_cli_eprintf("fleetsim nowcast: out of memory\n");
    return 1;
  }
  fs_nowcast_opts o = {.threads = (int) (a->threads > 0 ? a->threads : fs_cli_cores()),
                       .quiet = a->quiet,
                       .out = r->out,
                       .command = command,
                       .interrupt = &fs_cli_interrupted};
  rc = fs_nowcast_run(&r->spec, &o, &err);
  free(command);
  if (rc == FS_EUSAGE) return fs_args_fail(cs, &err);
  if (rc == FS_EINTR) {
    fs_cli_eprintf("fleetsim nowcast: interrupted: the same command continues the simulations\n");
    return 130;
  }
  if (rc != 0) {
    fs_cli_eprintf("fleetsim nowcast: %s\n", err.msg);
    return 1;
  }
  if (!a->quiet && !a->coverage) summary(r);
  return 0;
}

int fs_cmd_nowcast(int argc, char **argv) {
  nowcast_args a = {.samples = FS_NOWCAST_DEFAULT_SAMPLES, .threads = -1};
  fs_opt opts[FS_ARGS_MAX_OPTS];
  int nopts = 0;
  fs_cli_scenario_opts(&a.so, opts, &nopts);
  a.so.scale = FS_NOWCAST_DEFAULT_SCALE;
  snprintf(a.so.help_scale, sizeof a.so.help_scale,
           "simulate a sample fraction F of the endpoints (%g)", a.so.scale);
  const fs_opt own[] = {
      {"--observed", NULL, FS_OPT_STRING, "FILE",
       "the counts observed so far (CSV time,output,value[,industry][,sd])", 0, 0, NULL,
       &a.observed},
      {"--param", "-p", FS_OPT_LIST, "NAME[=LO:HI]",
       "an uncertain parameter, uniform on the range (repeatable; default the declared range)", 0,
       0, NULL, NULL, fs_cli_add_param, &a.params},
      {"--posterior", NULL, FS_OPT_STRING, "DIR",
       "sample the parameters from a calibration folder's posterior.csv instead", 0, 0, NULL,
       &a.posterior},
      {"--samples", "-N", FS_OPT_INT, "M", "ensemble members, one simulation each (400)", 2,
       FS_NOWCAST_MAX_SAMPLES, NULL, &a.samples},
      {"--model-sd", NULL, FS_OPT_DOUBLE, "SD",
       "model-error sd on log(1 + count) (default: measured from 16 replications)", 0, 10, NULL,
       &a.model_sd, NULL, NULL, &a.model_sd_given},
      {"--coverage", NULL, FS_OPT_INT, "N",
       "instead of a nowcast: the intervals' coverage over N simulated truths", 1, 100000, NULL,
       &a.coverage},
      {"--threads", "-j", FS_OPT_INT, "J", "worker threads (default: all cores)", 1, 1024, NULL,
       &a.threads},
      {"--output", "-o", FS_OPT_STRING, "DIR", "nowcast folder (default results/<name>-nowcast)", 0,
       0, NULL, &a.out},
      {"--quiet", "-q", FS_OPT_FLAG, NULL, "print nothing but errors", 0, 0, NULL, &a.quiet},
  };
  for (size_t i = 0; i < sizeof own / sizeof own[0]; i++) opts[nopts++] = own[i];
  fs_cmd_spec spec = fs_cli_spec("fleetsim nowcast", opts, nopts, 1, 1);
  char *pos[1] = {NULL};
  int npos;
  int rc = fs_cli_parse(&spec, argc, argv, pos, &npos);
  if (rc >= 0) return rc;
  if (a.so.list_params) {
    fs_session_opts so;
    fs_cli_scenario_session(&a.so, pos[0], &so);
    return fs_cli_list_params(&spec, &so);
  }
  nowcast_run *r = fs_calloc(1, sizeof *r);
  if (!r) {
    fs_cli_eprintf("fleetsim nowcast: out of memory\n");
    return 1;
  }
  int status = run(&spec, r, &a, pos[0], argc, argv);
  fs_observed_free(&r->obs);
  fs_posterior_free(&r->post);
  free(r);
  return status;
}
