/*
 * compat.h - the Lua C API differences between 5.1, 5.2, 5.3, 5.4 and
 * LuaJIT 2.1 that sipcodes.core meets, in one place.
 *
 * Guard by feature where a feature test exists: LuaJIT 2.1 reports 5.1 but
 * already has some 5.2 functions (luaL_setfuncs, luaL_newlib), so shims
 * keyed on the version number alone clash with its headers.  The core
 * registers its functions with lua_pushcclosure/lua_setfield, which every
 * version has (sipc_setfuncs), and so needs no shim for luaL_setfuncs.
 */
#ifndef SIPCODES_COMPAT_H
#define SIPCODES_COMPAT_H

#include <lua.h>
#include <lauxlib.h>

#if !defined(LUA_VERSION_NUM) || LUA_VERSION_NUM < 501 || LUA_VERSION_NUM > 504
#error "sipcodes supports Lua 5.1, 5.2, 5.3, 5.4 and LuaJIT 2.1"
#endif

/* lua_isinteger (5.3+) tells integers from floats; before 5.3 every
 * number is a float and integrality is checked on the value. */
#if LUA_VERSION_NUM >= 503
#define sipc_isinteger(L, i) lua_isinteger((L), (i))
#else
#define sipc_isinteger(L, i) 0
#endif

#endif
