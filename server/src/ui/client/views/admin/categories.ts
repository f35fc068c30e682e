import type { CreateCategoryBody, PatchCategoryBody } from '@parc/shared/api';
import { api, ApiError } from '../../api.js';
import { h } from '../../dom.js';
import { moveTargets, nestCategories, type CategoryNode } from '../../admin-logic.js';
import { t } from '../../i18n/i18n.js';
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
  const parentOptions = (list: readonly Category[]) => [[TOP, t('adminCategories.topLevel')] as const, ...list.map((c) => [String(c.id), c.path] as const)];

  const name = input({ name: 'name', required: true, maxlength: 128 });
  const parent = select('parentId', parentOptions(items), TOP);
  const errors = alertRegion();
  const create = h(
    'form',
    { class: 'card stack', 'aria-label': t('adminCategories.create.heading'), novalidate: true },
    h('h2', null, t('adminCategories.create.heading')),
    errors,
    h('div', { class: 'row' }, field(t('admin.name'), name, { class: 'grow', hint: t('adminCategories.nameHint') }), field(t('adminCategories.under'), parent, { class: 'grow' })),
    h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('adminCategories.create.submit'))),
  );
  onSubmit(create, errors, async () => {
    const c = await api.post<Category>('/api/v1/ticket-categories', { name: name.value, parentId: parent.value ? Number(parent.value) : null } satisfies CreateCategoryBody);
    flash(t('adminCategories.created', { path: c.path }));
    reload();
  });

  const item = (node: CategoryNode): HTMLElement => {
    const c = node.category;
    const rowErrors = alertRegion();
    const newName = input({ name: 'name', value: c.name, required: true, maxlength: 128 });
    const newParent = select('parentId', parentOptions(moveTargets(items, c.id)), c.parentId === null ? TOP : String(c.parentId));
    const edit = h(
      'form',
      { class: 'row', 'aria-label': t('adminCategories.change', { path: c.path }), novalidate: true },
      field(t('admin.name'), newName, { class: 'grow' }),
      field(t('adminCategories.under'), newParent, { class: 'grow' }),
      h('button', { type: 'submit', class: 'btn' }, t('common.save')),
    );
    onSubmit(edit, rowErrors, async () => {
      const body: PatchCategoryBody = {};
      if (newName.value.trim() !== c.name) body.name = newName.value;
      const parentId = newParent.value ? Number(newParent.value) : null;
      if (parentId !== c.parentId) body.parentId = parentId;
      if (Object.keys(body).length === 0) throw new ApiError(400, 'unchanged', t('adminCategories.unchanged'), 'name');
      const updated = await api.patch<Category>(`/api/v1/ticket-categories/${c.id}`, body);
      flash(t('adminCategories.saved', { path: updated.path }));
      reload();
    });
    const remove = h('button', { type: 'button', class: 'btn btn-small btn-danger', 'aria-label': t('admin.deleteLabel', { name: c.path }) }, t('admin.delete'));
    remove.addEventListener('click', () => {
      if (!window.confirm(t('adminCategories.deleteConfirm', { path: c.path }))) return;
      api
        .delete(`/api/v1/ticket-categories/${c.id}`)
        .then(() => {
          flash(t('adminCategories.deleted', { path: c.path }));
          reload();
        })
        // A category still in use is a 409 whose message says by what: shown next to it.
        .catch((err: unknown) => showError(rowErrors, err));
    });
    return h(
      'li',
      null,
      h('div', { class: 'tree-item' }, h('span', { class: 'strong' }, c.name), h('details', { class: 'inline-edit' }, h('summary', null, t('admin.edit'), h('span', { class: 'visually-hidden' }, ` ${c.path}`)), edit), remove),
      rowErrors,
      node.children.length ? h('ul', { class: 'tree' }, node.children.map(item)) : null,
    );
  };

  const tree = nestCategories(items);
  return {
    title: t('adminCategories.title'),
    intro: t('adminCategories.intro'),
    body: [
      create,
      h(
        'section',
        { class: 'card', 'aria-label': t('adminCategories.tree') },
        h('h2', null, t('adminCategories.tree')),
        tree.length ? h('ul', { class: 'tree tree-root' }, tree.map(item)) : h('p', { class: 'empty' }, t('adminCategories.empty')),
      ),
    ],
  };
};
