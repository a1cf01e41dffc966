/*
 * parse_status_line.c - libFuzzer target for sipcodes.parse_status_line.
 *
 * The input is the line itself, handed to the parser as one Lua string
 * (NUL bytes included).  Properties, each an abort() when broken:
 *  - it never raises, and answers either code, reason, version or nil and
 *    a short printable message;
 *  - input over the documented 4096 bytes is refused;
 *  - what it accepts is exactly version SP code SP reason [CRLF]: the
 *    three values put back together give the input again;
 *  - what it accepts re-serialises: sipcodes.status_line(code, reason)
 *    writes the reason as it is (a valid phrase needs no escaping; the
 *    builder writes "SIP/2.0", so the version is compared with that),
 *    and that line, with and without CRLF, parses to the same code and
 *    reason.  A reason over the builder's 1024 bytes must be refused with
 *    its message instead.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"

#define PREFIX "sipcodes.parse_status_line: "
#define LINE_MAX 4096
#define TEXT_MAX 1024

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
  (void)argc;
  (void)argv;
  fz_init();
  return 0;
}

/* Parses the n bytes at s; checks that the answer is code, reason and
 * "SIP/2.0" (the builder's version). */
static void reparse(lua_State *L, const char *s, size_t n, lua_Integer code,
                    const char *reason, size_t rlen)
{
  int top = lua_gettop(L), nres;
  nres = fz_call_string(L, "parse_status_line", "parse_status_line (rebuilt line)", s, n);
  if (nres != 3 || lua_isnil(L, top + 1))
    fz_fail("the rebuilt line \"%.*s\" does not parse: %s", (int)(n < 200 ? n : 200), s,
            nres >= 2 ? lua_tostring(L, top + 2) : "?");
  if (!lua_isinteger(L, top + 1) || lua_tointeger(L, top + 1) != code)
    fz_fail("the rebuilt line gives another code");
  if (!fz_streq(L, top + 2, reason, rlen))
    fz_fail("the rebuilt line gives another reason");
  if (!fz_streq(L, top + 3, "SIP/2.0", 7))
    fz_fail("the rebuilt line gives another version");
  lua_settop(L, top);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  lua_State *L = fz_init();
  int nres;
  size_t rlen, vlen, i;
  const char *reason, *version;
  lua_Integer code;
  char head[16];
  struct fz_buf b = {NULL, 0, 0};

  fz_begin(L, data, size);
  nres = fz_call_string(L, "parse_status_line", "parse_status_line", (const char *)data, size);

  if (nres == 2) {
    fz_check_failure(L, 1, PREFIX);
    fz_done(L);
    return 0;
  }
  if (nres != 3) fz_fail("parse_status_line returned %d values", nres);
  if (size > LINE_MAX) fz_fail("accepted %lu bytes", (unsigned long)size);
  if (!lua_isinteger(L, 1)) fz_fail("the code is not an integer");
  code = lua_tointeger(L, 1);
  if (code < 100 || code > 699) fz_fail("code %ld out of range", (long)code);
  if (lua_type(L, 2) != LUA_TSTRING || lua_type(L, 3) != LUA_TSTRING)
    fz_fail("reason or version is not a string");
  reason = lua_tolstring(L, 2, &rlen);
  version = lua_tolstring(L, 3, &vlen);

  /* version: "SIP" in any case, "/", 1*DIGIT "." 1*DIGIT */
  if (vlen < 7 || (version[0] | 0x20) != 's' || (version[1] | 0x20) != 'i' ||
      (version[2] | 0x20) != 'p' || version[3] != '/')
    fz_fail("bad version returned");
  for (i = 4; i < vlen && version[i] >= '0' && version[i] <= '9'; i++) {}
  if (i == 4 || i >= vlen || version[i] != '.' || i + 1 == vlen)
    fz_fail("bad version returned");
  for (i++; i < vlen; i++)
    if (version[i] < '0' || version[i] > '9') fz_fail("bad version returned");

  /* The three values give the input back, with or without the CRLF. */
  fz_buf_add(&b, version, vlen);
  snprintf(head, sizeof head, " %03ld ", (long)code);
  fz_buf_add(&b, head, 5);
  fz_buf_add(&b, reason, rlen);
  if (!(b.n == size && memcmp(b.p, data, size) == 0)) {
    fz_buf_add(&b, "\r\n", 2);
    if (!(b.n == size && memcmp(b.p, data, size) == 0))
      fz_fail("the parsed values do not make up the input");
  }
  if (fz_has_crlf(reason, rlen)) fz_fail("the reason holds CR or LF");

  /* Re-serialise with the builder and parse again. */
  b.n = 0;
  fz_getfunc(L, "status_line");
  lua_pushinteger(L, code);
  lua_pushlstring(L, reason, rlen);
  nres = fz_call(L, "status_line", 2);
  if (rlen > TEXT_MAX) {
    if (nres != 2) fz_fail("status_line took a reason of %lu bytes", (unsigned long)rlen);
    fz_check_failure(L, 4, "sipcodes.status_line: bad argument #2: text longer than 1024 bytes");
  } else {
    size_t llen;
    const char *line;
    if (nres != 1 || lua_type(L, 4) != LUA_TSTRING)
      fz_fail("status_line refused a parsed reason: %s",
              nres >= 2 ? lua_tostring(L, 5) : "?");
    line = lua_tolstring(L, 4, &llen);
    snprintf(head, sizeof head, "SIP/2.0 %03ld ", (long)code);
    fz_buf_add(&b, head, 12);
    fz_buf_add(&b, reason, rlen);
    /* A phrase the parser accepted is already valid: nothing to escape. */
    if (!(llen == b.n && memcmp(line, b.p, llen) == 0))
      fz_fail("status_line changed a valid phrase: \"%.*s\"", (int)(llen < 200 ? llen : 200), line);
    if (fz_has_crlf(line, llen)) fz_fail("status_line output holds CR or LF");
    reparse(L, line, llen, code, reason, rlen);
    fz_buf_add(&b, "\r\n", 2);
    reparse(L, b.p, b.n, code, reason, rlen);
  }
  fz_buf_free(&b);
  fz_done(L);
  return 0;
}
