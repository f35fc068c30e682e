import type { PatchDeviceBody } from '@parc/shared/api';
import { PEOPLE_DEVICE_STATUSES } from '@parc/shared/api/enums';
import { api } from '../api.js';
import { h } from '../dom.js';
import { deviceStatusLabel } from '../format.js';
import { t } from '../i18n/i18n.js';
import type { DeviceDetail } from '../types.js';
import { chosen, field, input, select, textarea } from '../ui/fields.js';
import { alertRegion, showError, showSuccess } from '../ui/notice.js';

/**
 * The fields people own (inventory never overwrites them). Only what changed is sent; an emptied field
 * is sent as null so it is cleared rather than left as it was.
 */
export function deviceEditForm(d: DeviceDetail, saved: (next: DeviceDetail) => void): HTMLElement {
  const fields = {
    location: input({ name: 'location', value: d.location ?? '', maxlength: 256 }),
    owner: input({ name: 'owner', value: d.owner ?? '', maxlength: 256 }),
    assetTag: input({ name: 'assetTag', value: d.assetTag ?? '', maxlength: 256 }),
    notes: textarea({ name: 'notes', rows: 3, maxlength: 10000 }),
  };
  fields.notes.value = d.notes ?? '';
  // "stale" is derived from last-seen, not a status people set: such a device is "active" underneath.
  const status = select('status', PEOPLE_DEVICE_STATUSES.map((s) => [s, deviceStatusLabel(s)] as const), d.status === 'stale' ? 'active' : d.status);
  const region = alertRegion();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.save'));
  const form = h(
    'form',
    { class: 'card stack', 'aria-label': t('device.assetDetails') },
    h('h2', null, t('device.assetDetails')),
    region,
    h('div', { class: 'row' }, field(t('device.field.status'), status), field(t('device.field.assetTag'), fields.assetTag)),
    h('div', { class: 'row' }, field(t('device.field.location'), fields.location, { class: 'grow' }), field(t('device.field.owner'), fields.owner, { class: 'grow' })),
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
    const statusBefore = d.status === 'stale' ? 'active' : d.status;
    if (status.value !== statusBefore) body.status = chosen(status, PEOPLE_DEVICE_STATUSES);
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
