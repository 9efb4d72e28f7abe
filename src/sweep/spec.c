/* spec.c: what a sweep is: its parameters and ranges (from --param and the
   scenario's params table), design, outputs, and sweep.json, the canonical
   record that --resume and merge read back. */
#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loss/oed.h"
#include "util/ident.h"
#include "util/num.h"
#include "util/suggest.h"
#include "sweep/sweep.h"
#include "util/hash.h"
#include "util/json.h"
#include "util/jsonread.h"
#include "util/alloc.h"

void fs_sweep_fmt(char *buf, size_t cap, double v) {
  if (isnan(v)) {
    snprintf(buf, cap, "%s", "");
    return;
  }
  for (int prec = 15; prec <= 17; prec++) {
    snprintf(buf, cap, "%.*g", prec, v);
    if (strtod(buf, NULL) == v) return;
  }
}

/* A whole-string decimal number, or -1. */
static int parse_num(const char *s, double *out) {
  return fs_num_decimal(s, out);
}

/* One --param against the scenario's declaration. */
static int complete_param(fs_sweep_param *sp, const char *text, const fs_config *cfg, fs_err *err) {
  char name[160];
  const char *eq = strchr(text, '=');
  size_t nl = eq ? (size_t) (eq - text) : strlen(text);
  if (nl == 0 || nl >= sizeof sp->name)
    return fs_err_set(err, FS_EUSAGE, "--param %s: expected NAME, NAME=LO:HI or NAME=LO:HI:STEP",
                      text);
  memcpy(name, text, nl);
  name[nl] = '\0';
  const fs_param *decl = NULL;
  const char *names[FS_MAX_PARAMS];
  for (int i = 0; i < cfg->nparams; i++) {
    names[i] = cfg->params[i].name;
    if (strcmp(cfg->params[i].name, name) == 0) decl = &cfg->params[i];
  }
  if (!decl) {
    char list[1024] = "";
    for (int i = 0; i < cfg->nparams; i++) {
      size_t n = strlen(list);
      snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "", names[i]);
    }
    const char *hint = fs_suggest(name, names, (size_t) cfg->nparams);
    if (cfg->nparams == 0)
      return fs_err_set(err, FS_EUSAGE, "--param %s: the scenario declares no params{}", name);
    return fs_err_set(err, FS_EUSAGE,
                      "--param %s: the scenario has no such parameter%s%s%s (it has: %s)", name,
                      hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "", list);
  }
  memset(sp, 0, sizeof *sp);
  snprintf(sp->name, sizeof sp->name, "%.*s", (int) sizeof sp->name - 1, name);
  snprintf(sp->unit, sizeof sp->unit, "%s", decl->unit);
  sp->integer = decl->integer;
  sp->base = decl->value;
  sp->lo = decl->min;
  sp->hi = decl->max;
  if (eq) {
    char buf[160], *parts[4] = {0};
    snprintf(buf, sizeof buf, "%s", eq + 1);
    int np = 0;
    char *save = NULL;
    for (char *tok = buf; np < 4; tok = NULL) {
      char *t = strtok_r(tok, ":", &save);
      if (!t) break;
      parts[np++] = t;
    }
    double lo, hi, step = 0;
    if (np < 2 || np > 3 || parse_num(parts[0], &lo) || parse_num(parts[1], &hi) ||
        (np == 3 && parse_num(parts[2], &step)))
      return fs_err_set(err, FS_EUSAGE,
                        "--param %s: expected %s=LO:HI or %s=LO:HI:STEP with numbers (got '%s')",
                        name, name, name, eq + 1);
    if (lo > hi)
      return fs_err_set(err, FS_EUSAGE, "--param %s: LO %s is above HI %s", name, parts[0],
                        parts[1]);
    if (np == 3 && !(step > 0))
      return fs_err_set(err, FS_EUSAGE, "--param %s: STEP must be positive (got %s)", name,
                        parts[2]);
    char a[32], b[32];
    fs_sweep_fmt(a, sizeof a, decl->min);
    fs_sweep_fmt(b, sizeof b, decl->max);
    if (lo < decl->min || hi > decl->max)
      return fs_err_set(err, FS_EUSAGE,
                        "--param %s: %s is outside the parameter's declared range [%s, %s] %s",
                        name, lo < decl->min ? parts[0] : parts[1], a, b, decl->unit);
    sp->lo = lo;
    sp->hi = hi;
    sp->step = step;
  }
  if (sp->integer && ceil(sp->lo) > floor(sp->hi))
    return fs_err_set(err, FS_EUSAGE,
                      "--param %s: an integer parameter needs a whole number in [%g, %g]", name,
                      sp->lo, sp->hi);
  return 0;
}

int fs_sweep_spec_set_scenario(fs_sweep_spec *s, const fs_session_opts *o, fs_err *err) {
  const char *models = o->load.models_dir ? o->load.models_dir : "";
  const char *pf = o->portfolio ? o->portfolio : "";
  int rc = fs_path_fmt(s->scenario, sizeof s->scenario, err, "%s", o->load.path);
  if (rc == 0) rc = fs_path_fmt(s->models_dir, sizeof s->models_dir, err, "%s", models);
  if (rc == 0) rc = fs_path_fmt(s->portfolio, sizeof s->portfolio, err, "%s", pf);
  if (rc != 0) return rc;
  s->scale = o->scale;
  s->has_seed = o->load.has_seed;
  s->seed = o->load.seed;
  if (o->load.nsets > 0) memcpy(s->sets, o->load.sets, (size_t) o->load.nsets * sizeof s->sets[0]);
  s->nsets = o->load.nsets;
  s->lua_mem_mib = (int64_t) (o->load.limits.mem_bytes >> 20);
  s->lua_steps = (int64_t) o->load.limits.steps;
  snprintf(s->queue, sizeof s->queue, "%s", fs_queue_kind_name(o->queue));
  return 0;
}

void fs_sweep_session_opts(const fs_sweep_spec *s, const fs_set *sets, int nsets,
                           fs_session_opts *o) {
  fs_session_opts_init(o);
  o->load.path = s->scenario;
  o->load.models_dir = s->models_dir[0] ? s->models_dir : NULL;
  o->load.limits = (fs_lua_limits){(size_t) s->lua_mem_mib << 20, (uint64_t) s->lua_steps};
  o->load.sets = sets;
  o->load.nsets = nsets;
  o->load.has_seed = s->has_seed;
  o->load.seed = s->seed;
  o->scale = s->scale;
  o->portfolio = s->portfolio[0] ? s->portfolio : NULL;
  /* sweep.json's queue was checked when it was read (or came from the
     option's choices). */
  int rc = fs_queue_kind_parse(s->queue, &o->queue);
  assert(rc == 0 && "a sweep's queue is a queue kind");
  (void) rc;
}

int fs_sweep_spec_complete(fs_sweep_spec *s, const fs_sweep_param_arg *args, int nargs,
                           fs_err *err) {
  if (nargs < 1)
    return fs_err_set(err, FS_EUSAGE, "no --param: name at least one parameter to sweep");
  if (nargs > FS_DESIGN_MAX_PARAMS || s->nsets + nargs > FS_MAX_SETS)
    return fs_err_set(err, FS_EUSAGE, "at most %d --param and --set together", FS_MAX_SETS);
  fs_session_opts so;
  fs_sweep_session_opts(s, s->sets, s->nsets, &so);
  fs_session ses;
  int rc = fs_session_open_scenario(&ses, &so, err);
  if (rc != 0) return rc;
  const fs_scenario *sc = &ses.sc;
  const fs_config *cfg = sc->cfg;
  snprintf(s->name, sizeof s->name, "%.*s", (int) sizeof s->name - 1, cfg->name);
  s->scenario_hash = sc->hash;
  s->run_seed = cfg->seed;
  s->d = nargs;
  for (int i = 0; i < nargs && rc == 0; i++) {
    rc = complete_param(&s->params[i], args[i].text, cfg, err);
    for (int j = 0; j < i && rc == 0; j++)
      if (strcmp(s->params[j].name, s->params[i].name) == 0)
        rc = fs_err_set(err, FS_EUSAGE, "--param %s: given twice", s->params[i].name);
    for (int j = 0; j < s->nsets && rc == 0; j++)
      if (strcmp(s->sets[j].name, s->params[i].name) == 0)
        rc = fs_err_set(err, FS_EUSAGE, "--param %s: also fixed by --set %s=%s; sweep it or set it",
                        s->params[i].name, s->sets[j].name, s->sets[j].text);
  }
  if (rc == 0 && s->portfolio[0]) {
    rc = fs_session_check_portfolio(&ses, s->portfolio, err);
    if (rc == 0) rc = fs_oed_hash(s->portfolio, &s->portfolio_hash, err);
  }
  if (rc == 0) fs_sweep_outputs_name(s, cfg);
  if (rc == 0) rc = fs_sweep_spec_seal(s, err);
  fs_session_close(&ses);
  return rc;
}

uint64_t fs_sweep_points_hash(const fs_design *dz) {
  uint64_t h = FS_FNV_BASIS;
  char b[32];
  for (size_t i = 0; i < dz->npoints * (size_t) dz->d; i++) {
    fs_sweep_fmt(b, sizeof b, dz->x[i]);
    h = fs_fnv1a(h, b, strlen(b) + 1);
  }
  return h;
}

size_t fs_sweep_ntasks(const fs_sweep_spec *s, const fs_design *dz) {
  return dz->npoints * (size_t) s->reps;
}

/* ---- sweep.json */

static void jnum(FILE *f, double v) {
  char b[32];
  fs_sweep_fmt(b, sizeof b, v);
  fputs(b[0] && isfinite(v) ? b : "null", f);
}

void fs_sweep_params_json(const fs_sweep_spec *s, FILE *f) {
  fputs("  \"params\": [\n", f);
  for (int j = 0; j < s->d; j++) {
    const fs_sweep_param *p = &s->params[j];
    fputs("    {\"name\": ", f);
    fs_json_str(f, p->name);
    fputs(", \"lo\": ", f);
    jnum(f, p->lo);
    fputs(", \"hi\": ", f);
    jnum(f, p->hi);
    fputs(", \"step\": ", f);
    jnum(f, p->step);
    fprintf(f, ", \"integer\": %s, \"base\": ", p->integer ? "true" : "false");
    jnum(f, p->base);
    fputs(", \"unit\": ", f);
    fs_json_str(f, p->unit);
    fputs(j + 1 < s->d ? "},\n" : "}\n", f);
  }
  fputs("  ],\n  \"outputs\": [", f);
  for (int k = 0; k < s->noutputs; k++) {
    if (k) fputs(", ", f);
    fs_json_str(f, s->outputs[k]);
  }
  fputs("],\n  \"primary_output\": ", f);
  fs_json_str(f, s->outputs[s->primary]);
  fputs(",\n", f);
}

static void write_body(const fs_sweep_spec *s, FILE *f) {
  fputs("{\n  \"format\": \"fleetsim-sweep/1\",\n  \"scenario\": {\"path\": ", f);
  fs_json_str(f, s->scenario);
  fputs(", \"name\": ", f);
  fs_json_str(f, s->name);
  fprintf(f, ", \"hash\": \"%016" PRIx64 "\"},\n  \"models_dir\": ", s->scenario_hash);
  fs_json_str(f, s->models_dir);
  fputs(",\n  \"portfolio\": ", f);
  if (s->portfolio[0]) {
    fputs("{\"path\": ", f);
    fs_json_str(f, s->portfolio);
    fprintf(f, ", \"hash\": \"%016" PRIx64 "\"}", s->portfolio_hash);
  } else {
    fputs("null", f);
  }
  fputs(",\n  \"scale\": ", f);
  jnum(f, s->scale);
  fprintf(f, ",\n  \"seed\": %" PRIu64 ",\n  \"seed_given\": %s,\n  \"sets\": [", s->run_seed,
          s->has_seed ? "true" : "false");
  for (int i = 0; i < s->nsets; i++) {
    fputs(i ? ", {\"name\": " : "{\"name\": ", f);
    fs_json_str(f, s->sets[i].name);
    fputs(", \"value\": ", f);
    jnum(f, s->sets[i].value);
    fputs("}", f);
  }
  fprintf(f,
          "],\n  \"lua_mem_mib\": %" PRId64 ",\n  \"lua_steps\": %" PRId64
          ",\n  \"queue\": \"%s\",\n  \"design\": \"%s\",\n  \"n\": %zu,\n"
          "  \"replications\": %d,\n  \"oat\": %s,\n  \"by_industry\": %s,\n"
          "  \"bootstrap\": %d,\n",
          s->lua_mem_mib, s->lua_steps, s->queue, fs_design_kind_name(s->design), s->n, s->reps,
          s->oat ? "true" : "false", s->by_industry ? "true" : "false", s->nboot);
  if (s->design == FS_DESIGN_LIST)
    fprintf(f, "  \"points_hash\": \"%016" PRIx64 "\",\n", s->points_hash);
  if (s->independent) fputs("  \"independent_points\": true,\n", f);
  fs_sweep_params_json(s, f);
}

/* The body (everything before the fingerprint) in a new buffer. */
static char *body_text(const fs_sweep_spec *s, size_t *len) {
  char *buf = NULL;
  FILE *f = fs_open_memstream(&buf, len);
  if (!f) return NULL;
  write_body(s, f);
  if (fclose(f) != 0) {
    free(buf);
    return NULL;
  }
  return buf;
}

int fs_sweep_spec_seal(fs_sweep_spec *s, fs_err *err) {
  size_t len = 0;
  char *b = body_text(s, &len);
  if (!b) return fs_err_set(err, FS_ENOMEM, "out of memory for sweep.json");
  s->fingerprint = fs_fnv1a(FS_FNV_BASIS, b, len);
  free(b);
  return 0;
}

int fs_sweep_spec_write(const fs_sweep_spec *s, FILE *f, fs_err *err) {
  size_t len = 0;
  char *b = body_text(s, &len);
  if (!b) return fs_err_set(err, FS_ENOMEM, "out of memory");
  fwrite(b, 1, len, f);
  fprintf(f, "  \"fingerprint\": \"%016" PRIx64 "\"\n}\n", fs_fnv1a(FS_FNV_BASIS, b, len));
  free(b);
  return 0;
}

/* ---- Reading sweep.json back */

typedef struct reader {
  const char *path;
  fs_err *err;
  int rc;
} reader;

static const fs_jval *need(reader *r, const fs_jval *obj, const char *key, fs_jkind kind) {
  const fs_jval *v = fs_jread_get(obj, key);
  static const char *const kinds[] = {"null",     "a boolean", "a number",
                                      "a string", "an array",  "an object"};
  if (r->rc == 0 && (!v || v->kind != kind))
    r->rc = fs_err_set(r->err, FS_EINVAL, "%s: %s: expected %s", r->path, key, kinds[kind]);
  return r->rc == 0 ? v : NULL;
}

static void get_str(reader *r, const fs_jval *obj, const char *key, char *out, size_t cap) {
  const fs_jval *v = need(r, obj, key, FS_JSTR);
  if (v && strlen(v->str) >= cap)
    r->rc = fs_err_set(r->err, FS_EINVAL, "%s: %s: longer than %zu bytes", r->path, key, cap - 1);
  else if (v)
    snprintf(out, cap, "%s", v->str);
}

static double get_num(reader *r, const fs_jval *obj, const char *key) {
  const fs_jval *v = need(r, obj, key, FS_JNUM);
  return v ? v->num : 0;
}

/* A whole number in [lo, hi], checked before any conversion. */
static double get_whole(reader *r, const fs_jval *obj, const char *key, double lo, double hi) {
  double v = get_num(r, obj, key);
  if (r->rc == 0 && !(v >= lo && v <= hi && v == floor(v)))
    r->rc = fs_err_set(r->err, FS_EINVAL, "%s: %s: expected a whole number in [%.17g, %.17g]",
                       r->path, key, lo, hi);
  return r->rc == 0 ? v : lo;
}

static int get_bool(reader *r, const fs_jval *obj, const char *key) {
  const fs_jval *v = need(r, obj, key, FS_JBOOL);
  return v ? v->b : 0;
}

/* A name that becomes a CSV column, a chart's file name or a gnuplot
   label: the identifier grammar, as the scenario loader checks it. */
static void get_ident(reader *r, const fs_jval *obj, const char *key, char *out, size_t cap) {
  get_str(r, obj, key, out, cap);
  if (r->rc == 0 && !fs_ident_ok(out, strlen(out))) {
    char shown[96];
    fs_ident_show(out, shown, sizeof shown);
    r->rc = fs_err_set(r->err, FS_EINVAL, "%s: %s: \"%s\" is not a name (%s)", r->path, key, shown,
                       FS_IDENT_RULE);
  }
}

/* A hash as fleetsim writes it: exactly 16 lowercase hexadecimal digits. */
static uint64_t get_hex(reader *r, const fs_jval *obj, const char *key) {
  char buf[40] = "";
  get_str(r, obj, key, buf, sizeof buf);
  if (r->rc == 0 && (strlen(buf) != 16 || strspn(buf, "0123456789abcdef") != 16))
    r->rc = fs_err_set(r->err, FS_EINVAL, "%s: %s: expected 16 hexadecimal digits", r->path, key);
  return r->rc == 0 ? strtoull(buf, NULL, 16) : 0;
}

int fs_sweep_spec_read(fs_sweep_spec *s, const char *path, fs_err *err) {
  fs_jval *root = NULL;
  int rc = fs_jread_file(&root, path, err);
  if (rc != 0) return rc;
  memset(s, 0, sizeof *s);
  reader r = {path, err, 0};
  char format[64] = "", design[32] = "", fp[40] = "";
  get_str(&r, root, "format", format, sizeof format);
  if (r.rc == 0 && strcmp(format, "fleetsim-sweep/1") != 0)
    r.rc = fs_err_set(err, FS_EINVAL, "%s: format: expected \"fleetsim-sweep/1\" (got \"%s\")",
                      path, format);
  const fs_jval *scn = need(&r, root, "scenario", FS_JOBJ);
  get_str(&r, scn, "path", s->scenario, sizeof s->scenario);
  get_ident(&r, scn, "name", s->name, sizeof s->name);
  s->scenario_hash = get_hex(&r, scn, "hash");
  get_str(&r, root, "models_dir", s->models_dir, sizeof s->models_dir);
  const fs_jval *pf = fs_jread_get(root, "portfolio");
  if (pf && pf->kind == FS_JOBJ) {
    get_str(&r, pf, "path", s->portfolio, sizeof s->portfolio);
    s->portfolio_hash = get_hex(&r, pf, "hash");
  }
  s->scale = get_num(&r, root, "scale");
  const fs_jval *seed = need(&r, root, "seed", FS_JNUM);
  if (seed && fs_num_u64(fs_jread_numtext(seed, ""), &s->seed) != 0)
    r.rc = fs_err_set(err, FS_EINVAL, "%s: seed: expected a whole number in [0, 2^64)", path);
  s->run_seed = s->seed;
  s->has_seed = get_bool(&r, root, "seed_given");
  const fs_jval *sets = need(&r, root, "sets", FS_JARR);
  for (size_t i = 0; sets && i < sets->n && i < FS_MAX_SETS && r.rc == 0; i++) {
    fs_set *x = &s->sets[s->nsets++];
    get_ident(&r, &sets->items[i], "name", x->name, sizeof x->name);
    x->value = get_num(&r, &sets->items[i], "value");
    fs_sweep_fmt(x->text, sizeof x->text, x->value);
  }
  s->lua_mem_mib = (int64_t) get_whole(&r, root, "lua_mem_mib", 1, FS_LUA_MEM_MAX_MIB);
  s->lua_steps = (int64_t) get_whole(&r, root, "lua_steps", FS_LUA_STEPS_MIN, FS_LUA_STEPS_MAX);
  get_str(&r, root, "queue", s->queue, sizeof s->queue);
  fs_queue_kind qk;
  if (r.rc == 0 && fs_queue_kind_parse(s->queue, &qk) != 0)
    r.rc =
        fs_err_set(err, FS_EINVAL, "%s: queue: unknown pending-event set \"%s\"", path, s->queue);
  get_str(&r, root, "design", design, sizeof design);
  if (r.rc == 0 && fs_design_kind_parse(design, &s->design) != 0)
    r.rc = fs_err_set(err, FS_EINVAL, "%s: design: unknown design \"%s\"", path, design);
  s->n = (size_t) get_whole(&r, root, "n", 1, FS_DESIGN_MAX_POINTS);
  s->reps = (int) get_whole(&r, root, "replications", 1, FS_SWEEP_MAX_REPS);
  s->oat = get_bool(&r, root, "oat");
  s->by_industry = get_bool(&r, root, "by_industry");
  s->nboot = (int) get_whole(&r, root, "bootstrap", 0, FS_SWEEP_MAX_BOOTSTRAP);
  if (s->design == FS_DESIGN_LIST) s->points_hash = get_hex(&r, root, "points_hash");
  if (fs_jread_get(root, "independent_points"))
    s->independent = get_bool(&r, root, "independent_points");
  const fs_jval *params = need(&r, root, "params", FS_JARR);
  if (params && (params->n < 1 || params->n > FS_DESIGN_MAX_PARAMS))
    r.rc = fs_err_set(err, FS_EINVAL, "%s: params: expected 1 to %d parameters", path,
                      FS_DESIGN_MAX_PARAMS);
  for (size_t j = 0; params && j < params->n && r.rc == 0; j++) {
    const fs_jval *o = &params->items[j];
    fs_sweep_param *p = &s->params[s->d++];
    get_ident(&r, o, "name", p->name, sizeof p->name);
    p->lo = get_num(&r, o, "lo");
    p->hi = get_num(&r, o, "hi");
    p->step = get_num(&r, o, "step");
    p->integer = get_bool(&r, o, "integer");
    p->base = get_num(&r, o, "base");
    get_str(&r, o, "unit", p->unit, sizeof p->unit);
  }
  const fs_jval *outs = need(&r, root, "outputs", FS_JARR);
  if (outs && (outs->n < 1 || outs->n > FS_SWEEP_OUTPUTS_CAP))
    r.rc = fs_err_set(err, FS_EINVAL, "%s: outputs: expected 1 to %d names", path,
                      FS_SWEEP_OUTPUTS_CAP);
  for (size_t k = 0; outs && k < outs->n && r.rc == 0; k++) {
    if (outs->items[k].kind != FS_JSTR ||
        !fs_ident_ok(outs->items[k].str, strlen(outs->items[k].str)) ||
        strlen(outs->items[k].str) >= sizeof s->outputs[0])
      r.rc = fs_err_set(err, FS_EINVAL, "%s: outputs[%zu]: expected a name (%s, at most %zu bytes)",
                        path, k, FS_IDENT_RULE, sizeof s->outputs[0] - 1);
    else
      snprintf(s->outputs[s->noutputs++], sizeof s->outputs[0], "%s", outs->items[k].str);
  }
  char primary[80] = "";
  get_str(&r, root, "primary_output", primary, sizeof primary);
  s->primary = -1;
  for (int k = 0; k < s->noutputs; k++)
    if (strcmp(s->outputs[k], primary) == 0) s->primary = k;
  if (r.rc == 0 && s->primary < 0)
    r.rc = fs_err_set(err, FS_EINVAL, "%s: primary_output: \"%s\" is not among the outputs", path,
                      primary);
  get_str(&r, root, "fingerprint", fp, sizeof fp);
  if (r.rc == 0 && !(s->scale >= FS_FLEET_MIN_SCALE && s->scale <= FS_FLEET_FULL_SCALE))
    r.rc = fs_err_set(err, FS_EINVAL, "%s: scale: expected a number in [%g, %g]", path,
                      FS_FLEET_MIN_SCALE, FS_FLEET_FULL_SCALE);
  if (r.rc == 0) r.rc = fs_sweep_spec_seal(s, err);
  if (r.rc == 0) {
    char want[40];
    snprintf(want, sizeof want, "%016" PRIx64, s->fingerprint);
    if (strcmp(want, fp) != 0)
      r.rc = fs_err_set(err, FS_EINVAL,
                        "%s: fingerprint %s does not match the contents (%s): the file was edited "
                        "or is damaged",
                        path, fp, want);
  }
  fs_jread_free(root);
  return r.rc;
}

int fs_sweep_check_inputs(const fs_sweep_spec *s, fs_err *err) {
  uint64_t h;
  int rc = fs_fnv1a_file(s->scenario, &h, err);
  if (rc != 0) return rc;
  if (h != s->scenario_hash)
    return fs_err_set(err, FS_EINVAL,
                      "%s: the scenario changed since the sweep started (hash %016" PRIx64
                      ", sweep.json has %016" PRIx64 "); its finished tasks would not match",
                      s->scenario, h, s->scenario_hash);
  if (!s->portfolio[0]) return 0;
  if ((rc = fs_oed_hash(s->portfolio, &h, err)) != 0) return rc;
  if (h != s->portfolio_hash)
    return fs_err_set(err, FS_EINVAL,
                      "%s: the portfolio changed since the sweep started; its finished tasks "
                      "would not match",
                      s->portfolio);
  return 0;
}
