import { clearMessage, showError } from './notice.js';

/**
 * The submit handling every admin form shares: no page reload, buttons disabled while the request runs,
 * earlier errors cleared, and a refusal shown in the form's alert region with the field the API named
 * marked invalid and focused.
 */
export function onSubmit(form: HTMLFormElement, errors: HTMLElement, run: () => Promise<void>): void {
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const buttons = [...form.querySelectorAll<HTMLButtonElement>('button')];
    for (const b of buttons) b.disabled = true;
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    clearMessage(errors);
    run()
      .catch((err: unknown) => showError(errors, err, form))
      .finally(() => {
        for (const b of buttons) b.disabled = false;
      });
  });
}

/** A number from an input, or undefined when it is empty (the API then keeps or defaults the value). */
export const numberOrUndefined = (el: HTMLInputElement) => (el.value.trim() === '' ? undefined : Number(el.value));
