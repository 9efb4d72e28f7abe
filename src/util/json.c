/* json.c: JSON string escaping and numbers. */
#include "util/json.h"

#include <math.h>

/* The length of the well-formed UTF-8 sequence at p (1 to 4; RFC 3629:
   no overlong forms, no surrogates, nothing above U+10FFFF), or 0. */
static int utf8_len(const unsigned char *p) {
  if (p[0] < 0x80) return 1;
  int n = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 ? 2 : 0;
  if (n == 0 || p[0] > 0xF4) return 0;
  for (int i = 1; i < n; i++)
    if ((p[i] & 0xC0) != 0x80) return 0;
  if (n == 3 && ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] >= 0xA0))) return 0;
  if (n == 4 && ((p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] >= 0x90))) return 0;
  return n;
}

/* Writes s, each byte that esc replaces (a non-NULL answer) replaced and
   each byte that does not begin well-formed UTF-8 written as U+FFFD, so
   that text from any input leaves as valid UTF-8. */
static void put_escaped(FILE *f, const char *s, const char *(*esc)(unsigned char c, char *buf)) {
  char buf[8];
  for (const unsigned char *p = (const unsigned char *) s; p && *p;) {
    int n = utf8_len(p);
    if (n == 0) {
      fputs("\xEF\xBF\xBD", f);
      p++;
    } else if (n > 1) {
      fwrite(p, 1, (size_t) n, f);
      p += n;
    } else {
      const char *r = esc(*p, buf);
      if (r)
        fputs(r, f);
      else
        fputc(*p, f);
      p++;
    }
  }
}

static const char *json_escape(unsigned char c, char *buf) {
  switch (c) {
  case '"':
    return "\\\"";
  case '\\':
    return "\\\\";
  case '\n':
    return "\\n";
  case '\r':
    return "\\r";
  case '\t':
    return "\\t";
  default:
    if (c >= 0x20) return NULL;
    snprintf(buf, 8, "\\u%04x", c);
    return buf;
  }
}

static const char *xml_escape(unsigned char c, char *buf) {
  (void) buf;
  switch (c) {
  case '&':
    return "&amp;";
  case '<':
    return "&lt;";
  case '>':
    return "&gt;";
  case '"':
    return "&quot;";
  case '\'':
    return "&#39;"; /* &apos; is not HTML 4 */
  /* An XML reader turns these into spaces inside an attribute value unless
     they are written as character references (XML 1.0, 3.3.3): a GraphML
     node id with a line break would not read back as itself. */
  case '\t':
    return "&#9;";
  case '\n':
    return "&#10;";
  case '\r':
    return "&#13;";
  default:
    /* XML 1.0 has no other control character, not even as a reference. */
    return c < 0x20 ? "\xEF\xBF\xBD" : NULL;
  }
}

void fs_json_str(FILE *f, const char *s) {
  fputc('"', f);
  put_escaped(f, s, json_escape);
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
  put_escaped(f, s, xml_escape);
}
