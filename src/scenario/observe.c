/* observe.c: an event's observation file (observe.h), read through the
   scenario sandbox and checked field by field. */
#include <lua.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scenario/check.h"
#include "scenario/observe.h"
#include "scenario/sandbox.h"

static const char *const file_keys[] = FS_CHECK_KEYS("event", "observations");
static const char *const obs_keys[] =
    FS_CHECK_KEYS("id", "figure", "value", "band", "tolerance", "unit", "output", "industry",
                  "size", "policy", "at", "source", "calibration");
static const char *const source_keys[] = FS_CHECK_KEYS("title", "publisher", "date", "url");

/* band = {lo, hi}: two positive numbers, lo <= hi. */
static int read_pair(fs_check *c, fs_obs *o) {
  lua_State *L = c->L;
  int rc = fs_check_enter(c, -1, "band", 1);
  if (rc != 1) return rc;
  double v[2] = {0, 0};
  rc = lua_rawlen(L, -1) == 2 ? 0 : fs_check_fail(c, NULL, "expected {lo, hi}");
  for (int i = 0; rc == 0 && i < 2; i++) {
    lua_rawgeti(L, -1, i + 1);
    if (lua_type(L, -1) == LUA_TNUMBER) v[i] = lua_tonumber(L, -1);
    lua_pop(L, 1);
    if (!(v[i] > 0) || !isfinite(v[i]))
      rc = fs_check_fail(c, NULL, "%s must be a positive number (the scoreboard compares by ratio)",
                         i ? "hi" : "lo");
  }
  if (rc == 0 && v[0] > v[1]) rc = fs_check_fail(c, NULL, "lo > hi (got {%g, %g})", v[0], v[1]);
  fs_check_leave(c);
  o->lo = v[0];
  o->hi = v[1];
  return rc;
}

/* The band: band = {lo, hi} (value optional, inside it), or value with
   tolerance = f, the band [value / f, value * f]. */
static int read_band(fs_check *c, fs_obs *o) {
  int has_band = fs_check_has(c, -1, "band");
  int rc = fs_check_number(c, -1, "value", !has_band, 1e-300, 1e300, NAN, &o->value);
  if (rc != 0) return rc;
  if (has_band) {
    if (fs_check_has(c, -1, "tolerance"))
      return fs_check_fail(c, "tolerance", "give a band or a value with a tolerance, not both");
    if ((rc = read_pair(c, o)) != 0) return rc;
    if (isnan(o->value)) o->value = sqrt(o->lo * o->hi);
    if (o->value < o->lo || o->value > o->hi)
      return fs_check_fail(c, "value", "must lie inside the band [%g, %g] (got %g)", o->lo, o->hi,
                           o->value);
    return 0;
  }
  double f = 0;
  if ((rc = fs_check_number(c, -1, "tolerance", 1, 1, 1e6, 0, &f)) != 0) return rc;
  o->lo = o->value / f;
  o->hi = o->value * f;
  return 0;
}

static int read_source(fs_check *c, fs_obs *o) {
  int rc = fs_check_enter(c, -1, "source", 1);
  if (rc != 1) return rc;
  if ((rc = fs_check_keys(c, -1, source_keys)) == 0 &&
      (rc = fs_check_string(c, -1, "title", 1, NULL, o->title, sizeof o->title)) == 0 &&
      (rc = fs_check_string(c, -1, "publisher", 1, NULL, o->publisher, sizeof o->publisher)) == 0 &&
      (rc = fs_check_string(c, -1, "date", 1, NULL, o->date, sizeof o->date)) == 0)
    rc = fs_check_string(c, -1, "url", 0, "", o->url, sizeof o->url);
  if (rc == 0 && (!o->title[0] || !o->publisher[0] || !o->date[0]))
    rc = fs_check_fail(c, NULL, "title, publisher and date must not be empty");
  fs_check_leave(c);
  return rc;
}

static int read_one(fs_check *c, fs_obs *o, fs_obs_output_fn known, void *ud) {
  int rc;
  o->at = NAN;
  if ((rc = fs_check_keys(c, -1, obs_keys)) != 0) return rc;
  if ((rc = fs_check_id(c, -1, "id", 1, NULL, o->id, sizeof o->id)) != 0) return rc;
  if ((rc = fs_check_string(c, -1, "figure", 1, NULL, o->figure, sizeof o->figure)) != 0) return rc;
  if ((rc = read_band(c, o)) != 0) return rc;
  if ((rc = fs_check_string(c, -1, "unit", 1, NULL, o->unit, sizeof o->unit)) != 0) return rc;
  if ((rc = fs_check_id(c, -1, "output", 1, NULL, o->output, sizeof o->output)) != 0) return rc;
  if ((rc = fs_check_id(c, -1, "industry", 0, "", o->industry, sizeof o->industry)) != 0) return rc;
  if ((rc = fs_check_choice(c, -1, "size", 0, fs_size_class_ids, -1, &o->size)) != 0) return rc;
  if ((rc = fs_check_string(c, -1, "policy", 0, "", o->policy, sizeof o->policy)) != 0) return rc;
  if ((rc = fs_check_time(c, -1, "at", 0, &o->at)) != 0) return rc;
  char why[256] = "";
  const char *field = "output";
  if (known(ud, o, &field, why, sizeof why) != 0) return fs_check_fail(c, field, "%s", why);
  if ((rc = read_source(c, o)) != 0) return rc;
  return fs_check_bool(c, -1, "calibration", 1, 0, &o->calibration);
}

static int read_file(fs_check *c, const char *event, fs_obs_set *out, fs_obs_output_fn known,
                     void *ud) {
  lua_State *L = c->L;
  int rc;
  if (!lua_istable(L, -1)) return fs_check_fail(c, NULL, "expected the file to return a table");
  if ((rc = fs_check_keys(c, -1, file_keys)) != 0) return rc;
  if ((rc = fs_check_id(c, -1, "event", 1, NULL, out->event, sizeof out->event)) != 0) return rc;
  if (strcmp(out->event, event) != 0)
    return fs_check_fail(c, "event", "must be '%s', the file's event (got '%s')", event,
                         out->event);
  if ((rc = fs_check_enter(c, -1, "observations", 1)) != 1) return rc;
  size_t n = lua_rawlen(L, -1);
  rc = 0;
  if (n == 0) rc = fs_check_fail(c, NULL, "lists no observation");
  if (n > FS_OBS_MAX) rc = fs_check_fail(c, NULL, "more than %d observations", FS_OBS_MAX);
  for (size_t i = 0; rc == 0 && i < n; i++) {
    if ((rc = fs_check_enter_index(c, -1, (int64_t) i + 1)) != 1) break;
    fs_obs *o = &out->obs[i];
    rc = read_one(c, o, known, ud);
    for (size_t j = 0; rc == 0 && j < i; j++)
      if (strcmp(out->obs[j].id, o->id) == 0)
        rc = fs_check_fail(c, "id", "'%s' is also observation %zu's", o->id, j + 1);
    fs_check_leave(c);
    out->n = (int) i + 1;
  }
  fs_check_leave(c);
  return rc;
}

typedef struct obs_read {
  const char *event;
  fs_obs_set *out;
  fs_obs_output_fn known;
  void *ud;
} obs_read;

static int read_obs(fs_check *c, void *ud) {
  obs_read *r = ud;
  return read_file(c, r->event, r->out, r->known, r->ud);
}

int fs_obs_load(const char *path, const char *event, const char *models_dir,
                const fs_lua_limits *lim, fs_obs_output_fn known, void *ud, fs_obs_set *out,
                fs_err *err) {
  memset(out, 0, sizeof *out);
  if (snprintf(out->path, sizeof out->path, "%s", path) >= (int) sizeof out->path)
    return fs_err_set(err, FS_EINVAL, "%s: path too long", path);
  obs_read r = {.event = event, .out = out, .known = known, .ud = ud};
  int rc = fs_check_data_file(path, out->path, models_dir, lim, read_obs, &r, err);
  if (rc != 0) out->n = 0;
  return rc;
}
