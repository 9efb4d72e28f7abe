/* fsutil.h: output folders that are complete or absent. */
#ifndef FS_FSUTIL_H
#define FS_FSUTIL_H

#include <stddef.h>
#include <stdio.h>

#include "util/err.h"

struct stat;
/* lstat(2) of path as the user wrote it, trailing slashes ignored: "lnk/"
   would make lstat follow the link lnk; this examines lnk itself. */
int fs_lstat(const char *path, struct stat *st);

/* Whether dir is a folder that holds nothing (but . and ..); 0 when it
   cannot be opened. */
int fs_dir_empty(const char *dir);

/* Whether final_dir may be replaced by a new folder of this kind: it is
   absent, an empty folder, or a folder whose manifest.json says it was
   written by fleetsim with this kind ("run"). A symbolic link, a file or
   any other folder is FS_EUSAGE naming it: fleetsim replaces only what it
   wrote. */
int fs_outdir_replaceable(const char *final_dir, const char *kind, fs_err *err);
/* Checks final_dir (fs_outdir_replaceable), creates a fresh temporary
   folder next to it (same file system, so the final rename is atomic),
   ".BASE.tmp-PID-XXXXXX", and writes its path into tmp. Creates the parent
   folders of final_dir as needed. Removes the temporary and moved-aside
   folders that runs killed before they could clean up left beside it
   (their PID is gone) and counts them in *cleaned. */
int fs_outdir_begin(const char *final_dir, const char *kind, char *tmp, size_t cap, int *cleaned,
                    fs_err *err);
/* Replaces final_dir by tmp, checking it again: the old folder, if any, is
   moved aside first and removed after the rename. */
int fs_outdir_commit(const char *tmp, const char *final_dir, const char *kind, fs_err *err);
/* Removes tmp and everything in it (on failure). */
void fs_outdir_abort(const char *tmp);
/* Removes path and, when it is a folder, everything in it; links are
   removed, never followed. */
void fs_remove_tree(const char *path);
/* "DIR/.BASE.WHAT-PID@HOST-" into buf: the start of the name of a
   temporary (WHAT "tmp" or "old") of an output named base, which the caller
   completes with a suffix of letters and digits (mkdtemp's XXXXXX, a
   counter). HOST is this machine's name (letters, digits, '.', '-'). */
int fs_tmp_prefix(char *buf, size_t cap, const char *dir, const char *base, const char *what,
                  fs_err *err);
/* Removes what killed processes of this machine left in parent for an
   output named base: files and folders named exactly as fs_tmp_prefix
   starts them whose process is gone. A name of another shape (a user's
   "results.old-2023") or of another machine is left alone. An old output
   moved aside by a process killed before it moved the new one in goes
   back to parent/base when nothing is there. Only for outputs one process of one
   machine writes at a time (a run's -o, a report): the temporaries of a sweep folder's shards,
   which may run on other machines, are never cleaned so. */
int fs_stale_clean(const char *parent, const char *base);
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

/* Opens a file of a folder fleetsim reads back (a results or sweep
   folder, which may come from anyone) for reading (mode "rb") or writing
   in place (mode "r+b"): only a regular file, never through a symbolic
   link, and without blocking on a FIFO. NULL with FS_EIO or FS_EINVAL
   naming it otherwise. */
FILE *fs_open_regular(const char *path, const char *mode, fs_err *err);

/* Flags of fs_open_input. */
#define FS_OPEN_NOFOLLOW 1u /* refuse a symbolic link: a file of a folder from anyone */
/* Opens an input file for reading (mode "rb"): a regular file only, so
   that a FIFO, a terminal or a device (/dev/zero) is refused at once
   rather than waited on or read forever; a symbolic link is followed to
   such a file unless flags has FS_OPEN_NOFOLLOW. NULL with FS_EIO ("PATH:
   cannot open: REASON") or FS_EINVAL ("PATH: not a regular file ...")
   otherwise. */
FILE *fs_open_input(const char *path, unsigned flags, fs_err *err);

/* mkdir -p. */
int fs_mkdirs(const char *path, fs_err *err);

#endif
