import { h, type Child } from '../dom.js';
import { t } from '../i18n/i18n.js';

/** A serial as people should read it: a placeholder ("To Be Filled By O.E.M.") says "not set", the value in its tooltip. */
export function serialText(serial: string | null | undefined, placeholder: boolean): Child {
  if (!serial) return '—';
  if (!placeholder) return serial;
  return h('span', { class: 'muted placeholder-value', title: t('device.serial.placeholderTitle', { value: serial }) }, t('device.serial.placeholder'));
}
