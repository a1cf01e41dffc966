#!/bin/sh
# Debian's Kamailio runs the example configuration installed by lua-sipcodes
# (/usr/share/doc/lua-sipcodes/examples/kamailio) with no LUA_PATH or
# LUA_CPATH: app_lua finds sipcodes where the package put it.  An OPTIONS
# to sip:486@ must come back "SIP/2.0 486 Busy Here".  Run by
# tools/dist-test.sh under flock /tmp/sipcodes-sip.lock, after the install;
# uses the helpers of test/kamailio/lib.sh.  Exits 0 on success.
set -u
here=$(cd "$(dirname "$0")/../test/kamailio" && pwd)
# shellcheck source=test/kamailio/lib.sh
. "$here/lib.sh"
unset LUA_PATH LUA_CPATH LUA_INIT
root=/usr/share/doc/lua-sipcodes
work=$(mktemp -d "${TMPDIR:-/tmp}/sipcodes-dist-kamailio.XXXXXX") || exit 1
trap kam_cleanup EXIT
if [ ! -f "$root/examples/kamailio/kamailio.cfg" ]; then
  echo "no $root/examples/kamailio/kamailio.cfg"
  exit 1
fi
started=no
for _ in 1 2 3; do  # a port taken since free_port looked: another one
  if kam_start "sip:127.0.0.1:9 sip:127.0.0.1:9" 60; then started=yes; break; fi
  kam_stop
done
if [ "$started" = no ]; then
  echo "Kamailio did not start; the end of its log ($work):"
  tail -n 20 "$work/kamailio.log"
  exit 1
fi
uac_port=$(free_port)
fill "$here/options.xml.in" "$work/options.xml" 486 486 "Busy Here"
(cd "$work" && timeout 15 sipp "127.0.0.1:$kam_port" -sf "$work/options.xml" \
  -i 127.0.0.1 -p "$uac_port" -m 1 -nostdin -recv_timeout 5000 -timeout 10s -timeout_error \
  -trace_msg -message_file "$work/options.msg" >"$work/sipp.out" 2>&1)
rc=$?
line=$(last_received "$work/options.msg" | head -n 1 | tr -d '\r')
echo "Kamailio $(kamailio -v | sed -n 's/^version: kamailio \([^ ]*\).*/\1/p'), sipp exit $rc: $line"
kam_cleanup
if [ "$rc" -eq 0 ] && [ "$line" = "SIP/2.0 486 Busy Here" ]; then
  rm -rf "$work"
  exit 0
fi
echo "(logs in $work)"
tail -n 20 "$work/kamailio.log"
exit 1
