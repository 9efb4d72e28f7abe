/* batch.c: a pool of threads working through replications in any order,
   each writing only its own slot, so the results are the same whatever
   the thread count. */
#include "batch/batch.h"
#include "fleet/market.h"
#include "graph/graph.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "engine/rng.h"
#include "util/alloc.h"

typedef struct worker {
  fs_batch *b;
  fs_scenario own; /* a private scenario when hooks need their own Lua state */
  fs_scenario *sc;
  fs_err err;
  int err_rep; /* lowest replication that failed here, or -1 */
} worker;

typedef struct shared {
  atomic_int next;
  atomic_int stop;
  pthread_mutex_t lock;
} shared;

fs_cover_loss fs_batch_cover_loss(const fs_org_result *x) {
  double r = x->restoration > 0 ? x->restoration : 0;
  return (fs_cover_loss){.own_bi = x->bi_own_after_wait,
                         .dep_bi = x->bi_dep_after_wait,
                         .extra = x->extra_expense - r,
                         .restoration = r};
}

/* Policy i's losses in this replication: ground-up, insured as written
   (with its lines), and insured under each wording switch. */
static void policy_losses(const fs_batch *b, const fs_org_result *x, size_t i, fs_rep *rep) {
  fs_cover_loss c = fs_batch_cover_loss(x);
  fs_event_ctx ev = b->event;
  ev.hit_share = rep->hit_share;
  int named = b->policy_named && b->policy_named[i];
  double line[FS_NLINES];
  rep->policy_gu[i] = x->bi_own + x->bi_dep + x->extra_expense;
  rep->policy_il[i] = fs_terms_pay(&b->terms[i], &c, &ev, named, line);
  /* ground up by line: BI before the waiting periods */
  const double gu[FS_NLINES] = {x->bi_own, x->bi_dep, c.extra, c.restoration};
  for (int k = 0; k < FS_NLINES; k++) {
    rep->line_gu[k] += gu[k];
    rep->line_il[k] += line[k];
  }
  rep->wording_il[FS_WORDING_AS_WRITTEN] += rep->policy_il[i];
  for (int w = 1; w < FS_NWORDINGS; w++) {
    fs_terms t = fs_wording_apply(&b->terms[i], w);
    rep->wording_il[w] += fs_terms_pay(&t, &c, &ev, named, NULL);
  }
}

/* The cyber market's insured loss of one organisation without a policy:
   it stands for w organisations, each losing its share (lw / w) of the
   simulated loss; take_up of them insured on the market's terms of its
   size class, a mixture over policies with and without system-failure
   and dependent-BI cover. The event's context decides what system-failure
   cover means (fs_terms_pay: a malicious incident is covered by every
   cyber policy). */
static double market_insured(const fs_batch *b, const fs_org *org, const fs_org_result *x) {
  const fs_cyber_market *m = &b->cfg->cyber;
  double w = fs_org_count_weight(org), lw = fs_org_loss_weight(org);
  if (!(w > 0)) return 0;
  int k = fs_size_class((uint32_t) fmin(4e9, round(org->n * org->weight / w)));
  double each = lw / w, sum = 0;
  fs_cover_loss c = fs_batch_cover_loss(x);
  c.own_bi *= each, c.dep_bi *= each, c.extra *= each, c.restoration *= each;
  for (int sf = 0; sf < 2; sf++)
    for (int db = 0; db < 2; db++) {
      double p =
          (sf ? m->sf_share[k] : 1 - m->sf_share[k]) * (db ? m->dbi_share[k] : 1 - m->dbi_share[k]);
      if (p <= 0) continue;
      fs_terms t = fs_terms_full();
      t.deductible = m->retention[k], t.limit = m->limit[k];
      t.sf_sublimit = sf ? m->sf_sublimit[k] * m->limit[k] : 0;
      t.dbi_sublimit = db ? m->dbi_sublimit[k] * m->limit[k] : 0;
      sum += p * fs_terms_pay(&t, &c, &b->event, 0, NULL);
    }
  return w * m->take_up[k] * sum;
}

/* The incident's provider's direct dependents that are organisations
   (an organisation has at most one edge to a provider), and those hit. */
static void provider_dependents(const fs_batch *b, const fs_result *res, fs_rep *rep) {
  const struct fs_graph_csr *c = b->graph;
  if (!c || b->provider_node < 0) return;
  uint32_t p = (uint32_t) b->provider_node;
  for (uint32_t i = c->out_off[p]; i < c->out_off[p + 1]; i++) {
    int32_t o = c->node_org[c->out_node[i]];
    if (o < 0) continue;
    double w = fs_org_count_weight(&b->fleet->orgs[o]);
    rep->provider_dependents += w;
    if (fs_model_org_hit(b->cfg->has_costs, &res->orgs[o])) rep->provider_dependents_hit += w;
  }
}

/* The per-tick counts of fs_rep.series: 0 or FS_ENOMEM. */
static int series(const fs_batch *b, const fs_result *res, fs_rep *rep) {
  size_t nt = res->nticks ? res->nticks : 1, ni = (size_t) res->nindustries;
  rep->nindustries = res->nindustries;
  rep->tick_hours = res->tick_hours;
  rep->ts_crashed = fs_calloc(nt, sizeof(double));
  rep->ts_down = fs_calloc(nt, sizeof(double));
  rep->ts_orgs_impaired = fs_calloc(nt, sizeof(double));
  rep->ts_orgs_impaired_ind = fs_calloc(nt * (ni ? ni : 1), sizeof(double));
  if (!rep->ts_crashed || !rep->ts_down || !rep->ts_orgs_impaired || !rep->ts_orgs_impaired_ind)
    return FS_ENOMEM;
  for (size_t i = 0; i < res->nticks; i++) {
    rep->ts_crashed[i] = res->ts_affected[i];
    rep->ts_down[i] = res->ts_down[i];
  }
  /* Tick i is the state at i * tick_hours: an organisation impaired at t
     counts from the first tick at or after t. */
  for (size_t o = 0; o < res->n_orgs && res->nticks; o++) {
    double t = res->orgs[o].impaired_hours;
    if (isnan(t)) continue;
    double k = ceil(t / res->tick_hours - 1e-9);
    if (k >= (double) res->nticks) continue;
    size_t i = k > 0 ? (size_t) k : 0;
    rep->ts_orgs_impaired_ind[i * ni + (size_t) b->fleet->orgs[o].industry] +=
        fs_org_count_weight(&b->fleet->orgs[o]);
  }
  for (size_t i = 0; i < res->nticks; i++)
    for (size_t k = 0; k < ni; k++) {
      if (i) rep->ts_orgs_impaired_ind[i * ni + k] += rep->ts_orgs_impaired_ind[(i - 1) * ni + k];
      rep->ts_orgs_impaired[i] += rep->ts_orgs_impaired_ind[i * ni + k];
    }
  int flights = 0;
  for (size_t k = 0; k < ni && res->ts_units_ind; k++)
    flights |= b->cfg->industries[k].cost.ops.on &&
               strcmp(b->cfg->industries[k].cost.ops.unit, "flights") == 0;
  if (!flights) return 0;
  if (!(rep->ts_flights = fs_calloc(nt, sizeof(double)))) return FS_ENOMEM;
  for (size_t i = 0; i < res->nticks; i++)
    for (size_t k = 0; k < ni; k++)
      if (b->cfg->industries[k].cost.ops.on &&
          strcmp(b->cfg->industries[k].cost.ops.unit, "flights") == 0)
        rep->ts_flights[i] += res->ts_units_ind[i * ni + k];
  return 0;
}

static int extract(const fs_batch *b, const fs_result *res, fs_rep *rep, fs_err *err) {
  int rc;
  rep->affected = res->affected;
  rep->peak_down = res->peak_down;
  rep->endpoint_hours_down = res->endpoint_hours_down;
  memcpy(rep->recovery_hours, res->recovery_hours, sizeof rep->recovery_hours);
  rep->loss_total = res->loss_total;
  memcpy(rep->loss_by_industry, res->loss_by_industry, sizeof rep->loss_by_industry);
  memcpy(rep->affected_by_industry, res->affected_by_industry, sizeof rep->affected_by_industry);
  memset(rep->orgs_down_by_industry, 0, sizeof rep->orgs_down_by_industry);
  memset(rep->downtime_by_industry, 0, sizeof rep->downtime_by_industry);
  rep->events = res->events;
  /* sums over organisations: from zero, whoever reuses rep */
  rep->exposure_total = rep->orgs_hit = rep->orgs_hit_own = rep->orgs_hit_dependent = 0;
  rep->orgs_down = rep->org_downtime_hours = 0;
  rep->provider_dependents = rep->provider_dependents_hit = 0;
  memset(rep->exposure_by_industry, 0, sizeof rep->exposure_by_industry);
  memset(rep->orgs_hit_by_industry, 0, sizeof rep->orgs_hit_by_industry);
  memset(rep->orgs_is, 0, sizeof rep->orgs_is);
  memset(rep->hit_is, 0, sizeof rep->hit_is);
  memset(rep->cust_is, 0, sizeof rep->cust_is);
  memset(rep->cust_hit_is, 0, sizeof rep->cust_hit_is);
  memset(rep->own_eps_is, 0, sizeof rep->own_eps_is);
  memset(rep->own_hit_is, 0, sizeof rep->own_hit_is);
  memset(rep->loss_is, 0, sizeof rep->loss_is);
  memset(rep->revenue_is, 0, sizeof rep->revenue_is);
  double orgs_all = 0;
  for (size_t o = 0; o < res->n_orgs; o++) {
    const fs_org_result *x = &res->orgs[o];
    const fs_org *org = &b->fleet->orgs[o];
    double w = fs_org_count_weight(org), lw = fs_org_loss_weight(org);
    orgs_all += w;
    int i = org->industry, k = fs_size_class((uint32_t) fmin(4e9, round(org->n * org->weight / w)));
    int hit = fs_model_org_hit(b->cfg->has_costs, x);
    rep->orgs_is[i][k] += w;
    rep->cust_is[i][k] += org->agent ? w : 0;
    rep->loss_is[i][k] += (x->bi_own + x->bi_dep + x->extra_expense) * lw;
    rep->revenue_is[i][k] += org->revenue_usd * lw;
    if (hit) {
      rep->orgs_hit += w;
      rep->orgs_hit_by_industry[i] += w;
      rep->hit_is[i][k] += w;
      *(x->affected > 0 ? &rep->orgs_hit_own : &rep->orgs_hit_dependent) += w;
    }
    if (x->affected > 0) {
      rep->cust_hit_is[i][k] += org->agent ? w : 0;
      rep->own_eps_is[i][k] += org->n * lw;
      rep->own_hit_is[i][k] += x->affected * lw;
    }
    if (x->downtime_hours > 0) {
      rep->orgs_down += w;
      rep->org_downtime_hours += w * x->downtime_hours;
      rep->orgs_down_by_industry[i] += w;
      rep->downtime_by_industry[i] += w * x->downtime_hours;
    }
    if (x->bi_own + x->bi_dep + x->extra_expense > 0) {
      rep->exposure_total += org->revenue_usd * lw;
      rep->exposure_by_industry[org->industry] += org->revenue_usd * lw;
    }
  }
  rep->hit_share = orgs_all > 0 ? rep->orgs_hit / orgs_all : 0;
  provider_dependents(b, res, rep);
  rep->nticks = res->nticks;
  rep->recovered = fs_malloc((res->nticks ? res->nticks : 1) * sizeof *rep->recovered);
  if (!rep->recovered) return fs_err_set(err, FS_ENOMEM, "out of memory for a recovery curve");
  for (size_t i = 0; i < res->nticks; i++)
    rep->recovered[i] =
        res->affected > 0 ? (res->ts_affected[i] - res->ts_down[i]) / res->affected : 1.0;
  if (rep->series && (rc = series(b, res, rep)) != 0)
    return fs_err_set(err, rc, "out of memory for a replication's series");
  rep->market_insured = b->cfg->cyber.on && b->cfg->has_costs ? 0 : NAN;
  for (size_t o = 0; o < res->n_orgs && !isnan(rep->market_insured); o++)
    if (b->fleet->orgs[o].policy < 0)
      rep->market_insured += market_insured(b, &b->fleet->orgs[o], &res->orgs[o]);
  memset(rep->line_gu, 0, sizeof rep->line_gu);
  memset(rep->line_il, 0, sizeof rep->line_il);
  memset(rep->wording_il, 0, sizeof rep->wording_il);
  for (size_t i = 0; i < b->npol; i++) {
    const fs_org_result *x = &res->orgs[b->policy_org[i]];
    policy_losses(b, x, i, rep);
    if (!isnan(rep->market_insured)) rep->market_insured += rep->policy_il[i];
    rep->policy_downtime[i] = x->downtime_hours;
    /* a policy simulates a sample of its own fleet: weight endpoints each */
    rep->policy_hit[i] = x->affected * b->fleet->orgs[b->policy_org[i]].weight;
  }
  return 0;
}

int fs_batch_rep(const fs_batch *b, fs_scenario *sc, gsl_rng *rng, int r, fs_rep *rep,
                 fs_result *keep, int *interrupted, fs_err *err) {
  const fs_config *cfg = b->cfg;
  *interrupted = 0;
  fs_rng_reset(rng, cfg->seed, (uint64_t) r);
  if (sc->hooks.n) {
    int rc = fs_scenario_reseed(sc, fs_rng_stream_key(cfg->seed, (uint64_t) r), err);
    if (rc != 0) return rc;
  }
  fs_model_opts mo = {.queue = b->queue,
                      .graph = b->graph,
                      .provider_node = b->provider_node,
                      .interrupt = b->interrupt,
                      .hooks = sc->hooks.n ? &sc->hooks : NULL,
                      .tick = r == 0 ? b->tick : NULL,
                      .tick_ud = b->progress_ud};
  fs_result res;
  int rc = fs_model_run(cfg, b->fleet, rng, &mo, &res, err);
  if (rc != 0) return rc;
  if (res.interrupted) {
    fs_result_free(&res);
    *interrupted = 1;
    return 0;
  }
  fs_rep_drop_ticks(rep); /* a previous replication's (a sweep worker reuses rep) */
  if ((rc = extract(b, &res, rep, err)) != 0) {
    fs_result_free(&res);
    return rc;
  }
  rep->ok = 1;
  if (keep)
    *keep = res;
  else
    fs_result_free(&res);
  return 0;
}

int fs_rep_alloc(fs_rep *rep, size_t npol) {
  memset(rep, 0, sizeof *rep);
  size_t n = npol ? npol : 1;
  rep->policy_gu = fs_calloc(n, sizeof(double));
  rep->policy_il = fs_calloc(n, sizeof(double));
  rep->policy_downtime = fs_calloc(n, sizeof(double));
  rep->policy_hit = fs_calloc(n, sizeof(double));
  if (rep->policy_gu && rep->policy_il && rep->policy_downtime && rep->policy_hit) return 0;
  fs_rep_free(rep);
  return FS_ENOMEM;
}

void fs_rep_free(fs_rep *rep) {
  free(rep->policy_gu);
  free(rep->policy_il);
  free(rep->policy_downtime);
  free(rep->policy_hit);
  fs_rep_drop_ticks(rep);
  memset(rep, 0, sizeof *rep);
}

void fs_rep_drop_ticks(fs_rep *rep) {
  free(rep->recovered);
  free(rep->ts_crashed);
  free(rep->ts_down);
  free(rep->ts_orgs_impaired);
  free(rep->ts_orgs_impaired_ind);
  free(rep->ts_flights);
  rep->recovered = rep->ts_crashed = rep->ts_down = NULL;
  rep->ts_orgs_impaired = rep->ts_orgs_impaired_ind = rep->ts_flights = NULL;
}

typedef struct job {
  worker *w;
  shared *sh;
} job;

static void *work(void *arg) {
  job *j = arg;
  worker *w = j->w;
  fs_batch *b = w->b;
  shared *sh = j->sh;
  const fs_config *cfg = b->cfg;
  gsl_rng *rng = fs_rng_new(cfg->seed, 0);
  if (!rng) {
    fs_err_set(&w->err, FS_ENOMEM, "out of memory for a random stream");
    w->err_rep = 0;
    atomic_store(&sh->stop, 1);
    return NULL;
  }
  for (;;) {
    if (atomic_load(&sh->stop)) break;
    int r = atomic_fetch_add(&sh->next, 1);
    if (r >= b->reps) break;
    fs_err e = {0};
    int stopped;
    if (fs_batch_rep(b, w->sc, rng, r, &b->rep[r], r == 0 ? &b->first : NULL, &stopped, &e) != 0) {
      if (w->err_rep < 0 || r < w->err_rep) {
        w->err = e;
        w->err_rep = r;
      }
      atomic_store(&sh->stop, 1);
      break;
    }
    if (stopped) {
      atomic_store(&sh->stop, 1);
      break;
    }
    pthread_mutex_lock(&sh->lock);
    b->done++;
    if (b->progress) b->progress(b->progress_ud, b->done, b->reps);
    pthread_mutex_unlock(&sh->lock);
  }
  gsl_rng_free(rng);
  return NULL;
}

int fs_batch_run(fs_batch *b, fs_err *err) {
  int rc = 0;
  b->done = 0;
  b->interrupted = 0;
  memset(&b->first, 0, sizeof b->first);
  b->rep = fs_calloc((size_t) b->reps, sizeof *b->rep);
  if (!b->rep) return fs_err_set(err, FS_ENOMEM, "out of memory for %d replications", b->reps);
  for (int r = 0; r < b->reps; r++)
    if (fs_rep_alloc(&b->rep[r], b->npol) != 0)
      return fs_err_set(err, FS_ENOMEM, "out of memory for policy losses");
  int nt = b->threads < 1 ? 1 : b->threads > 1024 ? 1024 : b->threads;
  if (nt > b->reps) nt = b->reps < 1 ? 1 : b->reps;
  worker *w = fs_calloc((size_t) nt, sizeof *w);
  job *jobs = fs_calloc((size_t) nt, sizeof *jobs);
  pthread_t *tid = fs_calloc((size_t) nt, sizeof *tid);
  shared sh;
  atomic_init(&sh.next, 0);
  atomic_init(&sh.stop, 0);
  pthread_mutex_init(&sh.lock, NULL);
  if (!w || !jobs || !tid) {
    rc = fs_err_set(err, FS_ENOMEM, "out of memory for threads");
    goto done;
  }
  /* Lua states are not thread-safe: with hooks every extra thread loads
     its own copy of the scenario (same file, options and seed). */
  for (int i = 0; i < nt; i++) {
    w[i].b = b;
    w[i].err_rep = -1;
    w[i].sc = b->scenario;
    if (i > 0 && b->scenario->hooks.n) {
      if ((rc = fs_scenario_load(&w[i].own, b->load, err)) != 0) goto done;
      w[i].sc = &w[i].own;
    }
    jobs[i] = (job){&w[i], &sh};
  }
  int started = 0;
  for (int i = 1; i < nt; i++) {
    if (pthread_create(&tid[i], NULL, work, &jobs[i]) != 0) break;
    started = i;
  }
  work(&jobs[0]);
  for (int i = 1; i <= started; i++) pthread_join(tid[i], NULL);
  int worst = -1;
  for (int i = 0; i < nt; i++) {
    if (w[i].err_rep >= 0 && (worst < 0 || w[i].err_rep < w[worst].err_rep)) worst = i;
  }
  if (worst >= 0) {
    *err = w[worst].err;
    rc = err->code ? err->code : FS_EINVAL;
    if (b->reps > 1) fs_err_prefix(err, "replication %d", w[worst].err_rep + 1);
  } else if (b->done < b->reps) {
    /* Interrupted: keep the finished prefix, so a partial result is the
       same whatever the thread count got through. */
    b->interrupted = 1;
    int k = 0;
    while (k < b->reps && b->rep[k].ok) k++;
    b->done = k;
  }
done:
  for (int i = 0; w && i < nt; i++)
    if (w[i].sc == &w[i].own) fs_scenario_free(&w[i].own);
  pthread_mutex_destroy(&sh.lock);
  free(w);
  free(jobs);
  free(tid);
  return rc;
}

void fs_batch_free(fs_batch *b) {
  if (b->rep) {
    for (int r = 0; r < b->reps; r++) fs_rep_free(&b->rep[r]);
  }
  free(b->rep);
  b->rep = NULL;
  fs_result_free(&b->first);
}
