import { z } from 'zod';
import { GLPI_DEFAULT_PRIORITY_MATRIX, parsePriorityMatrix, type PriorityMatrix } from '../itil/priority.js';

// The answer is shared with the web client (shared/src/api/settings.ts); the body stays here, checked
// cell by cell by the priority matrix's own parser.
export { helpdeskSettingsSchema } from '@parc/shared/api';

export interface HelpdeskSettings {
  /** `priorityMatrix[urgency - 1][impact - 1]` is the computed priority. */
  priorityMatrix: PriorityMatrix;
  /** Solved tickets close after this many days without the requester's answer; 0 = never. */
  autoCloseDays: number;
  /** How many days of device changes before a ticket the ticket shows. */
  deviceChangesDays: number;
}

export const DEFAULT_HELPDESK_SETTINGS: HelpdeskSettings = {
  priorityMatrix: GLPI_DEFAULT_PRIORITY_MATRIX,
  autoCloseDays: 7,
  deviceChangesDays: 14,
};

/**
 * Through parsePriorityMatrix rather than priorityMatrixSchema itself: nested in an object, that schema's
 * messages lose the cell name ("urgency 3 × impact 4"), since its issue paths then start with the key.
 */
const matrixSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    const parsed = parsePriorityMatrix(value, '');
    if (parsed.ok) return;
    for (const e of parsed.errors) {
      ctx.addIssue({ code: 'custom', message: e.message, path: e.field.split('.').filter(Boolean).map(Number) });
    }
  })
  .transform((v) => v as PriorityMatrix)
  .describe('5 rows (urgency 1–5) of 5 priorities 1–5 (impact 1–5)');

export const fieldSchemas = {
  priorityMatrix: matrixSchema,
  autoCloseDays: z.number().int().min(0).max(3650),
  deviceChangesDays: z.number().int().min(1).max(365),
};

/** Fields left out keep their current value. */
export const putHelpdeskSettingsBodySchema = z
  .strictObject(fieldSchemas)
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'give at least one of priorityMatrix, autoCloseDays, deviceChangesDays');
export type PutHelpdeskSettingsBody = z.infer<typeof putHelpdeskSettingsBodySchema>;
