import type { Contract, Intervention, InterventionCreateBody } from '@parc/shared/api';
import { api } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { formatDate } from '../format.js';
import { t } from '../i18n/i18n.js';
import { ticketHref } from '../routes.js';
import type { Session } from '../session.js';
import { field, input, select, textarea } from '../ui/fields.js';
import { alertRegion, loadFailed, showError, showSuccess } from '../ui/notice.js';
import { table } from '../ui/table.js';
import { formatMoney, numberOrNull, textOrNull } from './asset-money.js';

export function interventionsTable(items: Intervention[], withDevice = false): HTMLElement {
  const columns = [t('interventions.column.date'), ...(withDevice ? [t('interventions.column.asset')] : []), t('interventions.column.description'), t('interventions.column.by'), t('interventions.column.cost'), t('interventions.column.ticket')];
  const rows = items.map((i) => [
    formatDate(i.performedOn),
    ...(withDevice ? [i.deviceName] : []),
    i.description,
    i.performedBy ?? '—',
    formatMoney(i.cost, i.currency),
    i.ticketId === null ? '—' : h('a', { href: ticketHref(i.ticketId) }, `#${i.ticketId}`),
  ]);
  return table(t('interventions.title'), columns, rows, { hideCaption: true, empty: t('interventions.none') });
}

/**
 * A small form logging an intervention on one asset, optionally from a ticket; `done` runs after it is
 * saved. Contracts covering the asset are offered (the server refuses one that does not cover it).
 */
export function interventionForm(deviceId: number, ticketId: number | null, done: (message: string) => void, label = t('interventions.add')): HTMLFormElement {
  const today = new Date().toISOString().slice(0, 10);
  const fields = {
    performedOn: input({ name: 'performedOn', type: 'date', value: today, required: true }),
    performedBy: input({ name: 'performedBy', maxlength: 200 }),
    description: textarea({ name: 'description', rows: 2, maxlength: 10000, required: true }),
    cost: input({ name: 'cost', type: 'number', min: '0', step: '0.01' }),
    currency: input({ name: 'currency', maxlength: 3, size: 4, placeholder: 'EUR' }),
  };
  const contract = select('contractId', [['', t('interventions.noContract')]]);
  void api.get<{ items: Contract[] }>(`/api/v1/devices/${deviceId}/contracts`).then(({ items }) => {
    for (const c of items) contract.append(h('option', { value: String(c.id) }, c.name));
  }).catch(() => undefined);
  const region = alertRegion();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('interventions.save'));
  const form = h(
    'form',
    { class: 'stack intervention-form', 'aria-label': label },
    h('h3', null, label),
    region,
    h('div', { class: 'row' }, field(t('interventions.column.date'), fields.performedOn), field(t('interventions.column.by'), fields.performedBy, { class: 'grow' })),
    field(t('interventions.column.description'), fields.description),
    h('div', { class: 'row' }, field(t('interventions.column.cost'), fields.cost), field(t('assetFinance.currency'), fields.currency), field(t('interventions.contract'), contract)),
    h('div', { class: 'form-buttons' }, submit),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body: InterventionCreateBody = {
      performedOn: fields.performedOn.value,
      performedBy: textOrNull(fields.performedBy.value),
      description: fields.description.value,
      cost: numberOrNull(fields.cost.value),
      currency: textOrNull(fields.currency.value),
      ticketId,
      contractId: contract.value ? Number(contract.value) : null,
    };
    submit.disabled = true;
    api
      .post<Intervention>(`/api/v1/devices/${deviceId}/interventions`, body)
      .then(() => {
        form.reset();
        fields.performedOn.value = today;
        showSuccess(region, t('interventions.saved'));
        done(t('interventions.saved'));
      })
      .catch((err: unknown) => showError(region, err, form))
      .finally(() => (submit.disabled = false));
  });
  return form;
}

/** The device page's "Interventions" section: the log, and for helpdesk staff a form adding to it. */
export function deviceInterventionsSection(deviceId: number, session: Session, logged: () => void): HTMLElement {
  const id = uid('sec');
  const list = h('div', null, h('p', { class: 'muted' }, t('assetFinance.loading')));
  const load = () =>
    api
      .get<{ items: Intervention[] }>(`/api/v1/devices/${deviceId}/interventions`)
      .then(({ items }) => replace(list, interventionsTable(items)))
      .catch((err: unknown) => replace(list, loadFailed(err, () => void load())));
  void load();
  const form = session.can.editDevices ? interventionForm(deviceId, null, () => { void load(); logged(); }) : null;
  return h('section', { class: 'card device-interventions', 'aria-labelledby': id }, h('h2', { id }, t('interventions.title')), list, form);
}
