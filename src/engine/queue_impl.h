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
};

fs_queue *fs_queue__heap_new(size_t capacity_hint, fs_err *err);
fs_queue *fs_queue__ladder_new(size_t capacity_hint, fs_err *err);
fs_queue *fs_queue__calendar_new(size_t capacity_hint, fs_err *err);

#endif
