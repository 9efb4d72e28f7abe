/* queue.h: the pending-event set interface and its implementations. */
#ifndef FS_QUEUE_H
#define FS_QUEUE_H

#include <stddef.h>

#include "engine/event.h"
#include "util/err.h"

/* Pending-event set structures, selectable at run time. All return events
   in strict (time, seq) order; see event.h.
   - FS_QUEUE_HEAP: implicit 4-ary min-heap of events by value; O(log n).
   - FS_QUEUE_LADDER: ladder queue (Tang, Goh and Thng, ACM TOMACS 15(3),
     2005): unsorted Top list, up to 8 rungs of unsorted buckets, and a
     small heap as Bottom; O(1) amortised.
   - FS_QUEUE_CALENDAR: calendar queue (Brown, CACM 31(10), 1988) with
     bucket-count resizing on size doubling/halving; O(1) expected for
     stationary workloads. */
typedef enum fs_queue_kind {
  FS_QUEUE_HEAP = 0,
  FS_QUEUE_LADDER = 1,
  FS_QUEUE_CALENDAR = 2
} fs_queue_kind;

#define FS_QUEUE_DEFAULT FS_QUEUE_LADDER

typedef struct fs_queue fs_queue;

/* Creates an empty set with room for capacity_hint events before it has to
   grow (growth doubles storage; it is amortised, never per event). The
   caller owns the result and frees it with fs_queue_free. */
fs_queue *fs_queue_new(fs_queue_kind kind, size_t capacity_hint, fs_err *err);
void fs_queue_free(fs_queue *q);

/* Adds a copy of *ev. Returns 0, or FS_ENOMEM if storage could not grow. */
int fs_queue_push(fs_queue *q, const fs_event *ev);

/* Removes the least event into *out. Returns 1, or 0 when the set is empty. */
int fs_queue_pop(fs_queue *q, fs_event *out);

size_t fs_queue_size(const fs_queue *q);

/* Bytes of storage currently allocated by the set. */
size_t fs_queue_bytes(const fs_queue *q);

fs_queue_kind fs_queue_get_kind(const fs_queue *q);
const char *fs_queue_kind_name(fs_queue_kind kind);
/* The names of the kinds, in enum order, NULL-terminated (option choices). */
const char *const *fs_queue_kind_names(void);
/* Parses "heap", "ladder" or "calendar"; returns 0 or FS_EINVAL. */
int fs_queue_kind_parse(const char *name, fs_queue_kind *out);

#endif
