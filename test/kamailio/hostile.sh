#!/bin/sh
# test/kamailio/hostile.sh: examples/kamailio under hostile traffic.
# Kamailio runs the example's configuration and routing script (wrapped by
# hostile-routes.lua, which logs one line per message it sees) on
# 127.0.0.1, with one gateway: a socket of hostile.py, which also plays the
# caller.  hostile.py sends at most 2,000 messages (Request-URIs with codes
# that are no codes, broken gateway answers, CANCELs with hostile Reason
# headers, CANCELs of nothing, stray responses) and checks the answers;
# hostile-check.lua parses back, with sipcodes, every status line and
# Reason header Kamailio sent.  Then Kamailio must still run, answer, and
# have logged no Lua error.  The whole run is bounded (60 s).
#
# Prints one line per check and ends with "N passed, M failed"; exits
# non-zero when a check failed or Kamailio could not start.  Run it under
# `flock /tmp/sipcodes-sip.lock` beside other Kamailio or sipp runs.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=test/kamailio/lib.sh
. "$here/lib.sh"


# Adds the "ok"/"FAIL" lines of a step's output $1 to the counts.
tally() {
  printf '%s\n' "$1"
  p=$(printf '%s\n' "$1" | grep -c '^ok ')
  f=$(printf '%s\n' "$1" | grep -c '^FAIL ')
  passed=$((passed + p))
  failed=$((failed + f))
}

trap kam_cleanup EXIT
trap 'echo "interrupted (logs in $work)"; exit 130' INT TERM
KAM_PACKAGES="$KAM_PACKAGES python3"
if ! kam_setup; then
  fail "setup: see above"
  finish
fi

caller_port=$(free_port)
gw_port=$(free_port)
# The routing script under test: the example unless told (to try another).
SIPCODES_EXAMPLE_ROUTES=${SIPCODES_EXAMPLE_ROUTES:-$root/examples/kamailio/sipcodes-routes.lua}
export SIPCODES_EXAMPLE_ROUTES

started=no
for _ in 1 2 3; do  # a port taken since free_port looked: another one
  if kam_start "sip:127.0.0.1:$gw_port" 90 "$here/hostile-routes.lua"; then
    started=yes
    break
  fi
  kam_stop
done
if [ "$started" = no ]; then
  fail "Kamailio did not start; the end of its log:"
  tail -n 20 "$work/kamailio.log"
  finish
fi
echo "Kamailio $(kamailio -v | sed -n 's/^version: kamailio \([^ ]*\).*/\1/p') on 127.0.0.1:$kam_port, pid $kam_pid; gateway 127.0.0.1:$gw_port"

out=$(timeout 60 python3 "$here/hostile.py" --kamailio "$kam_port" --caller "$caller_port" \
  --gateway "$gw_port" --records "$work/records" --log "$work/kamailio.log" 2>&1)
rc=$?
tally "$out"
if [ "$rc" -ne 0 ] && ! printf '%s\n' "$out" | grep -q '^FAIL '; then
  fail "hostile.py exited $rc"
fi

out=$(lua5.1 "$here/hostile-check.lua" "$work/records" 2>&1)
rc=$?
tally "$out"
if [ "$rc" -ne 0 ] && ! printf '%s\n' "$out" | grep -q '^FAIL '; then
  fail "hostile-check.lua exited $rc"
fi

# --- Kamailio's own view ---------------------------------------------------
if kill -0 "$kam_pid" 2>/dev/null; then
  pass "Kamailio is still running after the flood (pid $kam_pid)"
else
  fail "Kamailio stopped during the flood; the end of its log:"
  tail -n 20 "$work/kamailio.log"
fi
# A Lua error in a route leaves its request without a reply; none may occur,
# nor a CRITICAL line (tm logs one for a code below 100 that reaches it).
# Kamailio's own parser complains of the hostile messages: counted, not failed.
grep -E 'app_lua|CRITICAL|CRIT:|\.lua:[0-9]+:|attempt to|stack traceback' \
  "$work/kamailio.log" | grep -v 'sipcodes-hostile: ' >"$work/lua-errors.txt"
lua_errors=$(wc -l <"$work/lua-errors.txt")
parser=$(grep -c -E 'ERROR|WARNING|bad message|parse' "$work/kamailio.log")
if [ "$lua_errors" -eq 0 ]; then
  pass "Kamailio logged no Lua error (0 lines; $parser lines of its own on the hostile input)"
else
  fail "Kamailio logged $lua_errors lines of Lua errors or CRITICAL ones:"
  head -n 10 "$work/lua-errors.txt"
fi

finish
