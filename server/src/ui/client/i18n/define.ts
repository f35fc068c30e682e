/**
 * How an area of the interface declares its messages: one file per page or area under `messages/`, both
 * languages side by side, every key starting with the area's name. The English text is kept literally in
 * the type (so `t()` knows each message's arguments); French must have exactly the same keys, which the
 * type check enforces, and the same arguments, which server/test/ui/i18n-catalogues.test.ts checks.
 *
 * @example
 * export default defineMessages('licences', {
 *   en: { 'licences.found': '{count, plural, one {# licence} other {# licences}} found' },
 *   fr: { 'licences.found': '{count, plural, one {# licence trouvée} other {# licences trouvées}}' },
 * });
 */
export interface AreaMessages<Area extends string, En extends Record<string, string>> {
  area: Area;
  en: En;
  fr: Record<keyof En, string>;
}

/** Every key must start with `area.`: a key of another area is a type error here. */
type Prefixed<Area extends string, En> = { [K in keyof En]: K extends `${Area}.${string}` ? string : never };

export function defineMessages<const Area extends string, const En extends Record<string, string> & Prefixed<Area, En>>(
  area: Area,
  messages: { en: En; fr: NoInfer<Record<keyof En, string>> },
): AreaMessages<Area, En> {
  return { area, ...messages };
}
