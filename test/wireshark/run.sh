#!/bin/sh
# test/wireshark/run.sh: the sipcodes Wireshark plugin in tshark, on real
# captures.
#   - pcaps built with text2pcap from the SIP messages in messages/*.txt
#     (built twice: they must be the same bytes), and a capture of the
#     Kamailio integration test (test/kamailio/run.sh) taken on loopback;
#   - every sipcodes.* field of every frame (each -e listed on its own)
#     against the module's own answers, worked out by check.lua from the
#     frame's payload: every response, every Reason value, the expert infos;
#   - no Lua error in any frame;
#   - Wireshark's own sip.* fields the same with and without the plugin;
#   - the call-outcome report: nothing without `-X lua_script1:report`; on
#     flows.pcap exactly report.expected (a fork, a CANCEL, a failover ...),
#     also from the personal plugin folder with -o sipcodes.report:TRUE;
#     on the Kamailio capture the outcome of each of its INVITEs.
# Prints one line per check and ends with "N passed, M failed".  Needs root
# or sudo only to install what is missing (tools/deps.sh).  Kamailio and
# the capture run holding /tmp/sipcodes-sip.lock.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/build/wireshark"
plugin="$root/plugins/wireshark/sipcodes_plugin.lua"
lock=/tmp/sipcodes-sip.lock

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
# Adds the counts of a "N passed, M failed" line.
add_counts() {
  p=$(printf '%s\n' "$1" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' | tail -n 1)
  f=$(printf '%s\n' "$1" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' | tail -n 1)
  if [ -z "$p" ]; then fail "$2: no count line"; return; fi
  passed=$((passed + p))
  failed=$((failed + f))
}
finish() {
  echo "wireshark: $responses responses checked, $reason_values Reason values checked," \
    "$report_rows report rows checked"
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}
responses=0
reason_values=0
report_rows=0

# --- setup -----------------------------------------------------------------
if ! sh "$root/tools/deps.sh" tshark wireshark-common lua5.2 liblua5.2-dev gcc make libc6-dev; then
  fail "setup: cannot install tshark, wireshark-common, lua5.2"
  finish
fi
if ! make -C "$root" --no-print-directory build/5.2/sipcodes/core.so >/dev/null; then
  fail "setup: cannot build build/5.2/sipcodes/core.so"
  finish
fi
mkdir -p "$out"
# Wireshark 4.0 links Lua 5.2: the plugin finds the 5.2 build this way.
LUA_PATH="$root/lua/?.lua;;"
LUA_CPATH="$root/build/5.2/?.so;;"
export LUA_PATH LUA_CPATH
echo "$(tshark -v 2>/dev/null | head -n 1 | sed 's/\.$//'), $(lua5.2 -e 'io.write(require("sipcodes")._VERSION)')"

# tshark with the plugin; its own warning about running as root goes.
ts() { tshark -X lua_script:"$plugin" "$@" 2>"$out/tshark.err"; }

rm -f "$out"/*.pcap "$out"/*.tsv "$out"/*.report "$out"/*.quiet
# --- the captures ------------------------------------------------------------
pcaps=""
for src in "$here"/messages/*.txt; do
  name=$(basename "$src" .txt)
  opts=$(sed -n 's/^@text2pcap //p' "$src")
  ok=yes
  for n in 1 2; do
    if ! lua5.2 "$here/mkdump.lua" "$src" >"$out/$name.dump"; then ok=no; continue; fi
    # shellcheck disable=SC2086 # the options are words
    if ! text2pcap -q -F pcap -t '%Y-%m-%d %H:%M:%S.' $opts "$out/$name.dump" \
        "$out/$name.$n.pcap" 2>"$out/text2pcap.err"; then
      ok=no
      cat "$out/text2pcap.err"
    fi
  done
  if [ "$ok" = yes ] && cmp -s "$out/$name.1.pcap" "$out/$name.2.pcap"; then
    mv "$out/$name.1.pcap" "$out/$name.pcap"
    rm -f "$out/$name.2.pcap"
    pass "$name.pcap: $(grep -c '^====$' "$src") messages from messages/$name.txt, the same bytes twice"
    pcaps="$pcaps $name"
  else
    fail "$name.pcap: text2pcap failed or gave different bytes twice"
  fi
done

# The Kamailio integration test, captured: its ports are free ones in
# 20000-59999 on 127.0.0.1 (test/kamailio/lib.sh); Wireshark's SIP
# heuristics decode them.
capture_kamailio() {
  rm -f "$out/kamailio.pcap" "$out/capture.log"
  tshark -i lo -f 'udp and portrange 20000-59999' -a duration:300 -w "$out/kamailio.pcap" \
    >"$out/capture.log" 2>&1 &
  tpid=$!
  i=0
  until grep -q "^Capturing on" "$out/capture.log" || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
  sh "$root/test/kamailio/run.sh" >"$out/kamailio-run.log" 2>&1
  krc=$?
  sleep 1
  kill -INT "$tpid" 2>/dev/null
  wait "$tpid"
  return $krc
}
# The lock is held through a descriptor (flock runs commands, not shell
# functions), unless this process inherited one: a caller that ran
# `flock /tmp/sipcodes-sip.lock make test` holds it, and taking it again
# would wait for ever.
held=no
for fd in "/proc/$$/fd"/*; do
  [ "$(readlink "$fd" 2>/dev/null)" = "$lock" ] && held=yes
done
if [ "$held" = yes ]; then
  capture_kamailio
  krc=$?
else
  exec 9>"$lock"
  if flock -w 600 9; then
    capture_kamailio
    krc=$?
    flock -u 9
  else
    echo "could not take $lock in 600 s"
    krc=1
  fi
  exec 9>&-
fi
frames=$(tshark -r "$out/kamailio.pcap" -Y sip 2>/dev/null | wc -l)
if [ "$frames" -gt 0 ]; then
  pass "kamailio.pcap: $frames SIP frames captured on lo during test/kamailio/run.sh" \
    "($(tail -n 1 "$out/kamailio-run.log"))"
  pcaps="$pcaps kamailio"
else
  fail "kamailio.pcap: no SIP frame captured (run.sh exit $krc; see $out/capture.log," \
    "$out/kamailio-run.log)"
fi

# --- every field of every frame ---------------------------------------------
fields=""
for c in $(lua5.2 "$here/check.lua" --columns); do fields="$fields -e $c"; done
# decode-as.pcap is on UDP port 5070, which Decode As gives to SIP.
decode_as() { [ "$1" != decode-as ] || echo "-d udp.port==5070,sip"; }
for name in $pcaps; do
  # shellcheck disable=SC2086,SC2046 # the options are words
  ts -r "$out/$name.pcap" $(decode_as "$name") -T fields -E aggregator='|' $fields >"$out/$name.tsv"
  rc=$?
  if [ "$rc" -ne 0 ] || grep -qi 'lua' "$out/tshark.err"; then
    fail "$name: tshark -T fields exit $rc: $(head -c 300 "$out/tshark.err")"
    continue
  fi
  # shellcheck disable=SC2046
  result=$(lua5.2 "$here/check.lua" "$name" "$out/$name.tsv" $(decode_as "$name" | sed -n 's/.*==\([0-9]*\),.*/\1/p'))
  printf '%s\n' "$result" | grep -v '^[0-9]* passed, ' | grep -v ' checked, ' | grep -v '^ok ' || true
  line=$(printf '%s\n' "$result" | grep ' responses checked, ')
  echo "$line"
  r=$(printf '%s' "$line" | sed -n 's/.*: \([0-9]*\) responses checked, \([0-9]*\) Reason.*/\1/p')
  v=$(printf '%s' "$line" | sed -n 's/.*: \([0-9]*\) responses checked, \([0-9]*\) Reason.*/\2/p')
  responses=$((responses + ${r:-0}))
  reason_values=$((reason_values + ${v:-0}))
  add_counts "$result" "$name: check.lua"
done

# --- no Lua error, Wireshark's own fields untouched --------------------------
SIP_FIELDS="frame.protocols _ws.col.Protocol _ws.col.Info sip.Status-Code sip.Status-Line
  sip.Request-Line sip.Method sip.Call-ID sip.CSeq sip.CSeq.seq sip.Reason sip.reason_protocols
  sip.reason_cause_q850 sip.reason_cause_sip sip.reason_text sip.Reason-Phrase sip.to.tag
  sip.Via.branch sip.continuation data.data"
sip_e=""
for c in $SIP_FIELDS; do sip_e="$sip_e -e $c"; done
for name in $pcaps; do
  errors=$(ts -r "$out/$name.pcap" -V | grep -c 'Lua Error')
  if [ "$errors" -eq 0 ]; then pass "$name: no Lua error in tshark -V"; else
    fail "$name: $errors Lua errors in tshark -V"; fi
  # shellcheck disable=SC2086
  ts -r "$out/$name.pcap" -T fields -E aggregator='|' $sip_e >"$out/$name.sip-with"
  # shellcheck disable=SC2086
  tshark -r "$out/$name.pcap" -T fields -E aggregator='|' $sip_e >"$out/$name.sip-without" 2>/dev/null
  lines=$(wc -l <"$out/$name.sip-without")
  if [ "$lines" -gt 0 ] && cmp -s "$out/$name.sip-with" "$out/$name.sip-without"; then
    pass "$name: Wireshark's own fields the same with and without the plugin ($lines frames)"
  else
    fail "$name: Wireshark's own fields differ with the plugin (diff $out/$name.sip-with $out/$name.sip-without)"
  fi
done

# --- the call-outcome report -------------------------------------------------
for name in $pcaps; do
  ts -q -r "$out/$name.pcap" >"$out/$name.quiet"
  if [ ! -s "$out/$name.quiet" ]; then pass "$name: no report without -X lua_script1:report"; else
    fail "$name: tshark -q printed without the report switch: $(head -n 3 "$out/$name.quiet")"; fi
  ts -q -r "$out/$name.pcap" -X lua_script1:report >"$out/$name.report"
done

# flows.pcap: the whole report, row by row.
if [ -f "$out/flows.report" ]; then
  i=0
  while IFS= read -r want; do
    i=$((i + 1))
    got=$(sed -n "${i}p" "$out/flows.report")
    case "$want" in *@example.test*) report_rows=$((report_rows + 1)) ;; esac
    if [ "$got" = "$want" ]; then pass "flows report: $want"; else
      fail "flows report line $i: expected \"$want\", got \"$got\""; fi
  done <"$here/report.expected"
  extra=$(($(wc -l <"$out/flows.report") - i))
  if [ "$extra" -eq 0 ]; then pass "flows report: $i lines, no more"; else
    fail "flows report: $extra lines more than report.expected"; fi
fi

# The plugin installed in the personal Lua plugin folder of a scratch HOME,
# without -X: the preference sipcodes.report asks for the same report.
home="$out/home"
rm -rf "$home"
mkdir -p "$home/.local/lib/wireshark/plugins"
cp "$plugin" "$home/.local/lib/wireshark/plugins/"
if [ -f "$out/flows.pcap" ]; then
  HOME="$home" tshark -q -o sipcodes.report:TRUE -r "$out/flows.pcap" >"$out/flows.pref-report" \
    2>"$out/tshark.err"
  if cmp -s "$out/flows.pref-report" "$here/report.expected"; then
    pass "flows report from the personal plugin folder with -o sipcodes.report:TRUE"
  else
    fail "flows report with -o sipcodes.report:TRUE differs (diff $out/flows.pref-report" \
      "$here/report.expected; $(head -c 300 "$out/tshark.err"))"
  fi
fi

# kamailio.pcap: one row per INVITE of test/kamailio/run.sh (its Call-IDs
# begin with the case's name), with the outcome the test checks on the
# wire; the Q.850 cause of the CANCELled call comes from the Reason header
# Kamailio puts on the CANCEL it relays.
if [ -f "$out/kamailio.report" ]; then
  while read -r prefix best class; do
    row=$(grep "^$prefix-[0-9]*-[0-9]*@" "$out/kamailio.report")
    got=$(printf '%s\n' "$row" | awk -F'  +' '{ print $4 " " $5 }')
    report_rows=$((report_rows + 1))
    if [ "$(printf '%s\n' "$row" | grep -c .)" -eq 1 ] && [ "$got" = "$best $class" ]; then
      pass "kamailio report: $row"
    else
      fail "kamailio report: $prefix: expected one row with $best $class, got \"$row\""
    fi
  done <<EOF
invite 486 Client Error
failover-503 486 Client Error
failover-404 404 Client Error
failover-603 603 Global Failure
failover-408 486 Client Error
failover-all 500 Server Error
cancel 487 Client Error
cancel-reason 487 Client Error
EOF
  if grep -q '^cancel-[0-9].*16 NORMAL_CLEARING (CANCEL Reason)$' "$out/kamailio.report"; then
    pass "kamailio report: the CANCELled call's cause 16 from the relayed CANCEL's Reason"
  else
    fail "kamailio report: no cause 16 from the CANCEL's Reason for the cancel case"
  fi
  n=$(sed -n 's/^sipcodes call outcomes: \([0-9]*\) INVITEs*$/\1/p' "$out/kamailio.report")
  if [ "${n:-0}" -eq 8 ]; then pass "kamailio report: 8 INVITEs"; else
    fail "kamailio report: expected 8 INVITEs, got ${n:-none}"; fi
fi

finish
