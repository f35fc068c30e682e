import type { SoftwareRule, SoftwareRulePreview } from '@parc/shared/api';
import { RULE_ACTIONS, RULE_MATCH_KINDS, type RuleAction } from '@parc/shared/api/licence-enums';
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { formatNumber } from '../format.js';
import { t, type PlainKey } from '../i18n/i18n.js';
import { checkbox, field, input, select } from '../ui/fields.js';
import { alertRegion, clearMessage, showError } from '../ui/notice.js';
import { table } from '../ui/table.js';

const ACTION: Record<RuleAction, PlainKey> = {
  rename: 'softwareRules.action.rename',
  map: 'softwareRules.action.map',
  category: 'softwareRules.action.category',
  ignore: 'softwareRules.action.ignore',
};
export const actionLabel = (a: string) => (Object.hasOwn(ACTION, a) ? t(ACTION[a as RuleAction]) : a);
const MATCH: Record<string, PlainKey> = { exact: 'softwareRules.match.exact', prefix: 'softwareRules.match.prefix', regex: 'softwareRules.match.regex' };
export const matchLabel = (m: string) => (Object.hasOwn(MATCH, m) ? t(MATCH[m]!) : m);

type Cond = { match: string; value: string } | null;

/** One condition: how it compares and the value; an empty value means no condition on that field. */
function condition(name: string, label: string, current: Cond) {
  const match = select(`${name}.match`, RULE_MATCH_KINDS.map((k) => [k, matchLabel(k)] as const), current?.match ?? 'exact');
  const value = input({ name, value: current?.value ?? '' });
  return {
    node: h('div', { class: 'row' }, field(label, value), field(t('softwareRules.field.match', { field: label }), match)),
    read: (): Cond => (value.value.trim() ? { match: match.value, value: value.value.trim() } : null),
  };
}

/**
 * The rule form: conditions, action, and a preview of what saving it and re-applying would move. Saving is
 * offered once the preview of the current content has been seen; any change asks for a new preview.
 */
export function ruleForm(rule: SoftwareRule | null, done: (message: string) => void): HTMLElement {
  const label = input({ name: 'label', value: rule?.label ?? '' });
  const active = checkbox('active', rule?.active ?? true);
  const name = condition('name', t('softwareRules.field.name'), rule?.name ?? null);
  const publisher = condition('publisher', t('softwareRules.field.publisher'), rule?.publisher ?? null);
  const version = condition('version', t('softwareRules.field.version'), rule?.version ?? null);
  const action = select('action', RULE_ACTIONS.map((a) => [a, actionLabel(a)] as const), rule?.action ?? 'rename');
  const renameTo = input({ name: 'renameTo', value: rule?.renameTo?.name ?? '' });
  const renamePublisher = input({ name: 'renameTo.publisher', value: rule?.renameTo?.publisher ?? '' });
  const productId = input({ name: 'productId', type: 'number', min: 1, value: rule?.productId ?? '' });
  const category = input({ name: 'category', value: rule?.category ?? '' });
  const errors = alertRegion();
  const previewArea = h('div', { 'aria-live': 'polite' });
  const save = h('button', { type: 'button', class: 'btn btn-primary', hidden: true }, rule ? t('softwareRules.save') : t('softwareRules.create'));

  const body = () => {
    const a = action.value as RuleAction;
    return {
      label: label.value.trim() || null,
      active: active.checked,
      name: name.read(),
      publisher: publisher.read(),
      version: version.read(),
      action: a,
      renameTo: a === 'rename' && renameTo.value.trim() ? { name: renameTo.value.trim(), publisher: renamePublisher.value.trim() || null } : null,
      productId: a === 'map' && productId.value.trim() ? Number(productId.value) : null,
      category: a !== 'ignore' && category.value.trim() ? category.value.trim() : null,
    };
  };
  const showPreview = (p: SoftwareRulePreview) => {
    const where = (x: { name: string; publisher: string | null } | null) => (x ? x.name : t('softwareRules.preview.ignored'));
    replace(previewArea,
      h('p', { 'data-testid': 'rule-preview' }, t('softwareRules.preview.summary', { matched: p.matched, changed: p.changed, devices: p.devices })),
      table(
        t('softwareRules.preview.caption'),
        [t('softwareRules.preview.title'), t('softwareRules.field.version'), t('softwareRules.preview.from'), t('softwareRules.preview.to'), t('softwareRules.preview.devices')],
        p.moves.map((m) => [m.inventoried.name, m.inventoried.version, where(m.from), where(m.to), formatNumber(m.devices)]),
        { empty: t('softwareRules.preview.nothing') },
      ),
      p.truncated ? h('p', { class: 'muted' }, t('softwareRules.preview.truncated')) : null,
    );
  };

  const syncAction = () => {
    const a = action.value;
    renameTo.closest('.row')?.toggleAttribute('hidden', a !== 'rename');
    productId.closest('.field')?.toggleAttribute('hidden', a !== 'map');
    category.closest('.field')?.toggleAttribute('hidden', a === 'ignore');
  };
  const form = h(
    'form',
    { class: 'card stack', 'aria-label': rule ? t('softwareRules.editTitle', { position: rule.position }) : t('softwareRules.newTitle'), novalidate: true },
    errors,
    field(t('softwareRules.field.label'), label),
    field(t('softwareRules.field.active'), active, { inline: true }),
    name.node,
    publisher.node,
    version.node,
    field(t('softwareRules.field.action'), action),
    h('div', { class: 'row' }, field(t('softwareRules.field.renameTo'), renameTo), field(t('softwareRules.field.renamePublisher'), renamePublisher)),
    field(t('softwareRules.field.productId'), productId, { hint: t('softwareRules.productIdHint') }),
    field(t('softwareRules.field.category'), category),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn' }, t('softwareRules.preview.run')), save),
    previewArea,
  );
  syncAction();
  action.addEventListener('change', syncAction);
  // Any change makes the preview out of date: saving waits for a new one.
  form.addEventListener('input', () => (save.hidden = true));
  form.addEventListener('change', () => (save.hidden = true));

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearMessage(errors);
    api
      .post<SoftwareRulePreview>('/api/v1/software-rules/preview', { ...body(), ...(rule ? { id: rule.id } : {}) })
      .then((p) => {
        showPreview(p);
        save.hidden = false;
      })
      .catch((err: unknown) => showError(errors, err, form));
  });
  save.addEventListener('click', () => {
    save.disabled = true;
    const saving = rule ? api.patch<SoftwareRule>(`/api/v1/software-rules/${rule.id}`, body()) : api.post<SoftwareRule>('/api/v1/software-rules', body());
    saving
      .then((r) => done(rule ? t('softwareRules.saved', { position: r.position }) : t('softwareRules.created', { position: r.position })))
      .catch((err: unknown) => showError(errors, err, form))
      .finally(() => (save.disabled = false));
  });
  return form;
}
