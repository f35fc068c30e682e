export const NOTIFICATION_EVENT_TYPES = [
  'ticket.created',
  'ticket.assigned',
  'ticket.followup',
  'ticket.solved',
  'ticket.sla-at-risk',
  // About no ticket: licence alerts from server/src/licences/alerts.service.ts (payload ticketId null).
  'licence.expiring',
  'licence.over-deployed',
] as const;
export type NotificationEventType = (typeof NOTIFICATION_EVENT_TYPES)[number];

/** Something that happened to a ticket, as the tickets service reports it. */
export interface NotificationEvent {
  type: NotificationEventType;
  ticketId: number;
  /** Who did it; never notified of their own action. null for the system (SLA watch, auto-close). */
  actorId: number | null;
  /** One line, usually the ticket title; becomes the email subject after "[Parc #id]". */
  summary: string;
  /** Free-form details. `private: true` on a followup keeps it from the requester; a string `body` is quoted in emails. */
  data?: Record<string, unknown>;
}

/** What an outbox row carries, and exactly the JSON body a webhook receives. */
export interface NotificationPayload {
  event: NotificationEventType;
  /** null for an event about no ticket (licence alerts). */
  ticketId: number | null;
  summary: string;
  data: Record<string, unknown>;
  occurredAt: string;
}
