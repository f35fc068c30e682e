import type { LicenceState } from '@parc/shared';

/** Calendar days are UTC days: `2026-03-01` for any instant of that UTC day. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** `day` plus `days` (negative to go back), as a calendar date. */
export function addDays(day: string, days: number): string {
  return dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));
}

/** Whether a licence is valid on `day`: started (or no start date) and not past its last valid day. ISO dates compare as text. */
export function licenceState(l: { startsOn: string | null; expiresOn: string | null }, day: string): LicenceState {
  if (l.startsOn !== null && l.startsOn > day) return 'future';
  if (l.expiresOn !== null && l.expiresOn < day) return 'expired';
  return 'active';
}
