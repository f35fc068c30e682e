import { describe, expect, it } from 'vitest';
import { makeInventory } from '../helpers/inventory-factory.js';
import { setupTestApp } from '../helpers/test-app.js';

// Races on one ticket and one agent identity, and the largest inventories: one winner, clean losers,
// nothing half-written.

describe('races and size', () => {
  it('two technicians solving one ticket at once: one 200, one 409, one solution', async () => {
    const t = await setupTestApp();
    const tech = await t.as('technician');
    const tech2 = await t.as('technician', 'tech2');
    const requester = await t.as('requester', 'alice');
    const { id } = (await (await t.json('POST', '/api/v1/tickets', { title: 'race', description: 'x' }, requester)).json()) as { id: number };
    const me2 = (await (await t.json('GET', '/api/v1/me', undefined, tech2)).json()) as { id: number };
    await t.json('POST', `/api/v1/tickets/${id}/actions`, { action: 'take' }, tech);
    await t.json('POST', `/api/v1/tickets/${id}/actions`, { action: 'assign', userIds: [me2.id] }, tech);
    const results = await Promise.all([
      t.json('POST', `/api/v1/tickets/${id}/actions`, { action: 'solve', solution: 'A' }, tech),
      t.json('POST', `/api/v1/tickets/${id}/solution`, { solution: 'B' }, tech2),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const d = (await (await t.json('GET', `/api/v1/tickets/${id}`, undefined, tech)).json()) as { status: string; solution: string; timeline: { kind: string; data: unknown }[] };
    expect(d.status).toBe('solved');
    expect(['A', 'B']).toContain(d.solution);
    expect(d.timeline.filter((e) => e.kind === 'solution')).toHaveLength(1);
  });

  it('concurrent enrollments with one new agentId: one wins, the others are refused (409), one agent with one working key', async () => {
    const t = await setupTestApp();
    const admin = await t.as('admin');
    const { token } = (await (await t.json('POST', '/api/v1/enrollment-tokens', {}, admin)).json()) as { token: string };
    const agentId = '11111111-2222-4333-8444-555555555555';
    const answers = await Promise.all(
      [1, 2, 3, 4].map(async (i) => {
        const r = await t.json('POST', '/api/v1/agent/enroll', { enrollmentToken: token, hostname: `h${i}`, agentId });
        return { status: r.status, body: (await r.json()) as { agentKey: string } };
      }),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
    const winner = answers.find((a) => a.status === 200)!;
    expect((await t.upload(winner.body.agentKey, makeInventory({ agentId, hostname: 'h' }))).status).toBe(200);
    const agents = await t.db.selectFrom('agents').select('id').where('id', '=', agentId).execute();
    expect(agents).toHaveLength(1);
  });

  it('an inventory of 50,000 packages is taken whole, gzip or not', async () => {
    const t = await setupTestApp();
    const tech = await t.as('technician');
    const { agentId, agentKey } = await t.enrollAgent('big');
    const res = await t.upload(agentKey, makeInventory({ agentId, hostname: 'big', packages: 50_000 }), { gzip: true });
    expect(res.status).toBe(200);
    const { deviceId } = (await res.json()) as { deviceId: number };
    const d = (await (await t.json('GET', `/api/v1/devices/${deviceId}`, undefined, tech)).json()) as { software: unknown[] };
    expect(d.software.length).toBe(50_000);
  }, 120_000);
});
