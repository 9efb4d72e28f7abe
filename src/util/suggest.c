/* suggest.c: one edit distance and one "did you mean" rule (suggest.h). */
#include "util/suggest.h"

#include <ctype.h>
#include <string.h>

int fs_edit_distance(const char *a, const char *b) {
  size_t n = strlen(a), m = strlen(b);
  if (n > FS_SUGGEST_MAX_LEN || m > FS_SUGGEST_MAX_LEN) return FS_SUGGEST_MAX_LEN + 1;
  /* Three rows of the optimal-string-alignment table: prev2, prev, cur. */
  int r0[FS_SUGGEST_MAX_LEN + 1], r1[FS_SUGGEST_MAX_LEN + 1], r2[FS_SUGGEST_MAX_LEN + 1];
  int *p2 = r0, *p1 = r1, *cur = r2;
  for (size_t j = 0; j <= m; j++) p1[j] = (int) j;
  for (size_t i = 1; i <= n; i++) {
    int ai = tolower((unsigned char) a[i - 1]);
    cur[0] = (int) i;
    for (size_t j = 1; j <= m; j++) {
      int bj = tolower((unsigned char) b[j - 1]);
      int v = p1[j] + 1;
      if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
      if (p1[j - 1] + (ai != bj) < v) v = p1[j - 1] + (ai != bj);
      if (i > 1 && j > 1 && ai == tolower((unsigned char) b[j - 2]) &&
          tolower((unsigned char) a[i - 2]) == bj && p2[j - 2] + 1 < v)
        v = p2[j - 2] + 1;
      cur[j] = v;
    }
    int *t = p2;
    p2 = p1, p1 = cur, cur = t;
  }
  return p1[m];
}

/* Candidate i: a pointer in an array (stride 0) or a name stored inline. */
static const char *nth(const void *base, size_t stride, size_t i) {
  return stride ? (const char *) base + i * stride : ((const char *const *) base)[i];
}

static const char *rule(const char *word, const void *base, size_t stride, size_t n) {
  size_t len = strlen(word);
  int allow = len / 3 > 2 ? (int) (len / 3) : 2, best = allow + 1;
  const char *pick = NULL;
  for (size_t i = 0; i < n; i++) {
    const char *c = nth(base, stride, i);
    if (strcmp(c, word) == 0) return NULL;
    int d = fs_edit_distance(word, c);
    if (d < best) best = d, pick = c;
  }
  return pick;
}

const char *fs_suggest(const char *word, const char *const *cand, size_t n) {
  return rule(word, cand, 0, n);
}

const char *fs_suggest_field(const char *word, const char *first, size_t stride, size_t n) {
  return rule(word, first, stride, n);
}
