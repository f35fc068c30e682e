import type { AssignmentRuleFields, LocationList } from '@parc/shared/api';
import { api, ApiError } from '../../api.js';
import { moveId } from '../../admin-logic.js';
import type { AssignmentRule } from '../../admin-types.js';
import { h } from '../../dom.js';
import { t } from '../../i18n/i18n.js';
import { adminHref } from '../../routes.js';
import type { Category, Group } from '../../types.js';
import { checkbox, field, input, select } from '../../ui/fields.js';
import { flash } from '../../ui/flash.js';
import { onSubmit } from '../../ui/form.js';
import { alertRegion, showError } from '../../ui/notice.js';
import type { AdminPageFn } from './admin.js';

/** Auto-assignment rules, evaluated in order: the first active one matching a new ticket gives it its group. */
export const rulesPage: AdminPageFn = async ({ reload }) => {
  const [rules, groups, categories, locations] = await Promise.all([
    api.get<{ items: AssignmentRule[] }>('/api/v1/assignment-rules').then((r) => r.items),
    api.get<{ items: Group[] }>('/api/v1/groups').then((r) => r.items),
    api.get<{ items: Category[] }>('/api/v1/ticket-categories').then((r) => r.items),
    api.get<LocationList>('/api/v1/locations').then((r) => r.items),
  ]);
  const groupName = (id: number) => groups.find((g) => g.id === id)?.name ?? `#${id}`;
  const categoryPath = (id: number) => categories.find((c) => c.id === id)?.path ?? `#${id}`;
  const listErrors = alertRegion();

  const form = (r: AssignmentRule | null): HTMLFormElement => {
    const name = input({ name: 'name', value: r?.name ?? '', required: true, maxlength: 200 });
    const category = select('categoryId', [['', t('adminRules.anyCategory')], ...categories.map((c) => [String(c.id), c.path] as const)], r?.categoryId ? String(r.categoryId) : '');
    const location = select('locationId', [['', t('adminRules.anyLocation')], ...locations.map((l) => [String(l.id), l.path] as const)], r?.locationId ? String(r.locationId) : '');
    const group = select('groupId', [['', t('adminRules.chooseGroup')], ...groups.map((g) => [String(g.id), g.name] as const)], r ? String(r.groupId) : '');
    const active = checkbox('active', r?.active ?? true);
    const errors = alertRegion();
    const el = h(
      'form',
      { class: 'stack', 'aria-label': r ? t('adminRules.change', { name: r.name }) : t('adminRules.create.heading'), novalidate: true },
      errors,
      h('div', { class: 'row' }, field(t('admin.name'), name, { class: 'grow' }), field(t('adminRules.group'), group, { class: 'grow' })),
      h(
        'div',
        { class: 'row' },
        field(t('admin.category'), category, { class: 'grow', hint: t('adminRules.categoryHint') }),
        field(t('admin.location'), location, { class: 'grow', hint: t('adminRules.locationHint') }),
      ),
      field(t('admin.active'), active, { inline: true }),
      h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, r ? t('adminRules.save') : t('adminRules.create.submit'))),
    );
    onSubmit(el, errors, async () => {
      if (!group.value) throw new ApiError(400, 'required', t('adminRules.groupRequired'), 'groupId');
      const body = {
        name: name.value,
        categoryId: category.value ? Number(category.value) : null,
        locationId: location.value ? Number(location.value) : null,
        groupId: Number(group.value),
        active: active.checked,
      } satisfies AssignmentRuleFields;
      if (r) await api.patch(`/api/v1/assignment-rules/${r.id}`, body);
      else await api.post('/api/v1/assignment-rules', body);
      flash(r ? t('adminRules.saved', { name: name.value.trim() }) : t('adminRules.created', { name: name.value.trim() }));
      reload();
    });
    return el;
  };

  const ids = rules.map((r) => r.id);
  const move = (r: AssignmentRule, delta: -1 | 1) => {
    const order = moveId(ids, r.id, delta);
    if (!order) return;
    api
      .post('/api/v1/assignment-rules/reorder', { ids: order })
      .then(() => {
        const position = order.indexOf(r.id) + 1;
        flash(delta < 0 ? t('adminRules.movedUp', { name: r.name, position }) : t('adminRules.movedDown', { name: r.name, position }));
        reload();
      })
      .catch((err: unknown) => showError(listErrors, err));
  };
  const remove = (r: AssignmentRule) => {
    if (!window.confirm(t('adminRules.deleteConfirm', { name: r.name }))) return;
    api
      .delete(`/api/v1/assignment-rules/${r.id}`)
      .then(() => {
        flash(t('adminRules.deleted', { name: r.name }));
        reload();
      })
      .catch((err: unknown) => showError(listErrors, err));
  };

  const item = (r: AssignmentRule, i: number) => {
    const conditions = [r.categoryId !== null ? t('adminRules.whenCategory', { path: categoryPath(r.categoryId) }) : null, r.location ? t('adminRules.whenLocation', { location: r.location }) : null]
      .filter(Boolean)
      .join(t('adminRules.and'));
    return h(
      'li',
      { class: ['card', 'rule', !r.active && 'rule-inactive'] },
      h(
        'div',
        { class: 'rule-head' },
        h('span', { class: 'strong' }, r.name),
        h('span', { class: ['badge', r.active ? 'status-assigned' : 'status-closed'] }, r.active ? t('admin.active') : t('admin.inactive')),
        h(
          'span',
          { class: 'rule-buttons' },
          h('button', { type: 'button', class: 'btn btn-small', disabled: i === 0, 'aria-label': t('adminRules.moveUp', { name: r.name }), on: { click: () => move(r, -1) } }, t('adminRules.up')),
          h(
            'button',
            { type: 'button', class: 'btn btn-small', disabled: i === rules.length - 1, 'aria-label': t('adminRules.moveDown', { name: r.name }), on: { click: () => move(r, 1) } },
            t('adminRules.down'),
          ),
          h('button', { type: 'button', class: 'btn btn-small btn-danger', 'aria-label': t('admin.deleteLabel', { name: r.name }), on: { click: () => remove(r) } }, t('admin.delete')),
        ),
      ),
      h('p', { class: 'small' }, t('adminRules.when', { conditions: conditions || t('adminRules.anything'), group: groupName(r.groupId) })),
      h('details', null, h('summary', null, t('admin.edit'), h('span', { class: 'visually-hidden' }, ` ${t('adminRules.editLabel', { name: r.name })}`)), form(r)),
    );
  };

  return {
    title: t('adminRules.title'),
    intro: t('adminRules.intro'),
    body: [
      groups.length === 0
        ? h('p', { class: 'notice' }, t('adminRules.needGroup'), ' ', h('a', { href: adminHref('groups') }, t('admin.nav.groups')))
        : h('section', { class: 'card', 'aria-label': t('adminRules.create.heading') }, h('h2', null, t('adminRules.create.heading')), form(null)),
      listErrors,
      rules.length ? h('ol', { class: 'rules stack', 'aria-label': t('adminRules.order') }, rules.map(item)) : h('p', { class: 'empty' }, t('adminRules.empty')),
    ],
  };
};
