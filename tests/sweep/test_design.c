/* test_design.c: sweep designs: grid order and levels, random and LHS streams, Sobol and Saltelli
 * layout, the one-at-a-time block, quantisation and the usage errors. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sweep/design.h"
#include "tap.h"

static int near(double a, double b, double tol) {
  return fabs(a - b) <= tol;
}

static fs_sweep_param param(const char *name, double lo, double hi, double step, int integer,
                            double base) {
  fs_sweep_param p = {.lo = lo, .hi = hi, .step = step, .integer = integer, .base = base};
  strcpy(p.name, name);
  return p;
}

/* Every value inside its range and a fixed point of quantisation. */
static int all_valid(const fs_design *dz, const fs_sweep_param *ps) {
  for (size_t p = 0; p < dz->npoints; p++)
    for (int j = 0; j < dz->d; j++) {
      double v = dz->x[p * (size_t) dz->d + (size_t) j];
      if (!(v >= ps[j].lo && v <= ps[j].hi) || fs_design_quantise(&ps[j], v) != v) return 0;
    }
  return 1;
}

static int same_points(const fs_design *a, const fs_design *b) {
  return a->npoints == b->npoints && a->d == b->d &&
         memcmp(a->x, b->x, a->npoints * (size_t) a->d * sizeof *a->x) == 0;
}

/* Column j of a design as ranks 0..n-1 of the n equal strata of [lo, hi): a
   Latin hypercube hits each exactly once. */
static int stratified(const fs_design *dz, const fs_sweep_param *ps, int j) {
  size_t n = dz->ndesign, d = (size_t) dz->d;
  char *hit = calloc(n, 1);
  int ok = 1;
  for (size_t i = 0; i < n && ok; i++) {
    double u = (dz->x[i * d + (size_t) j] - ps[j].lo) / (ps[j].hi - ps[j].lo);
    size_t s = (size_t) floor(u * (double) n);
    ok = s < n && !hit[s];
    if (ok) hit[s] = 1;
  }
  free(hit);
  return ok;
}

/* Distinct strata of width 1/1024 hit by column j of a design on [0, 1] (or
   [10, 20] for column 2 of the Sobol test). */
static int distinct_strata(const fs_design *dz, int j) {
  char hit[1024] = {0};
  int count = 0;
  for (size_t i = 0; i < dz->ndesign; i++) {
    double u = dz->x[i * (size_t) dz->d + (size_t) j];
    if (j == 2) u = (u - 10) / 10;
    size_t s = (size_t) floor(u * 1024);
    if (s < 1024 && !hit[s]) hit[s] = 1, count++;
  }
  return count;
}

static void test_names(void) {
  fs_design_kind k;
  int ok = 1;
  const char *names[] = {"grid", "random", "lhs", "sobol", "saltelli"};
  for (int i = 0; i < 5; i++)
    ok &= fs_design_kind_parse(names[i], &k) == 0 && (int) k == i &&
          strcmp(fs_design_kind_name(k), names[i]) == 0;
  tap_ok(ok, "design kinds parse and name round trip");
  tap_ok(fs_design_kind_parse("halton", &k) == -1 && fs_design_kind_parse("", &k) == -1 &&
             fs_design_kind_parse("Grid", &k) == -1,
         "unknown design kinds rejected");
  tap_ok(strcmp(fs_point_kind_name(FS_PT_SALTELLI_AB), "saltelli_AB") == 0 &&
             strcmp(fs_point_kind_name(FS_PT_OAT_HIGH), "oat_high") == 0 &&
             strcmp(fs_point_kind_name(FS_PT_BASE), "base") == 0 &&
             strcmp(fs_point_kind_name(FS_PT_GRID), "grid") == 0 &&
             strcmp(fs_point_kind_name((fs_point_kind) 99), "?") == 0,
         "point kind names as points.csv writes them");
}

static void test_quantise(void) {
  fs_sweep_param p = param("p", 0, 0.3, 0.1, 0, 0);
  tap_ok(fs_design_quantise(&p, 0.29) == 0.3 && fs_design_quantise(&p, 0.26) == 0.3 &&
             fs_design_quantise(&p, 0.24) == 0.2 && fs_design_quantise(&p, 9) == 0.3 &&
             fs_design_quantise(&p, -1) == 0,
         "step 0.1 on 0..0.3: nearest level, hi itself (not 0.30000000000000004), clamped");
  fs_sweep_param q = param("q", 0, 1, 0.3, 0, 0);
  tap_ok(near(fs_design_quantise(&q, 1), 0.9, 1e-15) && near(fs_design_quantise(&q, 0.5), 0.6, 0) &&
             fs_design_quantise(&q, 0.1) == 0,
         "step 0.3 on 0..1: 1 goes to the last level below hi, 0.9");
  fs_sweep_param r = param("r", 0.5, 3.5, 0, 1, 0);
  tap_ok(fs_design_quantise(&r, 0.6) == 1 && fs_design_quantise(&r, 3.4) == 3 &&
             fs_design_quantise(&r, 2.2) == 2 && fs_design_quantise(&r, 3.5) == 3,
         "integer on 0.5..3.5: rounded into 1..3");
  fs_sweep_param s = param("s", 0, 10, 2.5, 1, 0);
  tap_ok(fs_design_quantise(&s, 2.4) == 3 && fs_design_quantise(&s, 7) == 8 &&
             fs_design_quantise(&s, 10) == 10,
         "integer with step 2.5: level 2.5 rounds to 3, 7.5 to 8");
  tap_ok(isnan(fs_design_quantise(&p, NAN)), "NAN stays NAN");
}

static void test_grid(void) {
  fs_err err = {0};
  fs_design dz;
  fs_sweep_param ps[2] = {param("a", 0, 1, 0, 0, 0.5), param("b", 10, 30, 10, 0, 20)};
  tap_ok(fs_design_build(&dz, FS_DESIGN_GRID, ps, 2, 3, 0, 1, &err) == 0, "grid 3 x 3: %s",
         err.msg);
  tap_ok(dz.design == FS_DESIGN_GRID && dz.d == 2 && dz.n == 3 && dz.ndesign == 9 &&
             dz.npoints == 9,
         "3 levels of a (--points) times 3 of b (step 10 on 10..30)");
  const double want[9][2] = {{0, 10},   {0, 20}, {0, 30}, {0.5, 10}, {0.5, 20},
                             {0.5, 30}, {1, 10}, {1, 20}, {1, 30}};
  int ok = 1;
  for (int p = 0; p < 9; p++)
    ok &= dz.x[2 * p] == want[p][0] && dz.x[2 * p + 1] == want[p][1] && dz.kind[p] == FS_PT_GRID &&
          dz.varied[p] == -1;
  tap_ok(ok, "full factorial, parameter 0 outermost");
  fs_design_free(&dz);

  fs_sweep_param t[1] = {param("t", 0, 0.3, 0.1, 0, 0)};
  fs_design_build(&dz, FS_DESIGN_GRID, t, 1, 0, 0, 1, &err);
  tap_ok(dz.ndesign == 4 && dz.x[0] == 0 && dz.x[1] == 0.1 && dz.x[2] == 0.2 && dz.x[3] == 0.3,
         "step 0.1 on 0..0.3: 4 levels, hi included exactly (--points unused: 0 allowed)");
  fs_design_free(&dz);
  t[0] = param("t", 0, 0.35, 0.1, 0, 0);
  fs_design_build(&dz, FS_DESIGN_GRID, t, 1, 5, 0, 1, &err);
  tap_ok(dz.ndesign == 4 && dz.x[3] == 0 + 3 * 0.1 && dz.x[3] < 0.35,
         "step 0.1 on 0..0.35: 4 levels, computed as lo + k*step, below hi");
  fs_design_free(&dz);
  t[0] = param("t", 0, 1, 0.1, 0, 0);
  fs_design_build(&dz, FS_DESIGN_GRID, t, 1, 5, 0, 1, &err);
  tap_ok(dz.ndesign == 11 && dz.x[10] == 1 && dz.x[7] == 7 * 0.1, "step 0.1 on 0..1: 11 levels");
  fs_design_free(&dz);
  t[0] = param("t", 0, 2, 0, 1, 0);
  fs_design_build(&dz, FS_DESIGN_GRID, t, 1, 5, 0, 1, &err);
  tap_ok(dz.ndesign == 3 && dz.npoints == 3 && dz.x[0] == 0 && dz.x[1] == 1 && dz.x[2] == 2,
         "integer 0..2 with 5 levels: 0 .5 1 1.5 2 round to 0 1 1 2 2, deduplicated to 0 1 2");
  fs_design_free(&dz);
  fs_sweep_param ints[4];
  for (int j = 0; j < 4; j++) ints[j] = param("i", 0, 5, 0, 1, 0);
  tap_ok(fs_design_build(&dz, FS_DESIGN_GRID, ints, 4, 100, 0, 1, &err) == 0 &&
             dz.ndesign == 1296 && dz.x[4 * 1295] == 5 && dz.x[4 * 7 + 2] == 1 &&
             all_valid(&dz, ints),
         "4 integers on 0..5 with --points 100: 6^4 = 1296 points, not 100^4 refused");
  fs_design_free(&dz);
  ints[0] = param("i", 0, 3, 0, 1, 0);
  tap_ok(fs_design_build(&dz, FS_DESIGN_GRID, ints, 1, 1000000000, 0, 1, &err) == 0 &&
             dz.ndesign == 4 && dz.x[3] == 3,
         "integer 0..3 with --points 1e9: the 4 integers, no billion-level array");
  fs_design_free(&dz);
  ints[0] = param("i", 0.2, 10.2, 0, 1, 0);
  tap_ok(fs_design_build(&dz, FS_DESIGN_GRID, ints, 1, 3, 0, 1, &err) == 0 && dz.ndesign == 3 &&
             dz.x[0] == 1 && dz.x[1] == 5 && dz.x[2] == 10,
         "integer 0.2..10.2 with 3 levels: 0.2 5.2 10.2 -> 1 5 10");
  fs_design_free(&dz);
  ints[0] = param("i", 0, 1e9, 0, 1, 0);
  tap_ok(fs_design_build(&dz, FS_DESIGN_GRID, ints, 1, 50000000, 0, 1, &err) == FS_EUSAGE,
         "integer 0..1e9 with --points 5e7 refused: %s", err.msg);
  fs_sweep_param u[3] = {param("one", 3, 3, 0, 0, 3), param("n1", 2, 9, 0, 0, 2),
                         param("c", -1, 1, 0, 0, 0)};
  fs_design_build(&dz, FS_DESIGN_GRID, u, 3, 1, 0, 1, &err);
  tap_ok(dz.ndesign == 1 && dz.x[0] == 3 && dz.x[1] == 2 && dz.x[2] == -1,
         "lo == hi: one level; --points 1: lo");
  fs_design_free(&dz);
  fs_design_build(&dz, FS_DESIGN_GRID, u, 3, 4, 0, 1, &err);
  tap_ok(dz.ndesign == 16 && near(dz.x[3 * 1 + 2], -1.0 / 3, 1e-15) && dz.x[3 * 15 + 1] == 9 &&
             dz.x[3 * 15 + 2] == 1 && all_valid(&dz, u),
         "lo == hi beside two 4-level parameters: 16 points, ends exact");
  fs_design_free(&dz);
}

static void test_random_lhs(void) {
  fs_err err = {0};
  fs_design a, b, c;
  fs_sweep_param ps[3] = {param("x", -2, 6, 0, 0, 0), param("k", 1, 10, 0, 1, 5),
                          param("s", 0, 1, 0.25, 0, 0.5)};
  fs_design_build(&a, FS_DESIGN_RANDOM, ps, 3, 200, 0, 42, &err);
  fs_design_build(&b, FS_DESIGN_RANDOM, ps, 3, 200, 0, 42, &err);
  fs_design_build(&c, FS_DESIGN_RANDOM, ps, 3, 200, 0, 43, &err);
  tap_ok(a.ndesign == 200 && a.kind[0] == FS_PT_RANDOM && a.kind[199] == FS_PT_RANDOM,
         "random: 200 points");
  tap_ok(same_points(&a, &b), "random: the same seed gives the same bytes");
  tap_ok(!same_points(&a, &c), "random: another seed gives other points");
  tap_ok(all_valid(&a, ps), "random: values in range and quantised (integer, step 0.25)");
  int ends = 0;
  for (size_t p = 0; p < a.ndesign; p++)
    ends |= (a.x[3 * p + 1] == 1) | (a.x[3 * p + 1] == 10) << 1;
  tap_ok(ends == 3, "random: integer 1..10 reaches both ends");
  fs_design_free(&a);
  fs_design_free(&b);
  fs_design_free(&c);

  fs_sweep_param q[3] = {param("x", -2, 6, 0, 0, 0), param("y", 0, 1, 0, 0, 0),
                         param("z", 100, 1000, 0, 0, 0)};
  fs_design_build(&a, FS_DESIGN_LHS, q, 3, 50, 0, 7, &err);
  fs_design_build(&b, FS_DESIGN_LHS, q, 3, 50, 0, 7, &err);
  fs_design_build(&c, FS_DESIGN_LHS, q, 3, 50, 0, 8, &err);
  tap_ok(a.ndesign == 50 && a.kind[49] == FS_PT_LHS && all_valid(&a, q), "lhs: 50 points in range");
  tap_ok(stratified(&a, q, 0) && stratified(&a, q, 1) && stratified(&a, q, 2),
         "lhs: each of the 50 strata of every column hit exactly once");
  tap_ok(same_points(&a, &b) && !same_points(&a, &c), "lhs: deterministic in the seed");
  fs_design rnd;
  fs_design_build(&rnd, FS_DESIGN_RANDOM, q, 3, 50, 0, 7, &err);
  tap_ok(!same_points(&a, &rnd), "lhs and random differ on the same seed");
  fs_design_free(&rnd);
  fs_design_free(&a);
  fs_design_free(&b);
  fs_design_free(&c);
  fs_design_build(&a, FS_DESIGN_LHS, q, 3, 1, 0, 7, &err);
  tap_ok(a.ndesign == 1 && all_valid(&a, q), "lhs of one point");
  fs_design_free(&a);
}

static void test_sobol(void) {
  fs_err err = {0};
  fs_design dz;
  fs_sweep_param ps[4] = {param("a", 0, 1, 0, 0, 0), param("b", 0, 1, 0, 0, 0),
                          param("c", 10, 20, 0, 0, 0), param("d", 0, 1, 0, 0, 0)};
  tap_ok(fs_design_build(&dz, FS_DESIGN_SOBOL, ps, 4, 1024, 0, 1, &err) == 0 && dz.ndesign == 1024,
         "sobol: 1024 points in 4 dimensions");
  /* GSL omits the sequence's all-zero point x_0: its first point is x_1. */
  tap_ok(dz.x[0] == 0.5 && dz.x[1] == 0.5 && dz.x[2] == 15 && dz.x[4] == 0.75 && dz.x[5] == 0.25 &&
             dz.x[8] == 0.25 && dz.x[9] == 0.75,
         "sobol: first points (0.5, 0.5, ...), (0.75, 0.25, ...), (0.25, 0.75, ...): nothing "
         "skipped");
  int ok = 1;
  for (int j = 0; j < 4; j++) {
    double m = 0;
    for (size_t p = 0; p < 1024; p++) m += dz.x[p * 4 + (size_t) j];
    m /= 1024;
    double want = j == 2 ? 15 : 0.5, tol = j == 2 ? 1e-2 : 1e-3;
    if (!near(m, want, tol)) {
      ok = 0;
      tap_diag("column %d mean %.6f", j, m);
    }
  }
  tap_ok(ok, "sobol: every column's mean within 1e-3 of the middle (random would be ~1e-2)");
  /* Low discrepancy: the 16 cells of a 4 x 4 grid on (a, b) hold 64 points each, +- 1. */
  int cell[16] = {0};
  for (size_t p = 0; p < 1024; p++)
    cell[(int) (dz.x[p * 4] * 4) * 4 + (int) (dz.x[p * 4 + 1] * 4)]++;
  ok = 1;
  for (int k = 0; k < 16; k++) ok &= cell[k] >= 63 && cell[k] <= 65;
  tap_ok(ok, "sobol: 4 x 4 cells of the first two columns hold 64 +- 1 points each");
  /* Without x_0 the 1024 points are x_1..x_1024, not the balanced net
     x_0..x_1023: x_1024 (3/2048 in column 0, Gray-code order) lands in the
     stratum x_1 already holds, and stratum 0 (where x_0 = 0 was) is empty. */
  tap_ok(!stratified(&dz, ps, 0) && distinct_strata(&dz, 0) == 1023 && dz.x[1023 * 4] == 3.0 / 2048,
         "sobol: column 0 fills 1023 of 1024 strata (GSL omits x_0)");
  fs_design_free(&dz);
  fs_design_build(&dz, FS_DESIGN_SOBOL, ps, 4, 1023, 0, 1, &err);
  int strat = 1;
  for (int j = 0; j < 4; j++) strat &= distinct_strata(&dz, j) == 1023;
  tap_ok(strat,
         "sobol: 1023 points (x_1..x_1023) fill 1023 distinct strata of 1024 in every column");
  fs_design other;
  fs_design_build(&other, FS_DESIGN_SOBOL, ps, 4, 1023, 0, 99, &err);
  tap_ok(same_points(&dz, &other), "sobol ignores the seed");
  fs_design_free(&other);
  fs_design_free(&dz);
}

static void test_saltelli(void) {
  fs_err err = {0};
  fs_design dz;
  fs_sweep_param ps[3] = {param("a", 0, 1, 0, 0, 0), param("b", -5, 5, 0, 0, 0),
                          param("k", 0, 10, 0, 1, 4)};
  size_t n = 64, d = 3;
  tap_ok(fs_design_build(&dz, FS_DESIGN_SALTELLI, ps, 3, n, 0, 1, &err) == 0 &&
             dz.ndesign == n * 5 && dz.npoints == n * 5 && dz.n == n,
         "saltelli N = 64, d = 3: N(d+2) = 320 points");
  int kinds = 1, layout = 1;
  for (size_t j = 0; j < n; j++) {
    const double *A = dz.x + j * d, *B = dz.x + (n + j) * d;
    kinds &= dz.kind[j] == FS_PT_SALTELLI_A && dz.kind[n + j] == FS_PT_SALTELLI_B &&
             dz.varied[j] == -1 && dz.varied[n + j] == -1;
    for (size_t i = 0; i < d; i++) {
      size_t p = (2 + i) * n + j;
      const double *AB = dz.x + p * d;
      kinds &= dz.kind[p] == FS_PT_SALTELLI_AB && dz.varied[p] == (int16_t) i;
      for (size_t c = 0; c < d; c++) layout &= AB[c] == (c == i ? B[c] : A[c]);
    }
  }
  tap_ok(kinds, "saltelli: A rows 0..N-1, B rows N..2N-1, AB_i rows (2+i)N.., varied = i");
  tap_ok(layout, "saltelli: AB_i,j equals A_j except column i, which equals B_j");
  /* The 6-dimensional sequence's first point is (0.5, ..., 0.5): A_0 = B_0. */
  tap_ok(dz.x[0] == 0.5 && dz.x[1] == 0 && dz.x[2] == 5 && dz.x[n * d] == 0.5 && dz.x[3] == 0.75 &&
             dz.x[n * d + d] == 0.25,
         "saltelli: A from the first d Sobol columns, B from the last d");
  int differ = 0;
  for (size_t j = 1; j < n; j++) differ += dz.x[j * d] != dz.x[(n + j) * d];
  tap_ok(differ > (int) n / 2 && all_valid(&dz, ps), "saltelli: A and B differ; values quantised");
  fs_design_free(&dz);

  fs_sweep_param many[21];
  for (int j = 0; j < 21; j++) many[j] = param("p", 0, 1, 0, 0, 0);
  snprintf(many[20].name, sizeof many[20].name, "twenty");
  tap_ok(fs_design_build(&dz, FS_DESIGN_SALTELLI, many, 20, 8, 1, 1, &err) == 0 &&
             dz.npoints == 8 * 22 + 41,
         "saltelli takes 20 parameters (40 Sobol dimensions)");
  fs_design_free(&dz);
  int rc = fs_design_build(&dz, FS_DESIGN_SALTELLI, many, 21, 8, 0, 1, &err);
  tap_ok(rc == FS_EUSAGE && strstr(err.msg, "--design saltelli takes at most 20 parameters") &&
             strstr(err.msg, "40 dimensions") && dz.x == NULL,
         "saltelli with 21 parameters: %s", err.msg);
}

static void test_oat(void) {
  fs_err err = {0};
  fs_design dz;
  fs_sweep_param ps[3] = {param("a", 0, 1, 0, 0, 0.3), param("k", 1, 10, 0, 1, 2.7),
                          param("s", 0, 1, 0.25, 0, 7)};
  tap_ok(fs_design_build(&dz, FS_DESIGN_LHS, ps, 3, 10, 1, 5, &err) == 0 && dz.ndesign == 10 &&
             dz.npoints == 10 + 1 + 6,
         "lhs of 10 with the one-at-a-time block: 10 + 1 + 2 x 3 points");
  const double *x = dz.x + 10 * 3;
  tap_ok(dz.kind[10] == FS_PT_BASE && dz.varied[10] == -1 && x[0] == 0.3 && x[1] == 3 && x[2] == 1,
         "base point: 0.3, integer 2.7 -> 3, 7 clamped to 1");
  int ok = 1;
  const double lo[3] = {0, 1, 0}, hi[3] = {1, 10, 1};
  for (int j = 0; j < 3; j++) {
    size_t pl = 11 + 2 * (size_t) j, ph = pl + 1;
    ok &= dz.kind[pl] == FS_PT_OAT_LOW && dz.kind[ph] == FS_PT_OAT_HIGH && dz.varied[pl] == j &&
          dz.varied[ph] == j;
    for (int c = 0; c < 3; c++) {
      ok &= dz.x[pl * 3 + (size_t) c] == (c == j ? lo[c] : x[c]);
      ok &= dz.x[ph * 3 + (size_t) c] == (c == j ? hi[c] : x[c]);
    }
  }
  tap_ok(ok, "oat_low / oat_high per parameter in order: it at lo / hi, the others at base");
  fs_design_free(&dz);
  fs_sweep_param t[1] = {param("t", 0, 1, 0.3, 0, 0.5)};
  fs_design_build(&dz, FS_DESIGN_GRID, t, 1, 0, 1, 1, &err);
  tap_ok(dz.ndesign == 4 && dz.npoints == 7 && dz.x[4] == 0.6 && dz.x[5] == 0 &&
             near(dz.x[6], 0.9, 1e-15),
         "grid with step 0.3: base 0.5 -> 0.6, oat_high at the last level 0.9");
  fs_design_free(&dz);
}

static void test_errors(void) {
  fs_err err = {0};
  fs_design dz;
  fs_sweep_param ps[5];
  for (int j = 0; j < 5; j++) {
    ps[j] = param("p", 0, 1, 0, 0, 0);
    snprintf(ps[j].name, sizeof ps[j].name, "rate_%d", j);
  }
  int rc = fs_design_build(&dz, FS_DESIGN_GRID, ps, 4, 100, 0, 1, &err);
  tap_ok(rc == FS_EUSAGE && strstr(err.msg, "the grid has 100000000 points") &&
             strstr(err.msg, "rate_0: 100") && strstr(err.msg, "at most 10000000") && dz.x == NULL,
         "100^4 grid refused: %s", err.msg);
  tap_ok(fs_design_build(&dz, FS_DESIGN_GRID, ps, 3, 100, 1, 1, &err) == 0 &&
             dz.npoints == 1000000 + 7,
         "100^3 grid with the OAT block accepted");
  fs_design_free(&dz);
  ps[0].step = 1e-12;
  rc = fs_design_build(&dz, FS_DESIGN_GRID, ps, 1, 0, 0, 1, &err);
  tap_ok(rc == FS_EUSAGE && strstr(err.msg, "rate_0: 100000000000"),
         "a step of 1e-12 refused without overflow: %s", err.msg);
  ps[0].step = -1;
  rc = fs_design_build(&dz, FS_DESIGN_RANDOM, ps, 1, 10, 0, 1, &err);
  tap_ok(rc == FS_EUSAGE && strstr(err.msg, "rate_0") && strstr(err.msg, "step"),
         "negative step: %s", err.msg);
  ps[0].step = 0;
  ps[1].lo = 2;
  rc = fs_design_build(&dz, FS_DESIGN_LHS, ps, 2, 10, 0, 1, &err);
  tap_ok(rc == FS_EUSAGE && strstr(err.msg, "'rate_1'"), "low > high: %s", err.msg);
  ps[1].lo = 0.2;
  ps[1].hi = 0.8;
  ps[1].integer = 1;
  rc = fs_design_build(&dz, FS_DESIGN_LHS, ps, 2, 10, 0, 1, &err);
  tap_ok(rc == FS_EUSAGE && strstr(err.msg, "'rate_1'") && strstr(err.msg, "no integer"),
         "integer parameter with no integer in range: %s", err.msg);
  ps[1] = param("rate_1", 0, 1, 0, 0, NAN);
  rc = fs_design_build(&dz, FS_DESIGN_LHS, ps, 2, 10, 1, 1, &err);
  tap_ok(rc == FS_EUSAGE && strstr(err.msg, "'rate_1'") && strstr(err.msg, "base"),
         "OAT with a NAN base: %s", err.msg);
  tap_ok(fs_design_build(&dz, FS_DESIGN_LHS, ps, 2, 10, 0, 1, &err) == 0,
         "a NAN base is fine without OAT");
  fs_design_free(&dz);
  rc = fs_design_build(&dz, FS_DESIGN_RANDOM, ps, 2, 0, 0, 1, &err);
  tap_ok(rc == FS_EUSAGE && strstr(err.msg, "--points"), "--points 0: %s", err.msg);
  rc = fs_design_build(&dz, FS_DESIGN_GRID, ps, 2, 0, 0, 1, &err);
  tap_ok(rc == FS_EUSAGE && strstr(err.msg, "--points") && strstr(err.msg, "rate_0"),
         "grid --points 0 with an unstepped parameter: %s", err.msg);
  rc = fs_design_build(&dz, FS_DESIGN_SOBOL, ps, 2, 20000000, 0, 1, &err);
  tap_ok(rc == FS_EUSAGE && strstr(err.msg, "20000000"), "too many sobol points: %s", err.msg);
  rc = fs_design_build(&dz, FS_DESIGN_SALTELLI, ps, 2, 3000000, 0, 1, &err);
  tap_ok(rc == FS_EUSAGE && strstr(err.msg, "12000000 points"), "too many saltelli points: %s",
         err.msg);
  tap_ok(fs_design_build(&dz, FS_DESIGN_RANDOM, ps, 0, 10, 0, 1, &err) == FS_EUSAGE,
         "no parameters: %s", err.msg);
  fs_sweep_param many[65];
  for (int j = 0; j < 65; j++) many[j] = param("m", 0, 1, 0, 0, 0);
  tap_ok(fs_design_build(&dz, FS_DESIGN_RANDOM, many, 65, 10, 0, 1, &err) == FS_EUSAGE &&
             strstr(err.msg, "64"),
         "65 parameters: %s", err.msg);
  tap_ok(fs_design_build(&dz, FS_DESIGN_RANDOM, many, 64, 10, 1, 1, &err) == 0 &&
             dz.npoints == 10 + 129 && dz.varied[10 + 128] == 63,
         "64 parameters accepted; the last OAT point varies parameter 63");
  fs_design_free(&dz);
  rc = fs_design_build(&dz, FS_DESIGN_SOBOL, many, 41, 10, 0, 1, &err);
  tap_ok(rc == FS_EUSAGE && strstr(err.msg, "--design sobol takes at most 40"), "sobol d = 41: %s",
         err.msg);
  tap_ok(fs_design_build(&dz, FS_DESIGN_SOBOL, many, 40, 10, 0, 1, &err) == 0 &&
             all_valid(&dz, many),
         "sobol d = 40");
  fs_design_free(&dz);
  fs_design_free(&dz);
  fs_design_free(NULL);
  tap_ok(dz.x == NULL && dz.npoints == 0, "free twice and free(NULL) are safe");
}

int main(void) {
  test_names();
  test_quantise();
  test_grid();
  test_random_lhs();
  test_sobol();
  test_saltelli();
  test_oat();
  test_errors();
  return tap_done();
}
