#!/bin/sh
# make sheet: writes doc/sipcodes-sheet.html (what `sipcode --html` prints),
# doc/sipcodes-sheet.pdf (printed on A4 by headless Chromium) and
# doc/sipcodes-sheet.png (a screenshot of the screen view).  Installs
# Chromium and poppler-utils when missing.  Run from the repository root
# after `make build`.
set -eu
. test/sheet/lib.sh
# shellcheck disable=SC2086
sh tools/deps.sh $SHEET_PACKAGES
mkdir -p doc
here=$(pwd)
sheet_lua bin/sipcode --html > doc/sipcodes-sheet.html
sheet_pdf doc/sipcodes-sheet.html A4 "$here/doc/sipcodes-sheet.pdf"
sheet_chromium --window-size=1200,1400 --screenshot="$here/doc/sipcodes-sheet.png" \
  "file://$here/doc/sipcodes-sheet.html" >/dev/null 2>&1
for f in doc/sipcodes-sheet.html doc/sipcodes-sheet.pdf doc/sipcodes-sheet.png; do
  [ -s "$f" ] || { echo "sheet: $f was not written" >&2; exit 1; }
done
echo "sheet: doc/sipcodes-sheet.html ($(wc -c < doc/sipcodes-sheet.html) bytes)," \
  "doc/sipcodes-sheet.pdf (A4, $(sheet_pages doc/sipcodes-sheet.pdf) pages)," \
  "doc/sipcodes-sheet.png"
