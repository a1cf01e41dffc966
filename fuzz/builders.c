/*
 * builders.c - libFuzzer target for sipcodes.status_line,
 * sipcodes.reason_header and sipcodes.q850.reason_header with arbitrary
 * text.
 *
 * Input layout: byte 0 holds flags, bytes 1-2 a number, the rest is the
 * text (any bytes, NUL included):
 *   flag 1  call without text (the builders' default phrase or none)
 *   flag 2  take the code and cause from the number as they are (invalid
 *           ones too) instead of folding it into 100..699 and 1..127
 *   flag 4  also pass the text itself as the code and as the cause
 *
 * Properties, each an abort() when broken:
 *  - no builder raises; each answers a string or nil and a short
 *    printable message (bad code or cause, text over 1024 bytes,
 *    unregistered code without a phrase);
 *  - no output holds CR or LF, and each parses back: status_line to the
 *    same code with the version "SIP/2.0", the reason builders to one value
 *    with their protocol and cause;
 *  - status_line loses nothing: percent-decoding its phrase gives the text
 *    with its valid %HH escapes decoded (the builder keeps those as they
 *    are and escapes every other byte the grammar refuses); and building
 *    again from the phrase it wrote gives the same line;
 *  - the quoted text comes back as README.md says the builders write it:
 *    control characters (C0, DEL, C1) as spaces, HTAB kept, bytes that are
 *    not UTF-8 as '?', '"' and '\' as themselves.  The expected text is
 *    computed here by a separate UTF-8 decoder, not by the project's.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"

#define TEXT_MAX 1024

enum { F_NOTEXT = 1, F_RAW = 2, F_TEXT_AS_CODE = 4 };

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
  (void)argc;
  (void)argv;
  fz_init();
  return 0;
}

static int hexval(unsigned char c)
{
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Percent-decodes the n bytes at s into b: "%HH" becomes its byte,
 * anything else stays as it is. */
static void pct_decode(struct fz_buf *b, const char *s, size_t n)
{
  size_t i = 0;
  while (i < n) {
    int h, l;
    if (s[i] == '%' && i + 2 < n && (h = hexval((unsigned char)s[i + 1])) >= 0 &&
        (l = hexval((unsigned char)s[i + 2])) >= 0) {
      fz_buf_addc(b, (char)(h * 16 + l));
      i += 3;
    } else {
      fz_buf_addc(b, s[i]);
      i++;
    }
  }
}

/* Decodes the UTF-8 sequence at s (n bytes left): its length, and its
 * code point in *cp; 0 when it is not well-formed (RFC 3629). */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned long *cp)
{
  size_t len, i;
  unsigned long v;
  if (s[0] < 0x80) return 0;
  if ((s[0] & 0xE0) == 0xC0) { len = 2; v = s[0] & 0x1Fu; }
  else if ((s[0] & 0xF0) == 0xE0) { len = 3; v = s[0] & 0x0Fu; }
  else if ((s[0] & 0xF8) == 0xF0) { len = 4; v = s[0] & 0x07u; }
  else return 0;
  if (n < len) return 0;
  for (i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    v = (v << 6) | (s[i] & 0x3Fu);
  }
  /* overlong forms, surrogates, beyond U+10FFFF */
  if ((len == 2 && v < 0x80) || (len == 3 && v < 0x800) || (len == 4 && v < 0x10000))
    return 0;
  if ((v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF) return 0;
  *cp = v;
  return len;
}

/* The text the reason builders must quote, as README.md describes it. */
static void expected_text(struct fz_buf *b, const char *str, size_t n)
{
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0, k;
  unsigned long cp;
  while (i < n) {
    unsigned char c = s[i];
    if (c == '\t') {
      fz_buf_addc(b, '\t');
      i++;
    } else if (c < 0x20 || c == 0x7f) {
      fz_buf_addc(b, ' ');
      i++;
    } else if (c < 0x80) {
      fz_buf_addc(b, (char)c);
      i++;
    } else if ((k = utf8_decode(s + i, n - i, &cp)) > 0) {
      if (cp <= 0x9F) fz_buf_addc(b, ' ');  /* a C1 control */
      else fz_buf_add(b, s + i, k);
      i += k;
    } else {
      fz_buf_addc(b, '?');
      i++;
    }
  }
}

/* Checks the status line at the top of the stack, built for code. */
static void check_line(lua_State *L, lua_Integer code)
{
  int top = lua_gettop(L), nres;
  size_t n, plen;
  const char *line = lua_tolstring(L, top, &n);
  char head[16];
  if (fz_has_crlf(line, n)) fz_fail("status_line output holds CR or LF");
  snprintf(head, sizeof head, "SIP/2.0 %03ld ", (long)code);
  if (n < 12 || memcmp(line, head, 12) != 0) fz_fail("status_line output has a bad head");
  fz_getfunc(L, "parse_status_line");
  lua_pushvalue(L, top);
  nres = fz_call(L, "parse_status_line (builder output)", 1);
  if (nres != 3 || lua_isnil(L, top + 1))
    fz_fail("status_line output does not parse: %s", nres == 2 ? lua_tostring(L, top + 2) : "?");
  if (lua_tointeger(L, top + 1) != code || !fz_streq(L, top + 3, "SIP/2.0", 7) ||
      !fz_streq(L, top + 2, line + 12, n - 12))
    fz_fail("status_line output parses to other values");
  lua_tolstring(L, top + 2, &plen);

  /* Building from the phrase it wrote gives the same line (when the
   * phrase is short enough to be taken at all). */
  if (plen <= TEXT_MAX) {
    fz_getfunc(L, "status_line");
    lua_pushinteger(L, code);
    lua_pushvalue(L, top + 2);
    nres = fz_call(L, "status_line (its own phrase)", 2);
    if (nres != 1 || !lua_rawequal(L, -1, top)) fz_fail("status_line is not idempotent");
  }
  lua_settop(L, top);
}

/* Checks the Reason value at the top of the stack: protocol, cause and,
 * when text is not NULL, that text; with text NULL, no text at all. */
static void check_reason(lua_State *L, const char *protocol, lua_Integer cause,
                         const char *text, size_t tlen)
{
  int top = lua_gettop(L), nres;
  size_t n;
  const char *out = lua_tolstring(L, top, &n);
  if (fz_has_crlf(out, n)) fz_fail("%s builder output holds CR or LF", protocol);
  fz_getfunc(L, "parse_reason");
  lua_pushvalue(L, top);
  nres = fz_call(L, "parse_reason (builder output)", 1);
  if (nres != 1 || lua_type(L, top + 1) != LUA_TTABLE || lua_rawlen(L, top + 1) != 1)
    fz_fail("%s builder output does not parse to one value: %s", protocol,
            nres == 2 ? lua_tostring(L, top + 2) : "?");
  lua_rawgeti(L, top + 1, 1);
  lua_getfield(L, -1, "protocol");
  if (!fz_streq(L, -1, protocol, strlen(protocol))) fz_fail("another protocol");
  lua_getfield(L, -2, "cause");
  if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) != cause) fz_fail("another cause");
  lua_getfield(L, -3, "text");
  if (text == NULL ? !lua_isnil(L, -1) : !fz_streq(L, -1, text, tlen))
    fz_fail("%s builder: the text parses back as something else", protocol);
  lua_settop(L, top);
}

/* Passes the text as the code or cause: either a result that parses back
 * or nil and a message; never a raise. */
static void text_as_code(lua_State *L, const char *fname, const char *prefix,
                         const char *text, size_t n)
{
  int nres, top = lua_gettop(L);
  size_t olen;
  const char *out;
  nres = fz_call_string(L, fname, fname, text, n);
  if (nres == 2) {
    fz_check_failure(L, top + 1, prefix);
  } else if (nres != 1 || lua_type(L, top + 1) != LUA_TSTRING) {
    fz_fail("%s(text) gave no string", fname);
  } else {
    out = lua_tolstring(L, top + 1, &olen);
    if (fz_has_crlf(out, olen)) fz_fail("%s(text) output holds CR or LF", fname);
    if (strcmp(fname, "status_line") == 0) {
      /* Only three digits 100..699 are a code. */
      lua_Integer code;
      if (n != 3) fz_fail("status_line took \"%.*s\" as a code", (int)n, text);
      code = (text[0] - '0') * 100 + (text[1] - '0') * 10 + (text[2] - '0');
      check_line(L, code);
    } else {
      fz_getfunc(L, "parse_reason");
      lua_pushvalue(L, top + 1);
      if (fz_call(L, "parse_reason", 1) != 1 || lua_type(L, -1) != LUA_TTABLE)
        fz_fail("%s(text) output does not parse", fname);
    }
  }
  lua_settop(L, top);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  lua_State *L = fz_init();
  unsigned flags, num;
  lua_Integer code, cause;
  const char *text;
  size_t tlen;
  int nres, registered;
  struct fz_buf want = {NULL, 0, 0}, got = {NULL, 0, 0};

  fz_begin(L, data, size);
  if (size < 3) return 0;
  flags = data[0];
  num = (unsigned)data[1] << 8 | data[2];
  text = (const char *)data + 3;
  tlen = size - 3;
  code = (flags & F_RAW) ? (lua_Integer)(num % 1000) : (lua_Integer)(100 + num % 600);
  cause = (flags & F_RAW) ? (lua_Integer)(num % 256) : (lua_Integer)(1 + num % 127);

  /* Is the code registered?  sipcodes.reason answers that (slot 1). */
  fz_getfunc(L, "reason");
  lua_pushinteger(L, code);
  (void)fz_call(L, "reason", 1);
  registered = lua_type(L, 1) == LUA_TSTRING;
  lua_settop(L, 1);

  /* status_line(code [, text]) */
  fz_getfunc(L, "status_line");
  lua_pushinteger(L, code);
  if (!(flags & F_NOTEXT)) lua_pushlstring(L, text, tlen);
  nres = fz_call(L, "status_line", (flags & F_NOTEXT) ? 1 : 2);
  if (code < 100 || code > 699) {
    if (nres != 2) fz_fail("status_line took code %ld", (long)code);
    fz_check_failure(L, 2, "sipcodes.status_line: expected a SIP status code (100..699), got ");
  } else if (flags & F_NOTEXT) {
    if (registered) {
      if (nres != 1) fz_fail("status_line refused registered code %ld", (long)code);
      check_line(L, code);
      /* Every registered phrase is a valid Reason-Phrase as it is. */
      lua_pushfstring(L, "SIP/2.0 %d %s", (int)code, lua_tostring(L, 1));
      if (!lua_rawequal(L, -1, 2))
        fz_fail("status_line without text does not use the registered phrase");
    } else {
      if (nres != 2) fz_fail("status_line built unregistered %ld without a phrase", (long)code);
      fz_check_failure(L, 2, "sipcodes.status_line: ");
    }
  } else if (tlen > TEXT_MAX) {
    if (nres != 2) fz_fail("status_line took %lu bytes of text", (unsigned long)tlen);
    fz_check_failure(L, 2, "sipcodes.status_line: bad argument #2: text longer than 1024 bytes");
  } else {
    size_t n;
    const char *line;
    if (nres != 1 || lua_type(L, 2) != LUA_TSTRING) fz_fail("status_line refused a text");
    check_line(L, code);
    line = lua_tolstring(L, 2, &n);
    pct_decode(&got, line + 12, n - 12);
    pct_decode(&want, text, tlen);
    if (got.n != want.n || (got.n > 0 && memcmp(got.p, want.p, got.n) != 0))
      fz_fail("status_line's phrase does not decode to the text");
  }
  lua_settop(L, 1);

  /* reason_header(code [, text]) and q850.reason_header(cause [, text]) */
  {
    static const char *const fnames[] = {"reason_header", "q850.reason_header"};
    static const char *const protocols[] = {"SIP", "Q.850"};
    int which;
    for (which = 0; which < 2; which++) {
      lua_Integer v = which == 0 ? code : cause;
      int valid = which == 0 ? (v >= 100 && v <= 699) : (v >= 1 && v <= 127);
      char prefix[64];
      snprintf(prefix, sizeof prefix, "sipcodes.%s: ", fnames[which]);
      fz_getfunc(L, fnames[which]);
      lua_pushinteger(L, v);
      if (!(flags & F_NOTEXT)) lua_pushlstring(L, text, tlen);
      nres = fz_call(L, fnames[which], (flags & F_NOTEXT) ? 1 : 2);
      if (!valid || (!(flags & F_NOTEXT) && tlen > TEXT_MAX)) {
        if (nres != 2) fz_fail("%s took %ld or %lu bytes of text", fnames[which], (long)v,
                               (unsigned long)tlen);
        fz_check_failure(L, 2, prefix);
      } else if (nres != 1 || lua_type(L, 2) != LUA_TSTRING) {
        fz_fail("%s refused %ld", fnames[which], (long)v);
      } else if (flags & F_NOTEXT) {
        /* The default: the registered phrase (SIP) or Q.850's wording,
         * none for a code or cause that has none. */
        int t = lua_gettop(L);
        size_t dlen = 0;
        const char *d;
        fz_getfunc(L, which == 0 ? "reason" : "q850.text");
        lua_pushinteger(L, v);
        fz_call(L, "default text", 1);
        /* The default stays on the stack (at t + 1) while d points into it;
         * check_reason reads the output from the top, so it goes above. */
        d = lua_type(L, t + 1) == LUA_TSTRING ? lua_tolstring(L, t + 1, &dlen) : NULL;
        lua_settop(L, t + 1);
        lua_pushvalue(L, t);
        check_reason(L, protocols[which], v, d, dlen);
      } else {
        want.n = 0;
        expected_text(&want, text, tlen);
        check_reason(L, protocols[which], v, want.p ? want.p : "", want.n);
        /* Building from the text it wrote gives the same value. */
        {
          int t = lua_gettop(L);
          fz_getfunc(L, fnames[which]);
          lua_pushinteger(L, v);
          lua_pushlstring(L, want.p ? want.p : "", want.n);
          if (want.n <= TEXT_MAX &&
              (fz_call(L, fnames[which], 2) != 1 || !lua_rawequal(L, -1, t)))
            fz_fail("%s is not idempotent", fnames[which]);
          lua_settop(L, t);
        }
      }
      lua_settop(L, 1);
    }
  }

  if (flags & F_TEXT_AS_CODE) {
    text_as_code(L, "status_line", "sipcodes.status_line: ", text, tlen);
    text_as_code(L, "reason_header", "sipcodes.reason_header: ", text, tlen);
    text_as_code(L, "q850.reason_header", "sipcodes.q850.reason_header: ", text, tlen);
  }
  fz_buf_free(&want);
  fz_buf_free(&got);
  fz_done(L);
  return 0;
}
