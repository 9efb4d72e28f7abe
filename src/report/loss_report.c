/* loss_report.c: fleetsim report DIR --kind loss: read and check every table, draw the charts,
 * write loss_report.html, convert it to loss_report.pdf. */
#include "report/loss_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "report/loss_impl.h"
#include "report/plot_impl.h"
#include "util/alloc.h"
#include "util/manifest.h"
#include "util/path.h"

/* Reads dir/name, a regular file (not a link), into *out; 1 when there is
   none. */
static int read_json(const char *dir, const char *name, fs_jval **out, fs_err *err) {
  char path[FS_PATH_MAX];
  int rc = fs_plot__input(dir, name, path, sizeof path, err);
  return rc ? rc : fs_jread_file(out, path, err);
}

/* The manifest, and a run's summary.json and graph.json (a broken
   graph.json costs only its chart, as in fs_report_render). */
static int read_folder(fs_loss_doc *doc, fs_err *err) {
  static const char not_results[] =
      "%s: not a fleetsim results folder (no manifest.json; the loss report reads a folder of "
      "'fleetsim run --portfolio FILE' or of 'fleetsim catalog run --portfolio FILE')";
  const char *dir = doc->dir;
  int rc = read_json(dir, "manifest.json", &doc->manifest, err);
  if (rc == 1) return fs_err_set(err, FS_EINVAL, not_results, dir);
  char path[FS_PATH_MAX];
  const char *kind = NULL;
  if (rc == 0) rc = fs_path_join(path, sizeof path, dir, "manifest.json", err);
  if (rc == 0) rc = fs_manifest_check(doc->manifest, path, &kind, err);
  if (rc != 0) return rc;
  doc->catalog = strcmp(kind, "catalog-run") == 0;
  if (!doc->catalog && strcmp(kind, "run") != 0)
    return fs_err_set(err, FS_EINVAL,
                      "%s: a \"%s\" folder has no loss report (only a run folder made with "
                      "--portfolio and a catalogue run folder with portfolios have one)",
                      path, kind);
  if (doc->catalog) return 0;
  if ((rc = read_json(dir, "summary.json", &doc->summary, err)) == 1)
    return fs_err_set(err, FS_EINVAL, "%s: a run folder without summary.json", dir);
  if (rc != 0) return rc;
  fs_err gerr = {0};
  if (read_json(dir, "graph.json", &doc->graph, &gerr) < 0) {
    doc->graph = NULL;
    if (gerr.code != FS_EINVAL && gerr.code != FS_ELIMIT) {
      *err = gerr;
      return gerr.code;
    }
  }
  return 0;
}

/* The folder's own charts (so that plots/, which the session replaces
   whole, keeps report.html's) and the loss report's, committed to plots/. */
static int draw(fs_plot *p, const fs_loss_doc *doc, unsigned formats, fs_err *err) {
  int rc = fs_plot_begin(p, doc->dir, formats, err);
  if (rc == 0) {
    rc = doc->catalog ? fs_plot_catalog_all(p, doc->manifest, err)
                      : fs_plot_all(p, doc->summary, doc->graph, err);
    if (rc == 0) rc = fs_loss__charts(p, doc, err);
    fs_plot_finish(p); /* reap whatever started, error or not */
  }
  if (rc == 0) rc = fs_plot_commit(p, err);
  fs_plot_abort(p); /* the charts' folder, unless committed */
  return rc;
}

int fs_loss_report_render(const char *dir, unsigned formats, fs_loss_report_info *info,
                          fs_err *err) {
  memset(info, 0, sizeof *info);
  struct stat st;
  if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
    return fs_err_set(err, FS_EINVAL, "%s: no such folder", dir);
  fs_loss_doc *doc = fs_calloc(1, sizeof *doc);
  fs_plot *p = fs_calloc(1, sizeof *p);
  int rc = doc && p ? 0 : fs_err_set(err, FS_ENOMEM, "out of memory");
  if (rc == 0) {
    doc->dir = dir;
    rc = read_folder(doc, err);
  }
  /* Everything the page shows is read and checked before anything is
     written: a malformed table leaves the folder as it was. */
  if (rc == 0) rc = fs_loss__load(doc, err);
  if (rc == 0) rc = draw(p, doc, formats, err);
  if (rc == 0 && (formats & FS_FMT_HTML)) rc = fs_loss__write_page(doc, p, err);
  if (rc == 0 && (formats & FS_FMT_HTML)) {
    int state = FS_LOSS_PDF_NONE;
    rc = fs_loss__pdf(dir, &state, info->converter, sizeof info->converter, info->note,
                      sizeof info->note, err);
    info->pdf = (fs_loss_pdf_state) state;
    if (rc == 0 && info->pdf == FS_LOSS_PDF_FAILED)
      rc = fs_err_set(err, FS_EIO,
                      "%s/loss_report.pdf not written: %s (loss_report.html is written; the old "
                      "PDF, which no longer matched it, is removed)",
                      dir, info->note);
  }
  if (p && doc && doc->manifest) fs_report__tally(p, &info->charts);
  if (doc) {
    fs_loss__free(doc);
    fs_jread_free(doc->manifest);
    fs_jread_free(doc->summary);
    fs_jread_free(doc->graph);
  }
  free(doc);
  free(p);
  return rc;
}
