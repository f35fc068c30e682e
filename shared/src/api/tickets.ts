import { z } from 'zod';
import { bodyIdSchema as id, bodyIdsSchema as ids, pageSchema, userRefSchema } from './common.js';
import { deviceChangeSchema, deviceSnapshotSchema } from './devices.js';
import { ticketProblemSchema } from './itil.js';
import { SLA_OUTCOMES, SLA_STATES, TASK_STATES, TICKET_SLA_STATES, TICKET_STATUSES, TICKET_TYPES } from './enums.js';

/** Tickets: opening, editing, the workflow actions, followups, tasks, linked devices; lists and the ticket page. */

const level = z.number().int().min(1).max(5);
// Years before 1900 are no helpdesk date, and PGlite reads years below 100 back wrong (0001 → 2001).
/** An instant with its offset, between the years 1900 and 9999. */
export const ticketInstantSchema = z.iso.datetime({ offset: true }).refine((d) => {
  const y = new Date(d).getUTCFullYear();
  return y >= 1900 && y <= 9999;
}, 'a date between the years 1900 and 9999');
const when = ticketInstantSchema;

export const createTicketBodySchema = z.object({
  title: z.string().trim().min(1).max(255),
  description: z.string().trim().min(1).max(50_000),
  type: z.enum(TICKET_TYPES).default('incident'),
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
export type CreateTicketInput = z.input<typeof createTicketBodySchema>;

export const patchTicketBodySchema = z
  .object({
    title: z.string().trim().min(1).max(255),
    description: z.string().trim().min(1).max(50_000),
    type: z.enum(TICKET_TYPES),
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

/** Workflow actions, one shape each; see the server's helpdesk/itil/workflow.ts for who may do what in which status. */
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
/** The actions a person can ask for (the server also plans, unplans and auto-closes by itself). */
export type TicketActionName = TicketActionBody['action'];

export const followupBodySchema = z.object({
  body: text('body'),
  private: z.boolean().default(false),
});
export type FollowupInput = z.input<typeof followupBodySchema>;

export const taskBodySchema = z
  .object({
    description: text('description'),
    private: z.boolean().default(false),
    state: z.enum(TASK_STATES).default('todo'),
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
export type TaskInput = z.input<typeof taskBodySchema>;

export const patchTaskBodySchema = z
  .object({
    description: text('description'),
    private: z.boolean(),
    state: z.enum(TASK_STATES),
    durationMinutes: z.number().int().min(0).max(100_000).nullable(),
    assigneeId: id.nullable(),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');
export type PatchTaskInput = z.input<typeof patchTaskBodySchema>;

export const linkDeviceBodySchema = z.object({ deviceId: id });

// ---- answers ----

export const ticketSummarySchema = z.object({
  id: z.number().int(),
  title: z.string(),
  type: z.enum(TICKET_TYPES),
  status: z.enum(TICKET_STATUSES),
  urgency: z.number().int(),
  impact: z.number().int(),
  priority: z.number().int(),
  categoryId: z.number().int().nullable(),
  requester: z.object({ id: z.number().int().nullable(), username: z.string().nullable(), displayName: z.string().nullable(), name: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  resolveDueAt: z.string().nullable(),
  slaState: z.enum(TICKET_SLA_STATES),
  deviceIds: z.array(z.number().int()),
});
export type TicketSummary = z.infer<typeof ticketSummarySchema>;

export const listTicketsResponseSchema = pageSchema(ticketSummarySchema);
export type TicketPage = z.infer<typeof listTicketsResponseSchema>;

/** A linked device: where it is now, what it looked like when linked, and what changed around the ticket. */
export const ticketDeviceSchema = z.object({
  id: z.number().int(),
  hostname: z.string(),
  /** The asset's state code now, and an added state's label (null for built-ins). */
  state: z.string(),
  stateLabel: z.string().nullable(),
  /** Where it is now: the location's full path. */
  location: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  linkedAt: z.string().nullable(),
  /** The device as it was when it was linked; staff only (null for requesters and observers). */
  snapshot: deviceSnapshotSchema.nullable(),
  /** What changed in the days before the ticket: the first place to look (staff only). */
  changesBefore: z.array(deviceChangeSchema),
  changesSince: z.array(deviceChangeSchema),
});
export type TicketDevice = z.infer<typeof ticketDeviceSchema>;

/** One SLA target of a ticket: its business-time budget, due date, and where it stands. */
export const slaTargetSchema = z.object({
  budgetMinutes: z.number(),
  dueAt: z.string(),
  achievedAt: z.string().nullable(),
  usedMinutes: z.number(),
  state: z.enum(SLA_STATES),
  outcome: z.enum(SLA_OUTCOMES),
});
export type SlaTarget = z.infer<typeof slaTargetSchema>;

/** The ticket's SLA: `{ policy: null }` when none applies; targets are null for a priority the policy leaves out. */
export const ticketSlaSchema = z.object({
  policy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  timeToOwn: slaTargetSchema.nullable().optional(),
  timeToResolve: slaTargetSchema.nullable().optional(),
  paused: z.boolean().optional(),
});
export type TicketSla = z.infer<typeof ticketSlaSchema>;

export const taskSchema = z.object({
  id: z.number().int(),
  description: z.string(),
  state: z.enum(TASK_STATES),
  private: z.boolean(),
  durationMinutes: z.number().int().nullable(),
  assigneeId: z.number().int().nullable(),
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type Task = z.infer<typeof taskSchema>;

/** One event of the ticket's history; `data` depends on `kind` (created, status, assignment, rule, link…). */
export const timelineEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.string(),
  private: z.boolean(),
  actor: userRefSchema.nullable(),
  body: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  /** On `task` entries: the task as it is now. */
  task: taskSchema.optional(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const ticketDetailSchema = ticketSummarySchema.extend({
  description: z.string(),
  location: z.string().nullable(),
  dueAt: z.string().nullable(),
  solution: z.string().nullable(),
  pendingReason: z.string().nullable(),
  assignees: z.object({ users: z.array(userRefSchema), groups: z.array(z.object({ id: z.number().int(), name: z.string() })) }),
  observers: z.array(userRefSchema),
  devices: z.array(ticketDeviceSchema),
  sla: ticketSlaSchema,
  timeline: z.array(timelineEntrySchema),
  /** What the caller may do now, in the workflow's terms. */
  availableActions: z.array(z.string()),
  /** The problems this ticket belongs to, with their workaround (shown to the requester too). */
  problems: z.array(ticketProblemSchema),
});
export type TicketDetail = z.infer<typeof ticketDetailSchema>;
