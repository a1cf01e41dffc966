/*
 * parse_reason.c - libFuzzer target for sipcodes.parse_reason.
 *
 * The input is a Reason header field value, handed over as one Lua string.
 * Properties, each an abort() when broken:
 *  - it never raises, and answers a list or nil and a short printable
 *    message; input over the documented 8192 bytes is refused;
 *  - the list has the documented shape: values {protocol, params, cause,
 *    text}, protocol a token, params keyed by lowercased tokens with string
 *    or true values, cause an integer exactly when params.cause holds its
 *    digits, text a string exactly when params.text holds it, no CR, LF or
 *    other control character but HTAB in any string;
 *  - it re-serialises: each value written back as
 *    protocol;cause=DIGITS;text="..." plus its other parameters (tokens as
 *    they are, anything else quoted with '"' and '\' escaped) and the
 *    values joined by "," parse to an equal list (unless that is over the
 *    8192 bytes: a host value "[::1]" comes back quoted, two bytes more);
 *  - the builders agree with the parser: for a SIP value with a cause
 *    100..699, or a Q.850 value with a cause 1..127, and a text,
 *    sipcodes.reason_header / sipcodes.q850.reason_header (cause, text)
 *    gives a value that parses back to that protocol, cause and text.
 */
#include <string.h>

#include "harness.h"

#define PREFIX "sipcodes.parse_reason: "
#define REASON_MAX 8192
#define TEXT_MAX 1024

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
  (void)argc;
  (void)argv;
  fz_init();
  return 0;
}

/* token (RFC 3261 §25), written out rather than shared with parse.c so
 * that the check does not inherit a mistake of the code under test. */
static int is_token_char(unsigned char c)
{
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z') || (c != '\0' && strchr("-.!%*_+`'~", c) != NULL);
}

static int is_token(const char *s, size_t n)
{
  size_t i;
  if (n == 0) return 0;
  for (i = 0; i < n; i++)
    if (!is_token_char((unsigned char)s[i])) return 0;
  return 1;
}

/* No control character but HTAB: what the parser promises for every
 * string it returns. */
static void check_clean(const char *s, size_t n, const char *what)
{
  size_t i;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if ((c < 0x20 && c != '\t') || c == 0x7f)
      fz_fail("%s holds the control byte 0x%02X", what, c);
  }
}

static void add_quoted(struct fz_buf *b, const char *s, size_t n)
{
  size_t i;
  fz_buf_addc(b, '"');
  for (i = 0; i < n; i++) {
    if (s[i] == '"' || s[i] == '\\') fz_buf_addc(b, '\\');
    fz_buf_addc(b, s[i]);
  }
  fz_buf_addc(b, '"');
}

/* Checks the list at idx and writes it back into b. */
static void check_and_write(lua_State *L, int idx, struct fz_buf *b)
{
  lua_Integer i, n;
  if (lua_type(L, idx) != LUA_TTABLE) fz_fail("the result is not a table");
  n = (lua_Integer)lua_rawlen(L, idx);
  if (n < 1) fz_fail("an empty list");
  for (i = 1; i <= n; i++) {
    int v, p;
    size_t len;
    const char *s;
    if (i > 1) fz_buf_addc(b, ',');
    lua_rawgeti(L, idx, i);
    v = lua_gettop(L);
    if (lua_type(L, v) != LUA_TTABLE) fz_fail("value %ld is not a table", (long)i);

    lua_getfield(L, v, "protocol");
    if (lua_type(L, -1) != LUA_TSTRING) fz_fail("value %ld has no protocol", (long)i);
    s = lua_tolstring(L, -1, &len);
    if (!is_token(s, len)) fz_fail("protocol of value %ld is not a token", (long)i);
    fz_buf_add(b, s, len);
    lua_pop(L, 1);

    lua_getfield(L, v, "params");
    p = lua_gettop(L);
    if (lua_type(L, p) != LUA_TTABLE) fz_fail("value %ld has no params", (long)i);
    lua_pushnil(L);
    while (lua_next(L, p) != 0) {
      size_t klen, vlen;
      const char *k, *val;
      if (lua_type(L, -2) != LUA_TSTRING) fz_fail("a params key is not a string");
      k = lua_tolstring(L, -2, &klen);
      if (!is_token(k, klen)) fz_fail("params key is not a token");
      for (len = 0; len < klen; len++)
        if (k[len] >= 'A' && k[len] <= 'Z') fz_fail("params key not lowercased");
      fz_buf_addc(b, ';');
      fz_buf_add(b, k, klen);
      if (lua_type(L, -1) == LUA_TBOOLEAN && lua_toboolean(L, -1)) {
        if (strcmp(k, "cause") == 0 || strcmp(k, "text") == 0)
          fz_fail("%s without a value was accepted", k);
      } else if (lua_type(L, -1) == LUA_TSTRING) {
        val = lua_tolstring(L, -1, &vlen);
        check_clean(val, vlen, "a params value");
        fz_buf_addc(b, '=');
        if (strcmp(k, "text") == 0 || !is_token(val, vlen)) {
          if (strcmp(k, "cause") == 0) fz_fail("cause is not a token");
          add_quoted(b, val, vlen);
        } else {
          fz_buf_add(b, val, vlen);
        }
      } else {
        fz_fail("params.%s is a %s", k, luaL_typename(L, -1));
      }
      lua_pop(L, 1);
    }

    /* cause and text mirror params.cause and params.text. */
    lua_getfield(L, p, "cause");
    lua_getfield(L, v, "cause");
    if (lua_isnil(L, -2) != lua_isnil(L, -1)) fz_fail("cause and params.cause disagree");
    if (!lua_isnil(L, -1)) {
      lua_Integer c = 0;
      size_t k;
      s = lua_tolstring(L, -2, &len);
      if (!lua_isinteger(L, -1)) fz_fail("cause is not an integer");
      if (len < 1 || len > 9) fz_fail("cause of %lu digits", (unsigned long)len);
      for (k = 0; k < len; k++) {
        if (s[k] < '0' || s[k] > '9') fz_fail("params.cause is not digits");
        c = c * 10 + (s[k] - '0');
      }
      if (c != lua_tointeger(L, -1)) fz_fail("cause is not the value of its digits");
    }
    lua_pop(L, 2);
    lua_getfield(L, p, "text");
    lua_getfield(L, v, "text");
    if (lua_isnil(L, -2) != lua_isnil(L, -1) || !lua_rawequal(L, -2, -1))
      fz_fail("text and params.text disagree");
    lua_pop(L, 2);

    /* Nothing but the four documented fields. */
    lua_pushnil(L);
    while (lua_next(L, v) != 0) {
      const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "";
      if (strcmp(k, "protocol") != 0 && strcmp(k, "params") != 0 &&
          strcmp(k, "cause") != 0 && strcmp(k, "text") != 0)
        fz_fail("value %ld has an undocumented field", (long)i);
      lua_pop(L, 1);
    }
    lua_settop(L, v - 1);
  }
}

/* True when the tables at a and b hold the same keys with raw-equal
 * values (the params tables). */
static int same_params(lua_State *L, int a, int b)
{
  lua_pushnil(L);
  while (lua_next(L, a) != 0) {
    lua_pushvalue(L, -2);
    lua_rawget(L, b);
    if (!lua_rawequal(L, -1, -2)) {
      lua_pop(L, 3);
      return 0;
    }
    lua_pop(L, 2);
  }
  lua_pushnil(L);
  while (lua_next(L, b) != 0) {
    lua_pushvalue(L, -2);
    lua_rawget(L, a);
    if (lua_isnil(L, -1)) {
      lua_pop(L, 3);
      return 0;
    }
    lua_pop(L, 2);
  }
  return 1;
}

/* Fails unless the lists at a and b are equal, value by value. */
static void same_list(lua_State *L, int a, int b)
{
  lua_Integer i, n = (lua_Integer)lua_rawlen(L, a);
  static const char *const fields[] = {"protocol", "cause", "text"};
  if ((lua_Integer)lua_rawlen(L, b) != n) fz_fail("the re-parse has another length");
  for (i = 1; i <= n; i++) {
    int va, vb, f;
    lua_rawgeti(L, a, i);
    va = lua_gettop(L);
    lua_rawgeti(L, b, i);
    vb = lua_gettop(L);
    for (f = 0; f < 3; f++) {
      lua_getfield(L, va, fields[f]);
      lua_getfield(L, vb, fields[f]);
      if (!lua_rawequal(L, -1, -2))
        fz_fail("value %ld: %s differs after re-serialising", (long)i, fields[f]);
      lua_pop(L, 2);
    }
    lua_getfield(L, va, "params");
    lua_getfield(L, vb, "params");
    if (!same_params(L, va + 2, va + 3))
      fz_fail("value %ld: params differ after re-serialising", (long)i);
    lua_settop(L, va - 1);
  }
}

/* For value i of the list at idx: when it is SIP with a cause 100..699 or
 * Q.850 with a cause 1..127, and has a text the builder takes, the builder
 * must write a value that parses back to that protocol, cause and text. */
static void check_builder(lua_State *L, int idx, lua_Integer i)
{
  int v, top = lua_gettop(L), nres;
  const char *protocol, *fname;
  lua_Integer cause;
  size_t tlen, olen;
  const char *out;

  lua_rawgeti(L, idx, i);
  v = lua_gettop(L);
  lua_getfield(L, v, "protocol");
  lua_getfield(L, v, "cause");
  lua_getfield(L, v, "text");
  protocol = lua_tostring(L, v + 1);
  if (lua_isnil(L, v + 2) || lua_isnil(L, v + 3)) goto done;
  cause = lua_tointeger(L, v + 2);
  lua_tolstring(L, v + 3, &tlen);
  if (tlen > TEXT_MAX) goto done;
  if (strcmp(protocol, "SIP") == 0 && cause >= 100 && cause <= 699)
    fname = "reason_header";
  else if (strcmp(protocol, "Q.850") == 0 && cause >= 1 && cause <= 127)
    fname = "q850.reason_header";
  else
    goto done;

  fz_getfunc(L, fname);
  lua_pushinteger(L, cause);
  lua_pushvalue(L, v + 3);
  nres = fz_call(L, fname, 2);
  if (nres != 1 || lua_type(L, -1) != LUA_TSTRING)
    fz_fail("%s refused a parsed cause and text", fname);
  out = lua_tolstring(L, -1, &olen);
  if (fz_has_crlf(out, olen)) fz_fail("%s output holds CR or LF", fname);
  fz_getfunc(L, "parse_reason");
  lua_pushvalue(L, -2);
  nres = fz_call(L, "parse_reason (builder output)", 1);
  if (nres != 1 || lua_type(L, -1) != LUA_TTABLE || lua_rawlen(L, -1) != 1)
    fz_fail("%s output does not parse back to one value", fname);
  lua_rawgeti(L, -1, 1);
  lua_getfield(L, -1, "protocol");
  lua_getfield(L, -2, "cause");
  lua_getfield(L, -3, "text");
  if (!lua_rawequal(L, -3, v + 1) || !lua_rawequal(L, -2, v + 2) ||
      !lua_rawequal(L, -1, v + 3))
    fz_fail("%s output parses to another protocol, cause or text", fname);
done:
  lua_settop(L, top);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  lua_State *L = fz_init();
  int nres;
  lua_Integer i, n;
  struct fz_buf b = {NULL, 0, 0};

  fz_begin(L, data, size);
  nres = fz_call_string(L, "parse_reason", "parse_reason", (const char *)data, size);
  if (nres == 2) {
    fz_check_failure(L, 1, PREFIX);
    fz_done(L);
    return 0;
  }
  if (nres != 1) fz_fail("parse_reason returned %d values", nres);
  if (size > REASON_MAX) fz_fail("accepted %lu bytes", (unsigned long)size);

  check_and_write(L, 1, &b);
  if (b.n > REASON_MAX) goto builders;
  nres = fz_call_string(L, "parse_reason", "parse_reason (re-serialised)", b.p, b.n);
  if (nres != 1 || lua_type(L, 2) != LUA_TTABLE)
    fz_fail("the re-serialised value \"%.*s\" does not parse: %s",
            (int)(b.n < 300 ? b.n : 300), b.p, nres == 2 ? lua_tostring(L, 3) : "?");
  same_list(L, 1, 2);

builders:
  n = (lua_Integer)lua_rawlen(L, 1);
  for (i = 1; i <= n; i++) check_builder(L, 1, i);
  fz_buf_free(&b);
  fz_done(L);
  return 0;
}
