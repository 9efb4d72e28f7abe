/* plotdir.c: the charts' folder: drawn fresh beside plots/, swapped into its place; files made
 * new, never through a link; pictures checked whole. */
#include "report/plot.h"
#include "report/plot_impl.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/fsutil.h"
#include "util/path.h"

/* Why not write into plots/ in place: a results folder comes from anyone
   (users exchange them), so a link planted at plots/NAME.svg or at plots/
   itself would make the report, or gnuplot, write wherever it points. The
   charts are drawn into a folder this process has just made (mkdir fails
   on anything already there, a link included), and only that folder's
   name replaces plots/ (rename never follows a link at its target). */

/* Tries this many names dir/.BASE.tmp-PID-N before giving up: only a
   folder that already holds files of that shape needs more than one. */
#define FRESH_TRIES 100

/* Creates dir/.BASE.tmp-PID@HOST-N (fs_tmp_prefix), a folder (fd NULL) or a file opened for
   writing into *fd, under a name that was free: never through a link (mkdir
   and O_CREAT | O_EXCL fail on one), with the permissions the umask gives.
   The name into path. */
static int fresh(char *path, size_t cap, const char *dir, const char *base, int *fd, fs_err *err) {
  char prefix[FS_PATH_MAX];
  int rc = fs_tmp_prefix(prefix, sizeof prefix, dir, base, "tmp", err);
  if (rc != 0) return rc;
  for (unsigned i = 0; i < FRESH_TRIES; i++) {
    if ((rc = fs_path_fmt(path, cap, err, "%s%u", prefix, i)) != 0) return rc;
    if (fd ? (*fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666)) >= 0
           : mkdir(path, 0777) == 0)
      return 0;
    if (errno != EEXIST) {
      rc = fs_err_set(err, FS_EIO, "%s: cannot create: %s", path, strerror(errno));
      path[0] = '\0'; /* nothing of ours to remove */
      return rc;
    }
  }
  path[0] = '\0';
  return fs_err_set(err, FS_EIO, "%s*: cannot create: every name is taken", prefix);
}

/* Whether name is one the report writes in plots/: STEM.EXT with a stem
   of [A-Za-z0-9_-] and a chart file's extension. */
static int chart_file(const char *name) {
  static const char *const exts[] = {"dat", "gp", "svg", "png", "pdf", "log"};
  size_t n = strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");
  if (n == 0 || name[n] != '.') return 0;
  for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
    if (strcmp(name + n + 1, exts[i]) == 0) return 1;
  return 0;
}

/* The report replaces a plots/ folder only when it is the report's: it
   holds nothing but chart files (or links by their names, which are
   removed, not followed). Anything else is somebody's, and is not removed
   with it. */
static int plots_owned(const fs_plot *p, fs_err *err) {
  DIR *d = opendir(p->plots);
  if (!d) return fs_err_set(err, FS_EIO, "%s: cannot read: %s", p->plots, strerror(errno));
  int rc = 0;
  for (struct dirent *e; rc == 0 && (e = readdir(d));) {
    struct stat st;
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    if (!chart_file(e->d_name) || fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
        !(S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)))
      rc = fs_err_set(err, FS_EIO,
                      "%s: holds %.100s, which is not a chart file; the report replaces plots/ "
                      "whole, so move it elsewhere first",
                      p->plots, e->d_name);
  }
  closedir(d);
  return rc;
}

int fs_plot__work_begin(fs_plot *p, fs_err *err) {
  /* What a report killed mid-way left: its charts' folder and the old
     plots/ it had moved aside. */
  fs_stale_clean(p->dir, "plots");
  fs_stale_clean(p->dir, "plots-old");
  struct stat st;
  int there = lstat(p->plots, &st) == 0;
  if (there && !S_ISDIR(st.st_mode) && !S_ISLNK(st.st_mode))
    return fs_err_set(err, FS_EIO, "%s: exists and is not a folder; not replacing it", p->plots);
  int rc = there && S_ISDIR(st.st_mode) ? plots_owned(p, err) : 0;
  return rc ? rc : fresh(p->work, sizeof p->work, p->dir, "plots", NULL, err);
}

FILE *fs_plot__create_tmp(const char *dir, const char *name, char *tmp, size_t cap, fs_err *err) {
  int fd = -1;
  fs_stale_clean(dir, name); /* a page a killed report left half-written */
  if (fresh(tmp, cap, dir, name, &fd, err) != 0) return NULL;
  FILE *f = fdopen(fd, "w");
  if (!f) {
    fs_err_set(err, FS_EIO, "%s: cannot write: %s", tmp, strerror(errno));
    close(fd);
    unlink(tmp);
  }
  return f;
}

FILE *fs_plot__create(const fs_plot *p, const char *name, const char *ext, fs_err *err) {
  char path[FS_PATH_MAX];
  if (fs_path_fmt(path, sizeof path, err, "%s/%s.%s", p->work, name, ext) != 0) return NULL;
  /* The folder is this session's: O_TRUNC only meets a file it wrote. */
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
  FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
  if (!f) {
    fs_err_set(err, FS_EIO, "%s/%s.%s: cannot write: %s", p->plots, name, ext, strerror(errno));
    if (fd >= 0) close(fd);
  }
  return f;
}

void fs_plot__remove(const fs_plot *p, const char *name, const char *ext) {
  char path[FS_PATH_MAX];
  if (fs_path_fmt(path, sizeof path, NULL, "%s/%s.%s", p->work, name, ext) == 0) unlink(path);
}

/* Whether the n bytes at hay hold needle. */
static int holds(const unsigned char *hay, size_t n, const char *needle) {
  size_t k = strlen(needle);
  for (size_t i = 0; i + k <= n; i++)
    if (memcmp(hay + i, needle, k) == 0) return 1;
  return 0;
}

int fs_plot__picture_ok(const fs_plot *p, const char *name, const char *ext) {
  char path[FS_PATH_MAX];
  if (fs_path_fmt(path, sizeof path, NULL, "%s/%s.%s", p->work, name, ext) != 0) return 0;
  int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return 0;
  struct stat st;
  unsigned char head[8], tail[64];
  size_t nt = 0;
  int ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 16;
  if (ok) {
    nt = st.st_size < (off_t) sizeof tail ? (size_t) st.st_size : sizeof tail;
    ok = pread(fd, head, sizeof head, 0) == (ssize_t) sizeof head &&
         pread(fd, tail, nt, st.st_size - (off_t) nt) == (ssize_t) nt;
  }
  close(fd);
  if (!ok) return 0;
  /* How each format ends: the SVG element closed, PNG's IEND chunk, PDF's
     end-of-file marker. A picture cut short ends elsewhere. */
  static const unsigned char iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82};
  if (strcmp(ext, "png") == 0)
    return memcmp(head, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp(tail + nt - 12, iend, 12) == 0;
  if (strcmp(ext, "pdf") == 0) return memcmp(head, "%PDF-", 5) == 0 && holds(tail, nt, "%%EOF");
  return holds(head, sizeof head, "<") && holds(tail, nt, "</svg>");
}

void fs_plot_abort(fs_plot *p) {
  if (p->committed || !p->work[0]) return;
  fs_remove_tree(p->work);
  p->work[0] = '\0';
}

/* Moves the folder dir/plots aside to a fresh name (old), a link there
   removed instead; old is "" when there was nothing to move. */
static int move_aside(fs_plot *p, char *old, size_t cap, fs_err *err) {
  old[0] = '\0';
  struct stat st;
  if (lstat(p->plots, &st) != 0)
    return errno == ENOENT ? 0 : fs_err_set(err, FS_EIO, "%s: %s", p->plots, strerror(errno));
  if (S_ISLNK(st.st_mode))
    return unlink(p->plots) == 0 ? 0
                                 : fs_err_set(err, FS_EIO, "%s: cannot remove the link: %s",
                                              p->plots, strerror(errno));
  if (!S_ISDIR(st.st_mode))
    return fs_err_set(err, FS_EIO, "%s: exists and is not a folder; not replacing it", p->plots);
  int rc = fresh(old, cap, p->dir, "plots-old", NULL, err);
  if (rc == 0 && rename(p->plots, old) != 0) { /* onto the empty folder just made */
    rc = fs_err_set(err, FS_EIO, "%s: cannot move aside: %s", p->plots, strerror(errno));
    rmdir(old);
    old[0] = '\0';
  }
  return rc;
}

int fs_plot_commit(fs_plot *p, fs_err *err) {
  if (p->committed || !p->work[0]) return 0;
  char old[FS_PATH_MAX];
  int rc = move_aside(p, old, sizeof old, err);
  if (rc == 0 && rename(p->work, p->plots) != 0) {
    rc = fs_err_set(err, FS_EIO, "%s: cannot put the charts in place: %s", p->plots,
                    strerror(errno));
    if (old[0] && rename(old, p->plots) == 0) old[0] = '\0';
  }
  if (rc != 0) return rc; /* an old plots/ that could not go back stays at old */
  if (old[0]) fs_remove_tree(old);
  memcpy(p->work, p->plots, sizeof p->work);
  p->committed = 1;
  return 0;
}
