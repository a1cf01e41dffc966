/*
 * parse.c - reading a SIP Status-Line (RFC 3261 §7.2 and §25) and a Reason
 * header field value (RFC 3326 §2, as updated by RFC 9366).
 *
 * Both inputs come off the network, so the parsers are strict and bounded:
 * they refuse over-long input before looking at it, look at each byte a
 * fixed number of times, never read past the length Lua gives (the input
 * may hold NUL bytes), and answer nil and a message instead of raising, for
 * the reason given in check.c: an error inside a routing script drops the
 * call.  Byte offsets in messages are 1-based, like Lua string positions,
 * so that a caller can s:sub() them.
 *
 * The grammar is RFC 3261's, with two deliberate tightenings that apply to
 * both parsers: UTF-8 must be well-formed as RFC 3629 defines it (the §25
 * ABNF would let overlong forms, surrogates and stray continuation bytes
 * through), and no control character but HTAB is accepted anywhere outside
 * a line fold, C1 controls (U+0080..U+009F) included, because these values
 * end up in logs and CDRs.
 *
 * No state outside the Lua stack: many Lua states run in parallel threads.
 */
#include <stdio.h>
#include <string.h>

#include "sipcodes.h"
#include "parse.h"
#include "text.h"

#define SL "sipcodes.parse_status_line: "
#define RS "sipcodes.parse_reason: "

/* A Status-Line is short; anything much longer is an attack or a framing
 * error, and is refused without being scanned. */
#define STATUS_LINE_MAX 4096
/* A Reason value holds a few reason-values with short texts. */
#define REASON_MAX 8192
/* Q.850 causes are 1..127 and SIP causes three digits; nine digits still
 * fit in 32 bits, whatever integer type the Lua version has. */
#define CAUSE_DIGITS_MAX 9

/* ---- bytes ------------------------------------------------------------ */

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static int is_alnum(unsigned char c)
{
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_wsp(unsigned char c) { return c == ' ' || c == '\t'; }

/* Control characters that no grammar here admits outside a fold. */
static int is_ctl(unsigned char c) { return (c < 0x20 && c != '\t') || c == 0x7f; }

/* token (RFC 3261 §25): alphanum / "-" / "." / "!" / "%" / "*" / "_" /
 * "+" / "`" / "'" / "~".  A switch, not strchr, so NUL never matches. */
static int is_token(unsigned char c)
{
  if (is_alnum(c)) return 1;
  switch (c) {
  case '-': case '.': case '!': case '%': case '*': case '_': case '+':
  case '`': case '\'': case '~':
    return 1;
  default:
    return 0;
  }
}

/* "U+0085" for the C1 control encoded at s: C2 xx encodes U+00xx. */
static const char *c1_name(const unsigned char *s, char *buf, size_t size)
{
  snprintf(buf, size, "U+%04X", (unsigned)s[1]);
  return buf;
}

/* A printable name for byte c, for messages: the network must not be able
 * to put raw control bytes into a log line through them. */
static const char *byte_name(unsigned char c, char *buf, size_t size)
{
  switch (c) {
  case '\0': return "NUL";
  case '\t': return "HTAB";
  case '\n': return "LF";
  case '\r': return "CR";
  case ' ': return "SP";
  default: break;
  }
  if (c > 0x20 && c < 0x7f) snprintf(buf, size, "'%c'", c);
  else snprintf(buf, size, "0x%02X", (unsigned)c);
  return buf;
}

/* Offsets are bounded by the length limits, far below INT_MAX. */
static int pos1(size_t i) { return (int)i + 1; }

/* The failure helper of the core (check.c): nil and a formatted message,
 * returning 2 (what a Lua function returns), or 0 for the Reason readers,
 * which return 1 when they succeed. */
#define fail(L, ...) sipc_fail((L), 0, __VA_ARGS__)
#define rfail(L, ...) (sipc_fail((L), 0, __VA_ARGS__), 0)

/* The length of a too-long input, clamped for %d. */
static int clamp_len(size_t len) { return len > 0x7fffffff ? 0x7fffffff : (int)len; }

/*
 * LWS = [*WSP CRLF] 1*WSP (RFC 3261 §25), tried at s[i]: returns the index
 * after the longest LWS there (i itself when there is none), and sets
 * *folded when it contains the CRLF of a line fold.  One CRLF at most, as
 * the rule says; a CRLF not followed by WSP is not part of it.
 */
static size_t lws_end(const unsigned char *s, size_t n, size_t i, int *folded)
{
  size_t j = i;
  *folded = 0;
  while (j < n && is_wsp(s[j])) j++;
  if (n - j >= 3 && s[j] == '\r' && s[j + 1] == '\n' && is_wsp(s[j + 2])) {
    j += 3;
    while (j < n && is_wsp(s[j])) j++;
    *folded = 1;
  }
  return j;
}

/* ---- Reason-Phrase ---------------------------------------------------- */

/* Reason-Phrase = *(reserved / unreserved / escaped / UTF8-NONASCII /
 *                   UTF8-CONT / SP / HTAB), escaped = "%" HEXDIG HEXDIG. */
static const char *sipc_check_phrase(const char *str, size_t len, size_t *at)
{
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;
  while (i < len) {
    unsigned char c = s[i];
    if (c >= 0x80) {
      size_t k = sipc_utf8_len(s + i, len - i);
      if (k == 0) {
        *at = i;
        return "invalid UTF-8 byte";
      }
      if (sipc_is_c1(s + i)) {
        *at = i;
        return "control character";
      }
      i += k;
    } else if (c == '%') {
      if (len - i < 3 || !sipc_is_hex(s[i + 1]) || !sipc_is_hex(s[i + 2])) {
        *at = i;
        return "incomplete escape";
      }
      i += 3;
    } else if (sipc_is_phrase_char(c)) {
      i++;
    } else {
      *at = i;
      return is_ctl(c) ? "control character" : "disallowed character";
    }
  }
  return NULL;
}

/* ---- Status-Line ------------------------------------------------------ */

/* What stands at s[i] in a message: a byte name, or the end of input. */
static const char *got(const unsigned char *s, size_t n, size_t i, char *buf,
                       size_t size)
{
  return i < n ? byte_name(s[i], buf, size) : "the end of the input";
}

/* The name of the byte at s[at] (n bytes from there) that a phrase check
 * refused: "U+0085" when it starts a well-formed sequence encoding a C1
 * control, else the byte itself ("0xC2" for a C2 that starts no valid
 * sequence, whatever follows it). */
static const char *phrase_byte_name(const unsigned char *s, size_t n,
                                    char *buf, size_t size)
{
  if (s[0] >= 0x80 && sipc_utf8_len(s, n) == 2 && sipc_is_c1(s))
    return c1_name(s, buf, size);
  return byte_name(s[0], buf, size);
}

/* True when the bytes from s[i] are only SP and HTAB up to the end of the
 * input or to a CRLF or LF that ends it: what lenient mode accepts after
 * the Status-Code as an empty phrase. */
static int blank_to_end(const unsigned char *s, size_t n, size_t i)
{
  while (i < n && is_wsp(s[i])) i++;
  return i == n || (i + 1 == n && s[i] == '\n') ||
         (i + 2 == n && s[i] == '\r' && s[i + 1] == '\n');
}

/*
 * Reads the options of parse_status_line at idx: nil (or none) for the
 * defaults, else a table whose only key may be "lenient" (a boolean).
 * Any other key is refused, not ignored: a misspelt "lenent = true" would
 * otherwise parse strictly without a word.  The table is read raw, so that
 * no metamethod runs.  Returns 1, or 0 after pushing nil and a message.
 */
static int status_line_options(lua_State *L, int idx, int *lenient)
{
  *lenient = 0;
  if (lua_isnoneornil(L, idx)) return 1;
  if (lua_type(L, idx) != LUA_TTABLE) {
    fail(L, SL "expected a table of options, got %s", luaL_typename(L, idx));
    return 0;
  }
  lua_pushnil(L);
  while (lua_next(L, idx) != 0) {
    size_t klen;
    const char *key = lua_type(L, -2) == LUA_TSTRING
                          ? lua_tolstring(L, -2, &klen) : NULL;
    if (key == NULL || klen != 7 || memcmp(key, "lenient", 7) != 0) {
      sipc_pushvalue_desc(L, -2);
      fail(L, SL "unknown option %s (known: lenient)", lua_tostring(L, -1));
      return 0;
    }
    if (lua_type(L, -1) != LUA_TBOOLEAN) {
      fail(L, SL "option 'lenient' must be a boolean, got %s",
           luaL_typename(L, -1));
      return 0;
    }
    *lenient = lua_toboolean(L, -1);
    lua_pop(L, 1);
  }
  return 1;
}

/*
 * sipcodes.parse_status_line(s [, options]) -> code, reason, version
 *                                            | nil, message
 *
 * Strict (the default): Status-Line = SIP-Version SP Status-Code SP
 * Reason-Phrase CRLF, with SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT
 * ("SIP" in any case, §7.1) and Status-Code = 3DIGIT in 100..699.  The
 * final CRLF may be left out (the line is often handed over already
 * split), but nothing may follow it.  The SP before the Reason-Phrase is
 * required even when the phrase is empty: the grammar has no optional form
 * (RFC 4475 §3.1.1.13 "noreason" says so).  The phrase is returned with
 * any SP or HTAB it starts or ends with.
 *
 * options.lenient = true reads what real traffic and the RFCs' own call
 * flows print (RFC 3665 §3.9 "SIP/2.0  486 Busy Here", RFC 3666 §2.7
 * "SIP/2.0  100 Trying"), as proxies and capture tools do: a run of SP and
 * HTAB wherever the grammar has one SP; no SP and no phrase after the code
 * ("SIP/2.0 200", the "liberal receiver" of RFC 4475 §3.1.1.13); a bare LF
 * as the line end; SP and HTAB before the line end.  The phrase is then
 * returned without the SP and HTAB around it.  Nothing else is relaxed: the
 * version, a code of three digits in 100..699, the phrase's characters and
 * UTF-8, no control characters, and nothing after the line end (a second
 * line) are held to the same rules.
 *
 * In both modes the phrase and the version are returned as given: escapes
 * are not decoded, case is kept.
 */
static int parse_status_line(lua_State *L)
{
  size_t len, i, start, end, at, version_end;
  const unsigned char *s;
  const char *why, *sep;
  char buf[8], digits[4];
  int code, lenient;

  if (!status_line_options(L, 2, &lenient)) return 2;
  if (lua_type(L, 1) != LUA_TSTRING)
    return fail(L, SL "expected a string, got %s", luaL_typename(L, 1));
  s = (const unsigned char *)lua_tolstring(L, 1, &len);
  if (len > STATUS_LINE_MAX)
    return fail(L, SL "input of %d bytes is longer than %d", clamp_len(len),
                STATUS_LINE_MAX);
  sep = lenient ? "SP or HTAB" : "SP";

  /* SIP-Version */
  if (len < 4 || (s[0] | 0x20) != 's' || (s[1] | 0x20) != 'i' ||
      (s[2] | 0x20) != 'p' || s[3] != '/')
    return fail(L, SL "expected a SIP-Version (\"SIP/\") at byte 1");
  for (i = 4; i < len && is_digit(s[i]); i++) {}
  if (i == 4)
    return fail(L, SL "expected a digit at byte %d in the SIP-Version, got %s",
                pos1(i), got(s, len, i, buf, sizeof buf));
  if (i >= len || s[i] != '.')
    return fail(L, SL "expected '.' at byte %d in the SIP-Version, got %s",
                pos1(i), got(s, len, i, buf, sizeof buf));
  start = ++i;
  for (; i < len && is_digit(s[i]); i++) {}
  if (i == start)
    return fail(L, SL "expected a digit at byte %d in the SIP-Version, got %s",
                pos1(i), got(s, len, i, buf, sizeof buf));
  version_end = i;
  if (i >= len || !(s[i] == ' ' || (lenient && s[i] == '\t')))
    return fail(L, SL "expected %s after the SIP-Version at byte %d, got %s",
                sep, pos1(i), got(s, len, i, buf, sizeof buf));
  i++;
  if (lenient)
    while (i < len && is_wsp(s[i])) i++;

  /* Status-Code */
  for (start = i; i < start + 3; i++)
    if (i >= len || !is_digit(s[i]))
      return fail(L, SL "expected a three-digit Status-Code at byte %d, "
                  "got %s", pos1(i), got(s, len, i, buf, sizeof buf));
  if (i < len && is_digit(s[i]))
    return fail(L, SL "Status-Code at byte %d has more than three digits",
                pos1(start));
  memcpy(digits, s + start, 3);
  digits[3] = '\0';
  code = (s[start] - '0') * 100 + (s[start + 1] - '0') * 10 + (s[start + 2] - '0');
  if (code < SIPC_MIN || code > SIPC_MAX)
    return fail(L, SL "Status-Code %s at byte %d is out of range (%d..%d)",
                digits, pos1(start), SIPC_MIN, SIPC_MAX);

  /* The end of the phrase: before one optional CRLF at the very end (or,
   * lenient, a bare LF), and, lenient, before the SP and HTAB there. */
  end = len;
  if (len - i >= 2 && s[len - 2] == '\r' && s[len - 1] == '\n') end = len - 2;
  else if (lenient && len > i && s[len - 1] == '\n') end = len - 1;
  if (lenient)
    while (end > i && is_wsp(s[end - 1])) end--;

  /* The SP before the Reason-Phrase (lenient: a run, or nothing when the
   * line ends after the code) */
  if (lenient && (i == end || s[i] == '\r' || s[i] == '\n')) {
    start = i;  /* a line end with more after it: the phrase check says so */
  } else {
    if (i >= len || !(s[i] == ' ' || (lenient && s[i] == '\t'))) {
      if (lenient)
        return fail(L, SL "expected SP or HTAB after the Status-Code at byte "
                    "%d, got %s", pos1(i), got(s, len, i, buf, sizeof buf));
      return fail(L, SL "expected SP after the Status-Code at byte %d, got %s%s",
                  pos1(i), got(s, len, i, buf, sizeof buf),
                  blank_to_end(s, len, i)
                      ? " (an empty Reason-Phrase still needs the SP before "
                        "it; {lenient = true} accepts the line without it)"
                      : i < len && s[i] == '\t'
                      ? " ({lenient = true} accepts HTAB)" : "");
    }
    i++;
    if (lenient)
      while (i < end && is_wsp(s[i])) i++;
    start = i;
  }

  /* Reason-Phrase */
  why = sipc_check_phrase((const char *)s + start, end - start, &at);
  if (why != NULL) {
    at += start;
    if (s[at] == '\r' && at + 1 < len && s[at + 1] == '\n')
      return fail(L, SL "CRLF at byte %d is followed by more input at byte %d",
                  pos1(at), pos1(at + 2));
    if (s[at] == '\n' && lenient)
      return fail(L, SL "LF at byte %d is followed by more input at byte %d",
                  pos1(at), pos1(at + 1));
    if (s[at] == '\r') return fail(L, SL "bare CR at byte %d", pos1(at));
    if (s[at] == '\n') return fail(L, SL "bare LF at byte %d", pos1(at));
    return fail(L, SL "%s %s at byte %d in the Reason-Phrase", why,
                phrase_byte_name(s + at, end - at, buf, sizeof buf), pos1(at));
  }

  lua_pushinteger(L, code);
  lua_pushlstring(L, (const char *)s + start, end - start);
  lua_pushlstring(L, (const char *)s, version_end);
  return 3;
}

/* ---- Reason header field ---------------------------------------------- */

/* Stack slots of parse_reason while it builds one reason-value. */
enum {
  R_INPUT = 1,
  R_LIST,    /* the list returned */
  R_VALUE,   /* the reason-value being built */
  R_PARAMS,  /* its params table */
  R_NAME,    /* the lowercased name of the parameter being read */
  R_PVALUE   /* its value */
};

struct reader {
  lua_State *L;
  const unsigned char *s;
  size_t n;
  size_t i;  /* next byte to read */
};

/* SWS = [LWS], as SEMI, EQUAL and COMMA allow around their character. */
static void skip_sws(struct reader *r)
{
  int folded;
  r->i = lws_end(r->s, r->n, r->i, &folded);
}

/* Fails on the byte at offset i, where `what` was expected; names control
 * characters and broken line ends precisely, since those are what a
 * mangled header shows. */
static int bad_byte(struct reader *r, size_t i, const char *what)
{
  const unsigned char *s = r->s;
  char buf[8];
  if (i >= r->n)
    return rfail(r->L, RS "expected %s at byte %d, got the end of the input",
                what, pos1(i));
  if (s[i] == '\r' && i + 1 < r->n && s[i + 1] == '\n')
    return rfail(r->L, RS "CRLF at byte %d is not a line fold (no SP or HTAB "
                "after it)", pos1(i));
  if (s[i] == '\r') return rfail(r->L, RS "bare CR at byte %d", pos1(i));
  if (s[i] == '\n') return rfail(r->L, RS "bare LF at byte %d", pos1(i));
  if (is_ctl(s[i]))
    return rfail(r->L, RS "control character %s at byte %d",
                byte_name(s[i], buf, sizeof buf), pos1(i));
  return rfail(r->L, RS "expected %s at byte %d, got %s", what, pos1(i),
              byte_name(s[i], buf, sizeof buf));
}

static size_t token_end(const struct reader *r, size_t i)
{
  while (i < r->n && is_token(r->s[i])) i++;
  return i;
}

/*
 * quoted-string = SWS DQUOTE *(qdtext / quoted-pair) DQUOTE, r->i at the
 * DQUOTE.  Checks it, then pushes its content with each quoted-pair
 * replaced by its character and each line fold (with the WSP around it) by
 * one SP, as RFC 3261 §7.3.1 allows; other WSP is kept.  A quoted-pair may
 * not escape a control character (the grammar would let "\" NUL through)
 * nor a non-ASCII byte (the grammar's range ends at %x7F).
 */
static int read_quoted(struct reader *r)
{
  const unsigned char *s = r->s;
  size_t n = r->n, open = r->i, j = open + 1, k;
  int plain = 1, folded;
  char buf[8];

  for (;;) {
    unsigned char c;
    if (j >= n)
      return rfail(r->L, RS "unterminated quoted-string opened at byte %d",
                   pos1(open));
    c = s[j];
    if (c == '"') break;
    if (c == '\\') {
      if (j + 1 >= n)
        return rfail(r->L, RS "unterminated quoted-string opened at byte %d",
                    pos1(open));
      c = s[j + 1];
      if (c >= 0x80)
        return rfail(r->L, RS "invalid quoted-pair at byte %d ('\\' before "
                    "the non-ASCII byte %s)", pos1(j),
                    byte_name(c, buf, sizeof buf));
      if (is_ctl(c))
        return rfail(r->L, RS "invalid quoted-pair at byte %d ('\\' before "
                     "the control character %s)", pos1(j),
                     byte_name(c, buf, sizeof buf));
      plain = 0;
      j += 2;
    } else if (is_wsp(c) || c == '\r') {
      k = lws_end(s, n, j, &folded);
      if (k == j) return bad_byte(r, j, "'\"'");
      if (folded) plain = 0;
      j = k;
    } else if (c >= 0x80) {
      k = sipc_utf8_len(s + j, n - j);
      if (k == 0)
        return rfail(r->L, RS "invalid UTF-8 byte %s at byte %d",
                    byte_name(c, buf, sizeof buf), pos1(j));
      if (sipc_is_c1(s + j))
        return rfail(r->L, RS "control character %s at byte %d",
                     c1_name(s + j, buf, sizeof buf), pos1(j));
      j += k;
    } else if (is_ctl(c)) {
      return bad_byte(r, j, "'\"'");
    } else {
      j++;
    }
  }

  if (plain) {
    lua_pushlstring(r->L, (const char *)s + open + 1, j - open - 1);
  } else {
    /* Nothing else is pushed while the buffer is in use. */
    luaL_Buffer b;
    luaL_buffinit(r->L, &b);
    for (k = open + 1; k < j;) {
      if (s[k] == '\\') {
        luaL_addchar(&b, (char)s[k + 1]);
        k += 2;
      } else if (is_wsp(s[k]) || s[k] == '\r') {
        size_t e = lws_end(s, n, k, &folded);
        if (folded) luaL_addchar(&b, ' ');
        else luaL_addlstring(&b, (const char *)s + k, e - k);
        k = e;
      } else {
        luaL_addchar(&b, (char)s[k]);
        k++;
      }
    }
    luaL_pushresult(&b);
  }
  r->i = j + 1;
  return 1;
}

/* IPv4address: four 1..3-digit decimal octets up to 255; returns the index
 * after it, or 0. */
static size_t ipv4_end(const unsigned char *s, size_t n, size_t i)
{
  int part;
  for (part = 0; part < 4; part++) {
    size_t start = i;
    int v = 0;
    if (part > 0) {
      if (i >= n || s[i] != '.') return 0;
      start = ++i;
    }
    while (i < n && is_digit(s[i]) && i - start < 3) v = v * 10 + (s[i++] - '0');
    if (i == start || v > 255 || (i < n && is_digit(s[i]))) return 0;
  }
  return i;
}

/*
 * IPv6reference = "[" IPv6address "]", s[i] being the "[".  RFC 3261's own
 * IPv6address rule does not count groups; this follows the text form of
 * RFC 4291 §2.2 (eight groups, or fewer with one "::", an IPv4 tail
 * counting as two), which every real address satisfies.  Returns the index
 * after the "]", or 0.
 */
static size_t ipv6_ref_end(const unsigned char *s, size_t n, size_t i)
{
  size_t j = i + 1, k;
  int groups = 0, dcolon = 0;
  if (j < n && s[j] == ':') {
    if (j + 1 >= n || s[j + 1] != ':') return 0;
    dcolon = 1;
    j += 2;
    if (j < n && s[j] == ']') return j + 1;
  }
  for (;;) {
    for (k = j; k < n && k - j < 5 && sipc_is_hex(s[k]); k++) {}
    if (k < n && s[k] == '.') {
      /* What was read as a group starts an IPv4 tail, which ends it all. */
      j = ipv4_end(s, n, j);
      if (j == 0) return 0;
      groups += 2;
      break;
    }
    if (k == j || k - j > 4) return 0;
    groups++;
    j = k;
    if (j < n && s[j] == ']') break;
    if (j >= n || s[j] != ':') return 0;
    j++;
    if (j < n && s[j] == ':') {
      if (dcolon) return 0;
      dcolon = 1;
      j++;
      if (j < n && s[j] == ']') break;
    }
  }
  if (j >= n || s[j] != ']') return 0;
  if (dcolon ? groups > 7 : groups != 8) return 0;
  return j + 1;
}

/* How a parameter's value was written. */
enum { V_NONE, V_TOKEN, V_HOST, V_QUOTED };

/*
 * reason-params = protocol-cause / reason-text / reason-extension, r->i at
 * the name (after SEMI).  Pushes nothing net: stores the value in the
 * params table, and cause/text also in the reason-value.  "cause" and
 * "text" are held to their own rules (1*DIGIT, quoted-string) rather than
 * accepted as a generic-param when they break them: a "cause=abc" is a
 * broken cause, not an extension.
 */
static int read_param(struct reader *r, int nvalue)
{
  lua_State *L = r->L;
  const unsigned char *s = r->s;
  size_t name = r->i, name_end = token_end(r, name), vpos, vend, k;
  size_t nlen;
  const char *lname;
  int kind = V_NONE;
  luaL_Buffer b;

  if (name_end == name) return bad_byte(r, name, "a parameter name");
  /* Parameter names are case-insensitive (RFC 3261 §7.3.1). */
  luaL_buffinit(L, &b);
  for (k = name; k < name_end; k++) {
    unsigned char c = s[k];
    luaL_addchar(&b, (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
  }
  luaL_pushresult(&b);                                  /* R_NAME */
  lname = lua_tolstring(L, R_NAME, &nlen);
  lua_pushvalue(L, R_NAME);
  lua_rawget(L, R_PARAMS);
  if (!lua_isnil(L, -1)) {
    lua_pop(L, 1);
    sipc_pushvalue_desc(L, R_NAME);
    return rfail(L, RS "parameter %s appears twice in reason-value %d (byte %d)",
                lua_tostring(L, -1), nvalue, pos1(name));
  }
  lua_pop(L, 1);

  r->i = name_end;
  skip_sws(r);
  vpos = r->i;
  if (r->i < r->n && s[r->i] == '=') {
    r->i++;
    skip_sws(r);
    vpos = r->i;
    if (vpos < r->n && s[vpos] == '"') {
      if (!read_quoted(r)) return 0;                    /* R_PVALUE */
      kind = V_QUOTED;
    } else if (vpos < r->n && s[vpos] == '[') {
      vend = ipv6_ref_end(s, r->n, vpos);
      if (vend == 0)
        return rfail(L, RS "invalid IPv6 reference at byte %d", pos1(vpos));
      lua_pushlstring(L, (const char *)s + vpos, vend - vpos);
      r->i = vend;
      kind = V_HOST;
    } else {
      vend = token_end(r, vpos);
      if (vend == vpos)
        return bad_byte(r, vpos, "a value (token, IPv6 reference or "
                        "quoted-string) after '='");
      lua_pushlstring(L, (const char *)s + vpos, vend - vpos);
      r->i = vend;
      kind = V_TOKEN;
    }
  } else {
    r->i = name_end;  /* the SWS belongs to the next SEMI or COMMA */
    lua_pushboolean(L, 1);                              /* R_PVALUE */
  }

  if (nlen == 5 && memcmp(lname, "cause", 5) == 0) {
    /* protocol-cause = "cause" EQUAL cause; cause = 1*DIGIT */
    size_t len = 0;
    const char *v = kind == V_TOKEN ? lua_tolstring(L, R_PVALUE, &len) : NULL;
    lua_Integer cause = 0;
    if (kind == V_NONE)
      return rfail(L, RS "cause at byte %d has no value (1 to %d digits)",
                   pos1(name), CAUSE_DIGITS_MAX);
    for (k = 0; k < len && is_digit((unsigned char)v[k]); k++) {}
    if (v == NULL || k < len)
      return rfail(L, RS "cause at byte %d must be digits", pos1(vpos));
    if (len > CAUSE_DIGITS_MAX)
      return rfail(L, RS "cause at byte %d has more than %d digits", pos1(vpos),
                   CAUSE_DIGITS_MAX);
    for (k = 0; k < len; k++) cause = cause * 10 + (v[k] - '0');
    lua_pushinteger(L, cause);
    lua_setfield(L, R_VALUE, "cause");
  } else if (nlen == 4 && memcmp(lname, "text", 4) == 0) {
    /* reason-text = "text" EQUAL quoted-string */
    if (kind == V_NONE)
      return rfail(L, RS "text at byte %d has no value (a quoted-string)",
                   pos1(name));
    if (kind != V_QUOTED)
      return rfail(L, RS "text at byte %d must be a quoted-string", pos1(vpos));
    lua_pushvalue(L, R_PVALUE);
    lua_setfield(L, R_VALUE, "text");
  }
  lua_rawset(L, R_PARAMS);
  return 1;
}

/* reason-value = protocol *(SEMI reason-params), r->i at the protocol.
 * Leaves the reason-value at R_VALUE. */
static int read_value(struct reader *r, int nvalue)
{
  lua_State *L = r->L;
  size_t start = r->i, end;
  if (start < r->n && r->s[start] == ',')
    return rfail(L, RS "empty reason-value at byte %d (stray ',')", pos1(start));
  end = token_end(r, start);
  if (end == start) return bad_byte(r, start, "a protocol (token)");
  lua_settop(L, R_LIST);
  lua_createtable(L, 0, 4);                             /* R_VALUE */
  lua_pushlstring(L, (const char *)r->s + start, end - start);
  lua_setfield(L, R_VALUE, "protocol");
  lua_createtable(L, 0, 2);                             /* R_PARAMS */
  r->i = end;
  for (;;) {
    skip_sws(r);
    if (r->i >= r->n || r->s[r->i] != ';') break;
    r->i++;
    skip_sws(r);
    if (!read_param(r, nvalue)) return 0;
  }
  lua_setfield(L, R_VALUE, "params");
  return 1;
}

/*
 * sipcodes.parse_reason(value) -> list | nil, message
 *
 * Reason = reason-value *(COMMA reason-value) (RFC 3326 §2), the value of
 * one header field with or without the SWS around it.  Each reason-value
 * becomes {protocol = as given, cause = integer, text = unquoted string,
 * params = {lowercased name = value string or true}}, cause and text only
 * when present.
 *
 * What it leaves to the caller, on purpose: it checks the grammar, not what
 * a value means to its protocol.
 *  - Several values may share a protocol.  RFC 9366 lets a protocol carry
 *    several values "when that protocol defines what the presence of
 *    multiple values means"; SIP and Q.850 define no such thing, so for them
 *    RFC 3326's one value per protocol still holds, but
 *    "Q.850;cause=16, Q.850;cause=17" is a well-formed header, and a parser
 *    that refused it would also refuse the values that are fine (a caller
 *    can take the first, or ignore a protocol it does not understand).
 *  - cause = 1*DIGIT: any number of up to CAUSE_DIGITS_MAX digits parses,
 *    "SIP;cause=700" and "Q.850;cause=128" included.  Which numbers a
 *    protocol assigns is the protocol's business: a caller checks a SIP
 *    cause with sipcodes.lookup(v.cause) (or sipcodes.class for any code
 *    100..699) and a Q.850 cause with sipcodes.q850.text(v.cause), each of
 *    which answers nil and a message for a value that is not one.
 */
static int parse_reason(lua_State *L)
{
  struct reader r;
  size_t len;
  int nvalue = 0;

  if (lua_type(L, 1) != LUA_TSTRING)
    return fail(L, RS "expected a string, got %s", luaL_typename(L, 1));
  r.s = (const unsigned char *)lua_tolstring(L, 1, &len);
  if (len > REASON_MAX)
    return fail(L, RS "input of %d bytes is longer than %d", clamp_len(len),
                REASON_MAX);
  r.L = L;
  r.n = len;
  r.i = 0;
  lua_settop(L, R_INPUT);
  lua_createtable(L, 1, 0);                             /* R_LIST */
  skip_sws(&r);
  if (r.i >= r.n) return fail(L, RS "empty Reason value");
  for (;;) {
    if (!read_value(&r, ++nvalue)) return 2;
    lua_rawseti(L, R_LIST, nvalue);
    skip_sws(&r);
    if (r.i >= r.n) break;
    if (r.s[r.i] != ',') {
      bad_byte(&r, r.i, "';', ',' or the end");
      return 2;
    }
    r.i++;
    skip_sws(&r);
    if (r.i >= r.n)
      return fail(L, RS "empty reason-value after the ',' at the end");
  }
  lua_settop(L, R_LIST);
  return 1;
}

static const luaL_Reg funcs[] = {
  {"parse_status_line", parse_status_line},
  {"parse_reason", parse_reason},
  {NULL, NULL}
};

void sipc_open_parse(lua_State *L)
{
  sipc_setfuncs(L, funcs);
}
