import { z } from 'zod';
import { timeZoneSchema } from './common.js';
import { TICKET_STATUSES } from './enums.js';

/** Helpdesk statistics over a period of local days (`GET /api/v1/tickets/statistics`). */

// The calendar maths runs on JS dates: years before 1900 are misread by Date.UTC and the day after 9999-12-31
// has no YYYY-MM-DD form, so such periods are refused here rather than fail inside.
const statsDate = z.iso.date().refine((d) => d >= '1900-01-01' && d <= '9998-12-31', 'a date between 1900-01-01 and 9998-12-31');

export const statisticsQuerySchema = z.object({
  from: statsDate,
  to: statsDate,
  timeZone: timeZoneSchema,
});
export type StatisticsQuery = z.input<typeof statisticsQuerySchema>;

const keyCount = z.object({ key: z.number().int().nullable(), count: z.number().int() });

/** Business minutes (wall-clock minutes for tickets without an SLA policy), pauses excluded. */
export const durationSummarySchema = z.object({
  /** How many tickets have the duration (achieved). */
  count: z.number().int(),
  median: z.number().nullable(),
  p90: z.number().nullable(),
});
export type DurationSummary = z.infer<typeof durationSummarySchema>;

export const complianceSchema = z.object({
  met: z.number().int(),
  breached: z.number().int(),
  /** Targets not achieved and not yet due: excluded from the rate. */
  running: z.number().int(),
  /** met / (met + breached); null when both are 0. */
  rate: z.number().nullable(),
});
export type Compliance = z.infer<typeof complianceSchema>;

export const dailyFlowSchema = z.object({
  /** Local date YYYY-MM-DD in the requested time zone. */
  date: z.string(),
  opened: z.number().int(),
  closed: z.number().int(),
  backlog: z.number().int(),
});
export type DailyFlow = z.infer<typeof dailyFlowSchema>;

export const ticketStatisticsSchema = z.object({
  period: z.object({ from: z.string(), to: z.string(), timeZone: z.string() }),
  counts: z.object({
    total: z.number().int(),
    /** Every status, zero included. */
    byStatus: z.record(z.enum(TICKET_STATUSES), z.number().int()),
    /** Every priority "1"–"6", zero included. */
    byPriority: z.record(z.string(), z.number().int()),
    /** Categories present, most tickets first; key null = no category. */
    byCategory: z.array(keyCount),
    /** Technicians present, most tickets first; a ticket counts for each; key null = unassigned. */
    byTechnician: z.array(keyCount),
  }),
  /** Opened, closed and backlog for every day of the period. */
  daily: z.array(dailyFlowSchema),
  timeToOwn: durationSummarySchema,
  timeToResolve: durationSummarySchema,
  compliance: z.object({ timeToOwn: complianceSchema, timeToResolve: complianceSchema }),
});
export type TicketStatistics = z.infer<typeof ticketStatisticsSchema>;
