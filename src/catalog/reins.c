/* reins.c: a portfolio's catalogue losses net of its reinsurance
   programme, year by year in the year loss table, and the RI tables
   (catalog_impl.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog_impl.h"
#include "loss/ep.h"
#include "loss/plt.h"
#include "util/alloc.h"
#include "util/csv.h"

void fs_catalog__ri_free(fs_catalog_ri *r) {
  free(r->occ_net);
  free(r->agg);
  free(r->occ);
  free(r->ev_net);
  memset(r, 0, sizeof *r);
}

/* One occurrence (or a year's occurrences) of portfolio totals through
   the programme: each occurrence is one risk. */
static int apply(const fs_ri_programme *p, size_t n, const double *hour, const double *gross,
                 size_t *first, double *ceded, fs_ri_layer_year *ly, fs_err *err) {
  for (size_t k = 0; k <= n; k++) first[k] = k;
  fs_ri_year_in in = {.nocc = n, .hour = hour, .first = first, .loss = gross};
  return fs_ri_apply_year(p, &in, ceded, ly, err);
}

/* Every event sample alone in its year (the RI event loss table). */
static int event_alone(const fs_catalog_losses *l, int k, fs_catalog_ri *r, fs_err *err) {
  size_t n = l->nevents * l->reps, first[2];
  double hour = 0, ceded;
  fs_ri_layer_year ly[FS_RI_MAX_LAYERS];
  for (size_t i = 0; i < n; i++) {
    double g = l->pil[k][i];
    int rc = apply(r->p, 1, &hour, &g, first, &ceded, ly, err);
    if (rc) return rc;
    r->ev_net[i] = fmax(g - ceded, 0);
  }
  return 0;
}

int fs_catalog__ri_build(const fs_catalog_losses *l, int k, const fs_ri_programme *p,
                         const fs_ylt *y, fs_catalog_ri *r, fs_err *err) {
  memset(r, 0, sizeof *r);
  r->p = p;
  r->k = k;
  size_t most = 0, Y = y->nyears;
  for (size_t t = 0; t < Y; t++)
    if (y->first[t + 1] - y->first[t] > most) most = y->first[t + 1] - y->first[t];
  r->occ_net = fs_calloc(y->n ? y->n : 1, sizeof *r->occ_net);
  r->agg = fs_calloc(Y, sizeof *r->agg);
  r->occ = fs_calloc(Y, sizeof *r->occ);
  r->ev_net = fs_calloc(l->nevents * l->reps > 0 ? l->nevents * l->reps : 1, sizeof *r->ev_net);
  double *hour = fs_malloc((most + 1) * sizeof *hour), *g = fs_malloc((most + 1) * sizeof *g);
  double *ceded = fs_malloc((most + 1) * sizeof *ceded);
  size_t *first = fs_malloc((most + 2) * sizeof *first);
  int rc = r->occ_net && r->agg && r->occ && r->ev_net && hour && g && ceded && first
               ? event_alone(l, k, r, err)
               : fs_err_set(err, FS_ENOMEM, "out of memory for the reinsurance years");
  fs_ri_layer_year ly[FS_RI_MAX_LAYERS];
  for (size_t t = 0; t < Y && rc == 0; t++) {
    size_t a = y->first[t], n = y->first[t + 1] - a;
    for (size_t i = 0; i < n; i++) {
      const fs_ylt_occ *o = &y->occ[a + i];
      hour[i] = (o->day - 1) * 24.0 + o->minute / 60.0;
      g[i] = l->pil[k][(size_t) o->event * l->reps + o->sample];
    }
    if ((rc = apply(p, n, hour, g, first, ceded, ly, err)) != 0) break;
    for (size_t i = 0; i < n; i++) {
      double v = fmax(g[i] - ceded[i], 0);
      r->occ_net[a + i] = v;
      r->agg[t] += v;
      if (v > r->occ[t]) r->occ[t] = v;
    }
    for (int j = 0; j < p->n; j++) {
      r->yr_mean[j] += ly[j].recovery;
      r->yr_attach[j] += ly[j].attached;
      r->yr_exhaust[j] += ly[j].exhausted;
    }
  }
  for (int j = 0; j < p->n; j++) {
    r->yr_mean[j] /= (double) Y;
    r->yr_attach[j] /= (double) Y;
    r->yr_exhaust[j] /= (double) Y;
  }
  free(hour);
  free(g);
  free(ceded);
  free(first);
  if (rc) fs_catalog__ri_free(r);
  return rc;
}

int fs_catalog__ri_plt(FILE *f, const fs_catalog *c, const fs_ylt *y, const fs_catalog_ri *r,
                       int nri) {
  fputs("Period,PeriodWeight,EventId,Year,Month,Day,Hour,Minute,SummaryId,SampleId,Loss\n", f);
  double w = 1.0 / (double) y->nyears;
  for (size_t i = 0; i < y->n; i++) {
    const fs_ylt_occ *o = &y->occ[i];
    int month, mday;
    fs_plt_month_day(o->day, &month, &mday);
    for (int j = 0; j < nri; j++)
      if (r[j].occ_net[i] > 0)
        fprintf(f, "%u,%.10g,%u,%u,%d,%d,%d,%d,%d,%u,%.2f\n", o->year + 1, w, c->ev[o->event].id,
                o->year + 1, month, mday, o->minute / 60, o->minute % 60, r[j].sid, o->sample + 1,
                r[j].occ_net[i]);
  }
  return 0;
}

int fs_catalog__ri_ept(FILE *f, const fs_ylt *y, const fs_catalog_ri *r, int nri, fs_err *err) {
  const double *rps;
  size_t nrp = fs_ep_default_rps(&rps);
  double o[16], a[16], ot[16], at[16];
  fs_ylt_fig fig = {.oep = o, .aep = a, .oep_tvar = ot, .aep_tvar = at};
  fputs("SummaryId,EPCalc,EPType,ReturnPeriod,Loss\n", f);
  for (int j = 0; j < nri; j++) {
    int rc = fs_ylt_figures(r[j].agg, r[j].occ, y->nyears, rps, nrp, &fig, err);
    if (rc) return rc;
    const double *curve[4] = {o, ot, a, at};
    for (int t = 0; t < 4; t++)
      for (size_t k = 0; k < nrp; k++)
        fprintf(f, "%d,2,%d,%.10g,%.2f\n", r[j].sid, t + 1, rps[k], curve[t][k]);
  }
  return 0;
}

int fs_catalog__ri_alt(FILE *f, const fs_ylt *y, const fs_catalog_ri *r, int nri) {
  fputs("SummaryId,SampleType,MeanLoss,SDLoss\n", f);
  size_t Y = y->nyears;
  for (int j = 0; j < nri; j++) {
    double m = 0, ss = 0;
    for (size_t t = 0; t < Y; t++) m += r[j].agg[t];
    m /= (double) Y;
    for (size_t t = 0; t < Y; t++) ss += (r[j].agg[t] - m) * (r[j].agg[t] - m);
    fprintf(f, "%d,2,%.2f,%.2f\n", r[j].sid, m, Y > 1 ? sqrt(ss / (double) (Y - 1)) : 0.0);
  }
  return 0;
}

int fs_catalog__ri_layers(FILE *f, const fs_catalog_ri *r, int nri) {
  fputs("SummaryId,Layer,Kind,Share,Attachment,Limit,Reinstatements,Hours,ExpectedLoss,"
        "ProbAttach,ProbExhaust\n",
        f);
  for (int j = 0; j < nri; j++)
    for (int k = 0; k < r[j].p->n; k++) {
      const fs_ri_layer *l = &r[j].p->layer[k];
      fprintf(f, "%d,", r[j].sid);
      fs_csv_put(f, l->name, 0);
      fprintf(f, ",%s,%.6g,", fs_ri_kind_name(l->kind), l->share);
      if (l->kind == FS_RI_QUOTA_SHARE)
        fputs(",,", f);
      else
        fprintf(f, "%.2f,%.2f,%d", l->attachment, l->limit, l->reinstatements);
      if (l->kind == FS_RI_CAT)
        fprintf(f, ",%.6g", l->hours);
      else
        fputc(',', f);
      fprintf(f, ",%.2f,%.6f,%.6f\n", r[j].yr_mean[k], r[j].yr_attach[k], r[j].yr_exhaust[k]);
    }
  return 0;
}
