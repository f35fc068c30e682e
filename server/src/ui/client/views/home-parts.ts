import type { HomeTicket } from '@parc/shared/api';
import { h, type Child } from '../dom.js';
import { formatDateTime, formatNumber } from '../format.js';
import { dueText } from '../home-logic.js';
import { t } from '../i18n/i18n.js';
import { ticketHref } from '../routes.js';
import { priorityBadge, statusBadge } from '../ui/badges.js';
import { table } from '../ui/table.js';

/** Pieces the home pages share: the figure tiles and the short ticket lists. */

export interface Tile {
  label: string;
  value: number;
  /** Where the tile leads (the list behind the number), if anywhere. */
  href?: string;
  tone?: 'warn' | 'bad';
  testid: string;
}

/** A row of big numbers, each with its name, each a link to the list it counts when there is one. */
export function tiles(label: string, items: readonly Tile[]): HTMLElement {
  return h(
    'ul',
    { class: 'home-tiles', 'aria-label': label },
    items.map((i) => {
      const body: Child[] = [h('span', { class: 'tile-value' }, formatNumber(i.value)), h('span', { class: 'tile-label' }, i.label)];
      const tone = i.value > 0 && i.tone ? `tile-${i.tone}` : undefined;
      return h('li', { class: ['tile', tone], 'data-testid': i.testid }, i.href ? h('a', { href: i.href }, body) : body);
    }),
  );
}

/** A ticket's link: its number and title, the title wrapping rather than overflowing. */
export const ticketLink = (x: Pick<HomeTicket, 'id' | 'title'>) => h('a', { href: ticketHref(x.id), class: 'ticket-link' }, `#${x.id} `, x.title);

/** The resolution target: how long overdue or how long left, the exact time as a tooltip. */
export function dueCell(x: HomeTicket): Child {
  const text = dueText(x.overdueMinutes);
  if (text === null) return h('span', { class: 'muted' }, t('home.sla.none'));
  return h('span', { class: x.overdueMinutes! > 0 ? 'due-over' : undefined, title: formatDateTime(x.resolveDueAt) }, text);
}

/** A short list of tickets as a card: its heading, how many there are in all, the table, a link to the full list. */
export function ticketCard(opts: { id: string; heading: string; total: number; items: readonly HomeTicket[]; empty: string; more?: string }): HTMLElement {
  const { items } = opts;
  return h(
    'section',
    { class: 'card home-list home-tickets', 'aria-labelledby': `${opts.id}-heading`, 'data-testid': opts.id },
    h('h2', { id: `${opts.id}-heading` }, opts.heading),
    items.length < opts.total ? h('p', { class: 'small muted' }, t('home.list.showing', { shown: items.length, total: opts.total })) : null,
    table(
      opts.heading,
      [t('home.column.ticket'), t('home.column.status'), t('home.column.priority'), t('home.column.due')],
      items.map((x) => [ticketLink(x), statusBadge(x.status), priorityBadge(x.priority), dueCell(x)]),
      { hideCaption: true, empty: opts.empty },
    ),
    opts.more ? h('p', { class: 'small' }, h('a', { href: opts.more }, t('home.list.all'))) : null,
  );
}
