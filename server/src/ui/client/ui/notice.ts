import { ApiError } from '../api.js';
import { h, replace } from '../dom.js';
import { fieldCandidates } from '../field-path.js';
import { messageOf } from '../i18n/api-errors.js';
import { t } from '../i18n/i18n.js';

export { messageOf };

/**
 * Messages for the person: an alert region per form (read out by screen readers when it changes) and a
 * page-level status line. A server error naming a field marks that field invalid and moves focus to it.
 */

export const alertRegion = () => h('div', { class: 'alert-region', role: 'alert', 'aria-live': 'assertive' });

export function showError(region: HTMLElement, err: unknown, form?: HTMLFormElement): void {
  replace(region, h('p', { class: 'notice notice-error' }, messageOf(err)));
  if (!form) return;
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  const field = err instanceof ApiError && err.field ? fieldFor(form, err.field) : null;
  if (field) {
    field.setAttribute('aria-invalid', 'true');
    field.setAttribute('aria-errormessage', region.id || (region.id = `err-${Math.random().toString(36).slice(2)}`));
    field.focus();
  }
}

function fieldFor(form: HTMLFormElement, path: string): HTMLElement | null {
  for (const name of fieldCandidates(path)) {
    const el = form.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`);
    if (el) return el;
  }
  return null;
}

export function clearMessage(region: HTMLElement): void {
  region.replaceChildren();
}

export function showSuccess(region: HTMLElement, text: string): void {
  replace(region, h('p', { class: 'notice notice-ok' }, text));
}

/** A whole view that could not load: say why, and offer to try again. */
export function loadFailed(err: unknown, retry: () => void): HTMLElement {
  return h(
    'div',
    { class: 'notice notice-error', role: 'alert' },
    h('p', null, messageOf(err)),
    h('button', { type: 'button', class: 'btn', on: { click: retry } }, t('common.tryAgain')),
  );
}
