/* html_loss_book.c: the loss report's sections about a run's book: by line of cover, industry
 * and region, the largest insureds, loss bands and the wording switches. */
#include "report/html_impl.h"
#include "report/loss_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- by line of cover (cover.csv) */

int fs_loss__section_lines(FILE *f, const fs_loss_doc *doc, const fs_plot *p, fs_err *err) {
  fs_html__section_begin(f, "lines", "By line of cover");
  static const char *const h[] = {"Line of cover",        "Mean ground-up",
                                  "Mean insured",         "Insured share of the ground-up",
                                  "Share of the insured", NULL};
  table t = {f, h, "tnnnn", "data lines", 0};
  double il = 0;
  for (int i = 0; i < doc->nlines; i++) il += doc->line[i].il;
  for (int i = 0; i < doc->nlines; i++) {
    const fs_loss_line *l = &doc->line[i];
    char gu[64], in[64], sh[64], of[64];
    fs_loss__money(gu, sizeof gu, l->gu);
    fs_loss__money(in, sizeof in, l->il);
    fs_loss__pct(sh, sizeof sh, l->share);
    fs_loss__pct(of, sizeof of, il > 0 ? l->il / il : NAN);
    const char *cells[] = {fs_loss__line_name(l->line), gu, in, sh, of};
    fs_html__t_row(&t, cells);
  }
  if (fs_html__t_end(&t))
    fs_html__note(f, "small",
                  "Means over the replications (cover.csv). Own business interruption: the "
                  "insured's lost gross profit; dependent business interruption: the loss from "
                  "a provider's outage; extra expense: incident response and restoration "
                  "labour; data restoration: its own line. Ground-up business interruption is "
                  "before the waiting periods. A policy's payment is split over its lines pro "
                  "rata to what each contributed to the covered loss, so the lines' insured "
                  "sum to the book's.");
  else
    fs_html__note(f, "note",
                  doc->has_cover ? "cover.csv has no rows."
                                 : "Not available: the folder has no cover.csv (a run of an "
                                   "older fleetsim).");
  int rc = fs_html__figure(f, p, "loss-by_line", err);
  fputs("</section>\n", f);
  return rc;
}

/* ---- by industry and region (policies.csv, the industries' summaries) */

/* Indices of g[0..n) by mean insured, descending (ties by key). */
static void order_groups(const fs_loss_group *g, int n, int *ord) {
  for (int i = 0; i < n; i++) ord[i] = i;
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0; j--) {
      const fs_loss_group *a = &g[ord[j - 1]], *b = &g[ord[j]];
      if (a->il > b->il || (a->il == b->il && strcmp(a->key, b->key) <= 0)) break;
      int t = ord[j];
      ord[j] = ord[j - 1];
      ord[j - 1] = t;
    }
}

static void group_table(FILE *f, const fs_loss_doc *doc, const fs_loss_group *g, int n,
                        int industry) {
  static const char *const hi[] = {"Industry",
                                   "Policies",
                                   "Annual revenue",
                                   "Mean ground-up",
                                   "Mean insured",
                                   "Share of the insured",
                                   "Chance of an insured loss",
                                   "Largest insured in a replication",
                                   NULL};
  static const char *const hr[] = {"Region",
                                   "Policies",
                                   "Annual revenue",
                                   "Mean ground-up",
                                   "Mean insured",
                                   "Share of the insured",
                                   NULL};
  table t = {f, industry ? hi : hr, "tnnnnnnn", "data groups", 0};
  int ord[FS_LOSS_MAX_GROUPS];
  order_groups(g, n, ord);
  for (int k = 0; k < n; k++) {
    const fs_loss_group *x = &g[ord[k]];
    if (x->policies == 0) continue;
    char c[7][64];
    fs_html__fmt_int(c[0], sizeof c[0], (double) x->policies);
    fs_loss__money(c[1], sizeof c[1], x->revenue);
    fs_loss__money(c[2], sizeof c[2], x->gu);
    fs_loss__money(c[3], sizeof c[3], x->il);
    fs_loss__pct(c[4], sizeof c[4], doc->pol.il > 0 ? x->il / doc->pol.il : NAN);
    fs_loss__pct(c[5], sizeof c[5], x->il_chance);
    fs_loss__money(c[6], sizeof c[6], x->il_max);
    const char *cells[] = {x->name[0] ? x->name : x->key, c[0], c[1], c[2], c[3], c[4], c[5], c[6]};
    fs_html__t_row(&t, cells);
  }
  if (!fs_html__t_end(&t)) fs_html__note(f, "note", "policies.csv lists no policies.");
}

int fs_loss__section_groups(FILE *f, const fs_loss_doc *doc, const fs_plot *p, fs_err *err) {
  fs_html__section_begin(f, "groups", "By industry and region");
  fs_html__heading(f, "Industries");
  group_table(f, doc, doc->pol.ind, doc->pol.nind, 1);
  fs_html__note(f, "small",
                "Policies, revenue and mean losses summed over the policies of each industry "
                "(policies.csv); the chance of an insured loss and the largest insured loss of "
                "a replication are those of the industry's insured summary "
                "(summary_info.csv key PORTFOLIO/industry, melt.csv).");
  int rc = fs_html__figure(f, p, "loss-industry", err);
  fs_html__heading(f, "Regions");
  group_table(f, doc, doc->pol.reg, doc->pol.nreg, 0);
  fs_html__note(f, "small", "Sums over the policies of each region (policies.csv).");
  fputs("</section>\n", f);
  return rc;
}

/* ---- the largest insureds (policies.csv) */

void fs_loss__section_largest(FILE *f, const fs_loss_doc *doc) {
  const fs_loss_policies *pol = &doc->pol;
  char title[96];
  snprintf(title, sizeof title, "The %d largest insureds", FS_LOSS_TOP);
  fs_html__section_begin(f, "largest", title);
  static const char *const h[] = {
      "Policy",         "Name",         "Industry, region", "Annual revenue",    "Mean downtime",
      "Mean ground-up", "Mean insured", "Largest insured",  "Share of the book", NULL};
  table t = {f, h, "tttnnnnnn", "data policies", 0};
  for (int i = 0; i < pol->ntop; i++) {
    const fs_loss_policy *x = &pol->top[i];
    if (!(x->il > 0)) break;
    char c[6][64], where[2 * FS_LOSS_ID_MAX + 4];
    snprintf(where, sizeof where, "%s, %s", x->industry, x->region);
    fs_loss__money(c[0], sizeof c[0], x->revenue);
    fs_html__fmt_hours(c[1], sizeof c[1], x->downtime);
    fs_loss__money(c[2], sizeof c[2], x->gu);
    fs_loss__money(c[3], sizeof c[3], x->il);
    fs_loss__money(c[4], sizeof c[4], x->maxil);
    fs_loss__pct(c[5], sizeof c[5], pol->il > 0 ? x->il / pol->il : NAN);
    const char *cells[] = {x->id, x->name, where, c[0], c[1], c[2], c[3], c[4], c[5]};
    fs_html__t_row(&t, cells);
  }
  if (fs_html__t_end(&t))
    fs_html__note(f, "small",
                  "The policies with the largest mean insured loss over the replications "
                  "(policies.csv MeanInsuredUSD), ties in file order. Mean downtime: hours with "
                  "capacity below 95 %; largest insured: the largest of any replication; share "
                  "of the book: of the sum of the policies' mean insured losses.");
  else
    fs_html__note(f, "note", "No policy has an insured loss in this run.");
  fputs("</section>\n", f);
}

/* ---- loss bands */

void fs_loss__section_bands(FILE *f, const fs_loss_doc *doc) {
  const fs_loss_policies *pol = &doc->pol;
  fs_html__section_begin(f, "bands", "Policies by loss band");
  static const char *const h[] = {"Mean insured loss",     "Policies",
                                  "Share of the policies", "Sum of mean insured",
                                  "Share of the insured",  NULL};
  table t = {f, h, "tnnnn", "data bands", 0};
  for (int b = 0; b < FS_LOSS_NBANDS; b++) {
    char c[4][64];
    fs_html__fmt_int(c[0], sizeof c[0], (double) pol->band[b].n);
    fs_loss__pct(c[1], sizeof c[1], pol->n ? (double) pol->band[b].n / (double) pol->n : NAN);
    fs_loss__money(c[2], sizeof c[2], pol->band[b].il);
    fs_loss__pct(c[3], sizeof c[3], pol->il > 0 ? pol->band[b].il / pol->il : NAN);
    const char *cells[] = {fs_loss__band_name[b], c[0], c[1], c[2], c[3]};
    fs_html__t_row(&t, cells);
  }
  char a[64], msg[400];
  fs_html__fmt_int(a, sizeof a, (double) pol->n);
  snprintf(msg, sizeof msg,
           "The %s policies of policies.csv by their mean insured loss over the replications "
           "(MeanInsuredUSD); each band includes its lower end. Bands in money, not relative "
           "to the policies' limits: policies.csv does not carry the limits.",
           a);
  if (fs_html__t_end(&t)) fs_html__note(f, "small", msg);
  fputs("</section>\n", f);
}

/* ---- wording switches (wordings.csv) */

int fs_loss__section_wordings(FILE *f, const fs_loss_doc *doc, const fs_plot *p, fs_err *err) {
  fs_html__section_begin(f, "wordings", "Wording switches");
  static const char *const h[] = {
      "Switch", "What it does", "Mean insured", "SD across replications", "Change", "Change (%)",
      NULL};
  table t = {f, h, "ttnnnn", "data wordings", 0};
  for (int i = 0; i < doc->nw; i++) {
    const fs_loss_wording *w = &doc->w[i];
    char c[4][64];
    fs_loss__money(c[0], sizeof c[0], w->mean);
    fs_loss__money(c[1], sizeof c[1], w->sd);
    fs_loss__money(c[2], sizeof c[2], w->change);
    c[3][0] = '\0';
    if (isfinite(w->pct)) snprintf(c[3], sizeof c[3], "%+.1f %%", w->pct);
    const char *cells[] = {w->id, w->desc, c[0], c[1], c[2], c[3]};
    fs_html__t_row(&t, cells);
  }
  if (fs_html__t_end(&t))
    fs_html__note(f, "small",
                  "The book's insured loss with one wording switch applied to every policy, "
                  "against the book as written (the first row), on the same replications "
                  "(common random numbers: the change is the wording's, not sampling noise). "
                  "From wordings.csv; docs/LOSSES.md, section 3, gives the financial terms.");
  else
    fs_html__note(f, "note",
                  doc->has_wordings ? "wordings.csv has no rows."
                                    : "Not available: the folder has no wordings.csv (a run "
                                      "of an older fleetsim).");
  int rc = fs_html__figure(f, p, "loss-wordings", err);
  fputs("</section>\n", f);
  return rc;
}
