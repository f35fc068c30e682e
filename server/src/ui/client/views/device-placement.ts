import type { AssetStateList, CheckoutList, LocationList } from '@parc/shared/api';
import { api } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { assetStateLabel, formatDate, formatDateTime, personName } from '../format.js';
import { t } from '../i18n/i18n.js';
import type { DeviceDetail, User } from '../types.js';
import { field, input, select, textarea } from '../ui/fields.js';
import { kv } from '../ui/kv.js';
import { onSubmit } from '../ui/form.js';
import { alertRegion } from '../ui/notice.js';
import { table } from '../ui/table.js';

/**
 * The asset page's "Location, state and assignment" section: where it is, its state, who has it; for
 * editors, the controls to change them and to check it out to someone or back in; the check-out history.
 * `saved` re-renders the page with the device as the server now has it.
 */
export function placementSection(d: DeviceDetail, canEdit: boolean, saved: (next: DeviceDetail, message: string) => void): HTMLElement {
  const id = uid('sec');
  const body = h('div', { class: 'stack', 'aria-busy': 'true' }, h('p', { class: 'muted' }, t('placement.loading')));
  const root = h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, t('placement.title')), body);
  const reread = async (message: string) => saved(await api.get<DeviceDetail>(`/api/v1/devices/${d.id}`), message);

  Promise.all([
    api.get<CheckoutList>(`/api/v1/devices/${d.id}/checkouts`),
    canEdit ? api.get<LocationList>('/api/v1/locations') : Promise.resolve({ items: [] }),
    canEdit ? api.get<AssetStateList>('/api/v1/asset-states') : Promise.resolve({ items: [] }),
    canEdit ? api.get<{ items: User[] }>('/api/v1/users') : Promise.resolve({ items: [] as User[] }),
  ])
    .then(([checkouts, locations, states, users]) => {
      const open = checkouts.items.find((c) => c.checkedInAt === null) ?? null;
      const facts = kv([
        [t('placement.state'), d.stale ? `${assetStateLabel(d.state, d.stateLabel)} (${assetStateLabel('stale')})` : assetStateLabel(d.state, d.stateLabel)],
        [t('placement.location'), d.location ?? '—'],
        [t('placement.user'), d.user ? personName(d.user) : '—'],
        ...(open ? [[t('placement.checkedOut'), t('placement.checkedOutTo', { who: personName(open.user), date: formatDateTime(open.checkedOutAt) })] as const] : []),
        ...(open?.dueOn ? [[t('placement.due'), open.overdue ? t('placement.overdue', { date: formatDate(open.dueOn) }) : formatDate(open.dueOn)] as const] : []),
      ]);
      const stateOptions = states.items.map((s) => [s.code, assetStateLabel(s.code, s.label)] as const);
      const userOptions = users.items.filter((u) => !u.disabled).map((u) => [String(u.id), personName(u)] as const);
      const parts: (HTMLElement | null)[] = [facts];

      if (canEdit) {
        const location = select('locationId', [['', t('placement.nowhere')], ...locations.items.map((l) => [String(l.id), l.path] as const)], d.locationId === null ? '' : String(d.locationId));
        const state = select('state', stateOptions, d.state);
        const user = select('userId', [['', t('placement.nobody')], ...userOptions], d.user ? String(d.user.id) : '');
        const errors = alertRegion();
        const form = h(
          'form',
          { class: 'stack', 'aria-label': t('placement.edit'), novalidate: true },
          errors,
          h('div', { class: 'row' }, field(t('placement.location'), location, { class: 'grow' }), field(t('placement.state'), state), field(t('placement.user'), user)),
          h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.save'))),
        );
        onSubmit(form, errors, async () => {
          const patch: Record<string, unknown> = {};
          const locationId = location.value ? Number(location.value) : null;
          const userId = user.value ? Number(user.value) : null;
          if (locationId !== d.locationId) patch.locationId = locationId;
          if (state.value !== d.state) patch.state = state.value;
          if (userId !== (d.user?.id ?? null)) patch.userId = userId;
          if (Object.keys(patch).length === 0) return;
          await api.patch(`/api/v1/devices/${d.id}`, patch);
          await reread(t('placement.saved'));
        });
        parts.push(form, open ? checkinForm(d.id, stateOptions, reread) : checkoutForm(d.id, stateOptions, userOptions, reread));
      }
      parts.push(history(checkouts));
      body.setAttribute('aria-busy', 'false');
      replace(body, ...parts.filter((p): p is HTMLElement => p !== null));
    })
    .catch(() => {
      body.setAttribute('aria-busy', 'false');
      replace(body, h('p', { class: 'notice' }, t('placement.loadFailed')));
    });
  return root;
}

type Options = readonly (readonly [string, string])[];

function checkoutForm(deviceId: number, states: Options, users: Options, reread: (m: string) => Promise<void>): HTMLElement {
  const user = select('userId', [['', t('placement.choosePerson')], ...users], '');
  const due = input({ name: 'dueOn', type: 'date' });
  const state = select('state', states, 'in_use');
  const notes = textarea({ name: 'notes', rows: 2, maxlength: 2000 });
  const errors = alertRegion();
  const form = h(
    'form',
    { class: 'stack', 'aria-label': t('placement.checkout'), novalidate: true },
    h('h3', null, t('placement.checkout')),
    errors,
    h('div', { class: 'row' }, field(t('placement.person'), user, { class: 'grow' }), field(t('placement.dueOn'), due), field(t('placement.stateAfter'), state)),
    field(t('placement.notes'), notes),
    h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn' }, t('placement.checkoutButton'))),
  );
  onSubmit(form, errors, async () => {
    await api.post(`/api/v1/devices/${deviceId}/checkout`, {
      userId: user.value ? Number(user.value) : 0,
      state: state.value,
      ...(due.value ? { dueOn: due.value } : {}),
      ...(notes.value.trim() ? { notes: notes.value } : {}),
    });
    await reread(t('placement.checkedOutDone'));
  });
  return form;
}

function checkinForm(deviceId: number, states: Options, reread: (m: string) => Promise<void>): HTMLElement {
  const state = select('state', states, 'in_stock');
  const notes = textarea({ name: 'notes', rows: 2, maxlength: 2000 });
  const errors = alertRegion();
  const form = h(
    'form',
    { class: 'stack', 'aria-label': t('placement.checkin'), novalidate: true },
    h('h3', null, t('placement.checkin')),
    errors,
    h('div', { class: 'row' }, field(t('placement.stateAfter'), state)),
    field(t('placement.notes'), notes),
    h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn' }, t('placement.checkinButton'))),
  );
  onSubmit(form, errors, async () => {
    await api.post(`/api/v1/devices/${deviceId}/checkin`, { state: state.value, ...(notes.value.trim() ? { notes: notes.value } : {}) });
    await reread(t('placement.checkedInDone'));
  });
  return form;
}

function history(list: CheckoutList): HTMLElement {
  const rows = list.items.map((c) => [
    personName(c.user),
    formatDateTime(c.checkedOutAt),
    c.dueOn ? (c.overdue ? t('placement.overdue', { date: formatDate(c.dueOn) }) : formatDate(c.dueOn)) : '—',
    c.checkedInAt ? formatDateTime(c.checkedInAt) : t('placement.stillOut'),
    c.notes ?? '—',
  ]);
  return table(t('placement.history'), [t('placement.person'), t('placement.out'), t('placement.dueOn'), t('placement.back'), t('placement.notes')], rows, { empty: t('placement.noCheckout') });
}
