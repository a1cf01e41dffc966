/*
 * core.c - sipcodes.core: the entries Lua sees, built from the static table
 * in codes.c, the per-code slow paths, and luaopen_sipcodes_core.
 *
 * The hot paths (lookup, reason, class, the predicates) are thin Lua
 * functions in sipcodes.lua that read cache tables owned by this module:
 * `entries`, `reasons` and `classes`, filled here on the first question
 * about a code, and `lookup_misses` and `reason_misses`, the messages of
 * answers that were nil.  A state that never asks about a code never pays
 * for it: FreeSWITCH builds a fresh Lua state for every script run.  The
 * caches are keyed by the argument as given; the first three hold valid
 * codes only, the misses at most MISSES_MAX keys each, so they stay bounded
 * whatever a caller passes.  sipcodes.lua takes them once, from take(),
 * which hands them over on its first call only, and keeps the core it
 * loads to itself (each load of it requires a core of its own): no table
 * a script can require or index holds them, and what a script writes into
 * a table require("sipcodes.core") gives it changes no answer of the
 * module (the debug library remains the documented bypass).
 *
 * Calls go one way: Lua calls C, C calls no Lua module.
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
  S_UNKNOWN,       /* numbers core.index found no registered code for */
  S_TAKEN,         /* true once take() has handed the caches over */
  S_CORE,          /* the table behind core */
  S_COUNT = S_CORE
};

/* Enough for every code 100..699 and many bad values; a flood of
 * distinct bad values then costs a call into C each, not memory. */
#if !defined(MISSES_MAX)
#define MISSES_MAX 1024
#endif

/* At the UNKNOWN_MAX-th number that is no registered code, the module
 * table is completed (lua/sipcodes/lazy.lua).  The 8 before cost a call of
 * __index each, less than completing (building every entry) would; not
 * more, because LuaJIT records a side trace at the 10th exit of a guard
 * (hotexit): the misses of a loop over sipcodes[c] must find the table
 * completed by then, or their trace keeps the metatable's path (bench/:
 * the sipcodes[c] row, 1.3x with 16 or 32, 1.2x with 9). */
#if !defined(UNKNOWN_MAX)
#define UNKNOWN_MAX 9
#endif

static const char *const class_names[] = {
  NULL, "Provisional", "Success", "Redirection",
  "Client Error", "Server Error", "Global Failure"
};

static const char *const status_names[] = {"current", "deprecated", "historic"};

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

/* ---- entries ------------------------------------------------------------ */

/* Raises "<prefix> is read-only (cannot set field K)" at the position of
 * the assignment: in a metamethod written in C, level 1 is the Lua
 * function that assigned, on every version. */
static int readonly_error(lua_State *L, const char *what)
{
  sipc_pushvalue_desc(L, 2);
  luaL_where(L, 1);
  lua_pushfstring(L, "%s is read-only (cannot set field %s)", what,
                  lua_tostring(L, -2));
  lua_concat(L, 2);
  return lua_error(L);
}

/* Assignments to an entry land here (the proxy is always empty). */
static int entry_newindex(lua_State *L)
{
  const char *what = "sipcodes: an entry";
  if (lua_type(L, 1) == LUA_TTABLE) {
    lua_getfield(L, 1, "code");
    if (lua_type(L, -1) == LUA_TNUMBER)
      what = lua_pushfstring(L, "sipcodes: entry %d",
                             (int)lua_tointeger(L, -1));
  }
  return readonly_error(L, what);
}

/* "486 Busy Here"; what rawset may have put in an entry reads as 0 or
 * "?". */
static int entry_tostring(lua_State *L)
{
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_getfield(L, 1, "code");
  lua_getfield(L, 1, "reason");
  lua_pushfstring(L, "%d %s", (int)lua_tointeger(L, -2),
                  lua_isstring(L, -1) ? lua_tostring(L, -1) : "?");
  return 1;
}

/*
 * An entry is an empty proxy whose protected metatable reads through to a
 * data table: one metamethod hop per field read, and no way to write short
 * of the debug library.  The metamethods are shared by every entry of the
 * state.
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

/* The answer of lookup and reason for a value that is no registered code:
 * nil and a message, remembered in the misses at slot. */
static int miss(lua_State *L, const char *fname, int slot, int count_slot)
{
  int code;
  if (sipc_tocode(L, 1, &code))
    sipc_fail(L, 0, "%s: %d is not a registered SIP response code", fname,
              code);
  else
    sipc_fail(L, 1, "%s: " SIPC_NOT_A_CODE, fname);
  memo_miss(L, 1, slot, count_slot);
  return 2;
}

/* ---- per-code functions (slow paths of sipcodes.lua) -------------------- */

/* The registered row of the code at 1, or NULL; a valid code, registered
 * or not, is remembered for the fast paths either way. */
static const struct sipc_code *known(lua_State *L)
{
  int code;
  const struct sipc_code *c;
  if (!sipc_tocode(L, 1, &code)) return NULL;
  c = sipc_find(code);
  cache_code(L, 1, code, c);
  return c;
}

/* core.lookup(code) -> entry | nil, message */
static int core_lookup(lua_State *L)
{
  const struct sipc_code *c;
  lua_settop(L, 1);
  if ((c = known(L)) == NULL)
    return miss(L, "sipcodes.lookup", S_LOOKUP_MISSES, S_LOOKUP_COUNT);
  push_entry(L, c);
  return 1;
}

/* core.reason(code [, default]) -> phrase | default | nil, message; a
 * default that is not a string (a script's mistake, not data from the
 * network) raises at level 2: sipcodes.reason calls this from no tail
 * position, so level 1 is sipcodes.reason and level 2 its caller's line,
 * on every version.  The default is looked at only when it is to be
 * returned, as the Lua fast path, which never looks at it, does. */
static int core_reason(lua_State *L)
{
  const struct sipc_code *c;
  lua_settop(L, 2);
  if ((c = known(L)) != NULL) {
    lua_pushstring(L, c->reason);
    return 1;
  }
  if (lua_isnil(L, 2))
    return miss(L, "sipcodes.reason", S_REASON_MISSES, S_REASON_COUNT);
  if (lua_type(L, 2) == LUA_TSTRING) return 1;
  luaL_where(L, 2);
  lua_pushfstring(L, "sipcodes.reason: bad argument #2 (default): string "
                  "expected, got %s", luaL_typename(L, 2));
  lua_concat(L, 2);
  return lua_error(L);
}

/* core.class(code) -> 1..6 | nil, message */
static int core_class(lua_State *L)
{
  int code;
  if (!sipc_tocode(L, 1, &code))
    return sipc_fail(L, 1, "sipcodes.class: " SIPC_NOT_A_CODE);
  cache_code(L, 1, code, sipc_find(code));
  lua_pushinteger(L, code / 100);
  return 1;
}

/* The predicate of each class, 0 standing for "final" (any class but 1). */
static const char *const predicates[] = {
  "sipcodes.is_final", "sipcodes.is_provisional", "sipcodes.is_success",
  "sipcodes.is_redirection", "sipcodes.is_client_error",
  "sipcodes.is_server_error", "sipcodes.is_global_failure"
};

/* core.is(code, class) -> boolean | nil, message: the slow path of the
 * predicate of class 0..6 (predicates[]), which names it in its message:
 * the module's predicates hold no string of their own. */
static int core_is(lua_State *L)
{
  int code, k;
  lua_Integer want = luaL_checkinteger(L, 2);
  luaL_argcheck(L, want >= 0 && want <= 6, 2, "class 0..6 expected");
  if (!sipc_tocode(L, 1, &code))
    return sipc_fail(L, 1, "%s: " SIPC_NOT_A_CODE, predicates[want]);
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
    return sipc_fail(L, 1, "sipcodes.class_name: " SIPC_NOT_A_CODE);
  lua_pushstring(L, class_names[code / 100]);
  return 1;
}

/* core.describe(value) -> how a message names it (sipc_pushvalue_desc),
 * for the Lua layers, so that every message of the module reads alike. */
static int core_describe(lua_State *L)
{
  sipc_pushvalue_desc(L, 1);
  return 1;
}

/* core.fail(prefix, what, value) -> nil, "prefix: what, got V": the
 * failure helper, for the Lua layers. */
static int core_fail(lua_State *L)
{
  const char *prefix = luaL_checkstring(L, 1);
  const char *what = luaL_checkstring(L, 2);
  lua_settop(L, 3);
  return sipc_fail(L, 3, "%s: %s", prefix, what);
}

/* core.tocode(value [, prefix]) -> code | nil, "prefix: expected a SIP
 * status code (100..699), got V": the one reader of a code, for the Lua
 * layers; the code is an integer on every version. */
static int core_tocode(lua_State *L)
{
  int code;
  const char *prefix = luaL_optstring(L, 2, "sipcodes");
  if (!sipc_tocode(L, 1, &code)) return sipc_fail(L, 1, "%s: " SIPC_NOT_A_CODE, prefix);
  lua_pushinteger(L, code);
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
  if (lua_type(L, 1) != LUA_TSTRING)
    return sipc_fail(L, 0, "sipcodes.code: expected a reason phrase or "
                     "constant name (string), got %s", luaL_typename(L, 1));
  s = lua_tolstring(L, 1, &len);
  for (i = 0; i < sipc_ncodes; i++) {
    if (sipc_same_caseless(s, len, sipc_codes[i].reason) ||
        sipc_same_caseless(s, len, sipc_codes[i].name)) {
      lua_pushinteger(L, sipc_codes[i].code);
      return 1;
    }
  }
  sipc_pushvalue_desc(L, 1);
  return sipc_fail(L, 0, "sipcodes.code: no SIP response code has the "
                   "phrase or name %s", lua_tostring(L, -1));
}

/* core.index(module, key) -> v | nil | false: for the module table's
 * __index (sipcodes.lua).  v is the entry of a registered code given as a
 * number, or the code of a constant name given exactly ("BUSY_HERE"),
 * stored in module so that the next read is a plain one.  false tells
 * __index to ask sipcodes.lazy: for a string that is no constant (a layer
 * function, or nothing), and for the UNKNOWN_MAX-th number that is no
 * registered code; any other key has no value (nil). */
static int core_index(lua_State *L)
{
  int code;
  size_t len, i;
  const char *s;
  const struct sipc_code *c;
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 2);
  if (lua_type(L, 2) == LUA_TNUMBER) {
    if (!sipc_tocode(L, 2, &code) || (c = sipc_find(code)) == NULL) {
      if (bump(L, S_UNKNOWN) + 1 < UNKNOWN_MAX) return 0;
      lua_pushboolean(L, 0);
      return 1;
    }
    push_entry(L, c);
  } else if (lua_type(L, 2) == LUA_TSTRING) {
    s = lua_tolstring(L, 2, &len);
    for (i = 0; i < sipc_ncodes; i++) {
      if (strlen(sipc_codes[i].name) == len &&
          memcmp(s, sipc_codes[i].name, len) == 0)
        break;
    }
    if (i == sipc_ncodes) {
      lua_pushboolean(L, 0);
      return 1;
    }
    lua_pushinteger(L, sipc_codes[i].code);
  } else {
    return 0;
  }
  lua_pushvalue(L, 2);
  lua_pushvalue(L, -2);
  lua_rawset(L, 1);
  return 1;
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
  if (!sipc_tocode(L, 1, &code))
    return sipc_fail(L, 1, "sipcodes.resolve: " SIPC_NOT_A_CODE);
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

/* What the module table gets from the core, as it is. */
static const char *const module_fields[] = {
  "_VERSION", "class_name", "code", "resolve", "each", NULL
};

/* The parts core.open makes, each from one C file. */
static const struct {
  const char *name;
  void (*open)(lua_State *L);
} parts[] = {
  {"build", sipc_open_build},  /* status_line, reason_header */
  {"parse", sipc_open_parse},  /* parse_status_line, parse_reason */
  {"q850", sipc_open_q850},    /* to_sip, from_sip, name, cause, text,
                                  reason_header */
};

/* core.open(part) -> a new table of the functions of one C file, or nil
 * and a message: made when first used, so that a script that only looks
 * codes up holds none of them (sipcodes.lazy calls it). */
static int core_open(lua_State *L)
{
  size_t len, i;
  const char *s = lua_type(L, 1) == LUA_TSTRING ? lua_tolstring(L, 1, &len)
                                                : NULL;
  for (i = 0; s != NULL && i < sizeof parts / sizeof parts[0]; i++) {
    if (strlen(parts[i].name) == len && memcmp(s, parts[i].name, len) == 0) {
      lua_createtable(L, 0, 6);
      parts[i].open(L);
      return 1;
    }
  }
  return sipc_fail(L, 1, "sipcodes.core.open: expected \"build\", \"parse\" "
                   "or \"q850\"");
}

/* core.take() -> entries, reasons, classes, lookup_misses, reason_misses,
 * module on its first call, nothing afterwards: sipcodes.lua takes the
 * caches and the start of its module table (the fields of the core it
 * holds from the start) at load, and no one else can.  The first call
 * also takes this core out of package.loaded (the registry's _LOADED, on
 * every version), so that the next require("sipcodes.core") makes a core
 * of its own: what a script writes into that one changes no answer. */
static int core_take(lua_State *L)
{
  int slot, i;
  push_state(L, S_TAKEN);
  if (lua_toboolean(L, -1)) return 0;
  lua_pushboolean(L, 1);
  lua_rawseti(L, STATE, S_TAKEN);
  lua_getfield(L, LUA_REGISTRYINDEX, "_LOADED");
  if (lua_istable(L, -1)) {
    lua_getfield(L, -1, "sipcodes.core");
    push_state(L, S_CORE);
    if (lua_rawequal(L, -1, -2)) {
      lua_pushnil(L);
      lua_setfield(L, -4, "sipcodes.core");
    }
    lua_pop(L, 2);
  }
  lua_settop(L, 0);
  for (slot = S_ENTRIES; slot <= S_REASON_MISSES; slot++) push_state(L, slot);
  lua_createtable(L, 0, 16);         /* the module table */
  push_state(L, S_CORE);
  for (i = 0; module_fields[i] != NULL; i++) {
    lua_getfield(L, -1, module_fields[i]);
    lua_setfield(L, -3, module_fields[i]);
  }
  lua_pop(L, 1);
  return S_REASON_MISSES - S_ENTRIES + 2;
}

/* A fresh state table: the caches, the shared metamethods, the counters. */
static void new_state(lua_State *L)
{
  int slot, state;
  lua_createtable(L, S_COUNT, 0);
  state = lua_gettop(L);
  for (slot = S_ENTRIES; slot <= S_REASON_MISSES; slot++) {
    lua_newtable(L);
    lua_rawseti(L, state, slot);
  }
  lua_pushcfunction(L, entry_newindex);
  lua_rawseti(L, state, S_NEWINDEX);
  lua_pushcfunction(L, entry_tostring);
  lua_rawseti(L, state, S_TOSTRING);
  lua_pushvalue(L, state);
  lua_pushcclosure(L, core_next, 1);
  lua_rawseti(L, state, S_NEXT);
  lua_pushinteger(L, 0);
  lua_rawseti(L, state, S_LOOKUP_COUNT);
  lua_pushinteger(L, 0);
  lua_rawseti(L, state, S_REASON_COUNT);
  lua_pushinteger(L, 0);
  lua_rawseti(L, state, S_UNKNOWN);
  lua_pushboolean(L, 0);
  lua_rawseti(L, state, S_TAKEN);
}

void sipc_setfuncs(lua_State *L, const luaL_Reg *l)
{
  for (; l->name != NULL; l++) {
    lua_pushcfunction(L, l->func);
    lua_setfield(L, -2, l->name);
  }
}

/* Sets the functions of l in the table on top, each with the state table
 * at state as its upvalue. */
static void set_stateful(lua_State *L, const luaL_Reg *l, int state)
{
  for (; l->name != NULL; l++) {
    lua_pushvalue(L, state);
    lua_pushcclosure(L, l->func, 1);
    lua_setfield(L, -2, l->name);
  }
}

/* Functions that use the state table. */
static const luaL_Reg stateful[] = {
  {"lookup", core_lookup},
  {"reason", core_reason},
  {"class", core_class},
  {"is", core_is},
  {"resolve", core_resolve},
  {"each", core_each},
  {"index", core_index},
  {"take", core_take},
  {NULL, NULL}
};

/* Functions that need nothing but their arguments: light C functions
 * from 5.2 on, which cost no memory. */
static const luaL_Reg plain[] = {
  {"class_name", core_class_name},
  {"code", core_code},
  {"describe", core_describe},
  {"fail", core_fail},
  {"open", core_open},
  {"tocode", core_tocode},
  {NULL, NULL}
};

int luaopen_sipcodes_core(lua_State *L);

int luaopen_sipcodes_core(lua_State *L)
{
  lua_settop(L, 0);
  new_state(L);                      /* 1: the state */
  lua_createtable(L, 0, 16);         /* 2: the core table */
  set_stateful(L, stateful, 1);
  sipc_setfuncs(L, plain);
  lua_pushliteral(L, "sipcodes " SIPC_VERSION);
  lua_setfield(L, 2, "_VERSION");
  lua_pushvalue(L, 2);
  lua_rawseti(L, 1, S_CORE);
  return 1;
}
