#!/bin/sh
# Removes the Parc agent that install.sh installed: stops and disables the service, removes the unit
# and the binary. --purge also removes /etc/parc-agent (the enrollment, key and spool).
#
#   sudo sh uninstall.sh [--purge] [--destdir DIR]
set -eu

BIN_PATH=/usr/local/bin/parc-agent
UNIT_PATH=/etc/systemd/system/parc-agent.service
STATE_PATH=/etc/parc-agent

die() { printf 'parc-agent uninstall: %s\n' "$*" >&2; exit 1; }
say() { printf 'parc-agent uninstall: %s\n' "$*"; }

purge=0 destdir="${DESTDIR:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --purge) purge=1; shift ;;
    --destdir) [ $# -ge 2 ] || die "--destdir needs a folder"; destdir=$2; shift 2 ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (try --help)" ;;
  esac
done
if [ -z "$destdir" ] && [ "$(id -u)" -ne 0 ]; then die "run as root (sudo sh $0 ...)"; fi

if [ -z "$destdir" ] && [ -d /run/systemd/system ] && [ -f "$UNIT_PATH" ]; then
  systemctl disable --now parc-agent.service >/dev/null 2>&1 || true
fi
if [ -f "$destdir$UNIT_PATH" ]; then
  rm -f "$destdir$UNIT_PATH"
  if [ -z "$destdir" ] && [ -d /run/systemd/system ]; then systemctl daemon-reload; fi
  say "removed $destdir$UNIT_PATH"
fi
if [ -f "$destdir$BIN_PATH" ]; then rm -f "$destdir$BIN_PATH"; say "removed $destdir$BIN_PATH"; fi
if [ "$purge" -eq 1 ]; then
  rm -rf "$destdir$STATE_PATH"
  say "removed $destdir$STATE_PATH"
elif [ -d "$destdir$STATE_PATH" ]; then
  say "kept $destdir$STATE_PATH (enrollment and key); --purge removes it"
fi
say "done"
