import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { recordAudit, type AuditActor, type AuditEntry } from '../../platform/audit/audit.repository.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { locationPathSql } from '../locations/location-path.sql.js';
import { placementChanges, type Placement } from './placement-changes.js';

/**
 * Where an asset is, its state and who has it: the one writer of devices.state, location_id and user_id
 * for people (PATCH /devices/:id, check-out, check-in). Each change is validated (a 400 naming the field),
 * written with its history lines and audited, in the caller's transaction.
 */

export interface PlacementPatch {
  state?: string | undefined;
  locationId?: number | null | undefined;
  userId?: number | null | undefined;
}

async function placementOf(db: Db, deviceId: number, lock: boolean): Promise<(Placement & { hostname: string }) | undefined> {
  let q = db
    .selectFrom('devices as d')
    .select(['d.hostname', 'd.state', 'd.location_id as locationId', 'd.user_id as userId'])
    .select((eb) => [
      eb.selectFrom('asset_states as st').select('st.label').whereRef('st.code', '=', 'd.state').as('stateLabel'),
      locationPathSql(sql.ref('d.location_id')).as('location'),
      eb.selectFrom('users as u').select('u.username').whereRef('u.id', '=', 'd.user_id').as('user'),
    ])
    .where('d.id', '=', deviceId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && { ...row, stateLabel: row.stateLabel ?? null, location: row.location ?? null, user: row.user ?? null };
}

export async function validatePlacement(db: Db, patch: PlacementPatch, fields: { state?: string; userId?: string } = {}) {
  if (patch.state !== undefined && !(await db.selectFrom('asset_states').select('code').where('code', '=', patch.state).executeTakeFirst())) {
    throw new ValidationError(`unknown state "${patch.state}"`, fields.state ?? 'state');
  }
  if (patch.locationId != null && !(await db.selectFrom('locations').select('id').where('id', '=', patch.locationId).executeTakeFirst())) {
    throw new ValidationError(`location ${patch.locationId} does not exist`, 'locationId');
  }
  if (patch.userId != null && !(await db.selectFrom('users').select('id').where('id', '=', patch.userId).executeTakeFirst())) {
    throw new ValidationError(`user ${patch.userId} does not exist`, fields.userId ?? 'userId');
  }
}

/** Applies the patch; answers the history lines written (none when nothing changed). Call in a transaction. */
export async function applyPlacement(db: Db, deviceId: number, patch: PlacementPatch, actor: AuditActor, now: Date, why?: AuditEntry['action']) {
  const before = await placementOf(db, deviceId, true);
  if (!before) throw new NotFoundError(`device ${deviceId}`);
  await validatePlacement(db, patch);
  const set = {
    ...(patch.state !== undefined ? { state: patch.state } : {}),
    ...(patch.locationId !== undefined ? { location_id: patch.locationId } : {}),
    ...(patch.userId !== undefined ? { user_id: patch.userId } : {}),
  };
  if (Object.keys(set).length === 0) return [];
  await db.updateTable('devices').set({ ...set, updated_at: now }).where('id', '=', deviceId).execute();
  const after = (await placementOf(db, deviceId, false))!;
  const lines = placementChanges(before, after);
  if (lines.length) {
    await db
      .insertInto('device_changes')
      .values(lines.map((l) => ({ device_id: deviceId, at: now, section: l.section, kind: l.kind, item: l.item, old_value: l.old_value, new_value: l.new_value, code: l.code, params: JSON.stringify(l.params) })))
      .execute();
    if (!why) {
      await recordAudit(db, { actor, action: 'device.placement_changed', target: { type: 'device', id: deviceId, label: before.hostname }, detail: { changes: lines.map((l) => ({ code: l.code, ...l.params })) }, at: now });
    }
  }
  return lines;
}
