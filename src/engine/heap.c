/* heap.c: pending-event set as an implicit 4-ary heap of events by value. */
#include "engine/heap_inl.h"
#include "engine/queue_impl.h"

#include <assert.h>
#include <stdlib.h>

#include "util/alloc.h"

typedef struct heap_queue {
  fs_queue base;
  fs_event *h; /* owned; h[0..base.size) is a heap, capacity cap */
  size_t cap;
} heap_queue;

static int heap_push(fs_queue *q, const fs_event *ev) {
  heap_queue *hq = (heap_queue *) q;
  assert(q->size <= hq->cap);
  if (q->size == hq->cap) {
    size_t cap = hq->cap * 2;
    fs_event *h = fs_realloc(hq->h, cap * sizeof *h);
    if (!h) return FS_ENOMEM;
    hq->h = h;
    hq->cap = cap;
  }
  fs__heap_insert(hq->h, q->size, ev);
  q->size++;
  return 0;
}

static int heap_pop(fs_queue *q, fs_event *out) {
  heap_queue *hq = (heap_queue *) q;
  if (q->size == 0) return 0;
  assert(q->size <= hq->cap);
  fs__heap_remove_min(hq->h, q->size, out);
  q->size--;
  return 1;
}

static size_t heap_bytes(const fs_queue *q) {
  const heap_queue *hq = (const heap_queue *) q;
  return sizeof *hq + hq->cap * sizeof(fs_event);
}

static void heap_destroy(fs_queue *q) {
  heap_queue *hq = (heap_queue *) q;
  free(hq->h);
  free(hq);
}

static const fs_queue_ops heap_ops = {heap_push, heap_pop, heap_bytes, heap_destroy};

fs_queue *fs_queue__heap_new(size_t capacity_hint, fs_err *err) {
  heap_queue *hq = fs_calloc(1, sizeof *hq);
  if (!hq) goto oom;
  hq->cap = capacity_hint < 16 ? 16 : capacity_hint;
  hq->h = fs_malloc(hq->cap * sizeof *hq->h);
  if (!hq->h) goto oom;
  hq->base.ops = &heap_ops;
  hq->base.kind = FS_QUEUE_HEAP;
  return &hq->base;
oom:
  free(hq);
  fs_err_set(err, FS_ENOMEM, "out of memory allocating a heap for %zu events", capacity_hint);
  return NULL;
}
