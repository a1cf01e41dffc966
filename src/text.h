/*
 * text.h - the byte classes of RFC 3261 §25 and RFC 3629 that both the
 * builders and the parsers use, so that what one builds the other accepts.
 */
#ifndef SIPCODES_TEXT_H
#define SIPCODES_TEXT_H

#include <stddef.h>

/* HEXDIG, either case (ABNF literals are case-insensitive). */
int sipc_is_hex(unsigned char c);

/* The ASCII a Reason-Phrase admits as itself: reserved / unreserved / SP /
 * HTAB ("%" starts an escape and is not included).  Inline: it runs once
 * per byte of every phrase parsed or built.  A switch rather than strchr,
 * so that NUL never matches. */
static inline int sipc_is_phrase_char(unsigned char c)
{
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
      (c >= 'A' && c <= 'Z'))
    return 1;
  switch (c) {
  case ' ': case '\t':
  /* reserved */
  case ';': case '/': case '?': case ':': case '@': case '&': case '=':
  case '+': case '$': case ',':
  /* mark */
  case '-': case '_': case '.': case '!': case '~': case '*': case '\'':
  case '(': case ')':
    return 1;
  default:
    return 0;
  }
}

/* Length of the well-formed UTF-8 sequence of 2 to 4 bytes at s (n bytes
 * available), or 0: no overlong forms, no surrogates, nothing above
 * U+10FFFF, no lone continuation byte (RFC 3629 §4). */
size_t sipc_utf8_len(const unsigned char *s, size_t n);

/* ASCII case-insensitive equality of s (len bytes, maybe holding NUL) and
 * the C string t: phrases, constant names and hangup-cause names are
 * looked up in any case. */
int sipc_same_caseless(const char *s, size_t len, const char *t);

/* True when the 2 bytes at s encode a C1 control, U+0080..U+009F. */
int sipc_is_c1(const unsigned char *s);

#endif
