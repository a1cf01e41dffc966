#!/bin/sh
# make deb: builds the Debian packages (dh-lua, debian/) from the release
# tarball of make dist, in build/deb/, runs lintian on them, and copies
# the .deb files to dist/.  The specs run in the build (dh_auto_test).
set -eu
cd "$(dirname "$0")/.."
. tools/project.sh
name=sipcodes-$VERSION
[ -f "dist/$name.tar.gz" ] || sh tools/dist.sh
work=build/deb
rm -rf "$work"
mkdir -p "$work"
cp "dist/$name.tar.gz" "$work/lua-sipcodes_$VERSION.orig.tar.gz"
tar -xzf "dist/$name.tar.gz" -C "$work"
echo "dpkg-buildpackage in $work/$name (log: $work/build.log)"
if ! (cd "$work/$name" && dpkg-buildpackage -us -uc -b) >"$work/build.log" 2>&1; then
  tail -n 60 "$work/build.log"
  echo "make deb: dpkg-buildpackage failed (log: $work/build.log)" >&2
  exit 1
fi
grep -E '^[0-9]+ success' "$work/build.log" || true
rm -f dist/*.deb
cp "$work"/*.deb dist/
echo "lintian:"
lintian --info --display-info "$work"/lua-sipcodes_*.changes 2>&1 | tee "$work/lintian.log" || true
ls dist/*.deb
