/* observed.c: the observed file and a calibration folder's posterior (observed.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "calibrate/observed.h"
#include "scenario/check.h"
#include "util/alloc.h"
#include "util/csv.h"
#include "util/hash.h"
#include "util/jsonread.h"
#include "util/num.h"
#include "util/suggest.h"

static const char *const output_names[FS_OBS_NOUTPUTS] = {"crashed_endpoints", "down_endpoints",
                                                          "orgs_impaired", "flights_cancelled"};

const char *fs_observed_output_name(int k) {
  return k >= 0 && k < FS_OBS_NOUTPUTS ? output_names[k] : "?";
}

int fs_observed_has_flights(const fs_config *cfg) {
  for (int k = 0; cfg->has_costs && k < cfg->nindustries; k++)
    if (cfg->industries[k].cost.ops.on && strcmp(cfg->industries[k].cost.ops.unit, "flights") == 0)
      return 1;
  return 0;
}

double fs_observed_onset(const fs_config *cfg) {
  double t = cfg->incident.kind == FS_INC_FAULTY_UPDATE ? cfg->incident.publish_hours
                                                        : cfg->incident.start_hours;
  return isfinite(t) && t > 0 && t < cfg->duration_hours ? t : 0;
}

void fs_observed_free(fs_observed *o) {
  free(o->row);
  o->row = NULL;
  o->n = 0;
}

/* The time field: ISO 8601 UTC or hours since the start; hours since the
   start into *h, checked against the scenario and the window. */
static int parse_time(const fs_csv *c, size_t col, const fs_config *cfg, double *h, fs_err *err) {
  const char *s = fs_csv_field(c, col);
  char why[160];
  double t;
  if (fs_num_is_decimal(s)) {
    if (fs_num_decimal(s, &t) != 0 || !isfinite(t))
      return fs_csv_fail(c, col, err, FS_EINVAL, "expected a number of hours (got \"%s\")", s);
    *h = t;
  } else if (fs_check_parse_time(s, &t, why, sizeof why) == 0) {
    *h = (t - cfg->start_unix) / 3600.0;
  } else {
    return fs_csv_fail(c, col, err, FS_EINVAL,
                       "expected an ISO 8601 UTC time or hours since the scenario start: %s "
                       "(got \"%s\")",
                       why, s);
  }
  if (*h < 0 || *h > cfg->duration_hours)
    return fs_csv_fail(c, col, err, FS_EINVAL,
                       "%s is %.4g h from the scenario start: outside the scenario (0 to %g h)", s,
                       *h, cfg->duration_hours);
  double end = fs_observed_onset(cfg) + FS_NOWCAST_WINDOW_HOURS;
  if (*h > end + 1e-9)
    return fs_csv_fail(c, col, err, FS_EINVAL,
                       "%s is %.4g h after the event's onset: the nowcast follows the first %g h "
                       "(to %g h from the scenario start)",
                       s, *h - fs_observed_onset(cfg), FS_NOWCAST_WINDOW_HOURS, end);
  return 0;
}

static int parse_output(const fs_csv *c, size_t col, const fs_config *cfg, int *out, fs_err *err) {
  const char *s = fs_csv_field(c, col);
  for (int k = 0; k < FS_OBS_NOUTPUTS; k++)
    if (strcmp(s, output_names[k]) == 0) {
      if (k == FS_OBS_FLIGHTS && !fs_observed_has_flights(cfg))
        return fs_csv_fail(c, col, err, FS_EINVAL,
                           "flights_cancelled needs an operations layer whose unit is flights "
                           "(this scenario has none; for crowdstrike-2024: --set "
                           "operations_layer=1)");
      *out = k;
      return 0;
    }
  const char *near = fs_suggest(s, output_names, FS_OBS_NOUTPUTS);
  return fs_csv_fail(c, col, err, FS_EINVAL, "unknown output \"%s\"%s%s%s (one of %s, %s, %s, %s)",
                     s, near ? "; did you mean \"" : "", near ? near : "", near ? "\"?" : "",
                     output_names[0], output_names[1], output_names[2], output_names[3]);
}

static int parse_industry(const fs_csv *c, long col, const fs_config *cfg, int output, int *out,
                          fs_err *err) {
  *out = -1;
  const char *s = col >= 0 ? fs_csv_field(c, (size_t) col) : "";
  if (!s[0]) return 0;
  if (output != FS_OBS_ORGS_IMPAIRED)
    return fs_csv_fail(c, (size_t) col, err, FS_EINVAL,
                       "an industry narrows only orgs_impaired (got \"%s\" for %s)", s,
                       output_names[output]);
  for (int k = 0; k < cfg->nindustries; k++)
    if (strcmp(s, cfg->industries[k].id) == 0) {
      *out = k;
      return 0;
    }
  const char *near = fs_suggest_field(s, cfg->industries[0].id, sizeof cfg->industries[0],
                                      (size_t) cfg->nindustries);
  return fs_csv_fail(c, (size_t) col, err, FS_EINVAL, "unknown industry \"%s\"%s%s%s", s,
                     near ? "; did you mean \"" : "", near ? near : "", near ? "\"?" : "");
}

/* The header: time, output, value, then industry and sd if present. */
static int check_header(const fs_csv *c, fs_err *err) {
  static const char *const cols[] = {"time", "output", "value", "industry", "sd"};
  for (size_t i = 0; i < fs_csv_ncols(c); i++) {
    const char *h = fs_csv_colname(c, i);
    int known = 0;
    for (size_t k = 0; k < 5; k++) known |= strcmp(h, cols[k]) == 0;
    if (!known) {
      const char *near = fs_suggest(h, cols, 5);
      return fs_err_set(err, FS_EINVAL,
                        "%s:1: column %zu: unknown column \"%s\"%s%s%s (time, output, value, "
                        "optional industry and sd)",
                        fs_csv_name(c), i + 1, h, near ? "; did you mean \"" : "", near ? near : "",
                        near ? "\"?" : "");
    }
  }
  for (size_t k = 0; k < 3; k++)
    if (fs_csv_find(c, cols[k]) < 0)
      return fs_err_set(err, FS_EINVAL, "%s:1: missing column \"%s\" (header: time,output,value)",
                        fs_csv_name(c), cols[k]);
  return 0;
}

static int parse_row(const fs_csv *c, const fs_config *cfg, fs_observed_row *r, fs_err *err) {
  size_t ct = (size_t) fs_csv_find(c, "time"), co = (size_t) fs_csv_find(c, "output");
  size_t cv = (size_t) fs_csv_find(c, "value");
  long ci = fs_csv_find(c, "industry"), cs = fs_csv_find(c, "sd");
  r->line = fs_csv_line(c);
  r->sd = FS_OBSERVED_DEFAULT_SD;
  int rc = parse_time(c, ct, cfg, &r->hours, err);
  if (rc == 0) rc = parse_output(c, co, cfg, &r->output, err);
  if (rc == 0) rc = fs_csv_number(c, cv, FS_CSV_NONNEG, &r->value, err);
  if (rc == 0) rc = parse_industry(c, ci, cfg, r->output, &r->industry, err);
  if (rc == 0 && cs >= 0) {
    rc = fs_csv_number(c, (size_t) cs, FS_CSV_OPTIONAL | FS_CSV_POSITIVE, &r->sd, err);
    rc = rc == 1 ? 0 : rc;
  }
  return rc;
}

int fs_observed_read(fs_observed *o, const char *path, const fs_config *cfg, fs_err *err) {
  memset(o, 0, sizeof *o);
  int rc = fs_path_fmt(o->path, sizeof o->path, err, "%s", path);
  if (rc == 0) rc = fs_fnv1a_file(path, &o->hash, err);
  fs_csv *c = NULL;
  if (rc == 0) rc = fs_csv_open(&c, path, 0, err);
  if (rc == 0) rc = check_header(c, err);
  size_t cap = 0;
  while (rc == 0 && (rc = fs_csv_next(c, err)) == 1) {
    if (o->n == FS_OBSERVED_MAX_ROWS) {
      rc = fs_err_set(err, FS_ELIMIT, "%s:%ld: more than %d observations", path, fs_csv_line(c),
                      FS_OBSERVED_MAX_ROWS);
      break;
    }
    if (o->n == cap) {
      cap = cap ? 2 * cap : 64;
      fs_observed_row *g = realloc(o->row, cap * sizeof *g);
      if (!g) {
        rc = fs_err_set(err, FS_ENOMEM, "out of memory for %s", path);
        break;
      }
      o->row = g;
    }
    fs_observed_row *r = &o->row[o->n];
    if ((rc = parse_row(c, cfg, r, err)) != 0) break;
    for (size_t j = 0; j < o->n; j++) {
      const fs_observed_row *q = &o->row[j];
      if (q->output == r->output && q->industry == r->industry && fabs(q->hours - r->hours) < 1e-9)
        rc = fs_err_set(err, FS_EINVAL, "%s:%ld: %s at %g h%s%s is also on line %ld", path, r->line,
                        output_names[r->output], r->hours, r->industry >= 0 ? " for " : "",
                        r->industry >= 0 ? cfg->industries[r->industry].id : "", q->line);
    }
    if (rc == 0) o->n++;
  }
  if (rc == 0 && o->n == 0)
    rc = fs_err_set(err, FS_EINVAL, "%s:2: no observations (a header alone)", path);
  fs_csv_close(c);
  if (rc != 0) fs_observed_free(o);
  return rc;
}

/* ---- The posterior of a calibration folder */

void fs_posterior_free(fs_posterior *p) {
  free(p->w);
  free(p->x);
  p->w = p->x = NULL;
  p->n = 0;
}

static int read_params(fs_posterior *p, const char *dir, fs_err *err) {
  char path[FS_PATH_MAX];
  int rc = fs_path_join(path, sizeof path, dir, "calibration.json", err);
  fs_jval *root = NULL;
  if (rc == 0) rc = fs_jread_file(&root, path, err);
  if (rc != 0) return rc;
  const fs_jval *ps = fs_jread_get(root, "params");
  if (!ps || ps->kind != FS_JARR || ps->n < 1 || ps->n > 64)
    rc = fs_err_set(err, FS_EINVAL, "%s: \"params\": expected a list of 1 to 64 parameters", path);
  for (size_t i = 0; rc == 0 && i < ps->n; i++) {
    const fs_jval *q = fs_jread_at(ps, i);
    const char *name = fs_jread_str(fs_jread_get(q, "name"), NULL);
    double lo = fs_jread_num(fs_jread_get(q, "lo"), NAN),
           hi = fs_jread_num(fs_jread_get(q, "hi"), NAN);
    if (!name || strlen(name) >= sizeof p->name[0] || !(lo <= hi))
      rc = fs_err_set(err, FS_EINVAL, "%s: \"params\"[%zu]: expected name, lo <= hi", path, i);
    else {
      snprintf(p->name[i], sizeof p->name[i], "%s", name);
      p->lo[i] = lo;
      p->hi[i] = hi;
    }
  }
  if (rc == 0) p->d = (int) ps->n;
  fs_jread_free(root);
  return rc;
}

/* The columns of posterior.csv: sample, weight, then each parameter of
   calibration.json (in any order): col[j] its column. */
static int posterior_cols(const fs_csv *c, const fs_posterior *p, size_t *col, fs_err *err) {
  if (fs_csv_find(c, "sample") != 0 || fs_csv_find(c, "weight") != 1)
    return fs_err_set(err, FS_EINVAL, "%s:1: expected the header sample,weight,<param...>",
                      fs_csv_name(c));
  if (fs_csv_ncols(c) != (size_t) p->d + 2)
    return fs_err_set(err, FS_EINVAL, "%s:1: %zu columns; calibration.json has %d parameters",
                      fs_csv_name(c), fs_csv_ncols(c), p->d);
  for (int j = 0; j < p->d; j++) {
    long k = fs_csv_find(c, p->name[j]);
    if (k < 2)
      return fs_err_set(err, FS_EINVAL, "%s:1: no column for the parameter %s of calibration.json",
                        fs_csv_name(c), p->name[j]);
    col[j] = (size_t) k;
  }
  return 0;
}

int fs_posterior_read(fs_posterior *p, const char *dir, fs_err *err) {
  memset(p, 0, sizeof *p);
  char path[FS_PATH_MAX];
  size_t col[64], cap = 0;
  fs_csv *c = NULL;
  int rc = read_params(p, dir, err);
  if (rc == 0) rc = fs_path_join(path, sizeof path, dir, "posterior.csv", err);
  if (rc == 0) rc = fs_fnv1a_file(path, &p->hash, err);
  if (rc == 0) rc = fs_csv_open(&c, path, 0, err);
  if (rc == 0) rc = posterior_cols(c, p, col, err);
  double sum = 0;
  while (rc == 0 && (rc = fs_csv_next(c, err)) == 1) {
    if (p->n == cap) {
      cap = cap ? 2 * cap : 256;
      double *w = realloc(p->w, cap * sizeof *w), *x = w ? realloc(p->x, cap * 64 * sizeof *x) : 0;
      if (w) p->w = w;
      if (x) p->x = x;
      if (!w || !x) {
        rc = fs_err_set(err, FS_ENOMEM, "out of memory for %s", path);
        break;
      }
    }
    rc = fs_csv_number(c, 1, FS_CSV_NONNEG, &p->w[p->n], err);
    for (int j = 0; j < p->d && rc == 0; j++) {
      double *v = &p->x[p->n * (size_t) p->d + (size_t) j];
      rc = fs_csv_number(c, col[j], 0, v, err);
      if (rc == 0 && (*v < p->lo[j] - 1e-9 || *v > p->hi[j] + 1e-9))
        rc = fs_csv_fail(c, col[j], err, FS_EINVAL, "%g is outside the declared range %g to %g", *v,
                         p->lo[j], p->hi[j]);
    }
    if (rc == 0) sum += p->w[p->n++];
  }
  if (rc == 0 && (p->n == 0 || fabs(sum - 1) > 1e-6))
    rc = fs_err_set(err, FS_EINVAL, "%s: %zu samples whose weights sum to %.9g, not 1", path, p->n,
                    sum);
  fs_csv_close(c);
  if (rc != 0) fs_posterior_free(p);
  return rc;
}
