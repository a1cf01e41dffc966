/*
 * harness.c - the Lua state the fuzz targets share, and their checks.
 * See harness.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lualib.h>

#include "harness.h"

/* Where lua/sipcodes.lua is; the Makefile passes the repository's lua/,
 * and SIPCODES_LUA_DIR overrides it for a binary moved elsewhere. */
#ifndef SIPC_FUZZ_LUA_DIR
#define SIPC_FUZZ_LUA_DIR "lua"
#endif

/* The core is linked into the target rather than loaded from a .so, so
 * that it is built with the fuzzer's instrumentation. */
int luaopen_sipcodes_core(lua_State *L);

/* One state per process (libFuzzer runs inputs one at a time in one
 * thread), and the input being run, for reports. */
static lua_State *state;
static const uint8_t *cur_data;
static size_t cur_size;

lua_State *fz_init(void)
{
  const char *dir;
  lua_State *L;
  if (state != NULL) return state;
  L = luaL_newstate();
  if (L == NULL) fz_fail("luaL_newstate failed");
  luaL_openlibs(L);
  dir = getenv("SIPCODES_LUA_DIR");
  if (dir == NULL || *dir == '\0') dir = SIPC_FUZZ_LUA_DIR;

  lua_getglobal(L, "package");
  lua_pushfstring(L, "%s/?.lua", dir);
  lua_setfield(L, -2, "path");
  /* Nothing may come from the file system's C modules: only the linked
   * core answers "sipcodes.core". */
  lua_pushstring(L, "");
  lua_setfield(L, -2, "cpath");
  lua_getfield(L, -1, "preload");
  lua_pushcfunction(L, luaopen_sipcodes_core);
  lua_setfield(L, -2, "sipcodes.core");
  lua_pop(L, 2);

  lua_getglobal(L, "require");
  lua_pushstring(L, "sipcodes");
  if (lua_pcall(L, 1, 1, 0) != 0)
    fz_fail("require \"sipcodes\" failed (lua/ at %s?): %s", dir,
            lua_tostring(L, -1));
  /* The module table stays in the registry; the stack is left empty so
   * that each run starts from top 0. */
  lua_setfield(L, LUA_REGISTRYINDEX, "sipcodes.fuzz.module");
  state = L;
  return L;
}

/* module, path -> the function at path; run protected, since the module
 * table's __index loads layers on first use and may raise. */
static int getfunc(lua_State *L)
{
  const char *path = lua_tostring(L, 2);
  const char *dot = strchr(path, '.');
  if (dot != NULL) {
    /* One level is all the API has: q850.NAME. */
    lua_pushlstring(L, path, (size_t)(dot - path));
    lua_gettable(L, 1);
    lua_replace(L, 1);
    path = dot + 1;
  }
  lua_getfield(L, 1, path);
  return 1;
}

void fz_getfunc(lua_State *L, const char *path)
{
  lua_pushcfunction(L, getfunc);
  lua_getfield(L, LUA_REGISTRYINDEX, "sipcodes.fuzz.module");
  lua_pushstring(L, path);
  if (lua_pcall(L, 2, 1, 0) != 0)
    fz_fail("reading sipcodes.%s raised: %s", path,
            lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "(no message)");
  if (lua_type(L, -1) != LUA_TFUNCTION)
    fz_fail("sipcodes.%s is a %s, not a function", path, luaL_typename(L, -1));
}

int fz_call(lua_State *L, const char *what, int nargs)
{
  int base = lua_gettop(L) - nargs - 1;
  if (lua_pcall(L, nargs, LUA_MULTRET, 0) != 0)
    fz_fail("%s raised: %s", what,
            lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "(no message)");
  return lua_gettop(L) - base;
}

int fz_call_string(lua_State *L, const char *path, const char *what,
                   const char *s, size_t n)
{
  fz_getfunc(L, path);
  lua_pushlstring(L, s, n);
  return fz_call(L, what, 1);
}

void fz_begin(lua_State *L, const uint8_t *data, size_t size)
{
  uint32_t h = 2166136261u;
  size_t i;
  cur_data = data;
  cur_size = size;
  lua_settop(L, 0);
  /* One input in four runs under a collector that never pauses (pause 1
   * is stored as 1/4 = 0; a 0 argument would mean "unchanged") and works
   * at every allocation, so that a string the C code has popped is freed
   * while that code still runs, where ASan sees any later use: a mutant
   * of status_line that pops its text and reads on is caught within a
   * dozen inputs this way, never in 30 s under the default collector.
   * The others run under Lua's defaults (pause 200, stepmul 100, steps of
   * 2^13 bytes), three to eight times faster.  The choice hangs on the
   * input (FNV-1a), so a replayed crash gets the same collector. */
  for (i = 0; i < size; i++) h = (h ^ data[i]) * 16777619u;
  if (h % 4 == 0) lua_gc(L, LUA_GCINC, 1, 400, 10);
  else lua_gc(L, LUA_GCINC, 200, 100, 13);
}

void fz_done(lua_State *L)
{
  lua_settop(L, 0);
  /* A full collection after each input: the garbage of one input is
   * freed within it, so libFuzzer does not take Lua's deferred frees for
   * a leak and re-run the input under a full LeakSanitizer scan; and a
   * string the C code still pointed into would be freed now, where ASan
   * sees the use. */
  lua_gc(L, LUA_GCCOLLECT, 0);
}

void fz_fail(const char *fmt, ...)
{
  va_list ap;
  size_t i, shown = cur_size < 512 ? cur_size : 512;
  fprintf(stderr, "\n==sipcodes fuzz== property failed: ");
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\n==sipcodes fuzz== input (%lu bytes): \"", (unsigned long)cur_size);
  for (i = 0; i < shown; i++) {
    unsigned char c = cur_data[i];
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') fputc(c, stderr);
    else fprintf(stderr, "\\x%02X", c);
  }
  fprintf(stderr, "\"%s\n", shown < cur_size ? "..." : "");
  abort();
}

void fz_check_failure(lua_State *L, int idx, const char *prefix)
{
  size_t len, plen = strlen(prefix), i;
  const char *msg;
  if (!lua_isnil(L, idx)) fz_fail("%sfailure without nil", prefix);
  if (lua_type(L, idx + 1) != LUA_TSTRING)
    fz_fail("%sfailure without a message", prefix);
  msg = lua_tolstring(L, idx + 1, &len);
  if (len < plen || memcmp(msg, prefix, plen) != 0)
    fz_fail("message does not start with \"%s\": %s", prefix, msg);
  /* Messages name bytes (NUL, CR, 0x85 ...) and quote at most 24 bytes of
   * the value, so they stay short whatever the input's length. */
  if (len > 400) fz_fail("message of %lu bytes: %.80s...", (unsigned long)len, msg);
  for (i = 0; i < len; i++) {
    unsigned char c = (unsigned char)msg[i];
    /* "§" (C2 A7) is the only non-ASCII text a message has: RFC sections. */
    if (c == 0xC2 && i + 1 < len && (unsigned char)msg[i + 1] == 0xA7) {
      i++;
      continue;
    }
    if (c < 0x20 || c >= 0x7f)
      fz_fail("message holds byte 0x%02X at %lu: %s", c, (unsigned long)i, msg);
  }
}

int fz_streq(lua_State *L, int idx, const char *s, size_t n)
{
  size_t len;
  const char *v;
  if (lua_type(L, idx) != LUA_TSTRING) return 0;
  v = lua_tolstring(L, idx, &len);
  return len == n && memcmp(v, s, n) == 0;
}

void fz_buf_add(struct fz_buf *b, const void *s, size_t n)
{
  if (b->n + n > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    char *p;
    while (cap < b->n + n) cap *= 2;
    p = realloc(b->p, cap);
    if (p == NULL) fz_fail("out of memory");
    b->p = p;
    b->cap = cap;
  }
  if (n > 0) memcpy(b->p + b->n, s, n);
  b->n += n;
}

void fz_buf_addc(struct fz_buf *b, char c)
{
  fz_buf_add(b, &c, 1);
}

void fz_buf_free(struct fz_buf *b)
{
  free(b->p);
  b->p = NULL;
  b->n = b->cap = 0;
}

int fz_has_crlf(const char *s, size_t n)
{
  return memchr(s, '\r', n) != NULL || memchr(s, '\n', n) != NULL;
}
