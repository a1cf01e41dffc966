-- luacheck configuration: the Lua layer and everything around it.
std = "max"
max_line_length = 110
include_files = {
  "lua/**/*.lua", "spec/**/*.lua", "bench/**/*.lua", "examples/**/*.lua", "test/**/*.lua",
  "fuzz/**/*.lua", "tools/**/*.lua",
  "plugins/**/*.lua", "bin/sipcode", ".busted", ".luacheckrc",
}
exclude_files = { "build", "lua_modules", ".luarocks" }
files["spec"] = { std = "+busted" }
files["examples/kamailio"] = { read_globals = { "KSR" } }
files["examples/freeswitch"] = { read_globals = { "session", "freeswitch", "argv" } }
