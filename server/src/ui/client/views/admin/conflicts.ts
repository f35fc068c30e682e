import type { MergeDevicesBody, ReassignDeviceBody, ReconcileConflict } from '@parc/shared/api';
import { api } from '../../api.js';
import { conflictDefaults, deviceLabel } from '../../conflict-logic.js';
import { h } from '../../dom.js';
import { formatDateTime, formatRelative } from '../../format.js';
import { t, type PlainKey } from '../../i18n/i18n.js';
import { intParam } from '../../query.js';
import { adminHref, deviceHref } from '../../routes.js';
import { pager } from '../../ui/pager.js';
import { field, select } from '../../ui/fields.js';
import { flash } from '../../ui/flash.js';
import { onSubmit } from '../../ui/form.js';
import { alertRegion } from '../../ui/notice.js';
import { table } from '../../ui/table.js';
import type { AdminPageFn } from './admin.js';

const NONE = '';
const PAGE = 50;
type ConflictState = 'open' | 'resolved' | 'all';
const STATE_LABELS: Record<ConflictState, PlainKey> = { open: 'adminConflicts.show.open', resolved: 'adminConflicts.show.resolved', all: 'adminConflicts.show.all' };
const RESOLUTION_LABELS: Record<NonNullable<ReconcileConflict['resolution']>, PlainKey> = {
  dismissed: 'adminConflicts.resolution.dismissed',
  merged: 'adminConflicts.resolution.merged',
  reassigned: 'adminConflicts.resolution.reassigned',
};

/**
 * Reconcile conflicts: uploads that pointed at a device they were not allowed to take, or at several.
 * For each open one, both devices side by side and the three ways out: merge, reassign, keep separate.
 */
export const conflictsPage: AdminPageFn = async ({ route, reload }) => {
  // Open ones by default; resolved ones stay readable (what was decided, when), paged.
  const state: ConflictState = route.query.state === 'resolved' || route.query.state === 'all' ? route.query.state : 'open';
  const offset = intParam(route.query.offset, 0);
  const { items, total } = await api.get<{ items: ReconcileConflict[]; total: number }>('/api/v1/reconcile-conflicts', { state, limit: PAGE, offset });
  const now = new Date();

  const devicesTable = (c: ReconcileConflict) =>
    table(
      t('adminConflicts.devicesOf', { id: c.id }),
      [t('adminConflicts.device'), t('adminConflicts.serial'), t('adminConflicts.agent'), t('adminConflicts.lastSeen')],
      c.devices.map((d) => [
        h('a', { href: deviceHref(d.id) }, deviceLabel(d)),
        d.serial ?? '—',
        d.agentId === null
          ? t('adminConflicts.noAgent')
          : h('span', null, h('code', null, d.agentId), ' ', h('span', { class: ['badge', d.agentActive ? 'status-assigned' : 'status-closed'] }, d.agentActive ? t('adminConflicts.agentActive') : t('adminConflicts.agentInactive'))),
        h('time', { datetime: d.lastSeenAt, title: formatDateTime(d.lastSeenAt) }, formatRelative(d.lastSeenAt, now)),
      ]),
      { empty: t('adminConflicts.devicesGone') },
    );

  const mergeForm = (c: ReconcileConflict) => {
    const defaults = conflictDefaults(c);
    const options = c.devices.map((d) => [String(d.id), deviceLabel(d)] as const);
    const keep = select('keep', options, String(defaults.keepId ?? ''));
    const absorb = select('absorb', options, String(defaults.absorbId ?? ''));
    const agentFrom = select('agentFrom', [['absorbed', t('adminConflicts.agentFromAbsorbed')], ['kept', t('adminConflicts.agentFromKept')]], 'absorbed');
    const errors = alertRegion();
    const form = h(
      'form',
      { class: 'stack', 'aria-label': t('adminConflicts.mergeForm', { id: c.id }), novalidate: true },
      errors,
      field(t('adminConflicts.keep'), keep, { hint: t('adminConflicts.keepHint') }),
      field(t('adminConflicts.absorb'), absorb, { hint: t('adminConflicts.absorbHint') }),
      field(t('adminConflicts.agentFrom'), agentFrom),
      h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('adminConflicts.merge'))),
    );
    onSubmit(form, errors, async () => {
      const body: MergeDevicesBody = { absorbId: Number(absorb.value), agentFrom: agentFrom.value === 'kept' ? 'kept' : 'absorbed', conflictId: c.id };
      await api.post(`/api/v1/devices/${Number(keep.value)}/merge`, body);
      flash(t('adminConflicts.merged', { absorbed: absorb.selectedOptions[0]?.text ?? '', kept: keep.selectedOptions[0]?.text ?? '' }));
      reload();
    });
    return form;
  };

  const reassignForm = (c: ReconcileConflict) => {
    const defaults = conflictDefaults(c);
    const device = select('device', c.devices.map((d) => [String(d.id), deviceLabel(d)] as const), String(defaults.keepId ?? ''));
    const agent = select('agent', [...defaults.agents.map((a) => [a, a] as const), [NONE, t('adminConflicts.unbind')] as const], defaults.agentId ?? NONE);
    const errors = alertRegion();
    const form = h(
      'form',
      { class: 'stack', 'aria-label': t('adminConflicts.reassignForm', { id: c.id }), novalidate: true },
      errors,
      field(t('adminConflicts.reassignDevice'), device),
      field(t('adminConflicts.reassignAgent'), agent, { hint: t('adminConflicts.reassignHint') }),
      h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn' }, t('adminConflicts.reassign'))),
    );
    onSubmit(form, errors, async () => {
      const body: ReassignDeviceBody = { agentId: agent.value === NONE ? null : agent.value, conflictId: c.id };
      await api.put(`/api/v1/devices/${Number(device.value)}/agent`, body);
      flash(t('adminConflicts.reassigned', { device: device.selectedOptions[0]?.text ?? '' }));
      reload();
    });
    return form;
  };

  const dismissForm = (c: ReconcileConflict) => {
    const errors = alertRegion();
    const form = h(
      'form',
      { class: 'stack', 'aria-label': t('adminConflicts.dismissForm', { id: c.id }), novalidate: true },
      errors,
      h('p', { class: 'muted small' }, t('adminConflicts.dismissHint')),
      h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn' }, t('adminConflicts.dismiss'))),
    );
    onSubmit(form, errors, async () => {
      await api.post(`/api/v1/reconcile-conflicts/${c.id}/resolve`);
      flash(t('adminConflicts.dismissed'));
      reload();
    });
    return form;
  };

  const card = (c: ReconcileConflict) =>
    h(
      'li',
      { class: 'card stack', 'aria-label': t('adminConflicts.conflict', { id: c.id }) },
      h(
        'p',
        { class: 'rule-head' },
        h('strong', null, c.hostname ?? '—'),
        h('span', { class: 'muted small' }, t('adminConflicts.seen', { when: formatDateTime(c.at) })),
        c.agentId ? h('span', { class: 'small' }, t('adminConflicts.fromAgent'), ' ', h('code', null, c.agentId)) : null,
      ),
      h('p', { class: 'small' }, t('adminConflicts.reason'), ' ', c.reason),
      devicesTable(c),
      c.resolvedAt !== null
        ? h(
            'p',
            { class: 'small' },
            h('span', { class: 'badge status-closed' }, c.resolution ? t(RESOLUTION_LABELS[c.resolution]) : t('adminConflicts.resolution.unknown')),
            ' ',
            t('adminConflicts.resolvedAt', { when: formatDateTime(c.resolvedAt) }),
          )
        : null,
      c.resolvedAt !== null ? null : c.devices.length >= 2 ? h('details', null, h('summary', null, t('adminConflicts.mergeSummary')), mergeForm(c)) : null,
      c.resolvedAt === null && c.devices.length >= 1 ? h('details', null, h('summary', null, t('adminConflicts.reassignSummary')), reassignForm(c)) : null,
      c.resolvedAt === null ? dismissForm(c) : null,
    );

  return {
    title: t('adminConflicts.title'),
    intro: t('adminConflicts.intro'),
    body: [
      h(
        'nav',
        { class: 'row-actions', 'aria-label': t('adminConflicts.show.label') },
        (Object.keys(STATE_LABELS) as ConflictState[]).map((s) =>
          h('a', { class: ['btn', 'btn-small', s === state ? 'btn-primary' : 'btn-quiet'], href: adminHref('conflicts', { state: s === 'open' ? undefined : s }), 'aria-current': s === state ? 'page' : undefined }, t(STATE_LABELS[s])),
        ),
      ),
      h('p', { class: 'muted small' }, state === 'open' ? t('adminConflicts.count', { n: total }) : t('adminConflicts.countAny', { n: total })),
      items.length ? h('ul', { class: 'plain stack' }, items.map(card)) : h('p', { class: 'empty' }, state === 'open' ? t('adminConflicts.empty') : t('adminConflicts.emptyAny')),
      pager(offset, items.length, total, PAGE, (o) => adminHref('conflicts', { state: state === 'open' ? undefined : state, offset: o || undefined })),
    ],
  };
};
