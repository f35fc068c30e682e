import type { AssetState, AssetStateList } from '@parc/shared/api';
import { api } from '../../api.js';
import { h } from '../../dom.js';
import { assetStateLabel, formatNumber } from '../../format.js';
import { t } from '../../i18n/i18n.js';
import { checkbox, field, input } from '../../ui/fields.js';
import { flash } from '../../ui/flash.js';
import { onSubmit } from '../../ui/form.js';
import { alertRegion, showError } from '../../ui/notice.js';
import type { AdminPageFn } from './admin.js';

/** Asset states: the built-ins (reorder only) and added ones (rename, compliance rule, delete when unused). */
export const statesPage: AdminPageFn = async ({ reload }) => {
  const items = (await api.get<AssetStateList>('/api/v1/asset-states')).items;
  const listErrors = alertRegion();

  const addForm = (): HTMLFormElement => {
    const label = input({ name: 'label', required: true, maxlength: 64 });
    const counts = checkbox('countsInCompliance', true);
    const errors = alertRegion();
    const el = h(
      'form',
      { class: 'stack', 'aria-label': t('adminStates.add'), novalidate: true },
      errors,
      h('div', { class: 'row' }, field(t('adminStates.label'), label, { class: 'grow' })),
      field(t('adminStates.counts'), counts, { inline: true, hint: t('adminStates.countsHint') }),
      h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('adminStates.add'))),
    );
    onSubmit(el, errors, async () => {
      await api.post('/api/v1/asset-states', { label: label.value, countsInCompliance: counts.checked });
      flash(t('adminStates.added', { name: label.value.trim() }));
      reload();
    });
    return el;
  };

  const editForm = (s: AssetState): HTMLFormElement => {
    const label = input({ name: 'label', value: s.label ?? '', required: true, maxlength: 64 });
    const counts = checkbox('countsInCompliance', s.countsInCompliance);
    const errors = alertRegion();
    const el = h(
      'form',
      { class: 'stack', 'aria-label': t('adminStates.change', { name: assetStateLabel(s.code, s.label) }), novalidate: true },
      errors,
      field(t('adminStates.label'), label),
      field(t('adminStates.counts'), counts, { inline: true, hint: t('adminStates.countsHint') }),
      h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.save'))),
    );
    onSubmit(el, errors, async () => {
      await api.patch(`/api/v1/asset-states/${s.code}`, { label: label.value, countsInCompliance: counts.checked });
      flash(t('adminStates.saved', { name: label.value.trim() }));
      reload();
    });
    return el;
  };

  const act = (run: Promise<unknown>, done: string) =>
    run
      .then(() => {
        flash(done);
        reload();
      })
      .catch((err: unknown) => showError(listErrors, err));
  // Moving swaps positions with the neighbour (positions may have gaps).
  const move = (i: number, delta: -1 | 1) => {
    const a = items[i]!;
    const b = items[i + delta]!;
    const [pa, pb] = a.position === b.position ? [b.position + delta, a.position] : [b.position, a.position];
    void act(
      api.patch(`/api/v1/asset-states/${a.code}`, { position: pa }).then(() => api.patch(`/api/v1/asset-states/${b.code}`, { position: pb })),
      t('adminStates.moved', { name: assetStateLabel(a.code, a.label) }),
    );
  };
  const remove = (s: AssetState) => {
    const name = assetStateLabel(s.code, s.label);
    if (!window.confirm(t('adminStates.deleteConfirm', { name }))) return;
    void act(api.delete(`/api/v1/asset-states/${s.code}`), t('adminStates.deleted', { name }));
  };

  const item = (s: AssetState, i: number) => {
    const name = assetStateLabel(s.code, s.label);
    return h(
      'li',
      { class: 'card rule' },
      h(
        'div',
        { class: 'rule-head' },
        h('span', { class: 'strong' }, name),
        s.builtin ? h('span', { class: 'badge' }, t('adminStates.builtin')) : null,
        s.countsInCompliance ? null : h('span', { class: 'badge' }, t('adminStates.notCounted')),
        h('span', { class: 'muted small' }, t('adminStates.assets', { count: s.assetCount, shown: formatNumber(s.assetCount) })),
        h(
          'span',
          { class: 'rule-buttons' },
          h('button', { type: 'button', class: 'btn btn-small', disabled: i === 0, 'aria-label': t('adminStates.moveUp', { name }), on: { click: () => move(i, -1) } }, t('adminStates.up')),
          h('button', { type: 'button', class: 'btn btn-small', disabled: i === items.length - 1, 'aria-label': t('adminStates.moveDown', { name }), on: { click: () => move(i, 1) } }, t('adminStates.down')),
          s.builtin ? null : h('button', { type: 'button', class: 'btn btn-small btn-danger', 'aria-label': t('admin.deleteLabel', { name }), on: { click: () => remove(s) } }, t('admin.delete')),
        ),
      ),
      s.builtin ? null : h('details', null, h('summary', null, t('admin.edit'), h('span', { class: 'visually-hidden' }, ` ${name}`)), editForm(s)),
    );
  };

  return {
    title: t('adminStates.title'),
    intro: t('adminStates.intro'),
    body: [
      h('section', { class: 'card', 'aria-label': t('adminStates.add') }, h('h2', null, t('adminStates.add')), addForm()),
      listErrors,
      h('ol', { class: 'rules stack', 'aria-label': t('adminStates.order') }, items.map(item)),
    ],
  };
};
