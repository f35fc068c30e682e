import type { RequesterHome } from '@parc/shared/api';
import { api } from '../api.js';
import { h } from '../dom.js';
import { formatRelative, formatDateTime } from '../format.js';
import { nextStep } from '../home-logic.js';
import { t } from '../i18n/i18n.js';
import { newTicketHref, ticketsHref } from '../routes.js';
import { statusBadge } from '../ui/badges.js';
import { pageHeading } from '../ui/heading.js';
import { table } from '../ui/table.js';
import type { View } from '../view.js';
import { ticketLink, tiles } from './home-parts.js';

/** A requester's home: their tickets with where each stands and what happens next, and a way to open one. */
export async function requesterHomeView(): Promise<View> {
  const home = await api.get<RequesterHome>('/api/v1/home/requester');
  const s = home.byStatus;
  const open = s.new + s.assigned + s.planned + s.pending;
  const now = new Date();
  const cta = h('a', { class: 'btn btn-primary', href: newTicketHref(), 'data-testid': 'home-new-ticket' }, t('home.requester.newTicket'));

  return {
    title: t('home.requester.title'),
    node: h(
      'section',
      { class: 'home' },
      pageHeading(t('home.requester.title'), cta),
      home.awaitingYou > 0 ? h('p', { class: 'notice notice-warn', 'data-testid': 'home-awaiting' }, t('home.requester.awaiting', { count: home.awaitingYou })) : null,
      tiles(t('home.figures'), [
        { label: t('home.requester.open'), value: open, href: ticketsHref({ status: 'open' }), testid: 'tile-open' },
        { label: t('home.requester.solved'), value: s.solved, href: ticketsHref({ status: 'solved' }), tone: 'warn', testid: 'tile-solved' },
        { label: t('home.requester.closed'), value: s.closed, href: ticketsHref({ status: 'closed' }), testid: 'tile-closed' },
      ]),
      h(
        'section',
        { class: 'card home-list', 'aria-labelledby': 'my-tickets-heading', 'data-testid': 'home-my-tickets' },
        h('h2', { id: 'my-tickets-heading' }, t('home.requester.current')),
        table(
          t('home.requester.current'),
          [t('home.column.ticket'), t('home.column.status'), t('home.requester.nextColumn'), t('home.requester.updated')],
          home.items.map((x) => [ticketLink(x), statusBadge(x.status), nextStep(x.status), h('span', { title: formatDateTime(x.updatedAt) }, formatRelative(x.updatedAt, now))]),
          { hideCaption: true, empty: t('home.requester.empty') },
        ),
        h('p', { class: 'small' }, h('a', { href: ticketsHref() }, t('home.requester.all'))),
      ),
    ),
  };
}
