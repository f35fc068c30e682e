import { z } from 'zod';
import { SLA_STATES, TICKET_SORT_FIELDS, TICKET_STATUSES, TICKET_TYPES, ticketInstantSchema } from '@parc/shared/api';
import { idSchema } from '../../platform/http/params.js';

// Bodies and answers are shared with the web client (shared/src/api/tickets.ts, statistics.ts); the
// path parameters and the list query stay here, since only the server reads them from strings.
export {
  createTicketBodySchema,
  followupBodySchema,
  linkDeviceBodySchema,
  listTicketsResponseSchema,
  patchTaskBodySchema,
  patchTicketBodySchema,
  statisticsQuerySchema,
  taskBodySchema,
  ticketActionBodySchema,
  ticketDetailSchema,
  ticketStatisticsSchema,
  ticketSummarySchema,
  type CreateTicketBody,
  type PatchTicketBody,
  type TicketActionBody,
} from '@parc/shared/api';

const idParam = idSchema;
const when = ticketInstantSchema;

export const ticketParamsSchema = z.object({ id: idParam });
export const taskParamsSchema = z.object({ id: idParam, taskId: idParam });
export const deviceLinkParamsSchema = z.object({ id: idParam, deviceId: idParam });

const csv = <T extends z.ZodType>(item: T) =>
  z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    // Items arrive as strings; each item schema coerces its own.
    .pipe(z.array(item).min(1) as unknown as z.ZodType<z.output<T>[], string[]>);

const SORTABLE = TICKET_SORT_FIELDS;

export const listTicketsQuerySchema = z.object({
  q: z.string().trim().min(1).max(256).optional(),
  status: csv(z.enum([...TICKET_STATUSES, 'open'])).optional(),
  priority: csv(z.coerce.number().int().min(1).max(6)).optional(),
  type: z.enum(TICKET_TYPES).optional(),
  categoryId: idParam.optional(),
  assigneeId: idParam.optional(),
  groupId: idParam.optional(),
  requesterId: idParam.optional(),
  deviceId: idParam.optional(),
  slaState: z.enum(SLA_STATES).optional(),
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
