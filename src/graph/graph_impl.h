/* graph_impl.h: pieces of the graph module shared by its files (internal). */
#ifndef FS_GRAPH_IMPL_H
#define FS_GRAPH_IMPL_H

#include <stddef.h>
#include <stdio.h>

#include <igraph.h>

#include "graph/graph.h"

/* Looks for a cycle of hard edges. Returns 1 when there is one, with the
   index of an edge on it (the one leaving its first member) in *at and "a ->
   b -> a" in buf; 0 when there is none (*at = -1); FS_ENOMEM. */
int fs_graph__hard_cycle(const fs_graph *g, long *at, char *buf, size_t cap, fs_err *err);

/* Group consistency: no duplicate dependent-provider pairs, no self loops,
   the edges of a redundant group agree on nothing but their group id (they
   may differ in weight and delay). FS_EINVAL with names. */
int fs_graph__check_groups(const fs_graph *g, fs_err *err);

/* Edge indices sorted by dependent, then group, then insertion (the first
   of a redundant group is the provider in use): off[n_nodes+1]
   and idx[n_edges], both malloc'd by the callee. */
int fs_graph__by_dependent(const fs_graph *g, uint32_t **off, uint32_t **idx, fs_err *err);

/* Writes to a temporary file next to path and renames it over path on
   success (write returns 0); on failure removes it. */
int fs_graph__write_atomic(const char *path, int (*write)(void *ud, FILE *f, fs_err *err), void *ud,
                           fs_err *err);

/* igraph is configured per process: these install fleetsim's error handler
   (messages instead of abort), the C attribute table and no warnings, and
   restore what was there. One thread at a time (igraph in Debian is not
   thread-safe anyway). */
typedef struct fs_graph_igraph_state {
  const igraph_attribute_table_t *attr;
  igraph_error_handler_t *err;
  igraph_warning_handler_t *warn;
} fs_graph_igraph_state;
void fs_graph__igraph_begin(fs_graph_igraph_state *st);
void fs_graph__igraph_end(fs_graph_igraph_state *st);
/* The last igraph error message since begin, or igraph_strerror(e). */
const char *fs_graph__igraph_error(igraph_error_t e);

/* graphml_scan.c: checks that every value of a numeric key (attr.type
   double, float, long or int) in the file, in a <data> or a key's
   <default>, with or without a namespace prefix, is a finite decimal
   number; FS_EINVAL with "FILE:LINE: ..." otherwise (a tag or key id too
   long to check is refused too). Rewinds f. */
int fs_graph__scan_numbers(FILE *f, const char *path, fs_err *err);

#endif
