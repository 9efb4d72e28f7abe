/* args.c: the command-line option parser. */
#include "cli/args.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "util/num.h"
#include "util/suggest.h"
#include "cli/common.h"

static const fs_opt *find_opt(const fs_cmd_spec *spec, const char *name, size_t len) {
  for (int i = 0; i < spec->nopts; i++) {
    const fs_opt *o = &spec->opts[i];
    if (strlen(o->name) == len && strncmp(o->name, name, len) == 0) return o;
    if (o->alias && strlen(o->alias) == len && strncmp(o->alias, name, len) == 0) return o;
  }
  return NULL;
}

static int set_value(const fs_opt *o, const char *v, fs_err *err) {
  switch (o->kind) {
  case FS_OPT_FLAG:
    *(int *) o->dest = 1;
    return 0;
  case FS_OPT_INT: {
    long long x;
    if (fs_num_ll(v, LLONG_MIN, LLONG_MAX, &x) != 0)
      return fs_err_set(err, FS_EUSAGE, "%s: expected an integer (got '%s')", o->name, v);
    if ((double) x < o->min || (double) x > o->max)
      return fs_err_set(err, FS_EUSAGE, "%s: must be in [%.17g, %.17g] (got %s)", o->name, o->min,
                        o->max, v);
    *(int64_t *) o->dest = x;
    return 0;
  }
  case FS_OPT_UINT64: {
    uint64_t x;
    if (fs_num_u64(v, &x) != 0)
      return fs_err_set(err, FS_EUSAGE,
                        "%s: expected a non-negative 64-bit decimal integer (got '%s')", o->name,
                        v);
    *(uint64_t *) o->dest = x;
    return 0;
  }
  case FS_OPT_DOUBLE: {
    double x;
    if (fs_num_decimal(v, &x) != 0)
      return fs_err_set(err, FS_EUSAGE, "%s: expected a decimal number (got '%s')", o->name, v);
    if (x < o->min || x > o->max)
      return fs_err_set(err, FS_EUSAGE, "%s: must be in [%g, %g] (got %s)", o->name, o->min, o->max,
                        v);
    *(double *) o->dest = x;
    return 0;
  }
  case FS_OPT_STRING:
    if (!*v) return fs_err_set(err, FS_EUSAGE, "%s: expected a non-empty value", o->name);
    *(const char **) o->dest = v;
    return 0;
  case FS_OPT_CHOICE: {
    for (const char *const *c = o->choices; *c; c++) {
      if (strcmp(*c, v) == 0) {
        *(const char **) o->dest = v;
        return 0;
      }
    }
    char list[256] = "";
    for (const char *const *c = o->choices; *c; c++) {
      if (c != o->choices) strncat(list, "|", sizeof list - strlen(list) - 1);
      strncat(list, *c, sizeof list - strlen(list) - 1);
    }
    return fs_err_set(err, FS_EUSAGE, "%s: must be one of %s (got '%s')", o->name, list, v);
  }
  case FS_OPT_LIST: {
    int rc = o->add(o->ctx, v, err);
    if (rc != 0) {
      fs_err_prefix(err, "%s", o->name);
      err->code = FS_EUSAGE;
      return FS_EUSAGE;
    }
    return 0;
  }
  }
  return fs_err_set(err, FS_EUSAGE, "%s: unsupported option kind", o->name);
}

/* "unknown option '--sclae' (did you mean '--scale'?)" */
static int unknown_option(const fs_cmd_spec *spec, const char *a, size_t len, fs_err *err) {
  char word[64];
  snprintf(word, sizeof word, "%.*s", (int) (len < sizeof word ? len : sizeof word - 1), a);
  const char *names[FS_ARGS_MAX_OPTS];
  size_t n = 0;
  for (int i = 0; i < spec->nopts && n < FS_ARGS_MAX_OPTS; i++) names[n++] = spec->opts[i].name;
  const char *near = fs_suggest(word, names, n);
  if (near)
    return fs_err_set(err, FS_EUSAGE, "unknown option '%.*s' (did you mean '%s'?)", (int) len, a,
                      near);
  return fs_err_set(err, FS_EUSAGE, "unknown option '%.*s'", (int) len, a);
}

int fs_args_parse(const fs_cmd_spec *spec, int argc, char **argv, char **pos, int *npos,
                  fs_err *err) {
  *npos = 0;
  int only_pos = 0;
  for (int i = 0; i < argc; i++) {
    char *a = argv[i];
    if (only_pos || a[0] != '-' || a[1] == '\0') {
      if (*npos >= spec->max_pos) return fs_err_set(err, FS_EUSAGE, "unexpected argument '%s'", a);
      pos[(*npos)++] = a;
      continue;
    }
    if (strcmp(a, "--") == 0) {
      only_pos = 1;
      continue;
    }
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      fs_args_help(spec, stdout);
      return 1;
    }
    const char *eq = strchr(a, '=');
    size_t len = eq ? (size_t) (eq - a) : strlen(a);
    const fs_opt *o = find_opt(spec, a, len);
    const char *inline_val = eq ? eq + 1 : NULL;
    /* Short options also take an attached value: -j4. */
    if (!o && a[1] != '-' && strlen(a) > 2) {
      o = find_opt(spec, a, 2);
      if (o && o->kind != FS_OPT_FLAG)
        inline_val = a + 2;
      else
        o = NULL;
    }
    if (!o) return unknown_option(spec, a, len, err);
    if (o->seen) *o->seen = 1;
    if (spec->given) spec->given[o - spec->opts] = 1;
    if (o->kind == FS_OPT_FLAG) {
      if (inline_val) return fs_err_set(err, FS_EUSAGE, "%s: takes no value", o->name);
      *(int *) o->dest = 1;
      continue;
    }
    const char *v = inline_val;
    if (!v) {
      if (i + 1 >= argc) return fs_err_set(err, FS_EUSAGE, "%s: missing value", o->name);
      v = argv[++i];
    }
    int rc = set_value(o, v, err);
    if (rc != 0) return rc;
  }
  if (*npos < spec->min_pos)
    return fs_err_set(err, FS_EUSAGE, "missing argument (%s)", spec->usage);
  return 0;
}

void fs_args_help(const fs_cmd_spec *spec, FILE *out) {
  fprintf(out, "usage: %s %s\n\n%s\n", spec->prog, spec->usage, spec->summary);
  if (spec->nopts > 0) fprintf(out, "\noptions:\n");
  for (int i = 0; i < spec->nopts; i++) {
    const fs_opt *o = &spec->opts[i];
    char head[96];
    if (o->alias)
      snprintf(head, sizeof head, "%s, %s%s%s", o->alias, o->name, o->metavar ? " " : "",
               o->metavar ? o->metavar : "");
    else
      snprintf(head, sizeof head, "%s%s%s", o->name, o->metavar ? " " : "",
               o->metavar ? o->metavar : "");
    fprintf(out, "  %-26s %s\n", head, o->help);
  }
  fprintf(out, "  %-26s %s\n", "-h, --help", "show this help");
  if (spec->details && *spec->details) fprintf(out, "\n%s\n", spec->details);
}

int fs_args_fail(const fs_cmd_spec *spec, const fs_err *err) {
  fs_cli_eprintf("%s: %s\nusage: %s %s\nTry '%s --help' for more information.\n", spec->prog,
                 err->msg, spec->prog, spec->usage, spec->prog);
  return 2;
}
