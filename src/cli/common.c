/* common.c: pieces the commands share (common.h). */
#include "cli/common.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/help.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/ident.h"

fs_cmd_spec fs_cli_spec(const char *prog, const fs_opt *opts, int nopts, int min_pos, int max_pos) {
  const fs_cli_help *h = fs_cli_helps;
  while (h->prog && strcmp(h->prog, prog) != 0) h++;
  assert(h->prog && "every command has its help in src/cli/help.txt");
  return (fs_cmd_spec){h->prog, h->usage, h->summary, h->details, opts,
                       nopts,   min_pos,  max_pos,    NULL};
}

int fs_cli_parse(const fs_cmd_spec *spec, int argc, char **argv, char **pos, int *npos) {
  fs_err err = {0};
  int rc = fs_args_parse(spec, argc, argv, pos, npos, &err);
  if (rc == 1) return 0;
  if (rc != 0) return fs_args_fail(spec, &err);
  return -1;
}

/* Whether arg reads the same to a POSIX shell without quotes. */
static int shell_plain(const char *arg) {
  return *arg && strspn(arg, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
                             "_-.,/:=+@%") == strlen(arg);
}

char *fs_cli_command_line(const char *prog, int argc, char **argv) {
  /* Each argument as a shell word: as it is when plain, else in single
     quotes with each ' written '\'' (at most 4 bytes a byte, plus 3). */
  size_t len = strlen(prog) + 1;
  for (int i = 0; i < argc; i++) len += 4 * strlen(argv[i]) + 4;
  char *s = fs_malloc(len);
  if (!s) return NULL;
  char *p = s + strlen(strcpy(s, prog));
  for (int i = 0; i < argc; i++) {
    *p++ = ' ';
    if (shell_plain(argv[i])) {
      p += strlen(strcpy(p, argv[i]));
      continue;
    }
    *p++ = '\'';
    for (const char *a = argv[i]; *a; a++)
      if (*a == '\'') {
        memcpy(p, "'\\''", 4);
        p += 4;
      } else
        *p++ = *a;
    *p++ = '\'';
  }
  *p = '\0';
  return s;
}

int fs_cli_cores(void) {
  long nc = sysconf(_SC_NPROCESSORS_ONLN);
  return nc > 0 ? (int) nc : 1;
}

fs_cli_progress fs_cli_progress_start(const char *prog) {
  return (fs_cli_progress){.tty = isatty(2), .t0 = fs_now(), .prog = prog};
}

void fs_cli_progress_report(fs_cli_progress *p, double done, double total, const char *unit) {
  double el = fs_now() - p->t0, rate = el > 0 ? done / el : 0;
  double eta = rate > 0 ? (total - done) / rate : 0;
  if (p->tty) {
    int w = 30, fill = total > 0 ? (int) (done * w / total) : w;
    if (fill > w) fill = w;
    fprintf(stderr, "\r  [%.*s%*s] %.0f/%.0f %s  %.2f/s  ETA %.0fs ", fill,
            "##############################", w - fill, "", done, total, unit, rate, eta);
    if (done >= total) fputc('\n', stderr);
  } else {
    int dec = total > 0 ? (int) (done * 10 / total) : 10;
    if (dec > p->last_decile) {
      p->last_decile = dec;
      fprintf(stderr, "%s: %.0f/%.0f %s (%d%%), %.1f s, ETA %.0f s\n", p->prog, done, total, unit,
              dec * 10, el, eta);
    }
  }
}

void fs_cli_eprintf(const char *fmt, ...) {
  char buf[8192]; /* a usage text and a message; cut beyond, the line break kept */
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  size_t len = (size_t) n < sizeof buf ? (size_t) n : sizeof buf - 1;
  fs_show_put(stderr, buf, len, 1);
  if ((size_t) n >= sizeof buf && fmt[0] && fmt[strlen(fmt) - 1] == '\n') fputc('\n', stderr);
}
