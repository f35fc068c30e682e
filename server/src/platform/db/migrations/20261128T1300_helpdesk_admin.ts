import { sql, type Kysely } from 'kysely';

// Helpdesk administration: names people tell apart case-insensitively are unique that way, and rule
// positions are unique but checked at statement end so one UPDATE can permute them (reorder).
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['groups', 'calendars', 'sla_policies', 'assignment_rules']) {
    await db.schema
      .createIndex(`${table}_lower_name_idx`)
      .unique()
      .on(table)
      .expression(sql`lower(name)`)
      .execute();
  }
  await db.schema
    .alterTable('assignment_rules')
    .addUniqueConstraint('assignment_rules_position_key', ['position'], (c) => c.deferrable().initiallyImmediate())
    .execute();
  await db.schema.createIndex('sla_policies_category_idx').on('sla_policies').column('category_id').execute();
  await db.schema.createIndex('tickets_category_id_idx').on('tickets').column('category_id').execute();
  await db.schema.createIndex('ticket_categories_parent_idx').on('ticket_categories').column('parent_id').execute();
  await db.schema.createIndex('group_members_user_idx').on('group_members').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const i of ['group_members_user_idx', 'ticket_categories_parent_idx', 'tickets_category_id_idx', 'sla_policies_category_idx']) {
    await db.schema.dropIndex(i).ifExists().execute();
  }
  await db.schema.alterTable('assignment_rules').dropConstraint('assignment_rules_position_key').execute();
  for (const table of ['groups', 'calendars', 'sla_policies', 'assignment_rules']) {
    await db.schema.dropIndex(`${table}_lower_name_idx`).ifExists().execute();
  }
}
