import { inRoleSet } from '@parc/shared';
import { z } from 'zod';
import type { Role } from '../../platform/db/schema.js';
import type { NotificationEvent } from './notification.types.js';

/** Helpdesk staff: the roles that see private followups and SLA alerts (the tickets service agrees). */

/** One way a ticket can reach someone, as read from the database for one ticket. */
export interface RecipientCandidate {
  /** How the person relates to the ticket; `admin` is the fallback for unassigned SLA alerts; `approver`: asked to approve it. */
  source: 'requester' | 'assignee' | 'observer' | 'admin' | 'approver';
  /** null for a group mailbox. */
  userId: number | null;
  /** Set for a group mailbox and for a member reached through that group. */
  groupId: number | null;
  email: string | null;
  /** null for a group mailbox. */
  role: Role | null;
  disabled: boolean;
}

export interface ActorFacts {
  id: number;
  email: string | null;
}

const address = z.email();

/** True when only staff may read the event: private followups and SLA alerts. */
export function isStaffOnly(event: NotificationEvent): boolean {
  if (event.type === 'ticket.sla-at-risk') return true;
  return event.type === 'ticket.followup' && event.data?.private === true;
}

const key = (email: string) => email.trim().toLowerCase();

/**
 * Who gets an email about one event on one ticket: the requester, assigned users, assigned groups
 * (the group's mailbox when it has one, else its members) and observers; never the actor (by id or by
 * address), never a disabled user or one without a valid address; staff only for private followups and
 * SLA alerts, and never the requester then even when the requester is staff. An SLA alert on a ticket
 * nobody is assigned to goes to the admins instead, since somebody has to take it. Addresses are
 * deduplicated case-insensitively and returned sorted.
 */
export function resolveRecipients(event: NotificationEvent, candidates: readonly RecipientCandidate[], actor: ActorFacts | null): string[] {
  const staffOnly = isStaffOnly(event);
  const requesterIds = new Set(candidates.filter((c) => c.source === 'requester' && c.userId !== null).map((c) => c.userId));
  const excluded = new Set<string>();
  if (actor?.email) excluded.add(key(actor.email));
  if (staffOnly) {
    for (const c of candidates) if (c.source === 'requester' && c.email) excluded.add(key(c.email));
  }
  const mailboxGroups = new Set(candidates.filter((c) => c.userId === null && c.groupId !== null && c.email?.trim()).map((c) => c.groupId));
  const assigned = candidates.some((c) => c.source === 'assignee');
  const chosen = new Map<string, string>();
  for (const c of candidates) {
    if (!c.email) continue;
    if (c.source === 'admin' && !(event.type === 'ticket.sla-at-risk' && !assigned)) continue;
    if (c.userId !== null) {
      if (c.disabled || c.userId === actor?.id) continue;
      // A member is reached through the group only when the group has no mailbox of its own.
      if (c.groupId !== null && mailboxGroups.has(c.groupId)) continue;
      if (staffOnly && (requesterIds.has(c.userId) || c.role === null || !inRoleSet(c.role, 'helpdeskStaff'))) continue;
    }
    const email = c.email.trim();
    if (!address.safeParse(email).success) continue;
    const k = key(email);
    if (excluded.has(k) || chosen.has(k)) continue;
    chosen.set(k, email);
  }
  return [...chosen.values()].sort((a, b) => key(a).localeCompare(key(b)));
}
