/* cmd_report.c: `fleetsim report`: plots and report.html again from an existing results folder. */
#include <stdio.h>
#include <string.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/help.h"
#include "report/report.h"
#include "report/loss_report.h"
#include "cli/common.h"

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

int fs_cmd_report(int argc, char **argv) {
  const char *formats = "html,svg,png";
  int quiet = 0;
  const char *kind = "auto";
  static const char *const kinds[] = {"auto", "loss", NULL};
  const fs_opt opts[] = {
      {"--kind", NULL, FS_OPT_CHOICE, "KIND",
       "auto: the folder's report.html; loss: loss_report.html and .pdf (auto)", 0, 0, kinds,
       &kind},
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
