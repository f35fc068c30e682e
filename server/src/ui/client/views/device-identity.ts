import type { PatchDeviceBody } from '@parc/shared/api';
import { ASSET_TYPES } from '@parc/shared/api/asset-enums';
import { api } from '../api.js';
import { assetTypeLabel } from '../asset-labels.js';
import { h } from '../dom.js';
import { t } from '../i18n/i18n.js';
import type { DeviceDetail } from '../types.js';
import { chosen, field, input, select } from '../ui/fields.js';
import { alertRegion, showError, showSuccess } from '../ui/notice.js';

/**
 * What a manual or discovered asset is (name, type, manufacturer, model, serial), editable by people; an
 * agent's inventory owns these on the computers it reports, so this form is never offered there. Only
 * what changed is sent; an emptied optional field is sent as null.
 */
export function assetIdentityForm(d: DeviceDetail, saved: (next: DeviceDetail) => void): HTMLFormElement {
  const type = select('type', ASSET_TYPES.map((v) => [v, assetTypeLabel(v)] as const), d.type);
  const name = input({ name: 'name', value: d.hostname, required: true, maxlength: 256 });
  const optional = {
    manufacturer: input({ name: 'manufacturer', value: d.manufacturer ?? '', maxlength: 256 }),
    model: input({ name: 'model', value: d.model ?? '', maxlength: 256 }),
    serial: input({ name: 'serial', value: d.serial ?? '', maxlength: 256, autocomplete: 'off' }),
  };
  const region = alertRegion();
  const submit = h('button', { type: 'submit', class: 'btn' }, t('common.save'));
  const form = h(
    'form',
    { class: 'stack', novalidate: true },
    region,
    h('div', { class: 'row' }, field(t('assetRegister.field.type'), type), field(t('assetRegister.field.name'), name, { class: 'grow' })),
    h('div', { class: 'row' }, field(t('assetRegister.field.manufacturer'), optional.manufacturer, { class: 'grow' }), field(t('assetRegister.field.model'), optional.model, { class: 'grow' })),
    field(t('assetRegister.field.serial'), optional.serial),
    h('div', { class: 'form-buttons' }, submit),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body: PatchDeviceBody = {};
    if (type.value !== d.type) body.type = chosen(type, ASSET_TYPES);
    if (name.value.trim() !== d.hostname) body.name = name.value.trim();
    for (const key of Object.keys(optional) as (keyof typeof optional)[]) {
      const now = optional[key].value.trim();
      if (now !== (d[key] ?? '')) body[key] = now === '' ? null : now;
    }
    if (Object.keys(body).length === 0) return showSuccess(region, t('device.nothingToSave'));
    submit.disabled = true;
    api
      .patch<DeviceDetail>(`/api/v1/devices/${d.id}`, body)
      .then((next) => saved(next))
      .catch((err: unknown) => showError(region, err, form))
      .finally(() => (submit.disabled = false));
  });
  return form;
}
