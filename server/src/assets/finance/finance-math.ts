/**
 * Warranty and depreciation arithmetic, pure: calendar dates in (`YYYY-MM-DD`, UTC days), dates,
 * statuses and cents out. No I/O and no clock: the caller passes "today".
 *
 * Money is integer cents; a value is rounded (half up) once, at the end, never along the way.
 */

export type WarrantyStatus = 'none' | 'active' | 'expiring' | 'expired';

const DAY_MS = 86_400_000;
const parse = (day: string) => Date.parse(`${day}T00:00:00Z`);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parse(to) - parse(from)) / DAY_MS);
}

/**
 * `day` plus `months` calendar months; a day the target month lacks becomes its last day
 * (Jan 31 + 1 month = Feb 28, or Feb 29 in a leap year), as Postgres's `date + interval 'n months'` does.
 */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return isoDay(Date.UTC(year, month, Math.min(d, last)));
}

/** The day a warranty stops covering (start + months); null when there is no warranty (no start, or 0 months). */
export function warrantyEnd(start: string | null, months: number | null): string | null {
  if (start === null || months === null || months <= 0) return null;
  return addMonths(start, months);
}

export interface WarrantyState {
  status: WarrantyStatus;
  /** Days from `today` to the end (0 once ended); null without a warranty. */
  daysLeft: number | null;
}

/**
 * A warranty's state on `today`: the end day is the first day no longer covered, so on it the warranty
 * is expired; `expiring` when it ends within `withinDays` days. A start in the future counts as active
 * (it is bought and will cover).
 */
export function warrantyState(end: string | null, today: string, withinDays: number): WarrantyState {
  if (end === null) return { status: 'none', daysLeft: null };
  const left = daysBetween(today, end);
  if (left <= 0) return { status: 'expired', daysLeft: 0 };
  return { status: left <= withinDays ? 'expiring' : 'active', daysLeft: left };
}

/** Whole calendar months from `from` to `to` (0 when `to` is before `from`): Jan 31 → Feb 28 is one month. */
export function monthsElapsed(from: string, to: string): number {
  if (to <= from) return 0;
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  let n = (ty - fy) * 12 + (tm - fm);
  if (addMonths(from, n) > to) n -= 1;
  return Math.max(0, n);
}

/** "1234.5" / "1234,56" / 1234.5 as cents; null when it is not a non-negative amount with at most 2 decimals. */
export function toCents(amount: string | number): number | null {
  const s = typeof amount === 'number' ? amount.toFixed(2) : amount.trim().replace(',', '.');
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export const centsToAmount = (cents: number) => cents / 100;

export interface Depreciation {
  method: 'none' | 'linear';
  costCents: number | null;
  months: number | null;
  /** Purchase date, else warranty start. */
  from: string | null;
}

/**
 * Linear depreciation by elapsed whole calendar months: the period is given in months and bookkeeping
 * depreciates month by month, so each month takes the same share whatever its number of days, and the
 * value is exactly 0 on the day the period ends (from + months, same calendar rule as warranties).
 * Equal to cost until the first month is complete, never below 0; null when something is missing.
 */
export function currentValueCents(d: Depreciation, today: string): number | null {
  if (d.method !== 'linear' || d.costCents === null || d.months === null || d.months <= 0 || d.from === null) return null;
  const elapsed = Math.min(monthsElapsed(d.from, today), d.months);
  const remaining = BigInt(d.months - elapsed);
  const n = BigInt(d.months);
  // cost × remaining / months, rounded half up, in integers (cost in cents × 1200 can pass 2^53).
  return Number((2n * BigInt(d.costCents) * remaining + n) / (2n * n));
}
