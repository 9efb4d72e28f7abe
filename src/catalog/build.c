/* build.c: `fleetsim catalog build`: a catalogue file's families checked
   against their scenarios, and the events drawn (catalog.h). */
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "engine/rng.h"
#include "scenario/scenario.h"
#include "util/alloc.h"
#include "util/hash.h"
#include "util/suggest.h"

/* The most values a pick parameter may range over. */
#define MAX_PICK_RANGE 64

static const fs_param *find_param(const fs_config *cfg, const char *name) {
  for (int i = 0; i < cfg->nparams; i++)
    if (strcmp(cfg->params[i].name, name) == 0) return &cfg->params[i];
  return NULL;
}

static int load(const fs_catalog_build_opts *o, const char *path, const fs_set *set, int nset,
                fs_scenario *s, fs_err *err) {
  fs_load_opts lo = {
      .path = path, .models_dir = o->models_dir, .limits = o->limits, .sets = set, .nsets = nset};
  return fs_scenario_load(s, &lo, err);
}

/* "CATALOG:LINE: families.F.params.P" into buf. */
static void where(const fs_catalog_decl *d, const fs_cat_family *f, const char *field, int line,
                  char *buf, size_t cap) {
  int at = line ? line : f->line;
  if (at > 0)
    snprintf(buf, cap, "%s:%d: families.%s%s%s", d->path, at, f->name, field ? "." : "",
             field ? field : "");
  else
    snprintf(buf, cap, "%s: families.%s%s%s", d->path, f->name, field ? "." : "",
             field ? field : "");
}

static int unknown_param(const fs_catalog_decl *d, const fs_cat_family *f, const fs_config *cfg,
                         const char *field, const char *name, int line, fs_err *err) {
  char at[FS_PATH_MAX + 256];
  where(d, f, field, line, at, sizeof at);
  const char *near =
      fs_suggest_field(name, cfg->params[0].name, sizeof cfg->params[0], (size_t) cfg->nparams);
  return fs_err_set(err, FS_EINVAL, "%s: %s has no parameter '%s'%s%s%s", at, f->scenario, name,
                    near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
}

/* A distribution's support inside its parameter's declared range. */
static int check_dist(const fs_catalog_decl *d, const fs_cat_family *f, const fs_cat_dist *x,
                      const fs_param *p, fs_err *err) {
  double lo = x->kind == FS_DIST_FIXED ? x->value : x->lo;
  double hi = x->kind == FS_DIST_FIXED ? x->value : x->hi;
  if (lo >= p->min && hi <= p->max) return 0;
  char at[FS_PATH_MAX + 256], field[FS_ID_MAX + 16];
  snprintf(field, sizeof field, "params.%s", x->param);
  where(d, f, field, x->line, at, sizeof at);
  return fs_err_set(err, FS_EINVAL,
                    "%s: [%g, %g] reaches outside the range [%g, %g] that %s declares for it", at,
                    lo, hi, p->min, p->max, f->scenario);
}

/* The vendor or provider a loaded scenario picks: the faulty update's
   vendor, else the incident's provider. */
static const char *label_of(const fs_config *cfg) {
  return cfg->incident.vendor[0] ? cfg->incident.vendor : cfg->incident.provider;
}

/* Loads the scenario at each value of the pick parameter and matches the
   family's shares to the vendors or providers it picks. */
static int check_picks(const fs_catalog_build_opts *o, const fs_catalog_decl *d,
                       const fs_cat_family *f, const fs_param *p, fs_catalog_family *cf,
                       fs_err *err) {
  char at[FS_PATH_MAX + 256];
  where(d, f, "pick.param", 0, at, sizeof at);
  if (!p->integer || p->max - p->min + 1 > MAX_PICK_RANGE)
    return fs_err_set(err, FS_EINVAL,
                      "%s: '%s' must be an integer parameter of at most %d values (got [%g, %g]%s)",
                      at, p->name, MAX_PICK_RANGE, p->min, p->max,
                      p->integer ? "" : ", not integer");
  char names[MAX_PICK_RANGE][FS_ID_MAX];
  int n = 0, rc = 0;
  for (double v = ceil(p->min); v <= p->max && rc == 0; v++, n++) {
    fs_set set = {.value = v};
    snprintf(set.name, sizeof set.name, "%s", p->name);
    snprintf(set.text, sizeof set.text, "%.17g", v);
    fs_scenario s;
    if ((rc = load(o, f->scenario, &set, 1, &s, err)) != 0) break;
    snprintf(names[n], sizeof names[n], "%s", label_of(s.cfg));
    fs_scenario_free(&s);
  }
  if (rc == 0) {
    memcpy(cf->pick_names, names, (size_t) n * sizeof names[0]);
    cf->npick_names = n;
    cf->pick_lo = (int) ceil(p->min);
  }
  for (int k = 0; rc == 0 && k < f->npicks; k++) {
    int j = 0;
    while (j < n && strcmp(names[j], f->picks[k].name) != 0) j++;
    if (j < n) {
      cf->pick_value[k] = (int) ceil(p->min) + j;
      continue;
    }
    char list[MAX_PICK_RANGE * (FS_ID_MAX + 2)] = "";
    for (int i = 0; i < n; i++) {
      if (i) strcat(list, ", ");
      strcat(list, names[i]); /* n names of < FS_ID_MAX bytes fit */
    }
    where(d, f, "pick.shares", 0, at, sizeof at);
    rc = fs_err_set(err, FS_EINVAL, "%s.%s: not a vendor or provider that %s picks (it picks: %s)",
                    at, f->picks[k].name, f->scenario, list);
  }
  return rc;
}

/* Family f's scenario, its parameters and picks. */
static int check_family(const fs_catalog_build_opts *o, const fs_catalog_decl *d, int fi,
                        fs_catalog_family *cf, fs_err *err) {
  const fs_cat_family *f = &d->fam[fi];
  if (f->ndists == 0 && !f->pick_param[0]) {
    char at[FS_PATH_MAX + 256];
    where(d, f, NULL, 0, at, sizeof at);
    return fs_err_set(err, FS_EINVAL,
                      "%s: varies nothing (no params and no pick): give at least one parameter a "
                      "distribution (dist = \"fixed\" for one value)",
                      at);
  }
  fs_scenario s;
  int rc = load(o, f->scenario, NULL, 0, &s, err);
  if (rc != 0) return rc;
  if (fs_fnv1a_file(f->scenario, &cf->scenario_hash, err) != 0) {
    fs_scenario_free(&s);
    return FS_EIO;
  }
  for (int i = 0; rc == 0 && i < f->ndists; i++) {
    const fs_cat_dist *x = &f->dists[i];
    char field[FS_ID_MAX + 16];
    snprintf(field, sizeof field, "params.%s", x->param);
    const fs_param *p = find_param(s.cfg, x->param);
    if (!p) {
      rc = unknown_param(d, f, s.cfg, field, x->param, x->line, err);
    } else if (f->pick_param[0] && strcmp(x->param, f->pick_param) == 0) {
      rc = unknown_param(d, f, s.cfg, field, "(the pick parameter twice)", x->line, err);
    } else if ((rc = check_dist(d, f, x, p, err)) == 0) {
      snprintf(cf->param[cf->nparams], FS_ID_MAX, "%s", x->param);
      cf->lo[cf->nparams] = p->min;
      cf->hi[cf->nparams] = p->max;
      cf->dflt[cf->nparams] = p->value;
      cf->integer[cf->nparams++] = p->integer;
    }
  }
  if (rc == 0 && f->pick_param[0]) {
    const fs_param *p = find_param(s.cfg, f->pick_param);
    if (!p) {
      rc = unknown_param(d, f, s.cfg, "pick.param", f->pick_param, 0, err);
    } else if ((rc = check_picks(o, d, f, p, cf, err)) == 0) {
      snprintf(cf->param[cf->nparams], FS_ID_MAX, "%s", p->name);
      cf->lo[cf->nparams] = p->min;
      cf->hi[cf->nparams] = p->max;
      cf->dflt[cf->nparams] = p->value;
      cf->integer[cf->nparams++] = 1;
    }
  }
  fs_scenario_free(&s);
  return rc;
}

/* Splits total into n parts proportional to w (largest remainder, ties to
   the first), each at least 1. */
static void apportion(size_t total, const double *w, int n, size_t *out) {
  double sum = 0;
  for (int i = 0; i < n; i++) sum += w[i];
  size_t given = 0;
  double rem[FS_CAT_MAX_PICKS > FS_CAT_MAX_FAMILIES ? FS_CAT_MAX_PICKS : FS_CAT_MAX_FAMILIES];
  for (int i = 0; i < n; i++) {
    double q = (double) total * w[i] / sum;
    out[i] = (size_t) floor(q);
    rem[i] = q - floor(q);
    given += out[i];
  }
  while (given < total) {
    int best = 0;
    for (int i = 1; i < n; i++)
      if (rem[i] > rem[best]) best = i;
    out[best]++;
    rem[best] = -1;
    given++;
  }
  for (int i = 0; i < n; i++)
    if (out[i] == 0) out[i] = 1;
}

static double draw(gsl_rng *r, const fs_cat_dist *x) {
  double u = fs_rng_u01(r);
  switch (x->kind) {
  case FS_DIST_FIXED:
    return x->value;
  case FS_DIST_UNIFORM:
    return x->lo + u * (x->hi - x->lo);
  case FS_DIST_LOGUNIFORM:
    return exp(log(x->lo) + u * (log(x->hi) - log(x->lo)));
  case FS_DIST_TRIANGULAR: {
    double a = x->lo, b = x->hi, c = x->mode;
    if (b <= a) return a;
    double fc = (c - a) / (b - a);
    return u < fc ? a + sqrt(u * (b - a) * (c - a)) : b - sqrt((1 - u) * (b - a) * (b - c));
  }
  case FS_DIST_LOGNORMAL: {
    /* Truncated to [lo, hi] by the inverse CDF between their quantiles. */
    double mu = log(x->median), s = x->sigma;
    if (!(s > 0)) return x->median;
    double plo = gsl_cdf_ugaussian_P((log(x->lo) - mu) / s);
    double phi = gsl_cdf_ugaussian_P((log(x->hi) - mu) / s);
    double v = exp(mu + s * gsl_cdf_ugaussian_Pinv(plo + u * (phi - plo)));
    return v < x->lo ? x->lo : v > x->hi ? x->hi : v;
  }
  }
  return x->lo;
}

/* Event e of family f (pick k or -1) at rate. */
static void make_event(fs_catalog *c, gsl_rng *r, uint64_t key, int fi, int k, double rate) {
  const fs_cat_family *f = &c->decl.fam[fi];
  const fs_catalog_family *cf = &c->fam[fi];
  fs_catalog_event *e = &c->ev[c->nevents];
  e->id = (uint32_t) (c->nevents + 1);
  e->family = fi;
  e->pick = k;
  e->rds = -1;
  e->rate = rate;
  fs_rng_substream(r, key, c->nevents);
  for (int i = 0; i < f->ndists; i++) {
    double v = draw(r, &f->dists[i]);
    if (cf->integer[i]) { /* the nearest whole number inside the declared range */
      v = nearbyint(v);
      v = v < ceil(cf->lo[i]) ? ceil(cf->lo[i]) : v > floor(cf->hi[i]) ? floor(cf->hi[i]) : v;
    }
    e->x[i] = v;
  }
  if (k >= 0) e->x[f->ndists] = cf->pick_value[k];
  c->nevents++;
}

static int draw_events(fs_catalog *c, size_t want, fs_err *err) {
  const fs_catalog_decl *d = &c->decl;
  double w[FS_CAT_MAX_FAMILIES] = {0};
  size_t nf[FS_CAT_MAX_FAMILIES], np[FS_CAT_MAX_FAMILIES][FS_CAT_MAX_PICKS], total = 0;
  for (int i = 0; i < d->nfam; i++) w[i] = d->fam[i].weight;
  apportion(want, w, d->nfam, nf);
  for (int i = 0; i < d->nfam; i++) {
    const fs_cat_family *f = &d->fam[i];
    if (f->npicks == 0) {
      total += nf[i];
      continue;
    }
    double s[FS_CAT_MAX_PICKS];
    for (int k = 0; k < f->npicks; k++) s[k] = f->picks[k].share;
    apportion(nf[i], s, f->npicks, np[i]);
    for (int k = 0; k < f->npicks; k++) total += np[i][k];
  }
  if (total + (size_t) d->nrds > FS_CATALOG_MAX_EVENTS)
    return fs_err_set(err, FS_EUSAGE,
                      "%zu events (at least one per family and pick, and %d disaster scenarios) "
                      "exceed the limit of %d; ask for fewer --events",
                      total, d->nrds, FS_CATALOG_MAX_EVENTS);
  c->ev = fs_calloc(total + (size_t) d->nrds, sizeof *c->ev);
  gsl_rng *r = fs_rng_new(c->seed, FS_STREAM_CATALOG);
  if (!c->ev || !r) {
    if (r) gsl_rng_free(r);
    return fs_err_set(err, FS_ENOMEM, "out of memory for %zu events", total);
  }
  uint64_t key = fs_rng_stream_key(c->seed, FS_STREAM_CATALOG);
  for (int i = 0; i < d->nfam; i++) {
    const fs_cat_family *f = &d->fam[i];
    size_t before = c->nevents;
    if (f->npicks == 0)
      for (size_t j = 0; j < nf[i]; j++) make_event(c, r, key, i, -1, f->rate / (double) nf[i]);
    double sum = 0;
    for (int k = 0; k < f->npicks; k++) sum += f->picks[k].share;
    for (int k = 0; k < f->npicks; k++)
      for (size_t j = 0; j < np[i][k]; j++)
        make_event(c, r, key, i, k, f->rate * f->picks[k].share / sum / (double) np[i][k]);
    c->fam[i].nevents = c->nevents - before;
  }
  gsl_rng_free(r);
  return 0;
}

int fs_catalog_prepare(const fs_catalog_build_opts *o, fs_catalog *out, fs_err *err) {
  memset(out, 0, sizeof *out);
  out->seed = o->seed;
  const char *models = o->models_dir ? o->models_dir : fs_scenario_models_dir();
  int rc = fs_catalog_decl_load(o->path, models, &o->limits, &out->decl, err);
  if (rc == 0 && fs_fnv1a_file(o->path, &out->decl_hash, err) != 0) rc = FS_EIO;
  for (int i = 0; rc == 0 && i < out->decl.nfam; i++)
    rc = check_family(o, &out->decl, i, &out->fam[i], err);
  return rc;
}

/* "CATALOG:LINE: rds.NAME.FIELD: what" */
static int rds_fail(const fs_catalog *c, const fs_cat_rds *r, const char *field, fs_err *err,
                    const char *fmt, const char *a, const char *b) {
  char what[1536];
  snprintf(what, sizeof what, fmt, a, b);
  if (r->line > 0)
    return fs_err_set(err, FS_EINVAL, "%s:%d: rds.%s.%s: %s", c->decl.path, r->line, r->name, field,
                      what);
  return fs_err_set(err, FS_EINVAL, "%s: rds.%s.%s: %s", c->decl.path, r->name, field, what);
}

/* Realistic disaster scenario i as an event of rate 0. */
static int add_rds(fs_catalog *c, int i, fs_err *err) {
  const fs_cat_rds *r = &c->decl.rds[i];
  int f = 0;
  while (f < c->decl.nfam && strcmp(c->decl.fam[f].name, r->family) != 0) f++;
  if (f == c->decl.nfam)
    return rds_fail(c, r, "family", err, "no family '%s' in the catalogue%s", r->family, "");
  const fs_cat_family *fam = &c->decl.fam[f];
  const fs_catalog_family *cf = &c->fam[f];
  fs_catalog_event *e = &c->ev[c->nevents];
  memset(e, 0, sizeof *e);
  e->id = (uint32_t) (c->nevents + 1);
  e->family = f;
  e->rds = i;
  e->pick = -1;
  for (int j = 0; j < cf->nparams; j++) e->x[j] = cf->dflt[j];
  for (int k = 0; k < r->nset; k++) {
    int j = 0;
    while (j < fam->ndists && strcmp(cf->param[j], r->set_name[k]) != 0) j++;
    if (j == fam->ndists) {
      char list[FS_CAT_MAX_DISTS * (FS_ID_MAX + 2)] = "";
      for (int q = 0; q < fam->ndists; q++) {
        if (q) strcat(list, ", ");
        strcat(list, cf->param[q]); /* ndists names of < FS_ID_MAX bytes fit */
      }
      return rds_fail(c, r, r->set_name[k], err,
                      "not a parameter that family %s varies (it varies: %s; the vendor or "
                      "provider is `pick`)",
                      fam->name, list);
    }
    if (!(r->set_value[k] >= cf->lo[j] && r->set_value[k] <= cf->hi[j]) ||
        (cf->integer[j] && r->set_value[k] != floor(r->set_value[k])))
      return rds_fail(c, r, r->set_name[k], err, "outside the declared range of %s%s",
                      fam->scenario, cf->integer[j] ? ", or not whole" : "");
    e->x[j] = r->set_value[k];
  }
  if (r->pick[0]) {
    int j = 0;
    while (j < cf->npick_names && strcmp(cf->pick_names[j], r->pick) != 0) j++;
    if (!fam->pick_param[0] || j == cf->npick_names)
      return rds_fail(c, r, "pick", err, "'%s' is not a vendor or provider that %s picks", r->pick,
                      fam->scenario);
    e->x[fam->ndists] = cf->pick_lo + j;
    for (int k = 0; k < fam->npicks; k++)
      if (strcmp(fam->picks[k].name, r->pick) == 0) e->pick = k;
  }
  c->fam[f].nevents++; /* its family's sweep runs it too */
  c->nevents++;
  return 0;
}

int fs_catalog_build(const fs_catalog_build_opts *o, fs_catalog *out, fs_err *err) {
  if (o->nevents < 1 || o->nevents > FS_CATALOG_MAX_EVENTS) {
    memset(out, 0, sizeof *out);
    return fs_err_set(err, FS_EUSAGE, "--events must be between 1 and %d (got %zu)",
                      FS_CATALOG_MAX_EVENTS, o->nevents);
  }
  int rc = fs_catalog_prepare(o, out, err);
  if (rc == 0) rc = draw_events(out, o->nevents, err);
  for (int i = 0; rc == 0 && i < out->decl.nrds; i++) rc = add_rds(out, i, err);
  if (rc != 0) fs_catalog_free(out);
  return rc;
}

void fs_catalog_free(fs_catalog *c) {
  if (!c) return;
  free(c->ev);
  c->ev = NULL;
  c->nevents = 0;
}
