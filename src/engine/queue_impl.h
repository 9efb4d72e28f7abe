/* queue_impl.h: internal vtable shared by the pending-event set structures. */
#ifndef FS_QUEUE_IMPL_H
#define FS_QUEUE_IMPL_H

#include "engine/queue.h"

typedef struct fs_queue_ops {
  int (*push)(fs_queue *q, const fs_event *ev);
  int (*pop)(fs_queue *q, fs_event *out);
  size_t (*bytes)(const fs_queue *q);
  void (*destroy)(fs_queue *q);
} fs_queue_ops;

/* Every implementation starts with this header. */
struct fs_queue {
  const fs_queue_ops *ops;
  fs_queue_kind kind;
  size_t size;
#ifndef NDEBUG
  /* Checks the (time, seq) order of pops (queue.c): while has_floor, every
     pending event is strictly after floor, the last event popped. A push
     at or before floor (allowed: a set is a priority queue, and fs_sim puts
     an event back) clears has_floor until the next pop. */
  fs_event floor;
  int has_floor;
#endif
};

/* Doubles an event pool and its link array (ladder and calendar queues):
   *cap grows to at most UINT32_MAX slots, so every index is below the
   NIL link (UINT32_MAX). 0 or FS_ENOMEM (the pool is then unchanged, but a pool that
   moved keeps its new address). */
int fs_queue__pool_grow(fs_event **pool, uint32_t **next, size_t *cap);

fs_queue *fs_queue__heap_new(size_t capacity_hint, fs_err *err);
fs_queue *fs_queue__ladder_new(size_t capacity_hint, fs_err *err);
fs_queue *fs_queue__calendar_new(size_t capacity_hint, fs_err *err);

#endif
