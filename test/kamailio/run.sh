#!/bin/sh
# test/kamailio/run.sh: sipcodes in a real Kamailio.  Kamailio (app_lua,
# KEMI) runs examples/kamailio on 127.0.0.1, sipp drives it, and every
# answer is checked on the wire:
#   - every code of the table (from sipcodes.each): an OPTIONS to
#     sip:<code>@host comes back as "SIP/2.0 <code> <reason>", exactly;
#   - an INVITE transaction: tm's stateful reply, then the ACK it absorbs;
#   - the failure route: failover to the next gateway on 5xx or no answer,
#     none on 4xx or 6xx (the gateways are sipps on loopback too);
#   - sipcodes.best and sipcodes.reason_header on the wire;
#   - a CANCEL: the one tm sends the gateway has the caller's Reason header,
#     else the one sipcodes.q850.reason_header(16) makes.
# Prints one line per check and ends with "N passed, M failed"; exits
# non-zero when a check failed or Kamailio could not start.  Needs root or
# sudo only to install what is missing (tools/deps.sh).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=test/kamailio/lib.sh
. "$here/lib.sh"


trap kam_cleanup EXIT
trap 'echo "interrupted (logs in $work)"; exit 130' INT TERM
if ! kam_setup; then
  fail "setup: see above"
  finish
fi
# Every call is bounded, but the ninety or so against a Kamailio that hangs
# would not be: the whole run stops at this deadline.
deadline=$(($(date +%s) + 120))

# What the module says, read with the Lua that Kamailio embeds.
lua_eval() { lua5.1 -e "local s = require('sipcodes') $1"; }
# The registered phrase of a code, or nothing for a code without one (the
# default "" given to reason; one value, as reason also returns a second).
reason_of() { lua_eval "io.write((s.reason($1, '')))"; }
has_function() { lua_eval "os.exit(type(s.$1) == 'function' and 0 or 1)"; }

gw1_port=$(free_port)
gw2_port=$(free_port)
uac_port=$(free_port)
gateways="sip:127.0.0.1:$gw1_port sip:127.0.0.1:$gw2_port"

started=no
for _ in 1 2 3; do  # a port taken since free_port looked: another one
  if kam_start "$gateways" 150; then started=yes; break; fi
  kam_stop
done
if [ "$started" = no ]; then
  fail "Kamailio did not start; the end of its log:"
  tail -n 20 "$work/kamailio.log"
  finish
fi
echo "Kamailio $(kamailio -v | sed -n 's/^version: kamailio \([^ ]*\).*/\1/p') on 127.0.0.1:$kam_port, pid $kam_pid"

# run_uac NAME SCENARIO [SIPP-OPTION...]: one call from 127.0.0.1:$uac_port
# to Kamailio; sipp's exit status, and its messages in $work/NAME.msg.
run_uac() {
  name=$1
  scenario=$2
  shift 2
  if ! kill -0 "$kam_wrapper" 2>/dev/null; then
    fail "Kamailio stopped during the test; the end of its log:"
    tail -n 20 "$work/kamailio.log"
    finish
  fi
  if [ "$(date +%s)" -gt "$deadline" ]; then
    fail "out of time: the test stops before $name"
    finish
  fi
  (cd "$work" && timeout 15 sipp "127.0.0.1:$kam_port" -sf "$scenario" \
    -i 127.0.0.1 -p "$uac_port" -m 1 -nostdin \
    -recv_timeout 5000 -timeout 10s -timeout_error \
    -cid_str "$name-%u-%p@%s" -trace_msg -message_file "$work/$name.msg" \
    -trace_err -error_file "$work/$name.err" "$@" >"$work/$name.out" 2>&1)
}

# The status line of the last response in $work/$1.msg, without its CR;
# empty when it did not end in CRLF.
status_of() {
  line=$(last_received "$work/$1.msg" | head -n 1)
  case "$line" in *"$CR") printf '%s' "${line%"$CR"}" ;; esac
}

# True when the last response in $work/$1.msg has the header line $2.
has_header() {
  last_received "$work/$1.msg" | grep -qxF "$2$CR"
}

# check_status LABEL NAME SIPP-STATUS EXPECTED-STATUS-LINE [HEADER...]
check_status() {
  label=$1 name=$2 rc=$3 want=$4
  shift 4
  got=$(status_of "$name")
  if [ "$got" != "$want" ]; then
    fail "$label: expected \"$want\", got \"$got\" (sipp exit $rc; see $work/$name.*)"
    return
  fi
  for h in "$@"; do
    if ! has_header "$name" "$h"; then
      fail "$label: \"$want\" without the header \"$h\""
      return
    fi
  done
  if [ "$rc" -ne 0 ]; then
    fail "$label: \"$want\", but sipp failed the call (exit $rc; see $work/$name.*)"
    return
  fi
  pass "$label: $want${*:+ + $*}"
}

# --- every code of the table, statelessly (sl) -----------------------------
lua_eval 'for code in s.each() do print(code .. " " .. s.reason(code)) end' \
  >"$work/codes.txt"
count=$(wc -l <"$work/codes.txt")
if [ "$count" -gt 0 ]; then
  pass "table: $count codes from sipcodes.each()"
else
  fail "table: sipcodes.each() gave no code"
fi
while read -r code reason; do
  fill "$here/options.xml.in" "$work/code-$code.xml" "$code" "$code" "$reason"
  run_uac "code-$code" "$work/code-$code.xml" </dev/null
  check_status "OPTIONS sip:$code@ (sl)" "code-$code" $? "SIP/2.0 $code $reason"
done <"$work/codes.txt"

# --- an INVITE transaction: tm's reply, the ACK ---------------------------
reason=$(reason_of 486)
fill "$here/invite.xml.in" "$work/invite.xml" 486 486 "$reason"
run_uac invite "$work/invite.xml"
check_status "INVITE sip:486@ (tm)" invite $? "SIP/2.0 486 $reason"
# Kamailio logs the ACKs that tm absorbs; the line may take a moment.
i=0
until grep -qF "ACK absorbed by its transaction, Call-ID invite-" "$work/kamailio.log"; do
  i=$((i + 1))
  [ $i -le 20 ] || break
  sleep 0.1
done
if [ $i -le 20 ]; then
  pass "INVITE sip:486@ (tm): the ACK was absorbed by its transaction"
else
  fail "INVITE sip:486@ (tm): no ACK absorbed by the transaction in $work/kamailio.log"
fi

# --- the failure route, with gateways --------------------------------------
# run_gateway NAME PORT: a sipp on PORT that plays the scenario
# $work/$cname-NAME.xml for one call, in the background (its pid last in
# $bg_pids), its messages in $work/$cname-NAME.msg.
run_gateway() {
  (cd "$work" && exec timeout 20 sipp -sf "$work/$cname-$1.xml" -i 127.0.0.1 -p "$2" \
    -m 1 -nostdin -key gw "$1" \
    -trace_msg -message_file "$work/$cname-$1.msg" \
    -trace_err -error_file "$work/$cname-$1.err" >"$work/$cname-$1.out" 2>&1) &
  bg_pids="$bg_pids $!"
  i=0
  while ! port_bound "$2" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
}

# start_gateway NAME PORT CODE: a sipp that answers one INVITE with CODE.
start_gateway() {
  fill "$here/gateway.xml.in" "$work/$cname-$1.xml" - "$3" "$(reason_of "$3")"
  run_gateway "$1" "$2"
}

# gateway_case NAME LABEL GW1-CODE GW2-CODE EXPECTED-CODE [HEADER...]:
# an INVITE to sip:alice@ relayed to the gateways, each answering its code
# ("-": that one never answers).
gateway_case() {
  cname=$1 label=$2 code=$5
  [ "$3" = - ] || start_gateway gw1 "$gw1_port" "$3"
  [ "$4" = - ] || start_gateway gw2 "$gw2_port" "$4"
  shift 5
  reason=$(reason_of "$code")
  fill "$here/invite.xml.in" "$work/$cname.xml" alice "$code" "$reason"
  run_uac "$cname" "$work/$cname.xml"
  rc=$?
  # tm ACKs a gateway's reply as it relays it: nothing is left to wait for.
  sleep 0.2
  for p in $bg_pids; do kill -TERM "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  bg_pids=""
  check_status "$label" "$cname" $rc "SIP/2.0 $code $reason" "$@"
}

gateway_case failover-503 "failure route: gw1 503, gw2 486 -> failover" \
  503 486 486 "X-Gateway: gw2"
gateway_case failover-404 "failure route: gw1 404 -> no failover" \
  404 486 404 "X-Gateway: gw1"
gateway_case failover-603 "failure route: gw1 603 -> no failover" \
  603 486 603 "X-Gateway: gw1"
gateway_case failover-408 "failure route: gw1 silent (tm's 408) -> failover" \
  - 486 486 "X-Gateway: gw2"

# --- sipcodes.best and sipcodes.reason_header ------------------------------
# Both are new: a missing one is reported as such, and its paths skipped.
missing() { fail "$1: sipcodes.$2 is missing (not in lua/sipcodes.lua yet); path not run"; }

if has_function best; then
  # The contract: best({503, 407, 501, 404}) == 407.
  reason=$(reason_of 407)
  fill "$here/options.xml.in" "$work/best.xml" best-503-407-501-404 407 "$reason"
  run_uac best "$work/best.xml"
  check_status "OPTIONS sip:best-503-407-501-404@ (sipcodes.best)" best $? \
    "SIP/2.0 407 $reason"
else
  missing "OPTIONS sip:best-503-407-501-404@" best
fi

if has_function reason_header; then
  header=$(lua_eval 'io.write(s.reason_header(486))')
  want='SIP;cause=486;text="Busy Here"'
  if [ "$header" = "$want" ]; then
    pass "sipcodes.reason_header(486): $header"
  else
    fail "sipcodes.reason_header(486): expected '$want', got '$header'"
  fi
  reason=$(reason_of 486)
  fill "$here/options.xml.in" "$work/reason.xml" reason-486 486 "$reason"
  run_uac reason "$work/reason.xml"
  check_status "OPTIONS sip:reason-486@ (sipcodes.reason_header)" reason $? \
    "SIP/2.0 486 $reason" "Reason: $header"
else
  missing "OPTIONS sip:reason-486@" reason_header
fi

if has_function best && has_function reason_header; then
  # Every gateway failed: the reply is best of their codes, with a Reason
  # header naming the last one.
  best=$(lua_eval 'io.write(s.best({503, 503}))')
  header=$(lua_eval 'io.write(s.reason_header(503))')
  gateway_case failover-all "failure route: gw1 503, gw2 503 -> best, Reason" \
    503 503 "$best" "Reason: $header"
else
  has_function best || missing "failure route: every gateway failed" best
  has_function reason_header || missing "failure route: every gateway failed" reason_header
fi

# --- a CANCEL with a Reason header (RFC 3326) ------------------------------
# The caller CANCELs an INVITE that Kamailio relayed to a gateway, once it
# rings.  tm builds the CANCEL the gateway gets; it must carry the caller's
# Reason header, else the one sipcodes.q850.reason_header(16) makes (RFC
# 3398 §8.2.6.1: a CANCEL is cause 16, normal call clearing).

# cancel_case NAME LABEL CALLER-REASON EXPECTED-REASON: CALLER-REASON is
# the value of the Reason header in the caller's CANCEL ("": none),
# EXPECTED-REASON that of the one Reason header the gateway must get.
cancel_case() {
  # check_status sets label and want: these names are its own.
  cname=$1 clabel=$2 ctheirs=$3 cwant=$4
  reason=$(reason_of 487)
  fill "$here/cancel-gateway.xml.in" "$work/$cname-gw1.xml" - 487 "$reason"
  fill_cancel_reason "$work/$cname-gw1.xml" "$cwant"
  run_gateway gw1 "$gw1_port"
  gw=${bg_pids##* }
  fill "$here/cancel.xml.in" "$work/$cname.xml" alice 487 "$reason"
  fill_cancel_reason "$work/$cname.xml" "$ctheirs"
  run_uac "$cname" "$work/$cname.xml"
  rc=$?
  # The gateway ends with tm's ACK of its 487; give it a moment.
  i=0
  while kill -0 "$gw" 2>/dev/null && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
  kill -TERM "$gw" 2>/dev/null
  wait "$gw"
  gw_rc=$?
  bg_pids=""
  check_status "$clabel: the caller's INVITE" "$cname" $rc "SIP/2.0 487 $reason" "X-Gateway: gw1"
  last_received "$work/$cname-gw1.msg" CANCEL | grep -i '^Reason[[:space:]]*:' \
    | tr -d '\r' >"$work/$cname-gw1.reason"
  got=$(cat "$work/$cname-gw1.reason")
  if [ "$got" != "Reason: $cwant" ]; then
    fail "$clabel: the gateway's CANCEL: expected the one header \"Reason: $cwant\"," \
      "got \"$got\" (see $work/$cname-gw1.*)"
  elif [ "$gw_rc" -ne 0 ]; then
    fail "$clabel: the gateway's CANCEL: \"$got\", but its sipp failed the call" \
      "(exit $gw_rc; see $work/$cname-gw1.*)"
  else
    pass "$clabel: the gateway's CANCEL: $got"
  fi
}

if has_function q850.reason_header; then
  header=$(lua_eval 'io.write(s.q850.reason_header(16))')
  want='Q.850;cause=16;text="Normal call clearing"'
  if [ "$header" = "$want" ]; then
    pass "sipcodes.q850.reason_header(16): $header"
  else
    fail "sipcodes.q850.reason_header(16): expected '$want', got '$header'"
  fi
  cancel_case cancel "CANCEL without a Reason -> sipcodes.q850.reason_header(16)" \
    "" "$header"
  theirs='SIP;cause=200;text="Call completed elsewhere"'
  cancel_case cancel-reason "CANCEL with a Reason -> relayed as it is" \
    "$theirs" "$theirs"
else
  missing "CANCEL sip:alice@" q850.reason_header
fi

# --- Kamailio's own view ---------------------------------------------------
# A Lua error in a route leaves its request without a reply; none may occur.
if grep -E 'ERROR: app_lua|CRITICAL' "$work/kamailio.log" >"$work/lua-errors.txt"; then
  fail "Kamailio logged Lua errors:"
  head -n 10 "$work/lua-errors.txt"
else
  pass "Kamailio logged no Lua error"
fi

finish
