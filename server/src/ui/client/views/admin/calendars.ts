import { api } from '../../api.js';
import { describeHours } from '../../admin-logic.js';
import type { Calendar } from '../../admin-types.js';
import { h } from '../../dom.js';
import { t } from '../../i18n/i18n.js';
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
      { class: 'stack', 'aria-label': cal ? t('adminCalendars.change', { name: cal.name }) : t('adminCalendars.create.heading'), novalidate: true },
      errors,
      field(t('admin.name'), name),
      editor.node,
      h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, cal ? t('adminCalendars.save') : t('adminCalendars.create.submit'))),
    );
    onSubmit(el, errors, async () => {
      const body = { name: name.value, definition: editor.read() };
      if (cal) await api.patch(`/api/v1/calendars/${cal.id}`, body);
      else await api.post('/api/v1/calendars', body);
      flash(cal ? t('adminCalendars.saved', { name: name.value.trim() }) : t('adminCalendars.created', { name: name.value.trim() }));
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
      h('p', { class: 'muted small' }, `${cal.definition.timeZone} · ${t('adminCalendars.holidayCount', { count: cal.definition.holidays.length })}`),
      h('details', null, h('summary', null, t('admin.edit'), h('span', { class: 'visually-hidden' }, ` ${t('adminCalendars.editLabel', { name: cal.name })}`)), form(cal)),
    );
  };

  return {
    title: t('adminCalendars.title'),
    intro: t('adminCalendars.intro'),
    body: [
      h('section', { class: 'card', 'aria-label': t('adminCalendars.create.heading') }, h('h2', null, t('adminCalendars.create.heading')), form(null)),
      items.length ? h('div', { class: 'stack' }, items.map(card)) : h('p', { class: 'empty' }, t('adminCalendars.empty')),
    ],
  };
};
