/* nowcast_write.c: the nowcast folder's files (forecast.csv, weights.csv,
   nowcast.json, manifest.json; coverage.csv with --coverage), each
   written beside and renamed into place together. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "calibrate/nowcast.h"
#include "scenario/scenario.h"
#include "util/fsutil.h"
#include "util/json.h"
#include "util/manifest.h"

static void num(FILE *f, double v) {
  char b[32];
  fs_sweep_fmt(b, sizeof b, v);
  fputs(b, f);
}

static void jnum(FILE *f, double v) {
  if (isfinite(v))
    num(f, v);
  else
    fputs("null", f);
}

static void write_forecast(FILE *f, const fs_nowcast_spec *spec, const fs_nowcast_result *r) {
  const fs_nowcast_layout *l = &spec->layout;
  fputs("target,unit,prior_p05,prior_p50,prior_p95,mean,p05,p50,p95\n", f);
  for (int k = 0; k < l->ntargets; k++) {
    const fs_nowcast_fc *c = &r->fc[k];
    fprintf(f, "%s,%s", l->target[k], l->unit[k]);
    const double v[] = {c->prior_p05, c->prior_p50, c->prior_p95, c->mean, c->p05, c->p50, c->p95};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
      fputc(',', f);
      num(f, v[i]);
    }
    fputc('\n', f);
  }
}

static void write_weights(FILE *f, const fs_nowcast_spec *spec, const fs_nowcast_result *r) {
  const fs_sweep_spec *s = &spec->sweep;
  fputs("member", f);
  for (int j = 0; j < s->d; j++) fprintf(f, ",%s", s->params[j].name);
  fputs(",weight,loglik\n", f);
  for (size_t i = 0; i < r->m; i++) {
    fprintf(f, "%zu", i + 1);
    for (int j = 0; j < s->d; j++) {
      fputc(',', f);
      num(f, r->x[i * (size_t) s->d + (size_t) j]);
    }
    fputc(',', f);
    num(f, r->w[i]);
    fputc(',', f);
    num(f, isfinite(r->loglik[i]) ? r->loglik[i] : NAN);
    fputc('\n', f);
  }
}

static void json_settings(FILE *f, const fs_nowcast_spec *spec) {
  const fs_sweep_spec *s = &spec->sweep;
  fputs("  \"format\": \"fleetsim-nowcast/1\",\n  \"scenario\": {\"path\": ", f);
  fs_json_str(f, s->scenario);
  fputs(", \"name\": ", f);
  fs_json_str(f, s->name);
  fprintf(f, ", \"hash\": \"fnv1a64:%016llx\"},\n", (unsigned long long) s->scenario_hash);
  if (spec->obs) {
    fputs("  \"observed\": {\"path\": ", f);
    fs_json_str(f, spec->obs->path);
    fprintf(f, ", \"hash\": \"fnv1a64:%016llx\"},\n", (unsigned long long) spec->obs->hash);
  }
  fputs("  \"ensemble\": ", f);
  if (spec->post) {
    fputs("{\"from\": \"posterior\", \"path\": ", f);
    fs_json_str(f, spec->posterior);
    fprintf(f, ", \"hash\": \"fnv1a64:%016llx\"},\n", (unsigned long long) spec->posterior_hash);
  } else {
    fputs("{\"from\": \"prior\", \"design\": \"lhs\"},\n", f);
  }
  fputs("  \"portfolio\": ", f);
  if (s->portfolio[0])
    fs_json_str(f, s->portfolio);
  else
    fputs("null", f);
  fprintf(f, ",\n  \"scale\": ");
  jnum(f, s->scale);
  fprintf(f, ",\n  \"seed\": \"%llu\",\n  \"samples\": %d,\n  \"model_sd\": ",
          (unsigned long long) s->run_seed, spec->samples);
  if (spec->model_sd >= 0)
    jnum(f, spec->model_sd);
  else
    fprintf(f,
            "\"measured: sqrt(2) x the sd of log(1 + count) over %d replications at the "
            "ensemble's centre\"",
            FS_NOWCAST_REPLICATES);
  fprintf(f, ",\n  \"onset_hours\": ");
  jnum(f, spec->layout.onset);
  fputs(",\n", f);
  fs_sweep_params_json(s, f);
}

static void json_obs(FILE *f, const fs_nowcast_spec *spec, const fs_nowcast_result *r) {
  fputs("  \"observations\": [", f);
  for (size_t i = 0; i < r->nobs; i++) {
    const fs_observed_row *o = &spec->obs->row[i];
    fprintf(f, "%s\n    {\"line\": %ld, \"hours\": ", i ? "," : "", o->line);
    jnum(f, o->hours);
    fprintf(f, ", \"output\": \"%s\", \"industry\": ", fs_observed_output_name(o->output));
    int s = fs_nowcast_series_of(&spec->layout, o->output, o->industry);
    if (o->industry >= 0)
      fs_json_str(f, spec->layout.industry_id[s]);
    else
      fputs("null", f);
    fputs(", \"value\": ", f);
    jnum(f, o->value);
    fputs(", \"sd_obs\": ", f);
    jnum(f, o->sd);
    fputs(", \"sd_total\": ", f);
    jnum(f, r->xobs_sd[i]);
    fputc('}', f);
  }
  fputs("\n  ],\n", f);
}

static void write_json(FILE *f, const fs_nowcast_spec *spec, const fs_nowcast_result *r) {
  const fs_nowcast_layout *l = &spec->layout;
  fputs("{\n", f);
  json_settings(f, spec);
  json_obs(f, spec, r);
  fputs("  \"ess\": ", f);
  jnum(f, r->ess);
  fprintf(f, ",\n  \"degenerate\": %s,\n  \"forecasts\": [",
          r->ess < FS_NOWCAST_MIN_ESS ? "true" : "false");
  for (int k = 0; k < l->ntargets; k++) {
    const fs_nowcast_fc *c = &r->fc[k];
    fprintf(f, "%s\n    {\"target\": ", k ? "," : "");
    fs_json_str(f, l->target[k]);
    fputs(", \"unit\": ", f);
    fs_json_str(f, l->unit[k]);
    const char *keys[] = {"prior_p05", "prior_p50", "prior_p95", "mean", "p05", "p50", "p95"};
    const double v[] = {c->prior_p05, c->prior_p50, c->prior_p95, c->mean, c->p05, c->p50, c->p95};
    for (size_t i = 0; i < 7; i++) {
      fprintf(f, ", \"%s\": ", keys[i]);
      jnum(f, v[i]);
    }
    fputc('}', f);
  }
  fprintf(f, "\n  ],\n  \"simulations_run\": %zu,\n  \"simulations_reused\": %zu\n}\n", r->sims_run,
          r->sims_reused);
}

static void write_manifest(FILE *f, const fs_nowcast_spec *spec, const fs_nowcast_opts *o,
                           double wall) {
  const fs_sweep_spec *s = &spec->sweep;
  fs_manifest head = {
      .kind = "nowcast", .command = o->command, .seed = s->run_seed, .wall_seconds = wall};
  fs_manifest_input_add(&head, "scenario", s->scenario, 1, s->scenario_hash);
  if (s->portfolio[0])
    fs_manifest_input_add(&head, "portfolio", s->portfolio, 1, s->portfolio_hash);
  fs_manifest_input_add(&head, "models",
                        s->models_dir[0] ? s->models_dir : fs_scenario_models_dir(), 0, 0);
  if (spec->obs) fs_manifest_input_add(&head, "observed", spec->obs->path, 1, spec->obs->hash);
  if (spec->post)
    fs_manifest_input_add(&head, "posterior", spec->posterior, 1, spec->posterior_hash);
  fs_manifest_head(f, &head);
  fputs("  \"scenario_name\": ", f);
  fs_json_str(f, s->name);
  fprintf(f, ",\n  \"samples\": %d,\n  \"coverage_truths\": %d\n}\n", spec->samples,
          spec->coverage);
}

/* Writes the named files with their writers (all beside first, then all
   renamed), or none of them. */
typedef struct out_file {
  const char *name;
  FILE *f;
} out_file;

static int commit_all(const char *dir, out_file *files, int n, fs_err *err) {
  int rc = 0, i;
  for (i = 0; i < n; i++) {
    int c = fs_out_close_tmp(files[i].f, dir, files[i].name, rc ? NULL : err);
    files[i].f = NULL;
    if (c != 0 && rc == 0) rc = c;
  }
  for (i = 0; i < n; i++) {
    if (rc != 0) {
      fs_out_remove_tmp(dir, files[i].name);
      continue;
    }
    rc = fs_out_rename_tmp(dir, files[i].name, err);
  }
  return rc;
}

static int open_all(const char *dir, out_file *files, int n, fs_err *err) {
  for (int i = 0; i < n; i++)
    if (!(files[i].f = fs_out_open_tmp(dir, files[i].name, err))) {
      for (int j = 0; j < i; j++) fs_out_abort_tmp(files[j].f, dir, files[j].name);
      return err->code ? err->code : FS_EIO;
    }
  return 0;
}

int fs_nowcast_write(const fs_nowcast_spec *spec, const fs_nowcast_opts *o,
                     const fs_nowcast_result *r, fs_err *err) {
  out_file files[] = {{"forecast.csv", NULL},
                      {"weights.csv", NULL},
                      {"nowcast.json", NULL},
                      {"manifest.json", NULL}};
  int rc = open_all(o->out, files, 4, err);
  if (rc != 0) return rc;
  write_forecast(files[0].f, spec, r);
  write_weights(files[1].f, spec, r);
  write_json(files[2].f, spec, r);
  write_manifest(files[3].f, spec, o, r->wall_seconds);
  return commit_all(o->out, files, 4, err);
}

int fs_nowcast_write_coverage(const fs_nowcast_spec *spec, const fs_nowcast_opts *o,
                              const fs_nowcast_cov_row *rows, int nrows, fs_err *err) {
  out_file files[] = {{"coverage.csv", NULL}, {"manifest.json", NULL}};
  int rc = open_all(o->out, files, 2, err);
  if (rc != 0) return rc;
  FILE *f = files[0].f;
  fputs("horizon_hours,truths,coverage_90,median_width_rel,mean_ess,degenerate\n", f);
  for (int i = 0; i < nrows; i++) {
    num(f, rows[i].horizon);
    fprintf(f, ",%d,", rows[i].truths);
    num(f, rows[i].coverage);
    fputc(',', f);
    num(f, rows[i].median_width);
    fputc(',', f);
    num(f, rows[i].mean_ess);
    fprintf(f, ",%d\n", rows[i].degenerate);
  }
  write_manifest(files[1].f, spec, o, 0);
  rc = commit_all(o->out, files, 2, err);
  if (rc != 0 || o->quiet) return rc;
  printf("fleetsim nowcast: coverage of the 90 %% interval of loss_total over %d truths (%d "
         "members, scale %g):\n",
         spec->coverage, spec->samples, spec->sweep.scale);
  printf("  %-12s %9s %22s %9s %11s\n", "data", "coverage", "median width / truth", "mean ESS",
         "ESS < 10");
  for (int i = 0; i < nrows; i++) {
    char h[24];
    if (rows[i].horizon > 0)
      snprintf(h, sizeof h, "%g h", rows[i].horizon);
    else
      snprintf(h, sizeof h, "none (prior)");
    printf("  %-12s %8.0f%% %22.3f %9.1f %11d\n", h, 100 * rows[i].coverage, rows[i].median_width,
           rows[i].mean_ess, rows[i].degenerate);
  }
  printf("fleetsim nowcast: %s/coverage.csv\n", o->out);
  return 0;
}
