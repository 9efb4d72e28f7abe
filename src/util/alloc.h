/* alloc.h: the allocation functions every fleetsim module calls, so that
   the out-of-memory paths can be tested.

   Builds with FS_FAULT_INJECTION (every build but release, see
   meson.build) count the calls: with FLEETSIM_FAIL_ALLOC=N in the
   environment the N-th call (1-based, over the whole process, all threads)
   returns NULL, once; with FLEETSIM_ALLOC_REPORT set, the count is printed
   to stderr at exit ("fleetsim: N allocations"). tests/test_faults.sh walks
   N over a small run and checks that each failure becomes a message, exit
   status 1 and no results folder. Release builds call the C library
   directly.

   Memory from these functions is released with free(). Not counted: the
   Lua heap (scenario/sandbox.c has its own allocator and limit; Lua turns a
   failure into a script error) and what GSL, igraph and the C library
   allocate inside their own calls. */
#ifndef FS_ALLOC_H
#define FS_ALLOC_H

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef FS_FAULT_INJECTION
/* Whether this allocation is the one chosen to fail (counts it). */
int fs_alloc__fail(void);
#else
static inline int fs_alloc__fail(void) {
  return 0;
}
#endif

static inline void *fs_malloc(size_t n) {
  return fs_alloc__fail() ? NULL : malloc(n);
}
static inline void *fs_calloc(size_t n, size_t size) {
  return fs_alloc__fail() ? NULL : calloc(n, size);
}
static inline void *fs_realloc(void *p, size_t n) {
  return fs_alloc__fail() ? NULL : realloc(p, n);
}
static inline char *fs_strdup(const char *s) {
  return fs_alloc__fail() ? NULL : strdup(s);
}
static inline char *fs_strndup(const char *s, size_t n) {
  return fs_alloc__fail() ? NULL : strndup(s, n);
}
static inline FILE *fs_open_memstream(char **buf, size_t *len) {
  return fs_alloc__fail() ? NULL : open_memstream(buf, len);
}

/* Asks the system to back the whole 2 MiB pages inside [p, p + n) with
   huge pages (Linux transparent huge pages in "madvise" mode): a large
   array read at random then costs far fewer TLB misses. Only for arrays of
   at least 4 MiB that are written through (the pages are not split again);
   nothing where the system has no such advice. */
void fs_advise_huge(void *p, size_t n);

#endif
