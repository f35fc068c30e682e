import { h } from '../dom.js';

/**
 * A confirmation that survives the re-render after a change: set before reloading the screen, shown
 * once at the top of the next render as a status message.
 */
let pending: string | null = null;

export function flash(text: string): void {
  pending = text;
}

export function takeFlash(): HTMLElement | null {
  const text = pending;
  pending = null;
  return text ? h('p', { class: 'notice notice-ok', role: 'status' }, text) : null;
}
