/* write.c: the scoreboard printed, and validation.csv, validation.json,
   validation.html and manifest.json of a validation folder. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/clock.h"
#include "util/csv.h"
#include "util/fsutil.h"
#include "util/json.h"
#include "util/manifest.h"
#include "validate/validate.h"

static const char *use_name(const fs_obs *o) {
  return o->calibration ? "calibration" : "validation";
}

static void print_score(FILE *f, const char *label, fs_validate_score s) {
  if (s.n == 0) {
    fprintf(f, "  %-24s %3s\n", label, "-");
    return;
  }
  fprintf(f, "  %-24s %3d/%-3d in band (%3.0f%%), median |log ratio| %.2f (x%.2f), %d off by >x5\n",
          label, s.in_band, s.n, 100.0 * s.in_band / s.n, s.median_abs_log, exp(s.median_abs_log),
          s.off5);
}

void fs_validate_print(FILE *f, const fs_validate *v) {
  fprintf(f, "Scoreboard (validation observations; calibration ones are not evidence)\n");
  for (int i = 0; i < v->nev; i++) {
    const fs_validate_event *e = &v->ev[i];
    print_score(f, e->name, fs_validate_score_of(v, e, 0));
    fs_validate_score c = fs_validate_score_of(v, e, 1);
    if (c.n) fprintf(f, "  %-24s %3d/%-3d calibration figures in band\n", "", c.in_band, c.n);
  }
  print_score(f, "all events", v->validation);
  const fs_validate_row *w[3];
  const char *ev[3];
  int n = fs_validate_worst(v, w, ev);
  if (n) fprintf(f, "Worst %d:\n", n);
  for (int i = 0; i < n; i++)
    fprintf(f, "  %s %s: public %.4g %s, simulated %.4g (ratio %.3g)\n", ev[i], w[i]->obs->id,
            w[i]->obs->value, w[i]->obs->unit, w[i]->mean, w[i]->ratio);
}

/* A text field, quoted, with a formula's first character defused
   (util/csv.h fs_csv_put). */
static void csv_text(FILE *f, const char *s) {
  fs_csv_put(f, s, FS_CSV_QUOTE | FS_CSV_ONE_LINE);
}

static void csv_num(FILE *f, double x) {
  if (isfinite(x)) fprintf(f, "%.6g", x);
}

static int write_csv(const fs_validate *v, const char *dir, fs_err *err) {
  FILE *f = fs_out_open(dir, "validation.csv", err);
  if (!f) return err->code;
  fprintf(f, "event,observation,use,output,industry,size,unit,public_value,band_lo,band_hi,"
             "simulated_mean,simulated_p05,simulated_p95,replications_with_value,ratio,in_band,"
             "figure,source\n");
  for (int i = 0; i < v->nev; i++)
    for (int j = 0; j < v->ev[i].obs.n; j++) {
      const fs_validate_row *r = &v->ev[i].rows[j];
      const fs_obs *o = r->obs;
      fprintf(f, "%s,%s,%s,%s,%s,%s,", v->ev[i].name, o->id, use_name(o), o->output, o->industry,
              o->size >= 0 ? fs_size_class_ids[o->size] : "");
      csv_text(f, o->unit);
      const double x[] = {o->value, o->lo, o->hi, r->mean, r->p05, r->p95};
      for (size_t k = 0; k < sizeof x / sizeof x[0]; k++) {
        fputc(',', f);
        csv_num(f, x[k]);
      }
      fprintf(f, ",%d,", r->nvalues);
      csv_num(f, r->ratio);
      fprintf(f, ",%d,", r->in_band);
      csv_text(f, o->figure);
      fputc(',', f);
      char src[FS_TEXT_MAX * 2 + 200];
      snprintf(src, sizeof src, "%s; %s; %s%s%s", o->title, o->publisher, o->date,
               o->url[0] ? "; " : "", o->url);
      csv_text(f, src);
      fputc('\n', f);
    }
  return fs_out_close(f, dir, "validation.csv", err);
}

static void json_score(FILE *f, fs_validate_score s) {
  fprintf(f, "{\"observations\": %d, \"in_band\": %d, \"share_in_band\": ", s.n, s.in_band);
  fs_json_num(f, s.n ? (double) s.in_band / s.n : NAN);
  fprintf(f, ", \"median_abs_log_ratio\": ");
  fs_json_num(f, s.median_abs_log);
  fprintf(f, ", \"off_by_more_than_5x\": %d}", s.off5);
}

static void json_row(FILE *f, const fs_validate_row *r) {
  const fs_obs *o = r->obs;
  fprintf(f, "{\"id\": ");
  fs_json_str(f, o->id);
  fprintf(f, ", \"use\": \"%s\", \"output\": ", use_name(o));
  fs_json_str(f, o->output);
  fprintf(f, ", \"industry\": ");
  fs_json_str(f, o->industry);
  fprintf(f, ", \"size\": ");
  fs_json_str(f, o->size >= 0 ? fs_size_class_ids[o->size] : "");
  fprintf(f, ", \"figure\": ");
  fs_json_str(f, o->figure);
  fprintf(f, ", \"unit\": ");
  fs_json_str(f, o->unit);
  const char *k[] = {"public_value",  "band_lo",       "band_hi", "simulated_mean",
                     "simulated_p05", "simulated_p95", "ratio"};
  const double x[] = {o->value, o->lo, o->hi, r->mean, r->p05, r->p95, r->ratio};
  for (size_t i = 0; i < sizeof x / sizeof x[0]; i++) {
    fprintf(f, ", \"%s\": ", k[i]);
    fs_json_num(f, x[i]);
  }
  fprintf(f, ", \"replications_with_value\": %d, \"in_band\": %s, \"source\": {\"title\": ",
          r->nvalues, r->in_band ? "true" : "false");
  fs_json_str(f, o->title);
  fprintf(f, ", \"publisher\": ");
  fs_json_str(f, o->publisher);
  fprintf(f, ", \"date\": ");
  fs_json_str(f, o->date);
  fprintf(f, ", \"url\": ");
  fs_json_str(f, o->url);
  fprintf(f, "}}");
}

static int write_json(const fs_validate *v, const fs_validate_opts *o, const char *dir,
                      fs_err *err) {
  FILE *f = fs_out_open(dir, "validation.json", err);
  if (!f) return err->code;
  fprintf(f, "{\n  \"replications\": %d,\n  \"scale\": ", o->reps);
  fs_json_num(f, o->session.scale);
  fprintf(f, ",\n  \"validation\": ");
  json_score(f, v->validation);
  fprintf(f, ",\n  \"calibration\": ");
  json_score(f, v->calibration);
  fprintf(f, ",\n  \"events\": [");
  for (int i = 0; i < v->nev; i++) {
    const fs_validate_event *e = &v->ev[i];
    fprintf(f, "%s\n    {\"event\": ", i ? "," : "");
    fs_json_str(f, e->name);
    fprintf(f, ", \"scenario\": ");
    fs_json_str(f, e->scenario);
    fprintf(f, ", \"observations_file\": ");
    fs_json_str(f, e->observations);
    fprintf(f, ", \"results\": ");
    char rel[FS_ID_MAX + 16];
    snprintf(rel, sizeof rel, "events/%s", e->name);
    fs_json_str(f, rel);
    fprintf(f, ", \"wall_seconds\": %.3f,\n     \"validation\": ", e->wall_seconds);
    json_score(f, fs_validate_score_of(v, e, 0));
    fprintf(f, ", \"calibration\": ");
    json_score(f, fs_validate_score_of(v, e, 1));
    fprintf(f, ",\n     \"observations\": [");
    for (int j = 0; j < e->obs.n; j++) {
      fprintf(f, "%s\n      ", j ? "," : "");
      json_row(f, &e->rows[j]);
    }
    fprintf(f, "]}");
  }
  fprintf(f, "\n  ]\n}\n");
  return fs_out_close(f, dir, "validation.json", err);
}

static int write_manifest(const fs_validate *v, const fs_validate_opts *o, const char *dir,
                          fs_err *err) {
  FILE *f = fs_out_open(dir, "manifest.json", err);
  if (!f) return err->code;
  fs_manifest m = {.kind = "validation", .command = o->command, .wall_seconds = fs_now() - v->t0};
  const char *models = o->session.load.models_dir;
  fs_manifest_input_add(&m, "library", o->library, 0, 0);
  fs_manifest_input_add(&m, "models", models ? models : "(built-in)", 0, 0);
  fs_manifest_head(f, &m);
  fprintf(f, "  \"events\": %d,\n  \"replications\": %d,\n  \"scale\": ", v->nev, o->reps);
  fs_json_num(f, o->session.scale);
  fprintf(f, "\n}\n");
  return fs_out_close(f, dir, "manifest.json", err);
}

/* The folder is a temporary one, renamed into place whole
   (fs_validate_run): its files need no temporaries of their own. */
int fs_validate_write(const fs_validate *v, const fs_validate_opts *o, const char *dir,
                      fs_err *err) {
  int rc = write_csv(v, dir, err);
  if (rc == 0) rc = write_json(v, o, dir, err);
  if (rc == 0 && !o->no_report) rc = fs_validate_html(v, o, dir, err);
  if (rc == 0) rc = write_manifest(v, o, dir, err);
  return rc;
}
