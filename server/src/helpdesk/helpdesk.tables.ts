import type { ApprovalTables } from './approvals/approvals.tables.js';
import type { AssignmentTables } from './assignment/assignment.tables.js';
import type { CategoryTables } from './categories/categories.tables.js';
import type { GroupTables } from './groups/groups.tables.js';
import type { NotificationTables } from './notifications/notifications.tables.js';
import type { SlaTables } from './sla/sla.tables.js';
import type { TicketTables } from './tickets/tickets.tables.js';
import type { WebhookTables } from './webhooks/webhooks.tables.js';

/**
 * Every helpdesk table, for the Database interface (platform/db/schema.ts). Each feature declares its own
 * tables and is the only one that writes them; others read them or call the owner's repository.
 */
export interface HelpdeskTables extends GroupTables, CategoryTables, SlaTables, AssignmentTables, WebhookTables, NotificationTables, TicketTables, ApprovalTables {}
