import type { LastSeenBucket, UploadRejectionReason } from '@parc/shared/api/home-enums';
import { formatSpan } from './format.js';
import { t, type PlainKey } from './i18n/i18n.js';
import type { TicketStatus } from './types.js';

/** Pure helpers of the home pages, tested without a DOM in server/test/ui. */

/** "Overdue by 2 h 5 min" or "Due in 30 min"; null without a resolution target. */
export function dueText(overdueMinutes: number | null): string | null {
  if (overdueMinutes === null) return null;
  if (overdueMinutes > 0) return t('home.sla.overdueBy', { span: formatSpan(overdueMinutes * 60_000) });
  if (overdueMinutes === 0) return t('home.sla.dueNow');
  return t('home.sla.dueIn', { span: formatSpan(-overdueMinutes * 60_000) });
}

const BUCKETS: Record<LastSeenBucket, PlainKey> = {
  day: 'home.fleet.seen.day',
  week: 'home.fleet.seen.week',
  month: 'home.fleet.seen.month',
  quarter: 'home.fleet.seen.quarter',
  older: 'home.fleet.seen.older',
};
export const lastSeenLabel = (b: LastSeenBucket) => t(BUCKETS[b]);

const REASONS: Record<UploadRejectionReason, PlainKey> = {
  unauthenticated: 'home.fleet.reason.unauthenticated',
  'too-large': 'home.fleet.reason.tooLarge',
  'bad-encoding': 'home.fleet.reason.badEncoding',
  invalid: 'home.fleet.reason.invalid',
};
export const rejectionLabel = (r: UploadRejectionReason) => t(REASONS[r]);

const NEXT: Record<TicketStatus, PlainKey> = {
  new: 'home.requester.next.new',
  assigned: 'home.requester.next.assigned',
  planned: 'home.requester.next.planned',
  pending: 'home.requester.next.pending',
  solved: 'home.requester.next.solved',
  closed: 'home.requester.next.closed',
};
/** What happens next with a requester's ticket, in a sentence. */
export const nextStep = (s: TicketStatus) => t(NEXT[s]);

/** Platforms as their makers write them (agents report them in lower case). */
const PLATFORMS: Record<string, string> = { windows: 'Windows', linux: 'Linux', macos: 'macOS', darwin: 'macOS', freebsd: 'FreeBSD' };

/** An operating system's name for the chart: its name, else its platform, else "Unknown". */
export function osName(os: { platform: string | null; name: string | null }): string {
  if (os.name) return os.name;
  if (os.platform) return PLATFORMS[os.platform.toLowerCase()] ?? os.platform;
  return t('home.fleet.unknownOs');
}

/** An agent version for the chart: "Version 1.2.0", or "Unknown" when the agent never said. */
export const agentVersionLabel = (v: string | null) => (v ? t('home.fleet.version', { version: v }) : t('home.fleet.unknownVersion'));
