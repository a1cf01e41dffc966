/*
 * core.c - sipcodes.core: builds the entries Lua sees from the static
 * table in codes.c, and answers the per-code questions.
 *
 * The hot paths (lookup, reason, class, the predicates) are thin Lua
 * functions in sipcodes.lua that read three cache tables owned by this
 * module: `entries`, `reasons` and `classes`.  Those caches are filled here
 * on the first question about a code, so that a state that never asks about
 * a code never pays for it (FreeSWITCH builds a fresh Lua state for every
 * script run).  They are keyed by the argument as given, an integer or a
 * three-digit string, and only valid codes are ever stored, so they stay
 * bounded whatever a caller passes.
 *
 * The caches and the two metamethods every entry shares are upvalues of the
 * module's functions: per-state data, no C globals.
 */
#include <string.h>

#include "sipcodes.h"
#include "parse.h"

enum {
  UV_ENTRIES = 1,  /* code -> read-only entry */
  UV_REASONS,      /* code -> reason phrase */
  UV_CLASSES,      /* code -> class digit, for every code 100..699 */
  UV_NEWINDEX,     /* __newindex shared by every entry */
  UV_TOSTRING,     /* __tostring shared by every entry */
  UV_COUNT = UV_TOSTRING
};

static const char *const class_names[] = {
  NULL, "Provisional", "Success", "Redirection",
  "Client Error", "Server Error", "Global Failure"
};

static const char *const status_names[] = {"current", "deprecated", "historic"};

/* ---- entries ---------------------------------------------------------- */

/* Assignments to an entry land here (the proxy is always empty).  The
 * position is that of the script's assignment, level 2, since level 1 is
 * this C function. */
static int entry_newindex(lua_State *L)
{
  lua_getfield(L, 1, "code");
  sipc_pushvalue_desc(L, 2);
  luaL_where(L, 2);
  lua_pushfstring(L, "sipcodes: entry %d is read-only (cannot set field %s)",
                  (int)lua_tointeger(L, -3), lua_tostring(L, -2));
  lua_concat(L, 2);
  return lua_error(L);
}

static int entry_tostring(lua_State *L)
{
  lua_getfield(L, 1, "code");
  lua_getfield(L, 1, "reason");
  lua_pushfstring(L, "%d %s", (int)lua_tointeger(L, -2), lua_tostring(L, -1));
  return 1;
}

/*
 * An entry is an empty proxy whose protected metatable reads through to a
 * data table: one metamethod hop per field read, and no way to write.
 */
static void build_entry(lua_State *L, const struct sipc_code *c)
{
  int k = c->code / 100;
  lua_createtable(L, 0, 0);          /* proxy */
  lua_createtable(L, 0, 4);          /* metatable */
  lua_createtable(L, 0, 8);          /* data */
  lua_pushinteger(L, c->code);
  lua_setfield(L, -2, "code");
  lua_pushstring(L, c->reason);
  lua_setfield(L, -2, "reason");
  lua_pushinteger(L, k);
  lua_setfield(L, -2, "class");
  lua_pushboolean(L, k != 1);
  lua_setfield(L, -2, "final");
  lua_pushstring(L, c->name);
  lua_setfield(L, -2, "name");
  lua_pushinteger(L, c->rfc);
  lua_setfield(L, -2, "rfc");
  lua_pushstring(L, status_names[c->status]);
  lua_setfield(L, -2, "status");
  lua_pushstring(L, c->description);
  lua_setfield(L, -2, "description");
  lua_setfield(L, -2, "__index");
  lua_pushvalue(L, lua_upvalueindex(UV_NEWINDEX));
  lua_setfield(L, -2, "__newindex");
  lua_pushvalue(L, lua_upvalueindex(UV_TOSTRING));
  lua_setfield(L, -2, "__tostring");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);
}

/* Pushes the one entry of c in this state, building it on first use. */
static void push_entry(lua_State *L, const struct sipc_code *c)
{
  lua_rawgeti(L, lua_upvalueindex(UV_ENTRIES), c->code);
  if (!lua_isnil(L, -1)) return;
  lua_pop(L, 1);
  build_entry(L, c);
  lua_pushvalue(L, -1);
  lua_rawseti(L, lua_upvalueindex(UV_ENTRIES), c->code);
}

/* Remembers what the Lua fast paths need for a valid code given at idx. */
static void cache_code(lua_State *L, int idx, int code,
                       const struct sipc_code *c)
{
  lua_pushvalue(L, idx);
  lua_pushinteger(L, code / 100);
  lua_rawset(L, lua_upvalueindex(UV_CLASSES));
  if (c == NULL) return;
  lua_pushvalue(L, idx);
  lua_pushstring(L, c->reason);
  lua_rawset(L, lua_upvalueindex(UV_REASONS));
  lua_pushvalue(L, idx);
  push_entry(L, c);
  lua_rawset(L, lua_upvalueindex(UV_ENTRIES));
}

static int unregistered(lua_State *L, int code, const char *fname)
{
  lua_pushnil(L);
  lua_pushfstring(L, "%s: %d is not a registered SIP response code", fname,
                  code);
  return 2;
}

/* ---- per-code functions (slow paths of sipcodes.lua) ------------------- */

/* core.lookup(code) -> entry | nil, message */
static int core_lookup(lua_State *L)
{
  int code;
  const struct sipc_code *c;
  if (!sipc_tocode(L, 1, &code)) return sipc_badcode(L, 1, "sipcodes.lookup");
  c = sipc_find(code);
  cache_code(L, 1, code, c);
  if (c == NULL) return unregistered(L, code, "sipcodes.lookup");
  push_entry(L, c);
  return 1;
}

/* core.reason(code [, default]) -> phrase | default | nil, message */
static int core_reason(lua_State *L)
{
  int code;
  int has_default = !lua_isnoneornil(L, 2);
  if (has_default && lua_type(L, 2) != LUA_TSTRING)
    return luaL_error(L, "sipcodes.reason: bad argument #2 (default): "
                      "string expected, got %s", luaL_typename(L, 2));
  if (sipc_tocode(L, 1, &code)) {
    const struct sipc_code *c = sipc_find(code);
    cache_code(L, 1, code, c);
    if (c != NULL) {
      lua_pushstring(L, c->reason);
      return 1;
    }
    if (!has_default) return unregistered(L, code, "sipcodes.reason");
  } else if (!has_default) {
    return sipc_badcode(L, 1, "sipcodes.reason");
  }
  lua_settop(L, 2);
  return 1;
}

/* core.class(code) -> 1..6 | nil, message */
static int core_class(lua_State *L)
{
  int code;
  if (!sipc_tocode(L, 1, &code)) return sipc_badcode(L, 1, "sipcodes.class");
  cache_code(L, 1, code, sipc_find(code));
  lua_pushinteger(L, code / 100);
  return 1;
}

/* core.is(code, class, fname) -> boolean | nil, message
 * class 0 stands for "final" (any class but 1). */
static int core_is(lua_State *L)
{
  int code, k;
  int want = (int)luaL_checkinteger(L, 2);
  const char *fname = luaL_checkstring(L, 3);
  if (!sipc_tocode(L, 1, &code)) return sipc_badcode(L, 1, fname);
  cache_code(L, 1, code, sipc_find(code));
  k = code / 100;
  lua_pushboolean(L, want == 0 ? k != 1 : k == want);
  return 1;
}

/* sipcodes.class_name(code) -> "Client Error" | nil, message */
static int core_class_name(lua_State *L)
{
  int code;
  if (!sipc_tocode(L, 1, &code))
    return sipc_badcode(L, 1, "sipcodes.class_name");
  lua_pushstring(L, class_names[code / 100]);
  return 1;
}

/* ASCII case-insensitive equality of s (length len) and the C string t. */
static int same_text(const char *s, size_t len, const char *t)
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

/*
 * sipcodes.code(text) -> code | nil, message
 * text is a reason phrase or a constant name, in any case.  The table is
 * searched in ascending order, so a phrase two codes share gives the lower
 * code: "Not Acceptable" is 406, never 606 (whose constant name is
 * NOT_ACCEPTABLE_ANYWHERE).
 */
static int core_code(lua_State *L)
{
  size_t len, i;
  const char *s;
  if (lua_type(L, 1) != LUA_TSTRING) {
    lua_pushnil(L);
    lua_pushfstring(L, "sipcodes.code: expected a reason phrase or constant "
                    "name (string), got %s", luaL_typename(L, 1));
    return 2;
  }
  s = lua_tolstring(L, 1, &len);
  for (i = 0; i < sipc_ncodes; i++) {
    if (same_text(s, len, sipc_codes[i].reason) ||
        same_text(s, len, sipc_codes[i].name)) {
      lua_pushinteger(L, sipc_codes[i].code);
      return 1;
    }
  }
  lua_pushnil(L);
  sipc_pushvalue_desc(L, 1);
  lua_pushfstring(L, "sipcodes.code: no SIP response code has the phrase or "
                  "name %s", lua_tostring(L, -1));
  lua_remove(L, -2);
  return 2;
}

/*
 * sipcodes.resolve(code) -> entry | nil, message
 * RFC 3261 §8.1.3.2: a UAC treats an unknown final response as the x00
 * response of its class, and an unknown provisional response other than
 * 100 as 183 (Session Progress).
 */
static int core_resolve(lua_State *L)
{
  int code;
  const struct sipc_code *c;
  if (!sipc_tocode(L, 1, &code)) return sipc_badcode(L, 1, "sipcodes.resolve");
  c = sipc_find(code);
  if (c == NULL) c = sipc_find(code < 200 ? 183 : code / 100 * 100);
  push_entry(L, c);
  return 1;
}

/* Iterator of sipcodes.each(): the registered code after `code`, and its
 * entry, or nothing at the end. */
static int core_next(lua_State *L)
{
  lua_Number after = luaL_optnumber(L, 2, 0);
  size_t i = sipc_after(after >= 0 && after <= SIPC_MAX ? (int)after
                        : after > SIPC_MAX ? SIPC_MAX : 0);
  if (i >= sipc_ncodes) return 0;
  lua_pushinteger(L, sipc_codes[i].code);
  push_entry(L, &sipc_codes[i]);
  return 2;
}

/*
 * core.index(key) -> value | nil
 * What the module table's __index gives for key: the entry of a registered
 * code given as a number, or the code of a constant name (exact case).
 */
static int core_index(lua_State *L)
{
  int code;
  const struct sipc_code *c;
  if (lua_type(L, 1) == LUA_TNUMBER) {
    if (sipc_tocode(L, 1, &code) && (c = sipc_find(code)) != NULL) {
      push_entry(L, c);
      return 1;
    }
  } else if (lua_type(L, 1) == LUA_TSTRING) {
    size_t i;
    const char *s = lua_tostring(L, 1);
    for (i = 0; i < sipc_ncodes; i++) {
      if (strcmp(s, sipc_codes[i].name) == 0) {
        lua_pushinteger(L, sipc_codes[i].code);
        return 1;
      }
    }
  }
  return 0;
}

static const luaL_Reg funcs[] = {
  {"lookup", core_lookup},
  {"reason", core_reason},
  {"class", core_class},
  {"is", core_is},
  {"class_name", core_class_name},
  {"code", core_code},
  {"resolve", core_resolve},
  {"next", core_next},
  {"index", core_index},
  {"parse_status_line", sipc_parse_status_line},
  {"parse_reason", sipc_parse_reason},
  {NULL, NULL}
};

int luaopen_sipcodes_core(lua_State *L);

int luaopen_sipcodes_core(lua_State *L)
{
  static const char *const caches[] = {"entries", "reasons", "classes"};
  static const luaL_Reg *const parts[] = {funcs, sipc_q850_funcs,
                                          sipc_build_funcs};
  int i, u;
  lua_createtable(L, 0, 32);
  for (i = 0; i < 3; i++) {
    lua_createtable(L, 0, 0);
    lua_pushvalue(L, -1);
    lua_setfield(L, -3 - i, caches[i]);
  }
  lua_pushcfunction(L, entry_newindex);
  lua_pushcfunction(L, entry_tostring);
  /* Every function of every part shares the same upvalues. */
  for (i = 0; i < (int)(sizeof parts / sizeof parts[0]); i++) {
    const luaL_Reg *l;
    for (l = parts[i]; l->name != NULL; l++) {
      for (u = 0; u < UV_COUNT; u++) lua_pushvalue(L, -UV_COUNT);
      lua_pushcclosure(L, l->func, UV_COUNT);
      lua_setfield(L, -(UV_COUNT + 2), l->name);
    }
  }
  lua_pop(L, UV_COUNT);
  return 1;
}
