import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../helpers/test-app.js';

// A requester could name any user as observer of their ticket: that user then saw it in their list and
// got its notifications (and the 400 for unknown ids told which user ids exist). Only staff add observers.

type Detail = { id: number; observers: { id: number }[] };
type ErrorBody = { error: { code: string; field?: string } };

describe('observers of a ticket', () => {
  let t: TestContext;
  let rob: Record<string, string>;
  let sue: Record<string, string>;
  let tech: Record<string, string>;
  let ids: { rob: number; sue: number };
  beforeAll(async () => {
    t = await setupTestApp();
    rob = await t.as('requester', 'rob');
    sue = await t.as('requester', 'sue');
    tech = await t.as('technician');
    const me = async (h: Record<string, string>) => ((await (await t.json('GET', '/api/v1/me', undefined, h)).json()) as { id: number }).id;
    ids = { rob: await me(rob), sue: await me(sue) };
  });

  it('a requester cannot add another user (nor a made-up id) as observer: 403 naming observerIds, nothing stored', async () => {
    for (const observerIds of [[ids.sue], [ids.rob, ids.sue], [999_999]]) {
      const res = await t.json('POST', '/api/v1/tickets', { title: 'spam', description: 'x', observerIds }, rob);
      const body = (await res.json()) as ErrorBody;
      expect({ observerIds, status: res.status, field: body.error.field }).toEqual({ observerIds, status: 403, field: 'observerIds' });
    }
    expect(await t.db.selectFrom('tickets').select('id').execute()).toEqual([]);
    const sueSees = (await (await t.json('GET', '/api/v1/tickets', undefined, sue)).json()) as { total: number };
    expect(sueSees.total).toBe(0);
  });

  it('a requester naming only themselves is harmless; staff add observers, who then see the ticket', async () => {
    expect((await t.json('POST', '/api/v1/tickets', { title: 'mine', description: 'x', observerIds: [ids.rob] }, rob)).status).toBe(201);
    const res = await t.json('POST', '/api/v1/tickets', { title: 'for rob', description: 'x', requesterId: ids.rob, observerIds: [ids.sue] }, tech);
    expect(res.status).toBe(201);
    const d = (await res.json()) as Detail;
    expect(d.observers.map((o) => o.id)).toEqual([ids.sue]);
    expect((await t.json('GET', `/api/v1/tickets/${d.id}`, undefined, sue)).status).toBe(200);
    // Requesters cannot edit observers afterwards either (PATCH is staff only).
    expect((await t.json('PATCH', `/api/v1/tickets/${d.id}`, { observerIds: [] }, rob)).status).toBe(403);
  });
});
