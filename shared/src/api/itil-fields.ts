import { z } from 'zod';
import { bodyIdSchema as id, userRefSchema } from './common.js';
import { taskSchema, ticketDeviceSchema, timelineEntrySchema } from './tickets.js';

/**
 * The fields problems and changes share, in their bodies and answers: each kind's schema spreads these
 * and adds its own. (Kept apart from itil.ts, which tickets.ts imports: these read tickets.ts.)
 */

const level = z.number().int().min(1).max(5);
/** A long free text that may be empty (analysis, plans, workaround). */
export const itilLongText = z.string().trim().max(50_000);
/** A required long text, named in the error when missing. */
export const itilText = (field: string) => z.string().trim().min(1, `${field} is required`).max(50_000);

/** Opening a problem or change. */
export const itilCreateFields = {
  title: z.string().trim().min(1).max(255),
  description: itilText('description'),
  urgency: level.default(3),
  impact: level.default(3),
  /** Explicit priority (6 = major, admins only); absent means the urgency × impact matrix decides. */
  priority: z.number().int().min(1).max(6).optional(),
  categoryId: id.optional(),
};

/** Editing a problem or change (each field optional once the kind's schema is made partial). */
export const itilPatchFields = {
  title: z.string().trim().min(1).max(255),
  description: itilText('description'),
  urgency: level,
  impact: level,
  priority: z.number().int().min(1).max(6),
  categoryId: id.nullable(),
};

/** A line of a problem or change list (the kind adds its status and own columns). */
export const itilSummaryFields = {
  id: z.number().int(),
  title: z.string(),
  urgency: z.number().int(),
  impact: z.number().int(),
  priority: z.number().int(),
  categoryId: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deviceIds: z.array(z.number().int()),
};

/** What a problem's or change's page adds to its summary, whatever the kind. */
export const itilDetailFields = {
  description: z.string(),
  /** Who opened it. */
  author: userRefSchema.nullable(),
  assignees: z.object({ users: z.array(userRefSchema), groups: z.array(z.object({ id: z.number().int(), name: z.string() })) }),
  devices: z.array(ticketDeviceSchema),
  tasks: z.array(taskSchema),
  timeline: z.array(timelineEntrySchema),
  /** What the caller may do now, in the workflow's terms. */
  availableActions: z.array(z.string()),
};
