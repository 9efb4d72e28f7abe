/* queue.c: dispatch from the pending-event set interface to a structure. */
#include "engine/queue_impl.h"

#include <assert.h>
#include <string.h>

#include "util/alloc.h"

static const char *const kind_names[] = {"heap", "ladder", "calendar", NULL};

fs_queue *fs_queue_new(fs_queue_kind kind, size_t capacity_hint, fs_err *err) {
  switch (kind) {
  case FS_QUEUE_HEAP:
    return fs_queue__heap_new(capacity_hint, err);
  case FS_QUEUE_LADDER:
    return fs_queue__ladder_new(capacity_hint, err);
  case FS_QUEUE_CALENDAR:
    return fs_queue__calendar_new(capacity_hint, err);
  }
  fs_err_set(err, FS_EINVAL, "unknown pending-event set kind %d", (int) kind);
  return NULL;
}

void fs_queue_free(fs_queue *q) {
  if (q) q->ops->destroy(q);
}

int fs_queue_push(fs_queue *q, const fs_event *ev) {
#ifndef NDEBUG
  if (q->has_floor && !fs_event_before(&q->floor, ev)) q->has_floor = 0;
#endif
  return q->ops->push(q, ev);
}

int fs_queue_pop(fs_queue *q, fs_event *out) {
#ifndef NDEBUG
  size_t before = q->size;
#endif
  int got = q->ops->pop(q, out);
#ifndef NDEBUG
  /* Strict (time, seq) order: the least pending event is after the last
     one popped, unless a push since then went at or before it. */
  if (got == 1) {
    assert(before > 0 && q->size == before - 1);
    assert(!q->has_floor || fs_event_before(&q->floor, out));
    q->floor = *out;
    q->has_floor = 1;
  } else {
    assert(got < 0 || before == 0);
  }
#endif
  return got;
}
size_t fs_queue_size(const fs_queue *q) {
  return q->size;
}
size_t fs_queue_bytes(const fs_queue *q) {
  return q->ops->bytes(q);
}
int fs_queue__pool_grow(fs_event **pool, uint32_t **next, size_t *cap) {
  size_t n = *cap * 2;
  if (n > (size_t) UINT32_MAX) n = UINT32_MAX;
  if (n <= *cap) return FS_ENOMEM;
  fs_event *p = fs_realloc(*pool, n * sizeof *p);
  if (!p) return FS_ENOMEM;
  *pool = p;
  uint32_t *x = fs_realloc(*next, n * sizeof *x);
  if (!x) return FS_ENOMEM;
  *next = x;
  *cap = n;
  fs_advise_huge(p, n * sizeof *p);
  fs_advise_huge(x, n * sizeof *x);
  return 0;
}

const char *const *fs_queue_kind_names(void) {
  return kind_names;
}
fs_queue_kind fs_queue_get_kind(const fs_queue *q) {
  return q->kind;
}

const char *fs_queue_kind_name(fs_queue_kind kind) {
  if ((unsigned) kind < sizeof kind_names / sizeof kind_names[0] - 1) return kind_names[kind];
  return "?";
}

int fs_queue_kind_parse(const char *name, fs_queue_kind *out) {
  for (unsigned i = 0; kind_names[i]; i++) {
    if (strcmp(name, kind_names[i]) == 0) {
      *out = (fs_queue_kind) i;
      return 0;
    }
  }
  return FS_EINVAL;
}
