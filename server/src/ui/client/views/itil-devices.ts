import { describeChange, summarizeChanges, verbLabel } from '../changes.js';
import { h, uid } from '../dom.js';
import { formatDateTime, formatLead, formatRelative, modelLabel, osLabel } from '../format.js';
import { t, type PlainKey } from '../i18n/i18n.js';
import type { ItilKind } from '../itil.js';
import { deviceHref } from '../routes.js';
import type { Change, TicketDevice } from '../types.js';
import { deviceStateBadge } from '../ui/badges.js';
import { kv } from '../ui/kv.js';
import { serialText } from '../ui/serial-text.js';

/** Long histories are cut to the changes closest to the ticket; the rest is one click away. */
const FIRST_SHOWN = 12;

/** The words that name the object the devices are seen around ("before the ticket", "before the change"). */
interface Words {
  heading: PlainKey;
  none: PlainKey;
  changesBefore: PlainKey;
  noChangeBefore: PlainKey;
  changesSince: 'ticket.devices.changesSince' | 'itil.devices.changesSince';
}
const WORDS: Record<ItilKind, Words> = {
  ticket: { heading: 'ticket.devices.heading', none: 'ticket.devices.none', changesBefore: 'ticket.devices.changesBefore', noChangeBefore: 'ticket.devices.noChangeBefore', changesSince: 'ticket.devices.changesSince' },
  problem: { heading: 'itil.devices.headingProblem', none: 'itil.devices.noneProblem', changesBefore: 'itil.devices.changesBefore', noChangeBefore: 'itil.devices.noChangeBefore', changesSince: 'itil.devices.changesSince' },
  change: { heading: 'itil.devices.headingChange', none: 'itil.devices.noneChange', changesBefore: 'itil.devices.changesBefore', noChangeBefore: 'itil.devices.noChangeBefore', changesSince: 'itil.devices.changesSince' },
};

/**
 * The technician's first stop: each device linked to a ticket, problem or change as it was when linked,
 * and what changed on it in the days before the object was opened, closest first. `extra` goes under
 * the cards (the staff's controls to link and unlink devices).
 */
export function deviceContext(
  kind: ItilKind,
  item: { devices: readonly TicketDevice[]; createdAt: string },
  canOpenDevices: boolean,
  seesHistory: boolean,
  opts: { unlink?: (d: TicketDevice) => HTMLElement; extra?: HTMLElement | null } = {},
): HTMLElement {
  const words = WORDS[kind];
  const headingId = uid('devices');
  const body =
    item.devices.length === 0
      ? h('p', { class: 'empty' }, t(words.none))
      : item.devices.map((d) => {
          const card = seesHistory ? deviceCard(d, item.createdAt, canOpenDevices, words) : plainCard(d, canOpenDevices);
          if (opts.unlink) card.append(opts.unlink(d));
          return card;
        });
  return h('section', { class: 'device-context', 'aria-labelledby': headingId }, h('h2', { id: headingId }, t(words.heading)), body, opts.extra);
}

/**
 * A linked device for someone the helpdesk does not show machine details to (the API leaves them out):
 * what it is and where, and a line saying the rest is kept for the helpdesk, not that nothing happened.
 */
function plainCard(d: TicketDevice, canOpen: boolean): HTMLElement {
  const headingId = uid('dev');
  return h(
    'article',
    { class: 'card device-card', 'aria-labelledby': headingId, 'data-device-id': d.id },
    h('h3', { id: headingId }, canOpen ? h('a', { href: deviceHref(d.id) }, d.hostname) : d.hostname, ' ', deviceStateBadge(d)),
    kv(
      [
        [t('device.field.location'), d.location ?? null],
        [t('device.field.lastSeen'), d.lastSeenAt ? h('time', { datetime: d.lastSeenAt, title: formatDateTime(d.lastSeenAt) }, formatRelative(d.lastSeenAt, new Date())) : null],
      ],
      'kv kv-compact',
    ),
    h('p', { class: 'muted small', 'data-testid': 'device-history-hidden' }, t('ticket.devices.historyForStaff')),
  );
}

function deviceCard(d: TicketDevice, ticketCreatedAt: string, canOpen: boolean, words: Words): HTMLElement {
  const s = d.snapshot ?? {};
  const name = canOpen ? h('a', { href: deviceHref(d.id) }, d.hostname) : d.hostname;
  const before = [...d.changesBefore].sort((a, b) => b.at.localeCompare(a.at));
  const since = [...d.changesSince].sort((a, b) => a.at.localeCompare(b.at));
  const headingId = uid('dev');
  return h(
    'article',
    { class: 'card device-card', 'aria-labelledby': headingId, 'data-device-id': d.id },
    h('h3', { id: headingId }, name, ' ', deviceStateBadge(d)),
    kv(
      [
        [t('device.field.model'), modelLabel(s.manufacturer, s.model)],
        [t('device.field.os'), osLabel(s.os)],
        [t('device.field.lastUser'), s.lastUser ?? '—'],
        [t('device.field.ip'), s.ipv4?.length ? s.ipv4.join(', ') : '—'],
        [t('device.field.serial'), s.serial ? serialText(s.serial, s.serialPlaceholder === true) : null],
        [t('device.field.location'), d.location ?? null],
        [t('device.field.lastSeen'), d.lastSeenAt ? h('time', { datetime: d.lastSeenAt, title: formatDateTime(d.lastSeenAt) }, formatRelative(d.lastSeenAt, new Date())) : null],
      ],
      'kv kv-compact',
    ),
    h('p', { class: 'muted small' }, d.linkedAt ? t('ticket.devices.asLinked', { date: formatDateTime(d.linkedAt) }) : null),
    h('h4', null, t(words.changesBefore), ' ', h('span', { class: 'muted' }, `(${summarizeChanges(before)})`)),
    changeList(before, ticketCreatedAt, t(words.noChangeBefore)),
    since.length > 0 &&
      h('details', { class: 'since' }, h('summary', null, t(words.changesSince, { count: since.length })), changeList(since, ticketCreatedAt, '')),
  );
}

function changeList(changes: readonly Change[], reference: string, empty: string): HTMLElement {
  if (changes.length === 0) return h('p', { class: 'empty' }, empty);
  const item = (c: Change) => {
    const d = describeChange(c);
    return h(
      'li',
      { class: ['change', `change-${d.group}`] },
      h('span', { class: ['verb', `verb-${d.verb}`] }, verbLabel(d.verb)),
      ' ',
      h('span', { class: 'change-item' }, d.item),
      d.detail && h('span', { class: 'change-detail' }, ` ${d.detail}`),
      h('time', { datetime: c.at, title: formatDateTime(c.at) }, formatLead(c.at, reference)),
    );
  };
  const list = h('ul', { class: 'changes' }, changes.slice(0, FIRST_SHOWN).map(item));
  if (changes.length <= FIRST_SHOWN) return list;
  const more = h('button', { type: 'button', class: 'btn btn-quiet btn-small' }, t('ticket.devices.showAll', { count: changes.length }));
  more.addEventListener('click', () => {
    const rest = changes.slice(FIRST_SHOWN).map(item);
    list.append(...rest);
    more.remove();
    // Focus the first revealed change so keyboard users continue where the list grew.
    rest[0]?.setAttribute('tabindex', '-1');
    rest[0]?.focus();
  });
  return h('div', null, list, more);
}
