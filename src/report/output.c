/* output.c: manifest, summary, time series and per-organisation tables of a run. */
#include "report/output.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "fs_config.h"
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <stdlib.h>

#include "batch/batch.h"
#include "report/losses.h"
#include "report/match.h"
#include "util/fsutil.h"
#include "util/json.h"
#include "util/alloc.h"
#include "report/business.h"

int fs_output_strftime(double unix_secs, const char *fmt, char *buf, size_t cap) {
  struct tm tm;
  /* Years 0 to 9999 only: a time from a tampered file never overflows. */
  time_t secs = fabs(unix_secs) < 253402300800.0 ? (time_t) llround(unix_secs) : 0;
  if (!(fabs(unix_secs) < 253402300800.0) || !gmtime_r(&secs, &tm) ||
      strftime(buf, cap, fmt, &tm) == 0) {
    snprintf(buf, cap, "?");
    return -1;
  }
  return 0;
}

void fs_output_time_utc(double start_unix, double t, char *buf, size_t cap) {
  fs_output_strftime(start_unix + t * 3600.0, "%Y-%m-%dT%H:%M:%SZ", buf, cap);
}

/* Full-fleet estimate of an unscaled count. */
static double up(const fs_result *r, double x) {
  (void) r; /* counts are already full-fleet estimates */
  return round(x);
}

static void json_counts(FILE *f, const char *key, const double *v, int n,
                        const char *(*name)(const fs_config *, int), const fs_config *cfg,
                        const fs_result *r) {
  fprintf(f, "  \"%s\": {", key);
  for (int i = 0; i < n; i++) {
    fprintf(f, "%s", i ? ", " : "");
    fs_json_str(f, name(cfg, i));
    fprintf(f, ": ");
    fs_json_num(f, up(r, v[i]));
  }
  fprintf(f, "},\n");
}

static const char *ind_name(const fs_config *cfg, int i) {
  return cfg->industries[i].id;
}
static const char *reg_name(const fs_config *cfg, int i) {
  return cfg->regions[i].id;
}
static const char *cls_name(const fs_config *cfg, int i) {
  return fs_class_ids[i];
}
static const char *plat_name(const fs_config *cfg, int i) {
  return fs_platform_ids[i];
}

/* A staged rollout's outcome (fs_rollout): summary.json's "rollout". */
static void json_rollout(FILE *f, const fs_config *cfg, const fs_result *r) {
  const fs_rollout *ro = &cfg->iv.rollout;
  int halted = !isnan(r->rollout_halt_hours);
  char ts[32];
  fprintf(f, ",\n  \"rollout\": {\"rings\": %d, \"rings_released\": %d, \"halted\": %s", ro->nrings,
          r->rollout_rings_released, halted ? "true" : "false");
  const char *keys[] = {"detected", "halted", "pulled"};
  const double at[] = {r->rollout_detect_hours, r->rollout_halt_hours, r->rollout_pull_hours};
  for (int k = 0; k < 3; k++) {
    fprintf(f, ", \"%s_hours\": ", keys[k]);
    fs_json_num(f, at[k]);
    fprintf(f, ", \"%s_at\": ", keys[k]);
    if (isnan(at[k])) {
      fprintf(f, "null");
    } else {
      fs_output_time_utc(cfg->start_unix, at[k], ts, sizeof ts);
      fs_json_str(f, ts);
    }
  }
  fprintf(f, ", \"silent_hosts_seen\": ");
  fs_json_num(f, round(r->rollout_seen_silent));
  fprintf(f, ", \"fetched_hosts_seen\": ");
  fs_json_num(f, round(r->rollout_seen_fetched));
  fprintf(f, ", \"halt_share\": ");
  fs_json_num(f, ro->detect_share);
  fprintf(f, ", \"halt_min_hosts\": ");
  fs_json_num(f, ro->detect_min_hosts);
  fprintf(f, ", \"received_endpoints\": ");
  fs_json_num(f, round(r->rollout_received));
  fprintf(f, ", \"crashed_endpoints\": ");
  fs_json_num(f, round(r->affected));
  fprintf(f, ", \"internal_hosts_crashed\": ");
  fs_json_num(f, round(r->rollout_internal_crashed));
  fprintf(f, "}");
}

static int write_summary(const char *dir, const fs_scenario *s, const fs_fleet *fl,
                         const fs_result *r, const fs_loss_ctx *loss, fs_err *err) {
  const fs_config *cfg = s->cfg;
  FILE *f = fs_out_open(dir, "summary.json", err);
  if (!f) return FS_EIO;
  double affected = up(r, r->affected);
  fprintf(f, "{\n  \"scenario\": ");
  fs_json_str(f, cfg->name);
  fprintf(f, ",\n  \"scale\": ");
  fs_json_num(f, fl->scale);
  fprintf(f, ",\n  \"fleet_endpoints\": ");
  fs_json_num(f, fl->full_endpoints);
  fprintf(f, ",\n  \"organisations\": %zu,\n", fl->full_orgs);
  json_counts(f, "fleet_endpoints_by_platform", r->endpoints_by_platform, FS_NPLAT, plat_name, cfg,
              r);
  fprintf(f, "  \"affected_endpoints\": ");
  fs_json_num(f, affected);
  fprintf(f, ",\n  \"affected_share_of_fleet\": ");
  fs_json_num(f, fl->full_endpoints > 0 ? affected / fl->full_endpoints : NAN);
  fprintf(f, ",\n");
  json_counts(f, "affected_by_industry", r->affected_by_industry, cfg->nindustries, ind_name, cfg,
              r);
  json_counts(f, "affected_by_region", r->affected_by_region, cfg->nregions, reg_name, cfg, r);
  json_counts(f, "affected_by_class", r->affected_by_class, FS_NCLASS, cls_name, cfg, r);
  json_counts(f, "affected_by_platform", r->affected_by_platform, FS_NPLAT, plat_name, cfg, r);
  fprintf(f, "  \"peak_down\": ");
  fs_json_num(f, up(r, r->peak_down));
  fprintf(f, ",\n  \"peak_down_hours\": ");
  fs_json_num(f, r->peak_down_hours);
  fprintf(f, ",\n  \"endpoint_hours_down\": ");
  fs_json_num(f, round(r->endpoint_hours_down));
  fprintf(f, ",\n  \"recovery_hours\": {");
  for (int q = 0; q < FS_NQUANT; q++) {
    fprintf(f, "%s\"%.0f\": ", q ? ", " : "", fs_recovery_quantiles[q] * 100);
    fs_json_num(f, isnan(r->recovery_hours[q]) ? NAN : round(r->recovery_hours[q] * 1000) / 1000);
  }
  fprintf(f, "},\n  \"recovered_share_at_end\": ");
  fs_json_num(f, r->affected > 0 ? 1.0 - r->still_down / r->affected : NAN);
  fprintf(f, ",\n  \"fixed_by\": {\"hand\": ");
  fs_json_num(f, up(r, r->fixed_by_hand));
  fprintf(f, ", \"reboot\": ");
  fs_json_num(f, up(r, r->fixed_by_reboot));
  fprintf(f, ", \"tool\": ");
  fs_json_num(f, up(r, r->fixed_by_tool));
  fprintf(f, "},\n  \"still_down_at_end\": ");
  fs_json_num(f, up(r, r->still_down));
  fprintf(f, ",\n  \"events\": %" PRIu64, r->events);
  if (cfg->iv.rollout.nrings > 0) json_rollout(f, cfg, r);
  int rc = loss ? fs_losses_summary_json(f, loss) : 0;
  if (rc == 0) rc = fs_business_summary_json(f, cfg, fl, r);
  if (rc == 0) rc = fs_market_summary_json(f, cfg, fl, r);
  if (rc == 0 && loss) fs_match_summary_json(f, loss);
  fprintf(f, "\n}\n");
  int rc2 = fs_out_close(f, dir, "summary.json", err);
  if (rc != 0)
    return fs_err_set(err, rc, "%s/summary.json: out of memory for the loss figures", dir);
  return rc2;
}

static int write_manifest(const char *dir, const fs_scenario *s, const fs_fleet *fl,
                          const fs_result *r, const fs_run_info *info, fs_err *err) {
  const fs_config *cfg = s->cfg;
  FILE *f = fs_out_open(dir, "manifest.json", err);
  if (!f) return FS_EIO;
  fs_manifest_head(f, info->manifest);
  fprintf(f, "  \"scenario_name\": ");
  fs_json_str(f, cfg->name);
  fprintf(f, ",\n  \"scenario_description\": ");
  fs_json_str(f, cfg->description);
  fprintf(f, ",\n  \"scale\": ");
  fs_json_num(f, fl->scale);
  fprintf(f, ",\n  \"scale_note\": \"%s\",\n",
          fl->scale < 1
              ? "organisations sampled (the largest always, the rest with one probability, "
                "one at least in every industry x region x size class), each with a team of "
                "more than 4 simulated through a sample of its endpoints with its team scaled "
                "alike; counts in summary.json and timeseries.csv are Horvitz-Thompson "
                "estimates for the full fleet; orgs.csv lists the sampled organisations with "
                "their simulated endpoints and weights"
              : "full fleet simulated");
  fprintf(f, "  \"simulated_endpoints\": %zu,\n  \"simulated_organisations\": %zu,\n",
          fl->n_endpoints, fl->n_orgs);
  fprintf(f, "  \"params\": {");
  for (int i = 0; i < cfg->nparams; i++) {
    const fs_param *p = &cfg->params[i];
    fprintf(f, "%s\n    ", i ? "," : "");
    fs_json_str(f, p->name);
    fprintf(f, ": {\"value\": ");
    fs_json_num(f, p->value);
    fprintf(f, ", \"default\": ");
    fs_json_num(f, p->dflt);
    fprintf(f, ", \"unit\": ");
    fs_json_str(f, p->unit);
    fprintf(f, ", \"description\": ");
    fs_json_str(f, p->description);
    fprintf(f, ", \"source\": ");
    fs_json_str(f, p->source);
    fprintf(f, "}");
  }
  fprintf(f, "%s},\n  \"queue\": ", cfg->nparams ? "\n  " : "");
  fs_json_str(f, info->queue ? info->queue : "");
  fprintf(f,
          ",\n  \"replications\": %d,\n  \"threads\": %d,\n  \"events\": %" PRIu64
          ",\n  \"peak_rss_kb\": %ld,\n  \"partial\": %s\n}\n",
          info->replications, info->threads, r->events, info->peak_rss_kb,
          info->partial ? "true" : "false");
  return fs_out_close(f, dir, "manifest.json", err);
}

static int write_timeseries(const char *dir, const fs_scenario *s, const fs_result *r,
                            fs_err *err) {
  const fs_config *cfg = s->cfg;
  FILE *f = fs_out_open(dir, "timeseries.csv", err);
  if (!f) return FS_EIO;
  fprintf(f, "time_utc,hours,affected_cum,down");
  for (int k = 0; k < cfg->nindustries; k++) fprintf(f, ",%s", cfg->industries[k].id);
  for (int k = 0; k < cfg->nregions; k++) fprintf(f, ",region_%s", cfg->regions[k].id);
  fputc('\n', f);
  for (size_t i = 0; i < r->nticks; i++) {
    char ts[32];
    double h = (double) i * r->tick_hours;
    fs_output_time_utc(cfg->start_unix, h, ts, sizeof ts);
    fprintf(f, "%s,%.4f,%.0f,%.0f", ts, h, up(r, r->ts_affected[i]), up(r, r->ts_down[i]));
    for (int k = 0; k < cfg->nindustries; k++)
      fprintf(f, ",%.0f", up(r, r->ts_down_ind[i * (size_t) cfg->nindustries + k]));
    for (int k = 0; k < cfg->nregions; k++)
      fprintf(f, ",%.0f", up(r, r->ts_down_reg[i * (size_t) cfg->nregions + k]));
    fputc('\n', f);
  }
  return fs_out_close(f, dir, "timeseries.csv", err);
}

static void csv_num(FILE *f, double x) {
  if (isnan(x))
    fputs(",", f);
  else
    fprintf(f, ",%.4f", x);
}

/* What organisation o of the fleet is (orgs.csv kind). */
static const char *org_kind(const fs_fleet *fl, size_t o) {
  if (o < fl->first_policy_org) return "synthetic";
  if (o >= fl->first_market_org) return "non_customer";
  return fl->orgs[o].own ? "scenario" : "policy";
}

static int write_orgs(const char *dir, const fs_scenario *s, const fs_fleet *fl, const fs_result *r,
                      fs_err *err) {
  const fs_config *cfg = s->cfg;
  FILE *f = fs_out_open(dir, "orgs.csv", err);
  if (!f) return FS_EIO;
  fprintf(f, "id,industry,region,endpoints,own_endpoints,team,weight,org_weight,kind,customer,"
             "affected,"
             "first_down_hours,"
             "detected_hours,diagnosed_hours,recovered_hours,endpoint_hours_down");
  if (cfg->has_costs)
    fprintf(f, ",impaired_from_hours,min_capacity,downtime_hours,bi_own_usd,bi_dependent_usd,"
               "extra_expense_usd");
  if (r->ts_ops_ind) fprintf(f, ",operations_min,units_lost");
  if (r->has_levers) fprintf(f, ",levers");
  fputc('\n', f);
  for (size_t o = 0; o < fl->n_orgs; o++) {
    const fs_org *org = &fl->orgs[o];
    const fs_org_result *x = &r->orgs[o];
    fprintf(f, "%" PRIu32 ",%s,%s,%" PRIu32 ",%.0f,%" PRIu32 ",%.6g,%.6g,%s,%d,%" PRIu32, org->id,
            cfg->industries[org->industry].id, cfg->regions[org->region].id, org->n,
            round(org->n * org->sub), org->team, org->weight, fs_org_count_weight(org),
            org_kind(fl, o), org->agent ? 1 : 0, x->affected);
    csv_num(f, x->first_down_hours);
    csv_num(f, x->detected_hours);
    csv_num(f, x->diagnosed_hours);
    csv_num(f, x->recovered_hours);
    fprintf(f, ",%.4f", x->endpoint_hours_down);
    if (cfg->has_costs) {
      csv_num(f, x->impaired_hours);
      fprintf(f, ",%.6f,%.4f,%.2f,%.2f,%.2f", x->min_capacity, x->downtime_hours, x->bi_own,
              x->bi_dep, x->extra_expense);
    }
    if (r->ts_ops_ind) {
      csv_num(f, x->ops_min);
      csv_num(f, x->units_lost);
    }
    if (r->has_levers) {
      static const char *const names[] = {"pin", "second", "escrow", "media", "contract"};
      fputc(',', f);
      for (int k = 0, first = 1; k < 5; k++)
        if (x->levers & (1u << k)) fprintf(f, "%s%s", first ? "" : "+", names[k]), first = 0;
    }
    fputc('\n', f);
  }
  return fs_out_close(f, dir, "orgs.csv", err);
}

int fs_output_write_run(const char *dir, const fs_scenario *s, const fs_fleet *f,
                        const fs_result *r, const fs_run_info *info, const fs_loss_ctx *loss,
                        fs_err *err) {
  int rc;
  if ((rc = write_summary(dir, s, f, r, loss, err)) != 0) return rc;
  if ((rc = write_timeseries(dir, s, r, err)) != 0) return rc;
  if ((rc = write_orgs(dir, s, f, r, err)) != 0) return rc;
  if ((rc = fs_business_write_ops(dir, s->cfg, f, r, err)) != 0) return rc;
  return write_manifest(dir, s, f, r, info, err);
}

void fs_output_print_summary(FILE *out, const fs_scenario *s, const fs_fleet *f, const fs_result *r,
                             const char *dir) {
  const fs_config *cfg = s->cfg;
  double affected = up(r, r->affected);
  fprintf(out, "\n%s (seed %" PRIu64 ", scale %g)\n", cfg->name, cfg->seed, f->scale);
  fprintf(out, "  %-28s %14.0f\n", "fleet endpoints", f->full_endpoints);
  fprintf(out, "  %-28s %14.0f  (%.2f%% of the fleet)\n", "affected endpoints", affected,
          f->full_endpoints > 0 ? 100.0 * affected / f->full_endpoints : 0.0);
  char ts[32];
  fs_output_time_utc(cfg->start_unix, r->peak_down_hours, ts, sizeof ts);
  fprintf(out, "  %-28s %14.0f  at %s\n", "peak down", up(r, r->peak_down), ts);
  fprintf(out, "  %-28s %14.0f\n", "endpoint-hours down", r->endpoint_hours_down);
  for (int q = 0; q < FS_NQUANT; q++) {
    char label[48];
    snprintf(label, sizeof label, "%.0f%% recovered after", fs_recovery_quantiles[q] * 100);
    if (isnan(r->recovery_hours[q])) {
      fprintf(out, "  %-28s %14s\n", label, "not reached");
    } else {
      fs_output_time_utc(cfg->start_unix, r->recovery_hours[q], ts, sizeof ts);
      fprintf(out, "  %-28s %12.1f h  (%s)\n", label, r->recovery_hours[q], ts);
    }
  }
  fprintf(out, "  %-28s %14.0f / %.0f / %.0f\n", "fixed by hand / reboot / tool",
          up(r, r->fixed_by_hand), up(r, r->fixed_by_reboot), up(r, r->fixed_by_tool));
  fprintf(out, "  %-28s %14" PRIu64 "\n", "events", r->events);
  if (cfg->iv.rollout.nrings > 0) {
    if (isnan(r->rollout_halt_hours)) {
      fprintf(out, "  %-28s never halted: the incident's pull ended it (%d of %d rings out)\n",
              "staged rollout", r->rollout_rings_released, cfg->iv.rollout.nrings);
    } else {
      fs_output_time_utc(cfg->start_unix, r->rollout_halt_hours, ts, sizeof ts);
      fprintf(out,
              "  %-28s halted at %s, %d of %d rings out: %.0f of the %.0f hosts that took it "
              "silent (halt at %g%%, %g hosts)\n",
              "staged rollout", ts, r->rollout_rings_released, cfg->iv.rollout.nrings,
              r->rollout_seen_silent, r->rollout_seen_fetched, 100 * cfg->iv.rollout.detect_share,
              cfg->iv.rollout.detect_min_hosts);
    }
  }
  if (dir) fprintf(out, "  %-28s %s\n", "results", dir);
}

int fs_output_write_band(const char *dir, const fs_scenario *s, const fs_batch *b, fs_err *err) {
  size_t R = (size_t) b->done, n = R ? b->rep[0].nticks : 0;
  double *x = fs_malloc((R ? R : 1) * sizeof *x);
  if (!x) return fs_err_set(err, FS_ENOMEM, "out of memory for the recovery band");
  FILE *f = fs_out_open(dir, "recovery_band.csv", err);
  if (!f) {
    free(x);
    return FS_EIO;
  }
  fprintf(f, "time_utc,hours,recovered_p10,recovered_p50,recovered_p90,recovered_mean\n");
  double tick = b->first.tick_hours;
  for (size_t i = 0; i < n; i++) {
    for (size_t r = 0; r < R; r++) x[r] = b->rep[r].recovered ? b->rep[r].recovered[i] : 0;
    gsl_sort(x, 1, R);
    char ts[32];
    fs_output_time_utc(s->cfg->start_unix, (double) i * tick, ts, sizeof ts);
    fprintf(f, "%s,%.4f,%.6f,%.6f,%.6f,%.6f\n", ts, (double) i * tick,
            gsl_stats_quantile_from_sorted_data(x, 1, R, 0.10),
            gsl_stats_quantile_from_sorted_data(x, 1, R, 0.50),
            gsl_stats_quantile_from_sorted_data(x, 1, R, 0.90), gsl_stats_mean(x, 1, R));
  }
  free(x);
  return fs_out_close(f, dir, "recovery_band.csv", err);
}
