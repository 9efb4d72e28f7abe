/* json.c: JSON string escaping and numbers. */
#include "util/json.h"

#include <math.h>

void fs_json_str(FILE *f, const char *s) {
  fputc('"', f);
  for (const unsigned char *p = (const unsigned char *) s; *p; p++) {
    switch (*p) {
    case '"':
      fputs("\\\"", f);
      break;
    case '\\':
      fputs("\\\\", f);
      break;
    case '\n':
      fputs("\\n", f);
      break;
    case '\r':
      fputs("\\r", f);
      break;
    case '\t':
      fputs("\\t", f);
      break;
    default:
      if (*p < 0x20)
        fprintf(f, "\\u%04x", *p);
      else
        fputc(*p, f);
    }
  }
  fputc('"', f);
}

void fs_json_num(FILE *f, double x) {
  if (!isfinite(x))
    fputs("null", f);
  else if (x == floor(x) && fabs(x) < 9e15)
    fprintf(f, "%.0f", x);
  else if (fabs(x) >= 1e4 && fabs(x) < 9e15)
    fprintf(f, "%.2f", x); /* money and counts: cents, never exponents */
  else
    fprintf(f, "%.10g", x);
}

void fs_xml_str(FILE *f, const char *s) {
  for (; s && *s; s++) {
    switch (*s) {
    case '&':
      fputs("&amp;", f);
      break;
    case '<':
      fputs("&lt;", f);
      break;
    case '>':
      fputs("&gt;", f);
      break;
    case '"':
      fputs("&quot;", f);
      break;
    case '\'':
      fputs("&#39;", f);
      break; /* &apos; is not HTML 4 */
    default:
      fputc(*s, f);
    }
  }
}
