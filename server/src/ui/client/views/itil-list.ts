import { api } from '../api.js';
import { h, type Child } from '../dom.js';
import { atOffset, ITIL_SORTS, itilApiQuery } from '../filters.js';
import { formatDateTime, formatRelative, priorityLabel, statusLabel } from '../format.js';
import { t } from '../i18n/i18n.js';
import type { QueryValue } from '../query.js';
import { priorityBadge, priorityLegend, statusBadge } from '../ui/badges.js';
import { checkbox, field, input, select } from '../ui/fields.js';
import { pageHeading } from '../ui/heading.js';
import { pager } from '../ui/pager.js';
import { table } from '../ui/table.js';
import type { ViewFn } from '../view.js';

const PRIORITIES = [6, 5, 4, 3, 2, 1] as const;

/** What a row of the problem or change list has in common. */
export interface ListRow {
  id: number;
  title: string;
  status: string;
  priority: number;
  updatedAt: string;
}

/** One kind's list: where it is, its statuses, and the columns it adds between priority and last update. */
export interface ListSpec<R extends ListRow> {
  path: '/api/v1/problems' | '/api/v1/changes';
  statuses: readonly string[];
  title: string;
  newLabel: string;
  empty: string;
  listHref(query: Readonly<Record<string, QueryValue>>): string;
  itemHref(id: number): string;
  newHref: string;
  columns: string[];
  cells(row: R, now: Date): Child[];
}

/**
 * The problem and change lists: the ticket list's habits (filters in the URL, a page of results, the
 * priority legend), one implementation for both kinds.
 */
export function itilListView<R extends ListRow>(spec: () => ListSpec<R>): ViewFn {
  return async ({ route, session, navigate }) => {
    const s = spec();
    const q = route.query;
    const page = await api.get<{ items: R[]; total: number; limit: number; offset: number }>(s.path, itilApiQuery(q, session.user.id));
    const now = new Date();
    const statusOptions = [['open', t('tickets.filter.status.open')], ['all', t('tickets.filter.status.all')], ...s.statuses.map((st) => [st, statusLabel(st)] as const)] as const;
    const priorityOptions = [['', t('tickets.filter.priority.any')], ...PRIORITIES.map((p) => [String(p), priorityLabel(p)] as const)] as const;
    const form = h(
      'form',
      { class: 'filters', role: 'search', 'aria-label': t('tickets.filter.label') },
      field(t('common.search'), input({ name: 'q', type: 'search', value: q.q ?? '' }), { class: 'grow' }),
      field(t('tickets.filter.status'), select('status', statusOptions, q.status || 'open')),
      field(t('tickets.filter.priority'), select('priority', priorityOptions, q.priority ?? '')),
      field(t('tickets.filter.mine'), checkbox('mine', q.mine === '1', { value: '1' }), { inline: true }),
      field(t('tickets.filter.sort'), select('sort', ITIL_SORTS.map(([value, label]) => [value, t(label)] as const), q.sort ?? '-id')),
      h('div', { class: 'filter-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.apply')), h('a', { class: 'btn btn-quiet', href: s.listHref({}) }, t('common.reset'))),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const next: Record<string, string> = {};
      for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v.trim() !== '') next[k] = v.trim();
      if (next.status === 'open') delete next.status;
      if (next.sort === '-id') delete next.sort;
      navigate(s.listHref(next));
    });
    const rows = page.items.map((row) => [
      h('span', { class: 'num' }, `#${row.id}`),
      h('a', { href: s.itemHref(row.id), class: 'strong' }, row.title),
      statusBadge(row.status),
      priorityBadge(row.priority),
      ...s.cells(row, now),
      h('time', { datetime: row.updatedAt, title: formatDateTime(row.updatedAt) }, formatRelative(row.updatedAt, now)),
    ]);
    const columns = ['#', t('tickets.column.title'), t('tickets.column.status'), t('tickets.column.priority'), ...s.columns, t('tickets.column.updated')];
    return {
      title: s.title,
      node: h(
        'section',
        null,
        pageHeading(s.title, h('a', { class: 'btn btn-primary', href: s.newHref }, s.newLabel)),
        form,
        table(t('itil.list.caption', { title: s.title, count: page.total }), columns, rows, { hideCaption: true, empty: s.empty }),
        rows.length > 0 && priorityLegend(),
        pager(page.offset, page.items.length, page.total, page.limit, (offset) => s.listHref(atOffset(q, offset))),
      ),
    };
  };
}
