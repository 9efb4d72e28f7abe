/* plot.c: the generic gnuplot layer: data and script files, styling, rendering. */
#include "report/plot.h"
#include "report/plot_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/csv.h"
#include "util/fsutil.h"

/* Okabe-Ito and Tableau hues: distinguishable, print well, 16 series. */
static const char *const palette[] = {
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac", "#1f77b4", "#8c564b", "#17becf", "#bcbd22", "#7f7f7f", "#d62728"};
#define NPALETTE (sizeof palette / sizeof palette[0])

/* gnuplot gets this long per chart before the kernel stops it (SIGALRM). */
#define RENDER_SECONDS 60

int fs_plot_formats_parse(const char *list, unsigned *out, fs_err *err) {
  unsigned f = 0;
  const char *s = list;
  if (!*s) return fs_err_set(err, FS_EUSAGE, "--format: expected a list like html,svg,png,pdf");
  while (*s) {
    const char *e = strchr(s, ',');
    size_t n = e ? (size_t) (e - s) : strlen(s);
    if (n == 4 && strncmp(s, "html", 4) == 0)
      f |= FS_FMT_HTML;
    else if (n == 3 && strncmp(s, "svg", 3) == 0)
      f |= FS_FMT_SVG;
    else if (n == 3 && strncmp(s, "png", 3) == 0)
      f |= FS_FMT_PNG;
    else if (n == 3 && strncmp(s, "pdf", 3) == 0)
      f |= FS_FMT_PDF;
    else
      return fs_err_set(err, FS_EUSAGE,
                        "--format: unknown format '%.*s' (expected html, svg, png or pdf, "
                        "comma-separated)",
                        (int) n, s);
    s += n;
    if (*s == ',') {
      s++;
      if (!*s) return fs_err_set(err, FS_EUSAGE, "--format: empty format after ','");
    }
  }
  *out = f;
  return 0;
}

/* Looks name up in the folders of PATH, like execvp would. */
static int find_on_path(const char *name, char *out, size_t cap) {
  const char *path = getenv("PATH");
  if (!path || !*path) return -1;
  while (*path) {
    const char *e = strchr(path, ':');
    size_t n = e ? (size_t) (e - path) : strlen(path);
    if (n > 0 && n + strlen(name) + 2 < cap) {
      snprintf(out, cap, "%.*s/%s", (int) n, path, name);
      struct stat st;
      if (stat(out, &st) == 0 && S_ISREG(st.st_mode) && access(out, X_OK) == 0) return 0;
    }
    path += n + (e ? 1 : 0);
  }
  out[0] = '\0';
  return -1;
}

int fs_plot_begin(fs_plot *p, const char *dir, unsigned formats, fs_err *err) {
  memset(p, 0, sizeof *p);
  if (snprintf(p->dir, sizeof p->dir, "%s", dir) >= (int) sizeof p->dir)
    return fs_err_set(err, FS_EINVAL, "%s: path too long", dir);
  snprintf(p->plots, sizeof p->plots, "%s/plots", dir);
  p->formats = formats | FS_FMT_SVG;
  int rc = fs_mkdirs(p->plots, err);
  if (rc != 0) return rc;
  if (find_on_path("gnuplot", p->gnuplot, sizeof p->gnuplot) != 0)
    snprintf(p->skip, sizeof p->skip,
             "gnuplot was not found on PATH; the .dat and .gp files are in plots/ and render "
             "with 'gnuplot NAME.gp' there once it is installed");
  return 0;
}

void fs_plot_quote(char *buf, size_t cap, const char *s) {
  size_t n = 0;
  if (cap < 3) {
    if (cap) buf[0] = '\0';
    return;
  }
  buf[n++] = '\'';
  for (; *s && n + 3 < cap; s++) {
    if (*s == '\'') buf[n++] = '\'';
    if (*s == '\n' || *s == '\r') {
      buf[n++] = ' ';
      continue;
    }
    buf[n++] = *s;
  }
  buf[n++] = '\'';
  buf[n] = '\0';
}

static fs_chart *chart_add(fs_plot *p, const char *name, const char *title) {
  for (int i = 0; i < p->ncharts; i++)
    if (strcmp(p->charts[i].name, name) == 0) return &p->charts[i];
  if (p->ncharts == FS_PLOT_MAX_CHARTS) return NULL;
  fs_chart *c = &p->charts[p->ncharts++];
  memset(c, 0, sizeof *c);
  snprintf(c->name, sizeof c->name, "%s", name);
  snprintf(c->title, sizeof c->title, "%s", title ? title : name);
  return c;
}

const fs_chart *fs_plot_chart_get(const fs_plot *p, const char *name) {
  for (int i = 0; i < p->ncharts; i++)
    if (strcmp(p->charts[i].name, name) == 0) return &p->charts[i];
  return NULL;
}

void fs_plot_nodata(fs_plot *p, const char *name, const char *title, const char *why) {
  fs_chart *c = chart_add(p, name, title);
  if (!c) return;
  c->state = FS_CHART_NODATA;
  snprintf(c->note, sizeof c->note, "%s", why);
}

static FILE *open_file(fs_plot *p, const char *name, const char *ext, fs_err *err) {
  char path[4400];
  snprintf(path, sizeof path, "%s/%s.%s", p->plots, name, ext);
  FILE *f = fopen(path, "w");
  if (!f) fs_err_set(err, FS_EIO, "%s: cannot write: %s", path, strerror(errno));
  return f;
}

FILE *fs_plot_open_dat(fs_plot *p, const fs_plot_spec *s, fs_err *err) {
  if (!chart_add(p, s->name, s->title)) {
    fs_err_set(err, FS_ELIMIT, "more than %d charts", FS_PLOT_MAX_CHARTS);
    return NULL;
  }
  FILE *f = open_file(p, s->name, "dat", err);
  if (f) fprintf(f, "# %s.dat: data of %s.gp (%s)\n", s->name, s->name, s->title);
  return f;
}

static int spec_width(const fs_plot_spec *s) {
  return s->width > 0 ? s->width : 960;
}
static int spec_height(const fs_plot_spec *s) {
  return s->height > 0 ? s->height : 540;
}

FILE *fs_plot_open_gp(fs_plot *p, const fs_plot_spec *s, fs_err *err) {
  FILE *f = open_file(p, s->name, "gp", err);
  if (!f) return NULL;
  char q[512];
  fprintf(f,
          "# %s.gp: %s\n"
          "# Written by fleetsim from %s.dat. Edit freely, then re-render inside this\n"
          "# folder with:  gnuplot %s.gp\n"
          "set encoding utf8\n"
          "set terminal svg size %d,%d font 'Helvetica,14' noenhanced background '#ffffff'\n"
          "set output '%s.svg'\n",
          s->name, s->title, s->name, s->name, spec_width(s), spec_height(s), s->name);
  for (size_t i = 0; i < NPALETTE; i++)
    fprintf(f, "set linetype %zu lc rgb '%s' lw 2 pt 7 ps 0.6\n", i + 1, palette[i]);
  fprintf(f, "set linetype cycle %zu\n", NPALETTE);
  fs_plot_quote(q, sizeof q, s->title);
  fprintf(f, "set title %s font ',17'\n", q);
  fs_plot_quote(q, sizeof q, s->xlabel ? s->xlabel : "");
  fprintf(f, "set xlabel %s\n", q);
  fs_plot_quote(q, sizeof q, s->ylabel ? s->ylabel : "");
  fprintf(f, "set ylabel %s\n", q);
  fprintf(f, "set border 3 lc rgb '#555555'\n"
             "set tics nomirror out\n"
             "set grid xtics ytics lc rgb '#e0e0e0' lw 1 dt 1\n"
             "set style fill solid 0.85 noborder\n");
  if (s->key_outside)
    fprintf(f, "set key outside right top vertical Left reverse noopaque font ',12'\n");
  else
    fprintf(f, "set key inside top right Left reverse opaque box lc rgb '#cccccc' font ',12'\n");
  if (s->logx) fprintf(f, "set logscale x 10\n");
  if (s->logy) fprintf(f, "set logscale y 10\n");
  return f;
}

/* Forks gnuplot on NAME.gp inside plots/: a fixed argv, no shell. Its stderr
   goes to NAME.log, which fs_plot_finish reads on failure. */
static pid_t spawn_gnuplot(const fs_plot *p, const char *name) {
  char gp[64], logname[64];
  snprintf(gp, sizeof gp, "%s.gp", name);
  snprintf(logname, sizeof logname, "%s.log", name);
  pid_t pid = fork();
  if (pid != 0) return pid;
  if (chdir(p->plots) != 0) _exit(126);
  int in = open("/dev/null", O_RDWR);
  int log = open(logname, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (in < 0 || log < 0) _exit(126);
  dup2(in, 0);
  dup2(in, 1);
  dup2(log, 2);
  alarm(RENDER_SECONDS);
  char *argv[] = {(char *) "gnuplot", gp, NULL};
  execv(p->gnuplot, argv);
  _exit(127);
}

int fs_plot_render(fs_plot *p, const fs_plot_spec *s, FILE *gp, fs_err *err) {
  int w = spec_width(s), h = spec_height(s);
  if (p->formats & FS_FMT_PNG)
    fprintf(gp,
            "\nset terminal pngcairo size %d,%d font 'Helvetica,14' fontscale 1.25 noenhanced "
            "background '#ffffff'\nset output '%s.png'\nreplot\n",
            w * 3 / 2, h * 3 / 2, s->name);
  if (p->formats & FS_FMT_PDF)
    fprintf(gp,
            "\nset terminal pdfcairo size %.2fin,%.2fin font 'Helvetica,10' noenhanced\n"
            "set output '%s.pdf'\nreplot\n",
            w / 96.0, h / 96.0, s->name);
  fprintf(gp, "unset output\n");
  int bad = ferror(gp);
  bad |= fclose(gp) != 0;
  if (bad) return fs_err_set(err, FS_EIO, "%s/%s.gp: write failed", p->plots, s->name);
  fs_chart *c = chart_add(p, s->name, s->title);
  if (!c) return fs_err_set(err, FS_ELIMIT, "more than %d charts", FS_PLOT_MAX_CHARTS);
  if (!p->gnuplot[0]) {
    c->state = FS_CHART_SCRIPT;
    snprintf(c->note, sizeof c->note, "%s", p->skip);
    return 0;
  }
  c->pid = spawn_gnuplot(p, s->name);
  if (c->pid < 0) {
    c->pid = 0;
    c->state = FS_CHART_FAILED;
    snprintf(c->note, sizeof c->note, "cannot start gnuplot: %s", strerror(errno));
  } else {
    c->state = FS_CHART_RENDERED; /* until fs_plot_finish says otherwise */
  }
  return 0;
}

static int nonempty(const fs_plot *p, const char *name, const char *ext) {
  char path[4400];
  snprintf(path, sizeof path, "%s/%s.%s", p->plots, name, ext);
  struct stat st;
  return stat(path, &st) == 0 && st.st_size > 0;
}

void fs_plot_finish(fs_plot *p) {
  for (int i = 0; i < p->ncharts; i++) {
    fs_chart *c = &p->charts[i];
    if (!c->pid) continue;
    int st = 0;
    while (waitpid(c->pid, &st, 0) < 0 && errno == EINTR) {
    }
    c->pid = 0;
    char log[4400];
    snprintf(log, sizeof log, "%s/%s.log", p->plots, c->name);
    int ok = WIFEXITED(st) && WEXITSTATUS(st) == 0 && nonempty(p, c->name, "svg") &&
             (!(p->formats & FS_FMT_PNG) || nonempty(p, c->name, "png")) &&
             (!(p->formats & FS_FMT_PDF) || nonempty(p, c->name, "pdf"));
    if (ok) {
      unlink(log);
      continue;
    }
    c->state = FS_CHART_FAILED;
    char first[200] = "";
    FILE *f = fopen(log, "r");
    if (f) {
      /* gnuplot's message is the last non-empty line ("line 12: ..."). */
      char line[200];
      while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0]) snprintf(first, sizeof first, "%s", line);
      }
      fclose(f);
    }
    char name[sizeof c->name]; /* a copy: note and name share the chart */
    memcpy(name, c->name, sizeof name);
    if (WIFSIGNALED(st))
      snprintf(c->note, sizeof c->note, "gnuplot stopped by signal %d (see plots/%s.log)",
               WTERMSIG(st), name);
    else
      snprintf(c->note, sizeof c->note, "gnuplot failed (plots/%s.log): %.150s", name,
               first[0] ? first : "no picture written");
  }
}

double fs_plot_money_scale(double max, const char **unit) {
  if (max >= 1e9) {
    *unit = "USD bn";
    return 1e9;
  }
  if (max >= 1e6) {
    *unit = "USD m";
    return 1e6;
  }
  if (max >= 1e3) {
    *unit = "USD k";
    return 1e3;
  }
  *unit = "USD";
  return 1;
}

/* Counts (endpoints): "millions" or "thousands" by the largest value. */
double fs_plot__count_scale(double max, const char **unit) {
  if (max >= 1e6) {
    *unit = "millions";
    return 1e6;
  }
  if (max >= 1e4) {
    *unit = "thousands";
    return 1e3;
  }
  *unit = "";
  return 1;
}

size_t fs_plot__ncolours(void) {
  return NPALETTE;
}
