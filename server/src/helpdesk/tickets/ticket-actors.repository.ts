import type { Db } from '../../platform/db/database.js';

/** The `ticket_actors` table (assignees and observers, users or groups): only this repository writes it. */

export type ActorRole = 'assignee' | 'observer';

export function ticketActors(db: Db, ticketIds: number[]) {
  if (ticketIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('ticket_actors as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .leftJoin('groups as g', 'g.id', 'a.group_id')
    .select(['a.ticket_id', 'a.role', 'a.user_id', 'a.group_id', 'u.username', 'u.display_name', 'g.name as group_name'])
    .where('a.ticket_id', 'in', ticketIds)
    .orderBy('a.id')
    .execute();
}

export async function isObserver(db: Db, ticketId: number, userId: number): Promise<boolean> {
  const row = await db.selectFrom('ticket_actors').select('id').where('ticket_id', '=', ticketId).where('role', '=', 'observer').where('user_id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

/** The users assigned to each ticket (statistics count a ticket for each of its technicians). */
export async function assigneeUsers(db: Db, ticketIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (ticketIds.length === 0) return out;
  const rows = await db
    .selectFrom('ticket_actors')
    .select(['ticket_id', 'user_id'])
    .where('ticket_id', 'in', ticketIds)
    .where('role', '=', 'assignee')
    .where('user_id', 'is not', null)
    .execute();
  for (const r of rows) out.set(r.ticket_id, [...(out.get(r.ticket_id) ?? []), r.user_id!]);
  return out;
}

export async function addActors(db: Db, ticketId: number, role: ActorRole, userIds: number[], groupIds: number[]) {
  const rows = [
    ...userIds.map((u) => ({ ticket_id: ticketId, role, user_id: u, group_id: null })),
    ...groupIds.map((g) => ({ ticket_id: ticketId, role, user_id: null, group_id: g })),
  ];
  if (rows.length === 0) return;
  await db.insertInto('ticket_actors').values(rows).onConflict((oc) => oc.doNothing()).execute();
}

export async function removeActors(db: Db, ticketId: number, role: ActorRole, userIds: number[], groupIds: number[]) {
  if (userIds.length === 0 && groupIds.length === 0) return;
  await db
    .deleteFrom('ticket_actors')
    .where('ticket_id', '=', ticketId)
    .where('role', '=', role)
    .where((eb) =>
      eb.or([
        ...(userIds.length ? [eb('user_id', 'in', userIds)] : []),
        ...(groupIds.length ? [eb('group_id', 'in', groupIds)] : []),
      ]),
    )
    .execute();
}

/** Makes the observers exactly these users. */
export async function replaceObservers(db: Db, ticketId: number, userIds: number[]) {
  await db.deleteFrom('ticket_actors').where('ticket_id', '=', ticketId).where('role', '=', 'observer').execute();
  await addActors(db, ticketId, 'observer', userIds, []);
}
