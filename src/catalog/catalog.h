/* catalog.h: a stochastic event catalogue: events drawn from the families
   of a catalogue file (scenario/catalog_decl.h), each a scenario with
   parameter values and an annual rate; written as events.csv and
   catalog.json (docs/CATALOG.md). */
#ifndef FS_CATALOG_H
#define FS_CATALOG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "scenario/catalog_decl.h"
#include "scenario/limits.h"
#include "util/err.h"

/* At most this many events (--events). */
#define FS_CATALOG_MAX_EVENTS     1000000
#define FS_CATALOG_DEFAULT_EVENTS 2000

/* What a family's scenario says of the parameters its events set: the
   distributions' parameters in name order, then the pick parameter. */
typedef struct fs_catalog_family {
  int nparams;
  char param[FS_CAT_MAX_DISTS + 1][FS_ID_MAX];
  int integer[FS_CAT_MAX_DISTS + 1];
  double lo[FS_CAT_MAX_DISTS + 1], hi[FS_CAT_MAX_DISTS + 1]; /* the scenario's declared ranges */
  int pick_value[FS_CAT_MAX_PICKS];  /* the pick parameter's value for pick k */
  double dflt[FS_CAT_MAX_DISTS + 1]; /* the scenario's default of each */
  /* Every vendor or provider the scenario picks: value pick_lo + i names
     pick_names[i]. */
  char pick_names[64][FS_ID_MAX];
  int npick_names, pick_lo;
  uint64_t scenario_hash;
  size_t nevents;
} fs_catalog_family;

/* One event. */
typedef struct fs_catalog_event {
  uint32_t id; /* EventId, 1.. in order */
  int family;  /* index into the declaration's families */
  int pick;    /* index into its family's picks, or -1 (an RDS may pick none of them) */
  int rds;     /* index into the declaration's realistic disaster scenarios, or -1 */
  double rate; /* events per year */
  double x[FS_CAT_MAX_DISTS + 1]; /* the family's params in fs_catalog_family order */
} fs_catalog_event;

typedef struct fs_catalog {
  fs_catalog_decl decl;
  uint64_t decl_hash;
  uint64_t seed;
  fs_catalog_family fam[FS_CAT_MAX_FAMILIES];
  size_t nevents;
  fs_catalog_event *ev;
} fs_catalog;

typedef struct fs_catalog_build_opts {
  const char *path;       /* the catalogue file */
  const char *models_dir; /* NULL: the default */
  fs_lua_limits limits;
  size_t nevents; /* wanted; each family and each pick gets at least one */
  uint64_t seed;
} fs_catalog_build_opts;

/* Loads the catalogue file and each family's scenario, checks what the
   file says of them ("CATALOG:LINE: families.F.params.P: ..." for a
   parameter the scenario lacks, a range outside the declared one, a pick
   parameter that is not an integer, a vendor or provider the scenario
   cannot pick), then draws the events:

   - Family f gets n_f of the events, N x weight_f / sum of weights by the
     largest remainder (at least 1); with picks, pick v gets n_f x share_v
     / sum of shares of them the same way (at least 1).
   - Each event's rate is its family's rate x its pick's normalised share
     / the events of that pick (family rate / n_f without picks): the
     events of a family share its frequency equally, and a vendor's part
     of it is exactly its share.
   - Event e's values are drawn from substream e of stream
     (seed, FS_STREAM_CATALOG), parameters in name order; integer
     parameters are rounded.
   - Then each realistic disaster scenario (rds) is an event of rate 0
     (it never occurs in the years): its family, its pick by name (any the
     scenario picks), its set values (each one of the family's parameters,
     in range) and the scenario's defaults for the rest.
   0, FS_EINVAL, FS_ESCRIPT, FS_EUSAGE or FS_ENOMEM. */
int fs_catalog_build(const fs_catalog_build_opts *o, fs_catalog *out, fs_err *err);
/* The checks of fs_catalog_build without drawing: out has no events (for
   fs_catalog_read_events). */
int fs_catalog_prepare(const fs_catalog_build_opts *o, fs_catalog *out, fs_err *err);

/* Reads the events of a prepared catalogue from an events.csv (a
   catalogue folder's, perhaps edited: untrusted). Every column must be
   one fs_catalog_write_events writes; EventIds 1, 2, ... in order, each
   once; each family known; rates finite in [0, FS_CAT_MAX_RATE]; the
   vendor or provider one of the family's picks, with its pick parameter
   at that pick's value (empty for a family without picks); each of the
   family's parameters a number in the scenario's declared range (whole
   where integer). Messages "FILE:LINE: column N (NAME): ...", FS_EINVAL. */
int fs_catalog_read_events(fs_catalog *c, const char *path, fs_err *err);
void fs_catalog_free(fs_catalog *c);

/* events.csv: EventId,family,vendor_or_provider,annual_rate,rds, then every
   parameter of any family in name order (empty where the event's family does not set
   it); numbers in their shortest round-trip form. */
int fs_catalog_write_events(const fs_catalog *c, FILE *f, fs_err *err);
/* catalog.json: the catalogue file and its hash, the seed, and per family
   its scenario and hash, rate, events, parameters and picks. */
int fs_catalog_write_json(const fs_catalog *c, FILE *f, fs_err *err);

/* The vendor or provider event e falls on (its family's pick parameter's
   value), or "" for a family without picks. */
const char *fs_catalog_label(const fs_catalog *c, const fs_catalog_event *e);

/* The folder out, written whole (a temporary folder renamed into place):
   events.csv, catalog.json and manifest.json (kind "catalog"). */
int fs_catalog_folder_write(const char *out, const fs_catalog *c, const char *command, double wall,
                            fs_err *err);

#endif
