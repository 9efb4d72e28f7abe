/* heap_inl.h: implicit 4-ary min-heap over an fs_event array (internal). */
#ifndef FS_HEAP_INL_H
#define FS_HEAP_INL_H

#include <assert.h>
#include <stddef.h>

#include "engine/event.h"

/* Invariant: for every i > 0, h[(i - 1) / 4] is not after h[i] in (time, seq)
   order. Four children per node keep the tree shallow (log4 n levels) and a
   node's children inside one or two 64-byte cache lines' worth of events. */
#define FS_HEAP_D 4

static inline void fs__heap_insert(fs_event *h, size_t n, const fs_event *e) {
  size_t i = n;
  while (i > 0) {
    size_t p = (i - 1) / FS_HEAP_D;
    if (!fs_event_before(e, &h[p])) break;
    h[i] = h[p];
    i = p;
  }
  h[i] = *e;
  assert(i == 0 || !fs_event_before(&h[i], &h[(i - 1) / FS_HEAP_D]));
}

/* Moves element x down from the hole at i in a heap of n elements. */
static inline void fs__heap_sift_down(fs_event *h, size_t n, size_t i, const fs_event *x) {
#ifndef NDEBUG
  const size_t from = i;
#endif
  for (;;) {
    size_t c = FS_HEAP_D * i + 1;
    if (c >= n) break;
    size_t m = c, end = c + FS_HEAP_D < n ? c + FS_HEAP_D : n;
    for (size_t k = c + 1; k < end; k++)
      if (fs_event_before(&h[k], &h[m])) m = k;
    if (!fs_event_before(&h[m], x)) break;
    h[i] = h[m];
    i = m;
  }
  h[i] = *x;
  /* Heap order where x landed: below its start, its parent (a child moved
     up) is not after it; its children are not before it (the loop's exit).
     At the start the parent is the caller's business (fs__heap_build has
     not ordered the levels above yet). */
  assert(i == from || !fs_event_before(&h[i], &h[(i - 1) / FS_HEAP_D]));
}

/* Removes the least of n > 0 elements into *out; the heap then has n - 1. */
static inline void fs__heap_remove_min(fs_event *h, size_t n, fs_event *out) {
  assert(n > 0);
  *out = h[0];
  if (n > 1) {
    fs_event last = h[n - 1];
    fs__heap_sift_down(h, n - 1, 0, &last);
    /* The new least is not before the one removed. */
    assert(!fs_event_before(&h[0], out));
  }
}

/* Floyd's bottom-up heap construction, O(n). */
static inline void fs__heap_build(fs_event *h, size_t n) {
  if (n < 2) return;
  for (size_t i = (n - 2) / FS_HEAP_D + 1; i-- > 0;) {
    fs_event x = h[i];
    fs__heap_sift_down(h, n, i, &x);
  }
}

#endif
