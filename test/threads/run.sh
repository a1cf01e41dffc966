#!/bin/sh
# Runs test/threads/threads.c built with ThreadSanitizer; fails on a wrong
# answer, a thread that did not finish, or any TSan report.  Prints the
# thread test's lines and its "N passed, M failed".
#
# Usage (from the repository root, as `make check-threads` calls it):
#   sh test/threads/run.sh TSAN_BIN TSAN_CPATH PLAIN_BIN PLAIN_CPATH
# with ITERATIONS (default 1000000), NTHREADS (default 8) and
# HELGRIND_ITERATIONS (default 20000) from the environment.
#
# TSan needs a memory layout it knows; on kernels whose mmap randomisation
# it does not (it then stops with "FATAL: ThreadSanitizer: unexpected
# memory mapping"), the run is tried again without ASLR (setarch -R), and
# failing that, the plain build runs under valgrind --tool=helgrind with
# fewer iterations (helgrind is some 100 times slower), saying so.
set -u
tsan_bin=$1
tsan_cpath=$2
plain_bin=$3
plain_cpath=$4
iterations=${ITERATIONS:-1000000}
nthreads=${NTHREADS:-8}
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# halt_on_error: the first race ends the run with TSan's exit code 66.
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}"

"$tsan_bin" lua "$tsan_cpath" "$iterations" "$nthreads" >"$log" 2>&1
rc=$?
if grep -q "FATAL: ThreadSanitizer" "$log"; then
  echo "check-threads: TSan cannot map its shadow memory here; trying again without ASLR"
  setarch "$(uname -m)" -R "$tsan_bin" lua "$tsan_cpath" "$iterations" "$nthreads" >"$log" 2>&1
  rc=$?
fi

if grep -q "FATAL: ThreadSanitizer" "$log"; then
  cat "$log"
  n=${HELGRIND_ITERATIONS:-20000}
  iterations=$n
  echo "check-threads: TSan cannot run on this machine; falling back to" \
       "valgrind --tool=helgrind with $n calls per thread"
  valgrind -q --tool=helgrind --error-exitcode=1 "$plain_bin" lua "$plain_cpath" \
    "$iterations" "$nthreads" >"$log" 2>&1
  rc=$?
  tool=helgrind
  reports=$(grep -c "^==[0-9]*== Possible data race\|^==[0-9]*== Lock order" "$log")
else
  tool=TSan
  reports=$(grep -c "WARNING: ThreadSanitizer" "$log")
fi

# The binary's own count line is shown as a note: the final line, below,
# is this script's, so that a sanitizer stop counts even when every thread
# had already answered right.
sed 's/^\([0-9]* passed, [0-9]* failed\)$/threads: \1 (answers)/' "$log"
ok=$(sed -n 's/^\([0-9]*\) passed, [0-9]* failed$/\1/p' "$log" | tail -n 1)
ok=${ok:-0}
if [ "$rc" -ne 0 ] || [ "$reports" -ne 0 ] || [ "$ok" -ne "$nthreads" ]; then
  echo "check-threads: FAILED under $tool (exit $rc, $reports reports, $ok of $nthreads threads right)"
  echo "0 passed, $nthreads failed"
  exit 1
fi
echo "check-threads: $tool: 0 reports, $nthreads threads x $iterations calls, all right"
echo "$nthreads passed, 0 failed"
