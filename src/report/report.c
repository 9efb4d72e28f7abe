/* report.c: one entry point that reads a results folder, draws its charts and writes its report. */
#include "report/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/html.h"
#include "report/plot_impl.h"
#include "util/manifest.h"
#include "util/path.h"
#include "util/alloc.h"

/* Reads dir/name, a regular file (not a link: fs_plot__input), into *out.
   1 when there is none. */
static int read_json(const char *dir, const char *name, fs_jval **out, fs_err *err) {
  char path[FS_PATH_MAX];
  int rc = fs_plot__input(dir, name, path, sizeof path, err);
  return rc ? rc : fs_jread_file(out, path, err);
}

void fs_report__tally(const fs_plot *p, fs_report_info *info) {
  snprintf(info->skip, sizeof info->skip, "%s", p->skip);
  for (int i = 0; i < p->ncharts; i++) {
    const fs_chart *c = &p->charts[i];
    info->charts++;
    if (c->state == FS_CHART_RENDERED) info->rendered++;
    if (c->state == FS_CHART_NODATA) info->nodata++;
    if (c->state == FS_CHART_FAILED) info->cut += c->cut;
    if (c->state == FS_CHART_FAILED && !info->failed++)
      snprintf(info->first_failure, sizeof info->first_failure, "%s: %s", c->name, c->note);
  }
}

/* A folder with charts and a page of its own kind: a sweep (manifest.json
   "kind": "sweep") or a catalogue run ("catalog-run"). */
typedef struct folder_kind {
  int (*charts)(fs_plot *p, const fs_jval *manifest, fs_err *err);
  int (*page)(const char *dir, const fs_plot *p, const fs_jval *manifest, fs_err *err);
} folder_kind;

static int render_kind(const char *dir, unsigned formats, const fs_jval *manifest,
                       const folder_kind *k, fs_report_info *info, fs_err *err) {
  fs_plot *p = fs_calloc(1, sizeof *p);
  if (!p) return fs_err_set(err, FS_ENOMEM, "out of memory");
  int rc = fs_plot_begin(p, dir, formats, err);
  if (rc == 0) {
    rc = k->charts(p, manifest, err);
    fs_plot_finish(p); /* reap whatever started, error or not */
  }
  if (rc == 0) rc = fs_plot_commit(p, err);
  fs_plot_abort(p); /* the charts' folder, unless committed */
  if (rc == 0 && (formats & FS_FMT_HTML)) rc = k->page(dir, p, manifest, err);
  fs_report__tally(p, info);
  free(p);
  return rc;
}

int fs_report_render(const char *dir, unsigned formats, fs_report_info *info, fs_err *err) {
  memset(info, 0, sizeof *info);
  struct stat st;
  if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
    return fs_err_set(err, FS_EINVAL, "%s: no such folder", dir);
  static const char not_results[] =
      "%s: not a fleetsim results folder (manifest.json and summary.json are missing; make "
      "one with 'fleetsim run', a sweep folder with 'fleetsim sweep' or a catalogue run "
      "folder with 'fleetsim catalog run')";
  fs_jval *manifest = NULL, *summary = NULL, *graph = NULL;
  int rc = read_json(dir, "manifest.json", &manifest, err);
  if (rc == 1) return fs_err_set(err, FS_EINVAL, not_results, dir);
  const char *kind = NULL;
  char path[FS_PATH_MAX];
  if (rc == 0) rc = fs_path_join(path, sizeof path, dir, "manifest.json", err);
  if (rc == 0) rc = fs_manifest_check(manifest, path, &kind, err);
  static const folder_kind sweep = {fs_plot_sweep_all, fs_html_write_sweep},
                           catalog = {fs_plot_catalog_all, fs_html_write_catalog};
  const folder_kind *k = rc != 0                            ? NULL
                         : strcmp(kind, "sweep") == 0       ? &sweep
                         : strcmp(kind, "catalog-run") == 0 ? &catalog
                                                            : NULL;
  if (k) {
    rc = render_kind(dir, formats, manifest, k, info, err);
    fs_jread_free(manifest);
    return rc;
  }
  if (rc == 0 && strcmp(kind, "run") != 0)
    rc = fs_err_set(err, FS_EINVAL,
                    "%s: a \"%s\" folder has no report (only run, sweep and catalog-run do)", path,
                    kind);
  if (rc == 0 && (rc = read_json(dir, "summary.json", &summary, err)) == 1)
    rc = fs_err_set(err, FS_EINVAL, not_results, dir);
  /* graph.json comes from the dependency-graph analysis; a broken one costs
     its chart and section, not the report. */
  fs_err gerr = {0};
  if (rc == 0 && read_json(dir, "graph.json", &graph, &gerr) < 0) {
    graph = NULL;
    /* Out of memory or unreadable is not a broken file: an error. */
    if (gerr.code != FS_EINVAL && gerr.code != FS_ELIMIT) {
      *err = gerr;
      rc = gerr.code;
    }
  }
  fs_plot *p = NULL;
  if (rc == 0) {
    p = fs_calloc(1, sizeof *p);
    if (!p) rc = fs_err_set(err, FS_ENOMEM, "out of memory");
  }
  if (rc == 0) rc = fs_plot_begin(p, dir, formats, err);
  if (rc == 0) {
    rc = fs_plot_all(p, summary, graph, err);
    fs_plot_finish(p); /* reap whatever started, error or not */
  }
  if (rc == 0) rc = fs_plot_commit(p, err);
  if (p) fs_plot_abort(p); /* the charts' folder, unless committed */
  if (rc == 0 && (formats & FS_FMT_HTML))
    rc = fs_html_write(dir, p, manifest, summary, graph, gerr.code ? gerr.msg : NULL, err);
  if (p) fs_report__tally(p, info);
  free(p);
  fs_jread_free(manifest);
  fs_jread_free(summary);
  fs_jread_free(graph);
  return rc;
}

int fs_report_for_run(const char *dir, int skip, int quiet, const char *prog) {
  if (skip) return 0;
  fs_report_info info;
  fs_err err = {0};
  if (fs_report_render(dir, FS_FMT_DEFAULT, &info, &err) != 0) {
    fprintf(stderr, "%s: no report: %s\n", prog, err.msg);
    return 1;
  }
  if (info.skip[0] && !quiet) fprintf(stderr, "%s: plots skipped: %s\n", prog, info.skip);
  if (info.failed)
    fprintf(stderr, "%s: %s%d chart(s) failed; first: %s\n", prog,
            info.cut ? "" : "warning: ", info.failed, info.first_failure);
  return info.cut ? 1 : 0;
}
