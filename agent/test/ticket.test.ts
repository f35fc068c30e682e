import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentTicketRequestSchema } from '@parc/shared';
import { resolveTicketUsername } from '../src/identity/console-user.js';
import { createClient } from '../src/transport/client.js';
import { openAgentTicket } from '../src/transport/ticket.js';
import { buildTicketRequest } from '../src/cli/commands/ticket.js';
import { EXIT, UsageError } from '../src/cli/errors.js';

/**
 * A real HTTP server standing in for the Parc endpoint. Each scenario enrolls with its own agent key,
 * and the server answers each key from its own queue, so the CLI runs can go in parallel.
 */
type Reply = { status: number; body?: unknown } | 'drop';
interface Seen {
  method?: string;
  url?: string;
  auth?: string;
  type?: string;
  idempotencyKey?: string;
  body: unknown;
}

const ROOT = path.resolve(import.meta.dirname, '../..');
let server: Server;
let url: string;
let dir: string;
const replies = new Map<string, Reply[]>();
const seen = new Map<string, Seen[]>();

const keyOf = (auth: string | undefined) => auth?.replace(/^Bearer /, '') ?? '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'parc-agent-ticket-'));
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const key = keyOf(req.headers.authorization);
      const raw = Buffer.concat(chunks).toString();
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        /* keep the raw text: the assertions will show it */
      }
      if (!seen.has(key)) seen.set(key, []);
      seen.get(key)!.push({
        method: req.method,
        url: req.url,
        auth: req.headers.authorization,
        type: req.headers['content-type'],
        idempotencyKey: req.headers['idempotency-key'] as string | undefined,
        body,
      });
      const r = replies.get(key)?.shift() ?? { status: 201, body: { ticketId: 1, requesterKnown: true } };
      if (r === 'drop') {
        req.socket.destroy(); // an answer lost on the way: the server may or may not have created the ticket
        return;
      }
      res.writeHead(r.status, { 'content-type': 'application/json' });
      res.end(r.body === undefined ? '' : JSON.stringify(r.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

/** An enrolled state folder whose agent key selects the server's reply queue. */
async function enrolled(key: string, queue: Reply[], server_ = url): Promise<string> {
  const stateDir = path.join(dir, key);
  await mkdir(stateDir, { recursive: true });
  await writeFile(path.join(stateDir, 'config.json'), JSON.stringify({ server: server_, httpTimeoutMs: 2000, retry: { attempts: 3, baseDelayMs: 0, maxDelayMs: 0 } }));
  await writeFile(path.join(stateDir, 'identity.json'), JSON.stringify({ agentId: `agent-${key}` }));
  await writeFile(path.join(stateDir, 'agent.key'), `${key}\n`, { mode: 0o600 });
  replies.set(key, queue);
  return stateDir;
}

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['agent/src/cli/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, PARC_AGENT_STATE_DIR: '', HTTP_PROXY: '', http_proxy: '', ALL_PROXY: '', all_proxy: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('openAgentTicket against a real HTTP server', () => {
  const policy = { attempts: 3, baseDelayMs: 0, maxDelayMs: 0 };
  const client = () => createClient({ server: url, timeoutMs: 2000, env: {} });

  it('POSTs plain JSON with the bearer key and the idempotency key, reused after a 500 and a lost answer', async () => {
    replies.set('k-direct', [{ status: 500, body: { error: { code: 'internal', message: 'boom' } } }, 'drop', { status: 201, body: { ticketId: 12, requesterKnown: true } }]);
    const out = await openAgentTicket(await client(), 'k-direct', { title: 'Printer jammed', urgency: 4, username: 'CORP\\jdoe' }, policy, { idempotencyKey: 'idem-1' });
    expect(out).toEqual({ result: 'created', response: { ticketId: 12, requesterKnown: true }, attempts: 3 });
    const calls = seen.get('k-direct')!;
    expect(calls).toHaveLength(3);
    for (const c of calls) {
      expect(c).toMatchObject({ method: 'POST', url: '/api/v1/agent/tickets', auth: 'Bearer k-direct', type: 'application/json', idempotencyKey: 'idem-1' });
      expect(c.body).toEqual({ title: 'Printer jammed', urgency: 4, username: 'CORP\\jdoe' });
    }
  });

  it('never retries a 4xx, and reports the field the server blames', async () => {
    replies.set('k-400', [{ status: 400, body: { error: { code: 'validation_failed', message: 'title: too long', field: 'title' } } }]);
    const out = await openAgentTicket(await client(), 'k-400', { title: 'x' }, policy, { idempotencyKey: 'idem-2' });
    expect(out).toMatchObject({ result: 'rejected', httpStatus: 400, code: 'validation_failed', field: 'title', message: 'title: too long', attempts: 1 });
    expect(seen.get('k-400')).toHaveLength(1);
  });

  it('gives up after the attempts on persistent 5xx', async () => {
    replies.set('k-503', [{ status: 503 }, { status: 503 }, { status: 503 }, { status: 201, body: { ticketId: 1, requesterKnown: true } }]);
    const out = await openAgentTicket(await client(), 'k-503', { title: 'x' }, policy, { idempotencyKey: 'idem-3' });
    expect(out).toMatchObject({ result: 'failed', httpStatus: 503, attempts: 3 });
    expect(seen.get('k-503')).toHaveLength(3);
  });
});

describe('buildTicketRequest (the local checks)', () => {
  const refused = (fn: () => unknown): UsageError => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      expect((e as UsageError).exitCode).toBe(EXIT.usage);
      return e as UsageError;
    }
    throw new Error('expected a UsageError');
  };

  it('accepts urgency 1 to 5 and drops an empty description', () => {
    for (const u of ['1', '3', ' 5 ']) expect(buildTicketRequest({ title: 'T', urgency: u }, undefined).urgency).toBe(Number(u));
    expect(buildTicketRequest({ title: '  T  ', description: '  ' }, 'CORP\\me')).toEqual({ title: 'T', username: 'CORP\\me' });
  });

  it('refuses urgency outside 1-5 or not a whole number, and empty or oversized titles and descriptions', () => {
    for (const u of ['0', '6', '-1', '2.5', 'high', '']) expect(refused(() => buildTicketRequest({ title: 'T', urgency: u }, undefined)).message).toMatch(/^--urgency must be/);
    expect(refused(() => buildTicketRequest({}, undefined)).message).toMatch(/ticket needs a title/);
    expect(refused(() => buildTicketRequest({ title: '   ' }, undefined)).message).toBe('title: must not be empty');
    expect(refused(() => buildTicketRequest({ title: 'x'.repeat(256) }, undefined)).message).toMatch(/^title: /);
    expect(refused(() => buildTicketRequest({ title: 'T', description: 'x'.repeat(50_001) }, undefined)).message).toMatch(/^--description: /);
  });
});

describe('parc-agent ticket', () => {
  it('opens a ticket: path, auth, body with the logged-in user, one idempotency key across a 500-then-201 retry', async () => {
    const stateDir = await enrolled('k-ok', [{ status: 500, body: { error: { code: 'internal', message: 'db hiccup' } } }, { status: 201, body: { ticketId: 42, requesterKnown: true } }]);
    const r = await cli(['ticket', 'Outlook crashes at start', '--description', 'since this morning', '--urgency', '4', '--state-dir', stateDir]);
    expect(r.stderr).not.toMatch(/not opened/);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('Ticket #42 opened');

    const calls = seen.get('k-ok')!;
    expect(calls).toHaveLength(2);
    expect(calls[0]!.idempotencyKey).toMatch(UUID);
    expect(calls[1]!.idempotencyKey).toBe(calls[0]!.idempotencyKey);
    const username = await resolveTicketUsername(); // same user, same machine as the spawned CLI
    for (const c of calls) {
      expect(c).toMatchObject({ method: 'POST', url: '/api/v1/agent/tickets', auth: 'Bearer k-ok', type: 'application/json' });
      expect(c.body).toEqual({ title: 'Outlook crashes at start', description: 'since this morning', urgency: 4, ...(username ? { username } : {}) });
      expect(agentTicketRequestSchema.safeParse(c.body).success).toBe(true);
    }
  });

  it('says so when the requester is not known to Parc; each run has its own idempotency key', async () => {
    const stateDir = await enrolled('k-unknown', [
      { status: 201, body: { ticketId: 7, requesterKnown: false } },
      { status: 201, body: { ticketId: 8, requesterKnown: true } },
    ]);
    const r = await cli(['ticket', 'No sound', '--state-dir', stateDir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Ticket #7 opened\n/);
    expect(r.stdout).toMatch(/not known to Parc|no logged-in user could be named/);
    expect(r.stdout).toMatch(/helpdesk will contact you/);
    expect(seen.get('k-unknown')![0]!.body).not.toHaveProperty('urgency');
    expect(seen.get('k-unknown')![0]!.body).not.toHaveProperty('description');

    expect((await cli(['ticket', 'No sound again', '--state-dir', stateDir])).code).toBe(0);
    const [a, b] = seen.get('k-unknown')!;
    expect(a!.idempotencyKey).not.toBe(b!.idempotencyKey);
  });

  it('exit 2 on bad arguments, before any request: urgency outside 1-5, missing title, extra words', async () => {
    const stateDir = await enrolled('k-usage', []);
    const [urgency, missing, extra] = await Promise.all([
      cli(['ticket', 'Title', '--urgency', '7', '--state-dir', stateDir]),
      cli(['ticket', '--state-dir', stateDir]),
      cli(['ticket', 'Printer', 'broken', '--state-dir', stateDir]),
    ]);
    for (const r of [urgency, missing, extra]) {
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(urgency.stderr).toMatch(/--urgency must be a whole number from 1 \(very low\) to 5 \(very high\), not "7"/);
    expect(missing.stderr).toMatch(/ticket needs a title/);
    expect(extra.stderr).toMatch(/unexpected argument "broken" \(quote a title/);
    expect(seen.get('k-usage')).toBeUndefined();
  });

  it('exit 3 when not enrolled', async () => {
    const r = await cli(['ticket', 'Title', '--state-dir', path.join(dir, 'empty')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/not enrolled/);
  });

  it('exit 4 when the server is unreachable, after retrying', async () => {
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(dead.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => dead.close(() => resolve()));
    const stateDir = await enrolled('k-down', [], deadUrl);
    const r = await cli(['ticket', 'Title', '--state-dir', stateDir]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/ticket not opened: server unreachable after 3 attempt\(s\)/);
  });

  it('exit 5 when the server asks to enroll again; exit 1 with the field on a 400; exit 1 on persistent 5xx', async () => {
    const [reenrollDir, invalidDir, brokenDir] = await Promise.all([
      enrolled('k-reenroll', [{ status: 401, body: { error: { code: 'reenroll_required', message: 'unknown agent key' } } }]),
      enrolled('k-invalid', [{ status: 400, body: { error: { code: 'validation_failed', message: 'must be at most 50000 characters', field: 'description' } } }]),
      enrolled('k-broken', [{ status: 502 }, { status: 502 }, { status: 502 }]),
    ]);
    const [reenroll, invalid, broken] = await Promise.all([
      cli(['ticket', 'Title', '--state-dir', reenrollDir]),
      cli(['ticket', 'Title', '--description', 'd', '--state-dir', invalidDir]),
      cli(['ticket', 'Title', '--state-dir', brokenDir]),
    ]);
    expect(reenroll.code).toBe(5);
    expect(reenroll.stderr).toMatch(/ticket not opened: the server no longer knows this agent: run `parc-agent enroll/);
    expect(seen.get('k-reenroll')).toHaveLength(1);

    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/ticket not opened: the server refused it \(field "description"\): must be at most 50000 characters/);
    expect(seen.get('k-invalid')).toHaveLength(1);

    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/ticket not opened after 3 attempt\(s\): server error \(HTTP 502\)/);
    expect(seen.get('k-broken')).toHaveLength(3);
  });

  it('is in --help', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ticket "TITLE" \[--description TEXT\] \[--urgency 1-5\]/);
  });
});
