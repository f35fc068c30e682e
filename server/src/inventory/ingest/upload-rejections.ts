import type { UploadRejectionReason } from '@parc/shared/api/home-enums';
import { DomainError } from '../../platform/http/errors.js';

/** How many days of rejection counts are kept. */
export const REJECTION_KEEP_DAYS = 31;

/**
 * Why an upload was refused, from the error the route answered with; null for what is not a refusal of
 * the upload itself (a server fault, a conflict while writing).
 */
export function rejectionReason(err: unknown): UploadRejectionReason | null {
  if (!(err instanceof DomainError)) return null;
  if (err.status === 401) return 'unauthenticated';
  if (err.status === 413) return 'too-large';
  if (err.status === 415) return 'bad-encoding';
  if (err.status === 400) return 'invalid';
  return null;
}

/** The hour an instant falls in: counts are kept per hour, so "today" is read to the hour (to the half hour's hour in zones offset by 30 minutes). */
export function hourOf(at: Date): Date {
  const d = new Date(at);
  d.setUTCMinutes(0, 0, 0);
  return d;
}
