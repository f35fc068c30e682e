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
  /** The date axis: at most `maxDateTicks` days, first and last always, evenly spread between. */
  xTicks: { x: number; date: string }[];
  /** The count axis: 0, the middle (when whole) and the top. */
  yTicks: { y: number; value: number }[];
  /** Where the plot area starts and ends (the axes' lines). */
  plot: { left: number; right: number; top: number; bottom: number };
}

/** Days to label on a date axis of `n` days: every day up to `most`, else `most` evenly spread, both ends included. */
export function dateTickIndexes(n: number, most: number): number[] {
  if (n <= 0) return [];
  if (n <= most) return Array.from({ length: n }, (_, i) => i);
  return [...new Set(Array.from({ length: most }, (_, k) => Math.round((k * (n - 1)) / (most - 1))))];
}

/**
 * Geometry of the opened / closed / backlog line chart: one x step per day, y scaled to the largest value,
 * inside a frame that leaves `frame.left` for the count labels and `frame.bottom` for the dates.
 */
export function flowChart(daily: readonly DailyFlow[], width: number, height: number, pad = 4, frame = { left: 0, bottom: 0, maxDateTicks: 6 }): FlowChart {
  const max = Math.max(1, ...daily.flatMap((d) => [d.opened, d.closed, d.backlog]));
  const plot = { left: frame.left, right: width, top: 0, bottom: height - frame.bottom };
  const step = daily.length > 1 ? (plot.right - plot.left - 2 * pad) / (daily.length - 1) : 0;
  const x = (i: number) => (daily.length > 1 ? plot.left + pad + i * step : (plot.left + plot.right) / 2);
  const y = (v: number) => plot.bottom - pad - (v / max) * (plot.bottom - plot.top - 2 * pad);
  const line = (pick: (d: DailyFlow) => number) => daily.map((d, i) => `${round(x(i))},${round(y(pick(d)))}`).join(' ');
  const mid = max / 2;
  return {
    width,
    height,
    max,
    opened: line((d) => d.opened),
    closed: line((d) => d.closed),
    backlog: line((d) => d.backlog),
    xTicks: dateTickIndexes(daily.length, frame.maxDateTicks).map((i) => ({ x: round(x(i)), date: daily[i]!.date })),
    yTicks: (Number.isInteger(mid) ? [0, mid, max] : [0, max]).map((value) => ({ y: round(y(value)), value })),
    plot,
  };
}

/** A calendar day as a short axis label in the interface's locale ("28 Nov", "28 nov."). */
export function formatAxisDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? date : new Intl.DateTimeFormat(intlLocale(), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(d);
}

const round = (n: number) => Math.round(n * 10) / 10;
