/* ord.c: formats the ORD tables of one event with fixed, deterministic number formats. */
#include "loss/ord.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "loss/ep.h"
#include "util/alloc.h"

/* The one place numbers are formatted: adding 0.0 turns -0 into +0, so no
   table prints "-0.00". fs_ord_check bounds the inputs, so a non-finite
   value here is a bug, reported rather than printed. */
typedef struct out {
  FILE *f;
  int bad;
} out;

static void put(out *o, const char *fmt, double x) {
  if (!isfinite(x)) {
    o->bad = 1;
    x = 0;
  }
  fprintf(o->f, fmt, x + 0.0);
}

static int finish(out *o, const char *table, fs_err *err) {
  if (o->bad) return fs_err_set(err, FS_EINVAL, "%s: a computed value is not finite", table);
  /* Flush so that a full disk shows here and not at the caller's fclose. */
  if (fflush(o->f) != 0 || ferror(o->f))
    return fs_err_set(err, FS_EIO, "%s: write failed (%s)", table, strerror(errno));
  return 0;
}

static int bad_amount(double x) {
  return !(x >= 0 && x <= FS_ORD_MAX_AMOUNT);
}

int fs_ord_check(const fs_ord_event *ev, fs_err *err) {
  if (ev->event_id < 1)
    return fs_err_set(err, FS_EINVAL, "event id must be >= 1 (got %d)", ev->event_id);
  if (!(ev->rate >= 0 && ev->rate <= FS_ORD_MAX_RATE))
    return fs_err_set(err, FS_EINVAL, "event rate must be between 0 and %g per year (got %g)",
                      FS_ORD_MAX_RATE, ev->rate);
  if (ev->nsamples < 1) return fs_err_set(err, FS_EINVAL, "an event needs at least one sample");
  if (ev->nsummaries < 1 || !ev->summary)
    return fs_err_set(err, FS_EINVAL, "an event needs at least one summary");
  for (size_t s = 0; s < ev->nsummaries; s++) {
    const fs_ord_summary *u = &ev->summary[s];
    if (!u->loss) return fs_err_set(err, FS_EINVAL, "summary %zu has no losses", s + 1);
    if (bad_amount(u->footprint_exposure))
      return fs_err_set(err, FS_EINVAL,
                        "summary %zu: footprint exposure must be between 0 and %g (got %g)", s + 1,
                        FS_ORD_MAX_AMOUNT, u->footprint_exposure);
    for (size_t i = 0; i < ev->nsamples; i++) {
      if (bad_amount(u->loss[i]))
        return fs_err_set(err, FS_EINVAL,
                          "summary %zu, sample %zu: loss must be between 0 and %g (got %g)", s + 1,
                          i + 1, FS_ORD_MAX_AMOUNT, u->loss[i]);
      if (u->exposure && bad_amount(u->exposure[i]))
        return fs_err_set(err, FS_EINVAL,
                          "summary %zu, sample %zu: impacted exposure must be between 0 and %g "
                          "(got %g)",
                          s + 1, i + 1, FS_ORD_MAX_AMOUNT, u->exposure[i]);
    }
  }
  return 0;
}

static int check_plt(const fs_ord_event *ev, const fs_plt *plt, fs_err *err) {
  if (!plt || !plt->first) return fs_err_set(err, FS_EINVAL, "no period loss table");
  if (plt->nsamples != ev->nsamples)
    return fs_err_set(err, FS_EINVAL,
                      "the period loss table was drawn for %zu samples, the event has %zu",
                      plt->nsamples, ev->nsamples);
  if (plt->rate != ev->rate)
    return fs_err_set(err, FS_EINVAL,
                      "the period loss table was drawn with rate %g, the event has rate %g",
                      plt->rate, ev->rate);
  for (size_t s = 0; s < ev->nsummaries; s++)
    for (size_t k = 0; ev->summary[s].occ_loss && k < plt->n; k++)
      if (bad_amount(ev->summary[s].occ_loss[k]))
        return fs_err_set(err, FS_EINVAL,
                          "summary %zu, occurrence %zu: loss must be between 0 and %g (got %g)",
                          s + 1, k + 1, FS_ORD_MAX_AMOUNT, ev->summary[s].occ_loss[k]);
  return 0;
}

int fs_ord_write_selt(FILE *f, const fs_ord_event *ev, fs_err *err) {
  int rc = fs_ord_check(ev, err);
  if (rc) return rc;
  out o = {f, 0};
  fputs("EventId,SummaryId,SampleId,Loss,ImpactedExposure\n", f);
  for (size_t s = 0; s < ev->nsummaries; s++) {
    const fs_ord_summary *u = &ev->summary[s];
    for (size_t i = 0; i < ev->nsamples; i++) {
      if (!(u->loss[i] > 0)) continue;
      fprintf(f, "%d,%zu,%zu,", ev->event_id, s + 1, i + 1);
      put(&o, "%.2f,", u->loss[i]);
      put(&o, "%.2f\n", u->exposure ? u->exposure[i] : 0);
    }
  }
  return finish(&o, "selt.csv", err);
}

int fs_ord_write_melt(FILE *f, const fs_ord_event *ev, fs_err *err) {
  int rc = fs_ord_check(ev, err);
  if (rc) return rc;
  out o = {f, 0};
  fputs("EventId,SummaryId,SampleType,EventRate,ChanceOfLoss,MeanLoss,SDLoss,MaxLoss,"
        "FootprintExposure,MeanImpactedExposure,MaxImpactedExposure\n",
        f);
  size_t r = ev->nsamples;
  for (size_t s = 0; s < ev->nsummaries; s++) {
    const fs_ord_summary *u = &ev->summary[s];
    fs_ep_moments m;
    rc = fs_ep_describe(u->loss, r, &m, err);
    if (rc) return rc;
    double emean = 0, emax = 0;
    for (size_t i = 0; u->exposure && i < r; i++) {
      emean += u->exposure[i];
      if (u->exposure[i] > emax) emax = u->exposure[i];
    }
    emean /= (double) r;
    fprintf(f, "%d,%zu,2,", ev->event_id, s + 1);
    put(&o, "%.10g,", ev->rate);
    put(&o, "%.6f,", m.chance);
    put(&o, "%.2f,", m.mean);
    put(&o, "%.2f,", m.sd);
    put(&o, "%.2f,", m.max);
    put(&o, "%.2f,", u->footprint_exposure);
    put(&o, "%.2f,", emean);
    put(&o, "%.2f\n", emax);
  }
  return finish(&o, "melt.csv", err);
}

int fs_ord_write_splt(FILE *f, const fs_ord_event *ev, const fs_plt *plt, fs_err *err) {
  int rc = fs_ord_check(ev, err);
  if (!rc) rc = check_plt(ev, plt, err);
  if (rc) return rc;
  out o = {f, 0};
  fputs("Period,PeriodWeight,EventId,Year,Month,Day,Hour,Minute,SummaryId,SampleId,Loss,"
        "ImpactedExposure\n",
        f);
  double weight = 1.0 / (double) plt->nperiods;
  for (size_t k = 0; k < plt->n; k++) {
    const fs_plt_row *w = &plt->row[k];
    int month, mday;
    fs_plt_month_day(w->day, &month, &mday);
    for (size_t s = 0; s < ev->nsummaries; s++) {
      const fs_ord_summary *u = &ev->summary[s];
      double loss = u->occ_loss ? u->occ_loss[k] : u->loss[w->sample - 1];
      if (!(loss > 0)) continue;
      fprintf(f, "%u,", (unsigned) w->period);
      put(&o, "%.10g,", weight);
      fprintf(f, "%d,%u,%d,%d,%d,%d,%zu,%u,", ev->event_id, (unsigned) w->period, month, mday,
              w->minute / 60, w->minute % 60, s + 1, (unsigned) w->sample);
      put(&o, "%.2f,", loss);
      put(&o, "%.2f\n", u->exposure ? u->exposure[w->sample - 1] : 0);
    }
  }
  return finish(&o, "splt.csv", err);
}

int fs_ord_write_ept(FILE *f, const fs_ord_event *ev, const fs_plt *plt, const double *rps,
                     size_t nrp, fs_err *err) {
  int rc = fs_ord_check(ev, err);
  if (!rc) rc = check_plt(ev, plt, err);
  if (rc) return rc;
  if (!rps) nrp = fs_ep_default_rps(&rps);
  fs_ep_point *pt = fs_malloc((nrp ? nrp : 1) * sizeof *pt);
  if (!pt) return fs_err_set(err, FS_ENOMEM, "out of memory for %zu return periods", nrp);
  out o = {f, 0};
  fputs("SummaryId,EPCalc,EPType,ReturnPeriod,Loss\n", f);
  static const fs_ep_calc calcs[2] = {FS_EPCALC_MEAN, FS_EPCALC_FULL};
  for (size_t s = 0; s < ev->nsummaries && !rc; s++)
    for (int c = 0; c < 2 && !rc; c++) {
      const fs_ord_summary *u = &ev->summary[s];
      if (c == 1 && u->occ_loss)
        rc = fs_ep_curve(plt, u->occ_loss, FS_EPCALC_OCC, rps, nrp, pt, err);
      else
        rc = fs_ep_curve(plt, u->loss, calcs[c], rps, nrp, pt, err);
      for (int type = FS_EP_OEP; type <= FS_EP_AEP_TVAR && !rc; type++)
        for (size_t k = 0; k < nrp; k++) {
          double v = type == FS_EP_OEP        ? pt[k].oep
                     : type == FS_EP_OEP_TVAR ? pt[k].oep_tvar
                     : type == FS_EP_AEP      ? pt[k].aep
                                              : pt[k].aep_tvar;
          fprintf(f, "%zu,%d,%d,", s + 1, (int) calcs[c], type);
          put(&o, "%.10g,", pt[k].rp);
          put(&o, "%.2f\n", v);
        }
    }
  free(pt);
  if (rc) return rc;
  return finish(&o, "ept.csv", err);
}

int fs_ord_write_alt(FILE *f, const fs_ord_event *ev, const fs_plt *plt, fs_err *err) {
  int rc = fs_ord_check(ev, err);
  if (!rc) rc = check_plt(ev, plt, err);
  if (rc) return rc;
  out o = {f, 0};
  fputs("SummaryId,SampleType,MeanLoss,SDLoss\n", f);
  for (size_t s = 0; s < ev->nsummaries; s++) {
    fs_ep_aal a;
    rc = fs_ep_average_annual(plt, ev->rate, ev->summary[s].loss, ev->summary[s].occ_loss, &a, err);
    if (rc) return rc;
    fprintf(f, "%zu,1,", s + 1);
    put(&o, "%.2f,", a.mean_analytical);
    put(&o, "%.2f\n", a.sd_analytical);
    fprintf(f, "%zu,2,", s + 1);
    put(&o, "%.2f,", a.mean_sample);
    put(&o, "%.2f\n", a.sd_sample);
  }
  return finish(&o, "alt.csv", err);
}

int fs_ord_write_quantiles(FILE *f, const fs_ord_event *ev, fs_err *err) {
  int rc = fs_ord_check(ev, err);
  if (rc) return rc;
  out o = {f, 0};
  fputs("SummaryId,Quantile,Loss,LowerCI,UpperCI,Coverage\n", f);
  for (size_t s = 0; s < ev->nsummaries; s++) {
    fs_ep_moments m;
    rc = fs_ep_describe(ev->summary[s].loss, ev->nsamples, &m, err);
    if (rc) return rc;
    for (int k = 0; k < FS_EP_NQUANT; k++) {
      fprintf(f, "%zu,", s + 1);
      put(&o, "%.6f,", m.q[k].p);
      put(&o, "%.2f,", m.q[k].loss);
      put(&o, "%.2f,", m.q[k].lo);
      put(&o, "%.2f,", m.q[k].hi);
      put(&o, "%.6f\n", m.q[k].coverage);
    }
  }
  return finish(&o, "quantiles.csv", err);
}
