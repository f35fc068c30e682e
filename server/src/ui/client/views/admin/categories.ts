import type { CreateCategoryBody, PatchCategoryBody } from '@parc/shared/api';
import { api, ApiError } from '../../api.js';
import { h } from '../../dom.js';
import { moveTargets, nestCategories, type CategoryNode } from '../../admin-logic.js';
import type { Category } from '../../types.js';
import { field, input, select } from '../../ui/fields.js';
import { flash } from '../../ui/flash.js';
import { onSubmit } from '../../ui/form.js';
import { alertRegion, showError } from '../../ui/notice.js';
import type { AdminPageFn } from './admin.js';

const TOP = '';

/** The ticket category tree: create under a parent, rename, move, delete (refused while in use). */
export const categoriesPage: AdminPageFn = async ({ reload }) => {
  const { items } = await api.get<{ items: Category[] }>('/api/v1/ticket-categories');
  const parentOptions = (list: readonly Category[]) => [[TOP, 'Top level'] as const, ...list.map((c) => [String(c.id), c.path] as const)];

  const name = input({ name: 'name', required: true, maxlength: 128 });
  const parent = select('parentId', parentOptions(items), TOP);
  const errors = alertRegion();
  const create = h(
    'form',
    { class: 'card stack', 'aria-label': 'Create a category', novalidate: true },
    h('h2', null, 'Create a category'),
    errors,
    h('div', { class: 'row' }, field('Name', name, { class: 'grow', hint: 'Without ">", which separates levels.' }), field('Under', parent, { class: 'grow' })),
    h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Create category')),
  );
  onSubmit(create, errors, async () => {
    const c = await api.post<Category>('/api/v1/ticket-categories', { name: name.value, parentId: parent.value ? Number(parent.value) : null } satisfies CreateCategoryBody);
    flash(`Category "${c.path}" created.`);
    reload();
  });

  const item = (node: CategoryNode): HTMLElement => {
    const c = node.category;
    const rowErrors = alertRegion();
    const newName = input({ name: 'name', value: c.name, required: true, maxlength: 128 });
    const newParent = select('parentId', parentOptions(moveTargets(items, c.id)), c.parentId === null ? TOP : String(c.parentId));
    const edit = h(
      'form',
      { class: 'row', 'aria-label': `Change ${c.path}`, novalidate: true },
      field('Name', newName, { class: 'grow' }),
      field('Under', newParent, { class: 'grow' }),
      h('button', { type: 'submit', class: 'btn' }, 'Save'),
    );
    onSubmit(edit, rowErrors, async () => {
      const body: PatchCategoryBody = {};
      if (newName.value.trim() !== c.name) body.name = newName.value;
      const parentId = newParent.value ? Number(newParent.value) : null;
      if (parentId !== c.parentId) body.parentId = parentId;
      if (Object.keys(body).length === 0) throw new ApiError(400, 'unchanged', 'Nothing changed: edit the name or choose another parent.', 'name');
      const updated = await api.patch<Category>(`/api/v1/ticket-categories/${c.id}`, body);
      flash(`Category saved as "${updated.path}".`);
      reload();
    });
    const remove = h('button', { type: 'button', class: 'btn btn-small btn-danger', 'aria-label': `Delete ${c.path}` }, 'Delete');
    remove.addEventListener('click', () => {
      if (!window.confirm(`Delete the category "${c.path}"?`)) return;
      api
        .delete(`/api/v1/ticket-categories/${c.id}`)
        .then(() => {
          flash(`Category "${c.path}" deleted.`);
          reload();
        })
        // A category still in use is a 409 whose message says by what: shown next to it.
        .catch((err: unknown) => showError(rowErrors, err));
    });
    return h(
      'li',
      null,
      h('div', { class: 'tree-item' }, h('span', { class: 'strong' }, c.name), h('details', { class: 'inline-edit' }, h('summary', null, 'Edit', h('span', { class: 'visually-hidden' }, ` ${c.path}`)), edit), remove),
      rowErrors,
      node.children.length ? h('ul', { class: 'tree' }, node.children.map(item)) : null,
    );
  };

  const tree = nestCategories(items);
  return {
    title: 'Ticket categories',
    intro: 'Categories route tickets (assignment rules) and choose their SLA policy; subcategories inherit both.',
    body: [create, h('section', { class: 'card', 'aria-label': 'Category tree' }, h('h2', null, 'Category tree'), tree.length ? h('ul', { class: 'tree tree-root' }, tree.map(item)) : h('p', { class: 'empty' }, 'No category yet.'))],
  };
};
