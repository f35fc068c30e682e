import type { ItilKindName } from '@parc/shared/api/itil-enums';
import type { Db } from '../../platform/db/database.js';
import type { AuthUser } from '../../platform/http/context.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { assertCanSee, isStaffUser, usernameCandidates } from './ticket-access.js';
import type { TicketCtx } from './ticket-context.js';
import { deviceOwnership, linkDevices, unlinkDevice as unlinkRow } from './ticket-devices.repository.js';
import { insertEvents } from './ticket-timeline.repository.js';
import { lockItem } from './tickets.repository.js';

/** The machines a ticket is about: linking (with a snapshot of the machine as it is now) and unlinking. */

/**
 * The devices exist, and a requester links only their own: a machine assigned to them, or whose owner or
 * last logged-in user is them. Otherwise any requester could read any machine's snapshot by guessing ids.
 */
export async function assertLinkableDevices(db: Db, user: AuthUser, ids: number[], field: 'deviceIds' | 'deviceId' = 'deviceIds') {
  if (ids.length === 0) return;
  const found = await deviceOwnership(db, ids);
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw new ValidationError(`unknown device id(s): ${missing.join(', ')}`, field);
  if (isStaffUser(user)) return;
  const me = user.username.toLowerCase();
  const mine = (name: string | null) => name !== null && usernameCandidates(name).includes(me);
  const foreign = found.filter((d) => d.user_id !== user.id && !mine(d.owner) && !mine(d.last_user)).map((d) => d.id);
  if (foreign.length) {
    throw new ForbiddenError(`you can link only your own devices (assigned to you, or you are their owner or last user); not device(s) ${foreign.join(', ')}: ask the helpdesk to link them`);
  }
}

export async function linkDevice(ctx: TicketCtx, id: number, deviceId: number, kind: ItilKindName = 'ticket') {
  const { db, user } = ctx;
  await db.transaction().execute(async (tx) => {
    const t = await lockItem(tx, id, kind);
    if (!t) throw new NotFoundError(`${kind} ${id}`);
    // The ticket first: someone who may not see it learns nothing about the device either.
    await assertCanSee(tx, user, t);
    if (!isStaffUser(user) && t.requester_id !== user.id) throw new ForbiddenError('only staff or the requester can link devices');
    await assertLinkableDevices(tx, user, [deviceId], 'deviceId');
    const now = ctx.clock.now();
    const linked = await linkDevices(tx, id, [deviceId], now);
    if (linked.length === 0) throw new ConflictError(`device ${deviceId} is already linked to ${kind} ${id}`, 'deviceId');
    await insertEvents(tx, id, now, [{ kind: 'link', actorId: user.id, data: { action: 'added', deviceId } }]);
  });
}

export async function unlinkDevice(ctx: TicketCtx, id: number, deviceId: number, kind: ItilKindName = 'ticket') {
  const { db, user } = ctx;
  if (!isStaffUser(user)) throw new ForbiddenError('only helpdesk staff can unlink devices');
  await db.transaction().execute(async (tx) => {
    const t = await lockItem(tx, id, kind);
    if (!t) throw new NotFoundError(`${kind} ${id}`);
    if (!(await unlinkRow(tx, id, deviceId))) throw new NotFoundError(`device ${deviceId} on ${kind} ${id}`);
    await insertEvents(tx, id, ctx.clock.now(), [{ kind: 'link', actorId: user.id, data: { action: 'removed', deviceId } }]);
  });
}
