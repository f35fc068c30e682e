#!/bin/sh
# Installs the Parc agent on a Linux machine: copies the binary, enrolls it with the server and
# starts it as a systemd service.
#
#   sudo sh install.sh --server https://parc.example.com --token TOKEN [--binary ./parc-agent-linux-x64]
#
# Options:
#   --server URL      the Parc server (required)
#   --token TOKEN     an enrollment token from the server's admin (required)
#   --binary PATH     the agent binary (default: parc-agent-linux-<arch> beside this script)
#   --ca FILE         CA certificate file for an https server with a private CA
#   --pin SHA256      pin the server certificate's SHA-256 fingerprint
#   --no-systemd      install and enroll only; do not install or start the service
#   --destdir DIR     install under DIR instead of / (image building and tests; implies --no-systemd)
set -eu

BIN_PATH=/usr/local/bin/parc-agent
UNIT_PATH=/etc/systemd/system/parc-agent.service
STATE_PATH=/etc/parc-agent

die() { printf 'parc-agent install: %s\n' "$*" >&2; exit 1; }
say() { printf 'parc-agent install: %s\n' "$*"; }

server='' token='' binary='' ca='' pin='' systemd=1 destdir="${DESTDIR:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --server) [ $# -ge 2 ] || die "--server needs a URL"; server=$2; shift 2 ;;
    --token) [ $# -ge 2 ] || die "--token needs a value"; token=$2; shift 2 ;;
    --binary) [ $# -ge 2 ] || die "--binary needs a path"; binary=$2; shift 2 ;;
    --ca) [ $# -ge 2 ] || die "--ca needs a file"; ca=$2; shift 2 ;;
    --pin) [ $# -ge 2 ] || die "--pin needs a fingerprint"; pin=$2; shift 2 ;;
    --no-systemd) systemd=0; shift ;;
    --destdir) [ $# -ge 2 ] || die "--destdir needs a folder"; destdir=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (try --help)" ;;
  esac
done
[ -n "$server" ] || die "--server URL is required"
[ -n "$token" ] || die "--token TOKEN is required (create one in the Parc server's admin)"
[ -n "$destdir" ] && systemd=0
if [ -z "$destdir" ] && [ "$(id -u)" -ne 0 ]; then die "run as root (sudo sh $0 ...)"; fi

if [ -z "$binary" ]; then
  case "$(uname -m)" in
    x86_64|amd64) arch=x64 ;;
    aarch64|arm64) arch=arm64 ;;
    *) die "no Parc agent build for $(uname -m); pass --binary" ;;
  esac
  binary="$(dirname "$0")/parc-agent-linux-$arch"
fi
[ -f "$binary" ] || die "agent binary $binary not found (pass --binary PATH)"

bin="$destdir$BIN_PATH"
state="$destdir$STATE_PATH"
unit="$destdir$UNIT_PATH"

# Copy then rename: replacing a running binary in place fails with "Text file busy".
mkdir -p "$(dirname "$bin")"
cp "$binary" "$bin.new"
chmod 0755 "$bin.new"
mv -f "$bin.new" "$bin"
"$bin" --version >/dev/null 2>&1 || die "$bin does not run on this machine (wrong architecture?)"
say "installed $bin ($("$bin" --version))"

set -- enroll --server "$server" --token "$token" --state-dir "$state"
[ -n "$ca" ] && set -- "$@" --ca "$ca"
[ -n "$pin" ] && set -- "$@" --pin "$pin"
"$bin" "$@" || die "enrollment failed (see the message above); nothing else was changed"

if [ "$systemd" -eq 0 ]; then
  say "enrolled; service not installed (--no-systemd). Start it with: $BIN_PATH run --state-dir $STATE_PATH"
  exit 0
fi
if [ ! -d /run/systemd/system ]; then
  say "enrolled, but systemd is not running here: start the agent with your init system: $BIN_PATH run --state-dir $STATE_PATH"
  exit 0
fi
unit_src="$(dirname "$0")/parc-agent.service"
[ -f "$unit_src" ] || die "$unit_src not found (it ships beside install.sh)"
mkdir -p "$(dirname "$unit")"
cp "$unit_src" "$unit"
chmod 0644 "$unit"
systemctl daemon-reload
systemctl enable parc-agent.service >/dev/null
systemctl restart parc-agent.service
say "service parc-agent started; check it with: systemctl status parc-agent && $BIN_PATH status --state-dir $STATE_PATH"
