/*
 * text.c - byte classes shared by build.c and parse.c (see text.h).
 */
#include "text.h"

int sipc_is_hex(unsigned char c)
{
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
         (c >= 'A' && c <= 'F');
}

size_t sipc_utf8_len(const unsigned char *s, size_t n)
{
  unsigned char c = s[0], lo = 0x80, hi = 0xBF;
  size_t k, i;
  if (c >= 0xC2 && c <= 0xDF) {
    k = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    k = 3;
    if (c == 0xE0) lo = 0xA0;
    else if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    k = 4;
    if (c == 0xF0) lo = 0x90;
    else if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (n < k || s[1] < lo || s[1] > hi) return 0;
  for (i = 2; i < k; i++)
    if (s[i] < 0x80 || s[i] > 0xBF) return 0;
  return k;
}

int sipc_same_caseless(const char *s, size_t len, const char *t)
{
  size_t i;
  for (i = 0; i < len; i++) {
    unsigned char a = (unsigned char)s[i], b = (unsigned char)t[i];
    if (b == '\0') return 0;
    if (a >= 'A' && a <= 'Z') a = (unsigned char)(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z') b = (unsigned char)(b - 'A' + 'a');
    if (a != b) return 0;
  }
  return t[len] == '\0';
}

/* U+0080..U+009F are C2 80..C2 9F in UTF-8. */
int sipc_is_c1(const unsigned char *s)
{
  return s[0] == 0xC2 && s[1] < 0xA0;
}
