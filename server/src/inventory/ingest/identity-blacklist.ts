import type { NetworkInterface } from '@parc/shared';

/**
 * Hardware identifiers that firmware, hypervisors and drivers fill with placeholders. Matching devices on
 * a placeholder merges unrelated machines, so every id is cleaned here before reconciliation sees it:
 * a junk value becomes `undefined`, a good one gets one canonical spelling.
 */

// ---------------------------------------------------------------------------------------------------
// Serial numbers
// ---------------------------------------------------------------------------------------------------

/**
 * Known placeholder serials, compared after `squash` (upper-case, letters and digits only), so spacing,
 * dots and case variants ("To be filled by O.E.M.", "TO BE FILLED BY OEM") are one entry.
 */
export const JUNK_SERIALS: readonly { value: string; why: string }[] = [
  { value: 'To Be Filled By O.E.M.', why: 'AMI BIOS template default left by white-box board vendors' },
  { value: 'To Be Filled', why: 'truncated form of the AMI default' },
  { value: 'System Serial Number', why: 'ASUS/AMI template default for the system serial' },
  { value: 'Chassis Serial Number', why: 'template default for the chassis serial' },
  { value: 'Base Board Serial Number', why: 'template default for the baseboard serial' },
  { value: 'Serial Number', why: 'generic template label left in place' },
  { value: 'System Product Name', why: 'ASUS template default, seen in the serial field too' },
  { value: 'System Version', why: 'template default, misplaced into the serial field' },
  { value: 'System Manufacturer', why: 'template default, misplaced into the serial field' },
  { value: 'Default string', why: 'AMI Aptio default on many consumer and mini-PC boards' },
  { value: 'Default', why: 'short form of the Aptio default' },
  { value: 'Not Specified', why: 'dmidecode wording for an empty SMBIOS string' },
  { value: 'Not Applicable', why: 'Windows/WMI wording for an absent value' },
  { value: 'Not Available', why: 'vendor tools wording for an absent value' },
  { value: 'None', why: 'absent value' },
  { value: 'Null', why: 'absent value serialised by a script' },
  { value: 'N/A', why: 'absent value' },
  { value: 'NA', why: 'absent value' },
  { value: 'Unknown', why: 'absent value' },
  { value: 'INVALID', why: 'some Lenovo/Intel boards after a board swap' },
  { value: 'OEM', why: 'placeholder for "fill in by the OEM"' },
  { value: 'O.E.M.', why: 'placeholder for "fill in by the OEM"' },
  { value: 'Serial', why: 'template label' },
  { value: 'SerNum', why: 'template label' },
  { value: 'empty', why: 'literal placeholder' },
  { value: 'Type1ProductConfigId', why: 'AMI SMBIOS type 1 template field name' },
  { value: 'xxxxxxxxxx', why: 'filler (also caught by the repeated-character rule)' },
];

/** Substrings that make a serial junk wherever they appear (e.g. "To be filled by O.E.M. 1"). */
export const JUNK_SERIAL_FRAGMENTS: readonly string[] = ['TOBEFILLED', 'FILLEDBYOEM', 'SYSTEMSERIALNUMBER'];

/** Serials shorter than this (after squashing) carry no identity: "0", "1", "NA", "-". */
export const MIN_SERIAL_LENGTH = 3;

/** Upper-case, letters and digits only: the form placeholders are compared in. */
function squash(s: string): string {
  return s.normalize('NFKC').toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
}

const JUNK_SERIAL_SET = new Set(JUNK_SERIALS.map((j) => squash(j.value)));

/** "123456", "0123456789", "1234567890": keyboard-run fillers, not serials. */
function isDigitRun(sq: string): boolean {
  return sq.length >= 5 && /^\d+$/.test(sq) && ('01234567890123456789'.includes(sq) || '98765432109876543210'.includes(sq));
}

/** Why a serial is rejected, or null when it is usable. Exported for diagnostics and tests. */
export function serialJunkReason(serial: string): string | null {
  const sq = squash(serial);
  if (sq.length < MIN_SERIAL_LENGTH) return 'too short';
  if (/^(.)\1*$/u.test(sq)) return 'one repeated character';
  if (JUNK_SERIAL_SET.has(sq)) return 'known placeholder';
  if (JUNK_SERIAL_FRAGMENTS.some((f) => sq.includes(f))) return 'contains a placeholder';
  if (isDigitRun(sq)) return 'sequential digits';
  return null;
}

/**
 * The serial as stored for matching: trimmed, inner whitespace collapsed, upper-cased (serials are
 * case-insensitive and vendors print them upper-case; the raw value stays in the hardware section for
 * display), or undefined for placeholders.
 */
export function cleanSerial(s?: string | null): string | undefined {
  if (s == null) return undefined;
  const v = s.normalize('NFKC').trim().replace(/\s+/g, ' ').toUpperCase();
  if (v === '' || serialJunkReason(v) !== null) return undefined;
  return v;
}

// ---------------------------------------------------------------------------------------------------
// SMBIOS UUIDs
// ---------------------------------------------------------------------------------------------------

/** Known placeholder UUIDs (canonical lower-case form). Both SMBIOS byte orders are rejected, see below. */
export const JUNK_UUIDS: readonly { value: string; why: string }[] = [
  { value: '00000000-0000-0000-0000-000000000000', why: 'unset' },
  { value: 'ffffffff-ffff-ffff-ffff-ffffffffffff', why: 'SMBIOS "not present" value (erased flash)' },
  {
    value: '03000200-0400-0500-0006-000700080009',
    why: 'AMI template UUID shipped unchanged on many boards (bytes 00..09 counting up)',
  },
  {
    value: '00020003-0004-0005-0006-000700080009',
    why: 'the same AMI template read with the other byte order of the first three fields',
  },
  {
    value: '4c4c4544-0000-2010-8020-80c04f202020',
    why: 'Dell derives the UUID from "DELL" + the service tag; this is the one of a blank (all spaces) tag',
  },
  {
    value: '12345678-1234-5678-90ab-cddeefaabbcc',
    why: 'counting-pattern template default left in some OEM firmware',
  },
];

const UUID_SHAPE = /^[0-9a-f]{32}$/;

function formatUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * SMBIOS 2.6 stores the first three UUID fields little-endian; older firmware and some tools do not, so
 * the same machine can be reported in either order. Swapping both ways lets one list cover both.
 */
export function swapUuidByteOrder(uuid: string): string {
  const hex = uuid.replace(/-/g, '');
  const rev = (s: string) => (s.match(/../g) ?? []).reverse().join('');
  return formatUuid(rev(hex.slice(0, 8)) + rev(hex.slice(8, 12)) + rev(hex.slice(12, 16)) + hex.slice(16));
}

const JUNK_UUID_SET = new Set(JUNK_UUIDS.flatMap((j) => [j.value, swapUuidByteOrder(j.value)]));

/**
 * The UUID as lower-case 8-4-4-4-12, accepting braces, `urn:uuid:`, missing hyphens and upper case; or
 * undefined for anything of the wrong shape, a single repeated hex digit, or a known placeholder.
 */
export function cleanUuid(u?: string | null): string | undefined {
  if (u == null) return undefined;
  let v = u.trim().toLowerCase();
  if (v.startsWith('urn:uuid:')) v = v.slice('urn:uuid:'.length);
  if (v.startsWith('{') && v.endsWith('}')) v = v.slice(1, -1);
  // Hyphens only where a UUID has them, or none at all: "0-0-…" shapes are not UUIDs.
  if (v.includes('-') && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v)) return undefined;
  const hex = v.replace(/-/g, '');
  if (!UUID_SHAPE.test(hex)) return undefined;
  if (/^(.)\1*$/.test(hex)) return undefined;
  const canonical = formatUuid(hex);
  return JUNK_UUID_SET.has(canonical) ? undefined : canonical;
}

// ---------------------------------------------------------------------------------------------------
// MAC addresses
// ---------------------------------------------------------------------------------------------------

/**
 * MAC prefixes (or whole addresses) that do not identify one physical machine: hypervisor NICs (cloned
 * VMs repeat them, and every host running the hypervisor has them), VPN adapters whose MAC is the same on
 * every install, and Windows pseudo-adapters. Entries are lower-case colon form; a prefix matches on
 * whole octets.
 *
 * Docks and USB Ethernet dongles are not listed: they use their chip vendor's ordinary OUIs (Realtek,
 * ASIX, Apple…), shared with built-in NICs, so no prefix singles them out. A dongle moving between
 * laptops is caught instead by reconciliation's serial/UUID guard and by a MAC matching several devices.
 */
export const SHARED_OR_VIRTUAL_MAC_RANGES: readonly { prefix: string; why: string }[] = [
  { prefix: '00:05:69', why: 'VMware (ESX static)' },
  { prefix: '00:0c:29', why: 'VMware (generated per VM, repeats in clones)' },
  { prefix: '00:1c:14', why: 'VMware' },
  { prefix: '00:50:56', why: 'VMware (vSphere and host-only adapters on Workstation/Fusion hosts)' },
  { prefix: '08:00:27', why: 'VirtualBox guest NICs' },
  { prefix: '0a:00:27', why: 'VirtualBox host-only adapter on the host' },
  { prefix: '00:15:5d', why: 'Hyper-V guests, Default Switch and WSL on the host' },
  { prefix: '00:03:ff', why: 'Microsoft Virtual PC / Virtual Server' },
  { prefix: '00:1c:42', why: 'Parallels' },
  { prefix: '00:16:3e', why: 'Xen' },
  { prefix: '52:54:00', why: 'QEMU/KVM (libvirt default)' },
  { prefix: '02:42', why: 'Docker bridges and containers' },
  { prefix: '00:ff', why: 'TAP-Windows driver family (OpenVPN, Juniper/Pulse Secure) generates 00:ff:…' },
  { prefix: '00:05:9a:3c:7a:00', why: 'Cisco AnyConnect virtual adapter: identical on every install' },
  { prefix: '00:09:0f:fe:00:01', why: 'FortiClient SSL-VPN virtual adapter: identical on every install' },
  { prefix: '02:50:41:00:00:01', why: 'Palo Alto GlobalProtect (PANGP) virtual adapter: identical on every install' },
  { prefix: '02:00:4c:4f:4f:50', why: 'Microsoft loopback adapter ("LOOP")' },
  { prefix: '20:41:53:59:4e:ff', why: 'Windows RAS async adapter (" ASYN")' },
  { prefix: '50:50:54:50:30:30', why: 'Windows WAN Miniport (PPTP) ("PPTP00")' },
  { prefix: '33:50:6f:45:30:30', why: 'Windows WAN Miniport (PPPoE) ("3PoE00")' },
  { prefix: '00:00:00:00:00:00:00:e0', why: 'Windows Teredo/ISATAP/6to4 tunnel pseudo-address (8 bytes)' },
];

/**
 * Locally-administered addresses (bit 0x02 of the first octet) are not burnt in: Wi-Fi privacy randomises
 * them per network or per day, and software (bridges, VPNs, containers, Wi-Fi Direct) makes them up.
 * They are unstable or repeated across machines, so they never identify a device. Exported so the policy
 * is visible and testable.
 */
export const LOCALLY_ADMINISTERED_MACS_ARE_SHARED = true;

/** Hex octets of a MAC in any common spelling (colon, hyphen, Cisco dots, bare), 6 or 8 octets; else null. */
function macOctets(mac: string): string[] | null {
  const v = mac.trim().toLowerCase();
  if (v === '') return null;
  let parts: string[];
  if (/^[0-9a-f]{1,2}([:-][0-9a-f]{1,2})+$/.test(v)) {
    // macOS and BSD tools drop leading zeros ("0:1c:42:…").
    parts = v.split(/[:-]/).map((p) => p.padStart(2, '0'));
  } else if (/^([0-9a-f]{4}\.)+[0-9a-f]{4}$/.test(v) || /^[0-9a-f]+$/.test(v)) {
    const hex = v.replace(/\./g, '');
    if (hex.length % 2 !== 0) return null;
    parts = hex.match(/../g) ?? [];
  } else {
    return null;
  }
  return parts.length === 6 || parts.length === 8 ? parts : null;
}

/**
 * A 6-octet unicast MAC as lower-case aa:bb:cc:dd:ee:ff, or undefined for an unparseable value, the
 * all-zero and broadcast addresses, multicast addresses and 8-octet pseudo-addresses.
 */
export function cleanMac(mac?: string | null): string | undefined {
  if (mac == null) return undefined;
  const octets = macOctets(mac);
  if (octets?.length !== 6) return undefined;
  const first = Number.parseInt(octets[0] ?? '', 16);
  if (octets.every((o) => o === '00') || octets.every((o) => o === 'ff')) return undefined;
  if ((first & 0x01) !== 0) return undefined; // multicast: a group address, never one NIC's
  return octets.join(':');
}

/** True when the MAC belongs to a virtual, VPN or shared range, or is locally administered. */
export function isSharedOrVirtualMac(mac: string): boolean {
  const octets = macOctets(mac);
  if (octets === null) return false;
  const norm = octets.join(':');
  const first = Number.parseInt(octets[0] ?? '', 16);
  if (LOCALLY_ADMINISTERED_MACS_ARE_SHARED && octets.length === 6 && (first & 0x02) !== 0) return true;
  return SHARED_OR_VIRTUAL_MAC_RANGES.some((r) => norm === r.prefix || norm.startsWith(`${r.prefix}:`));
}

/** The interface types the agent reports for software interfaces. */
const VIRTUAL_TYPES = new Set(['virtual', 'loopback', 'tunnel', 'bridge']);

/**
 * The MACs that identify this machine: of interfaces not flagged virtual, cleaned, outside the
 * shared/virtual ranges; deduplicated and sorted so equal sets compare equal.
 */
export function physicalMacs(networks: readonly NetworkInterface[]): string[] {
  const out = new Set<string>();
  for (const n of networks) {
    if (n.virtual || VIRTUAL_TYPES.has((n.type ?? '').toLowerCase())) continue;
    const mac = cleanMac(n.mac);
    if (mac !== undefined && !isSharedOrVirtualMac(mac)) out.add(mac);
  }
  return [...out].sort();
}
