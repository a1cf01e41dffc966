#!/bin/sh
# Installs the scm rockspec with `luarocks make` into a scratch tree for each
# Lua given (5.1 ... 5.4), then requires the installed module from outside
# the repository.  Prints one line per Lua and "N passed, M failed".
set -u
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
# luarocks make builds in the directory it runs in: a copy, so that no
# sipcodes/core.so is left in the repository, where Lua's default ./?.so
# would find it.
mkdir "$tree/src"
cp -r sipcodes-scm-1.rockspec src lua bin "$tree/src/"
passed=0
failed=0
for v in "$@"; do
  log="$tree/luarocks-$v.log"
  if (cd "$tree/src" && luarocks --lua-version "$v" --tree "$tree" make sipcodes-scm-1.rockspec) \
       >"$log" 2>&1 &&
     out=$(cd / && LUA_PATH="$tree/share/lua/$v/?.lua" LUA_CPATH="$tree/lib/lua/$v/?.so" \
       "lua$v" -e 'local s = require("sipcodes")
         io.write(s._VERSION, " ", s.reason(486), " ", s.q850.to_sip(17), " ", #s.match("6xx"))') &&
     [ "$out" = "sipcodes 1.0.0 Busy Here 486 6" ]; then
    echo "luarocks make, Lua $v: ok ($out)"
    passed=$((passed + 1))
  else
    echo "luarocks make, Lua $v: FAILED"
    cat "$log"
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
