/* write.c: what `fleetsim compare` prints, and compare.csv, compare.json
   and manifest.json of a comparison folder. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compare/compare.h"
#include "util/clock.h"
#include "util/csv.h"
#include "util/fsutil.h"
#include "util/json.h"
#include "util/manifest.h"

/* The scope of metric m: "fleet", "portfolio" or an industry's id. */
static const char *scope(const fs_compare *c, int m) {
  if (m >= FS_CM_FLEET) return c->industry[(m - FS_CM_FLEET) / FS_CM_PER_IND];
  return m == FS_CM_PF_GU || m == FS_CM_PF_IL ? "portfolio" : "fleet";
}

static const fs_compare_row *row_of(const fs_compare *c, int a, int m) {
  return &c->row[(size_t) (a - 1) * c->nm + m];
}

void fs_compare_print(FILE *f, const fs_compare *c) {
  static const int head[] = {FS_CM_CRASHED, FS_CM_EP_HOURS, FS_CM_REC90, FS_CM_DOWNTIME,
                             FS_CM_LOSS};
  fprintf(f, "%s: %d replications, paired (variant - base, 95%% interval; variance reduction)\n",
          c->scenario, c->reps);
  for (int a = 1; a < c->narm; a++) {
    fprintf(f, "  %s%s\n", c->arm[a].name,
            c->arm[a].unchanged ? "  (WARNING: changes nothing: every output equals the base's)"
                                : "");
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++) {
      const fs_compare_row *r = row_of(c, a, head[i]);
      if (r->n == 0) continue;
      char rel[16] = "      -", vr[24] = "-";
      if (isfinite(r->rel)) snprintf(rel, sizeof rel, "%+6.1f%%", 100 * r->rel);
      if (isfinite(r->vr)) snprintf(vr, sizeof vr, "x%.3g", r->vr);
      if (isinf(r->vr)) snprintf(vr, sizeof vr, "(no variance left)");
      char ci[64] = "[-]"; /* one replication: no interval */
      if (isfinite(r->lo) && isfinite(r->hi))
        snprintf(ci, sizeof ci, "[%+.4g, %+.4g]", r->lo, r->hi);
      fprintf(f, "    %-26s %14.4g -> %-14.4g %+11.4g %s %s  %s\n", fs_compare_metric_name(head[i]),
              r->base_mean, r->var_mean, r->diff, ci, rel, vr);
    }
  }
}

static void csv_num(FILE *f, double x) {
  if (isfinite(x))
    fprintf(f, "%.10g", x);
  else if (isinf(x))
    fputs(x > 0 ? "inf" : "-inf", f);
}

static int write_csv(const fs_compare *c, const char *dir, fs_err *err) {
  FILE *f = fs_out_open(dir, "compare.csv", err);
  if (!f) return err->code;
  fprintf(f, "variant,metric,scope,unit,replications,base_mean,variant_mean,difference,diff_lo95,"
             "diff_hi95,relative_change,variance_independent,variance_paired,variance_reduction,"
             "unchanged\n");
  for (int a = 1; a < c->narm; a++)
    for (int m = 0; m < c->nm; m++) {
      const fs_compare_row *r = row_of(c, a, m);
      fprintf(f, "%s,%s,%s,%s,%d", c->arm[a].name, fs_compare_metric_name(m), scope(c, m),
              fs_compare_metric_unit(m), r->n);
      const double x[] = {r->base_mean, r->var_mean,  r->diff,       r->lo, r->hi,
                          r->rel,       r->var_indep, r->var_paired, r->vr};
      for (size_t k = 0; k < sizeof x / sizeof x[0]; k++) {
        fputc(',', f);
        if (r->n) csv_num(f, x[k]);
      }
      fprintf(f, ",%d\n", c->arm[a].unchanged);
    }
  return fs_out_close(f, dir, "compare.csv", err);
}

static void json_row(FILE *f, const fs_compare *c, const fs_compare_row *r) {
  fprintf(f, "{\"metric\": \"%s\", \"scope\": ", fs_compare_metric_name(r->metric));
  fs_json_str(f, scope(c, r->metric));
  fprintf(f, ", \"unit\": \"%s\", \"replications\": %d", fs_compare_metric_unit(r->metric), r->n);
  const char *k[] = {
      "base_mean",         "variant_mean",    "difference",           "diff_lo95",
      "diff_hi95",         "relative_change", "variance_independent", "variance_paired",
      "variance_reduction"};
  const double x[] = {r->base_mean, r->var_mean,  r->diff,       r->lo, r->hi,
                      r->rel,       r->var_indep, r->var_paired, r->vr};
  for (size_t i = 0; i < sizeof x / sizeof x[0]; i++) {
    fprintf(f, ", \"%s\": ", k[i]);
    fs_json_num(f, r->n ? x[i] : NAN); /* JSON has no infinity: null */
  }
  if (isinf(r->vr)) fprintf(f, ", \"variance_reduction_infinite\": true");
  fprintf(f, "}");
}

static int write_json(const fs_compare *c, const fs_compare_opts *o, const char *dir, fs_err *err) {
  FILE *f = fs_out_open(dir, "compare.json", err);
  if (!f) return err->code;
  fprintf(f, "{\n  \"scenario\": ");
  fs_json_str(f, c->scenario);
  fprintf(f, ",\n  \"replications\": %d,\n  \"scale\": ", c->reps);
  fs_json_num(f, o->session.scale);
  fprintf(f, ",\n  \"base\": {\"results\": \"base\", \"seconds\": %.3f},\n  \"variants\": [",
          c->arm[0].seconds);
  for (int a = 1; a < c->narm; a++) {
    const fs_compare_arm *arm = &c->arm[a];
    const fs_variant *v = arm->var;
    fprintf(f, "%s\n    {\"name\": ", a > 1 ? "," : "");
    fs_json_str(f, arm->name);
    fprintf(f, ", \"description\": ");
    fs_json_str(f, v->description);
    fprintf(f, ", \"file\": ");
    fs_json_str(f, v->path);
    fprintf(f, ", \"source\": ");
    fs_json_str(f, v->source);
    fprintf(f, ", \"set\": {");
    for (int i = 0; i < v->nsets; i++) {
      fprintf(f, "%s", i ? ", " : "");
      fs_json_str(f, v->sets[i].name);
      fprintf(f, ": ");
      fs_json_num(f, v->sets[i].value);
    }
    fprintf(f,
            "}, \"results\": \"variants/%s\", \"seconds\": %.3f, \"fleet_reused\": %s, "
            "\"unchanged\": %s,\n     \"metrics\": [",
            arm->name, arm->seconds, arm->fleet_reused ? "true" : "false",
            arm->unchanged ? "true" : "false");
    for (int m = 0; m < c->nm; m++) {
      fprintf(f, "%s\n      ", m ? "," : "");
      json_row(f, c, row_of(c, a, m));
    }
    fprintf(f, "]}");
  }
  fprintf(f, "\n  ]\n}\n");
  return fs_out_close(f, dir, "compare.json", err);
}

static int write_manifest(const fs_compare *c, const fs_compare_opts *o, const char *dir,
                          fs_err *err) {
  FILE *f = fs_out_open(dir, "manifest.json", err);
  if (!f) return err->code;
  fs_manifest m = {.kind = "compare", .command = o->command, .wall_seconds = fs_now() - c->t0};
  const char *models = o->session.load.models_dir;
  fs_manifest_input_add(&m, "scenario", o->session.load.path, 0, 0);
  if (o->session.portfolio) fs_manifest_input_add(&m, "portfolio", o->session.portfolio, 0, 0);
  fs_manifest_input_add(&m, "models", models ? models : "(built-in)", 0, 0);
  fs_manifest_head(f, &m);
  fprintf(f, "  \"variants\": %d,\n  \"replications\": %d,\n  \"scale\": ", c->narm - 1, c->reps);
  fs_json_num(f, o->session.scale);
  fprintf(f, "\n}\n");
  return fs_out_close(f, dir, "manifest.json", err);
}

/* The folder is a temporary one, renamed into place whole
   (fs_compare_run): its files need no temporaries of their own. */
int fs_compare_write(const fs_compare *c, const fs_compare_opts *o, const char *dir, fs_err *err) {
  int rc = write_csv(c, dir, err);
  if (rc == 0) rc = write_json(c, o, dir, err);
  if (rc == 0 && !o->no_report) rc = fs_compare_html(c, dir, err);
  if (rc == 0) rc = write_manifest(c, o, dir, err);
  return rc;
}
