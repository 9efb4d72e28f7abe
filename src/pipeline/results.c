/* results.c: a session's results folder (results.h). */
#include "pipeline/results.h"

#include <math.h>
#include <sys/resource.h>

#include "loss/ord.h"
#include "loss/plt.h"

#include "report/losses.h"
#include "report/output.h"
#include "report/report.h"
#include "util/clock.h"
#include "util/fsutil.h"
#include "util/hash.h"
#include "util/jsonread.h"
#include "util/path.h"

int fs_results_analyse(fs_session *s, int centrality, fs_graph_analysis *an, fs_err *err) {
  fs_graph_analysis_opts ao = {.centrality = centrality, .dominators = 1};
  return fs_graph_analyse(&s->graph, &s->csr, &ao, an, err);
}

fs_graph_report fs_results_graph_report(fs_session *s, const fs_graph_analysis *an, int top) {
  return (fs_graph_report){.scenario = s->sc.cfg->name,
                           .g = &s->graph,
                           .c = &s->csr,
                           .a = an,
                           .top = top,
                           .has_portfolio = s->have_pf};
}

/* graph.json: the dependency graph's analysis, as `fleetsim graph --json`
   prints it, for the report's blast-radius chart. */
static int write_graph_json(fs_session *s, const char *dir, fs_err *err) {
  fs_graph_analysis an = {0};
  int rc = fs_results_analyse(s, 1, &an, err);
  if (rc != 0) return rc;
  fs_graph_report r = fs_results_graph_report(s, &an, FS_RESULTS_GRAPH_TOP);
  char *text;
  size_t len;
  rc = fs_graph_json_text(&r, &text, &len, err);
  fs_graph_analysis_free(&an);
  if (rc != 0) return rc;
  FILE *f = fs_out_open(dir, "graph.json", err);
  if (f) {
    fwrite(text, 1, len, f);
    rc = fs_out_close(f, dir, "graph.json", err);
  } else {
    rc = FS_EIO;
  }
  free(text);
  return rc;
}

/* Every file but the report, into the temporary folder tmp. */
static int write_files(fs_session *s, const fs_batch *b, const fs_results_opts *o, const char *tmp,
                       fs_err *err) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  fs_manifest m = {.kind = "run",
                   .command = o->command,
                   .seed = s->sc.cfg->seed,
                   .wall_seconds = fs_now() - o->t0};
  fs_session_manifest_inputs(s, &m);
  if (o->ri_path) {
    uint64_t h = 0;
    fs_err e = {0};
    int known = fs_fnv1a_file(o->ri_path, &h, &e) == 0;
    fs_manifest_input_add(&m, "reinsurance", o->ri_path, known, h);
  }
  fs_run_info info = {.manifest = &m,
                      .peak_rss_kb = ru.ru_maxrss,
                      .queue = fs_queue_kind_name(s->opts.queue),
                      .replications = b->done,
                      .partial = b->interrupted,
                      .threads = o->threads};
  fs_loss_ctx lc = {.s = &s->sc,
                    .f = &s->fleet,
                    .b = b,
                    .pf = s->have_pf ? &s->pf : NULL,
                    .years = o->years,
                    .seed = s->sc.cfg->seed,
                    .ri = o->ri,
                    .ri_path = o->ri_path};
  int rc = fs_output_write_run(tmp, &s->sc, &s->fleet, &b->first, &info, &lc, err);
  if (rc == 0) rc = fs_output_write_band(tmp, &s->sc, b, err);
  if (rc == 0) rc = fs_losses_write(tmp, &lc, err);
  if (rc == 0 && s->have_graph) rc = write_graph_json(s, tmp, err);
  return rc;
}

int fs_results_preflight(const fs_session *s, size_t years, fs_err *err) {
  const fs_config *cfg = s->sc.cfg;
  if (!cfg->has_costs) return 0;
  double rate = cfg->annual_rate;
  if (!isnan(rate) && !(rate >= 0 && rate <= FS_ORD_MAX_RATE))
    return fs_err_set(err, FS_EINVAL, "%s: param annual_rate must be in [0, %g] per year (got %g)",
                      s->sc.path, FS_ORD_MAX_RATE, rate);
  if (!isnan(rate) && rate * (double) years > FS_PLT_MAX_ROWS)
    return fs_err_set(err, FS_EUSAGE,
                      "--years %zu at annual_rate %g means about %.0f occurrences, more than the "
                      "period loss table's %u: use fewer --years",
                      years, rate, rate * (double) years, FS_PLT_MAX_ROWS);
  double total = 0;
  for (size_t i = 0; s->have_pf && i < s->pf.n; i++) {
    const fs_policy *p = &s->pf.p[i];
    if (p->revenue_usd > FS_ORD_MAX_AMOUNT)
      return fs_err_set(err, FS_ELIMIT, "%s:%d: AnnualRevenueUSD above %g (got %g)", s->pf.path,
                        p->line, FS_ORD_MAX_AMOUNT, p->revenue_usd);
    total += p->revenue_usd;
  }
  if (total > FS_ORD_MAX_AMOUNT)
    return fs_err_set(err, FS_ELIMIT, "%s: the policies' revenue adds up to %g, above %g",
                      s->pf.path, total, FS_ORD_MAX_AMOUNT);
  total = 0;
  for (size_t o = 0; o < s->fleet.n_orgs; o++)
    total += s->fleet.orgs[o].revenue_usd * fs_org_loss_weight(&s->fleet.orgs[o]);
  if (!(total <= FS_ORD_MAX_AMOUNT))
    return fs_err_set(err, FS_ELIMIT,
                      "%s: the fleet's revenue adds up to %g, above the %g the loss tables hold "
                      "(check costs and fleet.endpoints)",
                      s->sc.path, total, FS_ORD_MAX_AMOUNT);
  return 0;
}

/* Whether dir holds a complete run (its manifest says "partial": false). */
static int complete_run(const char *dir) {
  char path[FS_PATH_MAX];
  fs_jval *m = NULL;
  fs_err e = {0};
  if (fs_path_join(path, sizeof path, dir, "manifest.json", NULL) != 0 ||
      fs_jread_file(&m, path, &e) != 0)
    return 0;
  const fs_jval *p = fs_jread_get(m, "partial");
  int complete = p && p->kind == FS_JBOOL && !p->b;
  fs_jread_free(m);
  return complete;
}

int fs_results_check(const char *dir, fs_err *err) {
  return fs_outdir_replaceable(dir, "run", err);
}

int fs_results_write(fs_session *s, const fs_batch *b, const fs_results_opts *o, char *written,
                     size_t cap, fs_err *err) {
  char tmp[FS_PATH_MAX];
  int rc, cleaned;
  /* An interrupted run never replaces a complete one: it goes beside it. */
  if (b->interrupted && complete_run(o->dir))
    rc = fs_path_fmt(written, cap, err, "%s.partial", o->dir);
  else
    rc = fs_path_fmt(written, cap, err, "%s", o->dir);
  if (rc == 0) rc = fs_outdir_begin(written, "run", tmp, sizeof tmp, &cleaned, err);
  if (rc != 0) return rc;
  if (cleaned && !o->quiet) {
    fs_err note = {0}; /* formatted as messages are: the path shown without control bytes */
    fs_err_set(&note, 0,
               "%s: removed %d temporary folder(s) that an interrupted run left beside %s", o->prog,
               cleaned, written);
    fprintf(stderr, "%s\n", note.msg);
  }
  rc = write_files(s, b, o, tmp, err);
  /* A report that could not be written does not cost the results: they
     are committed, and the run fails after saying where they are. */
  int report = rc == 0 ? fs_report_for_run(tmp, o->no_report, o->quiet, o->prog) : 0;
  if (rc == 0) rc = fs_outdir_commit(tmp, written, "run", err);
  if (rc != 0) fs_outdir_abort(tmp);
  if (rc == 0 && report)
    rc = fs_err_set(err, FS_EIO,
                    "the results in %s are complete but their report is not (see above); "
                    "`fleetsim report %s` draws it again",
                    written, written);
  return rc;
}
