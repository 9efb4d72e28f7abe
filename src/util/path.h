/* path.h: file paths built into fixed buffers without silent truncation: a
   path that does not fit is an error that names it, never a shorter path
   that opens another file. */
#ifndef FS_PATH_H
#define FS_PATH_H

#include <stddef.h>

#include "util/err.h"

/* Room for any path fleetsim builds (Linux PATH_MAX). */
#define FS_PATH_MAX 4096

/* Formats a path into buf (cap bytes). Returns 0, or FS_ELIMIT with "PATH:
   path too long (N bytes; at most CAP-1)" (the path shortened for the
   message) when it does not fit; buf is then "". */
int fs_path_fmt(char *buf, size_t cap, fs_err *err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* "dir/name" into buf, as fs_path_fmt. */
int fs_path_join(char *buf, size_t cap, const char *dir, const char *name, fs_err *err);

#endif
