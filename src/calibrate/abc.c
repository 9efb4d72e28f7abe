/* abc.c: ABC-SMC, population Monte Carlo (Beaumont, Cornuet, Marin &
   Robert 2009; Toni et al. 2009, J. R. Soc. Interface 6). Generation 1 is
   a Latin hypercube from the uniform prior, all accepted. Each next
   generation's tolerance is the alpha-quantile of the last one's
   distances; proposals (a parent by weight, moved by a Gaussian with twice
   the population's weighted covariance) run in batches of a population's
   size, the first that fall within the tolerance are kept, in point
   order, and weighted by prior / sum_j w_j K(x | x_j). The budget counts
   simulated points; a generation the budget cannot finish is dropped and
   the last whole one is the posterior. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calibrate/calibrate_impl.h"
#include "calibrate/smc.h"
#include "engine/rng.h"
#include "sweep/design.h"
#include "util/alloc.h"

#define STREAM_ABC 0x41424300u /* + 4096 * generation + batch: proposals */

typedef struct pop {
  double *x, *w, *dist; /* n * d, n, n */
  size_t n;
} pop;

static void pop_free(pop *p) {
  free(p->x);
  free(p->w);
  free(p->dist);
  memset(p, 0, sizeof *p);
}

static int pop_alloc(pop *p, size_t n, int d, fs_err *err) {
  p->x = fs_malloc(n * (size_t) d * sizeof *p->x);
  p->w = fs_malloc(n * sizeof *p->w);
  p->dist = fs_malloc(n * sizeof *p->dist);
  p->n = 0;
  if (!p->x || !p->w || !p->dist) return fs_err_set(err, FS_ENOMEM, "out of memory");
  return 0;
}

/* Generation 1: the prior's Latin hypercube, every point accepted. */
static int first_generation(fs_cal *c, pop *cur, double *u, double *y, size_t *used, int *complete,
                            fs_err *err) {
  size_t n = (size_t) c->spec->points, d = (size_t) c->d;
  int rc = fs_cal__lhs(c, u, n, err);
  size_t first = c->nruns;
  if (rc == 0) rc = fs_cal__stage(c, "gen-1", u, n, 0, y, complete, err);
  if (rc != 0 || !*complete) return rc;
  *used += n;
  fs_cal__flat(c, y, n);
  fs_cal_gen *g = &c->gen[0];
  g->tolerance = INFINITY;
  g->proposed = g->accepted = n;
  g->best = INFINITY;
  for (size_t i = 0; i < n; i++) {
    double dist = fs_cal__distance(c, y + i * (size_t) c->k);
    c->run[first + i].score = dist;
    c->run[first + i].kept = 1;
    memcpy(cur->x + i * d, u + i * d, d * sizeof *u);
    cur->w[i] = 1.0 / (double) n;
    cur->dist[i] = dist;
    if (dist < g->best) g->best = dist;
  }
  cur->n = n;
  g->ess = fs_smc_ess(cur->w, n);
  c->ngens = 1;
  return 0;
}

/* Generation t (0-based) from prev into next; *done = 0 when the budget
   ran out first (next is then incomplete). */
static int next_generation(fs_cal *c, int t, const pop *prev, pop *next, double *u, double *y,
                           size_t *used, int *done, int *complete, fs_err *err) {
  const fs_cal_spec *s = c->spec;
  size_t n = (size_t) s->points, d = (size_t) c->d, k = (size_t) c->k;
  double chol[FS_DESIGN_MAX_PARAMS * FS_DESIGN_MAX_PARAMS];
  fs_cal_gen *g = &c->gen[t];
  memset(g, 0, sizeof *g);
  g->tolerance = fs_smc_quantile(prev->dist, NULL, prev->n, s->alpha);
  g->best = INFINITY;
  int rc = fs_smc_kernel(prev->x, prev->w, prev->n, c->d, chol, err);
  next->n = 0;
  *done = 0;
  size_t gen_first = c->nruns;
  for (int b = 0; rc == 0 && next->n < n; b++) {
    if (*used + n > (size_t) s->budget) {
      /* the budget ends this generation unfinished: it keeps nothing */
      for (size_t i = gen_first; i < c->nruns; i++) c->run[i].kept = 0;
      return 0;
    }
    gsl_rng *r = fs_rng_new(s->sweep.run_seed, STREAM_ABC + 4096u * (uint64_t) t + (uint64_t) b);
    if (!r) return fs_err_set(err, FS_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
      fs_smc_propose(r, prev->x, prev->w, prev->n, c->d, chol, u + i * d);
    gsl_rng_free(r);
    char name[48];
    snprintf(name, sizeof name, "gen-%d-batch-%d", t + 1, b + 1);
    size_t first = c->nruns;
    rc = fs_cal__stage(c, name, u, n, 0, y, complete, err);
    if (rc != 0 || !*complete) return rc;
    *used += n;
    g->proposed += n;
    for (size_t i = 0; i < n; i++) {
      double dist = fs_cal__distance(c, y + i * k);
      c->run[first + i].score = dist;
      if (!(dist <= g->tolerance) || next->n == n) continue;
      c->run[first + i].kept = 1;
      memcpy(next->x + next->n * d, u + i * d, d * sizeof *u);
      next->w[next->n] = fs_smc_weight(u + i * d, prev->x, prev->w, prev->n, c->d, chol);
      next->dist[next->n++] = dist;
      if (dist < g->best) g->best = dist;
    }
  }
  if (rc != 0) return rc;
  double sum = 0;
  for (size_t i = 0; i < n; i++) sum += next->w[i];
  for (size_t i = 0; i < n; i++) next->w[i] /= sum;
  g->accepted = n;
  g->ess = fs_smc_ess(next->w, n);
  *done = 1;
  return 0;
}

int fs_cal__abc(fs_cal *c, fs_err *err) {
  const fs_cal_spec *s = c->spec;
  size_t n = (size_t) s->points, d = (size_t) c->d, used = 0;
  pop a = {0}, b = {0};
  double *u = fs_malloc(n * d * sizeof *u), *y = fs_malloc(n * (size_t) c->k * sizeof *y);
  int rc = u && y ? 0 : fs_err_set(err, FS_ENOMEM, "out of memory");
  if (rc == 0) rc = pop_alloc(&a, n, c->d, err);
  if (rc == 0) rc = pop_alloc(&b, n, c->d, err);
  int complete = 0;
  if (rc == 0) rc = first_generation(c, &a, u, y, &used, &complete, err);
  pop *cur = &a, *nxt = &b;
  for (int t = 1;
       rc == 0 && complete && t < FS_CAL_MAX_GENERATIONS && (s->waves <= 0 || t < s->waves); t++) {
    int done = 0;
    rc = next_generation(c, t, cur, nxt, u, y, &used, &done, &complete, err);
    if (rc != 0 || !complete || !done) break;
    c->ngens = t + 1;
    pop *tmp = cur;
    cur = nxt;
    nxt = tmp;
  }
  if (rc == 0 && complete && !c->pending) {
    c->post = cur->x;
    c->postw = cur->w;
    c->npost = cur->n;
    cur->x = cur->w = NULL;
  }
  pop_free(&a);
  pop_free(&b);
  free(u);
  free(y);
  return rc;
}
