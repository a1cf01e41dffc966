#!/bin/sh
# The release metadata agrees with src/sipcodes.h (the one place the
# version is written) and tools/project.sh (upstream URL, tag scheme):
#   - sipcodes-scm-1.rockspec and rockspecs/sipcodes-VERSION-1.rockspec are
#     what `make rockspec` writes (tools/rockspec.sh), and the only ones;
#   - luarocks lint passes on each;
#   - debian/changelog's latest entry is VERSION-N; debian/control,
#     debian/copyright and debian/watch name UPSTREAM;
# then installs the scm rockspec with `luarocks make` into a scratch tree for
# each Lua given (5.1 ... 5.4) and, from outside the repository, requires the
# installed module (its _VERSION must be VERSION) and runs the installed
# `sipcode --version`.  Prints one line per check and "N passed, M failed".
set -u
cd "$(dirname "$0")/.."
. tools/project.sh
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT

if [ -n "$VERSION" ]; then pass "version $VERSION (src/sipcodes.h)"; else fail "no SIPC_VERSION in src/sipcodes.h"; fi

release=rockspecs/sipcodes-$VERSION-1.rockspec
for kind in scm release; do
  case $kind in scm) file=sipcodes-scm-1.rockspec ;; *) file=$release ;; esac
  if [ -f "$file" ] && sh tools/rockspec.sh "$kind" | cmp -s - "$file"; then
    pass "$file is what make rockspec writes"
  else
    fail "$file differs from what make rockspec writes (run make rockspec):"
    sh tools/rockspec.sh "$kind" | diff "$file" - | head -n 20
  fi
  if out=$(luarocks lint "$file" 2>&1); then
    pass "luarocks lint $file"
  else
    fail "luarocks lint $file: $out"
  fi
done
others=$(find rockspecs -name '*.rockspec' ! -path "$release")
if [ -z "$others" ]; then pass "no other release rockspec"; else fail "stale rockspecs: $others"; fi

changelog=$(sed -n '1s/^[^ ]* (\([^)]*\)).*/\1/p' debian/changelog 2>/dev/null)
case "$changelog" in
  "$VERSION"-[0-9]*) pass "debian/changelog: $changelog" ;;
  *) fail "debian/changelog's latest version is '$changelog', not $VERSION-N" ;;
esac
for f in debian/control debian/copyright debian/watch; do
  if grep -qF "$UPSTREAM" "$f" 2>/dev/null; then pass "$f names $UPSTREAM"; else fail "$f does not name $UPSTREAM"; fi
done

# luarocks make builds in the directory it runs in: a copy, so that no
# sipcodes/core.so is left in the repository, where Lua's default ./?.so
# would find it.
mkdir "$tree/src"
cp -r sipcodes-scm-1.rockspec src lua bin tools "$tree/src/"
for v in "$@"; do
  log="$tree/luarocks-$v.log"
  if (cd "$tree/src" && luarocks --lua-version "$v" --tree "$tree" make sipcodes-scm-1.rockspec) \
       >"$log" 2>&1 &&
     out=$(cd / && LUA_PATH="$tree/share/lua/$v/?.lua" LUA_CPATH="$tree/lib/lua/$v/?.so" \
       "lua$v" -e 'local s = require("sipcodes")
         io.write(s._VERSION, " ", s.reason(486), " ", s.q850.to_sip(17), " ", #s.match("6xx"))') &&
     [ "$out" = "sipcodes $VERSION Busy Here 486 6" ] &&
     cli=$(cd / && "$tree/bin/sipcode" --version) &&
     [ "$cli" = "sipcode $VERSION (Lua $v)" ]; then
    pass "luarocks make, Lua $v: $out; $cli"
  else
    fail "luarocks make, Lua $v"
    cat "$log"
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
