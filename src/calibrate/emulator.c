/* emulator.c: a GP emulator: least-squares linear mean, ARD kernel, maximum likelihood.

   Model (Rasmussen & Williams, "Gaussian Processes for Machine Learning",
   2006, ch. 2 and 5): y(x) = h(x)^T beta + g(x) + e, h(x) = (1, x_1..x_d),
   g a zero-mean GP with k(x, x') = sf2 exp(-1/2 sum_j (x_j - x'_j)^2 / l_j^2),
   e ~ N(0, sn2) the nugget. beta is the ordinary least-squares fit (GSL's
   multifit) and is then held fixed; the GP is fitted to its residuals r.

   Everything inside works on y standardised to mean 0 and SD 1 (s = (y -
   y_mean) / y_sd), so the bounds of the search below mean the same for
   every output; fs_gp_predict and the accessors convert back.

   Hyperparameters maximise the log marginal likelihood of r (R&W eq.
   2.30) by Nelder-Mead (GSL's nmsimplex2) over t = (log l_1..log l_d,
   log sf2, log sn2). The box below is enforced by evaluating the
   likelihood at the projection of t onto the box plus a quadratic penalty
   on the distance, so the minimum over all t lies on or inside the box. The
   starts are fixed, so a fit is a pure function of its inputs.

   Predictive variance of the latent mean (nugget excluded). The predictor
   is m(x) = h^T beta + k^T K^-1 r with beta = P s, P = (H^T H)^-1 H^T.
   Writing s = H beta_true + z, z ~ N(0, K), the error f(x) - m(x) is
   g(x) - c^T z with c = K^-1 k + P^T R, R = h - H^T K^-1 k, so its
   variance is
     sf2 - k^T K^-1 k + R^T (P K P^T) R:
   the usual GP variance plus the covariance of the OLS coefficients under
   the GP (P K P^T) carried along R (R&W eq. 2.42 has the same form for the
   generalised least-squares beta). Far from the points k -> 0 and it tends
   to sf2 + h^T P K P^T h, which grows with |x|. The hyperparameters are
   taken as known.

   GSL's error handler must be off (gsl_set_error_handler_off, as main()
   does): the Cholesky factorisation reports a matrix that rounding has made
   indefinite (possible near the nugget's floor for thousands of points)
   through it, and the default handler aborts. */
#include "calibrate/emulator.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_multimin.h>

#include "util/alloc.h"

/* The search box, in the standardised units. Length scales: below 0.02 of
   the unit cube no design of <= 4096 points resolves anything, and above
   10 the kernel is flat over the cube (the linear mean covers it). The
   nugget stays above 1e-8 of the signal variance, so cond(K) stays below
   about n * 1e8 and the Cholesky factor keeps about 5 significant digits
   even at n = 4096; it may grow to 10 (the whole standardised variance ten
   times over). The signal variance ranges from 1e-6 of the residual
   variance of the linear fit to 1e4. */
#define LEN_MIN   0.02
#define LEN_MAX   10.0
#define RATIO_MIN 1e-8
#define SN2_MAX   10.0
#define SF2_REL   1e-6
#define SF2_MAX   1e4
/* The likelihood's value where K cannot be factored: finite, as nmsimplex2
   stops with an error on a non-finite value, and above any real one. */
#define NLML_FAIL 1e100
/* Nelder-Mead: first step (a factor of about 2 on every hyperparameter),
   stopping size (log units) and iteration cap per start. */
#define NM_STEP  0.7
#define NM_TOL   1e-3
#define NM_ITERS 2000

struct fs_gp {
  size_t n;
  int d;
  double *x;           /* n * d, the training points */
  double y_mean, y_sd; /* y = y_mean + y_sd * s; y_sd > 0 */
  double *beta;        /* d + 1, the linear mean of s */
  double *len;         /* d, length scales */
  double sf2, sn2;     /* signal and nugget variance of s */
  double *L;           /* n * n, lower Cholesky factor of K (upper triangle unused) */
  double *alpha;       /* n, K^-1 r */
  double *W;           /* n * (d + 1), L^-1 H */
  double *M;           /* (d + 1)^2, P K P^T: covariance of beta under the GP */
  double loo_rms, loo_r2;
};

/* State of the likelihood search. */
typedef struct fit_ctx {
  fs_gp *g;
  const double *r;       /* n, residuals of the linear mean */
  double *v;             /* n, scratch */
  double lsf_lo, lsf_hi; /* bounds on log sf2 */
  double *proj;          /* d + 2, scratch: the projected parameters */
} fit_ctx;

static double clampd(double v, double lo, double hi) {
  return v < lo ? lo : v > hi ? hi : v;
}

/* Projects t (d + 2 log-parameters) onto the box into p; returns the
   squared distance moved. The nugget's floor follows the signal variance,
   so it is clamped after it. */
static double project(const fit_ctx *c, const double *t, double *p) {
  int d = c->g->d;
  for (int j = 0; j < d; j++) p[j] = clampd(t[j], log(LEN_MIN), log(LEN_MAX));
  p[d] = clampd(t[d], c->lsf_lo, c->lsf_hi);
  p[d + 1] = clampd(t[d + 1], p[d] + log(RATIO_MIN), log(SN2_MAX));
  double moved = 0;
  for (int j = 0; j < d + 2; j++) moved += (t[j] - p[j]) * (t[j] - p[j]);
  return moved;
}

/* The covariance (signal part) of points a and b (d values each). */
static double kern(const double *a, const double *b, const double *len, int d, double sf2) {
  double q = 0;
  for (int j = 0; j < d; j++) {
    double u = (a[j] - b[j]) / len[j];
    q += u * u;
  }
  return sf2 * exp(-0.5 * q);
}

/* Writes K = k(x_i, x_j) + sn2 delta_ij (both triangles) into g->L. */
static void build_k(fs_gp *g, const double *len, double sf2, double sn2) {
  size_t n = g->n;
  int d = g->d;
  for (size_t i = 0; i < n; i++) {
    const double *xi = g->x + i * (size_t) d;
    for (size_t j = 0; j < i; j++) {
      double k = kern(xi, g->x + j * (size_t) d, len, d, sf2);
      g->L[i * n + j] = k;
      g->L[j * n + i] = k;
    }
    g->L[i * n + i] = sf2 + sn2;
  }
}

/* Negative log marginal likelihood of r at log-parameters p (R&W eq.
   2.30): 1/2 r^T K^-1 r + sum log L_ii + n/2 log 2 pi. Leaves the Cholesky
   factor in g->L. NLML_FAIL when K is not numerically positive definite. */
static double nlml(fit_ctx *c, const double *p) {
  fs_gp *g = c->g;
  size_t n = g->n;
  int d = g->d;
  for (int j = 0; j < d; j++) g->len[j] = exp(p[j]);
  build_k(g, g->len, exp(p[d]), exp(p[d + 1]));
  gsl_matrix_view K = gsl_matrix_view_array(g->L, n, n);
  if (gsl_linalg_cholesky_decomp1(&K.matrix) != GSL_SUCCESS) return NLML_FAIL;
  memcpy(c->v, c->r, n * sizeof *c->v);
  gsl_vector_view v = gsl_vector_view_array(c->v, n);
  gsl_blas_dtrsv(CblasLower, CblasNoTrans, CblasNonUnit, &K.matrix, &v.vector);
  double quad = 0, logdet = 0;
  for (size_t i = 0; i < n; i++) {
    quad += c->v[i] * c->v[i];
    logdet += log(g->L[i * n + i]);
  }
  double f = 0.5 * quad + logdet + 0.5 * (double) n * log(2 * M_PI);
  return isfinite(f) ? f : NLML_FAIL;
}

static double objective(const gsl_vector *t, void *params) {
  fit_ctx *c = params;
  assert(t->stride == 1);
  double moved = project(c, t->data, c->proj);
  return nlml(c, c->proj) + 10 * moved;
}

/* One Nelder-Mead search from t (d + 2 values), which gets the best point
   found; its objective into *fbest. FS_ENOMEM or 0. */
static int simplex(fit_ctx *c, double *t, double *fbest) {
  size_t np = (size_t) c->g->d + 2;
  gsl_multimin_fminimizer *s =
      gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, np);
  gsl_vector *step = gsl_vector_alloc(np);
  if (!s || !step) {
    gsl_multimin_fminimizer_free(s);
    gsl_vector_free(step);
    return FS_ENOMEM;
  }
  gsl_vector_set_all(step, NM_STEP);
  gsl_vector_view x0 = gsl_vector_view_array(t, np);
  gsl_multimin_function fn = {.f = objective, .n = np, .params = c};
  /* objective never returns a non-finite value, the one error of set and iterate. */
  int status = gsl_multimin_fminimizer_set(s, &fn, &x0.vector, step);
  for (int it = 0; status == GSL_SUCCESS && it < NM_ITERS; it++) {
    if (gsl_multimin_fminimizer_iterate(s) != GSL_SUCCESS) break;
    if (gsl_multimin_test_size(gsl_multimin_fminimizer_size(s), NM_TOL) == GSL_SUCCESS) break;
  }
  memcpy(t, gsl_multimin_fminimizer_x(s)->data, np * sizeof *t);
  *fbest = gsl_multimin_fminimizer_minimum(s);
  gsl_multimin_fminimizer_free(s);
  gsl_vector_free(step);
  return 0;
}

/* The hyperparameter search: Nelder-Mead from fixed starts (all length
   scales 0.3, then all 1: a wiggly and a smooth reading of the data; signal
   variance the residual variance v0, nugget 1e-2 v0), then once more from
   the best, as a simplex that has collapsed early restarts well (the usual
   remedy for Nelder-Mead's false convergence). Leaves the winner, projected
   onto the box, in g's len, sf2 and sn2. */
static int search(fit_ctx *c, double v0) {
  fs_gp *g = c->g;
  int d = g->d, np = d + 2;
  static const double starts[] = {0.3, 1.0};
  double *t = fs_malloc(2 * (size_t) np * sizeof *t);
  if (!t) return FS_ENOMEM;
  double *best = t + np, fbest = INFINITY;
  for (size_t s = 0; s <= sizeof starts / sizeof *starts; s++) {
    if (s < sizeof starts / sizeof *starts) {
      for (int j = 0; j < d; j++) t[j] = log(starts[s]);
      t[d] = log(v0), t[d + 1] = log(1e-2 * v0);
    } else {
      memcpy(t, best, (size_t) np * sizeof *t);
    }
    double f;
    if (simplex(c, t, &f) < 0) {
      free(t);
      return FS_ENOMEM;
    }
    if (f < fbest) fbest = f, memcpy(best, t, (size_t) np * sizeof *t);
  }
  project(c, best, c->proj);
  for (int j = 0; j < d; j++) g->len[j] = exp(c->proj[j]);
  g->sf2 = exp(c->proj[d]), g->sn2 = exp(c->proj[d + 1]);
  free(t);
  return 0;
}

/* Diagonal of K^-1 from the factor: [K^-1]_ii = |L^-1 e_i|^2, and L^-1 e_i
   is zero above row i, so only the trailing block L[i:, i:] is solved.
   z is n scratch values. */
static void kinv_diag(const fs_gp *g, double *z, double *diag) {
  size_t n = g->n;
  gsl_matrix_const_view L = gsl_matrix_const_view_array(g->L, n, n);
  for (size_t i = 0; i < n; i++) {
    size_t m = n - i;
    gsl_matrix_const_view B = gsl_matrix_const_submatrix(&L.matrix, i, i, m, m);
    gsl_vector_view zv = gsl_vector_view_array(z, m);
    gsl_vector_set_basis(&zv.vector, 0);
    gsl_blas_dtrsv(CblasLower, CblasNoTrans, CblasNonUnit, &B.matrix, &zv.vector);
    double s = 0;
    for (size_t k = 0; k < m; k++) s += z[k] * z[k];
    diag[i] = s;
  }
}

/* Closed-form leave-one-out (R&W eq. 5.12) with beta and the
   hyperparameters held: s_i - mu_-i = alpha_i / [K^-1]_ii, var_-i =
   1 / [K^-1]_ii (the nugget included: it predicts the observed s_i). */
static void loo(fs_gp *g, const double *s, double *z, double *diag) {
  size_t n = g->n;
  kinv_diag(g, z, diag);
  double sse = 0, sst = 0, std2 = 0, mean = 0;
  for (size_t i = 0; i < n; i++) mean += s[i];
  mean /= (double) n;
  for (size_t i = 0; i < n; i++) {
    assert(diag[i] > 0);
    double e = g->alpha[i] / diag[i];
    sse += e * e;
    std2 += e * e * diag[i];
    sst += (s[i] - mean) * (s[i] - mean);
  }
  g->loo_rms = sqrt(std2 / (double) n);
  g->loo_r2 = sst > 0 ? 1 - sse / sst : NAN;
}

/* With the hyperparameters chosen: the factor, alpha, W and M. H is the
   n x p design, C = (H^T H)^-1, r the residuals; KH is n x p scratch, pp
   is 2 p^2 scratch. FS_EINVAL when K cannot be factored (the search only
   keeps points where it could, so this means the box is too loose). */
static int finish(fs_gp *g, const gsl_matrix *H, const gsl_matrix *C, const double *r,
                  gsl_matrix *KH, double *pp, fs_err *err) {
  size_t n = g->n, p = (size_t) g->d + 1;
  build_k(g, g->len, g->sf2, g->sn2);
  gsl_matrix_view K = gsl_matrix_view_array(g->L, n, n);
  gsl_blas_dsymm(CblasLeft, CblasLower, 1.0, &K.matrix, H, 0.0, KH);
  if (gsl_linalg_cholesky_decomp1(&K.matrix) != GSL_SUCCESS)
    return fs_err_set(err, FS_EINVAL, "the emulator's covariance matrix is not positive definite");
  memcpy(g->alpha, r, n * sizeof *r);
  gsl_vector_view a = gsl_vector_view_array(g->alpha, n);
  gsl_linalg_cholesky_svx(&K.matrix, &a.vector);
  gsl_matrix_view W = gsl_matrix_view_array(g->W, n, p);
  gsl_matrix_memcpy(&W.matrix, H);
  gsl_blas_dtrsm(CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, 1.0, &K.matrix, &W.matrix);
  /* M = C (H^T K H) C */
  gsl_matrix_view A = gsl_matrix_view_array(pp, p, p), B = gsl_matrix_view_array(pp + p * p, p, p);
  gsl_matrix_view M = gsl_matrix_view_array(g->M, p, p);
  gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, H, KH, 0.0, &A.matrix);
  gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, C, &A.matrix, 0.0, &B.matrix);
  gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, &B.matrix, C, 0.0, &M.matrix);
  return 0;
}

/* The least-squares mean: beta and C = (H^T H)^-1 (gsl_multifit_wlinear
   with unit weights returns the unscaled (X^T W X)^-1, where
   gsl_multifit_linear scales it by the residual variance), residuals into
   r; returns their variance. */
static double linear_mean(fs_gp *g, const gsl_matrix *H, const double *s, gsl_matrix *C, double *r,
                          gsl_multifit_linear_workspace *ws) {
  size_t n = g->n, p = (size_t) g->d + 1;
  gsl_vector *w = gsl_vector_alloc(n);
  if (!w) return NAN;
  gsl_vector_set_all(w, 1.0);
  gsl_vector_const_view sv = gsl_vector_const_view_array(s, n);
  gsl_vector_view b = gsl_vector_view_array(g->beta, p);
  double chisq;
  gsl_multifit_wlinear(H, w, &sv.vector, &b.vector, C, &chisq, ws);
  gsl_vector_free(w);
  double ss = 0;
  for (size_t i = 0; i < n; i++) {
    gsl_vector_const_view hi = gsl_matrix_const_row(H, i);
    double m;
    gsl_blas_ddot(&hi.vector, &b.vector, &m);
    r[i] = s[i] - m;
    ss += r[i] * r[i];
  }
  return ss / (double) (n - p);
}

static int check_args(const double *x, const double *y, size_t n, int d, fs_err *err) {
  if (d < 1) return fs_err_set(err, FS_EUSAGE, "an emulator needs at least one parameter");
  if (n < (size_t) d + 2)
    return fs_err_set(err, FS_EUSAGE,
                      "an emulator of %d parameters needs at least %d points; there are %zu", d,
                      d + 2, n);
  if (n > FS_GP_MAX_POINTS)
    return fs_err_set(err, FS_EUSAGE, "an emulator takes at most %d points; there are %zu",
                      FS_GP_MAX_POINTS, n);
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(y[i]))
      return fs_err_set(err, FS_EUSAGE, "emulator output %zu is not finite (%g)", i, y[i]);
    for (int j = 0; j < d; j++)
      if (!isfinite(x[i * (size_t) d + j]))
        return fs_err_set(err, FS_EUSAGE, "emulator point %zu, parameter %d is not finite", i,
                          j + 1);
  }
  return 0;
}

static fs_gp *gp_alloc(size_t n, int d) {
  size_t p = (size_t) d + 1;
  fs_gp *g = fs_calloc(1, sizeof *g);
  if (!g) return NULL;
  g->n = n, g->d = d;
  g->x = fs_malloc(n * (size_t) d * sizeof *g->x);
  g->beta = fs_malloc(p * sizeof *g->beta);
  g->len = fs_malloc((size_t) d * sizeof *g->len);
  g->L = fs_malloc(n * n * sizeof *g->L);
  g->alpha = fs_malloc(n * sizeof *g->alpha);
  g->W = fs_malloc(n * p * sizeof *g->W);
  g->M = fs_malloc(p * p * sizeof *g->M);
  if (!g->x || !g->beta || !g->len || !g->L || !g->alpha || !g->W || !g->M) {
    fs_gp_free(g);
    return NULL;
  }
  return g;
}

/* Standardises y into s (n values); y_sd 1 when y is constant. */
static void standardise(fs_gp *g, const double *y, double *s) {
  size_t n = g->n;
  double m = 0, ss = 0;
  for (size_t i = 0; i < n; i++) m += y[i];
  m /= (double) n;
  for (size_t i = 0; i < n; i++) ss += (y[i] - m) * (y[i] - m);
  double sd = sqrt(ss / (double) (n - 1));
  g->y_mean = m, g->y_sd = sd > 0 && isfinite(sd) ? sd : 1;
  for (size_t i = 0; i < n; i++) s[i] = (y[i] - m) / g->y_sd;
}

int fs_gp_fit(fs_gp **out, const double *x, const double *y, size_t n, int d, fs_err *err) {
  *out = NULL;
  int rc = check_args(x, y, n, d, err);
  if (rc < 0) return rc;
  size_t p = (size_t) d + 1;
  fs_gp *g = gp_alloc(n, d);
  /* scratch: s, r, v, z, diag (n each), proj (d + 2), pp (2 p^2) */
  double *buf = fs_malloc((5 * n + p + 1 + 2 * p * p) * sizeof *buf);
  gsl_matrix *H = gsl_matrix_alloc(n, p), *C = gsl_matrix_alloc(p, p), *KH = gsl_matrix_alloc(n, p);
  gsl_multifit_linear_workspace *ws = gsl_multifit_linear_alloc(n, p);
  if (!g || !buf || !H || !C || !KH || !ws) {
    rc = fs_err_set(err, FS_ENOMEM, "out of memory fitting an emulator to %zu points", n);
    goto done;
  }
  double *s = buf, *r = s + n, *v = r + n, *z = v + n, *diag = z + n, *proj = diag + n;
  double *pp = proj + p + 1;
  memcpy(g->x, x, n * (size_t) d * sizeof *x);
  standardise(g, y, s);
  for (size_t i = 0; i < n; i++) {
    gsl_matrix_set(H, i, 0, 1.0);
    for (int j = 0; j < d; j++) gsl_matrix_set(H, i, (size_t) j + 1, x[i * (size_t) d + j]);
  }
  double v0 = linear_mean(g, H, s, C, r, ws);
  if (isnan(v0)) {
    rc = fs_err_set(err, FS_ENOMEM, "out of memory fitting an emulator to %zu points", n);
    goto done;
  }
  /* An exactly linear output leaves no residual: a floor keeps the logs finite. */
  if (!(v0 > 1e-12)) v0 = 1e-12;
  fit_ctx c = {
      .g = g, .r = r, .v = v, .lsf_lo = log(SF2_REL * v0), .lsf_hi = log(SF2_MAX), .proj = proj};
  rc = search(&c, v0);
  if (rc < 0) {
    fs_err_set(err, rc, "out of memory fitting an emulator to %zu points", n);
    goto done;
  }
  rc = finish(g, H, C, r, KH, pp, err);
  if (rc < 0) goto done;
  loo(g, s, z, diag);
  *out = g, g = NULL;
done:
  fs_gp_free(g);
  free(buf);
  gsl_matrix_free(H);
  gsl_matrix_free(C);
  gsl_matrix_free(KH);
  if (ws) gsl_multifit_linear_free(ws);
  return rc;
}

void fs_gp_free(fs_gp *g) {
  if (!g) return;
  free(g->x);
  free(g->beta);
  free(g->len);
  free(g->L);
  free(g->alpha);
  free(g->W);
  free(g->M);
  free(g);
}

/* One prediction in standardised units. k is n scratch values, R p. */
static void predict1(const fs_gp *g, const double *xs, double *k, double *R, double *mean,
                     double *var) {
  size_t n = g->n, p = (size_t) g->d + 1;
  int d = g->d;
  double m = g->beta[0];
  for (int j = 0; j < d; j++) m += g->beta[j + 1] * xs[j];
  for (size_t i = 0; i < n; i++) {
    k[i] = kern(xs, g->x + i * (size_t) d, g->len, d, g->sf2);
    m += k[i] * g->alpha[i];
  }
  gsl_matrix_const_view L = gsl_matrix_const_view_array(g->L, n, n);
  gsl_vector_view kv = gsl_vector_view_array(k, n);
  gsl_blas_dtrsv(CblasLower, CblasNoTrans, CblasNonUnit, &L.matrix, &kv.vector);
  double v = g->sf2;
  for (size_t i = 0; i < n; i++) v -= k[i] * k[i];
  /* R = h - W^T (L^-1 k), then R^T M R */
  R[0] = 1;
  for (int j = 0; j < d; j++) R[j + 1] = xs[j];
  for (size_t i = 0; i < n; i++)
    for (size_t a = 0; a < p; a++) R[a] -= g->W[i * p + a] * k[i];
  for (size_t a = 0; a < p; a++)
    for (size_t b = 0; b < p; b++) v += R[a] * g->M[a * p + b] * R[b];
  *mean = m;
  *var = v > 0 ? v : 0;
}

void fs_gp_predict(const fs_gp *g, const double *x, size_t m, double *mean, double *var) {
  assert(g);
  /* Scratch on the stack (64 KiB at most), as this call has no error to
     return and a const emulator may be shared by threads. */
  double k[FS_GP_MAX_POINTS], R[FS_GP_MAX_POINTS];
  assert(g->n <= FS_GP_MAX_POINTS && (size_t) g->d + 1 <= FS_GP_MAX_POINTS);
  for (size_t i = 0; i < m; i++) {
    double mu, v;
    predict1(g, x + i * (size_t) g->d, k, R, &mu, &v);
    mean[i] = g->y_mean + g->y_sd * mu;
    var[i] = g->y_sd * g->y_sd * v;
  }
}

double fs_gp_length(const fs_gp *g, int j) {
  assert(j >= 0 && j < g->d);
  return g->len[j];
}

double fs_gp_signal_var(const fs_gp *g) {
  return g->sf2 * g->y_sd * g->y_sd;
}

double fs_gp_nugget_var(const fs_gp *g) {
  return g->sn2 * g->y_sd * g->y_sd;
}

void fs_gp_loo(const fs_gp *g, double *rms_std_err, double *r2) {
  *rms_std_err = g->loo_rms;
  *r2 = g->loo_r2;
}
