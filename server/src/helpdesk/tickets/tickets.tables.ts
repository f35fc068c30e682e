import type { Generated } from 'kysely';
import type { GeneratedJson, Json, Timestamp } from '../column-types.js';
import type { ResumableStatus, TicketStatus } from '../itil/ticket-kind.js';

export type { TicketStatus } from '../itil/ticket-kind.js';
export type TicketType = 'incident' | 'request';

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
  status_before_pending: ResumableStatus | null;
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

/** Written only by the tickets feature's repositories. */
export interface TicketTables {
  tickets: TicketsTable;
  ticket_actors: TicketActorsTable;
  ticket_devices: TicketDevicesTable;
  ticket_events: TicketEventsTable;
  ticket_tasks: TicketTasksTable;
}
