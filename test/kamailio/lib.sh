# shellcheck shell=sh
# Helpers shared by test/kamailio/run.sh, hostile.sh and load.sh (and the
# Wireshark and release tests that start Kamailio); sourced, not run.
# Kamailio runs examples/kamailio with sipcodes, in the foreground, on
# 127.0.0.1, and sipp drives it: loopback only, every step bounded in time.
#
# The sourcing script sets `here` (this directory) and `root` (the
# repository), and calls kam_setup first.

KAM_PACKAGES="kamailio kamailio-lua-modules sip-tester lua5.1 liblua5.1-0-dev gcc make libc6-dev"

# shellcheck disable=SC2034 # for the scripts that source this file
CR=$(printf '\r')

# The checks of the sourcing script: pass and fail count them, finish
# stops Kamailio and ends with "N passed, M failed" (the work directory
# is kept for a look when a check failed).
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

finish() {
  kam_cleanup
  echo "$passed passed, $failed failed"
  if [ "$failed" -gt 0 ]; then
    echo "(logs kept in $work)"
    exit 1
  fi
  rm -rf "$work"
  exit 0
}

work=""
kam_pid=""      # Kamailio's main process
kam_wrapper=""  # the `timeout` that runs it
bg_pids=""      # the sipps running in the background
used_ports=""   # the ports free_port handed out

# Makes the work directory $work, installs what is missing and builds the
# 5.1 core (Debian's app_lua embeds Lua 5.1).  Non-zero on failure, with
# the reason on stdout.
kam_setup() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/sipcodes-kamailio.XXXXXX") || exit 1
  # shellcheck disable=SC2086,SC2154 # a list of words; root: see above
  if ! sh "$root/tools/deps.sh" $KAM_PACKAGES; then
    echo "cannot install:$KAM_PACKAGES"
    return 1
  fi
  if ! make -C "$root" --no-print-directory build/5.1/sipcodes/core.so \
      >"$work/build.log" 2>&1; then
    echo "cannot build build/5.1/sipcodes/core.so"
    cat "$work/build.log"
    return 1
  fi
  # The same module paths for Kamailio and for the lua5.1 that reads the
  # expectations from the module: absolute, since Kamailio changes its
  # working directory.
  LUA_PATH="$root/lua/?.lua;;"
  LUA_CPATH="$root/build/5.1/?.so;;"
  export LUA_PATH LUA_CPATH
}

# A UDP port on 127.0.0.1 that nothing uses (per /proc/net/udp) and that
# this run has not handed out yet.
free_port() {
  while :; do
    p=$(shuf -i 20000-59999 -n 1)
    case " $used_ports " in *" $p "*) continue ;; esac
    hex=$(printf ':%04X ' "$p")
    if ! grep -q "$hex" /proc/net/udp /proc/net/udp6 2>/dev/null; then
      used_ports="$used_ports $p"
      echo "$p"
      return
    fi
  done
}

# True once something listens on UDP 127.0.0.1:$1.
port_bound() {
  grep -q "0100007F:$(printf '%04X' "$1") " /proc/net/udp
}

# Starts Kamailio on 127.0.0.1:$kam_port with the example configuration,
# gateways $1 (SIP URIs, for the failover routes) and the routing script
# $3 (an absolute path; the example's when not given); its log (stderr) goes
# to $work/kamailio.log.  `timeout` bounds its life to $2 seconds, whatever
# happens to this script; it runs in its own process group, so a timeout
# reaches Kamailio's children too.  Returns non-zero when Kamailio did not
# come up listening.
kam_start() {
  kam_port=$(free_port)
  SIPCODES_GATEWAYS="$1" timeout -k 5 "$2" kamailio \
    -f "$root/examples/kamailio/kamailio.cfg" -DD -E \
    -P "$work/kamailio.pid" -w "$work" -Y "$work" \
    -A "SIPCODES_ROUTES=\"${3:-$root/examples/kamailio/sipcodes-routes.lua}\"" \
    -A "SIPCODES_PORT=$kam_port" \
    >"$work/kamailio.out" 2>"$work/kamailio.log" &
  kam_wrapper=$!
  i=0
  while [ $i -lt 100 ]; do
    kill -0 "$kam_wrapper" 2>/dev/null || return 1
    [ -s "$work/kamailio.pid" ] && port_bound "$kam_port" && break
    sleep 0.1
    i=$((i + 1))
  done
  [ $i -lt 100 ] || return 1
  kam_pid=$(cat "$work/kamailio.pid")
  # The workers load the routing script after the socket is bound; one
  # whose script fails makes Kamailio exit.  Give them that moment.
  sleep 0.5
  kill -0 "$kam_wrapper" 2>/dev/null
}

# Stops Kamailio: SIGTERM to its main process, which stops its children;
# SIGKILL to the whole group after 10 s.
kam_stop() {
  [ -n "$kam_wrapper" ] || return 0
  [ -n "$kam_pid" ] && kill -TERM "$kam_pid" 2>/dev/null
  i=0
  while kill -0 "$kam_wrapper" 2>/dev/null && [ $i -lt 100 ]; do
    sleep 0.1
    i=$((i + 1))
  done
  if kill -0 "$kam_wrapper" 2>/dev/null; then
    kill -KILL -- "-$kam_wrapper" 2>/dev/null
  fi
  wait "$kam_wrapper" 2>/dev/null
  kam_wrapper=""
}

# The end of every run: background sipps, then Kamailio.
kam_cleanup() {
  for p in $bg_pids; do kill -TERM "$p" 2>/dev/null; done
  kam_stop
}

# Escapes a string for a POSIX extended regular expression inside an XML
# attribute.
regex_xml() {
  printf '%s' "$1" | sed -e 's/[][\.*^$+?(){}|]/\\&/g' \
    -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/"/\&quot;/g'
}

# Fills a scenario template: $1 template, $2 output, $3 Request-URI user,
# $4 code, $5 reason phrase.  @STATUS_RE@ becomes a regular expression
# for the status line "SIP/2.0 $4 $5" and its CR, @REASON@ the phrase as
# it is (in CDATA).
fill() {
  re="^SIP/2\\.0 $4 $(regex_xml "$5")[[:cntrl:]]"
  sed -e "s|@USER@|$(sed_escape "$3")|g" -e "s|@CODE@|$4|g" \
    -e "s|@STATUS_RE@|$(sed_escape "$re")|g" -e "s|@REASON@|$(sed_escape "$5")|g" \
    "$1" >"$2"
}

# Escapes a string for the replacement of sed's s|||.
sed_escape() {
  printf '%s' "$1" | sed -e 's/[\\&|]/\\&/g'
}

# The last message sipp received, as it came (CRLF), from its message log $1;
# with a method $2, the last request of that method.
last_received() {
  awk -v method="${2:-}" '
    function done() {
      if (inrecv && (method == "" || index(start, method " ") == 1)) last = msg
      inrecv = 0
    }
    /^-{40,} / { done(); next }
    /message received/ { done(); inrecv = 1; msg = ""; start = ""; next }
    inrecv && msg == "" && $0 == "" { next }
    inrecv { if (msg == "") start = $0; msg = msg $0 "\n" }
    END { done(); printf "%s", last }' "$1"
}

# Fills the Reason fields of a CANCEL scenario $1 (cancel.xml.in or
# cancel-gateway.xml.in, after fill) with the value $2 of a Reason header:
# @CANCEL_REASON@ becomes the header line, or goes when $2 is empty;
# @CANCEL_REASON_RE@ a regular expression for that whole line.
fill_cancel_reason() {
  if [ -n "$2" ]; then
    re="[[:cntrl:]]Reason: $(regex_xml "$2")[[:cntrl:]]"
    sed -e "s|@CANCEL_REASON@|Reason: $(sed_escape "$2")|g" \
      -e "s|@CANCEL_REASON_RE@|$(sed_escape "$re")|g" "$1" >"$1.tmp"
  else
    sed -e '/^[[:space:]]*@CANCEL_REASON@[[:space:]]*$/d' "$1" >"$1.tmp"
  fi
  mv "$1.tmp" "$1"
}
