#!/bin/sh
# make dist: writes dist/, a LuaRocks server for the release of the
# committed tree (HEAD):
#   sipcodes-VERSION.tar.gz        git archive of HEAD, under sipcodes-VERSION/
#   sipcodes-VERSION-1.rockspec    the release rockspec, its source that
#                                  tarball (file:// URL and md5)
#   sipcodes-VERSION-1.src.rock    luarocks pack of that rockspec
#   manifest, index.html           luarocks-admin make-manifest
# so that `luarocks install --only-server=$PWD/dist sipcodes` installs it
# offline.  Uncommitted changes are not in it (a warning says so).
set -eu
cd "$(dirname "$0")/.."
. tools/project.sh
name=sipcodes-$VERSION
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "dist: warning: uncommitted changes are not in $name.tar.gz" >&2
fi
rm -rf dist
mkdir dist
git archive --format=tar.gz --prefix="$name/" -o "dist/$name.tar.gz" HEAD
# The rockspec is written from the tarball's own files (its module list).
src=build/dist-src
rm -rf "$src"
mkdir -p "$src"
tar -xzf "dist/$name.tar.gz" -C "$src"
(cd "$src/$name" && sh tools/rockspec.sh dist "$OLDPWD/dist/$name.tar.gz") >"dist/$name-1.rockspec"
rm -rf "$src"
(cd dist && luarocks pack "$name-1.rockspec" >/dev/null)
luarocks-admin make-manifest dist >/dev/null
ls dist
