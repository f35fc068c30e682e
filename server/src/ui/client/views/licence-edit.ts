import type { LicenceDetail, SoftwareList } from '@parc/shared/api';
import { LICENCE_METRICS } from '@parc/shared/api/licence-enums';
import { api } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n/i18n.js';
import { metricLabel } from '../licence-format.js';
import { complianceProductHref, licencesHref } from '../routes.js';
import { field, input, select, textarea } from '../ui/fields.js';
import { flash, takeFlash } from '../ui/flash.js';
import { onSubmit } from '../ui/form.js';
import { pageHeading } from '../ui/heading.js';
import { alertRegion, showError } from '../ui/notice.js';
import type { ViewFn } from '../view.js';

const text = (el: HTMLInputElement | HTMLTextAreaElement) => (el.value.trim() === '' ? null : el.value.trim());
const num = (el: HTMLInputElement) => (el.value.trim() === '' ? null : Number(el.value.replace(',', '.')));

/**
 * A licence, new or existing: product, version range, metric, seats, dates, cost, vendor, reference and
 * notes. A new one can come from compliance with the product and the missing seats filled in; after
 * saving, the product's compliance is shown. Technicians see it read-only.
 */
export const licenceEditView: ViewFn = async ({ route, session, navigate }) => {
  if (route.name !== 'licence-edit') throw new Error('not a licence route');
  const id = route.id;
  const [existing, products] = await Promise.all([
    id === null ? Promise.resolve(null) : api.get<LicenceDetail>(`/api/v1/licences/${id}`),
    api.get<SoftwareList>('/api/v1/software', { limit: 500 }),
  ]);
  const readOnly = !session.can.manageLicences;
  const q = route.query;
  const productId = String(existing?.productId ?? q.productId ?? '');
  const options = products.items.map((p) => [String(p.id), p.publisher ? `${p.name} (${p.publisher})` : p.name] as const);
  // The licence's product may be beyond the first page of the catalogue: keep it choosable.
  if (existing && !options.some(([v]) => v === productId)) options.unshift([productId, existing.product.name]);
  if (!existing && !q.productId) options.unshift(['', t('licences.form.pickProduct')]);

  const disabled = readOnly || undefined;
  const product = select('productId', options, productId, { required: true, disabled });
  const metric = select('metric', LICENCE_METRICS.map((m) => [m, metricLabel(m)] as const), existing?.metric ?? 'device', { disabled });
  const quantity = input({ name: 'quantity', type: 'number', min: 0, step: 1, value: existing?.quantity ?? q.quantity ?? '', disabled });
  const versionFrom = input({ name: 'versionFrom', value: existing?.versionFrom ?? '', disabled });
  const versionTo = input({ name: 'versionTo', value: existing?.versionTo ?? '', disabled });
  const startsOn = input({ name: 'startsOn', type: 'date', value: existing?.startsOn ?? '', disabled });
  const expiresOn = input({ name: 'expiresOn', type: 'date', value: existing?.expiresOn ?? '', disabled });
  const unitCost = input({ name: 'unitCost', type: 'number', min: 0, step: '0.0001', value: existing?.unitCost ?? '', disabled });
  const currency = input({ name: 'currency', value: existing?.currency ?? '', maxlength: 3, autocapitalize: 'characters', disabled });
  const vendor = input({ name: 'vendor', value: existing?.vendor ?? '', disabled });
  const reference = input({ name: 'reference', value: existing?.reference ?? '', disabled });
  const notes = textarea({ name: 'notes', disabled });
  notes.value = existing?.notes ?? '';
  const syncQuantity = () => (quantity.disabled = readOnly || metric.value === 'site');
  metric.addEventListener('change', syncQuantity);
  syncQuantity();

  const errors = alertRegion();
  const title = existing ? t('licences.form.editTitle', { product: existing.product.name }) : t('licences.form.newTitle');
  const form = h(
    'form',
    { class: 'stack card', 'aria-label': title, novalidate: true },
    errors,
    field(t('licences.field.product'), product),
    h('div', { class: 'row' }, field(t('licences.field.metric'), metric, { hint: t('licences.form.metricHint') }), field(t('licences.field.quantity'), quantity, { hint: t('licences.form.quantityHint') })),
    h('div', { class: 'row' }, field(t('licences.field.versionFrom'), versionFrom, { hint: t('licences.form.versionHint') }), field(t('licences.field.versionTo'), versionTo)),
    h('div', { class: 'row' }, field(t('licences.field.startsOn'), startsOn), field(t('licences.field.expiresOn'), expiresOn, { hint: t('licences.form.expiresHint') })),
    h('div', { class: 'row' }, field(t('licences.field.unitCost'), unitCost), field(t('licences.field.currency'), currency, { hint: t('licences.form.currencyHint') })),
    h('div', { class: 'row' }, field(t('licences.field.vendor'), vendor), field(t('licences.field.reference'), reference, { hint: t('licences.form.referenceHint') })),
    field(t('licences.field.notes'), notes),
    readOnly
      ? h('p', { class: 'muted' }, t('licences.readOnly'))
      : h(
          'div',
          { class: 'form-actions' },
          h('button', { type: 'submit', class: 'btn btn-primary' }, existing ? t('licences.form.save') : t('licences.form.create')),
          h('a', { class: 'btn btn-quiet', href: licencesHref() }, t('common.cancel')),
        ),
  );
  onSubmit(form, errors, async () => {
    if (!product.value) throw new Error(t('licences.form.productMissing'));
    const body = {
      productId: Number(product.value),
      metric: metric.value,
      quantity: metric.value === 'site' ? null : num(quantity),
      versionFrom: text(versionFrom),
      versionTo: text(versionTo),
      startsOn: text(startsOn),
      expiresOn: text(expiresOn),
      unitCost: num(unitCost),
      currency: text(currency)?.toUpperCase() ?? null,
      vendor: text(vendor),
      reference: text(reference),
      notes: text(notes),
    };
    const saved = existing ? await api.patch<LicenceDetail>(`/api/v1/licences/${existing.id}`, body) : await api.post<LicenceDetail>('/api/v1/licences', body);
    flash(existing ? t('licences.saved', { product: saved.product.name }) : t('licences.created', { product: saved.product.name }));
    navigate(complianceProductHref(saved.productId));
  });

  const remove =
    existing && !readOnly
      ? h(
          'button',
          {
            type: 'button',
            class: 'btn btn-danger',
            on: {
              click: () => {
                if (!window.confirm(t('licences.deleteConfirm', { product: existing.product.name }))) return;
                api
                  .delete(`/api/v1/licences/${existing.id}`)
                  .then(() => {
                    flash(t('licences.deleted', { product: existing.product.name }));
                    navigate(licencesHref());
                  })
                  .catch((err: unknown) => showError(errors, err));
              },
            },
          },
          t('licences.delete'),
        )
      : null;

  return { title, node: h('section', null, h('p', null, h('a', { href: licencesHref() }, t('licences.back'))), pageHeading(title, remove), takeFlash(), form) };
};
