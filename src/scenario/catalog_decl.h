/* catalog_decl.h: an event catalogue file (models/catalog/): families of
   events, each a scenario with an annual frequency, the distributions of
   its parameters and the vendor or provider it picks by market share
   (docs/CATALOG.md has the format). Read through the sandbox; what the
   file says about its scenarios (the parameters exist, the values are in
   their ranges, the vendors are ones the scenario can pick) is checked by
   `fleetsim catalog build`, which loads them. */
#ifndef FS_CATALOG_DECL_H
#define FS_CATALOG_DECL_H

#include "config/config.h"
#include "scenario/limits.h"
#include "util/err.h"
#include "util/path.h"

#define FS_CAT_MAX_FAMILIES 32
#define FS_CAT_MAX_DISTS    16
#define FS_CAT_MAX_PICKS    32
/* The largest annual rate a family may declare (events per year). */
#define FS_CAT_MAX_RATE 1000.0

typedef enum fs_cat_dist_kind {
  FS_DIST_FIXED,      /* value */
  FS_DIST_UNIFORM,    /* lo, hi */
  FS_DIST_LOGUNIFORM, /* lo, hi (> 0): uniform in the logarithm */
  FS_DIST_TRIANGULAR, /* lo, mode, hi */
  FS_DIST_LOGNORMAL   /* median, sigma (of the logarithm), truncated to [lo, hi] */
} fs_cat_dist_kind;

/* "fixed", "uniform", ... in enum order, NULL-terminated. */
extern const char *const fs_cat_dist_names[];

/* The distribution of one scenario parameter over a family's events. */
typedef struct fs_cat_dist {
  char param[FS_ID_MAX];
  fs_cat_dist_kind kind;
  double value, lo, hi, mode, median, sigma;
  char source[FS_TEXT_MAX];
  int line; /* where the file declares it */
} fs_cat_dist;

/* A vendor or provider and its share of the family's events. */
typedef struct fs_cat_pick {
  char name[FS_ID_MAX];
  double share; /* > 0; shares are relative (normalised over the family) */
} fs_cat_pick;

typedef struct fs_cat_family {
  char name[FS_ID_MAX];
  char description[FS_TEXT_MAX];
  char scenario[FS_PATH_MAX]; /* resolved against the catalogue file's folder */
  double rate;                /* events per year, all of the family's together */
  char rate_source[FS_TEXT_MAX];
  double weight; /* its share of the events drawn, relative (default 1) */
  /* The integer scenario parameter that picks the vendor or provider (its
     value k gives the scenario's k-th), "" for none, and their shares. */
  char pick_param[FS_ID_MAX];
  fs_cat_pick picks[FS_CAT_MAX_PICKS];
  int npicks;
  char pick_source[FS_TEXT_MAX];
  fs_cat_dist dists[FS_CAT_MAX_DISTS]; /* sorted by parameter name */
  int ndists;
  int line;
} fs_cat_family;

/* A realistic disaster scenario: a named deterministic event of a family
   (its pick by name and some of its parameters set, the rest at the
   scenario's defaults), reported beside the probabilistic figures. */
#define FS_CAT_MAX_RDS 16
typedef struct fs_cat_rds {
  char name[FS_ID_MAX];
  char description[FS_TEXT_MAX];
  char source[FS_TEXT_MAX];
  char family[FS_ID_MAX];
  char pick[FS_ID_MAX]; /* "" : the scenario's default */
  char set_name[FS_CAT_MAX_DISTS][FS_ID_MAX];
  double set_value[FS_CAT_MAX_DISTS];
  int nset;
  int line;
} fs_cat_rds;

typedef struct fs_catalog_decl {
  char path[FS_PATH_MAX];
  char name[FS_ID_MAX];
  char description[FS_TEXT_MAX];
  fs_cat_family fam[FS_CAT_MAX_FAMILIES]; /* sorted by name */
  int nfam;
  fs_cat_rds rds[FS_CAT_MAX_RDS]; /* sorted by name */
  int nrds;
} fs_catalog_decl;

/* Loads and checks the catalogue at path: {name, description, families =
   {NAME = {description, scenario, annual_rate, rate_source, weight,
   pick = {param, shares = {NAME = share}, source}, params = {PARAM =
   {dist, ...}}}}, rds = {NAME = {family, description, source, pick, set =
   {PARAM = value}}}}. Errors "path:line: families.NAME.field: what (got X)",
   FS_EINVAL (FS_ESCRIPT when the file does not run). */
int fs_catalog_decl_load(const char *path, const char *models_dir, const fs_lua_limits *lim,
                         fs_catalog_decl *out, fs_err *err);

#endif
