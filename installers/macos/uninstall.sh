#!/bin/sh
# Removes the Parc agent that install.sh installed on macOS: stops the launchd daemon, removes its
# plist, the binary and the log. --purge also removes /Library/Application Support/Parc.
#
#   sudo sh uninstall.sh [--purge] [--destdir DIR]
set -eu

BIN_PATH=/usr/local/bin/parc-agent
PLIST_PATH=/Library/LaunchDaemons/com.parc.agent.plist
STATE_PATH="/Library/Application Support/Parc"
LOG_PATH=/Library/Logs/parc-agent.log

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

if [ -z "$destdir" ] && command -v launchctl >/dev/null 2>&1; then
  launchctl bootout system/com.parc.agent 2>/dev/null || true
fi
for f in "$destdir$PLIST_PATH" "$destdir$BIN_PATH" "$destdir$LOG_PATH"; do
  if [ -f "$f" ]; then rm -f "$f"; say "removed $f"; fi
done
if [ "$purge" -eq 1 ]; then
  rm -rf "$destdir$STATE_PATH"
  say "removed $destdir$STATE_PATH"
elif [ -d "$destdir$STATE_PATH" ]; then
  say "kept $destdir$STATE_PATH (enrollment and key); --purge removes it"
fi
say "done"
