import { sql } from 'kysely';
import type { CheckinBody, CheckoutBody } from '@parc/shared/api';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/in-transaction.js';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.repository.js';
import { ConflictError, NotFoundError } from '../../platform/http/errors.js';
import { isUniqueViolation } from '../../platform/db/db-errors.js';
import { applyPlacement, validatePlacement } from '../placement/placement.service.js';
import { isOverdue } from './overdue.js';

/**
 * Check-out hands an asset to a person (assigned user + state, an open asset_checkouts row); check-in
 * takes it back (row closed, user cleared, state set). One open check-out per asset (409 otherwise).
 */

const person = (id: number | null, username: string | null, displayName: string | null) => (id === null || username === null ? null : { id, username, displayName });

export async function listCheckouts(db: Db, deviceId: number, now: Date) {
  if (!(await db.selectFrom('devices').select('id').where('id', '=', deviceId).executeTakeFirst())) throw new NotFoundError(`device ${deviceId}`);
  const rows = await db
    .selectFrom('asset_checkouts as c')
    .leftJoin('users as u', 'u.id', 'c.user_id')
    .leftJoin('users as o', 'o.id', 'c.checked_out_by')
    .leftJoin('users as i', 'i.id', 'c.checked_in_by')
    .select(['c.id', 'c.device_id', 'c.user_id', 'c.checked_out_at', 'c.checked_out_by', 'c.checked_in_at', 'c.checked_in_by', 'c.notes'])
    .select(sql<string | null>`c.due_on::text`.as('due_on'))
    .select(['u.username as u_name', 'u.display_name as u_display', 'o.username as o_name', 'o.display_name as o_display', 'i.username as i_name', 'i.display_name as i_display'])
    .where('c.device_id', '=', deviceId)
    .orderBy('c.checked_out_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      deviceId: r.device_id,
      user: person(r.user_id, r.u_name, r.u_display),
      checkedOutAt: new Date(r.checked_out_at).toISOString(),
      dueOn: r.due_on,
      checkedOutBy: person(r.checked_out_by, r.o_name, r.o_display),
      checkedInAt: r.checked_in_at === null ? null : new Date(r.checked_in_at).toISOString(),
      checkedInBy: person(r.checked_in_by, r.i_name, r.i_display),
      notes: r.notes,
      overdue: isOverdue(r.due_on, r.checked_in_at !== null, now),
    })),
  };
}

const openCheckout = (db: Db, deviceId: number) => db.selectFrom('asset_checkouts').select(['id', 'user_id']).where('device_id', '=', deviceId).where('checked_in_at', 'is', null).executeTakeFirst();

export async function checkout(db: Db, deviceId: number, body: CheckoutBody, actor: AuditActor, now: Date) {
  try {
    return await inTransaction(db, async (tx) => {
      await validatePlacement(tx, { state: body.state, userId: body.userId });
      if (await openCheckout(tx, deviceId)) throw new ConflictError(`device ${deviceId} is already checked out: check it in first`);
      const lines = await applyPlacement(tx, deviceId, { state: body.state, userId: body.userId }, actor, now, 'device.checked_out');
      const row = await tx
        .insertInto('asset_checkouts')
        .values({ device_id: deviceId, user_id: body.userId, checked_out_at: now, due_on: body.dueOn ?? null, checked_out_by: actor.userId ?? null, notes: body.notes || null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(tx, { actor, action: 'device.checked_out', target: { type: 'device', id: deviceId }, detail: { checkoutId: row.id, userId: body.userId, dueOn: body.dueOn ?? null, state: body.state, changes: lines.map((l) => l.code) }, at: now });
      return row.id;
    });
  } catch (err) {
    // Two check-outs racing: the partial unique index lets one through.
    if (isUniqueViolation(err)) throw new ConflictError(`device ${deviceId} is already checked out: check it in first`);
    throw err;
  }
}

export function checkin(db: Db, deviceId: number, body: CheckinBody, actor: AuditActor, now: Date) {
  return inTransaction(db, async (tx) => {
    await validatePlacement(tx, { state: body.state });
    if (!(await tx.selectFrom('devices').select('id').where('id', '=', deviceId).executeTakeFirst())) throw new NotFoundError(`device ${deviceId}`);
    const open = await openCheckout(tx, deviceId);
    if (!open) throw new ConflictError(`device ${deviceId} is not checked out`);
    const lines = await applyPlacement(tx, deviceId, { state: body.state, userId: null }, actor, now, 'device.checked_in');
    await tx
      .updateTable('asset_checkouts')
      .set({ checked_in_at: now, checked_in_by: actor.userId ?? null, ...(body.notes ? { notes: sql<string>`coalesce(notes || E'\\n', '') || ${body.notes}` } : {}) })
      .where('id', '=', open.id)
      .execute();
    await recordAudit(tx, { actor, action: 'device.checked_in', target: { type: 'device', id: deviceId }, detail: { checkoutId: open.id, state: body.state, changes: lines.map((l) => l.code) }, at: now });
    return open.id;
  });
}
