/*
 * build.c - the builders: a status line and Reason header values.
 *
 * Whatever text a script hands in (it may come from the network), what
 * comes out is valid for its grammar and never holds a CR or LF, so a
 * builder's output cannot split a SIP message or inject a header:
 *  - a Reason-Phrase (RFC 3261 §25) percent-escapes every byte its grammar
 *    does not allow, CR and LF included;
 *  - a quoted-string (RFC 3261 §25) backslash-escapes '"' and '\', and
 *    turns control characters into spaces, because CR and LF cannot be
 *    escaped there at all;
 *  - bytes that are not well-formed UTF-8 are escaped (phrase) or become
 *    '?' (quoted-string); C1 controls (U+0080..U+009F) are treated as
 *    control characters, as the parsers do.
 */
#include <string.h>

#include "sipcodes.h"
#include "text.h"

/* Longest text a builder takes: what the parsers accept must hold it. */
#define TEXT_MAX 1024

/* Adds a Reason-Phrase made of s to the buffer. */
static void add_phrase(luaL_Buffer *b, const char *str, size_t n)
{
  static const char hex[] = "0123456789ABCDEF";
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    size_t u;
    if (sipc_is_phrase_char(c)) {
      luaL_addchar(b, (char)c);
      i++;
    } else if (c == '%' && i + 2 < n && sipc_is_hex(s[i + 1]) &&
               sipc_is_hex(s[i + 2])) {
      luaL_addlstring(b, str + i, 3);
      i += 3;
    } else if (c >= 0x80 && (u = sipc_utf8_len(s + i, n - i)) > 0 &&
               !sipc_is_c1(s + i)) {
      luaL_addlstring(b, str + i, u);
      i += u;
    } else {
      luaL_addchar(b, '%');
      luaL_addchar(b, hex[c >> 4]);
      luaL_addchar(b, hex[c & 15]);
      i++;
    }
  }
}

/* Adds s as a quoted-string. */
static void add_quoted(luaL_Buffer *b, const char *str, size_t n)
{
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;
  luaL_addchar(b, '"');
  while (i < n) {
    unsigned char c = s[i];
    size_t u;
    if (c == '"' || c == '\\') {
      luaL_addchar(b, '\\');
      luaL_addchar(b, (char)c);
      i++;
    } else if (c < 0x20 || c == 0x7F) {
      luaL_addchar(b, c == '\t' ? '\t' : ' ');
      i++;
    } else if (c < 0x80) {
      luaL_addchar(b, (char)c);
      i++;
    } else if ((u = sipc_utf8_len(s + i, n - i)) > 0 && !sipc_is_c1(s + i)) {
      luaL_addlstring(b, str + i, u);
      i += u;
    } else if (u > 0) {
      luaL_addchar(b, ' ');  /* a C1 control, as a C0 one */
      i += u;
    } else {
      luaL_addchar(b, '?');
      i++;
    }
  }
  luaL_addchar(b, '"');
}

/* Reads the optional text argument at 2: 1 and *s set (NULL when absent),
 * or 0 after pushing nil and a message. */
static int opt_text(lua_State *L, const char *fname, const char **s,
                    size_t *n)
{
  *s = NULL;
  *n = 0;
  if (lua_isnoneornil(L, 2)) return 1;
  if (lua_type(L, 2) != LUA_TSTRING) {
    sipc_fail(L, 0, "%s: bad argument #2: string expected, got %s", fname,
              luaL_typename(L, 2));
    return 0;
  }
  *s = lua_tolstring(L, 2, n);
  if (*n > TEXT_MAX) {
    sipc_fail(L, 0, "%s: bad argument #2: text longer than %d bytes", fname,
              TEXT_MAX);
    return 0;
  }
  return 1;
}

/* The arguments of every builder, (code [, text]) or, with q850 set,
 * (cause [, text]): 1 with *num and the text set, the registered phrase or
 * the Q.850 wording standing for an absent text (NULL when there is none);
 * or 0 after pushing nil and a message. */
static int builder_args(lua_State *L, const char *fname, int q850, int *num,
                        const char **s, size_t *n)
{
  if (q850 ? !sipc_q850_tocause(L, 1, num) : !sipc_tocode(L, 1, num)) {
    sipc_fail(L, 1, "%s: %s", fname, q850 ? SIPC_NOT_A_CAUSE : SIPC_NOT_A_CODE);
    return 0;
  }
  if (!opt_text(L, fname, s, n)) return 0;
  if (*s == NULL) {
    const struct sipc_code *c = q850 ? NULL : sipc_find(*num);
    *s = q850 ? sipc_q850_text(*num) : c != NULL ? c->reason : NULL;
    if (*s != NULL) *n = strlen(*s);
  }
  return 1;
}

/*
 * sipcodes.status_line(code [, reason]) -> "SIP/2.0 486 Busy Here"
 * RFC 3261 §7.2 and §25.  Without a reason the registered phrase is used;
 * an unregistered code then needs one.  No CRLF is added.
 */
static int build_status_line(lua_State *L)
{
  int code;
  const char *s;
  size_t n;
  luaL_Buffer b;
  if (!builder_args(L, "sipcodes.status_line", 0, &code, &s, &n)) return 2;
  if (s == NULL)
    return sipc_fail(L, 0, "sipcodes.status_line: %d is not a registered "
                     "SIP response code: give a reason phrase", code);
  luaL_buffinit(L, &b);
  lua_pushfstring(L, "SIP/2.0 %d ", code);
  luaL_addvalue(&b);
  add_phrase(&b, s, n);
  luaL_pushresult(&b);
  return 1;
}

/* Pushes PROTOCOL;cause=N[;text="..."] */
static void push_reason(lua_State *L, const char *protocol, int cause,
                        const char *text, size_t n)
{
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  lua_pushfstring(L, "%s;cause=%d", protocol, cause);
  luaL_addvalue(&b);
  if (text != NULL) {
    luaL_addstring(&b, ";text=");
    add_quoted(&b, text, n);
  }
  luaL_pushresult(&b);
}

/*
 * sipcodes.reason_header(code [, text]) -> 'SIP;cause=486;text="Busy Here"'
 * RFC 3326 §2: the value of a Reason header with protocol SIP.  Without a
 * text the registered phrase is used, and none for an unregistered code.
 */
static int build_reason_header(lua_State *L)
{
  int code;
  const char *s;
  size_t n;
  if (!builder_args(L, "sipcodes.reason_header", 0, &code, &s, &n)) return 2;
  push_reason(L, "SIP", code, s, n);
  return 1;
}

/*
 * sipcodes.q850.reason_header(cause [, text])
 *   -> 'Q.850;cause=16;text="Normal call clearing"'
 * RFC 3326 §2 with protocol Q.850; the default text is Q.850's wording.
 */
static int build_q850_reason_header(lua_State *L)
{
  int cause;
  const char *s;
  size_t n;
  if (!builder_args(L, "sipcodes.q850.reason_header", 1, &cause, &s, &n))
    return 2;
  push_reason(L, "Q.850", cause, s, n);
  return 1;
}

static const luaL_Reg funcs[] = {
  {"status_line", build_status_line},
  {"reason_header", build_reason_header},
  {NULL, NULL}
};

static const luaL_Reg q850_funcs[] = {
  {"reason_header", build_q850_reason_header},
  {NULL, NULL}
};

/* Sets the SIP builders in the table on top. */
void sipc_open_build(lua_State *L)
{
  sipc_setfuncs(L, funcs);
}

/* Sets the Q.850 builder in the table on top (the q850 table). */
void sipc_open_q850_build(lua_State *L)
{
  sipc_setfuncs(L, q850_funcs);
}
