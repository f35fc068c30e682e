import { NOTIFICATION_EVENT_TYPES, type NotificationEventType } from '@parc/shared/api/enums';

// Defined with the API contract: webhooks subscribe to these and the web client lists them.
export { NOTIFICATION_EVENT_TYPES, type NotificationEventType };

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
