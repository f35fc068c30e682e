import { api } from '../../api.js';
import type { HelpdeskSettings } from '../../admin-types.js';
import { h } from '../../dom.js';
import { levelLabel, priorityLabel } from '../../format.js';
import { t } from '../../i18n/i18n.js';
import { field, input, select } from '../../ui/fields.js';
import { flash } from '../../ui/flash.js';
import { onSubmit } from '../../ui/form.js';
import { alertRegion } from '../../ui/notice.js';
import type { AdminPageFn } from './admin.js';

const LEVELS = [1, 2, 3, 4, 5] as const;

/** The urgency × impact priority matrix, when solved tickets close, and how far back tickets show device changes. */
export const helpdeskPage: AdminPageFn = async ({ reload }) => {
  const s = await api.get<HelpdeskSettings>('/api/v1/settings/helpdesk');
  const priorityOptions = LEVELS.map((n) => [String(n), `${n} · ${priorityLabel(n)}`] as const);
  // Cell [u][i] is the priority for urgency u+1 and impact i+1; selects named like the API's error fields.
  const cells = LEVELS.map((u) =>
    LEVELS.map((i) =>
      select(`priorityMatrix.${u - 1}.${i - 1}`, priorityOptions, String(s.priorityMatrix[u - 1]?.[i - 1] ?? 3), {
        'aria-label': t('adminHelpdesk.cellLabel', { u, urgency: levelLabel(u), i, impact: levelLabel(i) }),
      }),
    ),
  );
  const matrix = h(
    'div',
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': t('adminHelpdesk.matrix') },
    h(
      'table',
      { class: 'matrix' },
      h('caption', null, t('adminHelpdesk.matrixCaption')),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('adminHelpdesk.corner')), LEVELS.map((i) => h('th', { scope: 'col' }, `${i} · ${levelLabel(i)}`)))),
      h('tbody', null, LEVELS.map((u) => h('tr', null, h('th', { scope: 'row' }, `${u} · ${levelLabel(u)}`), cells[u - 1]!.map((c) => h('td', null, c))))),
    ),
  );
  const autoClose = input({ name: 'autoCloseDays', type: 'number', min: 0, max: 3650, step: 1, value: String(s.autoCloseDays), inputmode: 'numeric' });
  const changesDays = input({ name: 'deviceChangesDays', type: 'number', min: 1, max: 365, step: 1, value: String(s.deviceChangesDays), inputmode: 'numeric' });
  const errors = alertRegion();
  const form = h(
    'form',
    { class: 'card stack', 'aria-label': t('adminHelpdesk.title'), novalidate: true },
    errors,
    matrix,
    h(
      'div',
      { class: 'row' },
      field(t('adminHelpdesk.autoClose'), autoClose, { hint: t('adminHelpdesk.autoCloseHint') }),
      field(t('adminHelpdesk.changesDays'), changesDays, { hint: t('adminHelpdesk.changesDaysHint') }),
    ),
    h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('adminHelpdesk.save'))),
  );
  onSubmit(form, errors, async () => {
    await api.put('/api/v1/settings/helpdesk', {
      priorityMatrix: cells.map((row) => row.map((c) => Number(c.value))),
      autoCloseDays: Number(autoClose.value),
      deviceChangesDays: Number(changesDays.value),
    } satisfies HelpdeskSettings);
    flash(t('adminHelpdesk.saved'));
    reload();
  });
  return { title: t('adminHelpdesk.title'), intro: t('adminHelpdesk.intro'), body: [form] };
};
