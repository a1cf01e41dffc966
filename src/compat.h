/*
 * compat.h - the Lua C API differences between 5.1, 5.2, 5.3, 5.4 and
 * LuaJIT 2.1 that sipcodes.core uses, in one place.
 *
 * Guard by feature where a feature test exists: LuaJIT 2.1 reports 5.1 but
 * already has luaL_setfuncs and luaL_newlib, so redefining those by version
 * number would clash with its headers.
 */
#ifndef SIPCODES_COMPAT_H
#define SIPCODES_COMPAT_H

#include <lua.h>
#include <lauxlib.h>

#if !defined(LUA_VERSION_NUM) || LUA_VERSION_NUM < 501 || LUA_VERSION_NUM > 504
#error "sipcodes supports Lua 5.1, 5.2, 5.3, 5.4 and LuaJIT 2.1"
#endif

/* Plain Lua 5.1 lacks luaL_setfuncs and luaL_newlib; LuaJIT 2.1 has both
 * and defines luaL_newlib as a macro, which is the feature tested here. */
#ifndef luaL_newlib
static inline void sipc_setfuncs(lua_State *L, const luaL_Reg *l, int nup)
{
  int i;
  luaL_checkstack(L, nup + 1, "too many upvalues");
  for (; l->name != NULL; l++) {
    for (i = 0; i < nup; i++) lua_pushvalue(L, -nup);
    lua_pushcclosure(L, l->func, nup);
    lua_setfield(L, -(nup + 2), l->name);
  }
  lua_pop(L, nup);
}
#define luaL_setfuncs(L, l, nup) sipc_setfuncs((L), (l), (nup))
#endif

/* lua_rawlen is 5.2+ and no macro; LuaJIT 2.1 does not have it either. */
#if LUA_VERSION_NUM == 501
#define sipc_rawlen(L, i) lua_objlen((L), (i))
#else
#define sipc_rawlen(L, i) lua_rawlen((L), (i))
#endif

/* lua_isinteger (5.3+) tells integers from floats; before 5.3 every
 * number is a float and integrality is checked on the value. */
#if LUA_VERSION_NUM >= 503
#define sipc_isinteger(L, i) lua_isinteger((L), (i))
#else
#define sipc_isinteger(L, i) 0
#endif

#endif
