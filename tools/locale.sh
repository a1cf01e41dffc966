#!/bin/sh
# Generates the de_DE.UTF-8 locale that spec/locale_spec.lua switches to:
# a fresh Debian machine has only C, C.UTF-8 and POSIX.  Needs the locales
# package (the Makefile's deps-test installs it) and root; does nothing
# when the locale is there already.
set -eu
have() { locale -a 2>/dev/null | grep -qix 'de_DE\.utf-\?8'; }
have && exit 0
if [ ! -f /etc/locale.gen ] || ! command -v locale-gen >/dev/null; then
  echo "tools/locale.sh: the locales package is not installed" >&2
  exit 1
fi
# One generation at a time on a shared machine.
flock /tmp/sipcodes-locale.lock sh -c '
  sed -i "s/^# *de_DE.UTF-8/de_DE.UTF-8/" /etc/locale.gen
  locale-gen >/dev/null'
have || { echo "tools/locale.sh: de_DE.UTF-8 was not generated" >&2; exit 1; }
