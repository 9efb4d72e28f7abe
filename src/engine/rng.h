/* rng.h: 64-bit seeded random streams, one per task, usable with gsl_ran_*. */
#ifndef FS_RNG_H
#define FS_RNG_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

/* xoshiro256** (Blackman and Vigna, "Scrambled linear pseudorandom number
   generators", ACM TOMS 2021) as a gsl_rng_type, so every gsl_ran_*
   distribution can draw from it. Its `set` takes a full 64-bit seed and
   expands it with splitmix64 (GSL's own generators keep only 32 bits). */
extern const gsl_rng_type *fs_rng_xoshiro256ss;

/* Task indices of the streams of a run besides the replications (which use
   0, 1, ...): one place, so no two uses share a stream. */
#define FS_STREAM_FLEET     UINT64_MAX       /* fleet synthesis */
#define FS_STREAM_PLT       (UINT64_MAX - 1) /* period loss table occurrences */
#define FS_STREAM_GRAPH     (UINT64_MAX - 2) /* dependency graph synthesis */
#define FS_STREAM_POLICIES  (UINT64_MAX - 3) /* portfolio policies' missing attributes */
#define FS_STREAM_SWEEP     (UINT64_MAX - 4) /* a sweep's random and Latin-hypercube designs */
#define FS_STREAM_BOOT      (UINT64_MAX - 5) /* a sweep's bootstrap of sensitivity indices */
#define FS_STREAM_MARKET    (UINT64_MAX - 6) /* the segments' non-customers (fleet/market.c) */
#define FS_STREAM_MARKET_EP (UINT64_MAX - 7) /* and their endpoints */
#define FS_STREAM_CATALOG   (UINT64_MAX - 8) /* a catalogue's event draws (catalog build) */
/* A catalogue's year loss table (loss/ylt.h) takes the streams from here
   down: FS_STREAM_YLT the table; bootstrap replicate b (catalog/tables.c)
   its event weights from FS_STREAM_YLT - 1 - 2b and its years from
   FS_STREAM_YLT - 2 - 2b. */
#define FS_STREAM_YLT (UINT64_MAX - 1024)
/* Industry i's organisations: its own stream, so that a change in one
   industry (a portfolio's organisations take its place) leaves the others. */
#define FS_STREAM_INDUSTRY(i) (UINT64_MAX - 16 - (uint64_t) (i))

typedef struct fs_rng_state {
  uint64_t s[4];
} fs_rng_state;

/* The stream key of task `task` under run seed `seed`: for a fixed seed,
   distinct tasks get distinct keys (a bijective mix of the task index is
   added to the mixed seed), and each key seeds xoshiro256** through
   splitmix64. See docs/ENGINE.md. */
uint64_t fs_rng_stream_key(uint64_t seed, uint64_t task);

/* Allocates the stream of (seed, task). Owned by the caller; free with
   gsl_rng_free. Returns NULL when out of memory. */
gsl_rng *fs_rng_new(uint64_t seed, uint64_t task);

/* Re-seeds an existing fs_rng_xoshiro256ss generator to (seed, task). */
void fs_rng_reset(gsl_rng *r, uint64_t seed, uint64_t task);

/* Re-seeds r to substream `entity` of the stream whose key is `key`: the
   same mix as fs_rng_stream_key with key in the seed's place, so distinct
   entities get distinct keys. Cheap (four splitmix64 steps): the model
   re-seeds one generator per endpoint or organisation it draws for
   (common random numbers, docs/ENGINE.md). */
void fs_rng_substream(gsl_rng *r, uint64_t key, uint64_t entity);

/* splitmix64 step (Steele, Lea, Flood 2014): advances *x, returns a mixed word. */
static inline uint64_t fs_splitmix64(uint64_t *x) {
  uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static inline uint64_t fs__rotl(uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

/* One xoshiro256** step on state s: returns the output, advances s. */
static inline uint64_t fs__xoshiro_step(uint64_t *s) {
  uint64_t out = fs__rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = fs__rotl(s[3], 45);
  return out;
}

/* Next raw 64-bit output of an fs_rng_xoshiro256ss generator (fast path
   that skips GSL's indirect call). */
static inline uint64_t fs_rng_next(gsl_rng *r) {
  return fs__xoshiro_step(((fs_rng_state *) r->state)->s);
}

/* Uniform double in [0, 1) with 53 random bits. */
static inline double fs_rng_u01(gsl_rng *r) {
  return (double) (fs_rng_next(r) >> 11) * 0x1.0p-53;
}

/* Uniform double in (0, 1]. */
static inline double fs_rng_u01_pos(gsl_rng *r) {
  return (double) ((fs_rng_next(r) >> 11) + 1) * 0x1.0p-53;
}

/* Uniform integer in [0, n) by Lemire's multiply-shift, n > 0. */
static inline uint64_t fs_rng_below(gsl_rng *r, uint64_t n) {
  __extension__ typedef unsigned __int128 u128;
  return (uint64_t) (((u128) fs_rng_next(r) * n) >> 64);
}

#endif
