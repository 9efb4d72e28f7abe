/* oed_impl.h: the OED loader's internals shared by oed.c and oed_map.c (not for other modules). */
#ifndef FS_OED_IMPL_H
#define FS_OED_IMPL_H

#include <stddef.h>

#include "util/err.h"
#include "util/path.h"

/* One row of a mapping table of models/oed/ (loss/oed.h). */
typedef struct fs_oed_map_row {
  char key[16];  /* a NAICS prefix; a country code */
  char area[16]; /* geography: the area code, "" = the whole country */
  long from, to; /* occupancy: the codes from..to */
  char id[48];   /* the fleetsim industry or region, "" = none */
  int idx;       /* its index in the caller's list; -1: none; -2: not among the caller's */
  long line;     /* in the table, for messages */
} fs_oed_map_row;

typedef struct fs_oed_map {
  char path[FS_PATH_MAX];
  fs_oed_map_row *row;
  size_t n;
} fs_oed_map;

enum { FS_OED_OCC, FS_OED_NAICS, FS_OED_GEO, FS_OED_NMAPS };

/* Reads table kind (MODELS/oed/occupancy.csv, naics.csv or geography.csv)
   into *t, resolving each row's id among ids[0..nids) (industries, or
   regions for geography). Overlapping occupancy ranges and repeated keys
   are errors naming the table's line. Free t->row. */
int fs_oed__map_read(fs_oed_map *t, int kind, const char *models_dir, const char *const *ids,
                     int nids, fs_err *err);

/* The row of an occupancy code (digits); of a NAICS code (digits, the
   longest prefix); of a country and area (the area's own row, else the
   whole country's; *known = 0 when the country has no row). NULL: none. */
const fs_oed_map_row *fs_oed__occ(const fs_oed_map *t, const char *code);
const fs_oed_map_row *fs_oed__naics(const fs_oed_map *t, const char *code);
const fs_oed_map_row *fs_oed__geo(const fs_oed_map *t, const char *country, const char *area,
                                  int *known);

/* The account file (required) and location file (*have_loc) of folder
   dir, as loss/oed.h says; acc and loc hold FS_PATH_MAX bytes. */
int fs_oed__files(const char *dir, char *acc, char *loc, int *have_loc, fs_err *err);

#endif
