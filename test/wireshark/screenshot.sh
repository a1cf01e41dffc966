#!/bin/sh
# test/wireshark/screenshot.sh: doc/wireshark-tree.png, the sipcodes tree of
# one response in the Wireshark GUI (wireshark-qt under Xvfb).
#
# Builds responses.pcap from messages/responses.txt, opens it in Wireshark
# with the plugin on a virtual screen, selects frame $FRAME (a 480 with a
# Reason header of two values), expands the sipcodes subtree (the last one:
# End, then Shift+Right) and saves the window as a PNG.  Runs holding
# /tmp/sipcodes-gui.lock; Wireshark's settings live in a scratch HOME.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/build/wireshark"
png="$root/doc/wireshark-tree.png"
FRAME=${FRAME:-45}
lock=/tmp/sipcodes-gui.lock

sh "$root/tools/deps.sh" wireshark-qt tshark wireshark-common xvfb x11-apps xdotool netpbm \
  lua5.2 liblua5.2-dev gcc make libc6-dev
make -C "$root" --no-print-directory build/5.2/sipcodes/core.so >/dev/null
mkdir -p "$out" "$root/doc"
lua5.2 "$here/mkdump.lua" "$here/messages/responses.txt" >"$out/responses.dump"
text2pcap -q -F pcap -t '%Y-%m-%d %H:%M:%S.' -4 127.0.0.1,127.0.0.2 -u 5060,5060 \
  "$out/responses.dump" "$out/shot.pcap" 2>/dev/null

LUA_PATH="$root/lua/?.lua;;"
LUA_CPATH="$root/build/5.2/?.so;;"
export LUA_PATH LUA_CPATH

shoot() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/sipcodes-shot.XXXXXX")
  # A display nobody uses.
  d=90
  while [ -e "/tmp/.X$d-lock" ] || [ -e "/tmp/.X11-unix/X$d" ]; do d=$((d + 1)); done
  Xvfb ":$d" -screen 0 1280x1150x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
  xvfb=$!
  i=0
  until [ -e "/tmp/.X11-unix/X$d" ] || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
  DISPLAY=":$d"
  export DISPLAY
  # Packet details on top, the list below, no bytes.
  HOME="$work" XDG_CONFIG_HOME="$work/.config" timeout 120 wireshark \
    -o gui.layout_content_1:PDETAILS -o gui.layout_content_2:PLIST \
    -o gui.layout_content_3:NONE -o gui.geometry_main_width:1280 \
    -o gui.geometry_main_height:1150 \
    -X lua_script:"$root/plugins/wireshark/sipcodes_plugin.lua" \
    -r "$out/shot.pcap" -g "$FRAME" >"$work/wireshark.log" 2>&1 &
  ws=$!
  rc=0
  wid=$(timeout 60 xdotool search --sync --onlyvisible --name 'shot.pcap' | head -n 1) || rc=1
  if [ "$rc" -eq 0 ]; then
    xdotool windowmove "$wid" 0 0 windowsize "$wid" 1280 1150
    sleep 4
    # The details pane is the upper half: click its first line, go to its
    # last item (the post-dissector's tree) and expand everything under it.
    xdotool mousemove --window "$wid" 300 120 click 1
    sleep 0.5
    xdotool key --window "$wid" End
    sleep 0.3
    xdotool key --window "$wid" shift+Right
    sleep 2
    xwd -silent -id "$wid" | xwdtopnm 2>/dev/null | pnmtopng >"$png.tmp" && mv "$png.tmp" "$png" || rc=1
  else
    echo "no Wireshark window; its output:"
    cat "$work/wireshark.log"
  fi
  kill "$ws" 2>/dev/null || true
  wait "$ws" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  wait "$xvfb" 2>/dev/null || true
  rm -rf "$work"
  return "$rc"
}

exec 9>"$lock"
flock -w 600 9
shoot
echo "wrote $png"
