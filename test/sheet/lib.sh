# Shared by test/sheet/build.sh (make sheet) and test/sheet/run.sh (make
# test): the packages the sheet needs and how Chromium is started.
# shellcheck shell=sh

# Chromium prints and photographs the page, poppler-utils counts the PDF's
# pages, and Liberation Sans (metric-compatible with Arial) makes the layout
# the same on every machine.
SHEET_PACKAGES="chromium poppler-utils fonts-liberation python3"

# The module, as make build leaves it for Lua 5.4.
sheet_lua() {
  LUA_PATH='lua/?.lua;;' LUA_CPATH='build/5.4/?.so;;' lua5.4 "$@"
}

# Debian's Chromium, headless, with the flags this machine needs: no sandbox
# (root), no GPU, none of the background connections a closed network
# refuses, a fresh profile; under /tmp/sipcodes-gui.lock so that only one
# browser runs at a time.  Usage: sheet_chromium ARG... URL
sheet_chromium() {
  _profile=$(mktemp -d)
  flock /tmp/sipcodes-gui.lock chromium --headless --no-sandbox --disable-gpu \
    --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --disable-default-apps \
    --disable-extensions --mute-audio --hide-scrollbars \
    --user-data-dir="$_profile" "$@"
  _rc=$?
  rm -rf "$_profile"
  return $_rc
}

# A copy of the page HTML ($1) printed on paper size $2 (A4, letter) into
# the PDF $3: one --print-to-pdf prints one paper size, so the size is
# injected as an @page rule.
sheet_pdf() {
  _dir=$(mktemp -d)
  sed "s|</style>|@page{size:$2}</style>|" "$1" > "$_dir/sheet.html"
  sheet_chromium --no-pdf-header-footer --print-to-pdf="$3" "file://$_dir/sheet.html" \
    >/dev/null 2>&1
  _rc=$?
  rm -rf "$_dir"
  return $_rc
}

# The number of pages of the PDF $1.
sheet_pages() {
  pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'
}
