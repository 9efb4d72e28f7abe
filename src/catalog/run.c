/* run.c: `fleetsim catalog run`: one sweep per family with its events as
   a list design, then the tables (run.h). */
#include "catalog/run.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "loss/oed.h"
#include "catalog/catalog_impl.h"
#include "sweep/mpi.h"
#include "sweep/sweep.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/fsutil.h"
#include "util/hash.h"
#include "loss/ylt.h"
#include "util/path.h"

void fs_catalog__losses_free(fs_catalog_losses *l) {
  free(l->gu);
  free(l->mil);
  for (int k = 0; k < FS_CATALOG_MAX_PORTFOLIOS; k++) {
    free(l->pgu[k]);
    free(l->pil[k]);
  }
  free(l->ind_loss);
  memset(l, 0, sizeof *l);
}

/* run.json's text: what decides the run's results. */
static char *run_text(const fs_catalog *c, const fs_catalog_run_opts *o, uint64_t events_hash,
                      const uint64_t *portfolio_hash) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = fs_open_memstream(&buf, &len);
  if (!f) return NULL;
  fprintf(f,
          "{\n  \"format\": \"fleetsim-catalog-run/2\",\n  \"catalog_hash\": \"%016" PRIx64
          "\",\n  \"events_hash\": \"%016" PRIx64 "\",\n  \"events\": %zu,\n",
          c->decl_hash, events_hash, c->nevents);
  fputs("  \"portfolio_hashes\": [", f);
  for (int k = 0; k < o->nportfolios; k++)
    fprintf(f, "%s\"%016" PRIx64 "\"", k ? ", " : "", portfolio_hash[k]);
  fprintf(f, "],\n  \"scale\": %.17g,\n", o->scale);
  /* Years, clustering and the bootstrap only tabulate: a run continued
     with other values of them re-tabulates the same simulations. */
  fprintf(f, "  \"replications\": %d,\n  \"seed\": %" PRIu64 "\n}\n", o->reps, o->seed);
  if (fclose(f) != 0) {
    free(buf);
    return NULL;
  }
  return buf;
}

/* Writes file name of dir with text, or checks that it holds it. */
static int same_or_write(const char *dir, const char *name, const char *text, int resume,
                         fs_err *err) {
  char path[FS_PATH_MAX];
  int rc = fs_path_join(path, sizeof path, dir, name, err);
  if (rc != 0) return rc;
  FILE *f = fopen(path, "rb");
  if (f) {
    size_t n = strlen(text);
    char *have = fs_malloc(n + 2);
    size_t got = have ? fread(have, 1, n + 1, f) : 0;
    fclose(f);
    int same = have && got == n && memcmp(have, text, n) == 0;
    free(have);
    if (!same)
      return fs_err_set(err, FS_EUSAGE,
                        "%s holds another catalogue run (%s differs); choose another -o", dir,
                        name);
    if (!resume && strcmp(name, "run.json") == 0)
      return fs_err_set(err, FS_EUSAGE,
                        "%s: that catalogue run has started; continue it with --resume, or "
                        "choose another -o",
                        dir);
    return 0;
  }
  if (errno != ENOENT) return fs_err_set(err, FS_EIO, "%s: %s", path, strerror(errno));
  f = fs_out_open_tmp(dir, name, err);
  if (!f) return FS_EIO;
  fputs(text, f);
  return fs_out_commit_tmp(f, dir, name, err);
}

/* The catalogue's events.csv and catalog.json as text. */
static char *catalog_text(const fs_catalog *c, int json) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = fs_open_memstream(&buf, &len);
  if (!f) return NULL;
  fs_err e = {0};
  int rc = json ? fs_catalog_write_json(c, f, &e) : fs_catalog_write_events(c, f, &e);
  if (fclose(f) != 0 || rc != 0) {
    free(buf);
    return NULL;
  }
  return buf;
}

/* The folder of pass k's family sweeps under out: families (the first
   pass), families-K (portfolio K's). */
static int pass_dir(char *buf, size_t cap, const char *out, int k, fs_err *err) {
  return k == 0 ? fs_path_fmt(buf, cap, err, "%s/families", out)
                : fs_path_fmt(buf, cap, err, "%s/families-%d", out, k + 1);
}

/* A pass's folder: of this run's, never a link out of it. */
static int families_dir(const char *out, int k, fs_err *err) {
  char path[FS_PATH_MAX];
  struct stat sb;
  int rc = pass_dir(path, sizeof path, out, k, err);
  if (rc != 0) return rc;
  if (fs_lstat(path, &sb) == 0 && !S_ISDIR(sb.st_mode))
    return fs_err_set(err, FS_EUSAGE,
                      "%s is not a folder (a symbolic link?); not writing through it", path);
  return fs_mkdirs(path, err);
}

static int prepare_folder(const fs_catalog *c, const fs_catalog_run_opts *o, fs_err *err) {
  struct stat sb;
  char runjson[FS_PATH_MAX];
  if (fs_lstat(o->out, &sb) == 0 && !S_ISDIR(sb.st_mode))
    return fs_err_set(err, FS_EUSAGE, "-o %s: not a folder (or a symbolic link)", o->out);
  int rc = fs_path_join(runjson, sizeof runjson, o->out, "run.json", err);
  if (rc != 0) return rc;
  if (fs_lstat(runjson, &sb) != 0 && fs_lstat(o->out, &sb) == 0 && !fs_dir_empty(o->out))
    return fs_err_set(err, FS_EUSAGE,
                      "-o %s: the folder exists and holds no catalogue run (no run.json); choose "
                      "another -o",
                      o->out);
  rc = fs_mkdirs(o->out, err);
  char *ev = catalog_text(c, 0), *js = catalog_text(c, 1), *run = NULL;
  uint64_t ph[FS_CATALOG_MAX_PORTFOLIOS] = {0};
  for (int k = 0; rc == 0 && k < o->nportfolios; k++)
    if (fs_oed_hash(o->portfolio[k], &ph[k], err) != 0) rc = FS_EIO;
  if (rc == 0 && (!ev || !js)) rc = fs_err_set(err, FS_ENOMEM, "out of memory");
  if (rc == 0 && !(run = run_text(c, o, fs_fnv1a(FS_FNV_BASIS, ev, strlen(ev)), ph)))
    rc = fs_err_set(err, FS_ENOMEM, "out of memory");
  /* run.json first: it says whether the folder is this run's. */
  if (rc == 0) rc = same_or_write(o->out, "run.json", run, o->resume, err);
  if (rc == 0) rc = same_or_write(o->out, "events.csv", ev, 1, err);
  if (rc == 0) rc = same_or_write(o->out, "catalog.json", js, 1, err);
  for (int k = 0; rc == 0 && k < (o->nportfolios > 1 ? o->nportfolios : 1); k++)
    rc = families_dir(o->out, k, err);
  free(ev);
  free(js);
  free(run);
  return rc;
}

static int output_index(const fs_sweep_spec *s, const char *name) {
  for (int k = 0; k < s->noutputs; k++)
    if (strcmp(s->outputs[k], name) == 0) return k;
  return -1;
}

/* Family f's sweep: its scenario with the run's options, its parameters
   at their declared ranges, and its events as a list design. */
static int family_sweep(const fs_catalog *c, int f, int pass, const fs_catalog_run_opts *o,
                        fs_sweep_spec *s, fs_design *dz, fs_err *err) {
  const fs_catalog_family *cf = &c->fam[f];
  fs_session_opts so;
  fs_session_opts_init(&so);
  so.load.path = c->decl.fam[f].scenario;
  so.load.models_dir = o->models_dir;
  if (o->limits.mem_bytes) so.load.limits.mem_bytes = o->limits.mem_bytes;
  if (o->limits.steps) so.load.limits.steps = o->limits.steps;
  so.load.has_seed = 1;
  so.load.seed = o->seed;
  so.scale = o->scale;
  so.portfolio = o->nportfolios ? o->portfolio[pass] : NULL;
  memset(s, 0, sizeof *s);
  int rc = fs_sweep_spec_set_scenario(s, &so, err);
  if (rc != 0) return rc;
  s->design = FS_DESIGN_LIST;
  s->n = cf->nevents;
  s->reps = o->reps;
  s->by_industry = 1;
  fs_sweep_param_arg args[FS_CAT_MAX_DISTS + 1];
  for (int j = 0; j < cf->nparams; j++)
    snprintf(args[j].text, sizeof args[j].text, "%s", cf->param[j]);
  if ((rc = fs_sweep_spec_complete(s, args, cf->nparams, err)) != 0) return rc;
  double *x = fs_malloc(cf->nevents * (size_t) cf->nparams * sizeof *x);
  if (!x) return fs_err_set(err, FS_ENOMEM, "out of memory");
  size_t k = 0;
  for (size_t e = 0; e < c->nevents; e++)
    if (c->ev[e].family == f)
      memcpy(x + (k++) * (size_t) cf->nparams, c->ev[e].x, (size_t) cf->nparams * sizeof *x);
  rc = fs_design_list(dz, s->params, s->d, x, cf->nevents, err);
  free(x);
  if (rc != 0) return rc;
  s->points_hash = fs_sweep_points_hash(dz);
  if (output_index(s, "ground_up_loss_usd") < 0)
    return fs_err_set(err, FS_EINVAL, "%s: the scenario has no costs table: no losses",
                      c->decl.fam[f].scenario);
  return fs_sweep_spec_seal(s, err);
}

/* Pass p's rows of family f into the losses: the fleet's, the market's
   and the industries' from the first pass, portfolio p's from each. A
   failed task or an empty loss is an error. */
static int collect(const fs_catalog *c, int f, int p, const fs_sweep_spec *s,
                   const fs_sweep_rows *rows, fs_catalog_losses *l, fs_err *err) {
  int gu = output_index(s, "ground_up_loss_usd");
  int pgu = output_index(s, "portfolio_ground_up_usd"),
      pil = output_index(s, "portfolio_insured_usd"), mil = output_index(s, "market_insured_usd");
  if (gu < 0)
    return fs_err_set(err, FS_EINVAL, "%s: the scenario has no costs table: no losses",
                      c->decl.fam[f].scenario);
  size_t k = 0;
  for (size_t e = 0; e < c->nevents; e++) {
    if (c->ev[e].family != f) continue;
    for (size_t r = 0; r < l->reps; r++) {
      const char *row = rows->row[k * l->reps + r];
      if (!row || fs_sweep_row_failed(s, row))
        return fs_err_set(err, FS_EINVAL, "event %u (family %s), replication %zu %s", c->ev[e].id,
                          c->decl.fam[f].name, r + 1,
                          row ? "failed: see its row in the family's journal" : "is missing");
      size_t at = e * l->reps + r;
      int ok = 1;
      if (p == 0) {
        l->gu[at] = fs_sweep_row_output(s, row, gu);
        ok = isfinite(l->gu[at]);
        /* A family whose scenario has no cyber market insures nothing. */
        if (l->mil) l->mil[at] = mil >= 0 ? fs_sweep_row_output(s, row, mil) : 0;
        for (int i = 0; i < l->nind; i++) {
          char name[80];
          snprintf(name, sizeof name, "loss_%s_usd", l->ind[i]);
          int o = output_index(s, name);
          double v = o >= 0 ? fs_sweep_row_output(s, row, o) : 0;
          l->ind_loss[at * (size_t) l->nind + (size_t) i] = isfinite(v) ? v : 0;
        }
      }
      if (l->nportfolios) {
        l->pgu[p][at] = pgu >= 0 ? fs_sweep_row_output(s, row, pgu) : NAN;
        l->pil[p][at] = pil >= 0 ? fs_sweep_row_output(s, row, pil) : NAN;
        ok = ok && isfinite(l->pgu[p][at]) && isfinite(l->pil[p][at]);
      }
      if (!ok)
        return fs_err_set(err, FS_EINVAL, "event %u, replication %zu: a loss is missing",
                          c->ev[e].id, r + 1);
    }
    k++;
  }
  return 0;
}

/* The industries of every family's outputs, sorted, into l. */
static void add_industries(fs_catalog_losses *l, const fs_sweep_spec *s) {
  for (int k = 0; k < s->noutputs; k++) {
    const char *o = s->outputs[k];
    size_t n = strlen(o);
    if (strncmp(o, "loss_", 5) != 0 || n < 10 || strcmp(o + n - 4, "_usd") != 0) continue;
    char id[FS_ID_MAX];
    snprintf(id, sizeof id, "%.*s", (int) (n - 9), o + 5);
    int i = 0;
    while (i < l->nind && strcmp(l->ind[i], id) != 0) i++;
    if (i == l->nind && l->nind < FS_MAX_INDUSTRIES)
      snprintf(l->ind[l->nind++], FS_ID_MAX, "%s", id);
  }
  qsort(l->ind, (size_t) l->nind, sizeof l->ind[0], (int (*)(const void *, const void *)) strcmp);
}

typedef struct fam_state {
  fs_sweep_spec *s;
  fs_design dz;
  fs_sweep_rows rows;
  char dir[FS_PATH_MAX];
} fam_state;

/* Runs (or reads back) family f's sweep of a pass (fs->s and fs->dz
   made by family_sweep). *complete: every task is in. */
static int run_family(const fs_catalog *c, int f, int pass, const fs_catalog_run_opts *o,
                      fam_state *fs, fs_catalog_run_stats *st, int *complete, fs_err *err) {
  char pdir[FS_PATH_MAX];
  int rc = pass_dir(pdir, sizeof pdir, o->out, pass, err);
  if (rc == 0) rc = fs_path_fmt(fs->dir, sizeof fs->dir, err, "%s/%s", pdir, c->decl.fam[f].name);
  int ready = 0;
  if (o->mpi_rank == 0) {
    if (rc == 0) rc = fs_sweep_folder_prepare(fs->dir, fs->s, 0, err);
    if (rc == 0) rc = fs_sweep_rows_init(&fs->rows, fs_sweep_ntasks(fs->s, &fs->dz), err);
    /* After the shards, a run without --shard reads their journals. */
    if (rc == 0 && o->shards <= 1) {
      fs_sweep_rows probe;
      int nfiles = 0;
      fs_err e2 = {0};
      if (fs_sweep_rows_init(&probe, fs->rows.ntasks, &e2) == 0) {
        if (fs_sweep_folder_read(fs->dir, fs->s, &fs->dz, &probe, &nfiles, &e2) == 0 &&
            probe.present == probe.ntasks && probe.failed == 0 && nfiles > 0) {
          fs_sweep_rows_free(&fs->rows);
          fs->rows = probe;
          ready = 2;
        } else {
          fs_sweep_rows_free(&probe);
        }
      }
    }
    if (ready == 0) ready = rc == 0 ? 1 : rc == FS_EUSAGE ? 3 : 4;
  }
  if (o->mpi_size > 1) ready = fs_sweep_mpi_agree(ready);
  if (ready >= 3) return o->mpi_rank == 0 ? rc : (err->code = ready == 3 ? FS_EUSAGE : FS_EINVAL);
  st->tasks += fs_sweep_ntasks(fs->s, &fs->dz);
  if (ready == 2) {
    *complete = 1;
    st->resumed += fs->rows.present;
    return 0;
  }
  fs_sweep_runner run = {.dir = fs->dir,
                         .threads = o->threads,
                         .shard = o->shard,
                         .shards = o->shards,
                         .resume = o->resume,
                         .quiet = o->quiet,
                         .mpi_rank = o->mpi_rank,
                         .mpi_size = o->mpi_size,
                         .interrupt = o->interrupt,
                         .progress = o->progress,
                         .progress_ud = o->progress_ud};
  fs_sweep_stats ss;
  rc = fs_sweep_execute(fs->s, &fs->dz, &run, o->mpi_rank == 0 ? &fs->rows : NULL, &ss, err);
  /* Every rank goes on to the next family only if rank 0 does: it alone
     knows of an interruption or a journal error. */
  if (o->mpi_size > 1) {
    int stop = fs_sweep_mpi_agree(o->mpi_rank == 0 ? (rc != 0 ? 2 : ss.interrupted ? 1 : 0) : 0);
    if (o->mpi_rank > 0 && stop) return rc != 0 ? rc : FS_EINTR;
  }
  st->done += ss.done;
  st->resumed += ss.resumed;
  st->failed += ss.failed;
  if (ss.failed && !st->first_failure[0]) {
    int n =
        snprintf(st->first_failure, sizeof st->first_failure, "family %s: ", c->decl.fam[f].name);
    if (n > 0 && (size_t) n < sizeof st->first_failure)
      memcpy(st->first_failure + n, ss.first_failure,
             strnlen(ss.first_failure, sizeof st->first_failure - (size_t) n - 1) + 1);
    st->first_failure[sizeof st->first_failure - 1] = 0;
  }
  if (rc != 0) return rc;
  if (ss.interrupted) {
    st->interrupted = 1;
    return fs_err_set(err, FS_EINTR,
                      "interrupted: the finished tasks are in %s/families/*/tasks*.csv; continue "
                      "with the same command and --resume",
                      o->out);
  }
  *complete = o->shards <= 1 && o->mpi_rank == 0 && fs->rows.present == fs->rows.ntasks;
  return 0;
}

static int alloc_losses(fs_catalog_losses *l, const fs_catalog *c, const fs_catalog_run_opts *o,
                        fs_err *err) {
  size_t n = c->nevents * (size_t) o->reps;
  l->nevents = c->nevents;
  l->reps = (size_t) o->reps;
  l->nportfolios = o->nportfolios;
  l->gu = fs_calloc(n, sizeof *l->gu);
  int ok = l->gu != NULL;
  if (l->has_market) ok = ok && (l->mil = fs_calloc(n, sizeof *l->mil)) != NULL;
  for (int k = 0; k < l->nportfolios; k++) {
    l->pgu[k] = fs_calloc(n, sizeof *l->pgu[k]);
    l->pil[k] = fs_calloc(n, sizeof *l->pil[k]);
    ok = ok && l->pgu[k] && l->pil[k];
  }
  l->ind_loss = fs_calloc(n * (size_t) (l->nind ? l->nind : 1), sizeof *l->ind_loss);
  if (!ok || !l->ind_loss) return fs_err_set(err, FS_ENOMEM, "out of memory for %zu losses", n);
  return 0;
}

int fs_catalog_run(const fs_catalog *c, const fs_catalog_run_opts *o, fs_catalog_run_stats *st,
                   fs_err *err) {
  double t0 = fs_now();
  memset(st, 0, sizeof *st);
  double total = 0;
  for (size_t e = 0; e < c->nevents; e++) total += c->ev[e].rate;
  /* The years' occurrences fit (the bootstrap's weighted rates too, with
     room for their spread), checked before any simulation. */
  if (total * (double) o->years * (o->nboot > 0 ? 4.0 : 1.0) > FS_YLT_MAX_OCC)
    return fs_err_set(err, FS_EUSAGE,
                      "--years %zu: the catalogue's %g events a year would need about %.0f "
                      "occurrences%s, more than the limit of %u; simulate fewer years",
                      o->years, total, total * (double) o->years,
                      o->nboot > 0 ? " (and up to four times as many in a bootstrap replicate)"
                                   : "",
                      FS_YLT_MAX_OCC);
  int rc = 0, nf = c->decl.nfam, ready = 1;
  /* One pass over the catalogue per portfolio (one without any). Every
     pass's family sweeps are made first: a scenario or portfolio they
     refuse (a vendor the scenario does not know) writes nothing. */
  int np = o->nportfolios > 1 ? o->nportfolios : 1, nfs = np * nf;
  fam_state *fam = fs_calloc((size_t) nfs, sizeof *fam);
  if (!fam) return fs_err_set(err, FS_ENOMEM, "out of memory");
  for (int i = 0; i < nfs && rc == 0; i++) {
    if (c->fam[i % nf].nevents == 0) continue;
    if (!(fam[i].s = fs_calloc(1, sizeof *fam[i].s)))
      rc = fs_err_set(err, FS_ENOMEM, "out of memory");
    else
      rc = family_sweep(c, i % nf, i / nf, o, fam[i].s, &fam[i].dz, err);
  }
  if (rc == 0 && o->mpi_rank == 0) {
    rc = prepare_folder(c, o, err);
    ready = rc == 0 ? 1 : rc == FS_EUSAGE ? 3 : 4;
  }
  if (rc == 0 && o->mpi_size > 1) ready = fs_sweep_mpi_agree(ready);
  if (rc == 0 && ready != 1) rc = o->mpi_rank == 0 ? rc : (ready == 3 ? FS_EUSAGE : FS_EINVAL);
  int all = 1;
  for (int i = 0; i < nfs && rc == 0; i++) {
    if (c->fam[i % nf].nevents == 0) continue;
    int complete = 0;
    rc = run_family(c, i % nf, i / nf, o, &fam[i], st, &complete, err);
    all &= complete;
  }
  fs_catalog_losses l = {0};
  if (rc == 0 && all && st->failed == 0 && o->mpi_rank == 0) {
    for (int f = 0; f < nf; f++)
      if (fam[f].s) {
        add_industries(&l, fam[f].s);
        l.has_market |= output_index(fam[f].s, "market_insured_usd") >= 0;
      }
    rc = alloc_losses(&l, c, o, err);
    for (int i = 0; i < nfs && rc == 0; i++)
      if (fam[i].s) rc = collect(c, i % nf, i / nf, fam[i].s, &fam[i].rows, &l, err);
    st->wall_seconds = fs_now() - t0;
    if (rc == 0) rc = fs_catalog__tables(c, &l, o, st, err);
    if (rc == 0) st->tables = 1;
  }
  fs_catalog__losses_free(&l);
  for (int i = 0; i < nfs; i++) {
    fs_sweep_rows_free(&fam[i].rows);
    fs_design_free(&fam[i].dz);
    free(fam[i].s);
  }
  free(fam);
  st->wall_seconds = fs_now() - t0;
  return rc;
}
