/* fsutil.h: output folders that are complete or absent. */
#ifndef FS_FSUTIL_H
#define FS_FSUTIL_H

#include <stddef.h>
#include <stdio.h>

#include "util/err.h"

/* Creates a fresh temporary folder next to final_dir (same file system, so
   the final rename is atomic) and writes its path into tmp. Creates the
   parent folders of final_dir as needed. */
int fs_outdir_begin(const char *final_dir, char *tmp, size_t cap, fs_err *err);
/* Replaces final_dir by tmp: the old folder, if any, is moved aside first
   and removed after the rename. A final_dir that exists and is not a folder
   is an error (fs_outdir_begin refuses it up front). */
int fs_outdir_commit(const char *tmp, const char *final_dir, fs_err *err);
/* Removes tmp and everything in it (on failure). */
void fs_outdir_abort(const char *tmp);
/* Opens dir/name for writing; NULL with err set on failure. */
FILE *fs_out_open(const char *dir, const char *name, fs_err *err);
/* Closes f and reports a write error (full disk) as FS_EIO naming the file. */
int fs_out_close(FILE *f, const char *dir, const char *name, fs_err *err);

/* A file replaced whole or not at all, in a folder that is not itself
   replaced (a sweep folder): writes go to dir/.NAME.PID.tmp, and
   fs_out_commit_tmp closes, syncs and renames it to dir/NAME (or removes it
   and reports FS_EIO). fs_out_abort_tmp closes and removes it. */
FILE *fs_out_open_tmp(const char *dir, const char *name, fs_err *err);
int fs_out_commit_tmp(FILE *f, const char *dir, const char *name, fs_err *err);
void fs_out_abort_tmp(FILE *f, const char *dir, const char *name);
/* The two halves of fs_out_commit_tmp, for several files that appear
   together: close (and sync) each, and only when all are written rename
   each into place; fs_out_remove_tmp drops a closed one. A failed close
   removes its file. */
int fs_out_close_tmp(FILE *f, const char *dir, const char *name, fs_err *err);
int fs_out_rename_tmp(const char *dir, const char *name, fs_err *err);
void fs_out_remove_tmp(const char *dir, const char *name);

/* mkdir -p. */
int fs_mkdirs(const char *path, fs_err *err);

#endif
