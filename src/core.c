/*
 * core.c - sipcodes.core: builds the entries Lua sees from the static
 * table in codes.c, the module table, and the per-code slow paths.
 *
 * The hot paths (lookup, reason, class, the predicates) are thin Lua
 * functions in sipcodes.lua that read cache tables owned by this module:
 * `entries`, `reasons` and `classes`, filled here on the first question
 * about a code, and `lookup_misses` and `reason_misses`, the messages of
 * answers that were nil.  A state that never asks about a code never pays
 * for it: FreeSWITCH builds a fresh Lua state for every script run.  The
 * caches are keyed by the argument as given; the first three hold valid
 * codes only, the misses at most MISSES_MAX keys each, so they stay bounded
 * whatever a caller passes.
 *
 * All per-state data sits in one table, the upvalue of the functions that
 * need it: no C globals, since many Lua states run in parallel threads.
 */
#include <string.h>

#include "sipcodes.h"
#include "parse.h"
#include "text.h"

/* Slots of the state table. */
enum {
  S_ENTRIES = 1,   /* code -> read-only entry */
  S_REASONS,       /* code -> reason phrase */
  S_CLASSES,       /* code -> class digit, for every code 100..699 */
  S_LOOKUP_MISSES, /* value -> message of lookup's nil answer */
  S_REASON_MISSES, /* value -> message of reason's nil answer */
  S_NEWINDEX,      /* __newindex shared by every entry */
  S_TOSTRING,      /* __tostring shared by every entry */
  S_NEXT,          /* the iterator each() returns */
  S_LOOKUP_COUNT,  /* keys in S_LOOKUP_MISSES */
  S_REASON_COUNT,  /* keys in S_REASON_MISSES */
  S_UNKNOWN,       /* unregistered codes the module table was indexed with */
  S_COUNT = S_UNKNOWN
};

/* Enough for every code 100..699 and many bad values; a flood of
 * distinct bad values then costs a call into C each, not memory. */
#define MISSES_MAX 1024

/* A module table indexed with this many unregistered codes is completed
 * (see complete()). */
#define UNKNOWN_BEFORE_COMPLETE 8

static const char *const class_names[] = {
  NULL, "Provisional", "Success", "Redirection",
  "Client Error", "Server Error", "Global Failure"
};

static const char *const status_names[] = {"current", "deprecated", "historic"};

/* Fields of the layers loaded on first use, and their modules. */
static const struct {
  const char *field, *module;
} lazy[] = {
  {"match", "sipcodes.query"},
  {"find", "sipcodes.query"},
  {"select", "sipcodes.query"},
  {"best", "sipcodes.semantics"},
  {"status_line", "sipcodes.semantics"},
  {"parse_status_line", "sipcodes.semantics"},
  {"reason_header", "sipcodes.semantics"},
  {"parse_reason", "sipcodes.semantics"},
  {"q850", "sipcodes.semantics"},
  {"headers", "sipcodes.semantics"},
  {"retry_after", "sipcodes.semantics"},
};

#define STATE lua_upvalueindex(1)

static void push_state(lua_State *L, int slot)
{
  lua_rawgeti(L, STATE, slot);
}

/* state[slot] = state[slot] + 1; returns the old value. */
static lua_Integer bump(lua_State *L, int slot)
{
  lua_Integer n;
  push_state(L, slot);
  n = lua_tointeger(L, -1);
  lua_pop(L, 1);
  lua_pushinteger(L, n + 1);
  lua_rawseti(L, STATE, slot);
  return n;
}

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
  push_state(L, S_NEWINDEX);
  lua_setfield(L, -2, "__newindex");
  push_state(L, S_TOSTRING);
  lua_setfield(L, -2, "__tostring");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);
}

/* Pushes the one entry of c in this state, building it on first use. */
static void push_entry(lua_State *L, const struct sipc_code *c)
{
  push_state(L, S_ENTRIES);
  lua_rawgeti(L, -1, c->code);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    build_entry(L, c);
    lua_pushvalue(L, -1);
    lua_rawseti(L, -3, c->code);
  }
  lua_remove(L, -2);
}

/* cache[key at idx] = value on top (popped). */
static void cache_set(lua_State *L, int slot, int idx)
{
  push_state(L, slot);
  lua_pushvalue(L, idx);
  lua_pushvalue(L, -3);
  lua_rawset(L, -3);
  lua_pop(L, 2);
}

/* Remembers what the Lua fast paths need for a valid code given at idx. */
static void cache_code(lua_State *L, int idx, int code,
                       const struct sipc_code *c)
{
  lua_pushinteger(L, code / 100);
  cache_set(L, S_CLASSES, idx);
  if (c == NULL) return;
  lua_pushstring(L, c->reason);
  cache_set(L, S_REASONS, idx);
  push_entry(L, c);
  cache_set(L, S_ENTRIES, idx);
}

/*
 * Remembers the message on top of the stack as the nil answer for the value
 * at idx, so that asking again costs no call into C and no new string.
 * Only values that make bounded keys are kept: numbers but NaN (which no
 * table takes), booleans and short strings, MISSES_MAX of them at most.
 */
static void memo_miss(lua_State *L, int idx, int slot, int count_slot)
{
  int t = lua_type(L, idx);
  if (t == LUA_TNUMBER) {
    lua_Number n = lua_tonumber(L, idx);
    if (n != n) return;  /* NaN is no key */
  } else if (t == LUA_TSTRING) {
    size_t len;
    lua_tolstring(L, idx, &len);
    if (len > 8) return;
  } else if (t != LUA_TBOOLEAN) {
    return;
  }
  if (bump(L, count_slot) >= MISSES_MAX) return;
  lua_pushvalue(L, -1);
  cache_set(L, slot, idx);
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
  const struct sipc_code *c = NULL;
  lua_settop(L, 1);
  if (sipc_tocode(L, 1, &code)) {
    c = sipc_find(code);
    cache_code(L, 1, code, c);
    if (c != NULL) {
      push_entry(L, c);
      return 1;
    }
    unregistered(L, code, "sipcodes.lookup");
  } else {
    sipc_badcode(L, 1, "sipcodes.lookup");
  }
  memo_miss(L, 1, S_LOOKUP_MISSES, S_LOOKUP_COUNT);
  return 2;
}

/* The default of reason(), at 2, when it is to be returned: a string, or
 * an error (a script's mistake, not data from the network).  Checked only
 * when used, as the Lua fast path, which never looks at it, does. */
static int use_default(lua_State *L)
{
  if (lua_type(L, 2) != LUA_TSTRING)
    return luaL_error(L, "sipcodes.reason: bad argument #2 (default): "
                      "string expected, got %s", luaL_typename(L, 2));
  return 1;
}

/* core.reason(code [, default]) -> phrase | default | nil, message */
static int core_reason(lua_State *L)
{
  int code;
  int has_default = !lua_isnoneornil(L, 2);
  lua_settop(L, 2);
  if (sipc_tocode(L, 1, &code)) {
    const struct sipc_code *c = sipc_find(code);
    cache_code(L, 1, code, c);
    if (c != NULL) {
      lua_pushstring(L, c->reason);
      return 1;
    }
    if (has_default) return use_default(L);
    unregistered(L, code, "sipcodes.reason");
  } else {
    if (has_default) return use_default(L);
    sipc_badcode(L, 1, "sipcodes.reason");
  }
  memo_miss(L, 1, S_REASON_MISSES, S_REASON_COUNT);
  return 2;
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

/* core.describe(value) -> how a message names it: at most 24 printable
 * bytes of a string, a number as written, the type of anything else.  For
 * the Lua layers, so that every message of the module reads alike. */
static int core_describe(lua_State *L)
{
  sipc_pushvalue_desc(L, 1);
  return 1;
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
    if (sipc_same_caseless(s, len, sipc_codes[i].reason) ||
        sipc_same_caseless(s, len, sipc_codes[i].name)) {
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
 * 100 as 183 (Session Progress).  "Unknown" is judged as an RFC 3261 UA
 * knows codes: a code whose status is historic (409, 411: only the
 * obsolete RFC 2543 defined it) is unknown to it, so it resolves like an
 * unregistered code, while lookup() still gives its entry.
 */
static int core_resolve(lua_State *L)
{
  int code;
  const struct sipc_code *c;
  if (!sipc_tocode(L, 1, &code)) return sipc_badcode(L, 1, "sipcodes.resolve");
  c = sipc_find(code);
  if (c == NULL || c->status == SIPC_HISTORIC)
    c = sipc_find(code < 200 ? 183 : code / 100 * 100);
  push_entry(L, c);
  return 1;
}

/* The iterator of sipcodes.each(): the registered code after the control
 * value, and its entry, or nothing at the end. */
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

/* sipcodes.each() -> iterator, nil, 0: every registered code, ascending. */
static int core_each(lua_State *L)
{
  push_state(L, S_NEXT);
  lua_pushnil(L);
  lua_pushinteger(L, 0);
  return 3;
}

/* ---- the module table -------------------------------------------------- */

/* Exact equality of s (len bytes, maybe holding NUL) and the C string t. */
static int same(const char *s, size_t len, const char *t)
{
  return strlen(t) == len && memcmp(s, t, len) == 0;
}

/* Pushes a field of a layer module, require'd. */
static void push_lazy(lua_State *L, size_t i)
{
  lua_getglobal(L, "require");
  lua_pushstring(L, lazy[i].module);
  lua_call(L, 1, 1);
  lua_getfield(L, -1, lazy[i].field);
  lua_remove(L, -2);
}

/* True when t[field] holds nothing, looked at without __index. */
static int absent(lua_State *L, int t, const char *field)
{
  int none;
  lua_pushstring(L, field);
  lua_rawget(L, t);
  none = lua_isnil(L, -1);
  lua_pop(L, 1);
  return none;
}

/*
 * Turns the lazy module table at t into a plain one: every entry, every
 * constant and every layer field stored in it, and its metatable removed.
 * A table cannot remember a miss, so while the metatable is there, every
 * unregistered code costs a call to module_index; a state that has shown it
 * asks for such codes pays once for the whole table instead.  Not done at
 * load, where every script would pay for it.
 */
static void complete(lua_State *L, int t)
{
  size_t i;
  /* A field the script has set itself is kept: the table is its own. */
  for (i = 0; i < sipc_ncodes; i++) {
    if (!absent(L, t, sipc_codes[i].name)) continue;
    lua_pushinteger(L, sipc_codes[i].code);
    lua_setfield(L, t, sipc_codes[i].name);
  }
  for (i = 0; i < sizeof lazy / sizeof lazy[0]; i++) {
    if (!absent(L, t, lazy[i].field)) continue;
    push_lazy(L, i);
    lua_setfield(L, t, lazy[i].field);
  }
  for (i = 0; i < sipc_ncodes; i++) {
    lua_rawgeti(L, t, sipc_codes[i].code);
    if (lua_isnil(L, -1)) {
      push_entry(L, &sipc_codes[i]);
      lua_rawseti(L, t, sipc_codes[i].code);
    }
    lua_pop(L, 1);
  }
  lua_pushnil(L);
  lua_setmetatable(L, t);
}

/*
 * __index of the module table: the entry of a registered code (numbers
 * only), the code of a constant name, or a field of a layer loaded on
 * first use; each is stored in the table, so that the next access is a
 * plain table read.
 */
static int module_index(lua_State *L)
{
  int code;
  size_t i, len;
  const char *key;
  const struct sipc_code *c;
  lua_settop(L, 2);
  if (lua_type(L, 2) == LUA_TNUMBER) {
    if (sipc_tocode(L, 2, &code) && (c = sipc_find(code)) != NULL) {
      push_entry(L, c);
      lua_pushvalue(L, -1);
      lua_rawseti(L, 1, code);
      return 1;
    }
    if (bump(L, S_UNKNOWN) + 1 >= UNKNOWN_BEFORE_COMPLETE) complete(L, 1);
    return 0;
  }
  if (lua_type(L, 2) != LUA_TSTRING) return 0;
  key = lua_tolstring(L, 2, &len);
  for (i = 0; i < sipc_ncodes; i++) {
    if (same(key, len, sipc_codes[i].name)) {
      lua_pushinteger(L, sipc_codes[i].code);
      break;
    }
  }
  for (i = 0; lua_gettop(L) == 2 && i < sizeof lazy / sizeof lazy[0]; i++)
    if (same(key, len, lazy[i].field)) push_lazy(L, i);
  if (lua_gettop(L) == 2) return 0;
  lua_pushvalue(L, 2);
  lua_pushvalue(L, -2);
  lua_rawset(L, 1);
  return 1;
}

/* Functions that use the state table. */
static const luaL_Reg stateful[] = {
  {"lookup", core_lookup},
  {"reason", core_reason},
  {"class", core_class},
  {"is", core_is},
  {"resolve", core_resolve},
  {"each", core_each},
  {NULL, NULL}
};

/* Functions that need nothing but their arguments: light C functions from
 * Lua 5.2 on, which cost no memory. */
static const luaL_Reg plain[] = {
  {"class_name", core_class_name},
  {"code", core_code},
  {"describe", core_describe},
  {NULL, NULL}
};

static const luaL_Reg parsers[] = {
  {"parse_status_line", sipc_parse_status_line},
  {"parse_reason", sipc_parse_reason},
  {NULL, NULL}
};

/* What the module table gets from the core at load. */
static const char *const module_fields[] = {
  "class_name", "code", "resolve", "each", NULL
};

static void set_funcs(lua_State *L, int t, const luaL_Reg *l, int state)
{
  for (; l->name != NULL; l++) {
    if (state) {
      lua_pushvalue(L, state);
      lua_pushcclosure(L, l->func, 1);
    } else {
      lua_pushcfunction(L, l->func);
    }
    lua_setfield(L, t, l->name);
  }
}

/* core.semantics() -> the C functions of sipcodes.semantics, in a table
 * made when that layer loads, so that a script that only looks codes up
 * does not hold them. */
static int core_semantics(lua_State *L)
{
  lua_createtable(L, 0, 10);
  set_funcs(L, 1, parsers, 0);
  set_funcs(L, 1, sipc_q850_funcs, 0);
  set_funcs(L, 1, sipc_build_funcs, 0);
  return 1;
}

int luaopen_sipcodes_core(lua_State *L);

int luaopen_sipcodes_core(lua_State *L)
{
  static const struct {
    int slot;
    const char *field;
  } caches[] = {
    {S_ENTRIES, "entries"}, {S_REASONS, "reasons"}, {S_CLASSES, "classes"},
    {S_LOOKUP_MISSES, "lookup_misses"}, {S_REASON_MISSES, "reason_misses"},
  };
  int core, state, module;
  size_t i;
  lua_createtable(L, 0, 16);
  core = lua_gettop(L);
  lua_createtable(L, S_COUNT, 0);
  state = lua_gettop(L);
  for (i = 0; i < sizeof caches / sizeof caches[0]; i++) {
    lua_newtable(L);
    lua_pushvalue(L, -1);
    lua_rawseti(L, state, caches[i].slot);
    lua_setfield(L, core, caches[i].field);
  }
  lua_pushcfunction(L, entry_newindex);
  lua_rawseti(L, state, S_NEWINDEX);
  lua_pushcfunction(L, entry_tostring);
  lua_rawseti(L, state, S_TOSTRING);
  lua_pushvalue(L, state);
  lua_pushcclosure(L, core_next, 1);
  lua_rawseti(L, state, S_NEXT);
  for (i = S_LOOKUP_COUNT; i <= S_UNKNOWN; i++) {
    lua_pushinteger(L, 0);
    lua_rawseti(L, state, (int)i);
  }
  set_funcs(L, core, stateful, state);
  set_funcs(L, core, plain, 0);
  lua_pushcfunction(L, core_semantics);
  lua_setfield(L, core, "semantics");

  /* The module table sipcodes.lua completes and returns. */
  lua_createtable(L, 0, 16);
  module = lua_gettop(L);
  lua_pushliteral(L, "sipcodes " SIPC_VERSION);
  lua_setfield(L, module, "_VERSION");
  for (i = 0; module_fields[i] != NULL; i++) {
    lua_getfield(L, core, module_fields[i]);
    lua_setfield(L, module, module_fields[i]);
  }
  lua_createtable(L, 0, 1);
  lua_pushvalue(L, state);
  lua_pushcclosure(L, module_index, 1);
  lua_setfield(L, -2, "__index");
  lua_setmetatable(L, module);
  lua_setfield(L, core, "module");
  lua_settop(L, core);
  return 1;
}
