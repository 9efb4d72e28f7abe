/* oed_map.c: the OED portfolio folder's files and the code tables of models/oed/ (loss/oed.h). */
#include "loss/oed_impl.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "util/alloc.h"
#include "util/csv.h"

static const char *const map_files[FS_OED_NMAPS] = {"occupancy.csv", "naics.csv", "geography.csv"};
static const char *const map_cols[FS_OED_NMAPS][3] = {{"code_from", "code_to", "industry"},
                                                      {"prefix", "industry", NULL},
                                                      {"country", "area", "region"}};

/* ---- the folder */

/* 1 when part occurs in s, in any case. */
static int holds(const char *s, const char *part) {
  for (size_t n = strlen(part); *s; s++)
    if (strncasecmp(s, part, n) == 0) return 1;
  return 0;
}

/* DIR/exact, else the one *.csv of dir whose name holds part and not
   other (any case). 0 with *out set, 1 when there is none, or an error. */
static int find_file(const char *dir, const char *exact, const char *part, const char *other,
                     char *out, fs_err *err) {
  struct stat st;
  int rc = fs_path_join(out, FS_PATH_MAX, dir, exact, err);
  if (rc || stat(out, &st) == 0) return rc;
  DIR *d = opendir(dir);
  if (!d) return fs_err_set(err, FS_EIO, "%s: cannot read the OED folder", dir);
  int found = 0;
  for (struct dirent *e; (e = readdir(d)) != NULL && !rc;) {
    size_t len = strlen(e->d_name);
    if (len < 4 || strcasecmp(e->d_name + len - 4, ".csv") != 0 || !holds(e->d_name, part))
      continue;
    if (holds(e->d_name, other))
      rc = fs_err_set(err, FS_EINVAL, "%s/%s: cannot tell an account from a location file", dir,
                      e->d_name);
    else if (found++)
      rc = fs_err_set(err, FS_EINVAL, "%s: two %s files (%s and %s); name one %s", dir,
                      strcmp(part, "acc") == 0 ? "account" : "location", strrchr(out, '/') + 1,
                      e->d_name, exact);
    else
      rc = fs_path_join(out, FS_PATH_MAX, dir, e->d_name, err);
  }
  closedir(d);
  return rc ? rc : found ? 0 : 1;
}

int fs_oed__files(const char *dir, char *acc, char *loc, int *have_loc, fs_err *err) {
  int rc = find_file(dir, "account.csv", "acc", "loc", acc, err);
  if (rc == 1)
    return fs_err_set(err, FS_EINVAL,
                      "%s: no OED account file (account.csv, or one *acc*.csv file)", dir);
  if (rc == 0) rc = find_file(dir, "location.csv", "loc", "acc", loc, err);
  *have_loc = rc == 0;
  return rc == 1 ? 0 : rc;
}

/* ---- the mapping tables */

static int map_id(const char *id, const char *const *ids, int n) {
  if (!*id) return -1;
  for (int i = 0; i < n; i++)
    if (strcmp(ids[i], id) == 0) return i;
  return -2;
}

static int read_row(fs_csv *c, int kind, const long *col, fs_oed_map_row *r, const char *const *ids,
                    int nids, fs_err *err) {
  const char *a = fs_csv_field(c, (size_t) col[0]);
  const char *b = kind == FS_OED_GEO ? fs_csv_field(c, (size_t) col[1]) : "";
  const char *id = fs_csv_field(c, (size_t) col[kind == FS_OED_NAICS ? 1 : 2]);
  memset(r, 0, sizeof *r);
  r->line = fs_csv_line(c);
  if (strlen(id) >= sizeof r->id || strlen(a) >= sizeof r->key || strlen(b) >= sizeof r->area)
    return fs_csv_fail(c, (size_t) col[0], err, FS_EINVAL, "a value too long in this row");
  strcpy(r->id, id);
  if (kind == FS_OED_OCC) {
    double x, y;
    int rc = fs_csv_number(c, (size_t) col[0], FS_CSV_WHOLE | FS_CSV_NONNEG, &x, err);
    if (!rc) rc = fs_csv_number(c, (size_t) col[1], FS_CSV_WHOLE | FS_CSV_NONNEG, &y, err);
    if (rc) return rc;
    if (y < x)
      return fs_csv_fail(c, (size_t) col[1], err, FS_EINVAL, "below code_from (got %.0f)", y);
    r->from = (long) x, r->to = (long) y;
  } else {
    strcpy(r->key, a);
    strcpy(r->area, b);
    if (!*a) return fs_csv_fail(c, (size_t) col[0], err, FS_EINVAL, "a value is required");
  }
  r->idx = map_id(id, ids, nids);
  return 0;
}

/* A code in two rows would map by row order, silently. */
static int check_rows(const fs_oed_map *t, int kind, fs_err *err) {
  for (size_t i = 0; i < t->n; i++)
    for (size_t j = 0; j < i; j++) {
      const fs_oed_map_row *a = &t->row[j], *b = &t->row[i];
      int same = kind == FS_OED_OCC
                     ? a->from <= b->to && b->from <= a->to
                     : strcasecmp(a->key, b->key) == 0 && strcasecmp(a->area, b->area) == 0;
      if (same)
        return fs_err_set(err, FS_EINVAL, "%s:%ld: the codes of this row are also on line %ld",
                          t->path, b->line, a->line);
    }
  return 0;
}

int fs_oed__map_read(fs_oed_map *t, int kind, const char *models, const char *const *ids, int nids,
                     fs_err *err) {
  int rc = fs_path_fmt(t->path, sizeof t->path, err, "%s/oed/%s", models, map_files[kind]);
  fs_csv *c = NULL;
  if (!rc) rc = fs_csv_open(&c, t->path, 0, err);
  long col[3] = {-1, -1, -1};
  for (int k = 0; k < 3 && !rc && map_cols[kind][k]; k++)
    if ((col[k] = fs_csv_find(c, map_cols[kind][k])) < 0)
      rc = fs_err_set(err, FS_EINVAL, "%s:1: missing required column \"%s\"", t->path,
                      map_cols[kind][k]);
  size_t cap = 0;
  while (!rc && (rc = fs_csv_next(c, err)) == 1) {
    if (t->n == cap) {
      fs_oed_map_row *r = fs_realloc(t->row, (cap = cap ? 2 * cap : 64) * sizeof *r);
      if (!r) {
        rc = fs_err_set(err, FS_ENOMEM, "%s: out of memory", t->path);
        break;
      }
      t->row = r;
    }
    rc = read_row(c, kind, col, &t->row[t->n], ids, nids, err);
    if (!rc) t->n++;
  }
  fs_csv_close(c);
  return rc ? rc : check_rows(t, kind, err);
}

const fs_oed_map_row *fs_oed__occ(const fs_oed_map *t, const char *s) {
  if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 9) return NULL;
  long code = atol(s);
  for (size_t i = 0; i < t->n; i++)
    if (t->row[i].from <= code && code <= t->row[i].to) return &t->row[i];
  return NULL;
}

const fs_oed_map_row *fs_oed__naics(const fs_oed_map *t, const char *s) {
  const fs_oed_map_row *best = NULL;
  if (strspn(s, "0123456789") != strlen(s)) return NULL;
  for (size_t i = 0; i < t->n; i++) {
    size_t len = strlen(t->row[i].key);
    if (strncmp(s, t->row[i].key, len) == 0 && (!best || len > strlen(best->key)))
      best = &t->row[i];
  }
  return best;
}

const fs_oed_map_row *fs_oed__geo(const fs_oed_map *t, const char *country, const char *area,
                                  int *known) {
  const fs_oed_map_row *whole = NULL;
  *known = 0;
  for (size_t i = 0; i < t->n; i++) {
    const fs_oed_map_row *r = &t->row[i];
    if (strcasecmp(r->key, country) != 0) continue;
    *known = 1;
    if (!r->area[0])
      whole = r;
    else if (strcasecmp(r->area, area) == 0)
      return r;
  }
  return whole;
}
