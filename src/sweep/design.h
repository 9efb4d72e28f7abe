/* design.h: experimental designs of a parameter sweep (grid, random, Latin hypercube, Sobol,
 * Saltelli) and the one-at-a-time block. */
#ifndef FS_DESIGN_H
#define FS_DESIGN_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

/* Limits: a point row is d doubles, and fs_point_kind's `varied` is int16_t. */
#define FS_DESIGN_MAX_PARAMS 64
#define FS_DESIGN_MAX_POINTS 10000000

/* GSL's gsl_qrng_sobol has direction numbers for 40 dimensions. */
#define FS_DESIGN_SOBOL_MAX_DIM 40

typedef enum fs_design_kind {
  FS_DESIGN_GRID,
  FS_DESIGN_RANDOM,
  FS_DESIGN_LHS,
  FS_DESIGN_SOBOL,
  FS_DESIGN_SALTELLI,
  FS_DESIGN_LIST /* points given one by one (a catalogue's events): fs_design_list */
} fs_design_kind;

/* "grid", "random", "lhs", "sobol", "saltelli" or "list" into *out: 0, or -1 for any other string.
 */
/* The names of the kinds that --design offers, in enum order, NULL-terminated
   (option choices; not "list", whose points a catalogue gives). */
const char *const *fs_design_kind_names(void);
/* --points when not given: levels per parameter of a grid (5), points of
   the other designs (64). */
size_t fs_design_default_n(fs_design_kind k);
int fs_design_kind_parse(const char *s, fs_design_kind *out);
const char *fs_design_kind_name(fs_design_kind k);

/* One swept parameter. */
typedef struct fs_sweep_param {
  char name[64];
  double lo, hi; /* range swept, lo <= hi */
  double step;   /* > 0: values are lo + k*step (k integer, value <= hi); 0: continuous */
  int integer;   /* the scenario declares the parameter integer: values are rounded to integers */
  double base;   /* the scenario's value (default or --set): the one-at-a-time base point */
  char unit[64];
} fs_sweep_param;

/* Point kinds, as written in points.csv's kind column. */
typedef enum fs_point_kind {
  FS_PT_GRID,
  FS_PT_RANDOM,
  FS_PT_LHS,
  FS_PT_SOBOL,
  FS_PT_SALTELLI_A,
  FS_PT_SALTELLI_B,
  FS_PT_SALTELLI_AB,
  FS_PT_BASE,
  FS_PT_OAT_LOW,
  FS_PT_OAT_HIGH,
  FS_PT_LIST
} fs_point_kind;

/* "grid", "random", "lhs", "sobol", "saltelli_A", "saltelli_B", "saltelli_AB", "base", "oat_low",
   "oat_high", "list"; "?" for a value outside the enum. */
const char *fs_point_kind_name(fs_point_kind k);

/* A built design. Owns x, kind and varied; release with fs_design_free.

   Invariants: npoints = ndesign + (oat ? 1 + 2d : 0); every x value lies in
   [lo, hi] of its parameter and is a fixed point of fs_design_quantise. */
typedef struct fs_design {
  fs_design_kind design; /* (not `kind`: that name is the per-point array below) */
  int d;                 /* parameters */
  size_t n;        /* --points as given (grid: levels per parameter without a step; saltelli: N) */
  size_t npoints;  /* all points, design first, then the one-at-a-time block */
  size_t ndesign;  /* points of the design proper (before the OAT block) */
  double *x;       /* npoints * d values, row-major: x[p*d + j] */
  uint8_t *kind;   /* npoints fs_point_kind */
  int16_t *varied; /* npoints: parameter index for saltelli_AB, oat_low, oat_high; -1 otherwise */
} fs_design;

/* Builds the design of `kind` over params[0..d) into *out (which the caller
   owns and frees with fs_design_free, also after a failure).

   grid: the full factorial of each parameter's levels, parameter 0 varying
     slowest. Levels: with step > 0, lo + k*step for k = 0, 1, ... while the
     value is <= hi (hi itself when within 1e-9*step of it); without a step,
     n evenly spaced levels from lo to hi inclusive (n = 1 or lo == hi: lo
     alone). Integer parameters: the levels rounded, duplicates removed.
   random: n points, each value uniform on [lo, hi).
   lhs: n points of a Latin hypercube (each of the n equal strata of every
     parameter holds exactly one point).
   sobol: the first n points of GSL's d-dimensional Sobol sequence.
   saltelli: matrices A and B (n rows each) from a 2d-dimensional Sobol
     sequence, then for each parameter i the matrix AB_i, A with column i
     taken from B: A_j is point j, B_j point n + j, AB_i,j point (2+i)*n + j,
     so ndesign = n*(d+2).
   oat: append the one-at-a-time block: one `base` point (every parameter at
     its base), then for each parameter j in order an oat_low point (j at lo,
     the others at base) and an oat_high point (j at hi).
   Every value is passed through fs_design_quantise.
   seed: the sweep's seed; random and lhs draw from fs_rng_new(seed,
   FS_STREAM_SWEEP) in a fixed order, so a design is a pure function of its
   inputs (grid, sobol and saltelli do not use it).

   Returns 0, FS_EUSAGE (d outside 1..FS_DESIGN_MAX_PARAMS; a parameter with
   a bad range or step, or integer with no integer in its range; n < 1 where
   n is used; sobol with d > 40 or saltelli with 2d > 40; more than
   FS_DESIGN_MAX_POINTS points) with a message naming the parameter or
   option, or FS_ENOMEM. */
int fs_design_build(fs_design *out, fs_design_kind kind, const fs_sweep_param *params, int d,
                    size_t n, int oat, uint64_t seed, fs_err *err);

/* A list design: the n points x[0 .. n*d) (row-major) over params[0..d),
   each value quantised (fs_design_quantise), kind FS_PT_LIST, without the
   one-at-a-time block. fs_design_build refuses FS_DESIGN_LIST: the points
   come from whoever lists them (a catalogue's events.csv). 0, FS_EUSAGE (a
   bad parameter, n outside 1..FS_DESIGN_MAX_POINTS, a value that is not
   a number) or FS_ENOMEM. */
int fs_design_list(fs_design *out, const fs_sweep_param *params, int d, const double *x, size_t n,
                   fs_err *err);

/* Frees the arrays of dz and zeroes it; dz may be NULL or already freed. */
void fs_design_free(fs_design *dz);

/* Quantises value v of parameter p: clamp to [lo,hi]; with step > 0 round to
   the nearest lo + k*step that is <= hi (hi itself when within 1e-9*step);
   integer parameters then round to the nearest integer inside [lo,hi]
   (ceil(lo)..floor(hi); when that range is empty, which fs_design_build
   rejects, the nearest integer to the clamped value). NAN stays NAN. */
double fs_design_quantise(const fs_sweep_param *p, double v);

#endif
