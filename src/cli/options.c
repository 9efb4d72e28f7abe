/* options.c: the scenario options of every command that loads a scenario
   (options.h). */
#include "cli/options.h"
#include "sweep/mpi.h"
#include "util/ident.h"
#include "cli/common.h"

#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int add_set(void *ctx, const char *value, fs_err *err) {
  fs_cli_scenario *so = ctx;
  if (so->nsets == FS_MAX_SETS) return fs_err_set(err, FS_EUSAGE, "at most %d --set", FS_MAX_SETS);
  return fs_set_parse(value, &so->sets[so->nsets++], err);
}

void fs_cli_scenario_opts(fs_cli_scenario *so, fs_opt *opts, int *n) {
  fs_session_opts d;
  fs_session_opts_init(&d);
  memset(so, 0, sizeof *so);
  so->scale = d.scale;
  so->lua_mem_mib = (int64_t) (d.load.limits.mem_bytes >> 20);
  so->lua_steps = (int64_t) d.load.limits.steps;
  so->queue = fs_queue_kind_name(d.queue);
  snprintf(so->help_mem, sizeof so->help_mem, "memory limit of the scenario script (%" PRId64 ")",
           so->lua_mem_mib);
  snprintf(so->help_steps, sizeof so->help_steps,
           "instruction limit per script phase (%" PRId64 ")", so->lua_steps);
  snprintf(so->help_scale, sizeof so->help_scale,
           "simulate a sample fraction F of the endpoints (%g)", so->scale);
  snprintf(so->help_queue, sizeof so->help_queue, "pending-event set: heap|ladder|calendar (%s)",
           so->queue);
  const fs_opt table[FS_CLI_SCENARIO_NOPTS] = {
      {"--set", NULL, FS_OPT_LIST, "NAME=VALUE", "set a scenario parameter (repeatable)", 0, 0,
       NULL, NULL, add_set, so},
      {"--seed", NULL, FS_OPT_UINT64, "S", "random seed (default: the scenario's)", 0, 0, NULL,
       &so->seed, NULL, NULL, &so->seed_given},
      {"--scale", NULL, FS_OPT_DOUBLE, "F", so->help_scale, FS_FLEET_MIN_SCALE, FS_FLEET_FULL_SCALE,
       NULL, &so->scale},
      {"--portfolio", NULL, FS_OPT_STRING, "FILE",
       "policy portfolio CSV: insured losses, policies per vendor", 0, 0, NULL, &so->portfolio},
      {"--models", NULL, FS_OPT_STRING, "DIR", "models folder (default: the built-in one)", 0, 0,
       NULL, &so->models},
      {"--lua-mem", NULL, FS_OPT_INT, "MIB", so->help_mem, 1, FS_LUA_MEM_MAX_MIB, NULL,
       &so->lua_mem_mib},
      {"--lua-steps", NULL, FS_OPT_INT, "N", so->help_steps, FS_LUA_STEPS_MIN, FS_LUA_STEPS_MAX,
       NULL, &so->lua_steps},
      {"--queue", NULL, FS_OPT_CHOICE, "KIND", so->help_queue, 0, 0, fs_queue_kind_names(),
       &so->queue},
      {"--list-params", NULL, FS_OPT_FLAG, NULL,
       "print the scenario's parameters (names, values, ranges, units) and exit", 0, 0, NULL,
       &so->list_params},
  };
  for (int i = 0; i < FS_CLI_SCENARIO_NOPTS; i++) opts[(*n)++] = table[i];
}

void fs_cli_scenario_session(const fs_cli_scenario *so, const char *path, fs_session_opts *o) {
  fs_session_opts_init(o);
  o->load.path = path;
  o->load.models_dir = so->models;
  o->load.limits.mem_bytes = (size_t) so->lua_mem_mib << 20;
  o->load.limits.steps = (uint64_t) so->lua_steps;
  o->load.sets = so->sets;
  o->load.nsets = so->nsets;
  o->load.has_seed = so->seed_given;
  o->load.seed = so->seed;
  o->scale = so->scale;
  o->portfolio = so->portfolio;
  /* The parser admitted only the names of fs_queue_kind_names(). */
  int rc = fs_queue_kind_parse(so->queue, &o->queue);
  assert(rc == 0);
  (void) rc;
}

int fs_cli_list_params(const fs_cmd_spec *spec, const fs_session_opts *o) {
  fs_err err = {0};
  fs_session s;
  int rc = fs_session_open_scenario(&s, o, &err);
  if (rc == FS_EUSAGE) return fs_args_fail(spec, &err);
  if (rc != 0) {
    fs_cli_eprintf("%s: %s\n", spec->prog, err.msg);
    return 1;
  }
  const fs_config *cfg = s.sc.cfg;
  printf("%-28s %14s %14s %14s  %s\n", "parameter", "value", "min", "max", "unit: description");
  for (int i = 0; i < cfg->nparams; i++) {
    const fs_param *p = &cfg->params[i];
    printf("%-28s %14.6g %14.6g %14.6g  ", p->name, p->value, p->min, p->max);
    fs_show_put(stdout, p->unit, strlen(p->unit), 0);
    fputs(": ", stdout);
    fs_show_put(stdout, p->description, strlen(p->description), 0);
    fputc('\n', stdout);
  }
  fs_session_close(&s);
  return 0;
}

int fs_cli_add_param(void *ctx, const char *value, fs_err *err) {
  fs_cli_params *p = ctx;
  if (p->n == FS_DESIGN_MAX_PARAMS)
    return fs_err_set(err, FS_EUSAGE, "at most %d --param", FS_DESIGN_MAX_PARAMS);
  if (strlen(value) >= sizeof p->arg[0].text)
    return fs_err_set(err, FS_EUSAGE, "--param %.40s...: too long", value);
  snprintf(p->arg[p->n++].text, sizeof p->arg[0].text, "%s", value);
  return 0;
}

int fs_cli_mpi_start(const char *prog, const fs_cmd_spec *spec, int *rank, int *size, int *mpi) {
  fs_err err = {0};
  *rank = 0;
  *size = 1;
  *mpi = 0;
  int env_size = fs_sweep_mpi_env_size(&err), env_rank = fs_sweep_mpi_env_rank(&err);
  if (env_size < 0 || env_rank < 0) return fs_args_fail(spec, &err);
  if (!fs_sweep_mpi_launched() || env_size == 1) return -1;
  if (fs_sweep_mpi_init(NULL, NULL, rank, size, &err) != 0) {
    if (env_rank == 0) fs_cli_eprintf("%s: %s\n", prog, err.msg);
    return err.code == FS_EUSAGE ? 2 : 1;
  }
  *mpi = 1;
  return -1;
}
