/* emulator.h: a Gaussian-process emulator of one simulator output over the
   unit cube (history matching, docs/CALIBRATION.md): a linear mean fitted
   by least squares, a squared-exponential kernel with one length scale per
   parameter, its variance and a nugget (the simulator's own noise) fitted
   by maximising the log marginal likelihood. GSL does the linear algebra
   (Cholesky), the least squares and the optimiser; only the kernel and the
   likelihood are written here. */
#ifndef FS_EMULATOR_H
#define FS_EMULATOR_H

#include <stddef.h>

#include "util/err.h"

#define FS_GP_MAX_POINTS 4096

typedef struct fs_gp fs_gp;

/* Fits an emulator to n points x (n * d values, row-major, each in [0,1])
   with outputs y (n values, all finite). The fit is deterministic (fixed
   starting values, no random restarts drawn from a clock), so the same
   points give the same emulator bit for bit. *out is the caller's
   (fs_gp_free). FS_EUSAGE when n < d + 2 or n > FS_GP_MAX_POINTS or a value
   is not finite; FS_ENOMEM. */
int fs_gp_fit(fs_gp **out, const double *x, const double *y, size_t n, int d, fs_err *err);
void fs_gp_free(fs_gp *g);

/* The emulator's mean and variance (of the simulator's expected output,
   the nugget excluded) at m points x (m * d); mean and var hold m values. */
void fs_gp_predict(const fs_gp *g, const double *x, size_t m, double *mean, double *var);

/* Fitted hyperparameters, for waves.csv and the report: the length scale
   of parameter j (unit-cube units), the signal and nugget variances. */
double fs_gp_length(const fs_gp *g, int j);
double fs_gp_signal_var(const fs_gp *g);
double fs_gp_nugget_var(const fs_gp *g);

/* Leave-one-out diagnostics (Rasmussen & Williams 5.4.2, closed form): the
   root mean square of the standardised leave-one-out errors (about 1 for a
   well calibrated emulator) and the leave-one-out R^2 of the mean. */
void fs_gp_loo(const fs_gp *g, double *rms_std_err, double *r2);

#endif
