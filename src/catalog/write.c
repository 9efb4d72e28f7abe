/* write.c: a built catalogue as events.csv and catalog.json (catalog.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "util/alloc.h"
#include "util/json.h"

/* The shortest of %.15g..%.17g that reads back to v. */
static void fmt(char *buf, size_t cap, double v) {
  for (int prec = 15; prec <= 17; prec++) {
    snprintf(buf, cap, "%.*g", prec, v);
    if (strtod(buf, NULL) == v) return;
  }
}

/* Every parameter of any family, sorted, without repeats. */
static int columns(const fs_catalog *c, char (*col)[FS_ID_MAX], int max) {
  int n = 0;
  for (int i = 0; i < c->decl.nfam; i++)
    for (int j = 0; j < c->fam[i].nparams; j++) {
      const char *p = c->fam[i].param[j];
      int k = 0;
      while (k < n && strcmp(col[k], p) != 0) k++;
      if (k == n && n < max) snprintf(col[n++], FS_ID_MAX, "%s", p);
    }
  qsort(col, (size_t) n, sizeof col[0], (int (*)(const void *, const void *)) strcmp);
  return n;
}

const char *fs_catalog_label(const fs_catalog *c, const fs_catalog_event *e) {
  const fs_cat_family *fam = &c->decl.fam[e->family];
  const fs_catalog_family *cf = &c->fam[e->family];
  if (!fam->pick_param[0]) return "";
  int k = (int) e->x[fam->ndists] - cf->pick_lo;
  return k >= 0 && k < cf->npick_names ? cf->pick_names[k] : "";
}

int fs_catalog_write_events(const fs_catalog *c, FILE *f, fs_err *err) {
  enum { MAXCOL = FS_CAT_MAX_FAMILIES * (FS_CAT_MAX_DISTS + 1) };
  char(*col)[FS_ID_MAX] = fs_malloc(MAXCOL * sizeof *col);
  if (!col) return fs_err_set(err, FS_ENOMEM, "out of memory for the columns of events.csv");
  int ncol = columns(c, col, MAXCOL);
  fprintf(f, "EventId,family,vendor_or_provider,annual_rate,rds");
  for (int k = 0; k < ncol; k++) fprintf(f, ",%s", col[k]);
  fputc('\n', f);
  char num[40];
  for (size_t e = 0; e < c->nevents; e++) {
    const fs_catalog_event *ev = &c->ev[e];
    const fs_cat_family *fam = &c->decl.fam[ev->family];
    const fs_catalog_family *cf = &c->fam[ev->family];
    fmt(num, sizeof num, ev->rate);
    fprintf(f, "%u,%s,%s,%s,%s", ev->id, fam->name, fs_catalog_label(c, ev), num,
            ev->rds >= 0 ? c->decl.rds[ev->rds].name : "");
    for (int k = 0; k < ncol; k++) {
      int j = 0;
      while (j < cf->nparams && strcmp(cf->param[j], col[k]) != 0) j++;
      if (j < cf->nparams) fmt(num, sizeof num, ev->x[j]);
      fprintf(f, ",%s", j < cf->nparams ? num : "");
    }
    fputc('\n', f);
  }
  free(col);
  return ferror(f) ? fs_err_set(err, FS_EIO, "events.csv: write failed") : 0;
}

static void family_json(const fs_catalog *c, int i, FILE *f) {
  const fs_cat_family *fam = &c->decl.fam[i];
  const fs_catalog_family *cf = &c->fam[i];
  fprintf(f, "    {\"name\": ");
  fs_json_str(f, fam->name);
  fprintf(f, ", \"scenario\": ");
  fs_json_str(f, fam->scenario);
  fprintf(f, ", \"scenario_hash\": \"fnv1a64:%016llx\", \"annual_rate\": ",
          (unsigned long long) cf->scenario_hash);
  fs_json_num(f, fam->rate);
  fprintf(f, ", \"rate_source\": ");
  fs_json_str(f, fam->rate_source);
  fprintf(f, ", \"events\": %zu, \"params\": [", cf->nevents);
  for (int j = 0; j < cf->nparams; j++) {
    fprintf(f, "%s", j ? ", " : "");
    fs_json_str(f, cf->param[j]);
  }
  fprintf(f, "], \"pick_param\": ");
  fs_json_str(f, fam->pick_param);
  fprintf(f, ", \"picks\": [");
  for (int k = 0; k < fam->npicks; k++) {
    fprintf(f, "%s{\"name\": ", k ? ", " : "");
    fs_json_str(f, fam->picks[k].name);
    fprintf(f, ", \"share\": ");
    fs_json_num(f, fam->picks[k].share);
    fprintf(f, ", \"value\": %d}", cf->pick_value[k]);
  }
  fprintf(f, "]}%s\n", i + 1 < c->decl.nfam ? "," : "");
}

int fs_catalog_write_json(const fs_catalog *c, FILE *f, fs_err *err) {
  double total = 0;
  for (size_t e = 0; e < c->nevents; e++) total += c->ev[e].rate;
  fprintf(f, "{\n  \"kind\": \"catalog\",\n  \"catalog\": ");
  fs_json_str(f, c->decl.path);
  fprintf(f, ",\n  \"catalog_hash\": \"fnv1a64:%016llx\",\n  \"name\": ",
          (unsigned long long) c->decl_hash);
  fs_json_str(f, c->decl.name);
  fprintf(f, ",\n  \"seed\": \"%llu\",\n  \"events\": %zu,\n  \"annual_rate\": ",
          (unsigned long long) c->seed, c->nevents);
  fs_json_num(f, total);
  fprintf(f, ",\n  \"families\": [\n");
  for (int i = 0; i < c->decl.nfam; i++) family_json(c, i, f);
  fprintf(f, "  ]\n}\n");
  return ferror(f) ? fs_err_set(err, FS_EIO, "catalog.json: write failed") : 0;
}
