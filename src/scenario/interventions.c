/* interventions.c: the scenario's optional `interventions` table (what a
   vendor or its customers could have done differently; docs/WHATIF.md)
   into cfg->iv, and remote recovery as a tool. */
#include <lua.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scenario/scenario_impl.h"

/* t[key] at idx: a share for every industry (a number), or a table of
   shares by industry id with an optional default. out[] gets one per
   industry of cfg (0 when absent). */
static int read_by_industry(fs_check *c, int idx, const char *key, const fs_config *cfg,
                            double *out) {
  lua_State *L = c->L;
  for (int i = 0; i < FS_MAX_INDUSTRIES; i++) out[i] = 0;
  lua_pushstring(L, key);
  lua_rawget(L, idx < 0 ? idx - 1 : idx);
  int type = lua_type(L, -1);
  lua_pop(L, 1);
  if (type == LUA_TNIL) return 0;
  if (type != LUA_TTABLE) {
    double v;
    TRY(fs_check_number(c, idx, key, 1, 0, 1, 0, &v));
    for (int i = 0; i < cfg->nindustries; i++) out[i] = v;
    return 0;
  }
  const char *allowed[FS_MAX_INDUSTRIES + 2];
  int n = 0;
  allowed[n++] = "default";
  for (int i = 0; i < cfg->nindustries; i++) allowed[n++] = cfg->industries[i].id;
  allowed[n] = NULL;
  TRY(fs_check_enter(c, idx, key, 1));
  TRY(fs_check_keys(c, -1, allowed));
  double dflt;
  TRY(fs_check_number(c, -1, "default", 0, 0, 1, 0, &dflt));
  for (int i = 0; i < cfg->nindustries; i++)
    TRY(fs_check_number(c, -1, cfg->industries[i].id, 0, 0, 1, dflt, &out[i]));
  fs_check_leave(c);
  return 0;
}

static int read_rings(fs_check *c, fs_rollout *ro) {
  static const char *const ring_keys[] =
      FS_CHECK_KEYS("assign", "share", "hosts", "bake_hours", "notes");
  static const char *const assigns[] = FS_CHECK_KEYS("random", "customers", "internal");
  lua_State *L = c->L;
  TRY(fs_check_enter(c, -1, "rings", 1));
  int n = (int) lua_rawlen(L, -1);
  if (n < 1 || n > FS_MAX_RINGS)
    TRY(fs_check_fail(c, NULL, "1 to %d rings (got %d)", FS_MAX_RINGS, n));
  double sum = 0;
  for (int i = 0; i < n; i++) {
    fs_ring *r = &ro->rings[i];
    TRY(fs_check_enter_index(c, -1, i + 1));
    TRY(fs_check_keys(c, -1, ring_keys));
    TRY(fs_check_choice(c, -1, "assign", 1, assigns, 0, &r->assign));
    if (r->assign == FS_RING_INTERNAL) {
      if (fs_check_has(c, -1, "share"))
        TRY(fs_check_fail(c, "share", "an internal ring has hosts, not a share of the customers"));
      TRY(fs_check_number(c, -1, "hosts", 1, 1, 1e9, 0, &r->hosts));
    } else {
      if (fs_check_has(c, -1, "hosts"))
        TRY(fs_check_fail(c, "hosts", "only an internal ring has hosts of its own"));
      TRY(fs_check_number(c, -1, "share", 1, 0, 1, 0, &r->share));
      sum += r->share;
    }
    /* the last ring has no next one to wait for */
    TRY(fs_check_number(c, -1, "bake_hours", i + 1 < n, 0, 1e4, 0, &r->bake_hours));
    fs_check_leave(c);
  }
  if (fabs(sum - 1) > 1e-9)
    TRY(fs_check_fail(c, NULL,
                      "the shares of the customer rings (random, customers) must sum to 1 "
                      "(got %.6g)",
                      sum));
  ro->nrings = n;
  fs_check_leave(c);
  return 0;
}

static int read_rollout(fs_check *c, fs_config *cfg) {
  static const char *const keys[] =
      FS_CHECK_KEYS("rings", "heartbeat_minutes", "detect_share", "detect_min_hosts",
                    "decision_minutes", "rollback_minutes", "notes");
  fs_rollout *ro = &cfg->iv.rollout;
  int in = fs_check_enter(c, -1, "rollout", 0);
  TRY(in);
  if (!in) return 0;
  if (cfg->incident.kind != FS_INC_FAULTY_UPDATE)
    TRY(fs_check_fail(c, NULL, "a staged rollout is for incident.kind = \"faulty_update\""));
  TRY(fs_check_keys(c, -1, keys));
  TRY(read_rings(c, ro));
  TRY(fs_check_number(c, -1, "heartbeat_minutes", 1, 0, 1440, 0, &ro->heartbeat_minutes));
  TRY(fs_check_number(c, -1, "detect_share", 1, 0, 1, 0, &ro->detect_share));
  TRY(fs_check_number(c, -1, "detect_min_hosts", 0, 0, 1e9, 1, &ro->detect_min_hosts));
  TRY(fs_check_number(c, -1, "decision_minutes", 1, 0, 1e5, 0, &ro->decision_minutes));
  TRY(fs_check_number(c, -1, "rollback_minutes", 1, 0, 1e5, 0, &ro->rollback_minutes));
  fs_check_leave(c);
  return 0;
}

/* Content pinning and a second vendor: shares of the customers. */
static int read_customer_levers(fs_check *c, fs_config *cfg) {
  static const char *const pin_keys[] = FS_CHECK_KEYS("share", "delay_hours", "notes");
  static const char *const second_keys[] = FS_CHECK_KEYS("share", "split", "notes");
  fs_interventions *iv = &cfg->iv;
  for (int k = 0; k < 2; k++) {
    int in = fs_check_enter(c, -1, k ? "second_vendor" : "pinning", 0);
    TRY(in);
    if (!in) continue;
    if (cfg->incident.kind != FS_INC_FAULTY_UPDATE)
      TRY(fs_check_fail(c, NULL, "is for incident.kind = \"faulty_update\""));
    TRY(fs_check_keys(c, -1, k ? second_keys : pin_keys));
    TRY(read_by_industry(c, -1, "share", cfg, k ? iv->second_share : iv->pin_share));
    if (k)
      TRY(fs_check_number(c, -1, "split", 1, 0, 1, 0, &iv->second_split));
    else
      TRY(fs_check_number(c, -1, "delay_hours", 1, 0, 1e4, 0, &iv->pin_hours));
    fs_check_leave(c);
  }
  return 0;
}

/* Remote recovery of unbootable machines: a tool released after_hours
   after the fix is known, fixing a share of the endpoints still down
   unattended, mean_hours after its release on average. */
static int read_remote(fs_check *c, fs_config *cfg) {
  static const char *const keys[] = FS_CHECK_KEYS("share", "after_hours", "mean_hours", "notes");
  int in = fs_check_enter(c, -1, "remote", 0);
  TRY(in);
  if (!in) return 0;
  TRY(fs_check_keys(c, -1, keys));
  double share, after, mean;
  TRY(fs_check_number(c, -1, "share", 1, 0, 1, 0, &share));
  TRY(fs_check_number(c, -1, "after_hours", 1, 0, 1e4, 0, &after));
  TRY(fs_check_number(c, -1, "mean_hours", 0, 0, 1e4, 1, &mean));
  if (cfg->ntools >= FS_MAX_TOOLS)
    TRY(fs_check_fail(c, NULL, "needs a tool slot: the scenario has %d tools already (at most %d)",
                      cfg->ntools, FS_MAX_TOOLS));
  for (int k = 0; k < cfg->ntools; k++)
    if (strcmp(cfg->tools[k].name, "remote_recovery") == 0)
      TRY(fs_check_fail(c, NULL, "remediation.tools already has a tool named remote_recovery"));
  fs_tool *t = &cfg->tools[cfg->ntools];
  snprintf(t->name, sizeof t->name, "remote_recovery");
  t->release_hours = cfg->incident.guidance_hours + after;
  t->auto_fix_hours = mean;
  for (int k = 0; k < FS_NCLASS; k++) {
    t->auto_fix_share[k] = share;
    cfg->classes[k].tool_fix_factor[cfg->ntools] = 1.0; /* hands-on fixes as before */
  }
  cfg->ntools++;
  fs_check_leave(c);
  return 0;
}

static int read_recovery(fs_check *c, fs_config *cfg) {
  static const char *const keys[] =
      FS_CHECK_KEYS("cloud_escrow_share", "boot_media_share", "boot_media_factor", "remote",
                    "weekend_staffing", "contractors", "notes");
  static const char *const con_keys[] = FS_CHECK_KEYS("share", "pool", "after_hours", "notes");
  fs_interventions *iv = &cfg->iv;
  int in = fs_check_enter(c, -1, "recovery", 0);
  TRY(in);
  if (!in) return 0;
  TRY(fs_check_keys(c, -1, keys));
  TRY(fs_check_number(c, -1, "cloud_escrow_share", 0, 0, 1, 0, &iv->cloud_escrow_share));
  TRY(fs_check_number(c, -1, "boot_media_share", 0, 0, 1, 0, &iv->boot_media_share));
  TRY(fs_check_number(c, -1, "boot_media_factor", iv->boot_media_share > 0, 0.01, 1, 1,
                      &iv->boot_media_factor));
  TRY(fs_check_bool(c, -1, "weekend_staffing", 0, 0, &iv->weekend_staffing));
  TRY(read_remote(c, cfg));
  int cin = fs_check_enter(c, -1, "contractors", 0);
  TRY(cin);
  if (cin) {
    TRY(fs_check_keys(c, -1, con_keys));
    TRY(fs_check_number(c, -1, "share", 1, 0, 1, 0, &iv->contractor_share));
    TRY(fs_check_number(c, -1, "pool", 1, 0, 100, 0, &iv->contractor_pool));
    TRY(fs_check_number(c, -1, "after_hours", 0, 0, 1e4, 0, &iv->contractor_after_hours));
    fs_check_leave(c);
  }
  fs_check_leave(c);
  return 0;
}

int fs_scenario__read_interventions(fs_check *c, int top, fs_config *cfg) {
  static const char *const keys[] =
      FS_CHECK_KEYS("rollout", "pinning", "second_vendor", "recovery", "notes");
  memset(&cfg->iv, 0, sizeof cfg->iv);
  cfg->iv.boot_media_factor = 1;
  int in = fs_check_enter(c, top, "interventions", 0);
  TRY(in);
  if (!in) return 0;
  TRY(fs_check_keys(c, -1, keys));
  TRY(read_rollout(c, cfg));
  TRY(read_customer_levers(c, cfg));
  TRY(read_recovery(c, cfg));
  fs_check_leave(c);
  return 0;
}
