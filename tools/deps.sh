#!/bin/sh
# Installs the Debian packages a job needs, only those that are missing.
# Usage: tools/deps.sh PACKAGE...   (as root, or through sudo when present)
set -eu
missing=""
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
# wireshark-common asks whether to install dumpcap setuid: no.
case " $missing " in *" wireshark-common "*|*" tshark "*)
  echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections ;;
esac
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
