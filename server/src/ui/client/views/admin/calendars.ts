import { api } from '../../api.js';
import { describeHours } from '../../admin-logic.js';
import type { Calendar } from '../../admin-types.js';
import { h } from '../../dom.js';
import { plural } from '../../format.js';
import { field, input } from '../../ui/fields.js';
import { flash } from '../../ui/flash.js';
import { onSubmit } from '../../ui/form.js';
import { alertRegion } from '../../ui/notice.js';
import type { AdminPageFn } from './admin.js';
import { calendarEditor } from './calendar-editor.js';

/** Business calendars: the working time SLA clocks count. */
export const calendarsPage: AdminPageFn = async ({ reload }) => {
  const { items } = await api.get<{ items: Calendar[] }>('/api/v1/calendars');

  const form = (cal: Calendar | null): HTMLFormElement => {
    const name = input({ name: 'name', value: cal?.name ?? '', required: true, maxlength: 128 });
    const editor = calendarEditor(cal?.definition ?? null);
    const errors = alertRegion();
    const el = h(
      'form',
      { class: 'stack', 'aria-label': cal ? `Change calendar ${cal.name}` : 'Create a calendar', novalidate: true },
      errors,
      field('Name', name),
      editor.node,
      h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, cal ? 'Save calendar' : 'Create calendar')),
    );
    onSubmit(el, errors, async () => {
      const body = { name: name.value, definition: editor.read() };
      if (cal) await api.patch(`/api/v1/calendars/${cal.id}`, body);
      else await api.post('/api/v1/calendars', body);
      flash(`Calendar "${name.value.trim()}" ${cal ? 'saved' : 'created'}.`);
      reload();
    });
    return el;
  };

  const card = (cal: Calendar) => {
    const id = `calendar-${cal.id}`;
    return h(
      'section',
      { class: 'card', 'aria-labelledby': id },
      h('h2', { id }, cal.name),
      h('p', null, describeHours(cal.definition)),
      h('p', { class: 'muted small' }, `${cal.definition.timeZone} · ${plural(cal.definition.holidays.length, 'holiday')}`),
      h('details', null, h('summary', null, 'Edit', h('span', { class: 'visually-hidden' }, ` calendar ${cal.name}`)), form(cal)),
    );
  };

  return {
    title: 'Calendars',
    intro: 'SLA policies count business time on a calendar: its working hours, in its time zone, minus holidays.',
    body: [h('section', { class: 'card', 'aria-label': 'Create a calendar' }, h('h2', null, 'Create a calendar'), form(null)), items.length ? h('div', { class: 'stack' }, items.map(card)) : h('p', { class: 'empty' }, 'No calendar yet.')],
  };
};
