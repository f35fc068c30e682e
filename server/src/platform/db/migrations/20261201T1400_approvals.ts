import { sql, type Kysely } from 'kysely';

/*
 * Approvals (validations) of ITIL objects (rows of `tickets`: tickets, problems, changes):
 * - approval_rounds: one request for approval of an item, any-of or all-of, pending until settled
 *   (approved / refused) or superseded by a newer round on the same item;
 * - approval_approvers: who is asked in a round, a user or a group (any active member answers for it),
 *   with the answer, its comment, when and by whom;
 * - category_approvals / category_approvers: a category whose requests need approval, and by whom.
 * The partial indexes serve "my pending approvals" (by user, by group) and "the item's open round".
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('approval_rounds')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('item_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('any', 'all')`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'approved', 'refused', 'superseded')`))
    .addColumn('comment', 'text')
    .addColumn('requested_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('settled_at', 'timestamptz')
    .addCheckConstraint('approval_rounds_settled', sql`(status = 'pending') = (settled_at is null)`)
    .execute();
  await db.schema.createIndex('approval_rounds_item_idx').on('approval_rounds').columns(['item_id', 'id']).execute();
  // At most one pending round per item: a new round supersedes the old one in the same transaction.
  await db.schema.createIndex('approval_rounds_one_pending').unique().on('approval_rounds').column('item_id').where(sql.ref('status'), '=', 'pending').execute();

  await db.schema
    .createTable('approval_approvers')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('round_id', 'integer', (c) => c.notNull().references('approval_rounds.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('group_id', 'integer', (c) => c.references('groups.id').onDelete('cascade'))
    .addColumn('answer', 'text', (c) => c.check(sql`answer in ('approved', 'refused')`))
    .addColumn('comment', 'text')
    .addColumn('answered_at', 'timestamptz')
    .addColumn('answered_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addCheckConstraint('approval_approvers_one', sql`(user_id is null) <> (group_id is null)`)
    .addCheckConstraint('approval_approvers_answered', sql`(answer is null) = (answered_at is null)`)
    .execute();
  await db.schema
    .createIndex('approval_approvers_unique')
    .unique()
    .on('approval_approvers')
    .expression(sql`round_id, coalesce(user_id, 0), coalesce(group_id, 0)`)
    .execute();
  await db.schema.createIndex('approval_approvers_pending_user_idx').on('approval_approvers').column('user_id').where(sql.ref('answer'), 'is', null).execute();
  await db.schema.createIndex('approval_approvers_pending_group_idx').on('approval_approvers').column('group_id').where(sql.ref('answer'), 'is', null).execute();
  await db.schema.createIndex('approval_approvers_answered_by_idx').on('approval_approvers').column('answered_by').execute();

  await db.schema
    .createTable('category_approvals')
    .addColumn('category_id', 'integer', (c) => c.primaryKey().references('ticket_categories.id').onDelete('cascade'))
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('any', 'all')`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('category_approvers')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('category_id', 'integer', (c) => c.notNull().references('category_approvals.category_id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('group_id', 'integer', (c) => c.references('groups.id').onDelete('cascade'))
    .addCheckConstraint('category_approvers_one', sql`(user_id is null) <> (group_id is null)`)
    .execute();
  await db.schema
    .createIndex('category_approvers_unique')
    .unique()
    .on('category_approvers')
    .expression(sql`category_id, coalesce(user_id, 0), coalesce(group_id, 0)`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['category_approvers', 'category_approvals', 'approval_approvers', 'approval_rounds']) await db.schema.dropTable(t).ifExists().execute();
}
