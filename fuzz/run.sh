#!/bin/sh
# Runs libFuzzer targets one after the other, each for FUZZ_SECONDS
# (default 60), and prints for each the executions, the coverage and the
# findings (crash, leak, timeout and out-of-memory inputs), then
# "N passed, M failed" over the targets.  Exits non-zero when any target
# found something or did not run, so CI fails on a crash.
#
# Usage (from the repository root, as `make fuzz` calls it):
#   sh fuzz/run.sh BIN_DIR TARGET:MAX_LEN...
#
# Each target reads its seeds from fuzz/corpus/TARGET/ (never written) and
# keeps what it learns in fuzz/out/TARGET/corpus/ (ignored by git), so
# repeated local runs go deeper; CI starts from the seeds.  A finding is
# left as fuzz/out/TARGET/crash-... and is replayed with
#   BIN_DIR/TARGET fuzz/out/TARGET/crash-...
set -u
bin=$1
shift
seconds=${FUZZ_SECONDS:-60}
passed=0
failed=0

# Sanitizer reports abort the run (libFuzzer then saves the input); leak
# checking stays on: the Lua state is reachable from the harness, so a
# leak report means memory the C code lost.
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

for spec in "$@"; do
  t=${spec%%:*}
  max=${spec#*:}
  dir=fuzz/out/$t
  log=$dir/fuzz.log
  mkdir -p "$dir/corpus"
  rm -f "$dir"/crash-* "$dir"/leak-* "$dir"/timeout-* "$dir"/oom-*
  "$bin/$t" -max_total_time="$seconds" -max_len="$max" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -dict="fuzz/$t.dict" \
    -artifact_prefix="$dir/" "$dir/corpus" "fuzz/corpus/$t" >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -n 's/.* cov: \([0-9]*\).* corp: \([0-9]*\)\/.*/coverage \1 edges, corpus \2 inputs/p')
  findings=$(find "$dir" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' \
    -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
  echo "fuzz $t: ${execs:-0} executions in ${seconds} s (${rate:-0}/s), ${cov:-no coverage line}, $findings findings"
  if [ "$rc" -ne 0 ] || [ "$findings" -ne 0 ] || [ -z "$execs" ]; then
    failed=$((failed + 1))
    echo "fuzz $t: FAILED (exit $rc); the end of $log:"
    tail -n 40 "$log"
    for f in "$dir"/crash-* "$dir"/leak-* "$dir"/timeout-* "$dir"/oom-*; do
      [ -f "$f" ] && echo "fuzz $t: replay with: $bin/$t $f"
    done
  else
    passed=$((passed + 1))
  fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
