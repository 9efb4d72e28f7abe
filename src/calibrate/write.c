/* write.c: the calibration folder's files: calibration.json (what decides
   the results), runs.csv, waves.csv and emulators.csv or generations.csv,
   posterior.csv, posterior_summary.csv, ppc.csv and manifest.json. Each is
   written beside and renamed into place, so a file is whole or absent. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calibrate/calibrate_impl.h"
#include "calibrate/smc.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/fsutil.h"
#include "util/hash.h"
#include "util/json.h"
#include "util/manifest.h"

static const char *method_name(fs_cal_method m) {
  return m == FS_CAL_HM ? "history-matching" : "abc-smc";
}

/* A number as the sweep files write it; "" (CSV) or null (JSON) for NAN
   and infinities. */
static void num(FILE *f, double v, int json) {
  char b[32];
  fs_sweep_fmt(b, sizeof b, v);
  fputs(isfinite(v) ? b : json ? "null" : "", f);
}

static void body(FILE *f, const fs_cal_spec *s, const fs_cal_target *t, const fs_obs_set *obs) {
  const fs_sweep_spec *w = &s->sweep;
  fputs("{\n  \"format\": \"fleetsim-calibration/1\",\n  \"method\": ", f);
  fs_json_str(f, method_name(s->method));
  fputs(",\n  \"scenario\": {\"path\": ", f);
  fs_json_str(f, w->scenario);
  fputs(", \"name\": ", f);
  fs_json_str(f, w->name);
  fprintf(f, ", \"hash\": \"%016" PRIx64 "\"},\n  \"observations\": {\"path\": ", w->scenario_hash);
  fs_json_str(f, s->observations);
  fprintf(f, ", \"hash\": \"%016" PRIx64 "\"},\n  \"portfolio\": ", s->observations_hash);
  if (w->portfolio[0]) {
    fputs("{\"path\": ", f);
    fs_json_str(f, w->portfolio);
    fprintf(f, ", \"hash\": \"%016" PRIx64 "\"}", w->portfolio_hash);
  } else {
    fputs("null", f);
  }
  fputs(",\n  \"models_dir\": ", f);
  fs_json_str(f, w->models_dir);
  fputs(",\n  \"scale\": ", f);
  num(f, w->scale, 1);
  fprintf(f, ",\n  \"seed\": %" PRIu64 ",\n  \"sets\": [", w->run_seed);
  for (int i = 0; i < w->nsets; i++) {
    fputs(i ? ", {\"name\": " : "{\"name\": ", f);
    fs_json_str(f, w->sets[i].name);
    fputs(", \"value\": ", f);
    num(f, w->sets[i].value, 1);
    fputs("}", f);
  }
  fprintf(f,
          "],\n  \"queue\": \"%s\",\n  \"replications\": %d,\n  \"budget\": %d,\n  \"waves\": "
          "%d,\n  \"points\": %d,\n  \"cutoff\": ",
          w->queue, w->reps, s->budget, s->waves, s->points);
  num(f, s->cutoff, 1);
  fputs(",\n  \"discrepancy\": ", f);
  num(f, s->discrepancy, 1);
  fputs(",\n  \"alpha\": ", f);
  num(f, s->alpha, 1);
  fprintf(f, ",\n  \"check\": %d,\n  \"library\": ", s->check);
  if (s->library[0])
    fs_json_str(f, s->library);
  else
    fputs("null", f);
  fputs(",\n  \"exclude\": [", f);
  for (int e = 0; e < s->nexclude; e++) {
    if (e) fputs(", ", f);
    fs_json_str(f, s->exclude[e]);
  }
  fputs("],\n  \"params\": [\n", f);
  for (int j = 0; j < w->d; j++) {
    const fs_sweep_param *p = &w->params[j];
    fputs("    {\"name\": ", f);
    fs_json_str(f, p->name);
    fputs(", \"lo\": ", f);
    num(f, p->lo, 1);
    fputs(", \"hi\": ", f);
    num(f, p->hi, 1);
    fputs(", \"unit\": ", f);
    fs_json_str(f, p->unit);
    fputs(", \"base\": ", f);
    num(f, p->base, 1);
    fprintf(f, ", \"integer\": %s}%s\n", p->integer ? "true" : "false", j + 1 < w->d ? "," : "");
  }
  fputs("  ],\n  \"targets\": [\n", f);
  for (int j = 0; j < obs->n; j++) {
    const fs_obs *o = &obs->obs[j];
    fputs("    {\"id\": ", f);
    fs_json_str(f, o->id);
    fputs(", \"output\": ", f);
    fs_json_str(f, o->output);
    fprintf(f, ", \"calibration\": %s, \"log\": %s, \"value\": ", o->calibration ? "true" : "false",
            t[j].log ? "true" : "false");
    num(f, o->value, 1);
    fputs(", \"lo\": ", f);
    num(f, o->lo, 1);
    fputs(", \"hi\": ", f);
    num(f, o->hi, 1);
    fputs(", \"z\": ", f);
    num(f, t[j].z, 1);
    fputs(", \"sd_obs\": ", f);
    num(f, t[j].sd_obs, 1);
    fputs(", \"sd_disc\": ", f);
    num(f, t[j].sd_disc, 1);
    fprintf(f, "}%s\n", j + 1 < obs->n ? "," : "");
  }
  fputs("  ],\n", f);
}

char *fs_cal__spec_json(const fs_cal_spec *s, const fs_cal_target *t, const fs_obs_set *obs,
                        size_t *len) {
  char *buf = NULL;
  FILE *f = fs_open_memstream(&buf, len);
  if (!f) return NULL;
  body(f, s, t, obs);
  fflush(f);
  uint64_t fp = fs_fnv1a(FS_FNV_BASIS, buf, *len);
  fprintf(f, "  \"fingerprint\": \"%016" PRIx64 "\"\n}\n", fp);
  if (fclose(f) != 0) {
    free(buf);
    return NULL;
  }
  return buf;
}

static void runs_csv(FILE *f, const fs_cal *c) {
  const fs_sweep_spec *s = &c->spec->sweep;
  fputs("stage,point", f);
  for (int j = 0; j < c->d; j++) fprintf(f, ",%s", s->params[j].name);
  for (int j = 0; j < c->k; j++) fprintf(f, ",%s", c->obs->obs[j].id);
  fputs(",score,kept\n", f);
  for (size_t i = 0; i < c->nruns; i++) {
    const fs_cal_run *r = &c->run[i];
    fprintf(f, "%s,%zu", r->stage, r->point);
    for (int j = 0; j < c->d; j++) {
      fputc(',', f);
      num(f, fs_cal__param(c, j, c->rx[i * (size_t) c->d + (size_t) j]), 0);
    }
    for (int j = 0; j < c->k; j++) {
      fputc(',', f);
      num(f, c->ry[i * (size_t) c->k + (size_t) j], 0);
    }
    fputc(',', f);
    num(f, r->score, 0);
    fprintf(f, ",%d\n", r->kept);
  }
}

static void waves_csv(FILE *f, const fs_cal *c) {
  fputs("wave,points,failed,candidates,nonimplausible,nonimplausible_share,volume,cutoff,"
        "runs_within_cutoff,best_score\n",
        f);
  for (int w = 0; w < c->nwaves; w++) {
    const fs_cal_wave *v = &c->wave[w];
    fprintf(f, "%d,%zu,%zu,%zu,%zu,", w + 1, v->points, v->failed, v->candidates,
            v->nonimplausible);
    num(f, v->share, 0);
    fputc(',', f);
    num(f, v->volume, 0);
    fputc(',', f);
    num(f, c->spec->cutoff, 0);
    fprintf(f, ",%zu,", v->within);
    num(f, v->best, 0);
    fputc('\n', f);
  }
}

static void emulators_csv(FILE *f, const fs_cal *c) {
  fputs("wave,observation,loo_r2,loo_rms_std_err,signal_var,nugget_var", f);
  for (int j = 0; j < c->d; j++) fprintf(f, ",length_%s", c->spec->sweep.params[j].name);
  fputc('\n', f);
  for (int w = 0; w < c->nwaves; w++)
    for (int j = 0; j < c->k; j++) {
      const fs_gp *g = c->wave[w].gp[j];
      double rms = NAN, r2 = NAN;
      if (g) fs_gp_loo(g, &rms, &r2);
      fprintf(f, "%d,%s,", w + 1, c->obs->obs[j].id);
      num(f, r2, 0);
      fputc(',', f);
      num(f, rms, 0);
      fputc(',', f);
      num(f, g ? fs_gp_signal_var(g) : NAN, 0);
      fputc(',', f);
      num(f, g ? fs_gp_nugget_var(g) : NAN, 0);
      for (int p = 0; p < c->d; p++) {
        fputc(',', f);
        num(f, g ? fs_gp_length(g, p) : NAN, 0);
      }
      fputc('\n', f);
    }
}

static void generations_csv(FILE *f, const fs_cal *c) {
  fputs("generation,tolerance,proposed,accepted,acceptance_rate,ess,best_distance\n", f);
  for (int t = 0; t < c->ngens; t++) {
    const fs_cal_gen *g = &c->gen[t];
    fprintf(f, "%d,", t + 1);
    num(f, g->tolerance, 0);
    fprintf(f, ",%zu,%zu,", g->proposed, g->accepted);
    num(f, g->proposed ? (double) g->accepted / (double) g->proposed : NAN, 0);
    fputc(',', f);
    num(f, g->ess, 0);
    fputc(',', f);
    num(f, g->best, 0);
    fputc('\n', f);
  }
}

static void posterior_csv(FILE *f, const fs_cal *c) {
  fputs("sample,weight", f);
  for (int j = 0; j < c->d; j++) fprintf(f, ",%s", c->spec->sweep.params[j].name);
  fputc('\n', f);
  for (size_t i = 0; i < c->npost; i++) {
    fprintf(f, "%zu,", i + 1);
    num(f, c->postw[i], 0);
    for (int j = 0; j < c->d; j++) {
      fputc(',', f);
      num(f, fs_cal__param(c, j, c->post[i * (size_t) c->d + (size_t) j]), 0);
    }
    fputc('\n', f);
  }
}

/* The verdict on a parameter from its shrinkage (docs/CALIBRATION.md). */
static const char *verdict(double shrink) {
  return shrink >= 0.5 ? "pinned" : shrink >= 0.2 ? "partly" : "not pinned";
}

static int summary_csv(FILE *f, const fs_cal *c, fs_err *err) {
  double *v = fs_malloc((c->npost ? c->npost : 1) * sizeof *v);
  if (!v) return fs_err_set(err, FS_ENOMEM, "out of memory");
  fputs("param,unit,lo,hi,base,mean,sd,p05,p50,p95,prior_sd,shrinkage,verdict\n", f);
  for (int j = 0; j < c->d; j++) {
    const fs_sweep_param *p = &c->spec->sweep.params[j];
    double sw = 0, m = 0, var = 0;
    for (size_t i = 0; i < c->npost; i++) {
      v[i] = fs_cal__param(c, j, c->post[i * (size_t) c->d + (size_t) j]);
      sw += c->postw[i];
      m += c->postw[i] * v[i];
    }
    m = sw > 0 ? m / sw : NAN;
    for (size_t i = 0; i < c->npost; i++) var += c->postw[i] * (v[i] - m) * (v[i] - m);
    double sd = sw > 0 ? sqrt(var / sw) : NAN, prior = (p->hi - p->lo) / sqrt(12.0);
    double shrink = 1 - (sd * sd) / (prior * prior);
    fprintf(f, "%s,%s,", p->name, p->unit);
    double row[] = {p->lo,
                    p->hi,
                    p->base,
                    m,
                    sd,
                    fs_smc_quantile(v, c->postw, c->npost, 0.05),
                    fs_smc_quantile(v, c->postw, c->npost, 0.50),
                    fs_smc_quantile(v, c->postw, c->npost, 0.95),
                    prior,
                    shrink};
    for (size_t i = 0; i < sizeof row / sizeof row[0]; i++) {
      num(f, row[i], 0);
      fputc(',', f);
    }
    fprintf(f, "%s\n", c->empty ? "no match" : verdict(shrink));
  }
  free(v);
  return 0;
}

static void ppc_csv(FILE *f, const fs_cal *c) {
  fputs("event,observation,output,calibration,value,lo,hi,sim_mean,sim_p05,sim_p50,sim_p95,"
        "nvalues,covered,varied,use\n",
        f);
  for (int j = 0; j < c->k; j++) {
    const fs_obs *o = &c->obs->obs[j];
    fprintf(f, "%s,%s,%s,%d", c->spec->sweep.name, o->id, o->output, o->calibration);
    double row[] = {o->value,      o->lo,         o->hi,        c->ppc_mean[j],
                    c->ppc_p05[j], c->ppc_p50[j], c->ppc_p95[j]};
    for (size_t i = 0; i < sizeof row / sizeof row[0]; i++) {
      fputc(',', f);
      num(f, row[i], 0);
    }
    int covered = c->ppc_n[j] > 0 && c->ppc_p05[j] <= o->hi && c->ppc_p95[j] >= o->lo;
    fprintf(f, ",%d,%d,", c->ppc_n[j], covered);
    for (int p = 0; p < c->d; p++) fprintf(f, "%s%s", p ? ";" : "", c->spec->sweep.params[p].name);
    fprintf(f, ",%s\n", fs_cal__use_name(c->use[j]));
  }
  /* The library's other events: what the shared model gives them; none of
     them declares the posterior's parameters, so nothing is varied. */
  for (int e = 0; c->have_lib && e < c->lib.nev; e++) {
    const fs_validate_event *ev = &c->lib.ev[e];
    for (int i = 0; i < ev->obs.n; i++) {
      const fs_validate_row *r = &ev->rows[i];
      const fs_obs *o = r->obs;
      fprintf(f, "%s,%s,%s,%d", ev->name, o->id, o->output, o->calibration);
      double row[] = {o->value, o->lo, o->hi, r->mean, r->p05, NAN, r->p95};
      for (size_t k = 0; k < sizeof row / sizeof row[0]; k++) {
        fputc(',', f);
        num(f, row[k], 0);
      }
      int covered = r->nvalues > 0 && r->p05 <= o->hi && r->p95 >= o->lo;
      fprintf(f, ",%d,%d,,library\n", r->nvalues, covered);
    }
  }
}

static void manifest(FILE *f, const fs_cal *c) {
  const fs_cal_spec *s = c->spec;
  fs_manifest m = {.kind = "calibration",
                   .command = c->o->command,
                   .seed = s->sweep.run_seed,
                   .wall_seconds = fs_now() - c->t0};
  fs_manifest_input_add(&m, "scenario", s->sweep.scenario, 1, s->sweep.scenario_hash);
  fs_manifest_input_add(&m, "observations", s->observations, 1, s->observations_hash);
  if (s->sweep.portfolio[0])
    fs_manifest_input_add(&m, "portfolio", s->sweep.portfolio, 1, s->sweep.portfolio_hash);
  fs_manifest_input_add(&m, "models", s->sweep.models_dir[0] ? s->sweep.models_dir : "(built-in)",
                        0, 0);
  fs_manifest_head(f, &m);
  fputs("  \"method\": ", f);
  fs_json_str(f, method_name(s->method));
  fprintf(f,
          ",\n  \"runs\": %zu,\n  \"posterior_samples\": %zu,\n  \"no_match\": %s,\n"
          "  \"mpi_ranks\": %d,\n  \"threads\": %d\n}\n",
          c->nruns, c->npost, c->empty ? "true" : "false", c->o->mpi_size, c->o->threads);
}

typedef enum { RUNS, WAVES, EMULATORS, GENERATIONS, POSTERIOR, SUMMARY, PPC, MANIFEST } table;
static const char *const names[] = {"runs.csv",        "waves.csv",     "emulators.csv",
                                    "generations.csv", "posterior.csv", "posterior_summary.csv",
                                    "ppc.csv",         "manifest.json"};

int fs_cal__write(const fs_cal *c, fs_err *err) {
  const char *dir = c->o->out;
  int hm = c->spec->method == FS_CAL_HM, rc = 0, n = 0;
  table done[8];
  for (int t = RUNS; t <= MANIFEST && rc == 0; t++) {
    if ((t == WAVES || t == EMULATORS) && !hm) continue;
    if (t == GENERATIONS && hm) continue;
    FILE *f = fs_out_open_tmp(dir, names[t], err);
    if (!f) {
      rc = err->code;
      break;
    }
    switch ((table) t) {
    case RUNS:
      runs_csv(f, c);
      break;
    case WAVES:
      waves_csv(f, c);
      break;
    case EMULATORS:
      emulators_csv(f, c);
      break;
    case GENERATIONS:
      generations_csv(f, c);
      break;
    case POSTERIOR:
      posterior_csv(f, c);
      break;
    case SUMMARY:
      rc = summary_csv(f, c, err);
      break;
    case PPC:
      ppc_csv(f, c);
      break;
    case MANIFEST:
      manifest(f, c);
      break;
    }
    if (rc != 0) {
      fs_out_abort_tmp(f, dir, names[t]);
      break;
    }
    rc = fs_out_close_tmp(f, dir, names[t], err);
    if (rc == 0) done[n++] = (table) t;
  }
  /* Together: every table renamed into place only when all are written. */
  for (int i = 0; i < n; i++) {
    if (rc == 0)
      rc = fs_out_rename_tmp(dir, names[done[i]], err);
    else
      fs_out_remove_tmp(dir, names[done[i]]);
  }
  return rc;
}
