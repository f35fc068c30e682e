/**
 * IPv4/IPv6 CIDR matching for the legacy endpoints' "trusted ranges". Pure, no DNS, no `net` module:
 * addresses are parsed into 128-bit integers (IPv4 as IPv4-mapped IPv6) and compared under the mask.
 */

export interface Cidr {
  /** The network as written, normalised (`10.0.0.0/8`). */
  text: string;
  base: bigint;
  /** Prefix length in the 128-bit space (an IPv4 /8 is /104). */
  bits: number;
}

const V4_MAPPED = 0xffffn << 32n;

function parseV4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255 || (p.length > 1 && p[0] === '0')) return undefined;
    v = (v << 8n) | BigInt(Number(p));
  }
  return v;
}

function parseV6(s: string): bigint | undefined {
  let text = s;
  let tail: bigint | undefined;
  let tailGroups = 0;
  // An embedded IPv4 tail (`::ffff:10.0.0.1`) stands for the last two groups.
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    tail = parseV4(text.slice(lastColon + 1));
    if (tail === undefined) return undefined;
    text = `${text.slice(0, lastColon + 1)}0:0`;
    tailGroups = 2;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  let v = 0n;
  for (const g of all) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return undefined;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  if (tail !== undefined && tailGroups === 2) v = (v & ~0xffffffffn) | tail;
  return v;
}

/** An address as a 128-bit integer (IPv4 mapped into `::ffff:0:0/96`), or undefined when malformed. */
export function parseIp(address: string): bigint | undefined {
  const a = address.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (a.includes(':')) return parseV6(a);
  const v4 = parseV4(a);
  return v4 === undefined ? undefined : V4_MAPPED | v4;
}

/** Parses `10.0.0.0/8`, `2001:db8::/32` or a bare address (a /32 or /128); undefined when malformed. */
export function parseCidr(text: string): Cidr | undefined {
  const [addr, prefix, extra] = text.trim().split('/');
  if (!addr || extra !== undefined) return undefined;
  const v6 = addr.includes(':');
  const max = v6 ? 128 : 32;
  if (prefix !== undefined && !/^\d{1,3}$/.test(prefix)) return undefined;
  const len = prefix === undefined ? max : Number(prefix);
  if (len > max) return undefined;
  const ip = parseIp(addr);
  if (ip === undefined) return undefined;
  const bits = v6 ? len : 96 + len;
  const base = ip & maskOf(bits);
  return { text: `${addr}/${len}`, base, bits };
}

function maskOf(bits: number): bigint {
  return bits === 0 ? 0n : ((1n << BigInt(bits)) - 1n) << BigInt(128 - bits);
}

/** Whether `address` lies in any of the ranges. IPv4 clients seen as `::ffff:a.b.c.d` match IPv4 ranges. */
export function ipInRanges(address: string | undefined, ranges: readonly Cidr[]): boolean {
  if (!address) return false;
  const ip = parseIp(address);
  if (ip === undefined) return false;
  return ranges.some((r) => (ip & maskOf(r.bits)) === r.base);
}

/** Parses a list of ranges; the malformed ones are returned separately so the caller can name them. */
export function parseCidrList(list: readonly string[]): { ranges: Cidr[]; invalid: string[] } {
  const ranges: Cidr[] = [];
  const invalid: string[] = [];
  for (const s of list) {
    const c = parseCidr(s);
    if (c) ranges.push(c);
    else invalid.push(s);
  }
  return { ranges, invalid };
}
