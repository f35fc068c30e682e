import { api } from '../api.js';
import { h } from '../dom.js';
import { levelLabel } from '../format.js';
import { t } from '../i18n/i18n.js';
import type { Category, DeviceDetail, DeviceSummary, ItilRef } from '../types.js';
import { statusBadge } from '../ui/badges.js';
import { field, input, select, textarea } from '../ui/fields.js';
import { showError } from '../ui/notice.js';
import { itilHref } from './itil-page.js';

/** Most objects a new problem or change is opened from: the list's selection stays well under it. */
export const MAX_FROM = 50;

/**
 * The fields a new problem and a new change share with a new ticket (title, description, urgency,
 * impact, category), the ticket form's labels, and the body part they make.
 */
export function commonFields(categories: readonly Category[]) {
  const levels = [5, 4, 3, 2, 1].map((n) => [String(n), `${n} · ${levelLabel(n)}`] as const);
  const title = input({ name: 'title', required: true, maxlength: 255 });
  const description = textarea({ name: 'description', required: true, rows: 5 });
  const urgency = select('urgency', levels, '3');
  const impact = select('impact', levels, '3');
  const category = select('categoryId', [['', t('ticketNew.noCategory')], ...categories.map((c) => [String(c.id), c.path] as const)]);
  return {
    title,
    description,
    nodes: [
      field(t('ticketNew.field.title'), title),
      field(t('ticketNew.field.description'), description),
      h('div', { class: 'row' }, field(t('ticketNew.field.urgency'), urgency), field(t('ticketNew.field.impact'), impact), field(t('ticketNew.field.category'), category, { class: 'grow' })),
    ],
    /** The first required field left empty, with the message saying so; null when both are there. */
    missing(): { el: HTMLElement; message: string } | null {
      if (!title.value.trim()) return { el: title, message: t('ticketNew.titleRequired') };
      if (!description.value.trim()) return { el: description, message: t('ticketNew.descriptionRequired') };
      return null;
    },
    body() {
      return {
        title: title.value.trim(),
        description: description.value.trim(),
        urgency: Number(urgency.value),
        impact: Number(impact.value),
        ...(category.value ? { categoryId: Number(category.value) } : {}),
      };
    },
  };
}

/** The objects a new problem or change starts from, as a list of links with their status. */
export function fromList(heading: string, refs: readonly Pick<ItilRef, 'id' | 'kind' | 'title' | 'status'>[]): HTMLElement | null {
  if (refs.length === 0) return null;
  return h(
    'div',
    { class: 'from-list', role: 'group', 'aria-label': heading },
    h('p', { class: 'strong' }, heading),
    h('ul', null, refs.map((r) => h('li', { 'data-id': r.id }, h('a', { href: itilHref(r.kind, r.id) }, `#${r.id} ${r.title}`), ' ', statusBadge(r.status)))),
  );
}

/** The devices of the objects a new problem or change starts from, to preset its device picker. */
export async function devicesById(ids: readonly number[]): Promise<DeviceSummary[]> {
  const unique = [...new Set(ids)].slice(0, MAX_FROM);
  return Promise.all(unique.map((id) => api.get<DeviceDetail>(`/api/v1/devices/${id}`)));
}

/** The long texts of a new problem or change that were filled in, by field name (empty ones are left out). */
export function filledTexts(texts: readonly { name: string; el: HTMLTextAreaElement }[]): Record<string, string> {
  return Object.fromEntries(texts.filter((f) => f.el.value.trim()).map((f) => [f.name, f.el.value.trim()]));
}

/**
 * Sends the form of a new problem or change: the required fields are checked first (the first one
 * missing is marked and focused), then `send` posts it and answers the new page's address, where the
 * browser goes; a refusal is shown on the form and the button is given back.
 */
export function onSubmitNew(
  parts: { form: HTMLFormElement; errors: HTMLElement; submit: HTMLButtonElement; common: ReturnType<typeof commonFields> },
  send: () => Promise<string>,
  navigate: (href: string) => void,
): void {
  const { form, errors, submit, common } = parts;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const missing = common.missing();
    if (missing) {
      showError(errors, missing.message);
      missing.el.setAttribute('aria-invalid', 'true');
      missing.el.focus();
      return;
    }
    submit.disabled = true;
    send()
      .then(navigate)
      .catch((err: unknown) => {
        showError(errors, err, form);
        submit.disabled = false;
      });
  });
}
