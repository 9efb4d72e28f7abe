/* decl.h: read a scenario's `graph` table (vendors, categories, edges, synthesis) into C. */
#ifndef FS_GRAPH_DECL_H
#define FS_GRAPH_DECL_H

#include "graph/graph.h"
#include "scenario/check.h"

/* Reads the table at idx (the scenario's `graph`, or models/vendors.lua
   returned by `require "vendors"`) with the check context c, so errors read
   "FILE:LINE: graph.edges[3].provider: unknown vendor 'awz-us-east-1' (did
   you mean 'aws-us-east-1'?)". Market shares are keyed by cfg's industry
   ids (plus "default"), so cfg's industries must be read already. Unknown
   names, duplicate ids, negative delays, weights outside [0,1] and cycles
   of hard edges are FS_EINVAL. *d is filled (fs_graph_decl_free). */
int fs_graph_decl_read(fs_check *c, int idx, const fs_config *cfg, fs_graph_decl *d);

#endif
