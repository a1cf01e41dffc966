#!/bin/sh
# The reference sheet in a real browser (part of make test): the HTML that
# sipcodes.sheet.html() returns is well-formed and self-contained; headless
# Chromium renders it without a console message; the DOM it builds has
# exactly one row per registered code, holding the code's phrase; printed on
# A4 and on US Letter it takes at most two pages each.  Ends with
# "N passed, M failed".  Run from the repository root after `make build`.
set -u
. test/sheet/lib.sh
passed=0
failed=0
ok() { echo "ok: $1"; passed=$((passed + 1)); }
bad() { echo "FAILED: $1"; failed=$((failed + 1)); }
# Adds the "ok:" and "FAILED:" lines of a checker's output to the counts.
tally() {
  printf '%s\n' "$1"
  passed=$((passed + $(printf '%s\n' "$1" | grep -c '^ok: ')))
  failed=$((failed + $(printf '%s\n' "$1" | grep -c '^FAILED: ')))
}

# shellcheck disable=SC2086
sh tools/deps.sh $SHEET_PACKAGES || bad "installing $SHEET_PACKAGES"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if sheet_lua -e 'io.write(require("sipcodes.sheet").html())' > "$work/sheet.html" &&
   [ -s "$work/sheet.html" ]; then
  ok "sipcodes.sheet.html() returns a page ($(wc -c < "$work/sheet.html") bytes)"
else
  bad "sipcodes.sheet.html() failed"
fi
sheet_lua -e 'for c, e in require("sipcodes").each() do io.write(c, "\t", e.reason, "\n") end' \
  > "$work/codes.tsv"

tally "$(python3 test/sheet/check.py wellformed "$work/sheet.html")"

# Rendering: the DOM as Chromium built it, and its log.
sheet_chromium --enable-logging=stderr --v=0 --dump-dom "file://$work/sheet.html" \
  > "$work/dom.html" 2> "$work/chromium.log"
rc=$?
if [ "$rc" -eq 0 ] && grep -q '<tr id="c486"' "$work/dom.html"; then
  ok "Chromium renders the page and dumps its DOM"
else
  bad "Chromium exited with $rc or dumped no DOM"
  tail -n 20 "$work/chromium.log"
fi
if grep -q 'INFO:CONSOLE' "$work/chromium.log"; then
  bad "console messages while rendering:"
  grep 'INFO:CONSOLE' "$work/chromium.log"
else
  ok "no console message while rendering ($(grep -c '' "$work/chromium.log") log lines read)"
fi
tally "$(python3 test/sheet/check.py rows "$work/dom.html" "$work/codes.tsv")"

# Printing: one print per paper size, at most two pages each.
for size in A4 letter; do
  if sheet_pdf "$work/sheet.html" "$size" "$work/$size.pdf"; then
    pages=$(sheet_pages "$work/$size.pdf")
    paper=$(pdfinfo "$work/$size.pdf" | sed -n 's/^Page size: *//p')
    case "$paper" in
      *"($size)"*) ok "printed on $size: $paper" ;;
      *) bad "printed on $size, but the PDF's paper is $paper" ;;
    esac
    if [ -n "$pages" ] && [ "$pages" -ge 1 ] && [ "$pages" -le 2 ]; then
      ok "$size: $pages pages (at most 2)"
    else
      bad "$size: ${pages:-no} pages (at most 2)"
    fi
  else
    bad "printing on $size failed"
  fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
