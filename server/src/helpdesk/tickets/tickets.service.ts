/**
 * The ticket operations, one module per job; routes and the scheduler call them from here.
 * - who may see a ticket, and checks on what it names: ticket-access.ts
 * - opening one: ticket-creation.ts (web interface, API), agent-tickets.ts (from an endpoint)
 * - the workflow, persisted: ticket-workflow.ts (the machine itself is itil/ticket-kind.ts)
 * - editing fields: ticket-edit.ts; followups: ticket-followups.ts; tasks: ticket-tasks.ts
 * - linked machines: ticket-devices.ts; closing long-solved tickets: auto-close.ts
 * - the SLA: sla-refresh.ts stores what the SLA feature (../sla/ticket-sla.service.ts) computes
 */
export { createTicketFromAgent } from './agent-tickets.js';
export { autoCloseSolved } from './auto-close.js';
export { assertCanSee, isStaffUser, usernameCandidates } from './ticket-access.js';
export type { TicketCtx } from './ticket-context.js';
export { createTicket } from './ticket-creation.js';
export { linkDevice, unlinkDevice } from './ticket-devices.js';
export { patchTicket } from './ticket-edit.js';
export { addFollowup } from './ticket-followups.js';
export { addTask, updateTask } from './ticket-tasks.js';
export { actOnTicket, toWorkflowAction } from './ticket-workflow.js';
