import { api } from '../../api.js';
import type { HelpdeskSettings } from '../../admin-types.js';
import { h } from '../../dom.js';
import { levelLabel, priorityLabel } from '../../format.js';
import { field, input, select } from '../../ui/fields.js';
import { flash } from '../../ui/flash.js';
import { onSubmit } from '../../ui/form.js';
import { alertRegion } from '../../ui/notice.js';
import type { AdminPageFn } from './admin.js';

const LEVELS = [1, 2, 3, 4, 5] as const;
const PRIORITY_OPTIONS = LEVELS.map((n) => [String(n), `${n} · ${priorityLabel(n)}`] as const);

/** The urgency × impact priority matrix, when solved tickets close, and how far back tickets show device changes. */
export const helpdeskPage: AdminPageFn = async ({ reload }) => {
  const s = await api.get<HelpdeskSettings>('/api/v1/settings/helpdesk');
  // Cell [u][i] is the priority for urgency u+1 and impact i+1; selects named like the API's error fields.
  const cells = LEVELS.map((u) =>
    LEVELS.map((i) =>
      select(`priorityMatrix.${u - 1}.${i - 1}`, PRIORITY_OPTIONS, String(s.priorityMatrix[u - 1]?.[i - 1] ?? 3), {
        'aria-label': `Priority for urgency ${u} (${levelLabel(u)}) and impact ${i} (${levelLabel(i)})`,
      }),
    ),
  );
  const matrix = h(
    'div',
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Priority matrix' },
    h(
      'table',
      { class: 'matrix' },
      h('caption', null, 'Priority by urgency (rows) and impact (columns)'),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Urgency ↓ / Impact →'), LEVELS.map((i) => h('th', { scope: 'col' }, `${i} · ${levelLabel(i)}`)))),
      h('tbody', null, LEVELS.map((u) => h('tr', null, h('th', { scope: 'row' }, `${u} · ${levelLabel(u)}`), cells[u - 1]!.map((c) => h('td', null, c))))),
    ),
  );
  const autoClose = input({ name: 'autoCloseDays', type: 'number', min: 0, max: 3650, step: 1, value: String(s.autoCloseDays), inputmode: 'numeric' });
  const changesDays = input({ name: 'deviceChangesDays', type: 'number', min: 1, max: 365, step: 1, value: String(s.deviceChangesDays), inputmode: 'numeric' });
  const errors = alertRegion();
  const form = h(
    'form',
    { class: 'card stack', 'aria-label': 'Helpdesk settings', novalidate: true },
    errors,
    matrix,
    h(
      'div',
      { class: 'row' },
      field('Close solved tickets after (days)', autoClose, { hint: 'Without an answer from the requester; 0 = never.' }),
      field('Device changes shown (days)', changesDays, { hint: 'How far back a ticket lists its devices’ changes.' }),
    ),
    h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Save settings')),
  );
  onSubmit(form, errors, async () => {
    await api.put('/api/v1/settings/helpdesk', {
      priorityMatrix: cells.map((row) => row.map((c) => Number(c.value))),
      autoCloseDays: Number(autoClose.value),
      deviceChangesDays: Number(changesDays.value),
    } satisfies HelpdeskSettings);
    flash('Helpdesk settings saved. New tickets get their priority from the new matrix.');
    reload();
  });
  return { title: 'Helpdesk settings', intro: 'A new ticket’s priority comes from its urgency and impact; staff can still change it.', body: [form] };
};
