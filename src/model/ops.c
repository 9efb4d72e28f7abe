/* ops.c: the operations layer's path (ops.h). */
#include "model/ops.h"

#include <assert.h>
#include <math.h>

double fs_ops_level(const fs_ops *p, double cap, double x) {
  return fmin(p->fallback + (1.0 - p->fallback) * cap, 1.0 - x);
}

double fs_ops_slope(const fs_ops *p, double cap) {
  return p->build_per_hour * (1.0 - cap) - p->drain_per_hour * cap;
}

static double clamp01(double v) {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

/* Hours of [a, b] with a level going linearly from la to lb below p. */
static double below(double a, double b, double la, double lb, double p) {
  if (la < p && lb < p) return b - a;
  if (la >= p && lb >= p) return 0;
  double at = a + (b - a) * (p - la) / (lb - la); /* where it crosses */
  return la < p ? at - a : b - at;
}

int fs_ops_path(const fs_ops *p, double cap, double *x, double a, double b,
                fs_ops_piece out[FS_OPS_MAX_PIECES], double *paused, double *min_level) {
  assert(b >= a && *x >= 0 && *x <= 1);
  double s = fs_ops_slope(p, cap), x0 = *x;
  double it_lost = 1.0 - (p->fallback + (1.0 - p->fallback) * cap); /* the IT-limited loss */
  /* Where the path bends: the backlog reaches 0 or 1, or crosses it_lost
     (below it, the IT-limited level binds; above, the backlog). */
  double cut[3];
  int nc = 0;
  if (s != 0) {
    double targets[3] = {0.0, 1.0, it_lost};
    for (int k = 0; k < 3; k++) {
      double t = a + (targets[k] - x0) / s;
      if (t > a && t < b) cut[nc++] = t;
    }
  }
  for (int i = 1; i < nc; i++) /* sort three at most */
    for (int j = i; j > 0 && cut[j] < cut[j - 1]; j--) {
      double tmp = cut[j];
      cut[j] = cut[j - 1];
      cut[j - 1] = tmp;
    }
  int n = 0;
  double ta = a, xa = x0;
  for (int k = 0; k <= nc; k++) {
    double tb = k < nc ? cut[k] : b;
    double xb = clamp01(xa + s * (tb - ta));
    if (tb > ta) {
      fs_ops_piece *q = &out[n++];
      q->a = ta;
      q->b = tb;
      q->lost_a = fmax(it_lost, xa);
      q->lost_b = fmax(it_lost, xb);
      *paused += below(ta, tb, 1.0 - q->lost_a, 1.0 - q->lost_b, p->paused_below);
      *min_level = fmin(*min_level, fmin(1.0 - q->lost_a, 1.0 - q->lost_b));
    }
    ta = tb;
    xa = xb;
  }
  assert(n <= FS_OPS_MAX_PIECES);
  *x = xa;
  return n;
}

double fs_ops_after_makeup(const fs_ops *p, double gp) {
  return gp * (1.0 - p->makeup_share) + gp * p->makeup_share * p->makeup_cost;
}
