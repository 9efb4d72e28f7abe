/* suggest.h: "did you mean" for every input fleetsim reads (scenario
   fields, parameter names, CSV ids and headers, vendor and node names, command
   options): one distance and one rule, so a typo gets the same help
   wherever it is made. */
#ifndef FS_SUGGEST_H
#define FS_SUGGEST_H

#include <stddef.h>

/* Words longer than this compare as too far apart (and cost no quadratic
   work). */
#define FS_SUGGEST_MAX_LEN 64

/* Optimal-string-alignment distance (Levenshtein plus the transposition of
   two adjacent letters, each edit counting 1), ignoring ASCII case;
   FS_SUGGEST_MAX_LEN + 1 when either word is longer than that. */
int fs_edit_distance(const char *a, const char *b);

/* The rule: the candidate nearest to word (the first of equals), when it is
   a likely typo: at most max(2, strlen(word) / 3) edits away; NULL
   otherwise, or when the word itself is a candidate. */
const char *fs_suggest(const char *word, const char *const *cand, size_t n);

/* The same over n names stored stride bytes apart from first (a field of
   an array of structs). */
const char *fs_suggest_field(const char *word, const char *first, size_t stride, size_t n);

#endif
