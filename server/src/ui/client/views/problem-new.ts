import type { CreateProblemInput } from '@parc/shared/api';
import { api } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n/i18n.js';
import { itilApiPath } from '../itil.js';
import { idsParam } from '../query.js';
import { problemHref, problemsHref } from '../routes.js';
import type { Category, ProblemDetail, TicketDetail } from '../types.js';
import { field, textarea } from '../ui/fields.js';
import { pageHeading } from '../ui/heading.js';
import { alertRegion } from '../ui/notice.js';
import type { ViewFn } from '../view.js';
import { devicePicker } from './device-picker.js';
import { commonFields, devicesById, filledTexts, fromList, MAX_FROM, onSubmitNew } from './itil-new.js';

/**
 * Opening a problem, often from a set of tickets (`?ticketIds=3,5,8`, from the ticket list's selection or
 * a ticket's page): the tickets are listed, and their devices preset in the picker.
 */
export const newProblemView: ViewFn = async ({ route, navigate }) => {
  const ticketIds = idsParam(route.query.ticketIds).slice(0, MAX_FROM);
  const [categories, tickets] = await Promise.all([
    api.get<{ items: Category[] }>('/api/v1/ticket-categories').then((r) => r.items),
    Promise.all(ticketIds.map((id) => api.get<TicketDetail>(itilApiPath('ticket', id)))),
  ]);
  const preset = await devicesById(tickets.flatMap((tk) => tk.devices.map((d) => d.id)));
  const common = commonFields(categories);
  const texts = [
    { name: 'impactAnalysis', label: t('itil.field.impactAnalysis') },
    { name: 'rootCause', label: t('itil.field.rootCause') },
    { name: 'workaround', label: t('itil.field.workaround'), hint: t('itil.field.workaroundHint') },
    { name: 'permanentFix', label: t('itil.field.permanentFix') },
  ].map((f) => ({ ...f, el: textarea({ name: f.name, rows: 3 }) }));
  const picker = devicePicker(preset);
  const errors = alertRegion();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('itil.problemNew.submit'));
  const form = h(
    'form',
    { class: 'card stack ticket-form', novalidate: true },
    errors,
    fromList(t('itil.problemNew.fromTickets', { count: tickets.length }), tickets.map((tk) => ({ id: tk.id, kind: 'ticket' as const, title: tk.title, status: tk.status }))),
    common.nodes,
    texts.map((f) => field(f.label, f.el, f.hint ? { hint: f.hint } : {})),
    picker.node,
    h('div', { class: 'form-buttons' }, submit, h('a', { class: 'btn btn-quiet', href: problemsHref() }, t('common.cancel'))),
  );
  onSubmitNew(
    { form, errors, submit, common },
    () =>
      api
        .post<ProblemDetail>('/api/v1/problems', { ...common.body(), ...filledTexts(texts), ticketIds: tickets.map((tk) => tk.id), deviceIds: picker.selectedIds() } satisfies CreateProblemInput)
        .then((p) => problemHref(p.id)),
    navigate,
  );
  const title = t('itil.problemNew.title');
  return { title, node: h('section', { class: 'narrow' }, pageHeading(title), form) };
};
