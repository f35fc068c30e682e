import { z } from 'zod';
import { bodyIdsSchema } from './common.js';
import { ITIL_KINDS, ITIL_SORT_FIELDS } from './itil-enums.js';
import { MAX_ID } from './enums.js';

/**
 * What tickets, problems and changes share in the API: a reference to any of them (links, device view),
 * the link body, and the list query of problems and changes.
 */

/** Another ITIL object, as a link or a device's list shows it. `status` is in that object's kind's statuses. */
export const itilRefSchema = z.object({
  id: z.number().int(),
  kind: z.enum(ITIL_KINDS),
  title: z.string(),
  status: z.string(),
  priority: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ItilRef = z.infer<typeof itilRefSchema>;

/** Links a problem or change to other objects by id (tickets, problems, changes; the server checks which pairs make sense). */
export const itilLinkBodySchema = z.object({ ids: bodyIdsSchema.min(1, 'give at least one id to link') });
export type ItilLinkBody = z.infer<typeof itilLinkBodySchema>;

/** A device's helpdesk view: its tickets, problems and changes, newest first (staff; requesters see their own tickets only). */
export const deviceItilSchema = z.object({
  tickets: z.array(itilRefSchema),
  problems: z.array(itilRefSchema),
  changes: z.array(itilRefSchema),
});
export type DeviceItil = z.infer<typeof deviceItilSchema>;

/** A problem linked to a ticket, as the ticket's page shows it: requesters see its workaround. */
export const ticketProblemSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  status: z.string(),
  workaround: z.string().nullable(),
});
export type TicketProblem = z.infer<typeof ticketProblemSchema>;

const qid = z.coerce.number().int().positive().max(MAX_ID);

/**
 * The list query of a kind (query string): `status` is a comma-separated list of the kind's statuses, or
 * `open` for every status still being worked.
 */
export function itilListQuerySchema<T extends readonly [string, ...string[]]>(statuses: T) {
  return z.object({
    q: z.string().trim().min(1).max(256).optional(),
    status: z
      .string()
      .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
      .pipe(z.array(z.enum([...statuses, 'open'] as [string, ...string[]])).min(1))
      .optional(),
    priority: z.coerce.number().int().min(1).max(6).optional(),
    categoryId: qid.optional(),
    assigneeId: qid.optional(),
    deviceId: qid.optional(),
    /** Objects linked to this ticket (or problem, or change). */
    linkedTo: qid.optional(),
    sort: z
      .string()
      .regex(new RegExp(`^-?(${ITIL_SORT_FIELDS.join('|')})$`), `one of ${ITIL_SORT_FIELDS.join(', ')}, with - for descending`)
      .default('-id'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  });
}
