import type { TechnicianHome } from '@parc/shared/api';
import { api } from '../api.js';
import { h } from '../dom.js';
import { priorityLabel } from '../format.js';
import { t } from '../i18n/i18n.js';
import { ticketsHref } from '../routes.js';
import { barChart } from '../ui/bar-chart.js';
import { pageHeading } from '../ui/heading.js';
import type { View, ViewContext } from '../view.js';
import { ticketCard, tiles } from './home-parts.js';

/** A technician's home: their queue, the tickets nobody has, and those at risk of or past their SLA. */
export async function technicianHomeView({ session }: ViewContext): Promise<View> {
  const home = await api.get<TechnicianHome>('/api/v1/home/technician');
  const me = session.user.id;
  const { queue, unassigned, sla } = home;

  const byPriority = barChart({
    id: 'queue-priority',
    heading: t('home.queue.byPriority'),
    summary: t('home.queue.byPrioritySummary', { count: queue.total }),
    measure: t('home.measure.tickets'),
    category: t('home.column.priority'),
    showNumbers: t('home.chart.showNumbers'),
    bars: queue.byPriority.map((p) => ({ label: priorityLabel(p.priority), value: p.count, tone: p.priority >= 5 ? 'bad' : p.priority === 4 ? 'warn' : 'accent' })),
  });

  return {
    title: t('home.title'),
    node: h(
      'section',
      { class: 'home' },
      pageHeading(t('home.title')),
      tiles(t('home.figures'), [
        { label: t('home.tile.myQueue'), value: queue.total, href: ticketsHref({ assigneeId: me, status: 'open' }), testid: 'tile-queue' },
        { label: t('home.tile.unassigned'), value: unassigned.total, tone: 'warn', testid: 'tile-unassigned' },
        { label: t('home.tile.atRisk'), value: sla.atRisk, href: ticketsHref({ status: 'open', slaState: 'at-risk' }), tone: 'warn', testid: 'tile-at-risk' },
        { label: t('home.tile.breached'), value: sla.breached, href: ticketsHref({ status: 'open', slaState: 'breached' }), tone: 'bad', testid: 'tile-breached' },
      ]),
      h(
        'div',
        { class: 'home-grid' },
        ticketCard({ id: 'home-queue', heading: t('home.queue.heading'), total: queue.total, items: queue.items, empty: t('home.queue.empty'), more: ticketsHref({ assigneeId: me, status: 'open' }) }),
        ticketCard({ id: 'home-sla', heading: t('home.sla.heading'), total: sla.atRisk + sla.breached, items: sla.items, empty: t('home.sla.empty'), more: ticketsHref({ status: 'open', slaState: 'breached' }) }),
        ticketCard({ id: 'home-unassigned', heading: t('home.unassigned.heading'), total: unassigned.total, items: unassigned.items, empty: t('home.unassigned.empty') }),
        byPriority,
      ),
    ),
  };
}
