/* calendar.c: pending-event set as a calendar queue (Brown, CACM 1988). */
#include "engine/queue_impl.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "util/alloc.h"

/* nb buckets (a power of two) of width w form a "year"; an event with time t
   has day v(t) = floor(t / w) and lives in bucket v mod nb, in a list sorted
   by (time, seq). Dequeue scans days cur_day, cur_day + 1, ... and takes a
   bucket's head when its day equals the day being scanned.

   Invariant: no pending event has a day before cur_day. Because v is
   monotone in t, the head of bucket (cur_day mod nb) is the global minimum
   whenever its day is cur_day, which keeps the order exact (not just up to
   rounding). The bucket count doubles or halves with the size, and the
   width is re-estimated from the earliest pending events at each resize. */

#define NIL UINT32_MAX

typedef struct cal_queue {
  fs_queue base;
  fs_event *pool;
  uint32_t *next;
  size_t pool_cap, pool_used;
  uint32_t free_head;
  uint32_t *head; /* owned; nb bucket heads */
  uint32_t *tail; /* owned; nb bucket tails (NIL when empty) */
  size_t nb;
  double width;
  int64_t cur_day;
} cal_queue;

static inline int64_t day_of(const cal_queue *cq, double t) {
  return (int64_t) floor(t / cq->width);
}
static inline size_t bucket_of_day(const cal_queue *cq, int64_t d) {
  return (size_t) ((uint64_t) d & (cq->nb - 1));
}

static int pool_grow(cal_queue *cq) {
  return fs_queue__pool_grow(&cq->pool, &cq->next, &cq->pool_cap);
}

/* Inserts slot s into its bucket's sorted list. Appending at the tail is
   checked first: events scheduled in time order (and runs of equal times,
   whose seq only grows) then cost O(1) instead of a list walk. */
static void link_sorted(cal_queue *cq, uint32_t s) {
  const fs_event *e = &cq->pool[s];
  size_t b = bucket_of_day(cq, day_of(cq, e->time));
  uint32_t tl = cq->tail[b];
  if (tl == NIL || !fs_event_before(e, &cq->pool[tl])) {
    cq->next[s] = NIL;
    if (tl == NIL)
      cq->head[b] = s;
    else
      cq->next[tl] = s;
    cq->tail[b] = s;
    return;
  }
  uint32_t *p = &cq->head[b];
  while (fs_event_before(&cq->pool[*p], e)) p = &cq->next[*p];
  /* The tail is after e, so the walk stops at an event, never at NIL. */
  assert(*p != NIL);
  cq->next[s] = *p;
  *p = s;
}

#define SAMPLE 32

/* Width from the earliest pending events (Brown's rule): three times their
   mean separation, ignoring separations over twice the mean (outliers). The
   front of the queue is where dequeues happen, so its density matters. */
static double estimate_width(const double *front, size_t k, double fallback) {
  if (k < 2) return fallback;
  double mean = (front[k - 1] - front[0]) / (double) (k - 1), sum = 0;
  size_t used = 0;
  for (size_t i = 1; i < k; i++) {
    double gap = front[i] - front[i - 1];
    if (gap <= 2.0 * mean) {
      sum += gap;
      used++;
    }
  }
  double w = used ? 3.0 * sum / (double) used : 0.0;
  return w > fabs(front[0]) * 1e-12 && w > 0 ? w : fallback;
}

/* Rebuilds with nb buckets and a width fitted to the pending events. */
static int resize(cal_queue *cq, size_t nb) {
  uint32_t *h = fs_malloc(nb * sizeof *h), *tl = fs_malloc(nb * sizeof *tl);
  if (!h || !tl) {
    free(h);
    free(tl);
    return FS_ENOMEM;
  }
  /* Collect all pending slots into one list, keeping the SAMPLE earliest
     times in a small sorted buffer. */
  uint32_t all = NIL;
  double front[SAMPLE];
  size_t k = 0;
  for (size_t i = 0; i < cq->nb; i++) {
    for (uint32_t s = cq->head[i]; s != NIL;) {
      uint32_t nx = cq->next[s];
      double t = cq->pool[s].time;
      if (k < SAMPLE || t < front[k - 1]) {
        size_t j = k < SAMPLE ? k++ : SAMPLE - 1;
        while (j > 0 && front[j - 1] > t) {
          front[j] = front[j - 1];
          j--;
        }
        front[j] = t;
      }
      cq->next[s] = all;
      all = s;
      s = nx;
    }
  }
  free(cq->head);
  free(cq->tail);
  cq->head = h;
  cq->tail = tl;
  cq->nb = nb;
  for (size_t i = 0; i < nb; i++) h[i] = tl[i] = NIL;
  cq->width = estimate_width(front, k, cq->width);
  if (k > 0) cq->cur_day = day_of(cq, front[0]);
  while (all != NIL) {
    uint32_t nx = cq->next[all];
    link_sorted(cq, all);
    all = nx;
  }
  return 0;
}

static int cal_push(fs_queue *q, const fs_event *ev) {
  cal_queue *cq = (cal_queue *) q;
  uint32_t s;
  if (cq->free_head != NIL) {
    s = cq->free_head;
    cq->free_head = cq->next[s];
  } else {
    if (cq->pool_used == cq->pool_cap && pool_grow(cq) != 0) return FS_ENOMEM;
    s = (uint32_t) cq->pool_used++;
  }
  cq->pool[s] = *ev;
  int64_t d = day_of(cq, ev->time);
  if (q->size == 0 || d < cq->cur_day) cq->cur_day = d;
  assert(d >= cq->cur_day); /* no pending event before cur_day */
  link_sorted(cq, s);
  q->size++;
  /* A failed resize leaves the old, still valid buckets: only speed suffers. */
  if (q->size > 2 * cq->nb && cq->nb < ((size_t) 1 << 30)) (void) resize(cq, cq->nb * 2);
  return 0;
}

static int cal_pop(fs_queue *q, fs_event *out) {
  cal_queue *cq = (cal_queue *) q;
  if (q->size == 0) return 0;
  uint32_t *hp = NULL;
  for (size_t scanned = 0; scanned < cq->nb; scanned++, cq->cur_day++) {
    uint32_t *p = &cq->head[bucket_of_day(cq, cq->cur_day)];
    if (*p != NIL && day_of(cq, cq->pool[*p].time) == cq->cur_day) {
      hp = p;
      break;
    }
  }
  if (!hp) {
    /* A whole year was empty: find the minimum directly. */
    for (size_t i = 0; i < cq->nb; i++) {
      uint32_t s = cq->head[i];
      if (s != NIL && (!hp || fs_event_before(&cq->pool[s], &cq->pool[*hp]))) hp = &cq->head[i];
    }
    assert(hp != NULL); /* size > 0: some bucket holds an event */
    cq->cur_day = day_of(cq, cq->pool[*hp].time);
  }
  uint32_t s = *hp;
  *out = cq->pool[s];
  /* The head of cur_day's bucket whose day is cur_day: the least event. */
  assert(day_of(cq, out->time) == cq->cur_day);
  assert(cq->next[s] == NIL || !fs_event_before(&cq->pool[cq->next[s]], out));
  *hp = cq->next[s];
  if (*hp == NIL) cq->tail[hp - cq->head] = NIL;
  cq->next[s] = cq->free_head;
  cq->free_head = s;
  assert(q->size > 0);
  q->size--;
  if (cq->nb > 16 && q->size < cq->nb / 2) (void) resize(cq, cq->nb / 2);
  return 1;
}

static size_t cal_bytes(const fs_queue *q) {
  const cal_queue *cq = (const cal_queue *) q;
  return sizeof *cq + cq->pool_cap * (sizeof(fs_event) + sizeof(uint32_t)) +
         cq->nb * 2 * sizeof(uint32_t);
}

static void cal_destroy(fs_queue *q) {
  cal_queue *cq = (cal_queue *) q;
  free(cq->pool);
  free(cq->next);
  free(cq->head);
  free(cq->tail);
  free(cq);
}

static const fs_queue_ops cal_ops = {cal_push, cal_pop, cal_bytes, cal_destroy};

fs_queue *fs_queue__calendar_new(size_t capacity_hint, fs_err *err) {
  cal_queue *cq = fs_calloc(1, sizeof *cq);
  if (!cq) goto oom;
  cq->pool_cap = capacity_hint < 64 ? 64 : capacity_hint;
  if (cq->pool_cap > NIL) cq->pool_cap = NIL;
  cq->pool = fs_malloc(cq->pool_cap * sizeof *cq->pool);
  cq->next = fs_malloc(cq->pool_cap * sizeof *cq->next);
  cq->nb = 16;
  cq->head = fs_malloc(cq->nb * sizeof *cq->head);
  cq->tail = fs_malloc(cq->nb * sizeof *cq->tail);
  if (!cq->pool || !cq->next || !cq->head || !cq->tail) goto oom;
  for (size_t i = 0; i < cq->nb; i++) cq->head[i] = cq->tail[i] = NIL;
  cq->free_head = NIL;
  cq->width = 1.0;
  cq->base.ops = &cal_ops;
  cq->base.kind = FS_QUEUE_CALENDAR;
  return &cq->base;
oom:
  if (cq) {
    free(cq->pool);
    free(cq->next);
    free(cq->head);
    free(cq->tail);
    free(cq);
  }
  fs_err_set(err, FS_ENOMEM, "out of memory allocating a calendar queue for %zu events",
             capacity_hint);
  return NULL;
}
