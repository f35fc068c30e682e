import { vi } from 'vitest';
import { makeInventory } from '../../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';

/**
 * Shared plumbing for the tickets API tests: a test app whose sessions outlive the fake clock's jumps,
 * response checks that show the body on a wrong status, and the helpdesk configuration calls.
 */

/** Sets the (faked) clock: only Date is faked, so database drivers keep their real timers. */
export const at = (iso: string) => vi.setSystemTime(new Date(iso));

/** Sessions last a year: tests move the clock by days and must not be logged out by it. */
export const setupTicketsApp = (env: Record<string, string> = {}) => setupTestApp({ PARC_SESSION_HOURS: String(24 * 365), ...env });

export async function ok<T = Record<string, unknown>>(res: Response | Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  const text = await r.text();
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface ApiError {
  status: number;
  code: string;
  message: string;
  field?: string;
}

/** The error a request answers with (status and `{ error }` body). */
export async function fails(res: Response | Promise<Response>): Promise<ApiError> {
  const r = await res;
  const text = await r.text();
  if (r.status < 400) throw new Error(`expected an error, got ${r.status}: ${text}`);
  const body = JSON.parse(text) as { error: { code: string; message: string; field?: string } };
  return { status: r.status, ...body.error };
}

export interface TimelineItem {
  id: number;
  at: string;
  kind: string;
  private: boolean;
  actor: { id: number; username: string } | null;
  body: string | null;
  data: Record<string, unknown>;
  task?: { id: number; description: string; state: string; private: boolean };
}

export interface Detail {
  id: number;
  title: string;
  status: string;
  type: string;
  urgency: number;
  impact: number;
  priority: number;
  categoryId: number | null;
  location: string | null;
  requester: { id: number | null; username: string | null; name: string };
  timeline: TimelineItem[];
  assignees: { users: { id: number }[]; groups: { id: number; name: string }[] };
  observers: { id: number }[];
  devices: { id: number; hostname: string; snapshot: Record<string, unknown>; changesBefore: unknown[] }[];
  deviceIds: number[];
  resolveDueAt: string | null;
  slaState: string;
  sla: Record<string, unknown>;
  solution: string | null;
  pendingReason: string | null;
  availableActions: string[];
}

export interface Summary {
  id: number;
  title: string;
  status: string;
  priority: number;
  type: string;
  categoryId: number | null;
  createdAt: string;
  updatedAt: string;
  resolveDueAt: string | null;
  slaState: string;
  requester: { id: number | null; name: string };
  deviceIds: number[];
}
export interface Page {
  items: Summary[];
  total: number;
  limit: number;
  offset: number;
}

const WEEKDAY = [{ start: '09:00', end: '17:00' }];
export const PARIS_OFFICE = {
  timeZone: 'Europe/Paris',
  hours: { mon: WEEKDAY, tue: WEEKDAY, wed: WEEKDAY, thu: WEEKDAY, fri: WEEKDAY },
  holidays: [],
};
/** Every minute of every day counts: SLA arithmetic the tests can do by hand. */
export const ALWAYS_OPEN = (() => {
  const day = [{ start: '00:00', end: '24:00' }];
  return { timeZone: 'UTC', hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day }, holidays: [] };
})();

/** Helpdesk configuration through the admin API. */
export function helpdesk(t: TestContext, admin: Record<string, string>) {
  return {
    me: (h: Record<string, string>) => ok<{ id: number; username: string }>(t.json('GET', '/api/v1/me', undefined, h)),
    group: (name: string, userIds: number[] = []) =>
      ok<{ id: number }>(t.json('POST', '/api/v1/groups', { name }, admin), 201).then(async (g) => {
        if (userIds.length) await ok(t.json('PUT', `/api/v1/groups/${g.id}/members`, { userIds }, admin));
        return g;
      }),
    category: (name: string, parentId?: number) =>
      ok<{ id: number }>(t.json('POST', '/api/v1/ticket-categories', { name, ...(parentId ? { parentId } : {}) }, admin), 201),
    calendar: (name: string, definition: unknown) => ok<{ id: number }>(t.json('POST', '/api/v1/calendars', { name, definition }, admin), 201),
    policy: (body: { name: string; calendarId: number; targets: Record<string, { ownMinutes: number; resolveMinutes: number }>; atRiskRatio?: number; categoryId?: number }) =>
      ok<{ id: number }>(t.json('POST', '/api/v1/sla-policies', body, admin), 201),
    rule: (body: { name: string; groupId: number; categoryId?: number; locationId?: number; active?: boolean }) =>
      ok<{ id: number }>(t.json('POST', '/api/v1/assignment-rules', body, admin), 201),
    /** The location-tree node for "Paris / Floor 2", created level by level when missing. */
    location: async (path: string) => {
      let parentId: number | null = null;
      for (const name of path.split('/').map((s) => s.trim())) {
        const all = await ok<{ items: { id: number; parentId: number | null; name: string }[] }>(t.json('GET', '/api/v1/locations', undefined, admin));
        const found = all.items.find((l) => l.parentId === parentId && l.name.toLowerCase() === name.toLowerCase());
        parentId = found ? found.id : (await ok<{ id: number }>(t.json('POST', '/api/v1/locations', { name, parentId }, admin), 201)).id;
      }
      return parentId!;
    },
    settings: (body: Record<string, unknown>) => ok(t.json('PUT', '/api/v1/settings/helpdesk', body, admin)),
  };
}

/** An inventoried device (enrolled agent + one upload); returns its id and the agent's key. */
/** A device inventoried through the agent API; `lastUser` is logged in on it (requesters link only their own). */
export async function inventoriedDevice(t: TestContext, hostname: string, seed: number, packages = 5, lastUser = 'rob') {
  const { agentKey, agentId } = await t.enrollAgent(hostname);
  const inventory = makeInventory({ agentId, hostname, seed, packages });
  inventory.users = [{ username: lastUser, type: 'logged-in' }];
  const { deviceId } = await ok<{ deviceId: number }>(t.upload(agentKey, inventory));
  return { deviceId, agentKey, agentId, inventory };
}

export type { TestContext };
