#!/bin/sh
# Writes doc/reliability.md (on stdout) from the output of one
# `make reliability` run, so that its figures are always those of a run of
# the targets, never copied by hand:
#   sh tools/reliability-doc.sh LOGDIR TARGET...
# LOGDIR holds TARGET.all (each target's output) and reliability.total.
set -u
log=$1
shift
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain -- src lua spec fuzz test tools 2>/dev/null)" ]; then
  commit="$commit with uncommitted changes"
fi
cat <<HEAD
# Reliability

Written by \`make reliability\` (tools/reliability.mk, tools/reliability-doc.sh)
from the run it has just made; do not edit by hand: run \`make reliability\`
again. What each target does is described at the top of tools/reliability.mk:

- \`make check-asan\`: the whole busted suite under Lua 5.1, 5.2, 5.3, 5.4 and
  LuaJIT, each against the core built for it with ASan and UBSan;
- \`make check-valgrind\`: the whole suite under valgrind memcheck (Lua 5.1, 5.4);
- \`make check-threads\`: no writable C global, then threads each with its own
  Lua state under ThreadSanitizer;
- \`make fuzz\`: each libFuzzer target for FUZZ_SECONDS.

- run: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit
- host: $(uname -srm), $(nproc) CPUs
- result: $(cat "$log/reliability.total" 2>/dev/null || echo "no total")

HEAD
for t in "$@"; do
  echo "## $t"
  echo
  echo '```'
  if [ -f "$log/$t.all" ]; then
    # The compiler's command lines and busted's progress lines say nothing
    # a reader needs.
    grep -vE '^[+*-]+$|^(cc|clang|gcc) |^  -|^make(\[[0-9]+\])?: ' "$log/$t.all"
  else
    echo "(did not run)"
  fi
  echo '```'
  echo
done
