/* cmd_report.c: `fleetsim report`: plots and report.html again from an existing results folder. */
#include <stdio.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/help.h"
#include "report/report.h"
#include "cli/common.h"

int fs_cmd_report(int argc, char **argv) {
  const char *formats = "html,svg,png";
  int quiet = 0;
  const fs_opt opts[] = {
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
