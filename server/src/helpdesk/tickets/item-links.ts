import type { ItilKindName } from '@parc/shared/api/itil-enums';
import type { Db } from '../../platform/db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { deleteLink, insertLinks, kindsOf, type LinkTarget } from './itil-links.repository.js';
import type { TicketCtx } from './ticket-context.js';
import { insertEventsAcross } from './ticket-timeline.repository.js';
import { lockItem } from './tickets.repository.js';

/**
 * Links between ITIL objects. A link always points from the "bigger" object to the one it covers:
 * problem → ticket, change → ticket, change → problem; which way is decided here from the two kinds, so
 * callers just name the other objects. Both ends' timelines record it.
 */

const RANK: Record<ItilKindName, number> = { ticket: 0, problem: 1, change: 2 };

/** Orients a pair; null when the two kinds do not link (ticket–ticket, problem–problem…). */
export function orient(a: LinkTarget, b: LinkTarget): { from: LinkTarget; to: LinkTarget } | null {
  if (a.kind === b.kind) return null;
  return RANK[a.kind] > RANK[b.kind] ? { from: a, to: b } : { from: b, to: a };
}

/** Checks the ids name objects that link to `self`; answers them with their kinds. */
export async function linkTargets(db: Db, self: LinkTarget, ids: readonly number[], field: string): Promise<LinkTarget[]> {
  const unique = [...new Set(ids)];
  const found = await kindsOf(db, unique);
  const missing = unique.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw new ValidationError(`unknown ticket, problem or change id(s): ${missing.join(', ')}`, field);
  const bad = found.filter((t) => orient(self, t) === null);
  if (bad.length) throw new ValidationError(`a ${self.kind} cannot be linked to ${bad.map((b) => `${b.kind} ${b.id}`).join(', ')}`, field);
  return found;
}

/** Writes the links (inside the caller's transaction) and a timeline line at each end; answers the ids newly linked. */
export async function writeLinks(tx: Db, self: LinkTarget, targets: readonly LinkTarget[], actorId: number, now: Date): Promise<number[]> {
  const pairs = targets.map((t) => orient(self, t)!);
  const written = await insertLinks(tx, pairs, actorId, now);
  const newly = written.map((w) => (w.from_id === self.id ? w.to_id : w.from_id));
  const linked = targets.filter((t) => newly.includes(t.id));
  await insertEventsAcross(tx, now, [
    ...linked.map((t) => ({ ticketId: self.id, kind: 'item-link', actorId, data: { action: 'added', id: t.id, kind: t.kind } })),
    ...linked.map((t) => ({ ticketId: t.id, kind: 'item-link', actorId, data: { action: 'added', id: self.id, kind: self.kind } })),
  ]);
  return newly;
}

/** POST …/:id/links: links the object to others by id. */
export async function linkItems(ctx: TicketCtx, kind: ItilKindName, id: number, ids: readonly number[]) {
  const targets = await linkTargets(ctx.db, { id, kind }, ids, 'ids');
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await lockItem(tx, id, kind))) throw new NotFoundError(`${kind} ${id}`);
    const newly = await writeLinks(tx, { id, kind }, targets, ctx.user.id, ctx.clock.now());
    if (newly.length === 0) throw new ConflictError(`${kind} ${id} is already linked to all of them`, 'ids');
  });
}

/** DELETE …/:id/links/:otherId. */
export async function unlinkItems(ctx: TicketCtx, kind: ItilKindName, id: number, otherId: number) {
  await ctx.db.transaction().execute(async (tx) => {
    const row = await lockItem(tx, id, kind);
    if (!row) throw new NotFoundError(`${kind} ${id}`);
    const [other] = await kindsOf(tx, [otherId]);
    if (!other || !(await deleteLink(tx, id, otherId))) throw new NotFoundError(`link from ${kind} ${id} to ${otherId}`);
    const now = ctx.clock.now();
    await insertEventsAcross(tx, now, [
      { ticketId: id, kind: 'item-link', actorId: ctx.user.id, data: { action: 'removed', id: otherId, kind: other.kind } },
      { ticketId: otherId, kind: 'item-link', actorId: ctx.user.id, data: { action: 'removed', id, kind } },
    ]);
  });
}
