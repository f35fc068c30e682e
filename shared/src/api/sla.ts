import { z } from 'zod';
import { bodyIdSchema } from './common.js';

/**
 * Business calendars and SLA policies. A calendar's definition is validated by the server's SLA feature
 * (helpdesk/sla/business-calendar.ts: time zones, ranges, real dates), which turns it into minutes; here
 * is the definition as the API answers it, and as the web client sends it back.
 */

const name = z.string().trim().min(1, 'needs a name').max(128);

// ---- calendars ----

const rangeOut = z.object({ start: z.string(), end: z.string() });
export type TimeRangeText = z.infer<typeof rangeOut>;

const holidayOut = z.object({ date: z.string(), recurring: z.boolean(), name: z.string().optional() });
export type HolidayDef = z.infer<typeof holidayOut>;

/** `{ timeZone, hours: { mon: [{ start: '08:00', end: '12:00' }, …], … }, holidays: [{ date, recurring, name? }] }`. */
export const calendarDefinitionSchema = z.object({
  timeZone: z.string(),
  hours: z.record(z.string(), z.array(rangeOut)),
  holidays: z.array(holidayOut),
});
export type CalendarDefinition = z.infer<typeof calendarDefinitionSchema>;

export const calendarSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  definition: calendarDefinitionSchema,
  createdAt: z.string(),
});
export type Calendar = z.infer<typeof calendarSchema>;

export const calendarListSchema = z.object({ items: z.array(calendarSchema) });

/** A calendar's name as it is validated; the server adds the definition's own parser to the bodies. */
export const calendarNameSchema = name;

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
const categoryId = bodyIdSchema.nullable();

export const createPolicyBodySchema = z.strictObject({
  name,
  calendarId: bodyIdSchema,
  categoryId: categoryId.optional(),
  targets: targetsSchema,
  atRiskRatio: atRiskRatio.default(0.8),
});
export type CreatePolicyBody = z.infer<typeof createPolicyBodySchema>;
export type CreatePolicyInput = z.input<typeof createPolicyBodySchema>;

export const patchPolicyBodySchema = z
  .strictObject({ name, calendarId: bodyIdSchema, categoryId, targets: targetsSchema, atRiskRatio })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');
export type PatchPolicyBody = z.infer<typeof patchPolicyBodySchema>;

const targetOut = z.object({ ownMinutes: z.number().int(), resolveMinutes: z.number().int() });
export type SlaTargetMinutes = z.infer<typeof targetOut>;

export const policySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  calendarId: z.number().int(),
  categoryId: z.number().int().nullable(),
  targets: z.record(z.string(), targetOut),
  atRiskRatio: z.number(),
  createdAt: z.string(),
});
export type SlaPolicy = z.infer<typeof policySchema>;

export const policyListSchema = z.object({ items: z.array(policySchema) });
