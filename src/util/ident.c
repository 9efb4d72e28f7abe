/* ident.c: the identifier grammar (ident.h). */
#include "util/ident.h"

#include <stdio.h>

int fs_ident_ok(const char *s, size_t n) {
  if (n == 0 || s[0] == '.' || s[0] == '-') return 0;
  for (size_t i = 0; i < n; i++) {
    char ch = s[i];
    int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
             ch == '_' || ch == '-' || ch == '.';
    if (!ok) return 0;
  }
  return 1;
}

void fs_ident_show(const char *s, char *buf, size_t cap) {
  size_t o = 0;
  for (; *s && o + 5 < cap; s++) {
    unsigned char ch = (unsigned char) *s;
    if (ch == '\n')
      o += (size_t) snprintf(buf + o, cap - o, "\\n");
    else if (ch < 0x20 || ch == 0x7f)
      o += (size_t) snprintf(buf + o, cap - o, "\\x%02x", ch);
    else
      buf[o++] = (char) ch;
  }
  if (cap) buf[o < cap ? o : cap - 1] = '\0';
}

void fs_show_put(FILE *f, const char *s, size_t n, int lines) {
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char) s[i];
    if (ch == '\t' || (ch == '\n' && lines))
      fputc(ch, f);
    else if (ch == '\n')
      fputs("\\n", f);
    else if (ch < 0x20 || ch == 0x7f)
      fprintf(f, "\\x%02x", ch);
    else
      fputc(ch, f);
  }
}
