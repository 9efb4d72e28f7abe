/* plot.c: the gnuplot layer every chart shares: data and script files, styling, rendering, chart
 * names; and the pieces several charts draw: the time axis, horizontal bars, scales. */
#include "report/plot.h"
#include "report/plot_impl.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/fsutil.h"
#include "util/path.h"
#include "report/output.h"
#include "config/config.h"

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

/* Looks name up in the folders of PATH, like execvp would. A folder whose
   path with name does not fit in out is passed over: exec could not run a
   program there either (ENAMETOOLONG). */
static int find_on_path(const char *name, char *out, size_t cap) {
  const char *path = getenv("PATH");
  if (!path || !*path) return -1;
  while (*path) {
    const char *e = strchr(path, ':');
    size_t n = e ? (size_t) (e - path) : strlen(path);
    if (n > 0 && fs_path_fmt(out, cap, NULL, "%.*s/%s", (int) n, path, name) == 0) {
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
  int rc = fs_path_fmt(p->dir, sizeof p->dir, err, "%s", dir);
  if (rc == 0) rc = fs_path_join(p->plots, sizeof p->plots, dir, "plots", err);
  if (rc != 0) return rc;
  p->formats = formats | FS_FMT_SVG;
  rc = fs_plot__work_begin(p, err);
  if (rc != 0) return rc;
  if (find_on_path("gnuplot", p->gnuplot, sizeof p->gnuplot) != 0)
    snprintf(p->skip, sizeof p->skip,
             "gnuplot was not found on PATH; the .dat and .gp files are in plots/ and render "
             "with 'gnuplot NAME.gp' there once it is installed");
  return 0;
}

/* ---- text from the folder into the chart files */

/* Bytes of the valid UTF-8 character at s (1 to 4), or 0 when s starts
   none: a stray continuation byte, an overlong form, a surrogate, a code
   point over U+10FFFF or a sequence cut short (by the NUL too). */
static size_t utf8_len(const unsigned char *s) {
  unsigned c = s[0], cp, min;
  size_t n;
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf)
    n = 2, cp = c & 0x1f, min = 0x80;
  else if (c >= 0xe0 && c <= 0xef)
    n = 3, cp = c & 0x0f, min = 0x800;
  else if (c >= 0xf0 && c <= 0xf4)
    n = 4, cp = c & 0x07, min = 0x10000;
  else
    return 0;
  for (size_t i = 1; i < n; i++) {
    if ((s[i] & 0xc0) != 0x80) return 0;
    cp = cp << 6 | (s[i] & 0x3fu);
  }
  return cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0 : n;
}

size_t fs_plot__char(const char *s, char *out, size_t *len) {
  const unsigned char *u = (const unsigned char *) s;
  if (!*u) {
    *len = 0;
    return 0;
  }
  size_t n = utf8_len(u);
  int control = n == 1 ? u[0] < 0x20 || u[0] == 0x7f : n == 2 && u[0] == 0xc2 && u[1] < 0xa0;
  if (n == 0) { /* U+FFFD, as util/json.c writes one */
    memcpy(out, "\xef\xbf\xbd", 3);
    *len = 3;
    return 1;
  }
  if (control) {
    out[0] = ' ';
    *len = 1;
    return n;
  }
  memcpy(out, s, n);
  *len = n;
  return n;
}

void fs_plot_quote(char *buf, size_t cap, const char *s) {
  size_t n = 0, len, used;
  char ch[4];
  if (cap < 3) {
    if (cap) buf[0] = '\0';
    return;
  }
  buf[n++] = '\'';
  while ((used = fs_plot__char(s, ch, &len)) > 0) {
    size_t quote = len == 1 && ch[0] == '\'';
    if (n + quote + len + 2 > cap) break; /* the closing quote and the NUL */
    if (quote) buf[n++] = '\'';
    memcpy(buf + n, ch, len);
    n += len;
    s += used;
  }
  buf[n++] = '\'';
  buf[n] = '\0';
}

void fs_plot__comment(FILE *f, const char *s) {
  size_t len, used;
  char ch[4];
  for (; (used = fs_plot__char(s, ch, &len)) > 0; s += used) {
    if (len == 1 && ch[0] == '\\') ch[0] = '/';
    fwrite(ch, 1, len, f);
  }
}

void fs_plot__dat_label(FILE *d, const char *s) {
  size_t len, used;
  char ch[4];
  fputc('"', d);
  for (; (used = fs_plot__char(s, ch, &len)) > 0; s += used) {
    if (len == 1 && ch[0] == '"') ch[0] = '\'';
    if (len == 1 && ch[0] == '\\') fputc('\\', d);
    fwrite(ch, 1, len, d);
  }
  fputc('"', d);
}

/* Whether name may be a chart's file stem: [A-Za-z0-9_-], not empty. It
   names files and gnuplot's output, and is an HTML id. */
static int stem_ok(const char *name) {
  if (!*name) return 0;
  for (; *name; name++)
    if (!isalnum((unsigned char) *name) && *name != '_' && *name != '-') return 0;
  return 1;
}

/* The chart called name into *out, registered on first use; FS_ELIMIT
   when the name does not fit or the session is full. */
static int chart_add(fs_plot *p, const char *name, const char *title, fs_chart **out, fs_err *err) {
  for (int i = 0; i < p->ncharts; i++)
    if (strcmp(p->charts[i].name, name) == 0) {
      *out = &p->charts[i];
      return 0;
    }
  if (strlen(name) >= sizeof p->charts[0].name)
    return fs_err_set(err, FS_ELIMIT, "chart name %.80s...: longer than %zu bytes", name,
                      sizeof p->charts[0].name - 1);
  assert(stem_ok(name));
  if (!stem_ok(name))
    return fs_err_set(err, FS_EINVAL, "chart name %.80s: not of [A-Za-z0-9_-]", name);
  if (p->ncharts == FS_PLOT_MAX_CHARTS)
    return fs_err_set(err, FS_ELIMIT, "more than %d charts", FS_PLOT_MAX_CHARTS);
  fs_chart *c = &p->charts[p->ncharts++];
  memset(c, 0, sizeof *c);
  snprintf(c->name, sizeof c->name, "%s", name);
  snprintf(c->title, sizeof c->title, "%s", title ? title : name);
  *out = c;
  return 0;
}

const fs_chart *fs_plot_chart_get(const fs_plot *p, const char *name) {
  for (int i = 0; i < p->ncharts; i++)
    if (strcmp(p->charts[i].name, name) == 0) return &p->charts[i];
  return NULL;
}

int fs_plot_nodata(fs_plot *p, const char *name, const char *title, const char *why, fs_err *err) {
  fs_chart *c;
  int rc = chart_add(p, name, title, &c, err);
  if (rc != 0) return rc;
  c->state = FS_CHART_NODATA;
  snprintf(c->note, sizeof c->note, "%s", why);
  return 0;
}

int fs_plot__input(const char *dir, const char *file, char *path, size_t cap, fs_err *err) {
  int rc = fs_path_join(path, cap, dir, file, err);
  if (rc != 0) return rc;
  struct stat st;
  if (lstat(path, &st) != 0)
    return errno == ENOENT ? 1 : fs_err_set(err, FS_EIO, "%s: %s", path, strerror(errno));
  if (!S_ISREG(st.st_mode))
    return fs_err_set(err, FS_EINVAL,
                      "%s: not a regular file (a link, a pipe or a device is not read from a "
                      "results folder)",
                      path);
  return 0;
}

int fs_plot__hours(const fs_csv *c, size_t col, double *out, fs_err *err) {
  int rc = fs_csv_number(c, col, FS_CSV_NONNEG, out, err);
  if (rc == 0 && *out > FS_MAX_DURATION_HOURS)
    rc = fs_csv_fail(c, col, err, FS_EINVAL, "expected hours in [0, %g] (got %g)",
                     FS_MAX_DURATION_HOURS, *out);
  return rc;
}

int fs_plot__csv(fs_csv **out, const char *path, fs_err *err) {
  return fs_csv_open(out, path, FS_OPEN_NOFOLLOW, err);
}

FILE *fs_plot_open_dat(fs_plot *p, const fs_plot_spec *s, fs_err *err) {
  fs_chart *c;
  if (chart_add(p, s->name, s->title, &c, err) != 0) return NULL;
  FILE *f = fs_plot__create(p, s->name, "dat", err);
  if (!f) return NULL;
  fprintf(f, "# %s.dat: data of %s.gp (", s->name, s->name);
  fs_plot__comment(f, s->title);
  fputs(")\n", f);
  return f;
}

int fs_plot_close_dat(fs_plot *p, const char *name, FILE *d, fs_err *err) {
  int bad = ferror(d);
  bad |= fclose(d) != 0;
  return bad ? fs_err_set(err, FS_EIO, "%s/%s.dat: write failed", p->plots, name) : 0;
}

static int spec_width(const fs_plot_spec *s) {
  return s->width > 0 ? s->width : 960;
}
static int spec_height(const fs_plot_spec *s) {
  return s->height > 0 ? s->height : 540;
}

FILE *fs_plot_open_gp(fs_plot *p, const fs_plot_spec *s, fs_err *err) {
  if (!stem_ok(s->name)) {
    fs_err_set(err, FS_EINVAL, "chart name %.80s: not of [A-Za-z0-9_-]", s->name);
    return NULL;
  }
  FILE *f = fs_plot__create(p, s->name, "gp", err);
  if (!f) return NULL;
  char q[512];
  fprintf(f, "# %s.gp: ", s->name);
  fs_plot__comment(f, s->title);
  fprintf(f,
          "\n"
          "# Written by fleetsim from %s.dat. Edit freely, then re-render inside this\n"
          "# folder with:  gnuplot %s.gp\n"
          "set encoding utf8\n"
          "set terminal svg size %d,%d font 'Helvetica,14' noenhanced background '#ffffff'\n"
          "set output '%s.svg'\n",
          s->name, s->name, spec_width(s), spec_height(s), s->name);
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

/* Forks gnuplot on NAME.gp inside the charts' folder: a fixed argv, no
   shell. Its stderr goes to NAME.log (a new file, never a link), which
   fs_plot_finish reads on failure. gp and logname are built before the fork
   (fs_plot_render). */
static pid_t spawn_gnuplot(const fs_plot *p, char *gp, const char *logname) {
  pid_t pid = fork();
  if (pid != 0) return pid;
  if (chdir(p->work) != 0) _exit(126);
  int in = open("/dev/null", O_RDWR);
  int log = open(logname, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0666);
  if (in < 0 || log < 0) _exit(126);
  dup2(in, 0);
  dup2(in, 1);
  dup2(log, 2);
  alarm(RENDER_SECONDS);
  char *argv[] = {(char *) "gnuplot", gp, NULL};
  execv(p->gnuplot, argv);
  _exit(127);
}

/* Appends the PNG and PDF renderings (replot) to gp. */
static void other_formats(const fs_plot *p, const fs_plot_spec *s, FILE *gp) {
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
}

int fs_plot_render(fs_plot *p, const fs_plot_spec *s, FILE *gp, fs_err *err) {
  other_formats(p, s, gp);
  int bad = ferror(gp);
  bad |= fclose(gp) != 0;
  if (bad) return fs_err_set(err, FS_EIO, "%s/%s.gp: write failed", p->plots, s->name);
  fs_chart *c;
  int rc = chart_add(p, s->name, s->title, &c, err);
  if (rc != 0) return rc;
  if (!p->gnuplot[0]) {
    c->state = FS_CHART_SCRIPT;
    snprintf(c->note, sizeof c->note, "%s", p->skip);
    return 0;
  }
  /* Names relative to the charts' folder, where gnuplot runs; the pictures
     have extensions as long as .log, so they fit when it does. */
  char gp_name[FS_PLOT_NAME_MAX + 4], log_name[FS_PLOT_NAME_MAX + 5], path[FS_PATH_MAX];
  rc = fs_path_fmt(gp_name, sizeof gp_name, err, "%s.gp", s->name);
  if (rc == 0) rc = fs_path_fmt(log_name, sizeof log_name, err, "%s.log", s->name);
  if (rc == 0) rc = fs_path_join(path, sizeof path, p->work, log_name, err);
  if (rc != 0) return rc;
  c->pid = spawn_gnuplot(p, gp_name, log_name);
  if (c->pid < 0) {
    c->pid = 0;
    c->state = FS_CHART_FAILED;
    snprintf(c->note, sizeof c->note, "cannot start gnuplot: %s", strerror(errno));
  } else {
    c->state = FS_CHART_RENDERED; /* until fs_plot_finish says otherwise */
  }
  return 0;
}

/* The last non-empty line of gnuplot's log (its message: "line 12: ..."),
   or "" when there is none. */
static void last_line(const char *log, char *out, size_t cap) {
  out[0] = '\0';
  int fd = open(log, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
  if (!f) {
    if (fd >= 0) close(fd);
    return;
  }
  char line[200];
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\r\n")] = '\0';
    if (line[0]) snprintf(out, cap, "%s", line);
  }
  fclose(f);
}

/* The picture formats a session draws, as extensions and bits. */
static const struct {
  const char *ext;
  unsigned bit;
} pictures[] = {{"svg", FS_FMT_SVG}, {"png", FS_FMT_PNG}, {"pdf", FS_FMT_PDF}};

/* Waits for the gnuplot of chart c and marks it failed, its pictures
   removed, unless gnuplot succeeded and every picture is whole. */
static void reap(fs_plot *p, fs_chart *c) {
  int st = 0;
  while (waitpid(c->pid, &st, 0) < 0 && errno == EINTR) {
  }
  c->pid = 0;
  char log[FS_PATH_MAX];
  /* fs_plot_render built this path before it started gnuplot. */
  if (fs_path_fmt(log, sizeof log, NULL, "%s/%s.log", p->work, c->name) != 0) log[0] = '\0';
  int ok = WIFEXITED(st) && WEXITSTATUS(st) == 0, whole = 1;
  for (size_t i = 0; i < sizeof pictures / sizeof pictures[0]; i++)
    if (p->formats & pictures[i].bit) whole &= fs_plot__picture_ok(p, c->name, pictures[i].ext);
  if (ok && whole) {
    unlink(log);
    return;
  }
  c->state = FS_CHART_FAILED;
  c->cut = ok; /* gnuplot succeeded but a picture is not whole */
  for (size_t i = 0; i < sizeof pictures / sizeof pictures[0]; i++)
    fs_plot__remove(p, c->name, pictures[i].ext);
  char first[200];
  last_line(log, first, sizeof first);
  char name[sizeof c->name]; /* a copy: note and name share the chart */
  memcpy(name, c->name, sizeof name);
  if (WIFSIGNALED(st))
    snprintf(c->note, sizeof c->note, "gnuplot stopped by signal %d (see plots/%s.log)",
             WTERMSIG(st), name);
  else if (c->cut)
    snprintf(c->note, sizeof c->note,
             "gnuplot wrote a picture cut short or none (a full disk?); see plots/%s.log", name);
  else
    snprintf(c->note, sizeof c->note, "gnuplot failed (plots/%s.log): %.150s", name,
             first[0] ? first : "no picture written");
}

void fs_plot_finish(fs_plot *p) {
  for (int i = 0; i < p->ncharts; i++)
    if (p->charts[i].pid) reap(p, &p->charts[i]);
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

int fs_plot__code(const fs_err *err) {
  return err && err->code < 0 ? err->code : FS_EIO;
}

/* ---- the time axis of the timelines */

/* Every how many rows a timeline keeps, so that the rows up to xmax give
   at most FS_PLOT_MAX_POINTS points; hours[i * step] is row i's time. */
size_t fs_plot__stride(const double *hours, size_t n, size_t step, double xmax) {
  size_t in_range = 0;
  for (size_t i = 0; i < n && hours[i * step] <= xmax + 1e-9; i++) in_range = i + 1;
  return in_range > FS_PLOT_MAX_POINTS ? (in_range + FS_PLOT_MAX_POINTS - 1) / FS_PLOT_MAX_POINTS
                                       : 1;
}

/* The label of the hours axis: "hours since 19 Jul 2024 00:00 UTC". */
void fs_plot__hours_label(const fs_plot *p, char *buf, size_t cap) {
  if (!(p->start_unix > 0)) {
    snprintf(buf, cap, "hours since the start of the scenario");
    return;
  }
  char when[48];
  fs_output_strftime(p->start_unix, "%d %b %Y %H:%M UTC", when, sizeof when);
  snprintf(buf, cap, "hours since %s", when);
}

/* Hours on the x axis, UTC dates on the top axis, both every `step` hours. */
void fs_plot__time_axis(const fs_plot *p, FILE *gp) {
  double xmax = p->xmax_hours;
  double step = 24;
  if (xmax <= 36)
    step = 6;
  else if (xmax <= 96)
    step = 12;
  else
    step = 24 * ceil(xmax / 24 / 8);
  fprintf(gp, "set xrange [0:%g]\nset link x2\nset xtics 0, %g out nomirror\n", xmax, step);
  if (!(p->start_unix > 0)) return;
  double first = fmod(3600 * step - fmod(p->start_unix, 3600 * step), 3600 * step) / 3600;
  fprintf(gp, "set x2tics out nomirror font ',11' (");
  int n = 0;
  for (double h = first; h <= xmax + 1e-9; h += step) {
    char lab[32];
    fs_output_strftime(p->start_unix + h * 3600, step < 24 ? "%d %b %H:%M" : "%d %b", lab,
                       sizeof lab);
    fprintf(gp, "%s'%s' %g", n++ ? ", " : "", lab, h);
  }
  fprintf(gp, ")\n");
}

/* ---- horizontal bars */

/* Writes a horizontal bar chart: labels[i] with value[i] (already scaled),
   sorted so the largest is on top. */
int fs_plot__hbars(fs_plot *p, fs_plot_spec *sp, char (*labels)[96], const double *value, size_t n,
                   const char *valfmt, fs_err *err) {
  size_t *ord = fs_malloc((n ? n : 1) * sizeof *ord);
  if (!ord) return fs_err_set(err, FS_ENOMEM, "out of memory for %s", sp->name);
  for (size_t i = 0; i < n; i++) ord[i] = i;
  /* Insertion sort, ascending: few bars. */
  for (size_t i = 1; i < n; i++) {
    size_t x = ord[i], j = i;
    while (j > 0 && value[ord[j - 1]] > value[x]) {
      ord[j] = ord[j - 1];
      j--;
    }
    ord[j] = x;
  }
  sp->height = (int) (120 + 30 * n);
  if (sp->height < 360) sp->height = 360;
  FILE *d = fs_plot_open_dat(p, sp, err);
  if (!d) {
    free(ord);
    return fs_plot__code(err);
  }
  fprintf(d, "# label value (smallest first: gnuplot draws row 0 at the bottom)\n");
  for (size_t i = 0; i < n; i++) {
    fs_plot__dat_label(d, labels[ord[i]]);
    fprintf(d, " %.6g\n", value[ord[i]]);
  }
  free(ord);
  int rc = fs_plot_close_dat(p, sp->name, d, err);
  if (rc != 0) return rc;
  FILE *g = fs_plot_open_gp(p, sp, err);
  if (!g) return fs_plot__code(err);
  fprintf(g,
          "set key off\nset grid noytics\nset ytics scale 0 font ',12'\n"
          "set yrange [-0.7:%zu.7]\nset xrange [0:*]\nset offsets 0, graph 0.12, 0, 0\n"
          "plot '%s.dat' using ($2/2):0:($2/2):(0.38):yticlabels(1) with boxxyerror lt 1 "
          "fs solid 0.85 noborder, \\\n"
          "  '' using 2:0:(sprintf(' %s', $2)) with labels left font ',11' tc rgb '#333333'\n",
          n ? n - 1 : 0, sp->name, valfmt);
  return fs_plot_render(p, sp, g, err);
}

int fs_plot__bars_alloc(fs_plot_bars *b, size_t cap, const char *name, fs_err *err) {
  b->labels = fs_calloc(cap, sizeof *b->labels);
  b->v = fs_calloc(cap, sizeof *b->v);
  b->n = 0;
  if (b->labels && b->v) return 0;
  free(b->labels);
  free(b->v);
  return fs_err_set(err, FS_ENOMEM, "out of memory for %s", name);
}

void fs_plot__bars_free(fs_plot_bars *b) {
  free(b->labels);
  free(b->v);
}

void fs_plot__bars_add(fs_plot_bars *b, const char *label, double v) {
  snprintf(b->labels[b->n], sizeof b->labels[b->n], "%s", label);
  b->v[b->n++] = v;
}

/* Sorts b by value, descending (a selection sort, as the chart shows the
   top 20 of a few hundred vendors at most). */
void fs_plot__bars_sort_desc(fs_plot_bars *b) {
  for (size_t i = 0; i < b->n; i++)
    for (size_t j = i + 1; j < b->n; j++)
      if (b->v[j] > b->v[i]) {
        double t = b->v[i];
        b->v[i] = b->v[j];
        b->v[j] = t;
        char tl[96];
        memcpy(tl, b->labels[i], sizeof tl);
        memcpy(b->labels[i], b->labels[j], sizeof tl);
        memcpy(b->labels[j], tl, sizeof tl);
      }
}

/* ---- names and scales of sweep outputs */

/* Appends the characters of s to the stem being built, each outside
   [A-Za-z0-9_-] as '_' (the stem names files and is quoted into gnuplot
   scripts and HTML ids), keeping the first cap - 1 and hashing all as
   given. */
typedef struct stem {
  char *buf;
  size_t cap, len; /* len counts every character, kept or not */
  uint32_t hash;   /* FNV-1a: two names that share a start, or differ only in
                      replaced characters, stay apart */
  int replaced;    /* some character became '_' */
} stem;

static void stem_add(stem *t, const char *s) {
  for (; *s; s++) {
    int keep = isalnum((unsigned char) *s) || *s == '_' || *s == '-';
    t->replaced |= !keep;
    t->hash = (t->hash ^ (unsigned char) *s) * 16777619u;
    if (t->len + 1 < t->cap) t->buf[t->len] = keep ? *s : '_';
    t->len++;
  }
}

void fs_plot_sweep_stem(char *buf, size_t cap, const char *kind, const char *output,
                        const char *param) {
  size_t lim = sizeof((fs_chart *) 0)->name - 1;
  if (lim >= cap) lim = cap - 1;
  stem t = {buf, lim + 1, 0, 2166136261u, 0};
  stem_add(&t, kind);
  stem_add(&t, "-");
  stem_add(&t, output);
  if (param) {
    stem_add(&t, "-");
    stem_add(&t, param);
  }
  if (t.len <= lim && !t.replaced) {
    buf[t.len] = '\0';
    return;
  }
  size_t at = t.len + 9 <= lim ? t.len : lim - 9; /* where "-HASH" goes */
  snprintf(buf + at, 10, "-%08x", (unsigned) t.hash);
}

int fs_plot__is_money(const char *output) {
  size_t n = strlen(output);
  return n > 4 && strcmp(output + n - 4, "_usd") == 0;
}

int fs_plot__is_hours(const char *output) {
  return strncmp(output, "recovery_h", 10) == 0;
}

/* NN of an output recovery_hNN (1 to 3 digits, at most 100), or -1. */
static int recovery_pct(const char *o) {
  size_t n = strlen(o);
  if (n <= 10 || n > 13 || strncmp(o, "recovery_h", 10) != 0 ||
      strspn(o + 10, "0123456789") != n - 10)
    return -1;
  int pct = 0;
  for (o += 10; *o; o++) pct = pct * 10 + (*o - '0');
  return pct <= 100 ? pct : -1;
}

void fs_plot_output_label(char *buf, size_t cap, const char *o) {
  static const char *const known[][2] = {
      {"affected_endpoints", "affected endpoints"},
      {"peak_down", "peak endpoints down at once"},
      {"endpoint_hours_down", "endpoint-hours down"},
      {"ground_up_loss_usd", "ground-up economic loss"},
      {"portfolio_ground_up_usd", "portfolio ground-up loss"},
      {"portfolio_insured_usd", "portfolio insured loss"},
  };
  for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
    if (strcmp(o, known[i][0]) == 0) {
      snprintf(buf, cap, "%s", known[i][1]);
      return;
    }
  size_t n = strlen(o);
  int pct = recovery_pct(o);
  if (pct >= 0)
    snprintf(buf, cap, "hours until %d %% recovered", pct);
  else if (n > 9 && strncmp(o, "loss_", 5) == 0 && fs_plot__is_money(o))
    snprintf(buf, cap, "economic loss of %.*s", (int) (n - 9), o + 5);
  else
    snprintf(buf, cap, "%s", o);
}

/* Divisor and unit ("" for none) of an axis of output values up to max. */
double fs_plot__output_scale(const char *output, double max, const char **unit) {
  if (fs_plot__is_money(output)) return fs_plot_money_scale(max, unit);
  if (fs_plot__is_hours(output)) {
    *unit = ""; /* the label says hours */
    return 1;
  }
  return fs_plot__count_scale(max, unit);
}

/* "mean ground-up economic loss (USD m)". */
void fs_plot__output_axis(char *buf, size_t cap, const char *output, const char *unit) {
  char label[96];
  fs_plot_output_label(label, sizeof label, output);
  snprintf(buf, cap, "mean %s%s%s%s", label, *unit ? " (" : "", unit, *unit ? ")" : "");
}

void fs_plot__rp_axes(FILE *g) {
  fprintf(g, "set key inside top left Left reverse\nset yrange [0:*]\n"
             "set xtics (2, 5, 10, 25, 50, 100, 200, 500, 1000)\n");
  for (int r = 100; r <= 200; r += 100)
    fprintf(g,
            "set arrow from %d, graph 0 to %d, graph 1 nohead dt 2 lc rgb '#777777'\n"
            "set label '1 in %d' at %d, graph 0.03 left rotate by 90 offset -1.2,0 "
            "font ',11' tc rgb '#555555'\n",
            r, r, r, r);
}
