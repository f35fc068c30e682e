import type { ContractCreateBody, ContractDetail, ContractList } from '@parc/shared/api';
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { formatNumber } from '../format.js';
import { t } from '../i18n/i18n.js';
import { formatCalendarDate } from '../licence-format.js';
import { contractHref, contractsHref, deviceHref } from '../routes.js';
import { field, input, textarea } from '../ui/fields.js';
import { pageHeading } from '../ui/heading.js';
import { alertRegion, showError, showSuccess } from '../ui/notice.js';
import { pager } from '../ui/pager.js';
import { table } from '../ui/table.js';
import type { ViewFn } from '../view.js';
import { formatMoney, numberOrNull, textOrNull } from './asset-money.js';
import { devicePicker } from './device-picker.js';

const LIMIT = 50;

/** The contract's fields as a form, for a new contract or an existing one; `saved` gets the answer. */
function contractForm(c: ContractDetail | null, saved: (next: ContractDetail) => void): HTMLFormElement {
  const f = {
    name: input({ name: 'name', value: c?.name ?? '', maxlength: 200, required: true }),
    number: input({ name: 'number', value: c?.number ?? '', maxlength: 200 }),
    supplier: input({ name: 'supplier', value: c?.supplier ?? '', maxlength: 200 }),
    startsOn: input({ name: 'startsOn', type: 'date', value: c?.startsOn ?? '' }),
    endsOn: input({ name: 'endsOn', type: 'date', value: c?.endsOn ?? '' }),
    cost: input({ name: 'cost', type: 'number', min: '0', step: '0.01', value: c?.cost === null || c === null ? '' : String(c.cost) }),
    currency: input({ name: 'currency', value: c?.currency ?? '', maxlength: 3, size: 4, placeholder: 'EUR' }),
    noticeDays: input({ name: 'noticeDays', type: 'number', min: '0', max: '3650', value: String(c?.noticeDays ?? 30) }),
    notes: textarea({ name: 'notes', rows: 2, maxlength: 10000 }),
  };
  f.notes.value = c?.notes ?? '';
  const region = alertRegion();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, c ? t('common.save') : t('contracts.create'));
  const title = c ? t('contracts.edit') : t('contracts.new');
  const form = h(
    'form',
    { class: 'card stack', 'aria-label': title },
    h('h2', null, title),
    region,
    h('div', { class: 'row' }, field(t('contracts.column.name'), f.name, { class: 'grow' }), field(t('contracts.column.number'), f.number), field(t('contracts.column.supplier'), f.supplier)),
    h('div', { class: 'row' }, field(t('contracts.column.startsOn'), f.startsOn), field(t('contracts.column.endsOn'), f.endsOn), field(t('contracts.noticeDays'), f.noticeDays, { hint: t('contracts.noticeDaysHint') })),
    h('div', { class: 'row' }, field(t('contracts.column.cost'), f.cost), field(t('assetFinance.currency'), f.currency)),
    field(t('contracts.notes'), f.notes),
    h('div', { class: 'form-buttons' }, submit),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body: ContractCreateBody = {
      name: f.name.value,
      number: textOrNull(f.number.value),
      supplier: textOrNull(f.supplier.value),
      startsOn: textOrNull(f.startsOn.value),
      endsOn: textOrNull(f.endsOn.value),
      cost: numberOrNull(f.cost.value),
      currency: textOrNull(f.currency.value),
      noticeDays: numberOrNull(f.noticeDays.value) ?? 30,
      notes: textOrNull(f.notes.value),
    };
    submit.disabled = true;
    (c ? api.patch<ContractDetail>(`/api/v1/contracts/${c.id}`, body) : api.post<ContractDetail>('/api/v1/contracts', body))
      .then(saved)
      .catch((err: unknown) => showError(region, err, form))
      .finally(() => (submit.disabled = false));
  });
  return form;
}

/** Maintenance contracts, soonest end first, searched by name, number or supplier, or ending before a date. */
export const contractsView: ViewFn = async ({ route, navigate }) => {
  const q = route.query;
  const offset = Number(q.offset) > 0 ? Number(q.offset) : 0;
  const list = await api.get<ContractList>('/api/v1/contracts', { search: q.search || undefined, endingBefore: q.endingBefore || undefined, offset: offset || undefined, limit: LIMIT });
  const filters = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('contracts.filter') },
    field(t('common.search'), input({ name: 'search', type: 'search', value: q.search ?? '' }), { class: 'grow' }),
    field(t('contracts.endingBefore'), input({ name: 'endingBefore', type: 'date', value: q.endingBefore ?? '' })),
    h('div', { class: 'filter-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.search')), h('a', { class: 'btn btn-quiet', href: contractsHref() }, t('common.reset'))),
  );
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    for (const [k, v] of new FormData(filters)) if (typeof v === 'string' && v.trim() !== '') next[k] = v.trim();
    navigate(contractsHref(next));
  });
  const rows = list.items.map((c) => [
    h('a', { href: contractHref(c.id), class: 'strong' }, c.name),
    c.number ?? '—',
    c.supplier ?? '—',
    `${formatCalendarDate(c.startsOn)} → ${formatCalendarDate(c.endsOn)}`,
    formatMoney(c.cost, c.currency),
    formatNumber(c.deviceCount),
  ]);
  const columns = [t('contracts.column.name'), t('contracts.column.number'), t('contracts.column.supplier'), t('contracts.column.period'), t('contracts.column.cost'), t('contracts.column.assets')];
  return {
    title: t('contracts.title'),
    node: h(
      'section',
      null,
      pageHeading(t('contracts.title')),
      filters,
      table(t('contracts.title'), columns, rows, { hideCaption: true, empty: t('contracts.none') }),
      pager(offset, list.items.length, list.total, LIMIT, (at) => contractsHref({ ...q, offset: at || undefined })),
      contractForm(null, (c) => navigate(contractHref(c.id))),
    ),
  };
};

/** One contract: its terms (editable), and the assets it covers, with adding and removing. */
export const contractView: ViewFn = async ({ route }) => {
  if (route.name !== 'contract') throw new Error('not a contract route');
  const first = await api.get<ContractDetail>(`/api/v1/contracts/${route.id}`);
  const root = h('article', { class: 'contract' });
  const render = (c: ContractDetail, message?: string) => {
    const region = alertRegion();
    if (message) showSuccess(region, message);
    const picker = devicePicker([]);
    const add = h('button', { type: 'button', class: 'btn btn-primary' }, t('contracts.addAssets'));
    const change = (method: 'post' | 'delete', ids: number[], done: string) => {
      const call = method === 'post' ? api.post<unknown>(`/api/v1/contracts/${c.id}/devices`, { deviceIds: ids }) : api.delete<unknown>(`/api/v1/contracts/${c.id}/devices`, { deviceIds: ids });
      call
        .then(() => api.get<ContractDetail>(`/api/v1/contracts/${c.id}`))
        .then((next) => render(next, done))
        .catch((err: unknown) => showError(region, err));
    };
    add.addEventListener('click', () => {
      const ids = picker.selectedIds();
      if (ids.length > 0) change('post', ids, t('contracts.assetsAdded'));
    });
    const rows = c.devices.map((d) => [
      h('a', { href: deviceHref(d.id) }, d.hostname),
      d.assetTag ?? '—',
      h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'aria-label': t('contracts.removeAssetLabel', { name: d.hostname }), on: { click: () => change('delete', [d.id], t('contracts.assetRemoved')) } }, t('contracts.removeAsset')),
    ]);
    replace(
      root,
      h('p', { class: 'crumbs' }, h('a', { href: contractsHref() }, t('contracts.title')), ' / ', c.name),
      pageHeading(c.name),
      region,
      h(
        'section',
        { class: 'card stack', 'aria-label': t('contracts.assets', { count: c.devices.length }) },
        h('h2', null, t('contracts.assets', { count: c.devices.length })),
        table(t('contracts.assets', { count: c.devices.length }), [t('contracts.column.asset'), t('contracts.column.assetTag'), ''], rows, { hideCaption: true, empty: t('contracts.noAssets') }),
        picker.node,
        h('div', { class: 'form-buttons' }, add),
      ),
      contractForm(c, (next) => render(next, t('contracts.saved'))),
    );
  };
  render(first);
  return { title: first.name, node: root };
};
