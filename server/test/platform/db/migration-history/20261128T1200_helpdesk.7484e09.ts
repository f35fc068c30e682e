import { sql, type Kysely } from 'kysely';

// Helpdesk: groups, categories, calendars and SLA policies, tickets with actors, linked devices (with a
// snapshot taken at link time), timeline, tasks, pending intervals, assignment rules, notification outbox.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('groups')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('group_members')
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('ticket_categories')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('parent_id', 'integer', (c) => c.references('ticket_categories.id').onDelete('restrict'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('ticket_categories_name_idx')
    .unique()
    .on('ticket_categories')
    .expression(sql`coalesce(parent_id, 0), lower(name)`)
    .execute();

  await db.schema
    .createTable('calendars')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('sla_policies')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('calendar_id', 'integer', (c) => c.notNull().references('calendars.id').onDelete('restrict'))
    .addColumn('category_id', 'integer', (c) => c.references('ticket_categories.id').onDelete('cascade'))
    /** { "<priority>": { "ownMinutes": n, "resolveMinutes": n } } */
    .addColumn('targets', 'jsonb', (c) => c.notNull())
    .addColumn('at_risk_ratio', 'real', (c) => c.notNull().defaultTo(0.8))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('incident', 'request')`))
    .addColumn('category_id', 'integer', (c) => c.references('ticket_categories.id').onDelete('set null'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('new', 'assigned', 'planned', 'pending', 'solved', 'closed')`),
    )
    .addColumn('urgency', 'integer', (c) => c.notNull().check(sql`urgency between 1 and 5`))
    .addColumn('impact', 'integer', (c) => c.notNull().check(sql`impact between 1 and 5`))
    .addColumn('priority', 'integer', (c) => c.notNull().check(sql`priority between 1 and 6`))
    .addColumn('requester_id', 'integer', (c) => c.notNull().references('users.id').onDelete('restrict'))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id').onDelete('restrict'))
    .addColumn('location', 'text')
    .addColumn('due_at', 'timestamptz')
    .addColumn('sla_policy_id', 'integer', (c) => c.references('sla_policies.id').onDelete('set null'))
    .addColumn('own_due_at', 'timestamptz')
    .addColumn('resolve_due_at', 'timestamptz')
    .addColumn('pending_reason', 'text')
    .addColumn('status_before_pending', 'text')
    .addColumn('major', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('solution', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('owned_at', 'timestamptz')
    .addColumn('solved_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('tickets_status_idx').on('tickets').columns(['status', 'priority']).execute();
  await db.schema.createIndex('tickets_requester_idx').on('tickets').column('requester_id').execute();
  await db.schema.createIndex('tickets_created_idx').on('tickets').column('created_at').execute();

  await db.schema
    .createTable('ticket_actors')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('assignee', 'observer')`))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('group_id', 'integer', (c) => c.references('groups.id').onDelete('cascade'))
    .addCheckConstraint('ticket_actors_one', sql`(user_id is null) <> (group_id is null)`)
    .execute();
  await db.schema
    .createIndex('ticket_actors_unique')
    .unique()
    .on('ticket_actors')
    .expression(sql`ticket_id, role, coalesce(user_id, 0), coalesce(group_id, 0)`)
    .execute();

  await db.schema
    .createTable('ticket_devices')
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('device_id', 'integer', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .addColumn('linked_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_devices_pk', ['ticket_id', 'device_id'])
    .execute();
  await db.schema.createIndex('ticket_devices_device_idx').on('ticket_devices').column('device_id').execute();

  await db.schema
    .createTable('ticket_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('private', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('body', 'text')
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex('ticket_events_ticket_idx').on('ticket_events').columns(['ticket_id', 'at']).execute();

  await db.schema
    .createTable('ticket_tasks')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('todo', 'done')`))
    .addColumn('private', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('duration_minutes', 'integer')
    .addColumn('assignee_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('planned_start', 'timestamptz')
    .addColumn('planned_end', 'timestamptz')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('ticket_pending_intervals')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('assignment_rules')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('category_id', 'integer', (c) => c.references('ticket_categories.id').onDelete('cascade'))
    .addColumn('location', 'text')
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();

  await db.schema
    .createTable('notification_outbox')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email', 'webhook')`))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('failed_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('notification_outbox_due_idx')
    .on('notification_outbox')
    .column('next_attempt_at')
    .where(sql.ref('delivered_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('webhooks')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('events', sql`text[]`, (c) => c.notNull())
    .addColumn('secret', 'text')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'webhooks',
    'notification_outbox',
    'assignment_rules',
    'ticket_pending_intervals',
    'ticket_tasks',
    'ticket_events',
    'ticket_devices',
    'ticket_actors',
    'tickets',
    'sla_policies',
    'calendars',
    'ticket_categories',
    'group_members',
    'groups',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
