/* common.h: pieces the run and graph commands share. */
#ifndef FS_CLI_COMMON_H
#define FS_CLI_COMMON_H

#include <stdio.h>

#include "fleet/fleet.h"
#include "loss/portfolio.h"
#include "scenario/scenario.h"

/* Repeated --set NAME=VALUE options. */
typedef struct fs_set_list {
  fs_set sets[FS_MAX_SETS];
  int n;
} fs_set_list;

/* FS_OPT_LIST callback: ctx is an fs_set_list. */
int fs_cli_add_set(void *ctx, const char *value, fs_err *err);

/* Whether argv holds NAME or NAME=... (an option whose default is not a
   plain value, such as --seed: the scenario's own seed unless given). */
int fs_cli_has_option(int argc, char **argv, const char *name);

/* --list-params: loads the scenario of lo and prints its parameters (name,
   value in force, range, unit, description) to stdout. Returns the exit
   status: 0, 1 (the scenario failed to load; message prefixed by
   spec->prog) or 2 (a bad --set, with the usage line). */
struct fs_cmd_spec;
int fs_cli_list_params(const struct fs_cmd_spec *spec, const fs_load_opts *lo);

/* Progress on stderr: a bar with rate and ETA on a terminal, a line every
   10% otherwise ("PROG: done/total unit (n%), ..."). */
typedef struct fs_cli_progress {
  int tty, last_decile;
  double t0;
  const char *prog;
} fs_cli_progress;

/* One progress report: done of total units (replications, tasks, or
   simulated hours of a single run). */
void fs_cli_progress_report(fs_cli_progress *p, double done, double total, const char *unit);

/* Portfolio rows to fleet policies: industry, region and vendor ids to
   indices of cfg (an AgentVendor must be in fleet.vendors; an empty one
   needs fleet.vendors to draw from). */
int fs_cli_policies_for_fleet(const fs_config *cfg, const fs_portfolio *pf, fs_fleet_policy *out,
                              fs_err *err);

struct fs_graph;
struct fs_graph_csr;
struct fs_graph_analysis;
/* One vendor's simulated outage (--simulate). */
typedef struct fs_sim_row {
  uint32_t node;
  double ground_up, insured; /* mean over replications, USD */
} fs_sim_row;

typedef struct fs_graph_report {
  const char *scenario;
  struct fs_graph *g;
  const struct fs_graph_csr *c;
  const struct fs_graph_analysis *a;
  int top, has_portfolio;
  const fs_sim_row *sim; /* systemic-risk ranking, or NULL */
  size_t nsim;
  double outage_hours;
} fs_graph_report;

/* Writes the graph analysis (and the systemic-risk ranking) as JSON: what
   `fleetsim graph --json` prints and a results folder's graph.json holds. ud
   is an fs_graph_report. */
int fs_cli_graph_json(void *ud, FILE *f, fs_err *err);

#endif
