import { formatMinutes } from './format.js';
import { intlLocale, t } from './i18n/i18n.js';
import type { CalendarDefinition, HolidayDef, SlaTargetMinutes, TimeRangeText } from './admin-types.js';
import type { Category } from './types.js';

/** Pure helpers of the admin screens (no DOM): tested in server/test/ui. */

// ---- categories ----

export interface CategoryNode {
  category: Category;
  children: CategoryNode[];
}

/** The API's flat depth-first list as a tree; an item whose parent is missing becomes a root. */
export function nestCategories(flat: readonly Category[]): CategoryNode[] {
  const nodes = new Map<number, CategoryNode>(flat.map((c) => [c.id, { category: c, children: [] }]));
  const roots: CategoryNode[] = [];
  for (const c of flat) {
    const node = nodes.get(c.id)!;
    const parent = c.parentId === null ? undefined : nodes.get(c.parentId);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** Where a category may move: anywhere but under itself or one of its descendants (the API refuses those). */
export function moveTargets(flat: readonly Category[], id: number): Category[] {
  const banned = new Set([id]);
  // Depth-first order lists every descendant after its parent, so one pass finds them all.
  for (const c of flat) if (c.parentId !== null && banned.has(c.parentId)) banned.add(c.id);
  return flat.filter((c) => !banned.has(c.id));
}

// ---- ordered lists ----

/** `ids` with `id` moved by `delta` places, or null when it cannot move that way. */
export function moveId(ids: readonly number[], id: number, delta: -1 | 1): number[] | null {
  const from = ids.indexOf(id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= ids.length) return null;
  const out = [...ids];
  [out[from], out[to]] = [out[to]!, out[from]!];
  return out;
}

// ---- calendars ----

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** A weekday's name in the interface's locale ("Monday", "lundi"; short: "Mon", "lun."), from Intl. */
export function weekdayName(day: Weekday, style: 'long' | 'short' = 'long'): string {
  // 2024-01-01 was a Monday.
  const date = new Date(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(day)));
  return new Intl.DateTimeFormat(intlLocale(), { weekday: style, timeZone: 'UTC' }).format(date);
}

export interface RangeRow extends TimeRangeText {
  day: Weekday;
}

/**
 * The calendar the editor's rows describe. Rows left entirely empty are ignored (a new range not filled
 * in); half-filled ones are sent so the API names the missing time. Days without a range are days off.
 */
export function calendarDefinition(timeZone: string, rows: readonly RangeRow[], holidays: readonly HolidayDef[]): CalendarDefinition {
  const hours: Partial<Record<Weekday, TimeRangeText[]>> = {};
  for (const r of rows) {
    const start = r.start.trim();
    const end = r.end.trim();
    if (!start && !end) continue;
    (hours[r.day] ??= []).push({ start, end });
  }
  const days = holidays
    .filter((h) => h.date.trim() !== '')
    .map((h) => (h.name?.trim() ? { date: h.date.trim(), recurring: h.recurring, name: h.name.trim() } : { date: h.date.trim(), recurring: h.recurring }));
  return { timeZone, hours, holidays: days };
}

/** "Mon–Fri 09:00–12:00, 13:00–17:00"-style summary, one entry per working day. */
export function describeHours(def: CalendarDefinition): string {
  const parts = WEEKDAYS.filter((d) => (def.hours[d]?.length ?? 0) > 0).map((d) => `${weekdayName(d, 'short')} ${def.hours[d]!.map((r) => `${r.start}–${r.end}`).join(', ')}`);
  return parts.length ? parts.join('; ') : t('adminCalendars.noHours');
}

/** The zones the browser knows, sorted, always with UTC and the zone already chosen (an older name stays selectable). */
export function timeZoneOptions(supported: readonly string[], current: string): string[] {
  const set = new Set(supported);
  set.add('UTC');
  if (current) set.add(current);
  return [...set].sort((a, b) => a.localeCompare(b));
}

// ---- SLA policies ----

export const SLA_PRIORITIES = [6, 5, 4, 3, 2, 1] as const;

export interface TargetInput {
  priority: number;
  own: string;
  resolve: string;
}

/**
 * The `targets` body from the per-priority inputs: a priority with both fields empty has no SLA; a
 * half-filled one is sent as typed so the API names the missing or wrong field.
 */
export function targetsBody(rows: readonly TargetInput[]): Record<string, Partial<SlaTargetMinutes>> {
  const out: Record<string, Partial<SlaTargetMinutes>> = {};
  for (const r of rows) {
    const own = r.own.trim();
    const resolve = r.resolve.trim();
    if (!own && !resolve) continue;
    out[String(r.priority)] = { ...(own ? { ownMinutes: Number(own) } : {}), ...(resolve ? { resolveMinutes: Number(resolve) } : {}) };
  }
  return out;
}

/** Minutes typed in a field, read back as hours ("= 2 h 30 min"); empty or not a number gives nothing. */
export function minutesAsHours(text: string): string {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return '';
  return `= ${formatMinutes(Number(t))}`;
}

// ---- lists typed one per line ----

/** Non-empty trimmed lines (CIDR ranges, one per line), duplicates removed. */
export function lines(text: string): string[] {
  return [...new Set(text.split(/[\n,]/).map((s) => s.trim()).filter(Boolean))];
}
