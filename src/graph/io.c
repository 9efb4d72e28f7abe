/* io.c: the dependency graph in files: CSV edge lists, GraphML (igraph) and DOT. */
#include <ctype.h>
#include <errno.h>
#include <igraph.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/fsutil.h"
#include "util/ident.h"
#include "util/num.h"
#include "graph/graph.h"
#include "graph/graph_impl.h"
#include "util/alloc.h"
#include "util/csv.h"
#include "util/json.h"
#include "util/path.h"
#include "util/suggest.h"

/* ---- atomic writes --------------------------------------------------------- */

int fs_graph__write_atomic(const char *path, int (*write)(void *ud, FILE *f, fs_err *err), void *ud,
                           fs_err *err) {
  /* Only a regular file is replaced: never a device, a FIFO or a link
     (renaming over /dev/null as root would replace the device). */
  struct stat st;
  if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode))
    return fs_err_set(err, FS_EUSAGE, "%s exists and is not a regular file (%s); not replacing it",
                      path,
                      S_ISLNK(st.st_mode)                          ? "a symbolic link"
                      : S_ISDIR(st.st_mode)                        ? "a folder"
                      : S_ISFIFO(st.st_mode)                       ? "a FIFO"
                      : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device"
                                                                   : "not a file");
  char tmp[FS_PATH_MAX];
  int rc = fs_path_fmt(tmp, sizeof tmp, err, "%s.tmp.XXXXXX", path);
  if (rc != 0) return rc;
  int fd = mkstemp(tmp);
  if (fd < 0) return fs_err_set(err, FS_EIO, "%s: cannot create (%s)", path, strerror(errno));
  FILE *f = fdopen(fd, "w");
  if (!f) {
    close(fd);
    unlink(tmp);
    return fs_err_set(err, FS_EIO, "%s: cannot write (%s)", path, strerror(errno));
  }
  rc = write(ud, f, err);
  if (ferror(f) && rc == 0) rc = fs_err_set(err, FS_EIO, "%s: write failed", path);
  if (fclose(f) != 0 && rc == 0) rc = fs_err_set(err, FS_EIO, "%s: write failed", path);
  if (rc == 0 && rename(tmp, path) != 0)
    rc = fs_err_set(err, FS_EIO, "%s: cannot rename into place (%s)", path, strerror(errno));
  if (rc != 0) unlink(tmp);
  return rc;
}

/* ---- CSV edge lists -------------------------------------------------------- */

static const char *const edge_cols[] = {"dependent", "provider", "kind",
                                        "group",     "weight",   "delay_hours"};

static int unknown_node(fs_graph *g, fs_csv *csv, size_t col, const char *name, fs_err *err) {
  const char *cand[512];
  size_t n = 0;
  for (uint32_t i = 0; i < g->n_providers && n < 512; i++) cand[n++] = fs_graph_name(g, i);
  const char *near = fs_suggest(name, cand, n);
  if (near)
    return fs_csv_fail(csv, col, err, FS_EINVAL, "unknown node \"%s\" (did you mean \"%s\"?)", name,
                       near);
  return fs_csv_fail(csv, col, err, FS_EINVAL, "unknown node \"%s\"", name);
}

int fs_graph_import_edges(fs_graph *g, const char *path, fs_err *err) {
  fs_csv *csv;
  int rc = fs_csv_open(&csv, path, 0, err);
  if (rc) return rc;
  long col[6];
  for (int k = 0; k < 6; k++) {
    col[k] = fs_csv_find(csv, edge_cols[k]);
    if (col[k] < 0) {
      fs_err_set(err, FS_EINVAL,
                 "%s:1: missing column %s (the header must name dependent,provider,kind,group,"
                 "weight,delay_hours)",
                 path, edge_cols[k]);
      fs_csv_close(csv);
      return FS_EINVAL;
    }
  }
  g->n_edges = 0;
  while ((rc = fs_csv_next(csv, err)) == 1) {
    const char *dn = fs_csv_field(csv, (size_t) col[0]), *pn = fs_csv_field(csv, (size_t) col[1]);
    long d = fs_graph_find(g, dn), p = fs_graph_find(g, pn);
    if (d < 0) {
      rc = unknown_node(g, csv, (size_t) col[0], dn, err);
      break;
    }
    if (p < 0) {
      rc = unknown_node(g, csv, (size_t) col[1], pn, err);
      break;
    }
    const char *ks = fs_csv_field(csv, (size_t) col[2]);
    int kind = strcmp(ks, "hard") == 0        ? FS_DEP_HARD
               : strcmp(ks, "redundant") == 0 ? FS_DEP_REDUNDANT
                                              : -1;
    if (kind < 0) {
      rc = fs_csv_fail(csv, (size_t) col[2], err, FS_EINVAL,
                       "expected hard or redundant (got \"%s\")", ks);
      break;
    }
    double group = 0, w = 1, delay = 0;
    if ((rc = fs_csv_number(csv, (size_t) col[3], FS_CSV_OPTIONAL | FS_CSV_NONNEG | FS_CSV_WHOLE,
                            &group, err)) < 0 ||
        (rc = fs_csv_number(csv, (size_t) col[4], FS_CSV_OPTIONAL | FS_CSV_UNIT, &w, err)) < 0 ||
        (rc = fs_csv_number(csv, (size_t) col[5], FS_CSV_OPTIONAL | FS_CSV_NONNEG, &delay, err)) <
            0)
      break;
    if ((kind == FS_DEP_HARD) != (group == 0)) {
      rc = fs_csv_fail(csv, (size_t) col[3], err, FS_EINVAL,
                       "a hard edge has group 0 (or empty), a redundant one a group >= 1 (got "
                       "\"%s\")",
                       fs_csv_field(csv, (size_t) col[3]));
      break;
    }
    if (group > 65535) {
      rc = fs_csv_fail(csv, (size_t) col[3], err, FS_EINVAL, "group ids go up to 65535");
      break;
    }
    fs_err e2 = {0};
    rc = fs_graph_add_edge(g, (uint32_t) d, (uint32_t) p, kind, (uint32_t) group, w, delay, 0, &e2);
    if (rc) {
      fs_err_set(err, rc, "%s:%ld: %s", path, fs_csv_line(csv), e2.msg);
      break;
    }
  }
  fs_csv_close(csv);
  if (rc < 0) return rc;
  rc = fs_graph_validate(g, err);
  if (rc) fs_err_prefix(err, "%s", path);
  return rc;
}

/* ---- GraphML --------------------------------------------------------------- */

static int write_graphml(void *ud, FILE *f, fs_err *err) {
  fs_graph *g = ud;
  fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
        "  <key id=\"v_kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"
        "  <key id=\"v_category\" for=\"node\" attr.name=\"category\" attr.type=\"string\"/>\n"
        "  <key id=\"v_industry\" for=\"node\" attr.name=\"industry\" attr.type=\"string\"/>\n"
        "  <key id=\"v_endpoints\" for=\"node\" attr.name=\"endpoints\" attr.type=\"double\"/>\n"
        "  <key id=\"v_revenue\" for=\"node\" attr.name=\"revenue_usd\" attr.type=\"double\"/>\n"
        "  <key id=\"v_weight\" for=\"node\" attr.name=\"weight\" attr.type=\"double\"/>\n"
        "  <key id=\"v_org\" for=\"node\" attr.name=\"org\" attr.type=\"long\"/>\n"
        "  <key id=\"v_policy\" for=\"node\" attr.name=\"policy\" attr.type=\"long\"/>\n"
        "  <key id=\"e_kind\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n"
        "  <key id=\"e_group\" for=\"edge\" attr.name=\"group\" attr.type=\"long\"/>\n"
        "  <key id=\"e_weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
        "  <key id=\"e_delay\" for=\"edge\" attr.name=\"delay_hours\" attr.type=\"double\"/>\n"
        "  <key id=\"e_via_fleet\" for=\"edge\" attr.name=\"via_fleet\" attr.type=\"long\"/>\n"
        "  <graph id=\"fleetsim\" edgedefault=\"directed\">\n",
        f);
  for (uint32_t v = 0; v < g->n_nodes; v++) {
    fputs("    <node id=\"", f);
    fs_xml_str(f, fs_graph_name(g, v));
    fputs("\">", f);
    if (fs_graph_is_org(g, v)) {
      fputs("<data key=\"v_kind\">organisation</data>", f);
      if (g->industry[v] >= 0 && g->industry[v] < g->nind) {
        fputs("<data key=\"v_industry\">", f);
        fs_xml_str(f, g->industries[g->industry[v]]);
        fputs("</data>", f);
      }
      fprintf(f,
              "<data key=\"v_endpoints\">%.17g</data><data key=\"v_revenue\">%.17g</data>"
              "<data key=\"v_weight\">%.17g</data><data key=\"v_org\">%d</data>"
              "<data key=\"v_policy\">%d</data>",
              g->endpoints[v], g->revenue_usd[v], g->weight[v], g->org[v], g->policy[v]);
    } else {
      fputs("<data key=\"v_kind\">provider</data>", f);
      if (g->category[v] >= 0) {
        fputs("<data key=\"v_category\">", f);
        fs_xml_str(f, g->cats[g->category[v]].id);
        fputs("</data>", f);
      }
    }
    fputs("</node>\n", f);
  }
  for (uint32_t e = 0; e < g->n_edges; e++) {
    fputs("    <edge source=\"", f);
    fs_xml_str(f, fs_graph_name(g, g->e_dep[e]));
    fputs("\" target=\"", f);
    fs_xml_str(f, fs_graph_name(g, g->e_prov[e]));
    fprintf(f,
            "\"><data key=\"e_kind\">%s</data><data key=\"e_group\">%u</data>"
            "<data key=\"e_weight\">%.9g</data><data key=\"e_delay\">%.9g</data>"
            "<data key=\"e_via_fleet\">%d</data></edge>\n",
            fs_dep_kind_ids[g->e_kind[e]], g->e_group[e], (double) g->e_weight[e],
            (double) g->e_delay[e], (g->e_flags[e] & FS_DEP_VIA_FLEET) ? 1 : 0);
  }
  fputs("  </graph>\n</graphml>\n", f);
  (void) err;
  return 0;
}

int fs_graph_write_graphml(fs_graph *g, const char *path, fs_err *err) {
  return fs_graph__write_atomic(path, write_graphml, g, err);
}

/* igraph reports errors through a process-wide handler without a context
   pointer, so its message travels through this thread-local buffer; the
   handler is installed only between fs_graph__igraph_begin and _end. */
static _Thread_local char igraph_msg[512];

static void igraph_handler(const char *reason, const char *file, int line, igraph_error_t e) {
  (void) file;
  (void) line;
  (void) e;
  snprintf(igraph_msg, sizeof igraph_msg, "%s", reason);
  IGRAPH_FINALLY_FREE();
}

void fs_graph__igraph_begin(fs_graph_igraph_state *st) {
  igraph_msg[0] = 0;
  st->attr = igraph_set_attribute_table(&igraph_cattribute_table);
  st->err = igraph_set_error_handler(igraph_handler);
  st->warn = igraph_set_warning_handler(igraph_warning_handler_ignore);
}

void fs_graph__igraph_end(fs_graph_igraph_state *st) {
  igraph_set_warning_handler(st->warn);
  igraph_set_error_handler(st->err);
  igraph_set_attribute_table(st->attr);
}

const char *fs_graph__igraph_error(igraph_error_t e) {
  return igraph_msg[0] ? igraph_msg : igraph_strerror(e);
}

static const char *vstr(const igraph_t *ig, const char *attr, igraph_integer_t v) {
  if (!igraph_cattribute_has_attr(ig, IGRAPH_ATTRIBUTE_VERTEX, attr)) return "";
  return VAS(ig, attr, v);
}
static double vnum(const igraph_t *ig, const char *attr, igraph_integer_t v, double dflt) {
  if (!igraph_cattribute_has_attr(ig, IGRAPH_ATTRIBUTE_VERTEX, attr)) return dflt;
  double x = VAN(ig, attr, v);
  return isnan(x) ? dflt : x;
}
static double enum_(const igraph_t *ig, const char *attr, igraph_integer_t e, double dflt) {
  if (!igraph_cattribute_has_attr(ig, IGRAPH_ATTRIBUTE_EDGE, attr)) return dflt;
  double x = EAN(ig, attr, e);
  return isnan(x) ? dflt : x;
}

/* The index of category id cat (added on first sight), or -1 for none. */
static int read_category(fs_graph *g, const char *cat, const char *path, const char *id, int *k,
                         fs_err *err) {
  *k = -1;
  if (!*cat) return 0;
  for (int j = 0; j < g->ncats; j++)
    if (strcmp(g->cats[j].id, cat) == 0) *k = j;
  if (*k >= 0) return 0;
  if (g->ncats == FS_GRAPH_MAX_CATS)
    return fs_err_set(err, FS_ELIMIT, "%s: more than %d categories", path, FS_GRAPH_MAX_CATS);
  if (strlen(cat) >= FS_ID_MAX)
    return fs_err_set(err, FS_ELIMIT, "%s: node '%s': category id longer than %d bytes", path, id,
                      FS_ID_MAX - 1);
  if (!fs_ident_ok(cat, strlen(cat)))
    return fs_err_set(err, FS_EINVAL, "%s: node '%s': category '%s' is not a name (%s)", path, id,
                      cat, FS_IDENT_RULE);
  *k = g->ncats++;
  snprintf(g->cats[*k].id, FS_ID_MAX, "%s", cat);
  snprintf(g->cats[*k].name, FS_NAME_MAX, "%s", cat);
  return 0;
}

/* The index of industry id ind (added on first sight), or -1 for none. */
static int read_industry(fs_graph *g, const char *ind, const char *path, const char *id, int *k,
                         fs_err *err) {
  *k = -1;
  if (!*ind) return 0;
  for (int j = 0; j < g->nind; j++)
    if (strcmp(g->industries[j], ind) == 0) *k = j;
  if (*k >= 0) return 0;
  if (g->nind == FS_MAX_INDUSTRIES)
    return fs_err_set(err, FS_ELIMIT, "%s: more than %d industries", path, FS_MAX_INDUSTRIES);
  if (strlen(ind) >= FS_ID_MAX)
    return fs_err_set(err, FS_ELIMIT, "%s: node '%s': industry id longer than %d bytes", path, id,
                      FS_ID_MAX - 1);
  if (!fs_ident_ok(ind, strlen(ind)))
    return fs_err_set(err, FS_EINVAL, "%s: node '%s': industry '%s' is not a name (%s)", path, id,
                      ind, FS_IDENT_RULE);
  *k = g->nind++;
  snprintf(g->industries[*k], FS_ID_MAX, "%s", ind);
  return 0;
}

/* An organisation's org or policy index: -1 (none) or an int32_t. */
static int index_ok(double x) {
  return x >= -1 && x <= INT32_MAX && x == floor(x);
}

/* Vertex v's id, into a new string (NULL when out of memory). igraph's
   GraphML reader runs libxml2 without entity substitution, which hands
   attribute values over with every '&' as the text "&#38;" (an id written
   "AT&amp;T" arrives as "AT&#38;T"): undone here. */
static char *node_id(const igraph_t *ig, igraph_integer_t v) {
  char *id = fs_strdup(vstr(ig, "id", v));
  if (!id) return NULL;
  char *o = id;
  for (const char *p = id; *p;) {
    if (strncmp(p, "&#38;", 5) == 0) {
      *o++ = '&';
      p += 5;
    } else {
      *o++ = *p++;
    }
  }
  *o = '\0';
  return id;
}

/* Adds vertex v, whose id is id, as a provider or an organisation; returns
   the node or a negative FS_E* code (the message names path). */
static long add_vertex(fs_graph *g, const igraph_t *ig, igraph_integer_t v, int is_org,
                       const char *id, const char *path, fs_err *err) {
  int k, rc;
  long i;
  if (!is_org) {
    if ((rc = read_category(g, vstr(ig, "category", v), path, id, &k, err)) != 0) return rc;
    i = fs_graph_add_provider(g, id, k, err);
  } else {
    if ((rc = read_industry(g, vstr(ig, "industry", v), path, id, &k, err)) != 0) return rc;
    double ep = vnum(ig, "endpoints", v, 0), rev = vnum(ig, "revenue_usd", v, 0);
    double w = vnum(ig, "weight", v, 1);
    double org = vnum(ig, "org", v, -1), pol = vnum(ig, "policy", v, -1);
    if (!(ep >= 0 && isfinite(ep)) || !(rev >= 0 && isfinite(rev)) || !(w >= 0 && isfinite(w)))
      return fs_err_set(err, FS_EINVAL,
                        "%s: node '%s': endpoints, revenue_usd and weight must be finite numbers "
                        ">= 0 (got %g, %g, %g)",
                        path, id, ep, rev, w);
    if (!index_ok(org) || !index_ok(pol))
      return fs_err_set(err, FS_EINVAL,
                        "%s: node '%s': org and policy must be whole numbers in [-1, %d] (got "
                        "%g, %g)",
                        path, id, INT32_MAX, org, pol);
    i = fs_graph_add_org(g, id, k, ep, rev, w, (int32_t) org, (int32_t) pol, err);
  }
  if (i < 0) fs_err_prefix(err, "%s", path);
  return i;
}

static long read_node(fs_graph *g, const igraph_t *ig, igraph_integer_t v, int is_org,
                      const char *path, fs_err *err) {
  char *id = node_id(ig, v);
  if (!id) return fs_err_set(err, FS_ENOMEM, "out of memory reading %s", path);
  long i = add_vertex(g, ig, v, is_org, id, path, err);
  free(id);
  return i;
}

/* Providers first, then organisations; categories and industries by first
   appearance. map[v] becomes vertex v's node. */
static int read_nodes(fs_graph *g, const igraph_t *ig, uint32_t *map, const char *path,
                      fs_err *err) {
  igraph_integer_t n = igraph_vcount(ig);
  for (int pass = 0; pass < 2; pass++)
    for (igraph_integer_t v = 0; v < n; v++) {
      const char *kind = vstr(ig, "kind", v);
      int is_org = strcmp(kind, "organisation") == 0;
      if (!is_org && *kind && strcmp(kind, "provider") != 0)
        return fs_err_set(err, FS_EINVAL,
                          "%s: node '%s': kind must be provider or organisation (got \"%s\")", path,
                          vstr(ig, "id", v), kind);
      if (is_org != pass) continue;
      long i = read_node(g, ig, v, is_org, path, err);
      if (i < 0) return (int) i;
      map[v] = (uint32_t) i;
    }
  return 0;
}

static int read_edges(fs_graph *g, const igraph_t *ig, const uint32_t *map, const char *path,
                      fs_err *err) {
  igraph_integer_t m = igraph_ecount(ig);
  int has_kind = igraph_cattribute_has_attr(ig, IGRAPH_ATTRIBUTE_EDGE, "kind");
  for (igraph_integer_t e = 0; e < m; e++) {
    igraph_integer_t from, to;
    igraph_error_t ie = igraph_edge(ig, e, &from, &to);
    if (ie != IGRAPH_SUCCESS)
      return fs_err_set(err, FS_EINVAL, "%s: edge %" IGRAPH_PRId ": %s", path, e,
                        fs_graph__igraph_error(ie));
    /* A missing kind (no attribute, or none on this edge) is hard. */
    const char *ks = has_kind && *EAS(ig, "kind", e) ? EAS(ig, "kind", e) : "hard";
    int kind = strcmp(ks, "hard") == 0        ? FS_DEP_HARD
               : strcmp(ks, "redundant") == 0 ? FS_DEP_REDUNDANT
                                              : -1;
    const char *dn = fs_graph_name(g, map[from]), *pn = fs_graph_name(g, map[to]);
    if (kind < 0)
      return fs_err_set(err, FS_EINVAL,
                        "%s: edge '%s' -> '%s': kind must be hard or redundant (got \"%s\")", path,
                        dn, pn, ks);
    double group = enum_(ig, "group", e, kind == FS_DEP_HARD ? 0 : 1);
    if (!(group >= 0 && group <= 65535 && group == floor(group)))
      return fs_err_set(
          err, FS_EINVAL,
          "%s: edge '%s' -> '%s': group must be a whole number in [0, 65535] (got %g)", path, dn,
          pn, group);
    unsigned fl = enum_(ig, "via_fleet", e, 0) != 0 ? FS_DEP_VIA_FLEET : 0;
    int rc = fs_graph_add_edge(g, map[from], map[to], kind, (uint32_t) group,
                               enum_(ig, "weight", e, 1), enum_(ig, "delay_hours", e, 0), fl, err);
    if (rc) {
      fs_err_prefix(err, "%s", path);
      return rc;
    }
  }
  return 0;
}

/* igraph's VAS/EAS read any attribute as strings and VAN/EAN any as
   numbers (a string's pointer as a double, a numeric one's as a string: a
   crash), so every attribute fleetsim reads must have its type. */
static int check_attr_types(const igraph_t *ig, const char *path, fs_err *err) {
  static const struct {
    igraph_attribute_elemtype_t of;
    const char *name;
    igraph_attribute_type_t type;
  } want[] = {{IGRAPH_ATTRIBUTE_VERTEX, "id", IGRAPH_ATTRIBUTE_STRING},
              {IGRAPH_ATTRIBUTE_VERTEX, "kind", IGRAPH_ATTRIBUTE_STRING},
              {IGRAPH_ATTRIBUTE_VERTEX, "category", IGRAPH_ATTRIBUTE_STRING},
              {IGRAPH_ATTRIBUTE_VERTEX, "industry", IGRAPH_ATTRIBUTE_STRING},
              {IGRAPH_ATTRIBUTE_VERTEX, "endpoints", IGRAPH_ATTRIBUTE_NUMERIC},
              {IGRAPH_ATTRIBUTE_VERTEX, "revenue_usd", IGRAPH_ATTRIBUTE_NUMERIC},
              {IGRAPH_ATTRIBUTE_VERTEX, "weight", IGRAPH_ATTRIBUTE_NUMERIC},
              {IGRAPH_ATTRIBUTE_VERTEX, "org", IGRAPH_ATTRIBUTE_NUMERIC},
              {IGRAPH_ATTRIBUTE_VERTEX, "policy", IGRAPH_ATTRIBUTE_NUMERIC},
              {IGRAPH_ATTRIBUTE_EDGE, "kind", IGRAPH_ATTRIBUTE_STRING},
              {IGRAPH_ATTRIBUTE_EDGE, "group", IGRAPH_ATTRIBUTE_NUMERIC},
              {IGRAPH_ATTRIBUTE_EDGE, "weight", IGRAPH_ATTRIBUTE_NUMERIC},
              {IGRAPH_ATTRIBUTE_EDGE, "delay_hours", IGRAPH_ATTRIBUTE_NUMERIC},
              {IGRAPH_ATTRIBUTE_EDGE, "via_fleet", IGRAPH_ATTRIBUTE_NUMERIC}};
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    igraph_attribute_type_t t;
    if (!igraph_cattribute_has_attr(ig, want[i].of, want[i].name)) continue;
    int text = want[i].type == IGRAPH_ATTRIBUTE_STRING;
    if (igraph_cattribute_table.gettype(ig, &t, want[i].of, want[i].name) != IGRAPH_SUCCESS ||
        t != want[i].type)
      return fs_err_set(err, FS_EINVAL, "%s: the %s attribute '%s' must be %s (attr.type=\"%s\")",
                        path, want[i].of == IGRAPH_ATTRIBUTE_EDGE ? "edge" : "node", want[i].name,
                        text ? "a string" : "a number", text ? "string" : "double");
  }
  return 0;
}

static int from_igraph(fs_graph *g, const igraph_t *ig, const char *path, fs_err *err) {
  if (!igraph_is_directed(ig))
    return fs_err_set(err, FS_EINVAL, "%s: the graph must be directed (edgedefault=\"directed\")",
                      path);
  int rc = check_attr_types(ig, path, err);
  if (rc != 0) return rc;
  uint32_t *map = fs_malloc(((size_t) igraph_vcount(ig) + 1) * sizeof *map);
  if (!map) return fs_err_set(err, FS_ENOMEM, "out of memory reading %s", path);
  rc = read_nodes(g, ig, map, path, err);
  if (rc == 0) rc = read_edges(g, ig, map, path, err);
  free(map);
  if (rc == 0 && (rc = fs_graph_validate(g, err)) != 0) fs_err_prefix(err, "%s", path);
  return rc;
}

/* igraph keeps one vertex for a repeated node id, so duplicates are found
   here, with their line, by a scan of the <node id="..."> tags. */
typedef struct node_tag {
  char *id;
  long line;
} node_tag;

static int cmp_tag(const void *a, const void *b) {
  const node_tag *x = a, *y = b;
  int c = strcmp(x->id, y->id);
  return c ? c : (x->line > y->line) - (x->line < y->line);
}

static int scan_node_ids(FILE *f, const char *path, node_tag **out, size_t *nout, fs_err *err) {
  node_tag *t = NULL;
  size_t n = 0, cap = 0;
  long line = 1;
  int c, rc = 0;
  char buf[FS_ID_MAX * 4];
  const char *pat = "<node";
  size_t match = 0;
  while ((c = fgetc(f)) != EOF && rc == 0) {
    if (c == '\n') line++;
    match = (c == pat[match]) ? match + 1 : (c == '<');
    if (match < 5) continue;
    match = 0;
    /* Inside a node tag: attributes name="value" until '>'; keep id's. */
    long tag_line = line;
    char name[16];
    size_t nl = 0, len = 0;
    int done = 0;
    c = fgetc(f);
    if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
      if (c == '\n') line++;
      continue; /* <nodeX...: another element */
    }
    if (c == '\n') line++;
    while (!done && (c = fgetc(f)) != EOF && c != '>') {
      if (c == '\n') line++;
      if (c == '"' || c == '\'') {
        int q = c, is_id = nl == 2 && memcmp(name, "id", 2) == 0;
        len = 0;
        while ((c = fgetc(f)) != EOF && c != q) {
          if (c == '\n') line++;
          if (len + 1 < sizeof buf) buf[len++] = (char) c;
        }
        nl = 0;
        done = is_id;
      } else if (c == '=' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        /* keep the name read so far */
      } else {
        if (nl > 0 && (name[nl - 1] == ' ')) nl = 0;
        if (nl + 1 < sizeof name) name[nl++] = (char) c;
      }
    }
    if (!done) continue;
    buf[len] = 0;
    if (n == cap) {
      cap = cap ? cap * 2 : 256;
      node_tag *nt = fs_realloc(t, cap * sizeof *t);
      if (!nt) {
        rc = fs_err_set(err, FS_ENOMEM, "out of memory reading %s", path);
        break;
      }
      t = nt;
    }
    t[n].id = fs_strdup(buf);
    t[n].line = tag_line;
    if (!t[n].id) {
      rc = fs_err_set(err, FS_ENOMEM, "out of memory reading %s", path);
      break;
    }
    n++;
  }
  /* A read error ends the scan like EOF: it must not pass as "no duplicates". */
  if (rc == 0 && ferror(f))
    rc = fs_err_set(err, FS_EIO, "%s: read error (%s)", path, strerror(errno));
  if (rc == 0 && n > 1) {
    qsort(t, n, sizeof *t, cmp_tag);
    for (size_t i = 1; i < n; i++)
      if (strcmp(t[i].id, t[i - 1].id) == 0) {
        rc = fs_err_set(err, FS_EINVAL, "%s:%ld: duplicate node id '%s' (first on line %ld)", path,
                        t[i].line, t[i].id, t[i - 1].line);
        break;
      }
  }
  if (rc != 0) {
    for (size_t i = 0; i < n; i++) free(t[i].id);
    free(t);
    t = NULL;
    n = 0;
  }
  *out = t;
  *nout = n;
  rewind(f);
  return rc;
}

static void free_tags(node_tag *t, size_t n) {
  for (size_t i = 0; t && i < n; i++) free(t[i].id);
  free(t);
}

static int cmp_id(const void *key, const void *elem) {
  return strcmp(key, ((const node_tag *) elem)->id);
}

/* igraph adds a vertex for an edge's end that no <node> declares: such a
   phantom would enter the graph as a provider. */
static int check_declared(const igraph_t *ig, const node_tag *t, size_t n, const char *path,
                          fs_err *err) {
  if ((size_t) igraph_vcount(ig) <= n) return 0; /* every vertex has its <node> */
  const char *id = "?";
  for (igraph_integer_t v = 0; v < igraph_vcount(ig); v++)
    if (n == 0 || !bsearch(vstr(ig, "id", v), t, n, sizeof *t, cmp_id)) { /* t NULL when n 0 */
      id = vstr(ig, "id", v);
      break;
    }
  return fs_err_set(err, FS_EINVAL, "%s: an edge refers to node '%s', which no <node> declares",
                    path, id);
}

int fs_graph_read_graphml(fs_graph *g, const char *path, fs_err *err) {
  fs_err e = {0};
  FILE *f = fs_open_input(path, 0, &e);
  if (!f) return fs_err_set(err, e.code, "%s", e.msg);
  node_tag *tags = NULL;
  size_t ntags = 0;
  int src = scan_node_ids(f, path, &tags, &ntags, err);
  if (src == 0) src = fs_graph__scan_numbers(f, path, err);
  if (src) {
    free_tags(tags, ntags);
    fclose(f);
    return src;
  }
  fs_graph_free(g);
  fs_graph_igraph_state st;
  fs_graph__igraph_begin(&st);
  igraph_t ig;
  igraph_error_t ie = igraph_read_graph_graphml(&ig, f, 0);
  fclose(f);
  int rc = 0;
  if (ie != IGRAPH_SUCCESS) {
    rc = fs_err_set(err, FS_EINVAL, "%s: malformed GraphML: %s", path, fs_graph__igraph_error(ie));
  } else {
    rc = check_declared(&ig, tags, ntags, path, err);
    if (rc == 0) rc = from_igraph(g, &ig, path, err);
    igraph_destroy(&ig);
  }
  free_tags(tags, ntags);
  fs_graph__igraph_end(&st);
  if (rc) fs_graph_free(g);
  return rc;
}

/* ---- DOT ------------------------------------------------------------------- */

static void dot_str(FILE *f, const char *s) {
  fputc('"', f);
  for (; *s; s++) {
    if (*s == '"' || *s == '\\') fputc('\\', f);
    fputc(*s, f);
  }
  fputc('"', f);
}

static int write_dot(void *ud, FILE *f, fs_err *err) {
  fs_graph *g = ud;
  fputs("// fleetsim dependency graph: an edge points from a dependent to its provider\n"
        "digraph fleetsim {\n  rankdir=LR;\n  node [shape=box];\n",
        f);
  for (uint32_t v = 0; v < g->n_nodes; v++) {
    fputs("  ", f);
    dot_str(f, fs_graph_name(g, v));
    if (fs_graph_is_org(g, v)) {
      fputs(" [kind=organisation, shape=ellipse", f);
      if (g->industry[v] >= 0 && g->industry[v] < g->nind) {
        fputs(", industry=", f);
        dot_str(f, g->industries[g->industry[v]]);
      }
      fprintf(f, ", endpoints=%.17g, revenue_usd=%.17g, weight=%.17g, policy=%d]\n",
              g->endpoints[v], g->revenue_usd[v], g->weight[v], g->policy[v]);
    } else {
      fputs(" [kind=provider, category=", f);
      dot_str(f, g->category[v] >= 0 ? g->cats[g->category[v]].id : "");
      fputs("]\n", f);
    }
  }
  for (uint32_t e = 0; e < g->n_edges; e++) {
    fputs("  ", f);
    dot_str(f, fs_graph_name(g, g->e_dep[e]));
    fputs(" -> ", f);
    dot_str(f, fs_graph_name(g, g->e_prov[e]));
    fprintf(f, " [kind=%s, group=%u, weight=%.9g, delay_hours=%.9g%s%s]\n",
            fs_dep_kind_ids[g->e_kind[e]], g->e_group[e], (double) g->e_weight[e],
            (double) g->e_delay[e], (g->e_flags[e] & FS_DEP_VIA_FLEET) ? ", via_fleet=1" : "",
            g->e_kind[e] == FS_DEP_REDUNDANT ? ", style=dashed" : "");
  }
  fputs("}\n", f);
  (void) err;
  return 0;
}

int fs_graph_write_dot(fs_graph *g, const char *path, fs_err *err) {
  return fs_graph__write_atomic(path, write_dot, g, err);
}

static int ends_with(const char *s, const char *suf) {
  size_t n = strlen(s), k = strlen(suf);
  return n >= k && strcmp(s + n - k, suf) == 0;
}

int fs_graph_export(fs_graph *g, const char *path, fs_err *err) {
  if (ends_with(path, ".graphml")) return fs_graph_write_graphml(g, path, err);
  if (ends_with(path, ".dot") || ends_with(path, ".gv")) return fs_graph_write_dot(g, path, err);
  return fs_err_set(err, FS_EUSAGE, "%s: export needs a .graphml or .dot file name", path);
}
