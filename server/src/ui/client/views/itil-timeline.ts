import type { FollowupInput, PatchTaskInput, TaskInput, TaskState } from '@parc/shared/api';
import { TASK_STATES } from '@parc/shared/api/enums';
import { api } from '../api.js';
import { h, uid } from '../dom.js';
import { formatDateTime, formatMinutes, personName } from '../format.js';
import { t, type PlainKey } from '../i18n/i18n.js';
import { isFinished, itilApiPath, type ItilItem, type ItilKind } from '../itil.js';
import { describeEvent, ruleReasons, type Names } from '../timeline.js';
import type { TimelineEntry } from '../types.js';
import { privateBadge } from '../ui/badges.js';
import { checkbox, chosen, field, input, select, textarea } from '../ui/fields.js';
import { alertRegion, showError } from '../ui/notice.js';

/** Every task state (the type makes it exhaustive), with its label's catalogue key: in the form, and marked in the timeline. */
const TASK_STATE_LABELS: Record<TaskState, PlainKey> = { todo: 'ticket.task.state.todo', done: 'ticket.task.state.done' };
const TASK_STATE_MARKS: Record<TaskState, PlainKey> = { todo: 'ticket.task.todo', done: 'ticket.task.done' };

/** Where the forms send what they add, and what to do with the object the server returns. */
interface Target<T> {
  kind: ItilKind;
  item: T;
  done: (next: T, message: string) => void;
}

/**
 * The history of a ticket, problem or change in order (followups, tasks, status and assignment changes,
 * rules that fired), then the forms to add to it. Private entries are marked in words, not only by their
 * tint. One component for the three kinds: they share the server's timeline, followups and tasks.
 */
export function timeline<T extends Pick<ItilItem, 'id' | 'status' | 'timeline'>>(kind: ItilKind, item: T, names: Names, staff: boolean, done: (next: T, message: string) => void): HTMLElement {
  const headingId = uid('timeline');
  const target: Target<T> = { kind, item, done };
  const open = !isFinished(item.status);
  const canEditTasks = staff && open;
  const items = item.timeline.map((e) => entry(e, names, canEditTasks ? (taskId) => markTaskDone(target, taskId) : null));
  return h(
    'section',
    { class: 'timeline', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, t('ticket.timeline')),
    items.length ? h('ol', { class: 'events' }, items) : h('p', { class: 'empty' }, t('ticket.timeline.empty')),
    open && followupForm(target, staff),
    staff && open && taskForm(target),
  );
}

const TEXT_KINDS = new Set(['followup', 'pending', 'solution', 'solution-refused', 'reopened', 'approval-requested', 'applied']);

function entry(e: TimelineEntry, names: Names, onDone: ((taskId: number) => Promise<void>) | null): HTMLElement {
  const reasons = e.kind === 'rule' ? ruleReasons(e, names) : [];
  const task = e.task;
  return h(
    'li',
    { class: ['event', `event-${e.kind}`, e.private && 'event-private', TEXT_KINDS.has(e.kind) || task ? 'event-text' : 'event-small'] },
    h(
      'div',
      { class: 'event-head' },
      h('strong', null, describeEvent(e, names)),
      e.private && privateBadge(),
      h('span', { class: 'muted' }, ' ', t('ticket.event.by', { name: personName(e.actor) })),
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
          t(TASK_STATE_MARKS[task.state]),
          task.durationMinutes !== null ? ` · ${formatMinutes(task.durationMinutes)}` : '',
          task.assigneeId !== null ? ` · ${names.user(task.assigneeId)}` : '',
          task.plannedStart && task.plannedEnd ? ` · ${t('ticket.task.planned', { start: formatDateTime(task.plannedStart), end: formatDateTime(task.plannedEnd) })}` : '',
        ),
        onDone && task.state === 'todo' && markDoneButton(task.id, onDone),
      ),
    reasons.length > 0 && h('p', { class: 'muted small' }, t('ticket.event.because', { reasons: reasons.join('; ') })),
  );
}

/** Staff close a task from the timeline; the button stays disabled while the server answers. */
function markDoneButton(taskId: number, onDone: (taskId: number) => Promise<void>): HTMLElement {
  const errors = alertRegion();
  const button = h('button', { type: 'button', class: 'btn btn-small' }, t('ticket.task.markDone'));
  button.addEventListener('click', () => {
    button.disabled = true;
    onDone(taskId).catch((err: unknown) => {
      showError(errors, err);
      button.disabled = false;
    });
  });
  return h('div', { class: 'task-actions' }, button, errors);
}

function markTaskDone<T extends { id: number }>({ kind, item, done }: Target<T>, taskId: number): Promise<void> {
  return api.patch<T>(`${itilApiPath(kind, item.id)}/tasks/${taskId}`, { state: 'done' } satisfies PatchTaskInput).then((next) => done(next, t('ticket.task.markedDone')));
}

function followupForm<T extends { id: number }>({ kind, item, done }: Target<T>, staff: boolean): HTMLElement {
  const body = textarea({ name: 'body', required: true });
  const priv = staff ? checkbox('private', false) : null;
  const errors = alertRegion();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('ticket.followup.submit'));
  const form = h(
    'form',
    { class: 'card stack', 'aria-label': t('ticket.followup.heading') },
    h('h3', null, t('ticket.followup.heading')),
    errors,
    field(t('ticket.followup.label'), body, { hint: !staff ? t('ticket.followup.hintRequester') : kind === 'ticket' ? t('ticket.followup.hintStaff') : t('itil.followup.hintStaff') }),
    priv && field(t('ticket.followup.private'), priv, { inline: true }),
    h('div', { class: 'form-buttons' }, submit),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!body.value.trim()) return void showError(errors, t('ticket.followup.empty')), body.focus();
    submit.disabled = true;
    api
      .post<T>(`${itilApiPath(kind, item.id)}/followups`, { body: body.value, private: priv?.checked ?? false } satisfies FollowupInput)
      .then((next) => done(next, priv?.checked ? t('ticket.followup.addedPrivate') : t('ticket.followup.added')))
      .catch((err: unknown) => {
        showError(errors, err, form);
        submit.disabled = false;
      });
  });
  return form;
}

function taskForm<T extends { id: number }>({ kind, item, done }: Target<T>): HTMLElement {
  const description = textarea({ name: 'description', rows: 3, required: true });
  const priv = checkbox('private', false);
  const state = select('state', TASK_STATES.map((s) => [s, t(TASK_STATE_LABELS[s])] as const));
  const duration = input({ name: 'durationMinutes', type: 'number', min: 0, max: 100000, step: 5, inputmode: 'numeric' });
  const errors = alertRegion();
  const submit = h('button', { type: 'submit', class: 'btn' }, t('ticket.task.submit'));
  const form = h(
    'form',
    { class: 'stack' },
    errors,
    field(t('ticket.task.label'), description),
    h('div', { class: 'row' }, field(t('ticket.task.state'), state), field(t('ticket.task.minutes'), duration)),
    field(t('ticket.followup.private'), priv, { inline: true }),
    h('div', { class: 'form-buttons' }, submit),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!description.value.trim()) return void showError(errors, t('ticket.task.empty')), description.focus();
    submit.disabled = true;
    const minutes = duration.value.trim() === '' ? undefined : Number(duration.value);
    api
      .post<T>(`${itilApiPath(kind, item.id)}/tasks`, { description: description.value, private: priv.checked, state: chosen(state, TASK_STATES), ...(minutes !== undefined ? { durationMinutes: minutes } : {}) } satisfies TaskInput)
      .then((next) => done(next, t('ticket.task.added')))
      .catch((err: unknown) => {
        showError(errors, err, form);
        submit.disabled = false;
      });
  });
  return h('details', { class: 'card task-form' }, h('summary', null, t('ticket.task.heading')), form);
}
