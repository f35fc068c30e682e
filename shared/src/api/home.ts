import { z } from 'zod';
import { timeZoneSchema } from './common.js';
import { TICKET_STATUSES } from './enums.js';
import { LAST_SEEN_BUCKETS, UPLOAD_REJECTION_REASONS } from './home-enums.js';

export { HOME_LIST_LIMIT, LAST_SEEN_BUCKET_DAYS, LAST_SEEN_BUCKETS, UPLOAD_REJECTION_REASONS, type LastSeenBucket, type UploadRejectionReason } from './home-enums.js';

/**
 * Each role's home page (`GET /api/v1/home/technician`, `/home/fleet`, `/home/requester`): counts grouped
 * in SQL and short lists, so a home answers in a few set-based queries whatever the size of the fleet.
 */

export const homeQuerySchema = z.object({
  /** IANA time zone that decides where "today" starts (the browser's). */
  timeZone: timeZoneSchema,
});
export type HomeQuery = z.input<typeof homeQuerySchema>;

const count = z.number().int().min(0);
const statusCounts = z.object(Object.fromEntries(TICKET_STATUSES.map((s) => [s, count])) as Record<(typeof TICKET_STATUSES)[number], typeof count>);

/** A ticket in a home list: enough to read it at a glance and open it. */
export const homeTicketSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  status: z.enum(TICKET_STATUSES),
  priority: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  resolveDueAt: z.string().nullable(),
  /** Minutes past the resolution target (positive: overdue by; negative: due in); null without SLA. */
  overdueMinutes: z.number().int().nullable(),
});
export type HomeTicket = z.infer<typeof homeTicketSchema>;

export const technicianHomeSchema = z.object({
  /** Open tickets assigned to the caller or to one of their groups. */
  queue: z.object({
    total: count,
    byStatus: statusCounts,
    /** Priority 1 (very low) to 6 (major), every one present. */
    byPriority: z.array(z.object({ priority: z.number().int(), count })),
    /** Highest priority first, then the nearest resolution target. */
    items: z.array(homeTicketSchema),
  }),
  /** Open tickets nobody (no person, no group) is assigned to; the oldest of the highest priority first. */
  unassigned: z.object({ total: count, items: z.array(homeTicketSchema) }),
  /** Open tickets whose resolution target is near (at risk) or past (breached); the most overdue first. */
  sla: z.object({ atRisk: count, breached: count, mineAtRisk: count, mineBreached: count, items: z.array(homeTicketSchema) }),
});
export type TechnicianHome = z.infer<typeof technicianHomeSchema>;

export const fleetHomeSchema = z.object({
  /** The instant "today" started in the requested time zone. */
  todayStartedAt: z.string(),
  staleDays: z.number().int(),
  devices: z.object({ total: count, retired: count, stale: count }),
  /** Devices not retired, by operating system: the most common first, the rest summed in `otherCount`. */
  byOs: z.object({ items: z.array(z.object({ platform: z.string().nullable(), name: z.string().nullable(), count })), otherCount: count }),
  /** Devices not retired, by how long ago they last reported; every bucket present, in order. */
  lastSeen: z.array(z.object({ bucket: z.enum(LAST_SEEN_BUCKETS), count })),
  /** Agents not revoked, by the version they last reported: the most common first. */
  agentsByVersion: z.object({ items: z.array(z.object({ version: z.string().nullable(), count })), otherCount: count }),
  /** Devices that sent an inventory today, and of those, how many reported a change. */
  inventoriesToday: z.object({ devices: count, changed: count }),
  /** Uploads the server refused, today and over the last 7 days, by reason (every reason present). */
  rejectedUploads: z.object({ today: count, last7Days: count, byReason: z.array(z.object({ reason: z.enum(UPLOAD_REJECTION_REASONS), today: count, last7Days: count })) }),
  openConflicts: count,
});
export type FleetHome = z.infer<typeof fleetHomeSchema>;

export const requesterHomeSchema = z.object({
  /** The caller's tickets (those they requested or observe), by status. */
  byStatus: statusCounts,
  /** Solved tickets waiting for the caller to accept or refuse the solution. */
  awaitingYou: count,
  /** Open and solved tickets, the most recently updated first (up to 25). */
  items: z.array(homeTicketSchema),
});
export type RequesterHome = z.infer<typeof requesterHomeSchema>;
