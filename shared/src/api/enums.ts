// No zod here: the web client imports this module at run time (`@parc/shared/api/enums`) and stays small.
// The API's zod schemas (shared/src/api/*.ts) build their enums from these lists, so a value added here
// is accepted by the server and must be labelled by the client (its label tables are typed over them).

/** Largest id a Postgres `integer` (serial) column holds: a bigger one is a 400, not a 500 from the database. */
export const MAX_ID = 2_147_483_647;

// ---- tickets ----

/** A ticket's workflow statuses, in workflow order. */
export const TICKET_STATUSES = ['new', 'assigned', 'planned', 'pending', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_TYPES = ['incident', 'request'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

/** Where a running SLA target stands; the ticket list filters on these. */
export const SLA_STATES = ['on-track', 'at-risk', 'breached'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** A ticket's resolution SLA as the lists show it: running (on track, at risk, breached), met, or no SLA. */
export const TICKET_SLA_STATES = [...SLA_STATES, 'met', 'none'] as const;
export type TicketSlaState = (typeof TICKET_SLA_STATES)[number];

/** How an SLA target ended, or `running` while it has not. */
export const SLA_OUTCOMES = ['met', 'breached', 'running'] as const;
export type SlaOutcome = (typeof SLA_OUTCOMES)[number];

export const TASK_STATES = ['todo', 'done'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** Fields the ticket list sorts by; `-field` sorts descending. */
export const TICKET_SORT_FIELDS = ['id', 'createdAt', 'updatedAt', 'priority', 'status', 'title', 'resolveDueAt'] as const;
export type TicketSortField = (typeof TICKET_SORT_FIELDS)[number];

// ---- devices ----

/** Fields the device list sorts by; `-field` sorts descending. */
export const DEVICE_SORT_FIELDS = ['hostname', 'lastSeenAt', 'firstSeenAt', 'manufacturer', 'model', 'os', 'serial', 'id'] as const;
export type DeviceSortField = (typeof DEVICE_SORT_FIELDS)[number];

/** What happened to an inventory item between two inventories. */
export const CHANGE_KINDS = ['added', 'removed', 'changed'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const ENROLLMENT_TOKEN_STATES = ['active', 'expired', 'revoked'] as const;
export type EnrollmentTokenState = (typeof ENROLLMENT_TOKEN_STATES)[number];

/** An enrolled agent: working, enrolled but never reported, asked by an admin to change its key, or revoked. */
export const AGENT_STATES = ['active', 'never_contacted', 'rekey_pending', 'revoked'] as const;
export type AgentState = (typeof AGENT_STATES)[number];

// ---- notifications ----

/** Ticket events that notify people and that webhooks subscribe to. */
export const NOTIFICATION_EVENT_TYPES = [
  'ticket.created',
  'ticket.assigned',
  'ticket.followup',
  'ticket.solved',
  'ticket.sla-at-risk',
  // About no ticket: licence alerts (payload ticketId null).
  'licence.expiring',
  'licence.over-deployed',
  // About no ticket: asset register alerts (a warranty or a maintenance contract ending).
  'asset.warranty-expiring',
  'asset.contract-expiring',
  // About an approval round of a ticket, problem or change (payload ticketId the item's id).
  'approval.requested',
  'approval.settled',
] as const;
export type NotificationEventType = (typeof NOTIFICATION_EVENT_TYPES)[number];

/** The events a webhook can receive: every notification event. */
export const WEBHOOK_EVENTS = NOTIFICATION_EVENT_TYPES;
export type WebhookEvent = NotificationEventType;

/** A notification delivery: pending (never tried yet), retrying (tried, will try again), delivered, failed (given up). */
export const DELIVERY_STATUSES = ['pending', 'retrying', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const DELIVERY_CHANNELS = ['email', 'webhook'] as const;

/** Kinds of node in the location tree (site → building → floor → room; other for anything else). */
export const LOCATION_KINDS = ['site', 'building', 'floor', 'room', 'other'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

/** States every installation has; admins add their own (with a label) next to them. */
export const BUILTIN_ASSET_STATES = ['in_stock', 'in_use', 'in_repair', 'lent', 'retired', 'lost'] as const;
export type BuiltinAssetState = (typeof BUILTIN_ASSET_STATES)[number];
