/* insured.c: the portfolio by line of cover, under each wording switch,
   and net of its reinsurance programme (insured.h). */
#include "report/insured.h"

#include <assert.h>
#include <stddef.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "loss/terms.h"
#include "util/alloc.h"
#include "util/csv.h"
#include "util/fsutil.h"
#include "util/json.h"

void fs_ri_outcome_free(fs_ri_outcome *o) {
  free(o->gross);
  free(o->net);
  free(o->occ_net);
  memset(o, 0, sizeof *o);
}

/* Adds what layer k did (y) to the running sums of a table. */
static void tally(double *mean, double *attach, double *exhaust, const fs_ri_layer_year *y, int n) {
  for (int k = 0; k < n; k++) {
    mean[k] += y[k].recovery;
    attach[k] += y[k].attached;
    exhaust[k] += y[k].exhausted;
  }
}

static void scale(double *x, int n, double by) {
  for (int k = 0; k < n; k++) x[k] /= by;
}

/* Each sample as the only occurrence of its year. */
static int samples(const fs_loss_ctx *c, fs_ri_outcome *o, fs_err *err) {
  const fs_ri_programme *p = c->ri;
  size_t npol = c->pf->n;
  fs_ri_layer_year y[FS_RI_MAX_LAYERS];
  for (size_t r = 0; r < o->R; r++) {
    const double *il = c->b->rep[r].policy_il;
    size_t first[2] = {0, npol};
    double hour = 0, ceded = 0;
    fs_ri_year_in in = {.nocc = 1, .hour = &hour, .first = first, .loss = il};
    int rc = fs_ri_apply_year(p, &in, &ceded, y, err);
    if (rc) return rc;
    for (size_t i = 0; i < npol; i++) o->gross[r] += il[i];
    o->net[r] = fmax(o->gross[r] - ceded, 0);
    assert(ceded <= o->gross[r] * (1 + 1e-9) + 1e-6);
    tally(o->ev_mean, o->ev_attach, o->ev_exhaust, y, p->n);
  }
  scale(o->ev_mean, p->n, (double) o->R);
  scale(o->ev_attach, p->n, (double) o->R);
  scale(o->ev_exhaust, p->n, (double) o->R);
  return 0;
}

/* Every year of the period loss table: its occurrences in time order, each
   with the policies' losses of the sample it drew. */
static int years(const fs_loss_ctx *c, const fs_plt *plt, fs_ri_outcome *o, fs_err *err) {
  const fs_ri_programme *p = c->ri;
  size_t npol = c->pf->n, most = 0;
  for (size_t y = 0; y < plt->nperiods; y++)
    if (plt->first[y + 1] - plt->first[y] > most) most = plt->first[y + 1] - plt->first[y];
  o->occ_net = fs_calloc(plt->n ? plt->n : 1, sizeof *o->occ_net);
  double *loss = fs_malloc((most * npol > 0 ? most * npol : 1) * sizeof *loss);
  double *hour = fs_malloc((most ? most : 1) * sizeof *hour);
  double *ceded = fs_malloc((most ? most : 1) * sizeof *ceded);
  size_t *first = fs_malloc((most + 1) * sizeof *first);
  int rc = o->occ_net && loss && hour && ceded && first
               ? 0
               : fs_err_set(err, FS_ENOMEM, "out of memory for the reinsurance years");
  fs_ri_layer_year ly[FS_RI_MAX_LAYERS];
  for (size_t y = 0; y < plt->nperiods && rc == 0; y++) {
    size_t a = plt->first[y], n = plt->first[y + 1] - a;
    for (size_t k = 0; k < n; k++) {
      const fs_plt_row *w = &plt->row[a + k];
      hour[k] = (w->day - 1) * 24.0 + w->minute / 60.0;
      first[k] = k * npol;
      memcpy(loss + k * npol, c->b->rep[w->sample - 1].policy_il, npol * sizeof *loss);
    }
    first[n] = n * npol;
    fs_ri_year_in in = {.nocc = n, .hour = hour, .first = first, .loss = loss};
    rc = fs_ri_apply_year(p, &in, ceded, ly, err);
    for (size_t k = 0; k < n && rc == 0; k++)
      o->occ_net[a + k] = fmax(o->gross[plt->row[a + k].sample - 1] - ceded[k], 0);
    if (rc == 0) tally(o->yr_mean, o->yr_attach, o->yr_exhaust, ly, p->n);
  }
  free(loss);
  free(hour);
  free(ceded);
  free(first);
  o->nocc = plt->n;
  o->years = plt->nperiods;
  scale(o->yr_mean, p->n, (double) plt->nperiods);
  scale(o->yr_attach, p->n, (double) plt->nperiods);
  scale(o->yr_exhaust, p->n, (double) plt->nperiods);
  return rc;
}

int fs_ri_outcome_build(const fs_loss_ctx *c, const fs_plt *plt, fs_ri_outcome *o, fs_err *err) {
  memset(o, 0, sizeof *o);
  assert(c->ri && c->pf);
  o->R = (size_t) c->b->done;
  for (int k = 0; k < FS_RI_MAX_LAYERS; k++)
    o->yr_mean[k] = o->yr_attach[k] = o->yr_exhaust[k] = NAN;
  o->gross = fs_calloc(o->R ? o->R : 1, sizeof *o->gross);
  o->net = fs_calloc(o->R ? o->R : 1, sizeof *o->net);
  int rc = o->gross && o->net ? samples(c, o, err)
                              : fs_err_set(err, FS_ENOMEM, "out of memory for reinsurance");
  if (rc == 0 && plt) {
    for (int k = 0; k < c->ri->n; k++) o->yr_mean[k] = o->yr_attach[k] = o->yr_exhaust[k] = 0;
    rc = years(c, plt, o, err);
  }
  if (rc) fs_ri_outcome_free(o);
  return rc;
}

/* ---- files -------------------------------------------------------------- */

static double rep_mean(const fs_batch *b, size_t off, int k) {
  double s = 0;
  for (int r = 0; r < b->done; r++) s += ((const double *) ((const char *) &b->rep[r] + off))[k];
  return b->done ? s / b->done : 0;
}

/* cover.csv: Line,GroundUpMean,InsuredMean,InsuredShare (of the line's
   ground-up loss). Ground-up BI is before the waiting periods. */
static int write_cover(const char *dir, const fs_loss_ctx *c, fs_err *err) {
  FILE *f = fs_out_open(dir, "cover.csv", err);
  if (!f) return FS_EIO;
  fputs("Line,GroundUpMean,InsuredMean,InsuredShare\n", f);
  for (int k = 0; k < FS_NLINES; k++) {
    double gu = rep_mean(c->b, offsetof(fs_rep, line_gu), k);
    double il = rep_mean(c->b, offsetof(fs_rep, line_il), k);
    fprintf(f, "%s,%.2f,%.2f,%.6f\n", fs_line_name(k), gu, il, gu > 0 ? il / gu : 0.0);
  }
  return fs_out_close(f, dir, "cover.csv", err);
}

/* The mean and SD of wording w's book insured loss. */
static void wording_stats(const fs_batch *b, int w, double *mean, double *sd) {
  double s = 0, s2 = 0;
  int n = b->done;
  for (int r = 0; r < n; r++) s += b->rep[r].wording_il[w];
  *mean = n ? s / n : 0;
  for (int r = 0; r < n; r++) s2 += pow(b->rep[r].wording_il[w] - *mean, 2);
  *sd = n > 1 ? sqrt(s2 / (n - 1)) : 0;
}

/* wordings.csv: Wording,Description,MeanInsured,SDInsured,ChangeUSD,
   ChangePct (against the book as written; the same replications, so the
   change is the wording's alone). */
static int write_wordings(const char *dir, const fs_loss_ctx *c, fs_err *err) {
  FILE *f = fs_out_open(dir, "wordings.csv", err);
  if (!f) return FS_EIO;
  fputs("Wording,Description,MeanInsured,SDInsured,ChangeUSD,ChangePct\n", f);
  double base, sd;
  wording_stats(c->b, FS_WORDING_AS_WRITTEN, &base, &sd);
  for (int w = 0; w < FS_NWORDINGS; w++) {
    double m;
    wording_stats(c->b, w, &m, &sd);
    fprintf(f, "%s,", fs_wording_id(w));
    fs_csv_put(f, fs_wording_text(w), 0);
    fprintf(f, ",%.2f,%.2f,%.2f,%.4f\n", m, sd, m - base, base > 0 ? 100 * (m - base) / base : 0.0);
  }
  return fs_out_close(f, dir, "wordings.csv", err);
}

static void num_or_blank(FILE *f, const char *fmt, double x) {
  if (isnan(x) || isinf(x))
    fputc(',', f);
  else
    fprintf(f, fmt, x);
}

/* ri_layers.csv: Layer,Kind,Share,Attachment,Limit,Reinstatements,Hours,
   ExpectedLoss,ProbAttach,ProbExhaust (a year of the period loss table;
   blank without one), EventMeanRecovery,EventProbAttach,EventProbExhaust
   (the event alone, over the samples). */
static int write_layers(const char *dir, const fs_loss_ctx *c, const fs_ri_outcome *o,
                        fs_err *err) {
  FILE *f = fs_out_open(dir, "ri_layers.csv", err);
  if (!f) return FS_EIO;
  fputs("Layer,Kind,Share,Attachment,Limit,Reinstatements,Hours,ExpectedLoss,ProbAttach,"
        "ProbExhaust,EventMeanRecovery,EventProbAttach,EventProbExhaust\n",
        f);
  for (int k = 0; k < c->ri->n; k++) {
    const fs_ri_layer *l = &c->ri->layer[k];
    int qs = l->kind == FS_RI_QUOTA_SHARE;
    fs_csv_put(f, l->name, 0);
    fprintf(f, ",%s,%.6g", fs_ri_kind_name(l->kind), l->share);
    num_or_blank(f, ",%.2f", qs ? NAN : l->attachment);
    num_or_blank(f, ",%.2f", qs ? NAN : l->limit);
    if (qs)
      fputc(',', f);
    else
      fprintf(f, ",%d", l->reinstatements);
    num_or_blank(f, ",%.6g", l->kind == FS_RI_CAT ? l->hours : NAN);
    num_or_blank(f, ",%.2f", o->yr_mean[k]);
    num_or_blank(f, ",%.6f", o->yr_attach[k]);
    num_or_blank(f, ",%.6f", o->yr_exhaust[k]);
    fprintf(f, ",%.2f,%.6f,%.6f\n", o->ev_mean[k], o->ev_attach[k], o->ev_exhaust[k]);
  }
  return fs_out_close(f, dir, "ri_layers.csv", err);
}

int fs_insured_write(const char *dir, const fs_loss_ctx *c, const fs_ri_outcome *o, fs_err *err) {
  int rc = write_cover(dir, c, err);
  if (rc == 0) rc = write_wordings(dir, c, err);
  if (rc == 0 && o && c->ri) rc = write_layers(dir, c, o, err);
  return rc;
}

/* ---- summary.json ------------------------------------------------------- */

void fs_insured_json(FILE *f, const fs_loss_ctx *c, const fs_ri_outcome *o) {
  fputs(",\n      \"by_line\": {", f);
  for (int k = 0; k < FS_NLINES; k++) {
    fprintf(f, "%s\"%s\": {\"ground_up_usd\": ", k ? ", " : "", fs_line_name(k));
    fs_json_num(f, round(rep_mean(c->b, offsetof(fs_rep, line_gu), k) * 100) / 100);
    fputs(", \"insured_usd\": ", f);
    fs_json_num(f, round(rep_mean(c->b, offsetof(fs_rep, line_il), k) * 100) / 100);
    fputc('}', f);
  }
  fputs("},\n      \"wordings_insured_usd\": {", f);
  for (int w = 0; w < FS_NWORDINGS; w++) {
    double m, sd;
    wording_stats(c->b, w, &m, &sd);
    fprintf(f, "%s\"%s\": ", w ? ", " : "", fs_wording_id(w));
    fs_json_num(f, round(m * 100) / 100);
  }
  fputc('}', f);
  /* what the wording asks of the event (replication means) */
  double hs = 0;
  for (int r = 0; r < c->b->done; r++) hs += c->b->rep[r].hit_share;
  fprintf(f,
          ",\n      \"event\": {\"malicious\": %s, \"infrastructure\": %s, "
          "\"orgs_hit_share\": ",
          c->b->event.malicious ? "true" : "false", c->b->event.infrastructure ? "true" : "false");
  fs_json_num(f, c->b->done ? round(hs / c->b->done * 1e6) / 1e6 : 0);
  fputc('}', f);
  if (!o || !c->ri) return;
  double g = 0, n = 0;
  for (size_t r = 0; r < o->R; r++) g += o->gross[r], n += o->net[r];
  fputs(",\n      \"reinsurance\": {\"programme\": ", f);
  fs_json_str(f, c->ri_path ? c->ri_path : "");
  fputs(", \"gross_usd\": ", f);
  fs_json_num(f, o->R ? round(g / (double) o->R * 100) / 100 : 0);
  fputs(", \"net_usd\": ", f);
  fs_json_num(f, o->R ? round(n / (double) o->R * 100) / 100 : 0);
  fputs(", \"layers\": [", f);
  for (int k = 0; k < c->ri->n; k++) {
    fprintf(f, "%s{\"layer\": ", k ? ", " : "");
    fs_json_str(f, c->ri->layer[k].name);
    fputs(", \"event_mean_recovery_usd\": ", f);
    fs_json_num(f, round(o->ev_mean[k] * 100) / 100);
    fputs(", \"expected_annual_recovery_usd\": ", f);
    fs_json_num(f, isnan(o->yr_mean[k]) ? NAN : round(o->yr_mean[k] * 100) / 100);
    fputc('}', f);
  }
  fputs("]}", f);
}
