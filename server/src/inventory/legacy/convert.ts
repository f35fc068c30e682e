import type { ParseWarning, SoftwareSource } from '@parc/shared';

/**
 * Value conversions shared by the legacy-format mappers. Pure. Peer agents report sizes in MB, dates
 * in whatever the local tool printed, and fill empty fields with placeholders: this is where that is
 * turned into Parc's units and types, and where junk is dropped with a warning.
 */

export const MIB = 1024 * 1024;
export const MB = 1000 * 1000;

/** Values peer agents write for "unknown"; stored as nothing. */
const PLACEHOLDERS = new Set(['', 'n/a', 'na', 'none', '(none)', 'unknown', 'null', 'undefined', '-', 'not specified', 'not available']);

/** A trimmed string, or undefined for absent, placeholder and non-scalar values. */
export function str(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  return PLACEHOLDERS.has(s.toLowerCase()) ? undefined : s;
}

/** Collects warnings with a path prefix, so a mapper can note junk without knowing where it is nested. */
export class Warnings {
  readonly list: ParseWarning[] = [];
  add(path: string, message: string) {
    // A 3,000-package machine with a bad date on each must not produce a 3,000-line response.
    if (this.list.length < 200) this.list.push({ path, message });
  }
}

/** A non-negative number (first number in the text for `"1600 MT/s"`), or undefined with a warning. */
export function num(v: unknown, path: string, w: Warnings): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') {
    if (Number.isFinite(v) && v >= 0) return v;
    w.add(path, `dropped: ${v} is not a non-negative number`);
    return undefined;
  }
  const s = str(v);
  if (s === undefined) return undefined;
  const m = /^\s*(\d+(?:[.,]\d+)?)/.exec(s);
  if (!m) {
    w.add(path, `dropped: "${s.slice(0, 40)}" is not a number`);
    return undefined;
  }
  return Number(m[1]!.replace(',', '.'));
}

/** A whole count (cores, MHz), rounded. */
export function int(v: unknown, path: string, w: Warnings): number | undefined {
  const n = num(v, path, w);
  return n === undefined ? undefined : Math.round(n);
}

/** A size in `unit` bytes (`MIB`, `MB`) converted to whole bytes; 0 is "unknown" for these agents. */
export function bytesOf(v: unknown, unit: number, path: string, w: Warnings): number | undefined {
  const n = num(v, path, w);
  if (n === undefined || n === 0) return undefined;
  const b = Math.round(n * unit);
  if (!Number.isSafeInteger(b)) {
    w.add(path, `dropped: size ${n} is out of range`);
    return undefined;
  }
  return b;
}

/** A link speed in Mb/s from `1000`, `"100 Mb/s"`, `"1 Gbps"`. */
export function speedMbps(v: unknown, path: string, w: Warnings): number | undefined {
  // -1 is how Linux says "no link"; 0 is "unknown" for these agents.
  if ((typeof v === 'number' && v < 0) || (typeof v === 'string' && v.trim().startsWith('-'))) return undefined;
  const n = num(v, path, w);
  if (n === undefined) return undefined;
  const unit = typeof v === 'string' ? v.toLowerCase() : '';
  const mbps = unit.includes('gb') ? n * 1000 : unit.includes('kb') ? n / 1000 : n;
  return mbps > 0 ? Math.round(mbps) : undefined;
}

export type DateOrder = 'dmy' | 'mdy';

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

function isoOf(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, offsetMinutes = 0): string | undefined {
  if (y < 1971 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const t = Date.UTC(y, mo - 1, d, h, mi, s) - offsetMinutes * 60_000;
  const back = new Date(Date.UTC(y, mo - 1, d));
  if (back.getUTCDate() !== d) return undefined; // 31/02
  return new Date(t).toISOString();
}

/**
 * Parses the dates peer agents print: `2019-12-19`, `2025/04/20 00:00:00`, `07/25/2014` (dmidecode,
 * month first), `13/06/2016` (GLPI software dates, day first), `20170608`, `Jun 8 2017`, epoch seconds.
 * `order` settles `08/06/2017`; a first or second field above 12 settles it regardless. Times without a
 * zone are local to the machine: `offsetMinutes` (from the inventory's time zone) makes them UTC.
 * Returns undefined for junk (`N/A`, `1970-00-01`, `00/00/0000`).
 */
export function parseLooseDate(v: unknown, order: DateOrder = 'dmy', offsetMinutes = 0): string | undefined {
  if (typeof v === 'number') {
    // Epoch seconds (OCS and some registry dumps).
    const d = new Date(v * 1000);
    return Number.isFinite(v) && d.getUTCFullYear() >= 1971 && d.getUTCFullYear() <= 2200 ? d.toISOString() : undefined;
  }
  const s = str(v);
  if (s === undefined) return undefined;
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(s);
  if (m) {
    const zone = m[7];
    if (zone) {
      const d = new Date(s.replace(' ', 'T').replace(/\//g, '-'));
      return Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1971 ? undefined : d.toISOString();
    }
    return isoOf(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), offsetMinutes);
  }
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) {
    let a = +m[1]!;
    let b = +m[2]!;
    // Day first unless told otherwise; an impossible month swaps the reading.
    let dayFirst = order === 'dmy';
    if (a > 12 && b <= 12) dayFirst = true;
    else if (b > 12 && a <= 12) dayFirst = false;
    if (!dayFirst) [a, b] = [b, a];
    return isoOf(+m[3]!, b, a, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), offsetMinutes);
  }
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return isoOf(+m[1]!, +m[2]!, +m[3]!);
  m = /^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(s);
  if (m) {
    const mo = MONTHS[m[1]!.toLowerCase()];
    return mo ? isoOf(+m[3]!, mo, +m[2]!) : undefined;
  }
  if (/^\d{9,10}$/.test(s)) return parseLooseDate(Number(s));
  return undefined;
}

/** `+0200` / `-05:30` → minutes east of UTC; undefined when absent or malformed. */
export function offsetMinutesOf(v: unknown): number | undefined {
  const s = str(v);
  const m = s ? /^([+-])(\d{2}):?(\d{2})$/.exec(s) : null;
  if (!m) return undefined;
  const minutes = +m[2]! * 60 + +m[3]!;
  return minutes > 14 * 60 ? undefined : (m[1] === '-' ? -1 : 1) * minutes;
}

/** A date field: parsed, or dropped with a warning naming it. */
export function dateField(v: unknown, path: string, w: Warnings, order: DateOrder = 'dmy', offsetMinutes = 0): string | undefined {
  const s = str(v);
  if (s === undefined) return undefined;
  const d = parseLooseDate(s, order, offsetMinutes);
  if (d === undefined) w.add(path, `dropped: "${s.slice(0, 40)}" is not a date`);
  return d;
}

/** Operating system family from the kernel or OS name peer agents report. */
export function platformOf(...hints: (string | undefined)[]): string | undefined {
  for (const h of hints) {
    const s = h?.toLowerCase() ?? '';
    if (!s) continue;
    if (s.includes('windows') || s.startsWith('mswin') || s === 'win32') return 'windows';
    if (s.includes('darwin') || s.includes('mac os') || s.includes('macos') || s === 'macosx') return 'darwin';
    if (s.includes('freebsd')) return 'freebsd';
    if (s.includes('openbsd')) return 'openbsd';
    if (s.includes('netbsd')) return 'netbsd';
    if (s.includes('solaris') || s.includes('sunos')) return 'solaris';
    if (s.includes('aix')) return 'aix';
    if (s.includes('hp-ux') || s.includes('hpux')) return 'hpux';
    if (s.includes('linux') || /debian|ubuntu|fedora|centos|red hat|suse|alpine|arch/.test(s)) return 'linux';
  }
  return undefined;
}

/** Package source from the agents' `FROM` field (rpm, deb, registry, …). */
export function softwareSourceOf(from: string | undefined, platform: string | undefined): SoftwareSource {
  const f = (from ?? '').toLowerCase();
  const known: Record<string, SoftwareSource> = {
    deb: 'deb',
    dpkg: 'deb',
    rpm: 'rpm',
    pacman: 'pacman',
    apk: 'apk',
    snap: 'snap',
    flatpak: 'flatpak',
    registry: 'registry',
    msi: 'msi',
    appx: 'appx',
    uwp: 'appx',
    pkg: 'pkg',
    pkgs: 'pkg',
    brew: 'homebrew',
    homebrew: 'homebrew',
    application: 'macos-app',
    'macos-app': 'macos-app',
  };
  if (known[f]) return known[f];
  // macOS application lists come without FROM in the older FusionInventory agents.
  if (!f && platform === 'darwin') return 'macos-app';
  return 'other';
}

/** A yes/no as JSON (`true`), XML (`1`, `true`) or OCS (`1`, `0`) writes it; undefined when absent or unreadable. */
export function flag(v: unknown): boolean | undefined {
  if (v === true || v === 1 || v === '1' || (typeof v === 'string' && /^(true|yes)$/i.test(v.trim()))) return true;
  if (v === false || v === 0 || v === '0' || (typeof v === 'string' && /^(false|no)$/i.test(v.trim()))) return false;
  return undefined;
}

/** One element or many: the XML parser yields an object for a single child and an array for several. */
export function arr(v: unknown): Record<string, unknown>[] {
  const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return list.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x));
}

export function obj(v: unknown): Record<string, unknown> {
  if (Array.isArray(v)) return obj(v[0]);
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}

/** Drops undefined members so the payload reads like what a person would write. */
export function defined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
