/* costs_decl.c: the costs table of a scenario (models/costs.lua): cost
   rates and the operations layer of each industry of the fleet. */
#include <lauxlib.h>

#include "scenario/check.h"
#include "scenario/scenario_impl.h"

/* operations (optional, inside an industry's costs): the operations layer
   (config.h fs_ops). It replaces operational_tail: the backlog is the tail. */
static int read_ops(fs_check *c, fs_ops *o) {
  static const char *const keys[] =
      FS_CHECK_KEYS("fallback", "paused_below", "paused_as", "backlog", "makeup", "unit", "systems",
                    "sources", "notes");
  static const char *const sys_keys[] = FS_CHECK_KEYS("critical", "workstation", "kiosk");
  static const char *const backlog_keys[] =
      FS_CHECK_KEYS("build_per_hour", "drain_per_hour", "sources", "notes");
  static const char *const makeup_keys[] = FS_CHECK_KEYS("share", "cost", "sources", "notes");
  static const char *const unit_keys[] =
      FS_CHECK_KEYS("name", "revenue_usd", "cost_usd", "sources", "notes");
  int in = fs_check_enter(c, -1, "operations", 0);
  TRY(in);
  if (!in) return 0;
  o->on = 1;
  TRY(fs_check_keys(c, -1, keys));
  TRY(fs_check_number(c, -1, "fallback", 1, 0, 1, 0, &o->fallback));
  TRY(fs_check_number(c, -1, "paused_below", 1, 0, 1, 0, &o->paused_below));
  TRY(fs_check_id(c, -1, "paused_as", 0, "", o->paused_as, sizeof o->paused_as));
  int bin = fs_check_enter(c, -1, "backlog", 0);
  TRY(bin);
  if (bin) {
    TRY(fs_check_keys(c, -1, backlog_keys));
    TRY(fs_check_number(c, -1, "build_per_hour", 1, 0, 10, 0, &o->build_per_hour));
    TRY(fs_check_number(c, -1, "drain_per_hour", 1, 0, 10, 0, &o->drain_per_hour));
    if (o->build_per_hour > 0 && !(o->drain_per_hour > 0))
      TRY(fs_check_fail(c, "drain_per_hour",
                        "must be > 0 when the backlog builds (it would never "
                        "drain)"));
    fs_check_leave(c);
  }
  int min = fs_check_enter(c, -1, "makeup", 0);
  TRY(min);
  if (min) {
    TRY(fs_check_keys(c, -1, makeup_keys));
    TRY(fs_check_number(c, -1, "share", 1, 0, 1, 0, &o->makeup_share));
    TRY(fs_check_number(c, -1, "cost", 1, 0, 10, 0, &o->makeup_cost));
    fs_check_leave(c);
  }
  /* systems = { critical = true, ... }: the groups of endpoints whose
     availability the operations run on (an unknown one is an error). */
  int sin = fs_check_enter(c, -1, "systems", 0);
  TRY(sin);
  if (sin) {
    TRY(fs_check_keys(c, -1, sys_keys));
    for (int g = 0; g < 3; g++) {
      int on;
      TRY(fs_check_bool(c, -1, sys_keys[g], 0, 0, &on));
      if (on) o->systems |= 1u << g;
    }
    if (!o->systems)
      TRY(fs_check_fail(c, NULL,
                        "name at least one group of endpoints (critical, workstation, "
                        "kiosk) or leave systems out"));
    fs_check_leave(c);
  }
  int uin = fs_check_enter(c, -1, "unit", 0);
  TRY(uin);
  if (uin) {
    TRY(fs_check_keys(c, -1, unit_keys));
    TRY(fs_check_id(c, -1, "name", 1, NULL, o->unit, sizeof o->unit));
    TRY(fs_check_number(c, -1, "revenue_usd", 1, 1e-6, 1e12, 0, &o->unit_revenue));
    TRY(fs_check_number(c, -1, "cost_usd", 0, 0, 1e12, 0, &o->unit_cost));
    fs_check_leave(c);
  }
  fs_check_leave(c);
  return 0;
}

/* cyber_market (optional, in costs): per size class the take-up and terms
   of cyber cover (config.h fs_cyber_market), every class required. */
static int read_cyber(fs_check *c, fs_cyber_market *m) {
  static const char *const keys[] =
      FS_CHECK_KEYS("1-9", "10-99", "100-999", "1000-9999", "10000+", "sources", "notes");
  static const char *const cls_keys[] = FS_CHECK_KEYS(
      "take_up", "waiting_hours", "retention_usd", "limit_usd", "system_failure_share",
      "system_failure_sublimit", "dependent_bi_share", "dependent_bi_sublimit", "sources", "notes");
  int in = fs_check_enter(c, -1, "cyber_market", 0);
  TRY(in);
  if (!in) return 0;
  TRY(fs_check_keys(c, -1, keys));
  for (int k = 0; k < FS_SIZE_CLASSES; k++) {
    TRY(fs_check_enter(c, -1, fs_size_class_ids[k], 1));
    TRY(fs_check_keys(c, -1, cls_keys));
    TRY(fs_check_number(c, -1, "take_up", 1, 0, 1, 0, &m->take_up[k]));
    TRY(fs_check_number(c, -1, "waiting_hours", 1, 0, 8760, 0, &m->waiting_hours[k]));
    TRY(fs_check_number(c, -1, "retention_usd", 1, 0, 1e12, 0, &m->retention[k]));
    TRY(fs_check_number(c, -1, "limit_usd", 1, 0, 1e12, 0, &m->limit[k]));
    TRY(fs_check_number(c, -1, "system_failure_share", 1, 0, 1, 0, &m->sf_share[k]));
    TRY(fs_check_number(c, -1, "system_failure_sublimit", 1, 0, 1, 0, &m->sf_sublimit[k]));
    TRY(fs_check_number(c, -1, "dependent_bi_share", 1, 0, 1, 0, &m->dbi_share[k]));
    TRY(fs_check_number(c, -1, "dependent_bi_sublimit", 1, 0, 1, 0, &m->dbi_sublimit[k]));
    fs_check_leave(c);
  }
  fs_check_leave(c);
  m->on = 1;
  return 0;
}

/* costs (optional): { industries = { <id> = { ... } } }, models/costs.lua. */
int fs_scenario__read_costs(fs_check *c, int top, fs_config *cfg) {
  static const char *const keys[] =
      FS_CHECK_KEYS("currency", "price_year", "industries", "cyber_market", "notes", "source");
  static const char *const ind_keys[] = FS_CHECK_KEYS(
      "revenue_per_endpoint_usd", "gross_margin", "revenue_profile", "impact", "operational_tail",
      "operations", "extra_expense_per_tech_hour_usd", "incident_cost_usd", "sources", "notes");
  static const char *const impact_keys[] = FS_CHECK_KEYS("critical", "workstation", "kiosk");
  static const char *const tail_keys[] = FS_CHECK_KEYS("hours", "capacity_loss");
  static const char *const inc_keys[] = FS_CHECK_KEYS("fixed", "per_affected_endpoint");
  static const char *const prof_keys[] = FS_CHECK_KEYS("weekday", "weekend");
  lua_State *L = c->L;
  int in = fs_check_enter(c, top, "costs", 0);
  TRY(in);
  if (!in) return 0;
  TRY(fs_check_keys(c, -1, keys));
  TRY(fs_check_enter(c, -1, "industries", 1));
  for (int i = 0; i < cfg->nindustries; i++) {
    fs_cost *k = &cfg->industries[i].cost;
    int has = fs_check_enter(c, -1, cfg->industries[i].id, 0);
    TRY(has);
    if (!has)
      return fs_check_fail(c, NULL, "no cost rates for industry '%s' of the fleet",
                           cfg->industries[i].id);
    TRY(fs_check_keys(c, -1, ind_keys));
    TRY(fs_check_number(c, -1, "revenue_per_endpoint_usd", 1, 0, 1e9, 0, &k->revenue_per_endpoint));
    TRY(fs_check_number(c, -1, "gross_margin", 1, 0, 1, 0, &k->gross_margin));
    TRY(fs_check_enter(c, -1, "revenue_profile", 1));
    TRY(fs_check_keys(c, -1, prof_keys));
    for (int d = 0; d < 2; d++) {
      TRY(fs_check_enter(c, -1, d ? "weekend" : "weekday", 1));
      if (lua_rawlen(L, -1) != 24)
        TRY(fs_check_fail(c, NULL, "needs 24 hourly weights (got %d)", (int) lua_rawlen(L, -1)));
      for (int h = 0; h < 24; h++) {
        lua_rawgeti(L, -1, h + 1);
        int isnum = lua_type(L, -1) == LUA_TNUMBER;
        double v = lua_tonumber(L, -1);
        lua_pop(L, 1);
        if (!isnum || v < 0) TRY(fs_check_fail(c, NULL, "hour %d must be a weight >= 0", h));
        k->profile[d][h] = v;
      }
      fs_check_leave(c);
    }
    fs_check_leave(c);
    TRY(fs_check_enter(c, -1, "impact", 1));
    TRY(fs_check_keys(c, -1, impact_keys));
    TRY(fs_check_number(c, -1, "critical", 1, 0, 1, 0, &k->impact_critical));
    TRY(fs_check_number(c, -1, "workstation", 1, 0, 1, 0, &k->impact_workstation));
    TRY(fs_check_number(c, -1, "kiosk", 1, 0, 1, 0, &k->impact_kiosk));
    fs_check_leave(c);
    TRY(read_ops(c, &k->ops));
    int tin = fs_check_enter(c, -1, "operational_tail", 0);
    TRY(tin);
    if (tin && k->ops.on)
      TRY(fs_check_fail(c, NULL,
                        "give operations or operational_tail, not both (the operations' "
                        "backlog is the tail)"));
    if (tin) {
      TRY(fs_check_keys(c, -1, tail_keys));
      TRY(fs_check_number(c, -1, "hours", 1, 0, 1e4, 0, &k->tail_hours));
      TRY(fs_check_number(c, -1, "capacity_loss", 1, 0, 1, 0, &k->tail_capacity_loss));
      fs_check_leave(c);
    }
    TRY(fs_check_number(c, -1, "extra_expense_per_tech_hour_usd", 1, 0, 1e6, 0,
                        &k->ee_per_tech_hour));
    TRY(fs_check_enter(c, -1, "incident_cost_usd", 1));
    TRY(fs_check_keys(c, -1, inc_keys));
    TRY(fs_check_number(c, -1, "fixed", 1, 0, 1e10, 0, &k->incident_fixed));
    TRY(fs_check_number(c, -1, "per_affected_endpoint", 1, 0, 1e7, 0, &k->incident_per_endpoint));
    fs_check_leave(c);
    fs_check_leave(c);
  }
  fs_check_leave(c);
  TRY(read_cyber(c, &cfg->cyber));
  fs_check_leave(c);
  cfg->has_costs = 1;
  return 0;
}
