/* systemic.c: the systemic-risk ranking (systemic.h). */
#include "pipeline/systemic.h"

#include <stdio.h>
#include <stdlib.h>

#include "util/alloc.h"

static int by_loss(const void *x, const void *y) {
  const fs_graph_risk *a = x, *b = y;
  if (a->ground_up != b->ground_up) return a->ground_up < b->ground_up ? 1 : -1;
  return a->node < b->node ? -1 : a->node > b->node;
}

/* The scenario's configuration with provider v down for hours from the
   incident's start. */
static void outage_of(fs_config *cfg, const fs_config *base, const char *provider, double hours) {
  double start = base->incident.kind == FS_INC_PROVIDER_OUTAGE ? base->incident.start_hours
                                                               : base->incident.publish_hours;
  *cfg = *base;
  cfg->incident.kind = FS_INC_PROVIDER_OUTAGE;
  cfg->incident.start_hours = cfg->incident.publish_hours = cfg->incident.pull_hours = start;
  cfg->incident.end_hours = start + hours;
  cfg->incident.guidance_hours = start;
  snprintf(cfg->incident.provider, sizeof cfg->incident.provider, "%s", provider);
}

/* Mean losses of provider v's outage. */
static int simulate_one(fs_session *s, const fs_config *cfg, uint32_t v, const fs_systemic_opts *o,
                        fs_graph_risk *row, fs_err *err) {
  fs_session_run_opts ro = {.reps = o->reps,
                            .threads = o->threads,
                            .interrupt = o->interrupt,
                            .cfg = cfg,
                            .provider_node = (long) v};
  fs_batch b;
  int rc = fs_session_run(s, &ro, &b, err);
  if (rc == 0 && b.interrupted) rc = fs_err_set(err, FS_EINTR, "interrupted");
  if (rc == 0) {
    *row = (fs_graph_risk){.node = v};
    for (int r = 0; r < b.done; r++) {
      row->ground_up += b.rep[r].loss_total / b.done;
      for (size_t i = 0; i < s->pf.n; i++) row->insured += b.rep[r].policy_il[i] / b.done;
    }
  }
  fs_batch_free(&b);
  return rc;
}

int fs_systemic_rank(fs_session *s, const fs_graph_analysis *an, const fs_systemic_opts *o,
                     fs_graph_risk **out, size_t *nout, fs_err *err) {
  const fs_graph *g = &s->graph;
  fs_config *cfg = fs_malloc(sizeof *cfg);
  size_t cap = (size_t) o->top < an->n ? (size_t) o->top : an->n;
  fs_graph_risk *rows = fs_calloc(cap + 1, sizeof *rows);
  size_t n = 0;
  int rc = cfg && rows ? 0 : fs_err_set(err, FS_ENOMEM, "out of memory for --simulate");
  for (uint32_t k = 0; rc == 0 && k < an->n && (int) n < o->top; k++) {
    uint32_t v = an->rank[k];
    int cat = g->category[v];
    if (cat >= 0 && g->cats[cat].via_fleet) continue; /* agents and OSes crash fleets instead */
    outage_of(cfg, s->sc.cfg, fs_graph_name(g, v), o->outage_hours);
    if ((rc = simulate_one(s, cfg, v, o, &rows[n], err)) == 0) n++;
  }
  free(cfg);
  if (rc != 0) {
    free(rows);
    rows = NULL;
    n = 0;
  } else {
    qsort(rows, n, sizeof *rows, by_loss);
  }
  *out = rows;
  *nout = n;
  return rc;
}
