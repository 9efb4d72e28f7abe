/* alloc.c: the allocation counter of fault-injection builds (alloc.h). */
#include "util/alloc.h"

#include <stdint.h>
#include <sys/mman.h>

#include "util/num.h"

void fs_advise_huge(void *p, size_t n) {
#ifdef MADV_HUGEPAGE
  const uintptr_t huge = (uintptr_t) 2 << 20;
  if (!p || n < 2 * huge) return;
  uintptr_t lo = ((uintptr_t) p + huge - 1) / huge * huge, hi = ((uintptr_t) p + n) / huge * huge;
  if (hi > lo) (void) madvise((void *) lo, hi - lo, MADV_HUGEPAGE);
#else
  (void) p;
  (void) n;
#endif
}

#ifdef FS_FAULT_INJECTION
#include <stdatomic.h>

/* Test instrumentation, not state: the one process-wide counter besides the
   SIGINT flag (ARCHITECTURE.md), atomic because threads allocate too. */
static atomic_ullong calls;
static atomic_ullong fail_at; /* 0: not read yet; ULLONG_MAX: never */

static void report(void) {
  fprintf(stderr, "fleetsim: %llu allocations\n", (unsigned long long) atomic_load(&calls));
}

static unsigned long long target(void) {
  unsigned long long t = atomic_load(&fail_at);
  if (t) return t;
  const char *v = getenv("FLEETSIM_FAIL_ALLOC");
  uint64_t n = 0;
  if (v && *v && (fs_num_u64(v, &n) != 0 || n == 0))
    fprintf(stderr,
            "fleetsim: FLEETSIM_FAIL_ALLOC: expected a whole number >= 1 (got \"%.40s\"); "
            "no allocation is failed\n",
            v);
  t = n && n < (uint64_t) -1 ? (unsigned long long) n : (unsigned long long) -1;
  unsigned long long zero = 0;
  if (atomic_compare_exchange_strong(&fail_at, &zero, t) && getenv("FLEETSIM_ALLOC_REPORT"))
    atexit(report);
  return atomic_load(&fail_at);
}

/* Called at the chosen failure: a place for a debugger's breakpoint
   (gdb -ex 'break fs_alloc__failing'). */
__attribute__((noinline)) void fs_alloc__failing(void);
__attribute__((noinline)) void fs_alloc__failing(void) {
  __asm__ volatile("");
}

int fs_alloc__fail(void) {
  unsigned long long t = target();
  if (atomic_fetch_add(&calls, 1) + 1 != t) return 0;
  fs_alloc__failing();
  return 1;
}
#endif
