import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import type { Db } from '../../../src/platform/db/database.js';
import type { Role } from '../../../src/platform/db/schema.js';
import { createLogger, type Logger } from '../../../src/platform/log.js';

export const T0 = new Date('2026-03-02T09:00:00.000Z');

export async function insertUser(db: Db, username: string, role: Role, email: string | null, disabled = false): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({ username, role, email, password_hash: 'not-used-by-these-tests', disabled })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertGroup(db: Db, name: string, email: string | null, memberIds: number[] = []): Promise<number> {
  const { id } = await db.insertInto('groups').values({ name, email }).returning('id').executeTakeFirstOrThrow();
  if (memberIds.length > 0) await db.insertInto('group_members').values(memberIds.map((user_id) => ({ group_id: id, user_id }))).execute();
  return id;
}

export interface TicketSeed {
  title?: string;
  requesterId: number;
  status?: 'new' | 'assigned' | 'planned' | 'pending' | 'solved' | 'closed';
  createdAt?: Date;
  ownedAt?: Date | null;
  ownDueAt?: Date | null;
  resolveDueAt?: Date | null;
  ownAtRiskAt?: Date | null;
  resolveAtRiskAt?: Date | null;
  slaPolicyId?: number | null;
  assignees?: { userIds?: number[]; groupIds?: number[] };
  observers?: { userIds?: number[]; groupIds?: number[] };
}

export async function insertTicket(db: Db, seed: TicketSeed): Promise<number> {
  const at = seed.createdAt ?? T0;
  const { id } = await db
    .insertInto('tickets')
    .values({
      title: seed.title ?? 'Printer on fire',
      description: 'Smoke comes out of the printer on floor 2.',
      type: 'incident',
      status: seed.status ?? 'new',
      urgency: 3,
      impact: 3,
      priority: 3,
      requester_id: seed.requesterId,
      created_by: seed.requesterId,
      created_at: at,
      updated_at: at,
      owned_at: seed.ownedAt ?? null,
      own_due_at: seed.ownDueAt ?? null,
      resolve_due_at: seed.resolveDueAt ?? null,
      own_at_risk_at: seed.ownAtRiskAt ?? null,
      resolve_at_risk_at: seed.resolveAtRiskAt ?? null,
      sla_policy_id: seed.slaPolicyId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const actors = [
    ...(seed.assignees?.userIds ?? []).map((user_id) => ({ ticket_id: id, role: 'assignee' as const, user_id, group_id: null })),
    ...(seed.assignees?.groupIds ?? []).map((group_id) => ({ ticket_id: id, role: 'assignee' as const, user_id: null, group_id })),
    ...(seed.observers?.userIds ?? []).map((user_id) => ({ ticket_id: id, role: 'observer' as const, user_id, group_id: null })),
    ...(seed.observers?.groupIds ?? []).map((group_id) => ({ ticket_id: id, role: 'observer' as const, user_id: null, group_id })),
  ];
  if (actors.length > 0) await db.insertInto('ticket_actors').values(actors).execute();
  return id;
}

export async function insertWebhook(db: Db, url: string, events: string[], secret: string | null = null, active = true): Promise<number> {
  const { id } = await db.insertInto('webhooks').values({ url, events, secret, active }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function outboxRows(db: Db) {
  return db.selectFrom('notification_outbox').selectAll().orderBy('id').execute();
}

/** A logger whose JSON lines the test can read. */
export function capturingLogger(): { log: Logger; lines: () => Array<Record<string, unknown>> } {
  const out: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      out.push(String(chunk));
      cb();
    },
  });
  return { log: createLogger('debug', stream), lines: () => out.flatMap((s) => s.split('\n').filter(Boolean)).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on 127.0.0.1; `reject` makes RCPT TO answer 550 for those addresses. */
export async function startSmtp(opts: { user?: string; pass?: string; reject?: string[] } = {}) {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: !opts.user,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === opts.user && auth.password === opts.pass) cb(null, { user: auth.username });
      else cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address: SMTPServerAddress, _session, cb) {
      if (opts.reject?.includes(address.address)) cb(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      else cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return { mails, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP server on 127.0.0.1 answering webhooks from a script of responses (the last one repeats). */
export async function startHookServer(script: Array<{ status: number; headers?: Record<string, string>; delayMs?: number }> = [{ status: 204 }]) {
  const received: ReceivedHook[] = [];
  const waiting: Array<{ count: number; resolve: () => void }> = [];
  let i = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      for (const w of waiting.filter((w) => received.length >= w.count)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve();
      }
      const step = script[Math.min(i++, script.length - 1)]!;
      setTimeout(() => {
        res.writeHead(step.status, step.headers ?? {});
        res.end(step.status >= 400 ? `status ${step.status} from the test receiver` : '');
      }, step.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    /** Resolves once `count` requests have arrived (before they are answered). */
    requests: (count: number) =>
      received.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ count, resolve })),
    url: `http://127.0.0.1:${port}/hook`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
