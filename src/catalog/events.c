/* events.c: a catalogue folder's events.csv read back, checked against its
   prepared catalogue (catalog.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "util/alloc.h"
#include "util/csv.h"
#include "util/suggest.h"

enum { COL_ID, COL_FAMILY, COL_PICK, COL_RATE, COL_RDS, NFIXED };
static const char *const fixed_cols[NFIXED] = {"EventId", "family", "vendor_or_provider",
                                               "annual_rate", "rds"};

/* Column of each family's parameter j: col[f][j]; every header name is a
   fixed column or some family's parameter. */
typedef struct layout {
  long fixed[NFIXED];
  long col[FS_CAT_MAX_FAMILIES][FS_CAT_MAX_DISTS + 1];
} layout;

static int read_header(const fs_catalog *c, fs_csv *csv, layout *l, fs_err *err) {
  for (int k = 0; k < NFIXED; k++)
    if ((l->fixed[k] = fs_csv_find(csv, fixed_cols[k])) < 0)
      return fs_err_set(err, FS_EINVAL, "%s: no column %s", fs_csv_name(csv), fixed_cols[k]);
  for (int f = 0; f < c->decl.nfam; f++)
    for (int j = 0; j < c->fam[f].nparams; j++)
      if ((l->col[f][j] = fs_csv_find(csv, c->fam[f].param[j])) < 0)
        return fs_err_set(err, FS_EINVAL, "%s: no column %s (a parameter of family %s)",
                          fs_csv_name(csv), c->fam[f].param[j], c->decl.fam[f].name);
  for (size_t i = 0; i < fs_csv_ncols(csv); i++) {
    const char *name = fs_csv_colname(csv, i);
    int known = 0;
    for (int k = 0; k < NFIXED; k++) known |= strcmp(name, fixed_cols[k]) == 0;
    for (int f = 0; f < c->decl.nfam && !known; f++)
      for (int j = 0; j < c->fam[f].nparams; j++) known |= strcmp(name, c->fam[f].param[j]) == 0;
    if (!known)
      return fs_err_set(err, FS_EINVAL,
                        "%s: column %zu (%s): not a column of events.csv (EventId, family, "
                        "vendor_or_provider, annual_rate and the families' parameters)",
                        fs_csv_name(csv), i + 1, name);
  }
  return 0;
}

static int find_family(const fs_catalog *c, const fs_csv *csv, const layout *l, fs_err *err) {
  const char *name = fs_csv_field(csv, (size_t) l->fixed[COL_FAMILY]);
  for (int f = 0; f < c->decl.nfam; f++)
    if (strcmp(c->decl.fam[f].name, name) == 0) return f;
  const char *near =
      fs_suggest_field(name, c->decl.fam[0].name, sizeof c->decl.fam[0], (size_t) c->decl.nfam);
  return fs_csv_fail(csv, (size_t) l->fixed[COL_FAMILY], err, FS_EINVAL,
                     "no family '%s' in %s%s%s%s", name, c->decl.path,
                     near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
}

/* Whether column col is one of family f's. */
static int family_col(const fs_catalog *c, const layout *l, int f, size_t col) {
  for (int j = 0; j < c->fam[f].nparams; j++)
    if ((size_t) l->col[f][j] == col) return 1;
  return 0;
}

/* The event's parameter values, each in its declared range; the columns
   of other families' parameters empty. */
static int read_values(const fs_catalog *c, const fs_csv *csv, const layout *l, int f,
                       fs_catalog_event *e, fs_err *err) {
  const fs_catalog_family *cf = &c->fam[f];
  for (size_t col = 0; col < fs_csv_ncols(csv); col++) {
    int fixed = 0;
    for (int k = 0; k < NFIXED; k++) fixed |= (size_t) l->fixed[k] == col;
    if (!fixed && !family_col(c, l, f, col) && fs_csv_field(csv, col)[0])
      return fs_csv_fail(csv, col, err, FS_EINVAL,
                         "family %s does not vary %s: the cell must be empty (got %s)",
                         c->decl.fam[f].name, fs_csv_colname(csv, col), fs_csv_field(csv, col));
  }
  for (int j = 0; j < cf->nparams; j++) {
    size_t col = (size_t) l->col[f][j];
    int rc = fs_csv_number(csv, col, cf->integer[j] ? FS_CSV_WHOLE : 0, &e->x[j], err);
    if (rc < 0) return rc;
    if (!(e->x[j] >= cf->lo[j] && e->x[j] <= cf->hi[j]))
      return fs_csv_fail(csv, col, err, FS_EINVAL,
                         "must be in [%g, %g], the range %s declares (got %s)", cf->lo[j],
                         cf->hi[j], c->decl.fam[f].scenario, fs_csv_field(csv, col));
  }
  return 0;
}

/* The vendor or provider: one the family's scenario picks, matching its
   pick parameter (the last of the family's parameters); empty without
   picks. */
static int read_pick(const fs_catalog *c, const fs_csv *csv, const layout *l, int f,
                     fs_catalog_event *e, fs_err *err) {
  const fs_cat_family *fam = &c->decl.fam[f];
  const fs_catalog_family *cf = &c->fam[f];
  size_t col = (size_t) l->fixed[COL_PICK];
  const char *name = fs_csv_field(csv, col);
  e->pick = -1;
  if (!fam->pick_param[0]) {
    if (!name[0]) return 0;
    return fs_csv_fail(csv, col, err, FS_EINVAL, "family %s picks no vendor or provider (got '%s')",
                       fam->name, name);
  }
  int j = 0;
  while (j < cf->npick_names && strcmp(cf->pick_names[j], name) != 0) j++;
  if (j == cf->npick_names)
    return fs_csv_fail(csv, col, err, FS_EINVAL, "'%s' is not one of family %s's picks", name,
                       fam->name);
  int p = cf->nparams - 1;
  if (e->x[p] != cf->pick_lo + j)
    return fs_csv_fail(csv, (size_t) l->col[f][p], err, FS_EINVAL,
                       "%s picks %s at %d, not %s: the row contradicts itself", fam->pick_param,
                       name, cf->pick_lo + j, fs_csv_field(csv, (size_t) l->col[f][p]));
  for (int k = 0; k < fam->npicks; k++)
    if (strcmp(fam->picks[k].name, name) == 0) e->pick = k;
  return 0;
}

/* A drawn event falls on one of its family's shares (a disaster scenario
   may pick any vendor or provider the scenario does). */
static int check_drawn_pick(const fs_catalog *c, const fs_csv *csv, const layout *l,
                            const fs_catalog_event *e, fs_err *err) {
  const fs_cat_family *fam = &c->decl.fam[e->family];
  if (e->rds >= 0 || !fam->pick_param[0] || e->pick >= 0) return 0;
  return fs_csv_fail(csv, (size_t) l->fixed[COL_PICK], err, FS_EINVAL,
                     "'%s' has no share in family %s of %s (only a disaster scenario may pick it)",
                     fs_csv_field(csv, (size_t) l->fixed[COL_PICK]), fam->name, c->decl.path);
}

/* A realistic disaster scenario's row: its name, of this family. */
static int read_rds(const fs_catalog *c, const fs_csv *csv, const layout *l, fs_catalog_event *e,
                    fs_err *err) {
  size_t col = (size_t) l->fixed[COL_RDS];
  const char *name = fs_csv_field(csv, col);
  e->rds = -1;
  if (!name[0]) return 0;
  for (int i = 0; i < c->decl.nrds; i++)
    if (strcmp(c->decl.rds[i].name, name) == 0) e->rds = i;
  if (e->rds < 0)
    return fs_csv_fail(csv, col, err, FS_EINVAL, "no realistic disaster scenario '%s' in %s", name,
                       c->decl.path);
  if (strcmp(c->decl.rds[e->rds].family, c->decl.fam[e->family].name) != 0)
    return fs_csv_fail(csv, col, err, FS_EINVAL, "'%s' is an event of family %s", name,
                       c->decl.rds[e->rds].family);
  for (size_t i = 0; i < c->nevents; i++)
    if (c->ev[i].rds == e->rds)
      return fs_csv_fail(csv, col, err, FS_EINVAL, "'%s' again (EventId %u has it)", name,
                         c->ev[i].id);
  if (e->rate != 0)
    return fs_csv_fail(csv, (size_t) l->fixed[COL_RATE], err, FS_EINVAL,
                       "a disaster scenario (%s) has rate 0: it never occurs in the years", name);
  return 0;
}

static int read_row(fs_catalog *c, const fs_csv *csv, const layout *l, size_t *cap, fs_err *err) {
  double id;
  int rc = fs_csv_number(csv, (size_t) l->fixed[COL_ID], FS_CSV_WHOLE | FS_CSV_POSITIVE, &id, err);
  if (rc < 0) return rc;
  if (id != (double) (c->nevents + 1))
    return fs_csv_fail(
        csv, (size_t) l->fixed[COL_ID], err, FS_EINVAL,
        id <= (double) c->nevents
            ? "EventId %.0f again or out of order: EventIds run 1, 2, ... (expected %zu)"
            : "EventId %.0f: EventId %zu is missing (EventIds run 1, 2, ...)",
        id, c->nevents + 1);
  if (c->nevents == FS_CATALOG_MAX_EVENTS)
    return fs_csv_fail(csv, 0, err, FS_ELIMIT, "more than %d events", FS_CATALOG_MAX_EVENTS);
  if (c->nevents == *cap) {
    size_t ncap = *cap ? 2 * *cap : 1024;
    fs_catalog_event *g = fs_realloc(c->ev, ncap * sizeof *g);
    if (!g) return fs_err_set(err, FS_ENOMEM, "out of memory for %zu events", ncap);
    c->ev = g;
    *cap = ncap;
  }
  fs_catalog_event *e = &c->ev[c->nevents];
  memset(e, 0, sizeof *e);
  e->id = (uint32_t) id;
  if ((rc = find_family(c, csv, l, err)) < 0) return rc;
  e->family = rc;
  if ((rc = fs_csv_number(csv, (size_t) l->fixed[COL_RATE], FS_CSV_NONNEG, &e->rate, err)) < 0)
    return rc;
  if (e->rate > FS_CAT_MAX_RATE)
    return fs_csv_fail(csv, (size_t) l->fixed[COL_RATE], err, FS_EINVAL,
                       "must be at most %g events a year", FS_CAT_MAX_RATE);
  if ((rc = read_values(c, csv, l, e->family, e, err)) < 0 ||
      (rc = read_pick(c, csv, l, e->family, e, err)) < 0 ||
      (rc = read_rds(c, csv, l, e, err)) < 0 || (rc = check_drawn_pick(c, csv, l, e, err)) < 0)
    return rc;
  c->fam[e->family].nevents++;
  c->nevents++;
  return 0;
}

int fs_catalog_read_events(fs_catalog *c, const char *path, fs_err *err) {
  fs_csv *csv;
  int rc = fs_csv_open(&csv, path, 0, err);
  if (rc != 0) return rc;
  layout *l = fs_malloc(sizeof *l);
  size_t cap = 0;
  if (!l) rc = fs_err_set(err, FS_ENOMEM, "out of memory");
  if (rc == 0) rc = read_header(c, csv, l, err);
  while (rc == 0 && (rc = fs_csv_next(csv, err)) == 1) rc = read_row(c, csv, l, &cap, err);
  if (rc == 0 && c->nevents == 0) rc = fs_err_set(err, FS_EINVAL, "%s: no events", path);
  free(l);
  fs_csv_close(csv);
  if (rc != 0) fs_catalog_free(c);
  return rc;
}
