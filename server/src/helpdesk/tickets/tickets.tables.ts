import type { Generated } from 'kysely';
import type { GeneratedJson, Json, Timestamp } from '../column-types.js';
import type { ChangeStatus, ItilKindName, ProblemStatus } from '@parc/shared/api/itil-enums';
import type { ResumableStatus, TicketStatus } from '../itil/ticket-kind.js';

export type { TicketStatus } from '../itil/ticket-kind.js';
export type TicketType = 'incident' | 'request';
/** A status of any kind; each kind's checks (and the table's check constraint) keep its own. */
export type ItilStatus = TicketStatus | ProblemStatus | ChangeStatus;

/** Every row is an ITIL object: a ticket, a problem or a change (`kind`); the list and detail of each filter on it. */
export interface TicketsTable {
  id: Generated<number>;
  kind: Generated<ItilKindName>;
  title: string;
  description: string;
  /** Incident or request: tickets only (null for problems and changes). */
  type: TicketType | null;
  category_id: number | null;
  status: ItilStatus;
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

/** A problem's own fields (one row per problem). */
export interface ProblemDetailsTable {
  ticket_id: number;
  kind: Generated<'problem'>;
  impact_analysis: string | null;
  root_cause: string | null;
  workaround: string | null;
  permanent_fix: string | null;
}
/** A change's own fields (one row per change). */
export interface ChangeDetailsTable {
  ticket_id: number;
  kind: Generated<'change'>;
  risk: 'low' | 'medium' | 'high';
  impact_analysis: string | null;
  rollout_plan: string | null;
  backup_plan: string | null;
  rollback_plan: string | null;
  planned_start: Timestamp | null;
  planned_end: Timestamp | null;
  applied_at: Timestamp | null;
}
/** problem → ticket, change → ticket, change → problem. */
export interface ItilLinksTable {
  from_id: number;
  from_kind: ItilKindName;
  to_id: number;
  to_kind: ItilKindName;
  created_at: Timestamp;
  created_by: number | null;
}

/** Written only by the tickets feature's repositories (the ITIL table family: tickets, problems, changes). */
export interface TicketTables {
  problem_details: ProblemDetailsTable;
  change_details: ChangeDetailsTable;
  itil_links: ItilLinksTable;
  tickets: TicketsTable;
  ticket_actors: TicketActorsTable;
  ticket_devices: TicketDevicesTable;
  ticket_events: TicketEventsTable;
  ticket_tasks: TicketTasksTable;
}
