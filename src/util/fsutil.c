/* fsutil.c: atomic output folders. */
#include "util/fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

FILE *fs_out_open(const char *dir, const char *name, fs_err *err) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
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

FILE *fs_out_open_tmp(const char *dir, const char *name, fs_err *err) {
  char path[4200];
  snprintf(path, sizeof path, "%s/.%s.%ld.tmp", dir, name, (long) getpid());
  FILE *f = fopen(path, "w");
  if (!f) fs_err_set(err, FS_EIO, "%s: cannot write: %s", path, strerror(errno));
  return f;
}

int fs_out_commit_tmp(FILE *f, const char *dir, const char *name, fs_err *err) {
  char tmp[4200], path[4200];
  snprintf(tmp, sizeof tmp, "%s/.%s.%ld.tmp", dir, name, (long) getpid());
  snprintf(path, sizeof path, "%s/%s", dir, name);
  int bad = ferror(f);
  bad |= fflush(f) != 0 || fsync(fileno(f)) != 0;
  bad |= fclose(f) != 0;
  if (bad) {
    unlink(tmp);
    return fs_err_set(err, FS_EIO, "%s: write failed", path);
  }
  if (rename(tmp, path) != 0) {
    int e = errno;
    unlink(tmp);
    return fs_err_set(err, FS_EIO, "%s: cannot replace: %s", path, strerror(e));
  }
  return 0;
}

void fs_out_abort_tmp(FILE *f, const char *dir, const char *name) {
  char tmp[4200];
  snprintf(tmp, sizeof tmp, "%s/.%s.%ld.tmp", dir, name, (long) getpid());
  if (f) fclose(f);
  unlink(tmp);
}

int fs_mkdirs(const char *path, fs_err *err) {
  char buf[4096];
  if (snprintf(buf, sizeof buf, "%s", path) >= (int) sizeof buf)
    return fs_err_set(err, FS_EIO, "%s: path too long", path);
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

static void remove_tree(const char *path) {
  DIR *d = opendir(path);
  if (d) {
    struct dirent *e;
    while ((e = readdir(d))) {
      if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
      char sub[4096];
      snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
      struct stat st;
      if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
        remove_tree(sub);
      else
        unlink(sub);
    }
    closedir(d);
  }
  rmdir(path);
}

int fs_outdir_begin(const char *final_dir, char *tmp, size_t cap, fs_err *err) {
  struct stat st;
  if (lstat(final_dir, &st) == 0 && !S_ISDIR(st.st_mode))
    return fs_err_set(err, FS_EIO, "%s: exists and is not a folder; not replacing it", final_dir);
  char parent[4096];
  snprintf(parent, sizeof parent, "%s", final_dir);
  size_t n = strlen(parent);
  while (n > 1 && parent[n - 1] == '/') parent[--n] = '\0';
  char *slash = strrchr(parent, '/');
  const char *base = slash ? slash + 1 : parent;
  char dirpart[4096];
  if (slash) {
    *slash = '\0';
    snprintf(dirpart, sizeof dirpart, "%s", *parent ? parent : "/");
    int rc = fs_mkdirs(dirpart, err);
    if (rc != 0) return rc;
  } else {
    snprintf(dirpart, sizeof dirpart, ".");
  }
  if (snprintf(tmp, cap, "%s/.%s.tmp-XXXXXX", dirpart, base) >= (int) cap)
    return fs_err_set(err, FS_EIO, "%s: path too long", final_dir);
  if (!mkdtemp(tmp))
    return fs_err_set(err, FS_EIO, "%s: cannot create a temporary folder: %s", tmp,
                      strerror(errno));
  return 0;
}

int fs_outdir_commit(const char *tmp, const char *final_path, fs_err *err) {
  char final_dir[4096], old[4200];
  snprintf(final_dir, sizeof final_dir, "%s", final_path);
  size_t n = strlen(final_dir);
  while (n > 1 && final_dir[n - 1] == '/') final_dir[--n] = '\0';
  snprintf(old, sizeof old, "%s.old-%ld", final_dir, (long) getpid());
  struct stat st;
  int had = lstat(final_dir, &st) == 0;
  if (had && !S_ISDIR(st.st_mode))
    return fs_err_set(err, FS_EIO, "%s: exists and is not a folder; not replacing it", final_dir);
  if (had && rename(final_dir, old) != 0)
    return fs_err_set(err, FS_EIO, "%s: cannot replace the existing folder: %s", final_dir,
                      strerror(errno));
  if (rename(tmp, final_dir) != 0) {
    int e = errno;
    if (had) rename(old, final_dir);
    return fs_err_set(err, FS_EIO, "%s: cannot move results into place: %s", final_dir,
                      strerror(e));
  }
  if (had) remove_tree(old);
  return 0;
}

void fs_outdir_abort(const char *tmp) {
  if (tmp && *tmp) remove_tree(tmp);
}
