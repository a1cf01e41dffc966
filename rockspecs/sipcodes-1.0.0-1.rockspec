rockspec_format = "3.0"
package = "sipcodes"
version = "1.0.0-1"
source = {
  url = "git+https://sipcodes.invalid/sipcodes.git",
  tag = "v1.0.0",
}
description = {
  summary = "SIP response codes for Lua: phrases, classes, semantics, Q.850",
  detailed = [[
sipcodes tells a Lua script everything worth knowing about a SIP response
code: the registered reason phrase (IANA registry, RFC 3261 and extensions),
class, finality, constant names, the handling of unknown codes, pattern
queries. A C core with a thin Lua layer; Lua 5.1 to 5.4 and LuaJIT 2.1.
]],
  license = "MIT",
  labels = { "sip", "voip", "telephony", "kamailio", "freeswitch" },
}
dependencies = {
  "lua >= 5.1, < 5.5",
}
build = {
  type = "builtin",
  modules = {
    ["sipcodes"] = "lua/sipcodes.lua",
    ["sipcodes.lazy"] = "lua/sipcodes/lazy.lua",
    ["sipcodes.query"] = "lua/sipcodes/query.lua",
    ["sipcodes.semantics"] = "lua/sipcodes/semantics.lua",
    ["sipcodes.core"] = {
      sources = {
        "src/core.c", "src/codes.c", "src/check.c", "src/q850.c", "src/build.c",
        "src/parse.c", "src/text.c",
      },
      incdirs = { "src" },
    },
  },
  install = {
    bin = {
      ["sipcode"] = "bin/sipcode",
    },
  },
}
test_dependencies = {
  "busted",
}
test = {
  type = "busted",
}
