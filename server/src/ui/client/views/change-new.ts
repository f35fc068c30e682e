import type { CreateChangeInput } from '@parc/shared/api';
import { CHANGE_RISKS } from '@parc/shared/api/itil-enums';
import { api } from '../api.js';
import { fromLocalInput } from '../datetime-input.js';
import { h } from '../dom.js';
import { riskLabel } from '../format.js';
import { t } from '../i18n/i18n.js';
import { itilApiPath } from '../itil.js';
import { idsParam } from '../query.js';
import { changeHref, changesHref } from '../routes.js';
import type { Category, ChangeDetail, ProblemDetail } from '../types.js';
import { chosen, field, input, select, textarea } from '../ui/fields.js';
import { pageHeading } from '../ui/heading.js';
import { alertRegion } from '../ui/notice.js';
import type { ViewFn } from '../view.js';
import { devicePicker } from './device-picker.js';
import { commonFields, devicesById, filledTexts, fromList, MAX_FROM, onSubmitNew } from './itil-new.js';

/**
 * Planning a change, often to fix problems (`?problemIds=4`, from a problem's page): the problems are
 * listed, and their devices preset as those the change will be applied to.
 */
export const newChangeView: ViewFn = async ({ route, navigate }) => {
  const problemIds = idsParam(route.query.problemIds).slice(0, MAX_FROM);
  const [categories, problems] = await Promise.all([
    api.get<{ items: Category[] }>('/api/v1/ticket-categories').then((r) => r.items),
    Promise.all(problemIds.map((id) => api.get<ProblemDetail>(itilApiPath('problem', id)))),
  ]);
  const preset = await devicesById(problems.flatMap((p) => p.devices.map((d) => d.id)));
  const common = commonFields(categories);
  const risk = select('risk', CHANGE_RISKS.map((r) => [r, riskLabel(r)] as const), 'medium');
  const start = input({ name: 'plannedStart', type: 'datetime-local' });
  const end = input({ name: 'plannedEnd', type: 'datetime-local' });
  const texts = [
    { name: 'impactAnalysis', label: t('itil.field.impactAnalysis') },
    { name: 'rolloutPlan', label: t('itil.field.rolloutPlan') },
    { name: 'backupPlan', label: t('itil.field.backupPlan') },
    { name: 'rollbackPlan', label: t('itil.field.rollbackPlan') },
  ].map((f) => ({ ...f, el: textarea({ name: f.name, rows: 3 }) }));
  const picker = devicePicker(preset);
  const errors = alertRegion();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('itil.changeNew.submit'));
  const form = h(
    'form',
    { class: 'card stack ticket-form', novalidate: true },
    errors,
    fromList(t('itil.changeNew.fromProblems', { count: problems.length }), problems.map((p) => ({ id: p.id, kind: 'problem' as const, title: p.title, status: p.status }))),
    common.nodes,
    h('div', { class: 'row' }, field(t('itil.change.risk'), risk), field(t('itil.change.plannedStart'), start), field(t('itil.change.plannedEnd'), end)),
    texts.map((f) => field(f.label, f.el)),
    picker.node,
    h('div', { class: 'form-buttons' }, submit, h('a', { class: 'btn btn-quiet', href: changesHref() }, t('common.cancel'))),
  );
  onSubmitNew(
    { form, errors, submit, common },
    () => {
      const plannedStart = fromLocalInput(start.value);
      const plannedEnd = fromLocalInput(end.value);
      const body: CreateChangeInput = {
        ...common.body(),
        ...filledTexts(texts),
        risk: chosen(risk, CHANGE_RISKS),
        ...(plannedStart ? { plannedStart } : {}),
        ...(plannedEnd ? { plannedEnd } : {}),
        problemIds: problems.map((p) => p.id),
        deviceIds: picker.selectedIds(),
      };
      return api.post<ChangeDetail>('/api/v1/changes', body).then((c) => changeHref(c.id));
    },
    navigate,
  );
  const title = t('itil.changeNew.title');
  return { title, node: h('section', { class: 'narrow' }, pageHeading(title), form) };
};
