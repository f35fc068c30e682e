import { z } from 'zod';
import { businessCalendarSchema } from './calendar-config.js';

const name = z.string().trim().min(1, 'needs a name').max(128);

// ---- calendars ----

export const createCalendarBodySchema = z.strictObject({ name, definition: businessCalendarSchema });
export type CreateCalendarBody = z.infer<typeof createCalendarBodySchema>;

export const patchCalendarBodySchema = z
  .strictObject({ name, definition: businessCalendarSchema })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'give at least one of name, definition');
export type PatchCalendarBody = z.infer<typeof patchCalendarBodySchema>;

const rangeOut = z.object({ start: z.string(), end: z.string() });
export const calendarSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  definition: z.object({
    timeZone: z.string(),
    hours: z.record(z.string(), z.array(rangeOut)),
    holidays: z.array(z.object({ date: z.string(), recurring: z.boolean(), name: z.string().optional() })),
  }),
  createdAt: z.string(),
});
export const calendarListSchema = z.object({ items: z.array(calendarSchema) });

// ---- SLA policies ----

const minutes = z.number().int().positive().max(10_000_000);
const targetSchema = z
  .strictObject({ ownMinutes: minutes, resolveMinutes: minutes })
  .refine((t) => t.ownMinutes <= t.resolveMinutes, { error: 'must not be longer than resolveMinutes', path: ['ownMinutes'] });

/** Business minutes to own and to resolve, per priority "1" … "6" (6 = major); a priority left out has no SLA. */
export const targetsSchema = z
  .strictObject({
    1: targetSchema.optional(),
    2: targetSchema.optional(),
    3: targetSchema.optional(),
    4: targetSchema.optional(),
    5: targetSchema.optional(),
    6: targetSchema.optional(),
  })
  .refine((t) => Object.values(t).some((v) => v !== undefined), 'give targets for at least one priority (1–6)');
export type Targets = z.infer<typeof targetsSchema>;

const atRiskRatio = z.number().min(0.5).max(0.99);
const categoryId = z.number().int().positive().nullable();

export const createPolicyBodySchema = z.strictObject({
  name,
  calendarId: z.number().int().positive(),
  categoryId: categoryId.optional(),
  targets: targetsSchema,
  atRiskRatio: atRiskRatio.default(0.8),
});
export type CreatePolicyBody = z.infer<typeof createPolicyBodySchema>;

export const patchPolicyBodySchema = z
  .strictObject({ name, calendarId: z.number().int().positive(), categoryId, targets: targetsSchema, atRiskRatio })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');
export type PatchPolicyBody = z.infer<typeof patchPolicyBodySchema>;

const targetOut = z.object({ ownMinutes: z.number().int(), resolveMinutes: z.number().int() });
export const policySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  calendarId: z.number().int(),
  categoryId: z.number().int().nullable(),
  targets: z.record(z.string(), targetOut),
  atRiskRatio: z.number(),
  createdAt: z.string(),
});
export const policyListSchema = z.object({ items: z.array(policySchema) });
