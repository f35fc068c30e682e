import type { Context } from 'hono';
import type { AppEnv } from '../http/context.js';
import type { AuditActor } from './audit.repository.js';

/** The signed-in user of a request and the client's address, as the audit log records them. */
export function auditActor(c: Context<AppEnv>): AuditActor {
  const user = c.get('user');
  return { userId: user?.id ?? null, username: user?.username ?? null, address: c.get('clientAddress') ?? null };
}
