/* html_loss.c: loss_report.html: headline gross and net, reinsurance by layer, EP curves gross and
 * net, assumptions with their sources; the page written whole or not at all. */
#include "report/html_impl.h"
#include "report/loss_impl.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/plot_impl.h"
#include "util/manifest.h"
#include "util/path.h"

/* Rules the loss page adds to the run report's style sheet. */
static const char loss_css[] =
    ".grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:0 24px}\n"
    "thead th.n{white-space:normal}\n"
    "table.headline td,table.layers td,table.ep td{white-space:nowrap}\n"
    "table.layers th,table.layers td,table.policies th,table.policies td,table.groups th,"
    "table.groups td{font-size:12.5px;padding:3px 7px}\n"
    "table.policies td:nth-child(2),table.policies td:nth-child(3),table.layers "
    "td:nth-child(2){white-space:normal}\n"
    "table.wordings td:nth-child(2){font-size:13px;color:#39404d}\n"
    "dl.small dt{margin-top:4px}dl.small dd{margin-left:18px}\n"
    "footer code{word-break:break-all}\n"
    "@media print{h1{font-size:20pt}\n"
    "  table.layers th,table.layers td,table.policies th,table.policies td,table.groups th,"
    "table.groups td,table.ep th,table.ep td{font-size:7.5pt;padding:2px 3px}\n"
    "  table.data th,table.data td{padding:2px 5px}figure svg{max-height:120mm;width:auto}}\n";

static double num(const fs_jval *root, const char *path) {
  return fs_jread_num(fs_jread_path(root, path), NAN);
}

void fs_loss__money(char *buf, size_t cap, double x) {
  buf[0] = '\0';
  if (isfinite(x)) fs_html__fmt_money(buf, cap, x);
}

void fs_loss__pct(char *buf, size_t cap, double share) {
  buf[0] = '\0';
  if (isfinite(share)) snprintf(buf, cap, "%.1f %%", 100 * share);
}

void fs_loss__prob(char *buf, size_t cap, double p) {
  buf[0] = '\0';
  if (isfinite(p)) snprintf(buf, cap, "%.2f %%", 100 * p);
}

/* ---- headline: ground-up, gross and net */

/* A row of the run's headline table: mean, 5/95/99 %, largest, AAL. */
static void headline_row(table *t, const char *label, const double *v) {
  char c[6][64];
  for (int i = 0; i < 6; i++) fs_loss__money(c[i], sizeof c[i], v[i]);
  const char *cells[] = {label, c[0], c[1], c[2], c[3], c[4], c[5]};
  fs_html__t_row(t, cells);
}

static void run_facts(FILE *f, const fs_loss_doc *doc) {
  const fs_loss_pf *pf = &doc->pf[0];
  const fs_loss_policies *pol = &doc->pol;
  table t = fs_html__facts(f);
  char v[512], a[64];
  fs_html__t_pair(&t, "Portfolio", pf->name);
  if (pf->file[0]) fs_html__t_pair(&t, "Portfolio file", pf->file);
  fs_html__fmt_int(v, sizeof v, (double) pol->n);
  fs_html__t_pair(&t, "Policies", v);
  fs_html__fmt_int(a, sizeof a, (double) pol->ninsured);
  snprintf(v, sizeof v, "%s (%.1f %%)", a,
           pol->n ? 100.0 * (double) pol->ninsured / (double) pol->n : 0.0);
  fs_html__t_pair(&t, "Policies with an insured loss", v);
  fs_html__t_pair(&t, "Reinsurance programme", pf->programme[0] ? pf->programme : "none");
  const fs_jval *ev = fs_jread_get(doc->pfj, "event");
  const fs_jval *mal = fs_jread_get(ev, "malicious"), *inf = fs_jread_get(ev, "infrastructure");
  if (mal && mal->kind == FS_JBOOL && inf && inf->kind == FS_JBOOL) {
    snprintf(v, sizeof v, "%s%s", mal->b ? "malicious" : "non-malicious (a system failure)",
             inf->b ? ", starting at an infrastructure provider" : "");
    fs_html__t_pair(&t, "The event, as the wordings see it", v);
  }
  double hit = num(ev, "orgs_hit_share");
  if (isfinite(hit)) {
    fs_loss__prob(v, sizeof v, hit);
    fs_html__t_pair(&t, "Share of the fleet's organisations hit", v);
  }
  double reps = num(doc->manifest, "replications");
  if (isfinite(reps)) {
    snprintf(v, sizeof v, "%.0f", reps);
    fs_html__t_pair(&t, "Replications", v);
  }
  fs_html__t_end(&t);
}

static void headline_run(FILE *f, const fs_loss_doc *doc) {
  run_facts(f, doc);
  const fs_loss_pf *pf = &doc->pf[0];
  static const char *const h[] = {
      "Loss of the event", "Mean", "5 %", "95 %", "99 %", "Largest replication",
      "AAL (rate x mean)", NULL};
  table t = {f, h, "tnnnnnn", "data headline", 0};
  static const char *const key[2] = {"ground_up_usd", "insured_usd"};
  static const char *const label[2] = {"Ground-up", "Gross (insured)"};
  for (int j = 0; j < 2; j++) {
    const fs_jval *s = fs_jread_get(doc->pfj, key[j]);
    double m[6] = {num(s, "mean"),
                   num(s, "quantiles.5.value"),
                   num(s, "quantiles.95.value"),
                   num(s, "quantiles.99.value"),
                   num(s, "max"),
                   pf->st[j].aal};
    headline_row(&t, label[j], m);
  }
  const fs_loss_stats *ri = &pf->st[FS_LOSS_RI];
  double gross = num(doc->pfj, "insured_usd.mean");
  double net = num(doc->pfj, "reinsurance.net_usd");
  if (pf->id[FS_LOSS_RI]) {
    if (!isfinite(net)) net = ri->mean;
    double rec[6] = {gross - net, NAN, NAN, NAN, NAN, pf->st[FS_LOSS_IL].aal - ri->aal};
    headline_row(&t, "Reinsurance recoveries", rec);
    double v[6] = {net, ri->q5, ri->q95, ri->q99, ri->max, ri->aal};
    headline_row(&t, "Net of reinsurance", v);
  }
  fs_html__t_end(&t);
  char msg[700];
  if (pf->id[FS_LOSS_RI] && gross > 0 && isfinite(net)) {
    char a[64];
    fs_loss__pct(a, sizeof a, 1 - net / gross);
    snprintf(msg, sizeof msg,
             "The programme recovers %s of the gross loss of the event on average. ", a);
  } else {
    snprintf(msg, sizeof msg, "%s",
             pf->id[FS_LOSS_RI] ? "" : "No reinsurance programme: net equals gross. ");
  }
  size_t o = strlen(msg);
  snprintf(msg + o, sizeof msg - o,
           "Ground-up: the portfolio's economic loss before any terms; gross: what the policies "
           "pay (waiting periods, deductibles, sublimits, limits, shares); net: gross less the "
           "programme's recoveries, the event alone in its year. Percentiles across the "
           "replications (summary.json, quantiles.csv); the AAL is the annual rate times the "
           "mean over the years of the period loss table (alt.csv)%s.",
           isfinite(doc->annual_rate) ? "" : ", here none: the scenario has no annual_rate");
  fs_html__note(f, "small", msg);
}

static void headline_catalog(FILE *f, const fs_loss_doc *doc) {
  const fs_jval *m = doc->manifest;
  table ft = fs_html__facts(f);
  char v[256];
  static const char *const facts[][2] = {{"events", "Events"},
                                         {"years", "Simulated years"},
                                         {"replications", "Replications"},
                                         {"scale", "Scale"}};
  for (size_t i = 0; i < sizeof facts / sizeof facts[0]; i++) {
    double x = num(m, facts[i][0]);
    if (!isfinite(x)) continue;
    snprintf(v, sizeof v, "%.6g", x);
    fs_html__t_pair(&ft, facts[i][1], v);
  }
  snprintf(v, sizeof v, "%d", doc->npf);
  fs_html__t_pair(&ft, "Portfolios", v);
  fs_html__t_end(&ft);
  static const char *const h[] = {
      "Perspective", "AAL", "OEP 1 in 100", "OEP 1 in 200", "AEP 1 in 100", "AEP 1 in 200", NULL};
  static const char *const label[FS_LOSS_NPERSP] = {"Ground-up", "Gross (insured)",
                                                    "Net of reinsurance"};
  for (int k = 0; k < doc->npf; k++) {
    const fs_loss_pf *pf = &doc->pf[k];
    char head[FS_LOSS_NAME_MAX + FS_LOSS_DESC_MAX + 64];
    snprintf(head, sizeof head, "%s (programme: %s)", pf->name,
             pf->programme[0] ? pf->programme : "none");
    fs_html__heading(f, head);
    table t = {f, h, "tnnnnn", "data headline", 0};
    for (int j = 0; j < FS_LOSS_NPERSP; j++) {
      if (!pf->id[j]) continue;
      char c[5][64];
      fs_loss__money(c[0], sizeof c[0], pf->st[j].aal);
      fs_loss__money(c[1], sizeof c[1], fs_loss__ep_at(&pf->ep[j], 100, 0));
      fs_loss__money(c[2], sizeof c[2], fs_loss__ep_at(&pf->ep[j], 200, 0));
      fs_loss__money(c[3], sizeof c[3], fs_loss__ep_at(&pf->ep[j], 100, 1));
      fs_loss__money(c[4], sizeof c[4], fs_loss__ep_at(&pf->ep[j], 200, 1));
      const char *cells[] = {label[j], c[0], c[1], c[2], c[3], c[4]};
      fs_html__t_row(&t, cells);
    }
    fs_html__t_end(&t);
  }
  fs_html__note(f, "small",
                "AAL: the mean annual loss over the simulated years (alt.csv and ri_alt.csv, "
                "SampleType 2). OEP: the largest occurrence of a year; AEP: the sum of a "
                "year's occurrences; both with full uncertainty (ept.csv and ri_ept.csv, "
                "EPCalc 2). Net: gross less the programme's recoveries, each occurrence in its "
                "year. A catalogue run has no per-policy, by-line or wording tables: those come "
                "from 'fleetsim run' of one event with --portfolio.");
}

static void section_headline(FILE *f, const fs_loss_doc *doc) {
  fs_html__section_begin(f, "headline", "Headline: gross and net");
  if (doc->catalog)
    headline_catalog(f, doc);
  else
    headline_run(f, doc);
  fputs("</section>\n", f);
}

/* ---- reinsurance by layer */

/* The layers' terms, then their recoveries: over the years (a run with an
   annual rate, a catalogue run) and, in a run, for the event alone. */
static void layer_tables(FILE *f, const fs_loss_doc *doc, const fs_loss_pf *pf) {
  static const char *const ht[] = {"Layer", "Kind",           "Share",        "Attachment",
                                   "Limit", "Reinstatements", "Hours clause", NULL};
  static const char *const hr[] = {"Layer",
                                   "Event: mean recovery",
                                   "Event: attaches",
                                   "Event: exhausts",
                                   "Expected annual recovery",
                                   "Attaches in a year",
                                   "Exhausts in a year",
                                   NULL};
  /* A catalogue run has no event alone. */
  static const char *const hc[] = {"Layer", "Expected annual recovery", "Attaches in a year",
                                   "Exhausts in a year", NULL};
  table t = {f, ht, "ttnnnnn", "data layers", 0};
  table r = {f, doc->catalog ? hc : hr, "tnnnnnn", "data layers", 0};
  for (int i = 0; i < pf->nlayers; i++) {
    const fs_loss_layer *l = &pf->layer[i];
    char c[5][64];
    fs_loss__pct(c[0], sizeof c[0], l->share);
    fs_loss__money(c[1], sizeof c[1], l->attach);
    fs_loss__money(c[2], sizeof c[2], l->limit);
    c[3][0] = c[4][0] = '\0';
    if (isfinite(l->reinst)) snprintf(c[3], sizeof c[3], "%.0f", l->reinst);
    if (isfinite(l->hours)) snprintf(c[4], sizeof c[4], "%.0f h", l->hours);
    const char *terms[] = {l->name, fs_loss__kind_name(l->kind), c[0], c[1], c[2], c[3], c[4]};
    fs_html__t_row(&t, terms);
  }
  if (!fs_html__t_end(&t)) {
    fs_html__note(f, "note",
                  pf->has_layers ? "ri_layers.csv has no layer for this programme."
                                 : "Not available: the folder has no ri_layers.csv.");
    return;
  }
  for (int i = 0; i < pf->nlayers; i++) {
    const fs_loss_layer *l = &pf->layer[i];
    char c[6][64];
    fs_loss__money(c[0], sizeof c[0], l->ev_mean);
    fs_loss__prob(c[1], sizeof c[1], l->ev_attach);
    fs_loss__prob(c[2], sizeof c[2], l->ev_exhaust);
    fs_loss__money(c[3], sizeof c[3], l->el);
    fs_loss__prob(c[4], sizeof c[4], l->p_attach);
    fs_loss__prob(c[5], sizeof c[5], l->p_exhaust);
    const char *rec_run[] = {l->name, c[0], c[1], c[2], c[3], c[4], c[5]};
    const char *rec_cat[] = {l->name, c[3], c[4], c[5]};
    fs_html__t_row(&r, doc->catalog ? rec_cat : rec_run);
  }
  fs_html__t_end(&r);
}

static int section_reinsurance(FILE *f, const fs_loss_doc *doc, const fs_plot *p, fs_err *err) {
  fs_html__section_begin(f, "reinsurance", "Reinsurance recoveries by layer");
  int rc = 0;
  for (int k = 0; k < doc->npf && rc == 0; k++) {
    const fs_loss_pf *pf = &doc->pf[k];
    if (doc->catalog) fs_html__heading(f, pf->name);
    if (!pf->id[FS_LOSS_RI]) {
      fs_html__note(f, "note",
                    doc->catalog ? "No reinsurance programme for this portfolio: net equals "
                                   "gross (catalog run --reinsurance FILE)."
                                 : "No reinsurance programme: net equals gross (run with "
                                   "--reinsurance FILE).");
      continue;
    }
    char msg[FS_LOSS_DESC_MAX + 64];
    snprintf(msg, sizeof msg, "Programme: %s", pf->programme);
    fs_html__note(f, "small", msg);
    layer_tables(f, doc, pf);
    char name[FS_PLOT_NAME_MAX];
    fs_loss__chart_name(name, sizeof name, doc, "layers", k);
    rc = fs_html__figure(f, p, name, err);
  }
  if (rc == 0)
    fs_html__note(
        f, "small",
        doc->catalog
            ? "Per layer over the simulated years (ri_layers.csv): the expected annual "
              "recovery and the chance that a year attaches and exhausts it. Layers inure in "
              "the order quota share, per risk, catastrophe, aggregate (docs/LOSSES.md, 6a)."
            : "Per layer (ri_layers.csv): for the event alone, its mean recovery over the "
              "replications and the share of replications that attach and exhaust it; over "
              "the years of the period loss table, the expected annual recovery and the "
              "chance that a year attaches and exhausts it. Layers inure in the order quota "
              "share, per risk, catastrophe, aggregate (docs/LOSSES.md, section 6a).");
  fputs("</section>\n", f);
  return rc;
}

/* ---- EP curves: gross and net */

static void ep_table(FILE *f, const fs_loss_pf *pf) {
  static const char *const persp[FS_LOSS_NPERSP] = {"Ground-up", "Gross", "Net"};
  const char *head[2 * FS_LOSS_NPERSP + 2];
  char hbuf[2 * FS_LOSS_NPERSP][32];
  int js[FS_LOSS_NPERSP] = {0}, nj = 0, nh = 0;
  for (int j = 0; j < FS_LOSS_NPERSP; j++)
    if (pf->ep[j].n > 0) js[nj++] = j;
  head[nh++] = "Return period (years)";
  for (int a = 0; a < 2; a++)
    for (int i = 0; i < nj; i++) {
      snprintf(hbuf[nh - 1], sizeof hbuf[0], "%s %s", persp[js[i]], a ? "AEP" : "OEP");
      head[nh] = hbuf[nh - 1];
      nh++;
    }
  head[nh] = NULL;
  table t = {f, head, "nnnnnnn", "data ep", 0};
  const fs_ep_curve *base = &pf->ep[FS_LOSS_IL];
  for (int k = base->n; k-- > 0;) {
    char c[2 * FS_LOSS_NPERSP + 1][64];
    const char *cells[2 * FS_LOSS_NPERSP + 1];
    snprintf(c[0], sizeof c[0], "%g", base->rp[k]);
    cells[0] = c[0];
    for (int a = 0; a < 2; a++)
      for (int i = 0; i < nj; i++) {
        int col = 1 + a * nj + i;
        fs_loss__money(c[col], sizeof c[col], fs_loss__ep_at(&pf->ep[js[i]], base->rp[k], a));
        cells[col] = c[col];
      }
    fs_html__t_row(&t, cells);
  }
  fs_html__t_end(&t);
}

static int section_ep(FILE *f, const fs_loss_doc *doc, const fs_plot *p, fs_err *err) {
  fs_html__section_begin(f, "ep", "Exceedance probability: gross and net");
  int rc = 0;
  for (int k = 0; k < doc->npf && rc == 0; k++) {
    const fs_loss_pf *pf = &doc->pf[k];
    if (doc->catalog) fs_html__heading(f, pf->name);
    char name[FS_PLOT_NAME_MAX];
    fs_loss__chart_name(name, sizeof name, doc, "ep", k);
    if (k < FS_LOSS_CHART_PF) rc = fs_html__figure(f, p, name, err);
    if (pf->ep[FS_LOSS_IL].n > 0) ep_table(f, pf);
    if (pf->id[FS_LOSS_RI] && pf->ep[FS_LOSS_RI].n == 0)
      fs_html__note(f, "note warn",
                    doc->catalog ? "No net curve: ri_ept.csv is missing or has no rows for "
                                   "this portfolio's net summary."
                                 : "No net curve: ept.csv has no rows for the net summary.");
  }
  char msg[600];
  if (!doc->has_ept)
    snprintf(msg, sizeof msg, "%s",
             doc->catalog ? "Not available: the folder has no ept.csv."
                          : "Not available: ept.csv is missing (the scenario has no "
                            "annual_rate parameter, so the run has no period loss table).");
  else
    snprintf(msg, sizeof msg,
             "Loss against return period (log scale) with full uncertainty (EPCalc 2): OEP "
             "the largest occurrence of a year, AEP the sum of a year's occurrences; gross "
             "the insured loss, net after the programme (%s). The chart shows gross and net "
             "(AEP dashed; 1 in 100 and 1 in 200 marked), the table ground-up too.",
             doc->catalog ? "ept.csv, ri_ept.csv" : "ept.csv, the portfolio's summaries");
  if (rc == 0) fs_html__note(f, doc->has_ept ? "small" : "note", msg);
  fputs("</section>\n", f);
  return rc;
}

/* ---- accumulation (catalogue runs) */

static void section_accumulation(FILE *f, const fs_loss_doc *doc) {
  fs_html__section_begin(f, "accumulation", "Where the gross loss comes from");
  static const char *const h[] = {
      "Event family", "AAL", "Share of the AAL", "1-in-200 TVaR part", "Share of the TVaR", NULL};
  for (int k = 0; k < doc->npf; k++) {
    int s = fs_plot_cat_index(&doc->sums, doc->pf[k].id[FS_LOSS_IL]);
    fs_html__heading(f, doc->pf[k].name);
    table t = {f, h, "tnnnn", "data acc", 0};
    for (size_t r = 0; r < doc->acc.n && s >= 0; r++) {
      const fs_cat_row *x = &doc->acc.rows[r];
      if (x->sum != s || strcmp(x->text[0], "family") != 0) continue;
      char c[4][64];
      fs_loss__money(c[0], sizeof c[0], x->v[0]);
      fs_loss__pct(c[1], sizeof c[1], x->v[1]);
      fs_loss__money(c[2], sizeof c[2], x->v[2]);
      fs_loss__pct(c[3], sizeof c[3], x->v[3]);
      const char *cells[] = {x->text[1], c[0], c[1], c[2], c[3]};
      fs_html__t_row(&t, cells);
    }
    if (!fs_html__t_end(&t))
      fs_html__note(f, "note",
                    doc->has_acc ? "accumulation.csv has no family rows for this portfolio."
                                 : "Not available: the folder has no accumulation.csv.");
  }
  fs_html__note(f, "small",
                "The gross (insured) loss of each portfolio by event family: its part of the "
                "AAL and of the 1-in-200 AEP TVaR (accumulation.csv; the vendors and "
                "providers are in report.html).");
  fputs("</section>\n", f);
}

/* ---- assumptions and sources */

/* An input of the manifest with its hash: "PATH (HASH)". */
static void input_row(table *t, const fs_jval *m, const char *role, const char *label) {
  const char *path = fs_manifest_input_path(m, role, NULL);
  if (!path) return;
  const char *hash = fs_manifest_input_hash(m, role, "");
  char v[FS_PATH_MAX + 64];
  snprintf(v, sizeof v, "%s%s%s%s", path, *hash ? " (" : "", hash, *hash ? ")" : "");
  fs_html__t_pair(t, label, v);
}

static void technology_table(FILE *f, const fs_jval *tech) {
  if (!tech || tech->kind != FS_JOBJ) return;
  fs_html__heading(f, "Technology of the insureds");
  static const char *const h[] = {"Column", "Named by the portfolio", "Drawn from market shares",
                                  NULL};
  table t = {f, h, "tnn", "data tech", 0};
  for (size_t i = 0; i < tech->n; i++) {
    char a[64] = "", b[64] = "";
    double g = num(&tech->items[i], "given"), d = num(&tech->items[i], "drawn");
    if (isfinite(g)) fs_html__fmt_int(a, sizeof a, g);
    if (isfinite(d)) fs_html__fmt_int(b, sizeof b, d);
    const char *cells[] = {tech->keys[i], a, b};
    fs_html__t_row(&t, cells);
  }
  if (fs_html__t_end(&t))
    fs_html__note(f, "small",
                  "Per technology column of the portfolio (agent, cloud regions, identity "
                  "provider, MSP): how many policies name theirs and how many leave it to the "
                  "model's market shares (summary.json loss.portfolio.technology).");
}

static void assumptions_run(FILE *f, const fs_loss_doc *doc, table *t) {
  const fs_jval *m = doc->manifest;
  char v[512];
  fs_html__t_pair(t, "Scenario", fs_jread_str(fs_jread_get(m, "scenario_name"), "?"));
  input_row(t, m, "scenario", "Scenario file");
  input_row(t, m, "portfolio", "Portfolio file");
  if (doc->pf[0].programme[0]) {
    fs_html__t_pair(t, "Reinsurance programme", doc->pf[0].programme);
    input_row(t, m, "reinsurance", "Reinsurance programme file");
  }
  input_row(t, m, "models", "Models folder");
  double reps = num(m, "replications"), scale = num(m, "scale");
  if (isfinite(reps)) {
    snprintf(v, sizeof v, "%.0f", reps);
    fs_html__t_pair(t, "Replications", v);
  }
  if (isfinite(scale)) {
    snprintf(v, sizeof v, "%g (the simulated share of the fleet)", scale);
    fs_html__t_pair(t, "Scale", v);
  }
  if (isfinite(doc->annual_rate)) {
    snprintf(v, sizeof v, "%g per year: %.400s", doc->annual_rate,
             fs_jread_str(fs_jread_path(m, "params.annual_rate.source"), "(no source given)"));
    fs_html__t_pair(t, "Annual rate of the event", v);
  }
}

static void assumptions_catalog(FILE *f, const fs_loss_doc *doc, table *t) {
  const fs_jval *m = doc->manifest;
  input_row(t, m, "catalog", "Catalogue");
  for (int k = 0; k < doc->npf; k++) {
    char label[FS_LOSS_NAME_MAX + 32];
    snprintf(label, sizeof label, "Portfolio %d", k + 1);
    fs_html__t_pair(t, label, doc->pf[k].file);
    snprintf(label, sizeof label, "Programme of portfolio %d", k + 1);
    fs_html__t_pair(t, label, doc->pf[k].programme[0] ? doc->pf[k].programme : "none");
  }
  static const char *const facts[][2] = {{"events", "Events"},
                                         {"years", "Simulated years"},
                                         {"replications", "Replications per event"},
                                         {"bootstrap", "Bootstrap replicates"},
                                         {"cluster", "Clustering"},
                                         {"scale", "Scale"}};
  for (size_t i = 0; i < sizeof facts / sizeof facts[0]; i++) {
    double x = num(m, facts[i][0]);
    char v[64];
    if (!isfinite(x)) continue;
    snprintf(v, sizeof v, "%.6g", x);
    fs_html__t_pair(t, facts[i][1], v);
  }
}

static void section_assumptions(FILE *f, const fs_loss_doc *doc) {
  fs_html__section_begin(f, "assumptions", "Assumptions and sources");
  table t = fs_html__facts(f);
  if (doc->catalog)
    assumptions_catalog(f, doc, &t);
  else
    assumptions_run(f, doc, &t);
  const char *seed = fs_manifest_seed(doc->manifest, NULL);
  if (seed) fs_html__t_pair(&t, "Seed", seed);
  fs_html__t_end(&t);
  if (!doc->catalog) {
    const char *sn = fs_jread_str(fs_jread_get(doc->manifest, "scale_note"), "");
    if (*sn) fs_html__note(f, "small", sn);
    if (doc->nw > 0) {
      fs_html__heading(f, "Wording switches");
      fputs("<dl class=\"small\">\n", f);
      for (int i = 0; i < doc->nw; i++) {
        fputs("<dt><code>", f);
        fs_html__text(f, doc->w[i].id);
        fputs("</code></dt><dd>", f);
        fs_html__text(f, doc->w[i].desc);
        fputs("</dd>\n", f);
      }
      fputs("</dl>\n", f);
    }
    technology_table(f, fs_jread_get(doc->pfj, "technology"));
  }
  fs_html__note(f, "small",
                "How the losses are computed: docs/LOSSES.md, section 3 (the financial terms: "
                "waiting period, deductible, sublimits, limit, share), section 5 (the output "
                "files this page reads) and section 6a (reinsurance programmes: layer kinds, "
                "inuring order, reinstatements, the hours clause). The figures are model "
                "output under the assumptions of the scenario, the portfolio and the "
                "programme files above, not a loss estimate of record.");
  fputs("</section>\n", f);
}

/* ---- footer and page */

static void footer(FILE *f, const fs_loss_doc *doc) {
  const fs_jval *m = doc->manifest;
  table t = fs_html__footer_facts(f, m);
  fs_html__footer_inputs(&t, m);
  fs_html__t_end(&t);
  fputs("<p id=\"reproduce\"><strong>How to reproduce:</strong> run <code>", f);
  fs_html__text(f, fs_jread_str(fs_jread_get(m, "command"), "?"));
  fputs("</code> with fleetsim ", f);
  fs_html__text(f, fs_jread_str(fs_jread_get(m, "version"), "?"));
  fputs(" and the same inputs (their hashes above), then <code>fleetsim report DIR --kind "
        "loss</code> on its folder: the same numbers come out.</p>\n",
        f);
  fputs("</footer>\n", f);
}

static void page_header(FILE *f, const fs_loss_doc *doc) {
  char name[FS_LOSS_NAME_MAX * 2 + 8];
  if (doc->catalog && doc->npf > 1)
    snprintf(name, sizeof name, "%s and %d more", doc->pf[0].name, doc->npf - 1);
  else
    snprintf(name, sizeof name, "%s", doc->pf[0].name);
  fs_html__page_begin(f, name, "fleetsim loss report", loss_css, ": loss report");
  char sub[600];
  if (doc->catalog)
    snprintf(sub, sizeof sub,
             "Capital review from a catalogue run: %.0f events, %.0f simulated years; "
             "exceedance curves gross and net of reinsurance.",
             num(doc->manifest, "events"), num(doc->manifest, "years"));
  else
    snprintf(sub, sizeof sub, "Event loss report: %.200s, %.0f replications. %.300s",
             fs_jread_str(fs_jread_get(doc->manifest, "scenario_name"), "?"),
             num(doc->manifest, "replications"),
             fs_jread_str(fs_jread_get(doc->manifest, "scenario_description"), ""));
  fs_html__text(f, sub);
  fputs("</p>\n<nav><ol><li><a href=\"#headline\">Headline</a></li>", f);
  if (!doc->catalog)
    fputs("<li><a href=\"#lines\">By line</a></li><li><a href=\"#groups\">Industry and "
          "region</a></li><li><a href=\"#largest\">Largest insureds</a></li><li><a "
          "href=\"#bands\">Loss bands</a></li><li><a href=\"#wordings\">Wordings</a></li>",
          f);
  fputs("<li><a href=\"#reinsurance\">Reinsurance</a></li><li><a href=\"#ep\">EP "
        "curves</a></li>",
        f);
  if (doc->catalog) fputs("<li><a href=\"#accumulation\">Accumulation</a></li>", f);
  fputs("<li><a href=\"#assumptions\">Assumptions</a></li><li><a "
        "href=\"#reproducibility\">Reproducibility</a></li></ol></nav>\n</header>\n",
        f);
}

static int fill(FILE *f, const fs_loss_doc *doc, const fs_plot *p, fs_err *err) {
  page_header(f, doc);
  fs_html__skip_note(f, p);
  fputs("<main>\n", f);
  section_headline(f, doc);
  int rc = 0;
  if (!doc->catalog) {
    rc = fs_loss__section_lines(f, doc, p, err);
    if (rc == 0) rc = fs_loss__section_groups(f, doc, p, err);
    if (rc == 0) {
      fs_loss__section_largest(f, doc);
      fs_loss__section_bands(f, doc);
      rc = fs_loss__section_wordings(f, doc, p, err);
    }
  }
  if (rc == 0) rc = section_reinsurance(f, doc, p, err);
  if (rc == 0) rc = section_ep(f, doc, p, err);
  if (rc != 0) return rc;
  if (doc->catalog) section_accumulation(f, doc);
  section_assumptions(f, doc);
  fputs("</main>\n", f);
  footer(f, doc);
  fputs("</body>\n</html>\n", f);
  return 0;
}

/* As fs_html__write_page, under the loss report's name: a new file under
   a fresh name (never through a link planted in the folder), renamed over
   loss_report.html only when whole. */
int fs_loss__write_page(const fs_loss_doc *doc, const fs_plot *p, fs_err *err) {
  char tmp[FS_PATH_MAX], final[FS_PATH_MAX];
  int rc = fs_path_join(final, sizeof final, doc->dir, "loss_report.html", err);
  if (rc != 0) return rc;
  FILE *f = fs_plot__create_tmp(doc->dir, "loss_report.html", tmp, sizeof tmp, err);
  if (!f) return fs_plot__code(err);
  rc = fill(f, doc, p, err);
  int bad = ferror(f);
  bad |= fclose(f) != 0;
  if (rc == 0 && bad) rc = fs_err_set(err, FS_EIO, "%s: write failed", final);
  if (rc == 0 && rename(tmp, final) != 0)
    rc = fs_err_set(err, FS_EIO, "%s: cannot replace: %s", final, strerror(errno));
  if (rc != 0) unlink(tmp);
  return rc;
}
