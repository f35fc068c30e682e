import { describe, expect, it } from 'vitest';
import type { NotificationEvent } from '../../../src/helpdesk/notifications/notification.types.js';
import { isStaffOnly, resolveRecipients, type RecipientCandidate } from '../../../src/helpdesk/notifications/recipients.js';

const user = (source: RecipientCandidate['source'], userId: number, email: string | null, role: RecipientCandidate['role'] = 'technician', extra: Partial<RecipientCandidate> = {}): RecipientCandidate => ({
  source,
  userId,
  groupId: null,
  email,
  role,
  disabled: false,
  ...extra,
});
const mailbox = (source: 'assignee' | 'observer', groupId: number, email: string): RecipientCandidate => ({ source, userId: null, groupId, email, role: null, disabled: false });
const member = (source: 'assignee' | 'observer', groupId: number, userId: number, email: string, role: RecipientCandidate['role'] = 'technician') => ({
  ...user(source, userId, email, role),
  groupId,
});
const event = (type: NotificationEvent['type'], actorId: number | null, data?: Record<string, unknown>): NotificationEvent => ({
  type,
  ticketId: 1,
  actorId,
  summary: 'x',
  ...(data ? { data } : {}),
});

describe('resolveRecipients', () => {
  const requester = user('requester', 1, 'req@example.org', 'requester');
  const tech = user('assignee', 2, 'tech@example.org');
  const observer = user('observer', 3, 'boss@example.org', 'requester');

  it('reaches requester, assignees and observers, sorted', () => {
    expect(resolveRecipients(event('ticket.created', null), [requester, tech, observer], null)).toEqual(['boss@example.org', 'req@example.org', 'tech@example.org']);
  });

  it('leaves out the actor, by id and by address', () => {
    expect(resolveRecipients(event('ticket.followup', 2), [requester, tech], { id: 2, email: 'tech@example.org' })).toEqual(['req@example.org']);
    // The actor's address reached through a group mailbox is left out too.
    const shared = mailbox('assignee', 9, 'TECH@example.org');
    expect(resolveRecipients(event('ticket.followup', 2), [requester, shared], { id: 2, email: 'tech@example.org' })).toEqual(['req@example.org']);
  });

  it('drops users without an address, disabled users and invalid addresses', () => {
    const none = user('observer', 4, null);
    const disabled = user('observer', 5, 'gone@example.org', 'technician', { disabled: true });
    const bad = user('observer', 6, 'not an address');
    const injected = user('observer', 7, 'a@example.org\r\nBcc: victim@example.org');
    expect(resolveRecipients(event('ticket.created', null), [none, disabled, bad, injected, tech], null)).toEqual(['tech@example.org']);
  });

  it('deduplicates addresses case-insensitively, keeping the first spelling', () => {
    const again = user('observer', 2, 'Tech@Example.org');
    const sameBox = mailbox('observer', 8, 'TECH@example.org');
    expect(resolveRecipients(event('ticket.created', null), [tech, again, sameBox], null)).toEqual(['tech@example.org']);
  });

  it("uses a group's mailbox when it has one, else its members", () => {
    const withBox = [mailbox('assignee', 10, 'desk@example.org'), member('assignee', 10, 11, 'm1@example.org')];
    const withoutBox = [member('assignee', 20, 21, 'm2@example.org'), member('assignee', 20, 22, 'm3@example.org')];
    expect(resolveRecipients(event('ticket.assigned', null), [...withBox, ...withoutBox], null)).toEqual(['desk@example.org', 'm2@example.org', 'm3@example.org']);
    // A member also assigned in person still gets the mail once.
    expect(resolveRecipients(event('ticket.assigned', null), [...withBox, user('assignee', 11, 'm1@example.org')], null)).toEqual(['desk@example.org', 'm1@example.org']);
  });

  it('keeps private followups from the requester and from non-staff, even when they observe', () => {
    const priv = event('ticket.followup', 2, { private: true });
    const licence = user('observer', 12, 'lic@example.org', 'licence-manager');
    const adminObserver = user('observer', 13, 'admin@example.org', 'admin');
    const requesterMember = member('assignee', 30, 14, 'reqmember@example.org', 'requester');
    // The requester listed again as an observer, as a staff member: still never the requester.
    const staffRequester = user('requester', 15, 'staffreq@example.org', 'technician');
    const staffRequesterObserving = user('observer', 15, 'staffreq@example.org', 'technician');
    const candidates = [requester, tech, observer, licence, adminObserver, requesterMember, staffRequester, staffRequesterObserving, mailbox('observer', 31, 'desk@example.org')];
    expect(resolveRecipients(priv, candidates, { id: 99, email: null })).toEqual(['admin@example.org', 'desk@example.org', 'tech@example.org']);
    // The same followup made public reaches everyone.
    expect(resolveRecipients(event('ticket.followup', 2, { private: false }), [requester, tech, observer], { id: 2, email: 'tech@example.org' })).toEqual(['boss@example.org', 'req@example.org']);
  });

  it('sends SLA alerts to staff, and to the admins only when nobody is assigned', () => {
    const admin = user('admin', 40, 'admin@example.org', 'admin');
    const sla = event('ticket.sla-at-risk', null, { target: 'own' });
    expect(resolveRecipients(sla, [requester, tech, admin], null)).toEqual(['tech@example.org']);
    expect(resolveRecipients(sla, [requester, observer, admin], null)).toEqual(['admin@example.org']);
    // Admins are not a fallback for other events.
    expect(resolveRecipients(event('ticket.created', null), [requester, admin], null)).toEqual(['req@example.org']);
  });

  it('knows which events are staff-only', () => {
    expect(isStaffOnly(event('ticket.followup', 1, { private: true }))).toBe(true);
    expect(isStaffOnly(event('ticket.followup', 1, { private: 'yes' }))).toBe(false);
    expect(isStaffOnly(event('ticket.sla-at-risk', null))).toBe(true);
    expect(isStaffOnly(event('ticket.solved', 1, { private: true }))).toBe(false);
  });
});
