import type { FollowupInput, TaskInput, TaskState } from '@parc/shared/api';
import { TASK_STATES } from '@parc/shared/api/enums';
import { api } from '../api.js';
import { h, uid } from '../dom.js';
import { formatDateTime, formatMinutes, personName } from '../format.js';
import { describeEvent, ruleReasons, type Names } from '../timeline.js';
import type { TicketDetail, TimelineEntry } from '../types.js';
import { privateBadge } from '../ui/badges.js';
import { checkbox, chosen, field, input, select, textarea } from '../ui/fields.js';
import { alertRegion, showError } from '../ui/notice.js';

/**
 * The ticket's history in order (followups, tasks, status and assignment changes, rules that fired),
 * then the forms to add to it. Private entries are marked in words, not only by their tint.
 */
export function timeline(t: TicketDetail, names: Names, staff: boolean, done: (next: TicketDetail, message: string) => void): HTMLElement {
  const headingId = uid('timeline');
  const items = t.timeline.map((e) => entry(e, names));
  return h(
    'section',
    { class: 'timeline', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, 'Timeline'),
    items.length ? h('ol', { class: 'events' }, items) : h('p', { class: 'empty' }, 'Nothing yet.'),
    t.status !== 'closed' && followupForm(t, staff, done),
    staff && t.status !== 'closed' && taskForm(t, done),
  );
}

const TEXT_KINDS = new Set(['followup', 'pending', 'solution', 'solution-refused', 'reopened']);

function entry(e: TimelineEntry, names: Names): HTMLElement {
  const reasons = e.kind === 'rule' ? ruleReasons(e) : [];
  const task = e.task;
  return h(
    'li',
    { class: ['event', `event-${e.kind}`, e.private && 'event-private', TEXT_KINDS.has(e.kind) || task ? 'event-text' : 'event-small'] },
    h(
      'div',
      { class: 'event-head' },
      h('strong', null, describeEvent(e, names)),
      e.private && privateBadge(),
      h('span', { class: 'muted' }, ' by ', personName(e.actor)),
      h('time', { datetime: e.at, class: 'muted' }, formatDateTime(e.at)),
    ),
    e.body && TEXT_KINDS.has(e.kind) && h('p', { class: 'event-body' }, e.body),
    task &&
      h(
        'div',
        { class: 'event-body' },
        h('p', null, task.description),
        h(
          'p',
          { class: 'muted small' },
          task.state === 'done' ? '✓ Done' : '○ To do',
          task.durationMinutes !== null ? ` · ${formatMinutes(task.durationMinutes)}` : '',
          task.assigneeId !== null ? ` · ${names.user(task.assigneeId)}` : '',
          task.plannedStart && task.plannedEnd ? ` · planned ${formatDateTime(task.plannedStart)} – ${formatDateTime(task.plannedEnd)}` : '',
        ),
      ),
    reasons.length > 0 && h('p', { class: 'muted small' }, 'Because: ', reasons.join('; ')),
  );
}

function followupForm(t: TicketDetail, staff: boolean, done: (next: TicketDetail, message: string) => void): HTMLElement {
  const body = textarea({ name: 'body', required: true });
  const priv = staff ? checkbox('private', false) : null;
  const errors = alertRegion();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Add followup');
  const form = h(
    'form',
    { class: 'card stack', 'aria-label': 'Add a followup' },
    h('h3', null, 'Add a followup'),
    errors,
    field('Followup', body, { hint: staff ? 'The requester sees it unless you mark it private.' : 'Helpdesk staff will see it.' }),
    priv && field('Private: helpdesk staff only', priv, { inline: true }),
    h('div', { class: 'form-buttons' }, submit),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!body.value.trim()) return void showError(errors, new Error('Write the followup first.'), undefined), body.focus();
    submit.disabled = true;
    api
      .post<TicketDetail>(`/api/v1/tickets/${t.id}/followups`, { body: body.value, private: priv?.checked ?? false } satisfies FollowupInput)
      .then((next) => done(next, priv?.checked ? 'Private followup added.' : 'Followup added.'))
      .catch((err: unknown) => {
        showError(errors, err, form);
        submit.disabled = false;
      });
  });
  return form;
}

const TASK_STATE_LABELS: Record<TaskState, string> = { todo: 'To do', done: 'Done' };

function taskForm(t: TicketDetail, done: (next: TicketDetail, message: string) => void): HTMLElement {
  const description = textarea({ name: 'description', rows: 3, required: true });
  const priv = checkbox('private', false);
  const state = select('state', TASK_STATES.map((s) => [s, TASK_STATE_LABELS[s]] as const));
  const duration = input({ name: 'durationMinutes', type: 'number', min: 0, max: 100000, step: 5, inputmode: 'numeric' });
  const errors = alertRegion();
  const submit = h('button', { type: 'submit', class: 'btn' }, 'Add task');
  const form = h(
    'form',
    { class: 'stack' },
    errors,
    field('Task', description),
    h('div', { class: 'row' }, field('State', state), field('Time spent (minutes)', duration)),
    field('Private: helpdesk staff only', priv, { inline: true }),
    h('div', { class: 'form-buttons' }, submit),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!description.value.trim()) return void showError(errors, new Error('Describe the task first.')), description.focus();
    submit.disabled = true;
    const minutes = duration.value.trim() === '' ? undefined : Number(duration.value);
    api
      .post<TicketDetail>(`/api/v1/tickets/${t.id}/tasks`, { description: description.value, private: priv.checked, state: chosen(state, TASK_STATES), ...(minutes !== undefined ? { durationMinutes: minutes } : {}) } satisfies TaskInput)
      .then((next) => done(next, 'Task added.'))
      .catch((err: unknown) => {
        showError(errors, err, form);
        submit.disabled = false;
      });
  });
  return h('details', { class: 'card task-form' }, h('summary', null, 'Add a task'), form);
}
