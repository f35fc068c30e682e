import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;
type GeneratedJson<T> = ColumnType<T, string | undefined, string>;

export type TicketStatus = 'new' | 'assigned' | 'planned' | 'pending' | 'solved' | 'closed';
export type TicketType = 'incident' | 'request';

export interface GroupsTable {
  id: Generated<number>;
  name: string;
  email: string | null;
  created_at: GeneratedTimestamp;
}
export interface GroupMembersTable {
  group_id: number;
  user_id: number;
}
export interface TicketCategoriesTable {
  id: Generated<number>;
  parent_id: number | null;
  name: string;
  created_at: GeneratedTimestamp;
}
export interface CalendarsTable {
  id: Generated<number>;
  name: string;
  definition: Json<unknown>;
  created_at: GeneratedTimestamp;
}
export interface SlaPoliciesTable {
  id: Generated<number>;
  name: string;
  calendar_id: number;
  category_id: number | null;
  targets: Json<Record<string, { ownMinutes: number; resolveMinutes: number }>>;
  at_risk_ratio: Generated<number>;
  created_at: GeneratedTimestamp;
}
export interface TicketsTable {
  id: Generated<number>;
  title: string;
  description: string;
  type: TicketType;
  category_id: number | null;
  status: TicketStatus;
  urgency: number;
  impact: number;
  priority: number;
  requester_id: number | null;
  requester_name: string | null;
  created_by: number | null;
  location: string | null;
  due_at: Timestamp | null;
  sla_policy_id: number | null;
  own_due_at: Timestamp | null;
  resolve_due_at: Timestamp | null;
  own_at_risk_at: Timestamp | null;
  sla_paused_at: Timestamp | null;
  resolve_at_risk_at: Timestamp | null;
  pending_reason: string | null;
  status_before_pending: 'new' | 'assigned' | 'planned' | null;
  solution: string | null;
  source_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  owned_at: Timestamp | null;
  solved_at: Timestamp | null;
  closed_at: Timestamp | null;
}
export interface TicketActorsTable {
  id: Generated<number>;
  ticket_id: number;
  role: 'assignee' | 'observer';
  user_id: number | null;
  group_id: number | null;
}
export interface TicketDevicesTable {
  ticket_id: number;
  device_id: number;
  snapshot: Json<Record<string, unknown>>;
  linked_at: Timestamp;
}
export interface TicketEventsTable {
  id: Generated<string>;
  ticket_id: number;
  at: Timestamp;
  actor_id: number | null;
  kind: string;
  private: Generated<boolean>;
  body: string | null;
  data: GeneratedJson<Record<string, unknown>>;
}
export interface TicketTasksTable {
  id: Generated<number>;
  ticket_id: number;
  description: string;
  state: 'todo' | 'done';
  private: Generated<boolean>;
  duration_minutes: number | null;
  assignee_id: number | null;
  planned_start: Timestamp | null;
  planned_end: Timestamp | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface AssignmentRulesTable {
  id: Generated<number>;
  name: string;
  position: number;
  category_id: number | null;
  location: string | null;
  group_id: number;
  active: Generated<boolean>;
}
export interface NotificationOutboxTable {
  id: Generated<string>;
  event: string;
  ticket_id: number | null;
  channel: 'email' | 'webhook';
  target: string;
  payload: Json<Record<string, unknown>>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  delivered_at: Timestamp | null;
  failed_at: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
}
export interface WebhooksTable {
  id: Generated<number>;
  url: string;
  events: string[];
  secret: string | null;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
}

export interface HelpdeskTables {
  groups: GroupsTable;
  group_members: GroupMembersTable;
  ticket_categories: TicketCategoriesTable;
  calendars: CalendarsTable;
  sla_policies: SlaPoliciesTable;
  tickets: TicketsTable;
  ticket_actors: TicketActorsTable;
  ticket_devices: TicketDevicesTable;
  ticket_events: TicketEventsTable;
  ticket_tasks: TicketTasksTable;
  assignment_rules: AssignmentRulesTable;
  notification_outbox: NotificationOutboxTable;
  webhooks: WebhooksTable;
}
