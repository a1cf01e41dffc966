#!/bin/sh
# Runs every spec under each Lua given (5.1 ... 5.4, jit), then luacheck,
# and ends with one line "N passed, M failed" over all of them.
# Exits non-zero when anything failed.
set -u
passed=0
failed=0
for v in "$@"; do
  case "$v" in jit) lua=luajit ;; *) lua="lua$v" ;; esac
  echo "== busted under $($lua -v 2>&1 | head -n 1)"
  out=$($lua /usr/bin/busted -o plainTerminal 2>&1)
  rc=$?
  printf '%s\n' "$out"
  summary=$(printf '%s\n' "$out" | grep -E '^[0-9]+ success' | tail -n 1)
  s=$(printf '%s' "$summary" | sed -n 's/^\([0-9]*\) success.*/\1/p')
  f=$(printf '%s' "$summary" | sed -n 's/.* \([0-9]*\) failure.*/\1/p')
  e=$(printf '%s' "$summary" | sed -n 's/.* \([0-9]*\) error.*/\1/p')
  s=${s:-0}; f=${f:-0}; e=${e:-0}
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && [ "$e" -eq 0 ]; then
    echo "busted under $lua exited with $rc"
    e=1
  fi
  passed=$((passed + s))
  failed=$((failed + f + e))
done
echo "== luacheck"
if luacheck --no-color lua spec; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
