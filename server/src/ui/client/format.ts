import { intlLocale, t, type PlainKey } from './i18n/i18n.js';
import type { SlaState, TicketStatus } from './types.js';
import type { BuiltinAssetState } from '@parc/shared/api/enums';
import type { ChangeRisk, ChangeStatus, ProblemStatus } from '@parc/shared/api/itil-enums';
import type { ApprovalMode, ApproverState, ApprovalRoundStatus } from '@parc/shared/api/approval-enums';

/**
 * Display text for the API's values, in the interface's language: labels from the catalogues, dates,
 * numbers and relative times from Intl in the same locale (i18n.ts), so one language governs the page.
 * No DOM: tested in server/test/ui.
 */

export interface FormatOptions {
  /** BCP 47 locale; absent means the interface's. */
  locale?: string;
  /** IANA zone; absent means the browser's. */
  timeZone?: string;
}

/** "28 Nov 2026, 09:05" in the interface's locale and the reader's zone; an em dash for no date. */
export function formatDateTime(iso: string | null | undefined, opts: FormatOptions = {}): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return new Intl.DateTimeFormat(opts.locale ?? intlLocale(), { dateStyle: 'medium', timeStyle: 'short', ...(opts.timeZone ? { timeZone: opts.timeZone } : {}) }).format(d);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 hours ago", "in 2 days": the largest whole unit; under a minute is "now". */
export function formatRelative(iso: string | null | undefined, now: Date, locale: string = intlLocale()): string {
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
  if (ms < 0) return t('format.lead.after', { span: formatSpan(-ms) });
  if (ms < 60_000) return t('format.lead.justBefore');
  return t('format.lead.before', { span: formatSpan(ms) });
}

/**
 * When an SLA target falls due, from `now`: "overdue by 3 h" once past (never "due now" for a target
 * missed hours ago), "due in 2 h" before, "due now" only within the minute.
 */
export function formatDue(dueIso: string | null | undefined, now: Date): string {
  if (!dueIso) return '—';
  const ms = new Date(dueIso).getTime() - now.getTime();
  if (Number.isNaN(ms)) return '—';
  if (Math.abs(ms) < 60_000) return t('format.due.now');
  return ms < 0 ? t('format.due.overdue', { span: formatSpan(ms) }) : t('format.due.in', { span: formatSpan(ms) });
}

/** Hours and minutes ("2 h 5 min", "3 h", "45 min"). */
function hoursMinutes(h: number, m: number): string {
  if (h === 0) return t('format.span.minutes', { m });
  return m === 0 ? t('format.span.hours', { h }) : t('format.span.hoursMinutes', { h, m });
}

/** A duration in the two largest units: "3 d 4 h", "2 h 5 min", "45 min". */
export function formatSpan(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  if (d > 0) return h > 0 ? t('format.span.daysHours', { d, h }) : t('format.span.days', { d });
  return hoursMinutes(h, minutes % 60);
}

/** Business minutes of an SLA budget, in hours and minutes (days would suggest calendar days). */
export function formatMinutes(total: number): string {
  const rounded = Math.round(total);
  return hoursMinutes(Math.floor(rounded / 60), rounded % 60);
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** Binary units, as operating systems show memory and disks ("16.0 GiB", "16,0 Gio"). */
export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n) || n < 0) return '—';
  let v = n;
  let i = 0;
  while (v >= 1024 && i < BYTE_UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  const digits = i === 0 || v >= 100 ? 0 : 1;
  const value = new Intl.NumberFormat(intlLocale(), { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(v);
  return t('format.bytes', { value, unit: BYTE_UNITS[i]! });
}

/** A count in the interface's locale ("1,234", "1 234"). */
export const formatNumber = (n: number) => new Intl.NumberFormat(intlLocale()).format(n);

/** GLPI's priority levels; 6 is "major", set by admins only. */
const PRIORITIES: Record<number, PlainKey> = {
  1: 'format.priority.1',
  2: 'format.priority.2',
  3: 'format.priority.3',
  4: 'format.priority.4',
  5: 'format.priority.5',
  6: 'format.priority.6',
};
export const priorityLabel = (n: number) => (PRIORITIES[n] ? t(PRIORITIES[n]) : t('format.priority.other', { n }));

/** Urgency and impact share the 1–5 scale without "major". */
export const levelLabel = (n: number) => (n >= 1 && n <= 5 ? t(PRIORITIES[n]!) : String(n));

// Typed over the API's enums (@parc/shared/api/enums): a value the server adds fails the type-check until
// it has a catalogue key here, and the key a message in both languages (defineMessages).
// One table for the three kinds: a status name means the same in each (a problem and a change are both "accepted").
const STATUSES: Record<TicketStatus | ProblemStatus | ChangeStatus, PlainKey> = {
  new: 'format.status.new',
  assigned: 'format.status.assigned',
  planned: 'format.status.planned',
  pending: 'format.status.pending',
  solved: 'format.status.solved',
  closed: 'format.status.closed',
  accepted: 'format.status.accepted',
  analysis: 'format.status.analysis',
  evaluation: 'format.status.evaluation',
  approval: 'format.status.approval',
  test: 'format.status.test',
  qualification: 'format.status.qualification',
  applied: 'format.status.applied',
  review: 'format.status.review',
  refused: 'format.status.refused',
};
const RISKS: Record<ChangeRisk, PlainKey> = { low: 'format.risk.low', medium: 'format.risk.medium', high: 'format.risk.high' };
const APPROVAL_MODE_LABELS: Record<ApprovalMode, PlainKey> = { any: 'format.approvalMode.any', all: 'format.approvalMode.all' };
/** Where an approver, a round, or an object's approval stands (`none`: never asked). */
const APPROVAL_STATES: Record<ApproverState | ApprovalRoundStatus | 'none', PlainKey> = {
  none: 'format.approval.none',
  pending: 'format.approval.pending',
  approved: 'format.approval.approved',
  refused: 'format.approval.refused',
  superseded: 'format.approval.superseded',
};
const SLA: Record<SlaState, PlainKey> = {
  'on-track': 'format.sla.onTrack',
  'at-risk': 'format.sla.atRisk',
  breached: 'format.sla.breached',
  met: 'format.sla.met',
  none: 'format.sla.none',
};
/** Built-in asset states (added states carry their own label), and `stale` for a device in use not seen lately. */
const ASSET_STATES: Record<BuiltinAssetState | 'stale', PlainKey> = {
  in_stock: 'format.device.inStock',
  in_use: 'format.device.inUse',
  in_repair: 'format.device.inRepair',
  lent: 'format.device.lent',
  retired: 'format.device.retired',
  lost: 'format.device.lost',
  stale: 'format.device.stale',
};
/** A label from a table, or the value itself for one the table does not know (a newer server's). */
const labelFrom = (table: Readonly<Record<string, PlainKey>>, value: string) => (Object.hasOwn(table, value) ? t(table[value]!) : value);

export const statusLabel = (s: string) => labelFrom(STATUSES, s);
export const slaLabel = (s: string) => labelFrom(SLA, s);
export const riskLabel = (r: string) => labelFrom(RISKS, r);
export const approvalModeLabel = (m: string) => labelFrom(APPROVAL_MODE_LABELS, m);
export const approvalStateLabel = (s: string) => labelFrom(APPROVAL_STATES, s);
/** A state in words: an added state's label, else the built-in's wording, else its code. */
export const assetStateLabel = (code: string, label?: string | null) => label || labelFrom(ASSET_STATES, code);

/** A person as they would like to be called: display name, else username. */
export function personName(u: { username?: string | null; displayName?: string | null; name?: string } | null | undefined): string {
  if (!u) return t('format.person.system');
  return u.displayName || u.username || u.name || t('format.person.unknown');
}

/** "Debian GNU/Linux 12"; an em dash when the OS is unknown. */
export function osLabel(os: { name?: string | null; version?: string | null; platform?: string | null } | null | undefined): string {
  if (!os) return '—';
  const name = os.name ?? os.platform ?? '';
  // Many OSes put the version in the name already ("Fedora 31 (Workstation Edition)"): say it once.
  const version = os.version && !name.toLowerCase().includes(os.version.toLowerCase()) ? os.version : '';
  const text = [name, version].filter(Boolean).join(' ');
  return text || '—';
}

/**
 * A day something happened (an install, a BIOS release): agents send either a plain date or a timestamp;
 * both read as one date in the interface's language. A plain date or midnight UTC is that calendar day.
 */
export function formatDate(value: string | null | undefined, opts: FormatOptions = {}): string {
  if (!value) return '—';
  const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(value) || /^\d{4}-\d{2}-\d{2}T00:00:00(\.0+)?Z$/.test(value);
  const d = new Date(dayOnly ? `${value.slice(0, 10)}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) return value;
  const zone = dayOnly ? 'UTC' : opts.timeZone;
  return new Intl.DateTimeFormat(opts.locale ?? intlLocale(), { dateStyle: 'medium', ...(zone ? { timeZone: zone } : {}) }).format(d);
}

/** "Lenovo 20XW004MGE", without repeating a maker the model already names. */
export function modelLabel(manufacturer: string | null | undefined, model: string | null | undefined): string {
  if (!model) return manufacturer || '—';
  if (!manufacturer || model.toLowerCase().startsWith(manufacturer.toLowerCase())) return model;
  return `${manufacturer} ${model}`;
}

/** "26–50 of 120" for a page of a list; "No results" for an empty one. */
export function pageRange(offset: number, count: number, total: number): string {
  if (total === 0 || count === 0) return t('format.noResults');
  return t('format.pageRange', { from: offset + 1, to: offset + count, total });
}

/** A key from the API ("memoryBytes", "bios_version") as a label ("Memory bytes", "Bios version"). */
export function humanizeKey(key: string): string {
  const spaced = key
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
