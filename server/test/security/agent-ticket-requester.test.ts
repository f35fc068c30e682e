import { beforeAll, describe, expect, it } from 'vitest';
import { requesterFromClaim } from '../../src/helpdesk/tickets/agent-tickets.js';
import { usernameCandidates } from '../../src/helpdesk/tickets/ticket-access.js';
import { createUser } from '../../src/platform/auth/users.service.js';
import { makeInventory } from '../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../helpers/test-app.js';

// An agent's key proves a machine, not a person: `username` in POST /api/v1/agent/tickets made any Parc
// user (an admin included) the requester of a ticket the machine opened. It now selects only the
// device's owner or last logged-in user; any other name stays on the ticket as plain text.

describe('the requester of a ticket opened by an agent', () => {
  let t: TestContext;
  let agentKey: string;
  let deviceId: number;
  let ids: { admin: number; bob: number; alice: number };
  const open = (username: string) =>
    Promise.resolve(
      t.app.request('/api/v1/agent/tickets', {
        method: 'POST',
        headers: { authorization: `Bearer ${agentKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'help', username }),
      }),
    );
  const row = async (res: Response) => {
    expect(res.status).toBe(201);
    const { ticketId } = (await res.json()) as { ticketId: number };
    return t.db.selectFrom('tickets').select(['requester_id', 'requester_name']).where('id', '=', ticketId).executeTakeFirstOrThrow();
  };

  beforeAll(async () => {
    t = await setupTestApp();
    await t.as('admin');
    ids = {
      admin: (await t.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id,
      bob: (await createUser(t.db, { username: 'bob', password: 'bob-password-12', role: 'requester' })).id,
      alice: (await createUser(t.db, { username: 'alice', password: 'alice-password-1', role: 'requester' })).id,
    };
    const enrolled = await t.enrollAgent('ws-bob');
    agentKey = enrolled.agentKey;
    const inv = makeInventory({ agentId: enrolled.agentId, hostname: 'ws-bob', seed: 7 });
    inv.users = [{ username: 'CORP\\alice', type: 'logged-in' }];
    const up = await t.upload(agentKey, inv);
    expect(up.status).toBe(200);
    deviceId = ((await up.json()) as { deviceId: number }).deviceId;
  });

  it('a name that is neither the device owner nor its last user makes nobody requester (the name is kept)', async () => {
    expect(await row(await open('admin'))).toEqual({ requester_id: null, requester_name: 'admin' });
    expect(await row(await open('CORP\\bob'))).toEqual({ requester_id: null, requester_name: 'CORP\\bob' });
  });

  it("the device's last logged-in user and its owner are recognised", async () => {
    expect(await row(await open('alice'))).toEqual({ requester_id: ids.alice, requester_name: null });
    const tech = await t.as('technician');
    expect((await t.json('PATCH', `/api/v1/devices/${deviceId}`, { owner: 'bob' }, tech)).status).toBe(200);
    expect(await row(await open('CORP\\bob'))).toEqual({ requester_id: ids.bob, requester_name: null });
    expect(await row(await open('admin'))).toEqual({ requester_id: null, requester_name: 'admin' });
  });

  it('requesterFromClaim: exact name first, only among the device people', () => {
    const users = [{ username: 'corp\\amy' }, { username: 'amy' }];
    expect(requesterFromClaim(usernameCandidates('CORP\\amy'), users, { owner: null, last_user: 'amy' })).toEqual({ username: 'amy' });
    expect(requesterFromClaim(usernameCandidates('CORP\\amy'), users, { owner: 'CORP\\amy', last_user: null })).toEqual({ username: 'corp\\amy' });
    expect(requesterFromClaim(usernameCandidates('CORP\\amy'), users, { owner: 'zoe', last_user: null })).toBeNull();
  });
});
