import { axisTicks, niceMax } from '../compliance-logic.js';
import { h } from '../dom.js';
import { formatNumber } from '../format.js';
import { chartCard, svg } from './chart-card.js';

/** One bar: its label (also the table's first column) and its count; `tone` picks a colour class that only repeats the label. */
export interface Bar {
  label: string;
  value: number;
  tone?: 'accent' | 'warn' | 'bad' | 'muted';
}

const ROW = 26;
const LABEL_W = 150;
const PLOT_W = 230;
const TOP = 6;
const AXIS_H = 34;
const MAX_LABEL = 20;

/**
 * A horizontal bar chart as a card, Parc's own (served with the page, no CDN): a labelled bar per row,
 * the count axis with ticks and its name, a legend naming what the bars count, and the same numbers as a
 * table behind a disclosure for screen readers and exact reading. Long labels are cut in the picture
 * only (the full text is in the bar's tooltip and the table).
 */
export function barChart(opts: {
  id: string;
  heading: string;
  summary: string;
  /** What a bar counts ("Devices"): the axis name, the legend and the table's count column. */
  measure: string;
  /** The table's first column ("Operating system"). */
  category: string;
  showNumbers: string;
  bars: readonly Bar[];
}): HTMLElement {
  const { bars } = opts;
  const max = niceMax(Math.max(1, ...bars.map((b) => b.value)));
  const x = (n: number) => LABEL_W + (n / max) * PLOT_W;
  const height = TOP + bars.length * ROW + AXIS_H;
  const width = LABEL_W + PLOT_W + 44;
  const titleId = `${opts.id}-title`;
  const descId = `${opts.id}-desc`;
  const rows = bars.flatMap((b, i) => {
    const y = TOP + i * ROW;
    const cut = b.label.length > MAX_LABEL ? `${b.label.slice(0, MAX_LABEL - 1)}…` : b.label;
    return [
      svg('text', { x: LABEL_W - 8, y: y + 17, 'text-anchor': 'end', class: 'chart-label' }, svg('title', {}, b.label), cut),
      svg('rect', { x: LABEL_W, y: y + 5, width: b.value > 0 ? Math.max(2, (b.value / max) * PLOT_W) : 0, height: 15, class: `hbar-${b.tone ?? 'accent'}` }),
      svg('text', { x: x(b.value) + 5, y: y + 17, class: 'chart-value' }, formatNumber(b.value)),
    ];
  });
  const ticks = axisTicks(max).map((v) => [
    svg('line', { x1: x(v), y1: TOP, x2: x(v), y2: height - AXIS_H + 4, class: 'grid' }),
    svg('text', { x: x(v), y: height - AXIS_H + 17, 'text-anchor': 'middle', class: 'chart-tick' }, formatNumber(v)),
  ]);
  const picture = svg(
    'svg',
    // Drawn at its own size (1 unit = 1 px, so text is 12 px), shrunk only when the card is narrower.
    { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-labelledby': `${titleId} ${descId}`, class: 'bar-chart' },
    svg('title', { id: titleId }, opts.heading),
    svg('desc', { id: descId }, opts.summary),
    ...ticks.flat(),
    svg('line', { x1: LABEL_W, y1: height - AXIS_H + 4, x2: LABEL_W + PLOT_W, y2: height - AXIS_H + 4, class: 'axis' }),
    svg('line', { x1: LABEL_W, y1: TOP, x2: LABEL_W, y2: height - AXIS_H + 4, class: 'axis' }),
    svg('text', { x: LABEL_W + PLOT_W / 2, y: height - 4, 'text-anchor': 'middle', class: 'chart-axis-label' }, opts.measure),
    ...rows,
  );
  const tones = [...new Set(bars.map((b) => b.tone ?? 'accent'))];
  const legend = h(
    'ul',
    { class: 'legend', 'aria-hidden': 'true' },
    h('li', null, svg('svg', { viewBox: '0 0 24 10', width: 24, height: 10 }, ...tones.map((tone, i) => svg('rect', { x: (i * 24) / tones.length, y: 0, width: 24 / tones.length, height: 10, class: `hbar-${tone}` }))), ' ', opts.measure),
  );
  return chartCard({
    id: opts.id,
    heading: opts.heading,
    summary: opts.summary,
    picture: bars.some((b) => b.value > 0) ? picture : null,
    legend,
    showNumbers: opts.showNumbers,
    caption: opts.heading,
    columns: [opts.category, opts.measure],
    rows: bars.map((b) => [b.label, formatNumber(b.value)]),
  });
}
