import { calendarDefinition, timeZoneOptions, WEEKDAY_LABELS, WEEKDAYS, type RangeRow, type Weekday } from '../../admin-logic.js';
import type { CalendarDefinition, HolidayDef } from '../../admin-types.js';
import { h } from '../../dom.js';
import { checkbox, field, input, select } from '../../ui/fields.js';

const TIME = { inputmode: 'numeric', maxlength: 5, placeholder: 'HH:MM', pattern: '([01][0-9]|2[0-3]):[0-5][0-9]|24:00', class: 'time-input' };

/**
 * The calendar editor: time zone, working ranges per weekday (several per day, e.g. a lunch break), and
 * holidays. Inputs are named like the API's fields (`definition.hours.mon.0.start`) so an error the API
 * reports lands on the right one.
 */
export function calendarEditor(def: CalendarDefinition | null): { node: HTMLElement; read(): CalendarDefinition } {
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
      start!.setAttribute('aria-label', `${WEEKDAY_LABELS[day]}, range ${i + 1}, from`);
      end!.setAttribute('aria-label', `${WEEKDAY_LABELS[day]}, range ${i + 1}, to`);
      li.querySelector('button')!.setAttribute('aria-label', `Remove ${WEEKDAY_LABELS[day]} range ${i + 1}`);
    });
  };
  const addRange = (day: Weekday, start = '', end = '', focus = false) => {
    const from = h('input', { type: 'text', value: start, ...TIME });
    const to = h('input', { type: 'text', value: end, ...TIME });
    const remove = h('button', { type: 'button', class: 'btn btn-small btn-quiet' }, 'Remove');
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
    const list = h('ul', { class: 'ranges', 'aria-label': `${WEEKDAY_LABELS[day]} working hours` });
    dayLists.set(day, list);
    return h(
      'div',
      { class: 'weekday' },
      h('span', { class: 'weekday-name strong' }, WEEKDAY_LABELS[day]),
      list,
      h('button', { type: 'button', class: 'btn btn-small', 'aria-label': `Add a range on ${WEEKDAY_LABELS[day]}`, on: { click: () => addRange(day, '', '', true) } }, '+ Range'),
    );
  });
  for (const day of WEEKDAYS) {
    const ranges = def ? (def.hours[day] ?? []) : ['mon', 'tue', 'wed', 'thu', 'fri'].includes(day) ? [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }] : [];
    for (const r of ranges) addRange(day, r.start, r.end);
  }

  const holidayList = h('ul', { class: 'holidays', 'aria-label': 'Holidays' });
  const renumberHolidays = () =>
    [...holidayList.querySelectorAll('li')].forEach((li, i) => {
      const [date, name, recurring] = li.querySelectorAll('input');
      date!.name = `definition.holidays.${i}.date`;
      name!.name = `definition.holidays.${i}.name`;
      recurring!.name = `definition.holidays.${i}.recurring`;
      // Several holidays repeat the same visible labels; the accessible names say which one.
      date!.setAttribute('aria-label', `Holiday ${i + 1}: date`);
      name!.setAttribute('aria-label', `Holiday ${i + 1}: name`);
      recurring!.setAttribute('aria-label', `Holiday ${i + 1}: every year`);
      li.querySelector('button')!.setAttribute('aria-label', `Remove holiday ${i + 1}`);
    });
  const addHoliday = (hd: HolidayDef | null, focus = false) => {
    const date = input({ type: 'date', value: hd?.date ?? '' });
    const name = input({ value: hd?.name ?? '', maxlength: 200 });
    const recurring = checkbox('', hd?.recurring ?? false);
    const remove = h('button', { type: 'button', class: 'btn btn-small btn-quiet' }, 'Remove');
    const li = h('li', { class: 'row holiday' }, field('Date', date), field('Name', name, { class: 'grow' }), field('Every year', recurring, { inline: true }), remove);
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
    field('Time zone', timeZone, { hint: 'Working hours are wall-clock times in this zone.' }),
    h('fieldset', null, h('legend', null, 'Working hours'), h('p', { class: 'hint' }, 'Times as HH:MM, 24:00 for midnight at the end of a day. A day without a range is a day off.'), h('div', { class: 'weekdays' }, days)),
    h('fieldset', null, h('legend', null, 'Holidays'), holidayList, h('button', { type: 'button', class: 'btn btn-small', on: { click: () => addHoliday(null, true) } }, '+ Holiday')),
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
