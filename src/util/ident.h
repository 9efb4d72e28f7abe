/* ident.h: the grammar of the names fleetsim writes into files and paths
   (scenario names, industry, region, vendor, category, tool and parameter
   ids): letters, digits, '_', '-' and '.', not starting with '.' or '-'.
   Such a name needs no quoting in a CSV header, a gnuplot script, a file
   name or a JSON key, and cannot climb out of a folder ("..", "/"). */
#ifndef FS_IDENT_H
#define FS_IDENT_H

#include <stddef.h>
#include <stdio.h>

/* Whether s (n bytes, n > 0) follows the grammar. */
int fs_ident_ok(const char *s, size_t n);

/* s as a message may show it: printable ASCII kept, a line break as \n,
   any other byte below 0x20 or 0x7f as \xHH (so that a name cannot forge
   lines of a message); cut to cap - 1 bytes. */
void fs_ident_show(const char *s, char *buf, size_t cap);

/* Writes n bytes of s, text from a file or a script, to a terminal's
   stream as fs_ident_show shows it (control bytes as \xHH, so that no
   escape sequence reaches the terminal), tabs kept, and line breaks kept
   when lines is 1 (else written \n). */
void fs_show_put(FILE *f, const char *s, size_t n, int lines);

/* The grammar in words, for messages. */
#define FS_IDENT_RULE "letters, digits, '_', '-' and '.', not starting with '.' or '-'"

#endif
