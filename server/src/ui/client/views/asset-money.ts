/** Amounts as the licences pages show them ("1 033,33 €"); the forms' text read back as numbers. */
export { formatMoney } from '../licence-format.js';

/** A form's text as a number, or null when empty; NaN (refused by the server, naming the field) when not a number. */
export function numberOrNull(s: string): number | null {
  const v = s.trim().replace(',', '.');
  return v === '' ? null : Number(v);
}

export const textOrNull = (s: string) => (s.trim() === '' ? null : s.trim());
