#!/bin/sh
# Installs the Parc agent on macOS: copies the binary, enrolls it with the server and starts it as a
# launchd daemon (com.parc.agent).
#
#   sudo sh install.sh --server https://parc.example.com --token TOKEN [--binary ./parc-agent-darwin-arm64]
#
# Options: --server URL, --token TOKEN (required); --binary PATH (default: parc-agent-darwin-<arch>
# beside this script); --ca FILE; --pin SHA256; --no-launchd (install and enroll only);
# --destdir DIR (install under DIR; implies --no-launchd).
set -eu

BIN_PATH=/usr/local/bin/parc-agent
PLIST_PATH=/Library/LaunchDaemons/com.parc.agent.plist
STATE_PATH="/Library/Application Support/Parc"

die() { printf 'parc-agent install: %s\n' "$*" >&2; exit 1; }
say() { printf 'parc-agent install: %s\n' "$*"; }

server='' token='' binary='' ca='' pin='' launchd=1 destdir="${DESTDIR:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --server) [ $# -ge 2 ] || die "--server needs a URL"; server=$2; shift 2 ;;
    --token) [ $# -ge 2 ] || die "--token needs a value"; token=$2; shift 2 ;;
    --binary) [ $# -ge 2 ] || die "--binary needs a path"; binary=$2; shift 2 ;;
    --ca) [ $# -ge 2 ] || die "--ca needs a file"; ca=$2; shift 2 ;;
    --pin) [ $# -ge 2 ] || die "--pin needs a fingerprint"; pin=$2; shift 2 ;;
    --no-launchd) launchd=0; shift ;;
    --destdir) [ $# -ge 2 ] || die "--destdir needs a folder"; destdir=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (try --help)" ;;
  esac
done
[ -n "$server" ] || die "--server URL is required"
[ -n "$token" ] || die "--token TOKEN is required (create one in the Parc server's admin)"
[ -n "$destdir" ] && launchd=0
if [ -z "$destdir" ] && [ "$(id -u)" -ne 0 ]; then die "run as root (sudo sh $0 ...)"; fi

if [ -z "$binary" ]; then
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    arm64) arch=arm64 ;;
    *) die "no Parc agent build for $(uname -m); pass --binary" ;;
  esac
  binary="$(dirname "$0")/parc-agent-darwin-$arch"
fi
[ -f "$binary" ] || die "agent binary $binary not found (pass --binary PATH)"

bin="$destdir$BIN_PATH"
state="$destdir$STATE_PATH"
plist="$destdir$PLIST_PATH"

mkdir -p "$(dirname "$bin")"
cp "$binary" "$bin.new"
chmod 0755 "$bin.new"
# A downloaded file carries a quarantine attribute that would make Gatekeeper stop the daemon.
if command -v xattr >/dev/null 2>&1; then xattr -d com.apple.quarantine "$bin.new" 2>/dev/null || true; fi
mv -f "$bin.new" "$bin"
"$bin" --version >/dev/null 2>&1 || die "$bin does not run on this machine (wrong architecture or signature?)"
say "installed $bin ($("$bin" --version))"

set -- enroll --server "$server" --token "$token" --state-dir "$state"
[ -n "$ca" ] && set -- "$@" --ca "$ca"
[ -n "$pin" ] && set -- "$@" --pin "$pin"
"$bin" "$@" || die "enrollment failed (see the message above); nothing else was changed"

if [ "$launchd" -eq 0 ]; then
  say "enrolled; daemon not installed (--no-launchd). Start it with: $BIN_PATH run"
  exit 0
fi
plist_src="$(dirname "$0")/com.parc.agent.plist"
[ -f "$plist_src" ] || die "$plist_src not found (it ships beside install.sh)"
launchctl bootout system/com.parc.agent 2>/dev/null || true
cp "$plist_src" "$plist"
chown root:wheel "$plist"
chmod 0644 "$plist"
launchctl bootstrap system "$plist"
launchctl enable system/com.parc.agent
say "daemon com.parc.agent started; check it with: sudo launchctl print system/com.parc.agent && sudo $BIN_PATH status"
