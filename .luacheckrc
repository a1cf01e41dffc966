-- luacheck configuration: the Lua layer and everything around it.
std = "max"
max_line_length = 110
include_files = {
  "lua/**/*.lua", "spec/**/*.lua", "bench/**/*.lua", "examples/**/*.lua", "test/**/*.lua",
  "fuzz/**/*.lua", "tools/**/*.lua",
  "plugins/**/*.lua", "bin/sipcode", ".busted", ".luacheckrc",
}
exclude_files = { "build", "lua_modules", ".luarocks" }
-- The module itself uses only what every Lua has.
files["lua"] = { std = "min" }
files["spec"] = { std = "+busted" }
files["examples/kamailio"] = { read_globals = { "KSR" } }
files["examples/freeswitch"] = { read_globals = { "session", "freeswitch", "argv" } }
