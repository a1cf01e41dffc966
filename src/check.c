/*
 * check.c - reading a SIP status code from a Lua value, and the messages
 * that name what was wrong with it.
 *
 * The per-code functions never raise on a bad code: an error inside a
 * platform's routing script drops the call.  They return nil and a message
 * made here instead.  The rules are the same on every Lua version, so
 * integrality is tested on the value, not with luaL_checkinteger (which
 * truncates 486.5 before 5.3 and raises from 5.3 on).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sipcodes.h"

/* Longest part of a bad string quoted back in a message: a 1 MB string
 * from the network must not become a 1 MB log line. */
#define QUOTE_MAX 24

void sipc_pushvalue_desc(lua_State *L, int idx)
{
  char buf[64];
  switch (lua_type(L, idx)) {
  case LUA_TNUMBER: {
    lua_Number n = lua_tonumber(L, idx);
#if LUA_VERSION_NUM >= 503
    if (sipc_isinteger(L, idx)) {
      lua_pushfstring(L, "%I", lua_tointeger(L, idx));
      return;
    }
#endif
    if (n == 0) n = 0;  /* -0.0 reads "0": one key, so one message */
    if (n != n) snprintf(buf, sizeof buf, "nan");
    else if (n == HUGE_VAL) snprintf(buf, sizeof buf, "inf");
    else if (n == -HUGE_VAL) snprintf(buf, sizeof buf, "-inf");
    /* Integral floats that a lua_Integer can hold are written as integers:
     * from 5.3 on such a float and that integer are one table key, so
     * the cache of misses must not tell them apart (-2^63 and
     * math.mininteger). */
    else if (n == floor(n) && n >= -9223372036854775808.0 && n < 9223372036854775808.0)
      snprintf(buf, sizeof buf, "%.0f", n);
    else snprintf(buf, sizeof buf, "%.17g", n);
    lua_pushstring(L, buf);
    return;
  }
  case LUA_TSTRING: {
    size_t len, i, n;
    const char *s = lua_tolstring(L, idx, &len);
    n = len < QUOTE_MAX ? len : QUOTE_MAX;
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

/* A string of exactly three digits, value 100..699. */
static int string_code(const char *s, size_t len, int *code)
{
  int v;
  if (len != 3) return 0;
  if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' || s[2] < '0' ||
      s[2] > '9')
    return 0;
  v = (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
  if (v < SIPC_MIN || v > SIPC_MAX) return 0;
  *code = v;
  return 1;
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
    size_t len;
    const char *s = lua_tolstring(L, idx, &len);
    return string_code(s, len, code);
  }
  default:
    return 0;
  }
}

int sipc_badcode(lua_State *L, int idx, const char *fname)
{
  lua_pushnil(L);
  sipc_pushvalue_desc(L, idx);
  lua_pushfstring(L, "%s: expected a SIP status code (100..699), got %s",
                  fname, lua_tostring(L, -1));
  lua_remove(L, -2);
  return 2;
}
