/* ops.h: the operations layer of one organisation (config.h fs_ops): the
   level of its operations over time at a given IT capacity, and the time
   they spend paused. Pure functions of the parameters and the state, so
   that the model (impact.c) and the tests share them. */
#ifndef FS_OPS_H
#define FS_OPS_H

#include "config/config.h"

/* Operations level at IT capacity cap (0..1) with backlog x (0..1). */
double fs_ops_level(const fs_ops *p, double cap, double x);

/* The backlog's rate of change at IT capacity cap (per hour). */
double fs_ops_slope(const fs_ops *p, double cap);

/* A piece of an operations path: over [a, b] the lost share of operations
   (1 - level) goes linearly from lost_a to lost_b. */
typedef struct fs_ops_piece {
  double a, b, lost_a, lost_b;
} fs_ops_piece;

#define FS_OPS_MAX_PIECES 4

/* The path over [a, b] at constant IT capacity cap from backlog *x: the
   pieces where the lost share is linear (at most FS_OPS_MAX_PIECES, cut
   where the backlog empties or fills or crosses the IT-limited level),
   their number returned; *x becomes the backlog at b, *paused grows by the
   hours with operations below p->paused_below, *min_level falls to the
   lowest level met. */
int fs_ops_path(const fs_ops *p, double cap, double *x, double a, double b,
                fs_ops_piece out[FS_OPS_MAX_PIECES], double *paused, double *min_level);

/* The loss a lost gross profit gp comes to after make-up: the part not made
   up, plus the cost of making up the rest. */
double fs_ops_after_makeup(const fs_ops *p, double gp);

#endif
