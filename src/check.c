/*
 * check.c - the one way sipcodes.core reads a SIP status code from a Lua
 * value, the one way a message names a value, and the one failure helper.
 *
 * The per-code functions never raise on a bad code: an error inside a
 * platform's routing script drops the call.  They return nil and a message
 * made here instead.  The rules are the same on every Lua version, so
 * integrality is tested on the value, not with luaL_checkinteger (which
 * truncates 486.5 before 5.3 and raises from 5.3 on).  Messages do not
 * depend on the C locale: a number is written with '.' whatever
 * LC_NUMERIC says.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>

#include "sipcodes.h"

/* Longest part of a bad string quoted back in a message: a 1 MB string
 * from the network must not become a 1 MB log line. */
#if !defined(SIPC_QUOTE_MAX)
#define SIPC_QUOTE_MAX 24
#endif

/* n as "%.17g" writes it in the C locale: snprintf writes the decimal
 * point of LC_NUMERIC (one byte or more, "," in de_DE), so whatever is not
 * a digit, a sign or the exponent's 'e' is written as one '.'. */
static void format_number(char *out, size_t size, lua_Number n)
{
  char tmp[64];
  size_t i, o = 0;
  snprintf(tmp, sizeof tmp, "%.17g", (double)n);
  for (i = 0; tmp[i] != '\0' && o + 1 < size; i++) {
    char c = tmp[i];
    if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == 'e')
      out[o++] = c;
    else if (o == 0 || out[o - 1] != '.')
      out[o++] = '.';
  }
  out[o] = '\0';
}

void sipc_pushvalue_desc(lua_State *L, int idx)
{
  char buf[64];
  switch (lua_type(L, idx)) {
  case LUA_TNUMBER: {
    lua_Number n = lua_tonumber(L, idx);
    if (sipc_isinteger(L, idx)) {
      lua_pushfstring(L, "%I", lua_tointeger(L, idx));
      return;
    }
    if (n == 0) n = 0;  /* -0.0 reads "0": one key, so one message */
    if (n != n) snprintf(buf, sizeof buf, "nan");
    else if (n == HUGE_VAL) snprintf(buf, sizeof buf, "inf");
    else if (n == -HUGE_VAL) snprintf(buf, sizeof buf, "-inf");
    /* Integral floats that a lua_Integer can hold are written as integers:
     * from 5.3 on such a float and that integer are one table key, so
     * the cache of misses must not tell them apart (-2^63 and
     * math.mininteger).  "%.0f" writes no decimal point. */
    else if (n == floor(n) && n >= -9223372036854775808.0 && n < 9223372036854775808.0)
      snprintf(buf, sizeof buf, "%.0f", n);
    else format_number(buf, sizeof buf, n);
    lua_pushstring(L, buf);
    return;
  }
  case LUA_TSTRING: {
    size_t len, i, n;
    const char *s = lua_tolstring(L, idx, &len);
    n = len < SIPC_QUOTE_MAX ? len : SIPC_QUOTE_MAX;
    buf[0] = '\'';
    for (i = 0; i < n; i++) {
      unsigned char c = (unsigned char)s[i];
      buf[i + 1] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
    }
    buf[n + 1] = '\'';
    buf[n + 2] = '\0';
    if (len > n) lua_pushfstring(L, "%s... (%d bytes)", buf, (int)(len > 0x7fffffff ? 0x7fffffff : len));
    else lua_pushstring(L, buf);
    return;
  }
  default:
    lua_pushstring(L, luaL_typename(L, idx));
    return;
  }
}

int sipc_digits(const char *s, size_t len)
{
  size_t i;
  int v = 0;
  if (len == 0 || len > 3) return -1;
  for (i = 0; i < len; i++) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

int sipc_tocode(lua_State *L, int idx, int *code)
{
  switch (lua_type(L, idx)) {
  case LUA_TNUMBER: {
    /* Compared as a float first: NaN fails both tests, and huge integers
     * (math.maxinteger, 2^63) are out of range before any conversion. */
    lua_Number n = lua_tonumber(L, idx);
    if (!(n >= SIPC_MIN && n <= SIPC_MAX) || n != floor(n)) return 0;
    *code = (int)n;
    return 1;
  }
  case LUA_TSTRING: {
    /* Exactly three digits: "0486" and "86" are no codes. */
    size_t len;
    const char *s = lua_tolstring(L, idx, &len);
    int v = len == 3 ? sipc_digits(s, len) : -1;
    if (v < SIPC_MIN || v > SIPC_MAX) return 0;
    *code = v;
    return 1;
  }
  default:
    return 0;
  }
}

int sipc_fail(lua_State *L, int idx, const char *fmt, ...)
{
  va_list ap;
  lua_pushnil(L);
  va_start(ap, fmt);
  lua_pushvfstring(L, fmt, ap);
  va_end(ap);
  if (idx != 0) {
    lua_pushliteral(L, ", got ");
    sipc_pushvalue_desc(L, idx);
    lua_concat(L, 3);
  }
  return 2;
}
