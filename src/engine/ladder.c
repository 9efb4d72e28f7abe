/* ladder.c: pending-event set as a ladder queue (Tang, Goh, Thng 2005). */
#include "engine/heap_inl.h"
#include "engine/queue_impl.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "util/alloc.h"

/* Structure (after Tang, Goh and Thng, "Ladder Queue: An O(1) Priority Queue
   Structure for Large-Scale Discrete Event Simulation", ACM TOMACS 2005):

   - Top: an unsorted list of far-future events, t >= top_start.
   - Rungs 0..nrungs-1: each an array of unsorted buckets of equal width.
     Rung r accepts t >= cur_time(r) = start + cur * width, where cur is the
     next bucket it will hand out. Rung r+1 was spawned from one bucket of
     rung r, so the rungs get finer downwards.
   - Bottom: a small 4-ary heap of the events of the bucket being consumed
     and of late arrivals below every rung. The paper keeps Bottom as a
     sorted list; a heap keeps inserts O(log n) even when many events share
     one time and no rung can split them.

   Invariant (exact, because placement and thresholds use the same floating
   point expressions): every event in rung r has cur_time(r) <= t and is
   before the events of every coarser rung that is not exhausted, every
   event in Bottom is before every event in any rung, and bucket k of a rung
   holds only events with boundary(k) <= t, where boundary(k) = start + k *
   width is monotone in k. Buckets are consumed in index order and each is
   ordered by (time, seq) in Bottom, so events leave in (time, seq) order.

   Events live in a pool (indices, not pointers, so the pool can grow by
   realloc) and are linked into Top and buckets through next[]. */

#define THRES     50 /* a bucket larger than this is split into a new rung */
#define MAX_RUNGS 8  /* beyond this, large buckets go to Bottom whole */
#define NIL       UINT32_MAX

typedef struct bucket {
  uint32_t head;
  uint32_t count;
} bucket;

typedef struct rung {
  bucket *b;  /* owned, capacity cap */
  size_t cap; /* allocated buckets */
  size_t nb;  /* buckets in use */
  size_t cur; /* next bucket to consume */
  double start, width;
} rung;

typedef struct ladder_queue {
  fs_queue base;
  fs_event *pool; /* owned; pool_cap slots */
  uint32_t *next; /* owned; link of each slot */
  size_t pool_cap, pool_used;
  uint32_t free_head;

  uint32_t top_head;
  size_t top_n;
  double top_min, top_max, top_start;
  uint64_t top_seqmax;   /* the largest seq in Top */
  uint64_t top_startseq; /* Top's largest seq when it moved to rung 0 */

  rung rungs[MAX_RUNGS];
  int nrungs;

  fs_event *bottom; /* owned; a heap of bot_n events, capacity bot_cap */
  size_t bot_n, bot_cap;
} ladder_queue;

static inline double boundary(const rung *r, size_t k) {
  return r->start + (double) k * r->width;
}

static int pool_grow(ladder_queue *lq) {
  return fs_queue__pool_grow(&lq->pool, &lq->next, &lq->pool_cap);
}

static inline int slot_alloc(ladder_queue *lq, uint32_t *slot) {
  if (lq->free_head != NIL) {
    *slot = lq->free_head;
    lq->free_head = lq->next[*slot];
    return 0;
  }
  if (lq->pool_used == lq->pool_cap && pool_grow(lq) != 0) return FS_ENOMEM;
  *slot = (uint32_t) lq->pool_used++;
  return 0;
}

static inline void slot_free(ladder_queue *lq, uint32_t slot) {
  assert(slot < lq->pool_used);
  lq->next[slot] = lq->free_head;
  lq->free_head = slot;
}

/* Bucket index of t in rung r, clamped to [r->cur, r->nb - 1] and corrected
   so that boundary(k) <= t < boundary(k + 1) holds in floating point. */
static inline size_t bucket_of(const rung *r, double t) {
  double x = (t - r->start) / r->width;
  size_t k = x <= (double) r->cur ? r->cur : x >= (double) (r->nb - 1) ? r->nb - 1 : (size_t) x;
  while (k > r->cur && t < boundary(r, k)) k--;
  while (k + 1 < r->nb && t >= boundary(r, k + 1)) k++;
  /* Callers only place events at or after the rung's current boundary. */
  assert(r->cur < r->nb && k >= r->cur && t >= boundary(r, k));
  assert(k + 1 == r->nb || t < boundary(r, k + 1));
  return k;
}

static inline void bucket_link(ladder_queue *lq, rung *r, uint32_t slot) {
  bucket *b = &r->b[bucket_of(r, lq->pool[slot].time)];
  lq->next[slot] = b->head;
  b->head = slot;
  assert(b->count < UINT32_MAX);
  b->count++;
}

static int bottom_reserve(ladder_queue *lq, size_t n) {
  if (n <= lq->bot_cap) return 0;
  size_t cap = lq->bot_cap ? lq->bot_cap : 64;
  while (cap < n) cap *= 2;
  fs_event *b = fs_realloc(lq->bottom, cap * sizeof *b);
  if (!b) return FS_ENOMEM;
  lq->bottom = b;
  lq->bot_cap = cap;
  return 0;
}

/* Prepares rung index ri with nb empty buckets over [start, start + nb * w). */
static int rung_init(ladder_queue *lq, int ri, size_t nb, double start, double w) {
  rung *r = &lq->rungs[ri];
  if (nb > r->cap) {
    bucket *b = fs_realloc(r->b, nb * sizeof *b);
    if (!b) return FS_ENOMEM;
    r->b = b;
    r->cap = nb;
  }
  for (size_t i = 0; i < nb; i++) r->b[i] = (bucket){NIL, 0};
  r->nb = nb;
  r->cur = 0;
  r->start = start;
  r->width = w;
  return 0;
}

static int ladder_push(fs_queue *q, const fs_event *ev) {
  ladder_queue *lq = (ladder_queue *) q;
  double t = ev->time;
  /* At top_start itself, Top takes only an event after those at that time
     that moved down to rung 0: a new one (a larger seq), not one put back
     (fs_sim puts back the least event, whose seq is smaller). */
  if (t > lq->top_start || (t == lq->top_start && ev->seq > lq->top_startseq)) {
    uint32_t s;
    if (slot_alloc(lq, &s) != 0) return FS_ENOMEM;
    lq->pool[s] = *ev;
    lq->next[s] = lq->top_head;
    lq->top_head = s;
    if (lq->top_n == 0 || t < lq->top_min) lq->top_min = t;
    if (lq->top_n == 0 || t > lq->top_max) lq->top_max = t;
    if (lq->top_n == 0 || ev->seq > lq->top_seqmax) lq->top_seqmax = ev->seq;
    lq->top_n++;
    q->size++;
    return 0;
  }
  for (int i = 0; i < lq->nrungs; i++) {
    rung *r = &lq->rungs[i];
    /* An exhausted rung (cur == nb) holds nothing and accepts nothing; it
       is removed at the next refill. */
    if (r->cur < r->nb && t >= boundary(r, r->cur)) {
      uint32_t s;
      if (slot_alloc(lq, &s) != 0) return FS_ENOMEM;
      lq->pool[s] = *ev;
      bucket_link(lq, r, s);
      q->size++;
      return 0;
    }
  }
  if (bottom_reserve(lq, lq->bot_n + 1) != 0) return FS_ENOMEM;
  fs__heap_insert(lq->bottom, lq->bot_n, ev);
  lq->bot_n++;
  q->size++;
  return 0;
}

/* Spreads a linked list over the buckets of rung ri. */
static void list_spread(ladder_queue *lq, int ri, uint32_t head) {
  rung *r = &lq->rungs[ri];
  while (head != NIL) {
    uint32_t nx = lq->next[head];
    bucket_link(lq, r, head);
    head = nx;
  }
}

/* A width below this cannot separate times near `at` in double precision. */
static inline int width_usable(double at, double w) {
  return w > fabs(at) * 1e-12 && w > 1e-300;
}

/* Moves Top into a fresh rung 0. */
static int top_to_ladder(ladder_queue *lq) {
  size_t n = lq->top_n;
  double w = (lq->top_max - lq->top_min) / (double) n;
  size_t nb = n;
  if (!width_usable(lq->top_min, w)) {
    nb = 1;
    w = 1.0;
  }
  if (rung_init(lq, 0, nb, lq->top_min, w) != 0) return FS_ENOMEM;
  lq->nrungs = 1;
  /* Events at top_max already in rung 0 precede any later insert at the
     same time (smaller seq), so top_max is a valid Top threshold for
     events with a larger seq than all of them (ladder_push). */
  lq->top_start = lq->top_max;
  lq->top_startseq = lq->top_seqmax;
  uint32_t head = lq->top_head;
  lq->top_head = NIL;
  lq->top_n = 0;
  list_spread(lq, 0, head);
  return 0;
}

/* Copies a bucket's events into Bottom and frees their slots. */
static int bucket_to_bottom(ladder_queue *lq, bucket *b) {
  if (bottom_reserve(lq, lq->bot_n + b->count) != 0) return FS_ENOMEM;
  size_t n = lq->bot_n;
  for (uint32_t s = b->head; s != NIL;) {
    uint32_t nx = lq->next[s];
    lq->bottom[n++] = lq->pool[s];
    slot_free(lq, s);
    s = nx;
  }
  assert(n == lq->bot_n + b->count);
  if (lq->bot_n == 0) {
    fs__heap_build(lq->bottom, n);
  } else {
    for (size_t i = lq->bot_n; i < n; i++) {
      fs_event e = lq->bottom[i];
      fs__heap_insert(lq->bottom, i, &e);
    }
  }
  lq->bot_n = n;
  b->head = NIL;
  b->count = 0;
  return 0;
}

/* Refills Bottom from the ladder (and Top). Returns 0, FS_ENOMEM, or 1 when
   the whole set is empty. */
static int refill_bottom(ladder_queue *lq) {
  while (lq->bot_n == 0) {
    if (lq->nrungs == 0) {
      if (lq->top_n == 0) return 1;
      if (top_to_ladder(lq) != 0) return FS_ENOMEM;
    }
    assert(lq->nrungs > 0 && lq->nrungs <= MAX_RUNGS);
    int ri = lq->nrungs - 1;
    rung *r = &lq->rungs[ri];
    assert(r->cur <= r->nb);
    while (r->cur < r->nb && r->b[r->cur].count == 0) r->cur++;
    if (r->cur == r->nb) {
      lq->nrungs--;
      continue;
    }
    bucket *b = &r->b[r->cur];
    uint32_t head = b->head;
    size_t count = b->count;
    r->cur++;
    if (count > THRES && lq->nrungs < MAX_RUNGS) {
      /* The child spans the bucket's nominal range: no pass over the list
         to measure it. A bucket of equal times ends in Bottom once
         MAX_RUNGS or the usable width is reached. */
      double lo = boundary(r, r->cur - 1);
      double w = r->width / (double) count;
      if (width_usable(lo, w)) {
        assert(ri + 1 < MAX_RUNGS);
        if (rung_init(lq, ri + 1, count, lo, w) != 0) return FS_ENOMEM;
        lq->nrungs++;
        b->head = NIL;
        b->count = 0;
        list_spread(lq, ri + 1, head);
        continue;
      }
    }
    if (bucket_to_bottom(lq, b) != 0) return FS_ENOMEM;
  }
  return 0;
}

#ifndef NDEBUG
/* The invariant at a pop (O(MAX_RUNGS)): Bottom's least event is before
   every rung that still holds events, that is before its current
   boundary (a bucket's events lie below the next bucket's boundary, and a
   child rung's below its parent bucket's end), and not after top_start. */
static int bottom_first(const ladder_queue *lq, double t) {
  if (t > lq->top_start) return 0;
  for (int i = 0; i < lq->nrungs; i++) {
    const rung *r = &lq->rungs[i];
    if (r->cur < r->nb && !(t < boundary(r, r->cur))) return 0;
  }
  return 1;
}
#endif

static int ladder_pop(fs_queue *q, fs_event *out) {
  ladder_queue *lq = (ladder_queue *) q;
  if (lq->bot_n == 0) {
    int rc = refill_bottom(lq);
    if (rc == 1) {
      assert(q->size == 0 && lq->top_n == 0);
      return 0;
    }
    /* Out of memory while refilling: report empty is wrong, so abort the
       pop loudly; fs_sim treats a negative as a fatal run error. */
    if (rc < 0) return rc;
  }
  assert(lq->bot_n > 0 && q->size >= lq->bot_n + lq->top_n);
  fs__heap_remove_min(lq->bottom, lq->bot_n, out);
  assert(bottom_first(lq, out->time));
  lq->bot_n--;
  q->size--;
  return 1;
}

static size_t ladder_bytes(const fs_queue *q) {
  const ladder_queue *lq = (const ladder_queue *) q;
  size_t bytes = sizeof *lq + lq->pool_cap * (sizeof(fs_event) + sizeof(uint32_t)) +
                 lq->bot_cap * sizeof(fs_event);
  for (int i = 0; i < MAX_RUNGS; i++) bytes += lq->rungs[i].cap * sizeof(bucket);
  return bytes;
}

static void ladder_destroy(fs_queue *q) {
  ladder_queue *lq = (ladder_queue *) q;
  free(lq->pool);
  free(lq->next);
  free(lq->bottom);
  for (int i = 0; i < MAX_RUNGS; i++) free(lq->rungs[i].b);
  free(lq);
}

static const fs_queue_ops ladder_ops = {ladder_push, ladder_pop, ladder_bytes, ladder_destroy};

fs_queue *fs_queue__ladder_new(size_t capacity_hint, fs_err *err) {
  ladder_queue *lq = fs_calloc(1, sizeof *lq);
  if (!lq) goto oom;
  lq->pool_cap = capacity_hint < 64 ? 64 : capacity_hint;
  if (lq->pool_cap > NIL) lq->pool_cap = NIL;
  lq->pool = fs_malloc(lq->pool_cap * sizeof *lq->pool);
  lq->next = fs_malloc(lq->pool_cap * sizeof *lq->next);
  if (!lq->pool || !lq->next) goto oom;
  fs_advise_huge(lq->pool, lq->pool_cap * sizeof *lq->pool);
  fs_advise_huge(lq->next, lq->pool_cap * sizeof *lq->next);
  lq->free_head = NIL;
  lq->top_head = NIL;
  lq->top_start = -INFINITY;
  lq->base.ops = &ladder_ops;
  lq->base.kind = FS_QUEUE_LADDER;
  return &lq->base;
oom:
  if (lq) {
    free(lq->pool);
    free(lq->next);
    free(lq);
  }
  fs_err_set(err, FS_ENOMEM, "out of memory allocating a ladder queue for %zu events",
             capacity_hint);
  return NULL;
}
