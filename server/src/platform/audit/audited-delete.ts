import { sql, type Kysely } from 'kysely';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/in-transaction.js';
import type { Database } from '../db/schema.js';
import { recordAudit, type AuditActor } from './audit.repository.js';

/** What is being deleted: its kind for the log, its table and id, and the column that names it for people. */
export interface DeletedThing {
  type: string;
  id: number;
  table: keyof Database;
  labelColumn?: string;
}

/**
 * Deletes through `remove` and records who did it, in one transaction: the entry exists exactly when the
 * deletion does. The thing's name is read first, since afterwards it is gone.
 */
export async function auditedDelete(db: Db, actor: AuditActor, thing: DeletedThing, remove: (tx: Db) => Promise<void>): Promise<void> {
  await inTransaction(db, async (tx) => {
    const label = thing.labelColumn
      ? (await (tx as unknown as Kysely<Record<string, { id: number }>>)
          .selectFrom(thing.table)
          .select(sql<string | null>`${sql.ref(thing.labelColumn)}::text`.as('label'))
          .where('id', '=', thing.id)
          .executeTakeFirst())?.label ?? null
      : null;
    await remove(tx);
    await recordAudit(tx, { actor, action: 'deleted', target: { type: thing.type, id: thing.id, label } });
  });
}
