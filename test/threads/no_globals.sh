#!/bin/sh
# Checks that the C core has no writable global data: nothing in .data,
# .bss, thread-local or COMMON storage, which is what "no C global is
# written after load" needs (many Lua states run sipcodes in parallel
# threads).  Read-only data that holds pointers lives in .data.rel.ro: the
# dynamic loader writes it once while loading, then it is read-only
# (RELRO), so it is allowed.  `nm`'s own letters (d/D) do not tell
# .data.rel.ro from .data, so the sections are read with `nm -f sysv`.
#
# Two checks:
#  - each source file compiled alone (-fPIC, as in the module) has no
#    symbol in a writable section: that names the project's own objects;
#  - each built module given has no symbol in a writable section beyond
#    those of an empty shared object built by the same compiler (crtstuff's
#    __dso_handle, completed.0, __TMC_END__).
#
# Usage: CC=cc CFLAGS='-O2 -g' LUA_INC=/usr/include/lua5.4 SRC='src/a.c ...' \
#          OBJDIR=build/globals sh test/threads/no_globals.sh MODULE.so...
# Prints one line per object and module, then "N passed, M failed".
set -u
CC=${CC:-cc}
CFLAGS=${CFLAGS:-}
OBJDIR=${OBJDIR:-build/globals}
passed=0
failed=0
mkdir -p "$OBJDIR"

# Symbols (name<TAB>section) of a file that sit in a writable section.
writable() {
  nm -f sysv --defined-only "$1" 2>/dev/null | awk -F'|' '
    NF >= 7 {
      name = $1; sec = $7
      gsub(/^[ \t]+|[ \t]+$/, "", name); gsub(/^[ \t]+|[ \t]+$/, "", sec)
      if (sec ~ /^\.data\.rel\.ro/) next
      if (sec ~ /^\.(data|bss|tdata|tbss)/ || sec == "*COM*" || sec == "COMMON")
        print name "\t" sec
    }' | sort -u
}

# shellcheck disable=SC2086
for src in $SRC; do
  obj=$OBJDIR/$(basename "$src" .c).o
  if ! $CC $CFLAGS -fPIC -I"$LUA_INC" -c "$src" -o "$obj"; then
    echo "globals: $src: does not compile"
    failed=$((failed + 1))
    continue
  fi
  found=$(writable "$obj")
  if [ -n "$found" ]; then
    echo "globals: $src: writable data: $(printf '%s' "$found" | tr '\t\n' ': ')"
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
done
echo "globals: $passed of $((passed + failed)) objects have no writable data"

# The toolchain's own writable symbols, from an empty module.
printf 'int sipcodes_empty_module;\n' >"$OBJDIR/empty.c"
# shellcheck disable=SC2086
$CC $CFLAGS -fPIC -shared "$OBJDIR/empty.c" -o "$OBJDIR/empty.so"
writable "$OBJDIR/empty.so" | cut -f1 | grep -v '^sipcodes_empty_module$' >"$OBJDIR/baseline"

for so in "$@"; do
  if [ ! -f "$so" ]; then
    echo "globals: $so: missing"
    failed=$((failed + 1))
    continue
  fi
  extra=$(writable "$so" | cut -f1 | grep -vxF -f "$OBJDIR/baseline")
  if [ -n "$extra" ]; then
    echo "globals: $so: writable data beyond the toolchain's: $(printf '%s' "$extra" | tr '\n' ' ')"
    failed=$((failed + 1))
  else
    echo "globals: $so: none (toolchain only: $(tr '\n' ' ' <"$OBJDIR/baseline"))"
    passed=$((passed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
