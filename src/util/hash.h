/* hash.h: FNV-1a 64, the checksum of files and configurations that
   fingerprints scenarios, sweeps and fleets. */
#ifndef FS_HASH_H
#define FS_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define FS_FNV_BASIS 0xcbf29ce484222325ULL

/* FNV-1a 64 over data[0..n), continuing from h (FS_FNV_BASIS to start). */
uint64_t fs_fnv1a(uint64_t h, const void *data, size_t n);

/* FNV-1a 64 of a file's bytes into *out. FS_EIO naming the file when it
   cannot be read. */
int fs_fnv1a_file(const char *path, uint64_t *out, fs_err *err);

#endif
