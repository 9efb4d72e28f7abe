/* loss_pdf.c: loss_report.pdf from loss_report.html by a converter found on PATH at run time
 * (headless Chromium, else wkhtmltopdf), written whole or not at all. */
#include "report/loss_impl.h"
#include "report/loss_report.h"
#include "report/plot_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/fsutil.h"
#include "util/path.h"

/* A converter that has not finished by then is killed (its whole process
   group: Chromium forks helpers). The reference page prints in about five
   seconds. */
#define PDF_SECONDS 180

/* In order of preference, each with the Debian package that installs it.
   Chromium lays the page out as the browser the HTML is checked in does;
   wkhtmltopdf (an old WebKit) is the fallback. */
static const struct {
  const char *prog, *package;
} converters[] = {{"chromium", "chromium"}, {"wkhtmltopdf", "wkhtmltopdf"}};

/* The absolute path of an executable regular file called name on PATH into
   out; 0 when found. */
static int find_on_path(const char *name, char *out, size_t cap) {
  const char *path = getenv("PATH");
  if (!path) return -1;
  for (const char *s = path; *s;) {
    const char *e = strchr(s, ':');
    size_t len = e ? (size_t) (e - s) : strlen(s);
    struct stat st;
    if (len > 0 && s[0] == '/' && snprintf(out, cap, "%.*s/%s", (int) len, s, name) < (int) cap &&
        stat(out, &st) == 0 && S_ISREG(st.st_mode) && access(out, X_OK) == 0)
      return 0;
    s += len + (e ? 1 : 0);
  }
  return -1;
}

/* "file://" and path, every byte outside [A-Za-z0-9/._~-] as %XX. */
static int file_url(char *buf, size_t cap, const char *path, fs_err *err) {
  size_t o = (size_t) snprintf(buf, cap, "file://");
  for (const unsigned char *s = (const unsigned char *) path; *s; s++) {
    if (o + 4 >= cap) return fs_err_set(err, FS_ELIMIT, "%.200s: path too long", path);
    if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
        strchr("/._~-", *s))
      buf[o++] = (char) *s;
    else
      o += (size_t) snprintf(buf + o, cap - o, "%%%02X", *s);
  }
  buf[o] = '\0';
  return 0;
}

/* The last non-empty line of the converter's log into out, control
   characters as spaces; "" when there is none. */
static void last_line(const char *log, char *out, size_t cap) {
  out[0] = '\0';
  FILE *f = fopen(log, "r");
  if (!f) return;
  char line[512];
  while (fgets(line, sizeof line, f)) {
    size_t n = strcspn(line, "\r\n");
    line[n] = '\0';
    if (n == 0) continue;
    for (char *c = line; *c; c++)
      if ((unsigned char) *c < 0x20 || *c == 0x7f) *c = ' ';
    snprintf(out, cap, "%.*s", (int) (cap - 1), line);
  }
  fclose(f);
}

/* Runs argv[0] = prog with its output into log, in a process group of its
   own, for at most PDF_SECONDS. Returns its exit status, 124 when it was
   killed for taking too long, 127 when it could not start, or -1 when it
   died of a signal. */
static int run_converter(const char *prog, char *const *argv, const char *log) {
  pid_t pid = fork();
  if (pid < 0) return 127;
  if (pid == 0) {
    setpgid(0, 0);
    int in = open("/dev/null", O_RDONLY);
    int out = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);
    if (in < 0 || out < 0) _exit(127);
    dup2(in, 0);
    dup2(out, 1);
    dup2(out, 2);
    execv(prog, argv);
    _exit(127);
  }
  setpgid(pid, pid); /* either side may win the race; both ask the same */
  struct timespec nap = {0, 50 * 1000 * 1000};
  int status;
  for (long waited = 0; waited < PDF_SECONDS * 20L; waited++) {
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (r < 0 && errno != EINTR) return -1;
    nanosleep(&nap, NULL);
  }
  kill(-pid, SIGKILL);
  kill(pid, SIGKILL);
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return 124;
}

/* Whether path is a whole PDF: "%PDF-" at the start and "%%EOF" near the
   end (a converter killed mid-way leaves neither). */
static int pdf_whole(const char *path) {
  int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return 0;
  char head[5], tail[64];
  struct stat st;
  int ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 64 &&
           read(fd, head, 5) == 5 && memcmp(head, "%PDF-", 5) == 0 &&
           lseek(fd, st.st_size - 64, SEEK_SET) >= 0 && read(fd, tail, 64) == 64;
  close(fd);
  if (!ok) return 0;
  for (int i = 0; i + 5 <= 64; i++)
    if (memcmp(tail + i, "%%EOF", 5) == 0) return 1;
  return 0;
}

/* The argument list of converter c printing html (a path; its URL for
   Chromium) into pdf, with Chromium's profile in prof. */
static void converter_args(int c, char *prog, char *url, const char *html, char *pdf_arg,
                           char *prof_arg, char **argv) {
  int n = 0;
  argv[n++] = prog;
  if (c == 0) {
    static char *const fixed[] = {"--headless",
                                  "--no-sandbox",
                                  "--disable-gpu",
                                  "--no-first-run",
                                  "--disable-background-networking",
                                  "--disable-component-update",
                                  "--disable-sync",
                                  "--disable-extensions",
                                  "--no-pdf-header-footer",
                                  "--print-to-pdf-no-header"};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) argv[n++] = fixed[i];
    argv[n++] = prof_arg;
    argv[n++] = pdf_arg;
    argv[n++] = url;
  } else {
    static char *const fixed[] = {"--quiet", "--page-size", "A4", "--print-media-type",
                                  "--disable-javascript"};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) argv[n++] = fixed[i];
    argv[n++] = (char *) html;
    argv[n++] = pdf_arg;
  }
  argv[n] = NULL;
}

/* Converts abs_dir/loss_report.html into the temporary file tmp (abs) with
   converter c at prog; note says why not. Returns the state. */
static int convert(int c, char *prog, const char *abs_dir, const char *tmp_abs, char *note,
                   size_t ncap, fs_err *err) {
  char html[FS_PATH_MAX], url[FS_PATH_MAX * 3 + 16], pdf_arg[FS_PATH_MAX + 32];
  char prof[FS_PATH_MAX], prof_arg[FS_PATH_MAX + 32], log[FS_PATH_MAX];
  int rc = fs_path_join(html, sizeof html, abs_dir, "loss_report.html", err);
  if (rc == 0) rc = file_url(url, sizeof url, html, err);
  const char *tmpdir = getenv("TMPDIR");
  if (rc == 0)
    rc = fs_path_fmt(prof, sizeof prof, err, "%s/fleetsim-pdf-XXXXXX",
                     tmpdir && tmpdir[0] == '/' ? tmpdir : "/tmp");
  if (rc != 0) return rc;
  if (!mkdtemp(prof)) {
    snprintf(note, ncap, "cannot create a temporary folder for %s: %s", converters[c].prog,
             strerror(errno));
    return FS_LOSS_PDF_FAILED;
  }
  rc = fs_path_fmt(prof_arg, sizeof prof_arg, err, "--user-data-dir=%s/profile", prof);
  if (rc == 0) rc = fs_path_fmt(log, sizeof log, err, "%s/convert.log", prof);
  if (rc == 0)
    rc =
        fs_path_fmt(pdf_arg, sizeof pdf_arg, err, "%s%s", c == 0 ? "--print-to-pdf=" : "", tmp_abs);
  if (rc != 0) {
    fs_remove_tree(prof);
    return rc;
  }
  char *argv[24];
  converter_args(c, prog, url, html, pdf_arg, prof_arg, argv);
  int st = run_converter(prog, argv, log);
  char last[300];
  last_line(log, last, sizeof last);
  fs_remove_tree(prof);
  if (st == 0 && pdf_whole(tmp_abs)) return FS_LOSS_PDF_WRITTEN;
  if (st == 124)
    snprintf(note, ncap, "%s did not finish in %d s", prog, PDF_SECONDS);
  else if (st == 0)
    snprintf(note, ncap, "%s wrote no whole PDF%s%.300s", prog, last[0] ? ": " : "", last);
  else
    snprintf(note, ncap, "%s exited with status %d%s%.300s", prog, st, last[0] ? ": " : "", last);
  return FS_LOSS_PDF_FAILED;
}

int fs_loss__pdf(const char *dir, int *state, char *converter, size_t ccap, char *note, size_t ncap,
                 fs_err *err) {
  char prog[FS_PATH_MAX], final[FS_PATH_MAX];
  int rc = fs_path_join(final, sizeof final, dir, "loss_report.pdf", err);
  if (rc != 0) return rc;
  int c = 0;
  while (c < 2 && find_on_path(converters[c].prog, prog, sizeof prog) != 0) c++;
  if (c == 2) {
    /* An old PDF would not match the page just written. */
    unlink(final);
    snprintf(note, ncap, "neither %s nor %s is on PATH (install the Debian package %s, or %s)",
             converters[0].prog, converters[1].prog, converters[0].package, converters[1].package);
    *state = FS_LOSS_PDF_SKIPPED;
    return 0;
  }
  snprintf(converter, ccap, "%s", converters[c].prog);
  char abs_dir[PATH_MAX], tmp[FS_PATH_MAX], tmp_abs[FS_PATH_MAX];
  if (!realpath(dir, abs_dir))
    return fs_err_set(err, FS_EIO, "%s: cannot resolve: %s", dir, strerror(errno));
  FILE *f = fs_plot__create_tmp(dir, "loss_report.pdf", tmp, sizeof tmp, err);
  if (!f) return fs_plot__code(err);
  fclose(f);
  const char *base = strrchr(tmp, '/');
  rc = fs_path_join(tmp_abs, sizeof tmp_abs, abs_dir, base ? base + 1 : tmp, err);
  if (rc == 0) rc = convert(c, prog, abs_dir, tmp_abs, note, ncap, err);
  if (rc == FS_LOSS_PDF_WRITTEN && rename(tmp, final) != 0) {
    snprintf(note, ncap, "%s: cannot replace: %s", final, strerror(errno));
    rc = FS_LOSS_PDF_FAILED;
  }
  if (rc != FS_LOSS_PDF_WRITTEN) unlink(tmp);
  if (rc == FS_LOSS_PDF_FAILED) unlink(final);
  if (rc < 0) return rc;
  *state = rc;
  return 0;
}
