import type { SoftwareDetail } from '@parc/shared/api';
import { api } from '../api.js';
import { h } from '../dom.js';
import { formatDateTime, formatNumber, formatRelative } from '../format.js';
import { t } from '../i18n/i18n.js';
import { deviceStateLabel } from '../licence-format.js';
import { complianceProductHref, deviceHref, softwareHref, softwareProductHref } from '../routes.js';
import { checkbox, field, input } from '../ui/fields.js';
import { flash, takeFlash } from '../ui/flash.js';
import { onSubmit } from '../ui/form.js';
import { pageHeading } from '../ui/heading.js';
import { kv } from '../ui/kv.js';
import { alertRegion } from '../ui/notice.js';
import { pager } from '../ui/pager.js';
import { table } from '../ui/table.js';
import type { ViewFn } from '../view.js';

/**
 * One catalogue product: its versions, the inventoried titles counted under it, the devices that have it,
 * and (for licence managers and admins) whether it is licensable and its category.
 */
export const softwareProductView: ViewFn = async ({ route, session, reload }) => {
  if (route.name !== 'software-product') throw new Error('not a software route');
  const id = route.id;
  const offset = Number(route.query.offset) > 0 ? Number(route.query.offset) : undefined;
  const p = await api.get<SoftwareDetail>(`/api/v1/software/${id}`, { offset });
  const now = new Date();

  let editor: HTMLElement | null = null;
  if (session.can.manageLicences) {
    const licensable = checkbox('licensable', p.licensable);
    const category = input({ name: 'category', value: p.category ?? '', maxlength: 100 });
    const errors = alertRegion();
    const form = h(
      'form',
      { class: 'card stack', 'aria-label': t('software.editLabel') },
      errors,
      field(t('software.field.licensable'), licensable, { inline: true, hint: t('software.licensableHint') }),
      field(t('software.field.category'), category),
      h('div', null, h('button', { type: 'submit', class: 'btn btn-primary' }, t('software.save'))),
    );
    onSubmit(form, errors, async () => {
      await api.patch(`/api/v1/software/${id}`, { licensable: licensable.checked, category: category.value.trim() || null });
      flash(t('software.saved', { name: p.name }));
      reload();
    });
    editor = form;
  }

  const rows = p.devices.items.map((d) => [
    h('a', { href: deviceHref(d.deviceId), class: 'strong' }, d.hostname),
    d.lastUser ?? '—',
    h('time', { datetime: d.lastSeenAt, title: formatDateTime(d.lastSeenAt) }, formatRelative(d.lastSeenAt, now)),
    deviceStateLabel(d.state),
    d.versions.join(', '),
  ]);
  return {
    title: p.name,
    node: h(
      'section',
      null,
      h('p', null, h('a', { href: softwareHref() }, t('software.back'))),
      pageHeading(p.name, p.licensable ? h('a', { class: 'btn btn-quiet', href: complianceProductHref(id) }, t('software.compliance')) : null),
      takeFlash(),
      kv([
        [t('software.field.publisher'), p.publisher ?? '—'],
        [t('software.field.category'), p.category ?? '—'],
        [t('software.field.licensable'), p.licensable ? t('software.licensableYes') : t('software.licensableNo')],
        [t('software.field.devices'), formatNumber(p.installCount)],
        [t('software.aliases'), p.aliases.map((a) => a.name).join(', ') || '—'],
      ]),
      editor,
      table(t('software.versionsCaption'), [t('software.field.version'), t('software.field.devices')], p.versions.map((v) => [v.version, formatNumber(v.installCount)]), { empty: t('software.noVersion') }),
      h('h2', null, t('software.devicesHeading')),
      table(t('software.devicesCaption', { count: p.devices.total }), [t('compliance.drill.device'), t('compliance.drill.lastUser'), t('compliance.drill.lastSeen'), t('compliance.drill.state'), t('software.field.versions')], rows, { hideCaption: true, empty: t('software.noDevice') }),
      pager(p.devices.offset, p.devices.items.length, p.devices.total, p.devices.limit, (o) => softwareProductHref(id, { offset: o || undefined })),
    ),
  };
};
