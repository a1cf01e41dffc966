#!/bin/sh
# Runs every test: the busted specs under each Lua given (5.1 ... 5.4, jit),
# luacheck, `luarocks make` for each PUC Lua, the Kamailio + sipp
# integration test, Kamailio under hostile traffic, the Wireshark plugin,
# the reference sheet in a real browser, and the release as users install
# it (make dist, make deb, tools/dist-test.sh); ends with one line
# "N passed, M failed" over all of them and exits non-zero when anything
# failed.
set -u
passed=0
failed=0

# Adds the counts of a "N passed, M failed" line; a run that exited
# non-zero without counting a failure counts as one.
count() { # rc output
  line=$(printf '%s\n' "$2" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -n 1)
  p=$(printf '%s' "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
  f=$(printf '%s' "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
  p=${p:-0}; f=${f:-0}
  [ "$1" -ne 0 ] && [ "$f" -eq 0 ] && f=1
  passed=$((passed + p))
  failed=$((failed + f))
}

puc=""
for v in "$@"; do
  case "$v" in jit) lua=luajit ;; *) lua="lua$v"; puc="$puc $v" ;; esac
  echo "== busted under $($lua -v 2>&1 | head -n 1)"
  out=$($lua /usr/bin/busted -o plainTerminal 2>&1)
  rc=$?
  printf '%s\n' "$out"
  summary=$(printf '%s\n' "$out" | grep -E '^[0-9]+ success' | tail -n 1)
  s=$(printf '%s' "$summary" | sed -n 's/^\([0-9]*\) success.*/\1/p')
  f=$(printf '%s' "$summary" | sed -n 's/.* \([0-9]*\) failure.*/\1/p')
  e=$(printf '%s' "$summary" | sed -n 's/.* \([0-9]*\) error.*/\1/p')
  count "$rc" "${s:-0} passed, $(( ${f:-0} + ${e:-0} )) failed"
done

echo "== luacheck"
out=$(luacheck --no-color . 2>&1)
rc=$?
printf '%s\n' "$out" | tail -n 3
if [ "$rc" -eq 0 ]; then count 0 "1 passed, 0 failed"; else printf '%s\n' "$out"; count 1 "0 passed, 1 failed"; fi

for step in "tools/rockspec-check.sh$puc" \
            "test/kamailio/run.sh" \
            "test/kamailio/hostile.sh" \
            "test/wireshark/run.sh" \
            "test/sheet/run.sh" \
            "tools/dist-test.sh"; do
  echo "== $step"
  # shellcheck disable=SC2086
  out=$(sh $step 2>&1)
  rc=$?
  printf '%s\n' "$out"
  count "$rc" "$out"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
