/* run.h: `fleetsim catalog run`: every event of a catalogue simulated R
   times on the sweep machinery (one sweep per family, its events as a
   list design: threads, MPI ranks, shards, journals and --resume), then
   the event loss tables, the year loss table, EP curves, AAL and the
   accumulation by family, vendor and industry (docs/CATALOG.md). */
#ifndef FS_CATALOG_RUN_H
#define FS_CATALOG_RUN_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog/catalog.h"
#include "util/err.h"

#define FS_CATALOG_DEFAULT_YEARS 100000
#define FS_CATALOG_DEFAULT_BOOT  100
#define FS_CATALOG_MAX_BOOT      100000
/* Portfolios in one run (--portfolio, repeated). */
#define FS_CATALOG_MAX_PORTFOLIOS 8

typedef struct fs_catalog_run_opts {
  const char *out; /* the run folder */
  /* The portfolios, each simulated in a pass of its own over the
     catalogue (its policies are organisations of that pass's fleet). */
  const char *portfolio[FS_CATALOG_MAX_PORTFOLIOS];
  int nportfolios;
  /* Portfolio k's reinsurance programme (--reinsurance, the k-th goes with
     the k-th portfolio), or NULL; ri_path[k] its file. No per-risk layers. */
  const struct fs_ri_programme *ri[FS_CATALOG_MAX_PORTFOLIOS];
  const char *ri_path[FS_CATALOG_MAX_PORTFOLIOS];
  const char *models_dir;
  fs_lua_limits limits;
  double scale;
  int reps;
  uint64_t seed; /* the simulation's (replications and years) */
  size_t years;
  double cluster;
  int nboot;
  int threads, shard, shards, resume, quiet;
  int mpi_rank, mpi_size;
  volatile sig_atomic_t *interrupt;
  const char *command;
  void (*progress)(void *ud, size_t done, size_t total);
  void *progress_ud;
} fs_catalog_run_opts;

typedef struct fs_catalog_run_stats {
  size_t tasks, done, resumed, failed;
  double wall_seconds;
  int interrupted;
  int tables; /* the tables were written (not a shard, nothing failed) */
  char first_failure[640];
  /* Headline figures of the fleet (summary 1), for the terminal. */
  double aal, oep100, oep200, aep200, top_vendor_share200;
  char top_vendor[FS_ID_MAX];
} fs_catalog_run_stats;

/* Runs the catalogue c into o->out. The folder holds run.json (what the
   run is: the catalogue's events, the portfolios, scale, R and seed; a
   folder holding another run is refused, a started one needs --resume),
   catalog.json and events.csv as run, families/NAME/ (a sweep folder per
   family; with several portfolios, portfolio k > 1's pass in
   families-K/NAME/), then the tables once every task of every family is
   in (from this process's journals or, without --shard, all shards'
   journals: running the command again without --shard after the shards
   merges them). The fleet's and the market's losses are those of the
   first pass. 0, or FS_E* with err set; FS_EINTR when interrupted (the
   journals keep what finished). */
int fs_catalog_run(const fs_catalog *c, const fs_catalog_run_opts *o, fs_catalog_run_stats *st,
                   fs_err *err);

#endif
