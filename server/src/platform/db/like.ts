/**
 * LIKE/ILIKE patterns from what a person typed. Postgres reads `%` and `_` as wildcards and `\` as the
 * escape character, so unescaped input matches more than was asked for, and a trailing `\` is an SQL
 * error (a 500). Every pattern built from input goes through these.
 */

/** The text with `\`, `%` and `_` escaped: it matches only itself. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** Matches values containing `text`. */
export const containsPattern = (text: string): string => `%${escapeLike(text)}%`;

/** Matches values starting with `text`. */
export const prefixPattern = (text: string): string => `${escapeLike(text)}%`;
