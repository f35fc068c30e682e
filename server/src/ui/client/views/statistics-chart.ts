import { formatNumber } from '../format.js';
import { t } from '../i18n/i18n.js';
import { flowChart, formatAxisDay, formatDay } from '../stats-logic.js';
import type { DailyFlow } from '../admin-types.js';
import { h } from '../dom.js';
import { chartCard, svg } from '../ui/chart-card.js';

const SERIES = [
  { key: 'opened', label: 'statistics.flow.opened', cls: 'line-opened', dash: '' },
  { key: 'closed', label: 'statistics.flow.closed', cls: 'line-closed', dash: '6 4' },
  { key: 'backlog', label: 'statistics.flow.backlog', cls: 'line-backlog', dash: '2 3' },
] as const;

/**
 * Opened vs closed per day with the backlog: a small line chart (described by its title and summary,
 * series told apart by dash pattern as well as colour, each named in a legend) and the same numbers as
 * a table for screen readers and exact reading.
 */
export function flowSection(daily: readonly DailyFlow[]): HTMLElement {
  const chart = flowChart(daily, 720, 220, 4, { left: 40, bottom: 40, maxDateTicks: 7 });
  const { plot } = chart;
  const totals = daily.reduce((a, d) => ({ opened: a.opened + d.opened, closed: a.closed + d.closed }), { opened: 0, closed: 0 });
  const last = daily.at(-1);
  const summary = t('statistics.flow.summary', { opened: totals.opened, closed: totals.closed, days: daily.length, first: daily[0]?.backlog ?? 0, last: last?.backlog ?? 0 });
  const titleId = 'flow-title';
  const descId = 'flow-desc';
  const picture = svg(
    'svg',
    { viewBox: `0 0 ${chart.width} ${chart.height}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`, class: 'flow-chart' },
    svg('title', { id: titleId }, t('statistics.flow.title')),
    svg('desc', { id: descId }, summary),
    ...chart.yTicks.flatMap((tick) => [
      svg('line', { x1: plot.left, y1: tick.y, x2: plot.right, y2: tick.y, class: 'grid' }),
      svg('text', { x: plot.left - 6, y: tick.y + 4, 'text-anchor': 'end', class: 'chart-tick' }, formatNumber(tick.value)),
    ]),
    svg('line', { x1: plot.left, y1: plot.bottom, x2: plot.right, y2: plot.bottom, class: 'axis' }),
    svg('line', { x1: plot.left, y1: plot.top, x2: plot.left, y2: plot.bottom, class: 'axis' }),
    ...chart.xTicks.flatMap((tick, i, all) => [
      svg('line', { x1: tick.x, y1: plot.bottom, x2: tick.x, y2: plot.bottom + 4, class: 'axis' }),
      // The first and last labels hug the frame so they never leave the picture.
      svg('text', { x: tick.x, y: plot.bottom + 16, 'text-anchor': all.length > 1 && i === 0 ? 'start' : all.length > 1 && i === all.length - 1 ? 'end' : 'middle', class: 'chart-tick', 'data-date': tick.date }, formatAxisDay(tick.date)),
    ]),
    svg('text', { x: (plot.left + plot.right) / 2, y: chart.height - 4, 'text-anchor': 'middle', class: 'chart-axis-label' }, t('statistics.flow.day')),
    ...SERIES.map((s) => svg('polyline', { points: chart[s.key], class: s.cls, fill: 'none', 'stroke-dasharray': s.dash || 'none', 'vector-effect': 'non-scaling-stroke' })),
  );
  const legend = h(
    'ul',
    { class: 'legend', 'aria-hidden': 'true' },
    SERIES.map((s) => h('li', null, svg('svg', { viewBox: '0 0 24 8', width: 24, height: 8 }, svg('line', { x1: 0, y1: 4, x2: 24, y2: 4, class: s.cls, 'stroke-dasharray': s.dash || 'none' })), ' ', t(s.label))),
    h('li', { class: 'muted' }, t('statistics.flow.top', { max: chart.max })),
  );
  return chartCard({
    id: 'flow',
    heading: t('statistics.flow.heading'),
    summary,
    picture: daily.length ? picture : null,
    legend,
    showNumbers: t('statistics.flow.showNumbers'),
    caption: t('statistics.flow.caption'),
    columns: [t('statistics.flow.day'), t('statistics.flow.opened'), t('statistics.flow.closed'), t('statistics.flow.backlogShort')],
    rows: daily.map((d) => [formatDay(d.date), formatNumber(d.opened), formatNumber(d.closed), formatNumber(d.backlog)]),
  });
}
