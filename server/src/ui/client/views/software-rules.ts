import type { SoftwareRule, SoftwareRuleApplyResult, SoftwareRuleList } from '@parc/shared/api';
import { api } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n/i18n.js';
import { softwareHref, softwareRulesHref } from '../routes.js';
import { flash, takeFlash } from '../ui/flash.js';
import { startBusy } from '../ui/busy.js';
import { pageHeading } from '../ui/heading.js';
import { alertRegion, showError, showSuccess } from '../ui/notice.js';
import { table } from '../ui/table.js';
import type { ViewFn } from '../view.js';
import { actionLabel, matchLabel, ruleForm } from './software-rule-form.js';

const condText = (c: { match: string; value: string } | null) => (c ? `${matchLabel(c.match)} “${c.value}”` : '—');

function outcome(r: SoftwareRule): string {
  if (r.action === 'rename' && r.renameTo) return `${actionLabel(r.action)} → ${r.renameTo.name}`;
  if (r.action === 'map' && r.productId) return `${actionLabel(r.action)} → #${r.productId}`;
  if (r.action === 'category') return `${actionLabel(r.action)} → ${r.category ?? ''}`;
  return actionLabel(r.action);
}

/**
 * The normalisation dictionary: rules in evaluation order (first match decides), moved up or down, edited
 * with a preview, and re-applied to what is stored with the result shown. Technicians read it.
 */
export const softwareRulesView: ViewFn = async ({ route, session, navigate, reload }) => {
  const { items } = await api.get<SoftwareRuleList>('/api/v1/software-rules');
  const manage = session.can.manageLicences;
  const editing = Number(route.query.edit) > 0 ? items.find((r) => r.id === Number(route.query.edit)) ?? null : null;
  const status = alertRegion();

  const move = (index: number, by: -1 | 1) => {
    const ids = items.map((r) => r.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + by, 0, id!);
    api
      .post('/api/v1/software-rules/reorder', { ids })
      .then(() => reload())
      .catch((err: unknown) => showError(status, err));
  };
  const remove = (r: SoftwareRule) => {
    if (!window.confirm(t('softwareRules.deleteConfirm', { position: r.position }))) return;
    api
      .delete(`/api/v1/software-rules/${r.id}`)
      .then(() => {
        flash(t('softwareRules.deleted', { position: r.position }));
        reload();
      })
      .catch((err: unknown) => showError(status, err));
  };

  const rows = items.map((r, i) => [
    String(r.position),
    r.label ?? '—',
    r.active ? t('softwareRules.on') : t('softwareRules.off'),
    condText(r.name),
    condText(r.publisher),
    condText(r.version),
    outcome(r),
    manage
      ? h(
          'div',
          { class: 'row' },
          h('button', { type: 'button', class: 'btn btn-small', disabled: i === 0, 'aria-label': t('softwareRules.upLabel', { position: r.position }), on: { click: () => move(i, -1) } }, '↑'),
          h('button', { type: 'button', class: 'btn btn-small', disabled: i === items.length - 1, 'aria-label': t('softwareRules.downLabel', { position: r.position }), on: { click: () => move(i, 1) } }, '↓'),
          h('a', { class: 'btn btn-small', href: `${softwareRulesHref()}?edit=${r.id}` }, t('softwareRules.edit')),
          h('button', { type: 'button', class: 'btn btn-small btn-danger', on: { click: () => remove(r) } }, t('softwareRules.delete')),
        )
      : null,
  ]);

  const apply = h('button', { type: 'button', class: 'btn' }, t('softwareRules.apply'));
  apply.addEventListener('click', () => {
    const busy = startBusy(apply, status, t('softwareRules.applying', { rules: items.length }));
    api
      .post<SoftwareRuleApplyResult>('/api/v1/software-rules/apply')
      .then((r) => {
        busy.end();
        showSuccess(status, t('softwareRules.applied', { examined: r.examined, moved: r.moved, hidden: r.hidden, shown: r.shown, installations: r.installations, created: r.productsCreated }));
      })
      .catch((err: unknown) => {
        busy.end();
        showError(status, err);
      });
  });

  const done = (message: string) => {
    flash(message);
    if (editing) navigate(softwareRulesHref());
    else reload();
  };
  return {
    title: t('softwareRules.title'),
    node: h(
      'section',
      null,
      h('p', null, h('a', { href: softwareHref() }, t('software.back'))),
      pageHeading(t('softwareRules.title'), manage ? apply : null),
      h('p', { class: 'muted' }, t('softwareRules.intro')),
      takeFlash(),
      status,
      table(
        t('softwareRules.caption', { count: items.length }),
        [t('softwareRules.position'), t('softwareRules.field.label'), t('softwareRules.field.active'), t('softwareRules.field.name'), t('softwareRules.field.publisher'), t('softwareRules.field.version'), t('softwareRules.field.action'), manage ? t('softwareRules.actions') : ''],
        rows,
        { empty: t('softwareRules.empty') },
      ),
      manage ? [h('h2', null, editing ? t('softwareRules.editTitle', { position: editing.position }) : t('softwareRules.newTitle')), ruleForm(editing, done)] : null,
    ),
  };
};
