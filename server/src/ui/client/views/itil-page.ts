import type { ItilLinkBody } from '@parc/shared/api';
import { api } from '../api.js';
import { h, replace, uid, type Child } from '../dom.js';
import { formatDateTime, formatRelative, levelLabel, personName } from '../format.js';
import { t } from '../i18n/i18n.js';
import { itilApiPath, type ItilKind } from '../itil.js';
import { idsParam } from '../query.js';
import { changeHref, problemHref, ticketHref } from '../routes.js';
import type { Names } from '../timeline.js';
import type { Category, Group, ItilRef, TicketDevice, TimelineEntry, User, UserRef } from '../types.js';
import { priorityBadge, statusBadge } from '../ui/badges.js';
import { field, input, textarea } from '../ui/fields.js';
import { onSubmit } from '../ui/form.js';
import { kv } from '../ui/kv.js';
import { alertRegion, showError } from '../ui/notice.js';
import { table } from '../ui/table.js';
import { devicePicker } from './device-picker.js';

/**
 * The parts of the problem and change pages that are not the ticket's: linked objects, the long text
 * fields with their edit form, linking devices. The timeline, actions and device cards are the ticket's
 * own components (itil-timeline.ts, itil-actions.ts, itil-devices.ts).
 */

/** What the details card of a problem or change reads. */
interface DetailsOf {
  author: UserRef | null;
  assignees: { users: readonly UserRef[]; groups: readonly { name: string }[] };
  categoryId: number | null;
  urgency: number;
  impact: number;
  createdAt: string;
}

/**
 * The details card beside a problem's or change's timeline: author, assignees, category, urgency, impact,
 * opened. `extra` rows (the change's approval state) come after the assignees.
 */
export function itilDetailsCard(item: DetailsOf, categories: readonly Category[], extra: readonly (readonly [string, Child])[] = []): HTMLElement {
  const sideId = uid('side');
  const assignees = [...item.assignees.users.map((u) => personName(u)), ...item.assignees.groups.map((g) => t('ticket.groupName', { name: g.name }))];
  return h(
    'section',
    { class: 'card', 'aria-labelledby': sideId },
    h('h2', { id: sideId }, t('ticket.details')),
    kv([
      [t('itil.field.author'), personName(item.author)],
      [t('ticket.assignedTo'), assignees.length ? assignees.join(', ') : t('ticket.nobodyYet')],
      ...extra,
      [t('ticket.category'), categories.find((c) => c.id === item.categoryId)?.path ?? null],
      [t('ticket.urgency'), levelLabel(item.urgency)],
      [t('ticket.impact'), levelLabel(item.impact)],
      [t('ticket.opened'), formatDateTime(item.createdAt)],
    ]),
  );
}

/** The page of a linked object, whatever its kind. */
export const itilHref = (kind: ItilKind, id: number) => (kind === 'problem' ? problemHref(id) : kind === 'change' ? changeHref(id) : ticketHref(id));

/** Linked tickets, problems or changes as a table: number and title, status, priority, last update. */
export function refsTable(caption: string, refs: readonly ItilRef[], empty: string, unlink?: (ref: ItilRef) => HTMLElement): HTMLElement {
  const now = new Date();
  const rows = refs.map((r) => [
    h('a', { href: itilHref(r.kind, r.id) }, `#${r.id} ${r.title}`),
    statusBadge(r.status),
    priorityBadge(r.priority),
    h('time', { datetime: r.updatedAt, title: formatDateTime(r.updatedAt) }, formatRelative(r.updatedAt, now)),
    unlink ? unlink(r) : null,
  ]);
  const columns = [t('itil.links.column.item'), t('tickets.column.status'), t('tickets.column.priority'), t('tickets.column.updated'), ...(unlink ? [''] : [])];
  return table(caption, columns, rows, { hideCaption: true, empty });
}

export interface LinkGroup {
  heading: string;
  refs: readonly ItilRef[];
  empty: string;
}

/**
 * The objects linked to a problem or change, by kind, and (staff) a form linking more by their numbers
 * and a button unlinking each. `done` receives the object the server returns after a link.
 */
export function linksSection<T>(kind: ItilKind, id: number, groups: readonly LinkGroup[], opts: { editable: boolean; hint: string; done(next: T, message: string): void; reload(message: string): void }): HTMLElement {
  const headingId = uid('links');
  const errors = alertRegion();
  const unlink = (ref: ItilRef) => {
    const b = h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'aria-label': t('itil.links.unlinkLabel', { id: ref.id, title: ref.title }) }, t('itil.links.unlink'));
    b.addEventListener('click', () => {
      b.disabled = true;
      api
        .delete(`${itilApiPath(kind, id)}/links/${ref.id}`)
        .then(() => opts.reload(t('itil.links.unlinked', { id: ref.id })))
        .catch((err: unknown) => {
          showError(errors, err);
          b.disabled = false;
        });
    });
    return b;
  };
  let form: HTMLElement | null = null;
  if (opts.editable) {
    const ids = input({ name: 'ids', inputmode: 'numeric', autocomplete: 'off' });
    const formErrors = alertRegion();
    const f = h(
      'form',
      { class: 'row link-form' },
      formErrors,
      field(t('itil.links.idsLabel'), ids, { hint: opts.hint, class: 'grow' }),
      h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn' }, t('itil.links.link'))),
    );
    onSubmit(f, formErrors, async () => {
      const list = idsParam(ids.value.replace(/[#\s;]+/g, ','));
      if (list.length === 0) {
        showError(formErrors, t('itil.links.idsMissing'));
        ids.setAttribute('aria-invalid', 'true');
        ids.focus();
        return;
      }
      const next = await api.post<T>(`${itilApiPath(kind, id)}/links`, { ids: list } satisfies ItilLinkBody);
      opts.done(next, t('itil.links.linked', { count: list.length }));
    });
    form = f;
  }
  return h(
    'section',
    { class: 'card itil-links', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, t('itil.links.heading')),
    errors,
    groups.map((g) => {
      const id2 = uid('lg');
      return h('div', { class: 'link-group', role: 'group', 'aria-labelledby': id2 }, h('h3', { id: id2 }, g.heading, ' ', h('span', { class: 'muted' }, `(${g.refs.length})`)), refsTable(g.heading, g.refs, g.empty, opts.editable ? unlink : undefined));
    }),
    form,
  );
}

/** One long text field of a problem or change: its label, its API name, its value. */
export interface TextField {
  name: string;
  label: string;
  value: string | null;
  hint?: string;
}

/**
 * The long text fields (root cause, workaround, plans…) read as a list; staff edit them in place with a
 * form sending only what changed (PATCH). `extra` adds fields above the texts (risk, planned dates).
 */
export function textFieldsCard<T>(
  heading: string,
  kind: ItilKind,
  id: number,
  fields: readonly TextField[],
  opts: { editable: boolean; done(next: T, message: string): void; summary?: readonly (readonly [string, Child])[]; extraControls?: () => { nodes: HTMLElement[]; read(): Record<string, unknown> } },
): HTMLElement {
  const headingId = uid('fields');
  const card = h('section', { class: 'card itil-fields', 'aria-labelledby': headingId });
  const show = () => {
    const edit = opts.editable ? h('button', { type: 'button', class: 'btn btn-small', 'aria-expanded': 'false' }, t('itil.fields.edit')) : null;
    edit?.addEventListener('click', () => showForm());
    replace(
      card,
      h('div', { class: 'card-head' }, h('h2', { id: headingId }, heading), edit),
      opts.summary && kv(opts.summary),
      fields.map((f) => h('div', { class: 'itil-text', 'data-field': f.name }, h('h3', null, f.label), f.value ? h('p', { class: 'prewrap' }, f.value) : h('p', { class: 'empty' }, t('itil.fields.notYet')))),
    );
  };
  const showForm = () => {
    const errors = alertRegion();
    const areas = fields.map((f) => ({ f, el: textarea({ name: f.name, rows: 4 }) }));
    for (const a of areas) a.el.value = a.f.value ?? '';
    const extra = opts.extraControls?.();
    const cancel = h('button', { type: 'button', class: 'btn btn-quiet' }, t('common.cancel'));
    cancel.addEventListener('click', () => show());
    const form = h(
      'form',
      { class: 'stack', 'aria-label': heading },
      errors,
      extra?.nodes,
      areas.map((a) => field(a.f.label, a.el, a.f.hint ? { hint: a.f.hint } : {})),
      h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.save')), cancel),
    );
    onSubmit(form, errors, async () => {
      const body: Record<string, unknown> = { ...(extra?.read() ?? {}) };
      for (const a of areas) {
        const v = a.el.value.trim();
        if (v !== (a.f.value ?? '')) body[a.f.name] = v === '' ? null : v;
      }
      if (Object.keys(body).length === 0) return show();
      const next = await api.patch<T>(itilApiPath(kind, id), body);
      opts.done(next, t('itil.fields.saved'));
    });
    replace(card, h('h2', { id: headingId }, heading), form);
    areas[0]?.el.focus();
  };
  show();
  return card;
}

/** Staff link more devices to a problem or change by searching the inventory, as the ticket form does. */
export function linkDevicesForm<T>(kind: ItilKind, id: number, done: (next: T, message: string) => void): HTMLElement {
  const picker = devicePicker([]);
  const errors = alertRegion();
  const form = h('form', { class: 'stack' }, errors, picker.node, h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('itil.devices.linkSubmit'))));
  onSubmit(form, errors, async () => {
    const ids = picker.selectedIds();
    if (ids.length === 0) return showError(errors, t('itil.devices.pickFirst'));
    let next: T | undefined;
    // One call per device: the API links one at a time, as it does for tickets; a handful at most.
    for (const deviceId of ids) next = await api.post<T>(`${itilApiPath(kind, id)}/devices`, { deviceId });
    done(next!, t('itil.devices.linked', { count: ids.length }));
  });
  return h('details', { class: 'card link-devices' }, h('summary', null, t('itil.devices.link')), form);
}

/** A button unlinking one device from a problem or change; `reload` shows the page again with a message. */
export function unlinkDeviceButton(kind: ItilKind, id: number, reload: (message: string) => void): (d: TicketDevice) => HTMLElement {
  return (d) => {
    const errors = alertRegion();
    const b = h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'aria-label': t('itil.devices.unlinkLabel', { name: d.hostname }) }, t('itil.devices.unlink'));
    b.addEventListener('click', () => {
      b.disabled = true;
      api
        .delete(`${itilApiPath(kind, id)}/devices/${d.id}`)
        .then(() => reload(t('itil.devices.unlinked', { name: d.hostname })))
        .catch((err: unknown) => {
          showError(errors, err);
          b.disabled = false;
        });
    });
    return h('div', { class: 'unlink' }, b, errors);
  };
}

/** Names for the ids in timeline events, from everything the page already loaded. */
export function namesFor(
  item: { assignees: { users: UserRef[]; groups: { id: number; name: string }[] }; timeline: TimelineEntry[]; devices: readonly TicketDevice[]; people?: readonly (UserRef | { id: number | null; username: string | null; displayName: string | null; name?: string } | null)[] },
  users: readonly User[],
  groups: readonly Group[],
  categories: readonly Category[],
): Names {
  const people = new Map<number, string>();
  for (const u of users) people.set(u.id, personName(u));
  for (const u of [...item.assignees.users, ...(item.people ?? [])]) if (u && u.id !== null) people.set(u.id, personName(u));
  for (const e of item.timeline) if (e.actor) people.set(e.actor.id, personName(e.actor));
  const groupNames = new Map<number, string>([...groups.map((g) => [g.id, g.name] as const), ...item.assignees.groups.map((g) => [g.id, g.name] as const)]);
  const devices = new Map(item.devices.map((d) => [d.id, d.hostname] as const));
  return {
    user: (id) => people.get(id) ?? t('ticket.unknownUser', { id }),
    group: (id) => groupNames.get(id) ?? `#${id}`,
    device: (id) => devices.get(id) ?? `#${id}`,
    category: (id) => categories.find((c) => c.id === id)?.path ?? t('ticket.unknownCategory', { id }),
  };
}

/** Loads what every problem or change page needs beside the object: categories, people, groups. */
export async function helpdeskLists(): Promise<{ categories: Category[]; users: User[]; groups: Group[] }> {
  const [categories, users, groups] = await Promise.all([
    api.get<{ items: Category[] }>('/api/v1/ticket-categories').then((r) => r.items),
    api.get<{ items: User[] }>('/api/v1/users').then((r) => r.items),
    api.get<{ items: Group[] }>('/api/v1/groups').then((r) => r.items),
  ]);
  return { categories, users, groups };
}

export const isTechnician = (u: User) => !u.disabled && (u.role === 'admin' || u.role === 'technician');
