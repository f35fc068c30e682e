import { calendarDefinition, timeZoneOptions, weekdayName, WEEKDAYS, type RangeRow, type Weekday } from '../../admin-logic.js';
import type { CalendarDefinition, HolidayDef } from '../../admin-types.js';
import { h } from '../../dom.js';
import { t } from '../../i18n/i18n.js';
import { checkbox, field, input, select } from '../../ui/fields.js';


/**
 * The calendar editor: time zone, working ranges per weekday (several per day, e.g. a lunch break), and
 * holidays. Inputs are named like the API's fields (`definition.hours.mon.0.start`) so an error the API
 * reports lands on the right one.
 */
export function calendarEditor(def: CalendarDefinition | null): { node: HTMLElement; read(): CalendarDefinition } {
  const time = { inputmode: 'numeric', maxlength: 5, placeholder: t('adminCalendars.timePlaceholder'), pattern: '([01][0-9]|2[0-3]):[0-5][0-9]|24:00', class: 'time-input' };
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zone = def?.timeZone ?? browserZone;
  const zones = timeZoneOptions(Intl.supportedValuesOf('timeZone'), zone);
  const timeZone = select('definition.timeZone', zones.map((z) => [z, z] as const), zone);

  const dayLists = new Map<Weekday, HTMLElement>();
  const renumber = (day: Weekday) => {
    const rows = [...dayLists.get(day)!.querySelectorAll('li')];
    rows.forEach((li, i) => {
      const [start, end] = li.querySelectorAll('input');
      start!.name = `definition.hours.${day}.${i}.start`;
      end!.name = `definition.hours.${day}.${i}.end`;
      start!.setAttribute('aria-label', t('adminCalendars.rangeFrom', { day: weekdayName(day), n: i + 1 }));
      end!.setAttribute('aria-label', t('adminCalendars.rangeTo', { day: weekdayName(day), n: i + 1 }));
      li.querySelector('button')!.setAttribute('aria-label', t('adminCalendars.removeRange', { day: weekdayName(day), n: i + 1 }));
    });
  };
  const addRange = (day: Weekday, start = '', end = '', focus = false) => {
    const from = h('input', { type: 'text', value: start, ...time });
    const to = h('input', { type: 'text', value: end, ...time });
    const remove = h('button', { type: 'button', class: 'btn btn-small btn-quiet' }, t('adminCalendars.remove'));
    const li = h('li', { class: 'range' }, from, h('span', { 'aria-hidden': 'true' }, '–'), to, remove);
    remove.addEventListener('click', () => {
      li.remove();
      renumber(day);
    });
    dayLists.get(day)!.append(li);
    renumber(day);
    if (focus) from.focus();
  };

  const days = WEEKDAYS.map((day) => {
    const list = h('ul', { class: 'ranges', 'aria-label': t('adminCalendars.dayHours', { day: weekdayName(day) }), 'data-empty': t('adminCalendars.dayOff') });
    dayLists.set(day, list);
    return h(
      'div',
      { class: 'weekday' },
      h('span', { class: 'weekday-name strong' }, weekdayName(day)),
      list,
      h(
        'button',
        { type: 'button', class: 'btn btn-small', 'aria-label': t('adminCalendars.addRange', { day: weekdayName(day) }), on: { click: () => addRange(day, '', '', true) } },
        t('adminCalendars.addRangeButton'),
      ),
    );
  });
  for (const day of WEEKDAYS) {
    const ranges = def ? (def.hours[day] ?? []) : ['mon', 'tue', 'wed', 'thu', 'fri'].includes(day) ? [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }] : [];
    for (const r of ranges) addRange(day, r.start, r.end);
  }

  const holidayList = h('ul', { class: 'holidays', 'aria-label': t('adminCalendars.holidays') });
  const renumberHolidays = () =>
    [...holidayList.querySelectorAll('li')].forEach((li, i) => {
      const [date, name, recurring] = li.querySelectorAll('input');
      date!.name = `definition.holidays.${i}.date`;
      name!.name = `definition.holidays.${i}.name`;
      recurring!.name = `definition.holidays.${i}.recurring`;
      // Several holidays repeat the same visible labels; the accessible names say which one.
      date!.setAttribute('aria-label', t('adminCalendars.holidayDate', { n: i + 1 }));
      name!.setAttribute('aria-label', t('adminCalendars.holidayName', { n: i + 1 }));
      recurring!.setAttribute('aria-label', t('adminCalendars.holidayRecurring', { n: i + 1 }));
      li.querySelector('button')!.setAttribute('aria-label', t('adminCalendars.removeHoliday', { n: i + 1 }));
    });
  const addHoliday = (hd: HolidayDef | null, focus = false) => {
    const date = input({ type: 'date', value: hd?.date ?? '' });
    const name = input({ value: hd?.name ?? '', maxlength: 200 });
    const recurring = checkbox('', hd?.recurring ?? false);
    const remove = h('button', { type: 'button', class: 'btn btn-small btn-quiet' }, t('adminCalendars.remove'));
    const li = h('li', { class: 'row holiday' }, field(t('adminCalendars.date'), date), field(t('admin.name'), name, { class: 'grow' }), field(t('adminCalendars.everyYear'), recurring, { inline: true }), remove);
    remove.addEventListener('click', () => {
      li.remove();
      renumberHolidays();
    });
    holidayList.append(li);
    renumberHolidays();
    if (focus) date.focus();
  };
  for (const hd of def?.holidays ?? []) addHoliday(hd);

  const node = h(
    'div',
    { class: 'stack calendar-editor' },
    field(t('adminCalendars.timeZone'), timeZone, { hint: t('adminCalendars.timeZoneHint') }),
    h('fieldset', null, h('legend', null, t('adminCalendars.hours')), h('p', { class: 'hint' }, t('adminCalendars.hoursHint')), h('div', { class: 'weekdays' }, days)),
    h(
      'fieldset',
      null,
      h('legend', null, t('adminCalendars.holidays')),
      holidayList,
      h('button', { type: 'button', class: 'btn btn-small', on: { click: () => addHoliday(null, true) } }, t('adminCalendars.addHoliday')),
    ),
  );

  const read = (): CalendarDefinition => {
    const rows: RangeRow[] = [];
    for (const day of WEEKDAYS) {
      for (const li of dayLists.get(day)!.querySelectorAll('li')) {
        const [start, end] = li.querySelectorAll('input');
        rows.push({ day, start: start!.value, end: end!.value });
      }
    }
    const holidays = [...holidayList.querySelectorAll('li')].map((li) => {
      const [date, name, recurring] = li.querySelectorAll('input');
      return { date: date!.value, name: name!.value, recurring: recurring!.checked };
    });
    return calendarDefinition(timeZone.value, rows, holidays);
  };
  return { node, read };
}
