import type { StatisticsQuery } from '@parc/shared/api';
import { TICKET_STATUSES } from '@parc/shared/api/enums';
import { api } from '../api.js';
import { timeZoneOptions } from '../admin-logic.js';
import type { Compliance, DurationSummary, Statistics } from '../admin-types.js';
import { h } from '../dom.js';
import { personName, plural, priorityLabel, statusLabel } from '../format.js';
import { statisticsHref } from '../routes.js';
import { barPercent, defaultPeriod, formatDuration, formatRate } from '../stats-logic.js';
import type { Category, User } from '../types.js';
import { field, input, select } from '../ui/fields.js';
import { pageHeading } from '../ui/heading.js';
import { kv } from '../ui/kv.js';
import type { ViewFn } from '../view.js';
import { flowSection } from './statistics-chart.js';

/** Helpdesk statistics over a period (in the URL, so a period can be bookmarked): counts, flow, durations, SLA. */
export const statisticsView: ViewFn = async ({ route, session, navigate }) => {
  if (!session.can.workTickets) throw new Error('Statistics are for helpdesk staff.');
  const zone = route.query.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone;
  const fallback = defaultPeriod(new Date(), zone);
  const period = { from: route.query.from || fallback.from, to: route.query.to || fallback.to, timeZone: zone } satisfies StatisticsQuery;
  const [stats, categories, users] = await Promise.all([
    api.get<Statistics>('/api/v1/tickets/statistics', period),
    api.get<{ items: Category[] }>('/api/v1/ticket-categories').then((r) => r.items),
    api.get<{ items: User[] }>('/api/v1/users').then((r) => r.items),
  ]);

  const from = input({ name: 'from', type: 'date', value: period.from, required: true });
  const to = input({ name: 'to', type: 'date', value: period.to, required: true });
  const tz = select('timeZone', timeZoneOptions(Intl.supportedValuesOf('timeZone'), zone).map((z) => [z, z] as const), zone);
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Period' },
    field('From', from),
    field('To', to),
    field('Time zone', tz, { hint: 'Days start at midnight here.' }),
    h('div', { class: 'filter-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Show'), h('a', { class: 'btn btn-quiet', href: statisticsHref() }, 'Last 30 days')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    navigate(statisticsHref({ from: from.value, to: to.value, timeZone: tz.value }));
  });

  const c = stats.counts;
  const categoryName = (id: number | null) => (id === null ? 'No category' : (categories.find((x) => x.id === id)?.path ?? `Category #${id}`));
  const userName = (id: number | null) => {
    if (id === null) return 'Unassigned';
    const u = users.find((x) => x.id === id);
    return u ? personName(u) : `User #${id}`;
  };

  return {
    title: 'Statistics',
    node: h(
      'section',
      { class: 'statistics' },
      pageHeading('Statistics'),
      form,
      h('p', { class: 'muted', 'data-testid': 'stats-total' }, `${plural(c.total, 'ticket')} opened from ${stats.period.from} to ${stats.period.to} (${stats.period.timeZone}).`),
      h(
        'div',
        { class: 'stats-grid' },
        barTable('By status', 'Status', TICKET_STATUSES.map((s) => [statusLabel(s), c.byStatus[s]])),
        barTable('By priority', 'Priority', [6, 5, 4, 3, 2, 1].map((p) => [priorityLabel(p), c.byPriority[String(p)] ?? 0])),
        barTable('By category', 'Category', c.byCategory.map((k) => [categoryName(k.key), k.count])),
        barTable('By technician', 'Technician', c.byTechnician.map((k) => [userName(k.key), k.count]), 'A ticket counts once for each of its technicians.'),
      ),
      flowSection(stats.daily),
      h('div', { class: 'stats-grid' }, durations('Time to own', stats.timeToOwn), durations('Time to resolve', stats.timeToResolve), compliance(stats.compliance.timeToOwn, stats.compliance.timeToResolve)),
    ),
  };
};

/** Counts as a table whose last column draws a bar (width from CSS) with the number written next to it. */
function barTable(title: string, keyLabel: string, rows: readonly (readonly [string, number])[], note?: string): HTMLElement {
  const max = Math.max(0, ...rows.map(([, n]) => n));
  const id = `stats-${title.toLowerCase().replace(/\W+/g, '-')}`;
  const bar = (n: number) => {
    const fill = h('span', { class: 'bar-fill' });
    fill.style.width = `${barPercent(n, max)}%`;
    return h('span', { class: 'bar' }, h('span', { class: 'bar-track', 'aria-hidden': 'true' }, fill), h('span', { class: 'bar-value' }, String(n)));
  };
  return h(
    'section',
    { class: 'card', 'aria-labelledby': id },
    h('h2', { id }, title),
    note ? h('p', { class: 'muted small' }, note) : null,
    rows.length === 0
      ? h('p', { class: 'empty' }, 'No ticket in this period.')
      : h('table', { class: 'bars' }, h('caption', { class: 'visually-hidden' }, `Tickets ${title.toLowerCase()}`), h('thead', null, h('tr', null, h('th', { scope: 'col' }, keyLabel), h('th', { scope: 'col' }, 'Tickets'))), h('tbody', null, rows.map(([k, n]) => h('tr', null, h('th', { scope: 'row' }, k), h('td', null, bar(n)))))),
  );
}

function durations(title: string, d: DurationSummary): HTMLElement {
  return h(
    'section',
    { class: 'card' },
    h('h2', null, title),
    kv([
      ['Median', formatDuration(d.median)],
      ['90th percentile', formatDuration(d.p90)],
      ['Tickets measured', String(d.count)],
    ]),
    h('p', { class: 'muted small' }, 'Business time of the ticket’s SLA calendar (clock time without SLA), pauses excluded.'),
  );
}

function compliance(own: Compliance, resolve: Compliance): HTMLElement {
  const line = (c: Compliance) => `${formatRate(c.rate)} (${c.met} met, ${c.breached} breached, ${c.running} running)`;
  return h(
    'section',
    { class: 'card' },
    h('h2', null, 'SLA compliance'),
    kv([
      ['Time to own', line(own)],
      ['Time to resolve', line(resolve)],
    ]),
    h('p', { class: 'muted small' }, 'Met ÷ (met + breached); running targets are not yet counted.'),
  );
}
