/* test_ops.c: the operations layer's path (model/ops.h): the backlog builds
   and drains at the declared rates, the pieces are linear, the time paused
   is where the level is below its threshold, and make-up works as stated. */
#include <math.h>

#include "model/ops.h"
#include "tap.h"

static int near(double a, double b) {
  return fabs(a - b) < 1e-9 * (1 + fabs(b));
}

/* A carrier-like layer: 20% kept with IT down, paused below 70%, the
   backlog built at 3% an hour of full outage and drained at 0.5% an hour. */
static fs_ops airline(void) {
  fs_ops p = {.on = 1,
              .fallback = 0.2,
              .paused_below = 0.7,
              .build_per_hour = 0.03,
              .drain_per_hour = 0.005};
  return p;
}

static void test_level(void) {
  fs_ops p = airline();
  tap_ok(near(fs_ops_level(&p, 1, 0), 1), "full IT, no backlog: operations normal");
  tap_ok(near(fs_ops_level(&p, 0, 0), 0.2), "no IT: the fallback share");
  tap_ok(near(fs_ops_level(&p, 0.5, 0), 0.6), "half IT: fallback + (1 - fallback) x 0.5");
  tap_ok(near(fs_ops_level(&p, 1, 0.3), 0.7), "IT back, backlog 0.3: operations at 0.7");
  tap_ok(near(fs_ops_slope(&p, 1), -0.005) && near(fs_ops_slope(&p, 0), 0.03),
         "the backlog drains at drain_per_hour at full IT and builds at build_per_hour at none");
}

static void test_drain(void) {
  fs_ops p = airline();
  fs_ops_piece q[FS_OPS_MAX_PIECES];
  double x = 0.4, paused = 0, lowest = 1;
  int n = fs_ops_path(&p, 1.0, &x, 0, 40, q, &paused, &lowest);
  tap_ok(near(x, 0.2), "40 h at full IT drain a backlog of 0.4 by 40 x 0.005 to 0.2 (got %g)", x);
  tap_ok(n == 1 && near(q[0].lost_a, 0.4) && near(q[0].lost_b, 0.2),
         "one linear piece, lost share 0.4 to 0.2 (%d pieces)", n);
  tap_ok(near(paused, 20), "paused while the level is below 0.7: the first 20 h (got %g)", paused);
  tap_ok(near(lowest, 0.6), "the lowest level 0.6 (got %g)", lowest);
  x = 0.1, paused = 0;
  n = fs_ops_path(&p, 1.0, &x, 0, 40, q, &paused, &lowest);
  tap_ok(n == 2 && near(q[0].b, 20) && x == 0 && near(q[1].lost_a, 0) && near(q[1].lost_b, 0),
         "a backlog of 0.1 is gone after 20 h and stays gone (%d pieces, x %g)", n, x);
}

static void test_build(void) {
  fs_ops p = airline();
  fs_ops_piece q[FS_OPS_MAX_PIECES];
  double x = 0, paused = 0, lowest = 1;
  int n = fs_ops_path(&p, 0.0, &x, 0, 10, q, &paused, &lowest);
  tap_ok(near(x, 0.3) && n == 1 && near(q[0].lost_a, 0.8) && near(q[0].lost_b, 0.8),
         "10 h without IT: the backlog builds to 0.3 under the fallback's loss of 0.8");
  tap_ok(near(paused, 10), "... and operations are paused throughout");
  x = 0, paused = 0;
  n = fs_ops_path(&p, 0.0, &x, 0, 40, q, &paused, &lowest);
  tap_ok(n == 3 && near(q[0].b, 0.8 / 0.03) && near(q[1].b, 1 / 0.03) && x == 1 &&
             near(q[2].lost_a, 1) && lowest == 0,
         "40 h without IT: the backlog passes the fallback's loss, fills, and stays full "
         "(%d pieces, x %g)",
         n, x);
  /* The path does not depend on where it is cut. */
  double x1 = 0, x2 = 0, p1 = 0, p2 = 0, l1 = 1, l2 = 1;
  fs_ops_path(&p, 0.3, &x1, 0, 37, q, &p1, &l1);
  fs_ops_path(&p, 0.3, &x2, 0, 11, q, &p2, &l2);
  fs_ops_path(&p, 0.3, &x2, 11, 37, q, &p2, &l2);
  tap_ok(near(x1, x2) && near(p1, p2) && near(l1, l2),
         "one path of 37 h equals two of 11 h and 26 h (backlog, time paused, lowest level)");
}

static void test_makeup(void) {
  fs_ops none = {.on = 1}, full = {.on = 1, .makeup_share = 1, .makeup_cost = 0.3},
         half = {.on = 1, .makeup_share = 0.5, .makeup_cost = 0.2};
  tap_ok(fs_ops_after_makeup(&none, 1e6) == 1e6, "no make-up: the loss is the lost gross profit");
  tap_ok(near(fs_ops_after_makeup(&full, 1e6), 3e5), "full make-up: only its cost (30%%)");
  tap_ok(near(fs_ops_after_makeup(&half, 1e6), 5e5 + 1e5),
         "half made up at 20%%: half lost plus the cost of the other half");
}

int main(void) {
  test_level();
  test_drain();
  test_build();
  test_makeup();
  return tap_done();
}
