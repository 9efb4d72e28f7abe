/* smc.h: the sampling arithmetic of calibration and nowcasting, free of
   any simulator: weighted quantiles and effective sample size, the
   perturbation kernel, proposals and importance weights of ABC-SMC
   (Beaumont, Cornuet, Marin & Robert 2009, "Adaptive approximate Bayesian
   computation", Biometrika 96(4)), space-filling selection of candidate
   points for a history-matching wave, and deterministic weighted
   resampling. Parameters live in the unit cube [0,1]^d (the caller maps
   declared ranges onto it); the prior is uniform on the cube. */
#ifndef FS_SMC_H
#define FS_SMC_H

#include <gsl/gsl_rng.h>
#include <stddef.h>

#include "util/err.h"

/* The q-quantile (0 <= q <= 1) of v[0..n) with weights w (NULL: equal),
   NAN values skipped: the smallest v whose cumulative normalised weight
   reaches q; NAN when nothing is left. Does not modify its inputs. */
double fs_smc_quantile(const double *v, const double *w, size_t n, double q);

/* Kish's effective sample size (sum w)^2 / sum w^2. */
double fs_smc_ess(const double *w, size_t n);

/* The ABC-SMC perturbation kernel of a weighted population theta (n * d,
   weights w summing to anything positive): a Gaussian with twice the
   weighted covariance (Beaumont et al. 2009), as its lower Cholesky factor
   into chol (d * d, row-major). A singular covariance (a collapsed
   parameter) gets a floor of (1e-3)^2 on its diagonal first. FS_ENOMEM or
   0. */
int fs_smc_kernel(const double *theta, const double *w, size_t n, int d, double *chol, fs_err *err);

/* A proposal: a parent drawn from the population by weight, perturbed by
   the kernel, redrawn (parent and perturbation) until it falls inside the
   unit cube (at most 1000 tries; then the parent itself). Draws only from
   r, in a fixed order: out (d values). */
void fs_smc_propose(gsl_rng *r, const double *theta, const double *w, size_t n, int d,
                    const double *chol, double *out);

/* The importance weight of an accepted proposal x under a uniform prior:
   1 / sum_j w_j K(x | theta_j), with K the kernel's Gaussian density
   (its normalising constant included, so weights of one generation are
   comparable). */
double fs_smc_weight(const double *x, const double *theta, const double *w, size_t n, int d,
                     const double *chol);

/* Picks k of the n candidate points (n * d) that spread over the space:
   greedy maximin (the first the candidate nearest the centre of the
   candidates, then each time the candidate furthest from those chosen;
   ties to the lower index). idx gets k indices; k <= n. Deterministic. */
int fs_smc_maximin(const double *cand, size_t n, int d, size_t k, size_t *idx, fs_err *err);

/* Systematic resampling: m indices into 0..n-1 drawn in proportion to w
   with one uniform from r; sorted ascending. */
void fs_smc_resample(gsl_rng *r, const double *w, size_t n, size_t m, size_t *idx);

#endif
