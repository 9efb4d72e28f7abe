/* tables.c: a catalogue run's tables: the event loss tables, the year
   loss table, EP curves, AAL, accumulation and bootstrap intervals
   (docs/CATALOG.md has every file's columns). */
#include <assert.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loss/oed.h"
#include "catalog/catalog_impl.h"
#include "engine/rng.h"
#include "loss/ep.h"
#include "loss/plt.h"
#include "loss/ylt.h"
#include "util/alloc.h"
#include "util/fsutil.h"
#include "util/hash.h"
#include "util/json.h"
#include "util/manifest.h"

/* Summaries: 1 the fleet's ground-up loss, 2 the cyber market's insured
   loss (a scenario with costs.cyber_market), then portfolio k's
   ground-up (3 + 2k) and insured (4 + 2k) loss (--portfolio). */
#define NSUM_MAX (2 + 2 * FS_CATALOG_MAX_PORTFOLIOS)

/* The name of summary sid, "portfolio ground-up: PATH" for a portfolio's. */
static void sum_name(const fs_catalog_run_opts *o, int sid, char *buf, size_t cap) {
  if (sid <= 2)
    snprintf(buf, cap, "%s", sid == 1 ? "fleet ground-up" : "market insured");
  else
    snprintf(buf, cap, "portfolio %s: %s", sid % 2 ? "ground-up" : "insured",
             o->portfolio[(sid - 3) / 2]);
}

typedef struct ctx {
  const fs_catalog *c;
  const fs_catalog_losses *l;
  const fs_catalog_run_opts *o;
  int nsum;
  int sid[NSUM_MAX];            /* each summary's SummaryId */
  const double *loss[NSUM_MAX]; /* per summary: event-major losses */
  fs_ylt y;
  double *agg[NSUM_MAX], *occ[NSUM_MAX];
  fs_catalog_ri ri[FS_CATALOG_MAX_PORTFOLIOS]; /* portfolios with a programme */
  int nri;
} ctx;

/* The statistics of one event's R samples of a summary (losses >= 0). */
typedef struct samples {
  double mean, sd, min, max, chance; /* chance: the share of samples with a loss */
} samples;

static samples stats_of(const double *v, size_t R) {
  samples k = {.min = v[0], .max = v[0]};
  double sum = 0, pos = 0, ss = 0;
  for (size_t r = 0; r < R; r++) {
    sum += v[r];
    k.min = v[r] < k.min ? v[r] : k.min;
    k.max = v[r] > k.max ? v[r] : k.max;
    pos += v[r] > 0;
  }
  k.mean = sum / (double) R;
  for (size_t r = 0; r < R; r++) ss += (v[r] - k.mean) * (v[r] - k.mean);
  k.sd = R > 1 ? sqrt(ss / (double) (R - 1)) : 0;
  k.chance = pos / (double) R;
  return k;
}

/* ---- Event loss tables */

static int write_melt(ctx *x, FILE *f, fs_catalog_run_stats *st, fs_err *err) {
  fputs("EventId,SummaryId,SampleType,EventRate,ChanceOfLoss,MeanLoss,SDLoss,MaxLoss,"
        "FootprintExposure,MeanImpactedExposure,MaxImpactedExposure\n",
        f);
  size_t R = x->l->reps;
  for (size_t e = 0; e < x->c->nevents; e++)
    for (int s = 0; s < x->nsum; s++) {
      samples k = stats_of(x->loss[s] + e * R, R);
      fprintf(f, "%u,%d,2,%.10g,%.6f,%.2f,%.2f,%.2f,0.00,0.00,0.00\n", x->c->ev[e].id, x->sid[s],
              x->c->ev[e].rate, k.chance, k.mean, k.sd, k.max);
    }
  return 0;
}

static int write_selt(ctx *x, FILE *f, fs_catalog_run_stats *st, fs_err *err) {
  fputs("EventId,SummaryId,SampleId,Loss,ImpactedExposure\n", f);
  size_t R = x->l->reps;
  for (size_t e = 0; e < x->c->nevents; e++)
    for (int s = 0; s < x->nsum; s++)
      for (size_t r = 0; r < R; r++)
        if (x->loss[s][e * R + r] > 0)
          fprintf(f, "%u,%d,%zu,%.2f,0.00\n", x->c->ev[e].id, x->sid[s], r + 1,
                  x->loss[s][e * R + r]);
  return 0;
}

/* ---- Year tables */

static int write_splt(ctx *x, FILE *f, fs_catalog_run_stats *st, fs_err *err) {
  fputs("Period,PeriodWeight,EventId,Year,Month,Day,Hour,Minute,SummaryId,SampleId,Loss,"
        "ImpactedExposure\n",
        f);
  double w = 1.0 / (double) x->y.nyears;
  for (size_t i = 0; i < x->y.n; i++) {
    const fs_ylt_occ *o = &x->y.occ[i];
    int month, mday;
    fs_plt_month_day(o->day, &month, &mday);
    for (int s = 0; s < x->nsum; s++) {
      double loss = x->loss[s][(size_t) o->event * x->l->reps + o->sample];
      if (loss > 0)
        fprintf(f, "%u,%.10g,%u,%u,%d,%d,%d,%d,%d,%u,%.2f,0.00\n", o->year + 1, w,
                x->c->ev[o->event].id, o->year + 1, month, mday, o->minute / 60, o->minute % 60,
                x->sid[s], o->sample + 1, loss);
    }
  }
  return 0;
}

/* Each event's mean over its samples (the mean-damage EP's losses). */
static double *event_means(const ctx *x, int s) {
  size_t R = x->l->reps;
  double *m = fs_malloc(x->c->nevents * R * sizeof *m);
  if (!m) return NULL;
  for (size_t e = 0; e < x->c->nevents; e++) {
    double a = 0;
    for (size_t r = 0; r < R; r++) a += x->loss[s][e * R + r];
    for (size_t r = 0; r < R; r++) m[e * R + r] = a / (double) R;
  }
  return m;
}

static int write_ept(ctx *x, FILE *f, fs_catalog_run_stats *st, fs_err *err) {
  const double *rps;
  size_t nrp = fs_ep_default_rps(&rps);
  double o[16], a[16], ot[16], at[16];
  fs_ylt_fig fig = {.oep = o, .aep = a, .oep_tvar = ot, .aep_tvar = at};
  size_t Y = x->y.nyears;
  double *agg = fs_malloc(Y * sizeof *agg), *occ = fs_malloc(Y * sizeof *occ);
  int rc = agg && occ ? 0 : fs_err_set(err, FS_ENOMEM, "out of memory");
  fputs("SummaryId,EPCalc,EPType,ReturnPeriod,Loss\n", f);
  for (int s = 0; s < x->nsum && rc == 0; s++)
    for (int calc = 1; calc <= 2 && rc == 0; calc++) {
      double *mean = calc == 1 ? event_means(x, s) : NULL;
      if (calc == 1 && !mean) {
        rc = fs_err_set(err, FS_ENOMEM, "out of memory");
        break;
      }
      fs_ylt_year_losses(&x->y, calc == 1 ? mean : x->loss[s], agg, occ);
      free(mean);
      if ((rc = fs_ylt_figures(agg, occ, Y, rps, nrp, &fig, err)) != 0) break;
      const double *curve[4] = {o, ot, a, at};
      for (int t = 0; t < 4; t++)
        for (size_t k = 0; k < nrp; k++)
          fprintf(f, "%d,%d,%d,%.10g,%.2f\n", x->sid[s], calc, t + 1, rps[k], curve[t][k]);
    }
  free(agg);
  free(occ);
  return rc;
}

static int write_alt(ctx *x, FILE *f, fs_catalog_run_stats *st, fs_err *err) {
  fputs("SummaryId,SampleType,MeanLoss,SDLoss\n", f);
  size_t R = x->l->reps, Y = x->y.nyears;
  for (int s = 0; s < x->nsum; s++) {
    double mean = 0, m2 = 0;
    for (size_t e = 0; e < x->c->nevents; e++) {
      double a = 0, b = 0;
      for (size_t r = 0; r < R; r++) {
        double v = x->loss[s][e * R + r];
        a += v;
        b += v * v;
      }
      mean += x->c->ev[e].rate * a / (double) R;
      m2 += x->c->ev[e].rate * b / (double) R;
    }
    double ym = 0, yss = 0;
    for (size_t i = 0; i < Y; i++) ym += x->agg[s][i];
    ym /= (double) Y;
    for (size_t i = 0; i < Y; i++) yss += (x->agg[s][i] - ym) * (x->agg[s][i] - ym);
    /* A mixed Poisson sum: Var = sum lambda E[X^2] + c (sum lambda E[X])^2. */
    double var = m2 + x->o->cluster * mean * mean;
    fprintf(f, "%d,1,%.2f,%.2f\n%d,2,%.2f,%.2f\n", x->sid[s], mean, sqrt(var), x->sid[s], ym,
            Y > 1 ? sqrt(yss / (double) (Y - 1)) : 0.0);
  }
  return 0;
}

/* ---- Accumulation */

/* Groups of the events by family (by = 0) or by vendor or provider (1):
   group[e] and the groups' names; returns their count, or max + 1 when
   there are more than max. */
static size_t event_groups(const fs_catalog *c, int by, uint32_t *group,
                           char (*name)[FS_ID_MAX + 2], size_t max) {
  size_t n = 0;
  for (size_t e = 0; e < c->nevents; e++) {
    const fs_catalog_event *ev = &c->ev[e];
    const fs_cat_family *f = &c->decl.fam[ev->family];
    char g[FS_ID_MAX + 2];
    const char *label = fs_catalog_label(c, ev);
    if (by == 0 || !label[0])
      snprintf(g, sizeof g, by == 0 ? "%s" : "(%s)", f->name);
    else
      snprintf(g, sizeof g, "%s", label);
    size_t k = 0;
    while (k < n && strcmp(name[k], g) != 0) k++;
    if (k == n && n == max) return max + 1;
    if (k == n) memcpy(name[n++], g, sizeof g);
    group[e] = (uint32_t) k;
  }
  return n;
}

typedef struct acc_row {
  char by[12], group[FS_ID_MAX + 2];
  int sum;
  double aal, tvar;
} acc_row;

static int acc_cmp(const void *pa, const void *pb) {
  const acc_row *a = pa, *b = pb;
  int k = strcmp(a->by, b->by);
  if (k) return k;
  if (a->sum != b->sum) return a->sum - b->sum;
  if (a->aal != b->aal) return a->aal > b->aal ? -1 : 1;
  return strcmp(a->group, b->group);
}

/* Groups of one kind for summary s: AAL and contribution to the AEP TVaR
   at 1-in-200 of each group into rows. */
static int group_rows(ctx *x, int by, int s, acc_row *rows, size_t *nrows, fs_catalog_run_stats *st,
                      fs_err *err) {
  enum { MAXG = 1024 };
  size_t Y = x->y.nyears;
  uint32_t *grp = fs_malloc(x->c->nevents * sizeof *grp);
  char(*name)[FS_ID_MAX + 2] = fs_malloc(MAXG * sizeof *name);
  double *tv = fs_malloc(MAXG * sizeof *tv), *gout = NULL;
  int rc = grp && name && tv ? 0 : fs_err_set(err, FS_ENOMEM, "out of memory");
  size_t ng = rc == 0 ? event_groups(x->c, by, grp, name, MAXG) : 0;
  if (ng > MAXG) rc = fs_err_set(err, FS_ELIMIT, "more than %d groups to accumulate on", MAXG);
  if (rc == 0 && !(gout = fs_malloc(Y * ng * sizeof *gout)))
    rc = fs_err_set(err, FS_ENOMEM, "out of memory for %zu x %zu year losses", Y, ng);
  if (rc == 0) {
    fs_ylt_group_losses(&x->y, x->loss[s], grp, ng, gout);
    rc = fs_ylt_tail_contrib(x->agg[s], gout, Y, ng, 200, tv, err);
  }
  for (size_t g = 0; rc == 0 && g < ng; g++) {
    acc_row *r = &rows[(*nrows)++];
    snprintf(r->by, sizeof r->by, "%s", by == 0 ? "family" : "vendor");
    memcpy(r->group, name[g], sizeof r->group);
    r->sum = x->sid[s];
    double a = 0;
    for (size_t i = 0; i < Y; i++) a += gout[i * ng + g];
    r->aal = a / (double) Y;
    r->tvar = tv[g];
    if (by == 1 && s == 0 && name[g][0] != '(' && tv[g] > st->top_vendor_share200) {
      st->top_vendor_share200 = tv[g];
      snprintf(st->top_vendor, sizeof st->top_vendor, "%s", name[g]);
    }
  }
  free(grp);
  free(name);
  free(tv);
  free(gout);
  return rc;
}

/* Industries (summary 1): each industry's own year losses, and its part
   of the fleet's years at or beyond 1-in-200. */
static int industry_rows(ctx *x, acc_row *rows, size_t *nrows, fs_err *err) {
  size_t Y = x->y.nyears, R = x->l->reps, ni = (size_t) x->l->nind, E = x->c->nevents;
  if (ni == 0) return 0;
  double *li = fs_malloc(E * R * sizeof *li), *gout = fs_malloc(Y * ni * sizeof *gout);
  double *tv = fs_malloc(ni * sizeof *tv), *agg = fs_malloc(Y * sizeof *agg);
  int rc = li && gout && tv && agg ? 0 : fs_err_set(err, FS_ENOMEM, "out of memory");
  for (size_t i = 0; rc == 0 && i < ni; i++) {
    for (size_t k = 0; k < E * R; k++) li[k] = x->l->ind_loss[k * ni + i];
    fs_ylt_year_losses(&x->y, li, agg, NULL);
    for (size_t yr = 0; yr < Y; yr++) gout[yr * ni + i] = agg[yr];
  }
  if (rc == 0) rc = fs_ylt_tail_contrib(x->agg[0], gout, Y, ni, 200, tv, err);
  for (size_t i = 0; rc == 0 && i < ni; i++) {
    acc_row *r = &rows[(*nrows)++];
    snprintf(r->by, sizeof r->by, "industry");
    snprintf(r->group, sizeof r->group, "%s", x->l->ind[i]);
    r->sum = 1;
    double a = 0;
    for (size_t yr = 0; yr < Y; yr++) a += gout[yr * ni + i];
    r->aal = a / (double) Y;
    r->tvar = tv[i];
  }
  free(li);
  free(gout);
  free(tv);
  free(agg);
  return rc;
}

static int write_accumulation(ctx *x, FILE *f, fs_catalog_run_stats *st, fs_err *err) {
  size_t cap = 2 * 1024 * (size_t) x->nsum + FS_MAX_INDUSTRIES, n = 0;
  acc_row *rows = fs_malloc(cap * sizeof *rows);
  if (!rows) return fs_err_set(err, FS_ENOMEM, "out of memory");
  int rc = 0;
  for (int s = 0; s < x->nsum && rc == 0; s++)
    for (int by = 0; by < 2 && rc == 0; by++) rc = group_rows(x, by, s, rows, &n, st, err);
  if (rc == 0) rc = industry_rows(x, rows, &n, err);
  qsort(rows, n, sizeof *rows, acc_cmp);
  fputs("by,group,SummaryId,aal,aal_share,tvar200,tvar200_share\n", f);
  for (size_t i = 0; rc == 0 && i < n; i++) {
    double aal = 0, tv = 0;
    for (size_t j = 0; j < n; j++)
      if (rows[j].sum == rows[i].sum && strcmp(rows[j].by, rows[i].by) == 0) {
        aal += rows[j].aal;
        tv += rows[j].tvar;
      }
    fprintf(f, "%s,%s,%d,%.2f,%.6f,%.2f,%.6f\n", rows[i].by, rows[i].group, rows[i].sum,
            rows[i].aal, aal > 0 ? rows[i].aal / aal : 0, rows[i].tvar,
            tv > 0 ? rows[i].tvar / tv : 0);
  }
  if (rc == 0 && st->top_vendor[0]) {
    double tv = 0;
    for (size_t j = 0; j < n; j++)
      if (rows[j].sum == 1 && strcmp(rows[j].by, "vendor") == 0) tv += rows[j].tvar;
    st->top_vendor_share200 = tv > 0 ? st->top_vendor_share200 / tv : 0;
  }
  free(rows);
  return rc;
}

/* The fleet's losses by vendor or provider and industry (summary 1): each
   cell's AAL and its part of the fleet's AEP TVaR at 1-in-200, in
   vendor_or_provider then industry order; share of that TVaR. */
static int write_vendor_industry(ctx *x, FILE *f, fs_catalog_run_stats *st, fs_err *err) {
  enum { MAXG = 1024 };
  size_t Y = x->y.nyears, R = x->l->reps, ni = (size_t) x->l->nind, E = x->c->nevents;
  uint32_t *grp = fs_malloc(E * sizeof *grp);
  char(*name)[FS_ID_MAX + 2] = fs_malloc(MAXG * sizeof *name);
  double *li = fs_malloc(E * R * sizeof *li), *tv = fs_malloc(MAXG * sizeof *tv), *gout = NULL;
  int rc = grp && name && li && tv ? 0 : fs_err_set(err, FS_ENOMEM, "out of memory");
  size_t ng = rc == 0 ? event_groups(x->c, 1, grp, name, MAXG) : 0;
  if (ng > MAXG) rc = fs_err_set(err, FS_ELIMIT, "more than %d groups to accumulate on", MAXG);
  if (rc == 0 && !(gout = fs_malloc(Y * (ng ? ng : 1) * sizeof *gout)))
    rc = fs_err_set(err, FS_ENOMEM, "out of memory for %zu x %zu year losses", Y, ng);
  double total = 0;
  if (rc == 0) rc = fs_ylt_tail_contrib(x->agg[0], x->agg[0], Y, 1, 200, &total, err);
  fputs("vendor_or_provider,industry,aal,tvar200,tvar200_share\n", f);
  for (size_t i = 0; rc == 0 && i < ni; i++) {
    for (size_t k = 0; k < E * R; k++) li[k] = x->l->ind_loss[k * ni + i];
    fs_ylt_group_losses(&x->y, li, grp, ng, gout);
    if ((rc = fs_ylt_tail_contrib(x->agg[0], gout, Y, ng, 200, tv, err)) != 0) break;
    for (size_t g = 0; g < ng; g++) {
      double a = 0;
      for (size_t yr = 0; yr < Y; yr++) a += gout[yr * ng + g];
      fprintf(f, "%s,%s,%.2f,%.2f,%.6f\n", name[g], x->l->ind[i], a / (double) Y, tv[g],
              total > 0 ? tv[g] / total : 0);
    }
  }
  free(grp);
  free(name);
  free(li);
  free(tv);
  free(gout);
  return rc;
}

/* ---- Bootstrap */

/* The figures the intervals are given for: the AAL, then the OEP and the
   AEP at each of the default return periods (loss/ep.h), as
   "oep_RP" and "aep_RP". */
enum { FIG_AAL, FIG_MAX = 1 + 2 * 16 };

static size_t nfigures(void) {
  const double *rps;
  size_t n = 1 + 2 * fs_ep_default_rps(&rps);
  assert(n <= FIG_MAX);
  return n;
}

static void figure_name(size_t k, char *buf, size_t cap) {
  const double *rps;
  size_t nrp = fs_ep_default_rps(&rps);
  if (k == FIG_AAL)
    snprintf(buf, cap, "aal");
  else
    snprintf(buf, cap, "%s_%g", k <= nrp ? "oep" : "aep", rps[(k - 1) % nrp]);
}

static void figures_of(const double *agg, const double *occ, size_t Y, double *out, double *tmp) {
  const double *rps;
  size_t nrp = fs_ep_default_rps(&rps);
  double s = 0;
  for (size_t i = 0; i < Y; i++) s += agg[i];
  out[FIG_AAL] = s / (double) Y;
  memcpy(tmp, occ, Y * sizeof *tmp);
  fs_ep_sort_desc(tmp, Y);
  for (size_t k = 0; k < nrp; k++) out[1 + k] = fs_ep_loss_at(tmp, Y, rps[k]);
  memcpy(tmp, agg, Y * sizeof *tmp);
  fs_ep_sort_desc(tmp, Y);
  for (size_t k = 0; k < nrp; k++) out[1 + nrp + k] = fs_ep_loss_at(tmp, Y, rps[k]);
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* B replicates, each with the events' rates times Poisson(1) weights
   (resampling the events) and years of its own (resampling the years). */
static int bootstrap(ctx *x, double *boot /* B * nsum * nfigures() */, fs_err *err) {
  size_t Y = x->y.nyears, E = x->c->nevents, B = (size_t) x->o->nboot;
  double *rate = fs_malloc(E * sizeof *rate), *agg = fs_malloc(Y * sizeof *agg);
  double *occ = fs_malloc(Y * sizeof *occ), *tmp = fs_malloc(Y * sizeof *tmp);
  gsl_rng *r = fs_rng_new(x->o->seed, FS_STREAM_YLT - 1);
  int rc = rate && agg && occ && tmp && r ? 0 : fs_err_set(err, FS_ENOMEM, "out of memory");
  for (size_t b = 0; rc == 0 && b < B; b++) {
    fs_rng_reset(r, x->o->seed, FS_STREAM_YLT - 1 - 2 * b);
    for (size_t e = 0; e < E; e++) rate[e] = x->c->ev[e].rate * gsl_ran_poisson(r, 1.0);
    fs_ylt yb;
    rc = fs_ylt_build(&yb, rate, E, x->l->reps, Y, x->o->cluster, x->o->seed,
                      FS_STREAM_YLT - 2 - 2 * b, err);
    for (int s = 0; rc == 0 && s < x->nsum; s++) {
      fs_ylt_year_losses(&yb, x->loss[s], agg, occ);
      figures_of(agg, occ, Y, boot + (b * (size_t) x->nsum + (size_t) s) * nfigures(), tmp);
    }
    if (rc == 0) fs_ylt_free(&yb);
  }
  if (r) gsl_rng_free(r);
  free(rate);
  free(agg);
  free(occ);
  free(tmp);
  return rc;
}

static int write_intervals(ctx *x, FILE *f, fs_catalog_run_stats *st, fs_err *err) {
  size_t Y = x->y.nyears, B = (size_t) x->o->nboot, NF = nfigures();
  double *boot = fs_malloc((B ? B : 1) * (size_t) x->nsum * NF * sizeof *boot);
  double *tmp = fs_malloc(Y * sizeof *tmp), *col = fs_malloc((B ? B : 1) * sizeof *col);
  int rc = boot && tmp && col ? 0 : fs_err_set(err, FS_ENOMEM, "out of memory");
  if (rc == 0 && B) rc = bootstrap(x, boot, err);
  fputs("SummaryId,figure,estimate,lo90,hi90,bootstrap\n", f);
  for (int s = 0; rc == 0 && s < x->nsum; s++) {
    double est[FIG_MAX];
    figures_of(x->agg[s], x->occ[s], Y, est, tmp);
    for (size_t k = 0; k < NF; k++) {
      for (size_t b = 0; b < B; b++) col[b] = boot[(b * (size_t) x->nsum + (size_t) s) * NF + k];
      qsort(col, B, sizeof *col, cmp_double);
      double lo = B ? col[(size_t) floor(0.05 * (double) (B - 1))] : NAN;
      double hi = B ? col[(size_t) ceil(0.95 * (double) (B - 1))] : NAN;
      char name[32];
      figure_name(k, name, sizeof name);
      fprintf(f, "%d,%s,%.2f,%.2f,%.2f,%zu\n", x->sid[s], name, est[k], lo, hi, B);
    }
  }
  free(boot);
  free(tmp);
  free(col);
  return rc;
}

/* ---- The files */

static int write_top(ctx *x, FILE *f, fs_catalog_run_stats *st, fs_err *err) {
  size_t E = x->c->nevents, R = x->l->reps, top[20], nt = 0;
  samples k[20];
  fputs("rank,EventId,family,vendor_or_provider,annual_rate,mean_loss,max_loss\n", f);
  for (size_t e = 0; e < E; e++) {
    if (x->c->ev[e].rds >= 0) continue; /* rds.csv has those */
    samples ke = stats_of(x->loss[0] + e * R, R);
    size_t i = nt < 20 ? nt++ : 20;
    for (; i > 0 && k[i - 1].mean < ke.mean; i--)
      if (i < 20) {
        top[i] = top[i - 1];
        k[i] = k[i - 1];
      }
    if (i < 20) {
      top[i] = e;
      k[i] = ke;
    }
  }
  for (size_t i = 0; i < nt; i++) {
    const fs_catalog_event *ev = &x->c->ev[top[i]];
    fprintf(f, "%zu,%u,%s,%s,%.10g,%.2f,%.2f\n", i + 1, ev->id, x->c->decl.fam[ev->family].name,
            fs_catalog_label(x->c, ev), ev->rate, k[i].mean, k[i].max);
  }
  return 0;
}

/* The realistic disaster scenarios: each one's losses over its R samples
   per summary, and the return period at which the mean sits on the OEP
   curve of the years (the years whose largest loss is at least it; empty
   when none is: beyond the years simulated). */
static int write_rds(ctx *x, FILE *f, fs_catalog_run_stats *st, fs_err *err) {
  size_t R = x->l->reps, Y = x->y.nyears;
  fputs("rds,EventId,family,vendor_or_provider,SummaryId,mean_loss,sd_loss,min_loss,max_loss,"
        "oep_return_period\n",
        f);
  for (size_t e = 0; e < x->c->nevents; e++) {
    const fs_catalog_event *ev = &x->c->ev[e];
    if (ev->rds < 0) continue;
    for (int s = 0; s < x->nsum; s++) {
      samples k = stats_of(x->loss[s] + e * R, R);
      size_t above = 0;
      for (size_t i = 0; i < Y; i++) above += x->occ[s][i] >= k.mean && k.mean > 0;
      fprintf(f, "%s,%u,%s,%s,%d,%.2f,%.2f,%.2f,%.2f,", x->c->decl.rds[ev->rds].name, ev->id,
              x->c->decl.fam[ev->family].name, fs_catalog_label(x->c, ev), x->sid[s], k.mean, k.sd,
              k.min, k.max);
      if (above)
        fprintf(f, "%.10g\n", (double) Y / (double) above);
      else
        fputc('\n', f);
    }
  }
  return 0;
}

static int write_manifest(ctx *x, FILE *f, fs_catalog_run_stats *st, fs_err *err) {
  fs_manifest m = {.kind = "catalog-run",
                   .command = x->o->command ? x->o->command : "",
                   .seed = x->o->seed,
                   .wall_seconds = st->wall_seconds};
  fs_manifest_input_add(&m, "catalog", x->c->decl.path, 1, x->c->decl_hash);
  for (int k = 0; k < x->o->nportfolios; k++) {
    uint64_t h = 0;
    fs_err e2 = {0};
    int known = fs_oed_hash(x->o->portfolio[k], &h, &e2) == 0;
    fs_manifest_input_add(&m, "portfolio", x->o->portfolio[k], known, h);
    if (!x->o->ri_path[k]) continue;
    known = fs_fnv1a_file(x->o->ri_path[k], &h, &e2) == 0;
    fs_manifest_input_add(&m, "reinsurance", x->o->ri_path[k], known, h);
  }
  fs_manifest_head(f, &m);
  fprintf(f,
          "  \"events\": %zu,\n  \"replications\": %zu,\n  \"years\": %zu,\n  \"cluster\": %.17g,\n"
          "  \"scale\": %.17g,\n  \"bootstrap\": %d,\n  \"summaries\": [",
          x->c->nevents, x->l->reps, x->y.nyears, x->o->cluster, x->o->scale, x->o->nboot);
  for (int s = 0; s < x->nsum; s++) {
    char name[FS_PATH_MAX + 32];
    sum_name(x->o, x->sid[s], name, sizeof name);
    fprintf(f, "%s{\"SummaryId\": %d, \"name\": ", s ? ", " : "", x->sid[s]);
    fs_json_str(f, name);
    fputc('}', f);
  }
  fputs("],\n  \"reinsurance\": [", f);
  for (int j = 0; j < x->nri; j++) {
    fprintf(f, "%s{\"SummaryId\": %d, \"portfolio\": ", j ? ", " : "", x->ri[j].sid);
    fs_json_str(f, x->o->portfolio[x->ri[j].k]);
    fputs(", \"programme\": ", f);
    fs_json_str(f, x->o->ri_path[x->ri[j].k] ? x->o->ri_path[x->ri[j].k] : "");
    fputc('}', f);
  }
  fprintf(f, "],\n  \"occurrences\": %zu,\n  \"tasks\": %zu\n}\n", x->y.n, st->tasks);
  return 0;
}

/* ---- Reinsurance (reins.c) */

/* Each event sample's net alone in its year: the MELT's columns to MaxLoss. */
static int write_ri_elt(ctx *x, FILE *f, fs_catalog_run_stats *st, fs_err *err) {
  fputs("EventId,SummaryId,SampleType,EventRate,ChanceOfLoss,MeanLoss,SDLoss,MaxLoss\n", f);
  size_t R = x->l->reps;
  for (size_t e = 0; e < x->c->nevents; e++)
    for (int j = 0; j < x->nri; j++) {
      samples k = stats_of(x->ri[j].ev_net + e * R, R);
      fprintf(f, "%u,%d,2,%.10g,%.6f,%.2f,%.2f,%.2f\n", x->c->ev[e].id, x->ri[j].sid,
              x->c->ev[e].rate, k.chance, k.mean, k.sd, k.max);
    }
  return 0;
}
static int write_ri_plt(ctx *x, FILE *f, fs_catalog_run_stats *st, fs_err *err) {
  return fs_catalog__ri_plt(f, x->c, &x->y, x->ri, x->nri);
}
static int write_ri_ept(ctx *x, FILE *f, fs_catalog_run_stats *st, fs_err *err) {
  return fs_catalog__ri_ept(f, &x->y, x->ri, x->nri, err);
}
static int write_ri_alt(ctx *x, FILE *f, fs_catalog_run_stats *st, fs_err *err) {
  return fs_catalog__ri_alt(f, &x->y, x->ri, x->nri);
}
static int write_ri_layers(ctx *x, FILE *f, fs_catalog_run_stats *st, fs_err *err) {
  return fs_catalog__ri_layers(f, x->ri, x->nri);
}

typedef int (*writer_fn)(ctx *x, FILE *f, fs_catalog_run_stats *st, fs_err *err);

/* ri: written only when a portfolio has a reinsurance programme. */
static const struct {
  const char *name;
  writer_fn fn;
  int ri;
} files[] = {{"melt.csv", write_melt},
             {"selt.csv", write_selt},
             {"splt.csv", write_splt},
             {"ept.csv", write_ept},
             {"alt.csv", write_alt},
             {"accumulation.csv", write_accumulation},
             {"vendor_industry.csv", write_vendor_industry},
             {"ep_intervals.csv", write_intervals},
             {"top_events.csv", write_top},
             {"rds.csv", write_rds},
             {"ri_elt.csv", write_ri_elt, 1},
             {"ri_plt.csv", write_ri_plt, 1},
             {"ri_ept.csv", write_ri_ept, 1},
             {"ri_alt.csv", write_ri_alt, 1},
             {"ri_layers.csv", write_ri_layers, 1},
             {"manifest.json", write_manifest}};
enum { NFILES = sizeof files / sizeof files[0] };

static int write_all(ctx *x, fs_catalog_run_stats *st, fs_err *err) {
  const char *dir = x->o->out;
  int rc = 0;
  size_t done = 0;
  for (; done < NFILES && rc == 0; done++) {
    if (files[done].ri && x->nri == 0) continue;
    FILE *f = fs_out_open_tmp(dir, files[done].name, err);
    if (!f) {
      rc = FS_EIO;
      break;
    }
    rc = files[done].fn(x, f, st, err);
    int crc = fs_out_close_tmp(f, dir, files[done].name, rc == 0 ? err : NULL);
    if (rc == 0) rc = crc;
    if (rc != 0) {
      done++;
      break;
    }
  }
  for (size_t i = 0; i < NFILES && rc == 0; i++)
    if (!files[i].ri || x->nri > 0) rc = fs_out_rename_tmp(dir, files[i].name, err);
  if (rc != 0)
    for (size_t i = 0; i < done; i++)
      if (!files[i].ri || x->nri > 0) fs_out_remove_tmp(dir, files[i].name);
  return rc;
}

int fs_catalog__tables(const fs_catalog *c, const fs_catalog_losses *l,
                       const fs_catalog_run_opts *o, fs_catalog_run_stats *st, fs_err *err) {
  ctx x = {.c = c, .l = l, .o = o};
  const double *all[NSUM_MAX] = {l->gu, l->mil};
  for (int k = 0; k < l->nportfolios; k++) {
    all[2 + 2 * k] = l->pgu[k];
    all[3 + 2 * k] = l->pil[k];
  }
  for (int k = 0; k < NSUM_MAX; k++)
    if (all[k]) {
      x.sid[x.nsum] = k + 1;
      x.loss[x.nsum++] = all[k];
    }
  double *rate = fs_malloc(c->nevents * sizeof *rate);
  if (!rate) return fs_err_set(err, FS_ENOMEM, "out of memory");
  for (size_t e = 0; e < c->nevents; e++) rate[e] = c->ev[e].rate;
  int rc = fs_ylt_build(&x.y, rate, c->nevents, l->reps, o->years, o->cluster, o->seed,
                        FS_STREAM_YLT, err);
  free(rate);
  if (rc != 0) return rc;
  for (int s = 0; s < x.nsum && rc == 0; s++) {
    x.agg[s] = fs_malloc(o->years * sizeof *x.agg[s]);
    x.occ[s] = fs_malloc(o->years * sizeof *x.occ[s]);
    if (!x.agg[s] || !x.occ[s])
      rc = fs_err_set(err, FS_ENOMEM, "out of memory");
    else
      fs_ylt_year_losses(&x.y, x.loss[s], x.agg[s], x.occ[s]);
  }
  /* Net of each portfolio's reinsurance: SummaryIds after all the others. */
  for (int k = 0; k < l->nportfolios && rc == 0; k++)
    if (o->ri[k]) {
      rc = fs_catalog__ri_build(l, k, o->ri[k], &x.y, &x.ri[x.nri], err);
      if (rc == 0) x.ri[x.nri++].sid = 3 + 2 * l->nportfolios + k;
    }
  /* The fleet's headline figures, for the terminal. */
  double *tmp = rc == 0 ? fs_malloc(o->years * sizeof *tmp) : NULL;
  if (rc == 0 && !tmp) rc = fs_err_set(err, FS_ENOMEM, "out of memory");
  if (rc == 0) {
    const double *rps;
    size_t nrp = fs_ep_default_rps(&rps), i100 = 0, i200 = 0;
    for (size_t k = 0; k < nrp; k++) {
      i100 = rps[k] == 100 ? k : i100;
      i200 = rps[k] == 200 ? k : i200;
    }
    double fig[FIG_MAX];
    figures_of(x.agg[0], x.occ[0], o->years, fig, tmp);
    st->aal = fig[FIG_AAL];
    st->oep100 = fig[1 + i100];
    st->oep200 = fig[1 + i200];
    st->aep200 = fig[1 + nrp + i200];
  }
  free(tmp);
  if (rc == 0) rc = write_all(&x, st, err);
  for (int s = 0; s < x.nsum; s++) {
    free(x.agg[s]);
    free(x.occ[s]);
  }
  for (int k = 0; k < x.nri; k++) fs_catalog__ri_free(&x.ri[k]);
  fs_ylt_free(&x.y);
  return rc;
}
