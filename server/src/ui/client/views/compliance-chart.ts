import type { ComplianceItem } from '@parc/shared/api';
import { axisTicks, niceMax } from '../compliance-logic.js';
import { h } from '../dom.js';
import { formatNumber } from '../format.js';
import { t } from '../i18n/i18n.js';
import { ownedLabel } from '../licence-format.js';
import { chartCard, svg } from '../ui/chart-card.js';

/** At most this many products in the chart (the table below lists them all). */
const MAX_BARS = 15;
const ROW = 34;
const LABEL_W = 200;
const PLOT_W = 420;
const TOP = 8;
const AXIS_H = 34;

/**
 * Installed versus owned per product: two horizontal bars each (installed solid, owned hatched by a
 * dash-outlined bar so the two differ without colour), the count axis with its label, a legend, and the
 * same numbers as a table for screen readers and exact reading.
 */
export function complianceChart(items: readonly ComplianceItem[]): HTMLElement {
  const shown = items.slice(0, MAX_BARS);
  const max = niceMax(Math.max(1, ...shown.map((i) => Math.max(i.installed, i.owned ?? 0))));
  const x = (n: number) => LABEL_W + (n / max) * PLOT_W;
  const height = TOP + shown.length * ROW + AXIS_H;
  const width = LABEL_W + PLOT_W + 30;
  const bars = shown.flatMap((item, i) => {
    const y = TOP + i * ROW;
    const ownedW = item.owned === null ? PLOT_W : (item.owned / max) * PLOT_W;
    return [
      svg('text', { x: LABEL_W - 8, y: y + 18, 'text-anchor': 'end', class: 'chart-label' }, item.product.length > 28 ? `${item.product.slice(0, 27)}…` : item.product),
      svg('rect', { x: LABEL_W, y: y + 4, width: Math.max(1, (item.installed / max) * PLOT_W), height: 11, class: `bar-installed bar-${item.status}` }),
      svg('rect', { x: LABEL_W, y: y + 17, width: Math.max(1, ownedW), height: 11, class: 'bar-owned', 'stroke-dasharray': '4 2' }),
    ];
  });
  const ticks = axisTicks(max).map((v) => [
    svg('line', { x1: x(v), y1: TOP, x2: x(v), y2: height - AXIS_H + 4, class: 'grid' }),
    svg('text', { x: x(v), y: height - AXIS_H + 16, 'text-anchor': 'middle', class: 'chart-tick' }, formatNumber(v)),
  ]);
  const summary = t('compliance.chart.summary', { products: items.length, shown: shown.length });
  const picture = svg(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': 'cchart-title cchart-desc', class: 'compliance-chart' },
    svg('title', { id: 'cchart-title' }, t('compliance.chart.title')),
    svg('desc', { id: 'cchart-desc' }, summary),
    ...ticks.flat(),
    svg('line', { x1: LABEL_W, y1: height - AXIS_H + 4, x2: LABEL_W + PLOT_W, y2: height - AXIS_H + 4, class: 'axis' }),
    svg('text', { x: LABEL_W + PLOT_W / 2, y: height - 4, 'text-anchor': 'middle', class: 'chart-axis-label' }, t('compliance.chart.axis')),
    ...bars,
  );
  const legend = h(
    'ul',
    { class: 'legend', 'aria-hidden': 'true' },
    h('li', null, svg('svg', { viewBox: '0 0 24 10', width: 24, height: 10 }, svg('rect', { x: 0, y: 0, width: 24, height: 10, class: 'bar-installed' })), ' ', t('compliance.installed')),
    h('li', null, svg('svg', { viewBox: '0 0 24 10', width: 24, height: 10 }, svg('rect', { x: 0, y: 0, width: 24, height: 10, class: 'bar-owned', 'stroke-dasharray': '4 2' })), ' ', t('compliance.owned')),
  );
  return chartCard({
    id: 'cchart',
    heading: t('compliance.chart.heading'),
    summary,
    picture: shown.length ? picture : null,
    legend,
    showNumbers: t('compliance.chart.showNumbers'),
    caption: t('compliance.chart.title'),
    columns: [t('compliance.column.product'), t('compliance.installed'), t('compliance.owned')],
    rows: shown.map((i) => [i.product, formatNumber(i.installed), ownedLabel(i.owned)]),
  });
}
