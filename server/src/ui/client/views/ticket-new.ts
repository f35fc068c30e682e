import type { CreateTicketInput, TicketType } from '@parc/shared/api';
import { TICKET_TYPES } from '@parc/shared/api/enums';
import { api } from '../api.js';
import { h } from '../dom.js';
import { levelLabel, personName } from '../format.js';
import { intParam } from '../query.js';
import { ticketHref, ticketsHref } from '../routes.js';
import type { Category, DeviceDetail, DeviceSummary, TicketDetail, User } from '../types.js';
import { chosen, field, input, select, textarea } from '../ui/fields.js';
import { pageHeading } from '../ui/heading.js';
import { alertRegion, showError } from '../ui/notice.js';
import type { ViewFn } from '../view.js';
import { devicePicker } from './device-picker.js';

const LEVELS = [5, 4, 3, 2, 1].map((n) => [String(n), `${n} · ${levelLabel(n)}`] as const);
const TYPE_LABELS: Record<TicketType, string> = { incident: 'Incident: something is broken', request: 'Request: something is needed' };

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

  const title = input({ name: 'title', required: true, maxlength: 255 });
  const description = textarea({ name: 'description', required: true, rows: 6 });
  const type = select('type', TICKET_TYPES.map((t) => [t, TYPE_LABELS[t]] as const));
  const urgency = select('urgency', LEVELS, '3');
  const impact = select('impact', LEVELS, '3');
  const category = select('categoryId', [['', 'No category'], ...categories.map((c) => [String(c.id), c.path] as const)]);
  const requester = staff
    ? select('requesterId', users.filter((u) => !u.disabled).map((u) => [String(u.id), `${personName(u)} (${u.username})`] as const), String(session.user.id))
    : null;
  const picker = session.can.seeDevices ? devicePicker(preset) : null;
  const errors = alertRegion();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Open the ticket');

  const form = h(
    'form',
    { class: 'card stack ticket-form', novalidate: true },
    errors,
    field('Title', title, { hint: 'One line: what is wrong or what is needed.' }),
    field('Description', description, { hint: 'What happened, since when, what you already tried.' }),
    h('div', { class: 'row' }, field('Type', type), field('Urgency', urgency, { hint: 'How soon it must be fixed.' }), field('Impact', impact, { hint: 'How many people it stops.' })),
    h('div', { class: 'row' }, field('Category', category, { class: 'grow' }), requester && field('Requester', requester, { class: 'grow' })),
    picker?.node,
    h('div', { class: 'form-buttons' }, submit, h('a', { class: 'btn btn-quiet', href: ticketsHref() }, 'Cancel')),
  );

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const missing = [title, description].find((f) => !f.value.trim());
    if (missing) {
      showError(errors, new Error(`${missing === title ? 'Title' : 'Description'} is required.`));
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
      .then((t) => navigate(ticketHref(t.id)))
      .catch((err: unknown) => {
        showError(errors, err, form);
        submit.disabled = false;
      });
  });

  return { title: 'New ticket', node: h('section', { class: 'narrow' }, pageHeading('New ticket'), form) };
};
