import type { Intervention } from '@parc/shared/api';
import { api } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { t } from '../i18n/i18n.js';
import type { TicketDetail } from '../types.js';
import { loadFailed } from '../ui/notice.js';
import { interventionForm, interventionsTable } from './device-interventions.js';

/**
 * The ticket page's interventions, for helpdesk staff: those logged from this ticket, and for each linked
 * device a small form logging one with the ticket's id. Nothing for a ticket without devices.
 */
export function ticketInterventions(ticket: TicketDetail, staff: boolean): HTMLElement | null {
  if (!staff || ticket.devices.length === 0) return null;
  const id = uid('sec');
  const list = h('div', null);
  const load = () =>
    api
      .get<{ items: Intervention[] }>(`/api/v1/tickets/${ticket.id}/interventions`)
      .then(({ items }) => replace(list, interventionsTable(items, true)))
      .catch((err: unknown) => replace(list, loadFailed(err, () => void load())));
  void load();
  const forms = ticket.devices.map((d) => h('details', { class: 'ticket-intervention' }, h('summary', null, t('interventions.logFor', { name: d.hostname })), interventionForm(d.id, ticket.id, () => void load(), t('interventions.logFor', { name: d.hostname }))));
  return h('section', { class: 'card ticket-interventions', 'aria-labelledby': id }, h('h2', { id }, t('interventions.title')), list, forms);
}
