/* match.c: the portfolio's match to the fleet in summary.json and the
   run's warnings (match.h). */
#include "report/match.h"

#include <math.h>

#include "fleet/fleet.h"
#include "util/ident.h"
#include "util/json.h"

/* Totals of a match. */
typedef struct match_totals {
  size_t n[4], oversize, replaced_orgs, capped, material;
  double replaced, brought, own, beside; /* endpoints */
  double placed, placed_own;             /* of the policies that found a place */
} match_totals;

/* A cap that changes what the policy is: more than twice the organisation
   it replaced (the run warns about these). */
static int material_cap(const fs_fleet_pmatch *m) {
  return m->replaced_orgs > 0 && m->own_n > 2.0 * m->replaced_n;
}

static match_totals totals(const fs_loss_ctx *c) {
  match_totals t = {0};
  const fs_fleet *f = c->f;
  for (size_t i = 0; i < c->pf->n; i++) {
    const fs_fleet_pmatch *m = &f->pmatch[i];
    double n = f->orgs[f->first_policy_org + i].n * f->orgs[f->first_policy_org + i].weight;
    t.n[m->kind]++;
    if (m->kind == FS_MATCH_BESIDE) {
      t.beside += n;
      continue;
    }
    t.oversize += m->oversize;
    t.replaced += m->replaced_n;
    t.replaced_orgs += m->replaced_orgs;
    t.brought += n;
    t.own += m->own_n;
    t.placed += m->replaced_orgs > 0 ? n : 0;
    t.placed_own += m->replaced_orgs > 0 ? m->own_n : 0;
    t.capped += m->replaced_orgs > 0 && m->own_n > m->replaced_n;
    t.material += (size_t) material_cap(m);
  }
  return t;
}

static int wants(const fs_loss_ctx *c) {
  return c->pf && c->pf->n > 0 && c->f->pmatch;
}

void fs_match_summary_json(FILE *f, const fs_loss_ctx *c) {
  if (!wants(c)) return;
  match_totals t = totals(c);
  fprintf(f, ",\n  \"portfolio_match\": {\"calibrated_fleet_endpoints\": ");
  fs_json_num(f, c->f->calibrated_endpoints);
  fprintf(f, ", \"replaced_endpoints\": ");
  fs_json_num(f, t.replaced);
  fprintf(f, ", \"replaced_organisations\": %zu", t.replaced_orgs);
  fprintf(f, ", \"policy_endpoints_own\": ");
  fs_json_num(f, round(t.own));
  fprintf(f, ", \"policy_endpoints_matched\": ");
  fs_json_num(f, round(t.brought));
  fprintf(f, ", \"policy_endpoints_beside\": ");
  fs_json_num(f, round(t.beside));
  fprintf(f, ", \"fleet_growth_endpoints\": ");
  fs_json_num(f, round(c->f->full_endpoints - c->f->calibrated_endpoints));
  fprintf(f, ", \"fleet_growth_share\": ");
  fs_json_num(f,
              c->f->calibrated_endpoints > 0
                  ? (c->f->full_endpoints - c->f->calibrated_endpoints) / c->f->calibrated_endpoints
                  : NAN);
  fprintf(f,
          ",\n    \"policies_in_size_class\": %zu, \"policies_in_other_class\": %zu, "
          "\"policies_without_place\": %zu, \"policies_beside\": %zu, \"policies_oversize\": %zu,"
          " \"policies_capped\": %zu, \"policies_capped_over_twice\": %zu,"
          "\n    \"oversize\": [",
          t.n[FS_MATCH_CLASS], t.n[FS_MATCH_OTHER], t.n[FS_MATCH_NONE], t.n[FS_MATCH_BESIDE],
          t.oversize, t.capped, t.material);
  int shown = 0;
  for (size_t i = 0; i < c->pf->n && shown < 100; i++) {
    const fs_fleet_pmatch *m = &c->f->pmatch[i];
    if (!(m->oversize || material_cap(m)) || m->kind == FS_MATCH_BESIDE) continue;
    fprintf(f, "%s\n      {\"policy\": ", shown++ ? "," : "");
    fs_json_str(f, c->pf->p[i].id);
    const fs_org *o = &c->f->orgs[c->f->first_policy_org + i];
    fprintf(f, ", \"endpoints\": %u, \"simulated_endpoints\": ", m->own_n);
    fs_json_num(f, round(o->n * o->weight));
    fprintf(f, ", \"segment_largest\": %u, \"replaced\": %u, \"replaced_organisations\": %u}",
            m->segment_max, m->replaced_n, m->replaced_orgs);
  }
  fprintf(f, "%s]}", shown ? "\n    " : "");
}

void fs_match_warn(FILE *out, const fs_loss_ctx *c, const char *prog, int max) {
  if (!wants(c)) return;
  const fs_config *cfg = c->s->cfg;
  match_totals t = totals(c);
  int shown = 0;
  for (size_t i = 0; i < c->pf->n; i++) {
    const fs_fleet_pmatch *m = &c->f->pmatch[i];
    if (m->kind == FS_MATCH_BESIDE || !(material_cap(m) || m->kind == FS_MATCH_NONE)) continue;
    if (shown++ >= max) continue;
    const fs_org *o = &c->f->orgs[c->f->first_policy_org + i];
    char id[160];
    fs_ident_show(c->pf->p[i].id, id, sizeof id);
    const char *ind = cfg->industries[o->industry].id, *reg = cfg->regions[o->region].id;
    if (m->kind == FS_MATCH_NONE) { /* larger policies took every place first */
      fprintf(out,
              "%s: warning: policy %s (%u endpoints): the calibrated fleet has no organisation "
              "of %s in %s left to replace (larger policies took them); it comes on top\n",
              prog, id, m->own_n, ind, reg);
      continue;
    }
    fprintf(out,
            "%s: warning: policy %s (%u endpoints) took the place of an organisation of %s in %s "
            "with %u endpoints%s; it runs the agent on %u, the calibrated fleet's size for it\n",
            prog, id, m->own_n, ind, reg, m->replaced_n,
            m->oversize ? " (the largest of its segment, none is its size)" : "", m->replaced_n);
  }
  if (shown > max) fprintf(out, "%s: warning: ... and %d more such policies\n", prog, shown - max);
  if (shown && c->f->calibrated_endpoints > 0)
    fprintf(out,
            "%s: warning: the policies that run the incident's agent and found a place have "
            "%.0f endpoints; the calibrated fleet has room for %.0f of them in their places, so "
            "%zu were capped and the fleet changed by %+.2f %% of its calibrated %.0f "
            "(summary.json portfolio_match; docs/LOSSES.md section 2.2)\n",
            prog, t.placed_own, t.placed, t.capped,
            100 * (c->f->full_endpoints - c->f->calibrated_endpoints) / c->f->calibrated_endpoints,
            c->f->calibrated_endpoints);
}
