import { IntlMessageFormat } from 'intl-messageformat';
import type { MessageArgs } from './icu-args.js';
import { chooseLocale, intlTagFor, type Locale } from './locale-choice.js';
import { CATALOGUES, type MessageKey, type Messages } from './messages/index.js';

/**
 * The interface's language at run time: `t(key, args)` formats a catalogue message (ICU syntax, by
 * FormatJS' intl-messageformat) in the current language, and `intlLocale()` is the tag every Intl
 * formatter uses, so labels, dates, numbers and relative times always agree. No DOM here: the router sets
 * the page's `lang`; tests call `setLocale` directly.
 */

let current: Locale = 'en';
let tag = 'en';
let compiled = new Map<MessageKey, IntlMessageFormat>();

/** The browser's preferred languages (none outside a browser). */
export function browserLanguages(): readonly string[] {
  const nav = (globalThis as { navigator?: { languages?: readonly string[]; language?: string } }).navigator;
  return nav?.languages?.length ? nav.languages : nav?.language ? [nav.language] : [];
}

export function setLocale(locale: Locale, languages: readonly string[] = browserLanguages()): void {
  current = locale;
  tag = intlTagFor(locale, languages);
  compiled = new Map();
}

/** Applies the profile's choice, else the browser's language, else English; returns what it chose. */
export function useProfileLocale(profile: string | null | undefined, languages: readonly string[] = browserLanguages()): Locale {
  const locale = chooseLocale(profile, languages);
  setLocale(locale, languages);
  return locale;
}

/** The interface language: `en` or `fr`. */
export const locale = (): Locale => current;

/** The BCP 47 tag for Intl formatters ("fr", "fr-CA", "en-GB"). */
export const intlLocale = (): string => tag;

type ArgsOf<K extends MessageKey> = keyof MessageArgs<Messages[K]> extends never ? [] : [args: MessageArgs<Messages[K]>];

/** The keys of messages that take no argument: what a table of labels (`Record<Status, PlainKey>`) holds. */
export type PlainKey = { [K in MessageKey]: keyof MessageArgs<Messages[K]> extends never ? K : never }[MessageKey];

/**
 * A message in the current language. The key must exist (a type error otherwise) and the arguments are
 * those the English message names, with their kinds (`{count, plural, …}` takes a number).
 *
 * @example
 * t('tickets.deviceCount', { count: 3 }) // "3 devices" / "3 appareils"
 */
export function t(key: PlainKey): string;
export function t<K extends MessageKey>(key: K, ...args: ArgsOf<K>): string;
export function t(key: MessageKey, ...args: [Record<string, unknown>?]): string {
  let format = compiled.get(key);
  if (!format) {
    // ignoreTag: "<" in a message is text, never markup (the DOM helpers make text nodes anyway).
    format = new IntlMessageFormat(CATALOGUES[current][key], tag, undefined, { ignoreTag: true });
    compiled.set(key, format);
  }
  return String(format.format(args[0] as Record<string, string | number | Date> | undefined));
}
