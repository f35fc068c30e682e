import type { CreateDeviceBody } from '@parc/shared/api';
import { ASSET_TYPES } from '@parc/shared/api/asset-enums';
import { ApiError } from '../api.js';
import { api } from '../api.js';
import { assetTypeLabel } from '../asset-labels.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n/i18n.js';
import { deviceHref, devicesHref } from '../routes.js';
import type { DeviceDetail } from '../types.js';
import { chosen, field, input, select, textarea } from '../ui/fields.js';
import { pageHeading } from '../ui/heading.js';
import { alertRegion, showError } from '../ui/notice.js';
import type { ViewFn } from '../view.js';

/** The id of the asset a 409 names (same serial and type, or same asset tag), when the server gave it. */
function twinOf(err: unknown): number | null {
  if (!(err instanceof ApiError) || err.status !== 409) return null;
  const id = (err.details as { deviceId?: unknown } | undefined)?.deviceId;
  return typeof id === 'number' ? id : null;
}

/** "Register an asset": a manual record of anything no agent reports (or not yet). Empty fields are not sent. */
export const deviceNewView: ViewFn = async ({ navigate }) => {
  const type = select('type', ASSET_TYPES.map((v) => [v, assetTypeLabel(v)] as const), 'computer');
  const fields = {
    name: input({ name: 'name', required: true, maxlength: 256, autocomplete: 'off' }),
    manufacturer: input({ name: 'manufacturer', maxlength: 256 }),
    model: input({ name: 'model', maxlength: 256 }),
    serial: input({ name: 'serial', maxlength: 256, autocomplete: 'off' }),
    assetTag: input({ name: 'assetTag', maxlength: 256, autocomplete: 'off' }),
    notes: textarea({ name: 'notes', rows: 3, maxlength: 10000 }),
  };
  const region = alertRegion();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('assetRegister.new.submit'));
  const form = h(
    'form',
    { class: 'card stack', 'aria-label': t('assetRegister.new.title'), novalidate: true },
    region,
    h('p', { class: 'muted' }, t('assetRegister.new.intro')),
    h('div', { class: 'row' }, field(t('assetRegister.field.type'), type), field(t('assetRegister.field.name'), fields.name, { class: 'grow' })),
    h('div', { class: 'row' }, field(t('assetRegister.field.manufacturer'), fields.manufacturer, { class: 'grow' }), field(t('assetRegister.field.model'), fields.model, { class: 'grow' })),
    h('div', { class: 'row' }, field(t('assetRegister.field.serial'), fields.serial, { class: 'grow' }), field(t('assetRegister.field.assetTag'), fields.assetTag, { class: 'grow' })),
    field(t('assetRegister.field.notes'), fields.notes),
    h('div', { class: 'form-buttons' }, submit, h('a', { class: 'btn btn-quiet', href: devicesHref() }, t('assetRegister.new.cancel'))),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body: CreateDeviceBody = { type: chosen(type, ASSET_TYPES), name: fields.name.value.trim() };
    for (const key of ['manufacturer', 'model', 'serial', 'assetTag', 'notes'] as const) {
      const v = fields[key].value.trim();
      if (v !== '') body[key] = v;
    }
    submit.disabled = true;
    api
      .post<DeviceDetail>('/api/v1/devices', body)
      .then((d) => navigate(deviceHref(d.id)))
      .catch((err: unknown) => {
        showError(region, err, form);
        const twin = twinOf(err);
        if (twin !== null) replace(region, h('p', { class: 'notice notice-error' }, t('assetRegister.new.duplicate'), ' ', h('a', { href: deviceHref(twin) }, t('assetRegister.new.openExisting', { id: twin }))));
      })
      .finally(() => (submit.disabled = false));
  });
  return { title: t('assetRegister.new.title'), node: h('section', null, pageHeading(t('assetRegister.new.title')), form) };
};
