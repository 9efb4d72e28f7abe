/* loss_report.h: the loss report of a results folder (fleetsim report DIR --kind loss):
 * loss_report.html and loss_report.pdf, the document an insurer circulates. */
#ifndef FS_LOSS_REPORT_H
#define FS_LOSS_REPORT_H

#include "report/report.h"
#include "util/err.h"

/* What became of the PDF of the page. */
typedef enum fs_loss_pdf_state {
  FS_LOSS_PDF_NONE,    /* not asked for (formats without FS_FMT_HTML) */
  FS_LOSS_PDF_WRITTEN, /* loss_report.pdf written whole */
  FS_LOSS_PDF_SKIPPED, /* no converter on PATH: note says which package gives one */
  FS_LOSS_PDF_FAILED   /* the converter ran and failed: note says how */
} fs_loss_pdf_state;

/* What a loss report did, for the caller's messages. */
typedef struct fs_loss_report_info {
  fs_report_info charts; /* the charts, counted as fs_report_render counts them */
  fs_loss_pdf_state pdf;
  char converter[32]; /* "chromium" or "wkhtmltopdf" when one was found */
  char note[512];     /* why the PDF was skipped or failed */
} fs_loss_report_info;

/* Writes dir/loss_report.html and, through a converter found on PATH at
   run time (chromium --headless, else wkhtmltopdf), dir/loss_report.pdf,
   and draws the charts of the page into dir/plots/ (with the folder's own
   charts, so that plots/ stays whole for report.html too). dir is a run
   folder made with --portfolio (optionally --reinsurance) or a catalogue
   run folder with portfolios; anything else, or a folder without a
   portfolio, is FS_EINVAL and nothing is written. Every table the page
   reads is read and checked before anything is written: a malformed one is
   FS_EINVAL with "PATH:LINE: column N (NAME): ..." and leaves the folder as
   it was. Each file is written to a temporary name and renamed into place.
   A missing converter is not an error (info->pdf says so and an old
   loss_report.pdf, which would no longer match the page, is removed); a
   converter that fails is FS_EIO after the page is written. */
int fs_loss_report_render(const char *dir, unsigned formats, fs_loss_report_info *info,
                          fs_err *err);

#endif
