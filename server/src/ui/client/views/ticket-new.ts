import type { CreateTicketInput, TicketType } from '@parc/shared/api';
import { TICKET_TYPES } from '@parc/shared/api/enums';
import { api } from '../api.js';
import { h } from '../dom.js';
import { levelLabel, personName } from '../format.js';
import { t, type PlainKey } from '../i18n/i18n.js';
import { intParam } from '../query.js';
import { ticketHref, ticketsHref } from '../routes.js';
import type { Category, DeviceDetail, DeviceSummary, TicketDetail, User } from '../types.js';
import { chosen, field, input, select, textarea } from '../ui/fields.js';
import { pageHeading } from '../ui/heading.js';
import { alertRegion, showError } from '../ui/notice.js';
import type { ViewFn } from '../view.js';
import { devicePicker } from './device-picker.js';

/** Every ticket type (the type makes it exhaustive), with its label's catalogue key. */
const TYPE_LABELS: Record<TicketType, PlainKey> = { incident: 'ticketNew.type.incident', request: 'ticketNew.type.request' };

/**
 * Opening a ticket. Staff can open it for someone else and link devices from the inventory; requesters
 * open their own (the API refuses them the device list, so the picker is not offered).
 */
export const newTicketView: ViewFn = async ({ route, session, navigate }) => {
  const staff = session.can.workTickets;
  const presetDevice = intParam(route.query.deviceId, 0);
  const [categories, users, preset] = await Promise.all([
    api.get<{ items: Category[] }>('/api/v1/ticket-categories').then((r) => r.items),
    staff ? api.get<{ items: User[] }>('/api/v1/users').then((r) => r.items) : Promise.resolve([] as User[]),
    session.can.seeDevices && presetDevice > 0 ? api.get<DeviceDetail>(`/api/v1/devices/${presetDevice}`).then((d): DeviceSummary[] => [d]) : Promise.resolve([] as DeviceSummary[]),
  ]);

  const levels = [5, 4, 3, 2, 1].map((n) => [String(n), `${n} · ${levelLabel(n)}`] as const);
  const title = input({ name: 'title', required: true, maxlength: 255 });
  const description = textarea({ name: 'description', required: true, rows: 6 });
  const type = select('type', TICKET_TYPES.map((ty) => [ty, t(TYPE_LABELS[ty])] as const));
  const urgency = select('urgency', levels, '3');
  const impact = select('impact', levels, '3');
  const category = select('categoryId', [['', t('ticketNew.noCategory')], ...categories.map((c) => [String(c.id), c.path] as const)]);
  const requester = staff
    ? select('requesterId', users.filter((u) => !u.disabled).map((u) => [String(u.id), `${personName(u)} (${u.username})`] as const), String(session.user.id))
    : null;
  const picker = session.can.seeDevices ? devicePicker(preset) : null;
  const errors = alertRegion();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('ticketNew.submit'));

  const form = h(
    'form',
    { class: 'card stack ticket-form', novalidate: true },
    errors,
    field(t('ticketNew.field.title'), title, { hint: t('ticketNew.field.titleHint') }),
    field(t('ticketNew.field.description'), description, { hint: t('ticketNew.field.descriptionHint') }),
    h(
      'div',
      { class: 'row' },
      field(t('ticketNew.field.type'), type),
      field(t('ticketNew.field.urgency'), urgency, { hint: t('ticketNew.field.urgencyHint') }),
      field(t('ticketNew.field.impact'), impact, { hint: t('ticketNew.field.impactHint') }),
    ),
    h('div', { class: 'row' }, field(t('ticketNew.field.category'), category, { class: 'grow' }), requester && field(t('ticketNew.field.requester'), requester, { class: 'grow' })),
    picker?.node,
    h('div', { class: 'form-buttons' }, submit, h('a', { class: 'btn btn-quiet', href: ticketsHref() }, t('common.cancel'))),
  );

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const missing = [title, description].find((f) => !f.value.trim());
    if (missing) {
      showError(errors, missing === title ? t('ticketNew.titleRequired') : t('ticketNew.descriptionRequired'));
      missing.setAttribute('aria-invalid', 'true');
      missing.focus();
      return;
    }
    submit.disabled = true;
    const body = {
      title: title.value.trim(),
      description: description.value.trim(),
      type: chosen(type, TICKET_TYPES),
      urgency: Number(urgency.value),
      impact: Number(impact.value),
      ...(category.value ? { categoryId: Number(category.value) } : {}),
      ...(requester && requester.value !== String(session.user.id) ? { requesterId: Number(requester.value) } : {}),
      deviceIds: picker?.selectedIds() ?? [],
    } satisfies CreateTicketInput;
    api
      .post<TicketDetail>('/api/v1/tickets', body)
      .then((ticket) => navigate(ticketHref(ticket.id)))
      .catch((err: unknown) => {
        showError(errors, err, form);
        submit.disabled = false;
      });
  });

  return { title: t('ticketNew.title'), node: h('section', { class: 'narrow' }, pageHeading(t('ticketNew.title')), form) };
};
