/* table.c: a sweep's rows (sweep.csv), read back from journals, and the
   tables made from them: points.csv (per point statistics) and
   sensitivity.csv (one-at-a-time swings, Sobol indices). Everything is
   computed from the rows' text, so a table is the same whether its rows
   came from memory, a resumed journal or merged shards. */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/rng.h"
#include "util/csv.h"
#include "sweep/sensitivity.h"
#include "sweep/sweep.h"
#include "util/fsutil.h"
#include "util/alloc.h"
#include "util/ident.h"

/* Columns before the parameters, and between them and the outputs. */
#define LEAD 3

static size_t ncols(const fs_sweep_spec *s) {
  return LEAD + (size_t) s->d + 1 + (size_t) s->noutputs + 1;
}

char *fs_sweep_header(const fs_sweep_spec *s) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = fs_open_memstream(&buf, &len);
  if (!f) return NULL;
  fputs("task,point,replication", f);
  /* Parameter and output names are identifiers (util/ident.h; checked by
     the scenario loader and by fs_sweep_spec_read): no CSV quoting needed. */
  for (int j = 0; j < s->d; j++) {
    assert(fs_ident_ok(s->params[j].name, strlen(s->params[j].name)));
    fprintf(f, ",%s", s->params[j].name);
  }
  fputs(",status", f);
  for (int k = 0; k < s->noutputs; k++) {
    assert(fs_ident_ok(s->outputs[k], strlen(s->outputs[k])));
    fprintf(f, ",%s", s->outputs[k]);
  }
  fputs(",error\n", f);
  if (fclose(f) != 0) {
    free(buf);
    return NULL;
  }
  return buf;
}

/* The error field: quoted, inner quotes doubled, line breaks as spaces
   (so that every row is one line of its journal). */
static void put_error(FILE *f, const char *e) {
  if (e && *e) fs_csv_put(f, e, FS_CSV_QUOTE | FS_CSV_ONE_LINE);
}

char *fs_sweep_row(const fs_sweep_spec *s, const fs_design *dz, size_t t, const double *values,
                   const char *error) {
  char *buf = NULL, num[32];
  size_t len = 0;
  FILE *f = fs_open_memstream(&buf, &len);
  if (!f) return NULL;
  size_t p = t / (size_t) s->reps, r = t % (size_t) s->reps;
  fprintf(f, "%zu,%zu,%zu", t, p, r);
  for (int j = 0; j < s->d; j++) {
    fs_sweep_fmt(num, sizeof num, dz->x[p * (size_t) dz->d + (size_t) j]);
    fprintf(f, ",%s", num);
  }
  fputs(values ? ",ok" : ",failed", f);
  for (int k = 0; k < s->noutputs; k++) {
    fputc(',', f);
    if (values) {
      fs_sweep_fmt(num, sizeof num, values[k]);
      fputs(num, f);
    }
  }
  fputc(',', f);
  if (!values) put_error(f, error && *error ? error : "failed");
  fputc('\n', f);
  if (fclose(f) != 0) {
    free(buf);
    return NULL;
  }
  return buf;
}

int fs_sweep_rows_init(fs_sweep_rows *r, size_t ntasks, fs_err *err) {
  memset(r, 0, sizeof *r);
  r->ntasks = ntasks;
  r->row = fs_calloc(ntasks ? ntasks : 1, sizeof *r->row);
  r->where = fs_calloc(ntasks ? ntasks : 1, sizeof *r->where);
  if (!r->row || !r->where) {
    fs_sweep_rows_free(r);
    return fs_err_set(err, FS_ENOMEM, "out of memory for %zu task rows", ntasks);
  }
  return 0;
}

void fs_sweep_rows_free(fs_sweep_rows *r) {
  for (size_t t = 0; r->row && t < r->ntasks; t++) free(r->row[t]);
  for (size_t t = 0; r->where && t < r->ntasks; t++) free(r->where[t]);
  free(r->row);
  free(r->where);
  memset(r, 0, sizeof *r);
}

int fs_sweep_row_failed(const fs_sweep_spec *s, const char *row) {
  /* the status field follows LEAD + d commas */
  const char *c = row;
  for (int k = 0; k < LEAD + s->d && c; k++) {
    c = strchr(c, ',');
    if (c) c++;
  }
  return c && strncmp(c, "failed,", 7) == 0;
}

double fs_sweep_row_output(const fs_sweep_spec *s, const char *row, int k) {
  if (!row || fs_sweep_row_failed(s, row)) return NAN;
  /* task, point, replication, the parameters, the status, then outputs */
  int field = LEAD + s->d + 1 + k;
  const char *p = row;
  for (int i = 0; i < field && p; i++) {
    p = strchr(p, ',');
    if (p) p++;
  }
  if (!p || *p == ',' || *p == '\n' || !*p) return NAN;
  return strtod(p, NULL);
}

/* The current record as row text, exactly as fs_sweep_row wrote it. */
static char *record_text(const fs_csv *c, size_t n) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = fs_open_memstream(&buf, &len);
  if (!f) return NULL;
  for (size_t i = 0; i < n; i++) {
    if (i) fputc(',', f);
    if (i + 1 == n)
      put_error(f, fs_csv_field(c, i));
    else
      fputs(fs_csv_field(c, i), f);
  }
  fputc('\n', f);
  if (fclose(f) != 0) {
    free(buf);
    return NULL;
  }
  return buf;
}

/* Checks the current record against the spec and the design; sets *task. */
static int check_record(const fs_csv *c, const fs_sweep_spec *s, const fs_design *dz, size_t *task,
                        fs_err *err) {
  double v;
  int rc;
  if ((rc = fs_csv_number(c, 0, FS_CSV_NONNEG | FS_CSV_WHOLE, &v, err)) != 0) return rc;
  size_t nt = fs_sweep_ntasks(s, dz);
  if (v >= (double) nt)
    return fs_csv_fail(c, 0, err, FS_EINVAL, "task %s is not in this sweep (it has %zu tasks)",
                       fs_csv_field(c, 0), nt);
  size_t t = (size_t) v;
  char want[32];
  snprintf(want, sizeof want, "%zu", t / (size_t) s->reps);
  if (strcmp(fs_csv_field(c, 1), want) != 0)
    return fs_csv_fail(c, 1, err, FS_EINVAL, "task %zu belongs to point %s (got \"%s\")", t, want,
                       fs_csv_field(c, 1));
  snprintf(want, sizeof want, "%zu", t % (size_t) s->reps);
  if (strcmp(fs_csv_field(c, 2), want) != 0)
    return fs_csv_fail(c, 2, err, FS_EINVAL, "task %zu is replication %s (got \"%s\")", t, want,
                       fs_csv_field(c, 2));
  size_t p = t / (size_t) s->reps;
  for (int j = 0; j < s->d; j++) {
    fs_sweep_fmt(want, sizeof want, dz->x[p * (size_t) dz->d + (size_t) j]);
    if (strcmp(fs_csv_field(c, LEAD + (size_t) j), want) != 0)
      return fs_csv_fail(c, LEAD + (size_t) j, err, FS_EINVAL,
                         "point %zu of this sweep has %s = %s (got \"%s\"): the row is from "
                         "another sweep",
                         p, s->params[j].name, want, fs_csv_field(c, LEAD + (size_t) j));
  }
  size_t sc = LEAD + (size_t) s->d, ec = ncols(s) - 1;
  const char *status = fs_csv_field(c, sc);
  int ok = strcmp(status, "ok") == 0;
  if (!ok && strcmp(status, "failed") != 0)
    return fs_csv_fail(c, sc, err, FS_EINVAL, "expected ok or failed (got \"%s\")", status);
  for (size_t k = sc + 1; k < ec; k++) {
    if (!ok && fs_csv_field(c, k)[0])
      return fs_csv_fail(c, k, err, FS_EINVAL, "a failed task has no outputs (got \"%s\")",
                         fs_csv_field(c, k));
    if (ok && (rc = fs_csv_number(c, k, FS_CSV_OPTIONAL, &v, err)) < 0) return rc;
  }
  if (!ok && !fs_csv_field(c, ec)[0])
    return fs_csv_fail(c, ec, err, FS_EINVAL, "a failed task needs its error message");
  *task = t;
  return 0;
}

static int truncate_path(const char *path, long keep, fs_err *err) {
  FILE *f = fs_open_regular(path, "r+b", err);
  if (!f) return err->code;
  int bad = ftruncate(fileno(f), keep) != 0;
  bad |= fclose(f) != 0;
  if (bad)
    return fs_err_set(err, FS_EIO, "%s: cannot cut its torn last line: %s", path, strerror(errno));
  return 0;
}

/* Cuts a last line that has no newline (a writer killed mid-line). Returns
   the kept length, or -1 with err set. */
static long cut_torn_line(const char *path, int truncate, fs_err *err) {
  FILE *f = fs_open_regular(path, "rb", err);
  if (!f) return -1;
  long size = 0, keep = 0;
  int ch;
  while ((ch = getc(f)) != EOF) {
    size++;
    if (ch == '\n') keep = size;
  }
  fclose(f);
  if (keep < size && truncate && truncate_path(path, keep, err) != 0) return -1;
  return keep;
}

int fs_sweep_rows_read(fs_sweep_rows *r, const fs_sweep_spec *s, const fs_design *dz,
                       const char *path, int truncate, int once, fs_err *err) {
  long keep = cut_torn_line(path, truncate, err);
  if (keep < 0) return err->code ? err->code : FS_EIO;
  FILE *f = fs_open_regular(path, "rb", err);
  if (!f) return err->code;
  /* Read only the complete lines. */
  char *text = fs_malloc((size_t) keep + 1);
  if (!text) {
    fclose(f);
    return fs_err_set(err, FS_ENOMEM, "out of memory reading %s", path);
  }
  size_t got = fread(text, 1, (size_t) keep, f);
  fclose(f);
  FILE *m = fmemopen(text, got ? got : 1, "rb");
  if (!m || got == 0) {
    if (m) fclose(m);
    free(text);
    return got == 0 ? fs_err_set(err, FS_EINVAL, "%s: empty file (no header)", path)
                    : fs_err_set(err, FS_ENOMEM, "out of memory");
  }
  fs_csv *c = NULL;
  int rc = fs_csv_open_stream(&c, m, path, err);
  char *hdr = rc == 0 ? fs_sweep_header(s) : NULL;
  if (rc == 0 && !hdr) rc = fs_err_set(err, FS_ENOMEM, "out of memory");
  if (rc == 0) {
    size_t n = ncols(s);
    int same = fs_csv_ncols(c) == n;
    for (size_t i = 0; same && i < n; i++) {
      const char *h = fs_csv_colname(c, i);
      const char *w = hdr;
      for (size_t k = 0; k < i; k++) w = strchr(w, ',') + 1;
      size_t wl = strcspn(w, ",\n");
      same = strlen(h) == wl && strncmp(h, w, wl) == 0;
    }
    if (!same)
      rc = fs_err_set(err, FS_EINVAL, "%s:1: the header is not this sweep's (expected %.*s)", path,
                      (int) strcspn(hdr, "\n"), hdr);
  }
  while (rc == 0) {
    int more = fs_csv_next(c, err);
    if (more <= 0) {
      rc = more;
      break;
    }
    size_t t = 0;
    if ((rc = check_record(c, s, dz, &t, err)) != 0) break;
    char where[FS_PATH_MAX + 24];
    snprintf(where, sizeof where, "%s:%ld", path, fs_csv_line(c)); /* path < FS_PATH_MAX */
    if (r->row[t]) {
      size_t pl = strlen(path);
      int same_file = strncmp(r->where[t], path, pl) == 0 && r->where[t][pl] == ':';
      if (once && !same_file) {
        rc = fs_err_set(err, FS_EINVAL,
                        "%s: task %zu is also in %s: every task must be present once", where, t,
                        r->where[t]);
        break;
      }
      if (!fs_sweep_row_failed(s, r->row[t])) {
        rc = fs_err_set(err, FS_EINVAL, "%s: task %zu was already finished at %s", where, t,
                        r->where[t]);
        break;
      }
      r->present--;
      r->failed--;
      free(r->row[t]);
      free(r->where[t]);
    }
    r->row[t] = record_text(c, ncols(s));
    r->where[t] = fs_strdup(where);
    if (!r->row[t] || !r->where[t]) {
      rc = fs_err_set(err, FS_ENOMEM, "out of memory");
      break;
    }
    r->present++;
    r->failed += fs_sweep_row_failed(s, r->row[t]);
  }
  free(hdr);
  fs_csv_close(c);
  fclose(m);
  free(text);
  return rc;
}

/* ---- Tables */

/* The outputs of a row (NAN where empty or failed); returns 1 if ok. */
static int row_values(const fs_sweep_spec *s, const char *row, double *v) {
  const char *c = row;
  for (int k = 0; k < LEAD + s->d && c; k++) c = strchr(c, ',') + 1;
  int ok = strncmp(c, "ok,", 3) == 0;
  c = strchr(c, ',') + 1;
  for (int k = 0; k < s->noutputs; k++) {
    v[k] = NAN;
    if (ok && *c != ',') v[k] = strtod(c, NULL);
    c = strchr(c, ',') + 1;
  }
  return ok;
}

/* vals[k * reps + r]: output k of point p's replication r. */
static int point_values(const fs_sweep_spec *s, const fs_sweep_rows *rows, size_t p, double *vals,
                        double *tmp, int *nok) {
  *nok = 0;
  for (int r = 0; r < s->reps; r++) {
    const char *row = rows->row[p * (size_t) s->reps + (size_t) r];
    int ok = row && row_values(s, row, tmp);
    *nok += ok;
    for (int k = 0; k < s->noutputs; k++)
      vals[(size_t) k * (size_t) s->reps + (size_t) r] = ok ? tmp[k] : NAN;
  }
  return 0;
}

static double mean_of(const double *x, size_t n) {
  double sum = 0;
  size_t m = 0;
  for (size_t i = 0; i < n; i++)
    if (!isnan(x[i])) {
      sum += x[i];
      m++;
    }
  return m ? sum / (double) m : NAN;
}

static void put_num(FILE *f, double v) {
  char b[32];
  fs_sweep_fmt(b, sizeof b, v);
  fputs(b, f);
}

/* points.csv; vals, tmp and qs are scratch of noutputs x reps, noutputs and
   reps doubles. */
static void write_points(FILE *f, const fs_sweep_spec *s, const fs_design *dz,
                         const fs_sweep_rows *rows, double *vals, double *tmp, double *qs) {
  static const char *const stat[] = {"mean", "sd", "p05", "p50", "p95"};
  fputs("point,kind,varied", f);
  for (int j = 0; j < s->d; j++) fprintf(f, ",%s", s->params[j].name);
  fputs(",n_ok,n_failed", f);
  for (int k = 0; k < s->noutputs; k++)
    for (int q = 0; q < 5; q++) fprintf(f, ",%s_%s", s->outputs[k], stat[q]);
  fputc('\n', f);
  size_t R = (size_t) s->reps;
  for (size_t p = 0; p < dz->npoints; p++) {
    int nok;
    point_values(s, rows, p, vals, tmp, &nok);
    fprintf(f, "%zu,%s,%s", p, fs_point_kind_name((fs_point_kind) dz->kind[p]),
            dz->varied[p] >= 0 ? s->params[dz->varied[p]].name : "");
    for (int j = 0; j < s->d; j++) {
      fputc(',', f);
      put_num(f, dz->x[p * (size_t) dz->d + (size_t) j]);
    }
    fprintf(f, ",%d,%d", nok, s->reps - nok);
    for (int k = 0; k < s->noutputs; k++) {
      const double *x = vals + (size_t) k * R;
      double st[5] = {mean_of(x, R), fs_sens_sd(x, R), fs_sens_quantile(x, R, 0.05, qs),
                      fs_sens_quantile(x, R, 0.50, qs), fs_sens_quantile(x, R, 0.95, qs)};
      for (int q = 0; q < 5; q++) {
        fputc(',', f);
        put_num(f, st[q]);
      }
    }
    fputc('\n', f);
  }
}

static void sens_row(FILE *f, const char *out, const char *param, const char *index,
                     const fs_ci *ci) {
  fprintf(f, "%s,%s,%s,", out, param, index);
  put_num(f, ci->est);
  fputc(',', f);
  put_num(f, ci->lo);
  fputc(',', f);
  put_num(f, ci->hi);
  fprintf(f, ",%d\n", ci->n);
}

/* The point of kind k (varying parameter j, or any when j < 0), or -1. */
static long find_point(const fs_design *dz, fs_point_kind k, int j) {
  for (size_t p = dz->ndesign; p < dz->npoints; p++)
    if (dz->kind[p] == k && (j < 0 || dz->varied[p] == j)) return (long) p;
  return -1;
}

static int write_sensitivity(FILE *f, const fs_sweep_spec *s, const fs_design *dz,
                             const fs_sweep_rows *rows, fs_err *err) {
  fputs("output,parameter,index,estimate,ci_low,ci_high,n\n", f);
  size_t R = (size_t) s->reps, no = (size_t) s->noutputs, np = dz->npoints;
  /* Point means of every output: mean[p * no + k]. */
  double *mean = fs_malloc(np * no * sizeof *mean), *vals = fs_malloc(no * R * sizeof *vals),
         *tmp = fs_malloc(no * sizeof *tmp), *lo = fs_malloc(no * R * sizeof *lo),
         *hi = fs_malloc(no * R * sizeof *hi), *base = fs_malloc(no * R * sizeof *base);
  size_t N = s->design == FS_DESIGN_SALTELLI ? dz->n : 0;
  double *fA = fs_malloc((N + 1) * sizeof *fA), *fB = fs_malloc((N + 1) * sizeof *fB),
         *fAB = fs_malloc((N * (size_t) s->d + 1) * sizeof *fAB);
  fs_ci *S1 = fs_calloc((size_t) s->d, sizeof *S1), *ST = fs_calloc((size_t) s->d, sizeof *ST);
  gsl_rng *rng = fs_rng_new(s->run_seed, FS_STREAM_BOOT);
  int rc = 0;
  if (!mean || !vals || !tmp || !lo || !hi || !base || !fA || !fB || !fAB || !S1 || !ST || !rng) {
    rc = fs_err_set(err, FS_ENOMEM, "out of memory for sensitivity.csv");
    goto done;
  }
  for (size_t p = 0; p < np; p++) {
    int nok;
    point_values(s, rows, p, vals, tmp, &nok);
    for (size_t k = 0; k < no; k++) mean[p * no + k] = mean_of(vals + k * R, R);
  }
  long pb = s->oat ? find_point(dz, FS_PT_BASE, -1) : -1;
  if (pb >= 0) {
    int nok;
    point_values(s, rows, (size_t) pb, base, tmp, &nok);
  }
  for (size_t k = 0; k < no; k++) {
    const char *out = s->outputs[k];
    if (pb >= 0) {
      fs_ci ci;
      fs_sens_mean_ci(base + k * R, R, 0.95, &ci);
      sens_row(f, out, "", "base", &ci);
    }
    if (N) {
      for (size_t j = 0; j < N; j++) {
        fA[j] = mean[j * no + k];
        fB[j] = mean[(N + j) * no + k];
        for (int i = 0; i < s->d; i++)
          fAB[(size_t) i * N + j] = mean[((2 + (size_t) i) * N + j) * no + k];
      }
      fs_rng_reset(rng, s->run_seed, FS_STREAM_BOOT);
      if ((rc = fs_sens_sobol(fA, fB, fAB, N, s->d, s->nboot, 0.95, rng, S1, ST, err)) != 0)
        goto done;
    }
    for (int j = 0; j < s->d; j++) {
      const char *name = s->params[j].name;
      long pl = s->oat ? find_point(dz, FS_PT_OAT_LOW, j) : -1;
      long ph = s->oat ? find_point(dz, FS_PT_OAT_HIGH, j) : -1;
      if (pl >= 0 && ph >= 0) {
        int nok;
        point_values(s, rows, (size_t) pl, vals, tmp, &nok);
        memcpy(lo, vals, no * R * sizeof *lo);
        point_values(s, rows, (size_t) ph, vals, tmp, &nok);
        memcpy(hi, vals, no * R * sizeof *hi);
        fs_ci a, b, sw;
        fs_sens_mean_ci(lo + k * R, R, 0.95, &a);
        fs_sens_mean_ci(hi + k * R, R, 0.95, &b);
        fs_sens_paired_diff(hi + k * R, lo + k * R, R, 0.95, &sw);
        sens_row(f, out, name, "oat_low", &a);
        sens_row(f, out, name, "oat_high", &b);
        sens_row(f, out, name, "oat_swing", &sw);
      }
      if (N) {
        sens_row(f, out, name, "S1", &S1[j]);
        sens_row(f, out, name, "ST", &ST[j]);
      }
    }
  }
done:
  if (rng) gsl_rng_free(rng);
  void *scratch[] = {mean, vals, tmp, lo, hi, base, fA, fB, fAB, S1, ST};
  for (size_t i = 0; i < sizeof scratch / sizeof scratch[0]; i++) free(scratch[i]);
  return rc;
}

static const char *const table_names[] = {"sweep.csv", "points.csv", "sensitivity.csv"};
#define NTABLES (sizeof table_names / sizeof table_names[0])

static int write_rows(FILE *f, const fs_sweep_spec *s, const fs_sweep_rows *rows, fs_err *err) {
  char *hdr = fs_sweep_header(s);
  if (!hdr) return fs_err_set(err, FS_ENOMEM, "out of memory");
  fputs(hdr, f);
  free(hdr);
  for (size_t t = 0; t < rows->ntasks; t++) fputs(rows->row[t], f);
  return 0;
}

static int write_points_file(FILE *f, const fs_sweep_spec *s, const fs_design *dz,
                             const fs_sweep_rows *rows, fs_err *err) {
  size_t no = (size_t) s->noutputs, R = (size_t) s->reps;
  double *vals = fs_malloc(no * R * sizeof *vals), *tmp = fs_malloc(no * sizeof *tmp);
  double *qs = fs_malloc(R * sizeof *qs);
  int rc = vals && tmp && qs ? 0 : fs_err_set(err, FS_ENOMEM, "out of memory for points.csv");
  if (rc == 0) write_points(f, s, dz, rows, vals, tmp, qs);
  free(vals);
  free(tmp);
  free(qs);
  return rc;
}

/* Table k into its temporary file, closed. */
static int write_table(size_t k, const char *dir, const fs_sweep_spec *s, const fs_design *dz,
                       const fs_sweep_rows *rows, fs_err *err) {
  FILE *f = fs_out_open_tmp(dir, table_names[k], err);
  if (!f) return FS_EIO;
  int rc = k == 0   ? write_rows(f, s, rows, err)
           : k == 1 ? write_points_file(f, s, dz, rows, err)
                    : write_sensitivity(f, s, dz, rows, err);
  if (rc != 0) {
    fs_out_abort_tmp(f, dir, table_names[k]);
    return rc;
  }
  return fs_out_close_tmp(f, dir, table_names[k], err);
}

int fs_sweep_write_tables(const char *dir, const fs_sweep_spec *s, const fs_design *dz,
                          const fs_sweep_rows *rows, fs_err *err) {
  int rc = 0;
  size_t k = 0;
  for (; k < NTABLES && rc == 0; k++) rc = write_table(k, dir, s, dz, rows, err);
  if (rc != 0) fs_sweep_tables_drop(dir, k - 1);
  return rc;
}

int fs_sweep_tables_commit(const char *dir, fs_err *err) {
  int rc = 0;
  for (size_t k = 0; k < NTABLES; k++) {
    if (rc == 0)
      rc = fs_out_rename_tmp(dir, table_names[k], err);
    else
      fs_out_remove_tmp(dir, table_names[k]);
  }
  return rc;
}

void fs_sweep_tables_drop(const char *dir, size_t n) {
  for (size_t k = 0; k < n && k < NTABLES; k++) fs_out_remove_tmp(dir, table_names[k]);
}
