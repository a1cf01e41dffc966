#!/bin/sh
# The release as users install it, checked end to end (also run by make
# test; needs root for apt):
#   - make dist; `luarocks install --only-server=dist sipcodes` into a
#     scratch tree for Lua 5.1 ... 5.4, and for LuaJIT with
#     doc/luarocks-luajit.lua; a smoke test against each tree;
#   - in a fresh clone: `luarocks make`, then `luarocks test` (Debian's
#     busted, no busted rock) for Lua 5.1 ... 5.4;
#   - make deb (the specs run in the build), lintian without errors;
#   - apt-get install ./dist/*.deb, then with no LUA_PATH/LUA_CPATH:
#     lua5.1 ... lua5.4 and luajit require "sipcodes", `sipcode 486`,
#     `sipcode --json 486 | jq`, `man -w sipcode`, and Debian's Kamailio
#     running the installed example configuration (under
#     flock /tmp/sipcodes-sip.lock), answering an OPTIONS with 486;
#   - at the end, always, apt-get purge of the packages, so that nothing
#     else on the machine loads a system copy.
# Prints one line per check and "N passed, M failed".
set -u
cd "$(dirname "$0")/.."
root=$(pwd)
. tools/project.sh
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
# check LABEL COMMAND...: runs the command, its output in $log.
check() {
  label=$1
  shift
  if "$@" >"$log" 2>&1; then pass "$label"; else fail "$label"; tail -n 30 "$log"; fi
}

work=$root/build/dist-test
rm -rf "$work"
mkdir -p "$work"
log=$work/step.log
installed=no
purge() {
  [ "$installed" = yes ] || return 0
  flock /tmp/apt.lock env DEBIAN_FRONTEND=noninteractive \
    apt-get purge -y -qq lua-sipcodes lua-sipcodes-dev >"$work/purge.log" 2>&1
  installed=no
}
trap purge EXIT
trap 'purge; exit 130' INT TERM

# --- make dist, and installs from it ---------------------------------------
check "make dist: $(echo dist/sipcodes-"$VERSION".tar.gz dist/sipcodes-"$VERSION"-1.rockspec \
  dist/sipcodes-"$VERSION"-1.src.rock dist/manifest)" sh tools/dist.sh
tar -tzf "dist/sipcodes-$VERSION.tar.gz" >"$work/tarball.list" 2>/dev/null
if grep -qE '/(\.git|build|dist|lua_modules|\.luarocks)/' "$work/tarball.list" \
   || ! grep -qx "sipcodes-$VERSION/src/sipcodes.h" "$work/tarball.list"; then
  fail "tarball: sources in, no .git/build/dist/rocks trees"
else
  pass "tarball: $(wc -l <"$work/tarball.list") entries, no .git/build/dist/rocks trees"
fi

missing=""
for f in src/sipcodes.h lua/sipcodes.lua bin/sipcode doc/sipcode.1 doc/install.md debian/control \
         plugins/wireshark/sipcodes_plugin.lua doc/sipcodes-sheet.html doc/sipcodes-sheet.pdf; do
  grep -qx "sipcodes-$VERSION/$f" "$work/tarball.list" || missing="$missing $f"
done
if [ -z "$missing" ]; then
  pass "tarball ships the sources, debian/, the Wireshark plugin and the reference sheet"
else
  fail "tarball lacks:$missing"
fi

# smoke LUA TREE LUAVERSION: the installed tree answers.
smoke() {
  (cd / && LUA_PATH="$2/share/lua/$3/?.lua" LUA_CPATH="$2/lib/lua/$3/?.so" "$1" -e "
    local s = require('sipcodes')
    assert(s._VERSION == 'sipcodes $VERSION', s._VERSION)
    assert(s.reason(486) == 'Busy Here' and s.q850.to_sip(17) == 486 and #s.match('6xx') == 6)
    print(s._VERSION .. ' ' .. s.reason(486))") &&
  "$2/bin/sipcode" 486 | grep -q '^reason  *Busy Here$'
}
for v in 5.1 5.2 5.3 5.4; do
  tree=$work/rocks-$v
  check "luarocks --lua-version $v install --only-server=dist sipcodes" \
    luarocks --lua-version "$v" --tree "$tree" install --only-server="$root/dist" sipcodes
  check "smoke test, Lua $v tree: require, sipcode 486" smoke "lua$v" "$tree" "$v"
done
tree=$work/rocks-jit
check "LuaJIT: LUAROCKS_CONFIG=doc/luarocks-luajit.lua luarocks install --only-server=dist sipcodes" \
  env LUAROCKS_CONFIG="$root/doc/luarocks-luajit.lua" luarocks --tree "$tree" install \
  --only-server="$root/dist" sipcodes
check "smoke test, LuaJIT tree: require, sipcode 486" smoke luajit "$tree" 5.1

# --- luarocks make + luarocks test in a fresh clone ------------------------
clone=$work/clone
git clone -q "$root" "$clone" 2>"$log" && git -C "$clone" checkout -q "$(git rev-parse HEAD)"
for v in 5.1 5.2 5.3 5.4; do
  tree=$work/make-$v
  # shellcheck disable=SC2016 # expanded by the inner shell
  check "fresh clone, Lua $v: luarocks make, then luarocks test" sh -c '
    cd "$1" && luarocks --lua-version "$2" --tree "$3" make &&
    eval "$(luarocks --lua-version "$2" --tree "$3" path)" &&
    luarocks --lua-version "$2" --tree "$3" test -- -o plainTerminal' sh "$clone" "$v" "$tree"
  grep -E '^[0-9]+ success' "$log"
done

# --- make deb, apt install, the installed package ---------------------------
check "make deb: $(echo dist/lua-sipcodes_"$VERSION"-1_amd64.deb), specs in the build" sh tools/deb.sh
grep -E '^[0-9]+ success' "$root/build/deb/build.log"
if [ -f build/deb/lintian.log ] && ! grep -q '^E: ' build/deb/lintian.log; then
  pass "lintian: no error ($(grep -c '^[WIP]: ' build/deb/lintian.log) warnings/info, see report)"
else
  fail "lintian: errors"
  cat build/deb/lintian.log 2>/dev/null
fi

if ls dist/*.deb >/dev/null 2>&1 &&
   flock /tmp/apt.lock env DEBIAN_FRONTEND=noninteractive \
     apt-get install -y -qq --no-install-recommends "$root"/dist/*.deb >"$log" 2>&1; then
  installed=yes
  pass "apt-get install ./dist/*.deb"
else
  fail "apt-get install ./dist/*.deb"
  tail -n 20 "$log"
fi
unset LUA_PATH LUA_CPATH LUA_INIT LUA_PATH_5_2 LUA_CPATH_5_2 LUA_PATH_5_3 LUA_CPATH_5_3 \
  LUA_PATH_5_4 LUA_CPATH_5_4
for lua in lua5.1 lua5.2 lua5.3 lua5.4 luajit; do
  # shellcheck disable=SC2016
  check "$lua: require \"sipcodes\" with no LUA_PATH/LUA_CPATH" sh -c '
    cd / && out=$("$1" -e "local s = require(\"sipcodes\") io.write(s._VERSION, \" \", s.reason(486))") &&
    echo "$out" && [ "$out" = "sipcodes $2 Busy Here" ]' sh "$lua" "$VERSION"
done
check "sipcode 486 (on PATH: $(command -v sipcode))" sh -c 'cd / && sipcode 486 | grep "^reason  *Busy Here$"'
check "sipcode --json 486 | jq -r '.results[0].reason'" \
  sh -c '[ "$(cd / && sipcode --json 486 | jq -r ".results[0].reason")" = "Busy Here" ]'
check "man -w sipcode" man -w sipcode
check "sipcode --html: the reference sheet from the installed sipcodes.sheet" \
  sh -c 'cd / && sipcode --html | grep -q "</html>"'
check "the package installs /usr/share/sipcodes/wireshark/sipcodes_plugin.lua and the sheet in /usr/share/doc" \
  sh -c 'dpkg -L lua-sipcodes | grep -qx /usr/share/sipcodes/wireshark/sipcodes_plugin.lua &&
    dpkg -L lua-sipcodes | grep -qx /usr/share/doc/lua-sipcodes/sipcodes-sheet.pdf'
# Wireshark 4.0's Lua 5.2 finds the module where the package put it: the
# installed plugin on a one-packet capture made by text2pcap.
tshark_plugin() {
  printf 'SIP/2.0 486 Busy Here\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:b@127.0.0.1>;tag=2\r\nCall-ID: 1@127.0.0.1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n' |
    od -An -tx1 -v | awk '{ printf "%06x %s\n", (NR - 1) * 16, $0 }' >"$work/486.txt" &&
  text2pcap -q -4 127.0.0.1,127.0.0.2 -u 5060,5060 "$work/486.txt" "$work/486.pcap" &&
  got=$(cd / && tshark -r "$work/486.pcap" -X lua_script:/usr/share/sipcodes/wireshark/sipcodes_plugin.lua \
    -T fields -e sipcodes.reason 2>/dev/null | head -n 1) &&
  echo "sipcodes.reason: $got" && [ "$got" = "Busy Here" ]
}
if command -v tshark >/dev/null 2>&1 && command -v text2pcap >/dev/null 2>&1; then
  check "tshark runs the installed plugin with no path setting: sipcodes.reason of a 486" tshark_plugin
else
  echo "(tshark not installed: the plugin is not run here; make test-wireshark installs it)"
fi

# Kamailio with the installed example configuration, no path setting.
# Under /tmp/sipcodes-sip.lock, unless this process inherited it: a caller
# that ran `flock /tmp/sipcodes-sip.lock make test` holds it, and taking it
# again would wait for ever.
sip_lock=/tmp/sipcodes-sip.lock
locker="flock $sip_lock"
for fd in "/proc/$$/fd"/*; do
  [ "$(readlink "$fd" 2>/dev/null)" = "$sip_lock" ] && locker=""
done
# shellcheck disable=SC2086 # empty or two words
check "Kamailio runs the installed examples/kamailio with no path setting: OPTIONS sip:486@" \
  $locker sh tools/dist-kamailio.sh
tail -n 1 "$log"

purge
if [ "$installed" = no ] && ! dpkg -l 'lua-sipcodes*' 2>/dev/null | grep -q '^ii' &&
   ! (cd / && lua5.1 -e 'require("sipcodes")' 2>/dev/null); then
  pass "apt-get purge lua-sipcodes lua-sipcodes-dev: no system copy left"
else
  fail "apt-get purge lua-sipcodes lua-sipcodes-dev"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
