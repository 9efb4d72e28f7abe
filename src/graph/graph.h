/* graph.h: the vendor dependency graph: declaration, synthesis, import, export, frozen CSR. */
#ifndef FS_GRAPH_H
#define FS_GRAPH_H

#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "fleet/fleet.h"
#include "config/config.h"
#include "util/err.h"

/* Semantics (docs/GRAPH.md). An edge says "dependent depends on provider".
   The edges of one dependent fall into groups: a hard edge is a group of its
   own; redundant edges that share a group id form one any-of group. A
   dependent is down while at least one of its groups is down, and a group
   is down while all of its providers are down. Every group carries an
   impact weight w (0..1, the share of the dependent's capacity lost while
   the group is down) and each edge a propagation delay in hours (how long
   a provider's change of state takes to reach this dependent). */

#define FS_GRAPH_NONE      UINT32_MAX
#define FS_GRAPH_MAX_CATS  32
#define FS_GRAPH_MAX_NODES (1u << 30)
#define FS_GRAPH_MAX_EDGES (1u << 30)

typedef enum fs_dep_kind { FS_DEP_HARD = 0, FS_DEP_REDUNDANT = 1 } fs_dep_kind;
extern const char *const fs_dep_kind_ids[3]; /* "hard", "redundant", NULL */

/* Edge flag bits. */
enum {
  /* The dependency acts through the dependent's own endpoints (its endpoint
     agent, its operating system): the engine's fleet model already carries
     it, so it must not lower the upstream health a second time. */
  FS_DEP_VIA_FLEET = 1 << 0
};

/* A provider category (endpoint_security, os, cloud, saas_identity, ...). */
typedef struct fs_graph_category {
  char id[FS_ID_MAX];
  char name[FS_NAME_MAX];
  double weight;      /* impact on an organisation that loses it, 0..1 */
  double delay_hours; /* propagation delay of its organisation edges */
  double redundancy;  /* chance an organisation adds a redundant second provider */
  /* Hours an organisation takes to switch to its second provider when the
     first fails (0: at once, as active-active); the group counts as down
     meanwhile. Providers' own redundant groups switch at once. */
  double failover_hours;
  int via_fleet;      /* edges carry FS_DEP_VIA_FLEET */
  int on_cloud;       /* its providers run in cloud regions (synthesis attaches them) */
  int infrastructure; /* internet infrastructure (DNS, CDN): an outage that starts at one of its
                         providers falls under a policy's infrastructure exclusion */
} fs_graph_category;

/* ---- the declaration (what a scenario's `graph` table says) ------------- */

typedef struct fs_graph_decl_vendor {
  char id[FS_ID_MAX];
  char name[FS_NAME_MAX];
  int category;                    /* index into decl categories */
  int has_share;                   /* organisations may pick it */
  double share[FS_MAX_INDUSTRIES]; /* market share by industry of cfg */
  int line;                        /* declaration line, 0 when unknown */
  /* The provider's own fleet (optional): the service runs on these
     endpoints, so its health follows them (a provider is an organisation
     too). industry and region index cfg; agent: the endpoint agent it runs. */
  int has_fleet;
  int fleet_industry, fleet_region;
  double fleet_endpoints, fleet_revenue_usd;
  char fleet_agent[FS_ID_MAX];
} fs_graph_decl_vendor;

typedef struct fs_graph_decl_edge {
  char dependent[FS_ID_MAX], provider[FS_ID_MAX];
  int dep, prov; /* vendor indices */
  int kind;      /* fs_dep_kind */
  int group;     /* redundant group id within the dependent (>= 1), 0 for hard */
  double weight, delay_hours;
} fs_graph_decl_edge;

/* Synthesis settings (graph.synthesis). */
typedef struct fs_graph_synth {
  int orgs;                   /* organisations pick providers by market share */
  int cloud_category;         /* category index of cloud regions, or -1 */
  double provider_redundancy; /* chance a provider runs in a second region */
  double provider_weight;     /* impact of its cloud region on a provider */
  double provider_delay_hours;
  int tail_providers; /* synthetic long-tail SaaS providers */
  int tail_per_org;   /* long-tail providers each organisation uses */
  double tail_weight, tail_delay_hours;
} fs_graph_synth;

/* Owns its arrays; fs_graph_decl_free releases them. */
typedef struct fs_graph_decl {
  int ncats, nvendors, nedges;
  fs_graph_category cats[FS_GRAPH_MAX_CATS];
  fs_graph_decl_vendor *vendors;
  fs_graph_decl_edge *edges;
  fs_graph_synth synth;
} fs_graph_decl;

void fs_graph_decl_free(fs_graph_decl *d);

/* The declared edges form no cycle of hard dependencies and their groups
   are consistent (fs_graph_validate's rules). FS_EINVAL names the vendors;
   for a cycle, *edge is the index of the edge that closes it (else -1). */
int fs_graph_decl_check(const fs_graph_decl *d, long *edge, fs_err *err);

/* ---- the graph ----------------------------------------------------------- */

/* Nodes [0, n_providers) are vendors and providers; nodes [n_providers,
   n_nodes) are organisations. Edges are stored as given (coordinate list,
   dependent -> provider); analysis and the engine read the frozen CSR. Owns
   every array; fs_graph_free releases them. Not thread-safe. */
typedef struct fs_graph {
  uint32_t n_nodes, n_providers, n_edges;
  uint32_t cap_nodes, cap_edges;
  int ncats;
  fs_graph_category cats[FS_GRAPH_MAX_CATS];
  int nind; /* industry ids, for org nodes */
  char industries[FS_MAX_INDUSTRIES][FS_ID_MAX];
  /* nodes */
  uint32_t *name_off; /* into names */
  char *names;
  size_t names_len, names_cap;
  int16_t *category; /* providers: index into cats, -1 unknown; orgs: -1 */
  int16_t *industry; /* orgs: index into industries, -1 unknown */
  int32_t *org;      /* orgs: fleet organisation index, -1 when not from a fleet */
  int32_t *policy;   /* orgs: portfolio policy index, -1 none */
  double *endpoints, *revenue_usd, *weight; /* own figures; weight: what it stands for */
  /* edges */
  uint32_t *e_dep, *e_prov, *e_group; /* group: 0 hard, else id within the dependent */
  uint8_t *e_kind, *e_flags;
  float *e_weight, *e_delay;
  /* name index (open addressing), rebuilt on demand */
  uint32_t *hash;
  uint32_t hash_cap;
} fs_graph;

void fs_graph_init(fs_graph *g);
void fs_graph_free(fs_graph *g);

/* Adds a node; returns its index (>= 0) or a negative FS_E* code. Providers
   must all be added before the first organisation. Duplicate names are
   FS_EINVAL ("duplicate node id 'x'"). */
long fs_graph_add_provider(fs_graph *g, const char *name, int category, fs_err *err);
long fs_graph_add_org(fs_graph *g, const char *name, int industry, double endpoints,
                      double revenue_usd, double weight, int32_t org, int32_t policy, fs_err *err);
int fs_graph_add_edge(fs_graph *g, uint32_t dep, uint32_t prov, int kind, uint32_t group,
                      double weight, double delay_hours, unsigned flags, fs_err *err);
/* Node index by name, or -1. */
long fs_graph_find(fs_graph *g, const char *name);
const char *fs_graph_name(const fs_graph *g, uint32_t node);
static inline int fs_graph_is_org(const fs_graph *g, uint32_t node) {
  return node >= g->n_providers;
}

/* Builds the graph of a scenario: the declared vendors, categories and
   edges of d, then (d->synth.orgs) one organisation node per fleet
   organisation ("org:<index>") with its providers drawn by its industry's
   market shares, and providers' cloud regions and the long tail
   (preferential attachment). f may be NULL (no organisations). Deterministic
   for a given rng state. Validates (fs_graph_validate). */
int fs_graph_build(fs_graph *g, const fs_graph_decl *d, const fs_config *cfg, const fs_fleet *f,
                   gsl_rng *rng, fs_err *err);

/* The providers a portfolio's policies name (loss/portfolio.h:
   CloudRegions, IdentityProvider, MSP). For category k of the declaration,
   node[k] is NULL (every organisation draws by market share) or holds two
   provider nodes per policy: the organisation of policy i uses
   node[k][2 * i] alone (a hard edge), or with node[k][2 * i + 1] as a
   redundant pair in one group; node[k][2 * i] = -1: the policy names none
   and its organisation draws. Nothing is owned. */
typedef struct fs_graph_named {
  size_t npol; /* policies, indexed as fs_org.policy */
  const int32_t *node[FS_GRAPH_MAX_CATS];
} fs_graph_named;

/* fs_graph_build where the organisations of policies that name their
   providers use them (named may be NULL: fs_graph_build). The random draws
   are fs_graph_build's whatever named says (draw, then replace), so that
   every organisation keeps its picks in the other categories and the
   stream stays aligned with a portfolio that names nothing. */
int fs_graph_build_named(fs_graph *g, const fs_graph_decl *d, const fs_config *cfg,
                         const fs_fleet *f, const fs_graph_named *named, gsl_rng *rng, fs_err *err);

/* Replaces all edges with those of a CSV edge list with the header
   dependent,provider,kind,group,weight,delay_hours (kind hard|redundant;
   group: empty or 0 for hard, >= 1 for redundant; weight in [0,1]; delay
   >= 0). Names must be nodes of g. Errors name PATH:LINE and the column. */
int fs_graph_import_edges(fs_graph *g, const char *path, fs_err *err);

/* Replaces g by the GraphML file at path (the attributes fs_graph_write_graphml
   writes; missing ones take defaults: kind hard, weight 1, delay 0). */
int fs_graph_read_graphml(fs_graph *g, const char *path, fs_err *err);

/* Writes GraphML or Graphviz DOT atomically (temporary file, rename): on
   error nothing is left at path. */
int fs_graph_write_graphml(fs_graph *g, const char *path, fs_err *err);
int fs_graph_write_dot(fs_graph *g, const char *path, fs_err *err);
/* By extension: .graphml or .dot (FS_EUSAGE otherwise). */
int fs_graph_export(fs_graph *g, const char *path, fs_err *err);

/* Checks groups (all edges of a dependent's group agree on kind; a hard
   group has one edge), self loops, weights, delays, and that the hard edges
   are acyclic: a cycle is FS_EINVAL naming its members in order
   ("a -> b -> c -> a"). */
int fs_graph_validate(fs_graph *g, fs_err *err);

/* ---- the frozen graph the engine reads ----------------------------------- */

/* Compressed sparse rows, read-only after fs_graph_freeze, safe to share
   between threads. All indices are node indices of the fs_graph it came
   from. Groups are numbered globally: group k belongs to grp_node[k].

   Propagation (engine): when provider p changes state, for each i in
   [out_off[p], out_off[p+1]): after out_delay[i] hours, dependent
   out_node[i] learns it; the group out_group[i] counts its providers that
   are down; when that count reaches grp_size[g] the group is down and the
   dependent's upstream health is multiplied by (1 - grp_weight[g]) (unless
   grp_flags[g] has FS_DEP_VIA_FLEET); when it drops below, restored.
   Invariant: out_off and grp_off are non-decreasing with out_off[n_nodes] =
   n_edges and grp_off[n_nodes] = n_groups; the edges of a provider are in
   increasing dependent order; the groups of a dependent are contiguous. */
typedef struct fs_graph_csr {
  uint32_t n_nodes, n_providers, n_edges, n_groups;
  /* provider -> its dependents */
  uint32_t *out_off;   /* n_nodes + 1 */
  uint32_t *out_node;  /* n_edges: the dependent */
  uint32_t *out_group; /* n_edges: global group index */
  float *out_delay;    /* n_edges: hours */
  uint8_t
      *out_primary; /* n_edges: 1 for the first provider of a redundant group (the one in use) */
  /* dependent -> its groups */
  uint32_t *grp_off;   /* n_nodes + 1: groups of node d are [grp_off[d], grp_off[d+1]) */
  uint32_t *grp_node;  /* n_groups: the dependent */
  uint32_t *grp_size;  /* n_groups: providers in the group (1 for hard) */
  float *grp_weight;   /* n_groups: max weight of its edges */
  uint8_t *grp_kind;   /* n_groups: fs_dep_kind */
  uint8_t *grp_flags;  /* n_groups: FS_DEP_* flags (or of its edges) */
  float *grp_failover; /* n_groups: an organisation's redundant group's switch-over hours
                          (its first provider's category's failover_hours), else 0 */
  /* dependent -> its providers (reverse CSR, for analysis and health reads) */
  uint32_t *in_off;  /* n_nodes + 1 */
  uint32_t *in_node; /* n_edges: the provider */
  uint32_t *in_group;
  /* nodes <-> fleet organisations */
  int32_t *node_org; /* n_nodes: fleet org index or -1 */
} fs_graph_csr;

int fs_graph_freeze(const fs_graph *g, fs_graph_csr *c, fs_err *err);
void fs_graph_csr_free(fs_graph_csr *c);

#endif
