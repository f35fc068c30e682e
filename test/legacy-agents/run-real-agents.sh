#!/usr/bin/env bash
# Runs the real Debian FusionInventory and OCS Inventory agents against a Parc server on localhost
# (embedded database, temporary data folder, PARC_LEGACY_INVENTORY=1) and checks that this machine shows
# up in GET /api/v1/devices with its packages, that running each agent again changes nothing, and that
# alternating agents (fusion, ocs, fusion) writes no software history: both describe a dpkg package the
# way Parc's agent does (name without the `:amd64` qualifier OCS adds, dpkg arch, full version, 'deb').
#
# Exit codes: 0 passed, 1 failed (the reason is printed), 77 skipped (neither agent is installed).
# Environment: PARC_KEEP_TMP=1 keeps the temporary folder (server log, agent logs) for inspection.
set -uo pipefail
cd "$(dirname "$0")/../.."

say() { echo "run-real-agents: $*"; }
die() {
  echo "run-real-agents: FAILED: $*" >&2
  [ -n "${TMP:-}" ] && [ -f "$TMP/server.log" ] && { echo "--- last lines of the Parc server log ($TMP/server.log):" >&2; tail -n 20 "$TMP/server.log" >&2; }
  exit 1
}

FUSION=$(command -v fusioninventory-agent || true)
OCS=$(command -v ocsinventory-agent || true)
if [ -z "$FUSION" ] && [ -z "$OCS" ]; then
  say "SKIPPED: neither fusioninventory-agent nor ocsinventory-agent is installed (apt-get install -y fusioninventory-agent ocsinventory-agent)"
  exit 77
fi
command -v curl >/dev/null || die "curl is needed"

TMP=$(mktemp -d -t parc-legacy-agents-XXXXXX)
SERVER_PID=
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  if [ "${PARC_KEEP_TMP:-}" = 1 ]; then say "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT

PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
BASE="http://127.0.0.1:$PORT"
ADMIN_PASSWORD="legacy-$(node -e 'console.log(require("crypto").randomBytes(12).toString("hex"))')"

say "starting Parc on $BASE (data in $TMP/data)"
env -u DATABASE_URL PORT="$PORT" HOST=127.0.0.1 PARC_DATA_DIR="$TMP/data" PARC_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  PARC_LEGACY_INVENTORY=1 PARC_LOG_LEVEL=info node --import tsx server/src/main.ts >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  curl -fsS "$BASE/healthz" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || die "the Parc server exited during start-up"
  sleep 0.5
done
curl -fsS "$BASE/healthz" >/dev/null || die "the Parc server did not answer /healthz within 60 s"

# Small JSON reader: json '<js expression over d>' < body
json() { node -e 'let s="";process.stdin.on("data",c=>s+=c).on("end",()=>{const d=JSON.parse(s);const v=('"$1"');console.log(typeof v==="object"?JSON.stringify(v):v)})'; }

SESSION=$(curl -fsS -H 'content-type: application/json' -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" "$BASE/api/v1/auth/login" | json 'd.token') ||
  die "could not log in as admin with PARC_ADMIN_PASSWORD"
api() { curl -fsS -H "authorization: Bearer $SESSION" "$BASE$1"; }
TOKEN=$(curl -fsS -H "authorization: Bearer $SESSION" -H 'content-type: application/json' -d '{"description":"real legacy agents"}' \
  "$BASE/api/v1/enrollment-tokens" | json 'd.token') || die "could not create an enrollment token"

# What is stored: device count, and per device "id:software:history rows".
snapshot() {
  local list ids out=""
  list=$(api '/api/v1/devices?limit=500') || die "GET /api/v1/devices failed"
  ids=$(echo "$list" | json 'd.items.map(i=>i.id).join(" ")')
  for id in $ids; do
    local sw ch
    sw=$(api "/api/v1/devices/$id" | json 'd.software.length')
    ch=$(api "/api/v1/devices/$id/changes?limit=1" | json 'd.total')
    out="$out $id:$sw:$ch"
  done
  echo "$(echo "$list" | json 'd.total')$out"
}

# dpkg's own count of installed packages: what both agents should report (give or take a few).
DPKG_COUNT=$(dpkg-query -W -f '${db:Status-Abbrev}\n' 2>/dev/null | grep -c '^ii' || echo 0)

# The one genuine difference between the agents' package lists, computed from dpkg rather than assumed:
# ocsinventory-agent (Backend/OS/Generic/Packaging/Deb.pm) only reports a package whose
# /var/lib/dpkg/info/<binary:Package>.list file exists (it takes the install date from that file), while
# fusioninventory-agent reports every installed package. Both keep a status ending in " installed".
# Each package OCS omits is one "removed" software history row when OCS follows FusionInventory, and one
# "added" row when FusionInventory follows OCS.
OCS_OMITS=$(dpkg-query -W -f '${Status}\t${binary:Package}\n' 2>/dev/null | awk -F'\t' '$1 ~ / installed$/ { print $2 }' |
  while IFS= read -r p; do [ -e "/var/lib/dpkg/info/$p.list" ] || echo "$p"; done)
OCS_OMITS_COUNT=$(printf '%s' "$OCS_OMITS" | grep -c . || true)
HOSTNAME_SHORT=$(hostname -s 2>/dev/null || hostname)

run_fusion() {
  "$FUSION" --server "$BASE/" --user parc --password "$TOKEN" --tasks=inventory --force --no-httpd \
    --no-category=process,environment --logger=stderr --debug >>"$TMP/fusion.log" 2>&1 ||
    die "fusioninventory-agent failed; see its log below\n$(tail -n 30 "$TMP/fusion.log")"
  grep -qiE 'error|communication' "$TMP/fusion.log" && grep -iE '\[error\]' "$TMP/fusion.log" && die "fusioninventory-agent logged errors (above)"
  return 0
}
run_ocs() {
  # --nolocal: Debian's ocsinventory-agent.cfg sets local=…/reports, which would win over --server.
  # ocsinventory-agent 2.10 base64-decodes --user and --password before use (Ocsinventory::Agent::Encrypt).
  "$OCS" --server "$BASE/ocsinventory" --nolocal --user "$(printf parc | base64)" --password "$(printf %s "$TOKEN" | base64 -w0)" \
    --realm Parc --force --debug \
    --basevardir "$TMP/ocs" --logfile "$TMP/ocs.log" >>"$TMP/ocs.out" 2>&1 || die "ocsinventory-agent failed; see $TMP/ocs.log"
  grep -E 'ERROR|Cannot establish' "$TMP/ocs.log" && die "ocsinventory-agent logged errors (above)"
  return 0
}

# Software history rows of the (only) device, and its stored package count.
software_history() { api "/api/v1/devices/$(api '/api/v1/devices' | json 'd.items[0].id')/changes?section=software&limit=1" | json 'd.total'; }
software_count() { echo "$1" | tr ' ' '\n' | sed -n 2p | cut -d: -f2; }
# Change history by section, to show what else differs between the agents.
history_sections() {
  api "/api/v1/devices/$(api '/api/v1/devices' | json 'd.items[0].id')/changes?limit=1000" |
    json 'Object.entries(d.items.reduce((a,c)=>(a[c.section+"/"+c.kind]=(a[c.section+"/"+c.kind]||0)+1,a),{})).map(([k,n])=>k+"="+n).join(" ")'
}
expect_software() { # $1 = label, $2 = expected software history rows, $3 = expected package count, $4 = snapshot
  local h sw
  h=$(software_history); sw=$(software_count "$4")
  say "$1: snapshot [$4]; software history $h (expected $2); packages $sw (expected $3)"
  [ "$h" = "$2" ] || die "$1: $h software history rows, expected $2: the agents describe some package differently (GET /api/v1/devices/…/changes?section=software)"
  [ "$sw" = "$3" ] || die "$1: $sw packages stored, expected $3"
}

# How many inventories of a protocol the server ingested (from its structured log).
ingested() { grep -c "\"protocol\":\"$1\".*legacy inventory ingested" "$TMP/server.log"; }
expect_ingested() { # $1 = protocol, $2 = count
  # The log line can reach the file a moment after the agent has its answer (seen on a loaded CI
  # machine): wait up to 10 s for it before calling the count wrong.
  local n
  for _ in $(seq 1 20); do
    n=$(ingested "$1")
    [ "$n" = "$2" ] && return 0
    sleep 0.5
  done
  [ "$n" = "$2" ] || die "$1: the server ingested $n inventories, expected $2 (did the agent post? see $TMP and the server log)"
}

check_device() { # $1 = label, $2 = snapshot
  local total sw
  total=${2%% *}
  [ "$total" -ge 1 ] || die "$1: no device in GET /api/v1/devices"
  sw=$(echo "$2" | tr ' ' '\n' | sed -n 2p | cut -d: -f2)
  say "$1: $total device(s); snapshot [$2]; dpkg lists $DPKG_COUNT installed packages"
  [ "$sw" -gt 0 ] || die "$1: the device has no packages"
  if [ "$DPKG_COUNT" -gt 0 ] && [ "$sw" -lt $((DPKG_COUNT * 9 / 10)) ]; then
    die "$1: the device has $sw packages, dpkg lists $DPKG_COUNT"
  fi
  api '/api/v1/devices?limit=500' | json 'd.items.map(i=>i.hostname).join(",")' | tr ',' '\n' | grep -qix "$HOSTNAME_SHORT\(\..*\)\?" ||
    die "$1: no device named $HOSTNAME_SHORT"
}

mkdir -p "$TMP/ocs"
if [ -n "$FUSION" ]; then
  say "running $("$FUSION" --version | head -n1)"
  run_fusion
  expect_ingested fusion-xml 1
  S1=$(snapshot); check_device "fusioninventory-agent" "$S1"
  run_fusion
  expect_ingested fusion-xml 2
  S2=$(snapshot)
  [ "$S2" = "$S1" ] || die "fusioninventory-agent second run changed what is stored: [$S1] → [$S2]"
  say "fusioninventory-agent second run: nothing changed"
  SW_HISTORY0=$(software_history); SW_FUSION=$(software_count "$S2")
else
  say "fusioninventory-agent not installed: skipped"
fi

if [ -n "$OCS" ]; then
  say "running $("$OCS" --version 2>&1 | tail -n1)"
  run_ocs
  expect_ingested ocs 1
  S3=$(snapshot); check_device "ocsinventory-agent" "$S3"
  # Both agents describe this machine: the matcher links them (serial/UUID, else a physical MAC, else
  # the hostname), so the OCS inventory must land on the device FusionInventory created.
  [ "${S3%% *}" = 1 ] || die "ocsinventory-agent created a second device for this machine: [$S3]"
  run_ocs
  expect_ingested ocs 2
  S4=$(snapshot)
  [ "$S4" = "$S3" ] || die "ocsinventory-agent second run changed what is stored: [$S3] → [$S4]"
  say "ocsinventory-agent second run: nothing changed"
else
  say "ocsinventory-agent not installed: skipped"
fi

if [ -n "$FUSION" ] && [ -n "$OCS" ]; then
  # Alternating agents on one machine: the only software history allowed is the packages OCS omits.
  if [ "$OCS_OMITS_COUNT" -gt 0 ]; then
    say "ocsinventory-agent omits $OCS_OMITS_COUNT installed package(s) that have no /var/lib/dpkg/info/<name>.list file: $(echo $OCS_OMITS)"
  else
    say "both agents list the same $SW_FUSION packages (every installed package has its /var/lib/dpkg/info/<name>.list file)"
  fi
  expect_software "fusion → ocs" $((SW_HISTORY0 + OCS_OMITS_COUNT)) $((SW_FUSION - OCS_OMITS_COUNT)) "$S4"
  run_fusion
  expect_ingested fusion-xml 3
  S5=$(snapshot)
  expect_software "fusion → ocs → fusion" $((SW_HISTORY0 + 2 * OCS_OMITS_COUNT)) "$SW_FUSION" "$S5"
  say "history by section/kind after fusion, ocs, fusion: $(history_sections)"
fi

MATCH=$(api "/api/v1/devices/$(api '/api/v1/devices' | json 'd.items[0].id')" | json '`rule ${d.match.rule}, serial ${d.hardware.serial}, uuid ${d.uuid}, macs ${d.macs.join(" ")}`')
say "PASSED: one device for this machine ($MATCH)"
