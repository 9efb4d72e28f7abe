/* sensitivity.h: statistics of a parameter sweep: means with t intervals, one-at-a-time swings,
 * Sobol indices with bootstrap intervals, quantiles. */
#ifndef FS_SENSITIVITY_H
#define FS_SENSITIVITY_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "util/err.h"

/* An estimate with a two-sided interval; NAN where not defined. n: the
   number of values (or base samples) it rests on. */
typedef struct fs_ci {
  double est, lo, hi;
  int n;
} fs_ci;

/* Mean of x[0..n) ignoring NAN entries, with a two-sided `level` (e.g. 0.95)
   Student-t interval mean -+ t_{(1+level)/2, m-1} s / sqrt(m) over the m
   values used (gsl_cdf_tdist_Pinv). m < 2 or level outside (0, 1): lo = hi
   = NAN; m = 0: est NAN too. */
void fs_sens_mean_ci(const double *x, size_t n, double level, fs_ci *out);

/* Paired difference hi[r] - lo[r] over the r where both are non-NAN (and
   the difference is a number: inf - inf is dropped too): mean and Student-t
   interval as fs_sens_mean_ci. Under common random numbers (replication r
   of both points uses the same streams) this is the one-at-a-time swing,
   and pairing removes the variance the two points share. */
void fs_sens_paired_diff(const double *hi, const double *lo, size_t n, double level, fs_ci *out);

/* First-order and total Sobol indices from a Saltelli design
   (src/sweep/design.h): fA[j] = f(A_j), fB[j] = f(B_j) for j < N and
   fAB[i*N + j] = f(AB_i,j), i < d.

     S1_i = mean_j (fB_j - f0) (fAB_ij - fA_j) / V      Saltelli et al. 2010
     ST_i = mean_j (fA_j - fAB_ij)^2 / 2 / V              Jansen 1999

   with f0 and V the mean and the variance (denominator 2N, as SALib) of the
   2N values fA and fB together. Centring fB on f0 is a deviation from the
   paper's f(B)_j that leaves the expectation unchanged (the mean of
   fAB_ij - fA_j is zero in expectation) but makes S1 invariant to a
   constant added to the output; without it, an output whose mean is large
   next to its spread (a loss with a fixed base) gives a noisy S1. SALib
   standardises the output for the same reason.

   Base samples j with a NAN among fA_j, fB_j, fAB_0j..fAB_(d-1)j are
   dropped, so every index rests on the same samples; S1[i].n and ST[i].n
   are the samples used. V == 0 or fewer than 2 samples: est, lo, hi NAN.

   Intervals: percentile bootstrap over the base samples: nboot resamples,
   each drawing its indices with gsl_rng_uniform_int(rng, m) in order and
   recomputing f0, V and every index; lo and hi are the (1-level)/2 and
   (1+level)/2 quantiles (type 7) of the resampled indices (resamples where
   V == 0 left out). nboot 0 or level outside (0, 1): lo = hi = NAN; rng
   may be NULL when nboot is 0.

   S1 and ST hold d entries each. Returns 0, FS_EINVAL (d < 1, or nboot > 0
   without rng) or FS_ENOMEM. */
int fs_sens_sobol(const double *fA, const double *fB, const double *fAB, size_t N, int d, int nboot,
                  double level, gsl_rng *rng, fs_ci *S1, fs_ci *ST, fs_err *err);

/* Empirical quantile q (0..1, clamped) of x[0..n) ignoring NAN, type 7 as
   gsl_stats_quantile_from_sorted_data: linear interpolation between the
   order statistics around (m-1) q. NAN when no value is a number or q is
   NAN. x is not modified; scratch holds n doubles (the sorted copy). */
double fs_sens_quantile(const double *x, size_t n, double q, double *scratch);

/* Sample standard deviation (denominator m-1) of the m non-NAN values of
   x[0..n); NAN when m < 2. */
double fs_sens_sd(const double *x, size_t n);

#endif
