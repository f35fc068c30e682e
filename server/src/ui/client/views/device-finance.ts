import type { AssetFinance, AssetFinanceBody } from '@parc/shared/api';
import { api } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { formatDate } from '../format.js';
import { t } from '../i18n/i18n.js';
import type { Session } from '../session.js';
import { field, input, select } from '../ui/fields.js';
import { kv } from '../ui/kv.js';
import { alertRegion, loadFailed, showError, showSuccess } from '../ui/notice.js';
import { formatMoney, numberOrNull, textOrNull } from './asset-money.js';

/** "Expires in 20 days", "Expired", "Active": the warranty's state as a badge with its meaning in words. */
export function warrantyBadge(f: Pick<AssetFinance, 'warrantyStatus' | 'daysLeft'>): HTMLElement {
  const label =
    f.warrantyStatus === 'none'
      ? t('assetFinance.status.none')
      : f.warrantyStatus === 'expired'
        ? t('assetFinance.status.expired')
        : f.warrantyStatus === 'expiring'
          ? t('assetFinance.status.expiring', { days: f.daysLeft ?? 0 })
          : t('assetFinance.status.active', { days: f.daysLeft ?? 0 });
  return h('span', { class: ['badge', `warranty-${f.warrantyStatus}`], 'data-warranty': f.warrantyStatus }, label);
}

/** The device page's "Finance and warranty" section: what follows from the record, and its form for the three staff roles. */
export function deviceFinanceSection(deviceId: number, session: Session): HTMLElement {
  const id = uid('sec');
  const body = h('div', { class: 'stack' }, h('p', { class: 'muted' }, t('assetFinance.loading')));
  const root = h('section', { class: 'card device-finance', 'aria-labelledby': id }, h('h2', { id }, t('assetFinance.title')), body);
  const load = (message?: string) =>
    api
      .get<AssetFinance>(`/api/v1/devices/${deviceId}/finance`)
      .then((f) => replace(body, summary(f), session.can.seeLicences ? form(f, message) : null))
      .catch((err: unknown) => replace(body, loadFailed(err, () => void load())));
  void load();

  const summary = (f: AssetFinance) =>
    kv([
      [t('assetFinance.warrantyEnds'), f.warrantyEndsOn ? formatDate(f.warrantyEndsOn) : '—'],
      [t('assetFinance.warrantyStatus'), warrantyBadge(f)],
      [t('assetFinance.currentValue'), h('span', { class: 'current-value' }, f.depreciationMethod === 'linear' ? formatMoney(f.currentValue, f.currency) : t('assetFinance.noDepreciation'))],
    ]);

  const form = (f: AssetFinance, message?: string) => {
    const date = (name: string, value: string | null) => input({ name, type: 'date', value: value ?? '' });
    const text = (name: string, value: string | null) => input({ name, value: value ?? '', maxlength: 200 });
    const num = (name: string, value: number | null, step = '1') => input({ name, type: 'number', min: '0', step, value: value === null ? '' : String(value) });
    const fields = {
      purchaseDate: date('purchaseDate', f.purchaseDate),
      supplier: text('supplier', f.supplier),
      orderNumber: text('orderNumber', f.orderNumber),
      invoiceNumber: text('invoiceNumber', f.invoiceNumber),
      cost: num('cost', f.cost, '0.01'),
      currency: input({ name: 'currency', value: f.currency ?? '', maxlength: 3, size: 4, placeholder: 'EUR' }),
      warrantyStart: date('warrantyStart', f.warrantyStart),
      warrantyMonths: num('warrantyMonths', f.warrantyMonths),
      depreciationMonths: num('depreciationMonths', f.depreciationMonths),
    };
    const method = select('depreciationMethod', [['none', t('assetFinance.method.none')], ['linear', t('assetFinance.method.linear')]], f.depreciationMethod);
    const region = alertRegion();
    const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.save'));
    const el = h(
      'form',
      { class: 'stack', 'aria-label': t('assetFinance.title') },
      region,
      h('div', { class: 'row' }, field(t('assetFinance.purchaseDate'), fields.purchaseDate), field(t('assetFinance.supplier'), fields.supplier, { class: 'grow' })),
      h('div', { class: 'row' }, field(t('assetFinance.orderNumber'), fields.orderNumber), field(t('assetFinance.invoiceNumber'), fields.invoiceNumber)),
      h('div', { class: 'row' }, field(t('assetFinance.cost'), fields.cost), field(t('assetFinance.currency'), fields.currency)),
      h('div', { class: 'row' }, field(t('assetFinance.warrantyStart'), fields.warrantyStart, { hint: t('assetFinance.warrantyStartHint') }), field(t('assetFinance.warrantyMonths'), fields.warrantyMonths)),
      h('div', { class: 'row' }, field(t('assetFinance.depreciationMethod'), method), field(t('assetFinance.depreciationMonths'), fields.depreciationMonths)),
      h('div', { class: 'form-buttons' }, submit),
    );
    if (message) showSuccess(region, message);
    el.addEventListener('submit', (e) => {
      e.preventDefault();
      const b: AssetFinanceBody = {
        purchaseDate: textOrNull(fields.purchaseDate.value),
        supplier: textOrNull(fields.supplier.value),
        orderNumber: textOrNull(fields.orderNumber.value),
        invoiceNumber: textOrNull(fields.invoiceNumber.value),
        cost: numberOrNull(fields.cost.value),
        currency: textOrNull(fields.currency.value),
        warrantyStart: textOrNull(fields.warrantyStart.value),
        warrantyMonths: numberOrNull(fields.warrantyMonths.value),
        depreciationMethod: method.value === 'linear' ? 'linear' : 'none',
        depreciationMonths: numberOrNull(fields.depreciationMonths.value),
      };
      submit.disabled = true;
      api
        .put<AssetFinance>(`/api/v1/devices/${deviceId}/finance`, b)
        .then(() => load(t('assetFinance.saved')))
        .catch((err: unknown) => showError(region, err, el))
        .finally(() => (submit.disabled = false));
    });
    return el;
  };
  return root;
}
