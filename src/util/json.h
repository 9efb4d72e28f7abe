/* json.h: small helpers to write JSON text (and escaped XML/HTML text). */
#ifndef FS_JSON_H
#define FS_JSON_H

#include <stdio.h>

/* Writes s as a JSON string literal (quoted, escaped). Bytes that are not
   well-formed UTF-8 become U+FFFD, so the text is valid UTF-8 whatever the
   input held. */
void fs_json_str(FILE *f, const char *s);
/* Writes s escaped for XML and HTML text and attributes (& < > " ', and tab,
   line feed and carriage return as character references so that attributes
   keep them), with the same UTF-8 repair. */
void fs_xml_str(FILE *f, const char *s);

/* Writes a number, or null when it is not finite (JSON has no NaN). */
void fs_json_num(FILE *f, double x);

#endif
