import type { DeviceStatus, SlaState, TicketStatus } from './types.js';

/** Display text for the API's values. Pure: no DOM, tested in server/test/ui. */

export interface FormatOptions {
  /** BCP 47 locale; absent means the browser's. */
  locale?: string;
  /** IANA zone; absent means the browser's. */
  timeZone?: string;
}

/** "28 Nov 2026, 09:05" in the reader's locale and zone; an em dash for no date. */
export function formatDateTime(iso: string | null | undefined, opts: FormatOptions = {}): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return new Intl.DateTimeFormat(opts.locale, { dateStyle: 'medium', timeStyle: 'short', ...(opts.timeZone ? { timeZone: opts.timeZone } : {}) }).format(d);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 hours ago", "in 2 days": the largest whole unit; under a minute is "now". */
export function formatRelative(iso: string | null | undefined, now: Date, locale?: string): string {
  if (!iso) return '—';
  const ms = new Date(iso).getTime() - now.getTime();
  if (Number.isNaN(ms)) return '—';
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(ms) >= size) return rtf.format(Math.trunc(ms / size), unit);
  }
  return rtf.format(0, 'second');
}

/** How long before `reference` something happened, e.g. "2 h before", for changes before a ticket. */
export function formatLead(iso: string, referenceIso: string): string {
  const ms = new Date(referenceIso).getTime() - new Date(iso).getTime();
  if (Number.isNaN(ms)) return '';
  if (ms < 0) return `${formatSpan(-ms)} after`;
  if (ms < 60_000) return 'just before';
  return `${formatSpan(ms)} before`;
}

/** A duration in the two largest units: "3 d 4 h", "2 h 5 min", "45 min". */
export function formatSpan(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  return `${m} min`;
}

/** Business minutes of an SLA budget, in hours and minutes (days would suggest calendar days). */
export function formatMinutes(total: number): string {
  const rounded = Math.round(total);
  const h = Math.floor(rounded / 60);
  const m = rounded % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** Binary units, as operating systems show memory and disks. */
export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n) || n < 0) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v >= 100 ? 0 : 1)} ${units[i]}`;
}

/** GLPI's names for priority levels; 6 is "major", set by admins only. */
const PRIORITIES = ['', 'Very low', 'Low', 'Medium', 'High', 'Very high', 'Major'];
export const priorityLabel = (n: number) => PRIORITIES[n] ?? `Priority ${n}`;

/** Urgency and impact share the 1–5 scale without "major". */
export const levelLabel = (n: number) => (n >= 1 && n <= 5 ? PRIORITIES[n]! : String(n));

// Typed over the API's enums (@parc/shared/api/enums): a value the server adds fails the type-check until labelled here.
const STATUSES: Record<TicketStatus, string> = { new: 'New', assigned: 'Assigned', planned: 'Planned', pending: 'Pending', solved: 'Solved', closed: 'Closed' };
export const statusLabel = (s: string) => STATUSES[s as TicketStatus] ?? s;

const SLA: Record<SlaState, string> = { 'on-track': 'On track', 'at-risk': 'At risk', breached: 'Breached', met: 'Met', none: 'No SLA' };
export const slaLabel = (s: string) => SLA[s as SlaState] ?? s;

const DEVICE_STATUSES: Record<DeviceStatus, string> = { active: 'Active', 'in-stock': 'In stock', 'in-repair': 'In repair', retired: 'Retired', lost: 'Lost', stale: 'Stale' };
export const deviceStatusLabel = (s: string) => DEVICE_STATUSES[s as DeviceStatus] ?? s;

/** A person as they would like to be called: display name, else username. */
export function personName(u: { username?: string | null; displayName?: string | null; name?: string } | null | undefined): string {
  if (!u) return 'the system';
  return u.displayName || u.username || u.name || 'unknown';
}

/** "Debian GNU/Linux 12"; an em dash when the OS is unknown. */
export function osLabel(os: { name?: string | null; version?: string | null; platform?: string | null } | null | undefined): string {
  if (!os) return '—';
  const text = [os.name ?? os.platform, os.version].filter(Boolean).join(' ');
  return text || '—';
}

/** "Lenovo 20XW004MGE", without repeating a maker the model already names. */
export function modelLabel(manufacturer: string | null | undefined, model: string | null | undefined): string {
  if (!model) return manufacturer || '—';
  if (!manufacturer || model.toLowerCase().startsWith(manufacturer.toLowerCase())) return model;
  return `${manufacturer} ${model}`;
}

/** "26–50 of 120" for a page of a list; "No results" for an empty one. */
export function pageRange(offset: number, count: number, total: number): string {
  if (total === 0 || count === 0) return 'No results';
  return `${offset + 1}–${offset + count} of ${total}`;
}

/** "1 ticket", "3 tickets". */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A key from the API ("memoryBytes", "bios_version") as a label ("Memory bytes", "Bios version"). */
export function humanizeKey(key: string): string {
  const spaced = key
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
