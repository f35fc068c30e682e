/**
 * The API's contract with the web client and other callers: request and response shapes as zod schemas,
 * with their inferred types. The server validates with these and documents them in OpenAPI; the web client
 * imports their types only (`import type … from '@parc/shared/api'`), and values from the zod-free
 * `@parc/shared/api/enums`, so zod stays out of the browser bundle.
 *
 * @example
 * // server: validate a body, document the answer
 * api.route({ …, body: createTicketBodySchema, responses: { 201: { description: 'Created', schema: ticketDetailSchema } } }, …);
 * // web client: the same shapes as types
 * import type { TicketDetail } from '@parc/shared/api';
 * import { TICKET_STATUSES } from '@parc/shared/api/enums';
 */
export * from './enums.js';
export * from './common.js';
export * from './users.js';
export * from './devices.js';
export * from './tickets.js';
export * from './itil-enums.js';
export * from './itil.js';
export * from './problems.js';
export * from './changes.js';
export * from './statistics.js';
export * from './groups.js';
export * from './categories.js';
export * from './sla.js';
export * from './assignment-rules.js';
export * from './settings.js';
export * from './webhooks.js';
export * from './notifications.js';
export * from './enrollment.js';
export * from './software.js';
export * from './licences.js';
export * from './conflicts.js';
export * from './token-scopes.js';
export * from './api-tokens.js';
export * from './audit.js';
export * from './home.js';
export * from './assets-register.js';
export * from './asset-placement.js';
export * from './asset-finance.js';
export * from './asset-import.js';
export * from './asset-search.js';
export * from './approvals.js';
