/* test_rng.c: 64-bit seeded streams and their use with GSL distributions. */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <string.h>

#include "engine/rng.h"
#include "tap.h"

static int same_stream(gsl_rng *a, gsl_rng *b, int n) {
  for (int i = 0; i < n; i++)
    if (gsl_rng_get(a) != gsl_rng_get(b)) return 0;
  return 1;
}

int main(void) {
  /* Known answer: xoshiro256** from state {1, 2, 3, 4} (reference C code by
     Blackman and Vigna) starts 11520, 0, 1509978240. */
  gsl_rng *r = gsl_rng_alloc(fs_rng_xoshiro256ss);
  fs_rng_state *st = r->state;
  st->s[0] = 1, st->s[1] = 2, st->s[2] = 3, st->s[3] = 4;
  unsigned long a = gsl_rng_get(r), b = gsl_rng_get(r), c = gsl_rng_get(r);
  tap_ok(a == 11520 && b == 0 && c == 1509978240ul, "xoshiro256** known-answer sequence");
  gsl_rng_free(r);

  gsl_rng *x = fs_rng_new(42, 7), *y = fs_rng_new(42, 7);
  tap_ok(same_stream(x, y, 1000), "same (seed, task) gives the same stream");
  gsl_rng_free(x);
  gsl_rng_free(y);

  int distinct = 1;
  unsigned long first[64];
  for (int t = 0; t < 64; t++) {
    gsl_rng *s = fs_rng_new(42, (uint64_t) t);
    first[t] = gsl_rng_get(s);
    for (int u = 0; u < t; u++)
      if (first[u] == first[t]) distinct = 0;
    gsl_rng_free(s);
  }
  tap_ok(distinct, "64 task indices give 64 different streams");

  gsl_rng *lo = fs_rng_new(0x00000001ull, 0), *hi = fs_rng_new(0x100000001ull, 0);
  tap_ok(gsl_rng_get(lo) != gsl_rng_get(hi), "seeds differing only above bit 32 differ");
  gsl_rng_free(lo);
  gsl_rng_free(hi);

  /* Keys are injective in the task index for a fixed seed. */
  int inj = 1;
  for (uint64_t t = 0; t < 100000 && inj; t++)
    if (fs_rng_stream_key(5, t) == fs_rng_stream_key(5, t + 1)) inj = 0;
  tap_ok(inj, "consecutive task keys differ");

  /* gsl_rng_set with a 64-bit seed keeps all 64 bits. */
  gsl_rng *p = gsl_rng_alloc(fs_rng_xoshiro256ss), *q = gsl_rng_alloc(fs_rng_xoshiro256ss);
  gsl_rng_set(p, 0xDEADBEEF00000001ul);
  gsl_rng_set(q, 0x0000000000000001ul);
  tap_ok(gsl_rng_get(p) != gsl_rng_get(q), "gsl_rng_set keeps the upper 32 bits");
  gsl_rng_free(p);
  gsl_rng_free(q);

  /* Usable with gsl_ran_*: moments of a few distributions. */
  gsl_rng *g = fs_rng_new(2024, 1);
  const int n = 200000;
  double se = 0, sg = 0, sg2 = 0, su = 0;
  unsigned long imax = 0;
  for (int i = 0; i < n; i++) {
    se += gsl_ran_exponential(g, 2.0);
    double z = gsl_ran_gaussian(g, 1.0);
    sg += z;
    sg2 += z * z;
    su += gsl_rng_uniform(g);
    unsigned long k = gsl_rng_uniform_int(g, 10);
    if (k > imax) imax = k;
  }
  tap_ok(fabs(se / n - 2.0) < 0.03, "gsl_ran_exponential mean 2 (got %.4f)", se / n);
  tap_ok(fabs(sg / n) < 0.01 && fabs(sg2 / n - 1.0) < 0.02, "gsl_ran_gaussian mean 0 sd 1");
  tap_ok(fabs(su / n - 0.5) < 0.005, "gsl_rng_uniform mean 0.5 (got %.4f)", su / n);
  tap_ok(imax == 9, "gsl_rng_uniform_int(10) reaches 9 and no further");
  unsigned int bin = gsl_ran_binomial(g, 0.3, 1000);
  tap_ok(bin > 200 && bin < 400, "gsl_ran_binomial works (got %u)", bin);
  double fs = 0;
  for (int i = 0; i < n; i++) fs += fs_rng_u01(g);
  tap_ok(fabs(fs / n - 0.5) < 0.005, "fast-path u01 mean 0.5");
  /* Substreams (common random numbers): a function of (key, entity)
     alone, whatever the generator drew before; distinct entities differ. */
  gsl_rng *h = fs_rng_new(1, 0);
  fs_rng_substream(g, 42, 7);
  uint64_t a0 = fs_rng_next(g), a1 = fs_rng_next(g);
  for (int i = 0; i < 1000; i++) (void) fs_rng_next(h);
  fs_rng_substream(h, 42, 7);
  tap_ok(fs_rng_next(h) == a0 && fs_rng_next(h) == a1,
         "a substream depends on (key, entity) only, not on earlier draws");
  int sdistinct = 1;
  uint64_t sfirst[256];
  for (int e = 0; e < 256; e++) {
    fs_rng_substream(g, 42, (uint64_t) e);
    sfirst[e] = fs_rng_next(g);
    for (int j = 0; j < e; j++) sdistinct &= sfirst[j] != sfirst[e];
  }
  tap_ok(sdistinct, "256 entities give 256 different substreams");
  fs_rng_substream(g, 43, 7);
  tap_ok(fs_rng_next(g) != a0, "another key gives another substream of the same entity");
  gsl_rng_free(h);
  gsl_rng_free(g);
  return tap_done();
}
