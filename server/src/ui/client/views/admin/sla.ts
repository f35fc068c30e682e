import { api, ApiError } from '../../api.js';
import { minutesAsHours, SLA_PRIORITIES, targetsBody } from '../../admin-logic.js';
import type { Calendar, SlaPolicy } from '../../admin-types.js';
import { h, uid } from '../../dom.js';
import { formatMinutes, priorityLabel } from '../../format.js';
import type { Category } from '../../types.js';
import { field, input, select } from '../../ui/fields.js';
import { flash } from '../../ui/flash.js';
import { onSubmit } from '../../ui/form.js';
import { alertRegion } from '../../ui/notice.js';
import { table } from '../../ui/table.js';
import type { AdminPageFn } from './admin.js';

/** SLA policies: a calendar, an optional category, and per priority the business minutes to own and to resolve. */
export const slaPage: AdminPageFn = async ({ reload }) => {
  const [policies, calendars, categories] = await Promise.all([
    api.get<{ items: SlaPolicy[] }>('/api/v1/sla-policies').then((r) => r.items),
    api.get<{ items: Calendar[] }>('/api/v1/calendars').then((r) => r.items),
    api.get<{ items: Category[] }>('/api/v1/ticket-categories').then((r) => r.items),
  ]);
  const calendarName = (id: number) => calendars.find((c) => c.id === id)?.name ?? `#${id}`;
  const categoryPath = (id: number | null) => (id === null ? 'Any (default policy)' : (categories.find((c) => c.id === id)?.path ?? `#${id}`));

  const form = (p: SlaPolicy | null): HTMLFormElement => {
    const name = input({ name: 'name', value: p?.name ?? '', required: true, maxlength: 128 });
    const calendar = select('calendarId', [['', 'Choose a calendar'], ...calendars.map((c) => [String(c.id), c.name] as const)], p ? String(p.calendarId) : (calendars.length === 1 ? String(calendars[0]!.id) : ''));
    const category = select('categoryId', [['', 'Any category (default policy)'], ...categories.map((c) => [String(c.id), c.path] as const)], p?.categoryId ? String(p.categoryId) : '');
    const ratio = input({ name: 'atRiskRatio', type: 'number', min: 0.5, max: 0.99, step: 0.01, value: String(p?.atRiskRatio ?? 0.8), inputmode: 'decimal', class: 'ratio-input' });
    const rows = SLA_PRIORITIES.map((prio) => {
      const t = p?.targets[String(prio)];
      const minutesInput = (kind: 'own' | 'resolve', value: number | undefined) => {
        const label = `${kind === 'own' ? 'Own within' : 'Resolve within'} (minutes), priority ${priorityLabel(prio)}`;
        const el = input({ name: `targets.${prio}.${kind}Minutes`, type: 'number', min: 1, step: 1, inputmode: 'numeric', value: value === undefined ? '' : String(value), 'aria-label': label, class: 'minutes-input' });
        const out = h('output', { class: 'muted small', for: (el.id = uid('min')) }, minutesAsHours(el.value));
        el.addEventListener('input', () => (out.textContent = minutesAsHours(el.value)));
        return { el, cell: h('span', { class: 'minutes-cell' }, el, ' ', out) };
      };
      return { prio, own: minutesInput('own', t?.ownMinutes), resolve: minutesInput('resolve', t?.resolveMinutes) };
    });
    const errors = alertRegion();
    const el = h(
      'form',
      { class: 'stack', 'aria-label': p ? `Change policy ${p.name}` : 'Create an SLA policy', novalidate: true },
      errors,
      h('div', { class: 'row' }, field('Name', name, { class: 'grow' }), field('Calendar', calendar, { class: 'grow' }), field('Category', category, { class: 'grow', hint: 'Tickets in it and its subcategories.' })),
      h(
        'fieldset',
        null,
        h('legend', null, 'Targets in business minutes'),
        h('p', { class: 'hint' }, 'Leave both empty for a priority without SLA. Own ≤ resolve.'),
        table('SLA targets per priority', ['Priority', 'Own within', 'Resolve within'], rows.map((r) => [priorityLabel(r.prio), r.own.cell, r.resolve.cell]), { hideCaption: true }),
      ),
      field('At-risk ratio', ratio, { hint: 'A ticket is "at risk" once this share of its time is used (0.5–0.99).' }),
      h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, p ? 'Save policy' : 'Create policy')),
    );
    onSubmit(el, errors, async () => {
      const body = {
        name: name.value,
        ...(calendar.value ? { calendarId: Number(calendar.value) } : {}),
        categoryId: category.value ? Number(category.value) : null,
        targets: targetsBody(rows.map((r) => ({ priority: r.prio, own: r.own.el.value, resolve: r.resolve.el.value }))),
        atRiskRatio: Number(ratio.value),
      };
      if (!calendar.value) throw new ApiError(400, 'required', 'Choose a calendar.', 'calendarId');
      if (p) await api.patch(`/api/v1/sla-policies/${p.id}`, body);
      else await api.post('/api/v1/sla-policies', body);
      flash(`SLA policy "${name.value.trim()}" ${p ? 'saved' : 'created'}.`);
      reload();
    });
    return el;
  };

  const targetsText = (p: SlaPolicy) =>
    h(
      'ul',
      { class: 'plain small' },
      SLA_PRIORITIES.filter((prio) => p.targets[String(prio)]).map((prio) => {
        const t = p.targets[String(prio)]!;
        return h('li', null, `${priorityLabel(prio)}: own ${formatMinutes(t.ownMinutes)}, resolve ${formatMinutes(t.resolveMinutes)}`);
      }),
    );

  const card = (p: SlaPolicy) => {
    const id = `policy-${p.id}`;
    return h(
      'section',
      { class: 'card', 'aria-labelledby': id },
      h('h2', { id }, p.name),
      h('p', { class: 'muted small' }, `Calendar ${calendarName(p.calendarId)} · Category: ${categoryPath(p.categoryId)} · at risk at ${Math.round(p.atRiskRatio * 100)} %`),
      targetsText(p),
      h('details', null, h('summary', null, 'Edit', h('span', { class: 'visually-hidden' }, ` policy ${p.name}`)), form(p)),
    );
  };

  return {
    title: 'SLA policies',
    intro: 'A ticket gets the policy of its category (or the nearest parent category that has one), else the default policy.',
    body: [
      calendars.length === 0
        ? h('p', { class: 'notice' }, 'Create a calendar first: a policy counts time on one. ', h('a', { href: '#/admin/calendars' }, 'Calendars'))
        : h('section', { class: 'card', 'aria-label': 'Create an SLA policy' }, h('h2', null, 'Create an SLA policy'), form(null)),
      policies.length ? h('div', { class: 'stack' }, policies.map(card)) : h('p', { class: 'empty' }, 'No SLA policy yet.'),
    ],
  };
};
