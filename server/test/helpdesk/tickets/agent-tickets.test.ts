import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, startRealServer, type RealServer } from '../../../../test/helpers/real-server.js';
import { createUser } from '../../../src/platform/auth/users.service.js';
import { fails, inventoriedDevice, ok, setupTicketsApp, type Detail, type TestContext } from './helpers.js';

let t: TestContext;

beforeEach(async () => {
  t = await setupTicketsApp();
});

const openFromAgent = (agentKey: string, body: unknown, key?: string) =>
  Promise.resolve(
    t.app.request('/api/v1/agent/tickets', {
      method: 'POST',
      headers: { authorization: `Bearer ${agentKey}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );

describe('POST /api/v1/agent/tickets', () => {
  it('links the ticket to the agent device and finds the requester by DOMAIN\\user, user@domain or user', async () => {
    const tech = await t.as('technician', 'tina');
    const jdoe = await createUser(t.db, { username: 'jdoe', password: 'jdoe-password-1', role: 'requester' });
    // An exact match wins over the short name.
    const exact = await createUser(t.db, { username: 'corp\\amy', password: 'amy-password-12', role: 'requester' });
    await createUser(t.db, { username: 'amy', password: 'amy-password-12', role: 'requester' });
    const { deviceId, agentKey } = await inventoriedDevice(t, 'ws-agent', 1);

    for (const [username, requesterId] of [
      ['CORP\\jdoe', jdoe.id],
      ['jdoe@corp.example', jdoe.id],
      ['jdoe', jdoe.id],
      ['JDoe', jdoe.id],
      ['CORP\\amy', exact.id],
    ] as const) {
      // The claimed name selects a user only when they are the device's owner or last user (security/agent-ticket-requester.test.ts).
      const owner = requesterId === jdoe.id ? 'jdoe' : 'CORP\\amy';
      await t.db.updateTable('devices').set({ owner }).where('id', '=', deviceId).execute();
      const r = await ok<{ ticketId: number; requesterKnown: boolean }>(openFromAgent(agentKey, { title: 'Printer jam', urgency: 4, username }), 201);
      expect({ username, known: r.requesterKnown }).toEqual({ username, known: true });
      const d = await ok<Detail>(t.json('GET', `/api/v1/tickets/${r.ticketId}`, undefined, tech));
      expect({ username, requester: d.requester.id, devices: d.deviceIds, urgency: d.urgency, title: d.title }).toEqual({
        username,
        requester: requesterId,
        devices: [deviceId],
        urgency: 4,
        title: 'Printer jam',
      });
      expect(d.devices[0]!.snapshot).toMatchObject({ hostname: 'ws-agent' });
      expect(d.timeline[0]).toMatchObject({ kind: 'created', actor: null, data: { viaAgent: true } });
    }
  });

  it('keeps an unknown user as a name, with requesterKnown false; a disabled user is not a requester', async () => {
    const tech = await t.as('technician', 'tina');
    const { agentKey } = await inventoriedDevice(t, 'ws-agent', 1);
    const r = await ok<{ ticketId: number; requesterKnown: boolean }>(openFromAgent(agentKey, { title: 'No sound', username: 'CORP\\ghost' }), 201);
    expect(r.requesterKnown).toBe(false);
    const d = await ok<Detail>(t.json('GET', `/api/v1/tickets/${r.ticketId}`, undefined, tech));
    expect(d.requester).toMatchObject({ id: null, name: 'CORP\\ghost' });
    expect([d.urgency, d.impact, d.priority, d.status]).toEqual([3, 3, 3, 'new']);
    const row = await t.db.selectFrom('tickets').select(['requester_id', 'requester_name', 'description']).where('id', '=', r.ticketId).executeTakeFirstOrThrow();
    expect(row).toEqual({ requester_id: null, requester_name: 'CORP\\ghost', description: 'No sound' });

    const off = await createUser(t.db, { username: 'gone', password: 'gone-password-1', role: 'requester' });
    await t.db.updateTable('users').set({ disabled: true }).where('id', '=', off.id).execute();
    expect((await ok<{ requesterKnown: boolean }>(openFromAgent(agentKey, { title: 'x', username: 'gone' }), 201)).requesterKnown).toBe(false);
    // No username at all.
    expect((await ok<{ requesterKnown: boolean }>(openFromAgent(agentKey, { title: 'y' }), 201)).requesterKnown).toBe(false);
  });

  it('returns the same ticket (200) for a retried Idempotency-Key, even when the retries race', async () => {
    await createUser(t.db, { username: 'jdoe', password: 'jdoe-password-1', role: 'requester' });
    const a = await inventoriedDevice(t, 'ws-a', 1);
    const b = await inventoriedDevice(t, 'ws-b', 2);
    const first = await ok<{ ticketId: number; requesterKnown: boolean }>(openFromAgent(a.agentKey, { title: 'Slow', username: 'jdoe' }, 'key-1'), 201);
    const again = await ok<{ ticketId: number; requesterKnown: boolean }>(openFromAgent(a.agentKey, { title: 'Slow', username: 'jdoe' }, 'key-1'), 200);
    expect(again).toEqual(first);
    // Another agent using the same key opens its own ticket; another key opens another one.
    const other = await ok<{ ticketId: number }>(openFromAgent(b.agentKey, { title: 'Slow' }, 'key-1'), 201);
    expect(other.ticketId).not.toBe(first.ticketId);
    await ok(openFromAgent(a.agentKey, { title: 'Slow' }, 'key-2'), 201);
    expect(Number((await t.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(3);

    // Two tries in flight at once (a client timing out and retrying): one ticket, both answers name it.
    const racing = await Promise.all([1, 2, 3].map(() => openFromAgent(a.agentKey, { title: 'Race' }, 'key-race')));
    const bodies = await Promise.all(racing.map(async (r) => ({ status: r.status, body: (await r.json()) as { ticketId: number } })));
    expect(bodies.map((x) => x.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(bodies.map((x) => x.body.ticketId)).size).toBe(1);
    const races = await t.db.selectFrom('tickets').select('id').where('title', '=', 'Race').execute();
    expect(races).toHaveLength(1);
    const events = await t.db.selectFrom('ticket_events').select('id').where('ticket_id', '=', races[0]!.id).where('kind', '=', 'created').execute();
    expect(events).toHaveLength(1);
  });

  it('refuses: no inventory yet (409 saying what to do), unknown key (401 reenroll_required), bad body (400)', async () => {
    const { agentKey } = await t.enrollAgent('ws-new');
    const e = await fails(openFromAgent(agentKey, { title: 'Help' }));
    expect([e.status, e.code]).toEqual([409, 'no_inventory_yet']);
    expect(e.message).toContain('parc-agent send');
    const unknown = await fails(openFromAgent('not-a-key', { title: 'Help' }));
    expect([unknown.status, unknown.code]).toEqual([401, 'reenroll_required']);
    // The key is checked before the body.
    expect((await fails(openFromAgent('not-a-key', '{oops'))).code).toBe('reenroll_required');
    const inv = await inventoriedDevice(t, 'ws-inv', 3);
    for (const [body, field] of [
      [{ title: '' }, 'title'],
      [{ title: 'x', urgency: 9 }, 'urgency'],
      [{ title: 'x', urgency: '4' }, 'urgency'],
      [{}, 'title'],
      ['{oops', 'body'],
      ['', 'body'],
    ] as const) {
      const err = await fails(openFromAgent(inv.agentKey, body));
      expect({ body, status: err.status, field: err.field }).toEqual({ body, status: 400, field });
    }
    expect(await t.db.selectFrom('tickets').select('id').execute()).toEqual([]);
  });
});

/**
 * End to end: the real server on a free port, the real agent CLI enrolling, sending its inventory of this
 * machine and opening a ticket.
 */
const children = new Set<ChildProcess>();
const dirs: string[] = [];
let server: RealServer | undefined;

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await server?.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

function run(cmd: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env } });
    children.add(child);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      children.delete(child);
      resolve({ code, out });
    });
  });
}

describe('parc-agent ticket against a real server', () => {
  it('enroll, send, then ticket "Printer jam" --urgency 4 opens a ticket on this machine', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'parc-ticket-e2e-server-'));
    const stateDir = await mkdtemp(path.join(tmpdir(), 'parc-ticket-e2e-agent-'));
    dirs.push(dataDir, stateDir);
    const password = 'e2e-admin-password-1';
    server = await startRealServer({ name: 'agent_ticket_test', dataDir, adminPassword: password });
    const url = server.url;
    const api = async (method: string, p: string, token?: string, body?: unknown) => {
      const r = await fetch(`${url}${p}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await r.text();
      if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${text}`);
      return JSON.parse(text) as Record<string, unknown>;
    };
    const { token } = (await api('POST', '/api/v1/auth/login', undefined, { username: 'admin', password })) as { token: string };
    const enrollment = (await api('POST', '/api/v1/enrollment-tokens', token, {})) as { token: string };

    const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
    const cli = (...args: string[]) => run(tsx, ['agent/src/cli/main.ts', ...args, '--state-dir', stateDir], {});
    const enrolled = await cli('enroll', '--server', url, '--token', enrollment.token);
    expect(enrolled.code, enrolled.out).toBe(0);
    // Before any inventory the server says to send one first (exit 1, with that advice).
    const early = await cli('ticket', 'Too early');
    expect(early.code, early.out).not.toBe(0);
    expect(early.out).toContain('parc-agent send');
    const sent = await cli('send');
    expect(sent.code, sent.out).toBe(0);
    const opened = await cli('ticket', 'Printer jam', '--urgency', '4', '--description', 'Tray 2 is stuck');
    expect(opened.code, opened.out).toBe(0);
    const id = Number(opened.out.match(/Ticket #(\d+) opened/)?.[1]);
    expect(id).toBeGreaterThan(0);

    const ticket = (await api('GET', `/api/v1/tickets/${id}`, token)) as unknown as Detail & { description: string };
    expect([ticket.title, ticket.description, ticket.urgency, ticket.status]).toEqual(['Printer jam', 'Tray 2 is stuck', 4, 'new']);
    expect(ticket.deviceIds).toHaveLength(1);
    const devices = (await api('GET', `/api/v1/devices/${ticket.deviceIds[0]}/tickets`, token)) as { items: { id: number }[] };
    expect(devices.items.map((x) => x.id)).toEqual([id]);
    // Whoever is logged in here (if anyone) is no Parc user: the CLI says so and the ticket has no requester.
    expect(ticket.requester.id).toBeNull();
    expect(opened.out).toContain('the ticket has no requester');
    // A bad urgency is refused locally (exit 2), nothing is sent.
    expect((await cli('ticket', 'x', '--urgency', '9')).code).toBe(2);
    const all = (await api('GET', '/api/v1/tickets', token)) as { total: number };
    expect(all.total).toBe(1);
    await server.stop();
  }, 180_000);
});
