import type { ItilKindName } from '@parc/shared/api/itil-enums';
import { DomainError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { assertCanSee, isStaffUser } from './ticket-access.js';
import { notify, type TicketCtx } from './ticket-context.js';
import { insertEvents } from './ticket-timeline.repository.js';
import { lockItem, updateItem } from './tickets.repository.js';

/** A followup on the timeline: public, or private to helpdesk staff. */
export async function addFollowup(ctx: TicketCtx, id: number, body: { body: string; private: boolean }, kind: ItilKindName = 'ticket') {
  const { db, user } = ctx;
  if (body.private && !isStaffUser(user)) throw new ValidationError('only helpdesk staff can write private followups', 'private');
  await db.transaction().execute(async (tx) => {
    const t = await lockItem(tx, id, kind);
    if (!t) throw new NotFoundError(`${kind} ${id}`);
    await assertCanSee(tx, user, t);
    if (t.status === 'closed') throw new DomainError(409, 'ticket_closed', `the ${kind} is closed: reopen it to add a followup`);
    const now = ctx.clock.now();
    await insertEvents(tx, id, now, [{ kind: 'followup', actorId: user.id, private: body.private, body: body.body }]);
    await updateItem(tx, id, { updated_at: now });
    await notify(tx, { type: 'ticket.followup', ticketId: id, actorId: user.id, summary: t.title, data: { ...(kind === 'ticket' ? {} : { kind }), private: body.private, body: body.body } }, now, ctx.email);
  });
}
