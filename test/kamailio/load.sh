#!/bin/sh
# test/kamailio/load.sh: a bounded load run of examples/kamailio (for
# `make load`; not a test).  sipp sends OPTIONS sip:<code>@127.0.0.1 at a
# fixed rate for a fixed time, Kamailio answers each through sipcodes, and
# sipp checks every status line.  Prints what was sent, answered and
# wrong (a response whose status line is not the expected one); exits
# non-zero when a response was wrong or missing, or Kamailio did not start.
#
#   LOAD_RATE     requests per second      (default 1000)
#   LOAD_SECONDS  how long                 (default 10)
#   LOAD_CODE     the code asked for       (default 486)
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=test/kamailio/lib.sh
. "$here/lib.sh"

rate=${LOAD_RATE:-1000}
seconds=${LOAD_SECONDS:-10}
code=${LOAD_CODE:-486}
total=$((rate * seconds))

trap kam_cleanup EXIT
trap 'echo "interrupted (logs in $work)"; exit 130' INT TERM
kam_setup || exit 1

started=no
for _ in 1 2 3; do  # a port taken since free_port looked: another one
  if kam_start "" $((seconds + 90)); then started=yes; break; fi
  kam_stop
done
if [ "$started" = no ]; then
  echo "Kamailio did not start; the end of its log:"
  tail -n 20 "$work/kamailio.log"
  exit 1
fi

reason=$(lua5.1 -e "io.write(require('sipcodes').reason($code))") || exit 1
fill "$here/options.xml.in" "$work/load.xml" "$code" "$code" "$reason"
echo "load: OPTIONS sip:$code@127.0.0.1:$kam_port, $rate/s for ${seconds}s ($total requests)," \
  "each expecting \"SIP/2.0 $code $reason\""

# -l bounds the calls open at once; -timeout the whole run, whatever
# happens.  Statistics go to load.csv, its last line the totals.
start=$(date +%s.%N)
(cd "$work" && timeout $((seconds + 60)) sipp "127.0.0.1:$kam_port" -sf "$work/load.xml" \
  -i 127.0.0.1 -p "$(free_port)" -nostdin -r "$rate" -m "$total" -l $((rate * 2)) \
  -recv_timeout 5000 -timeout $((seconds + 45))s \
  -trace_stat -stf "$work/load.csv" -fd 1 \
  -trace_err -error_file "$work/load.err" >"$work/load.out" 2>&1)
rc=$?
end=$(date +%s.%N)

# A column of the last line of sipp's statistics, by its name.
stat() {
  awk -F';' -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) col = i }
    END { print (col ? $col : 0) + 0 }' "$work/load.csv"
}

if [ ! -s "$work/load.csv" ]; then
  echo "sipp wrote no statistics (exit $rc); see $work"
  exit 1
fi
sent=$(stat "TotalCallCreated")
ok=$(stat "SuccessfulCall(C)")
unexpected=$(stat "FailedUnexpectedMessage(C)")
mismatch=$(stat "FailedRegexpDoesntMatch(C)")
retrans=$(stat "Retransmissions(C)")
wrong=$((unexpected + mismatch))
answered=$((ok + wrong))
unanswered=$((sent - answered))
kam_stop

lua_errors=$(grep -c -E 'ERROR: app_lua|CRITICAL' "$work/kamailio.log")
awk -v s="$sent" -v a="$answered" -v w="$wrong" -v u="$unanswered" -v r="$retrans" \
  -v t0="$start" -v t1="$end" -v le="$lua_errors" 'BEGIN {
  d = t1 - t0
  printf "sent:       %d requests in %.1f s (%.0f/s)\n", s, d, s / d
  printf "answered:   %d\n", a
  printf "wrong:      %d\n", w
  printf "unanswered: %d\n", u
  printf "sipp retransmissions: %d; Lua errors in Kamailio log: %d\n", r, le
}'

if [ "$wrong" -gt 0 ] || [ "$unanswered" -gt 0 ] || [ "$sent" -lt "$total" ] \
    || [ "$lua_errors" -gt 0 ]; then
  echo "load: FAILED (sipp exit $rc; logs kept in $work)"
  exit 1
fi
rm -rf "$work"
echo "load: all $sent answered, none wrong"
