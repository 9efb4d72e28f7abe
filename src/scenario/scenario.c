/* scenario.c: run a scenario script in the sandbox and validate what it returns. */
#include "scenario/scenario.h"

#include <ctype.h>
#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs_config.h"
#include "graph/graph.h"
#include "scenario/check.h"
#include "scenario/scenario_impl.h"
#include "util/hash.h"
#include "util/alloc.h"
#include "util/fsutil.h"

static const char loader_key = 'L';

fs_loader *fs_scenario__loader(lua_State *L) {
  lua_rawgetp(L, LUA_REGISTRYINDEX, &loader_key);
  fs_loader *ld = lua_touserdata(L, -1);
  lua_pop(L, 1);
  return ld;
}

int fs_scenario__line(fs_loader *ld, const char *path) {
  if (!ld->map) {
    fs_err e = {0};
    ld->map = fs_srcmap_load(ld->s->path, &e);
    if (!ld->map) return 0;
  }
  return fs_srcmap_line_suffix(ld->map, path);
}

int fs_scenario__call_line(fs_loader *ld, const char *call, const char *path) {
  if (fs_scenario__line(ld, call) <= 0) return 0; /* loads the map */
  char full[512];
  snprintf(full, sizeof full, "%s.%s", call, path);
  int line = fs_srcmap_line(ld->map, full);
  return line > 0 ? line : 0;
}

int fs_scenario_field_line(fs_scenario *s, const char *path) {
  int line = s->loader ? fs_scenario__line(s->loader, path) : 0;
  return line > 0 ? line : 1;
}

int fs_scenario_param_line(fs_scenario *s, const char *name) {
  int line = s->loader ? fs_scenario__call_line(s->loader, "params()", name) : 0;
  return line > 0 ? line : 1;
}

const char *fs_scenario_lua_release(void) {
  return LUA_RELEASE;
}

const char *fs_scenario_models_dir(void) {
  const char *env = getenv("FLEETSIM_MODELS");
  return env && *env ? env : FS_SOURCE_ROOT "/models";
}

/* ---- reading the returned table ---------------------------------------- */

/* A table keyed by class id: every key must be a class id. */
static const char *const class_keys_src[] =
    FS_CHECK_KEYS("workstation", "server", "onprem_vm", "cloud_vm", "kiosk", "source", "notes");

static int read_per_class(fs_check *c, int idx, const char *key, int required, double lo, double hi,
                          double dflt, double out[FS_NCLASS]) {
  int in = fs_check_enter(c, idx, key, required);
  TRY(in);
  for (int k = 0; k < FS_NCLASS; k++) out[k] = dflt;
  if (in == 0) return 0;
  TRY(fs_check_keys(c, -1, class_keys_src));
  for (int k = 0; k < FS_NCLASS; k++)
    TRY(fs_check_number(c, -1, fs_class_ids[k], 0, lo, hi, dflt, &out[k]));
  fs_check_leave(c);
  return 0;
}

static int read_tri(fs_check *c, int idx, const char *key, fs_tri *t) {
  static const char *const keys[] = FS_CHECK_KEYS("min", "mode", "max");
  TRY(fs_check_enter(c, idx, key, 1));
  TRY(fs_check_keys(c, -1, keys));
  TRY(fs_check_number(c, -1, "min", 1, 0, 1e6, 0, &t->min));
  TRY(fs_check_number(c, -1, "mode", 1, 0, 1e6, 0, &t->mode));
  TRY(fs_check_number(c, -1, "max", 1, 0, 1e6, 0, &t->max));
  if (!(t->min <= t->mode && t->mode <= t->max))
    TRY(fs_check_fail(c, NULL, "needs min <= mode <= max (got %g, %g, %g)", t->min, t->mode,
                      t->max));
  fs_check_leave(c);
  return 0;
}

static int check_sum(fs_check *c, const char *what, double sum) {
  if (fabs(sum - 1.0) > 1e-6)
    return fs_check_fail(c, NULL, "%s must sum to 1 (got %.9g)", what, sum);
  return 0;
}

static int read_profile_set(fs_check *c, int idx, fs_region *r) {
  static const char *const keys[] = FS_CHECK_KEYS("weekday", "weekend", "source", "notes");
  for (int k = 0; k < FS_NCLASS; k++) {
    TRY(fs_check_enter(c, idx, fs_class_ids[k], 1));
    TRY(fs_check_keys(c, -1, keys));
    for (int d = 0; d < 2; d++) {
      TRY(fs_check_enter(c, -1, d ? "weekend" : "weekday", 1));
      lua_State *L = c->L;
      if (lua_rawlen(L, -1) != 24)
        TRY(fs_check_fail(c, NULL, "needs 24 hourly values (got %d)", (int) lua_rawlen(L, -1)));
      for (int h = 0; h < 24; h++) {
        lua_rawgeti(L, -1, h + 1);
        int isnum = lua_type(L, -1) == LUA_TNUMBER;
        double v = lua_tonumber(L, -1);
        lua_pop(L, 1);
        if (!isnum || v < 0 || v > 1)
          TRY(fs_check_fail(c, NULL, "hour %d must be a probability in [0, 1]", h));
        r->online[d][k][h] = v;
      }
      fs_check_leave(c);
    }
    fs_check_leave(c);
  }
  return 0;
}

static int read_regions(fs_check *c, int fleet, fs_config *cfg) {
  static const char *const keys[] =
      FS_CHECK_KEYS("id", "name", "utc_offset_hours", "weekend", "share", "share_source", "profile",
                    "notes", "source");
  static const char *const days[] = FS_CHECK_KEYS("mon", "tue", "wed", "thu", "fri", "sat", "sun");
  lua_State *L = c->L;
  TRY(fs_check_enter(c, fleet, "regions", 1));
  int n = (int) lua_rawlen(L, -1);
  if (n < 1 || n > FS_MAX_REGIONS)
    TRY(fs_check_fail(c, NULL, "needs 1 to %d regions (got %d)", FS_MAX_REGIONS, n));
  double sum = 0;
  char profiles[FS_MAX_REGIONS][FS_ID_MAX];
  for (int i = 0; i < n; i++) {
    fs_region *r = &cfg->regions[i];
    TRY(fs_check_enter_index(c, -1, i + 1));
    TRY(fs_check_keys(c, -1, keys));
    TRY(fs_check_id(c, -1, "id", 1, NULL, r->id, sizeof r->id));
    TRY(fs_check_string(c, -1, "name", 0, r->id, r->name, sizeof r->name));
    TRY(fs_check_number(c, -1, "utc_offset_hours", 1, -12, 14, 0, &r->utc_offset_hours));
    TRY(fs_check_number(c, -1, "share", 1, 0, 1, 0, &r->share));
    sum += r->share;
    r->weekend_mask = (1 << 5) | (1 << 6);
    int in = fs_check_enter(c, -1, "weekend", 0);
    TRY(in);
    if (in) {
      r->weekend_mask = 0;
      int nd = (int) lua_rawlen(L, -1);
      for (int d = 1; d <= nd; d++) {
        int day;
        lua_rawgeti(L, -1, d);
        int rc = fs_check_choice(c, -1, NULL, 1, days, 0, &day);
        lua_pop(L, 1);
        TRY(rc);
        r->weekend_mask |= (uint8_t) (1 << day);
      }
      fs_check_leave(c);
    }
    TRY(fs_check_string(c, -1, "profile", 0, "default", profiles[i], sizeof profiles[i]));
    fs_check_leave(c);
    for (int j = 0; j < i; j++)
      if (strcmp(cfg->regions[j].id, r->id) == 0)
        TRY(fs_check_fail(c, NULL, "duplicate region id '%s'", r->id));
  }
  cfg->nregions = n;
  TRY(check_sum(c, "region shares", sum));
  fs_check_leave(c);
  /* Each region's online profile set, from fleet.online_profiles. */
  TRY(fs_check_enter(c, fleet, "online_profiles", 1));
  for (int i = 0; i < n; i++) {
    int has = fs_check_enter(c, -1, profiles[i], 0);
    TRY(has);
    if (!has)
      return fs_check_fail(c, NULL, "no profile set named '%s' (used by region '%s')", profiles[i],
                           cfg->regions[i].id);
    TRY(read_profile_set(c, -1, &cfg->regions[i]));
    fs_check_leave(c);
  }
  fs_check_leave(c);
  return 0;
}

static int read_classes(fs_check *c, int fleet, fs_config *cfg, const char *const *tool_names,
                        int ntools) {
  static const char *const keys[] = FS_CHECK_KEYS(
      "id", "name", "critical", "fix_minutes", "needs_physical_access", "remote_console_share",
      "bitlocker_applicable", "cloud_path", "reboot_fix_probability", "reboot_interval_minutes",
      "reboot_cycles_max", "tool_fix_factor", "critical_source", "fix_minutes_source",
      "remote_console_source", "reboot_source", "tool_fix_source", "source", "notes");
  lua_State *L = c->L;
  TRY(fs_check_enter(c, fleet, "classes", 1));
  int n = (int) lua_rawlen(L, -1);
  int seen[FS_NCLASS] = {0};
  for (int i = 0; i < n; i++) {
    TRY(fs_check_enter_index(c, -1, i + 1));
    TRY(fs_check_keys(c, -1, keys));
    int id;
    TRY(fs_check_choice(c, -1, "id", 1, fs_class_ids, 0, &id));
    if (seen[id]) TRY(fs_check_fail(c, "id", "duplicate class '%s'", fs_class_ids[id]));
    seen[id] = 1;
    fs_class *cl = &cfg->classes[id];
    TRY(fs_check_string(c, -1, "name", 0, fs_class_ids[id], cl->name, sizeof cl->name));
    TRY(fs_check_bool(c, -1, "critical", 1, 0, &cl->critical));
    TRY(read_tri(c, -1, "fix_minutes", &cl->fix_minutes));
    TRY(fs_check_bool(c, -1, "needs_physical_access", 1, 0, &cl->needs_physical_access));
    TRY(fs_check_number(c, -1, "remote_console_share", 1, 0, 1, 0, &cl->remote_console_share));
    TRY(fs_check_bool(c, -1, "bitlocker_applicable", 1, 0, &cl->bitlocker_applicable));
    TRY(fs_check_bool(c, -1, "cloud_path", 0, 0, &cl->cloud_path));
    TRY(fs_check_number(c, -1, "reboot_fix_probability", 1, 0, 1, 0, &cl->reboot_fix_probability));
    TRY(fs_check_number(c, -1, "reboot_interval_minutes", 1, 0, 1e5, 0,
                        &cl->reboot_interval_minutes));
    TRY(fs_check_number(c, -1, "reboot_cycles_max", 1, 0, 1e4, 0, &cl->reboot_cycles_max));
    for (int k = 0; k < FS_MAX_TOOLS; k++) cl->tool_fix_factor[k] = 1.0;
    int in = fs_check_enter(c, -1, "tool_fix_factor", 0);
    TRY(in);
    if (in) {
      /* Factors for tools this scenario does not declare are ignored. */
      for (int k = 0; k < ntools; k++)
        TRY(fs_check_number(c, -1, tool_names[k], 0, 0, 10, 1.0, &cl->tool_fix_factor[k]));
      fs_check_leave(c);
    }
    fs_check_leave(c);
  }
  for (int k = 0; k < FS_NCLASS; k++)
    if (!seen[k]) TRY(fs_check_fail(c, NULL, "class '%s' is missing", fs_class_ids[k]));
  fs_check_leave(c);
  /* Platform shares per class. */
  static const char *const plat_keys[] =
      FS_CHECK_KEYS("windows", "macos", "linux", "source", "notes");
  TRY(fs_check_enter(c, fleet, "platforms", 1));
  TRY(fs_check_keys(c, -1, class_keys_src));
  for (int k = 0; k < FS_NCLASS; k++) {
    fs_class *cl = &cfg->classes[k];
    TRY(fs_check_enter(c, -1, fs_class_ids[k], 1));
    TRY(fs_check_keys(c, -1, plat_keys));
    double sum = 0;
    for (int p = 0; p < FS_NPLAT; p++) {
      TRY(fs_check_number(c, -1, fs_platform_ids[p], 1, 0, 1, 0, &cl->platform_share[p]));
      sum += cl->platform_share[p];
    }
    TRY(check_sum(c, "platform shares", sum));
    fs_check_leave(c);
  }
  fs_check_leave(c);
  return 0;
}

static int read_industries(fs_check *c, int fleet, fs_config *cfg) {
  static const char *const keys[] = FS_CHECK_KEYS(
      "id", "name", "endpoint_share", "orgs_share", "size", "mix", "it_staff_per_1000_endpoints",
      "surge_factor", "staffed_24x7", "night_staff_share", "encryption_share",
      "server_encryption_share", "detection_delay_minutes", "diagnosis_delay_minutes",
      "region_weights", "sources", "notes");
  static const char *const size_keys[] = FS_CHECK_KEYS("dist", "median", "sigma", "max");
  static const char *const dists[] = FS_CHECK_KEYS("lognormal");
  static const char *const mean_keys[] = FS_CHECK_KEYS("mean");
  lua_State *L = c->L;
  TRY(fs_check_enter(c, fleet, "industries", 1));
  int n = (int) lua_rawlen(L, -1);
  if (n < 1 || n > FS_MAX_INDUSTRIES)
    TRY(fs_check_fail(c, NULL, "needs 1 to %d industries (got %d)", FS_MAX_INDUSTRIES, n));
  double sum = 0;
  for (int i = 0; i < n; i++) {
    fs_industry *ind = &cfg->industries[i];
    TRY(fs_check_enter_index(c, -1, i + 1));
    TRY(fs_check_keys(c, -1, keys));
    TRY(fs_check_id(c, -1, "id", 1, NULL, ind->id, sizeof ind->id));
    TRY(fs_check_string(c, -1, "name", 0, ind->id, ind->name, sizeof ind->name));
    TRY(fs_check_number(c, -1, "endpoint_share", 1, 0, 1, 0, &ind->endpoint_share));
    sum += ind->endpoint_share;
    TRY(fs_check_enter(c, -1, "size", 1));
    TRY(fs_check_keys(c, -1, size_keys));
    int dist;
    TRY(fs_check_choice(c, -1, "dist", 0, dists, 0, &dist));
    TRY(fs_check_number(c, -1, "median", 1, 1, 1e7, 1, &ind->size_median));
    TRY(fs_check_number(c, -1, "sigma", 1, 0, 5, 0, &ind->size_sigma));
    TRY(fs_check_number(c, -1, "max", 0, 1, 1e7, 500000, &ind->size_max));
    fs_check_leave(c);
    TRY(fs_check_enter(c, -1, "mix", 1));
    TRY(fs_check_keys(c, -1, class_keys_src));
    double msum = 0;
    for (int k = 0; k < FS_NCLASS; k++) {
      TRY(fs_check_number(c, -1, fs_class_ids[k], 1, 0, 1, 0, &ind->mix[k]));
      msum += ind->mix[k];
    }
    TRY(check_sum(c, "class mix", msum));
    fs_check_leave(c);
    TRY(fs_check_number(c, -1, "it_staff_per_1000_endpoints", 1, 0, 1000, 0,
                        &ind->it_staff_per_1000));
    TRY(fs_check_number(c, -1, "surge_factor", 1, 0, 100, 1, &ind->surge_factor));
    TRY(fs_check_bool(c, -1, "staffed_24x7", 1, 0, &ind->staffed_24x7));
    TRY(fs_check_number(c, -1, "night_staff_share", 1, 0, 1, 0, &ind->night_staff_share));
    TRY(fs_check_number(c, -1, "encryption_share", 1, 0, 1, 0, &ind->encryption_share));
    TRY(fs_check_number(c, -1, "server_encryption_share", 1, 0, 1, 0,
                        &ind->server_encryption_share));
    TRY(fs_check_enter(c, -1, "detection_delay_minutes", 1));
    TRY(fs_check_keys(c, -1, mean_keys));
    TRY(fs_check_number(c, -1, "mean", 1, 0, 1e5, 0, &ind->detection_delay_minutes));
    fs_check_leave(c);
    TRY(fs_check_enter(c, -1, "diagnosis_delay_minutes", 1));
    TRY(fs_check_keys(c, -1, mean_keys));
    TRY(fs_check_number(c, -1, "mean", 1, 0, 1e5, 0, &ind->diagnosis_delay_minutes));
    fs_check_leave(c);
    for (int r = 0; r < FS_MAX_REGIONS; r++) ind->region_weight[r] = 1.0;
    int in = fs_check_enter(c, -1, "region_weights", 0);
    TRY(in);
    if (in) {
      const char *ids[FS_MAX_REGIONS + 1];
      for (int r = 0; r < cfg->nregions; r++) ids[r] = cfg->regions[r].id;
      ids[cfg->nregions] = NULL;
      TRY(fs_check_keys(c, -1, ids));
      for (int r = 0; r < cfg->nregions; r++)
        TRY(fs_check_number(c, -1, ids[r], 0, 0, 1000, 1.0, &ind->region_weight[r]));
      fs_check_leave(c);
    }
    fs_check_leave(c);
    for (int j = 0; j < i; j++)
      if (strcmp(cfg->industries[j].id, ind->id) == 0)
        TRY(fs_check_fail(c, NULL, "duplicate industry id '%s'", ind->id));
  }
  cfg->nindustries = n;
  TRY(check_sum(c, "industry endpoint shares", sum));
  fs_check_leave(c);
  return 0;
}

/* A vendor's size_factor (optional): { ["1-9"]=, ["10-99"]=, ["100-999"]=,
   ["1000-9999"]=, ["10000+"]= }, every class required. */
static int read_size_factor(fs_check *c, fs_vendor *v) {
  static const char *const cls[] = FS_CHECK_KEYS("1-9", "10-99", "100-999", "1000-9999", "10000+");
  int in = fs_check_enter(c, -1, "size_factor", 0);
  TRY(in);
  if (!in) return 0;
  TRY(fs_check_keys(c, -1, cls));
  for (int k = 0; k < FS_SIZE_CLASSES; k++)
    TRY(fs_check_number(c, -1, cls[k], 1, 0, 1000, 0, &v->size_factor[k]));
  v->has_size_factor = 1;
  fs_check_leave(c);
  return 0;
}

/* fleet.vendors (optional): { {id=, market_share = {default=, <industry>=}, size_factor=}, ... } */
static int read_vendors(fs_check *c, int fleet, fs_config *cfg) {
  lua_State *L = c->L;
  int in = fs_check_enter(c, fleet, "vendors", 0);
  TRY(in);
  if (!in) return 0;
  int n = (int) lua_rawlen(L, -1);
  if (n > FS_MAX_VENDORS)
    TRY(fs_check_fail(c, NULL, "at most %d vendors (got %d)", FS_MAX_VENDORS, n));
  for (int i = 0; i < n; i++) {
    fs_vendor *v = &cfg->vendors[i];
    TRY(fs_check_enter_index(c, -1, i + 1));
    TRY(fs_check_id(c, -1, "id", 1, NULL, v->id, sizeof v->id));
    TRY(fs_check_enter(c, -1, "market_share", 1));
    double dflt;
    TRY(fs_check_number(c, -1, "default", 1, 0, 1, 0, &dflt));
    const char *ids[FS_MAX_INDUSTRIES + 2];
    for (int k = 0; k < cfg->nindustries; k++) {
      ids[k] = cfg->industries[k].id;
      TRY(fs_check_number(c, -1, ids[k], 0, 0, 1, dflt, &v->share[k]));
    }
    ids[cfg->nindustries] = "default";
    ids[cfg->nindustries + 1] = NULL;
    TRY(fs_check_keys(c, -1, ids));
    fs_check_leave(c);
    TRY(read_size_factor(c, v));
    fs_check_leave(c);
  }
  cfg->nvendors = n;
  fs_check_leave(c);
  return 0;
}

static int read_time_hours(fs_check *c, int idx, const char *key, int required, double start,
                           double dflt, double *out) {
  double t = NAN;
  TRY(fs_check_time(c, idx, key, required, &t));
  *out = isnan(t) ? dflt : (t - start) / 3600.0;
  return 0;
}

/* Tool names are read first: class tool factors refer to them. */
static int read_tool_names(fs_check *c, int top, fs_config *cfg) {
  lua_State *L = c->L;
  int in = fs_check_enter(c, top, "remediation", 1);
  TRY(in);
  int tin = fs_check_enter(c, -1, "tools", 0);
  TRY(tin);
  if (tin) {
    int n = (int) lua_rawlen(L, -1);
    if (n > FS_MAX_TOOLS) TRY(fs_check_fail(c, NULL, "at most %d tools (got %d)", FS_MAX_TOOLS, n));
    for (int i = 0; i < n; i++) {
      TRY(fs_check_enter_index(c, -1, i + 1));
      TRY(fs_check_id(c, -1, "name", 1, NULL, cfg->tools[i].name, sizeof cfg->tools[i].name));
      for (int j = 0; j < i; j++)
        if (strcmp(cfg->tools[j].name, cfg->tools[i].name) == 0)
          TRY(fs_check_fail(c, "name", "duplicate tool '%s'", cfg->tools[i].name));
      fs_check_leave(c);
    }
    cfg->ntools = n;
    fs_check_leave(c);
  }
  fs_check_leave(c);
  return 0;
}

static int read_remediation(fs_check *c, int top, fs_config *cfg) {
  static const char *const keys[] =
      FS_CHECK_KEYS("staffing_factor", "surge_ramp_hours", "crisis_night_share", "key_minutes",
                    "key_minutes_escrow_down", "oncall_response_minutes", "min_team",
                    "cloud_team_share", "travel_minutes", "tail", "tools", "notes");
  static const char *const tool_keys[] = FS_CHECK_KEYS("name", "release", "auto_fix", "notes");
  static const char *const auto_keys[] = FS_CHECK_KEYS("share", "mean_hours");
  static const char *const tail_keys[] = FS_CHECK_KEYS("share", "delay_hours");
  lua_State *L = c->L;
  fs_response *r = &cfg->response;
  TRY(fs_check_enter(c, top, "remediation", 1));
  TRY(fs_check_keys(c, -1, keys));
  TRY(fs_check_number(c, -1, "staffing_factor", 0, 0.01, 100, 1.0, &r->staffing_factor));
  TRY(fs_check_number(c, -1, "surge_ramp_hours", 1, 0, 1000, 0, &r->surge_ramp_hours));
  TRY(fs_check_number(c, -1, "crisis_night_share", 1, 0, 1, 0, &r->crisis_night_share));
  TRY(fs_check_number(c, -1, "key_minutes", 1, 0, 1e4, 0, &r->key_minutes));
  TRY(fs_check_number(c, -1, "key_minutes_escrow_down", 1, 0, 1e5, 0, &r->key_minutes_escrow_down));
  TRY(fs_check_number(c, -1, "oncall_response_minutes", 1, 0, 1e4, 0, &r->oncall_response_minutes));
  TRY(fs_check_number(c, -1, "min_team", 0, 1, 1e6, 1, &r->min_team));
  TRY(fs_check_number(c, -1, "cloud_team_share", 0, 0, 10, 0.25, &r->cloud_team_share));
  double travel[FS_NCLASS];
  TRY(read_per_class(c, -1, "travel_minutes", 0, 0, 1e4, 0, travel));
  for (int k = 0; k < FS_NCLASS; k++) cfg->classes[k].travel_minutes = travel[k];
  int in = fs_check_enter(c, -1, "tail", 0);
  TRY(in);
  if (in) {
    TRY(fs_check_keys(c, -1, class_keys_src));
    for (int k = 0; k < FS_NCLASS; k++) {
      int cin = fs_check_enter(c, -1, fs_class_ids[k], 0);
      TRY(cin);
      if (!cin) continue;
      TRY(fs_check_keys(c, -1, tail_keys));
      TRY(fs_check_number(c, -1, "share", 1, 0, 1, 0, &cfg->classes[k].tail_share));
      TRY(fs_check_number(c, -1, "delay_hours", 1, 0, 1e5, 0, &cfg->classes[k].tail_delay_hours));
      fs_check_leave(c);
    }
    fs_check_leave(c);
  }
  int tin = fs_check_enter(c, -1, "tools", 0);
  TRY(tin);
  if (tin) {
    for (int i = 0; i < cfg->ntools; i++) {
      fs_tool *t = &cfg->tools[i];
      TRY(fs_check_enter_index(c, -1, i + 1));
      TRY(fs_check_keys(c, -1, tool_keys));
      TRY(read_time_hours(c, -1, "release", 1, cfg->start_unix, 0, &t->release_hours));
      int ain = fs_check_enter(c, -1, "auto_fix", 0);
      TRY(ain);
      if (ain) {
        TRY(fs_check_keys(c, -1, auto_keys));
        TRY(fs_check_number(c, -1, "mean_hours", 1, 0, 1e5, 0, &t->auto_fix_hours));
        TRY(read_per_class(c, -1, "share", 1, 0, 1, 0, t->auto_fix_share));
        fs_check_leave(c);
      }
      fs_check_leave(c);
    }
    (void) L;
    fs_check_leave(c);
  }
  fs_check_leave(c);
  return 0;
}

static int read_incident(fs_check *c, int top, fs_config *cfg) {
  static const char *const keys[] =
      FS_CHECK_KEYS("kind", "vendor", "platform", "affected_version_share", "publish", "pull",
                    "poll_minutes", "crash_probability", "guidance", "description", "notes",
                    "provider", "start", "end", "reimage_factor", "entry", "cross_probability");
  static const char *const kinds[] =
      FS_CHECK_KEYS("faulty_update", "provider_outage", "supply_chain", "worm");
  static const char *const entries[] = FS_CHECK_KEYS("provider", "portfolio");
  fs_incident *inc = &cfg->incident;
  TRY(fs_check_enter(c, top, "incident", 1));
  TRY(fs_check_keys(c, -1, keys));
  TRY(fs_check_choice(c, -1, "kind", 1, kinds, 0, &inc->kind));
  inc->reimage_factor = 1.0;
  if (inc->kind == FS_INC_PROVIDER_OUTAGE) {
    /* A provider down between start and end; nothing crashes. */
    TRY(fs_check_string(c, -1, "provider", 1, NULL, inc->provider, sizeof inc->provider));
    TRY(read_time_hours(c, -1, "start", 1, cfg->start_unix, 0, &inc->start_hours));
    TRY(read_time_hours(c, -1, "end", 1, cfg->start_unix, 0, &inc->end_hours));
    if (inc->start_hours < 0)
      TRY(fs_check_fail(c, "start", "is before the scenario start (got %.2f h after it)",
                        inc->start_hours));
    if (!(inc->end_hours > inc->start_hours))
      TRY(fs_check_fail(c, "end", "must be after start (got %.2f h, start at %.2f h)",
                        inc->end_hours, inc->start_hours));
    inc->publish_hours = inc->pull_hours = inc->start_hours;
    inc->guidance_hours = inc->start_hours;
    inc->affected_version_share = 0;
    snprintf(inc->vendor, sizeof inc->vendor, "%s", inc->provider);
    fs_check_leave(c);
    return 0;
  }
  if (inc->kind == FS_INC_WORM) {
    TRY(fs_check_choice(c, -1, "entry", 1, entries, 0, &inc->entry));
    TRY(fs_check_number(c, -1, "cross_probability", 0, 0, 1, 0, &inc->cross_probability));
  } else {
    for (int k = 0; k < 2; k++) {
      const char *key = k ? "cross_probability" : "entry";
      if (fs_check_has(c, -1, key)) TRY(fs_check_fail(c, key, "only for kind = \"worm\""));
    }
  }
  if (inc->kind == FS_INC_SUPPLY_CHAIN || inc->kind == FS_INC_WORM) {
    /* The provider's customers (its direct dependents in the graph) take
       the payload; the vendor field is the provider. A worm entering
       through the portfolio names none. */
    int need = inc->kind == FS_INC_SUPPLY_CHAIN || inc->entry == FS_WORM_ENTRY_PROVIDER;
    TRY(fs_check_string(c, -1, "provider", need, "", inc->provider, sizeof inc->provider));
    if (!need && inc->provider[0])
      TRY(fs_check_fail(c, "provider", "a worm entering through the portfolio names no provider"));
    snprintf(inc->vendor, sizeof inc->vendor, "%s", inc->provider);
    TRY(fs_check_number(c, -1, "reimage_factor", 0, 1, 100, 3, &inc->reimage_factor));
  } else {
    TRY(fs_check_string(c, -1, "vendor", 1, NULL, inc->vendor, sizeof inc->vendor));
  }
  TRY(fs_check_choice(c, -1, "platform", 1, fs_platform_ids, 0, &inc->platform));
  TRY(fs_check_number(c, -1, "affected_version_share", 1, 0, 1, 1, &inc->affected_version_share));
  TRY(read_time_hours(c, -1, "publish", 1, cfg->start_unix, 0, &inc->publish_hours));
  TRY(read_time_hours(c, -1, "pull", 1, cfg->start_unix, 0, &inc->pull_hours));
  if (inc->publish_hours < 0)
    TRY(fs_check_fail(c, "publish", "is before the scenario start (got %.2f h after it)",
                      inc->publish_hours));
  if (!(inc->pull_hours > inc->publish_hours))
    TRY(fs_check_fail(c, "pull",
                      "must be after publish (got %.2f h after the start, publish at "
                      "%.2f h)",
                      inc->pull_hours, inc->publish_hours));
  TRY(fs_check_number(c, -1, "poll_minutes", 1, 0, 1e5, 0, &inc->poll_minutes));
  TRY(fs_check_number(c, -1, "crash_probability", 1, 0, 1, 1, &inc->crash_probability));
  TRY(read_time_hours(c, -1, "guidance", 0, cfg->start_unix, inc->pull_hours,
                      &inc->guidance_hours));
  fs_check_leave(c);
  return 0;
}

/* graph (optional): the vendor dependency graph, read by src/graph/decl.c. */
static int read_graph(fs_loader *ld, fs_check *c, int top, const fs_config *cfg) {
  int in = fs_check_enter(c, top, "graph", 0);
  TRY(in);
  if (!in) return 0;
  fs_graph_decl *d = fs_calloc(1, sizeof *d);
  if (!d) return fs_err_set(c->err, FS_ENOMEM, "out of memory for the graph declaration");
  int rc = fs_scenario__read_graph(c, -1, cfg, d);
  if (rc) {
    free(d);
    return rc;
  }
  ld->s->graph = d;
  fs_check_leave(c);
  return 0;
}

/* fleet.customers_of: one of fleet.vendors; absent, a faulty update's
   vendor (a provider outage's or a supply chain's provider is no endpoint
   vendor: the fleet's vendor is then unknown, ""). */
static int check_customers_of(fs_check *c, int top, fs_config *cfg) {
  if (!cfg->customers_of[0]) {
    if (cfg->incident.kind == FS_INC_FAULTY_UPDATE)
      snprintf(cfg->customers_of, sizeof cfg->customers_of, "%s", cfg->incident.vendor);
    return 0;
  }
  int known = 0;
  for (int k = 0; k < cfg->nvendors; k++)
    known |= strcmp(cfg->vendors[k].id, cfg->customers_of) == 0;
  if (known && (cfg->incident.kind != FS_INC_FAULTY_UPDATE ||
                strcmp(cfg->customers_of, cfg->incident.vendor) == 0))
    return 0;
  TRY(fs_check_enter(c, top, "fleet", 1));
  if (!known)
    return fs_check_fail(c, "customers_of", "'%s' is not one of fleet.vendors", cfg->customers_of);
  return fs_check_fail(c, "customers_of",
                       "a faulty update's fleet is its vendor's customers: '%s' or absent "
                       "(got '%s')",
                       cfg->incident.vendor, cfg->customers_of);
}

/* fleet.non_customers needs the vendor's share of every segment: the
   vendor whose customers the fleet is (fleet.customers_of) among
   fleet.vendors, with its size_factor. */
static int check_non_customers(fs_check *c, int top, const fs_config *cfg) {
  if (!cfg->non_customers) return 0;
  const fs_vendor *v = NULL;
  for (int k = 0; k < cfg->nvendors; k++)
    if (strcmp(cfg->vendors[k].id, cfg->customers_of) == 0) v = &cfg->vendors[k];
  TRY(fs_check_enter(c, top, "fleet", 1));
  if (!v || !v->has_size_factor)
    return fs_check_fail(c, "non_customers",
                         "needs the fleet's vendor '%s' (fleet.customers_of, or the incident's "
                         "vendor) in fleet.vendors with a size_factor (its share of each "
                         "segment's organisations)",
                         cfg->customers_of);
  /* A segment with customers needs a share there to have organisations. */
  static const char *const cls[FS_SIZE_CLASSES] = {"1-9", "10-99", "100-999", "1000-9999",
                                                   "10000+"};
  for (int k = 0; k < FS_SIZE_CLASSES; k++)
    if (v->size_factor[k] <= 0)
      return fs_check_fail(c, "non_customers",
                           "the size_factor[\"%s\"] of '%s' is 0: a segment of its customers "
                           "would have no organisations to count (give it a share above 0)",
                           cls[k], v->id);
  for (int i = 0; i < cfg->nindustries; i++)
    if (cfg->industries[i].endpoint_share > 0 && v->share[i] <= 0)
      return fs_check_fail(c, "non_customers",
                           "the fleet has customers of '%s' in %s, where its market share "
                           "(market_share x size_factor) is 0",
                           v->id, cfg->industries[i].id);
  fs_check_leave(c);
  return 0;
}

static int read_config(fs_loader *ld, fs_check *c, fs_config *cfg) {
  static const char *const keys[] = FS_CHECK_KEYS(
      "name", "description", "start", "duration_hours", "seed", "params", "fleet", "incident",
      "remediation", "costs", "outputs", "notes", "graph", "interventions");
  static const char *const fleet_keys[] =
      FS_CHECK_KEYS("endpoints", "regions", "online_profiles", "classes", "industries", "platforms",
                    "vendors", "non_customers", "customers_of", "notes");
  static const char *const out_keys[] = FS_CHECK_KEYS("tick_minutes");
  lua_State *L = c->L;
  int top = lua_gettop(L);
  if (!lua_istable(L, top)) {
    return fs_err_set(c->err, FS_EINVAL, "%s:1: the scenario must return a table (got %s)",
                      ld->s->path, luaL_typename(L, top));
  }
  TRY(fs_check_keys(c, top, keys));
  TRY(fs_check_id(c, top, "name", 1, NULL, cfg->name, sizeof cfg->name));
  for (const char *p = cfg->name; *p; p++)
    if (!(isalnum((unsigned char) *p) || *p == '-' || *p == '_' || *p == '.'))
      return fs_check_fail(
          c, "name", "may hold only letters, digits, '-', '_' and '.' (got \"%s\")", cfg->name);
  TRY(fs_check_string(c, top, "description", 1, NULL, cfg->description, sizeof cfg->description));
  TRY(fs_check_time(c, top, "start", 1, &cfg->start_unix));
  TRY(fs_check_number(c, top, "duration_hours", 1, 1, FS_MAX_DURATION_HOURS, 0,
                      &cfg->duration_hours));
  int64_t seed;
  TRY(fs_check_integer(c, top, "seed", 1, 0, INT64_MAX, 0, &seed));
  cfg->seed = ld->opts->has_seed ? ld->opts->seed : (uint64_t) seed;
  /* Raw, as every checked field: a metamethod would run (and could raise)
     outside a protected call. */
  lua_pushliteral(L, "params");
  lua_rawget(L, top);
  if (!lua_isnil(L, -1)) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, ld->params_ref);
    int same = ld->params_called && lua_rawequal(L, -1, -2);
    lua_pop(L, 1);
    if (!same) {
      lua_pop(L, 1);
      return fs_check_fail(c, "params", "must be the table returned by params{...}");
    }
  }
  lua_pop(L, 1);
  TRY(read_tool_names(c, top, cfg));
  const char *tool_names[FS_MAX_TOOLS];
  for (int k = 0; k < cfg->ntools; k++) tool_names[k] = cfg->tools[k].name;

  TRY(fs_check_enter(c, top, "fleet", 1));
  int fleet = lua_gettop(L);
  TRY(fs_check_keys(c, fleet, fleet_keys));
  TRY(fs_check_number(c, fleet, "endpoints", 1, 1, 4e9, 0, &cfg->fleet_endpoints));
  TRY(read_regions(c, fleet, cfg));
  TRY(read_classes(c, fleet, cfg, tool_names, cfg->ntools));
  TRY(read_industries(c, fleet, cfg));
  TRY(read_vendors(c, fleet, cfg));
  TRY(fs_check_bool(c, fleet, "non_customers", 0, 0, &cfg->non_customers));
  TRY(fs_check_id(c, fleet, "customers_of", 0, "", cfg->customers_of, sizeof cfg->customers_of));
  fs_check_leave(c);
  TRY(fs_scenario__read_costs(c, top, cfg));
  TRY(read_graph(ld, c, top, cfg));

  TRY(read_incident(c, top, cfg));
  TRY(check_customers_of(c, top, cfg));
  TRY(check_non_customers(c, top, cfg));
  TRY(read_remediation(c, top, cfg));
  TRY(fs_scenario__read_interventions(c, top, cfg));
  /* The event's annual rate for period loss tables: the param annual_rate
     when the scenario declares one. */
  cfg->annual_rate = NAN;
  for (int i = 0; i < cfg->nparams; i++)
    if (strcmp(cfg->params[i].name, "annual_rate") == 0) cfg->annual_rate = cfg->params[i].value;
  cfg->tick_minutes = 10;
  int in = fs_check_enter(c, top, "outputs", 0);
  TRY(in);
  if (in) {
    TRY(fs_check_keys(c, -1, out_keys));
    TRY(fs_check_number(c, -1, "tick_minutes", 0, 1, 1440, 10, &cfg->tick_minutes));
    fs_check_leave(c);
  }
  return 0;
}

int fs_scenario_load(fs_scenario *s, const fs_load_opts *o, fs_err *err) {
  memset(s, 0, sizeof *s);
  const char *models = o->models_dir ? o->models_dir : fs_scenario_models_dir();
  int rc = fs_path_fmt(s->path, sizeof s->path, err, "%s", o->path);
  if (rc == 0) rc = fs_path_fmt(s->models_dir, sizeof s->models_dir, err, "%s", models);
  if (rc != 0) return rc;
  fs_err e = {0};
  FILE *probe = fs_open_input(o->path, 0, &e);
  if (!probe)
    return fs_err_set(err, e.code, "%s: cannot open scenario file (%s)", o->path,
                      strrchr(e.msg, ':') ? strrchr(e.msg, ':') + 2 : e.msg);
  fclose(probe);
  if ((rc = fs_fnv1a_file(o->path, &s->hash, err)) != 0) return rc;
  s->cfg = fs_calloc(1, sizeof *s->cfg);
  s->loader = fs_calloc(1, sizeof *s->loader);
  if (!s->cfg || !s->loader) {
    fs_scenario_free(s);
    return fs_err_set(err, FS_ENOMEM, "out of memory loading %s", o->path);
  }
  fs_loader *ld = s->loader;
  ld->s = s;
  ld->opts = o;
  ld->params_ref = LUA_NOREF;
  /* math.random during loading: from --seed if given, else from the file's
     hash; either way the same inputs give the same numbers. */
  s->lua = fs_lua_new(&o->limits, s->models_dir, o->has_seed ? o->seed : s->hash, err);
  if (!s->lua) {
    fs_scenario_free(s);
    return err->code ? err->code : FS_ENOMEM;
  }
  lua_State *L = fs_lua_state(s->lua);
  lua_pushlightuserdata(L, ld);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &loader_key);
  fs_scenario__open_params(L);
  fs_scenario__open_hooks(L);
  rc = fs_lua_dofile(s->lua, o->path, err);
  if (rc != 0) {
    if (ld->usage.code) {
      err->code = FS_EUSAGE;
      memcpy(err->msg, ld->usage.msg, sizeof err->msg);
      rc = FS_EUSAGE;
    }
    fs_scenario_free(s);
    return rc;
  }
  fs_check c;
  fs_check_init(&c, s->lua, s->path, err);
  rc = read_config(ld, &c, s->cfg);
  fs_check_done(&c);
  lua_settop(L, 0);
  if (rc == 0) rc = fs_scenario__check_sets(ld, err);
  if (rc == 0) rc = fs_scenario__finish_hooks(ld, err);
  if (rc != 0) {
    fs_scenario_free(s);
    return rc;
  }
  ld->opts = NULL; /* hooks cannot be added from now on */
  return 0;
}

/* math.randomseed(seed), inside the protected call: the script may have
   replaced math or its randomseed. */
static int l_reseed(lua_State *L) {
  lua_getglobal(L, "math");
  lua_getfield(L, -1, "randomseed");
  lua_pushvalue(L, 1);
  lua_call(L, 1, 0);
  return 0;
}

int fs_scenario_reseed(fs_scenario *s, uint64_t seed, fs_err *err) {
  lua_State *L = fs_lua_state(s->lua);
  lua_pushcfunction(L, l_reseed);
  lua_pushinteger(L, (lua_Integer) (seed & 0x7FFFFFFFFFFFFFFFull));
  int rc = fs_lua_pcall(s->lua, 1, 0, err);
  lua_settop(L, 0);
  if (rc != 0) fs_err_prefix(err, "%s: re-seeding math.random for the hooks", s->path);
  return rc;
}

void fs_scenario_free(fs_scenario *s) {
  if (s->lua) fs_lua_free(s->lua);
  if (s->loader && s->loader->map) fs_srcmap_free(s->loader->map);
  free(s->loader);
  free(s->cfg);
  if (s->graph) fs_graph_decl_free(s->graph);
  free(s->graph);
  memset(s, 0, sizeof *s);
}
