/* fsutil.c: atomic output folders. */
#include "util/fsutil.h"

#include "util/jsonread.h"
#include "util/manifest.h"
#include "util/path.h"

#include <ctype.h>
#include <dirent.h>
#include <signal.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

FILE *fs_out_open(const char *dir, const char *name, fs_err *err) {
  char path[FS_PATH_MAX];
  if (fs_path_join(path, sizeof path, dir, name, err) != 0) return NULL;
  FILE *f = fopen(path, "w");
  if (!f) fs_err_set(err, FS_EIO, "%s: cannot write: %s", path, strerror(errno));
  return f;
}

int fs_out_close(FILE *f, const char *dir, const char *name, fs_err *err) {
  int bad = ferror(f);
  bad |= fclose(f) != 0;
  if (bad) return fs_err_set(err, FS_EIO, "%s/%s: write failed", dir, name);
  return 0;
}

/* dir/.NAME.PID.tmp */
static int tmp_path(char *buf, size_t cap, const char *dir, const char *name, fs_err *err) {
  return fs_path_fmt(buf, cap, err, "%s/.%s.%ld.tmp", dir, name, (long) getpid());
}

FILE *fs_out_open_tmp(const char *dir, const char *name, fs_err *err) {
  char path[FS_PATH_MAX];
  if (tmp_path(path, sizeof path, dir, name, err) != 0) return NULL;
  /* A new file, never through a link planted at the name: a leftover of a
     process with this PID is removed (a link as a link), then created
     exclusively. */
  unlink(path);
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
  FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
  if (!f) {
    fs_err_set(err, FS_EIO, "%s: cannot write: %s", path, strerror(errno));
    if (fd >= 0) close(fd);
  }
  return f;
}

int fs_out_close_tmp(FILE *f, const char *dir, const char *name, fs_err *err) {
  char tmp[FS_PATH_MAX];
  /* fs_out_open_tmp built the same path: it fits. */
  tmp_path(tmp, sizeof tmp, dir, name, NULL);
  int bad = ferror(f);
  bad |= fflush(f) != 0 || fsync(fileno(f)) != 0;
  bad |= fclose(f) != 0;
  if (!bad) return 0;
  unlink(tmp);
  return fs_err_set(err, FS_EIO, "%s/%s: write failed", dir, name);
}

int fs_out_rename_tmp(const char *dir, const char *name, fs_err *err) {
  char tmp[FS_PATH_MAX], path[FS_PATH_MAX];
  tmp_path(tmp, sizeof tmp, dir, name, NULL);
  int rc = fs_path_join(path, sizeof path, dir, name, err);
  if (rc == 0 && rename(tmp, path) != 0)
    rc = fs_err_set(err, FS_EIO, "%s: cannot replace: %s", path, strerror(errno));
  if (rc != 0) unlink(tmp);
  return rc;
}

void fs_out_remove_tmp(const char *dir, const char *name) {
  char tmp[FS_PATH_MAX];
  if (tmp_path(tmp, sizeof tmp, dir, name, NULL) == 0) unlink(tmp);
}

int fs_out_commit_tmp(FILE *f, const char *dir, const char *name, fs_err *err) {
  int rc = fs_out_close_tmp(f, dir, name, err);
  return rc ? rc : fs_out_rename_tmp(dir, name, err);
}

void fs_out_abort_tmp(FILE *f, const char *dir, const char *name) {
  if (f) fclose(f);
  fs_out_remove_tmp(dir, name);
}

static FILE *open_checked(const char *path, const char *mode, int nofollow, fs_err *err) {
  int flags = (strcmp(mode, "rb") == 0 ? O_RDONLY : O_RDWR) | O_NONBLOCK | O_CLOEXEC;
  int fd = open(path, flags | (nofollow ? O_NOFOLLOW : 0));
  if (fd < 0) {
    int link = nofollow && errno == ELOOP;
    fs_err_set(err, link ? FS_EINVAL : FS_EIO, "%s: cannot open: %s", path,
               link ? "it is a symbolic link" : strerror(errno));
    return NULL;
  }
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    fs_err_set(err, FS_EINVAL, "%s: not a regular file (a pipe, a device or a folder is not read)",
               path);
    return NULL;
  }
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  FILE *f = fdopen(fd, mode);
  if (!f) {
    close(fd);
    fs_err_set(err, FS_ENOMEM, "%s: cannot open: %s", path, strerror(errno));
  }
  return f;
}

FILE *fs_open_regular(const char *path, const char *mode, fs_err *err) {
  return open_checked(path, mode, 1, err);
}

FILE *fs_open_input(const char *path, unsigned flags, fs_err *err) {
  return open_checked(path, "rb", (flags & FS_OPEN_NOFOLLOW) != 0, err);
}

int fs_mkdirs(const char *path, fs_err *err) {
  char buf[FS_PATH_MAX];
  int rc = fs_path_fmt(buf, sizeof buf, err, "%s", path);
  if (rc != 0) return rc;
  for (char *p = buf + 1; *p; p++) {
    if (*p != '/') continue;
    *p = '\0';
    if (mkdir(buf, 0777) != 0 && errno != EEXIST)
      return fs_err_set(err, FS_EIO, "%s: cannot create folder: %s", buf, strerror(errno));
    *p = '/';
  }
  if (mkdir(buf, 0777) != 0 && errno != EEXIST)
    return fs_err_set(err, FS_EIO, "%s: cannot create folder: %s", buf, strerror(errno));
  return 0;
}

/* Removes the entry name of the folder dfd and, when it is a folder,
   everything in it: files and links are unlinked, never followed, and no
   folder is entered through a link (O_NOFOLLOW). Deeper than 16 levels
   nothing is entered: fleetsim's folders are two deep. */
static void remove_at(int dfd, const char *name, int depth) {
  struct stat st;
  if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) return;
  if (!S_ISDIR(st.st_mode)) {
    unlinkat(dfd, name, 0);
    return;
  }
  int fd = depth < 16 ? openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) : -1;
  DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
  if (d) {
    /* Again from the start while entries go: removing while reading may
       make readdir skip one. */
    for (int pass = 0, gone = 1; gone && pass < 4; pass++) {
      gone = 0;
      rewinddir(d);
      for (struct dirent *e; (e = readdir(d));)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
          remove_at(fd, e->d_name, depth + 1);
          gone = 1;
        }
    }
    closedir(d);
  } else if (fd >= 0) {
    close(fd);
  }
  unlinkat(dfd, name, AT_REMOVEDIR);
}

void fs_remove_tree(const char *path) {
  if (path && *path) remove_at(AT_FDCWD, path, 0);
}

int fs_dir_empty(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) return 0;
  int empty = 1;
  for (struct dirent *e; empty && (e = readdir(d)) != NULL;)
    empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
  closedir(d);
  return empty;
}

int fs_lstat(const char *path, struct stat *st) {
  size_t n = strlen(path);
  while (n > 1 && path[n - 1] == '/') n--;
  if (path[n] == '\0') return lstat(path, st);
  char buf[FS_PATH_MAX];
  if (n >= sizeof buf) {
    errno = ENAMETOOLONG;
    return -1;
  }
  memcpy(buf, path, n);
  buf[n] = '\0';
  return lstat(buf, st);
}

int fs_outdir_replaceable(const char *dir, const char *kind, fs_err *err) {
  struct stat st;
  if (fs_lstat(dir, &st) != 0) {
    if (errno == ENOENT) return 0;
    if (errno == ENOTDIR)
      return fs_err_set(err, FS_EIO, "%s: a part of the path is not a folder", dir);
    return fs_err_set(err, FS_EIO, "%s: cannot examine it: %s", dir, strerror(errno));
  }
  if (S_ISLNK(st.st_mode))
    return fs_err_set(err, FS_EUSAGE, "%s is a symbolic link; not replacing it (choose another -o)",
                      dir);
  if (!S_ISDIR(st.st_mode))
    return fs_err_set(err, FS_EUSAGE, "%s exists and is not a folder; not replacing it", dir);
  if (fs_dir_empty(dir)) return 0;
  char path[FS_PATH_MAX];
  int rc = fs_path_join(path, sizeof path, dir, "manifest.json", err);
  if (rc != 0) return rc;
  fs_jval *m = NULL;
  const char *have = NULL;
  fs_err e = {0};
  int ok = lstat(path, &st) == 0 && S_ISREG(st.st_mode) && fs_jread_file(&m, path, &e) == 0 &&
           fs_manifest_check(m, path, &have, &e) == 0 && strcmp(have, kind) == 0;
  fs_jread_free(m);
  if (e.code == FS_ENOMEM) return fs_err_set(err, FS_ENOMEM, "%s", e.msg);
  if (!ok)
    return fs_err_set(err, FS_EUSAGE,
                      "%s exists and is not a fleetsim %s folder (no manifest.json of one): "
                      "not replacing it; choose another -o, or move it away yourself",
                      dir, kind);
  return 0;
}

/* This machine's name as temporaries carry it: letters, digits, '.' and
   '-', at most 32 bytes ("host" when it has none). */
static void host_tag(char *buf, size_t cap) {
  char h[256] = "";
  size_t n = 0;
  if (gethostname(h, sizeof h - 1) != 0) h[0] = '\0';
  for (const char *p = h; *p && n + 1 < cap && n < 32; p++)
    if (isalnum((unsigned char) *p) || *p == '.' || *p == '-') buf[n++] = *p;
  if (n == 0 && cap > 4) n = (size_t) snprintf(buf, cap, "host");
  buf[n] = '\0';
}

int fs_tmp_prefix(char *buf, size_t cap, const char *dir, const char *base, const char *what,
                  fs_err *err) {
  char host[40];
  host_tag(host, sizeof host);
  return fs_path_fmt(buf, cap, err, "%s/.%s.%s-%ld@%s-", dir, base, what, (long) getpid(), host);
}

/* Whether name is a temporary of an output named base that a process of
   this machine left and that is gone: exactly ".BASE.tmp-PID@HOST-SUFFIX"
   or ".BASE.old-PID@HOST-SUFFIX" (fs_tmp_prefix; SUFFIX letters and
   digits), HOST this machine's, no process PID. Anything else, a user's
   "results.old-2023" or another machine's temporary, is not ours to
   remove. */
static int is_stale(const char *name, const char *base) {
  size_t n = strlen(base);
  if (name[0] != '.' || strncmp(name + 1, base, n) != 0) return 0;
  const char *p = name + 1 + n;
  if (strncmp(p, ".tmp-", 5) != 0 && strncmp(p, ".old-", 5) != 0) return 0;
  p += 5;
  long pid = 0;
  for (; isdigit((unsigned char) *p) && pid < 100000000; p++) pid = pid * 10 + (*p - '0');
  if (pid <= 0 || *p++ != '@') return 0;
  char host[40];
  host_tag(host, sizeof host);
  size_t hn = strlen(host);
  if (strncmp(p, host, hn) != 0 || p[hn] != '-') return 0;
  p += hn + 1;
  size_t k = 0;
  while (isalnum((unsigned char) p[k])) k++;
  if (k == 0 || k > 16 || p[k] != '\0') return 0;
  return kill((pid_t) pid, 0) != 0 && errno == ESRCH;
}

int fs_stale_clean(const char *parent, const char *base) {
  DIR *d = opendir(parent);
  if (!d) return 0;
  int n = 0;
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    char sub[FS_PATH_MAX];
    struct stat st;
    if (!is_stale(e->d_name, base) || fs_path_join(sub, sizeof sub, parent, e->d_name, NULL) ||
        lstat(sub, &st) != 0 || !(S_ISDIR(st.st_mode) || S_ISREG(st.st_mode)))
      continue;
    /* A process killed between moving the old output aside and moving the
       new one in left no output at all: the old one goes back. */
    char final[FS_PATH_MAX];
    struct stat fst;
    if (strncmp(e->d_name + 1 + strlen(base), ".old-", 5) == 0 &&
        fs_path_join(final, sizeof final, parent, base, NULL) == 0 && lstat(final, &fst) != 0 &&
        errno == ENOENT && rename(sub, final) == 0)
      continue;
    fs_remove_tree(sub);
    n++;
  }
  closedir(d);
  return n;
}

/* final_dir's parent (".", "/" or the path before the last slash, created
   when missing) and base name, trailing slashes ignored. */
static int split_out(const char *final_dir, char *parent, size_t cap, const char **dirpart,
                     const char **base, fs_err *err) {
  int rc = fs_path_fmt(parent, cap, err, "%s", final_dir);
  if (rc != 0) return rc;
  size_t n = strlen(parent);
  while (n > 1 && parent[n - 1] == '/') parent[--n] = '\0';
  char *slash = strrchr(parent, '/');
  *base = slash ? slash + 1 : parent;
  *dirpart = ".";
  if (slash) {
    *slash = '\0';
    *dirpart = *parent ? parent : "/";
  }
  return 0;
}

int fs_outdir_begin(const char *final_dir, const char *kind, char *tmp, size_t cap, int *cleaned,
                    fs_err *err) {
  *cleaned = 0;
  int rc = fs_outdir_replaceable(final_dir, kind, err);
  if (rc != 0) return rc;
  char parent[FS_PATH_MAX];
  const char *dirpart, *base;
  if ((rc = split_out(final_dir, parent, sizeof parent, &dirpart, &base, err)) != 0) return rc;
  if (strcmp(dirpart, ".") != 0 && (rc = fs_mkdirs(dirpart, err)) != 0) return rc;
  *cleaned = fs_stale_clean(dirpart, base);
  if ((rc = fs_tmp_prefix(tmp, cap, dirpart, base, "tmp", err)) != 0) return rc;
  if ((rc = fs_path_fmt(tmp + strlen(tmp), cap - strlen(tmp), err, "XXXXXX")) != 0) return rc;
  if (!mkdtemp(tmp))
    return fs_err_set(err, FS_EIO, "%s: cannot create a temporary folder: %s", tmp,
                      strerror(errno));
  return 0;
}

int fs_outdir_commit(const char *tmp, const char *final_path, const char *kind, fs_err *err) {
  char parent[FS_PATH_MAX], final_dir[FS_PATH_MAX], old[FS_PATH_MAX];
  const char *dirpart, *base;
  int rc = split_out(final_path, parent, sizeof parent, &dirpart, &base, err);
  if (rc != 0 || (rc = fs_path_join(final_dir, sizeof final_dir, dirpart, base, err)) != 0)
    return rc;
  /* Checked again: the folder may have appeared while the run ran. */
  if ((rc = fs_outdir_replaceable(final_dir, kind, err)) != 0) return rc;
  struct stat st;
  int had = lstat(final_dir, &st) == 0;
  if (had) {
    /* The old folder moves onto a fresh empty folder of our own, which
       rename replaces; never onto a name someone else may hold. */
    if ((rc = fs_tmp_prefix(old, sizeof old, dirpart, base, "old", err)) != 0 ||
        (rc = fs_path_fmt(old + strlen(old), sizeof old - strlen(old), err, "XXXXXX")) != 0)
      return rc;
    if (!mkdtemp(old) || rename(final_dir, old) != 0) {
      rc = fs_err_set(err, FS_EIO, "%s: cannot replace the existing folder: %s", final_dir,
                      strerror(errno));
      if (old[0] && old[strlen(old) - 1] != 'X') rmdir(old);
      return rc;
    }
  }
  if (rename(tmp, final_dir) != 0) {
    int e = errno;
    if (had) rename(old, final_dir);
    return fs_err_set(err, FS_EIO, "%s: cannot move results into place: %s", final_dir,
                      strerror(e));
  }
  if (had) fs_remove_tree(old);
  return 0;
}

void fs_outdir_abort(const char *tmp) {
  if (tmp && *tmp) fs_remove_tree(tmp);
}
