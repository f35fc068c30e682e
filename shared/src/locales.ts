// No zod here: the web client imports this module at run time (`@parc/shared/locales`) and stays small.

/** The languages Parc's interface speaks; a user's profile holds one of them, or none (then the browser decides). */
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * True when `value` is one of Parc's languages.
 *
 * @example
 * isLocale('fr') // true
 * isLocale('de') // false
 */
export function isLocale(value: unknown): value is Locale {
  return (LOCALES as readonly unknown[]).includes(value);
}
