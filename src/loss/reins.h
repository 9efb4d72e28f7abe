/* reins.h: a reinsurance programme applied to gross losses, year by year:
   quota share, per-risk excess of loss, catastrophe excess of loss with an
   hours clause, aggregate excess of loss on the year, each excess layer
   with reinstatements (docs/LOSSES.md, "Reinsurance").

   The layers inure in kind order: quota shares on the gross loss, per-risk
   layers on each risk's loss net of the quota shares, catastrophe layers
   on each event's loss net of both, aggregate layers on the year's loss net
   of all three. Layers of one kind share their subject (a tower) and must
   not overlap. An excess layer pays its share of the loss between its
   attachment and attachment + limit (per risk, per event or per year),
   and at most (1 + reinstatements) x limit in a year, eroded in time
   order. Reinstatement premiums are not modelled: they are a cost of the
   cover, not a loss. */
#ifndef FS_REINS_H
#define FS_REINS_H

#include <stddef.h>

#include "util/err.h"

#define FS_RI_MAX_LAYERS 16
#define FS_RI_NAME_MAX   64
/* The most reinstatements a layer may have. */
#define FS_RI_MAX_REINST 100

typedef enum fs_ri_kind {
  FS_RI_QUOTA_SHARE,
  FS_RI_PER_RISK,
  FS_RI_CAT,
  FS_RI_AGGREGATE,
  FS_RI_NKINDS
} fs_ri_kind;

typedef struct fs_ri_layer {
  char name[FS_RI_NAME_MAX];
  fs_ri_kind kind;
  double share;       /* ceded share (quota share), placed share (excess), in (0, 1] */
  double attachment;  /* excess: the retention per risk, event or year */
  double limit;       /* excess: the layer's width above the attachment, > 0 */
  int reinstatements; /* excess: the limit is there 1 + reinstatements times a year */
  double hours;       /* cat: losses within this many consecutive hours are one event */
} fs_ri_layer;

typedef struct fs_ri_programme {
  int n;
  fs_ri_layer layer[FS_RI_MAX_LAYERS];
} fs_ri_programme;

/* Checks a programme: names non-empty and distinct; shares in (0, 1]; the
   quota shares' sum at most 1; excess layers with a finite attachment >= 0,
   a limit > 0 and 0..FS_RI_MAX_REINST reinstatements; cat layers with
   hours > 0; two layers of one kind not overlapping. FS_EINVAL with a
   message naming the layer. */
int fs_ri_check(const fs_ri_programme *p, fs_err *err);

/* Reads a programme CSV: columns layer,kind,share,attachment,limit,
   reinstatements,hours (kind one of quota_share, per_risk, cat,
   aggregate; attachment, limit, reinstatements and hours empty for a
   quota share, hours empty but for cat, reinstatements empty for 0).
   Messages "FILE:LINE: column N (NAME): ...", FS_EINVAL; then the
   programme's checks with the line of the layer they name. */
int fs_ri_read(const char *path, fs_ri_programme *p, fs_err *err);

/* One year's gross losses: nocc occurrences (events) in time order, each
   with its risks' gross losses. */
typedef struct fs_ri_year_in {
  size_t nocc;
  const double *hour;  /* each occurrence's time in hours from the year's start, ascending */
  const size_t *first; /* occurrence o's risks: loss[first[o] .. first[o + 1]) */
  const double *loss;  /* each risk's gross loss (>= 0) */
} fs_ri_year_in;

/* What one layer did in the year. */
typedef struct fs_ri_layer_year {
  double recovery; /* paid (after its share) */
  int attached;    /* some loss reached into it */
  int exhausted;   /* some risk's, event's or the year's loss reached its top, or its
                      reinstatements ran out */
} fs_ri_layer_year;

/* Applies p to the year: ceded[o] is occurrence o's recovery from all
   layers (the aggregate and each event's cat recoveries allocated to its
   occurrences pro rata by their subject loss, the aggregate's in time
   order), so that occurrence o's net loss is its gross minus ceded[o]
   exactly, and the year's is the sum; out[k] says what layer k did.
   FS_ENOMEM. */
int fs_ri_apply_year(const fs_ri_programme *p, const fs_ri_year_in *in, double *ceded,
                     fs_ri_layer_year *out, fs_err *err);

/* "quota_share", "per_risk", "cat", "aggregate". */
const char *fs_ri_kind_name(fs_ri_kind k);

#endif
