import { sql } from 'kysely';
import type { HomeTicket } from '@parc/shared/api';
import { OPEN_STATUSES } from '../itil/ticket-kind.js';

/** What the home lists read of a ticket, and the SQL pieces the technician and requester homes share. */

export const OPEN: readonly string[] = OPEN_STATUSES;

/** Minutes past the resolution target as of now (or as of when a pending ticket's clock stopped). */
export const overdueMinutesExpr = (now: Date) =>
  sql<number | null>`floor(extract(epoch from (coalesce(tickets.sla_paused_at, ${now}::timestamptz) - tickets.resolve_due_at)) / 60)::int`;

/** The columns a home list needs, selected from `tickets`. */
export const homeTicketColumns = (now: Date) =>
  [
    'tickets.id',
    'tickets.title',
    'tickets.status',
    'tickets.priority',
    'tickets.created_at',
    'tickets.updated_at',
    'tickets.resolve_due_at',
    overdueMinutesExpr(now).as('overdue_minutes'),
  ] as const;

export interface HomeTicketRow {
  id: number;
  title: string;
  status: HomeTicket['status'];
  priority: number;
  created_at: Date | string;
  updated_at: Date | string;
  resolve_due_at: Date | string | null;
  overdue_minutes: number | null;
}

const iso = (d: Date | string) => new Date(d).toISOString();

export function toHomeTicket(r: HomeTicketRow): HomeTicket {
  return {
    id: r.id,
    title: r.title,
    status: r.status,
    priority: r.priority,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    resolveDueAt: r.resolve_due_at === null ? null : iso(r.resolve_due_at),
    overdueMinutes: r.resolve_due_at === null || r.overdue_minutes === null ? null : Number(r.overdue_minutes),
  };
}
