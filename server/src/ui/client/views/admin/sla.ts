import { api, ApiError } from '../../api.js';
import { minutesAsHours, SLA_PRIORITIES, targetsBody } from '../../admin-logic.js';
import type { Calendar, SlaPolicy } from '../../admin-types.js';
import { h, uid } from '../../dom.js';
import { formatMinutes, priorityLabel } from '../../format.js';
import { t } from '../../i18n/i18n.js';
import { formatRate } from '../../stats-logic.js';
import { adminHref } from '../../routes.js';
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
  const categoryPath = (id: number | null) => (id === null ? t('adminSla.anyDefault') : (categories.find((c) => c.id === id)?.path ?? `#${id}`));

  const form = (p: SlaPolicy | null): HTMLFormElement => {
    const name = input({ name: 'name', value: p?.name ?? '', required: true, maxlength: 128 });
    const calendar = select('calendarId', [['', t('adminSla.chooseCalendar')], ...calendars.map((c) => [String(c.id), c.name] as const)], p ? String(p.calendarId) : (calendars.length === 1 ? String(calendars[0]!.id) : ''));
    const category = select('categoryId', [['', t('adminSla.anyCategory')], ...categories.map((c) => [String(c.id), c.path] as const)], p?.categoryId ? String(p.categoryId) : '');
    const ratio = input({ name: 'atRiskRatio', type: 'number', min: 0.5, max: 0.99, step: 0.01, value: String(p?.atRiskRatio ?? 0.8), inputmode: 'decimal', class: 'ratio-input' });
    const rows = SLA_PRIORITIES.map((prio) => {
      const target = p?.targets[String(prio)];
      const minutesInput = (kind: 'own' | 'resolve', value: number | undefined) => {
        const label = kind === 'own' ? t('adminSla.ownLabel', { priority: priorityLabel(prio) }) : t('adminSla.resolveLabel', { priority: priorityLabel(prio) });
        const el = input({ name: `targets.${prio}.${kind}Minutes`, type: 'number', min: 1, step: 1, inputmode: 'numeric', value: value === undefined ? '' : String(value), 'aria-label': label, class: 'minutes-input' });
        const out = h('output', { class: 'muted small', for: (el.id = uid('min')) }, minutesAsHours(el.value));
        el.addEventListener('input', () => (out.textContent = minutesAsHours(el.value)));
        return { el, cell: h('span', { class: 'minutes-cell' }, el, ' ', out) };
      };
      return { prio, own: minutesInput('own', target?.ownMinutes), resolve: minutesInput('resolve', target?.resolveMinutes) };
    });
    const errors = alertRegion();
    const el = h(
      'form',
      { class: 'stack', 'aria-label': p ? t('adminSla.change', { name: p.name }) : t('adminSla.create.heading'), novalidate: true },
      errors,
      h(
        'div',
        { class: 'row' },
        field(t('admin.name'), name, { class: 'grow' }),
        field(t('adminSla.calendar'), calendar, { class: 'grow' }),
        field(t('admin.category'), category, { class: 'grow', hint: t('adminSla.categoryHint') }),
      ),
      h(
        'fieldset',
        null,
        h('legend', null, t('adminSla.targets')),
        h('p', { class: 'hint' }, t('adminSla.targetsHint')),
        table(
          t('adminSla.targetsCaption'),
          [t('adminSla.column.priority'), t('adminSla.column.own'), t('adminSla.column.resolve')],
          rows.map((r) => [priorityLabel(r.prio), r.own.cell, r.resolve.cell]),
          { hideCaption: true },
        ),
      ),
      field(t('adminSla.ratio'), ratio, { hint: t('adminSla.ratioHint') }),
      h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, p ? t('adminSla.save') : t('adminSla.create.submit'))),
    );
    onSubmit(el, errors, async () => {
      const body = {
        name: name.value,
        ...(calendar.value ? { calendarId: Number(calendar.value) } : {}),
        categoryId: category.value ? Number(category.value) : null,
        targets: targetsBody(rows.map((r) => ({ priority: r.prio, own: r.own.el.value, resolve: r.resolve.el.value }))),
        atRiskRatio: Number(ratio.value),
      };
      if (!calendar.value) throw new ApiError(400, 'required', t('adminSla.calendarRequired'), 'calendarId');
      if (p) await api.patch(`/api/v1/sla-policies/${p.id}`, body);
      else await api.post('/api/v1/sla-policies', body);
      flash(p ? t('adminSla.saved', { name: name.value.trim() }) : t('adminSla.created', { name: name.value.trim() }));
      reload();
    });
    return el;
  };

  const targetsText = (p: SlaPolicy) =>
    h(
      'ul',
      { class: 'plain small' },
      SLA_PRIORITIES.filter((prio) => p.targets[String(prio)]).map((prio) => {
        const target = p.targets[String(prio)]!;
        return h('li', null, t('adminSla.target', { priority: priorityLabel(prio), own: formatMinutes(target.ownMinutes), resolve: formatMinutes(target.resolveMinutes) }));
      }),
    );

  const card = (p: SlaPolicy) => {
    const id = `policy-${p.id}`;
    return h(
      'section',
      { class: 'card', 'aria-labelledby': id },
      h('h2', { id }, p.name),
      h('p', { class: 'muted small' }, t('adminSla.summary', { calendar: calendarName(p.calendarId), category: categoryPath(p.categoryId), ratio: formatRate(p.atRiskRatio) })),
      targetsText(p),
      h('details', null, h('summary', null, t('admin.edit'), h('span', { class: 'visually-hidden' }, ` ${t('adminSla.editLabel', { name: p.name })}`)), form(p)),
    );
  };

  return {
    title: t('adminSla.title'),
    intro: t('adminSla.intro'),
    body: [
      calendars.length === 0
        ? h('p', { class: 'notice' }, t('adminSla.needCalendar'), ' ', h('a', { href: adminHref('calendars') }, t('admin.nav.calendars')))
        : h('section', { class: 'card', 'aria-label': t('adminSla.create.heading') }, h('h2', null, t('adminSla.create.heading')), form(null)),
      policies.length ? h('div', { class: 'stack' }, policies.map(card)) : h('p', { class: 'empty' }, t('adminSla.empty')),
    ],
  };
};
