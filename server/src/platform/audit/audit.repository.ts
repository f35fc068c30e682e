import type { Db } from '../db/database.js';
import type { AuditAction } from './audit-actions.js';
import type { AuditEntryRow } from './audit.tables.js';

/** Who acted: a signed-in user, an agent, or nobody known (a failed login), and from which address. */
export interface AuditActor {
  userId?: number | null | undefined;
  username?: string | null | undefined;
  agentId?: string | null | undefined;
  address?: string | null | undefined;
}

export interface AuditEntry {
  actor: AuditActor;
  action: AuditAction;
  target?: { type: string; id: string | number; label?: string | null | undefined } | undefined;
  /** What changed, in plain values (never a secret: no passwords, keys or tokens). */
  detail?: Record<string, unknown> | undefined;
  at?: Date | undefined;
}

const toRow = (e: AuditEntry) => ({
  actor_user_id: e.actor.userId ?? null,
  actor_username: e.actor.username ?? null,
  actor_agent_id: e.actor.agentId ?? null,
  address: e.actor.address ?? null,
  action: e.action,
  target_type: e.target?.type ?? null,
  target_id: e.target === undefined ? null : String(e.target.id),
  target_label: e.target?.label ?? null,
  detail: JSON.stringify(e.detail ?? {}),
  ...(e.at ? { at: e.at } : {}),
});

/**
 * Appends entries (one statement). Called inside the transaction that makes the change, so an entry
 * exists exactly when the change does.
 */
export async function recordAudit(db: Db, ...entries: AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  await db.insertInto('audit_log').values(entries.map(toRow)).execute();
}

export interface AuditQuery {
  action?: readonly string[] | undefined;
  actorUserId?: number | undefined;
  /** Matches the recorded actor name, case-insensitively and exactly. */
  actorUsername?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  address?: string | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
  /** Keyset paging: entries older than this id. */
  beforeId?: number | undefined;
  limit: number;
}

/** Newest first. */
export async function listAudit(db: Db, q: AuditQuery): Promise<AuditEntryRow[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (q.action?.length) query = query.where('action', 'in', [...q.action]);
  if (q.actorUserId !== undefined) query = query.where('actor_user_id', '=', q.actorUserId);
  if (q.actorUsername !== undefined) query = query.where((eb) => eb(eb.fn('lower', ['actor_username']), '=', q.actorUsername!.toLowerCase()));
  if (q.targetType !== undefined) query = query.where('target_type', '=', q.targetType);
  if (q.targetId !== undefined) query = query.where('target_id', '=', q.targetId);
  if (q.address !== undefined) query = query.where('address', '=', q.address);
  if (q.since) query = query.where('at', '>=', q.since);
  if (q.until) query = query.where('at', '<', q.until);
  if (q.beforeId !== undefined) query = query.where('id', '<', q.beforeId);
  return query.orderBy('id', 'desc').limit(q.limit).execute();
}
