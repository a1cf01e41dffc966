rockspec_format = "3.0"
package = "sipcodes"
version = "1.1.0-1"
source = {
  url = "git+https://github.com/sipcodes/sipcodes.git",
  tag = "v1.1.0",
}
description = {
  summary = "SIP response codes for Lua: phrases, classes, semantics, Q.850",
  detailed = [[
sipcodes tells a Lua script everything worth knowing about a SIP response
code: the registered reason phrase (IANA registry, RFC 3261 and extensions),
class, finality, constant names, the handling of unknown codes, pattern
queries. A C core with a thin Lua layer; Lua 5.1 to 5.4 and LuaJIT 2.1.
]],
  homepage = "https://github.com/sipcodes/sipcodes",
  issues_url = "https://github.com/sipcodes/sipcodes/issues",
  maintainer = "sipcodes maintainers <maintainers@users.noreply.r-seed-a935df32.example>",
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
    ["sipcodes.sheet"] = "lua/sipcodes/sheet.lua",
    ["sipcodes.core"] = {
      sources = {
        "src/build.c",
        "src/check.c",
        "src/codes.c",
        "src/core.c",
        "src/parse.c",
        "src/q850.c",
        "src/text.c",
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
-- `luarocks test` runs the busted specs with the busted the system has
-- (Debian: lua-busted) under the Lua the rock is built for; no busted rock
-- is needed.  See doc/install.md.
test = {
  type = "command",
  script = "tools/luarocks-test.lua",
}
