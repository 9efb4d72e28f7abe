/* common.c: pieces the commands share. */
#include "cli/common.h"

#include "cli/args.h"
#include "util/clock.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

int fs_cli_add_set(void *ctx, const char *value, fs_err *err) {
  fs_set_list *l = ctx;
  if (l->n == FS_MAX_SETS) return fs_err_set(err, FS_EUSAGE, "at most %d --set", FS_MAX_SETS);
  return fs_set_parse(value, &l->sets[l->n++], err);
}

int fs_cli_has_option(int argc, char **argv, const char *name) {
  size_t n = strlen(name);
  for (int i = 0; i < argc; i++)
    if (strncmp(argv[i], name, n) == 0 && (argv[i][n] == '\0' || argv[i][n] == '=')) return 1;
  return 0;
}

int fs_cli_list_params(const fs_cmd_spec *spec, const fs_load_opts *lo) {
  fs_err err = {0};
  fs_scenario sc;
  int rc = fs_scenario_load(&sc, lo, &err);
  if (rc == FS_EUSAGE) return fs_args_fail(spec, &err);
  if (rc != 0) {
    fprintf(stderr, "%s: %s\n", spec->prog, err.msg);
    return 1;
  }
  const fs_config *cfg = sc.cfg;
  printf("%-28s %14s %14s %14s  %s\n", "parameter", "value", "min", "max", "unit: description");
  for (int i = 0; i < cfg->nparams; i++) {
    const fs_param *p = &cfg->params[i];
    printf("%-28s %14.6g %14.6g %14.6g  %s: %s\n", p->name, p->value, p->min, p->max, p->unit,
           p->description);
  }
  fs_scenario_free(&sc);
  return 0;
}

void fs_cli_progress_report(fs_cli_progress *p, double done, double total, const char *unit) {
  double el = fs_now() - p->t0, rate = el > 0 ? done / el : 0;
  double eta = rate > 0 ? (total - done) / rate : 0;
  if (p->tty) {
    int w = 30, fill = total > 0 ? (int) (done * w / total) : w;
    if (fill > w) fill = w;
    fprintf(stderr, "\r  [%.*s%*s] %.0f/%.0f %s  %.2f/s  ETA %.0fs ", fill,
            "##############################", w - fill, "", done, total, unit, rate, eta);
    if (done >= total) fputc('\n', stderr);
  } else {
    int dec = total > 0 ? (int) (done * 10 / total) : 10;
    if (dec > p->last_decile) {
      p->last_decile = dec;
      fprintf(stderr, "%s: %.0f/%.0f %s (%d%%), %.1f s, ETA %.0f s\n", p->prog, done, total, unit,
              dec * 10, el, eta);
    }
  }
}

/* Resolves portfolio strings to indices for the fleet. */
int fs_cli_policies_for_fleet(const fs_config *cfg, const fs_portfolio *pf, fs_fleet_policy *out,
                              fs_err *err) {
  for (size_t i = 0; i < pf->n; i++) {
    const fs_policy *p = &pf->p[i];
    fs_fleet_policy *q = &out[i];
    q->industry = q->region = q->vendor = -1;
    for (int k = 0; k < cfg->nindustries; k++)
      if (strcmp(cfg->industries[k].id, p->industry) == 0) q->industry = k;
    for (int k = 0; k < cfg->nregions; k++)
      if (strcmp(cfg->regions[k].id, p->region) == 0) q->region = k;
    if (q->industry < 0 || q->region < 0)
      return fs_err_set(err, FS_EINVAL, "%s:%d: industry or region not in the scenario", pf->path,
                        p->line);
    if (p->vendor_given) {
      for (int k = 0; k < cfg->nvendors; k++)
        if (strcmp(cfg->vendors[k].id, p->vendor) == 0) q->vendor = k;
      if (q->vendor < 0 && cfg->nvendors > 0)
        return fs_err_set(err, FS_EINVAL,
                          "%s:%d: AgentVendor '%s' is not in the scenario's "
                          "fleet.vendors",
                          pf->path, p->line, p->vendor);
      q->is_agent_vendor = strcmp(p->vendor, cfg->incident.vendor) == 0;
    } else if (cfg->nvendors == 0) {
      return fs_err_set(err, FS_EINVAL,
                        "%s:%d: AgentVendor is empty and the scenario has no "
                        "fleet.vendors to draw one from",
                        pf->path, p->line);
    }
    q->endpoints = p->endpoints;
    q->revenue_usd = p->revenue_usd;
    q->waiting_hours = p->terms.waiting_hours;
  }
  return 0;
}
