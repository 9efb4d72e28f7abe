/* rng.c: xoshiro256** as a gsl_rng_type with 64-bit (seed, task) streams. */
#include "engine/rng.h"

#include <limits.h>

_Static_assert(sizeof(unsigned long) == 8, "fleetsim needs a 64-bit unsigned long (LP64)");

static void xo_seed_key(fs_rng_state *st, uint64_t key) {
  uint64_t x = key;
  for (int i = 0; i < 4; i++) st->s[i] = fs_splitmix64(&x);
  /* splitmix64 never yields four zero words from one key, but be explicit:
     the all-zero state is xoshiro's only fixed point. */
  if ((st->s[0] | st->s[1] | st->s[2] | st->s[3]) == 0) st->s[0] = 1;
}

static void xo_set(void *state, unsigned long seed) {
  xo_seed_key(state, (uint64_t) seed);
}

static unsigned long xo_get(void *state) {
  return (unsigned long) fs__xoshiro_step(((fs_rng_state *) state)->s);
}

static double xo_get_double(void *state) {
  return (double) (xo_get(state) >> 11) * 0x1.0p-53;
}

static const gsl_rng_type xo_type = {"xoshiro256**", ULONG_MAX,    0, sizeof(fs_rng_state), xo_set,
                                     xo_get,         xo_get_double};

const gsl_rng_type *fs_rng_xoshiro256ss = &xo_type;

static uint64_t mix64(uint64_t x) {
  uint64_t y = x;
  return fs_splitmix64(&y);
}

uint64_t fs_rng_stream_key(uint64_t seed, uint64_t task) {
  /* mix64 is a bijection on 64-bit words, and so is adding a constant:
     for a fixed seed, task -> key is injective. */
  return mix64(seed) + mix64(task ^ 0xD1B54A32D192ED03ull);
}

void fs_rng_reset(gsl_rng *r, uint64_t seed, uint64_t task) {
  xo_seed_key(r->state, fs_rng_stream_key(seed, task));
}

void fs_rng_substream(gsl_rng *r, uint64_t key, uint64_t entity) {
  xo_seed_key(r->state, fs_rng_stream_key(key, entity));
}

gsl_rng *fs_rng_new(uint64_t seed, uint64_t task) {
  gsl_rng *r = gsl_rng_alloc(fs_rng_xoshiro256ss);
  if (r) fs_rng_reset(r, seed, task);
  return r;
}
