# shellcheck shell=sh
# What the release tools need to know about the project, each written once;
# sourced (from the repository's root) by tools/rockspec.sh,
# tools/rockspec-check.sh, tools/dist.sh and the Makefile.
#   VERSION   the release, read from SIPC_VERSION in src/sipcodes.h
#   UPSTREAM  the project's home; its git repository is $UPSTREAM.git
#   TAG       the git tag of a release (the tag scheme)
VERSION=$(sed -n 's/^#define SIPC_VERSION "\([^"]*\)"$/\1/p' src/sipcodes.h)
UPSTREAM=https://github.com/sipcodes/sipcodes
TAG=v$VERSION
