-- A LuaRocks configuration for Debian's LuaJIT 2.1 (packages luajit and
-- libluajit-5.1-dev): LuaJIT runs Lua 5.1 modules, built against its own
-- headers.  Use it with:
--   LUAROCKS_CONFIG=doc/luarocks-luajit.lua luarocks --tree TREE install ...
lua_version = "5.1"
lua_interpreter = "luajit"
variables = {
  LUA_DIR = "/usr",
  LUA_BINDIR = "/usr/bin",
  LUA_INCDIR = "/usr/include/luajit-2.1",
  LUA_LIBDIR = "/usr/lib/x86_64-linux-gnu",
}
