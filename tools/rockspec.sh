#!/bin/sh
# Writes a rockspec of sipcodes on stdout, from rockspecs/sipcodes.rockspec.in
# and tools/project.sh (version, upstream URL, tag scheme):
#   tools/rockspec.sh scm              sipcodes-scm-1.rockspec: the git head
#   tools/rockspec.sh release          rockspecs/sipcodes-VERSION-1.rockspec:
#                                      the git tag of the release
#   tools/rockspec.sh dist TARBALL     the release with the local tarball as
#                                      its source (file:// URL and md5), for
#                                      `make dist`
# The modules are every lua/**/*.lua and one C module, sipcodes.core, from
# every src/*.c.  Run from the repository's root.
set -eu
. tools/project.sh
kind=${1:-}
case "$kind" in
  scm)
    rockversion=scm-1
    source="  url = \"git+$UPSTREAM.git\","
    ;;
  release)
    rockversion=$VERSION-1
    source="  url = \"git+$UPSTREAM.git\",
  tag = \"$TAG\","
    ;;
  dist)
    tarball=${2:?usage: tools/rockspec.sh dist TARBALL}
    rockversion=$VERSION-1
    abs=$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")
    md5=$(md5sum "$tarball" | cut -d ' ' -f 1)
    source="  url = \"file://$abs\",
  md5 = \"$md5\",
  dir = \"sipcodes-$VERSION\","
    ;;
  *)
    echo "usage: tools/rockspec.sh scm | release | dist TARBALL" >&2
    exit 2
    ;;
esac

modules=$(
  find lua -name '*.lua' | LC_ALL=C sort | while read -r f; do
    m=$(printf '%s' "$f" | sed -e 's|^lua/||' -e 's|\.lua$||' -e 's|/|.|g')
    printf '    ["%s"] = "%s",\n' "$m" "$f"
  done
  printf '    ["sipcodes.core"] = {\n      sources = {\n'
  for f in $(LC_ALL=C ls src/*.c); do printf '        "%s",\n' "$f"; done
  printf '      },\n      incdirs = { "src" },\n    },\n'
)

# Substitutes the @...@ fields; the multi-line ones go through the
# environment, which awk reads as it is.
ROCKVERSION=$rockversion SOURCE=$source MODULES=$modules UPSTREAM=$UPSTREAM awk '
  $0 == "@SOURCE@" { print ENVIRON["SOURCE"]; next }
  $0 == "@MODULES@" { print ENVIRON["MODULES"]; next }
  {
    gsub(/@ROCKVERSION@/, ENVIRON["ROCKVERSION"])
    gsub(/@UPSTREAM@/, ENVIRON["UPSTREAM"])
    print
  }' rockspecs/sipcodes.rockspec.in
