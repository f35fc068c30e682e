import { calendarNameSchema as name } from '@parc/shared/api';
import { z } from 'zod';
import { businessCalendarSchema } from './calendar-config.js';

// Policies and the answers are shared with the web client (shared/src/api/sla.ts). The calendar bodies
// stay here: their definition is parsed by the SLA feature's own calendar schema.
export {
  calendarListSchema,
  calendarSchema,
  createPolicyBodySchema,
  patchPolicyBodySchema,
  policyListSchema,
  policySchema,
  targetsSchema,
  type CreatePolicyBody,
  type PatchPolicyBody,
  type Targets,
} from '@parc/shared/api';

// ---- calendars ----

export const createCalendarBodySchema = z.strictObject({ name, definition: businessCalendarSchema });
export type CreateCalendarBody = z.infer<typeof createCalendarBodySchema>;

export const patchCalendarBodySchema = z
  .strictObject({ name, definition: businessCalendarSchema })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'give at least one of name, definition');
export type PatchCalendarBody = z.infer<typeof patchCalendarBodySchema>;
