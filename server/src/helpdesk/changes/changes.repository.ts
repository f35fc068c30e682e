import type { Db } from '../../platform/db/database.js';

/**
 * The `change_details` table (a change's own fields), only written here; and the one line a change
 * writes in each device's history when it is applied.
 */

export interface ChangeColumns {
  risk: 'low' | 'medium' | 'high';
  impact_analysis: string | null;
  rollout_plan: string | null;
  backup_plan: string | null;
  rollback_plan: string | null;
  planned_start: Date | string | null;
  planned_end: Date | string | null;
}

export async function insertChangeDetails(db: Db, ticketId: number, d: ChangeColumns) {
  await db.insertInto('change_details').values({ ticket_id: ticketId, ...d }).execute();
}

export function changeDetails(db: Db, ticketId: number) {
  return db
    .selectFrom('change_details')
    .select(['risk', 'impact_analysis', 'rollout_plan', 'backup_plan', 'rollback_plan', 'planned_start', 'planned_end', 'applied_at'])
    .where('ticket_id', '=', ticketId)
    .executeTakeFirst();
}

/** The list's extra columns, for a page of changes. */
export function changeDetailsOf(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('change_details').select(['ticket_id', 'risk', 'planned_start', 'planned_end']).where('ticket_id', 'in', ids).execute();
}

/** Sets some fields; answers all of them as they were. */
export async function updateChangeDetails(db: Db, ticketId: number, set: Partial<ChangeColumns & { applied_at: Date }>) {
  const before = await changeDetails(db, ticketId);
  await db.updateTable('change_details').set(set).where('ticket_id', '=', ticketId).execute();
  return before ?? {};
}

/** The problems a change fixes (change → problem links) that are in one of `statuses`. */
export async function linkedProblemIds(db: Db, changeId: number, statuses: readonly string[]): Promise<number[]> {
  const rows = await db
    .selectFrom('itil_links as l')
    .innerJoin('tickets as p', 'p.id', 'l.to_id')
    .select('l.to_id')
    .where('l.from_id', '=', changeId)
    .where('l.to_kind', '=', 'problem')
    .where('p.status', 'in', statuses as never[])
    .orderBy('l.to_id')
    .execute();
  return rows.map((r) => r.to_id);
}

/**
 * One history line per device the change is linked to, in one statement: the code and parameters the
 * interface words (`change-applied`), the English text for API clients.
 */
export async function recordAppliedOnDevices(db: Db, change: { id: number; title: string }, now: Date): Promise<number> {
  const devices = await db.selectFrom('ticket_devices').select('device_id').where('ticket_id', '=', change.id).execute();
  if (devices.length === 0) return 0;
  await db
    .insertInto('device_changes')
    .values(
      devices.map((d) => ({
        device_id: d.device_id,
        at: now,
        section: 'helpdesk',
        kind: 'changed' as const,
        item: 'change',
        old_value: null,
        new_value: `Change #${change.id} applied: ${change.title}`,
        code: 'change-applied',
        params: JSON.stringify({ changeId: change.id, title: change.title }),
      })),
    )
    .execute();
  return devices.length;
}
