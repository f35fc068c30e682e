import type { AssignmentRuleFields } from '@parc/shared/api';
import { api, ApiError } from '../../api.js';
import { moveId } from '../../admin-logic.js';
import type { AssignmentRule } from '../../admin-types.js';
import { h } from '../../dom.js';
import type { Category, Group } from '../../types.js';
import { checkbox, field, input, select } from '../../ui/fields.js';
import { flash } from '../../ui/flash.js';
import { onSubmit } from '../../ui/form.js';
import { alertRegion, showError } from '../../ui/notice.js';
import type { AdminPageFn } from './admin.js';

/** Auto-assignment rules, evaluated in order: the first active one matching a new ticket gives it its group. */
export const rulesPage: AdminPageFn = async ({ reload }) => {
  const [rules, groups, categories] = await Promise.all([
    api.get<{ items: AssignmentRule[] }>('/api/v1/assignment-rules').then((r) => r.items),
    api.get<{ items: Group[] }>('/api/v1/groups').then((r) => r.items),
    api.get<{ items: Category[] }>('/api/v1/ticket-categories').then((r) => r.items),
  ]);
  const groupName = (id: number) => groups.find((g) => g.id === id)?.name ?? `#${id}`;
  const categoryPath = (id: number) => categories.find((c) => c.id === id)?.path ?? `#${id}`;
  const listErrors = alertRegion();

  const form = (r: AssignmentRule | null): HTMLFormElement => {
    const name = input({ name: 'name', value: r?.name ?? '', required: true, maxlength: 200 });
    const category = select('categoryId', [['', 'Any category'], ...categories.map((c) => [String(c.id), c.path] as const)], r?.categoryId ? String(r.categoryId) : '');
    const location = input({ name: 'location', value: r?.location ?? '', maxlength: 256, placeholder: 'e.g. Paris > Building A' });
    const group = select('groupId', [['', 'Choose a group'], ...groups.map((g) => [String(g.id), g.name] as const)], r ? String(r.groupId) : '');
    const active = checkbox('active', r?.active ?? true);
    const errors = alertRegion();
    const el = h(
      'form',
      { class: 'stack', 'aria-label': r ? `Change rule ${r.name}` : 'Create an assignment rule', novalidate: true },
      errors,
      h('div', { class: 'row' }, field('Name', name, { class: 'grow' }), field('Assign to group', group, { class: 'grow' })),
      h('div', { class: 'row' }, field('Category', category, { class: 'grow', hint: 'Matches its subcategories too.' }), field('Location', location, { class: 'grow', hint: 'Matches places under it too. Give a category, a location or both.' })),
      field('Active', active, { inline: true }),
      h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, r ? 'Save rule' : 'Create rule')),
    );
    onSubmit(el, errors, async () => {
      if (!group.value) throw new ApiError(400, 'required', 'Choose the group tickets go to.', 'groupId');
      const body = {
        name: name.value,
        categoryId: category.value ? Number(category.value) : null,
        location: location.value.trim() ? location.value : null,
        groupId: Number(group.value),
        active: active.checked,
      } satisfies AssignmentRuleFields;
      if (r) await api.patch(`/api/v1/assignment-rules/${r.id}`, body);
      else await api.post('/api/v1/assignment-rules', body);
      flash(`Rule "${name.value.trim()}" ${r ? 'saved' : 'created'}.`);
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
        flash(`Rule "${r.name}" moved ${delta < 0 ? 'up' : 'down'} to position ${order.indexOf(r.id) + 1}.`);
        reload();
      })
      .catch((err: unknown) => showError(listErrors, err));
  };
  const remove = (r: AssignmentRule) => {
    if (!window.confirm(`Delete the rule "${r.name}"?`)) return;
    api
      .delete(`/api/v1/assignment-rules/${r.id}`)
      .then(() => {
        flash(`Rule "${r.name}" deleted.`);
        reload();
      })
      .catch((err: unknown) => showError(listErrors, err));
  };

  const item = (r: AssignmentRule, i: number) => {
    const conditions = [r.categoryId !== null ? `category ${categoryPath(r.categoryId)}` : null, r.location ? `location ${r.location}` : null].filter(Boolean).join(' and ');
    return h(
      'li',
      { class: ['card', 'rule', !r.active && 'rule-inactive'] },
      h(
        'div',
        { class: 'rule-head' },
        h('span', { class: 'strong' }, r.name),
        h('span', { class: ['badge', r.active ? 'status-assigned' : 'status-closed'] }, r.active ? 'Active' : 'Inactive'),
        h(
          'span',
          { class: 'rule-buttons' },
          h('button', { type: 'button', class: 'btn btn-small', disabled: i === 0, 'aria-label': `Move ${r.name} up`, on: { click: () => move(r, -1) } }, '↑ Up'),
          h('button', { type: 'button', class: 'btn btn-small', disabled: i === rules.length - 1, 'aria-label': `Move ${r.name} down`, on: { click: () => move(r, 1) } }, '↓ Down'),
          h('button', { type: 'button', class: 'btn btn-small btn-danger', 'aria-label': `Delete ${r.name}`, on: { click: () => remove(r) } }, 'Delete'),
        ),
      ),
      h('p', { class: 'small' }, `When ${conditions || 'anything'} → group ${groupName(r.groupId)}`),
      h('details', null, h('summary', null, 'Edit', h('span', { class: 'visually-hidden' }, ` rule ${r.name}`)), form(r)),
    );
  };

  return {
    title: 'Assignment rules',
    intro: 'A new ticket goes to the group of the first active rule that matches it, top to bottom.',
    body: [
      groups.length === 0
        ? h('p', { class: 'notice' }, 'Create a group first: a rule assigns tickets to one. ', h('a', { href: '#/admin/groups' }, 'Groups'))
        : h('section', { class: 'card', 'aria-label': 'Create an assignment rule' }, h('h2', null, 'Create an assignment rule'), form(null)),
      listErrors,
      rules.length ? h('ol', { class: 'rules stack', 'aria-label': 'Rules in evaluation order' }, rules.map(item)) : h('p', { class: 'empty' }, 'No assignment rule yet.'),
    ],
  };
};
