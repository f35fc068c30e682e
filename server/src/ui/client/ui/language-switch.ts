import { h, uid } from '../dom.js';
import { locale, t } from '../i18n/i18n.js';
import { LANGUAGE_NAMES, LOCALES, type Locale } from '../i18n/locale-choice.js';

/**
 * The language switch: a labelled select whose options name each language in itself ("Français"), with
 * their `lang`, so a person who cannot read the current language still finds their own.
 */
export function languageSwitch(onChange: (next: Locale) => void): HTMLElement {
  const id = uid('lang');
  const select = h(
    'select',
    { id, name: 'locale', class: 'language-select' },
    LOCALES.map((l) => h('option', { value: l, lang: l, selected: l === locale() }, LANGUAGE_NAMES[l])),
  );
  select.addEventListener('change', () => {
    const next = LOCALES.find((l) => l === select.value);
    if (next && next !== locale()) onChange(next);
  });
  return h('div', { class: 'language-switch' }, h('label', { for: id, class: 'visually-hidden' }, t('shell.language')), select);
}
