/* output.h: the files of a run's results folder. */
#ifndef FS_OUTPUT_H
#define FS_OUTPUT_H

#include "fleet/fleet.h"
#include "model/model.h"
#include "scenario/scenario.h"
#include "util/manifest.h"

struct fs_loss_ctx;
struct fs_batch;

typedef struct fs_run_info {
  const fs_manifest *manifest; /* the common keys: command, seed, inputs, wall time */
  long peak_rss_kb;            /* of the process, from getrusage */
  const char *queue;
  int partial; /* interrupted: the folder holds what finished */
  int replications, threads;
} fs_run_info;

/* Writes manifest.json, summary.json, timeseries.csv and orgs.csv into dir.
   manifest.json is util/manifest.h's common keys (kind "run") then, in
   this order: scenario_name, scenario_description, scale, scale_note,
   simulated_endpoints, simulated_organisations, params ({name: {value,
   default, unit, description, source}}), queue, replications, threads,
   events (of replication 1), peak_rss_kb, partial. Into dir
   (an existing, empty folder). r is replication 1; loss (may be NULL) adds
   the statistics across replications and the loss object to summary.json. */
int fs_output_write_run(const char *dir, const fs_scenario *s, const fs_fleet *f,
                        const fs_result *r, const fs_run_info *info, const struct fs_loss_ctx *loss,
                        fs_err *err);

/* Writes recovery_band.csv: per observation tick, the 10th, 50th and 90th
   percentiles and the mean, across replications, of the share of affected
   endpoints back up. */
int fs_output_write_band(const char *dir, const fs_scenario *s, const struct fs_batch *b,
                         fs_err *err);

/* Formats scenario hour t as ISO 8601 UTC into buf (at least 24 bytes). */
void fs_output_time_utc(double start_unix, double t, char *buf, size_t cap);
/* unix_secs (UTC) formatted with strftime's fmt into buf; "?" and -1 when
   it is not a time of the years 0 to 9999 or does not fit. */
int fs_output_strftime(double unix_secs, const char *fmt, char *buf, size_t cap);

/* Prints the aligned headline table of a run to out. */
void fs_output_print_summary(FILE *out, const fs_scenario *s, const fs_fleet *f, const fs_result *r,
                             const char *dir);

#endif
