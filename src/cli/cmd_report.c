/* cmd_report.c: `fleetsim report`: plots and report.html again from an existing results folder. */
#include <stdio.h>
#include <string.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/help.h"
#include "report/report.h"
#include "report/loss_report.h"
#include "calibrate/report.h"
#include "cli/common.h"
#include "util/manifest.h"

/* --kind loss: loss_report.html and loss_report.pdf (report/loss_report.h). */
static int report_loss(const char *dir, unsigned fmt, int quiet) {
  fs_loss_report_info li;
  fs_err err = {0};
  int rc = fs_loss_report_render(dir, fmt, &li, &err);
  const fs_report_info *info = &li.charts;
  if (info->skip[0]) fs_cli_eprintf("fleetsim report: plots skipped: %s\n", info->skip);
  if (info->failed)
    fs_cli_eprintf("fleetsim report: %d chart(s) failed; first: %s\n", info->failed,
                   info->first_failure);
  if (rc != 0) {
    fs_cli_eprintf("fleetsim report: %s\n", err.msg);
    return 1;
  }
  if (li.pdf == FS_LOSS_PDF_SKIPPED)
    fs_cli_eprintf("fleetsim report: warning: PDF skipped: %s\n", li.note);
  if (!quiet) {
    printf("%s: %d of %d charts drawn", dir, info->rendered, info->charts - info->nodata);
    if (info->nodata) printf(" (%d without data)", info->nodata);
    if (fmt & FS_FMT_HTML) printf("; loss report: %s/loss_report.html", dir);
    if (li.pdf == FS_LOSS_PDF_WRITTEN) printf(", %s/loss_report.pdf (%s)", dir, li.converter);
    printf("\n");
  }
  return info->cut ? 1 : 0;
}

/* Whether dir is a calibration folder (manifest.json "kind": "calibration"):
   its report is calibrate/'s, which report/ cannot call (it comes before
   calibrate in the layers). 1 or 0; FS_ENOMEM when the manifest could not
   be read for want of memory. Any other failure is 0: fs_report_render
   reads the manifest again and says what is wrong with it. */
static int is_calibration(const char *dir, fs_err *err) {
  char path[FS_PATH_MAX];
  fs_jval *m = NULL;
  const char *kind = NULL;
  int rc = fs_path_join(path, sizeof path, dir, "manifest.json", err);
  if (rc == 0) rc = fs_jread_file(&m, path, err);
  int yes =
      rc == 0 && fs_manifest_check(m, path, &kind, err) == 0 && strcmp(kind, "calibration") == 0;
  fs_jread_free(m);
  return rc == FS_ENOMEM ? rc : yes;
}

/* A calibration folder: its plots and calibration.html (calibrate/report.h). */
static int report_calibration(const char *dir, int quiet) {
  fs_err err = {0};
  if (fs_calibrate_report(dir, &err) != 0) {
    fs_cli_eprintf("fleetsim report: %s\n", err.msg);
    return 1;
  }
  if (!quiet) printf("%s: calibration report: %s/calibration.html\n", dir, dir);
  return 0;
}

int fs_cmd_report(int argc, char **argv) {
  const char *formats = "html,svg,png";
  int quiet = 0;
  const char *kind = "auto";
  static const char *const kinds[] = {"auto", "loss", NULL};
  const fs_opt opts[] = {
      {"--kind", NULL, FS_OPT_CHOICE, "KIND",
       "auto: the folder's report.html (calibration.html of a calibration folder); loss: "
       "loss_report.html and .pdf (auto)",
       0, 0, kinds, &kind},
      {"--format", "-f", FS_OPT_STRING, "LIST",
       "what to draw: html,svg,png,pdf, comma-separated (html,svg,png)", 0, 0, NULL, &formats},
      {"--quiet", "-q", FS_OPT_FLAG, NULL, "print nothing but errors", 0, 0, NULL, &quiet},
  };
  const fs_cmd_spec spec =
      fs_cli_spec("fleetsim report", opts, (int) (sizeof opts / sizeof opts[0]), 1, 1);
  fs_err err = {0};
  char *pos[1];
  int npos;
  int rc = fs_args_parse(&spec, argc, argv, pos, &npos, &err);
  if (rc == 1) return 0;
  if (rc != 0) return fs_args_fail(&spec, &err);
  unsigned fmt;
  if (fs_plot_formats_parse(formats, &fmt, &err) != 0) return fs_args_fail(&spec, &err);
  if (strcmp(kind, "loss") == 0) return report_loss(pos[0], fmt, quiet);
  int cal = is_calibration(pos[0], &err);
  if (cal < 0) {
    fs_cli_eprintf("fleetsim report: %s\n", err.msg);
    return 1;
  }
  if (cal) return report_calibration(pos[0], quiet);
  fs_err_clear(&err);
  fs_report_info info;
  if (fs_report_render(pos[0], fmt, &info, &err) != 0) {
    fs_cli_eprintf("fleetsim report: %s\n", err.msg);
    return 1;
  }
  if (info.skip[0]) fs_cli_eprintf("fleetsim report: plots skipped: %s\n", info.skip);
  if (info.failed)
    fs_cli_eprintf("fleetsim report: %d chart(s) failed; first: %s\n", info.failed,
                   info.first_failure);
  if (info.cut)
    fs_cli_eprintf("fleetsim report: %d chart(s) could not be written whole (a full disk?); the "
                   "report says which\n",
                   info.cut);
  if (!quiet) {
    printf("%s: %d of %d charts drawn", pos[0], info.rendered, info.charts - info.nodata);
    if (info.nodata) printf(" (%d without data)", info.nodata);
    if (fmt & FS_FMT_HTML) printf("; report: %s/report.html", pos[0]);
    printf("\n");
  }
  return info.cut ? 1 : 0;
}
