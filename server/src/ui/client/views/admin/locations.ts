import type { Location, LocationList } from '@parc/shared/api';
import { LOCATION_KINDS } from '@parc/shared/api/enums';
import { api } from '../../api.js';
import { h } from '../../dom.js';
import { formatNumber } from '../../format.js';
import { t, type PlainKey } from '../../i18n/i18n.js';
import { field, input, select } from '../../ui/fields.js';
import { flash } from '../../ui/flash.js';
import { onSubmit } from '../../ui/form.js';
import { alertRegion, showError } from '../../ui/notice.js';
import type { AdminPageFn } from './admin.js';

const KIND_LABELS: Record<(typeof LOCATION_KINDS)[number], PlainKey> = {
  site: 'adminLocations.kind.site',
  building: 'adminLocations.kind.building',
  floor: 'adminLocations.kind.floor',
  room: 'adminLocations.kind.room',
  other: 'adminLocations.kind.other',
};
export const locationKindLabel = (k: string) => (Object.hasOwn(KIND_LABELS, k) ? t(KIND_LABELS[k as keyof typeof KIND_LABELS]) : k);
const kindOptions = LOCATION_KINDS.map((k) => [k, locationKindLabel(k)] as const);

/** The location tree, indented: add a child, rename, re-kind, move, delete (the server says why not). */
export const locationsPage: AdminPageFn = async ({ reload }) => {
  const items = (await api.get<LocationList>('/api/v1/locations')).items;
  const listErrors = alertRegion();
  // The next level's usual kind: a site holds buildings, a building floors, a floor rooms.
  const childKind = (parent: Location | null) => (parent === null ? 'site' : (LOCATION_KINDS[LOCATION_KINDS.indexOf(parent.kind) + 1] ?? 'other'));

  const addForm = (parent: Location | null): HTMLFormElement => {
    const name = input({ name: 'name', required: true, maxlength: 128 });
    const kind = select('kind', kindOptions, childKind(parent));
    const errors = alertRegion();
    const el = h(
      'form',
      { class: 'stack', 'aria-label': parent ? t('adminLocations.addUnder', { path: parent.path }) : t('adminLocations.addSite'), novalidate: true },
      errors,
      h('div', { class: 'row' }, field(t('admin.name'), name, { class: 'grow' }), field(t('adminLocations.kind'), kind)),
      h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('adminLocations.add'))),
    );
    onSubmit(el, errors, async () => {
      await api.post('/api/v1/locations', { name: name.value, kind: kind.value, parentId: parent?.id ?? null });
      flash(t('adminLocations.added', { name: name.value.trim() }));
      reload();
    });
    return el;
  };

  const editForm = (l: Location): HTMLFormElement => {
    const name = input({ name: 'name', value: l.name, required: true, maxlength: 128 });
    const kind = select('kind', kindOptions, l.kind);
    // Anywhere but under itself (the server refuses that too, with a 409).
    const below = new Set(items.filter((x) => x.id === l.id || x.path.startsWith(`${l.path} / `)).map((x) => x.id));
    const parent = select('parentId', [['', t('adminLocations.topLevel')], ...items.filter((x) => !below.has(x.id)).map((x) => [String(x.id), x.path] as const)], l.parentId === null ? '' : String(l.parentId));
    const errors = alertRegion();
    const el = h(
      'form',
      { class: 'stack', 'aria-label': t('adminLocations.change', { path: l.path }), novalidate: true },
      errors,
      h('div', { class: 'row' }, field(t('admin.name'), name, { class: 'grow' }), field(t('adminLocations.kind'), kind), field(t('adminLocations.parent'), parent, { class: 'grow' })),
      h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.save'))),
    );
    onSubmit(el, errors, async () => {
      await api.patch(`/api/v1/locations/${l.id}`, { name: name.value, kind: kind.value, parentId: parent.value ? Number(parent.value) : null });
      flash(t('adminLocations.saved', { name: name.value.trim() }));
      reload();
    });
    return el;
  };

  const remove = (l: Location) => {
    if (!window.confirm(t('adminLocations.deleteConfirm', { path: l.path }))) return;
    api
      .delete(`/api/v1/locations/${l.id}`)
      .then(() => {
        flash(t('adminLocations.deleted', { path: l.path }));
        reload();
      })
      // A 409 names what is still there (sub-locations, assets, rules).
      .catch((err: unknown) => showError(listErrors, err));
  };

  const item = (l: Location) =>
    h(
      'li',
      { class: 'card location-node', style: `margin-inline-start: ${l.depth * 1.5}rem` },
      h(
        'div',
        { class: 'rule-head' },
        h('span', { class: 'strong' }, l.name),
        h('span', { class: 'badge' }, locationKindLabel(l.kind)),
        h('span', { class: 'muted small' }, t('adminLocations.assets', { count: l.assetCount, shown: formatNumber(l.assetCount) })),
        h('span', { class: 'rule-buttons' }, h('button', { type: 'button', class: 'btn btn-small btn-danger', 'aria-label': t('admin.deleteLabel', { name: l.path }), on: { click: () => remove(l) } }, t('admin.delete'))),
      ),
      h('details', null, h('summary', null, t('admin.edit'), h('span', { class: 'visually-hidden' }, ` ${l.path}`)), editForm(l)),
      h('details', null, h('summary', null, t('adminLocations.addChild'), h('span', { class: 'visually-hidden' }, ` ${l.path}`)), addForm(l)),
    );

  return {
    title: t('adminLocations.title'),
    intro: t('adminLocations.intro'),
    body: [
      h('section', { class: 'card', 'aria-label': t('adminLocations.addSite') }, h('h2', null, t('adminLocations.addSite')), addForm(null)),
      listErrors,
      items.length ? h('ul', { class: 'stack', 'aria-label': t('adminLocations.tree') }, items.map(item)) : h('p', { class: 'empty' }, t('adminLocations.empty')),
    ],
  };
};
