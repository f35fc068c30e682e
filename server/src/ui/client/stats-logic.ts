import { formatMinutes } from './format.js';
import { intlLocale } from './i18n/i18n.js';
import type { DailyFlow } from './admin-types.js';

/** Pure helpers of the statistics screen (no DOM): tested in server/test/ui. */

/** The local date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** A YYYY-MM-DD date moved by whole days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The default period: the last 30 local days, today included. */
export function defaultPeriod(now: Date, timeZone: string): { from: string; to: string } {
  const to = localDate(now, timeZone);
  return { from: addDays(to, -29), to };
}

/** A bar's width in percent of the largest value (0 when everything is 0). */
export function barPercent(count: number, max: number): number {
  if (max <= 0 || count <= 0) return 0;
  return Math.round((Math.min(count, max) / max) * 1000) / 10;
}

/** A rate as a whole percentage in the interface's locale ("88%", "88 %"); an em dash when there is nothing to rate. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : new Intl.NumberFormat(intlLocale(), { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}

/** A calendar day (YYYY-MM-DD) as the interface's locale writes it ("28 Nov 2026", "28 nov. 2026"). */
export function formatDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? date : new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/** Business minutes as hours and minutes; an em dash when no ticket got there yet. */
export function formatDuration(minutes: number | null): string {
  return minutes === null ? '—' : formatMinutes(minutes);
}

export interface FlowChart {
  width: number;
  height: number;
  /** The largest value plotted: the top of the y axis. */
  max: number;
  /** SVG polyline `points` for each series. */
  opened: string;
  closed: string;
  backlog: string;
}

/** Geometry of the opened / closed / backlog line chart: one x step per day, y scaled to the largest value. */
export function flowChart(daily: readonly DailyFlow[], width: number, height: number, pad = 4): FlowChart {
  const max = Math.max(1, ...daily.flatMap((d) => [d.opened, d.closed, d.backlog]));
  const step = daily.length > 1 ? (width - 2 * pad) / (daily.length - 1) : 0;
  const x = (i: number) => (daily.length > 1 ? pad + i * step : width / 2);
  const y = (v: number) => height - pad - (v / max) * (height - 2 * pad);
  const line = (pick: (d: DailyFlow) => number) => daily.map((d, i) => `${round(x(i))},${round(y(pick(d)))}`).join(' ');
  return { width, height, max, opened: line((d) => d.opened), closed: line((d) => d.closed), backlog: line((d) => d.backlog) };
}

const round = (n: number) => Math.round(n * 10) / 10;
