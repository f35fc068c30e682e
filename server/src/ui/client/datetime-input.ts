/**
 * `<input type="datetime-local">` speaks the reader's wall-clock time without a zone ("2026-12-03T20:00");
 * the API speaks instants with their offset. Pure: tested in server/test/ui.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as the local wall-clock value the input shows; '' for none or an unreadable one. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The input's value as an instant (UTC, for the API); null when empty or not a date. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value.trim())) return null;
  const d = new Date(value.trim());
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
