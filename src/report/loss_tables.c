/* loss_tables.c: the loss report's inputs, every row checked: policies.csv streamed into totals,
 * groups and bands, the summaries of the portfolio, cover, wordings, layers and EP curves. */
#include "report/loss_impl.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/plot_impl.h"
#include "util/alloc.h"
#include "util/csv.h"
#include "util/manifest.h"
#include "util/path.h"

const double fs_loss__band_lo[FS_LOSS_NBANDS] = {0, 0, 1e5, 1e6, 1e7};
const char *const fs_loss__band_name[FS_LOSS_NBANDS] = {"no insured loss", "under USD 100,000",
                                                        "USD 100,000 to 1 m", "USD 1 m to 10 m",
                                                        "USD 10 m and more"};

/* ---- one table: its columns found, then a callback per record */

typedef int row_fn(void *ctx, const fs_csv *c, const long *col, fs_err *err);

/* Reads dir/file, each record through row with the indices of cols[0..n)
   in col. 1 when the file is not there. A missing column is "PATH:1:
   missing column NAME (expected A,B,...)". */
static int read_table(const char *dir, const char *file, const char *const *cols, int n,
                      row_fn *row, void *ctx, fs_err *err) {
  char path[FS_PATH_MAX];
  int rc = fs_plot__input(dir, file, path, sizeof path, err);
  if (rc != 0) return rc;
  fs_csv *c;
  if ((rc = fs_plot__csv(&c, path, err)) != 0) return rc;
  long col[24];
  for (int k = 0; k < n && rc == 0; k++) {
    if ((col[k] = fs_csv_find(c, cols[k])) >= 0) continue;
    char want[512] = "";
    size_t o = 0;
    for (int j = 0; j < n && o + 40 < sizeof want; j++)
      o += (size_t) snprintf(want + o, sizeof want - o, "%s%s", j ? "," : "", cols[j]);
    rc = fs_err_set(err, FS_EINVAL, "%s:1: missing column %s (expected %s)", path, cols[k], want);
  }
  while (rc == 0 && (rc = fs_csv_next(c, err)) == 1) rc = row(ctx, c, col, err);
  fs_csv_close(c);
  return rc < 0 ? rc : 0;
}

/* Field col as text into dst (cap bytes with the NUL): fs_csv_text (the
   quote fs_csv_put puts before a formula-like value dropped). */
static int text(const fs_csv *c, long col, char *dst, size_t cap, fs_err *err) {
  const char *v = fs_csv_text(c, (size_t) col);
  if (strlen(v) >= cap)
    return fs_csv_fail(c, (size_t) col, err, FS_ELIMIT, "longer than %zu bytes", cap - 1);
  memcpy(dst, v, strlen(v) + 1);
  return 0;
}

/* A SummaryId: a whole number from 1 to 2^31-1. */
static int summary_id(const fs_csv *c, long col, int *id, fs_err *err) {
  double v;
  int rc = fs_csv_number(c, (size_t) col, FS_CSV_POSITIVE | FS_CSV_WHOLE, &v, err);
  if (rc == 0 && v > 2147483647.0)
    rc = fs_csv_fail(c, (size_t) col, err, FS_EINVAL, "a SummaryId above 2147483647");
  if (rc == 0) *id = (int) v;
  return rc;
}

/* A number that may be blank (NAN then). */
static int opt_num(const fs_csv *c, long col, unsigned flags, double *out, fs_err *err) {
  *out = NAN;
  int rc = fs_csv_number(c, (size_t) col, flags | FS_CSV_OPTIONAL, out, err);
  return rc < 0 ? rc : 0;
}

/* The perspective and portfolio of SummaryId id: *pf its index, the
   return its perspective, -1 when id is none of doc's. */
static int persp_of(const fs_loss_doc *doc, int id, int *pf) {
  for (int k = 0; k < doc->npf; k++)
    for (int j = 0; j < FS_LOSS_NPERSP; j++)
      if (doc->pf[k].id[j] == id) {
        *pf = k;
        return j;
      }
  return -1;
}

/* ---- policies.csv */

enum { P_ID, P_NAME, P_IND, P_REG, P_REV, P_COL, P_DOWN, P_GU, P_IL, P_MAX, P_NCOLS };
static const char *const policy_cols[P_NCOLS] = {
    "PolicyId",         "Name",         "Industry",          "Region",
    "AnnualRevenueUSD", "ChanceOfLoss", "MeanDowntimeHours", "MeanGroundUpUSD",
    "MeanInsuredUSD",   "MaxInsuredUSD"};

/* The group called key in g[0..*n), added when new. */
static int group_of(const fs_csv *c, long col, fs_loss_group *g, int *n, const char *key,
                    fs_loss_group **out, fs_err *err) {
  for (int i = 0; i < *n; i++)
    if (strcmp(g[i].key, key) == 0) {
      *out = &g[i];
      return 0;
    }
  if (*n == FS_LOSS_MAX_GROUPS)
    return fs_csv_fail(c, (size_t) col, err, FS_ELIMIT, "more than %d distinct values",
                       FS_LOSS_MAX_GROUPS);
  *out = &g[(*n)++];
  memset(*out, 0, sizeof **out);
  snprintf((*out)->key, sizeof(*out)->key, "%s", key);
  (*out)->il_chance = (*out)->il_max = NAN;
  return 0;
}

static void group_add(fs_loss_group *g, const fs_loss_policy *x) {
  g->policies++;
  g->revenue += x->revenue;
  g->gu += x->gu;
  g->il += x->il;
}

/* top[0..ntop) stays sorted by mean insured, descending, and a policy
   goes after those with the same loss (ties in file order). */
static void top_add(fs_loss_policies *pol, const fs_loss_policy *x) {
  assert(pol->ntop >= 0 && pol->ntop <= FS_LOSS_TOP);
  int pos = pol->ntop;
  while (pos > 0 && pol->top[pos - 1].il < x->il) pos--;
  if (pos >= FS_LOSS_TOP) return;
  int last = pol->ntop < FS_LOSS_TOP ? pol->ntop : FS_LOSS_TOP - 1;
  memmove(&pol->top[pos + 1], &pol->top[pos], (size_t) (last - pos) * sizeof pol->top[0]);
  pol->top[pos] = *x;
  if (pol->ntop < FS_LOSS_TOP) pol->ntop++;
  assert(pos == 0 || pol->top[pos - 1].il >= x->il);
  assert(pos + 1 == pol->ntop || pol->top[pos + 1].il <= x->il);
}

static int policy_row(void *ctx, const fs_csv *c, const long *col, fs_err *err) {
  fs_loss_policies *pol = ctx;
  fs_loss_policy x;
  memset(&x, 0, sizeof x);
  int rc = text(c, col[P_ID], x.id, sizeof x.id, err);
  if (rc == 0) rc = text(c, col[P_NAME], x.name, sizeof x.name, err);
  if (rc == 0) rc = text(c, col[P_IND], x.industry, sizeof x.industry, err);
  if (rc == 0) rc = text(c, col[P_REG], x.region, sizeof x.region, err);
  double *num[] = {&x.revenue, &x.col, &x.downtime, &x.gu, &x.il, &x.maxil};
  for (int k = 0; k < 6 && rc == 0; k++)
    rc = fs_csv_number(c, (size_t) col[P_REV + k], k == 1 ? FS_CSV_UNIT : FS_CSV_NONNEG, num[k],
                       err);
  if (rc == 0 && x.il > x.maxil * (1 + 1e-9) + 0.01)
    rc = fs_csv_fail(c, (size_t) col[P_IL], err, FS_EINVAL,
                     "a mean insured loss above the largest (%.2f > %.2f)", x.il, x.maxil);
  fs_loss_group *gi = NULL, *gr = NULL;
  if (rc == 0) rc = group_of(c, col[P_IND], pol->ind, &pol->nind, x.industry, &gi, err);
  if (rc == 0) rc = group_of(c, col[P_REG], pol->reg, &pol->nreg, x.region, &gr, err);
  if (rc != 0) return rc;
  group_add(gi, &x);
  group_add(gr, &x);
  pol->n++;
  pol->nloss += x.col > 0;
  pol->ninsured += x.il > 0;
  pol->revenue += x.revenue;
  pol->gu += x.gu;
  pol->il += x.il;
  int b = FS_LOSS_NBANDS - 1;
  while (b > 0 && !(x.il >= fs_loss__band_lo[b] && (b > 1 || x.il > 0))) b--;
  assert(b >= 0 && b < FS_LOSS_NBANDS && x.il >= fs_loss__band_lo[b]);
  pol->band[b].n++;
  pol->band[b].il += x.il;
  top_add(pol, &x);
  return 0;
}

/* ---- summary_info.csv (run folders) */

enum { S_ID, S_PERSP, S_LEVEL, S_KEY, S_NAME, S_NCOLS };
static const char *const info_cols[S_NCOLS] = {"SummaryId", "Perspective", "Level", "Key", "Name"};

/* Keeps the portfolio's totals (Level portfolio) and its industries' insured
   summaries (Level industry, Key "PORTFOLIO/industry"), with their names. */
static int info_row(void *ctx, const fs_csv *c, const long *col, fs_err *err) {
  fs_loss_doc *doc = ctx;
  const char *level = fs_csv_field(c, (size_t) col[S_LEVEL]);
  const char *persp = fs_csv_field(c, (size_t) col[S_PERSP]);
  const char *key = fs_csv_text(c, (size_t) col[S_KEY]);
  int j = strcmp(persp, "gul") == 0  ? FS_LOSS_GUL
          : strcmp(persp, "il") == 0 ? FS_LOSS_IL
          : strcmp(persp, "ri") == 0 ? FS_LOSS_RI
                                     : -1;
  if (j < 0)
    return fs_csv_fail(c, (size_t) col[S_PERSP], err, FS_EINVAL,
                       "unknown perspective \"%.40s\" (expected gul, il or ri)", persp);
  int id, rc = summary_id(c, col[S_ID], &id, err);
  if (rc != 0) return rc;
  fs_loss_pf *pf = &doc->pf[0];
  if (strcmp(level, "portfolio") == 0 && !pf->id[j]) {
    pf->id[j] = id;
    if (!pf->name[0]) rc = text(c, col[S_KEY], pf->name, sizeof pf->name, err);
    return rc;
  }
  const char *slash = strchr(key, '/');
  if (strcmp(level, "industry") != 0 || !slash || j != FS_LOSS_IL) return 0;
  fs_loss_group *g;
  fs_loss_policies *pol = &doc->pol;
  if ((rc = group_of(c, col[S_KEY], pol->ind, &pol->nind, slash + 1, &g, err)) != 0) return rc;
  g->il_id = id;
  return text(c, col[S_NAME], g->name, sizeof g->name, err);
}

/* ---- melt.csv, quantiles.csv, alt.csv */

enum { M_ID, M_CHANCE, M_MEAN, M_SD, M_MAX, M_NCOLS };
static const char *const melt_cols[M_NCOLS] = {"SummaryId", "ChanceOfLoss", "MeanLoss", "SDLoss",
                                               "MaxLoss"};

static int melt_row(void *ctx, const fs_csv *c, const long *col, fs_err *err) {
  fs_loss_doc *doc = ctx;
  int id, k, rc = summary_id(c, col[M_ID], &id, err);
  if (rc != 0) return rc;
  double v[4];
  for (int i = 0; i < 4 && rc == 0; i++)
    rc = fs_csv_number(c, (size_t) col[M_CHANCE + i], i == 0 ? FS_CSV_UNIT : FS_CSV_NONNEG, &v[i],
                       err);
  if (rc != 0) return rc;
  int j = persp_of(doc, id, &k);
  if (j >= 0) {
    fs_loss_stats *s = &doc->pf[k].st[j];
    s->chance = v[0], s->mean = v[1], s->sd = v[2], s->max = v[3];
  }
  for (int i = 0; i < doc->pol.nind; i++)
    if (doc->pol.ind[i].il_id == id)
      doc->pol.ind[i].il_chance = v[0], doc->pol.ind[i].il_max = v[3];
  return 0;
}

enum { Q_ID, Q_Q, Q_LOSS, Q_NCOLS };
static const char *const quant_cols[Q_NCOLS] = {"SummaryId", "Quantile", "Loss"};

static int quant_row(void *ctx, const fs_csv *c, const long *col, fs_err *err) {
  fs_loss_doc *doc = ctx;
  int id, k, rc = summary_id(c, col[Q_ID], &id, err);
  double q, loss;
  if (rc == 0) rc = fs_csv_number(c, (size_t) col[Q_Q], FS_CSV_UNIT, &q, err);
  if (rc == 0) rc = fs_csv_number(c, (size_t) col[Q_LOSS], FS_CSV_NONNEG, &loss, err);
  if (rc != 0) return rc;
  int j = persp_of(doc, id, &k);
  if (j < 0) return 0;
  fs_loss_stats *s = &doc->pf[k].st[j];
  double *dst = fabs(q - 0.05) < 1e-9   ? &s->q5
                : fabs(q - 0.5) < 1e-9  ? &s->q50
                : fabs(q - 0.95) < 1e-9 ? &s->q95
                : fabs(q - 0.99) < 1e-9 ? &s->q99
                                        : NULL;
  if (dst) *dst = loss;
  return 0;
}

enum { A_ID, A_TYPE, A_MEAN, A_NCOLS };
static const char *const alt_cols[A_NCOLS] = {"SummaryId", "SampleType", "MeanLoss"};

/* alt.csv or ri_alt.csv: the sample AAL (SampleType 2). */
static int alt_row(void *ctx, const fs_csv *c, const long *col, fs_err *err) {
  fs_loss_doc *doc = ctx;
  int id, k, rc = summary_id(c, col[A_ID], &id, err);
  double type, mean;
  if (rc == 0)
    rc = fs_csv_number(c, (size_t) col[A_TYPE], FS_CSV_WHOLE | FS_CSV_POSITIVE, &type, err);
  if (rc == 0 && type != 1 && type != 2)
    rc = fs_csv_fail(c, (size_t) col[A_TYPE], err, FS_EINVAL, "expected 1 or 2");
  if (rc == 0) rc = fs_csv_number(c, (size_t) col[A_MEAN], FS_CSV_NONNEG, &mean, err);
  if (rc != 0) return rc;
  int j = persp_of(doc, id, &k);
  if (j >= 0 && type == 2) doc->pf[k].st[j].aal = mean;
  return 0;
}

/* ---- cover.csv, wordings.csv */

static int cover_row(void *ctx, const fs_csv *c, const long *col, fs_err *err) {
  fs_loss_doc *doc = ctx;
  if (doc->nlines == FS_LOSS_MAX_LINES)
    return fs_csv_fail(c, (size_t) col[0], err, FS_ELIMIT, "more than %d lines of cover",
                       FS_LOSS_MAX_LINES);
  fs_loss_line *l = &doc->line[doc->nlines];
  int rc = text(c, col[0], l->line, sizeof l->line, err);
  if (rc == 0) rc = fs_csv_number(c, (size_t) col[1], FS_CSV_NONNEG, &l->gu, err);
  if (rc == 0) rc = fs_csv_number(c, (size_t) col[2], FS_CSV_NONNEG, &l->il, err);
  if (rc == 0) rc = opt_num(c, col[3], FS_CSV_UNIT, &l->share, err);
  if (rc == 0) doc->nlines++;
  return rc;
}

static int wording_row(void *ctx, const fs_csv *c, const long *col, fs_err *err) {
  fs_loss_doc *doc = ctx;
  if (doc->nw == FS_LOSS_MAX_WORD)
    return fs_csv_fail(c, (size_t) col[0], err, FS_ELIMIT, "more than %d wordings",
                       FS_LOSS_MAX_WORD);
  fs_loss_wording *w = &doc->w[doc->nw];
  int rc = text(c, col[0], w->id, sizeof w->id, err);
  if (rc == 0) rc = text(c, col[1], w->desc, sizeof w->desc, err);
  if (rc == 0) rc = fs_csv_number(c, (size_t) col[2], FS_CSV_NONNEG, &w->mean, err);
  if (rc == 0) rc = fs_csv_number(c, (size_t) col[3], FS_CSV_NONNEG, &w->sd, err);
  if (rc == 0) rc = fs_csv_number(c, (size_t) col[4], 0, &w->change, err);
  if (rc == 0) rc = opt_num(c, col[5], 0, &w->pct, err);
  if (rc == 0) doc->nw++;
  return rc;
}

/* ---- ri_layers.csv: a run's (the event alone too) or a catalogue
   run's (a SummaryId first) */

enum {
  L_NAME,
  L_KIND,
  L_SHARE,
  L_ATT,
  L_LIM,
  L_REIN,
  L_HOURS,
  L_EL,
  L_PA,
  L_PE,
  L_EM,
  L_EA,
  L_EE,
  L_NCOLS
};
static const char *const layer_cols[L_NCOLS + 1] = {"Layer",
                                                    "Kind",
                                                    "Share",
                                                    "Attachment",
                                                    "Limit",
                                                    "Reinstatements",
                                                    "Hours",
                                                    "ExpectedLoss",
                                                    "ProbAttach",
                                                    "ProbExhaust",
                                                    "EventMeanRecovery",
                                                    "EventProbAttach",
                                                    "EventProbExhaust",
                                                    "SummaryId"};

static int layer_row(void *ctx, const fs_csv *c, const long *col, fs_err *err) {
  fs_loss_doc *doc = ctx;
  int k = 0, rc = 0;
  if (doc->catalog) { /* the SummaryId comes last in the column list */
    int id;
    if ((rc = summary_id(c, col[L_EM], &id, err)) != 0) return rc;
    if (persp_of(doc, id, &k) != FS_LOSS_RI)
      return fs_csv_fail(c, (size_t) col[L_EM], err, FS_EINVAL,
                         "SummaryId %d is no portfolio's net summary in manifest.json "
                         "\"reinsurance\"",
                         id);
  }
  fs_loss_pf *pf = &doc->pf[k];
  if (pf->nlayers == FS_LOSS_MAX_LAYERS)
    return fs_csv_fail(c, (size_t) col[L_NAME], err, FS_ELIMIT, "more than %d layers",
                       FS_LOSS_MAX_LAYERS);
  fs_loss_layer *l = &pf->layer[pf->nlayers];
  rc = text(c, col[L_NAME], l->name, sizeof l->name, err);
  if (rc == 0) rc = text(c, col[L_KIND], l->kind, sizeof l->kind, err);
  double *v[] = {&l->share,    &l->attach,    &l->limit,   &l->reinst,    &l->hours,     &l->el,
                 &l->p_attach, &l->p_exhaust, &l->ev_mean, &l->ev_attach, &l->ev_exhaust};
  static const unsigned flags[] = {FS_CSV_UNIT,   FS_CSV_NONNEG, FS_CSV_NONNEG, FS_CSV_NONNEG,
                                   FS_CSV_NONNEG, FS_CSV_NONNEG, FS_CSV_UNIT,   FS_CSV_UNIT,
                                   FS_CSV_NONNEG, FS_CSV_UNIT,   FS_CSV_UNIT};
  int nv = doc->catalog ? L_PE - L_SHARE + 1 : L_NCOLS - L_SHARE;
  for (int i = 0; i < 11; i++) *v[i] = NAN;
  for (int i = 0; i < nv && rc == 0; i++) rc = opt_num(c, col[L_SHARE + i], flags[i], v[i], err);
  if (rc == 0) pf->nlayers++;
  return rc;
}

/* ---- the folders */

static int no_portfolio(const fs_loss_doc *doc, const char *why, fs_err *err) {
  return fs_err_set(err, FS_EINVAL,
                    "%s: no portfolio in this %s folder (%s): the loss report needs %s", doc->dir,
                    doc->catalog ? "catalogue run" : "run", why,
                    doc->catalog ? "'fleetsim catalog run' with --portfolio FILE (and optionally "
                                   "--reinsurance FILE)"
                                 : "'fleetsim run' with --portfolio FILE (and optionally "
                                   "--reinsurance FILE)");
}

/* The curves of doc's portfolios from dir/file (ept.csv, ri_ept.csv):
   those of perspectives [j0, j1]. 1 when the file is not there. */
static int read_curves(fs_loss_doc *doc, const char *file, int j0, int j1, fs_err *err) {
  char path[FS_PATH_MAX];
  int rc = fs_plot__input(doc->dir, file, path, sizeof path, err);
  if (rc != 0) return rc;
  int ids[FS_LOSS_MAX_PF * FS_LOSS_NPERSP];
  fs_ep_curve *out[FS_LOSS_MAX_PF * FS_LOSS_NPERSP];
  int n = 0;
  for (int k = 0; k < doc->npf; k++)
    for (int j = j0; j <= j1; j++)
      if (doc->pf[k].id[j]) ids[n] = doc->pf[k].id[j], out[n++] = &doc->pf[k].ep[j];
  if (n == 0) return 0;
  fs_ep_curve *ep = fs_calloc((size_t) n, sizeof *ep);
  if (!ep) return fs_err_set(err, FS_ENOMEM, "%s: out of memory", path);
  rc = fs_plot_read_ep(path, ids, n, ep, err);
  for (int i = 0; i < n && rc == 0; i++) *out[i] = ep[i];
  free(ep);
  return rc;
}

static void stats_init(fs_loss_doc *doc) {
  for (int k = 0; k < FS_LOSS_MAX_PF; k++)
    for (int j = 0; j < FS_LOSS_NPERSP; j++) {
      fs_loss_stats *s = &doc->pf[k].st[j];
      s->mean = s->sd = s->max = s->chance = s->q5 = s->q50 = s->q95 = s->q99 = s->aal = NAN;
    }
}

static int load_run(fs_loss_doc *doc, fs_err *err) {
  const char *dir = doc->dir;
  doc->pfj = fs_jread_path(doc->summary, "loss.portfolio");
  if (!doc->pfj || doc->pfj->kind != FS_JOBJ)
    return no_portfolio(doc, "summary.json has no loss.portfolio", err);
  doc->npf = 1;
  doc->annual_rate = fs_jread_num(fs_jread_path(doc->summary, "loss.annual_rate"), NAN);
  fs_loss_pf *pf = &doc->pf[0];
  snprintf(pf->file, sizeof pf->file, "%s", fs_manifest_input_path(doc->manifest, "portfolio", ""));
  snprintf(pf->programme, sizeof pf->programme, "%s",
           fs_jread_str(fs_jread_path(doc->pfj, "reinsurance.programme"), ""));
  int rc = read_table(dir, "summary_info.csv", info_cols, S_NCOLS, info_row, doc, err);
  if (rc == 1 || (rc == 0 && (!pf->id[FS_LOSS_GUL] || !pf->id[FS_LOSS_IL])))
    return no_portfolio(doc, "summary_info.csv has no portfolio summaries", err);
  if (rc == 0)
    rc = read_table(dir, "policies.csv", policy_cols, P_NCOLS, policy_row, &doc->pol, err);
  if (rc == 1) return no_portfolio(doc, "no policies.csv", err);
  if (rc == 0) rc = read_table(dir, "melt.csv", melt_cols, M_NCOLS, melt_row, doc, err);
  if (rc >= 0) rc = read_table(dir, "quantiles.csv", quant_cols, Q_NCOLS, quant_row, doc, err);
  if (rc >= 0) rc = read_table(dir, "alt.csv", alt_cols, A_NCOLS, alt_row, doc, err);
  if (rc >= 0) {
    rc = read_curves(doc, "ept.csv", FS_LOSS_GUL, FS_LOSS_RI, err);
    doc->has_ept = rc == 0;
  }
  static const char *const cover_cols[] = {"Line", "GroundUpMean", "InsuredMean", "InsuredShare"};
  static const char *const word_cols[] = {"Wording",   "Description", "MeanInsured",
                                          "SDInsured", "ChangeUSD",   "ChangePct"};
  if (rc >= 0) {
    rc = read_table(dir, "cover.csv", cover_cols, 4, cover_row, doc, err);
    doc->has_cover = rc == 0;
  }
  if (rc >= 0) {
    rc = read_table(dir, "wordings.csv", word_cols, 6, wording_row, doc, err);
    doc->has_wordings = rc == 0;
  }
  if (rc >= 0) {
    rc = read_table(dir, "ri_layers.csv", layer_cols, L_NCOLS, layer_row, doc, err);
    pf->has_layers = rc == 0;
  }
  return rc < 0 ? rc : 0;
}

/* "models/portfolios/x.csv" -> "x". */
static void base_name(char *buf, size_t cap, const char *path) {
  const char *b = strrchr(path, '/');
  b = b ? b + 1 : path;
  size_t n = strlen(b);
  if (n > 4 && strcmp(b + n - 4, ".csv") == 0) n -= 4;
  snprintf(buf, cap, "%.*s", (int) (n < cap ? n : cap - 1), b);
}

/* The portfolios of a catalogue run: the manifest's "portfolio" inputs in
   order, summaries 3 + 2k (ground-up) and 4 + 2k (insured) of "summaries",
   and the net summaries of "reinsurance". */
static int cat_portfolios(fs_loss_doc *doc, const char *mpath, fs_err *err) {
  const fs_jval *in = fs_jread_get(doc->manifest, "inputs");
  for (size_t i = 0; in && in->kind == FS_JARR && i < in->n; i++) {
    const fs_jval *e = &in->items[i];
    if (strcmp(fs_jread_str(fs_jread_get(e, "role"), ""), "portfolio") != 0) continue;
    if (doc->npf == FS_LOSS_MAX_PF)
      return fs_err_set(err, FS_ELIMIT, "%s: more than %d portfolios", mpath, FS_LOSS_MAX_PF);
    fs_loss_pf *pf = &doc->pf[doc->npf];
    snprintf(pf->file, sizeof pf->file, "%s", fs_jread_str(fs_jread_get(e, "path"), "?"));
    base_name(pf->name, sizeof pf->name, pf->file);
    for (int j = FS_LOSS_GUL; j <= FS_LOSS_IL; j++) {
      pf->id[j] = 3 + 2 * doc->npf + j;
      if (fs_plot_cat_index(&doc->sums, pf->id[j]) < 0)
        return fs_err_set(
            err, FS_EINVAL, "%s: \"summaries\" has no SummaryId %d (the %s of portfolio %d, %s)",
            mpath, pf->id[j], j ? "insured loss" : "ground-up loss", doc->npf + 1, pf->file);
    }
    doc->npf++;
  }
  if (doc->npf == 0) return no_portfolio(doc, "manifest.json lists no portfolio input", err);
  const fs_jval *ri = fs_jread_get(doc->manifest, "reinsurance");
  for (size_t i = 0; ri && ri->kind == FS_JARR && i < ri->n; i++) {
    double id = fs_jread_num(fs_jread_get(&ri->items[i], "SummaryId"), NAN);
    double k = id - 3 - 2 * doc->npf;
    if (!(k >= 0 && k < doc->npf && k == floor(k)))
      return fs_err_set(err, FS_EINVAL,
                        "%s: \"reinsurance\" item %zu: \"SummaryId\": expected %d to %d (3 + 2 x "
                        "portfolios + the portfolio's index)",
                        mpath, i + 1, 3 + 2 * doc->npf, 2 + 3 * doc->npf);
    fs_loss_pf *pf = &doc->pf[(int) k];
    pf->id[FS_LOSS_RI] = (int) id;
    snprintf(pf->programme, sizeof pf->programme, "%s",
             fs_jread_str(fs_jread_get(&ri->items[i], "programme"), "?"));
  }
  return 0;
}

static int load_catalog(fs_loss_doc *doc, fs_err *err) {
  char mpath[FS_PATH_MAX];
  int rc = fs_path_join(mpath, sizeof mpath, doc->dir, "manifest.json", err);
  if (rc == 0) rc = fs_plot_cat_summaries(doc->manifest, mpath, &doc->sums, err);
  if (rc == 0) rc = cat_portfolios(doc, mpath, err);
  if (rc == 0) rc = read_table(doc->dir, "alt.csv", alt_cols, A_NCOLS, alt_row, doc, err);
  if (rc >= 0) rc = read_table(doc->dir, "ri_alt.csv", alt_cols, A_NCOLS, alt_row, doc, err);
  if (rc >= 0) {
    rc = read_curves(doc, "ept.csv", FS_LOSS_GUL, FS_LOSS_IL, err);
    doc->has_ept = rc == 0;
  }
  if (rc >= 0) rc = read_curves(doc, "ri_ept.csv", FS_LOSS_RI, FS_LOSS_RI, err);
  if (rc >= 0) {
    /* The catalogue's layer table: a SummaryId, then a run's columns up to
       ProbExhaust (no event alone); layer_row reads the SummaryId from the
       slot of EventMeanRecovery. */
    static const char *const cols[] = {"Layer",      "Kind",           "Share",    "Attachment",
                                       "Limit",      "Reinstatements", "Hours",    "ExpectedLoss",
                                       "ProbAttach", "ProbExhaust",    "SummaryId"};
    rc = read_table(doc->dir, "ri_layers.csv", cols, 11, layer_row, doc, err);
    for (int k = 0; k < doc->npf; k++) doc->pf[k].has_layers = rc == 0;
  }
  if (rc >= 0) {
    rc = fs_plot_cat_read(doc->dir, FS_CAT_ACCUMULATION, &doc->sums, &doc->acc, err);
    doc->has_acc = rc == 0;
  }
  return rc < 0 ? rc : 0;
}

int fs_loss__load(fs_loss_doc *doc, fs_err *err) {
  stats_init(doc);
  doc->annual_rate = NAN;
  return doc->catalog ? load_catalog(doc, err) : load_run(doc, err);
}

void fs_loss__free(fs_loss_doc *doc) {
  fs_plot_cat_table_free(&doc->acc);
}

/* ---- names */

const char *fs_loss__line_name(const char *line) {
  static const char *const names[][2] = {
      {"own_bi", "Own business interruption"},
      {"dependent_bi", "Dependent (contingent) business interruption"},
      {"extra_expense", "Extra expense and incident response"},
      {"data_restoration", "Data restoration"}};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcmp(line, names[i][0]) == 0) return names[i][1];
  return line;
}

const char *fs_loss__kind_name(const char *kind) {
  static const char *const names[][2] = {{"quota_share", "quota share"},
                                         {"per_risk", "per-risk XL"},
                                         {"cat", "catastrophe XL (per event)"},
                                         {"aggregate", "aggregate XL (stop loss)"}};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcmp(kind, names[i][0]) == 0) return names[i][1];
  return kind;
}

double fs_loss__ep_at(const fs_ep_curve *e, double rp, int aep) {
  for (int k = 0; k < e->n; k++)
    if (e->rp[k] == rp) return aep ? e->aep[k] : e->oep[k];
  return NAN;
}
