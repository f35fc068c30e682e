import { isLocale, LOCALES, type Locale } from '@parc/shared/locales';

/** Which language the interface speaks, and which regional conventions its dates and numbers follow. Pure. */

export { isLocale, LOCALES, type Locale };

/** Each language named in itself, as a language switch shows it (the same in every language). */
export const LANGUAGE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', fr: 'Français' };

const primary = (tag: string) => tag.split('-')[0]!.toLowerCase();

/** The profile's language when the user chose one, else the browser's first language Parc speaks, else English. */
export function chooseLocale(profile: string | null | undefined, browserLanguages: readonly string[]): Locale {
  if (isLocale(profile)) return profile;
  for (const tag of browserLanguages) {
    const lang = primary(tag);
    if (isLocale(lang)) return lang;
  }
  return 'en';
}

/**
 * The BCP 47 tag for Intl in `locale`: the browser's own regional variant of that language when it lists
 * one ("fr-CA", "en-GB"), so dates keep the reader's conventions, else the bare language.
 */
export function intlTagFor(locale: Locale, browserLanguages: readonly string[]): string {
  for (const tag of browserLanguages) {
    if (primary(tag) !== locale) continue;
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical) return canonical;
    } catch {
      // A malformed tag from the browser: try the next one.
    }
  }
  return locale;
}
