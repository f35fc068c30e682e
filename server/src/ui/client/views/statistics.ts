import type { StatisticsQuery } from '@parc/shared/api';
import { TICKET_STATUSES } from '@parc/shared/api/enums';
import { api } from '../api.js';
import { timeZoneOptions } from '../admin-logic.js';
import type { Compliance, DurationSummary, Statistics } from '../admin-types.js';
import { h } from '../dom.js';
import { formatNumber, personName, priorityLabel, statusLabel } from '../format.js';
import { t, type PlainKey } from '../i18n/i18n.js';
import { statisticsHref } from '../routes.js';
import { barPercent, defaultPeriod, formatDay, formatDuration, formatRate } from '../stats-logic.js';
import type { Category, User } from '../types.js';
import { field, input, select } from '../ui/fields.js';
import { pageHeading } from '../ui/heading.js';
import { kv } from '../ui/kv.js';
import type { ViewFn } from '../view.js';
import { flowSection } from './statistics-chart.js';

/** Helpdesk statistics over a period (in the URL, so a period can be bookmarked): counts, flow, durations, SLA. */
export const statisticsView: ViewFn = async ({ route, session, navigate }) => {
  if (!session.can.workTickets) throw new Error(t('statistics.staffOnly'));
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
    { class: 'filters', 'aria-label': t('statistics.period') },
    field(t('statistics.from'), from),
    field(t('statistics.to'), to),
    field(t('statistics.timeZone'), tz, { hint: t('statistics.timeZoneHint') }),
    h(
      'div',
      { class: 'filter-buttons' },
      h('button', { type: 'submit', class: 'btn btn-primary' }, t('statistics.show')),
      h('a', { class: 'btn btn-quiet', href: statisticsHref() }, t('statistics.last30Days')),
    ),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    navigate(statisticsHref({ from: from.value, to: to.value, timeZone: tz.value }));
  });

  const c = stats.counts;
  const categoryName = (id: number | null) => (id === null ? t('statistics.noCategory') : (categories.find((x) => x.id === id)?.path ?? t('statistics.categoryId', { id })));
  const userName = (id: number | null) => {
    if (id === null) return t('statistics.unassigned');
    const u = users.find((x) => x.id === id);
    return u ? personName(u) : t('statistics.userId', { id });
  };
  const total = t('statistics.total', { count: c.total, from: formatDay(stats.period.from), to: formatDay(stats.period.to), zone: stats.period.timeZone });

  return {
    title: t('statistics.title'),
    node: h(
      'section',
      { class: 'statistics' },
      pageHeading(t('statistics.title')),
      form,
      h('p', { class: 'muted', 'data-testid': 'stats-total' }, total),
      h(
        'div',
        { class: 'stats-grid' },
        barTable('status', 'statistics.byStatus', 'statistics.status', TICKET_STATUSES.map((s) => [statusLabel(s), c.byStatus[s]])),
        barTable('priority', 'statistics.byPriority', 'statistics.priority', [6, 5, 4, 3, 2, 1].map((p) => [priorityLabel(p), c.byPriority[String(p)] ?? 0])),
        barTable('category', 'statistics.byCategory', 'statistics.category', c.byCategory.map((k) => [categoryName(k.key), k.count])),
        barTable('technician', 'statistics.byTechnician', 'statistics.technician', c.byTechnician.map((k) => [userName(k.key), k.count]), t('statistics.technicianNote')),
      ),
      flowSection(stats.daily),
      h(
        'div',
        { class: 'stats-grid' },
        durations(t('ticket.sla.timeToOwn'), stats.timeToOwn),
        durations(t('ticket.sla.timeToResolve'), stats.timeToResolve),
        compliance(stats.compliance.timeToOwn, stats.compliance.timeToResolve),
      ),
    ),
  };
};

/** Counts as a table whose last column draws a bar (width from CSS) with the number written next to it. */
function barTable(name: string, titleKey: PlainKey, keyLabelKey: PlainKey, rows: readonly (readonly [string, number])[], note?: string): HTMLElement {
  const max = Math.max(0, ...rows.map(([, n]) => n));
  const id = `stats-by-${name}`;
  const title = t(titleKey);
  const bar = (n: number) => {
    const fill = h('span', { class: 'bar-fill' });
    fill.style.width = `${barPercent(n, max)}%`;
    return h('span', { class: 'bar' }, h('span', { class: 'bar-track', 'aria-hidden': 'true' }, fill), h('span', { class: 'bar-value' }, formatNumber(n)));
  };
  return h(
    'section',
    { class: 'card', 'aria-labelledby': id },
    h('h2', { id }, title),
    note ? h('p', { class: 'muted small' }, note) : null,
    rows.length === 0
      ? h('p', { class: 'empty' }, t('statistics.empty'))
      : h(
          'table',
          { class: 'bars' },
          h('caption', { class: 'visually-hidden' }, t('statistics.caption', { title })),
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, t(keyLabelKey)), h('th', { scope: 'col' }, t('statistics.tickets')))),
          h('tbody', null, rows.map(([k, n]) => h('tr', null, h('th', { scope: 'row' }, k), h('td', null, bar(n))))),
        ),
  );
}

function durations(title: string, d: DurationSummary): HTMLElement {
  return h(
    'section',
    { class: 'card' },
    h('h2', null, title),
    kv([
      [t('statistics.median'), formatDuration(d.median)],
      [t('statistics.p90'), formatDuration(d.p90)],
      [t('statistics.measured'), formatNumber(d.count)],
    ]),
    h('p', { class: 'muted small' }, t('statistics.durationNote')),
  );
}

function compliance(own: Compliance, resolve: Compliance): HTMLElement {
  const line = (c: Compliance) => t('statistics.complianceLine', { rate: formatRate(c.rate), met: c.met, breached: c.breached, running: c.running });
  return h(
    'section',
    { class: 'card' },
    h('h2', null, t('statistics.compliance')),
    kv([
      [t('ticket.sla.timeToOwn'), line(own)],
      [t('ticket.sla.timeToResolve'), line(resolve)],
    ]),
    h('p', { class: 'muted small' }, t('statistics.complianceNote')),
  );
}
