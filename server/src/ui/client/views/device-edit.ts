import type { PatchDeviceBody } from '@parc/shared/api';
import { api } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n/i18n.js';
import type { DeviceDetail } from '../types.js';
import { field, input, textarea } from '../ui/fields.js';
import { alertRegion, showError, showSuccess } from '../ui/notice.js';

/**
 * The text fields people own (inventory never overwrites them); state, location and assigned user are
 * set in the "Location, state and assignment" section (device-placement.ts). Only what changed is sent;
 * an emptied field is sent as null so it is cleared rather than left as it was.
 */
export function deviceEditForm(d: DeviceDetail, saved: (next: DeviceDetail) => void): HTMLElement {
  const fields = {
    owner: input({ name: 'owner', value: d.owner ?? '', maxlength: 256 }),
    assetTag: input({ name: 'assetTag', value: d.assetTag ?? '', maxlength: 256 }),
    notes: textarea({ name: 'notes', rows: 3, maxlength: 10000 }),
  };
  fields.notes.value = d.notes ?? '';
  const region = alertRegion();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.save'));
  const form = h(
    'form',
    { class: 'card stack', 'aria-label': t('device.assetDetails') },
    h('h2', null, t('device.assetDetails')),
    region,
    h('div', { class: 'row' }, field(t('device.field.assetTag'), fields.assetTag), field(t('device.field.owner'), fields.owner, { class: 'grow' })),
    field(t('device.field.notes'), fields.notes),
    h('div', { class: 'form-buttons' }, submit),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body: PatchDeviceBody = {};
    for (const key of Object.keys(fields) as (keyof typeof fields)[]) {
      const before = d[key] ?? '';
      const now = fields[key].value.trim();
      if (now !== before) body[key] = now === '' ? null : now;
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
