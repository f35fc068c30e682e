import { z } from 'zod';
import { TICKET_STATUSES } from '../itil/ticket-kind.js';
import { idSchema, MAX_ID } from '../../platform/http/params.js';

const level = z.number().int().min(1).max(5);
/** Row ids are Postgres integers: a larger number is a 400 here, not an out-of-range error (500) in SQL. */
const id = z.number().int().positive().max(MAX_ID);
const idParam = idSchema;
const ids = z.array(id).max(100);
// Years before 1900 are no helpdesk date, and PGlite reads years below 100 back wrong (0001 → 2001).
const when = z.iso.datetime({ offset: true }).refine((d) => {
  const y = new Date(d).getUTCFullYear();
  return y >= 1900 && y <= 9999;
}, 'a date between the years 1900 and 9999');

export const createTicketBodySchema = z.object({
  title: z.string().trim().min(1).max(255),
  description: z.string().trim().min(1).max(50_000),
  type: z.enum(['incident', 'request']).default('incident'),
  urgency: level.default(3),
  impact: level.default(3),
  /** Explicit priority (6 = major, admins only); absent means the urgency × impact matrix decides. */
  priority: z.number().int().min(1).max(6).optional(),
  categoryId: id.optional(),
  deviceIds: ids.default([]),
  /** Staff may open a ticket on someone's behalf; a requester always opens for themselves. */
  requesterId: id.optional(),
  observerIds: ids.default([]),
  location: z.string().trim().max(256).optional(),
  dueAt: when.optional(),
});
export type CreateTicketBody = z.infer<typeof createTicketBodySchema>;

export const patchTicketBodySchema = z
  .object({
    title: z.string().trim().min(1).max(255),
    description: z.string().trim().min(1).max(50_000),
    type: z.enum(['incident', 'request']),
    urgency: level,
    impact: level,
    priority: z.number().int().min(1).max(6),
    categoryId: id.nullable(),
    location: z.string().trim().max(256).nullable(),
    dueAt: when.nullable(),
    observerIds: ids,
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');
export type PatchTicketBody = z.infer<typeof patchTicketBodySchema>;

const text = (field: string) => z.string().trim().min(1, `${field} is required`).max(50_000);

/** Workflow actions, one shape each; see tickets/workflow.ts for who may do what in which status. */
export const ticketActionBodySchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('assign'), userIds: ids.optional(), groupIds: ids.optional() }),
  z.object({ action: z.literal('take') }),
  z.object({ action: z.literal('unassign'), userIds: ids.optional(), groupIds: ids.optional() }),
  z.object({ action: z.literal('set-pending'), reason: text('reason') }),
  z.object({ action: z.literal('resume') }),
  z.object({ action: z.literal('solve'), solution: text('solution') }),
  z.object({ action: z.literal('accept-solution') }),
  z.object({ action: z.literal('refuse-solution'), reason: text('reason') }),
  z.object({ action: z.literal('close') }),
  z.object({ action: z.literal('reopen'), reason: z.string().trim().max(5000).optional() }),
]);
export type TicketActionBody = z.infer<typeof ticketActionBodySchema>;

export const followupBodySchema = z.object({
  body: text('body'),
  private: z.boolean().default(false),
});

export const taskBodySchema = z
  .object({
    description: text('description'),
    private: z.boolean().default(false),
    state: z.enum(['todo', 'done']).default('todo'),
    durationMinutes: z.number().int().min(0).max(100_000).optional(),
    assigneeId: id.optional(),
    plannedStart: when.optional(),
    plannedEnd: when.optional(),
  })
  .refine((t) => (t.plannedStart === undefined) === (t.plannedEnd === undefined), {
    message: 'give both plannedStart and plannedEnd, or neither',
    path: ['plannedEnd'],
  })
  .refine((t) => !t.plannedStart || !t.plannedEnd || new Date(t.plannedEnd) > new Date(t.plannedStart), {
    message: 'plannedEnd must be after plannedStart',
    path: ['plannedEnd'],
  });

export const patchTaskBodySchema = z
  .object({
    description: text('description'),
    private: z.boolean(),
    state: z.enum(['todo', 'done']),
    durationMinutes: z.number().int().min(0).max(100_000).nullable(),
    assigneeId: id.nullable(),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');

export const linkDeviceBodySchema = z.object({ deviceId: id });

export const ticketParamsSchema = z.object({ id: idParam });
export const taskParamsSchema = z.object({ id: idParam, taskId: idParam });
export const deviceLinkParamsSchema = z.object({ id: idParam, deviceId: idParam });

const csv = <T extends z.ZodType>(item: T) =>
  z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    // Items arrive as strings; each item schema coerces its own.
    .pipe(z.array(item).min(1) as unknown as z.ZodType<z.output<T>[], string[]>);

const SORTABLE = ['id', 'createdAt', 'updatedAt', 'priority', 'status', 'title', 'resolveDueAt'] as const;

export const listTicketsQuerySchema = z.object({
  q: z.string().trim().min(1).max(256).optional(),
  status: csv(z.enum([...TICKET_STATUSES, 'open'])).optional(),
  priority: csv(z.coerce.number().int().min(1).max(6)).optional(),
  type: z.enum(['incident', 'request']).optional(),
  categoryId: idParam.optional(),
  assigneeId: idParam.optional(),
  groupId: idParam.optional(),
  requesterId: idParam.optional(),
  deviceId: idParam.optional(),
  slaState: z.enum(['on-track', 'at-risk', 'breached']).optional(),
  createdAfter: when.or(z.iso.date()).optional(),
  createdBefore: when.or(z.iso.date()).optional(),
  sort: z
    .string()
    .regex(new RegExp(`^-?(${SORTABLE.join('|')})$`), `one of ${SORTABLE.join(', ')}, with - for descending`)
    .default('-id'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListTicketsQuery = z.infer<typeof listTicketsQuerySchema>;

// The calendar maths runs on JS dates: years before 1900 are misread by Date.UTC and the day after 9999-12-31
// has no YYYY-MM-DD form, so such periods are refused here rather than fail inside.
const statsDate = z.iso.date().refine((d) => d >= '1900-01-01' && d <= '9998-12-31', 'a date between 1900-01-01 and 9998-12-31');

export const statisticsQuerySchema = z.object({
  from: statsDate,
  to: statsDate,
  timeZone: z
    .string()
    .default('UTC')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'not an IANA time zone'),
});

const userRef = z.object({ id: z.number().int(), username: z.string(), displayName: z.string().nullable() });

export const ticketSummarySchema = z.object({
  id: z.number().int(),
  title: z.string(),
  type: z.enum(['incident', 'request']),
  status: z.enum(TICKET_STATUSES),
  urgency: z.number().int(),
  impact: z.number().int(),
  priority: z.number().int(),
  categoryId: z.number().int().nullable(),
  requester: z.object({ id: z.number().int().nullable(), username: z.string().nullable(), displayName: z.string().nullable(), name: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  resolveDueAt: z.string().nullable(),
  slaState: z.enum(['on-track', 'at-risk', 'breached', 'met', 'none']),
  deviceIds: z.array(z.number().int()),
});

export const ticketDetailSchema = ticketSummarySchema.extend({
  description: z.string(),
  location: z.string().nullable(),
  dueAt: z.string().nullable(),
  solution: z.string().nullable(),
  pendingReason: z.string().nullable(),
  assignees: z.object({ users: z.array(userRef), groups: z.array(z.object({ id: z.number().int(), name: z.string() })) }),
  observers: z.array(userRef),
  devices: z.array(z.record(z.string(), z.unknown())),
  sla: z.record(z.string(), z.unknown()),
  timeline: z.array(z.record(z.string(), z.unknown())),
  availableActions: z.array(z.string()),
});

export const listTicketsResponseSchema = z.object({
  items: z.array(ticketSummarySchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
